/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-unlock-page.h"
#include "ruhu-a11y.h"

struct _RuhuUnlockPage
{
  RuhuStartPage  parent_instance;
  AdwEntryRow   *passphrase_row;
  GtkLabel      *error_label;
  GtkSpinner    *spinner;
};

G_DEFINE_FINAL_TYPE (RuhuUnlockPage, ruhu_unlock_page, RUHU_TYPE_START_PAGE)

enum
{
  UNLOCKED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static void
busy_changed_cb (RuhuUnlockPage *self)
{
  gboolean busy = ruhu_start_page_get_busy (RUHU_START_PAGE (self));

  /* Read-only rather than insensitive: GTK 4.8 takes the focus from an
   * insensitive entry without telling it, and its cursor keeps blinking. */
  gtk_editable_set_editable (GTK_EDITABLE (self->passphrase_row), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "unlock.submit", !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static void
error_changed_cb (RuhuUnlockPage *self)
{
  const char *message = ruhu_start_page_get_error (RUHU_START_PAGE (self));

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->passphrase_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->passphrase_row), "error");
}

/* Everything but a wrong passphrase means the file itself is in trouble:
 * the user must not delete it, since it may hold unsynced work. */
static char *
describe_error (RuhuUnlockPage *self,
                const GError   *error)
{
  g_autofree char *path = g_build_filename (ruhu_start_page_get_store_dir (RUHU_START_PAGE (self)),
                                            RUHU_DEVICE_STORE_FILE, NULL);

  if (g_error_matches (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_WRONG_PASSPHRASE))
    return g_strdup (_("The passphrase is wrong. Type it again, paying attention to capitals."));
  if (g_error_matches (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_TOO_NEW))
    return g_strdup (_("The data on this device was written by a newer version of this app. "
                       "Update the app, then open it again."));
  return g_strdup_printf (_("The data on this device is damaged and cannot be opened (%s). "
                            "Do not delete %s: ask your office for help, as it may hold "
                            "changes not yet synced."),
                          error->message, path);
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RuhuUnlockPage) self = user_data;
  g_autoptr(RuhuDevice) device = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  device = ruhu_device_open_finish (result, &error);
  if (device == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  ruhu_start_page_set_busy (RUHU_START_PAGE (self), FALSE);
  if (device == NULL)
    {
      message = describe_error (self, error);
      ruhu_start_page_set_error (RUHU_START_PAGE (self), message);
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  ruhu_start_page_set_error (RUHU_START_PAGE (self), NULL);
  g_signal_emit (self, signals[UNLOCKED], 0, device);
}

static void
submit_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  RuhuUnlockPage *self = RUHU_UNLOCK_PAGE (widget);
  RuhuStartPage *page = RUHU_START_PAGE (widget);
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));

  if (ruhu_start_page_get_busy (page))
    return;
  if (*passphrase == '\0')
    {
      ruhu_start_page_set_error (page, _("Type the passphrase of this device."));
      return;
    }
  ruhu_start_page_set_busy (page, TRUE);
  ruhu_device_open_async (ruhu_start_page_get_store_dir (page), passphrase, FALSE,
                          ruhu_start_page_get_cancellable (page), opened_cb, g_object_ref (self));
}

static void
entry_activated_cb (RuhuUnlockPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "unlock.submit", NULL);
}

static void
passphrase_changed_cb (RuhuUnlockPage *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->passphrase_row), "error");
}

static void
ruhu_unlock_page_class_init (RuhuUnlockPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * RuhuUnlockPage::unlocked:
   * @device: the device on the unlocked store
   */
  signals[UNLOCKED] =
    g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, RUHU_TYPE_DEVICE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/ruhu/Ruhu/ruhu-unlock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RuhuUnlockPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, RuhuUnlockPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, RuhuUnlockPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_changed_cb);
  gtk_widget_class_install_action (widget_class, "unlock.submit", NULL, submit_cb);
}

static void
ruhu_unlock_page_init (RuhuUnlockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ruhu_a11y_tidy_names (GTK_WIDGET (self));
  g_signal_connect (self, "notify::busy", G_CALLBACK (busy_changed_cb), NULL);
  g_signal_connect (self, "notify::error", G_CALLBACK (error_changed_cb), NULL);
}

RuhuUnlockPage *
ruhu_unlock_page_new (void)
{
  return g_object_new (RUHU_TYPE_UNLOCK_PAGE, NULL);
}
