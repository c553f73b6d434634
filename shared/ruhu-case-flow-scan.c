/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-case-index-private.h"
#include "ruhu-store-private.h"

/* The case index's second read: the workflow's steps, the current team and
 * the application's category, with the version of each value, because the
 * steps are ordered by the version of their `action` and the team is the
 * assignment written last. It reads only those few entities, in one pass
 * over the entities table (chunked like the summary scan, so that a load in
 * a worker thread holds the store's lock only briefly), never a case's
 * other entities a second time. */

/* Filtering the kind on the entity before the join, and the fields in one
 * list, lets SQLite seek each entity's few versions by primary key; the
 * callback ignores a field of another kind's list. */
#define FLOW_SELECT(where) \
  "SELECT e.id, e.kind, e.case_id, v.field, v.v, v.value" \
  " FROM entities e CROSS JOIN versions v ON v.entity = e.id" \
  " WHERE " where " AND e.deleted = 0" \
  " AND e.kind IN ('transition', 'assignment', 'application')" \
  " AND v.field IN ('action', 'from', 'to', 'at', 'due_on', 'investigators', 'category')" \
  " AND v.state = 2"

/* Lowercase UUIDs split into 16 chunks by their first character. */
static const char * const chunk_bounds[] = {
  "", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f", "\xff",
};

static gboolean
report_rows (RuhuStore      *store,
             sqlite3_stmt   *stmt,
             RuhuFlowFunc    func,
             gpointer        user_data,
             GError        **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RuhuFlowValue value = {
        .entity = (const char *) sqlite3_column_text (stmt, 0),
        .kind = (const char *) sqlite3_column_text (stmt, 1),
        .case_id = (const char *) sqlite3_column_text (stmt, 2),
        .field = (const char *) sqlite3_column_text (stmt, 3),
        .version = (const char *) sqlite3_column_text (stmt, 4),
      };
      g_autofree char *json = ruhu_store_read_value (store, stmt, 5, value.entity, value.field,
                                                     value.version, error);

      if (json == NULL)
        return FALSE;
      value.json = json;
      func (&value, user_data);
    }
  return rc == SQLITE_DONE || ruhu_sqlite_set_error (store->sql, error);
}

static gboolean
run_locked (RuhuStore      *store,
            const char     *sql,
            const char     *first,
            const char     *second,
            RuhuFlowFunc    func,
            gpointer        user_data,
            GError        **error)
{
  g_autoptr(RuhuSqliteStmt) stmt = NULL;
  gboolean ok = FALSE;

  g_rec_mutex_lock (&store->lock);
  stmt = ruhu_sqlite_stmt (store->sql, sql, error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, first, -1, SQLITE_STATIC);
      if (second != NULL)
        sqlite3_bind_text (stmt, 2, second, -1, SQLITE_STATIC);
      ok = report_rows (store, stmt, func, user_data, error);
      ruhu_sqlite_stmt_release (g_steal_pointer (&stmt));
    }
  g_rec_mutex_unlock (&store->lock);
  return ok;
}

/**
 * ruhu_case_flow_scan:
 * @case_id: (nullable): one case, or %NULL for every case
 * @func: called for each value; the strings are valid during the call only
 *
 * Reports the displayed values of the steps' `action`, `from`, `to`, `at`
 * and `due_on`, of the assignments' `investigators` and of the
 * applications' `category`, each with its version. The values of one
 * entity come together.
 */
gboolean
ruhu_case_flow_scan (RuhuStore      *store,
                     const char     *case_id,
                     RuhuFlowFunc    func,
                     gpointer        user_data,
                     GCancellable   *cancellable,
                     GError        **error)
{
  static const char case_sql[] = FLOW_SELECT ("e.case_id = ?1");
  static const char range_sql[] = FLOW_SELECT ("e.id >= ?1 AND e.id < ?2");

  if (case_id != NULL)
    return run_locked (store, case_sql, case_id, NULL, func, user_data, error);
  for (guint chunk = 0; chunk + 1 < G_N_ELEMENTS (chunk_bounds); chunk++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!run_locked (store, range_sql, chunk_bounds[chunk], chunk_bounds[chunk + 1], func,
                       user_data, error))
        return FALSE;
    }
  return TRUE;
}
