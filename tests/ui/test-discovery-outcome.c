/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ruhu-calendar.h"
#include "ruhu-case-index.h"
#include "ruhu-case-page.h"
#include "ruhu-case-summary.h"
#include "ruhu-discovery-actions.h"
#include "ruhu-sync.h"
#include "section-window.h"

/* The decision on a proactive-discovery report, on the case page as a
 * supervisor sees it: a report turned into an application leaves the case
 * with an application made on the household's behalf, listed as applied;
 * a report closed with a reason shows the reason; closing without one is
 * refused with a message. */

#define SUPERVISOR "wang.fang"
#define WATCHDOG_SECONDS 120

typedef struct
{
  UiFixture             base;
  char                 *case_id;
  GtkWindow            *window;
  RuhuCasePage         *page;
  RuhuDiscoveryActions *actions;
} DiscoveryFixture;

static void
write_text (RuhuDevice *device,
            const char *entity,
            const char *kind,
            const char *case_id,
            const char *parent,
            const char *field,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), text);
  g_autoptr(RuhuOp) op = ruhu_device_write (device, entity, kind, case_id, parent, field, value,
                                            &error);

  g_assert_no_error (error);
  g_assert_nonnull (op);
}

/* Written as the discovery page writes a report: under a household of its
 * own that takes the reported person's name and place. */
static char *
file_report (RuhuDevice *device,
             const char *person)
{
  char *household = g_uuid_string_random ();
  g_autofree char *report = g_uuid_string_random ();
  const char *fields[][2] = {
    { "reporter_name", "li.xieli" }, { "reporter_role", "village_assistant" },
    { "person_name", person }, { "place", "东关村三组" }, { "urgency", "soon" },
    { "situation", "独居老人，卧病在床，无人照料。" }, { "reported_at", "2026-11-20T09:30:00+08:00" },
  };

  write_text (device, household, "household", household, NULL, "head_name", person);
  write_text (device, household, "household", household, NULL, "address", "东关村三组");
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    write_text (device, report, "discovery_report", household, household, fields[i][0],
                fields[i][1]);
  return household;
}

static gboolean
watchdog_cb (gpointer user_data)
{
  g_error ("Waited too long for the case page to load");
  return G_SOURCE_REMOVE;
}

static void
wait_loaded (DiscoveryFixture *f)
{
  guint watchdog = g_timeout_add_seconds (WATCHDOG_SECONDS, watchdog_cb, NULL);

  ui_iterate (20);
  while (ruhu_case_page_get_loading (f->page))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (watchdog);
  ui_iterate (50);
}

static void
open_page (DiscoveryFixture *f,
           int               width)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, width, 1000);
  f->page = ruhu_case_page_new ();
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  ruhu_case_page_set_device (f->page, f->base.device);
  ruhu_case_page_set_case (f->page, f->case_id);
  gtk_window_present (f->window);
  section_window_wait_mapped (GTK_WIDGET (f->window));
  f->actions = RUHU_DISCOVERY_ACTIONS (ui_find_by_type (GTK_WIDGET (f->page),
                                                        RUHU_TYPE_DISCOVERY_ACTIONS));
  g_assert_nonnull (f->actions);
  wait_loaded (f);
}

static void
discovery_setup (DiscoveryFixture *f,
                 gconstpointer     data)
{
  RuhuStore *store;
  g_autoptr(GError) error = NULL;

  ui_fixture_setup (&f->base, 0);
  store = ruhu_device_get_store (f->base.device);
  g_assert_true (ruhu_store_set_setting (store, RUHU_SYNC_SETTING_USER, SUPERVISOR, &error));
  g_assert_true (ruhu_store_set_setting (store, RUHU_SYNC_SETTING_ROLE,
                                         data != NULL ? data : "supervisor", &error));
  g_assert_no_error (error);
  ruhu_device_reload_account (f->base.device);
  f->case_id = file_report (f->base.device, "张大爷");
}

static void
discovery_teardown (DiscoveryFixture *f,
                    gconstpointer     data)
{
  if (f->window != NULL)
    {
      wait_loaded (f);
      gtk_window_destroy (f->window);
      ui_iterate (200);
    }
  g_free (f->case_id);
  ui_fixture_teardown (&f->base);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The text a row under the section shows as its subtitle, if any row
 * does; the outcome's reason and author are there. */
static const char *
outcome_subtitle (DiscoveryFixture *f)
{
  GtkWidget *row = ui_find_by_type (GTK_WIDGET (f->actions), ADW_TYPE_ACTION_ROW);

  g_assert_nonnull (row);
  if (!gtk_widget_is_visible (row))
    return NULL;
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* The case's state as the case list labels it. */
static char *
list_state (DiscoveryFixture *f)
{
  g_autoptr(RuhuCalendar) calendar = ruhu_calendar_load_default (NULL);
  RuhuCaseIndexOptions options = { calendar, NULL, SUPERVISOR };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) infos = ruhu_case_index_load (ruhu_device_get_store (f->base.device),
                                                     f->case_id, &options, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 1);
  return g_strdup (ruhu_case_info_get_state_label (g_ptr_array_index (infos, 0)));
}

static guint
count_applications (DiscoveryFixture *f,
                    gboolean         *on_behalf)
{
  RuhuStore *store = ruhu_device_get_store (f->base.device);
  g_autoptr(GPtrArray) entities = ruhu_store_list_entities (store, f->case_id, NULL);
  guint n = 0;

  for (guint i = 0; i < entities->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (entities, i);
      g_autoptr(JsonNode) value = NULL;

      if (info->deleted || !g_str_equal (info->kind, "application"))
        continue;
      n++;
      value = ruhu_store_get_value (store, info->id, "on_behalf", NULL);
      *on_behalf = value != NULL && json_node_get_boolean (value);
    }
  return n;
}

static void
test_make_application (DiscoveryFixture *f,
                       gconstpointer     data)
{
  g_autofree char *before = list_state (f);
  g_autofree char *after = NULL;
  g_autofree char *shot = NULL;
  GtkWidget *apply;
  gboolean on_behalf = FALSE;

  g_assert_cmpstr (before, ==, "Not applied");
  open_page (f, 1000);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->actions)));
  g_assert_null (outcome_subtitle (f));
  shot = ui_save_screenshot (GTK_WIDGET (f->window), "discovery-undecided");
  g_clear_pointer (&shot, g_free);

  apply = find_button (GTK_WIDGET (f->actions), "_Turn into Application");
  g_assert_nonnull (apply);
  g_assert_true (gtk_widget_is_visible (apply));
  g_signal_emit_by_name (apply, "clicked");
  wait_loaded (f);

  g_assert_cmpuint (count_applications (f, &on_behalf), ==, 1);
  g_assert_true (on_behalf);
  after = list_state (f);
  g_assert_cmpstr (after, ==, "Applied");
  g_assert_nonnull (outcome_subtitle (f));
  g_assert_nonnull (strstr (outcome_subtitle (f), SUPERVISOR));
  g_assert_false (gtk_widget_is_visible (apply));

  /* Once decided, asking again makes no second application. */
  g_assert_true (ruhu_discovery_actions_make_application (f->actions));
  g_assert_cmpuint (count_applications (f, &on_behalf), ==, 1);
  shot = ui_save_screenshot (GTK_WIDGET (f->window), "discovery-application");
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* As a person closes a report: Close…, a reason typed, Close Report. The
 * dialog's button stays off while the reason is empty or blank. */
static void
close_through_dialog (DiscoveryFixture *f,
                      const char       *reason)
{
  GtkWidget *button = find_button (GTK_WIDGET (f->actions), "_Close…");
  AdwMessageDialog *dialog;
  GtkEditable *entry;

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  ui_iterate (50);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "close"));
  gtk_editable_set_text (entry, "  ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "close"));
  gtk_editable_set_text (entry, reason);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "close"));
  adw_message_dialog_response (dialog, "close");
  ui_iterate (50);
}

static void
test_close (DiscoveryFixture *f,
            gconstpointer     data)
{
  g_autofree char *shot = NULL;
  g_autofree char *state = NULL;
  GtkWidget *message;
  gboolean on_behalf = FALSE;

  open_page (f, 360);
  g_assert_false (ruhu_discovery_actions_close (f->actions, "   "));
  message = ui_find_by_text (GTK_WIDGET (f->actions), "Give the reason for closing the report.");
  g_assert_nonnull (message);
  g_assert_true (gtk_widget_is_visible (message));
  g_assert_null (outcome_subtitle (f));
  shot = ui_save_screenshot (GTK_WIDGET (f->window), "discovery-close-refused-360");
  g_clear_pointer (&shot, g_free);

  close_through_dialog (f, "已享受特困供养，无需另行申请。");
  wait_loaded (f);
  g_assert_false (gtk_widget_is_visible (message));
  g_assert_nonnull (outcome_subtitle (f));
  g_assert_nonnull (strstr (outcome_subtitle (f), "已享受特困供养，无需另行申请。"));
  g_assert_cmpuint (count_applications (f, &on_behalf), ==, 0);
  state = list_state (f);
  g_assert_cmpstr (state, ==, "Not applied");
  shot = ui_save_screenshot (GTK_WIDGET (f->window), "discovery-closed-360");
}

/* Investigators see the report but do not decide on it. */
static void
test_investigator (DiscoveryFixture *f,
                   gconstpointer     data)
{
  GtkWidget *apply;

  open_page (f, 1000);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->actions)));
  apply = find_button (GTK_WIDGET (f->actions), "_Turn into Application");
  g_assert_nonnull (apply);
  g_assert_false (gtk_widget_is_visible (apply));
  g_assert_false (gtk_widget_is_visible (find_button (GTK_WIDGET (f->actions), "_Close…")));
}

int
main (int   argc,
      char *argv[])
{
  section_window_init (&argc, &argv);
  g_test_add ("/discovery-outcome/make-application", DiscoveryFixture, NULL, discovery_setup,
              test_make_application, discovery_teardown);
  g_test_add ("/discovery-outcome/close", DiscoveryFixture, NULL, discovery_setup, test_close,
              discovery_teardown);
  g_test_add ("/discovery-outcome/investigator", DiscoveryFixture, "investigator",
              discovery_setup, test_investigator, discovery_teardown);
  return g_test_run ();
}
