/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-merge.h"
#include "ruhu-op.h"

static const RuhuMergeItem *sort_items;

static int
compare_by_version_descending (gconstpointer a,
                               gconstpointer b)
{
  guint ia = *(const guint *) a;
  guint ib = *(const guint *) b;

  return -ruhu_version_compare (sort_items[ia].version, sort_items[ib].version);
}

/**
 * ruhu_merge_heads:
 * @items: (array length=n_items): every known version of one field
 *
 * The heads of a field are its versions that no other version of the same
 * field names among its bases. This depends only on the set of versions, not
 * on the order they arrived in, which is what makes every replica converge.
 * Bases naming versions not (yet) known are simply not in the set.
 *
 * Returns: (transfer full) (element-type guint): indices into @items of the
 *   heads, greatest version first; the first is the displayed value
 */
GArray *
ruhu_merge_heads (const RuhuMergeItem *items,
                  guint                n_items)
{
  g_autoptr(GHashTable) named = NULL;
  GArray *heads = g_array_new (FALSE, FALSE, sizeof (guint));
  G_LOCK_DEFINE_STATIC (sort);

  /* A field's first version, most of what a new case brings, needs no
   * table. */
  if (n_items == 1)
    {
      guint only = 0;

      if (!ruhu_merge_bases_contain (items[0].bases, items[0].version))
        g_array_append_val (heads, only);
      return heads;
    }

  named = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n_items; i++)
    for (guint j = 0; items[i].bases != NULL && items[i].bases[j] != NULL; j++)
      g_hash_table_add (named, (gpointer) items[i].bases[j]);

  for (guint i = 0; i < n_items; i++)
    if (!g_hash_table_contains (named, items[i].version))
      g_array_append_val (heads, i);

  if (heads->len > 1)
    {
      /* g_array_sort has no user data in GLib 2.74. */
      G_LOCK (sort);
      sort_items = items;
      g_array_sort (heads, compare_by_version_descending);
      sort_items = NULL;
      G_UNLOCK (sort);
    }
  return heads;
}

/**
 * ruhu_merge_bases_contain:
 *
 * Whether @version is among @bases (which are sorted, see ruhu_op_new()).
 */
gboolean
ruhu_merge_bases_contain (const char * const *bases,
                          const char         *version)
{
  for (guint i = 0; bases != NULL && bases[i] != NULL; i++)
    if (strcmp (bases[i], version) == 0)
      return TRUE;
  return FALSE;
}
