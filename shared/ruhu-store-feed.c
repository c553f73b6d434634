/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-json.h"
#include "ruhu-store-private.h"

/* Bulk reads: the change feed, every current value, and a canonical dump
 * of the whole state (what two replicas must agree on). */

/**
 * ruhu_store_feed_select:
 * @after_seq: the cursor: 0 for everything
 * @limit: at most this many operations are returned
 * @max_scan: at most this many versions are looked at
 * @filter: (nullable): which versions the caller wants; asked with each
 *   version's case id and version before its value is decrypted, so the
 *   versions left out cost almost nothing
 * @last_seq: (out): the cursor to pass next time: past every version looked
 *   at, kept or not (unchanged if nothing came)
 * @more: (out) (optional): whether versions after @last_seq may remain
 *
 * Returns: (transfer full) (element-type RuhuOp) (nullable): the versions
 *   this store applied after @after_seq that @filter accepts, in that order
 */
GPtrArray *
ruhu_store_feed_select (RuhuStore           *self,
                        gint64               after_seq,
                        guint                limit,
                        guint                max_scan,
                        RuhuFeedFilterFunc   filter,
                        gpointer             user_data,
                        gint64              *last_seq,
                        gboolean            *more,
                        GError             **error)
{
  static const char sql[] = "SELECT " OP_COLUMNS ", v.seq FROM " OP_FROM
                            " WHERE v.seq > ? ORDER BY v.seq LIMIT ?";
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_op_unref);
  RuhuSqlite *connection;
  guint scanned = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (RUHU_IS_STORE (self), NULL);
  *last_seq = after_seq;
  connection = ruhu_store_begin_read (self);
  {
    g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (connection, sql, error);
    int rc = SQLITE_ERROR;

    if (stmt != NULL)
      {
        sqlite3_bind_int64 (stmt, 1, after_seq);
        sqlite3_bind_int64 (stmt, 2, max_scan);
      }
    while (stmt != NULL && ops->len < limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *case_id = (const char *) sqlite3_column_text (stmt, 2);
        const char *version = (const char *) sqlite3_column_text (stmt, 5);
        RuhuOp *op;

        scanned++;
        *last_seq = sqlite3_column_int64 (stmt, 10);
        if (filter != NULL && !filter (case_id, version, user_data))
          continue;
        op = ruhu_store_op_from_row (self, stmt, 0, error);
        if (op == NULL)
          break;
        g_ptr_array_add (ops, op);
      }
    /* Stopping at the limit is as good as reaching the end. */
    ok = rc == SQLITE_DONE || (rc == SQLITE_ROW && ops->len == limit);
    if (stmt != NULL && rc != SQLITE_DONE && rc != SQLITE_ROW)
      ruhu_sqlite_set_error (connection, error);
    if (more != NULL)
      *more = rc == SQLITE_ROW || scanned == max_scan;
  }
  ruhu_store_end_read (self, connection);
  return ok ? g_steal_pointer (&ops) : NULL;
}

typedef struct
{
  RuhuCaseFilterFunc filter;
  gpointer           user_data;
} CaseFilter;

static gboolean
case_filter_cb (const char *case_id,
                const char *version,
                gpointer    user_data)
{
  CaseFilter *filter = user_data;

  return filter->filter (case_id, filter->user_data);
}

/**
 * ruhu_store_feed_filtered:
 * @filter: (nullable): which cases the caller may see, asked as
 *   ruhu_store_feed_select() asks its filter
 *
 * ruhu_store_feed_select() by case.
 *
 * Returns: (transfer full) (element-type RuhuOp) (nullable): the versions
 *   this store applied after @after_seq that @filter accepts, in that order
 */
GPtrArray *
ruhu_store_feed_filtered (RuhuStore           *self,
                          gint64               after_seq,
                          guint                limit,
                          guint                max_scan,
                          RuhuCaseFilterFunc   filter,
                          gpointer             user_data,
                          gint64              *last_seq,
                          gboolean            *more,
                          GError             **error)
{
  CaseFilter wrapper = { filter, user_data };

  return ruhu_store_feed_select (self, after_seq, limit, max_scan,
                                 filter != NULL ? case_filter_cb : NULL, &wrapper, last_seq, more,
                                 error);
}

/**
 * ruhu_store_feed_since:
 *
 * ruhu_store_feed_filtered() of every case.
 *
 * Returns: (transfer full) (element-type RuhuOp) (nullable): up to @limit
 *   versions this store applied after @after_seq, in that order
 */
GPtrArray *
ruhu_store_feed_since (RuhuStore  *self,
                       gint64      after_seq,
                       guint       limit,
                       gint64     *last_seq,
                       GError    **error)
{
  return ruhu_store_feed_filtered (self, after_seq, limit, limit, NULL, NULL, last_seq, NULL,
                                   error);
}

/**
 * ruhu_store_foreach_value:
 * @func: called with the canonical JSON text of every displayed value
 *
 * Reads every current value of every entity in one pass, for exports and
 * for loading a whole case list.
 */
gboolean
ruhu_store_foreach_value (RuhuStore  *self,
                          void      (*func) (const char *entity,
                                             const char *field,
                                             const char *json,
                                             gpointer    user_data),
                          gpointer    user_data,
                          GError    **error)
{
  static const char sql[] = "SELECT entity, field, v, value FROM versions WHERE state = 2";
  gboolean ok = FALSE;

  g_return_val_if_fail (RUHU_IS_STORE (self), FALSE);
  g_rec_mutex_lock (&self->lock);
  {
    g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);
    int rc = SQLITE_ERROR;

    while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *entity = (const char *) sqlite3_column_text (stmt, 0);
        const char *field = (const char *) sqlite3_column_text (stmt, 1);
        const char *version = (const char *) sqlite3_column_text (stmt, 2);
        g_autofree char *text = ruhu_store_read_value (self, stmt, 3, entity, field, version,
                                                       error);
        if (text == NULL)
          break;
        func (entity, field, text, user_data);
      }
    ok = rc == SQLITE_DONE;
    if (stmt != NULL && rc != SQLITE_DONE && rc != SQLITE_ROW)
      ruhu_sqlite_set_error (self->sql, error);
  }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

static void
dump_field (GString    *out,
            GPtrArray  *heads)
{
  RuhuOp *displayed = g_ptr_array_index (heads, 0);
  g_autofree char *value = ruhu_json_canonical (displayed->value);

  g_string_append_printf (out, "  %s = %s heads", displayed->field, value);
  for (guint i = 0; i < heads->len; i++)
    g_string_append_printf (out, " %s", ((RuhuOp *) g_ptr_array_index (heads, i))->version);
  g_string_append_c (out, '\n');
}

static gboolean
dump_entity (RuhuStore       *self,
             RuhuEntityInfo  *info,
             GString         *out,
             GError         **error)
{
  static const char sql[] =
    "SELECT DISTINCT field FROM versions WHERE entity = ? ORDER BY field";
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);

  g_string_append_printf (out, "%s %s case=%s parent=%s%s\n", info->id, info->kind,
                          info->case_id, info->parent ? info->parent : "-",
                          info->deleted ? " deleted" : "");
  g_rec_mutex_lock (&self->lock);
  {
    g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);

    if (stmt != NULL)
      {
        sqlite3_bind_text (stmt, 1, info->id, -1, SQLITE_STATIC);
        while (sqlite3_step (stmt) == SQLITE_ROW)
          g_ptr_array_add (fields, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      }
  }
  g_rec_mutex_unlock (&self->lock);

  for (guint i = 0; i < fields->len; i++)
    {
      g_autoptr(GPtrArray) heads = ruhu_store_get_heads (self, info->id,
                                                         g_ptr_array_index (fields, i), error);
      if (heads == NULL)
        return FALSE;
      if (heads->len > 0)
        dump_field (out, heads);
    }
  return TRUE;
}

/**
 * ruhu_store_dump:
 *
 * A canonical text of everything replicas must agree on: entities, every
 * field's displayed value and heads, open conflicts with their candidates,
 * and rejections. Local bookkeeping (feed order, outbox) is left out.
 *
 * Returns: (transfer full) (nullable): the text
 */
char *
ruhu_store_dump (RuhuStore  *self,
                 GError    **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) entities = ruhu_store_list_entities (self, NULL, error);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) rejections = NULL;

  if (entities == NULL)
    return NULL;
  for (guint i = 0; i < entities->len; i++)
    if (!dump_entity (self, g_ptr_array_index (entities, i), out, error))
      return NULL;

  conflicts = ruhu_store_list_conflicts (self, NULL, error);
  if (conflicts == NULL)
    return NULL;
  for (guint i = 0; i < conflicts->len; i++)
    {
      RuhuConflict *conflict = g_ptr_array_index (conflicts, i);

      g_string_append_printf (out, "conflict %s %s %d:", conflict->entity, conflict->field,
                              conflict->kind);
      for (guint j = 0; j < conflict->candidates->len; j++)
        g_string_append_printf (out, " %s",
                                ((RuhuOp *) g_ptr_array_index (conflict->candidates, j))->version);
      g_string_append_c (out, '\n');
    }

  rejections = ruhu_store_list_rejections (self, error);
  if (rejections == NULL)
    return NULL;
  for (guint i = 0; i < rejections->len; i++)
    {
      RuhuRejection *rejection = g_ptr_array_index (rejections, i);

      g_string_append_printf (out, "rejected %s: %s\n", rejection->op->version, rejection->reason);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
