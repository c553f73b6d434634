/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-id.h"
#include "ruhu-workflow-private.h"

/* A step as operations: a device writes the transition entity's fields,
 * `action` last (ruhu_workflow_take()); the server's rule hook lets the
 * other fields through while `action` is unset, decides on `action` with
 * the case as it stands when the operation arrives, and refuses anything
 * on a step already taken, so a step never changes once counted. */

static void
input_from_fields (RuhuStepInput *input,
                   GHashTable    *fields)
{
  JsonNode *amount = g_hash_table_lookup (fields, "amount_monthly");

  input->at = ruhu_workflow_string_of (fields, "at");
  input->actor_name = ruhu_workflow_string_of (fields, "actor_name");
  input->comment = ruhu_workflow_string_of (fields, "comment");
  input->reason = ruhu_workflow_string_of (fields, "reason");
  input->opinion = ruhu_workflow_string_of (fields, "opinion");
  input->due_on = ruhu_workflow_string_of (fields, "due_on");
  input->transfer_to = ruhu_workflow_string_of (fields, "transfer_to");
  input->has_amount = amount != NULL && JSON_NODE_HOLDS_VALUE (amount) &&
                      json_node_get_value_type (amount) == G_TYPE_INT64;
  input->amount = input->has_amount ? json_node_get_int (amount) : 0;
}

static gboolean
is_taken (RuhuStore  *store,
          const char *entity)
{
  g_autoptr(JsonNode) action = ruhu_store_get_value (store, entity, "action", NULL);

  return action != NULL && !JSON_NODE_HOLDS_NULL (action);
}

/* The step's own record is complete and agrees with the machine. */
static gboolean
check_record (const RuhuCaseFlow  *flow,
              GHashTable          *fields,
              RuhuStep             step,
              char               **code,
              char               **reason)
{
  RuhuCaseState from, to, expected;

  if (!ruhu_case_state_from_string (ruhu_workflow_string_of (fields, "from"), &from) ||
      !ruhu_case_state_from_string (ruhu_workflow_string_of (fields, "to"), &to) ||
      ruhu_workflow_string_of (fields, "at") == NULL)
    return ruhu_workflow_refuse (code, reason, "workflow_invalid",
                                 g_strdup (_("The step was sent without its states or time.")));
  if (from != flow->state)
    return ruhu_workflow_refuse (code, reason, "workflow_stale",
                                 /* Translators: both %s are states of a case. */
                                 g_strdup_printf (_("Someone else changed this case first: "
                                                    "it is now “%s”, no longer “%s”."),
                                                  ruhu_case_state_get_label (flow->state),
                                                  ruhu_case_state_get_label (from)));
  if (ruhu_step_leads (flow->category, step, from, &expected) && expected != to)
    return ruhu_workflow_refuse (code, reason, "workflow_invalid",
                                 g_strdup (_("The step leads to another state than the one "
                                             "sent.")));
  return TRUE;
}

static gboolean
check_action (RuhuStore     *store,
              const RuhuOp  *op,
              const char    *role,
              char         **code,
              char         **reason)
{
  g_autoptr(GHashTable) fields = ruhu_store_get_fields (store, op->entity, NULL);
  g_autoptr(RuhuCaseFlow) flow = NULL;
  RuhuStepInput input = { 0 };
  RuhuStep step;

  if (!JSON_NODE_HOLDS_VALUE (op->value) ||
      json_node_get_value_type (op->value) != G_TYPE_STRING ||
      !ruhu_step_from_string (json_node_get_string (op->value), &step))
    return ruhu_workflow_refuse (code, reason, "workflow_invalid",
                                 g_strdup (_("The step is unknown.")));
  if (fields == NULL ||
      (flow = ruhu_case_flow_read_except (store, op->case_id, op->entity, NULL)) == NULL)
    return ruhu_workflow_refuse (code, reason, "workflow_invalid",
                                 g_strdup (_("The step was sent without its states or time.")));
  if (!check_record (flow, fields, step, code, reason))
    return FALSE;
  input_from_fields (&input, fields);
  return ruhu_workflow_check (store, flow, step, role, &input, code, reason);
}

static gboolean
write_string (RuhuStore   *store,
              const char  *entity,
              const char  *case_id,
              const char  *field,
              const char  *value,
              const char  *actor,
              RuhuOp     **op,
              GError     **error)
{
  g_autoptr(JsonNode) node = NULL;

  if (value == NULL)
    return TRUE;
  node = json_node_init_string (json_node_alloc (), value);
  g_clear_pointer (op, ruhu_op_unref);
  *op = ruhu_store_write (store, entity, RUHU_WORKFLOW_KIND, case_id, case_id, field, node,
                          actor, error);
  return *op != NULL;
}

/**
 * ruhu_workflow_rule:
 * @role: (type utf8): the role of the user who pushed @op
 *
 * A #RuhuStoreRuleFunc for the server: lets every operation on other kinds
 * through, and on `transition` entities enforces the workflow, so that a
 * step counts only if its `from` is the case's state when it arrives.
 * Codes: those of ruhu_workflow_check(), and `workflow_stale` (someone
 * else moved the case first), `workflow_immutable` (the step is already
 * taken) and `workflow_invalid`.
 *
 * Returns: whether @op may be applied
 */
gboolean
ruhu_workflow_rule (RuhuStore     *store,
                    const RuhuOp  *op,
                    char         **code,
                    char         **reason,
                    gpointer       role)
{
  g_return_val_if_fail (RUHU_IS_STORE (store) && op != NULL, FALSE);

  if (strcmp (op->kind, RUHU_WORKFLOW_KIND) != 0)
    return TRUE;
  if (g_strcmp0 (op->parent, op->case_id) != 0)
    return ruhu_workflow_refuse (code, reason, "workflow_invalid",
                                 g_strdup (_("A step must hang directly under the case’s "
                                             "household.")));
  if (is_taken (store, op->entity))
    return ruhu_workflow_refuse (code, reason, "workflow_immutable",
                                 g_strdup (_("A step already taken cannot be changed.")));
  if (strcmp (op->field, "action") != 0)
    return TRUE;
  return check_action (store, op, role, code, reason);
}

/**
 * ruhu_workflow_take:
 * @input: what the step carries; a %NULL `at` means now
 * @actor: the user id
 *
 * Checks the step as ruhu_workflow_check() does and, if allowed, writes it
 * into the local store as a new transition entity, `action` last.
 *
 * Returns: (transfer full): the operation on `action`, or %NULL with
 *   @error set (%RUHU_WORKFLOW_ERROR_REFUSED with the guard's reason, or a
 *   store error)
 */
RuhuOp *
ruhu_workflow_take (RuhuStore            *store,
                    const char           *case_id,
                    RuhuStep              step,
                    const char           *role,
                    const RuhuStepInput  *input,
                    const char           *actor,
                    GError              **error)
{
  g_autoptr(RuhuCaseFlow) flow = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *now_text = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
  g_autofree char *entity = ruhu_id_new ();
  g_autofree char *code = NULL;
  g_autofree char *reason = NULL;
  g_autoptr(RuhuOp) op = NULL;
  g_autoptr(JsonNode) amount = NULL;
  RuhuStepInput in = *input;
  RuhuCaseState to;

  g_return_val_if_fail (RUHU_IS_STORE (store) && case_id != NULL && input != NULL, NULL);
  if (in.at == NULL)
    in.at = now_text;
  if ((flow = ruhu_case_flow_read (store, case_id, error)) == NULL)
    return NULL;
  if (!ruhu_workflow_check (store, flow, step, role, &in, &code, &reason))
    {
      g_set_error_literal (error, RUHU_WORKFLOW_ERROR, RUHU_WORKFLOW_ERROR_REFUSED, reason);
      return NULL;
    }
  ruhu_step_leads (flow->category, step, flow->state, &to);
  amount = json_node_init_int (json_node_alloc (), in.amount);
  if (in.has_amount &&
      (op = ruhu_store_write (store, entity, RUHU_WORKFLOW_KIND, case_id, case_id,
                              "amount_monthly", amount, actor, error)) == NULL)
    return NULL;
  if (!write_string (store, entity, case_id, "from", ruhu_case_state_to_string (flow->state),
                     actor, &op, error) ||
      !write_string (store, entity, case_id, "to", ruhu_case_state_to_string (to), actor, &op,
                     error) ||
      !write_string (store, entity, case_id, "at", in.at, actor, &op, error) ||
      !write_string (store, entity, case_id, "actor_name", in.actor_name, actor, &op, error) ||
      !write_string (store, entity, case_id, "comment", in.comment, actor, &op, error) ||
      !write_string (store, entity, case_id, "reason", in.reason, actor, &op, error) ||
      !write_string (store, entity, case_id, "opinion", in.opinion, actor, &op, error) ||
      !write_string (store, entity, case_id, "due_on", in.due_on, actor, &op, error) ||
      !write_string (store, entity, case_id, "transfer_to", in.transfer_to, actor, &op, error) ||
      !write_string (store, entity, case_id, "action", ruhu_step_to_string (step), actor, &op,
                     error))
    return NULL;
  return g_steal_pointer (&op);
}
