/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>
#include "ruhu-application.h"
#include "ruhu-paths.h"
#include "ruhu-sync-message.h"
#include "ruhu-window.h"
#include "ui-fixture.h"

/* Most users read Chinese: with a Chinese locale the window speaks it,
 * down to the labels of the forms on a case page. */
static void
assert_shows_translation (GtkWidget  *root,
                          const char *english)
{
  const char *chinese = g_dgettext (GETTEXT_PACKAGE, english);

  g_assert_cmpstr (chinese, !=, english);
  if (ui_find_by_text (root, chinese) == NULL)
    g_error ("The window does not show “%s” (for “%s”)", chinese, english);
}

/* Whether a header under @root has the title @text. */
static gboolean
has_window_title (GtkWidget  *root,
                  const char *text)
{
  if (ADW_IS_WINDOW_TITLE (root) &&
      g_strcmp0 (adw_window_title_get_title (ADW_WINDOW_TITLE (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_window_title (child, text))
      return TRUE;
  return FALSE;
}

/* The case pane's header names the household shown. */
static void
assert_case_title (RuhuWindow *window,
                   RuhuDevice *device,
                   const char *case_id)
{
  g_autoptr(JsonNode) head = ruhu_store_get_value (ruhu_device_get_store (device), case_id,
                                                   "head_name", NULL);

  g_assert_nonnull (head);
  if (!has_window_title (GTK_WIDGET (window), json_node_get_string (head)))
    g_error ("No header names the household %s", json_node_get_string (head));
}

static void
test_window_speaks_chinese (void)
{
  g_autoptr(RuhuApplication) app = ruhu_application_new ();
  UiFixture fixture;
  RuhuWindow *window;
  g_autofree char *list_png = NULL;
  g_autofree char *case_png = NULL;

  ui_fixture_setup (&fixture, 12);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  window = ruhu_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  ruhu_window_set_device (window, fixture.device);
  gtk_window_present (GTK_WINDOW (window));
  ui_iterate (800);
  assert_shows_translation (GTK_WIDGET (window), "No Case Open");
  list_png = ui_save_screenshot (GTK_WIDGET (window), "chinese-main-wide");

  ruhu_window_open_case (window, g_ptr_array_index (fixture.case_ids, 0));
  ui_iterate (1500);
  /* A field label from data/forms/household.json, through po/form-strings.c. */
  assert_shows_translation (GTK_WIDGET (window), "Name of the household head");
  assert_case_title (window, fixture.device, g_ptr_array_index (fixture.case_ids, 0));
  case_png = ui_save_screenshot (GTK_WIDGET (window), "chinese-case-page");

  gtk_window_destroy (GTK_WINDOW (window));
  ui_iterate (100);
  ui_fixture_teardown (&fixture);
}

/* Plural messages with a 64-bit count and their arguments reordered. */
static void
test_counts_read_in_chinese (void)
{
  const char *one[] = { "li.na", NULL };
  const char *two[] = { "li.na", "wang.fang", NULL };
  g_autofree char *alone = ruhu_sync_describe_waiting (3, one);
  g_autofree char *both = ruhu_sync_describe_waiting (5, two);

  g_assert_cmpstr (alone, ==, "li.na 的 3 项更改要等 li.na 在本设备上登录并同步后才会上传");
  g_assert_cmpstr (both, ==, "li.na、wang.fang 的 5 项更改要等各自的用户在本设备上登录并同步后才会上传");
  g_assert_null (ruhu_sync_describe_waiting (0, one));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, "");
  ruhu_i18n_init ();
  /* As client/main.c: GtkBuilder translates .ui files in the default domain. */
  textdomain (GETTEXT_PACKAGE);
  ui_fixture_init (&argc, &argv);
  g_test_add_func ("/ruhu/ui/chinese/window", test_window_speaks_chinese);
  g_test_add_func ("/ruhu/ui/chinese/counts", test_counts_read_in_chinese);
  return g_test_run ();
}
