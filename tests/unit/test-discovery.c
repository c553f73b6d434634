/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-date.h"
#include "ruhu-discovery.h"
#include "ruhu-form-validate.h"
#include "ruhu-workflow.h"
#include "test-util.h"

#define SUPERVISOR "supervisor-1"

static void
put_text (RuhuStore  *store,
          const char *entity,
          const char *kind,
          const char *case_id,
          const char *parent,
          const char *field,
          const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = test_text (text);
  g_autoptr(RuhuOp) op = ruhu_store_write (store, entity, kind, case_id, parent, field, value,
                                           "assistant-1", &error);

  g_assert_no_error (error);
  g_assert_nonnull (op);
}

/* A report filed the way the discovery page files it: a household of its
 * own with the reported person as head_name, the report under it. */
static char *
file_report (RuhuStore  *store,
             const char *person)
{
  char *household = g_uuid_string_random ();
  g_autofree char *report = g_uuid_string_random ();

  put_text (store, household, "household", household, NULL, "head_name", person);
  put_text (store, household, "household", household, NULL, "address", "东关村三组");
  put_text (store, report, "discovery_report", household, household, "reporter_name", "李协理");
  put_text (store, report, "discovery_report", household, household, "person_name", person);
  put_text (store, report, "discovery_report", household, household, "situation",
            "独居老人，卧病在床");
  return household;
}

static GPtrArray *
entities_of_kind (RuhuStore  *store,
                  const char *case_id,
                  const char *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entities = ruhu_store_list_entities (store, case_id, &error);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < entities->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (entities, i);

      if (!info->deleted && g_str_equal (info->kind, kind))
        g_ptr_array_add (found, g_strdup (info->id));
    }
  return found;
}

static char *
get_text (RuhuStore  *store,
          const char *entity,
          const char *field)
{
  g_autoptr(JsonNode) value = ruhu_store_get_value (store, entity, field, NULL);

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return NULL;
  return g_strdup (json_node_get_string (value));
}

static void
test_make_application (void)
{
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autofree char *case_id = file_report (store, "张大爷");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) applications = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(JsonNode) on_behalf = NULL;
  g_autofree char *report = ruhu_discovery_find_report (store, case_id, &error);
  g_autofree char *today = NULL;
  g_autofree char *applied_on = NULL;
  g_autofree char *applicant = NULL;
  g_autofree char *head = NULL;
  g_autofree char *name = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *by = NULL;
  g_autofree char *agent = NULL;
  g_autofree char *at = NULL;
  GDate date;

  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_true (ruhu_discovery_make_application (store, case_id, SUPERVISOR, &error));
  g_assert_no_error (error);

  applications = entities_of_kind (store, case_id, "application");
  g_assert_cmpuint (applications->len, ==, 1);
  ruhu_date_get_today (NULL, &date);
  today = ruhu_date_format (&date);
  applied_on = get_text (store, applications->pdata[0], "applied_on");
  g_assert_cmpstr (applied_on, ==, today);
  on_behalf = ruhu_store_get_value (store, applications->pdata[0], "on_behalf", NULL);
  g_assert_nonnull (on_behalf);
  g_assert_true (json_node_get_boolean (on_behalf));
  agent = get_text (store, applications->pdata[0], "agent_name");
  g_assert_cmpstr (agent, ==, "李协理");

  /* The reported person became the household's head and the applicant. */
  members = entities_of_kind (store, case_id, "member");
  g_assert_cmpuint (members->len, ==, 1);
  head = get_text (store, case_id, "head_member");
  applicant = get_text (store, applications->pdata[0], "applicant");
  name = get_text (store, members->pdata[0], "name");
  g_assert_cmpstr (head, ==, members->pdata[0]);
  g_assert_cmpstr (applicant, ==, head);
  g_assert_cmpstr (name, ==, "张大爷");

  outcome = get_text (store, report, "outcome");
  by = get_text (store, report, "outcome_by");
  g_assert_cmpstr (outcome, ==, RUHU_DISCOVERY_OUTCOME_APPLICATION);
  g_assert_cmpstr (by, ==, SUPERVISOR);
  at = get_text (store, report, "outcome_at");
  g_assert_nonnull (at);
}

static void
test_make_application_twice (void)
{
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autofree char *case_id = file_report (store, "张大爷");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) applications = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(RuhuCaseFlow) flow = NULL;

  g_assert_true (ruhu_discovery_make_application (store, case_id, SUPERVISOR, &error));
  g_assert_true (ruhu_discovery_make_application (store, case_id, "supervisor-2", &error));
  g_assert_no_error (error);
  applications = entities_of_kind (store, case_id, "application");
  members = entities_of_kind (store, case_id, "member");
  g_assert_cmpuint (applications->len, ==, 1);
  g_assert_cmpuint (members->len, ==, 1);

  /* The case now stands applied, dated today. */
  flow = ruhu_case_flow_read (store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (flow->state, ==, RUHU_CASE_STATE_APPLIED);
  g_assert_true (g_date_valid (&flow->applied_on));
}

static void
test_existing_head_kept (void)
{
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autofree char *case_id = file_report (store, "张大爷");
  g_autofree char *member = g_uuid_string_random ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) applications = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autofree char *applicant = NULL;

  put_text (store, member, "member", case_id, case_id, "name", "张建国");
  put_text (store, case_id, "household", case_id, NULL, "head_member", member);
  g_assert_true (ruhu_discovery_make_application (store, case_id, SUPERVISOR, &error));
  g_assert_no_error (error);
  members = entities_of_kind (store, case_id, "member");
  applications = entities_of_kind (store, case_id, "application");
  g_assert_cmpuint (members->len, ==, 1);
  applicant = get_text (store, applications->pdata[0], "applicant");
  g_assert_cmpstr (applicant, ==, member);
}

static void
test_close (void)
{
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autofree char *case_id = file_report (store, "王奶奶");
  g_autofree char *report = ruhu_discovery_find_report (store, case_id, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) applications = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *reason = NULL;

  g_assert_false (ruhu_discovery_close (store, case_id, "  ", SUPERVISOR, &error));
  g_assert_error (error, RUHU_DISCOVERY_ERROR, RUHU_DISCOVERY_ERROR_REASON_REQUIRED);
  g_clear_error (&error);
  outcome = get_text (store, report, "outcome");
  g_assert_null (outcome);

  g_assert_true (ruhu_discovery_close (store, case_id, " 已享受特困供养 ", SUPERVISOR, &error));
  g_assert_no_error (error);
  g_free (outcome);
  outcome = get_text (store, report, "outcome");
  reason = get_text (store, report, "closed_reason");
  g_assert_cmpstr (outcome, ==, RUHU_DISCOVERY_OUTCOME_CLOSED);
  g_assert_cmpstr (reason, ==, "已享受特困供养");

  /* A closed report is not turned into an application afterwards. */
  g_assert_false (ruhu_discovery_make_application (store, case_id, SUPERVISOR, &error));
  g_assert_error (error, RUHU_DISCOVERY_ERROR, RUHU_DISCOVERY_ERROR_DECIDED);
  applications = entities_of_kind (store, case_id, "application");
  g_assert_cmpuint (applications->len, ==, 0);
}

static void
test_no_report (void)
{
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autofree char *household = g_uuid_string_random ();
  g_autoptr(GError) error = NULL;

  put_text (store, household, "household", household, NULL, "head_name", "赵六");
  g_assert_false (ruhu_discovery_make_application (store, household, SUPERVISOR, &error));
  g_assert_error (error, RUHU_DISCOVERY_ERROR, RUHU_DISCOVERY_ERROR_NO_REPORT);
  g_clear_error (&error);
  g_assert_false (ruhu_discovery_close (store, household, "重复上报", SUPERVISOR, &error));
  g_assert_error (error, RUHU_DISCOVERY_ERROR, RUHU_DISCOVERY_ERROR_NO_REPORT);
}

/* A report that knows more: the suggested category, the reporter's phone,
 * the person's phone; the household has no address of its own yet. */
static char *
file_full_report (RuhuStore *store)
{
  char *household = g_uuid_string_random ();
  g_autofree char *report = g_uuid_string_random ();

  put_text (store, household, "household", household, NULL, "head_name", "张大爷");
  put_text (store, report, "discovery_report", household, household, "reporter_name", "李协理");
  put_text (store, report, "discovery_report", household, household, "reporter_phone",
            "13800138000");
  put_text (store, report, "discovery_report", household, household, "person_name", "张大爷");
  put_text (store, report, "discovery_report", household, household, "person_phone",
            "13900139000");
  put_text (store, report, "discovery_report", household, household, "place", "东关村三组");
  put_text (store, report, "discovery_report", household, household, "category", "tekun");
  put_text (store, report, "discovery_report", household, household, "situation", "独居老人");
  return household;
}

static gboolean
has_problem (GPtrArray  *problems,
             const char *field)
{
  for (guint i = 0; i < problems->len; i++)
    if (g_str_equal (((RuhuFormProblem *) g_ptr_array_index (problems, i))->field, field))
      return TRUE;
  return FALSE;
}

/* What the report knows reaches the application and the household, so the
 * application's form no longer finds those fields missing. */
static void
test_copies_report (void)
{
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autofree char *case_id = file_full_report (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuFormSet) forms = ruhu_form_set_load_default (&error);
  g_autoptr(GPtrArray) applications = NULL;
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(RuhuCaseFlow) flow = NULL;
  g_autofree char *address = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *household_category = NULL;
  static const char * const answered[] = {
    "category", "applied_on", "applicant", "on_behalf", "agent_name", "agent_phone",
  };

  g_assert_no_error (error);
  g_assert_true (ruhu_discovery_make_application (store, case_id, SUPERVISOR, &error));
  g_assert_no_error (error);
  applications = entities_of_kind (store, case_id, "application");
  g_assert_cmpuint (applications->len, ==, 1);
  fields = ruhu_store_get_fields (store, applications->pdata[0], &error);
  g_assert_no_error (error);
  problems = ruhu_form_validate_entity (ruhu_form_set_lookup (forms, "application"), fields,
                                        NULL);
  for (guint i = 0; i < G_N_ELEMENTS (answered); i++)
    {
      g_test_message ("%s", answered[i]);
      g_assert_false (has_problem (problems, answered[i]));
    }
  /* What the report cannot tell stays missing. */
  g_assert_true (has_problem (problems, "relatives_declared"));

  address = get_text (store, case_id, "address");
  phone = get_text (store, case_id, "phone");
  household_category = get_text (store, case_id, "category");
  g_assert_cmpstr (address, ==, "东关村三组");
  g_assert_cmpstr (phone, ==, "13900139000");
  g_assert_cmpstr (household_category, ==, "tekun");
  flow = ruhu_case_flow_read (store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (flow->category, ==, RUHU_CATEGORY_TEKUN);
}

/* Without a suggestion in the report, the household's category is taken;
 * the household's own address is kept. */
static void
test_household_category (void)
{
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autofree char *case_id = file_report (store, "张大爷");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) applications = NULL;
  g_autofree char *category = NULL;
  g_autofree char *phone = NULL;

  put_text (store, case_id, "household", case_id, NULL, "category", "rural_dibao");
  g_assert_true (ruhu_discovery_make_application (store, case_id, SUPERVISOR, &error));
  g_assert_no_error (error);
  applications = entities_of_kind (store, case_id, "application");
  category = get_text (store, applications->pdata[0], "category");
  phone = get_text (store, applications->pdata[0], "agent_phone");
  g_assert_cmpstr (category, ==, "rural_dibao");
  g_assert_null (phone);
}

static GDateTime *
decision_time (int hour)
{
  g_autoptr(GTimeZone) china = g_time_zone_new_offset (8 * 3600);

  return g_date_time_new (china, 2026, 11, 20, hour, 30, 0);
}

static void
assert_no_conflicts_on (RuhuStore  *store,
                        const char *case_id,
                        const char *report)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = ruhu_store_list_conflicts (store, case_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < conflicts->len; i++)
    {
      RuhuConflict *conflict = g_ptr_array_index (conflicts, i);

      g_test_message ("conflict on %s.%s", conflict->entity, conflict->field);
      /* Who decided and when is the only thing two deciders may differ on. */
      g_assert_cmpstr (conflict->entity, ==, report);
      g_assert_true (g_str_equal (conflict->field, "outcome_by") ||
                     g_str_equal (conflict->field, "outcome_at"));
    }
  if (report == NULL)
    g_assert_cmpuint (conflicts->len, ==, 0);
}

/* Each device gets what the other did: both end in the same state. */
static void
sync_both (RuhuStore *a,
           RuhuStore *b)
{
  test_copy_feed (a, b);
  test_copy_feed (b, a);
  test_assert_same_state (a, b);
}

/* Two devices with the same report each make the application offline,
 * then sync: one application, one head, no conflict. */
static void
test_two_devices (gconstpointer data)
{
  gboolean same_decider = GPOINTER_TO_INT (data);
  g_autoptr(RuhuStore) a = test_memory_store (NULL);
  g_autoptr(RuhuStore) b = test_memory_store (NULL);
  g_autofree char *case_id = file_full_report (a);
  g_autofree char *report = ruhu_discovery_find_report (a, case_id, NULL);
  g_autoptr(GDateTime) at_a = decision_time (9);
  g_autoptr(GDateTime) at_b = decision_time (same_decider ? 9 : 11);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) applications = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autofree char *expected = ruhu_discovery_application_id (report);

  test_copy_feed (a, b);
  g_assert_true (ruhu_discovery_make_application_at (a, case_id, SUPERVISOR, at_a, &error));
  g_assert_true (ruhu_discovery_make_application_at (b, case_id,
                                                     same_decider ? SUPERVISOR : "supervisor-2",
                                                     at_b, &error));
  g_assert_no_error (error);
  sync_both (a, b);

  applications = entities_of_kind (a, case_id, "application");
  members = entities_of_kind (a, case_id, "member");
  g_assert_cmpuint (applications->len, ==, 1);
  g_assert_cmpstr (applications->pdata[0], ==, expected);
  g_assert_cmpuint (members->len, ==, 1);
  g_assert_cmpint (ruhu_discovery_get_state (a, report), ==, RUHU_DISCOVERY_APPLIED);
  assert_no_conflicts_on (a, case_id, same_decider ? NULL : report);
}

static gboolean
has_conflict (GPtrArray  *conflicts,
              const char *entity,
              const char *field)
{
  for (guint i = 0; i < conflicts->len; i++)
    {
      RuhuConflict *conflict = g_ptr_array_index (conflicts, i);

      if (g_str_equal (conflict->entity, entity) && g_str_equal (conflict->field, field))
        return TRUE;
    }
  return FALSE;
}

/* One device closes the report while another makes the application: both
 * facts stay, the outcome is contested, and no step is taken until a
 * person settles it. */
static void
test_close_and_apply (void)
{
  g_autoptr(RuhuStore) a = test_memory_store (NULL);
  g_autoptr(RuhuStore) b = test_memory_store (NULL);
  g_autofree char *case_id = file_report (a, "王奶奶");
  g_autofree char *report = ruhu_discovery_find_report (a, case_id, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) applications = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(RuhuCaseFlow) flow = NULL;
  g_autoptr(RuhuOp) settled = NULL;
  g_autoptr(JsonNode) outcome = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *code = NULL;
  g_autofree char *why = NULL;

  test_copy_feed (a, b);
  g_assert_true (ruhu_discovery_close (a, case_id, "已享受特困供养", SUPERVISOR, &error));
  g_assert_true (ruhu_discovery_make_application (b, case_id, "supervisor-2", &error));
  g_assert_no_error (error);
  sync_both (a, b);

  applications = entities_of_kind (a, case_id, "application");
  reason = get_text (a, report, "closed_reason");
  g_assert_cmpuint (applications->len, ==, 1);
  g_assert_cmpstr (reason, ==, "已享受特困供养");
  g_assert_cmpint (ruhu_discovery_get_state (a, report), ==, RUHU_DISCOVERY_CONTESTED);
  conflicts = ruhu_store_list_conflicts (a, case_id, &error);
  g_assert_no_error (error);
  g_assert_true (has_conflict (conflicts, report, "outcome"));
  flow = ruhu_case_flow_read (a, case_id, &error);
  g_assert_no_error (error);
  g_assert_false (ruhu_workflow_check (a, flow, RUHU_STEP_ACCEPT, "supervisor", NULL, &code,
                                       &why));
  g_assert_cmpstr (code, ==, "workflow_evidence");
  g_assert_nonnull (strstr (why, "settle"));

  /* A person settles it for the application: the case goes on. */
  outcome = test_text (RUHU_DISCOVERY_OUTCOME_APPLICATION);
  settled = ruhu_store_write (a, report, "discovery_report", case_id, case_id, "outcome",
                              outcome, SUPERVISOR, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ruhu_discovery_get_state (a, report), ==, RUHU_DISCOVERY_APPLIED);
  g_clear_pointer (&code, g_free);
  g_clear_pointer (&why, g_free);
  g_assert_true (ruhu_workflow_check (a, flow, RUHU_STEP_ACCEPT, "supervisor", NULL, &code,
                                      &why));
}

/* The same report always gives the same application id; other reports
 * other ids. */
static void
test_application_id (void)
{
  g_autofree char *one = ruhu_discovery_application_id ("7c0a9a4e-0f6b-4d35-a1d4-5a0f2e0b1c11");
  g_autofree char *again = ruhu_discovery_application_id ("7c0a9a4e-0f6b-4d35-a1d4-5a0f2e0b1c11");
  g_autofree char *other = ruhu_discovery_application_id ("7c0a9a4e-0f6b-4d35-a1d4-5a0f2e0b1c12");

  g_assert_cmpstr (one, ==, again);
  g_assert_cmpstr (one, !=, other);
  g_assert_true (g_uuid_string_is_valid (one));
  g_assert_cmpint (one[14], ==, '5');
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/discovery/make-application", test_make_application);
  g_test_add_func ("/discovery/make-application-twice", test_make_application_twice);
  g_test_add_func ("/discovery/existing-head-kept", test_existing_head_kept);
  g_test_add_func ("/discovery/close", test_close);
  g_test_add_func ("/discovery/no-report", test_no_report);
  g_test_add_func ("/discovery/copies-report", test_copies_report);
  g_test_add_func ("/discovery/household-category", test_household_category);
  g_test_add_data_func ("/discovery/two-devices/same-decider", GINT_TO_POINTER (TRUE),
                        test_two_devices);
  g_test_add_data_func ("/discovery/two-devices/other-decider", GINT_TO_POINTER (FALSE),
                        test_two_devices);
  g_test_add_func ("/discovery/close-and-apply", test_close_and_apply);
  g_test_add_func ("/discovery/application-id", test_application_id);
  return g_test_run ();
}
