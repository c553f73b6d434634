/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "test-aftercare-case.h"
#include "test-util.h"
#include "test-workflow-case.h"

void
test_aftercare_set (RuhuStore  *store,
                    const char *case_id,
                    const char *entity,
                    const char *kind,
                    const char *field,
                    const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = test_text (text);
  g_autoptr(RuhuOp) op = ruhu_store_write (store, entity, kind, case_id,
                                           g_str_equal (entity, case_id) ? NULL : case_id,
                                           field, value, TEST_ACTOR, &error);

  g_assert_no_error (error);
  g_assert_nonnull (op);
}

/* A household with its application, in a village. */
char *
test_aftercare_household (RuhuStore  *store,
                          const char *category,
                          const char *head_name,
                          const char *village_code,
                          const char *village_name)
{
  char *case_id = test_case_new (store, category, "2025-01-06");

  test_aftercare_set (store, case_id, case_id, "household", "head_name", head_name);
  test_aftercare_set (store, case_id, case_id, "household", "village_code", village_code);
  test_aftercare_set (store, case_id, case_id, "household", "village_name", village_name);
  return case_id;
}

/* Writes @step from the case's state as a synced transition taken @on. */
void
test_aftercare_step (RuhuStore  *store,
                     const char *case_id,
                     RuhuStep    step,
                     const char *on)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuCaseFlow) flow = ruhu_case_flow_read (store, case_id, &error);
  g_autofree char *entity = g_uuid_string_random ();
  g_autofree char *at = g_strconcat (on, "T10:00:00+08:00", NULL);
  RuhuCaseState to;

  g_assert_no_error (error);
  g_assert_true (ruhu_step_leads (flow->category, step, flow->state, &to));
  test_aftercare_set (store, case_id, entity, RUHU_WORKFLOW_KIND, "from",
                      ruhu_case_state_to_string (flow->state));
  test_aftercare_set (store, case_id, entity, RUHU_WORKFLOW_KIND, "to",
                      ruhu_case_state_to_string (to));
  test_aftercare_set (store, case_id, entity, RUHU_WORKFLOW_KIND, "at", at);
  test_aftercare_set (store, case_id, entity, RUHU_WORKFLOW_KIND, "action",
                      ruhu_step_to_string (step));
}

/* Every step from application to publication that the category has, all
 * on the day @on. */
void
test_aftercare_publish (RuhuStore  *store,
                        const char *case_id,
                        const char *on)
{
  static const RuhuStep road[] = {
    RUHU_STEP_ACCEPT, RUHU_STEP_START_INVESTIGATION, RUHU_STEP_FINISH_INVESTIGATION,
    RUHU_STEP_EVALUATE, RUHU_STEP_REVIEW, RUHU_STEP_POST_NOTICE, RUHU_STEP_REPORT,
    RUHU_STEP_GRANT, RUHU_STEP_PUBLISH,
  };

  for (guint i = 0; i < G_N_ELEMENTS (road); i++)
    {
      g_autoptr(RuhuCaseFlow) flow = ruhu_case_flow_read (store, case_id, NULL);

      if (ruhu_step_leads (flow->category, road[i], flow->state, NULL))
        test_aftercare_step (store, case_id, road[i], on);
    }
  g_assert_cmpint (test_case_state (store, case_id), ==, RUHU_CASE_STATE_PUBLISHED);
}

void
test_aftercare_visit (RuhuStore  *store,
                      const char *case_id,
                      const char *visited_on)
{
  g_autofree char *visit = g_uuid_string_random ();

  test_aftercare_set (store, case_id, visit, "outreach_visit", "visited_on", visited_on);
  test_aftercare_set (store, case_id, visit, "outreach_visit", "condition", "stable");
}
