/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "test-util.h"
#include "test-workflow-case.h"

/* Steps taken on devices and pushed to a "server" store whose rule hook is
 * ruhu_workflow_rule(), as server/ruhu-rules.c calls it: the first step to
 * arrive wins, a conflicting one is refused with a reason and leaves the
 * device when it takes the rejection. */

typedef struct
{
  RuhuStore *server;
  RuhuStore *a;
  RuhuStore *b;
  char      *case_id;
} SyncFixture;

/* Pushes @device's outbox as @role would; returns the refusals as
 * "code: reason", after handing them to the device as the sync does. */
static GPtrArray *
push (RuhuStore  *device,
      RuhuStore  *server,
      const char *role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ops = ruhu_store_outbox_peek (device, 10000, &error);
  g_autoptr(GArray) results = NULL;
  g_autoptr(GPtrArray) acked = g_ptr_array_new ();
  GPtrArray *refused = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  g_assert_true (ruhu_store_apply_full (server, ops, ruhu_workflow_rule, (gpointer) role, NULL,
                                        NULL, &results, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < ops->len; i++)
    {
      RuhuOp *op = g_ptr_array_index (ops, i);
      RuhuApplyResult *result = &g_array_index (results, RuhuApplyResult, i);

      g_assert_cmpint (result->status, !=, RUHU_APPLY_INVALID);
      if (result->status != RUHU_APPLY_REFUSED)
        {
          g_ptr_array_add (acked, op->version);
          continue;
        }
      g_ptr_array_add (refused, g_strdup_printf ("%s: %s", result->code, result->message));
      g_assert_true (ruhu_store_reject (device, op, result->message, &error));
      g_assert_no_error (error);
    }
  g_ptr_array_add (acked, NULL);
  g_assert_true (ruhu_store_outbox_ack (device, (const char * const *) acked->pdata, &error));
  g_assert_no_error (error);
  g_array_set_clear_func (results, (GDestroyNotify) ruhu_apply_result_clear);
  return refused;
}

static void
push_accepted (RuhuStore  *device,
               RuhuStore  *server,
               const char *role)
{
  g_autoptr(GPtrArray) refused = push (device, server, role);

  g_assert_cmpuint (refused->len, ==, 0);
}

static void
take_and_push (SyncFixture *fixture,
               RuhuStep     step,
               const char  *role,
               const char  *at)
{
  test_case_take (fixture->a, fixture->case_id, step, role, at);
  push_accepted (fixture->a, fixture->server, role);
}

/* The case, evaluated on the server, known to both devices. */
static void
sync_setup (SyncFixture   *fixture,
            gconstpointer  data)
{
  fixture->server = test_memory_store (NULL);
  fixture->a = test_memory_store (NULL);
  fixture->b = test_memory_store (NULL);
  fixture->case_id = test_case_new_complete (fixture->a, "urban_dibao");
  push_accepted (fixture->a, fixture->server, "supervisor");
  take_and_push (fixture, RUHU_STEP_ACCEPT, "supervisor", "2025-09-02T09:00:00+08:00");
  take_and_push (fixture, RUHU_STEP_START_INVESTIGATION, "investigator",
                 "2025-09-03T09:00:00+08:00");
  take_and_push (fixture, RUHU_STEP_FINISH_INVESTIGATION, "investigator",
                 "2025-09-05T09:00:00+08:00");
  take_and_push (fixture, RUHU_STEP_EVALUATE, "supervisor", "2025-09-08T09:00:00+08:00");
  test_copy_feed (fixture->server, fixture->b);
  g_assert_cmpint (test_case_state (fixture->server, fixture->case_id), ==,
                   RUHU_CASE_STATE_EVALUATED);
  g_assert_cmpint (test_case_state (fixture->b, fixture->case_id), ==,
                   RUHU_CASE_STATE_EVALUATED);
}

static void
sync_teardown (SyncFixture   *fixture,
               gconstpointer  data)
{
  g_clear_object (&fixture->server);
  g_clear_object (&fixture->a);
  g_clear_object (&fixture->b);
  g_free (fixture->case_id);
}

static guint
count_counted (RuhuStore  *store,
               const char *case_id)
{
  g_autoptr(RuhuCaseFlow) flow = ruhu_case_flow_read (store, case_id, NULL);
  guint n = 0;

  for (guint i = 0; i < flow->transitions->len; i++)
    n += ((RuhuTransition *) g_ptr_array_index (flow->transitions, i))->counted;
  return n;
}

/* One supervisor returns the case while another reviews it, both offline.
 * @data says whose push arrives first. */
static void
test_conflict (SyncFixture   *fixture,
               gconstpointer  data)
{
  gboolean return_first = GPOINTER_TO_INT (data);
  RuhuStore *first = return_first ? fixture->a : fixture->b;
  RuhuStore *second = return_first ? fixture->b : fixture->a;
  RuhuCaseState winner = return_first ? RUHU_CASE_STATE_INVESTIGATING : RUHU_CASE_STATE_REVIEWED;
  g_autoptr(GPtrArray) refused = NULL;
  g_autoptr(GPtrArray) rejections = NULL;

  test_case_take (fixture->a, fixture->case_id, RUHU_STEP_RETURN, "supervisor",
                  "2025-09-09T09:00:00+08:00");
  test_case_take (fixture->b, fixture->case_id, RUHU_STEP_REVIEW, "supervisor",
                  "2025-09-09T09:05:00+08:00");
  g_assert_cmpint (test_case_state (fixture->a, fixture->case_id), ==,
                   RUHU_CASE_STATE_INVESTIGATING);
  g_assert_cmpint (test_case_state (fixture->b, fixture->case_id), ==,
                   RUHU_CASE_STATE_REVIEWED);

  push_accepted (first, fixture->server, "supervisor");
  refused = push (second, fixture->server, "supervisor");
  g_assert_cmpuint (refused->len, ==, 1);
  g_assert_true (g_str_has_prefix (refused->pdata[0], "workflow_stale: "));
  g_assert_nonnull (strstr (refused->pdata[0], ruhu_case_state_get_label (winner)));

  /* The refused step left the second device; after a pull every replica
   * agrees, and nothing was overwritten silently. */
  g_assert_cmpint (test_case_state (second, fixture->case_id), ==, RUHU_CASE_STATE_EVALUATED);
  rejections = ruhu_store_list_rejections (second, NULL);
  g_assert_cmpuint (rejections->len, ==, 1);
  test_copy_feed (fixture->server, fixture->a);
  test_copy_feed (fixture->server, fixture->b);
  g_assert_cmpint (test_case_state (fixture->server, fixture->case_id), ==, winner);
  g_assert_cmpint (test_case_state (fixture->a, fixture->case_id), ==, winner);
  g_assert_cmpint (test_case_state (fixture->b, fixture->case_id), ==, winner);
  g_assert_cmpuint (count_counted (fixture->a, fixture->case_id), ==, 5);
  g_assert_cmpuint (count_counted (fixture->b, fixture->case_id), ==, 5);
}

/* A step taken is never edited nor deleted. */
static void
test_immutable (SyncFixture   *fixture,
                gconstpointer  data)
{
  g_autoptr(RuhuCaseFlow) flow = ruhu_case_flow_read (fixture->a, fixture->case_id, NULL);
  const RuhuTransition *last = g_ptr_array_index (flow->transitions, flow->transitions->len - 1);
  const char *entity = last->entity;
  g_autoptr(JsonNode) comment = test_text ("改过的意见");
  g_autoptr(RuhuOp) edit = NULL;
  g_autoptr(RuhuOp) deletion = NULL;
  g_autoptr(GPtrArray) refused = NULL;

  g_assert_cmpint (last->step, ==, RUHU_STEP_EVALUATE);
  edit = ruhu_store_write (fixture->a, entity, NULL, NULL, NULL, "comment", comment, TEST_ACTOR,
                           NULL);
  deletion = ruhu_store_set_deleted (fixture->a, entity, TRUE, TEST_ACTOR, NULL);
  g_assert_nonnull (edit);
  g_assert_nonnull (deletion);
  refused = push (fixture->a, fixture->server, "supervisor");
  g_assert_cmpuint (refused->len, ==, 2);
  g_assert_true (g_str_has_prefix (refused->pdata[0], "workflow_immutable: "));
  g_assert_true (g_str_has_prefix (refused->pdata[1], "workflow_immutable: "));
  g_assert_cmpint (test_case_state (fixture->server, fixture->case_id), ==,
                   RUHU_CASE_STATE_EVALUATED);
  g_assert_cmpint (test_case_state (fixture->a, fixture->case_id), ==,
                   RUHU_CASE_STATE_EVALUATED);
}

/* The server judges with the pusher's role, not the device's claim. */
static void
test_role_on_server (SyncFixture   *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) refused = NULL;

  test_case_take (fixture->a, fixture->case_id, RUHU_STEP_REVIEW, "supervisor",
                  "2025-09-09T09:00:00+08:00");
  refused = push (fixture->a, fixture->server, "investigator");
  g_assert_cmpuint (refused->len, ==, 1);
  g_assert_true (g_str_has_prefix (refused->pdata[0], "role_not_allowed: "));
  g_assert_cmpint (test_case_state (fixture->server, fixture->case_id), ==,
                   RUHU_CASE_STATE_EVALUATED);
}

static void
write_field (RuhuStore  *store,
             const char *entity,
             const char *case_id,
             const char *field,
             const char *value)
{
  g_autoptr(JsonNode) node = test_text (value);
  g_autoptr(RuhuOp) op = ruhu_store_write (store, entity, RUHU_WORKFLOW_KIND, case_id, case_id,
                                           field, node, TEST_ACTOR, NULL);

  g_assert_nonnull (op);
}

/* Steps written by hand, past the device's own guard: a grant straight
 * from evaluation, and a step without its states. Neither counts on the
 * device, and the server refuses both. */
static void
test_forged (SyncFixture   *fixture,
             gconstpointer  data)
{
  g_autofree char *grant = g_uuid_string_random ();
  g_autofree char *bare = g_uuid_string_random ();
  g_autoptr(GPtrArray) refused = NULL;

  write_field (fixture->a, grant, fixture->case_id, "from", "evaluated");
  write_field (fixture->a, grant, fixture->case_id, "to", "granted");
  write_field (fixture->a, grant, fixture->case_id, "at", "2025-09-09T09:00:00+08:00");
  write_field (fixture->a, grant, fixture->case_id, "action", "grant");
  write_field (fixture->a, bare, fixture->case_id, "action", "review");
  g_assert_cmpint (test_case_state (fixture->a, fixture->case_id), ==,
                   RUHU_CASE_STATE_EVALUATED);
  refused = push (fixture->a, fixture->server, "district_officer");
  g_assert_cmpuint (refused->len, ==, 2);
  g_assert_true (g_str_has_prefix (refused->pdata[0], "workflow_not_allowed: ") ||
                 g_str_has_prefix (refused->pdata[1], "workflow_not_allowed: "));
  g_assert_true (g_str_has_prefix (refused->pdata[0], "workflow_invalid: ") ||
                 g_str_has_prefix (refused->pdata[1], "workflow_invalid: "));
  g_assert_cmpint (test_case_state (fixture->server, fixture->case_id), ==,
                   RUHU_CASE_STATE_EVALUATED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/ruhu/workflow-sync/conflict/return-first", SyncFixture, GINT_TO_POINTER (TRUE),
              sync_setup, test_conflict, sync_teardown);
  g_test_add ("/ruhu/workflow-sync/conflict/review-first", SyncFixture, GINT_TO_POINTER (FALSE),
              sync_setup, test_conflict, sync_teardown);
  g_test_add ("/ruhu/workflow-sync/immutable", SyncFixture, NULL,
              sync_setup, test_immutable, sync_teardown);
  g_test_add ("/ruhu/workflow-sync/role-on-server", SyncFixture, NULL,
              sync_setup, test_role_on_server, sync_teardown);
  g_test_add ("/ruhu/workflow-sync/forged", SyncFixture, NULL,
              sync_setup, test_forged, sync_teardown);
  return g_test_run ();
}
