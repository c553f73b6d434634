/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ruhu-discovery.h"
#include "ruhu-discovery-actions.h"
#include "section-window.h"
#include "test-util.h"

/* A discovery report decided differently on two devices offline: one
 * closed it, the other turned it into an application. After they sync,
 * the report's section shows both decisions, by whom, and that the
 * conflict must be settled; it offers no new decision. */

#define CLOSER   "wang.fang"
#define APPLIER  "li.ming"
#define REASON   "重复上报，已在其他村登记。"

static void
write_text (RuhuStore  *store,
            const char *report,
            const char *case_id,
            const char *field,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = test_text (text);
  g_autoptr(RuhuOp) op = ruhu_store_write (store, report, "discovery_report", case_id, case_id,
                                           field, value, "li.xieli", &error);

  g_assert_no_error (error);
}

/* Both devices have the report; each decides offline; then they sync. */
static void
decide_twice (RuhuStore  *store,
              const char *case_id)
{
  g_autoptr(RuhuStore) other = test_memory_store (NULL);
  g_autofree char *report = g_uuid_string_random ();
  g_autoptr(GError) error = NULL;

  write_text (store, report, case_id, "reporter_name", "li.xieli");
  write_text (store, report, case_id, "person_name", "张大爷");
  test_copy_feed (store, other);
  g_assert_true (ruhu_discovery_close (store, case_id, REASON, CLOSER, &error));
  g_assert_true (ruhu_discovery_make_application (other, case_id, APPLIER, &error));
  g_assert_no_error (error);
  test_copy_feed (other, store);
  g_assert_cmpint (ruhu_discovery_get_state (store, report), ==, RUHU_DISCOVERY_CONTESTED);
}

static void
test_contested (void)
{
  SectionWindow fixture = { 0 };
  RuhuDiscoveryActions *actions;
  GtkWidget *row;
  GtkWidget *apply;
  const char *subtitle;

  section_window_setup (&fixture);
  decide_twice (ruhu_device_get_store (fixture.ui.device), fixture.case_id);
  actions = ruhu_discovery_actions_new (fixture.ui.device);
  ruhu_discovery_actions_set_case (actions, fixture.case_id);
  section_window_show (&fixture, GTK_WIDGET (actions), 1000, 600);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (actions)));
  row = ui_find_by_type (GTK_WIDGET (actions), ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_is_visible (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Both closed and turned into an application");
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_test_message ("%s", subtitle);
  g_assert_nonnull (strstr (subtitle, CLOSER));
  g_assert_nonnull (strstr (subtitle, REASON));
  g_assert_nonnull (strstr (subtitle, APPLIER));
  g_assert_nonnull (strstr (subtitle, "settles the conflict"));
  /* The first button of the section is the one that decides. */
  apply = ui_find_by_type (GTK_WIDGET (actions), GTK_TYPE_BUTTON);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (apply)), ==, "_Turn into Application");
  g_assert_false (gtk_widget_is_visible (apply));
  section_window_photograph (GTK_WIDGET (fixture.window), "discovery-contested");
  gtk_window_set_default_size (fixture.window, 360, 600);
  section_window_photograph (GTK_WIDGET (fixture.window), "discovery-contested-360");
  section_window_teardown (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  section_window_init (&argc, &argv);
  g_test_add_func ("/discovery-contest/contested", test_contested);
  return g_test_run ();
}
