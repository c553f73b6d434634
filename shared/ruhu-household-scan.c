/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-household-scan.h"
#include "ruhu-json.h"
#include "ruhu-store-summary.h"

void
ruhu_household_row_free (RuhuHouseholdRow *row)
{
  if (row == NULL)
    return;
  g_free (row->case_id);
  g_free (row->head_name);
  g_free (row->village_name);
  g_free (row->township_name);
  g_free (row->category);
  g_free (row);
}

/* The text of a JSON string value, NULL for anything else. */
static char *
json_text (const char *json)
{
  g_autoptr(JsonNode) node = ruhu_json_parse (json, -1, NULL, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static void
take_value_cb (const RuhuSummaryValue *value,
               gpointer                user_data)
{
  GHashTable *rows = user_data;
  RuhuHouseholdRow *row;
  char **slot = NULL;

  /* Only a case's root household names the case. */
  if (g_strcmp0 (value->kind, "household") != 0 || value->parent != NULL)
    return;
  row = g_hash_table_lookup (rows, value->case_id);
  if (row == NULL)
    {
      row = g_new0 (RuhuHouseholdRow, 1);
      row->case_id = g_strdup (value->case_id);
      g_hash_table_insert (rows, row->case_id, row);
    }
  if (g_str_equal (value->field, "head_name"))
    slot = &row->head_name;
  else if (g_str_equal (value->field, "village_name"))
    slot = &row->village_name;
  else if (g_str_equal (value->field, "township_name"))
    slot = &row->township_name;
  else if (g_str_equal (value->field, "category"))
    slot = &row->category;
  if (slot != NULL)
    {
      g_free (*slot);
      *slot = json_text (value->json);
    }
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const RuhuHouseholdRow *row_a = *(const RuhuHouseholdRow * const *) a;
  const RuhuHouseholdRow *row_b = *(const RuhuHouseholdRow * const *) b;

  return strcmp (row_a->case_id, row_b->case_id);
}

/**
 * ruhu_household_scan:
 * @cancellable: (nullable): checked between chunks of the scan
 *
 * Lists the households that are a case's root and not deleted. A
 * household whose root has no displayed value of the scanned fields
 * is left out: it has nothing to list yet.
 *
 * Returns: (transfer full) (element-type RuhuHouseholdRow) (nullable): the
 *   rows ordered by case id, or %NULL with @error set
 */
GPtrArray *
ruhu_household_scan (RuhuStore     *store,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GHashTable) rows = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (
    (GDestroyNotify) ruhu_household_row_free);
  GHashTableIter iter;
  gpointer row;
  gboolean ok;

  g_return_val_if_fail (RUHU_IS_STORE (store), NULL);

  ok = ruhu_store_summary_scan (store, NULL, take_value_cb, rows, cancellable, error);
  /* The list owns the rows from here, whether the scan finished or not. */
  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    g_ptr_array_add (list, row);
  if (!ok)
    return NULL;
  g_ptr_array_sort (list, compare_rows);
  return g_steal_pointer (&list);
}
