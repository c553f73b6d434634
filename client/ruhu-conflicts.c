/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-conflicts.h"

/* The case page asks about every row it draws, so the answers come from
 * one scan of the store's conflicts kept on the device. Any changed case
 * drops the scan; the next question makes a new one. Only the main thread
 * uses the cache. */
typedef struct
{
  GHashTable *fields;  /* "entity\nfield" of every field in conflict */
  GHashTable *cases;   /* case id → number of conflicts, as GUINT_TO_POINTER */
  gboolean    valid;
} ConflictCache;

#define CACHE_KEY "ruhu-conflict-cache"

static char *
field_key (const char *entity,
           const char *field)
{
  return g_strconcat (entity, "\n", field, NULL);
}

static void
conflict_cache_free (ConflictCache *cache)
{
  g_hash_table_unref (cache->fields);
  g_hash_table_unref (cache->cases);
  g_free (cache);
}

/* An emission hook runs before every handler of the signal, so a view that
 * asks about conflicts from its own "case-changed" handler never gets the
 * answer from before the change, whichever connected first. */
static gboolean
case_changed_hook (GSignalInvocationHint *hint,
                   guint                  n_values,
                   const GValue          *values,
                   gpointer               user_data)
{
  ConflictCache *cache = g_object_get_data (g_value_get_object (&values[0]), CACHE_KEY);

  if (cache != NULL)
    cache->valid = FALSE;
  return TRUE;
}

static void
ensure_hook (void)
{
  static gsize added = 0;

  if (g_once_init_enter (&added))
    {
      guint signal_id = g_signal_lookup ("case-changed", RUHU_TYPE_DEVICE);

      g_signal_add_emission_hook (signal_id, 0, case_changed_hook, NULL, NULL);
      g_once_init_leave (&added, 1);
    }
}

/* A delete-vs-edit conflict also marks the fields whose edits the
 * deletion did not see: those are the rows a person has to look at. */
static void
add_conflict (ConflictCache      *cache,
              const RuhuConflict *conflict)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (cache->cases, conflict->case_id));

  g_hash_table_insert (cache->cases, g_strdup (conflict->case_id), GUINT_TO_POINTER (count + 1));
  g_hash_table_add (cache->fields, field_key (conflict->entity, conflict->field));
  if (conflict->kind != RUHU_CONFLICT_DELETE_EDIT || conflict->candidates == NULL)
    return;
  for (guint i = 0; i < conflict->candidates->len; i++)
    {
      RuhuOp *op = g_ptr_array_index (conflict->candidates, i);

      g_hash_table_add (cache->fields, field_key (op->entity, op->field));
    }
}

static void
refill_cache (ConflictCache *cache,
              RuhuDevice    *device)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;

  g_hash_table_remove_all (cache->fields);
  g_hash_table_remove_all (cache->cases);
  conflicts = ruhu_store_list_conflicts (ruhu_device_get_store (device), NULL, &error);
  if (conflicts == NULL)
    {
      g_warning ("Could not read the conflicts: %s", error->message);
      return;
    }
  for (guint i = 0; i < conflicts->len; i++)
    add_conflict (cache, g_ptr_array_index (conflicts, i));
  cache->valid = TRUE;
}

static ConflictCache *
get_cache (RuhuDevice *device)
{
  ConflictCache *cache = g_object_get_data (G_OBJECT (device), CACHE_KEY);

  if (cache == NULL)
    {
      cache = g_new0 (ConflictCache, 1);
      cache->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      cache->cases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_object_set_data_full (G_OBJECT (device), CACHE_KEY, cache,
                              (GDestroyNotify) conflict_cache_free);
      ensure_hook ();
    }
  if (!cache->valid)
    refill_cache (cache, device);
  return cache;
}

/**
 * ruhu_field_has_conflict:
 * @field: a field name, or %RUHU_FIELD_DELETED for the entity itself
 *
 * Returns: whether @field of @entity has values that disagree, or was
 *   edited on one device while another deleted the entity
 */
gboolean
ruhu_field_has_conflict (RuhuDevice *device,
                         const char *entity,
                         const char *field)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (RUHU_IS_DEVICE (device), FALSE);
  g_return_val_if_fail (entity != NULL && field != NULL, FALSE);

  key = field_key (entity, field);
  return g_hash_table_contains (get_cache (device)->fields, key);
}

/* The number of open conflicts in @case_id (fields, and deleted entities
 * with edits the deletion did not see). */
guint
ruhu_case_count_conflicts (RuhuDevice *device,
                           const char *case_id)
{
  g_return_val_if_fail (RUHU_IS_DEVICE (device), 0);
  g_return_val_if_fail (case_id != NULL, 0);

  return GPOINTER_TO_UINT (g_hash_table_lookup (get_cache (device)->cases, case_id));
}

/**
 * ruhu_case_list_conflicts:
 *
 * Returns: (transfer full) (element-type RuhuConflict): the open conflicts
 *   of @case_id with their candidates, or %NULL with @error set
 */
GPtrArray *
ruhu_case_list_conflicts (RuhuDevice  *device,
                          const char  *case_id,
                          GError     **error)
{
  g_return_val_if_fail (RUHU_IS_DEVICE (device), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  return ruhu_store_list_conflicts (ruhu_device_get_store (device), case_id, error);
}

/**
 * ruhu_case_list_rejections:
 *
 * Takes a store rather than a device so that it can run in a worker thread.
 *
 * Returns: (transfer full) (element-type RuhuRejection): the changes to
 *   @case_id that the server refused, newest first, or %NULL with @error set
 */
GPtrArray *
ruhu_case_list_rejections (RuhuStore   *store,
                           const char  *case_id,
                           GError     **error)
{
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *mine;

  g_return_val_if_fail (RUHU_IS_STORE (store), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  all = ruhu_store_list_rejections (store, error);
  if (all == NULL)
    return NULL;
  mine = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_rejection_free);
  for (guint i = all->len; i > 0; i--)
    {
      RuhuRejection *rejection = g_ptr_array_index (all, i - 1);

      if (strcmp (rejection->op->case_id, case_id) == 0)
        g_ptr_array_add (mine, g_ptr_array_steal_index (all, i - 1));
    }
  return mine;
}
