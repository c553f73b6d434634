/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "test-util.h"
#include "test-workflow-case.h"

/* The machine and its guard, on one device's store. */

static const char * const roles[] = {
  "investigator", "village_assistant", "volunteer", "supervisor", "district_officer",
  "administrator",
};

/* Every edge of the machine: categories (d 低保, t 特困, x 临时救助, n
 * 低保边缘), step, from, to. Anything not listed is refused. */
static const char * const edges[] = {
  "dtxn request_materials applied incomplete",
  "dtxn supply_materials incomplete applied",
  "dtxn lapse incomplete lapsed",
  "dtxn accept applied accepted",
  "dtxn start_investigation accepted investigating",
  "dtxn finish_investigation investigating investigated",
  "dtn evaluate investigated evaluated",
  "dtxn return investigated investigating",
  "dtn return evaluated investigating",
  "dtxn return reviewed investigating",
  "dtn review evaluated reviewed",
  "x review investigated reviewed",
  "dtn post_notice reviewed notice",
  "dtn object notice investigating",
  "dtn report notice reported",
  "x report reviewed reported",
  "dtxn grant reported granted",
  "dtxn refuse reported refused",
  "dtxn deliver_refusal refused closed",
  "dtxn publish granted published",
  "dtn start_periodic_review published under_review",
  "dtn continue under_review published",
  "dtn adjust under_review published",
  "dtn stop under_review stopped",
  "dt confirm_alive published published",
  "dt confirm_alive under_review under_review",
  "dtn record_death published stopped",
  "dtn record_death under_review stopped",
  "dtxn extend_deadline accepted accepted",
  "dtxn extend_deadline investigating investigating",
  "dtxn extend_deadline investigated investigated",
  "dtn extend_deadline evaluated evaluated",
  "dtxn extend_deadline reviewed reviewed",
  "dtn extend_deadline notice notice",
  "dtxn withdraw applied withdrawn",
  "dtxn withdraw incomplete withdrawn",
  "dtxn withdraw accepted withdrawn",
  "dtxn withdraw investigating withdrawn",
  "dtxn withdraw investigated withdrawn",
  "dtn withdraw evaluated withdrawn",
  "dtxn withdraw reviewed withdrawn",
  "dtn withdraw notice withdrawn",
  "dtxn withdraw reported withdrawn",
  "dtxn transfer applied transferred",
  "dtxn transfer incomplete transferred",
};

/* Who may take each step. */
static const char * const step_roles[RUHU_N_STEPS] = {
  [RUHU_STEP_REQUEST_MATERIALS] = "supervisor",
  [RUHU_STEP_SUPPLY_MATERIALS] = "supervisor village_assistant",
  [RUHU_STEP_LAPSE] = "supervisor",
  [RUHU_STEP_ACCEPT] = "supervisor",
  [RUHU_STEP_START_INVESTIGATION] = "supervisor investigator",
  [RUHU_STEP_FINISH_INVESTIGATION] = "investigator",
  [RUHU_STEP_EVALUATE] = "supervisor",
  [RUHU_STEP_RETURN] = "supervisor",
  [RUHU_STEP_REVIEW] = "supervisor",
  [RUHU_STEP_POST_NOTICE] = "supervisor",
  [RUHU_STEP_OBJECT] = "supervisor village_assistant",
  [RUHU_STEP_REPORT] = "supervisor",
  [RUHU_STEP_GRANT] = "district_officer",
  [RUHU_STEP_REFUSE] = "district_officer",
  [RUHU_STEP_DELIVER_REFUSAL] = "supervisor district_officer",
  [RUHU_STEP_PUBLISH] = "supervisor district_officer",
  [RUHU_STEP_START_PERIODIC_REVIEW] = "supervisor",
  [RUHU_STEP_CONTINUE] = "supervisor district_officer",
  [RUHU_STEP_ADJUST] = "district_officer",
  [RUHU_STEP_STOP] = "district_officer",
  [RUHU_STEP_CONFIRM_ALIVE] = "supervisor investigator village_assistant",
  [RUHU_STEP_RECORD_DEATH] = "supervisor district_officer",
  [RUHU_STEP_EXTEND_DEADLINE] = "supervisor",
  [RUHU_STEP_WITHDRAW] = "supervisor investigator village_assistant",
  [RUHU_STEP_TRANSFER] = "supervisor",
};

static const char category_letters[] = "dtxn";

static gboolean
edge_listed (RuhuCategory   category,
             RuhuStep       step,
             RuhuCaseState  from,
             RuhuCaseState *to)
{
  for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
    {
      g_auto(GStrv) parts = g_strsplit (edges[i], " ", -1);

      if (strchr (parts[0], category_letters[category]) != NULL &&
          g_str_equal (parts[1], ruhu_step_to_string (step)) &&
          g_str_equal (parts[2], ruhu_case_state_to_string (from)))
        return ruhu_case_state_from_string (parts[3], to);
    }
  return FALSE;
}

static void
test_machine (void)
{
  guint n_edges = 0;

  for (RuhuCategory c = RUHU_CATEGORY_DIBAO; c <= RUHU_CATEGORY_NEAR_DIBAO; c++)
    for (RuhuStep step = 0; step < RUHU_N_STEPS; step++)
      for (RuhuCaseState from = 0; from < RUHU_N_CASE_STATES; from++)
        {
          RuhuCaseState expected = RUHU_N_CASE_STATES, to = RUHU_N_CASE_STATES;
          gboolean listed = edge_listed (c, step, from, &expected);

          g_test_message ("%c %s %s", category_letters[c], ruhu_step_to_string (step),
                          ruhu_case_state_to_string (from));
          g_assert_cmpint (ruhu_step_leads (c, step, from, &to), ==, listed);
          if (listed)
            g_assert_cmpint (to, ==, expected);
          n_edges += listed;
        }
  g_assert_cmpuint (n_edges, >, G_N_ELEMENTS (edges));
}

static void
test_roles (void)
{
  for (RuhuStep step = 0; step < RUHU_N_STEPS; step++)
    {
      g_auto(GStrv) allowed = g_strsplit (step_roles[step], " ", -1);

      for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
        g_assert_cmpint (ruhu_step_role_may_take (step, roles[i]), ==,
                         g_strv_contains ((const char * const *) allowed, roles[i]));
      g_assert_false (ruhu_step_role_may_take (step, "township_supervisor"));
      g_assert_false (ruhu_step_role_may_take (step, NULL));
    }
}

/* The names agree with data/forms/transition.json, the labels exist. */
static void
test_names (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("RUHU_DATA_DIR"), "forms",
                                            "transition.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *fields;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  fields = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                         "fields");
  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonObject *field = json_array_get_object_element (fields, i);
      const char *name = json_object_get_string_member (field, "name");
      gboolean is_step = g_str_equal (name, "action");
      JsonArray *options;

      if (!is_step && !g_str_equal (name, "from") && !g_str_equal (name, "to"))
        continue;
      options = json_object_get_array_member (field, "options");
      g_assert_cmpuint (json_array_get_length (options), ==,
                        is_step ? RUHU_N_STEPS : RUHU_N_CASE_STATES);
      for (guint j = 0; j < json_array_get_length (options); j++)
        {
          JsonObject *option = json_array_get_object_element (options, j);
          const char *value = json_object_get_string_member (option, "value");
          const char *label = json_object_get_string_member (option, "label");

          g_assert_cmpstr (is_step ? ruhu_step_to_string (j) : ruhu_case_state_to_string (j), ==,
                           value);
          g_assert_cmpstr (is_step ? ruhu_step_get_label (j) : ruhu_case_state_get_label (j), ==,
                           label);
        }
    }
}

/* The road's states, each paired with the day a step is tried. */
static const RuhuCaseState road_states[] = {
  RUHU_CASE_STATE_APPLIED, RUHU_CASE_STATE_ACCEPTED, RUHU_CASE_STATE_INVESTIGATING,
  RUHU_CASE_STATE_INVESTIGATED, RUHU_CASE_STATE_EVALUATED, RUHU_CASE_STATE_REVIEWED,
  RUHU_CASE_STATE_NOTICE, RUHU_CASE_STATE_REPORTED, RUHU_CASE_STATE_GRANTED,
  RUHU_CASE_STATE_PUBLISHED, RUHU_CASE_STATE_UNDER_REVIEW,
};

/* With every piece of evidence in place, a step is allowed exactly when
 * the machine leads from the state and the role may take it. */
static void
test_guard_every_step (void)
{
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autofree char *case_id = test_case_new_complete (store, "urban_dibao");

  for (guint s = 0; s < G_N_ELEMENTS (road_states); s++)
    {
      g_autoptr(RuhuCaseFlow) flow = NULL;
      RuhuStepInput input;

      test_case_walk (store, case_id, road_states[s]);
      flow = ruhu_case_flow_read (store, case_id, NULL);
      test_case_input (&input, "2026-12-01T10:00:00+08:00");
      for (RuhuStep step = 0; step < RUHU_N_STEPS; step++)
        for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
          {
            g_autofree char *code = NULL;
            g_autofree char *reason = NULL;
            gboolean leads = ruhu_step_leads (flow->category, step, flow->state, NULL);
            gboolean allowed = ruhu_workflow_check (store, flow, step, roles[r], &input, &code,
                                                    &reason);

            g_test_message ("%s %s %s: %s", ruhu_case_state_to_string (flow->state),
                            ruhu_step_to_string (step), roles[r], reason ? reason : "allowed");
            g_assert_cmpint (allowed, ==, leads && ruhu_step_role_may_take (step, roles[r]));
            if (!allowed)
              g_assert_cmpstr (code, ==, leads ? "role_not_allowed" : "workflow_not_allowed");
            else
              g_assert_null (reason);
          }
    }
}

/* Each category walks its road to publication; the timeline shows each
 * step with who, when and the comment. */
static void
test_full_road (gconstpointer data)
{
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autofree char *case_id = test_case_new_complete (store, data);
  g_autoptr(RuhuCaseFlow) flow = NULL;
  RuhuCategory category;

  test_case_walk (store, case_id, RUHU_CASE_STATE_PUBLISHED);
  flow = ruhu_case_flow_read (store, case_id, NULL);
  g_assert_true (ruhu_category_from_string (data, &category));
  g_assert_cmpint (flow->category, ==, category);
  g_assert_cmpuint (flow->transitions->len, ==, category == RUHU_CATEGORY_TEMPORARY ? 7 : 9);
  for (guint i = 0; i < flow->transitions->len; i++)
    {
      RuhuTransition *transition = g_ptr_array_index (flow->transitions, i);

      g_assert_true (transition->counted);
      g_assert_cmpstr (transition->actor, ==, TEST_ACTOR);
      g_assert_cmpstr (transition->actor_name, ==, "李明");
      g_assert_cmpstr (transition->comment, ==, "材料齐全");
      g_assert_nonnull (transition->at);
      if (i > 0)
        g_assert_cmpint (transition->from, ==,
                         ((RuhuTransition *) g_ptr_array_index (flow->transitions, i - 1))->to);
    }
  g_assert_cmpint (((RuhuTransition *) flow->transitions->pdata[0])->step, ==, RUHU_STEP_ACCEPT);
  g_assert_true (ruhu_case_flow_find_last (flow, RUHU_STEP_GRANT)->has_amount);
}

static void
test_take_refused (void)
{
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autofree char *case_id = test_case_new_complete (store, "rural_dibao");
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuOp) op = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  RuhuStepInput input;

  test_case_input (&input, NULL);
  outbox = ruhu_store_outbox_peek (store, 1000, NULL);
  op = ruhu_workflow_take (store, case_id, RUHU_STEP_GRANT, "district_officer", &input,
                           TEST_ACTOR, &error);
  g_assert_error (error, RUHU_WORKFLOW_ERROR, RUHU_WORKFLOW_ERROR_REFUSED);
  g_assert_null (op);
  g_assert_cmpint (ruhu_store_outbox_count (store, NULL), ==, outbox->len);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ruhu/workflow/machine", test_machine);
  g_test_add_func ("/ruhu/workflow/roles", test_roles);
  g_test_add_func ("/ruhu/workflow/names", test_names);
  g_test_add_func ("/ruhu/workflow/guard-every-step", test_guard_every_step);
  g_test_add_data_func ("/ruhu/workflow/road/dibao", "urban_dibao", test_full_road);
  g_test_add_data_func ("/ruhu/workflow/road/tekun", "tekun", test_full_road);
  g_test_add_data_func ("/ruhu/workflow/road/temporary", "temporary_assistance", test_full_road);
  g_test_add_data_func ("/ruhu/workflow/road/near-dibao", "near_dibao", test_full_road);
  g_test_add_func ("/ruhu/workflow/take-refused", test_take_refused);
  return g_test_run ();
}
