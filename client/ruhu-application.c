/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-application.h"
#include "ruhu-window.h"

struct _RuhuApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (RuhuApplication, ruhu_application, ADW_TYPE_APPLICATION)

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
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
  const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (ruhu_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
ruhu_application_class_init (RuhuApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = ruhu_application_activate;
  app_class->startup = ruhu_application_startup;
}

static void
ruhu_application_init (RuhuApplication *self)
{
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
