/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-store-private.h"
#include "ruhu-store-summary.h"

/* The displayed values of a handful of fields, read kind by kind: a range
 * scan of entities and, for each entity of the kind, a primary-key seek
 * into versions per field that kind has (each kind asks only for its own
 * fields: one seek per member, not twelve). CROSS JOIN keeps SQLite from
 * turning it round into a scan of every version. The scan runs in chunks
 * of ids, each under the store's lock, so that a list loading 20,000 cases
 * in a worker thread never holds up an edit on the main thread for long. */

#define SUMMARY_SELECT(kind, fields) \
  "SELECT e.id, e.kind, e.case_id, e.parent, v.field, v.v, v.value" \
  " FROM entities e CROSS JOIN versions v ON v.entity = e.id" \
  " WHERE e.id >= ?1 AND e.id < ?2 AND e.deleted = 0 AND e.kind = '" kind "'" \
  " AND v.field IN (" fields ") AND v.state = 2"

static const char * const kind_sql[] = {
  SUMMARY_SELECT ("household", "'category', 'head_name', 'township_name', 'village_name'"),
  SUMMARY_SELECT ("member", "'id_number'"),
  SUMMARY_SELECT ("application", "'applied_on'"),
  SUMMARY_SELECT ("check_sheet", "'investigator_1', 'investigator_2', 'reopened'"),
  SUMMARY_SELECT ("signature", "'signed_at', 'signer_role'"),
};

#define CASE_SELECT \
  "SELECT e.id, e.kind, e.case_id, e.parent, v.field, v.v, v.value" \
  " FROM entities e CROSS JOIN versions v ON v.entity = e.id" \
  " WHERE e.case_id = ?1 AND e.deleted = 0" \
  " AND e.kind IN ('household', 'member', 'application', 'check_sheet', 'signature')" \
  " AND v.field IN ('applied_on', 'category', 'head_name', 'id_number', 'investigator_1'," \
  "  'investigator_2', 'reopened', 'signed_at', 'signer_role', 'township_name'," \
  "  'village_name') AND v.state = 2"

static const char case_sql[] = CASE_SELECT;

/* Ids are lowercase UUIDs, so their first character splits them into 16
 * chunks of about the same size; the bounds cover every other string too
 * ("\xff" sorts after all UTF-8). */
static const char * const chunk_bounds[] = {
  "", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f", "\xff",
};

/* Reports the rows of @stmt; the rows of one entity come together. */
static gboolean
report_rows (RuhuStore        *self,
             sqlite3_stmt     *stmt,
             RuhuSummaryFunc   func,
             gpointer          user_data,
             GError          **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RuhuSummaryValue value = {
        .entity = (const char *) sqlite3_column_text (stmt, 0),
        .kind = (const char *) sqlite3_column_text (stmt, 1),
        .case_id = (const char *) sqlite3_column_text (stmt, 2),
        .parent = (const char *) sqlite3_column_text (stmt, 3),
        .field = (const char *) sqlite3_column_text (stmt, 4),
      };
      const char *version = (const char *) sqlite3_column_text (stmt, 5);
      g_autofree char *json = ruhu_store_read_value (self, stmt, 6, value.entity, value.field,
                                                     version, error);

      if (json == NULL)
        return FALSE;
      value.json = json;
      func (&value, user_data);
    }
  return rc == SQLITE_DONE || ruhu_sqlite_set_error (self->sql, error);
}

/* Runs @sql with @first and @second bound, under the lock. */
static gboolean
run_locked (RuhuStore        *self,
            const char       *sql,
            const char       *first,
            const char       *second,
            RuhuSummaryFunc   func,
            gpointer          user_data,
            GError          **error)
{
  g_autoptr(RuhuSqliteStmt) stmt = NULL;
  gboolean ok = FALSE;

  g_rec_mutex_lock (&self->lock);
  stmt = ruhu_sqlite_stmt (self->sql, sql, error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, first, -1, SQLITE_STATIC);
      if (second != NULL)
        sqlite3_bind_text (stmt, 2, second, -1, SQLITE_STATIC);
      ok = report_rows (self, stmt, func, user_data, error);
      ruhu_sqlite_stmt_release (g_steal_pointer (&stmt));
    }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/**
 * ruhu_store_summary_scan:
 * @case_id: (nullable): one case, or %NULL for every case
 * @func: called for each value, in no particular order of cases; the
 *   strings are only valid during the call
 * @cancellable: (nullable): checked between chunks
 *
 * Reports the displayed value of each summary field of each entity that is
 * not deleted. Values of a case may come before its root's; the values
 * of one entity come together.
 *
 * Returns: %FALSE on a database error, a damaged value or cancellation
 */
gboolean
ruhu_store_summary_scan (RuhuStore        *self,
                         const char       *case_id,
                         RuhuSummaryFunc   func,
                         gpointer          user_data,
                         GCancellable     *cancellable,
                         GError          **error)
{
  g_return_val_if_fail (RUHU_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (case_id != NULL)
    return run_locked (self, case_sql, case_id, NULL, func, user_data, error);

  for (guint kind = 0; kind < G_N_ELEMENTS (kind_sql); kind++)
    for (guint chunk = 0; chunk + 1 < G_N_ELEMENTS (chunk_bounds); chunk++)
      {
        if (g_cancellable_set_error_if_cancelled (cancellable, error))
          return FALSE;
        if (!run_locked (self, kind_sql[kind], chunk_bounds[chunk], chunk_bounds[chunk + 1],
                         func, user_data, error))
          return FALSE;
      }
  return TRUE;
}

/* Runs @sql (optionally bound to @case_id) and maps column 0 to column 1. */
static GHashTable *
query_case_map (RuhuStore   *self,
                const char  *sql,
                const char  *case_id,
                GError     **error)
{
  g_autoptr(GHashTable) map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(RuhuSqliteStmt) stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  g_rec_mutex_lock (&self->lock);
  stmt = ruhu_sqlite_stmt (self->sql, sql, error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_hash_table_insert (map, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                             GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
      ok = rc == SQLITE_DONE || ruhu_sqlite_set_error (self->sql, error);
      ruhu_sqlite_stmt_release (g_steal_pointer (&stmt));
    }
  g_rec_mutex_unlock (&self->lock);
  return ok ? g_steal_pointer (&map) : NULL;
}

/**
 * ruhu_store_summary_conflict_counts:
 * @case_id: (nullable): one case, or %NULL for every case
 *
 * Returns: (transfer full) (nullable): case id → number of open conflicts
 *   (GINT_TO_POINTER), for the cases that have any
 */
GHashTable *
ruhu_store_summary_conflict_counts (RuhuStore   *self,
                                    const char  *case_id,
                                    GError     **error)
{
  static const char sql[] =
    "SELECT case_id, count(*) FROM conflicts WHERE ?1 IS NULL OR case_id = ?1 GROUP BY case_id";

  g_return_val_if_fail (RUHU_IS_STORE (self), NULL);
  return query_case_map (self, sql, case_id, error);
}

/**
 * ruhu_store_summary_unsynced_cases:
 * @case_id: (nullable): one case, or %NULL for every case
 *
 * Returns: (transfer full) (nullable): case id → number of operations in
 *   the outbox (GINT_TO_POINTER), for the cases that have any
 */
GHashTable *
ruhu_store_summary_unsynced_cases (RuhuStore   *self,
                                   const char  *case_id,
                                   GError     **error)
{
  static const char sql[] =
    "SELECT e.case_id, count(*) FROM outbox o JOIN entities e ON e.id = o.entity"
    " WHERE ?1 IS NULL OR e.case_id = ?1 GROUP BY e.case_id";

  g_return_val_if_fail (RUHU_IS_STORE (self), NULL);
  return query_case_map (self, sql, case_id, error);
}

/**
 * ruhu_store_summary_mark:
 *
 * Reads where the store stands, to tell later whether anything changed.
 */
gboolean
ruhu_store_summary_mark (RuhuStore        *self,
                         RuhuSummaryMark  *mark,
                         GError          **error)
{
  static const char seq_sql[] = "SELECT coalesce (max (seq), 0) FROM versions";
  static const char rejections_sql[] = "SELECT count(*) FROM rejections";
  gboolean ok;

  g_return_val_if_fail (RUHU_IS_STORE (self), FALSE);
  g_rec_mutex_lock (&self->lock);
  ok = ruhu_sqlite_query_int (self->sql, seq_sql, &mark->last_seq, error) &&
       ruhu_sqlite_query_int (self->sql, rejections_sql, &mark->n_rejections, error);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/**
 * ruhu_store_summary_changed_cases:
 * @after_seq: a RuhuSummaryMark's last_seq
 * @limit: give up beyond this many cases
 *
 * Returns: (transfer full) (element-type utf8) (nullable): the cases with
 *   a version newer than @after_seq, at most @limit + 1 of them (more than
 *   @limit means: too many to be worth reading one by one)
 */
GPtrArray *
ruhu_store_summary_changed_cases (RuhuStore   *self,
                                  gint64       after_seq,
                                  guint        limit,
                                  GError     **error)
{
  static const char sql[] =
    "SELECT DISTINCT e.case_id FROM versions v CROSS JOIN entities e ON e.id = v.entity"
    " WHERE v.seq > ?1 LIMIT ?2";
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(RuhuSqliteStmt) stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (RUHU_IS_STORE (self), NULL);
  g_rec_mutex_lock (&self->lock);
  stmt = ruhu_sqlite_stmt (self->sql, sql, error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, after_seq);
      sqlite3_bind_int64 (stmt, 2, (gint64) limit + 1);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (cases, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      ok = rc == SQLITE_DONE || ruhu_sqlite_set_error (self->sql, error);
      ruhu_sqlite_stmt_release (g_steal_pointer (&stmt));
    }
  g_rec_mutex_unlock (&self->lock);
  return ok ? g_steal_pointer (&cases) : NULL;
}

/**
 * ruhu_store_summary_cache_path:
 *
 * Returns: (transfer full) (nullable): where a summary of this store may
 *   be kept, next to the store's file; %NULL for a store in memory
 */
char *
ruhu_store_summary_cache_path (RuhuStore *self)
{
  const char *path;

  g_return_val_if_fail (RUHU_IS_STORE (self), NULL);
  path = self->sql->path;
  if (path == NULL || *path == '\0' || g_str_equal (path, ":memory:") || g_str_has_prefix (path, "file:"))
    return NULL;
  return g_strconcat (path, "-cases", NULL);
}
