/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "devices-fixture.h"
#include "ruhu-case-list.h"
#include "ruhu-setup-page.h"
#include "ruhu-sync-button.h"
#include "ruhu-sync-message.h"
#include "shell-helpers.h"
#include "test-util.h"
#include "ui-fixture.h"

/* The shell against a real server on 127.0.0.1 (in this process): a first
 * start with a wrong and then the right password, the sync button's count,
 * and a change that travels from one tablet to another. */

#define TOWNSHIP   "500109001"
#define VILLAGE    "500109001001"
#define USER       "zhang.wei"
#define PASSPHRASE "field tablet 7"
#define CASE_ID    "00000000-0000-4000-8000-0000000000c1"

typedef struct
{
  LocalServer local;
  char       *tmp;
} SyncFixture;

static void
sync_setup (SyncFixture   *fx,
            gconstpointer  data)
{
  local_server_start (&fx->local);
  local_server_add_user (&fx->local, USER, RUHU_ROLE_INVESTIGATOR, TOWNSHIP);
  local_server_listen (&fx->local);
  fx->tmp = test_make_temp_dir ();
}

static void
sync_teardown (SyncFixture   *fx,
               gconstpointer  data)
{
  local_server_stop (&fx->local);
  test_remove_tree (fx->tmp);
  g_free (fx->tmp);
}

/* The set-up form, filled in and sent; returns the page. */
static GtkWidget *
fill_setup (RuhuWindow *window,
            const char *url,
            const char *password)
{
  GtkWidget *page = ui_find_by_type (GTK_WIDGET (window), RUHU_TYPE_SETUP_PAGE);

  g_assert_nonnull (page);
  shell_set_row_text (page, "Server address", url);
  shell_set_row_text (page, "User name", USER);
  shell_set_row_text (page, "Password", password);
  shell_set_row_text (page, "New passphrase", PASSPHRASE);
  shell_set_row_text (page, "Passphrase again", PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (page, "setup.submit", NULL));
  shell_wait_not_busy (page);
  return page;
}

static gboolean
first_sync_done_cb (gpointer user_data)
{
  gpointer *args = user_data;
  RuhuSyncController *sync = ruhu_window_get_sync_controller (args[0]);

  if (sync != NULL && !ruhu_sync_controller_get_syncing (sync) &&
      ruhu_sync_controller_get_last_sync (sync) > 0)
    *(gboolean *) args[1] = TRUE;
  return G_SOURCE_CONTINUE;
}

/* A window on a new device folder that went through the first start and
 * its first sync. */
static RuhuWindow *
first_start (SyncFixture *fx,
             const char  *name,
             int          width)
{
  g_autofree char *dir = g_build_filename (fx->tmp, name, NULL);
  RuhuWindow *window = shell_window_new (dir, width);
  gboolean done = FALSE;
  gpointer args[] = { window, &done };
  guint poll;

  g_assert_cmpstr (ruhu_window_get_page_name (window), ==, "setup");
  fill_setup (window, fx->local.url, LOCAL_SERVER_PASSWORD);
  shell_wait_page (window, "main");
  poll = g_timeout_add (20, first_sync_done_cb, args);
  ui_wait_until (&done, 60);
  g_source_remove (poll);
  g_assert_true (ruhu_device_store_exists (dir));
  g_assert_cmpstr (ruhu_device_get_actor (ruhu_window_get_device (window)), ==, USER);
  return window;
}

typedef struct
{
  gboolean  done;
  GError   *error;
} SyncResult;

static void
finished_cb (RuhuSyncController *sync,
             const GError       *error,
             gboolean            user_started,
             gpointer            user_data)
{
  SyncResult *result = user_data;

  g_assert_true (user_started);
  result->error = error != NULL ? g_error_copy (error) : NULL;
  result->done = TRUE;
}

/* Syncs @window's device as the user would, with the header button; the
 * error, or NULL. */
static GError *
try_sync (RuhuWindow *window)
{
  RuhuSyncController *sync = ruhu_window_get_sync_controller (window);
  GtkWidget *sync_button = ui_find_by_type (GTK_WIDGET (window), RUHU_TYPE_SYNC_BUTTON);
  GtkWidget *button = ui_find_by_type (sync_button, GTK_TYPE_BUTTON);
  SyncResult result = { FALSE, NULL };
  gulong handler = g_signal_connect (sync, "finished", G_CALLBACK (finished_cb), &result);

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (ruhu_sync_controller_get_syncing (sync));
  ui_wait_until (&result.done, 60);
  g_signal_handler_disconnect (sync, handler);
  return result.error;
}

static void
press_sync (RuhuWindow *window)
{
  g_autoptr(GError) error = try_sync (window);

  g_assert_no_error (error);
}

static const char *
button_label (RuhuWindow *window)
{
  GtkWidget *button = ui_find_by_type (GTK_WIDGET (window), RUHU_TYPE_SYNC_BUTTON);

  return ruhu_sync_button_get_label (RUHU_SYNC_BUTTON (button));
}

static void
test_wrong_password (SyncFixture   *fx,
                     gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (fx->tmp, "tablet", NULL);
  RuhuWindow *window = shell_window_new (dir, 1100);
  GtkWidget *page;

  page = fill_setup (window, fx->local.url, "not-the-password");
  g_assert_cmpstr (ruhu_start_page_get_error (RUHU_START_PAGE (page)), ==,
                   "The user name or the password is wrong.");
  g_assert_cmpstr (ruhu_window_get_page_name (window), ==, "setup");
  g_assert_false (ruhu_device_store_exists (dir));
  shell_screenshot (window, "shell-setup-wrong-password");
  shell_window_close (window);
}

/* Two tablets of the same investigator: what one records and syncs, the
 * other sees after its own sync, in its case list. */
static void
test_change_reaches_second_device (SyncFixture   *fx,
                                   gconstpointer  data)
{
  RuhuWindow *first = first_start (fx, "tablet-a", 1100);
  RuhuWindow *second = first_start (fx, "tablet-b", 360);
  RuhuDevice *second_device = ruhu_window_get_device (second);
  RuhuCaseList *second_list;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (button_label (first), ==, "");
  shell_write_text (ruhu_window_get_device (first), CASE_ID, "household", "village_code", VILLAGE);
  shell_write_text (ruhu_window_get_device (first), CASE_ID, "household", "head_name",
                    "Chen Gang");
  g_assert_cmpstr (button_label (first), ==, "2");
  shell_screenshot (first, "shell-sync-pending");

  press_sync (first);
  g_assert_cmpstr (button_label (first), ==, "");
  g_assert_cmpint (ruhu_sync_controller_get_unsynced_count (ruhu_window_get_sync_controller (first)),
                   ==, 0);
  shell_screenshot (first, "shell-sync-done");

  press_sync (second);
  entities = ruhu_store_list_entities (ruhu_device_get_store (second_device), CASE_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entities->len, ==, 1);
  second_list = RUHU_CASE_LIST (ui_find_by_type (GTK_WIDGET (second), RUHU_TYPE_CASE_LIST));
  for (guint i = 0; i < 100 && ruhu_case_list_get_n_shown (second_list) == 0; i++)
    ui_iterate (50);
  g_assert_cmpuint (ruhu_case_list_get_n_shown (second_list), ==, 1);
  shell_screenshot (second, "shell-sync-received-narrow");

  shell_window_close (first);
  shell_window_close (second);
}

/* The dialog behind the last sync toast's button. */
static AdwMessageDialog *
open_sync_details (RuhuWindow *window)
{
  g_autoptr(GList) toplevels = NULL;
  AdwMessageDialog *dialog = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync-details", NULL));
  ui_iterate (300);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);
  return dialog;
}

/* The office revoked the tablet: the sync says so, in the window. */
static void
test_revoked_device (SyncFixture   *fx,
                     gconstpointer  data)
{
  RuhuWindow *window = first_start (fx, "tablet", 360);
  RuhuStore *store = ruhu_device_get_store (ruhu_window_get_device (window));
  RuhuDirectory *directory = ruhu_server_get_directory (fx->local.server);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) sync_error = NULL;
  AdwMessageDialog *dialog;
  const char *message = "Your office has revoked this device: it can no longer sync. Ask them "
                        "what to do with the changes still on it.";

  g_assert_true (ruhu_directory_revoke_device (directory, ruhu_store_get_device_id (store),
                                               &error));
  g_assert_no_error (error);
  sync_error = try_sync (window);
  g_assert_error (sync_error, RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_REVOKED);
  ui_iterate (500);
  g_assert_nonnull (ui_find_by_text (GTK_WIDGET (window), "This device was revoked"));
  shell_screenshot (window, "shell-sync-revoked-narrow");

  /* The toast's button explains it all. */
  dialog = open_sync_details (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Sync Failed");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, message);
  gtk_window_destroy (GTK_WINDOW (dialog));
  shell_window_close (window);
}

/* A tablet another investigator used before: li.na's unsynced edits are
 * still on it. zhang.wei's sync sends only his own (the server would refuse
 * hers from him); the button counts only his, and says whose wait. */
static void
test_other_users_changes_wait (SyncFixture   *fx,
                               gconstpointer  data)
{
  RuhuWindow *window = first_start (fx, "tablet", 1100);
  RuhuDevice *device = ruhu_window_get_device (window);
  GtkWidget *sync_button = ui_find_by_type (GTK_WIDGET (window), RUHU_TYPE_SYNC_BUTTON);
  GtkWidget *button = ui_find_by_type (sync_button, GTK_TYPE_BUTTON);
  const char *waiting = "2 changes by li.na wait until li.na signs in on this device and syncs";
  const char *toast = "Synced; other users’ changes wait";
  const char *tooltip;
  AdwMessageDialog *dialog;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(JsonNode) value = test_text (i == 0 ? VILLAGE : "Li Hong");
      g_autoptr(GError) error = NULL;
      g_autoptr(RuhuOp) op = ruhu_store_write (ruhu_device_get_store (device), CASE_ID,
                                               "household", CASE_ID, NULL,
                                               i == 0 ? "village_code" : "head_name", value,
                                               "li.na", &error);

      g_assert_no_error (error);
    }
  shell_write_text (device, CASE_ID, "household", "phone", "13800000000");
  g_assert_cmpstr (button_label (window), ==, "1");
  tooltip = gtk_widget_get_tooltip_text (button);
  g_assert_nonnull (strstr (tooltip, "1 change not yet synced"));
  g_assert_nonnull (strstr (tooltip, waiting));

  press_sync (window);
  g_assert_cmpstr (button_label (window), ==, "");
  /* After the first sync's toast has gone. */
  for (guint i = 0; i < 300 && ui_find_by_text (GTK_WIDGET (window), toast) == NULL; i++)
    ui_iterate (50);
  g_assert_nonnull (ui_find_by_text (GTK_WIDGET (window), toast));
  shell_screenshot (window, "shell-sync-others-wait");
  dialog = open_sync_details (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Changes Wait for Other Users");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), waiting));
  gtk_window_destroy (GTK_WINDOW (dialog));
  shell_window_close (window);
}

/* A refusal is told once, in the words it came with. */
static void
test_forbidden_told_once (void)
{
  const char *server = "This push holds edits by li.na; only li.na can send them. "
                       "Sign in as that user on this device.";
  g_autoptr(GError) error = g_error_new_literal (RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_FORBIDDEN,
                                                 server);
  g_autofree char *told = ruhu_sync_error_describe (error);

  g_assert_cmpstr (told, ==, server);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("RUHU_TEST_FAST_KDF", "1", TRUE);
  ui_fixture_init (&argc, &argv);
  g_test_add ("/ruhu/ui/shell-sync/wrong-password", SyncFixture, NULL, sync_setup,
              test_wrong_password, sync_teardown);
  g_test_add ("/ruhu/ui/shell-sync/change-reaches-second-device", SyncFixture, NULL, sync_setup,
              test_change_reaches_second_device, sync_teardown);
  g_test_add ("/ruhu/ui/shell-sync/revoked-device", SyncFixture, NULL, sync_setup,
              test_revoked_device, sync_teardown);
  g_test_add_func ("/ruhu/ui/shell-sync/forbidden-told-once", test_forbidden_told_once);
  g_test_add ("/ruhu/ui/shell-sync/other-users-changes-wait", SyncFixture, NULL, sync_setup,
              test_other_users_changes_wait, sync_teardown);
  return g_test_run ();
}
