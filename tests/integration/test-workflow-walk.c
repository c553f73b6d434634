/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "devices-fixture.h"
#include "ruhu-assignment.h"
#include "test-util.h"
#include "test-workflow-case.h"

/* One 低保 case walked from the application to its publication through an
 * in-process server on 127.0.0.1, each step taken on the device of the
 * role that may take it, with the refusals met on the way; then what a
 * volunteer and village assistants get of the case. */

#define DISTRICT      "500109"
#define TOWNSHIP      "500109001"
#define TOWNSHIP_B    "500109002"
#define VILLAGE       "500109001001"
#define OTHER_VILLAGE "500109001002"
#define ID_NUMBER     "500109197005010025"

/* The devices that walk the case; all but INV_B see it from the start. */
enum
{
  SUP,      /* the township's supervisor */
  VA,       /* a village assistant of the case's village */
  INV_A,    /* an investigator of the township */
  INV_B,    /* an investigator of another township, on the team */
  OFFICER,  /* a district officer */
  OTHER_VA, /* a village assistant of another village: never sees it */
  N_DEVICES
};

static const struct
{
  const char *user;
  RuhuRole    role;
  const char *role_name;
  const char *place;
} users[N_DEVICES] = {
  { "sup", RUHU_ROLE_SUPERVISOR, "supervisor", TOWNSHIP },
  { "va", RUHU_ROLE_VILLAGE_ASSISTANT, "village_assistant", VILLAGE },
  { "inv.a", RUHU_ROLE_INVESTIGATOR, "investigator", TOWNSHIP },
  { "inv.b", RUHU_ROLE_INVESTIGATOR, "investigator", TOWNSHIP_B },
  { "off", RUHU_ROLE_DISTRICT_OFFICER, "district_officer", DISTRICT },
  { "va.other", RUHU_ROLE_VILLAGE_ASSISTANT, "village_assistant", OTHER_VILLAGE },
};

typedef struct
{
  LocalServer local;
  Device      devices[N_DEVICES];
  char       *case_id;
  char       *adult;        /* the covered adult, with an ID number */
  guint       n_forced[N_DEVICES];  /* steps each device forced, all rejected */
  gboolean    team_formed;          /* INV_B sees the case from then on */
} Fixture;

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  local_server_start (&fx->local);
  /* Cheap password hashes: the walk signs seven users in. */
  ruhu_directory_set_kdf_params (ruhu_server_get_directory (fx->local.server), &test_kdf);
  for (guint i = 0; i < N_DEVICES; i++)
    local_server_add_user (&fx->local, users[i].user, users[i].role, users[i].place);
  local_server_add_user (&fx->local, "vol", RUHU_ROLE_VOLUNTEER, VILLAGE);
  local_server_listen (&fx->local);
  for (guint i = 0; i < N_DEVICES; i++)
    device_init (&fx->devices[i], fx->local.url, users[i].user, NULL, NULL);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  for (guint i = 0; i < N_DEVICES; i++)
    device_clear (&fx->devices[i]);
  local_server_stop (&fx->local);
  g_free (fx->case_id);
  g_free (fx->adult);
}

static RuhuStore *
server_store (Fixture *fx)
{
  return ruhu_server_get_store (fx->local.server);
}

static void
write_value (Device     *device,
             const char *entity,
             const char *kind,
             const char *case_id,
             const char *parent,
             const char *field,
             JsonNode   *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuOp) op = ruhu_store_write (device->store, entity, kind, case_id, parent, field,
                                           value, device->user, &error);

  g_assert_no_error (error);
  g_assert_nonnull (op);
}

static void
write_text (Device     *device,
            const char *entity,
            const char *kind,
            const char *case_id,
            const char *field,
            const char *text)
{
  g_autoptr(JsonNode) value = test_text (text);

  write_value (device, entity, kind, case_id, case_id, field, value);
}

/* Each device syncs twice, so the early ones see what the later pushed. */
static void
sync_all (Fixture *fx)
{
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < N_DEVICES; i++)
      device_sync (&fx->devices[i]);
}

static gboolean
holds_entity (RuhuStore  *store,
              const char *entity)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuEntityInfo) info = ruhu_store_get_entity (store, entity, &error);

  if (g_error_matches (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_NO_SUCH_ENTITY))
    return FALSE;
  g_assert_no_error (error);
  return info != NULL;
}

/* The state and the steps that count, with their actors, as
 * ruhu_case_flow_read() gives them: a form to compare between stores. */
static char *
flow_summary (RuhuStore  *store,
              const char *case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuCaseFlow) flow = ruhu_case_flow_read (store, case_id, &error);
  GString *summary = g_string_new (NULL);

  g_assert_no_error (error);
  g_string_append (summary, ruhu_case_state_to_string (flow->state));
  for (guint i = 0; i < flow->transitions->len; i++)
    {
      RuhuTransition *transition = g_ptr_array_index (flow->transitions, i);

      if (transition->counted)
        g_string_append_printf (summary, " %s:%s", ruhu_step_to_string (transition->step),
                                transition->actor);
    }
  return g_string_free (summary, FALSE);
}

/* Every device that may see the case reads it in @expected, with the
 * same steps as the server; the other village's assistant never got it. */
static void
assert_everywhere (Fixture       *fx,
                   RuhuCaseState  expected)
{
  g_autofree char *on_server = flow_summary (server_store (fx), fx->case_id);

  g_assert_true (g_str_has_prefix (on_server, ruhu_case_state_to_string (expected)));
  for (guint i = 0; i < N_DEVICES; i++)
    {
      g_autofree char *on_device = NULL;

      if (i == OTHER_VA || (i == INV_B && !fx->team_formed))
        continue;
      on_device = flow_summary (fx->devices[i].store, fx->case_id);
      g_assert_cmpstr (on_device, ==, on_server);
    }
  g_assert_false (holds_entity (fx->devices[OTHER_VA].store, fx->case_id));
}

/* The op of @step taken on @who's device, its user claiming to be a
 * @role, as far as the device's own guard lets it. */
static RuhuOp *
try_step (Fixture     *fx,
          guint        who,
          RuhuStep     step,
          const char  *role,
          const char  *at,
          GError     **error)
{
  RuhuStepInput input;

  test_case_input (&input, at);
  return ruhu_workflow_take (fx->devices[who].store, fx->case_id, step, role, &input,
                             users[who].user, error);
}

/* @who's device takes @step as its user's role; then every device syncs. */
static void
take (Fixture    *fx,
      guint       who,
      RuhuStep    step,
      const char *at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuOp) op = try_step (fx, who, step, users[who].role_name, at, &error);

  g_assert_no_error (error);
  g_assert_nonnull (op);
  sync_all (fx);
}

/* The device's own guard refuses @step to its user's role. */
static void
assert_refused_locally (Fixture    *fx,
                        guint       who,
                        RuhuStep    step,
                        const char *at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuOp) op = try_step (fx, who, step, users[who].role_name, at, &error);

  g_assert_error (error, RUHU_WORKFLOW_ERROR, RUHU_WORKFLOW_ERROR_REFUSED);
  g_assert_null (op);
}

/* The rejection among @rejections of the action of @entity. */
static const RuhuRejection *
find_rejection (GPtrArray  *rejections,
                const char *entity)
{
  for (guint i = 0; i < rejections->len; i++)
    {
      const RuhuRejection *rejection = g_ptr_array_index (rejections, i);

      if (g_str_equal (rejection->op->entity, entity))
        return rejection;
    }
  return NULL;
}

/* @who's device forces @step into its outbox, its user claiming to be a
 * @claimed: the server refuses it as `role_not_allowed`, and the device
 * comes back to the server's state. */
static void
assert_forced_rejected (Fixture    *fx,
                        guint       who,
                        RuhuStep    step,
                        const char *claimed,
                        const char *at)
{
  Device *device = &fx->devices[who];
  RuhuCaseState before = test_case_state (server_store (fx), fx->case_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rejections = NULL;
  g_autofree char *code = NULL;
  g_autofree char *reason = NULL;
  g_autoptr(JsonNode) action = NULL;
  g_autoptr(RuhuOp) op = try_step (fx, who, step, claimed, at, &error);
  const RuhuRejection *rejection;

  g_assert_no_error (error);
  g_assert_cmpint (test_case_state (device->store, fx->case_id), !=, before);
  device_sync (device);
  fx->n_forced[who]++;
  rejections = ruhu_store_list_rejections (device->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rejections->len, ==, fx->n_forced[who]);
  rejection = find_rejection (rejections, op->entity);
  g_assert_nonnull (rejection);
  g_assert_nonnull (strstr (rejection->reason, ruhu_step_get_label (step)));
  g_assert_false (ruhu_workflow_rule (server_store (fx), rejection->op, &code, &reason,
                                      (gpointer) users[who].role_name));
  g_assert_cmpstr (code, ==, "role_not_allowed");
  g_assert_cmpstr (reason, ==, rejection->reason);
  action = ruhu_store_get_value (server_store (fx), op->entity, "action", &error);
  g_assert_no_error (error);
  g_assert_true (action == NULL || JSON_NODE_HOLDS_NULL (action));
  g_assert_cmpint (test_case_state (device->store, fx->case_id), ==, before);
}

/* The village assistant's device takes the application. */
static void
apply (Fixture *fx)
{
  Device *va = &fx->devices[VA];

  fx->case_id = test_case_new (va->store, "urban_dibao", "2025-09-01");
  write_text (va, fx->case_id, "household", fx->case_id, "village_code", VILLAGE);
  sync_all (fx);
}

/* The supervisor's device forms a team of A and B as the assign dialog
 * does. */
static void
assign_team (Fixture *fx)
{
  const char * const team[] = { "inv.a", "inv.b", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *entity = g_uuid_string_random ();
  g_autoptr(JsonNode) investigators = ruhu_assignment_team_value (team);
  g_autoptr(JsonNode) by = test_text ("sup");
  g_autoptr(JsonNode) at = test_text ("2025-09-02T10:00:00+08:00");
  Device *sup = &fx->devices[SUP];

  g_assert_false (holds_entity (fx->devices[INV_B].store, fx->case_id));
  write_value (sup, entity, RUHU_ASSIGNMENT_KIND, fx->case_id, fx->case_id,
               RUHU_ASSIGNMENT_INVESTIGATORS, investigators);
  write_value (sup, entity, RUHU_ASSIGNMENT_KIND, fx->case_id, fx->case_id, RUHU_ASSIGNMENT_BY,
               by);
  write_value (sup, entity, RUHU_ASSIGNMENT_KIND, fx->case_id, fx->case_id, RUHU_ASSIGNMENT_AT,
               at);
  sync_all (fx);
  g_assert_true (ruhu_directory_is_assigned (ruhu_server_get_directory (fx->local.server),
                                             fx->case_id, "inv.b", &fx->team_formed, &error));
  g_assert_no_error (error);
  g_assert_true (fx->team_formed);
  g_assert_true (holds_entity (fx->devices[INV_B].store, fx->case_id));
}

/* Investigator A records the household's members, their authorisations
 * and ID papers. */
static void
record_members (Fixture *fx)
{
  Device *inv = &fx->devices[INV_A];
  g_autofree char *child = NULL;
  g_autofree char *obligor = NULL;

  fx->adult = test_case_add_member (inv->store, fx->case_id, "covered", "王芳", "1970-05-01");
  write_text (inv, fx->adult, "member", fx->case_id, "id_number", ID_NUMBER);
  child = test_case_add_member (inv->store, fx->case_id, "covered", "王小", "2015-05-01");
  obligor = test_case_add_member (inv->store, fx->case_id, "obligor", "王强", "1990-01-01");
  test_case_authorise (inv->store, fx->case_id, fx->adult);
  test_case_authorise (inv->store, fx->case_id, child);
  test_case_authorise (inv->store, fx->case_id, obligor);
  test_case_add_evidence (inv->store, fx->case_id, "id_front", fx->adult);
  test_case_add_evidence (inv->store, fx->case_id, "id_back", fx->adult);
  test_case_add_evidence (inv->store, fx->case_id, "hukou_first_page", NULL);
  sync_all (fx);
}

/* The sheet: the applicant signs and a neighbour is heard on A's device,
 * A signs, then B signs on B's own device (the server locks a sheet once
 * two investigators have signed). */
static void
fill_sheet (Fixture *fx)
{
  Device *inv_a = &fx->devices[INV_A];
  g_autofree char *sheet = test_case_add_sheet (inv_a->store, fx->case_id);

  test_case_sign (inv_a->store, fx->case_id, sheet, "applicant");
  test_case_interview (inv_a->store, fx->case_id, sheet);
  test_case_sign (inv_a->store, fx->case_id, sheet, "investigator");
  sync_all (fx);
  g_assert_true (holds_entity (fx->devices[INV_B].store, sheet));
  test_case_sign (fx->devices[INV_B].store, fx->case_id, sheet, "investigator");
  sync_all (fx);
}

/* The road, as the server's store must hold it at the end. */
static const struct
{
  RuhuStep    step;
  guint       who;
  const char *at;
} road[] = {
  { RUHU_STEP_ACCEPT, SUP, "2025-09-02T09:00:00+08:00" },
  { RUHU_STEP_START_INVESTIGATION, INV_A, "2025-09-03T09:00:00+08:00" },
  { RUHU_STEP_FINISH_INVESTIGATION, INV_A, "2025-09-05T16:00:00+08:00" },
  { RUHU_STEP_EVALUATE, SUP, "2025-09-08T10:00:00+08:00" },
  { RUHU_STEP_REVIEW, SUP, "2025-09-09T10:00:00+08:00" },
  { RUHU_STEP_POST_NOTICE, SUP, "2025-09-10T08:00:00+08:00" },
  { RUHU_STEP_REPORT, SUP, "2025-09-17T10:00:00+08:00" },
  { RUHU_STEP_GRANT, OFFICER, "2025-09-19T10:00:00+08:00" },
  { RUHU_STEP_PUBLISH, SUP, "2025-09-22T10:00:00+08:00" },
};

/* Takes the road's @i-th step on its role's device; the case is then in
 * @expected everywhere. */
static void
take_road (Fixture       *fx,
           guint          i,
           RuhuCaseState  expected)
{
  take (fx, road[i].who, road[i].step, road[i].at);
  assert_everywhere (fx, expected);
}

/* The server's timeline: each step of the road, once, by whom and when. */
static void
assert_server_timeline (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuCaseFlow) flow = ruhu_case_flow_read (server_store (fx), fx->case_id, &error);

  g_assert_no_error (error);
  g_assert_cmpint (flow->state, ==, RUHU_CASE_STATE_PUBLISHED);
  g_assert_cmpuint (flow->transitions->len, ==, G_N_ELEMENTS (road));
  for (guint i = 0; i < G_N_ELEMENTS (road); i++)
    {
      const RuhuTransition *transition = g_ptr_array_index (flow->transitions, i);

      g_assert_true (transition->counted);
      g_assert_cmpint (transition->step, ==, road[i].step);
      g_assert_cmpstr (transition->actor, ==, users[road[i].who].user);
      g_assert_cmpstr (transition->at, ==, road[i].at);
    }
  g_assert_cmpstr (ruhu_case_flow_find_last (flow, RUHU_STEP_REVIEW)->opinion, ==, "grant");
  g_assert_true (ruhu_case_flow_find_last (flow, RUHU_STEP_GRANT)->has_amount);
  g_assert_cmpint (ruhu_case_flow_find_last (flow, RUHU_STEP_GRANT)->amount, ==, 68000);
}

/* The text of @field of @entity in @store, NULL when unset. */
static char *
text_of (RuhuStore  *store,
         const char *entity,
         const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = ruhu_store_get_value (store, entity, field, &error);

  g_assert_no_error (error);
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return NULL;
  return g_strdup (json_node_get_string (value));
}

/* How many evidence entities of the case @store holds. */
static guint
count_evidence (RuhuStore  *store,
                const char *case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entities = ruhu_store_list_entities (store, case_id, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entities->len; i++)
    {
      const RuhuEntityInfo *info = g_ptr_array_index (entities, i);

      if (g_str_equal (info->kind, "evidence"))
        n++;
    }
  return n;
}

/* After the walk: the case's village assistant holds the whole case; a
 * volunteer assigned the household gets it without the ID number and
 * without the ID papers (evidence of a sensitive category); the other
 * village's assistant never got it. */
static void
assert_scopes (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *va_id = text_of (fx->devices[VA].store, fx->adult, "id_number");
  g_autofree char *vol_id = NULL;
  g_autofree char *vol_name = NULL;
  g_autofree char *vol_village = NULL;
  Device volunteer = { NULL, };

  g_assert_cmpstr (va_id, ==, ID_NUMBER);
  g_assert_cmpuint (count_evidence (fx->devices[VA].store, fx->case_id), ==, 3);
  g_assert_false (holds_entity (fx->devices[OTHER_VA].store, fx->case_id));
  g_assert_false (holds_entity (fx->devices[OTHER_VA].store, fx->adult));

  g_assert_true (ruhu_directory_assign (ruhu_server_get_directory (fx->local.server),
                                        fx->case_id, "vol", &error));
  g_assert_no_error (error);
  device_init (&volunteer, fx->local.url, "vol", NULL, NULL);
  device_sync (&volunteer);
  vol_village = text_of (volunteer.store, fx->case_id, "village_code");
  g_assert_cmpstr (vol_village, ==, VILLAGE);
  vol_name = text_of (volunteer.store, fx->adult, "name");
  g_assert_cmpstr (vol_name, ==, "王芳");
  vol_id = text_of (volunteer.store, fx->adult, "id_number");
  g_assert_null (vol_id);
  g_assert_cmpuint (count_evidence (volunteer.store, fx->case_id), ==, 0);
  device_clear (&volunteer);
}

static void
test_walk (Fixture       *fx,
           gconstpointer  data)
{
  apply (fx);
  assert_everywhere (fx, RUHU_CASE_STATE_APPLIED);

  assert_refused_locally (fx, INV_A, RUHU_STEP_ACCEPT, road[0].at);
  assert_forced_rejected (fx, INV_A, RUHU_STEP_ACCEPT, "supervisor", road[0].at);
  assert_forced_rejected (fx, VA, RUHU_STEP_ACCEPT, "supervisor", road[0].at);
  take_road (fx, 0, RUHU_CASE_STATE_ACCEPTED);

  assign_team (fx);
  record_members (fx);
  assert_everywhere (fx, RUHU_CASE_STATE_ACCEPTED);
  assert_refused_locally (fx, VA, RUHU_STEP_START_INVESTIGATION, road[1].at);
  take_road (fx, 1, RUHU_CASE_STATE_INVESTIGATING);

  fill_sheet (fx);
  assert_refused_locally (fx, SUP, RUHU_STEP_FINISH_INVESTIGATION, road[2].at);
  take_road (fx, 2, RUHU_CASE_STATE_INVESTIGATED);

  assert_refused_locally (fx, INV_B, RUHU_STEP_EVALUATE, road[3].at);
  take_road (fx, 3, RUHU_CASE_STATE_EVALUATED);
  take_road (fx, 4, RUHU_CASE_STATE_REVIEWED);
  assert_forced_rejected (fx, INV_B, RUHU_STEP_POST_NOTICE, "supervisor", road[5].at);
  take_road (fx, 5, RUHU_CASE_STATE_NOTICE);
  take_road (fx, 6, RUHU_CASE_STATE_REPORTED);

  assert_refused_locally (fx, SUP, RUHU_STEP_GRANT, road[7].at);
  assert_forced_rejected (fx, SUP, RUHU_STEP_GRANT, "district_officer", road[7].at);
  assert_forced_rejected (fx, VA, RUHU_STEP_GRANT, "district_officer", road[7].at);
  take_road (fx, 7, RUHU_CASE_STATE_GRANTED);
  take_road (fx, 8, RUHU_CASE_STATE_PUBLISHED);

  sync_all (fx);
  assert_everywhere (fx, RUHU_CASE_STATE_PUBLISHED);
  assert_server_timeline (fx);
  for (guint i = 0; i < N_DEVICES; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rejections = ruhu_store_list_rejections (fx->devices[i].store, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (rejections->len, ==, fx->n_forced[i]);
    }
  assert_scopes (fx);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/ruhu/workflow-walk/dibao", Fixture, NULL, fixture_setup, test_walk,
              fixture_teardown);
  return g_test_run ();
}
