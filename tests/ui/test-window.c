/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-application.h"
#include "ruhu-window.h"
#include "ui-fixture.h"

/* The window opens, is drawn and can be photographed at both widths the
 * product supports: a desktop and a narrow phone-sized tablet. */
static void
test_window_opens (void)
{
  g_autoptr(RuhuApplication) app = ruhu_application_new ();
  RuhuWindow *window;
  g_autofree char *wide = NULL;
  g_autofree char *narrow = NULL;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  window = ruhu_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  ui_iterate (300);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  wide = ui_save_screenshot (GTK_WIDGET (window), "window-wide");
  g_assert_true (g_file_test (wide, G_FILE_TEST_EXISTS));

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  ui_iterate (300);
  narrow = ui_save_screenshot (GTK_WIDGET (window), "window-narrow");
  g_assert_true (g_file_test (narrow, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  ui_fixture_init (&argc, &argv);
  g_test_add_func ("/ruhu/ui/window/opens", test_window_opens);
  return g_test_run ();
}
