/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "ruhu-application.h"
#include "ruhu-case-page.h"
#include "ruhu-date.h"
#include "ruhu-overview-page.h"
#include "ruhu-recheck-page.h"
#include "ruhu-sync.h"
#include "ruhu-window.h"
#include "test-workflow-case.h"
#include "ui-fixture.h"

/* The supervisor's township overview in the window: demo cases and
 * complete cases moved along with ruhu_workflow_take(), the counts and
 * lists checked against ruhu_case_flow_read() and the clock case by case,
 * and an overdue row opening its case. */

#define N_DEMO 12

typedef struct
{
  UiFixture         ui;
  RuhuWindow       *window;
  RuhuOverviewPage *page;   /* weak: NULL once finalized */
  GDate             today;
} OverviewFixture;

/* One application for the process: its name stays on the bus. */
static RuhuApplication *app;

static void
set_role (RuhuDevice *device,
          const char *role)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ruhu_store_set_setting (ruhu_device_get_store (device), RUHU_SYNC_SETTING_ROLE, role,
                                         &error));
  g_assert_no_error (error);
  ruhu_device_reload_account (device);
}

static void
take (RuhuStore  *store,
      const char *case_id,
      RuhuStep    step)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuOp) op = NULL;
  RuhuStepInput input;

  test_case_input (&input, "2025-09-29T10:00:00+08:00");
  op = ruhu_workflow_take (store, case_id, step, "supervisor", &input, TEST_ACTOR, &error);
  g_assert_no_error (error);
}

/* Demo cases accepted, waiting for materials and withdrawn; complete
 * cases investigated, evaluated and returned. */
static void
seed (RuhuStore *store,
      GPtrArray *case_ids)
{
  g_autofree char *investigated = test_case_new_complete (store, "rural_dibao");
  g_autofree char *evaluated = test_case_new_complete (store, "tekun");
  g_autofree char *returned = test_case_new_complete (store, "rural_dibao");

  for (guint i = 0; i < 3; i++)
    take (store, g_ptr_array_index (case_ids, i), RUHU_STEP_ACCEPT);
  take (store, g_ptr_array_index (case_ids, 3), RUHU_STEP_REQUEST_MATERIALS);
  take (store, g_ptr_array_index (case_ids, 4), RUHU_STEP_WITHDRAW);
  test_case_walk (store, investigated, RUHU_CASE_STATE_INVESTIGATED);
  test_case_walk (store, evaluated, RUHU_CASE_STATE_EVALUATED);
  test_case_walk (store, returned, RUHU_CASE_STATE_INVESTIGATED);
  test_case_take (store, returned, RUHU_STEP_RETURN, "supervisor", "2025-09-08T10:00:00+08:00");
}

static void
fixture_setup (OverviewFixture *fx,
               gconstpointer    data)
{
  ui_fixture_setup (&fx->ui, N_DEMO);
  seed (ruhu_device_get_store (fx->ui.device), fx->ui.case_ids);
  set_role (fx->ui.device, data != NULL ? data : "supervisor");
  fx->today = ruhu_date_make (2025, 9, 30);
  fx->window = ruhu_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1100, 900);
  ruhu_window_set_device (fx->window, fx->ui.device);
  gtk_window_present (GTK_WINDOW (fx->window));
  ui_iterate (200);
}

static void
fixture_teardown (OverviewFixture *fx,
                  gconstpointer    data)
{
  gint64 give_up = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  gtk_window_destroy (GTK_WINDOW (fx->window));
  /* A load the page cancelled still runs to its end in its thread, and
   * holds the page until its callback ran. */
  while (fx->page != NULL && g_get_monotonic_time () < give_up)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_null (fx->page);
  ui_iterate (50);
  ui_fixture_teardown (&fx->ui);
}

/* What the overview should say, case by case through the workflow's API. */
typedef struct
{
  guint counts[RUHU_N_CASE_STATES];
  guint n_cases;
  guint n_overdue;
  guint n_acceptance;
  guint n_review;
} Expected;

static void
count_case (RuhuStore    *store,
            const char   *case_id,
            const GDate  *today,
            Expected     *expected)
{
  g_autoptr(RuhuCalendar) calendar = ruhu_calendar_load_default (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuCaseFlow) flow = ruhu_case_flow_read (store, case_id, &error);
  RuhuCaseDeadline deadline;

  g_assert_no_error (error);
  g_assert_true (ruhu_case_flow_next_deadline (flow, calendar, today, &deadline, &error));
  expected->counts[flow->state]++;
  expected->n_cases++;
  expected->n_overdue += deadline.kind != RUHU_CASE_DEADLINE_NONE &&
                         deadline.status.state == RUHU_DEADLINE_STATE_OVERDUE;
  expected->n_acceptance += flow->state == RUHU_CASE_STATE_APPLIED ||
                            flow->state == RUHU_CASE_STATE_INCOMPLETE;
  expected->n_review += flow->state == RUHU_CASE_STATE_INVESTIGATED ||
                        flow->state == RUHU_CASE_STATE_EVALUATED;
}

static void
compute_expected (RuhuStore   *store,
                  const GDate *today,
                  Expected    *expected)
{
  g_autoptr(GPtrArray) entities = ruhu_store_list_entities (store, NULL, NULL);

  *expected = (Expected) { { 0, }, };
  for (guint i = 0; i < entities->len; i++)
    {
      RuhuEntityInfo *entity = g_ptr_array_index (entities, i);

      if (g_str_equal (entity->kind, "household") && !entity->deleted)
        count_case (store, entity->id, today, expected);
    }
}

/* The button in the list pane's header that runs @action. */
static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static RuhuOverviewPage *
open_overview (OverviewFixture *fx)
{
  GtkWidget *button = find_action_button (GTK_WIDGET (fx->window), "win.overview");
  RuhuOverviewPage *page;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_drawable (button));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.overview", NULL));
  page = RUHU_OVERVIEW_PAGE (ui_find_by_type (GTK_WIDGET (fx->window), RUHU_TYPE_OVERVIEW_PAGE));
  g_assert_nonnull (page);
  fx->page = page;
  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &fx->page);
  ruhu_overview_page_set_today (page, &fx->today);
  while (ruhu_overview_page_is_busy (page))
    g_main_context_iteration (NULL, TRUE);
  ui_iterate (200);
  return page;
}

/* The count row of @title shows @count. */
static void
assert_count_row (RuhuOverviewPage *page,
                  const char       *title,
                  guint             count)
{
  GtkWidget *row = ui_find_by_text (GTK_WIDGET (page), title);
  g_autofree char *text = g_strdup_printf ("%u", count);

  g_assert_nonnull (row);
  g_assert_nonnull (ui_find_by_text (row, text));
}

static void
test_counts (OverviewFixture *fx,
             gconstpointer    data)
{
  RuhuOverviewPage *page = open_overview (fx);
  const RuhuCaseOverview *overview = ruhu_overview_page_get_overview (page);
  Expected expected;

  compute_expected (ruhu_device_get_store (fx->ui.device), &fx->today, &expected);
  g_assert_nonnull (overview);
  g_assert_cmpuint (overview->n_cases, ==, N_DEMO + 3);
  g_assert_cmpuint (overview->n_cases, ==, expected.n_cases);
  for (guint i = 0; i < RUHU_N_CASE_STATES; i++)
    g_assert_cmpuint (overview->counts[i], ==, expected.counts[i]);
  g_assert_cmpuint (overview->counts[RUHU_CASE_STATE_ACCEPTED], ==, 3);
  g_assert_cmpuint (overview->counts[RUHU_CASE_STATE_WITHDRAWN], ==, 1);
  g_assert_cmpuint (overview->overdue->len, ==, expected.n_overdue);
  g_assert_cmpuint (overview->overdue->len, >, 0);
  g_assert_cmpuint (overview->acceptance->len, ==, expected.n_acceptance);
  g_assert_cmpuint (overview->review->len, ==, expected.n_review);
  g_assert_cmpuint (overview->review->len, ==, 2);
  g_assert_cmpuint (overview->returned->len, ==, 1);

  assert_count_row (page, "All cases", N_DEMO + 3);
  assert_count_row (page, ruhu_case_state_get_label (RUHU_CASE_STATE_ACCEPTED), 3);
  assert_count_row (page, ruhu_case_state_get_label (RUHU_CASE_STATE_WITHDRAWN), 1);
  g_assert_null (ui_find_by_text (GTK_WIDGET (page), ruhu_case_state_get_label (RUHU_CASE_STATE_GRANTED)));
  g_free (ui_save_screenshot (GTK_WIDGET (fx->window), "overview"));
}

/* The page alone at a phone's width. (In the window, a folded leaflet
 * that navigates leaks render nodes under LeakSanitizer, whatever page it
 * shows: libadwaita 1.2's, not ours.) */
static void
test_narrow (OverviewFixture *fx,
             gconstpointer    data)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  RuhuOverviewPage *page = ruhu_overview_page_new (fx->ui.device);

  fx->page = page;
  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &fx->page);
  gtk_window_set_default_size (window, 360, 720);
  gtk_window_set_child (window, GTK_WIDGET (page));
  ruhu_overview_page_set_today (page, &fx->today);
  gtk_window_present (window);
  while (ruhu_overview_page_is_busy (page) || !gtk_widget_get_mapped (GTK_WIDGET (window)) ||
         gtk_widget_get_width (GTK_WIDGET (window)) == 0)
    g_main_context_iteration (NULL, TRUE);
  ui_iterate (300);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  g_assert_nonnull (ui_find_by_text (GTK_WIDGET (page), "All cases"));
  g_free (ui_save_screenshot (GTK_WIDGET (window), "overview-narrow"));
  gtk_window_destroy (window);
}

static GtkWidget *
row_of (GtkWidget *widget)
{
  while (widget != NULL && !GTK_IS_LIST_BOX_ROW (widget))
    widget = gtk_widget_get_parent (widget);
  return widget;
}

/* Activating the most overdue case's row opens that case. */
static void
test_open_overdue (OverviewFixture *fx,
                   gconstpointer    data)
{
  RuhuOverviewPage *page = open_overview (fx);
  const RuhuCaseOverview *overview = ruhu_overview_page_get_overview (page);
  const RuhuCaseInfo *first = g_ptr_array_index (overview->overdue, 0);
  GtkWidget *row = row_of (ui_find_by_text (GTK_WIDGET (page), first->head_name));
  RuhuCasePage *case_page = RUHU_CASE_PAGE (ui_find_by_type (GTK_WIDGET (fx->window),
                                                             RUHU_TYPE_CASE_PAGE));

  /* Opening the case closes the overview, and frees what it showed. */
  g_autofree char *case_id = g_strdup (first->case_id);

  g_assert_nonnull (row);
  g_assert_cmpint (first->deadline_status.state, ==, RUHU_DEADLINE_STATE_OVERDUE);
  g_assert_true (gtk_widget_activate (row));
  ui_iterate (200);
  g_assert_cmpstr (ruhu_case_page_get_case (case_page), ==, case_id);
  g_assert_null (ui_find_by_type (GTK_WIDGET (fx->window), RUHU_TYPE_OVERVIEW_PAGE));
}

/* A step taken while the overview shows moves the case between lists. */
static void
test_follows_changes (OverviewFixture *fx,
                      gconstpointer    data)
{
  RuhuOverviewPage *page = open_overview (fx);
  const char *case_id = g_ptr_array_index (fx->ui.case_ids, 5);
  RuhuStore *store = ruhu_device_get_store (fx->ui.device);

  g_assert_cmpuint (ruhu_overview_page_get_overview (page)->counts[RUHU_CASE_STATE_ACCEPTED], ==, 3);
  take (store, case_id, RUHU_STEP_ACCEPT);
  ruhu_device_case_changed (fx->ui.device, case_id);
  while (ruhu_overview_page_is_busy (page))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (ruhu_overview_page_get_overview (page)->counts[RUHU_CASE_STATE_ACCEPTED], ==, 4);
}

/* Investigators have no overview. */
static void
test_investigator (OverviewFixture *fx,
                   gconstpointer    data)
{
  GtkWidget *button = find_action_button (GTK_WIDGET (fx->window), "win.overview");

  g_assert_nonnull (button);
  g_assert_false (gtk_widget_get_visible (button));
  g_assert_false (gtk_widget_get_visible (find_action_button (GTK_WIDGET (fx->window),
                                                              "win.rechecks")));
}

/* The supervisor's other button opens the follow-up of granted cases. */
static void
test_rechecks (OverviewFixture *fx,
               gconstpointer    data)
{
  GtkWidget *button = find_action_button (GTK_WIDGET (fx->window), "win.rechecks");
  RuhuRecheckPage *page;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_drawable (button));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.rechecks", NULL));
  page = RUHU_RECHECK_PAGE (ui_find_by_type (GTK_WIDGET (fx->window), RUHU_TYPE_RECHECK_PAGE));
  g_assert_nonnull (page);
  while (ruhu_recheck_page_get_loading (page) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (ruhu_recheck_page_get_loading (page));
  /* The fixture's cases are not granted yet: nothing to follow up. */
  g_assert_cmpuint (ruhu_recheck_page_get_n_reviews (page), ==, 0);
  g_assert_cmpuint (ruhu_recheck_page_get_n_aliveness (page), ==, 0);
  g_assert_nonnull (ui_find_by_text (GTK_WIDGET (fx->window), "Follow-up of Recipients"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_fixture_init (&argc, &argv);
  app = ruhu_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
#define ADD(name, role, func) \
  g_test_add ("/ruhu/ui/overview/" name, OverviewFixture, role, fixture_setup, func, fixture_teardown)
  ADD ("counts", NULL, test_counts);
  ADD ("open-overdue", NULL, test_open_overdue);
  ADD ("follows-changes", NULL, test_follows_changes);
  ADD ("investigator", "investigator", test_investigator);
  ADD ("rechecks", NULL, test_rechecks);
  ADD ("narrow", NULL, test_narrow);
#undef ADD
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
