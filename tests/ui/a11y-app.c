/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <glib/gi18n-lib.h>
#include "ruhu-application.h"
#include "ruhu-window.h"
#include "ui-fixture.h"

/* The client as test-a11y.py sees it through the accessibility bus: a
 * window in one of a few states, left running until SIGTERM.
 *
 *   a11y-app setup   the first start (no device yet)
 *   a11y-app case    a demo device with a case open, list and case side by side
 *
 * It prints "ready" once the window is drawn, then each change of focus.
 * A time-out ends it should the
 * script die without stopping it. */

/* What a person would call the focused widget: the title of the row it
 * sits in, or its own label. */
static const char *
focus_label (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      if (ADW_IS_PREFERENCES_ROW (w))
        return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w));
      if (GTK_IS_BUTTON (w) && gtk_button_get_label (GTK_BUTTON (w)) != NULL)
        return gtk_button_get_label (GTK_BUTTON (w));
      if (gtk_widget_get_tooltip_text (w) != NULL)
        return gtk_widget_get_tooltip_text (w);
    }
  return "";
}

/* GTK 4.8 does not announce the focus of the text inside an AdwEntryRow on
 * the accessibility bus, so the window reports its focus itself: one line
 * "focus TYPE LABEL" per change, read by test-a11y.py. */
static void
focus_changed_cb (GtkWindow  *window,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  if (focus == NULL)
    return;
  printf ("focus\t%s\t%s\n", G_OBJECT_TYPE_NAME (focus), focus_label (focus));
  fflush (stdout);
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
run_until_stopped (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_timeout_add_seconds (240, quit_cb, loop);
  printf ("ready\n");
  fflush (stdout);
  g_main_loop_run (loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RuhuApplication) app = NULL;
  g_autofree char *home = NULL;
  const char *mode = argc > 1 ? argv[1] : "case";
  UiFixture fixture = { 0 };
  RuhuWindow *window;

  /* A data directory of its own, so "setup" finds no device store. */
  home = g_dir_make_tmp ("ruhu-a11y-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  textdomain (GETTEXT_PACKAGE);
  gtk_init ();
  adw_init ();

  app = ruhu_application_new ();
  if (!g_application_register (G_APPLICATION (app), NULL, NULL))
    return 1;
  g_set_application_name ("Ruhu");
  window = ruhu_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  if (g_str_equal (mode, "case"))
    {
      ui_fixture_setup (&fixture, 8);
      ruhu_window_set_device (window, fixture.device);
      ruhu_window_open_case (window, g_ptr_array_index (fixture.case_ids, 0));
    }
  gtk_window_present (GTK_WINDOW (window));
  ui_iterate (1500);
  g_signal_connect (window, "notify::focus-widget", G_CALLBACK (focus_changed_cb), NULL);
  run_until_stopped ();

  gtk_window_destroy (GTK_WINDOW (window));
  ui_iterate (100);
  if (fixture.dir != NULL)
    ui_fixture_teardown (&fixture);
  g_rmdir (home);
  return 0;
}
