/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-store-private.h"

/* The feed of a few cases. ruhu_store_feed_select() walks the whole feed
 * after a cursor, which is right when the caller sees most of it and
 * wasteful when it sees a township of a district: this reads only the
 * given cases' versions (through the entities' case index), in feed
 * order, with the same cursor meaning. */

static int
compare_seq (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static gboolean
collect_seqs (RuhuSqlite          *sql,
              const char * const  *case_ids,
              gint64               after_seq,
              gint64               up_to,
              RuhuFeedFilterFunc   filter,
              gpointer             user_data,
              GArray              *seqs,
              GError             **error)
{
  static const char query[] =
    "SELECT v.seq, v.v FROM entities e JOIN versions v ON v.entity = e.id"
    " WHERE e.case_id = ? AND v.seq > ? AND v.seq <= ?";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (sql, query, error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; case_ids[i] != NULL; i++)
    {
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, case_ids[i], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, after_seq);
      sqlite3_bind_int64 (stmt, 3, up_to);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 seq = sqlite3_column_int64 (stmt, 0);

          if (filter == NULL ||
              filter (case_ids[i], (const char *) sqlite3_column_text (stmt, 1), user_data))
            g_array_append_val (seqs, seq);
        }
      if (rc != SQLITE_DONE)
        return ruhu_sqlite_set_error (sql, error);
    }
  return TRUE;
}

static GPtrArray *
read_ops (RuhuStore  *self,
          RuhuSqlite *sql,
          GArray     *seqs,
          GError    **error)
{
  static const char query[] = "SELECT " OP_COLUMNS " FROM " OP_FROM " WHERE v.seq = ?";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (sql, query, error);
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_op_unref);

  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < seqs->len; i++)
    {
      RuhuOp *op;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_array_index (seqs, gint64, i));
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          ruhu_sqlite_set_error (sql, error);
          return NULL;
        }
      if ((op = ruhu_store_op_from_row (self, stmt, 0, error)) == NULL)
        return NULL;
      g_ptr_array_add (ops, op);
    }
  return g_steal_pointer (&ops);
}

static GPtrArray *
feed_of_cases (RuhuStore           *self,
               RuhuSqlite          *sql,
               const char * const  *case_ids,
               gint64               after_seq,
               gint64               up_to,
               guint                limit,
               RuhuFeedFilterFunc   filter,
               gpointer             user_data,
               gint64              *last_seq,
               gboolean            *more,
               GError             **error)
{
  g_autoptr(GArray) seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 newest = 0;

  if (!collect_seqs (sql, case_ids, after_seq, up_to, filter, user_data, seqs, error) ||
      !ruhu_sqlite_query_int (sql, "SELECT max(seq) FROM versions", &newest, error))
    return NULL;
  newest = MIN (newest, up_to);
  g_array_sort (seqs, compare_seq);
  *more = seqs->len > limit;
  if (*more)
    {
      g_array_set_size (seqs, limit);
      *last_seq = g_array_index (seqs, gint64, limit - 1);
    }
  else
    {
      /* Every version of these cases up to the newest (or @up_to) has been
       * looked at. */
      *last_seq = MAX (after_seq, newest);
    }
  return read_ops (self, sql, seqs, error);
}

/**
 * ruhu_store_feed_of_cases:
 * @case_ids: the cases wanted
 * @up_to: versions after this are left for the next call (G_MAXINT64 for
 *   none): a caller that chose @case_ids when the feed ended there must
 *   not move its cursor past versions of cases it could not know of then
 * @filter: (nullable): asked as ruhu_store_feed_select() asks its filter
 * @last_seq: (out): the cursor to pass next time
 * @more: (out) (optional): whether versions of these cases remain after it
 *
 * ruhu_store_feed_select() of @case_ids only: their versions after
 * @after_seq in the order this store applied them, at most @limit. The
 * cursor means what it means there, so a caller may switch between the two
 * from one page to the next.
 *
 * Returns: (transfer full) (element-type RuhuOp) (nullable): the versions
 */
GPtrArray *
ruhu_store_feed_of_cases (RuhuStore           *self,
                          const char * const  *case_ids,
                          gint64               after_seq,
                          gint64               up_to,
                          guint                limit,
                          RuhuFeedFilterFunc   filter,
                          gpointer             user_data,
                          gint64              *last_seq,
                          gboolean            *more,
                          GError             **error)
{
  RuhuSqlite *sql;
  GPtrArray *ops;
  gboolean remaining = FALSE;
  gboolean snapshot;

  g_return_val_if_fail (RUHU_IS_STORE (self), NULL);
  g_return_val_if_fail (case_ids != NULL && limit > 0, NULL);
  *last_seq = after_seq;
  sql = ruhu_store_begin_read (self);
  /* The reader sees the cases and the newest version in one snapshot; the
   * writer's connection cannot change under the store's lock. */
  snapshot = sql != self->sql;
  if (snapshot && !ruhu_sqlite_exec (sql, "BEGIN", error))
    ops = NULL;
  else
    ops = feed_of_cases (self, sql, case_ids, after_seq, up_to, limit, filter, user_data,
                         last_seq, &remaining, error);
  if (snapshot)
    ruhu_sqlite_rollback (sql);
  ruhu_store_end_read (self, sql);
  if (ops == NULL)
    *last_seq = after_seq;
  if (more != NULL)
    *more = remaining;
  return ops;
}

/**
 * ruhu_store_newest_seq:
 * @seq: (out): the feed position of the newest version, 0 if none
 *
 * Read without waiting for a batch being written when the store has a
 * reader (ruhu_store_open_reader()).
 */
gboolean
ruhu_store_newest_seq (RuhuStore  *self,
                       gint64     *seq,
                       GError    **error)
{
  RuhuSqlite *sql;
  gboolean ok;

  g_return_val_if_fail (RUHU_IS_STORE (self), FALSE);
  sql = ruhu_store_begin_read (self);
  ok = ruhu_sqlite_query_int (sql, "SELECT max(seq) FROM versions", seq, error);
  ruhu_store_end_read (self, sql);
  return ok;
}
