/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-rejection-ack.h"

/* A refused change stays in the store's rejections for good: it is what
 * happened. What the user has read is a separate, local fact, kept as a
 * device setting (sealed like the others in an encrypted store) holding
 * the versions, one a line, sorted. Versions never contain a line break. */

static GHashTable *
parse_versions (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  GHashTable *versions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      g_hash_table_add (versions, g_strdup (lines[i]));
  return versions;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
join_versions (GHashTable *versions)
{
  g_autofree const char **sorted = NULL;
  guint n = 0;

  sorted = (const char **) g_hash_table_get_keys_as_array (versions, &n);
  g_qsort_with_data (sorted, n, sizeof (char *), compare_strings, NULL);
  return g_strjoinv ("\n", (char **) sorted);
}

/**
 * ruhu_rejection_load_acknowledged:
 *
 * Returns: (transfer full) (element-type utf8 utf8): the set of versions of
 *   refused changes the user has read, or %NULL with @error set
 */
GHashTable *
ruhu_rejection_load_acknowledged (RuhuStore  *store,
                                  GError    **error)
{
  g_autofree char *text = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (RUHU_IS_STORE (store), NULL);

  text = ruhu_store_get_setting (store, RUHU_REJECTIONS_SEEN_SETTING, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return parse_versions (text);
}

/**
 * ruhu_rejection_acknowledge:
 * @version: the version of a refused change (#RuhuRejection's op)
 *
 * Records that the user has read why @version was refused. Durable when it
 * returns. Call it from one thread at a time.
 */
gboolean
ruhu_rejection_acknowledge (RuhuStore   *store,
                            const char  *version,
                            GError     **error)
{
  g_autoptr(GHashTable) versions = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (RUHU_IS_STORE (store), FALSE);
  g_return_val_if_fail (version != NULL && strchr (version, '\n') == NULL, FALSE);

  versions = ruhu_rejection_load_acknowledged (store, error);
  if (versions == NULL)
    return FALSE;
  if (!g_hash_table_add (versions, g_strdup (version)))
    return TRUE;
  text = join_versions (versions);
  return ruhu_store_set_setting (store, RUHU_REJECTIONS_SEEN_SETTING, text, error);
}
