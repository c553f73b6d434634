/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-application.h"
#include "ruhu-device.h"
#include "ruhu-preferences-window.h"
#include "ruhu-window.h"

struct _RuhuApplication
{
  AdwApplication  parent_instance;
  GSettings      *settings;
  char           *device_dir;
};

G_DEFINE_FINAL_TYPE (RuhuApplication, ruhu_application, ADW_TYPE_APPLICATION)

static RuhuWindow *
active_window (RuhuApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return RUHU_IS_WINDOW (window) ? RUHU_WINDOW (window) : NULL;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_autolist (GtkWindow) windows =
    g_list_copy_deep (gtk_application_get_windows (GTK_APPLICATION (user_data)),
                      (GCopyFunc) (void (*) (void)) g_object_ref, NULL);

  /* Closing the windows first lets each save its size and cancel its work. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_application_quit (G_APPLICATION (user_data));
}

static void
sync_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  RuhuWindow *window = active_window (user_data);

  if (window != NULL)
    ruhu_window_sync (window);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  RuhuApplication *self = user_data;
  RuhuWindow *window = active_window (self);
  RuhuPreferencesWindow *preferences;

  preferences = ruhu_preferences_window_new (GTK_WINDOW (window), self->settings,
                                             window ? ruhu_window_get_device (window) : NULL);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  RuhuApplication *self = user_data;
  const char *developers[] = { _("The Ruhu authors"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", active_window (self),
                        "application", self,
                        "application-name", _("Household Survey"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Ruhu authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Household investigations for social assistance, "
                                      "in the field and offline."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Ruhu authors",
                        "developers", developers,
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "sync", sync_activated },
  { "preferences", preferences_activated },
  { "about", about_activated },
};

static const struct
{
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.sync", { "<Control>r", "F5", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "win.search", { "<Control>f", NULL } },
  { "win.back", { "<Alt>Left", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
  { "window.close", { "<Control>w", NULL } },
};

static void
ruhu_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (ruhu_window_new (RUHU_APPLICATION (app)));
  gtk_window_present (window);
}

static void
ruhu_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (ruhu_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);
}

static int
ruhu_application_handle_local_options (GApplication *app,
                                       GVariantDict *options)
{
  RuhuApplication *self = RUHU_APPLICATION (app);
  const char *dir = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("ruhu %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "device-dir", "^&ay", &dir))
    ruhu_application_set_device_dir (self, dir);
  return -1;
}

static void
ruhu_application_dispose (GObject *object)
{
  RuhuApplication *self = RUHU_APPLICATION (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (ruhu_application_parent_class)->dispose (object);
}

static void
ruhu_application_finalize (GObject *object)
{
  RuhuApplication *self = RUHU_APPLICATION (object);

  g_free (self->device_dir);
  G_OBJECT_CLASS (ruhu_application_parent_class)->finalize (object);
}

static void
ruhu_application_class_init (RuhuApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ruhu_application_dispose;
  G_OBJECT_CLASS (klass)->finalize = ruhu_application_finalize;
  app_class->activate = ruhu_application_activate;
  app_class->startup = ruhu_application_startup;
  app_class->handle_local_options = ruhu_application_handle_local_options;
}

static void
ruhu_application_init (RuhuApplication *self)
{
  const GOptionEntry options[] = {
    { "device-dir", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Keep this device's store and photos in DIR (default: RUHU_DEVICE_DIR or the "
         "user data folder)"), N_("DIR") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and quit"), NULL },
    { NULL }
  };
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  self->device_dir = ruhu_device_default_dir ();
  /* Without the schema (an uninstalled build run by hand) nothing is
   * remembered, but the app still works. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new (APPLICATION_ID);
  else
    g_message ("The settings schema %s is not installed; settings will not be kept",
               APPLICATION_ID);
}

RuhuApplication *
ruhu_application_new (void)
{
  return g_object_new (RUHU_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/org/ruhu/Ruhu",
                       NULL);
}

/**
 * ruhu_application_get_settings:
 *
 * Returns: (transfer none) (nullable): the app's settings, %NULL when the
 *   schema is not installed
 */
GSettings *
ruhu_application_get_settings (RuhuApplication *self)
{
  g_return_val_if_fail (RUHU_IS_APPLICATION (self), NULL);
  return self->settings;
}

/* Where this device keeps its store: --device-dir, RUHU_DEVICE_DIR or the
 * user data folder. */
const char *
ruhu_application_get_device_dir (RuhuApplication *self)
{
  g_return_val_if_fail (RUHU_IS_APPLICATION (self), NULL);
  return self->device_dir;
}

void
ruhu_application_set_device_dir (RuhuApplication *self,
                                 const char      *dir)
{
  g_return_if_fail (RUHU_IS_APPLICATION (self));
  g_return_if_fail (dir != NULL);

  g_free (self->device_dir);
  self->device_dir = g_strdup (dir);
}
