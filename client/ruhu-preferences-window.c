/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-preferences-window.h"
#include "ruhu-a11y.h"
#include "ruhu-sync-message.h"

struct _RuhuPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;
  GtkSwitch            *auto_switch;
  GtkSpinButton        *interval_spin;
  AdwPreferencesGroup  *device_group;
  AdwActionRow         *server_row;
  AdwActionRow         *user_row;
  AdwActionRow         *device_row;
  AdwPreferencesGroup  *login_group;
  AdwEntryRow          *password_row;
  GtkButton            *sign_in_button;

  RuhuDevice           *device;
  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (RuhuPreferencesWindow, ruhu_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static char *
device_setting (RuhuPreferencesWindow *self,
                const char            *name)
{
  return ruhu_store_get_setting (ruhu_device_get_store (self->device), name, NULL);
}

static void
show_device (RuhuPreferencesWindow *self)
{
  g_autofree char *server = device_setting (self, RUHU_SYNC_SETTING_SERVER);
  g_autofree char *user = device_setting (self, RUHU_SYNC_SETTING_USER);

  adw_action_row_set_subtitle (self->server_row, server ? server : _("Not signed in"));
  adw_action_row_set_subtitle (self->user_row, user ? user : "—");
  adw_action_row_set_subtitle (self->device_row,
                               ruhu_store_get_device_id (ruhu_device_get_store (self->device)));
  gtk_widget_set_visible (GTK_WIDGET (self->login_group), server != NULL && user != NULL);
}

static void
show_toast (RuhuPreferencesWindow *self,
            const char            *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
}

static void
login_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RuhuPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!ruhu_sync_client_login_finish (RUHU_SYNC_CLIENT (source), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->login_group), TRUE);
  if (error != NULL)
    {
      message = ruhu_sync_error_describe (error);
      show_toast (self, message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  ruhu_device_reload_account (self->device);
  show_device (self);
  show_toast (self, _("Signed in"));
}

/* The same server and user as before, with a password typed now. */
static void
sign_in_cb (RuhuPreferencesWindow *self)
{
  g_autofree char *server = device_setting (self, RUHU_SYNC_SETTING_SERVER);
  g_autofree char *user = device_setting (self, RUHU_SYNC_SETTING_USER);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (server == NULL || user == NULL || *password == '\0')
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->login_group), FALSE);
  ruhu_sync_client_login_async (ruhu_device_get_sync_client (self->device), server, user,
                                password, self->cancellable, login_cb, g_object_ref (self));
}

static void
ruhu_preferences_window_dispose (GObject *object)
{
  RuhuPreferencesWindow *self = RUHU_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->device);
  G_OBJECT_CLASS (ruhu_preferences_window_parent_class)->dispose (object);
}

static void
ruhu_preferences_window_class_init (RuhuPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ruhu_preferences_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/ruhu/Ruhu/ruhu-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RuhuPreferencesWindow, auto_switch);
  gtk_widget_class_bind_template_child (widget_class, RuhuPreferencesWindow, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, RuhuPreferencesWindow, device_group);
  gtk_widget_class_bind_template_child (widget_class, RuhuPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, RuhuPreferencesWindow, user_row);
  gtk_widget_class_bind_template_child (widget_class, RuhuPreferencesWindow, device_row);
  gtk_widget_class_bind_template_child (widget_class, RuhuPreferencesWindow, login_group);
  gtk_widget_class_bind_template_child (widget_class, RuhuPreferencesWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, RuhuPreferencesWindow, sign_in_button);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_cb);
}

static void
ruhu_preferences_window_init (RuhuPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ruhu_a11y_tidy_names (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * ruhu_preferences_window_new:
 * @parent: (nullable): the main window
 * @settings: (nullable): the app's settings; their rows hide without them
 * @device: (nullable): the unlocked device; its rows hide without it
 */
RuhuPreferencesWindow *
ruhu_preferences_window_new (GtkWindow  *parent,
                             GSettings  *settings,
                             RuhuDevice *device)
{
  RuhuPreferencesWindow *self = g_object_new (RUHU_TYPE_PREFERENCES_WINDOW,
                                              "transient-for", parent, NULL);

  if (settings != NULL)
    {
      g_settings_bind (settings, "auto-sync", self->auto_switch, "active", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "sync-interval", self->interval_spin, "value",
                       G_SETTINGS_BIND_DEFAULT);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->auto_switch), settings != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->interval_spin), settings != NULL);
  if (device != NULL)
    {
      self->device = g_object_ref (device);
      show_device (self);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->device_group), device != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->login_group), device != NULL &&
                          gtk_widget_get_visible (GTK_WIDGET (self->login_group)));
  return self;
}
