/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-date.h"
#include "ruhu-workflow-private.h"

/* Reading a case's steps and folding them into its state. Every replica
 * orders the steps by the version of their `action` field, and counts a
 * step only if it follows from the state before it: the server accepts a
 * step only in that case, and a device then shows a step that lost a race
 * as not counted until the server's rejection removes it. */

/* A field's value if it is a string; NULL otherwise. */
const char *
ruhu_workflow_string_of (GHashTable *fields,
                         const char *name)
{
  JsonNode *node = g_hash_table_lookup (fields, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

void
ruhu_transition_free (RuhuTransition *transition)
{
  g_free (transition->entity);
  g_free (transition->version);
  g_free (transition->actor);
  g_free (transition->at);
  g_free (transition->actor_name);
  g_free (transition->comment);
  g_free (transition->reason);
  g_free (transition->opinion);
  g_free (transition->due_on);
  g_free (transition->transfer_to);
  g_free (transition);
}

static void
read_amount (RuhuTransition *transition,
             GHashTable     *fields)
{
  JsonNode *node = g_hash_table_lookup (fields, "amount_monthly");

  transition->has_amount = node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
                           json_node_get_value_type (node) == G_TYPE_INT64;
  if (transition->has_amount)
    transition->amount = json_node_get_int (node);
}

/* The step an entity records, or NULL (without error) while its action is
 * not written or names nothing we know. */
static RuhuTransition *
read_transition (RuhuStore             *store,
                 const RuhuEntityInfo  *info,
                 GError               **error)
{
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(GPtrArray) heads = NULL;
  RuhuTransition *transition;
  RuhuOp *head;
  RuhuStep step;
  RuhuCaseState from, to;

  if ((fields = ruhu_store_get_fields (store, info->id, error)) == NULL)
    return NULL;
  if (!ruhu_step_from_string (ruhu_workflow_string_of (fields, "action"), &step) ||
      !ruhu_case_state_from_string (ruhu_workflow_string_of (fields, "from"), &from) ||
      !ruhu_case_state_from_string (ruhu_workflow_string_of (fields, "to"), &to))
    return NULL;
  if ((heads = ruhu_store_get_heads (store, info->id, "action", error)) == NULL ||
      heads->len == 0)
    return NULL;
  head = g_ptr_array_index (heads, 0);
  transition = g_new0 (RuhuTransition, 1);
  transition->entity = g_strdup (info->id);
  transition->version = g_strdup (head->version);
  transition->actor = g_strdup (head->actor);
  transition->step = step;
  transition->from = from;
  transition->to = to;
  transition->at = g_strdup (ruhu_workflow_string_of (fields, "at"));
  transition->actor_name = g_strdup (ruhu_workflow_string_of (fields, "actor_name"));
  transition->comment = g_strdup (ruhu_workflow_string_of (fields, "comment"));
  transition->reason = g_strdup (ruhu_workflow_string_of (fields, "reason"));
  transition->opinion = g_strdup (ruhu_workflow_string_of (fields, "opinion"));
  transition->due_on = g_strdup (ruhu_workflow_string_of (fields, "due_on"));
  transition->transfer_to = g_strdup (ruhu_workflow_string_of (fields, "transfer_to"));
  read_amount (transition, fields);
  return transition;
}

static int
compare_versions (gconstpointer a,
                  gconstpointer b)
{
  const RuhuTransition *ta = *(const RuhuTransition * const *) a;
  const RuhuTransition *tb = *(const RuhuTransition * const *) b;

  return ruhu_version_compare (ta->version, tb->version);
}

static void
fold (RuhuCaseFlow *flow)
{
  flow->state = RUHU_CASE_STATE_APPLIED;
  for (guint i = 0; i < flow->transitions->len; i++)
    {
      RuhuTransition *transition = g_ptr_array_index (flow->transitions, i);
      RuhuCaseState to;

      transition->counted = transition->from == flow->state &&
                            ruhu_step_leads (flow->category, transition->step, flow->state, &to) &&
                            to == transition->to;
      if (transition->counted)
        flow->state = to;
    }
}

/* The case's category and application date, from its household and
 * application. A case without a category follows 低保's rules. */
static gboolean
read_case_facts (RuhuStore     *store,
                 RuhuCaseFlow  *flow,
                 GPtrArray     *entities,
                 GError       **error)
{
  gboolean household_says = FALSE;

  for (guint i = 0; i < entities->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (entities, i);
      g_autoptr(GHashTable) fields = NULL;
      gboolean is_application = strcmp (info->kind, "application") == 0;
      RuhuCategory category;

      if (info->deleted || (!is_application && strcmp (info->kind, "household") != 0))
        continue;
      if ((fields = ruhu_store_get_fields (store, info->id, error)) == NULL)
        return FALSE;
      /* The household's category wins over the application's. */
      if (ruhu_category_from_string (ruhu_workflow_string_of (fields, "category"), &category) &&
          (!is_application || !household_says))
        {
          flow->category = category;
          household_says |= !is_application;
        }
      if (is_application && ruhu_workflow_string_of (fields, "applied_on") != NULL)
        ruhu_date_parse (ruhu_workflow_string_of (fields, "applied_on"), &flow->applied_on);
    }
  return TRUE;
}

RuhuCaseFlow *
ruhu_case_flow_read_except (RuhuStore   *store,
                            const char  *case_id,
                            const char  *skip_entity,
                            GError     **error)
{
  g_autoptr(RuhuCaseFlow) flow = g_new0 (RuhuCaseFlow, 1);
  g_autoptr(GPtrArray) entities = NULL;

  flow->case_id = g_strdup (case_id);
  flow->category = RUHU_CATEGORY_DIBAO;
  flow->transitions = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_transition_free);
  g_date_clear (&flow->applied_on, 1);
  if ((entities = ruhu_store_list_entities (store, case_id, error)) == NULL ||
      !read_case_facts (store, flow, entities, error))
    return NULL;
  for (guint i = 0; i < entities->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (entities, i);
      GError *local_error = NULL;
      RuhuTransition *transition;

      if (info->deleted || strcmp (info->kind, RUHU_WORKFLOW_KIND) != 0 ||
          g_strcmp0 (info->id, skip_entity) == 0)
        continue;
      if ((transition = read_transition (store, info, &local_error)) != NULL)
        g_ptr_array_add (flow->transitions, transition);
      else if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
    }
  g_ptr_array_sort (flow->transitions, compare_versions);
  fold (flow);
  return g_steal_pointer (&flow);
}

/**
 * ruhu_case_flow_read:
 * @case_id: the case (its household's id)
 *
 * Reads the case's category, application date and steps, and computes its
 * state. A case without steps is %RUHU_CASE_STATE_APPLIED.
 *
 * Returns: (transfer full): the case's workflow, or %NULL with @error set
 *   if the store could not be read
 */
RuhuCaseFlow *
ruhu_case_flow_read (RuhuStore   *store,
                     const char  *case_id,
                     GError     **error)
{
  g_return_val_if_fail (RUHU_IS_STORE (store), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);
  return ruhu_case_flow_read_except (store, case_id, NULL, error);
}

void
ruhu_case_flow_free (RuhuCaseFlow *flow)
{
  if (flow == NULL)
    return;
  g_free (flow->case_id);
  g_clear_pointer (&flow->transitions, g_ptr_array_unref);
  g_free (flow);
}

/**
 * ruhu_case_flow_find_last:
 *
 * Returns: (transfer none) (nullable): the last counted @step of the case
 */
const RuhuTransition *
ruhu_case_flow_find_last (const RuhuCaseFlow *flow,
                          RuhuStep            step)
{
  for (guint i = flow->transitions->len; i > 0; i--)
    {
      const RuhuTransition *transition = g_ptr_array_index (flow->transitions, i - 1);

      if (transition->counted && transition->step == step)
        return transition;
    }
  return NULL;
}

/* The calendar day a step was taken on: the date part of its RFC 3339
 * time, which is local time in China where the forms are filled in. */
gboolean
ruhu_transition_date (const RuhuTransition *transition,
                      GDate                *date)
{
  g_autofree char *day = NULL;

  if (transition->at == NULL || strlen (transition->at) < 10)
    return FALSE;
  day = g_strndup (transition->at, 10);
  return ruhu_date_parse (day, date);
}
