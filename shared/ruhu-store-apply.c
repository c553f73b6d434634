/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-store-private.h"

/* Applying operations from elsewhere and recording the server's rejections,
 * each batch in one transaction. */

/**
 * ruhu_store_load_entity:
 * @info: (out) (transfer full) (nullable): the entity, %NULL if unknown
 *
 * Returns: %FALSE only on a database error
 */
gboolean
ruhu_store_load_entity (RuhuStore        *self,
                        const char       *entity,
                        RuhuEntityInfo  **info,
                        GError          **error)
{
  static const char sql[] = "SELECT kind, case_id, parent, deleted FROM entities WHERE id = ?";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);
  int rc;

  *info = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *info = g_new0 (RuhuEntityInfo, 1);
      (*info)->id = g_strdup (entity);
      (*info)->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      (*info)->case_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      (*info)->parent = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      (*info)->deleted = sqlite3_column_int (stmt, 3);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    return ruhu_sqlite_set_error (self->sql, error);
  return TRUE;
}

void
ruhu_entity_info_free (RuhuEntityInfo *info)
{
  g_free (info->id);
  g_free (info->kind);
  g_free (info->case_id);
  g_free (info->parent);
  g_free (info);
}

static gboolean
insert_entity (RuhuStore     *self,
               const RuhuOp  *op,
               GError       **error)
{
  static const char sql[] =
    "INSERT INTO entities (id, kind, case_id, parent, deleted) VALUES (?, ?, ?, ?, 0)";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, op->entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, op->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, op->case_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, op->parent, -1, SQLITE_STATIC);
  return ruhu_sqlite_step_done (self->sql, stmt, error);
}

static gboolean
was_rejected (RuhuStore   *self,
              const char  *version,
              gboolean    *rejected,
              GError     **error)
{
  static const char sql[] = "SELECT 1 FROM rejections WHERE v = ?";
  g_autoptr(RuhuSqliteStmt) stmt = NULL;
  int rc;

  *rejected = FALSE;
  if (!self->has_rejections)
    return TRUE;
  stmt = ruhu_sqlite_stmt (self->sql, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, version, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return ruhu_sqlite_set_error (self->sql, error);
  *rejected = rc == SQLITE_ROW;
  return TRUE;
}

/* An entity's kind, case and parent are fixed by its first operation; an
 * operation that says otherwise is refused rather than moving data. */
static char *
describe_mismatch (const RuhuOp         *op,
                   const RuhuEntityInfo *row)
{
  if (strcmp (row->kind, op->kind) != 0)
    return g_strdup_printf (_("The entity %s is a %s, not a %s"), op->entity, row->kind, op->kind);
  if (strcmp (row->case_id, op->case_id) != 0)
    return g_strdup_printf (_("The entity %s belongs to another case"), op->entity);
  if (g_strcmp0 (row->parent, op->parent) != 0)
    return g_strdup_printf (_("The entity %s has another parent"), op->entity);
  return NULL;
}

void
ruhu_fresh_entity_free (RuhuFreshEntity *fresh)
{
  g_free (fresh->info.id);
  g_free (fresh->info.kind);
  g_free (fresh->info.case_id);
  g_free (fresh->info.parent);
  g_ptr_array_unref (fresh->fields);
  g_free (fresh);
}

static gboolean
fresh_wrote (const RuhuFreshEntity *fresh,
             const char            *field)
{
  for (guint i = 0; i < fresh->fields->len; i++)
    if (strcmp (g_ptr_array_index (fresh->fields, i), field) == 0)
      return TRUE;
  return FALSE;
}

/* The entity's row and the field's versions. An entity this batch made
 * had no versions before it, so its fields need no reading until the batch
 * writes them; an entity with no row has no versions at all. */
static gboolean
load_target (RuhuStore              *self,
             const RuhuOp           *op,
             RuhuEntityInfo        **loaded,
             const RuhuEntityInfo  **row,
             RuhuFreshEntity       **fresh,
             GArray                **versions,
             GError                **error)
{
  RuhuApplyBatch *batch = self->batch;

  *fresh = batch != NULL ? g_hash_table_lookup (batch->fresh, op->entity) : NULL;
  if (*fresh != NULL)
    {
      *row = &(*fresh)->info;
      if (!fresh_wrote (*fresh, op->field))
        {
          *versions = g_array_new (FALSE, FALSE, sizeof (RuhuFieldVersion));
          return TRUE;
        }
    }
  else
    {
      if (!ruhu_store_load_entity (self, op->entity, loaded, error))
        return FALSE;
      *row = *loaded;
      if (*row == NULL)
        {
          *versions = g_array_new (FALSE, FALSE, sizeof (RuhuFieldVersion));
          return TRUE;
        }
    }
  *versions = ruhu_store_load_field_versions (self, op->entity, op->field, error);
  return *versions != NULL;
}

/* Remembers what the batch wrote to an entity it made (@fresh), or makes
 * the entity (@made); a deletion changes the row, so such an entity is
 * read from the database again. */
static void
note_written (RuhuStore        *self,
              const RuhuOp     *op,
              RuhuFreshEntity  *fresh,
              gboolean          made)
{
  RuhuApplyBatch *batch = self->batch;

  if (batch == NULL)
    return;
  if (strcmp (op->field, RUHU_FIELD_DELETED) == 0)
    {
      g_hash_table_remove (batch->fresh, op->entity);
      return;
    }
  if (made)
    {
      fresh = g_new0 (RuhuFreshEntity, 1);
      fresh->info.id = g_strdup (op->entity);
      fresh->info.kind = g_strdup (op->kind);
      fresh->info.case_id = g_strdup (op->case_id);
      fresh->info.parent = g_strdup (op->parent);
      fresh->fields = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (batch->fresh, fresh->info.id, fresh);
    }
  if (fresh != NULL)
    g_ptr_array_add (fresh->fields, g_strdup (op->field));
}

static RuhuApplyStatus
check_clock (RuhuStore     *self,
             const RuhuOp  *op,
             char         **message)
{
  g_autoptr(GError) clock_error = NULL;
  RuhuHlc hlc;

  if (!ruhu_version_parse (op->version, &hlc, NULL, &clock_error) ||
      !ruhu_hlc_clock_observe (self->clock, &hlc, &clock_error))
    {
      *message = g_strdup (clock_error->message);
      return RUHU_APPLY_INVALID;
    }
  return RUHU_APPLY_APPLIED;
}

/**
 * ruhu_store_apply_one:
 * @local: whether this device wrote @op (its clock then issued the version);
 *   the rule hook is for operations from elsewhere
 * @code: (out) (transfer full): the rule hook's code, for %RUHU_APPLY_REFUSED
 * @message: (out) (transfer full): why, for %RUHU_APPLY_INVALID and
 *   %RUHU_APPLY_REFUSED
 *
 * Returns: the outcome; %RUHU_APPLY_INVALID with @error set means a database
 *   failure, and the caller must roll the transaction back
 */
RuhuApplyStatus
ruhu_store_apply_one (RuhuStore  *self,
                      RuhuOp     *op,
                      gboolean    local,
                      char      **code,
                      char      **message,
                      GError    **error)
{
  g_autoptr(RuhuEntityInfo) loaded = NULL;
  const RuhuEntityInfo *row = NULL;
  RuhuFreshEntity *fresh = NULL;
  g_autoptr(GArray) versions = NULL;
  RuhuStoreRuleFunc hook = self->batch != NULL ? self->batch->hook : self->rule_hook;
  gpointer hook_data = self->batch != NULL ? self->batch->hook_data : self->rule_data;
  gboolean rejected = FALSE, was_deleted;

  *code = NULL;
  *message = NULL;
  if (!was_rejected (self, op->version, &rejected, error))
    return RUHU_APPLY_INVALID;
  if (rejected)
    return RUHU_APPLY_REJECTED_BEFORE;

  /* One read of the field serves both the duplicate check and the merge. */
  if (!load_target (self, op, &loaded, &row, &fresh, &versions, error))
    return RUHU_APPLY_INVALID;
  for (guint i = 0; i < versions->len; i++)
    {
      RuhuFieldVersion *fv = &g_array_index (versions, RuhuFieldVersion, i);

      if (strcmp (fv->version, op->version) != 0)
        continue;
      if (strcmp (fv->op_id, op->id) == 0)
        return RUHU_APPLY_DUPLICATE;
      *message = g_strdup_printf (_("The version %s is already used by another operation"),
                                  op->version);
      return RUHU_APPLY_INVALID;
    }

  if (row != NULL && (*message = describe_mismatch (op, row)) != NULL)
    return RUHU_APPLY_INVALID;
  was_deleted = row != NULL && row->deleted;

  if (!local && hook != NULL && !hook (self, op, code, message, hook_data))
    {
      if (*message == NULL)
        *message = g_strdup (_("The server's rules refused this change"));
      return RUHU_APPLY_REFUSED;
    }

  if (!local && check_clock (self, op, message) != RUHU_APPLY_APPLIED)
    return RUHU_APPLY_INVALID;

  if ((row == NULL && !insert_entity (self, op, error)) ||
      !ruhu_store_merge_field (self, op->entity, op->case_id, op->field, versions, op, FALSE,
                               error))
    return RUHU_APPLY_INVALID;

  if ((was_deleted || strcmp (op->field, RUHU_FIELD_DELETED) == 0) &&
      !ruhu_store_recompute_deletion (self, op->entity, op->case_id, was_deleted, error))
    return RUHU_APPLY_INVALID;

  note_written (self, op, fresh, row == NULL);
  return RUHU_APPLY_APPLIED;
}

void
ruhu_apply_result_clear (RuhuApplyResult *result)
{
  g_clear_pointer (&result->code, g_free);
  g_clear_pointer (&result->message, g_free);
}

/**
 * ruhu_store_set_rule_hook:
 * @func: (nullable): the rules, or %NULL for none
 */
void
ruhu_store_set_rule_hook (RuhuStore         *self,
                          RuhuStoreRuleFunc  func,
                          gpointer           user_data)
{
  g_return_if_fail (RUHU_IS_STORE (self));
  self->rule_hook = func;
  self->rule_data = user_data;
}

static gboolean
remove_version (RuhuStore     *self,
                const RuhuOp  *op,
                GError       **error)
{
  static const char version_sql[] = "DELETE FROM versions WHERE entity = ? AND field = ? AND v = ?";
  static const char outbox_sql[] = "DELETE FROM outbox WHERE v = ?";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, version_sql, error);
  g_autoptr(RuhuSqliteStmt) outbox = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, op->entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, op->field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, op->version, -1, SQLITE_STATIC);
  if (!ruhu_sqlite_step_done (self->sql, stmt, error))
    return FALSE;

  outbox = ruhu_sqlite_stmt (self->sql, outbox_sql, error);
  if (outbox == NULL)
    return FALSE;
  sqlite3_bind_text (outbox, 1, op->version, -1, SQLITE_STATIC);
  return ruhu_sqlite_step_done (self->sql, outbox, error);
}

static gboolean
record_rejection (RuhuStore     *self,
                  const RuhuOp  *op,
                  const char    *reason,
                  GError       **error)
{
  static const char sql[] =
    "INSERT INTO rejections (v, op_id, entity, kind, case_id, parent, field, value, bases,"
    " actor, reason, rejected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, op->version, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, op->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, op->entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, op->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, op->case_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, op->parent, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, op->field, -1, SQLITE_STATIC);
  if (!ruhu_store_bind_value (self, stmt, 8, op->entity, op->field, op->version, op->value, error))
    return FALSE;
  sqlite3_bind_text (stmt, 9, ruhu_store_join_bases (op->bases), -1, g_free);
  sqlite3_bind_text (stmt, 10, op->actor, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, reason, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 12, g_get_real_time () / G_USEC_PER_SEC);
  return ruhu_sqlite_step_done (self->sql, stmt, error);
}

/* An entity exists where some version of it does: one whose only versions
 * were rejected goes, as it never reached any other replica. */
static gboolean
forget_empty_entity (RuhuStore   *self,
                     const char  *entity,
                     GError     **error)
{
  static const char sql[] =
    "DELETE FROM entities WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM versions WHERE entity = ?1)";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  return ruhu_sqlite_step_done (self->sql, stmt, error);
}

/**
 * ruhu_store_reject:
 * @op: the operation the server refused
 * @reason: the server's reason, shown to the user
 *
 * Removes the version (if this store has it) and keeps it, with @reason,
 * among the rejections, so it is never applied again and never vanishes
 * without a trace. Repeating a rejection changes nothing.
 */
gboolean
ruhu_store_reject (RuhuStore     *self,
                   const RuhuOp  *op,
                   const char    *reason,
                   GError       **error)
{
  g_autoptr(RuhuEntityInfo) row = NULL;
  gboolean rejected = FALSE, ok;

  g_return_val_if_fail (RUHU_IS_STORE (self), FALSE);
  g_return_val_if_fail (op != NULL && reason != NULL, FALSE);

  g_rec_mutex_lock (&self->lock);
  ok = ruhu_sqlite_begin (self->sql, error) &&
       was_rejected (self, op->version, &rejected, error);
  if (ok && !rejected)
    {
      self->has_rejections = TRUE;
      ok = remove_version (self, op, error) &&
           record_rejection (self, op, reason, error) &&
           ruhu_store_load_entity (self, op->entity, &row, error);
      if (ok && row != NULL)
        ok = forget_empty_entity (self, op->entity, error) &&
             ruhu_store_recompute_field (self, op->entity, row->case_id, op->field, error) &&
             (!(row->deleted || strcmp (op->field, RUHU_FIELD_DELETED) == 0) ||
              ruhu_store_recompute_deletion (self, op->entity, row->case_id, row->deleted,
                                             error));
    }
  ok = ok && ruhu_sqlite_commit (self->sql, error);
  if (!ok)
    ruhu_sqlite_rollback (self->sql);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}
