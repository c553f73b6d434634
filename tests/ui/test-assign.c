/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "ruhu-assign-dialog.h"
#include "ruhu-assignment.h"
#include "ruhu-json.h"
#include "ruhu-roster.h"
#include "ui-fixture.h"

/* The supervisor's assign dialog on a device with one demo case, signed in
 * as a township supervisor; the roster is what a sync would have kept. */

static const char roster_json[] =
  "{\"investigators\": ["
  "{\"id\": \"li.na\", \"name\": \"李娜\", \"place\": \"500109001\"},"
  "{\"id\": \"wang.qiang\", \"name\": \"王强\", \"place\": \"500109001\"},"
  "{\"id\": \"zhao.min\", \"name\": \"赵敏\", \"place\": \"500109002\"},"
  "{\"id\": \"chen.jie\", \"name\": \"陈杰\", \"place\": \"500109003\"}]}";

typedef struct
{
  UiFixture  ui;
  GtkWidget *dialog;
  gboolean   loaded;
  gboolean   closed;
} Fixture;

static void
set_setting (RuhuStore  *store,
             const char *name,
             const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ruhu_store_set_setting (store, name, value, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  RuhuStore *store;

  ui_fixture_setup (&fx->ui, 1);
  store = ruhu_device_get_store (fx->ui.device);
  set_setting (store, RUHU_SYNC_SETTING_USER, "sun.li");
  set_setting (store, RUHU_SYNC_SETTING_ROLE, "supervisor");
  set_setting (store, RUHU_SYNC_SETTING_PLACE, "500109001");
  ruhu_device_reload_account (fx->ui.device);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  if (fx->dialog != NULL)
    {
      if (!fx->closed)
        gtk_window_destroy (GTK_WINDOW (fx->dialog));
      g_assert_finalize_object (fx->dialog);
    }
  ui_fixture_teardown (&fx->ui);
}

static void
save_roster (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = ruhu_json_parse (roster_json, -1, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (ruhu_roster_save (ruhu_device_get_store (fx->ui.device), body, &error));
  g_assert_no_error (error);
}

static void
loaded_cb (GtkWidget *dialog,
           gboolean  *loaded)
{
  *loaded = TRUE;
}

static gboolean
close_request_cb (GtkWindow *window,
                  gboolean  *closed)
{
  *closed = TRUE;
  return FALSE;
}

/* Opens the dialog on the case and waits until it shows what it read. */
static void
open_dialog (Fixture *fx)
{
  const char *case_id = g_ptr_array_index (fx->ui.case_ids, 0);

  if (fx->dialog != NULL)
    g_assert_finalize_object (fx->dialog);
  fx->loaded = fx->closed = FALSE;
  fx->dialog = g_object_ref (GTK_WIDGET (ruhu_assign_dialog_new (fx->ui.device, case_id)));
  g_signal_connect (fx->dialog, "loaded", G_CALLBACK (loaded_cb), &fx->loaded);
  g_signal_connect (fx->dialog, "close-request", G_CALLBACK (close_request_cb), &fx->closed);
  gtk_window_present (GTK_WINDOW (fx->dialog));
  ui_wait_until (&fx->loaded, 10);
  /* A sanitized run may load before the window has its size. */
  for (guint tries = 0; gtk_widget_get_width (fx->dialog) == 0 && tries < 500; tries++)
    ui_iterate (20);
  g_assert_cmpint (gtk_widget_get_width (fx->dialog), >, 0);
  ui_iterate (200);
}

static GtkWidget *
assign_button (Fixture *fx)
{
  GtkWidget *button = ui_find_by_text (fx->dialog, "_Assign");

  g_assert_nonnull (button);
  return button;
}

/* The check button of the roster row of @name. */
static GtkCheckButton *
check_of (Fixture    *fx,
          const char *name)
{
  GtkWidget *row = ui_find_by_text (fx->dialog, name);

  g_assert_true (ADW_IS_ACTION_ROW (row));
  return GTK_CHECK_BUTTON (ui_find_by_type (row, GTK_TYPE_CHECK_BUTTON));
}

static void
test_empty_roster (Fixture       *fx,
                   gconstpointer  data)
{
  GtkWidget *hint;

  open_dialog (fx);
  hint = ui_find_by_text (fx->dialog, "No Investigators Known Yet");
  g_assert_nonnull (hint);
  g_assert_true (gtk_widget_is_visible (hint));
  g_assert_nonnull (ui_find_by_text (fx->dialog,
                                     "No investigators are assigned to this case yet."));
  g_assert_false (gtk_widget_get_sensitive (assign_button (fx)));
  g_free (ui_save_screenshot (fx->dialog, "assign-empty"));
}

static void
test_assign_team (Fixture       *fx,
                  gconstpointer  data)
{
  const char *case_id = g_ptr_array_index (fx->ui.case_ids, 0);
  const char * const expected[] = { "wang.qiang", "zhao.min", NULL };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) team = NULL;

  save_roster (fx);
  open_dialog (fx);
  g_assert_nonnull (ui_find_by_text (fx->dialog, "赵敏"));
  g_assert_false (gtk_widget_get_sensitive (assign_button (fx)));

  /* One investigator is not a team; two are. */
  gtk_check_button_set_active (check_of (fx, "王强"), TRUE);
  g_assert_false (gtk_widget_get_sensitive (assign_button (fx)));
  gtk_check_button_set_active (check_of (fx, "赵敏"), TRUE);
  g_assert_true (gtk_widget_get_sensitive (assign_button (fx)));
  ui_iterate (200);
  g_free (ui_save_screenshot (fx->dialog, "assign-roster"));

  g_signal_emit_by_name (assign_button (fx), "clicked");
  ui_wait_until (&fx->closed, 10);
  team = ruhu_assignment_current_team (ruhu_device_get_store (fx->ui.device), case_id, NULL,
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (team, expected);

  /* Opened again, it shows the team and starts from it. */
  open_dialog (fx);
  g_assert_nonnull (ui_find_by_text (fx->dialog, "王强, 赵敏"));
  g_assert_false (gtk_check_button_get_active (check_of (fx, "李娜")));
  g_assert_true (gtk_check_button_get_active (check_of (fx, "王强")));
  g_assert_true (gtk_check_button_get_active (check_of (fx, "赵敏")));
  /* The same team again would change nothing. */
  g_assert_false (gtk_widget_get_sensitive (assign_button (fx)));
  gtk_check_button_set_active (check_of (fx, "陈杰"), TRUE);
  g_assert_true (gtk_widget_get_sensitive (assign_button (fx)));
  ui_iterate (200);
  g_free (ui_save_screenshot (fx->dialog, "assign-current"));
}

int
main (int    argc,
      char **argv)
{
  ui_fixture_init (&argc, &argv);
  g_test_add ("/ruhu/ui/assign/empty-roster", Fixture, NULL, fixture_setup, test_empty_roster,
              fixture_teardown);
  g_test_add ("/ruhu/ui/assign/assign-team", Fixture, NULL, fixture_setup, test_assign_team,
              fixture_teardown);
  return g_test_run ();
}
