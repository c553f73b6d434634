/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-aid-tasks.h"

/* Which department handles each item of the application's `linked_aid`
 * (the options of both forms). */
static const struct
{
  const char *item;
  const char *department;
} routes[] = {
  { "education", "education_bureau" },
  { "medical", "healthcare_security" },
  { "housing", "housing_bureau" },
  { "employment", "human_resources" },
  { "disaster", "emergency_management" },
  { "disability_subsidy", "disabled_persons_federation" },
  { "charity", "charity_federation" },
  { "legal_aid", "justice_bureau" },
  { "fee_waiver", "utilities" },
  { "other", "civil_affairs" },
};

/**
 * ruhu_aid_item_get_department:
 * @item: a `linked_aid` option
 *
 * Returns: (nullable): the `department` option that handles @item, %NULL
 *   for an unknown item
 */
const char *
ruhu_aid_item_get_department (const char *item)
{
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    if (g_strcmp0 (routes[i].item, item) == 0)
      return routes[i].department;
  return NULL;
}

/**
 * ruhu_aid_task_make_id:
 *
 * The id of the task for @item of @case_id is derived from both, so two
 * devices creating the same task offline write one entity, not two.
 *
 * Returns: (transfer full): a UUID-shaped id
 */
char *
ruhu_aid_task_make_id (const char *case_id,
                       const char *item)
{
  g_autofree char *seed = g_strconcat ("ruhu-aid-task\n", case_id, "\n", item, NULL);
  g_autofree char *hex = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);

  /* Version 8 (custom) and the RFC 4122 variant, so it reads as a UUID. */
  hex[12] = '8';
  hex[16] = "89ab"[g_ascii_xdigit_value (hex[16]) & 3];
  return g_strdup_printf ("%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16,
                          hex + 20);
}

/* The string elements of @value, if it is an array. */
static void
add_strings (GPtrArray *items,
             JsonNode  *value)
{
  JsonArray *array = value != NULL && JSON_NODE_HOLDS_ARRAY (value) ? json_node_get_array (value)
                                                                    : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *item = json_array_get_string_element (array, i);

      if (item != NULL && !g_ptr_array_find_with_equal_func (items, item, g_str_equal, NULL))
        g_ptr_array_add (items, g_strdup (item));
    }
}

/* What the case's applications choose (@chosen), what tasks exist
 * (@existing: their items and every id ever used), and the other item's
 * text. */
typedef struct
{
  GPtrArray  *chosen;
  GHashTable *existing;
  char       *other_text;
} CaseAid;

static void
case_aid_clear (CaseAid *aid)
{
  g_clear_pointer (&aid->chosen, g_ptr_array_unref);
  g_clear_pointer (&aid->existing, g_hash_table_unref);
  g_clear_pointer (&aid->other_text, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CaseAid, case_aid_clear)

static gboolean
read_entity (RuhuStore       *store,
             RuhuEntityInfo  *info,
             CaseAid         *aid,
             GError         **error)
{
  g_autoptr(GHashTable) fields = NULL;
  JsonNode *value;

  /* A deleted task's id stays taken: someone removed it on purpose. */
  if (g_strcmp0 (info->kind, RUHU_AID_TASK_KIND) == 0)
    g_hash_table_add (aid->existing, g_strdup (info->id));
  if (info->deleted || (g_strcmp0 (info->kind, RUHU_AID_TASK_KIND) != 0 &&
                        g_strcmp0 (info->kind, "application") != 0))
    return TRUE;
  fields = ruhu_store_get_fields (store, info->id, error);
  if (fields == NULL)
    return FALSE;
  if (g_str_equal (info->kind, "application"))
    {
      add_strings (aid->chosen, g_hash_table_lookup (fields, "linked_aid"));
      value = g_hash_table_lookup (fields, "linked_aid_other");
      if (value != NULL && JSON_NODE_HOLDS_VALUE (value) && aid->other_text == NULL)
        aid->other_text = g_strdup (json_node_get_string (value));
    }
  else if ((value = g_hash_table_lookup (fields, "item")) != NULL && JSON_NODE_HOLDS_VALUE (value))
    g_hash_table_add (aid->existing, g_strconcat ("item:", json_node_get_string (value), NULL));
  return TRUE;
}

static gboolean
read_case (RuhuStore   *store,
           const char  *case_id,
           CaseAid     *aid,
           GError     **error)
{
  g_autoptr(GPtrArray) entities = ruhu_store_list_entities (store, case_id, error);

  if (entities == NULL)
    return FALSE;
  for (guint i = 0; i < entities->len; i++)
    if (!read_entity (store, g_ptr_array_index (entities, i), aid, error))
      return FALSE;
  return TRUE;
}

static gboolean
write_text (RuhuStore   *store,
            const char  *entity,
            const char  *case_id,
            const char  *field,
            const char  *text,
            const char  *actor,
            GError     **error)
{
  g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), text);
  g_autoptr(RuhuOp) op = ruhu_store_write (store, entity, RUHU_AID_TASK_KIND, case_id, case_id,
                                           field, value, actor, error);

  return op != NULL;
}

/* The item goes last: a task with an item is complete. */
static gboolean
write_task (RuhuStore   *store,
            const char  *case_id,
            const char  *entity,
            const char  *item,
            const char  *other_text,
            const char  *actor,
            GError     **error)
{
  return write_text (store, entity, case_id, "department", ruhu_aid_item_get_department (item),
                     actor, error) &&
         write_text (store, entity, case_id, "status", "pending", actor, error) &&
         (other_text == NULL || g_strcmp0 (item, "other") != 0 ||
          write_text (store, entity, case_id, "item_other", other_text, actor, error)) &&
         write_text (store, entity, case_id, "item", item, actor, error);
}

/**
 * ruhu_aid_tasks_create_missing:
 * @case_id: the case, whose root is the household
 * @actor: the user writing the tasks
 *
 * Creates a pending task, with its department, for each linked aid item
 * the case's application chooses that has no task yet. Running it again
 * creates nothing; a task someone deleted is not brought back.
 *
 * Returns: (transfer full) (element-type utf8) (nullable): the ids of the
 *   tasks created, possibly none; %NULL with @error set
 */
GPtrArray *
ruhu_aid_tasks_create_missing (RuhuStore   *store,
                               const char  *case_id,
                               const char  *actor,
                               GError     **error)
{
  g_auto(CaseAid) aid = {
    .chosen = g_ptr_array_new_with_free_func (g_free),
    .existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
  };
  g_autoptr(GPtrArray) created = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (RUHU_IS_STORE (store), NULL);
  g_return_val_if_fail (case_id != NULL && actor != NULL, NULL);

  if (!read_case (store, case_id, &aid, error))
    return NULL;
  for (guint i = 0; i < aid.chosen->len; i++)
    {
      const char *item = g_ptr_array_index (aid.chosen, i);
      g_autofree char *id = ruhu_aid_task_make_id (case_id, item);
      g_autofree char *item_key = g_strconcat ("item:", item, NULL);

      if (ruhu_aid_item_get_department (item) == NULL ||
          g_hash_table_contains (aid.existing, id) || g_hash_table_contains (aid.existing, item_key))
        continue;
      if (!write_task (store, case_id, id, item, aid.other_text, actor, error))
        return NULL;
      g_ptr_array_add (created, g_steal_pointer (&id));
    }
  return g_steal_pointer (&created);
}
