/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-case-snapshot.h"
#include "ruhu-form-validate.h"

/* The check sheet and the kinds that hang under it: what signing locks. */
static const char * const sheet_kinds[] = {
  "check_sheet", "income", "asset", "expense", "neighbour_interview", NULL
};

static void
case_entity_free (RuhuCaseEntity *entity)
{
  g_free (entity->id);
  g_free (entity->kind);
  g_free (entity->parent);
  g_clear_pointer (&entity->values, g_hash_table_unref);
  g_free (entity);
}

static void
drop_reserved (GHashTable *values)
{
  GHashTableIter iter;
  const char *name;

  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (name[0] == '_')
      g_hash_table_iter_remove (&iter);
}

static gboolean
load_entities (RuhuStore         *store,
               RuhuCaseSnapshot  *snapshot,
               GError           **error)
{
  g_autoptr(GPtrArray) infos = ruhu_store_list_entities (store, snapshot->case_id, error);

  if (infos == NULL)
    return FALSE;
  for (guint i = 0; i < infos->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (infos, i);
      RuhuCaseEntity *entity;
      GHashTable *values;

      if (info->deleted)
        continue;
      values = ruhu_store_get_fields (store, info->id, error);
      if (values == NULL)
        return FALSE;
      drop_reserved (values);
      entity = g_new0 (RuhuCaseEntity, 1);
      entity->id = g_strdup (info->id);
      entity->kind = g_strdup (info->kind);
      entity->parent = g_strdup (info->parent);
      entity->values = values;
      g_ptr_array_add (snapshot->entities, entity);
    }
  return TRUE;
}

static gboolean
load_conflicts (RuhuStore         *store,
                RuhuCaseSnapshot  *snapshot,
                GError           **error)
{
  g_autoptr(GPtrArray) conflicts = ruhu_store_list_conflicts (store, snapshot->case_id, error);

  if (conflicts == NULL)
    return FALSE;
  for (guint i = 0; i < conflicts->len; i++)
    {
      RuhuConflict *conflict = g_ptr_array_index (conflicts, i);

      g_hash_table_add (snapshot->conflicts,
                        g_strconcat (conflict->entity, "/", conflict->field, NULL));
    }
  return TRUE;
}

/**
 * ruhu_case_snapshot_load:
 *
 * Reads a case's live entities and its conflicts. Safe to call from a worker
 * thread: the store serialises access.
 *
 * Returns: (transfer full) (nullable): the snapshot, or %NULL with @error set
 */
RuhuCaseSnapshot *
ruhu_case_snapshot_load (RuhuStore   *store,
                         const char  *case_id,
                         GError     **error)
{
  g_autoptr(RuhuCaseSnapshot) snapshot = g_new0 (RuhuCaseSnapshot, 1);

  g_return_val_if_fail (RUHU_IS_STORE (store), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  snapshot->case_id = g_strdup (case_id);
  snapshot->entities = g_ptr_array_new_with_free_func ((GDestroyNotify) case_entity_free);
  snapshot->conflicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!load_entities (store, snapshot, error) || !load_conflicts (store, snapshot, error))
    return NULL;
  return g_steal_pointer (&snapshot);
}

void
ruhu_case_snapshot_free (RuhuCaseSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_free (snapshot->case_id);
  g_clear_pointer (&snapshot->entities, g_ptr_array_unref);
  g_clear_pointer (&snapshot->conflicts, g_hash_table_unref);
  g_free (snapshot);
}

/* Returns: (transfer none) (nullable): the live entity with this id */
RuhuCaseEntity *
ruhu_case_snapshot_lookup (RuhuCaseSnapshot *snapshot,
                           const char       *entity)
{
  g_return_val_if_fail (snapshot != NULL, NULL);

  for (guint i = 0; entity != NULL && i < snapshot->entities->len; i++)
    {
      RuhuCaseEntity *e = g_ptr_array_index (snapshot->entities, i);

      if (g_str_equal (e->id, entity))
        return e;
    }
  return NULL;
}

/* Returns: (transfer none) (nullable): the first live entity of @kind; for
 * kinds a case normally has once (household, application, check sheet) */
RuhuCaseEntity *
ruhu_case_snapshot_first (RuhuCaseSnapshot *snapshot,
                          const char       *kind)
{
  g_autoptr(GPtrArray) all = ruhu_case_snapshot_children (snapshot, NULL, kind);

  return all->len > 0 ? g_ptr_array_index (all, 0) : NULL;
}

/**
 * ruhu_case_snapshot_children:
 * @parent: (nullable): the parent entity, or %NULL for any
 *
 * Returns: (transfer container) (element-type RuhuCaseEntity): the live
 *   entities of @kind under @parent
 */
GPtrArray *
ruhu_case_snapshot_children (RuhuCaseSnapshot *snapshot,
                             const char       *parent,
                             const char       *kind)
{
  GPtrArray *found = g_ptr_array_new ();

  g_return_val_if_fail (snapshot != NULL, found);

  for (guint i = 0; i < snapshot->entities->len; i++)
    {
      RuhuCaseEntity *e = g_ptr_array_index (snapshot->entities, i);

      if (g_str_equal (e->kind, kind) && (parent == NULL || g_strcmp0 (e->parent, parent) == 0))
        g_ptr_array_add (found, e);
    }
  return found;
}

gboolean
ruhu_case_snapshot_has_conflict (RuhuCaseSnapshot *snapshot,
                                 const char       *entity,
                                 const char       *field)
{
  g_autofree char *key = g_strconcat (entity, "/", field, NULL);

  g_return_val_if_fail (snapshot != NULL, FALSE);
  return g_hash_table_contains (snapshot->conflicts, key);
}

static void
add_missing (GPtrArray       *missing,
             RuhuCaseEntity  *entity,
             RuhuForm        *form,
             RuhuFormProblem *problem)
{
  RuhuMissingField *m = g_new0 (RuhuMissingField, 1);

  m->entity = g_strdup (entity->id);
  m->kind = g_strdup (entity->kind);
  m->field = g_strdup (problem->field);
  /* Translators: where a required field is missing: the form's name
   * ("Income item"), then the problem ("Monthly amount: must be filled in"). */
  m->message = g_strdup_printf (_("%s: %s"), ruhu_form_get_label (form), problem->message);
  g_ptr_array_add (missing, m);
}

/**
 * ruhu_case_snapshot_sheet_missing:
 * @today: (nullable): the date for "today" bounds; %NULL for the local date
 *
 * Lists the relevant required fields left empty on the check sheet and the
 * items under it (income, assets, expenses, interviews): a sheet is not
 * signed while any is missing. Uses the snapshot's values as they are, so a
 * page that keeps typed values in them sees the form as the user does.
 *
 * Returns: (transfer full) (element-type RuhuMissingField): what is missing;
 *   also a single entry when the case has no check sheet at all
 */
GPtrArray *
ruhu_case_snapshot_sheet_missing (RuhuCaseSnapshot *snapshot,
                                  RuhuFormSet      *forms,
                                  const GDate      *today)
{
  GPtrArray *missing = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_missing_field_free);

  g_return_val_if_fail (snapshot != NULL && forms != NULL, missing);

  if (ruhu_case_snapshot_first (snapshot, "check_sheet") == NULL)
    {
      RuhuMissingField *m = g_new0 (RuhuMissingField, 1);

      m->kind = g_strdup ("check_sheet");
      m->message = g_strdup (_("The case has no check sheet yet"));
      g_ptr_array_add (missing, m);
    }
  for (guint i = 0; i < snapshot->entities->len; i++)
    {
      RuhuCaseEntity *entity = g_ptr_array_index (snapshot->entities, i);
      RuhuForm *form = ruhu_form_set_lookup (forms, entity->kind);
      g_autoptr(GPtrArray) problems = NULL;

      if (form == NULL || !g_strv_contains (sheet_kinds, entity->kind))
        continue;
      problems = ruhu_form_validate_entity (form, entity->values, today);
      for (guint j = 0; j < problems->len; j++)
        {
          RuhuFormProblem *problem = g_ptr_array_index (problems, j);

          if (problem->code == RUHU_VALIDATE_ERROR_REQUIRED)
            add_missing (missing, entity, form, problem);
        }
    }
  return missing;
}

/* Returns: (transfer none) (nullable): a string field's value */
const char *
ruhu_case_entity_get_string (RuhuCaseEntity *entity,
                             const char     *field)
{
  JsonNode *node = g_hash_table_lookup (entity->values, field);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
ruhu_case_entity_get_int (RuhuCaseEntity *entity,
                          const char     *field,
                          gint64         *number)
{
  JsonNode *node = g_hash_table_lookup (entity->values, field);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *number = json_node_get_int (node);
  return TRUE;
}

void
ruhu_missing_field_free (RuhuMissingField *missing)
{
  if (missing == NULL)
    return;
  g_free (missing->entity);
  g_free (missing->kind);
  g_free (missing->field);
  g_free (missing->message);
  g_free (missing);
}
