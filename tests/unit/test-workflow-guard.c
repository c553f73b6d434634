/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "test-util.h"
#include "ruhu-discovery.h"
#include "ruhu-workflow-private.h"
#include "test-workflow-case.h"

/* The guard's checks of evidence, input and timing, each refused with its
 * reason and allowed once satisfied. */

static void
assert_check (RuhuStore           *store,
              const char          *case_id,
              RuhuStep             step,
              const char          *role,
              const RuhuStepInput *input,
              const char          *code,
              const char          *reason_part)
{
  g_autoptr(RuhuCaseFlow) flow = ruhu_case_flow_read (store, case_id, NULL);
  g_autofree char *got_code = NULL;
  g_autofree char *reason = NULL;
  gboolean allowed = ruhu_workflow_check (store, flow, step, role, input, &got_code, &reason);

  g_test_message ("%s: %s", ruhu_step_to_string (step), reason ? reason : "allowed");
  g_assert_cmpint (allowed, ==, code == NULL);
  g_assert_cmpstr (got_code, ==, code);
  if (reason_part != NULL)
    g_assert_nonnull (strstr (reason, reason_part));
}

typedef struct
{
  const char    *name;
  TestCaseOmit   omit;
  RuhuCaseState  before;
  RuhuStep       step;
  const char    *role;
  const char    *reason_part;
} EvidenceCase;

static const EvidenceCase evidence_cases[] = {
  { "no-members", TEST_CASE_NO_MEMBERS, RUHU_CASE_STATE_ACCEPTED,
    RUHU_STEP_START_INVESTIGATION, "supervisor", "No members" },
  { "obligor-not-authorised", TEST_CASE_NO_OBLIGOR_AUTH, RUHU_CASE_STATE_ACCEPTED,
    RUHU_STEP_START_INVESTIGATION, "investigator", "王强" },
  { "no-sheet", TEST_CASE_NO_SHEET, RUHU_CASE_STATE_INVESTIGATING,
    RUHU_STEP_FINISH_INVESTIGATION, "investigator", "no check sheet" },
  { "one-investigator", TEST_CASE_ONE_INVESTIGATOR, RUHU_CASE_STATE_INVESTIGATING,
    RUHU_STEP_FINISH_INVESTIGATION, "investigator", "two investigators" },
  { "not-confirmed-by-applicant", TEST_CASE_NO_APPLICANT, RUHU_CASE_STATE_INVESTIGATING,
    RUHU_STEP_FINISH_INVESTIGATION, "investigator", "applicant" },
  { "no-neighbour-interview", TEST_CASE_NO_INTERVIEW, RUHU_CASE_STATE_EVALUATED,
    RUHU_STEP_REVIEW, "supervisor", "neighbour interview" },
  { "no-id-card-back", TEST_CASE_NO_ID_BACK, RUHU_CASE_STATE_EVALUATED,
    RUHU_STEP_REVIEW, "supervisor", "王芳" },
  { "no-hukou", TEST_CASE_NO_HUKOU, RUHU_CASE_STATE_EVALUATED,
    RUHU_STEP_REVIEW, "supervisor", "hukou" },
};

static void
test_evidence (gconstpointer data)
{
  const EvidenceCase *c = data;
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autofree char *case_id = test_case_new_except (store, "urban_dibao", c->omit);
  RuhuStepInput input;

  test_case_walk (store, case_id, c->before);
  test_case_input (&input, "2025-09-10T10:00:00+08:00");
  assert_check (store, case_id, c->step, c->role, &input, "workflow_evidence", c->reason_part);
}

typedef struct
{
  const char    *name;
  const char    *category;
  RuhuCaseState  before;
  RuhuStep       step;
  const char    *role;
  const char    *blank;  /* the input member left out or spoilt */
  gboolean       allowed;
} InputCase;

static const InputCase input_cases[] = {
  { "materials-comment", "urban_dibao", RUHU_CASE_STATE_APPLIED, RUHU_STEP_REQUEST_MATERIALS,
    "supervisor", "comment", FALSE },
  { "materials-due-on", "urban_dibao", RUHU_CASE_STATE_APPLIED, RUHU_STEP_REQUEST_MATERIALS,
    "supervisor", "due_on", FALSE },
  { "withdraw-reason", "urban_dibao", RUHU_CASE_STATE_APPLIED, RUHU_STEP_WITHDRAW,
    "village_assistant", "reason", FALSE },
  { "transfer-township", "urban_dibao", RUHU_CASE_STATE_APPLIED, RUHU_STEP_TRANSFER,
    "supervisor", "transfer_to", FALSE },
  { "extend-reason", "urban_dibao", RUHU_CASE_STATE_ACCEPTED, RUHU_STEP_EXTEND_DEADLINE,
    "supervisor", "reason", FALSE },
  { "evaluate-comment", "urban_dibao", RUHU_CASE_STATE_INVESTIGATED, RUHU_STEP_EVALUATE,
    "supervisor", "comment", FALSE },
  { "return-comment", "urban_dibao", RUHU_CASE_STATE_EVALUATED, RUHU_STEP_RETURN,
    "supervisor", "comment", FALSE },
  { "review-opinion", "urban_dibao", RUHU_CASE_STATE_EVALUATED, RUHU_STEP_REVIEW,
    "supervisor", "opinion", FALSE },
  { "review-opinion-unknown", "urban_dibao", RUHU_CASE_STATE_EVALUATED, RUHU_STEP_REVIEW,
    "supervisor", "opinion-maybe", FALSE },
  { "objection-comment", "urban_dibao", RUHU_CASE_STATE_NOTICE, RUHU_STEP_OBJECT,
    "village_assistant", "comment", FALSE },
  { "grant-amount", "urban_dibao", RUHU_CASE_STATE_REPORTED, RUHU_STEP_GRANT,
    "district_officer", "amount", FALSE },
  { "grant-amount-tekun", "tekun", RUHU_CASE_STATE_REPORTED, RUHU_STEP_GRANT,
    "district_officer", "amount", FALSE },
  { "grant-no-amount-near-dibao", "near_dibao", RUHU_CASE_STATE_REPORTED, RUHU_STEP_GRANT,
    "district_officer", "amount", TRUE },
  { "refuse-reason", "urban_dibao", RUHU_CASE_STATE_REPORTED, RUHU_STEP_REFUSE,
    "district_officer", "reason", FALSE },
  { "adjust-amount", "urban_dibao", RUHU_CASE_STATE_UNDER_REVIEW, RUHU_STEP_ADJUST,
    "district_officer", "amount", FALSE },
  { "stop-reason", "urban_dibao", RUHU_CASE_STATE_UNDER_REVIEW, RUHU_STEP_STOP,
    "district_officer", "reason", FALSE },
  { "death-reason", "urban_dibao", RUHU_CASE_STATE_PUBLISHED, RUHU_STEP_RECORD_DEATH,
    "supervisor", "reason", FALSE },
};

static void
spoil (RuhuStepInput *input,
       const char    *blank)
{
  if (g_str_equal (blank, "comment"))
    input->comment = "  ";
  else if (g_str_equal (blank, "reason"))
    input->reason = NULL;
  else if (g_str_equal (blank, "due_on"))
    input->due_on = NULL;
  else if (g_str_equal (blank, "transfer_to"))
    input->transfer_to = "";
  else if (g_str_equal (blank, "opinion"))
    input->opinion = NULL;
  else if (g_str_equal (blank, "opinion-maybe"))
    input->opinion = "maybe";
  else if (g_str_equal (blank, "amount"))
    input->has_amount = FALSE;
  else
    g_assert_not_reached ();
}

static void
test_input (gconstpointer data)
{
  const InputCase *c = data;
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autofree char *case_id = test_case_new_complete (store, c->category);
  RuhuStepInput input;

  test_case_walk (store, case_id, c->before);
  test_case_input (&input, "2026-12-01T10:00:00+08:00");
  assert_check (store, case_id, c->step, c->role, &input, NULL, NULL);
  spoil (&input, c->blank);
  assert_check (store, case_id, c->step, c->role, &input, c->allowed ? NULL : "workflow_input",
                c->allowed ? NULL : ruhu_step_get_label (c->step));
}

/* One missing-materials notice only; lapsing waits for its due date. */
static void
test_materials (void)
{
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autofree char *case_id = test_case_new_complete (store, "urban_dibao");
  RuhuStepInput input;

  test_case_take (store, case_id, RUHU_STEP_REQUEST_MATERIALS, "supervisor",
                  "2025-09-02T10:00:00+08:00");
  g_assert_cmpint (test_case_state (store, case_id), ==, RUHU_CASE_STATE_INCOMPLETE);
  test_case_input (&input, "2025-09-15T10:00:00+08:00");
  assert_check (store, case_id, RUHU_STEP_LAPSE, "supervisor", &input, "workflow_too_early",
                "2025-09-15");
  test_case_input (&input, "2025-09-16T10:00:00+08:00");
  assert_check (store, case_id, RUHU_STEP_LAPSE, "supervisor", &input, NULL, NULL);
  test_case_take (store, case_id, RUHU_STEP_SUPPLY_MATERIALS, "supervisor",
                  "2025-09-10T10:00:00+08:00");
  g_assert_cmpint (test_case_state (store, case_id), ==, RUHU_CASE_STATE_APPLIED);
  assert_check (store, case_id, RUHU_STEP_REQUEST_MATERIALS, "supervisor", &input,
                "workflow_once", NULL);
  test_case_take (store, case_id, RUHU_STEP_TRANSFER, "supervisor", "2025-09-11T10:00:00+08:00");
  g_assert_cmpint (test_case_state (store, case_id), ==, RUHU_CASE_STATE_TRANSFERRED);
  assert_check (store, case_id, RUHU_STEP_ACCEPT, "supervisor", &input,
                "workflow_not_allowed", NULL);
}

/* The report waits for the end of the notice: 7 days, then 3 after an
 * objection sent the case back to investigating. */
static void
test_notice (void)
{
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autofree char *case_id = test_case_new_complete (store, "urban_dibao");
  RuhuStepInput input;

  test_case_walk (store, case_id, RUHU_CASE_STATE_NOTICE);  /* posted 10 September */
  test_case_input (&input, "2025-09-16T18:00:00+08:00");
  assert_check (store, case_id, RUHU_STEP_REPORT, "supervisor", &input, "workflow_too_early",
                "2025-09-16");
  test_case_take (store, case_id, RUHU_STEP_OBJECT, "village_assistant",
                  "2025-09-12T10:00:00+08:00");
  g_assert_cmpint (test_case_state (store, case_id), ==, RUHU_CASE_STATE_INVESTIGATING);
  test_case_take (store, case_id, RUHU_STEP_EXTEND_DEADLINE, "supervisor",
                  "2025-09-12T11:00:00+08:00");
  assert_check (store, case_id, RUHU_STEP_EXTEND_DEADLINE, "supervisor", &input,
                "workflow_once", NULL);
  test_case_take (store, case_id, RUHU_STEP_FINISH_INVESTIGATION, "investigator",
                  "2025-09-19T10:00:00+08:00");
  test_case_take (store, case_id, RUHU_STEP_EVALUATE, "supervisor", "2025-09-22T10:00:00+08:00");
  test_case_take (store, case_id, RUHU_STEP_REVIEW, "supervisor", "2025-09-23T10:00:00+08:00");
  test_case_take (store, case_id, RUHU_STEP_POST_NOTICE, "supervisor",
                  "2025-09-24T10:00:00+08:00");
  test_case_input (&input, "2025-09-26T18:00:00+08:00");
  assert_check (store, case_id, RUHU_STEP_REPORT, "supervisor", &input, "workflow_too_early",
                "2025-09-26");
  test_case_input (&input, "2025-09-27T09:00:00+08:00");
  assert_check (store, case_id, RUHU_STEP_REPORT, "supervisor", &input, NULL, NULL);
}

/* Nothing is confirmed directly: not from any state before the report,
 * nor from a report whose road skipped a step. */
static void
test_no_direct_confirmation (void)
{
  static const RuhuCaseState before[] = {
    RUHU_CASE_STATE_APPLIED, RUHU_CASE_STATE_ACCEPTED, RUHU_CASE_STATE_INVESTIGATING,
    RUHU_CASE_STATE_INVESTIGATED, RUHU_CASE_STATE_EVALUATED, RUHU_CASE_STATE_REVIEWED,
    RUHU_CASE_STATE_NOTICE,
  };
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autofree char *case_id = test_case_new_complete (store, "urban_dibao");
  g_autoptr(RuhuCaseFlow) flow = NULL;
  g_autofree char *code = NULL;
  g_autofree char *reason = NULL;
  RuhuStepInput input;

  test_case_input (&input, "2026-12-01T10:00:00+08:00");
  for (guint i = 0; i < G_N_ELEMENTS (before); i++)
    {
      test_case_walk (store, case_id, before[i]);
      assert_check (store, case_id, RUHU_STEP_GRANT, "district_officer", &input,
                    "workflow_not_allowed", NULL);
      assert_check (store, case_id, RUHU_STEP_REFUSE, "district_officer", &input,
                    "workflow_not_allowed", NULL);
    }
  /* A road without evaluation and notice, written by hand. */
  test_case_walk (store, case_id, RUHU_CASE_STATE_REPORTED);
  flow = ruhu_case_flow_read (store, case_id, NULL);
  for (guint i = flow->transitions->len; i > 0; i--)
    {
      RuhuTransition *transition = g_ptr_array_index (flow->transitions, i - 1);

      if (transition->step == RUHU_STEP_EVALUATE || transition->step == RUHU_STEP_POST_NOTICE)
        g_ptr_array_remove_index (flow->transitions, i - 1);
    }
  g_assert_false (ruhu_workflow_check (store, flow, RUHU_STEP_GRANT, "district_officer", &input,
                                       &code, &reason));
  g_assert_cmpstr (code, ==, "workflow_not_allowed");
}

/* What the client shows: every step the state allows, and why a role may
 * not take some. */
static void
test_list_steps (void)
{
  static const RuhuStep expected[] = {
    RUHU_STEP_RETURN, RUHU_STEP_REVIEW, RUHU_STEP_EXTEND_DEADLINE, RUHU_STEP_WITHDRAW,
  };
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autofree char *case_id = test_case_new_complete (store, "urban_dibao");
  g_autoptr(RuhuCaseFlow) flow = NULL;
  g_autoptr(GPtrArray) options = NULL;

  test_case_walk (store, case_id, RUHU_CASE_STATE_EVALUATED);
  flow = ruhu_case_flow_read (store, case_id, NULL);
  options = ruhu_workflow_list_steps (store, flow, "investigator");
  g_assert_cmpuint (options->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < options->len; i++)
    {
      RuhuStepOption *option = g_ptr_array_index (options, i);

      g_assert_cmpint (option->step, ==, expected[i]);
      g_assert_cmpint (option->allowed, ==, option->step == RUHU_STEP_WITHDRAW);
      g_assert_cmpstr (option->code, ==, option->allowed ? NULL : "role_not_allowed");
    }
}

/* After the grant: aliveness checks keep the state, a periodic review
 * adjusts the amount, a death stops the aid and ends the road. */
static void
test_aftercare (void)
{
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autofree char *case_id = test_case_new_complete (store, "urban_dibao");
  g_autoptr(RuhuCaseFlow) flow = NULL;
  g_autoptr(GPtrArray) options = NULL;

  test_case_walk (store, case_id, RUHU_CASE_STATE_PUBLISHED);
  test_case_take (store, case_id, RUHU_STEP_CONFIRM_ALIVE, "village_assistant",
                  "2025-12-01T10:00:00+08:00");
  g_assert_cmpint (test_case_state (store, case_id), ==, RUHU_CASE_STATE_PUBLISHED);
  test_case_take (store, case_id, RUHU_STEP_START_PERIODIC_REVIEW, "supervisor",
                  "2026-09-01T10:00:00+08:00");
  test_case_take (store, case_id, RUHU_STEP_ADJUST, "district_officer",
                  "2026-09-10T10:00:00+08:00");
  g_assert_cmpint (test_case_state (store, case_id), ==, RUHU_CASE_STATE_PUBLISHED);
  test_case_take (store, case_id, RUHU_STEP_RECORD_DEATH, "supervisor",
                  "2026-10-01T10:00:00+08:00");
  flow = ruhu_case_flow_read (store, case_id, NULL);
  g_assert_cmpint (flow->state, ==, RUHU_CASE_STATE_STOPPED);
  g_assert_cmpstr (ruhu_case_flow_find_last (flow, RUHU_STEP_RECORD_DEATH)->reason, ==,
                   "户籍地在外");
  options = ruhu_workflow_list_steps (store, flow, "supervisor");
  g_assert_cmpuint (options->len, ==, 0);
}

/* A case that is only a discovery report, as the discovery page files it. */
static char *
new_report_case (void)
{
  return g_uuid_string_random ();
}

static void
file_report (RuhuStore  *store,
             const char *case_id)
{
  g_autofree char *report = g_uuid_string_random ();

  test_case_put_text (store, case_id, "household", case_id, "head_name", "张大爷");
  test_case_put_text (store, report, "discovery_report", case_id, "reporter_name", "李协理");
  test_case_put_text (store, report, "discovery_report", case_id, "person_name", "张大爷");
}

/* No step before there is an application: a report must be turned into
 * one first, every step the state offers says so, and acceptance is
 * allowed once it is. */
static void
test_report_only (void)
{
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autofree char *case_id = new_report_case ();
  g_autoptr(RuhuCaseFlow) flow = NULL;
  g_autoptr(GPtrArray) options = NULL;
  g_autoptr(GError) error = NULL;
  RuhuStepInput input;

  file_report (store, case_id);
  test_case_input (&input, "2026-11-20T10:00:00+08:00");
  assert_check (store, case_id, RUHU_STEP_ACCEPT, "supervisor", &input, "workflow_evidence",
                "discovery report");
  flow = ruhu_case_flow_read (store, case_id, NULL);
  g_assert_cmpint (flow->state, ==, RUHU_CASE_STATE_APPLIED);
  options = ruhu_workflow_list_steps (store, flow, "supervisor");
  g_assert_cmpuint (options->len, >, 0);
  for (guint i = 0; i < options->len; i++)
    {
      RuhuStepOption *option = g_ptr_array_index (options, i);

      g_test_message ("%s: %s", ruhu_step_to_string (option->step), option->reason);
      g_assert_false (option->allowed);
      g_assert_true (g_str_equal (option->code, "workflow_evidence") ||
                     g_str_equal (option->code, "role_not_allowed"));
    }
  g_assert_true (ruhu_discovery_make_application (store, case_id, "supervisor-1", &error));
  g_assert_no_error (error);
  assert_check (store, case_id, RUHU_STEP_ACCEPT, "supervisor", &input, NULL, NULL);
}

/* A closed report leaves nothing to accept; nor does a case without any
 * application. */
static void
test_no_application (void)
{
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autofree char *reported = new_report_case ();
  g_autofree char *bare = new_report_case ();
  g_autoptr(GError) error = NULL;

  file_report (store, reported);
  g_assert_true (ruhu_discovery_close (store, reported, "重复上报", "supervisor-1", &error));
  g_assert_no_error (error);
  assert_check (store, reported, RUHU_STEP_ACCEPT, "supervisor", NULL, "workflow_evidence",
                "closed");
  assert_check (store, reported, RUHU_STEP_WITHDRAW, "village_assistant", NULL,
                "workflow_evidence", "closed");
  test_case_put_text (store, bare, "household", bare, "head_name", "赵六");
  assert_check (store, bare, RUHU_STEP_ACCEPT, "supervisor", NULL, "workflow_evidence",
                "no application");
}

/* The server runs the same guard on a pushed step: an Accept taken on a
 * report-only case (by a device that skipped the check) is refused with
 * the reason. */
static void
test_rule_refuses_accept (void)
{
  g_autoptr(RuhuStore) device = test_memory_store (NULL);
  g_autoptr(RuhuStore) server = test_memory_store (NULL);
  g_autofree char *case_id = new_report_case ();
  g_autofree char *step = g_uuid_string_random ();
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuCaseFlow) flow = NULL;
  gint64 last = 0;
  RuhuApplyResult *result;

  file_report (device, case_id);
  test_case_put_text (device, step, RUHU_WORKFLOW_KIND, case_id, "from", "applied");
  test_case_put_text (device, step, RUHU_WORKFLOW_KIND, case_id, "to", "accepted");
  test_case_put_text (device, step, RUHU_WORKFLOW_KIND, case_id, "at", "2026-11-20T10:00:00+08:00");
  test_case_put_text (device, step, RUHU_WORKFLOW_KIND, case_id, "action", "accept");
  ops = ruhu_store_feed_since (device, 0, G_MAXUINT, &last, &error);
  g_assert_no_error (error);
  g_assert_true (ruhu_store_apply_full (server, ops, ruhu_workflow_rule, (gpointer) "supervisor",
                                        NULL, NULL, &results, &error));
  g_assert_no_error (error);
  result = &g_array_index (results, RuhuApplyResult, results->len - 1);
  g_assert_cmpint (result->status, ==, RUHU_APPLY_REFUSED);
  g_assert_cmpstr (result->code, ==, "workflow_evidence");
  g_assert_nonnull (strstr (result->message, "discovery report"));
  flow = ruhu_case_flow_read (server, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (flow->state, ==, RUHU_CASE_STATE_APPLIED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (evidence_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ruhu/workflow-guard/evidence/%s",
                                               evidence_cases[i].name);

      g_test_add_data_func (path, &evidence_cases[i], test_evidence);
    }
  for (guint i = 0; i < G_N_ELEMENTS (input_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ruhu/workflow-guard/input/%s",
                                               input_cases[i].name);

      g_test_add_data_func (path, &input_cases[i], test_input);
    }
  g_test_add_func ("/ruhu/workflow-guard/materials", test_materials);
  g_test_add_func ("/ruhu/workflow-guard/notice", test_notice);
  g_test_add_func ("/ruhu/workflow-guard/no-direct-confirmation", test_no_direct_confirmation);
  g_test_add_func ("/ruhu/workflow-guard/list-steps", test_list_steps);
  g_test_add_func ("/ruhu/workflow-guard/aftercare", test_aftercare);
  g_test_add_func ("/ruhu/workflow-guard/report-only", test_report_only);
  g_test_add_func ("/ruhu/workflow-guard/no-application", test_no_application);
  g_test_add_func ("/ruhu/workflow-guard/rule-refuses-accept", test_rule_refuses_accept);
  return g_test_run ();
}
