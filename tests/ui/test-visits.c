/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "ruhu-case-page.h"
#include "ruhu-date.h"
#include "ruhu-sync.h"
#include "ruhu-recheck-page.h"
#include "ruhu-visit-page.h"
#include "section-window.h"
#include "test-aftercare-case.h"
#include "test-workflow-case.h"

/* The volunteer's households due for a visit and the supervisor's visit
 * rates and re-check lists, on households whose aid was published on days
 * counted back from today. */

typedef struct
{
  SectionWindow  section;
  char          *overdue;    /* every quarter, never visited */
  char          *due;        /* severely disabled: every month; visited last month */
  char          *visited;    /* 特困 at home, visited today */
  char          *review;     /* published 50 weeks ago: review within 30 days */
  char          *near;       /* 低保边缘, published 4 months ago: review, no aliveness */
} VisitsFixture;

/* @days before today, as YYYY-MM-DD. */
static char *
days_ago (int days)
{
  GDate day;

  ruhu_date_get_today (NULL, &day);
  g_date_subtract_days (&day, days);
  return ruhu_date_format (&day);
}

static char *
published_household (RuhuStore  *store,
                     const char *category,
                     const char *head_name,
                     const char *village_code,
                     const char *village_name,
                     int         published_days_ago)
{
  char *case_id = test_aftercare_household (store, category, head_name, village_code,
                                            village_name);
  g_autofree char *on = days_ago (published_days_ago);

  test_aftercare_publish (store, case_id, on);
  return case_id;
}

static void
visits_setup (VisitsFixture *self,
              gconstpointer  data)
{
  RuhuStore *store;
  g_autofree char *member = NULL;
  g_autofree char *last_month = NULL;
  g_autofree char *today = days_ago (0);
  GDate day;

  section_window_setup (&self->section);
  store = ruhu_device_get_store (self->section.ui.device);
  self->overdue = published_household (store, "urban_dibao", "吴军", "500109100001", "金刀峡村",
                                       200);
  self->due = published_household (store, "rural_dibao", "陈兰", "500109100001", "金刀峡村", 100);
  member = test_case_add_member (store, self->due, "covered", "陈兰", "1958-03-02");
  test_aftercare_set (store, self->due, member, "member", "disability_grade", "grade_1");
  /* The last day of last month. */
  ruhu_date_get_today (NULL, &day);
  g_date_subtract_days (&day, g_date_get_day (&day));
  last_month = ruhu_date_format (&day);
  test_aftercare_visit (store, self->due, last_month);

  self->visited = published_household (store, "tekun", "周平", "500109100002", "柳荫村", 100);
  test_aftercare_set (store, self->visited, self->visited, "household", "tekun_support",
                      "dispersed");
  test_aftercare_visit (store, self->visited, today);
  self->review = published_household (store, "rural_dibao", "钱七", "500109100002", "柳荫村",
                                      350);
  test_aftercare_visit (store, self->review, today);
  self->near = published_household (store, "near_dibao", "郑雪", "500109100002", "柳荫村", 120);
  test_aftercare_visit (store, self->near, today);

  self->section.window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (self->section.window, 600, 1000);
}

static void
visits_teardown (VisitsFixture *self,
                 gconstpointer  data)
{
  section_window_teardown (&self->section);
  g_free (self->overdue);
  g_free (self->due);
  g_free (self->visited);
  g_free (self->review);
  g_free (self->near);
}

static void
show_page (VisitsFixture *self,
           GtkWidget     *page)
{
  gtk_window_set_child (self->section.window, page);
  gtk_window_present (self->section.window);
  section_window_wait_mapped (GTK_WIDGET (self->section.window));
}

static void
loading_changed_cb (GObject    *object,
                    GParamSpec *pspec,
                    gboolean   *loaded)
{
  gboolean loading;

  g_object_get (object, "loading", &loading, NULL);
  *loaded = !loading;
}

/* Waits until @object (with a "loading" property) has loaded. */
static void
wait_loaded (gpointer object)
{
  gboolean loading;
  gboolean loaded = FALSE;
  gulong handler;

  g_object_get (object, "loading", &loading, NULL);
  if (!loading)
    return;
  handler = g_signal_connect (object, "notify::loading", G_CALLBACK (loading_changed_cb), &loaded);
  ui_wait_until (&loaded, 30);
  g_signal_handler_disconnect (object, handler);
}

/* The row whose title is @title: its label's ancestor list box row. */
static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  GtkWidget *label = ui_find_by_text (root, title);
  GtkWidget *row;

  g_assert_nonnull (label);
  row = gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  return row;
}

static void
activate_row (GtkWidget *row)
{
  GtkWidget *list = gtk_widget_get_parent (row);

  g_signal_emit_by_name (list, "row-activated", row);
}

static void
test_volunteer_list (VisitsFixture *self,
                     gconstpointer  data)
{
  RuhuDevice *device = self->section.ui.device;
  RuhuVisitPage *page = ruhu_visit_page_new (device, NULL);
  RuhuVisitDueList *list = ruhu_visit_page_get_due_list (page);
  g_autofree char *visit = g_uuid_string_random ();
  g_autofree char *today = days_ago (0);
  g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), today);
  g_autoptr(RuhuOp) op = NULL;
  GtkWidget *first_row;

  show_page (self, GTK_WIDGET (page));
  wait_loaded (list);
  /* The demo applicant receives no aid; of the five recipients three were
   * visited this period; the one never visited comes first. */
  g_assert_cmpuint (ruhu_visit_due_list_get_n_due (list), ==, 2);
  g_assert_cmpuint (ruhu_visit_due_list_get_n_done (list), ==, 3);
  first_row = find_row (GTK_WIDGET (list), "吴军");
  g_assert_true (first_row == GTK_WIDGET (gtk_list_box_get_row_at_index (
                   GTK_LIST_BOX (gtk_widget_get_parent (first_row)), 0)));
  g_assert_null (ui_find_by_text (GTK_WIDGET (list), "周平"));
  g_assert_null (ruhu_visit_page_get_case (page));
  section_window_photograph (GTK_WIDGET (self->section.window), "visits-due");

  /* Choosing a household opens its visit form below the list. */
  activate_row (find_row (GTK_WIDGET (list), "陈兰"));
  g_assert_cmpstr (ruhu_visit_page_get_case (page), ==, self->due);
  g_assert_cmpuint (ruhu_visit_page_get_n_visits (page), ==, 1);
  g_assert_nonnull (ui_find_by_text (GTK_WIDGET (page), "Visit to 陈兰"));
  section_window_photograph (GTK_WIDGET (self->section.window), "visits-household");

  /* A visit recorded today takes it off the list. */
  op = ruhu_device_write (device, visit, "outreach_visit", self->due, self->due, "visited_on",
                          value, NULL);
  g_assert_nonnull (op);
  wait_loaded (list);
  g_assert_cmpuint (ruhu_visit_due_list_get_n_due (list), ==, 1);
  g_assert_cmpuint (ruhu_visit_due_list_get_n_done (list), ==, 4);
  g_assert_null (ui_find_by_text (GTK_WIDGET (list), "陈兰"));
}

/* A volunteer's device holds only the households assigned for visits:
 * every one of them is scheduled, the demo applicant too. */
static void
test_volunteer_assigned (VisitsFixture *self,
                         gconstpointer  data)
{
  RuhuDevice *device = self->section.ui.device;
  RuhuStore *store = ruhu_device_get_store (device);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) head = NULL;
  RuhuVisitPage *page;
  RuhuVisitDueList *list;

  g_assert_true (ruhu_store_set_setting (store, RUHU_SYNC_SETTING_ROLE, "volunteer", &error));
  g_assert_no_error (error);
  ruhu_device_reload_account (device);
  page = ruhu_visit_page_new (device, NULL);
  list = ruhu_visit_page_get_due_list (page);
  show_page (self, GTK_WIDGET (page));
  wait_loaded (list);
  g_assert_cmpuint (ruhu_visit_due_list_get_n_due (list), ==, 3);
  g_assert_cmpuint (ruhu_visit_due_list_get_n_done (list), ==, 3);
  head = ruhu_store_get_value (store, self->section.case_id, "head_name", &error);
  g_assert_no_error (error);
  g_assert_nonnull (ui_find_by_text (GTK_WIDGET (list), json_node_get_string (head)));
  section_window_photograph (GTK_WIDGET (self->section.window), "visits-volunteer");
}

static void
case_activated_cb (RuhuRecheckPage  *page,
                   const char       *case_id,
                   char            **activated)
{
  g_free (*activated);
  *activated = g_strdup (case_id);
}

static void
test_supervisor_page (VisitsFixture *self,
                      gconstpointer  data)
{
  RuhuRecheckPage *page = ruhu_recheck_page_new (self->section.ui.device);
  g_autofree char *activated = NULL;

  g_signal_connect (page, "case-activated", G_CALLBACK (case_activated_cb), &activated);
  show_page (self, GTK_WIDGET (page));
  wait_loaded (page);
  /* Two villages; aliveness is due for every published 低保 and 特困
   * case (all 100 days or more ago) but not 低保边缘; one review is close. */
  g_assert_cmpuint (ruhu_recheck_page_get_n_villages (page), ==, 2);
  g_assert_cmpuint (ruhu_recheck_page_get_n_reviews (page), ==, 1);
  g_assert_cmpuint (ruhu_recheck_page_get_n_aliveness (page), ==, 4);
  g_assert_nonnull (ui_find_by_text (GTK_WIDGET (page), "金刀峡村"));
  g_assert_nonnull (ui_find_by_text (GTK_WIDGET (page), "0 of 2 households visited"));
  g_assert_nonnull (ui_find_by_text (GTK_WIDGET (page), "100 %"));
  g_assert_nonnull (ui_find_by_text (GTK_WIDGET (page), "Support for destitute persons (tekun)"));
  g_assert_null (ui_find_by_text (GTK_WIDGET (page), "郑雪"));
  section_window_photograph (GTK_WIDGET (self->section.window), "recheck-page");

  /* The review row opens its case. */
  activate_row (find_row (GTK_WIDGET (page), "钱七"));
  g_assert_cmpstr (activated, ==, self->review);
}

static guint
count_kind (RuhuDevice *device,
            const char *case_id,
            const char *kind)
{
  g_autoptr(GPtrArray) entities = ruhu_store_list_entities (ruhu_device_get_store (device),
                                                            case_id, NULL);
  guint n = 0;

  for (guint i = 0; i < entities->len; i++)
    if (g_str_equal (((RuhuEntityInfo *) g_ptr_array_index (entities, i))->kind, kind))
      n++;
  return n;
}

/* The application's linked aid items become tasks on the case page, once. */
static void
test_aid_tasks (VisitsFixture *self,
                gconstpointer  data)
{
  RuhuDevice *device = self->section.ui.device;
  const char *case_id = self->section.case_id;
  RuhuCasePage *page = ruhu_case_page_new ();
  g_autoptr(GPtrArray) entities = ruhu_store_list_entities (ruhu_device_get_store (device),
                                                            case_id, NULL);
  g_autoptr(JsonNode) items = json_from_string ("[\"medical\", \"fee_waiver\"]", NULL);
  GtkWidget *group;

  for (guint i = 0; i < entities->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (entities, i);
      g_autoptr(RuhuOp) op = NULL;

      if (g_str_equal (info->kind, "application"))
        op = ruhu_device_write (device, info->id, "application", case_id, case_id, "linked_aid",
                                items, NULL);
    }
  ruhu_case_page_set_device (page, device);
  ruhu_case_page_set_case (page, case_id);
  show_page (self, GTK_WIDGET (page));
  wait_loaded (page);
  group = gtk_widget_get_ancestor (ui_find_by_text (GTK_WIDGET (page), "Linked Aid Tasks"),
                                   ADW_TYPE_PREFERENCES_GROUP);
  g_assert_nonnull (group);
  g_assert_null (ui_find_by_text (group, "Medical assistance"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.create-aid-tasks", NULL));
  wait_loaded (page);
  g_assert_nonnull (ui_find_by_text (group, "Medical assistance"));
  g_assert_nonnull (ui_find_by_text (group, "Water, electricity and TV fee waivers"));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (ui_find_by_text (group, "Medical assistance")),
                                 TRUE);
  section_window_photograph (group, "aid-tasks");

  /* Again: nothing new. */
  g_assert_cmpuint (count_kind (device, case_id, "aid_task"), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.create-aid-tasks", NULL));
  ui_iterate (100);
  g_assert_cmpuint (count_kind (device, case_id, "aid_task"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  section_window_init (&argc, &argv);
  g_test_add ("/ruhu/ui/visits/volunteer-list", VisitsFixture, NULL, visits_setup,
              test_volunteer_list, visits_teardown);
  g_test_add ("/ruhu/ui/visits/volunteer-assigned", VisitsFixture, NULL, visits_setup,
              test_volunteer_assigned, visits_teardown);
  g_test_add ("/ruhu/ui/visits/supervisor-page", VisitsFixture, NULL, visits_setup,
              test_supervisor_page, visits_teardown);
  g_test_add ("/ruhu/ui/visits/aid-tasks", VisitsFixture, NULL, visits_setup,
              test_aid_tasks, visits_teardown);
  return g_test_run ();
}
