/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ruhu-setup-page.h"
#include "ruhu-a11y.h"
#include "ruhu-sync-message.h"

/* A passphrase shorter than this is too easy to guess for a lost tablet. */
#define MIN_PASSPHRASE_LENGTH 8

struct _RuhuSetupPage
{
  RuhuStartPage parent_instance;
  AdwEntryRow  *server_row;
  AdwEntryRow  *user_row;
  AdwEntryRow  *password_row;
  AdwEntryRow  *passphrase_row;
  AdwEntryRow  *repeat_row;
  GtkLabel     *error_label;
  GtkSpinner   *spinner;

  RuhuDevice   *device;       /* made but not yet logged in */
};

G_DEFINE_FINAL_TYPE (RuhuSetupPage, ruhu_setup_page, RUHU_TYPE_START_PAGE)

enum
{
  DONE,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
set_busy (RuhuSetupPage *self,
          gboolean       busy)
{
  GtkWidget *rows[] = {
    GTK_WIDGET (self->server_row), GTK_WIDGET (self->user_row),
    GTK_WIDGET (self->password_row), GTK_WIDGET (self->passphrase_row),
    GTK_WIDGET (self->repeat_row),
  };

  /* Read-only rather than insensitive: GTK 4.8 takes the focus from an
   * insensitive entry without telling it, and its cursor keeps blinking. */
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_editable_set_editable (GTK_EDITABLE (rows[i]), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "setup.submit", !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  ruhu_start_page_set_busy (RUHU_START_PAGE (self), busy);
}

/* Shows @message (or hides the message for NULL) and marks @row. */
static void
show_error (RuhuSetupPage *self,
            const char    *message,
            AdwEntryRow   *row)
{
  AdwEntryRow *rows[] = {
    self->server_row, self->user_row, self->password_row, self->passphrase_row,
    self->repeat_row,
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i] == row)
      gtk_widget_add_css_class (GTK_WIDGET (rows[i]), "error");
    else
      gtk_widget_remove_css_class (GTK_WIDGET (rows[i]), "error");
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  ruhu_start_page_set_error (RUHU_START_PAGE (self), message);
}

/* What is missing or wrong in the form, or NULL when it can be sent;
 * @row is set to the field to fix. */
static const char *
check_form (RuhuSetupPage  *self,
            AdwEntryRow   **row)
{
  const char *server = row_text (self->server_row);

  *row = self->server_row;
  if (*server == '\0')
    return _("Type the server address your office gave you.");
  if (!g_str_has_prefix (server, "http://") && !g_str_has_prefix (server, "https://"))
    return _("The server address starts with https:// or http://.");
  *row = self->user_row;
  if (*row_text (self->user_row) == '\0')
    return _("Type your user name.");
  *row = self->password_row;
  if (*row_text (self->password_row) == '\0')
    return _("Type your password.");
  *row = self->passphrase_row;
  if (g_utf8_strlen (row_text (self->passphrase_row), -1) < MIN_PASSPHRASE_LENGTH)
    return _("The passphrase needs at least 8 characters.");
  *row = self->repeat_row;
  if (strcmp (row_text (self->passphrase_row), row_text (self->repeat_row)) != 0)
    return _("The two passphrases differ. Type the same one twice.");
  *row = NULL;
  return NULL;
}

/* The store a failed first start made is removed once it is closed, so
 * that the next attempt (or the next start) begins afresh. */
static void
store_closed_cb (gpointer  data,
                 GObject  *where_the_store_was)
{
  RuhuSetupPage *self = data;
  g_autoptr(GError) error = NULL;

  if (!ruhu_device_remove_store (ruhu_start_page_get_store_dir (RUHU_START_PAGE (self)), &error))
    g_warning ("%s", error->message);
  set_busy (self, FALSE);
  g_object_unref (self);
}

static void
fail (RuhuSetupPage *self,
      const char    *message,
      AdwEntryRow   *row)
{
  show_error (self, message, row);
  if (self->device == NULL)
    {
      set_busy (self, FALSE);
      return;
    }
  /* The form stays busy till the store is closed and removed. */
  g_object_weak_ref (G_OBJECT (ruhu_device_get_store (self->device)), store_closed_cb,
                     g_object_ref (self));
  g_clear_object (&self->device);
}

static AdwEntryRow *
row_for_error (RuhuSetupPage *self,
               const GError  *error)
{
  if (g_error_matches (error, RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_BAD_CREDENTIALS))
    return self->password_row;
  if (g_error_matches (error, RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_NETWORK) ||
      g_error_matches (error, RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_PROTOCOL))
    return self->server_row;
  return NULL;
}

static void
login_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RuhuSetupPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!ruhu_sync_client_login_finish (RUHU_SYNC_CLIENT (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = ruhu_sync_error_describe (error);
      fail (self, message, row_for_error (self, error));
      return;
    }
  ruhu_device_reload_account (self->device);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_row), "");
  set_busy (self, FALSE);
  g_signal_emit (self, signals[DONE], 0, self->device);
  g_clear_object (&self->device);
}

static void
store_made_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RuhuSetupPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;

  self->device = ruhu_device_open_finish (result, &error);
  if (self->device == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("Could not make the store on this device: %s"), error->message);
      fail (self, message, NULL);
      return;
    }
  server = g_strstrip (g_strdup (row_text (self->server_row)));
  user = g_strstrip (g_strdup (row_text (self->user_row)));
  ruhu_sync_client_login_async (ruhu_device_get_sync_client (self->device), server, user,
                                row_text (self->password_row),
                                ruhu_start_page_get_cancellable (RUHU_START_PAGE (self)), login_cb,
                                g_object_ref (self));
}

static void
submit_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  RuhuSetupPage *self = RUHU_SETUP_PAGE (widget);
  AdwEntryRow *row = NULL;
  const char *problem;

  if (ruhu_start_page_get_busy (RUHU_START_PAGE (self)))
    return;
  problem = check_form (self, &row);
  show_error (self, problem, row);
  if (problem != NULL)
    return;
  set_busy (self, TRUE);
  ruhu_device_open_async (ruhu_start_page_get_store_dir (RUHU_START_PAGE (self)),
                          row_text (self->passphrase_row), TRUE,
                          ruhu_start_page_get_cancellable (RUHU_START_PAGE (self)), store_made_cb,
                          g_object_ref (self));
}

static void
entry_activated_cb (RuhuSetupPage *self,
                    AdwEntryRow   *row)
{
  AdwEntryRow *order[] = {
    self->server_row, self->user_row, self->password_row, self->passphrase_row,
    self->repeat_row,
  };

  /* Enter moves to the next field, and sends the form from the last one. */
  for (guint i = 0; i + 1 < G_N_ELEMENTS (order); i++)
    if (order[i] == row)
      {
        gtk_widget_grab_focus (GTK_WIDGET (order[i + 1]));
        return;
      }
  gtk_widget_activate_action (GTK_WIDGET (self), "setup.submit", NULL);
}

static void
field_changed_cb (RuhuSetupPage *self,
                  AdwEntryRow   *row)
{
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
ruhu_setup_page_dispose (GObject *object)
{
  RuhuSetupPage *self = RUHU_SETUP_PAGE (object);

  g_clear_object (&self->device);
  G_OBJECT_CLASS (ruhu_setup_page_parent_class)->dispose (object);
}

static void
ruhu_setup_page_class_init (RuhuSetupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ruhu_setup_page_dispose;

  /**
   * RuhuSetupPage::done:
   * @device: the new device, logged in
   */
  signals[DONE] =
    g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, RUHU_TYPE_DEVICE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/ruhu/Ruhu/ruhu-setup-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RuhuSetupPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, RuhuSetupPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, RuhuSetupPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, RuhuSetupPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, RuhuSetupPage, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, RuhuSetupPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, RuhuSetupPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_install_action (widget_class, "setup.submit", NULL, submit_cb);
}

static void
ruhu_setup_page_init (RuhuSetupPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ruhu_a11y_tidy_names (GTK_WIDGET (self));
}

RuhuSetupPage *
ruhu_setup_page_new (void)
{
  return g_object_new (RUHU_TYPE_SETUP_PAGE, NULL);
}

/* Fills the server address in, when the settings or the demo know it. */
void
ruhu_setup_page_set_server (RuhuSetupPage *self,
                            const char    *server_url)
{
  g_return_if_fail (RUHU_IS_SETUP_PAGE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server_url ? server_url : "");
}
