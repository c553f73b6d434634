/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "devices-fixture.h"
#include "test-util.h"
#include "test-workflow-case.h"

/* The case workflow as ruhu-server enforces it (ruhu_rules_check() calls
 * ruhu_workflow_rule() with the pusher's role): devices take steps offline
 * and sync through an in-process server on 127.0.0.1. */

#define TOWNSHIP "500109001"
#define VILLAGE  "500109001001"
#define DAY_ONE  "2025-09-02T09:00:00+08:00"

typedef struct
{
  LocalServer local;
  Device      first;         /* a supervisor; builds and pushes the case */
  Device      second;        /* another supervisor of the same township */
  Device      investigator;
  Device      assistant;     /* a village assistant of the case's village */
  char       *case_id;
} Fixture;

static void
write_text (Device     *device,
            const char *entity,
            const char *case_id,
            const char *field,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = test_text (text);
  g_autoptr(RuhuOp) op = ruhu_store_write (device->store, entity, "household", case_id, NULL,
                                           field, value, device->user, &error);

  g_assert_no_error (error);
  g_assert_nonnull (op);
}

/* The check sheet, signed last by the investigators: the server locks a
 * sheet once two have signed, so the applicant's signature and the
 * neighbour interview come first (test_case_new_complete() signs in
 * another order, which a device offline may, but the server would lock). */
static void
add_signed_sheet (RuhuStore  *store,
                  const char *case_id)
{
  g_autofree char *sheet = test_case_add_sheet (store, case_id);

  test_case_sign (store, case_id, sheet, "applicant");
  test_case_interview (store, case_id, sheet);
  test_case_sign (store, case_id, sheet, "investigator");
  test_case_sign (store, case_id, sheet, "investigator");
}

static void
assert_no_rejections (Device *device)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rejections = ruhu_store_list_rejections (device->store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < rejections->len; i++)
    {
      RuhuRejection *rejection = g_ptr_array_index (rejections, i);

      g_test_message ("%s rejected %s.%s: %s", device->user, rejection->op->kind,
                      rejection->op->field, rejection->reason);
    }
  g_assert_cmpuint (rejections->len, ==, 0);
}

static RuhuCaseState
state_of (RuhuStore  *store,
          const char *case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuCaseFlow) flow = ruhu_case_flow_read (store, case_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (flow);
  return flow->state;
}

/* The case's state and the steps that count, as ruhu_case_flow_read()
 * gives them, in a form to compare between stores. */
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
        g_string_append_printf (summary, " %s:%s", transition->entity,
                                ruhu_step_to_string (transition->step));
    }
  return g_string_free (summary, FALSE);
}

/* Each device syncs twice, so the early ones see what the later pushed. */
static void
sync_all (Fixture *fx)
{
  for (guint round = 0; round < 2; round++)
    {
      device_sync (&fx->first);
      device_sync (&fx->second);
      device_sync (&fx->investigator);
      device_sync (&fx->assistant);
    }
}

/* A complete 低保 case in the township's village, applied for, built on
 * the first device and known to all. */
static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  local_server_start (&fx->local);
  local_server_add_user (&fx->local, "sup.a", RUHU_ROLE_SUPERVISOR, TOWNSHIP);
  local_server_add_user (&fx->local, "sup.b", RUHU_ROLE_SUPERVISOR, TOWNSHIP);
  local_server_add_user (&fx->local, "inv", RUHU_ROLE_INVESTIGATOR, TOWNSHIP);
  local_server_add_user (&fx->local, "va", RUHU_ROLE_VILLAGE_ASSISTANT, VILLAGE);
  local_server_listen (&fx->local);
  device_init (&fx->first, fx->local.url, "sup.a", NULL, NULL);
  device_init (&fx->second, fx->local.url, "sup.b", NULL, NULL);
  device_init (&fx->investigator, fx->local.url, "inv", NULL, NULL);
  device_init (&fx->assistant, fx->local.url, "va", NULL, NULL);

  fx->case_id = test_case_new_except (fx->first.store, "urban_dibao", TEST_CASE_NO_SHEET);
  write_text (&fx->first, fx->case_id, fx->case_id, "village_code", VILLAGE);
  add_signed_sheet (fx->first.store, fx->case_id);
  sync_all (fx);
  assert_no_rejections (&fx->first);
  g_assert_cmpint (state_of (ruhu_server_get_store (fx->local.server), fx->case_id), ==,
                   RUHU_CASE_STATE_APPLIED);
  g_assert_cmpint (state_of (fx->second.store, fx->case_id), ==, RUHU_CASE_STATE_APPLIED);
  g_assert_cmpint (state_of (fx->investigator.store, fx->case_id), ==, RUHU_CASE_STATE_APPLIED);
  g_assert_cmpint (state_of (fx->assistant.store, fx->case_id), ==, RUHU_CASE_STATE_APPLIED);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  device_clear (&fx->first);
  device_clear (&fx->second);
  device_clear (&fx->investigator);
  device_clear (&fx->assistant);
  local_server_stop (&fx->local);
  g_free (fx->case_id);
}

/* Takes @step on @device as @role claims to be, which the device's own
 * guard believes; returns the entity of the step. */
static char *
take (Device     *device,
      const char *case_id,
      RuhuStep    step,
      const char *role,
      const char *at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuCaseFlow) flow = NULL;
  const RuhuTransition *taken;

  test_case_take (device->store, case_id, step, role, at);
  flow = ruhu_case_flow_read (device->store, case_id, &error);
  g_assert_no_error (error);
  taken = ruhu_case_flow_find_last (flow, step);
  g_assert_nonnull (taken);
  g_assert_true (taken->counted);
  return g_strdup (taken->entity);
}

/* The only rejection on @device: that of the action of @entity. */
static RuhuRejection *
only_rejection (Device     *device,
                GPtrArray **rejections,
                const char *entity)
{
  g_autoptr(GError) error = NULL;
  RuhuRejection *rejection;

  *rejections = ruhu_store_list_rejections (device->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint ((*rejections)->len, ==, 1);
  rejection = g_ptr_array_index (*rejections, 0);
  g_assert_cmpstr (rejection->op->entity, ==, entity);
  g_assert_cmpstr (rejection->op->field, ==, "action");
  g_assert_cmpstr (rejection->reason, !=, "");
  return rejection;
}

/* What the server's rule says now of @op, pushed by @role: the code the
 * server answered with, since nothing changed on it since. */
static void
assert_server_refuses (Fixture      *fx,
                       const RuhuOp *op,
                       const char   *role,
                       const char   *code,
                       const char   *reason)
{
  RuhuStore *server = ruhu_server_get_store (fx->local.server);
  g_autofree char *got_code = NULL;
  g_autofree char *got_reason = NULL;

  g_assert_false (ruhu_workflow_rule (server, op, &got_code, &got_reason, (gpointer) role));
  g_assert_cmpstr (got_code, ==, code);
  g_assert_cmpstr (got_reason, ==, reason);
}

/* The step's action never reached the server's store. */
static void
assert_not_taken_on_server (Fixture    *fx,
                            const char *entity)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) action = ruhu_store_get_value (ruhu_server_get_store (fx->local.server),
                                                     entity, "action", &error);

  g_assert_no_error (error);
  g_assert_true (action == NULL || JSON_NODE_HOLDS_NULL (action));
}

static void
test_first_step_wins (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) rejections = NULL;
  g_autofree char *accepted = NULL;
  g_autofree char *requested = NULL;
  g_autofree char *first_flow = NULL;
  g_autofree char *second_flow = NULL;
  g_autofree char *server_flow = NULL;
  RuhuRejection *rejection;

  /* Both offline: one accepts, the other asks for missing materials. */
  accepted = take (&fx->first, fx->case_id, RUHU_STEP_ACCEPT, "supervisor", DAY_ONE);
  requested = take (&fx->second, fx->case_id, RUHU_STEP_REQUEST_MATERIALS, "supervisor",
                    DAY_ONE);
  g_assert_cmpint (state_of (fx->first.store, fx->case_id), ==, RUHU_CASE_STATE_ACCEPTED);
  g_assert_cmpint (state_of (fx->second.store, fx->case_id), ==, RUHU_CASE_STATE_INCOMPLETE);

  device_sync (&fx->first);
  assert_no_rejections (&fx->first);
  device_sync (&fx->second);
  rejection = only_rejection (&fx->second, &rejections, requested);
  g_assert_nonnull (strstr (rejection->reason,
                            ruhu_case_state_get_label (RUHU_CASE_STATE_ACCEPTED)));
  g_assert_nonnull (strstr (rejection->reason,
                            ruhu_case_state_get_label (RUHU_CASE_STATE_APPLIED)));
  assert_server_refuses (fx, rejection->op, "supervisor", "workflow_stale", rejection->reason);
  assert_not_taken_on_server (fx, requested);
  g_assert_cmpint (ruhu_sync_client_get_unsynced_count (fx->second.client), ==, 0);

  sync_all (fx);
  g_assert_cmpint (state_of (ruhu_server_get_store (fx->local.server), fx->case_id), ==,
                   RUHU_CASE_STATE_ACCEPTED);
  g_assert_cmpint (state_of (fx->first.store, fx->case_id), ==, RUHU_CASE_STATE_ACCEPTED);
  g_assert_cmpint (state_of (fx->second.store, fx->case_id), ==, RUHU_CASE_STATE_ACCEPTED);
  g_assert_cmpint (state_of (fx->investigator.store, fx->case_id), ==, RUHU_CASE_STATE_ACCEPTED);
  first_flow = flow_summary (fx->first.store, fx->case_id);
  second_flow = flow_summary (fx->second.store, fx->case_id);
  g_assert_cmpstr (first_flow, ==, second_flow);
  server_flow = flow_summary (ruhu_server_get_store (fx->local.server), fx->case_id);
  g_assert_cmpstr (first_flow, ==, server_flow);
  /* The winner's step counts everywhere, the loser's nowhere. */
  g_assert_nonnull (strstr (second_flow, accepted));
  g_assert_null (strstr (second_flow, requested));

  /* The loser, now up to date, takes the next step and the server takes it. */
  g_free (take (&fx->second, fx->case_id, RUHU_STEP_START_INVESTIGATION, "supervisor",
                "2025-09-03T09:00:00+08:00"));
  sync_all (fx);
  g_clear_pointer (&rejections, g_ptr_array_unref);
  only_rejection (&fx->second, &rejections, requested);
  g_assert_cmpint (state_of (fx->first.store, fx->case_id), ==, RUHU_CASE_STATE_INVESTIGATING);
  g_assert_cmpint (state_of (fx->second.store, fx->case_id), ==, RUHU_CASE_STATE_INVESTIGATING);
}

/* @device, whose user is a @role, claims to be a district officer and
 * grants the reported case: the server knows who pushed and refuses. */
static void
assert_grant_refused (Fixture    *fx,
                      Device     *device,
                      const char *role)
{
  g_autoptr(GPtrArray) rejections = NULL;
  g_autofree char *granted = NULL;
  RuhuRejection *rejection;

  granted = take (device, fx->case_id, RUHU_STEP_GRANT, "district_officer",
                  "2025-09-19T10:00:00+08:00");
  g_assert_cmpint (state_of (device->store, fx->case_id), ==, RUHU_CASE_STATE_GRANTED);
  device_sync (device);
  rejection = only_rejection (device, &rejections, granted);
  g_assert_nonnull (strstr (rejection->reason, ruhu_step_get_label (RUHU_STEP_GRANT)));
  assert_server_refuses (fx, rejection->op, role, "role_not_allowed", rejection->reason);
  assert_not_taken_on_server (fx, granted);
  g_assert_cmpint (state_of (ruhu_server_get_store (fx->local.server), fx->case_id), ==,
                   RUHU_CASE_STATE_REPORTED);
  g_assert_cmpint (state_of (device->store, fx->case_id), ==, RUHU_CASE_STATE_REPORTED);
}

/* Through the road to the district's decision, each step pushed by the
 * role that may take it; then an investigator and a village assistant
 * each try to grant. */
static void
test_role_refused (Fixture       *fx,
                   gconstpointer  data)
{
  test_case_walk (fx->first.store, fx->case_id, RUHU_CASE_STATE_INVESTIGATING);
  sync_all (fx);
  g_free (take (&fx->investigator, fx->case_id, RUHU_STEP_FINISH_INVESTIGATION, "investigator",
                "2025-09-05T16:00:00+08:00"));
  sync_all (fx);
  test_case_walk (fx->first.store, fx->case_id, RUHU_CASE_STATE_REPORTED);
  sync_all (fx);
  assert_no_rejections (&fx->first);
  assert_no_rejections (&fx->investigator);
  g_assert_cmpint (state_of (fx->investigator.store, fx->case_id), ==, RUHU_CASE_STATE_REPORTED);

  g_assert_cmpint (state_of (fx->assistant.store, fx->case_id), ==, RUHU_CASE_STATE_REPORTED);

  assert_grant_refused (fx, &fx->investigator, "investigator");
  assert_grant_refused (fx, &fx->assistant, "village_assistant");

  /* The others never hear of either. */
  sync_all (fx);
  assert_no_rejections (&fx->first);
  assert_no_rejections (&fx->second);
  g_assert_cmpint (state_of (fx->second.store, fx->case_id), ==, RUHU_CASE_STATE_REPORTED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/ruhu/workflow-server/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("first-step-wins", test_first_step_wins);
  ADD ("role-refused", test_role_refused);
#undef ADD

  return g_test_run ();
}
