/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "case-list-expect.h"
#include "ruhu-case-list.h"
#include "ruhu-case-row.h"
#include "ruhu-date.h"
#include "ui-fixture.h"

/* The case list on a demo store, with one case in conflict, one edited
 * here (unsynced), one assigned to the user by its check sheet and
 * returned to the investigators, one assigned by an `assignment`, a few
 * accepted and one household without an application. Every expected count
 * is computed from the store through its public API (ruhu_case_flow_read()
 * for the workflow), independently of the list's own read path. */

#define N_CASES 40

typedef struct
{
  UiFixture     fixture;
  GtkWindow    *window;
  RuhuCaseList *list;
  char         *conflict_case;
  char         *edited_case;
  char         *assigned_case;
  char         *team_case;
  char         *new_case;
} ListFixture;

static char *
first_of (RuhuStore  *store,
          const char *case_id,
          const char *kind)
{
  g_autoptr(GPtrArray) found = expect_entities_of (store, case_id, kind);

  g_assert_cmpuint (found->len, >, 0);
  return g_strdup (g_ptr_array_index (found, 0));
}

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
  RuhuOp *op = ruhu_device_write (device, entity, kind, case_id, parent, field, value, &error);

  g_assert_no_error (error);
  ruhu_op_unref (op);
}

/* A step as a device receives it from the server, whose guard let it
 * through: the record's fields, `action` last. */
static void
write_step (RuhuDevice    *device,
            const char    *case_id,
            RuhuStep       step,
            RuhuCaseState  from,
            RuhuCaseState  to)
{
  g_autofree char *entity = g_uuid_string_random ();
  const char *fields[][2] = {
    { "from", ruhu_case_state_to_string (from) }, { "to", ruhu_case_state_to_string (to) },
    { "at", "2025-06-10T10:00:00+08:00" }, { "action", ruhu_step_to_string (step) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    write_text (device, entity, RUHU_WORKFLOW_KIND, case_id, case_id, fields[i][0], fields[i][1]);
}

static void
write_team (RuhuDevice *device,
            const char *case_id)
{
  g_autofree char *entity = g_uuid_string_random ();
  g_autoptr(JsonArray) investigators = json_array_new ();
  g_autoptr(JsonNode) team = json_node_init_array (json_node_alloc (), investigators);
  g_autoptr(GError) error = NULL;

  json_array_add_string_element (investigators, ruhu_device_get_actor (device));
  ruhu_op_unref (ruhu_device_write (device, entity, "assignment", case_id, case_id, "investigators",
                                    team, &error));
  g_assert_no_error (error);
}

/* Two devices changed the household's phone without seeing each other. */
static void
make_conflict (RuhuStore  *store,
               const char *case_id)
{
  const char *versions[] = { "0197b1dadc80.0000@tablet-a", "0197b1dadc80.0000@tablet-b" };
  const char *phones[] = { "13800000001", "13800000002" };
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_op_unref);
  g_autoptr(GArray) results = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), phones[i]);
      RuhuOp *op = ruhu_op_new (id, case_id, "household", case_id, NULL, "phone", value,
                                versions[i], NULL, "li.na", &error);

      g_assert_no_error (error);
      g_ptr_array_add (ops, op);
    }
  g_assert_true (ruhu_store_apply (store, ops, &results, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      g_assert_cmpint (g_array_index (results, RuhuApplyResult, i).status, ==, RUHU_APPLY_APPLIED);
      ruhu_apply_result_clear (&g_array_index (results, RuhuApplyResult, i));
    }
}

static void
prepare_store (ListFixture *fixture)
{
  RuhuDevice *device = fixture->fixture.device;
  RuhuStore *store = ruhu_device_get_store (device);
  GPtrArray *ids = fixture->fixture.case_ids;
  g_autofree char *sheet = NULL;

  fixture->conflict_case = g_strdup (g_ptr_array_index (ids, 3));
  make_conflict (store, fixture->conflict_case);

  fixture->edited_case = g_strdup (g_ptr_array_index (ids, 7));
  write_text (device, fixture->edited_case, "household", fixture->edited_case, NULL,
              "address", "新地址 1 号");

  fixture->assigned_case = g_strdup (g_ptr_array_index (ids, 11));
  sheet = first_of (store, fixture->assigned_case, "check_sheet");
  write_text (device, sheet, "check_sheet", fixture->assigned_case, fixture->assigned_case,
              "investigator_1", ruhu_device_get_actor (device));
  write_step (device, fixture->assigned_case, RUHU_STEP_ACCEPT, RUHU_CASE_STATE_APPLIED,
              RUHU_CASE_STATE_ACCEPTED);
  write_step (device, fixture->assigned_case, RUHU_STEP_START_INVESTIGATION,
              RUHU_CASE_STATE_ACCEPTED, RUHU_CASE_STATE_INVESTIGATING);
  write_step (device, fixture->assigned_case, RUHU_STEP_FINISH_INVESTIGATION,
              RUHU_CASE_STATE_INVESTIGATING, RUHU_CASE_STATE_INVESTIGATED);
  write_step (device, fixture->assigned_case, RUHU_STEP_RETURN, RUHU_CASE_STATE_INVESTIGATED,
              RUHU_CASE_STATE_INVESTIGATING);

  fixture->team_case = g_strdup (g_ptr_array_index (ids, 13));
  write_team (device, fixture->team_case);
  for (guint i = 14; i < 17; i++)
    write_step (device, g_ptr_array_index (ids, i), RUHU_STEP_ACCEPT, RUHU_CASE_STATE_APPLIED,
                RUHU_CASE_STATE_ACCEPTED);

  fixture->new_case = g_uuid_string_random ();
  write_text (device, fixture->new_case, "household", fixture->new_case, NULL, "head_name", "王新户");
  write_text (device, fixture->new_case, "household", fixture->new_case, NULL,
              "village_name", "新发现村");
}

static void
wait_idle (RuhuCaseList *list)
{
  while (ruhu_case_list_is_busy (list))
    g_main_context_iteration (NULL, TRUE);
  ui_iterate (50);
}

static void
list_fixture_setup (ListFixture   *fixture,
                    gconstpointer  data)
{
  GDate today = ruhu_date_make (2025, 6, 16);

  ui_fixture_setup (&fixture->fixture, N_CASES);
  g_assert_cmpstr (ruhu_device_get_actor (fixture->fixture.device), ==, "local");
  prepare_store (fixture);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 720);
  fixture->list = ruhu_case_list_new ();
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->list));
  /* The demo's "now", so that deadlines fall on both sides of today. */
  ruhu_case_list_set_today (fixture->list, &today);
  ruhu_case_list_set_device (fixture->list, fixture->fixture.device);
  gtk_window_present (fixture->window);
  wait_idle (fixture->list);
}

static void
list_fixture_teardown (ListFixture   *fixture,
                       gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  ui_iterate (50);
  g_free (fixture->conflict_case);
  g_free (fixture->edited_case);
  g_free (fixture->assigned_case);
  g_free (fixture->team_case);
  g_free (fixture->new_case);
  ui_fixture_teardown (&fixture->fixture);
}

static void
type_search (ListFixture *fixture,
             const char  *text)
{
  GtkWidget *entry = ui_find_by_type (GTK_WIDGET (fixture->list), GTK_TYPE_SEARCH_ENTRY);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  ui_iterate (20);
}

static GHashTable *
shown_cases (RuhuCaseList *list)
{
  GListModel *model = ruhu_case_list_get_model (list);
  GHashTable *shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RuhuCaseSummary) summary = g_list_model_get_item (model, i);

      g_hash_table_add (shown, g_strdup (ruhu_case_summary_get_case_id (summary)));
    }
  g_assert_cmpuint (g_hash_table_size (shown), ==, ruhu_case_list_get_n_shown (list));
  return shown;
}

static void
assert_shown (RuhuCaseList *list,
              GHashTable   *expected)
{
  g_autoptr(GHashTable) shown = shown_cases (list);
  GHashTableIter iter;
  const char *case_id;

  g_assert_cmpuint (g_hash_table_size (shown), ==, g_hash_table_size (expected));
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, (gpointer *) &case_id, NULL))
    g_assert_true (g_hash_table_contains (shown, case_id));
}

static void
test_count (ListFixture   *fixture,
            gconstpointer  data)
{
  RuhuStore *store = ruhu_device_get_store (fixture->fixture.device);
  g_autoptr(GHashTable) expected = expect_cases (store, expect_every_case, NULL);

  g_assert_cmpuint (g_hash_table_size (expected), ==, N_CASES + 1);
  assert_shown (fixture->list, expected);
  g_assert_nonnull (ui_find_by_text (GTK_WIDGET (fixture->list), "41 cases"));
}

/* Types @text one character at a time, checking the list after each. */
static void
type_slowly (ListFixture *fixture,
             const char  *text)
{
  RuhuStore *store = ruhu_device_get_store (fixture->fixture.device);

  for (const char *end = g_utf8_next_char (text); ; end = g_utf8_next_char (end))
    {
      g_autofree char *typed = g_strndup (text, end - text);
      g_autoptr(GHashTable) expected = expect_cases (store, expect_matches_search, typed);

      type_search (fixture, typed);
      assert_shown (fixture->list, expected);
      if (*end == '\0')
        break;
    }
}

static void
test_search (ListFixture   *fixture,
             gconstpointer  data)
{
  RuhuStore *store = ruhu_device_get_store (fixture->fixture.device);
  const char *case_id = g_ptr_array_index (fixture->fixture.case_ids, 5);
  g_autofree char *village = expect_get_text (store, case_id, "village_name");
  g_autofree char *head = expect_get_text (store, case_id, "head_name");
  g_autofree char *member = first_of (store, case_id, "member");
  g_autofree char *id_number = expect_get_text (store, member, "id_number");
  const char *tail = id_number + strlen (id_number) - 4;

  type_slowly (fixture, village);
  g_assert_cmpuint (ruhu_case_list_get_n_shown (fixture->list), <, N_CASES);
  type_slowly (fixture, head);
  g_assert_cmpuint (ruhu_case_list_get_n_shown (fixture->list), >=, 1);
  type_slowly (fixture, tail);
  g_assert_cmpuint (ruhu_case_list_get_n_shown (fixture->list), <, N_CASES);

  /* Deleting widens again, down to nothing typed. */
  type_search (fixture, "");
  g_assert_cmpuint (ruhu_case_list_get_n_shown (fixture->list), ==, N_CASES + 1);

  type_search (fixture, "无此人无此村");
  g_assert_cmpuint (ruhu_case_list_get_n_shown (fixture->list), ==, 0);
  g_assert_nonnull (ui_find_by_text (GTK_WIDGET (fixture->list), "No Matching Cases"));
  g_assert_true (gtk_widget_is_drawable (ui_find_by_text (GTK_WIDGET (fixture->list),
                                                          "No Matching Cases")));
  ui_iterate (100);
  g_free (ui_save_screenshot (GTK_WIDGET (fixture->window), "case-list-empty"));
}

static void
check_filter (ListFixture *fixture,
              const char  *action,
              GVariant    *target,
              ExpectCaseTest     test,
              gconstpointer data)
{
  RuhuStore *store = ruhu_device_get_store (fixture->fixture.device);
  g_autoptr(GHashTable) expected = expect_cases (store, test, data);
  g_autofree char *name = g_strconcat ("list.", action, NULL);

  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fixture->list), name, target));
  ui_iterate (20);
  assert_shown (fixture->list, expected);
  g_assert_cmpuint (ruhu_case_list_get_n_shown (fixture->list), <, N_CASES + 1);
  g_assert_cmpuint (ruhu_case_list_get_n_shown (fixture->list), >, 0);

  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fixture->list), "list.clear", NULL));
  ui_iterate (20);
  g_assert_cmpuint (ruhu_case_list_get_n_shown (fixture->list), ==, N_CASES + 1);
}

static void
test_filters (ListFixture   *fixture,
              gconstpointer  data)
{
  RuhuStore *store = ruhu_device_get_store (fixture->fixture.device);
  g_autofree char *category = expect_get_text (store, g_ptr_array_index (fixture->fixture.case_ids, 5),
                                        "category");
  const char *actor = ruhu_device_get_actor (fixture->fixture.device);

  check_filter (fixture, "conflicts", NULL, expect_has_conflicts, NULL);
  check_filter (fixture, "unsynced", NULL, expect_is_unsynced, NULL);
  check_filter (fixture, "assigned", NULL, expect_is_assigned, actor);
  check_filter (fixture, "returned", NULL, expect_is_returned_to_me, actor);
  check_filter (fixture, "state", g_variant_new_string ("accepted"), expect_is_in_state,
                GINT_TO_POINTER (RUHU_CASE_STATE_ACCEPTED));
  check_filter (fixture, "state", g_variant_new_string ("investigating"), expect_is_in_state,
                GINT_TO_POINTER (RUHU_CASE_STATE_INVESTIGATING));
  check_filter (fixture, "state", g_variant_new_string ("applied"), expect_is_in_state,
                GINT_TO_POINTER (RUHU_CASE_STATE_APPLIED));
  check_filter (fixture, "category", g_variant_new_string (category), expect_has_category, category);
  check_filter (fixture, "due", g_variant_new_string ("overdue"), expect_is_overdue, NULL);

  /* Filters combine with the search. */
  type_search (fixture, "新发现");
  g_assert_cmpuint (ruhu_case_list_get_n_shown (fixture->list), ==, 1);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fixture->list), "list.conflicts", NULL));
  ui_iterate (20);
  g_assert_cmpuint (ruhu_case_list_get_n_shown (fixture->list), ==, 0);
}

static void
test_sort_and_due_soon (ListFixture   *fixture,
                        gconstpointer  data)
{
  GListModel *model = ruhu_case_list_get_model (fixture->list);
  guint n;

  /* By deadline (the default): cases with a deadline first, earliest first. */
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RuhuCaseSummary) a = g_list_model_get_item (model, i - 1);
      g_autoptr(RuhuCaseSummary) b = g_list_model_get_item (model, i);
      const RuhuCaseInfo *first = ruhu_case_summary_get_info (a);
      const RuhuCaseInfo *second = ruhu_case_summary_get_info (b);

      g_assert_true (first->has_deadline || !second->has_deadline);
      if (first->has_deadline && second->has_deadline)
        g_assert_cmpint (g_date_compare (&first->deadline, &second->deadline), <=, 0);
    }

  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fixture->list), "list.sort",
                                                     g_variant_new_string ("name")));
  ui_iterate (20);
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RuhuCaseSummary) a = g_list_model_get_item (model, i - 1);
      g_autoptr(RuhuCaseSummary) b = g_list_model_get_item (model, i);

      g_assert_cmpint (g_utf8_collate (ruhu_case_summary_get_head_name (a),
                                       ruhu_case_summary_get_head_name (b)), <=, 0);
    }

  /* Due soon: whatever it shows is due within the warning window. */
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fixture->list), "list.due",
                                                     g_variant_new_string ("soon")));
  ui_iterate (20);
  n = ruhu_case_list_get_n_shown (fixture->list);
  g_assert_cmpuint (n, <, N_CASES + 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RuhuCaseSummary) summary = g_list_model_get_item (model, i);
      const RuhuCaseInfo *info = ruhu_case_summary_get_info (summary);

      g_assert_true (info->has_deadline);
      g_assert_cmpint (info->deadline_status.working_days, <=, RUHU_DEADLINE_DUE_SOON_WORKING_DAYS);
      g_assert_cmpint (info->deadline_status.calendar_days, >=, 0);
    }
}

/* The row on screen that shows @case_id, or NULL. */
static RuhuCaseRow *
find_row (GtkWidget  *root,
          const char *case_id)
{
  if (RUHU_IS_CASE_ROW (root))
    {
      RuhuCaseSummary *summary = ruhu_case_row_get_summary (RUHU_CASE_ROW (root));

      return summary != NULL && g_str_equal (ruhu_case_summary_get_case_id (summary), case_id)
             ? RUHU_CASE_ROW (root) : NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      RuhuCaseRow *row = find_row (child, case_id);

      if (row != NULL)
        return row;
    }
  return NULL;
}

static gboolean
shows_badge (GtkWidget  *root,
             const char *css_class)
{
  if (gtk_widget_has_css_class (root, css_class))
    return gtk_widget_is_drawable (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_badge (child, css_class))
      return TRUE;
  return FALSE;
}

static void
test_badges (ListFixture   *fixture,
             gconstpointer  data)
{
  RuhuStore *store = ruhu_device_get_store (fixture->fixture.device);
  g_autofree char *head = expect_get_text (store, fixture->conflict_case, "head_name");
  g_autofree char *edited_head = expect_get_text (store, fixture->edited_case, "head_name");
  RuhuCaseRow *row;

  type_search (fixture, head);
  ui_iterate (100);
  row = find_row (GTK_WIDGET (fixture->list), fixture->conflict_case);
  g_assert_nonnull (row);
  g_assert_true (shows_badge (GTK_WIDGET (row), "conflict"));
  g_assert_false (shows_badge (GTK_WIDGET (row), "unsynced"));
  g_assert_nonnull (ui_find_by_text (GTK_WIDGET (row), "1"));
  g_free (ui_save_screenshot (GTK_WIDGET (fixture->window), "case-list-conflict"));

  type_search (fixture, edited_head);
  ui_iterate (100);
  row = find_row (GTK_WIDGET (fixture->list), fixture->edited_case);
  g_assert_nonnull (row);
  g_assert_true (shows_badge (GTK_WIDGET (row), "unsynced"));
  g_assert_false (shows_badge (GTK_WIDGET (row), "conflict"));
}

/* The label under @root whose text contains @part, or NULL. */
static GtkLabel *
find_label_containing (GtkWidget  *root,
                       const char *part)
{
  if (GTK_IS_LABEL (root) && expect_contains (gtk_label_get_text (GTK_LABEL (root)), part))
    return GTK_LABEL (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_containing (child, part);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Shows @case_id alone and checks its row: the state's label, and the
 * next deadline's kind and date, marked (@mark, @css_class) when overdue
 * or due soon. */
static void
check_row (ListFixture *fixture,
           const char  *case_id,
           const char  *mark,
           const char  *css_class)
{
  RuhuStore *store = ruhu_device_get_store (fixture->fixture.device);
  g_autoptr(RuhuCalendar) calendar = ruhu_calendar_load_default (NULL);
  g_autoptr(RuhuCaseFlow) flow = expect_read_flow (store, case_id);
  g_autofree char *head = expect_get_text (store, case_id, "head_name");
  g_autofree char *date = NULL;
  GDate today = ruhu_date_make (2025, 6, 16);
  RuhuCaseDeadline deadline;
  RuhuCaseRow *row;
  GtkLabel *label;

  g_assert_true (ruhu_case_flow_next_deadline (flow, calendar, &today, &deadline, NULL));
  date = ruhu_date_format (&deadline.due);
  type_search (fixture, head);
  ui_iterate (100);
  row = find_row (GTK_WIDGET (fixture->list), case_id);
  g_assert_nonnull (row);
  g_assert_nonnull (ui_find_by_text (GTK_WIDGET (row), g_str_equal (case_id, fixture->assigned_case) ?
                                                       "Returned with comments" :
                                                       ruhu_case_state_get_label (flow->state)));
  label = find_label_containing (GTK_WIDGET (row), date);
  g_assert_nonnull (label);
  g_assert_nonnull (strstr (gtk_label_get_text (label), ruhu_case_deadline_kind_get_label (deadline.kind)));
  /* A deadline on track has no mark before it. */
  g_assert_nonnull (strstr (gtk_label_get_text (label), mark != NULL ? mark : ""));
  g_assert_true (mark != NULL || strstr (gtk_label_get_text (label), " · ") == NULL);
  g_assert_true (css_class == NULL || gtk_widget_has_css_class (GTK_WIDGET (label), css_class));
}

static void
test_row_labels (ListFixture   *fixture,
                 gconstpointer  data)
{
  /* Returned: the report is due 25 working days after acceptance. */
  check_row (fixture, fixture->assigned_case, NULL, NULL);
  g_free (ui_save_screenshot (GTK_WIDGET (fixture->window), "case-list-returned"));
  /* Applied in the demo's past: acceptance is overdue. */
  check_row (fixture, fixture->edited_case, "Overdue", "error");
}

static void
on_activated (RuhuCaseList *list,
              const char   *case_id,
              char        **out)
{
  g_free (*out);
  *out = g_strdup (case_id);
}

static void
test_changes_and_activation (ListFixture   *fixture,
                             gconstpointer  data)
{
  RuhuDevice *device = fixture->fixture.device;
  const char *case_id = g_ptr_array_index (fixture->fixture.case_ids, 20);
  g_autofree char *activated = NULL;
  GtkWidget *view = ui_find_by_type (GTK_WIDGET (fixture->list), GTK_TYPE_LIST_VIEW);

  /* An edit of one case refreshes that case. */
  write_text (device, case_id, "household", case_id, NULL, "head_name", "欧阳改名");
  wait_idle (fixture->list);
  type_search (fixture, "欧阳改名");
  g_assert_cmpuint (ruhu_case_list_get_n_shown (fixture->list), ==, 1);
  g_assert_nonnull (find_row (GTK_WIDGET (fixture->list), case_id));

  /* "Many changed" reloads in the background and keeps the search. */
  ruhu_device_case_changed (device, NULL);
  g_assert_true (ruhu_case_list_is_busy (fixture->list));
  wait_idle (fixture->list);
  g_assert_cmpuint (ruhu_case_list_get_n_shown (fixture->list), ==, 1);

  g_signal_connect (fixture->list, "case-activated", G_CALLBACK (on_activated), &activated);
  g_signal_emit_by_name (view, "activate", 0);
  g_assert_cmpstr (activated, ==, case_id);

  /* A deleted household leaves the list. */
  g_clear_pointer (&activated, g_free);
  ruhu_op_unref (ruhu_device_set_deleted (device, case_id, TRUE, NULL));
  wait_idle (fixture->list);
  g_assert_cmpuint (ruhu_case_list_get_n_shown (fixture->list), ==, 0);
}

/* A fresh list on the same device, as after a restart. */
static void
replace_list (ListFixture *fixture)
{
  GDate today = ruhu_date_make (2025, 6, 16);

  fixture->list = ruhu_case_list_new ();
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->list));
  ruhu_case_list_set_today (fixture->list, &today);
  ruhu_case_list_set_device (fixture->list, fixture->fixture.device);
  wait_idle (fixture->list);
}

/* The index kept from the last load: cases changed since are read again,
 * and a damaged index is ignored. */
static void
test_cache (ListFixture   *fixture,
            gconstpointer  data)
{
  RuhuDevice *device = fixture->fixture.device;
  g_autofree char *cache = g_build_filename (fixture->fixture.dir, "device.db-cases", NULL);
  const char *renamed = g_ptr_array_index (fixture->fixture.case_ids, 25);
  const char *deleted = g_ptr_array_index (fixture->fixture.case_ids, 26);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_test (cache, G_FILE_TEST_EXISTS));
  gtk_window_set_child (fixture->window, NULL);
  write_text (device, renamed, "household", renamed, NULL, "head_name", "司马新名");
  ruhu_op_unref (ruhu_device_set_deleted (device, deleted, TRUE, NULL));

  replace_list (fixture);
  g_assert_cmpuint (ruhu_case_list_get_n_shown (fixture->list), ==, N_CASES);
  type_search (fixture, "司马新名");
  g_assert_cmpuint (ruhu_case_list_get_n_shown (fixture->list), ==, 1);

  gtk_window_set_child (fixture->window, NULL);
  g_file_set_contents (cache, "not an index", -1, &error);
  g_assert_no_error (error);
  replace_list (fixture);
  g_assert_cmpuint (ruhu_case_list_get_n_shown (fixture->list), ==, N_CASES);
  type_search (fixture, "司马新名");
  g_assert_cmpuint (ruhu_case_list_get_n_shown (fixture->list), ==, 1);
}

static void
test_screenshots (ListFixture   *fixture,
                  gconstpointer  data)
{
  g_autofree char *wide = NULL;
  g_autofree char *narrow = NULL;

  ui_iterate (200);
  wide = ui_save_screenshot (GTK_WIDGET (fixture->window), "case-list-wide");
  g_assert_true (g_file_test (wide, G_FILE_TEST_EXISTS));

  gtk_window_set_default_size (fixture->window, 360, 720);
  ui_iterate (300);
  narrow = ui_save_screenshot (GTK_WIDGET (fixture->window), "case-list-narrow");
  g_assert_true (g_file_test (narrow, G_FILE_TEST_EXISTS));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 400);
}

int
main (int   argc,
      char *argv[])
{
  ui_fixture_init (&argc, &argv);
#define ADD(name, func) \
  g_test_add ("/ruhu/ui/case-list/" name, ListFixture, NULL, list_fixture_setup, func, \
              list_fixture_teardown)
  ADD ("count", test_count);
  ADD ("search", test_search);
  ADD ("filters", test_filters);
  ADD ("sort-and-due-soon", test_sort_and_due_soon);
  ADD ("badges", test_badges);
  ADD ("row-labels", test_row_labels);
  ADD ("changes-and-activation", test_changes_and_activation);
  ADD ("cache", test_cache);
  ADD ("screenshots", test_screenshots);
#undef ADD
  return g_test_run ();
}
