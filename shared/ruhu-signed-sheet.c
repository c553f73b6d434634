/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-signed-sheet.h"

static gboolean
holds_string (JsonNode   *node,
              const char *text)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING &&
         g_strcmp0 (json_node_get_string (node), text) == 0;
}

/**
 * ruhu_signed_sheet_find:
 * @case_id: a case (its household's id)
 *
 * Returns: (transfer full) (nullable): the case's check sheet, the first
 *   one not deleted by id; %NULL without an error if it has none
 */
char *
ruhu_signed_sheet_find (RuhuStore   *store,
                        const char  *case_id,
                        GError     **error)
{
  g_autoptr(GPtrArray) entities = NULL;

  g_return_val_if_fail (RUHU_IS_STORE (store), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);
  if ((entities = ruhu_store_list_entities (store, case_id, error)) == NULL)
    return NULL;
  for (guint i = 0; i < entities->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (entities, i);

      if (!info->deleted && strcmp (info->kind, "check_sheet") == 0)
        return g_strdup (info->id);
    }
  return NULL;
}

/**
 * ruhu_signed_sheet_is_signer:
 * @info: an entity of the sheet's case
 * @role: a signer_role, such as "investigator" or "applicant"
 *
 * Returns: whether @info is a signature, not deleted, directly under
 *   @sheet, signed as @role
 */
gboolean
ruhu_signed_sheet_is_signer (RuhuStore            *store,
                             const RuhuEntityInfo *info,
                             const char           *sheet,
                             const char           *role)
{
  g_autoptr(JsonNode) value = NULL;

  if (info->deleted || strcmp (info->kind, "signature") != 0 ||
      g_strcmp0 (info->parent, sheet) != 0)
    return FALSE;
  value = ruhu_store_get_value (store, info->id, "signer_role", NULL);
  return holds_string (value, role);
}

/**
 * ruhu_signed_sheet_get_state:
 * @sheet: a check sheet's id
 * @state: (out caller-allocates): how it stands
 *
 * Returns: %FALSE with @error set if the store could not be read
 */
gboolean
ruhu_signed_sheet_get_state (RuhuStore           *store,
                             const char          *sheet,
                             RuhuSheetLockState  *state,
                             GError             **error)
{
  g_autoptr(RuhuEntityInfo) info = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(JsonNode) reopened = NULL;

  g_return_val_if_fail (RUHU_IS_STORE (store), FALSE);
  g_return_val_if_fail (sheet != NULL && state != NULL, FALSE);
  memset (state, 0, sizeof *state);
  if ((info = ruhu_store_get_entity (store, sheet, error)) == NULL ||
      (entities = ruhu_store_list_entities (store, info->case_id, error)) == NULL ||
      (reopened = ruhu_store_get_value (store, sheet, RUHU_SIGNED_SHEET_FIELD_REOPENED,
                                        error)) == NULL)
    return FALSE;
  state->reopened = JSON_NODE_HOLDS_VALUE (reopened) &&
                    json_node_get_value_type (reopened) == G_TYPE_BOOLEAN &&
                    json_node_get_boolean (reopened);
  for (guint i = 0; i < entities->len; i++)
    if (ruhu_signed_sheet_is_signer (store, g_ptr_array_index (entities, i), sheet,
                                     "investigator"))
      state->n_investigators++;
  state->locked = state->n_investigators >= RUHU_SIGNED_SHEET_LOCKING_SIGNATURES &&
                  !state->reopened;
  return TRUE;
}
