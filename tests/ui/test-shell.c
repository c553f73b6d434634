/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "ruhu-case-list.h"
#include "ruhu-camera.h"
#include "ruhu-discovery-page.h"
#include "ruhu-evidence-section.h"
#include "ruhu-preferences-window.h"
#include "ruhu-setup-page.h"
#include "ruhu-sync-button.h"
#include "ruhu-unlock-page.h"
#include "ruhu-visit-page.h"
#include "shell-helpers.h"
#include "ui-fixture.h"

/* The shell without a server: the first page a device shows, unlocking its
 * store, the form's own checks, a server that does not answer, and the
 * main view's two panes at a desktop's and a phone's width. */

#define PASSPHRASE "field tablet 7"

typedef struct
{
  UiFixture   ui;
  char       *device_dir;   /* an empty device folder inside ui.dir */
} ShellFixture;

static void
shell_setup (ShellFixture  *fx,
             gconstpointer  data)
{
  ui_fixture_setup (&fx->ui, GPOINTER_TO_UINT (data));
  fx->device_dir = g_build_filename (fx->ui.dir, "tablet", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fx->device_dir, 0700), ==, 0);
}

static void
shell_teardown (ShellFixture  *fx,
                gconstpointer  data)
{
  g_free (fx->device_dir);
  ui_fixture_teardown (&fx->ui);
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  RuhuDevice **device = user_data;

  *device = ruhu_device_open_finish (result, &error);
  g_assert_no_error (error);
}

/* A store in the device folder, as an earlier first start leaves it. */
static void
make_store (ShellFixture *fx)
{
  RuhuDevice *device = NULL;

  ruhu_device_open_async (fx->device_dir, PASSPHRASE, TRUE, NULL, opened_cb, &device);
  while (device == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_finalize_object (device);
}

static GtkWidget *
submit (RuhuWindow *window,
        GType       page_type,
        const char *action)
{
  GtkWidget *page = ui_find_by_type (GTK_WIDGET (window), page_type);

  g_assert_nonnull (page);
  g_assert_true (gtk_widget_activate_action (page, action, NULL));
  shell_wait_not_busy (page);
  return page;
}

static void
test_first_start_shows_setup (ShellFixture  *fx,
                              gconstpointer  data)
{
  RuhuWindow *window = shell_window_new (fx->device_dir, 1100);

  g_assert_cmpstr (ruhu_window_get_page_name (window), ==, "setup");
  shell_screenshot (window, "shell-setup-wide");
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  shell_screenshot (window, "shell-setup-narrow");
  shell_window_close (window);
}

/* The form says what is missing before it tries the network. */
static void
test_setup_checks_form (ShellFixture  *fx,
                        gconstpointer  data)
{
  RuhuWindow *window = shell_window_new (fx->device_dir, 1100);
  GtkWidget *page;

  page = submit (window, RUHU_TYPE_SETUP_PAGE, "setup.submit");
  g_assert_cmpstr (ruhu_start_page_get_error (RUHU_START_PAGE (page)), ==,
                   "Type the server address your office gave you.");

  shell_set_row_text (page, "Server address", "http://127.0.0.1:9");
  shell_set_row_text (page, "User name", "zhang.wei");
  shell_set_row_text (page, "Password", "secret");
  shell_set_row_text (page, "New passphrase", PASSPHRASE);
  shell_set_row_text (page, "Passphrase again", "field tablet 8");
  submit (window, RUHU_TYPE_SETUP_PAGE, "setup.submit");
  g_assert_cmpstr (ruhu_start_page_get_error (RUHU_START_PAGE (page)), ==,
                   "The two passphrases differ. Type the same one twice.");
  g_assert_false (ruhu_device_store_exists (fx->device_dir));
  shell_screenshot (window, "shell-setup-mismatch");
  shell_window_close (window);
}

/* A port nobody listens on: a clear message, and no half-made store left. */
static void
test_setup_unreachable_server (ShellFixture  *fx,
                               gconstpointer  data)
{
  RuhuWindow *window = shell_window_new (fx->device_dir, 360);
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autofree char *url = NULL;
  guint16 port;
  GtkWidget *page;

  /* Bind a port, then close it: nothing listens there now. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, NULL);
  g_assert_cmpuint (port, >, 0);
  g_socket_listener_close (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);

  page = ui_find_by_type (GTK_WIDGET (window), RUHU_TYPE_SETUP_PAGE);
  shell_set_row_text (page, "Server address", url);
  shell_set_row_text (page, "User name", "zhang.wei");
  shell_set_row_text (page, "Password", "ruhu-demo-2025");
  shell_set_row_text (page, "New passphrase", PASSPHRASE);
  shell_set_row_text (page, "Passphrase again", PASSPHRASE);
  submit (window, RUHU_TYPE_SETUP_PAGE, "setup.submit");

  g_assert_true (g_str_has_prefix (ruhu_start_page_get_error (RUHU_START_PAGE (page)),
                                   "Could not reach the server."));
  g_assert_cmpstr (ruhu_window_get_page_name (window), ==, "setup");
  g_assert_false (ruhu_device_store_exists (fx->device_dir));
  shell_screenshot (window, "shell-setup-unreachable");
  shell_window_close (window);
}

static void
test_unlock (ShellFixture  *fx,
             gconstpointer  data)
{
  RuhuWindow *window;
  GtkWidget *page;

  make_store (fx);
  window = shell_window_new (fx->device_dir, 1100);
  g_assert_cmpstr (ruhu_window_get_page_name (window), ==, "unlock");
  page = ui_find_by_type (GTK_WIDGET (window), RUHU_TYPE_UNLOCK_PAGE);

  shell_set_row_text (page, "Passphrase", "field tablet 8");
  submit (window, RUHU_TYPE_UNLOCK_PAGE, "unlock.submit");
  g_assert_true (g_str_has_prefix (ruhu_start_page_get_error (RUHU_START_PAGE (page)),
                                   "The passphrase is wrong."));
  g_assert_cmpstr (ruhu_window_get_page_name (window), ==, "unlock");
  shell_screenshot (window, "shell-unlock-wrong");

  shell_set_row_text (page, "Passphrase", PASSPHRASE);
  submit (window, RUHU_TYPE_UNLOCK_PAGE, "unlock.submit");
  g_assert_null (ruhu_start_page_get_error (RUHU_START_PAGE (page)));
  g_assert_cmpstr (ruhu_window_get_page_name (window), ==, "main");
  g_assert_nonnull (ruhu_window_get_device (window));
  shell_screenshot (window, "shell-unlocked");
  shell_window_close (window);
}

/* Not a store at all: the message says so, and not "wrong passphrase". */
static void
test_unlock_damaged_store (ShellFixture  *fx,
                           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fx->device_dir, "device.db", NULL);
  g_autofree char *garbage = g_strnfill (8192, 'x');
  g_autoptr(GError) error = NULL;
  RuhuWindow *window;
  GtkWidget *page;

  g_assert_true (g_file_set_contents (path, garbage, -1, &error));
  window = shell_window_new (fx->device_dir, 360);
  page = ui_find_by_type (GTK_WIDGET (window), RUHU_TYPE_UNLOCK_PAGE);
  shell_set_row_text (page, "Passphrase", PASSPHRASE);
  submit (window, RUHU_TYPE_UNLOCK_PAGE, "unlock.submit");
  g_assert_true (g_str_has_prefix (ruhu_start_page_get_error (RUHU_START_PAGE (page)),
                                   "The data on this device is damaged"));
  shell_screenshot (window, "shell-unlock-damaged");
  shell_window_close (window);
}

/* How narrow the window's content can get, in pixels. */
static int
content_min_width (RuhuWindow *window)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  int min;

  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
}

/* Side by side on a desktop; one pane at a time on a phone, the case in
 * front once opened, and back to the list. */
static void
test_main_view_adapts (ShellFixture  *fx,
                       gconstpointer  data)
{
  RuhuWindow *window = shell_window_new (fx->device_dir, 1100);
  AdwLeaflet *leaflet;
  RuhuSyncButton *button;

  ruhu_window_set_device (window, fx->ui.device);
  g_assert_cmpstr (ruhu_window_get_page_name (window), ==, "main");
  leaflet = ADW_LEAFLET (ui_find_by_type (GTK_WIDGET (window), ADW_TYPE_LEAFLET));
  button = RUHU_SYNC_BUTTON (ui_find_by_type (GTK_WIDGET (window), RUHU_TYPE_SYNC_BUTTON));
  ui_iterate (300);
  g_assert_false (adw_leaflet_get_folded (leaflet));
  /* The demo cases count as synced; an edit here does not, till a sync. */
  g_assert_cmpstr (ruhu_sync_button_get_label (button), ==, "");
  shell_write_text (fx->ui.device, g_ptr_array_index (fx->ui.case_ids, 0), NULL, "address",
                    "3 Well Lane");
  g_assert_cmpstr (ruhu_sync_button_get_label (button), ==, "1");
  shell_screenshot (window, "shell-main-wide");

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  ui_iterate (300);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
  shell_screenshot (window, "shell-main-narrow");

  ruhu_window_open_case (window, g_ptr_array_index (fx->ui.case_ids, 0));
  ui_iterate (300);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "case");
  g_assert_cmpint (content_min_width (window), <=, 360);
  shell_screenshot (window, "shell-case-narrow");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  ui_iterate (300);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
  shell_window_close (window);
}

/* Scrolls the case page so that @widget is at the top. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  double x, y;

  g_assert_nonnull (scrolled);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_true (gtk_widget_translate_coordinates (widget, gtk_scrolled_window_get_child (
                                                     GTK_SCROLLED_WINDOW (scrolled)),
                                                   0, 0, &x, &y));
  /* The child's coordinates move with the scrolling. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + y);
  ui_iterate (100);
}

static void
wait_evidence_idle (RuhuEvidenceSection *section)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  do
    ui_iterate (50);
  while (ruhu_evidence_section_is_busy (section) && g_get_monotonic_time () < deadline);
  g_assert_false (ruhu_evidence_section_is_busy (section));
}

/* An open case fits a 360-pixel phone in all the evidence section's states:
 * a camera's button besides the file button, a new photo waiting for its
 * kind, and the thumbnails. */
static void
test_case_fits_phone (ShellFixture  *fx,
                      gconstpointer  data)
{
  g_autofree char *blobs = g_build_filename (fx->ui.dir, "blobs", NULL);
  g_autofree char *photo_path = g_test_build_filename (G_TEST_DIST, "data", "photos",
                                                       "cat-512x512.png", NULL);
  g_autoptr(GFile) photo = g_file_new_for_path (photo_path);
  RuhuEvidenceSection *section;
  RuhuWindow *window;

  g_setenv (RUHU_CAMERA_PIPELINE_ENV, "videotestsrc", TRUE);
  ruhu_sync_client_set_blob_dir (ruhu_device_get_sync_client (fx->ui.device), blobs);
  window = shell_window_new (fx->device_dir, 360);
  ruhu_window_set_device (window, fx->ui.device);
  ruhu_window_open_case (window, g_ptr_array_index (fx->ui.case_ids, 0));
  section = RUHU_EVIDENCE_SECTION (ui_find_by_type (GTK_WIDGET (window),
                                                    RUHU_TYPE_EVIDENCE_SECTION));
  g_assert_nonnull (section);
  wait_evidence_idle (section);
  g_assert_cmpint (content_min_width (window), <=, 360);

  ruhu_evidence_section_add_file (section, photo);
  wait_evidence_idle (section);
  g_assert_true (ruhu_evidence_section_has_pending (section));
  g_assert_cmpint (content_min_width (window), <=, 360);
  g_assert_true (ruhu_evidence_section_set_category (section, "hukou_change_page"));
  g_signal_emit_by_name (gtk_widget_get_ancestor (ui_find_by_text (GTK_WIDGET (section),
                                                                   "_Save Evidence"),
                                                  GTK_TYPE_BUTTON), "clicked");
  wait_evidence_idle (section);
  g_assert_cmpuint (ruhu_evidence_section_get_n_thumbnails (section), ==, 1);
  g_assert_cmpint (content_min_width (window), <=, 360);
  scroll_to (GTK_WIDGET (section));
  shell_screenshot (window, "shell-case-evidence-narrow");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
  shell_window_close (window);
  g_unsetenv (RUHU_CAMERA_PIPELINE_ENV);
}

static void
set_role (RuhuDevice *device,
          const char *role)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ruhu_store_set_setting (ruhu_device_get_store (device), RUHU_SYNC_SETTING_ROLE,
                                         role, &error));
  g_assert_no_error (error);
  ruhu_device_reload_account (device);
}

/* A volunteer opens a household's outreach visit, not the investigation;
 * a village assistant has a button for a new discovery report. */
static void
test_role_pages (ShellFixture  *fx,
                 gconstpointer  data)
{
  RuhuWindow *window;

  set_role (fx->ui.device, "volunteer");
  window = shell_window_new (fx->device_dir, 1100);
  ruhu_window_set_device (window, fx->ui.device);
  ruhu_window_open_case (window, g_ptr_array_index (fx->ui.case_ids, 0));
  ui_iterate (300);
  g_assert_true (gtk_widget_is_visible (ui_find_by_type (GTK_WIDGET (window),
                                                         RUHU_TYPE_VISIT_PAGE)));
  shell_screenshot (window, "shell-volunteer-visit");
  shell_window_close (window);

  set_role (fx->ui.device, "village_assistant");
  window = shell_window_new (fx->device_dir, 360);
  ruhu_window_set_device (window, fx->ui.device);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-report", NULL));
  ui_iterate (300);
  g_assert_true (gtk_widget_is_visible (ui_find_by_type (GTK_WIDGET (window),
                                                         RUHU_TYPE_DISCOVERY_PAGE)));
  g_assert_null (ui_find_by_type (GTK_WIDGET (window), RUHU_TYPE_VISIT_PAGE));
  shell_screenshot (window, "shell-assistant-report-narrow");
  shell_window_close (window);
}

/* libadwaita 1.2's AdwAboutWindow keeps one 16 KiB block to the end of the
 * process, which LeakSanitizer reports without a usable stack: the
 * sanitized run only checks that the action is there. */
static void
photograph_about (void)
{
#ifndef __SANITIZE_ADDRESS__
  GtkWidget *about = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (shell_app ()), "about", NULL);
  ui_iterate (400);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (shell_app ())); l; l = l->next)
    if (ADW_IS_ABOUT_WINDOW (l->data))
      about = l->data;
  g_assert_nonnull (about);
  shell_photograph (about, "shell-about");
  gtk_window_destroy (GTK_WINDOW (about));
#endif
}

/* Preferences, About and the shortcuts open from their actions. */
static void
test_secondary_windows (ShellFixture  *fx,
                        gconstpointer  data)
{
  RuhuWindow *window = shell_window_new (fx->device_dir, 1100);
  RuhuPreferencesWindow *preferences;
  GtkWidget *shortcuts;

  ruhu_window_set_device (window, fx->ui.device);
  preferences = ruhu_preferences_window_new (GTK_WINDOW (window),
                                             ruhu_application_get_settings (shell_app ()),
                                             fx->ui.device);
  gtk_window_present (GTK_WINDOW (preferences));
  g_assert_nonnull (ui_find_by_text (GTK_WIDGET (preferences), "Device ID"));
  shell_photograph (GTK_WIDGET (preferences), "shell-preferences");
  gtk_window_destroy (GTK_WINDOW (preferences));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  shortcuts = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_nonnull (shortcuts);
  shell_photograph (shortcuts, "shell-shortcuts");
  gtk_window_destroy (GTK_WINDOW (shortcuts));

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (shell_app ()), "about"));
  photograph_about ();
  shell_window_close (window);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("RUHU_TEST_FAST_KDF", "1", TRUE);
  ui_fixture_init (&argc, &argv);
#define ADD(path, n_cases, func) \
  g_test_add ("/ruhu/ui/shell/" path, ShellFixture, GUINT_TO_POINTER (n_cases), shell_setup, \
              func, shell_teardown)
  ADD ("first-start-shows-setup", 0, test_first_start_shows_setup);
  ADD ("setup-checks-form", 0, test_setup_checks_form);
  ADD ("setup-unreachable-server", 0, test_setup_unreachable_server);
  ADD ("unlock", 0, test_unlock);
  ADD ("unlock-damaged-store", 0, test_unlock_damaged_store);
  ADD ("main-view-adapts", 30, test_main_view_adapts);
  ADD ("case-fits-phone", 5, test_case_fits_phone);
  ADD ("secondary-windows", 5, test_secondary_windows);
  ADD ("role-pages", 5, test_role_pages);
#undef ADD
  return g_test_run ();
}
