/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "ruhu-case-cache.h"

/* One GVariant: the format, the store's mark, the user it was made for
 * ("assigned to me" depends on it) and per case what does not depend on
 * the day: the deadline's due date is kept, its state is not. Conflict
 * and outbox counts are not kept either: they change without new versions
 * and are cheap to count.
 *
 * The cases are kept as columns, one byte array per field, texts each
 * ended by a NUL: GVariant checks every child of an untrusted array on
 * access, which for 20,000 cases of tuples (or arrays of strings) took
 * more than reading the store would; a byte array is one block. A missing
 * text is kept as "". */
#define CACHE_FORMAT 4
#define CASES_TYPE "(ayayayayayayayayayauayayay)"
#define CACHE_TYPE "(uxxs" CASES_TYPE ")"

enum
{
  TEXT_CASE_ID,
  TEXT_HEAD,
  TEXT_VILLAGE,
  TEXT_TOWNSHIP,
  TEXT_CATEGORY,
  TEXT_TAILS,
  N_TEXTS
};

enum
{
  BYTE_STATE,
  BYTE_HAS_DEADLINE,
  BYTE_KIND,
  BYTE_ASSIGNED,
  BYTE_APPLICATION,
  BYTE_RETURNED,
  N_BYTES
};

static char *
cache_context (RuhuStore *store)
{
  return g_strconcat ("case-index/", ruhu_store_get_device_id (store), NULL);
}

static char *
dup_text (const char *text)
{
  return *text != '\0' ? g_strdup (text) : NULL;
}

/* The columns, checked to be of one length. */
typedef struct
{
  const char    **texts[N_TEXTS];
  const guint8   *bytes[N_BYTES];
  const guint32  *due;
  gsize           n_cases;
} Columns;

/* Splits a column of NUL-ended texts; FALSE unless it holds @n valid ones. */
static gboolean
split_texts (GVariant     *column,
             gsize         n,
             const char ***texts)
{
  gsize length;
  const char *data = g_variant_get_fixed_array (column, &length, 1);
  const char *end = data + length;
  gsize i = 0;

  *texts = g_new0 (const char *, n + 1);
  for (const char *p = data; p < end && i < n; i++)
    {
      const char *nul = memchr (p, '\0', end - p);

      if (nul == NULL || !g_utf8_validate (p, nul - p, NULL))
        return FALSE;
      (*texts)[i] = p;
      p = nul + 1;
    }
  return i == n && (n == 0 || (*texts)[n - 1] + strlen ((*texts)[n - 1]) + 1 == end);
}

static gboolean
get_columns (GVariant *cases,
             Columns  *columns)
{
  static const int byte_children[N_BYTES] = { 6, 7, 8, 10, 11, 12 };
  g_autoptr(GVariant) due = g_variant_get_child_value (cases, 9);
  gsize n;

  for (int i = 0; i < N_BYTES; i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (cases, byte_children[i]);

      columns->bytes[i] = g_variant_get_fixed_array (child, &n, 1);
      if (i > 0 && n != columns->n_cases)
        return FALSE;
      columns->n_cases = n;
    }
  columns->due = g_variant_get_fixed_array (due, &n, sizeof (guint32));
  if (n != columns->n_cases)
    return FALSE;
  for (int i = 0; i < N_TEXTS; i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (cases, i);

      if (!split_texts (child, columns->n_cases, &columns->texts[i]))
        return FALSE;
    }
  return TRUE;
}

static void
columns_clear (Columns *columns)
{
  for (int i = 0; i < N_TEXTS; i++)
    g_free (columns->texts[i]);
}

static RuhuCaseInfo *
info_from_columns (const Columns *columns,
                   gsize          i)
{
  RuhuCaseInfo *info = g_new0 (RuhuCaseInfo, 1);
  guint32 due = columns->due[i];

  info->case_id = g_strdup (columns->texts[TEXT_CASE_ID][i]);
  info->head_name = dup_text (columns->texts[TEXT_HEAD][i]);
  info->village_name = dup_text (columns->texts[TEXT_VILLAGE][i]);
  info->township_name = dup_text (columns->texts[TEXT_TOWNSHIP][i]);
  info->category = dup_text (columns->texts[TEXT_CATEGORY][i]);
  info->id_tails = g_strdup (columns->texts[TEXT_TAILS][i]);
  info->state = MIN (columns->bytes[BYTE_STATE][i], RUHU_N_CASE_STATES - 1);
  info->deadline_kind = MIN (columns->bytes[BYTE_KIND][i], RUHU_CASE_DEADLINE_PERIODIC_REVIEW);
  info->assigned_to_me = columns->bytes[BYTE_ASSIGNED][i] != 0;
  info->has_application = columns->bytes[BYTE_APPLICATION][i] != 0;
  info->returned = columns->bytes[BYTE_RETURNED][i] != 0;
  g_date_clear (&info->deadline, 1);
  if (columns->bytes[BYTE_HAS_DEADLINE][i] && g_date_valid_julian (due))
    g_date_set_julian (&info->deadline, due);
  info->has_deadline = g_date_valid (&info->deadline);
  return info;
}

/**
 * ruhu_case_cache_read:
 * @mark: (out): the store's mark when the cache was written
 *
 * Returns: (transfer full) (nullable): case id → RuhuCaseInfo (deadline
 *   states and counts not filled in), or %NULL when there is no usable
 *   cache (none, another user's, damaged, or of another format)
 */
GHashTable *
ruhu_case_cache_read (RuhuStore       *store,
                      const char      *actor,
                      RuhuSummaryMark *mark)
{
  g_autofree char *path = ruhu_store_summary_cache_path (store);
  g_autofree char *context = cache_context (store);
  g_autoptr(GMappedFile) file = path != NULL ? g_mapped_file_new (path, FALSE, NULL) : NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GVariant) cache = NULL;
  g_autoptr(GVariant) cases = NULL;
  g_autofree char *cached_actor = NULL;
  Columns columns = { { NULL, }, };
  GHashTable *infos = NULL;
  guint32 format;

  if (file == NULL)
    return NULL;
  sealed = g_mapped_file_get_bytes (file);
  plain = ruhu_store_unseal (store, context, sealed, NULL);
  if (plain == NULL)
    return NULL;
  cache = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (CACHE_TYPE), plain, FALSE));
  g_variant_get (cache, "(uxxs@" CASES_TYPE ")", &format, &mark->last_seq,
                 &mark->n_rejections, &cached_actor, &cases);
  if (format == CACHE_FORMAT && g_strcmp0 (cached_actor, actor != NULL ? actor : "") == 0 &&
      get_columns (cases, &columns))
    {
      infos = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) ruhu_case_info_free);
      for (gsize i = 0; i < columns.n_cases; i++)
        {
          RuhuCaseInfo *info = info_from_columns (&columns, i);

          g_hash_table_replace (infos, info->case_id, info);
        }
    }
  columns_clear (&columns);
  return infos;
}

static GVariant *
bytes_variant (GByteArray *bytes)
{
  return g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, bytes->data, bytes->len, 1);
}

/* Best effort: a cache that cannot be written only makes the next start
 * slower, so failures are logged, not reported. */
void
ruhu_case_cache_write (RuhuStore              *store,
                       const char             *actor,
                       const RuhuSummaryMark  *mark,
                       GHashTable             *cases)
{
  g_autofree char *path = ruhu_store_summary_cache_path (store);
  g_autofree char *context = cache_context (store);
  GByteArray *texts[N_TEXTS];
  GByteArray *bytes[N_BYTES];
  g_autoptr(GArray) due = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GVariant) cache = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  RuhuCaseInfo *info;

  if (path == NULL)
    return;
  for (int i = 0; i < N_TEXTS; i++)
    texts[i] = g_byte_array_new ();
  for (int i = 0; i < N_BYTES; i++)
    bytes[i] = g_byte_array_new ();
  g_hash_table_iter_init (&iter, cases);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &info))
    {
      const char *row_texts[N_TEXTS] = { info->case_id, info->head_name, info->village_name,
                                         info->township_name, info->category, info->id_tails };
      guint8 row_bytes[N_BYTES] = { info->state, info->has_deadline != FALSE, info->deadline_kind,
                                    info->assigned_to_me != FALSE, info->has_application != FALSE,
                                    info->returned != FALSE };
      guint32 julian = info->has_deadline ? g_date_get_julian (&info->deadline) : 0;

      for (int i = 0; i < N_TEXTS; i++)
        {
          const char *text = row_texts[i] != NULL ? row_texts[i] : "";

          g_byte_array_append (texts[i], (const guint8 *) text, strlen (text) + 1);
        }
      for (int i = 0; i < N_BYTES; i++)
        g_byte_array_append (bytes[i], &row_bytes[i], 1);
      g_array_append_val (due, julian);
    }
  cache = g_variant_ref_sink (g_variant_new (
    "(uxxs(@ay@ay@ay@ay@ay@ay@ay@ay@ay@au@ay@ay@ay))", CACHE_FORMAT, mark->last_seq, mark->n_rejections,
    actor != NULL ? actor : "",
    bytes_variant (texts[TEXT_CASE_ID]), bytes_variant (texts[TEXT_HEAD]),
    bytes_variant (texts[TEXT_VILLAGE]), bytes_variant (texts[TEXT_TOWNSHIP]),
    bytes_variant (texts[TEXT_CATEGORY]), bytes_variant (texts[TEXT_TAILS]),
    bytes_variant (bytes[BYTE_STATE]), bytes_variant (bytes[BYTE_HAS_DEADLINE]),
    bytes_variant (bytes[BYTE_KIND]),
    g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, due->data, due->len, sizeof (guint32)),
    bytes_variant (bytes[BYTE_ASSIGNED]), bytes_variant (bytes[BYTE_APPLICATION]),
    bytes_variant (bytes[BYTE_RETURNED])));
  for (int i = 0; i < N_TEXTS; i++)
    g_byte_array_unref (texts[i]);
  for (int i = 0; i < N_BYTES; i++)
    g_byte_array_unref (bytes[i]);
  plain = g_variant_get_data_as_bytes (cache);
  sealed = ruhu_store_seal (store, context, plain, &error);
  if (sealed == NULL ||
      !g_file_set_contents_full (path, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_warning ("Could not keep the case index in %s: %s", path, error->message);
}
