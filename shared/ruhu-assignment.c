/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-assignment.h"

/* The form system has no list-of-text field, so the team travels as one
 * text value, the user ids separated by single spaces (user ids never hold
 * a space). A JSON array of strings is read too, should the value ever
 * move to a list type. */

static void
add_id (GPtrArray  *ids,
        const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (strcmp (g_ptr_array_index (ids, i), id) == 0)
      return;
  g_ptr_array_add (ids, g_strdup (id));
}

static void
add_from_string (GPtrArray  *ids,
                 const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, " ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      add_id (ids, parts[i]);
}

static void
add_from_array (GPtrArray *ids,
                JsonArray *array)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) &&
          json_node_get_value_type (element) == G_TYPE_STRING)
        add_id (ids, json_node_get_string (element));
    }
}

/**
 * ruhu_assignment_parse_team:
 * @value: (nullable): an "investigators" value
 *
 * Returns: (transfer full) (nullable): the user ids it names, in order and
 *   without repeats; %NULL when it names none
 */
GStrv
ruhu_assignment_parse_team (JsonNode *value)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  if (value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
      json_node_get_value_type (value) == G_TYPE_STRING)
    add_from_string (ids, json_node_get_string (value));
  else if (value != NULL && JSON_NODE_HOLDS_ARRAY (value))
    add_from_array (ids, json_node_get_array (value));
  if (ids->len == 0)
    return NULL;
  g_ptr_array_add (ids, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}

/**
 * ruhu_assignment_team_value:
 * @user_ids: the team
 *
 * Returns: (transfer full): the "investigators" value naming @user_ids
 */
JsonNode *
ruhu_assignment_team_value (const char * const *user_ids)
{
  g_autofree char *joined = g_strjoinv (" ", (GStrv) user_ids);

  return json_node_init_string (json_node_alloc (), joined);
}

/* The greatest version among the heads of one assignment's team. */
static gboolean
consider_entity (RuhuStore   *store,
                 const char  *entity,
                 RuhuOp     **best,
                 GError     **error)
{
  g_autoptr(GPtrArray) heads = ruhu_store_get_heads (store, entity, RUHU_ASSIGNMENT_INVESTIGATORS,
                                                     error);

  if (heads == NULL)
    return FALSE;
  for (guint i = 0; i < heads->len; i++)
    {
      RuhuOp *op = g_ptr_array_index (heads, i);

      if (*best == NULL || ruhu_version_compare (op->version, (*best)->version) > 0)
        {
          g_clear_pointer (best, ruhu_op_unref);
          *best = ruhu_op_ref (op);
        }
    }
  return TRUE;
}

/**
 * ruhu_assignment_current_team:
 * @version: (out) (optional) (transfer full) (nullable): the version of
 *   the current team's value, %NULL when the case has none
 *
 * Reads the case's current team: of its assignments not deleted, the
 * "investigators" value with the greatest version.
 *
 * Returns: (transfer full) (nullable): the team's user ids, %NULL when the
 *   case has no team (@error unset) or on failure (@error set)
 */
GStrv
ruhu_assignment_current_team (RuhuStore   *store,
                              const char  *case_id,
                              char       **version,
                              GError     **error)
{
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(RuhuOp) best = NULL;

  if (version != NULL)
    *version = NULL;
  if ((entities = ruhu_store_list_entities (store, case_id, error)) == NULL)
    return NULL;
  for (guint i = 0; i < entities->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (entities, i);

      if (info->deleted || strcmp (info->kind, RUHU_ASSIGNMENT_KIND) != 0)
        continue;
      if (!consider_entity (store, info->id, &best, error))
        return NULL;
    }
  if (best == NULL)
    return NULL;
  if (version != NULL)
    *version = g_strdup (best->version);
  return ruhu_assignment_parse_team (best->value);
}
