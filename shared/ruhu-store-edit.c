/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-store-private.h"

/* Edits made on this device: each one gets a version from the store's
 * clock, names what the writer saw as its bases, is applied like any other
 * operation, and waits in the outbox until the server acknowledges it. */

/* Versions of the current heads: of one field, or of every field of the
 * entity when @field is NULL. */
static GPtrArray *
current_heads (RuhuStore   *self,
               const char  *entity,
               const char  *field,
               GError     **error)
{
  static const char field_sql[] =
    "SELECT v FROM versions WHERE entity = ? AND field = ? AND state > 0";
  static const char entity_sql[] = "SELECT v FROM versions WHERE entity = ? AND state > 0";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, field ? field_sql : entity_sql, error);
  g_autoptr(GPtrArray) heads = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  if (field != NULL)
    sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (heads, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      ruhu_sqlite_set_error (self->sql, error);
      return NULL;
    }
  g_ptr_array_add (heads, NULL);
  return g_steal_pointer (&heads);
}

static gboolean
add_to_outbox (RuhuStore     *self,
               const RuhuOp  *op,
               GError       **error)
{
  static const char sql[] = "INSERT INTO outbox (v, entity, field, actor) VALUES (?, ?, ?, ?)";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, op->version, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, op->entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, op->field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, op->actor, -1, SQLITE_STATIC);
  return ruhu_sqlite_step_done (self->sql, stmt, error);
}

static RuhuOp *
write_in_transaction (RuhuStore       *self,
                      const char      *entity,
                      const char      *kind,
                      const char      *case_id,
                      const char      *parent,
                      const char      *field,
                      JsonNode        *value,
                      const char      *actor,
                      GError         **error)
{
  g_autoptr(RuhuEntityInfo) info = NULL;
  g_autoptr(GPtrArray) bases = NULL;
  g_autoptr(RuhuOp) op = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *version = NULL;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) op_error = NULL;
  gboolean is_deletion = strcmp (field, RUHU_FIELD_DELETED) == 0;
  RuhuHlc now;

  if (!ruhu_store_load_entity (self, entity, &info, error))
    return NULL;
  if (info == NULL && kind == NULL)
    {
      g_set_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_NO_SUCH_ENTITY,
                   _("There is no entity %s on this device"), entity);
      return NULL;
    }
  if (info != NULL)
    {
      kind = info->kind;
      case_id = info->case_id;
      parent = info->parent;
    }

  /* A deletion names every head of the entity, so that any edit it did not
   * see shows up as a conflict with it. */
  bases = current_heads (self, entity, is_deletion ? NULL : field, error);
  if (bases == NULL)
    return NULL;

  ruhu_hlc_clock_now (self->clock, &now);
  version = ruhu_version_format (&now, self->device_id);
  op = ruhu_op_new (id, entity, kind, case_id, parent, field, value, version,
                    (const char * const *) bases->pdata, actor, &op_error);
  if (op == NULL)
    {
      g_set_error_literal (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_INVALID_OP,
                           op_error->message);
      return NULL;
    }

  if (ruhu_store_apply_one (self, op, TRUE, &code, &message, error) != RUHU_APPLY_APPLIED)
    {
      if (message != NULL)
        g_set_error_literal (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_INVALID_OP, message);
      return NULL;
    }
  if (!add_to_outbox (self, op, error) || !ruhu_store_save_clock (self, error))
    return NULL;
  return g_steal_pointer (&op);
}

static RuhuOp *
write_durably (RuhuStore   *self,
               const char  *entity,
               const char  *kind,
               const char  *case_id,
               const char  *parent,
               const char  *field,
               JsonNode    *value,
               const char  *actor,
               GError     **error)
{
  RuhuOp *op = NULL;

  g_rec_mutex_lock (&self->lock);
  if (ruhu_sqlite_begin (self->sql, error))
    {
      op = write_in_transaction (self, entity, kind, case_id, parent, field, value, actor, error);
      if (op == NULL || !ruhu_sqlite_commit (self->sql, error))
        {
          g_clear_pointer (&op, ruhu_op_unref);
          ruhu_sqlite_rollback (self->sql);
        }
    }
  g_rec_mutex_unlock (&self->lock);
  return op;
}

/**
 * ruhu_store_write:
 * @kind: (nullable): the entity's kind; needed only for a new entity
 * @case_id: (nullable): its case; needed only for a new entity
 * @parent: (nullable): its parent; for a new entity, %NULL makes it a case's root
 * @value: the new value; a JSON null clears the field
 *
 * Writes one field as this device's user. The new version's bases are all
 * the field's current heads: the user saw them (conflicts are shown), so an
 * edit of a field in conflict resolves it. Durable when it returns.
 *
 * Returns: (transfer full) (nullable): the operation, also queued in the outbox
 */
RuhuOp *
ruhu_store_write (RuhuStore   *self,
                  const char  *entity,
                  const char  *kind,
                  const char  *case_id,
                  const char  *parent,
                  const char  *field,
                  JsonNode    *value,
                  const char  *actor,
                  GError     **error)
{
  g_return_val_if_fail (RUHU_IS_STORE (self), NULL);
  g_return_val_if_fail (entity != NULL && field != NULL && value != NULL && actor != NULL, NULL);

  if (strcmp (field, RUHU_FIELD_DELETED) == 0)
    {
      g_set_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_INVALID_OP,
                   _("Delete or restore an entity instead of writing %s"), field);
      return NULL;
    }
  return write_durably (self, entity, kind, case_id, parent, field, value, actor, error);
}

/**
 * ruhu_store_set_deleted:
 * @deleted: %TRUE to delete, %FALSE to restore
 *
 * Deletes or restores an entity. Either way the new marker names every head
 * of the entity, which also settles a delete-vs-edit conflict: deleting
 * again keeps it deleted, restoring keeps the edits.
 *
 * Returns: (transfer full) (nullable): the operation
 */
RuhuOp *
ruhu_store_set_deleted (RuhuStore   *self,
                        const char  *entity,
                        gboolean     deleted,
                        const char  *actor,
                        GError     **error)
{
  g_autoptr(JsonNode) value = json_node_init_boolean (json_node_alloc (), deleted);

  g_return_val_if_fail (RUHU_IS_STORE (self), NULL);
  g_return_val_if_fail (entity != NULL && actor != NULL, NULL);
  return write_durably (self, entity, NULL, NULL, NULL, RUHU_FIELD_DELETED, value, actor, error);
}

/**
 * ruhu_store_outbox_peek:
 * @limit: at most this many
 *
 * Returns: (transfer full) (element-type RuhuOp): the oldest operations
 *   not yet acknowledged, in the order they were written
 */
GPtrArray *
ruhu_store_outbox_peek (RuhuStore  *self,
                        guint       limit,
                        GError    **error)
{
  return ruhu_store_outbox_peek_by (self, NULL, limit, error);
}

/**
 * ruhu_store_outbox_peek_by:
 * @actor: (nullable): only the operations this user wrote; %NULL for all
 * @limit: at most this many
 *
 * A server takes a user's operations only from that user (docs/protocol.md),
 * so a tablet shared by two pushes each one's edits while they are signed in.
 *
 * Returns: (transfer full) (element-type RuhuOp): the oldest operations
 *   of @actor not yet acknowledged, in the order they were written
 */
GPtrArray *
ruhu_store_outbox_peek_by (RuhuStore   *self,
                           const char  *actor,
                           guint        limit,
                           GError     **error)
{
  return ruhu_store_outbox_peek_after (self, actor, -1, limit, NULL, error);
}

static gboolean
outbox_position (RuhuStore   *self,
                 const char  *version,
                 gint64      *position,
                 GError     **error)
{
  static const char sql[] = "SELECT seq FROM outbox WHERE v = ?";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);
  gboolean has_row = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, version, -1, SQLITE_STATIC);
  if (!ruhu_sqlite_step_row (self->sql, stmt, &has_row, error))
    return FALSE;
  *position = has_row ? sqlite3_column_int64 (stmt, 0) : -1;
  return TRUE;
}

/**
 * ruhu_store_outbox_peek_after:
 * @actor: (nullable): only the operations this user wrote; %NULL for all
 * @after: an outbox position from @last of an earlier call, or -1 for
 *   the oldest
 * @limit: at most this many
 * @last: (out) (optional): the position of the last operation returned,
 *   -1 if none
 *
 * ruhu_store_outbox_peek_by() past the operations an earlier call
 * returned, whether or not they have been acknowledged meanwhile: a push
 * reads its next batch while the server stores the one before.
 *
 * Returns: (transfer full) (element-type RuhuOp): the operations
 */
GPtrArray *
ruhu_store_outbox_peek_after (RuhuStore   *self,
                              const char  *actor,
                              gint64       after,
                              guint        limit,
                              gint64      *last,
                              GError     **error)
{
  static const char sql[] =
    "SELECT " OP_COLUMNS " FROM outbox o"
    " JOIN versions v ON v.entity = o.entity AND v.field = o.field AND v.v = o.v"
    " JOIN entities e ON e.id = v.entity WHERE (?1 IS NULL OR o.actor = ?1) AND o.seq > ?3"
    " ORDER BY o.seq LIMIT ?2";
  g_autoptr(GPtrArray) ops = NULL;
  gint64 position = -1;

  g_return_val_if_fail (RUHU_IS_STORE (self), NULL);
  g_rec_mutex_lock (&self->lock);
  {
    g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);

    if (stmt != NULL)
      {
        sqlite3_bind_text (stmt, 1, actor, -1, SQLITE_STATIC);
        sqlite3_bind_int64 (stmt, 2, limit);
        sqlite3_bind_int64 (stmt, 3, after);
        ops = ruhu_store_collect_ops (self, stmt, 0, error);
      }
  }
  if (ops != NULL && ops->len > 0 && last != NULL &&
      !outbox_position (self, ((RuhuOp *) g_ptr_array_index (ops, ops->len - 1))->version,
                        &position, error))
    g_clear_pointer (&ops, g_ptr_array_unref);
  g_rec_mutex_unlock (&self->lock);
  if (ops != NULL && last != NULL)
    *last = position;
  return g_steal_pointer (&ops);
}

/**
 * ruhu_store_outbox_ack:
 * @versions: (array zero-terminated=1): versions the server has stored
 */
gboolean
ruhu_store_outbox_ack (RuhuStore           *self,
                       const char * const  *versions,
                       GError             **error)
{
  return ruhu_store_outbox_ack_full (self, versions, NULL, NULL, error);
}

/**
 * ruhu_store_outbox_ack_full:
 * @versions: (array zero-terminated=1): versions the server has stored
 * @setting: (nullable): a setting to change with them, as
 *   ruhu_store_set_setting() does
 * @value: (nullable): its new value
 *
 * ruhu_store_outbox_ack() and a setting in the same transaction: one sync
 * to disk, and never one without the other.
 */
gboolean
ruhu_store_outbox_ack_full (RuhuStore           *self,
                            const char * const  *versions,
                            const char          *setting,
                            const char          *value,
                            GError             **error)
{
  static const char sql[] = "DELETE FROM outbox WHERE v = ?";
  gboolean ok;

  g_return_val_if_fail (RUHU_IS_STORE (self), FALSE);
  g_rec_mutex_lock (&self->lock);
  ok = ruhu_sqlite_begin (self->sql, error);
  for (guint i = 0; ok && versions[i] != NULL; i++)
    {
      g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);

      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_text (stmt, 1, versions[i], -1, SQLITE_STATIC);
          ok = ruhu_sqlite_step_done (self->sql, stmt, error);
        }
    }
  ok = ok && (setting == NULL || ruhu_store_set_setting (self, setting, value, error));
  ok = ok && ruhu_sqlite_commit (self->sql, error);
  if (!ok)
    ruhu_sqlite_rollback (self->sql);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/**
 * ruhu_store_outbox_count:
 *
 * Returns: the number of unsynced changes, or -1 with @error set
 */
gint64
ruhu_store_outbox_count (RuhuStore  *self,
                         GError    **error)
{
  static const char sql[] = "SELECT count(*) FROM outbox";
  gint64 count = -1;

  g_return_val_if_fail (RUHU_IS_STORE (self), -1);
  g_rec_mutex_lock (&self->lock);
  {
    g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);

    if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
      count = sqlite3_column_int64 (stmt, 0);
    else if (stmt != NULL)
      ruhu_sqlite_set_error (self->sql, error);
  }
  g_rec_mutex_unlock (&self->lock);
  return count;
}

/**
 * ruhu_store_outbox_count_others:
 * @actor: the signed-in user
 * @others: (out) (optional) (transfer full): the other users with
 *   unsynced edits here, most edits first
 *
 * On a tablet two users share, each one's sync sends only their own edits
 * (ruhu_store_outbox_peek_by()); this counts what waits for the others.
 *
 * Returns: how many unsynced edits are not @actor's, or -1 with @error set
 */
gint64
ruhu_store_outbox_count_others (RuhuStore    *self,
                                const char   *actor,
                                GStrv        *others,
                                GError      **error)
{
  static const char sql[] =
    "SELECT actor, count(*) AS n FROM outbox WHERE actor <> ?1 GROUP BY actor"
    " ORDER BY n DESC, actor";
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  gint64 count = 0;

  g_return_val_if_fail (RUHU_IS_STORE (self), -1);
  g_return_val_if_fail (actor != NULL, -1);
  g_rec_mutex_lock (&self->lock);
  {
    g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);
    int rc = SQLITE_ERROR;

    if (stmt != NULL)
      {
        sqlite3_bind_text (stmt, 1, actor, -1, SQLITE_STATIC);
        while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
          {
            g_strv_builder_add (names, (const char *) sqlite3_column_text (stmt, 0));
            count += sqlite3_column_int64 (stmt, 1);
          }
        if (rc != SQLITE_DONE)
          ruhu_sqlite_set_error (self->sql, error);
      }
    if (rc != SQLITE_DONE)
      count = -1;
  }
  g_rec_mutex_unlock (&self->lock);
  if (count >= 0 && others != NULL)
    *others = g_strv_builder_end (names);
  return count;
}
