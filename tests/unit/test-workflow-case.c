/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "test-util.h"
#include "test-workflow-case.h"

#define ACTOR_KEY "test-case-actor"

/* Who writes on @store: a device logged in to a server pushes only its
 * user's edits, and the server refuses any other actor. */
void
test_case_set_actor (RuhuStore  *store,
                     const char *actor)
{
  g_object_set_data_full (G_OBJECT (store), ACTOR_KEY, g_strdup (actor), g_free);
}

static const char *
store_actor (RuhuStore *store)
{
  const char *actor = g_object_get_data (G_OBJECT (store), ACTOR_KEY);

  return actor != NULL ? actor : TEST_ACTOR;
}

static char *
write_entity (RuhuStore          *store,
              const char         *kind,
              const char         *case_id,
              const char         *parent,
              const char * const *fields)
{
  char *entity = g_uuid_string_random ();

  /* The household is the case's root: its id is the case's. */
  for (guint i = 0; fields[i] != NULL; i += 2)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) value = NULL;
      g_autoptr(RuhuOp) op = NULL;

      if (g_str_equal (fields[i + 1], "true"))
        value = json_node_init_boolean (json_node_alloc (), TRUE);
      else
        value = test_text (fields[i + 1]);
      op = ruhu_store_write (store, entity, kind, case_id != NULL ? case_id : entity, parent,
                             fields[i], value, store_actor (store), &error);
      g_assert_no_error (error);
    }
  return entity;
}

/* One text field of an entity of @case_id, as its store's actor; an
 * entity other than the household hangs under it. */
void
test_case_put_text (RuhuStore  *store,
                    const char *entity,
                    const char *kind,
                    const char *case_id,
                    const char *field,
                    const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = test_text (text);
  g_autoptr(RuhuOp) op = ruhu_store_write (store, entity, kind, case_id,
                                           g_str_equal (kind, "household") ? NULL : case_id,
                                           field, value, store_actor (store), &error);

  g_assert_no_error (error);
}

char *
test_case_new (RuhuStore  *store,
               const char *category,
               const char *applied_on)
{
  const char *household[] = { "category", category, "head_name", "王芳", NULL };
  const char *application[] = { "category", category, "applied_on", applied_on, NULL };
  char *case_id = write_entity (store, "household", NULL, NULL, household);

  g_free (write_entity (store, "application", case_id, case_id, application));
  return case_id;
}

char *
test_case_add_member (RuhuStore  *store,
                      const char *case_id,
                      const char *role,
                      const char *name,
                      const char *birth_date)
{
  const char *fields[] = { "role", role, "name", name, "birth_date", birth_date, NULL };

  return write_entity (store, "member", case_id, case_id, fields);
}

void
test_case_authorise (RuhuStore  *store,
                     const char *case_id,
                     const char *member)
{
  const char *fields[] = { "member", member, "signed", "true", NULL };

  g_free (write_entity (store, "authorisation", case_id, case_id, fields));
}

char *
test_case_add_sheet (RuhuStore  *store,
                     const char *case_id)
{
  const char *fields[] = { "visited_on", "2025-09-03", "place", "家中", NULL };

  return write_entity (store, "check_sheet", case_id, case_id, fields);
}

void
test_case_sign (RuhuStore  *store,
                const char *case_id,
                const char *sheet,
                const char *signer_role)
{
  const char *fields[] = { "signer_role", signer_role, "signer_name", "李明", NULL };

  g_free (write_entity (store, "signature", case_id, sheet, fields));
}

void
test_case_interview (RuhuStore  *store,
                     const char *case_id,
                     const char *sheet)
{
  const char *fields[] = { "interviewee_name", "赵六", "relation", "neighbour", NULL };

  g_free (write_entity (store, "neighbour_interview", case_id, sheet, fields));
}

void
test_case_add_evidence (RuhuStore  *store,
                        const char *case_id,
                        const char *category,
                        const char *member)
{
  const char *with_member[] = { "category", category, "member", member, NULL };
  const char *without[] = { "category", category, NULL };

  g_free (write_entity (store, "evidence", case_id, case_id,
                        member != NULL ? with_member : without));
}

static void
add_members (RuhuStore    *store,
             const char   *case_id,
             TestCaseOmit  omit)
{
  g_autofree char *adult = NULL;
  g_autofree char *child = NULL;
  g_autofree char *obligor = NULL;

  if (omit & TEST_CASE_NO_MEMBERS)
    return;
  adult = test_case_add_member (store, case_id, "covered", "王芳", "1970-05-01");
  child = test_case_add_member (store, case_id, "covered", "王小", "2015-05-01");
  obligor = test_case_add_member (store, case_id, "obligor", "王强", "1990-01-01");
  test_case_authorise (store, case_id, adult);
  test_case_authorise (store, case_id, child);
  if (!(omit & TEST_CASE_NO_OBLIGOR_AUTH))
    test_case_authorise (store, case_id, obligor);
  test_case_add_evidence (store, case_id, "id_front", adult);
  if (!(omit & TEST_CASE_NO_ID_BACK))
    test_case_add_evidence (store, case_id, "id_back", adult);
}

static void
add_sheet (RuhuStore    *store,
           const char   *case_id,
           TestCaseOmit  omit)
{
  g_autofree char *sheet = NULL;

  if (omit & TEST_CASE_NO_SHEET)
    return;
  sheet = test_case_add_sheet (store, case_id);
  test_case_sign (store, case_id, sheet, "investigator");
  if (!(omit & TEST_CASE_ONE_INVESTIGATOR))
    test_case_sign (store, case_id, sheet, "investigator");
  if (!(omit & TEST_CASE_NO_APPLICANT))
    test_case_sign (store, case_id, sheet, "applicant");
  if (!(omit & TEST_CASE_NO_INTERVIEW))
    test_case_interview (store, case_id, sheet);
}

/* A case holding everything every step needs but @omit: a covered adult,
 * a covered child (too young for an ID card), an obligor, their
 * authorisations, a sheet signed by two investigators and the applicant, a
 * neighbour interview, the adult's ID card and the hukou booklet. */
char *
test_case_new_except (RuhuStore    *store,
                      const char   *category,
                      TestCaseOmit  omit)
{
  char *case_id = test_case_new (store, category, "2025-09-01");

  add_members (store, case_id, omit);
  add_sheet (store, case_id, omit);
  if (!(omit & TEST_CASE_NO_HUKOU))
    test_case_add_evidence (store, case_id, "hukou_first_page", NULL);
  return case_id;
}

char *
test_case_new_complete (RuhuStore  *store,
                        const char *category)
{
  return test_case_new_except (store, category, TEST_CASE_ALL);
}

/* An input that satisfies every step's needs. */
void
test_case_input (RuhuStepInput *input,
                 const char    *at)
{
  *input = (RuhuStepInput) {
    .at = at, .actor_name = "李明", .comment = "材料齐全", .reason = "户籍地在外",
    .opinion = "grant", .has_amount = TRUE, .amount = 68000, .due_on = "2025-09-15",
    .transfer_to = "北碚区天生街道",
  };
}

void
test_case_take (RuhuStore  *store,
                const char *case_id,
                RuhuStep    step,
                const char *role,
                const char *at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuOp) op = NULL;
  RuhuStepInput input;

  test_case_input (&input, at);
  op = ruhu_workflow_take (store, case_id, step, role, &input, store_actor (store),
                           &error);
  g_assert_no_error (error);
  g_assert_cmpstr (op->field, ==, "action");
}

RuhuCaseState
test_case_state (RuhuStore  *store,
                 const char *case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuCaseFlow) flow = ruhu_case_flow_read (store, case_id, &error);

  g_assert_no_error (error);
  return flow->state;
}

/* The main road from acceptance to a periodic review, with the role and
 * day of each step. */
static const struct
{
  RuhuStep    step;
  const char *role;
  const char *at;
} road[] = {
  { RUHU_STEP_ACCEPT, "supervisor", "2025-09-02T09:00:00+08:00" },
  { RUHU_STEP_START_INVESTIGATION, "supervisor", "2025-09-03T09:00:00+08:00" },
  { RUHU_STEP_FINISH_INVESTIGATION, "investigator", "2025-09-05T16:00:00+08:00" },
  { RUHU_STEP_EVALUATE, "supervisor", "2025-09-08T10:00:00+08:00" },
  { RUHU_STEP_REVIEW, "supervisor", "2025-09-09T10:00:00+08:00" },
  { RUHU_STEP_POST_NOTICE, "supervisor", "2025-09-10T08:00:00+08:00" },
  { RUHU_STEP_REPORT, "supervisor", "2025-09-17T10:00:00+08:00" },
  { RUHU_STEP_GRANT, "district_officer", "2025-09-19T10:00:00+08:00" },
  { RUHU_STEP_PUBLISH, "supervisor", "2025-09-22T10:00:00+08:00" },
  { RUHU_STEP_START_PERIODIC_REVIEW, "supervisor", "2026-09-01T10:00:00+08:00" },
};

/* Takes the road's steps that the case's category has until it is in
 * @target. */
void
test_case_walk (RuhuStore     *store,
                const char    *case_id,
                RuhuCaseState  target)
{
  for (guint i = 0; i < G_N_ELEMENTS (road); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RuhuCaseFlow) flow = ruhu_case_flow_read (store, case_id, &error);

      g_assert_no_error (error);
      if (flow->state == target)
        return;
      if (ruhu_step_leads (flow->category, road[i].step, flow->state, NULL))
        test_case_take (store, case_id, road[i].step, road[i].role, road[i].at);
    }
  g_assert_cmpint (test_case_state (store, case_id), ==, target);
}
