/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-date.h"
#include "ruhu-discovery.h"
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
  return g_test_run ();
}
