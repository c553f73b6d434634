/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-json.h"
#include "ruhu-store-private.h"

/* Reading the store. Every public function takes the store's lock for its
 * whole read, so it sees one consistent state. */

/**
 * ruhu_store_get_entity:
 *
 * Returns: (transfer full) (nullable): the entity, or %NULL with
 *   %RUHU_STORE_ERROR_NO_SUCH_ENTITY
 */
RuhuEntityInfo *
ruhu_store_get_entity (RuhuStore   *self,
                       const char  *entity,
                       GError     **error)
{
  RuhuEntityInfo *info = NULL;

  g_return_val_if_fail (RUHU_IS_STORE (self), NULL);
  g_rec_mutex_lock (&self->lock);
  if (ruhu_store_load_entity (self, entity, &info, error) && info == NULL)
    g_set_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_NO_SUCH_ENTITY,
                 _("There is no entity %s on this device"), entity);
  g_rec_mutex_unlock (&self->lock);
  return info;
}

/**
 * ruhu_store_list_entities:
 * @case_id: (nullable): one case, or %NULL for all
 *
 * Returns: (transfer full) (element-type RuhuEntityInfo): entities ordered by id
 */
GPtrArray *
ruhu_store_list_entities (RuhuStore   *self,
                          const char  *case_id,
                          GError     **error)
{
  static const char all_sql[] =
    "SELECT id, kind, case_id, parent, deleted FROM entities ORDER BY id";
  static const char case_sql[] =
    "SELECT id, kind, case_id, parent, deleted FROM entities WHERE case_id = ? ORDER BY id";
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_entity_info_free);
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (RUHU_IS_STORE (self), NULL);
  g_rec_mutex_lock (&self->lock);
  {
    g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, case_id ? case_sql : all_sql, error);

    if (stmt != NULL)
      {
        if (case_id != NULL)
          sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_STATIC);
        while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
          {
            RuhuEntityInfo *info = g_new0 (RuhuEntityInfo, 1);

            info->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
            info->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
            info->case_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
            info->parent = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
            info->deleted = sqlite3_column_int (stmt, 4);
            g_ptr_array_add (list, info);
          }
        ok = rc == SQLITE_DONE || ruhu_sqlite_set_error (self->sql, error);
      }
  }
  g_rec_mutex_unlock (&self->lock);
  return ok ? g_steal_pointer (&list) : NULL;
}

/* Runs @sql (binding entity and field when given) and collects operations. */
static GPtrArray *
query_ops (RuhuStore   *self,
           const char  *sql,
           const char  *entity,
           const char  *field,
           GError     **error)
{
  GPtrArray *ops = NULL;

  g_rec_mutex_lock (&self->lock);
  {
    g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);

    if (stmt != NULL)
      {
        if (entity != NULL)
          sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
        if (field != NULL)
          sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
        ops = ruhu_store_collect_ops (self, stmt, 0, error);
      }
  }
  g_rec_mutex_unlock (&self->lock);
  return ops;
}

/**
 * ruhu_store_get_heads:
 *
 * Returns: (transfer full) (element-type RuhuOp): the field's heads, the
 *   displayed one first; more than one with different values is a conflict
 */
GPtrArray *
ruhu_store_get_heads (RuhuStore   *self,
                      const char  *entity,
                      const char  *field,
                      GError     **error)
{
  static const char sql[] = "SELECT " OP_COLUMNS " FROM " OP_FROM
                            " WHERE v.entity = ? AND v.field = ? AND v.state > 0 ORDER BY v.v DESC";

  g_return_val_if_fail (RUHU_IS_STORE (self), NULL);
  return query_ops (self, sql, entity, field, error);
}

/**
 * ruhu_store_get_history:
 *
 * Returns: (transfer full) (element-type RuhuOp): every version the field
 *   ever had here, oldest first: value, who, device and time
 */
GPtrArray *
ruhu_store_get_history (RuhuStore   *self,
                        const char  *entity,
                        const char  *field,
                        GError     **error)
{
  static const char sql[] = "SELECT " OP_COLUMNS " FROM " OP_FROM
                            " WHERE v.entity = ? AND v.field = ? ORDER BY v.v";

  g_return_val_if_fail (RUHU_IS_STORE (self), NULL);
  return query_ops (self, sql, entity, field, error);
}

/**
 * ruhu_store_get_value:
 *
 * Returns: (transfer full) (nullable): the displayed value of the field; a
 *   JSON null if it was never set or was cleared; %NULL only on error
 */
JsonNode *
ruhu_store_get_value (RuhuStore   *self,
                      const char  *entity,
                      const char  *field,
                      GError     **error)
{
  g_autoptr(GPtrArray) heads = ruhu_store_get_heads (self, entity, field, error);
  RuhuOp *displayed;

  if (heads == NULL)
    return NULL;
  if (heads->len == 0)
    return json_node_new (JSON_NODE_NULL);
  displayed = g_ptr_array_index (heads, 0);
  return json_node_copy (displayed->value);
}

/**
 * ruhu_store_get_fields:
 *
 * Returns: (transfer full) (element-type utf8 JsonNode): every field of the
 *   entity with its displayed value
 */
GHashTable *
ruhu_store_get_fields (RuhuStore   *self,
                       const char  *entity,
                       GError     **error)
{
  static const char sql[] = "SELECT " OP_COLUMNS " FROM " OP_FROM
                            " WHERE v.entity = ? AND v.state = 2";
  g_autoptr(GPtrArray) ops = NULL;
  GHashTable *fields;

  g_return_val_if_fail (RUHU_IS_STORE (self), NULL);
  ops = query_ops (self, sql, entity, NULL, error);
  if (ops == NULL)
    return NULL;
  fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify) json_node_unref);
  for (guint i = 0; i < ops->len; i++)
    {
      RuhuOp *op = g_ptr_array_index (ops, i);

      g_hash_table_insert (fields, g_strdup (op->field), json_node_copy (op->value));
    }
  return fields;
}

static GPtrArray *
load_versions (RuhuStore    *self,
               const char   *entity,
               const char   *field,
               char * const *versions,
               GError      **error)
{
  static const char sql[] = "SELECT " OP_COLUMNS " FROM " OP_FROM
                            " WHERE v.entity = ? AND v.field = ? AND v.v = ?";
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_op_unref);

  for (guint i = 0; versions[i] != NULL; i++)
    {
      g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);
      g_autoptr(GPtrArray) found = NULL;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, versions[i], -1, SQLITE_STATIC);
      found = ruhu_store_collect_ops (self, stmt, 0, error);
      if (found == NULL)
        return NULL;
      g_ptr_array_extend_and_steal (ops, g_steal_pointer (&found));
    }
  return g_steal_pointer (&ops);
}

static int
compare_ops_descending (gconstpointer a,
                        gconstpointer b)
{
  const RuhuOp *op_a = *(RuhuOp * const *) a;
  const RuhuOp *op_b = *(RuhuOp * const *) b;

  return -ruhu_version_compare (op_a->version, op_b->version);
}

/* Candidates of a delete-vs-edit conflict: the deletion markers and every
 * edit they did not see. */
static GPtrArray *
delete_edit_candidates (RuhuStore   *self,
                        const char  *entity,
                        GError     **error)
{
  g_autoptr(GPtrArray) deletions = NULL;
  g_autoptr(GPtrArray) unseen = ruhu_store_unseen_edits (self, entity, &deletions, error);
  g_autoptr(GPtrArray) candidates = NULL;

  if (unseen == NULL)
    return NULL;
  g_ptr_array_add (deletions, NULL);
  candidates = load_versions (self, entity, RUHU_FIELD_DELETED, (char **) deletions->pdata, error);
  if (candidates == NULL)
    return NULL;
  for (guint i = 0; i < unseen->len; i++)
    {
      char **pair = g_ptr_array_index (unseen, i);
      char *one[] = { pair[1], NULL };
      g_autoptr(GPtrArray) edit = load_versions (self, entity, pair[0], one, error);

      if (edit == NULL)
        return NULL;
      g_ptr_array_extend_and_steal (candidates, g_steal_pointer (&edit));
    }
  g_ptr_array_sort (candidates, compare_ops_descending);
  return g_steal_pointer (&candidates);
}

static GPtrArray *
value_candidates (RuhuStore   *self,
                  const char  *entity,
                  const char  *field,
                  GError     **error)
{
  static const char sql[] = "SELECT " OP_COLUMNS " FROM " OP_FROM
                            " WHERE v.entity = ? AND v.field = ? AND v.state > 0 ORDER BY v.v DESC";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
  return ruhu_store_collect_ops (self, stmt, 0, error);
}

void
ruhu_conflict_free (RuhuConflict *conflict)
{
  g_free (conflict->entity);
  g_free (conflict->case_id);
  g_free (conflict->field);
  g_clear_pointer (&conflict->candidates, g_ptr_array_unref);
  g_free (conflict);
}

static GPtrArray *
list_conflicts_locked (RuhuStore   *self,
                       const char  *case_id,
                       GError     **error)
{
  static const char all_sql[] =
    "SELECT entity, field, kind, case_id FROM conflicts ORDER BY entity, field, kind";
  static const char case_sql[] =
    "SELECT entity, field, kind, case_id FROM conflicts WHERE case_id = ?"
    " ORDER BY entity, field, kind";
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_conflict_free);
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, case_id ? case_sql : all_sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (case_id != NULL)
    sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RuhuConflict *conflict = g_new0 (RuhuConflict, 1);

      conflict->entity = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      conflict->field = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      conflict->kind = sqlite3_column_int (stmt, 2);
      conflict->case_id = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      g_ptr_array_add (conflicts, conflict);
    }
  if (rc != SQLITE_DONE)
    {
      ruhu_sqlite_set_error (self->sql, error);
      return NULL;
    }
  ruhu_sqlite_stmt_release (stmt);

  for (guint i = 0; i < conflicts->len; i++)
    {
      RuhuConflict *conflict = g_ptr_array_index (conflicts, i);

      if (conflict->kind == RUHU_CONFLICT_DELETE_EDIT)
        conflict->candidates = delete_edit_candidates (self, conflict->entity, error);
      else
        conflict->candidates = value_candidates (self, conflict->entity, conflict->field, error);
      if (conflict->candidates == NULL)
        return NULL;
    }
  return g_steal_pointer (&conflicts);
}

/**
 * ruhu_store_list_conflicts:
 * @case_id: (nullable): one case, or %NULL for all
 *
 * Returns: (transfer full) (element-type RuhuConflict): the open conflicts,
 *   each with every candidate version
 */
GPtrArray *
ruhu_store_list_conflicts (RuhuStore   *self,
                           const char  *case_id,
                           GError     **error)
{
  GPtrArray *conflicts;

  g_return_val_if_fail (RUHU_IS_STORE (self), NULL);
  g_rec_mutex_lock (&self->lock);
  conflicts = list_conflicts_locked (self, case_id, error);
  g_rec_mutex_unlock (&self->lock);
  return conflicts;
}

void
ruhu_rejection_free (RuhuRejection *rejection)
{
  g_clear_pointer (&rejection->op, ruhu_op_unref);
  g_free (rejection->reason);
  g_free (rejection);
}

/**
 * ruhu_store_list_rejections:
 *
 * Returns: (transfer full) (element-type RuhuRejection): every change the
 *   server refused, with its reason, in version order (oldest first)
 */
GPtrArray *
ruhu_store_list_rejections (RuhuStore  *self,
                            GError    **error)
{
  static const char sql[] =
    "SELECT entity, kind, case_id, parent, field, v, op_id, value, bases, actor, reason,"
    " rejected_at FROM rejections ORDER BY v";
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_rejection_free);
  gboolean ok = FALSE;

  g_return_val_if_fail (RUHU_IS_STORE (self), NULL);
  g_rec_mutex_lock (&self->lock);
  {
    g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);
    int rc = SQLITE_ERROR;

    while (stmt != NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        g_autoptr(RuhuOp) op = ruhu_store_op_from_row (self, stmt, 0, error);
        RuhuRejection *rejection;

        if (op == NULL)
          break;
        rejection = g_new0 (RuhuRejection, 1);
        rejection->op = g_steal_pointer (&op);
        rejection->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
        rejection->rejected_at = sqlite3_column_int64 (stmt, 11);
        g_ptr_array_add (list, rejection);
      }
    ok = rc == SQLITE_DONE;
    if (stmt != NULL && rc != SQLITE_DONE && rc != SQLITE_ROW)
      ruhu_sqlite_set_error (self->sql, error);
  }
  g_rec_mutex_unlock (&self->lock);
  return ok ? g_steal_pointer (&list) : NULL;
}
