/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-merge.h"
#include "ruhu-store-private.h"

/* Applying operations: insert the version, then recompute the field's heads
 * and conflicts from the full set of its versions (ruhu_merge_heads()), and
 * the entity's deletion state. Everything here runs inside a transaction
 * that the caller holds. */

static void
field_version_clear (gpointer data)
{
  RuhuFieldVersion *fv = data;

  g_free (fv->version);
  g_free (fv->op_id);
  g_strfreev (fv->bases);
}

/**
 * ruhu_store_load_field_versions:
 *
 * Returns: (transfer full) (element-type RuhuFieldVersion) (nullable):
 *   every version of the field, with its cached state
 */
GArray *
ruhu_store_load_field_versions (RuhuStore   *self,
                                const char  *entity,
                                const char  *field,
                                GError     **error)
{
  static const char sql[] =
    "SELECT v, bases, state, op_id FROM versions WHERE entity = ? AND field = ?";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);
  g_autoptr(GArray) versions = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  versions = g_array_new (FALSE, FALSE, sizeof (RuhuFieldVersion));
  g_array_set_clear_func (versions, field_version_clear);
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RuhuFieldVersion fv = {
        g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 3)),
        ruhu_store_split_bases ((const char *) sqlite3_column_text (stmt, 1)),
        sqlite3_column_int (stmt, 2),
      };
      g_array_append_val (versions, fv);
    }
  if (rc != SQLITE_DONE)
    {
      ruhu_sqlite_set_error (self->sql, error);
      return NULL;
    }
  return g_steal_pointer (&versions);
}

static gboolean
set_state (RuhuStore   *self,
           const char  *entity,
           const char  *field,
           const char  *version,
           int          state,
           GError     **error)
{
  static const char sql[] = "UPDATE versions SET state = ? WHERE entity = ? AND field = ? AND v = ?";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, state);
  sqlite3_bind_text (stmt, 2, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, version, -1, SQLITE_STATIC);
  return ruhu_sqlite_step_done (self->sql, stmt, error);
}

static char *
read_version_value (RuhuStore   *self,
                    const char  *entity,
                    const char  *field,
                    const char  *version,
                    GError     **error)
{
  static const char sql[] = "SELECT value FROM versions WHERE entity = ? AND field = ? AND v = ?";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, version, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      ruhu_sqlite_set_error (self->sql, error);
      return NULL;
    }
  return ruhu_store_read_value (self, stmt, 0, entity, field, version, error);
}

static gboolean
set_conflict (RuhuStore         *self,
              const char        *entity,
              const char        *case_id,
              const char        *field,
              RuhuConflictKind   kind,
              gboolean           open,
              GError           **error)
{
  static const char insert_sql[] =
    "INSERT OR IGNORE INTO conflicts (entity, field, kind, case_id) VALUES (?, ?, ?, ?)";
  static const char delete_sql[] =
    "DELETE FROM conflicts WHERE entity = ? AND field = ? AND kind = ?";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, open ? insert_sql : delete_sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, kind);
  if (open)
    sqlite3_bind_text (stmt, 4, case_id, -1, SQLITE_STATIC);
  return ruhu_sqlite_step_done (self->sql, stmt, error);
}

/* Several heads are a conflict only if their values differ: two people
 * typing the same thing concurrently agree. */
static gboolean
heads_disagree (RuhuStore           *self,
                const char          *entity,
                const char          *field,
                const RuhuMergeItem *items,
                GArray              *heads,
                gboolean            *disagree,
                GError             **error)
{
  g_autofree char *first = NULL;

  *disagree = FALSE;
  for (guint i = 0; i < heads->len && !*disagree; i++)
    {
      const char *version = items[g_array_index (heads, guint, i)].version;
      g_autofree char *text = read_version_value (self, entity, field, version, error);

      if (text == NULL)
        return FALSE;
      if (first == NULL)
        first = g_steal_pointer (&text);
      else
        *disagree = strcmp (first, text) != 0;
    }
  return TRUE;
}

static gboolean
insert_version (RuhuStore     *self,
                const RuhuOp  *op,
                int            state,
                GError       **error)
{
  static const char sql[] =
    "INSERT INTO versions (entity, field, v, op_id, value, bases, actor, state, seq)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, op->entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, op->field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, op->version, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, op->id, -1, SQLITE_STATIC);
  if (!ruhu_store_bind_value (self, stmt, 5, op->entity, op->field, op->version, op->value, error))
    return FALSE;
  sqlite3_bind_text (stmt, 6, ruhu_store_join_bases (op->bases), -1, g_free);
  sqlite3_bind_text (stmt, 7, op->actor, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 8, state);
  sqlite3_bind_int64 (stmt, 9, self->next_seq);
  if (!ruhu_sqlite_step_done (self->sql, stmt, error))
    return FALSE;
  self->next_seq++;
  return TRUE;
}

/**
 * ruhu_store_merge_field:
 * @versions: (element-type RuhuFieldVersion): the field's stored versions,
 *   as ruhu_store_load_field_versions() gives them
 * @new_op: (nullable): a version to add, not stored yet
 * @after_removal: a version was just removed, so the cached states no
 *   longer tell whether a conflict was open
 *
 * Stores @new_op (if any) and brings the cached states (superseded, head,
 * displayed) and the value conflict of the field in line with its set of
 * versions. The new version is inserted with its final state, so a plain
 * edit costs one insert.
 */
gboolean
ruhu_store_merge_field (RuhuStore     *self,
                        const char    *entity,
                        const char    *case_id,
                        const char    *field,
                        GArray        *versions,
                        const RuhuOp  *new_op,
                        gboolean       after_removal,
                        GError       **error)
{
  guint n_items = versions->len + (new_op != NULL);
  g_autofree RuhuMergeItem *items = g_new (RuhuMergeItem, n_items);
  g_autoptr(GArray) heads = NULL;
  guint old_heads = 0;
  gboolean disagree = FALSE;

  for (guint i = 0; i < versions->len; i++)
    {
      RuhuFieldVersion *fv = &g_array_index (versions, RuhuFieldVersion, i);

      items[i].version = fv->version;
      items[i].bases = (const char * const *) fv->bases;
      old_heads += fv->state != VERSION_SUPERSEDED;
    }
  if (new_op != NULL)
    {
      items[versions->len].version = new_op->version;
      items[versions->len].bases = (const char * const *) new_op->bases;
    }
  heads = ruhu_merge_heads (items, n_items);

  for (guint i = 0; i < n_items; i++)
    {
      int state = VERSION_SUPERSEDED;

      for (guint h = 0; h < heads->len; h++)
        if (g_array_index (heads, guint, h) == i)
          state = h == 0 ? VERSION_DISPLAYED : VERSION_HEAD;
      if (i == versions->len)
        {
          if (!insert_version (self, new_op, state, error))
            return FALSE;
        }
      else if (state != g_array_index (versions, RuhuFieldVersion, i).state &&
               !set_state (self, entity, field, items[i].version, state, error))
        return FALSE;
    }

  if (heads->len <= 1 && old_heads <= 1 && !after_removal)
    return TRUE;  /* no conflict before or after */
  if (heads->len > 1 &&
      !heads_disagree (self, entity, field, items, heads, &disagree, error))
    return FALSE;
  return set_conflict (self, entity, case_id, field, RUHU_CONFLICT_VALUES, disagree, error);
}

/**
 * ruhu_store_recompute_field:
 *
 * Recomputes a field after one of its versions was removed.
 */
gboolean
ruhu_store_recompute_field (RuhuStore   *self,
                            const char  *entity,
                            const char  *case_id,
                            const char  *field,
                            GError     **error)
{
  g_autoptr(GArray) versions = ruhu_store_load_field_versions (self, entity, field, error);

  return versions != NULL &&
         ruhu_store_merge_field (self, entity, case_id, field, versions, NULL, TRUE, error);
}

static void
head_ref_free (gpointer data)
{
  char **pair = data;

  g_strfreev (pair);
}

/**
 * ruhu_store_unseen_edits:
 * @deletions: (out) (optional) (transfer full): versions of the current
 *   deletion markers (heads of `_deleted` whose value is true)
 *
 * The edits a deletion did not see: heads of the entity's other fields that
 * no true-valued `_deleted` head names among its bases. A deletion sees what
 * its writer saw, so these are exactly the edits concurrent with it.
 *
 * Returns: (transfer full) (element-type GStrv): {field, version} pairs
 */
GPtrArray *
ruhu_store_unseen_edits (RuhuStore   *self,
                         const char  *entity,
                         GPtrArray  **deletions,
                         GError     **error)
{
  static const char sql[] =
    "SELECT field, v, bases FROM versions WHERE entity = ? AND state > 0";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);
  g_autoptr(GPtrArray) edits = g_ptr_array_new_with_free_func (head_ref_free);
  g_autoptr(GPtrArray) markers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) unseen = g_ptr_array_new_with_free_func (head_ref_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *field = (const char *) sqlite3_column_text (stmt, 0);
      const char *version = (const char *) sqlite3_column_text (stmt, 1);

      if (strcmp (field, RUHU_FIELD_DELETED) != 0)
        {
          char *pair[] = { (char *) field, (char *) version, NULL };
          g_ptr_array_add (edits, g_strdupv (pair));
          continue;
        }
      g_ptr_array_add (markers, g_strdup (version));
      g_ptr_array_add (markers, g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
    }
  if (rc != SQLITE_DONE)
    {
      ruhu_sqlite_set_error (self->sql, error);
      return NULL;
    }
  ruhu_sqlite_stmt_release (stmt);

  if (deletions != NULL)
    *deletions = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < markers->len; i += 2)
    {
      const char *version = g_ptr_array_index (markers, i);
      g_autofree char *text = read_version_value (self, entity, RUHU_FIELD_DELETED, version, error);
      g_auto(GStrv) bases = NULL;

      if (text == NULL)
        return NULL;
      if (strcmp (text, "true") != 0)
        continue;
      if (deletions != NULL)
        g_ptr_array_add (*deletions, g_strdup (version));
      bases = ruhu_store_split_bases (g_ptr_array_index (markers, i + 1));
      for (guint j = 0; bases[j] != NULL; j++)
        g_hash_table_add (seen, g_steal_pointer (&bases[j]));
    }

  for (guint i = 0; i < edits->len; i++)
    {
      char **pair = g_ptr_array_index (edits, i);

      if (!g_hash_table_contains (seen, pair[1]))
        g_ptr_array_add (unseen, g_strdupv (pair));
    }
  return g_steal_pointer (&unseen);
}

/* The entity is deleted when the displayed value of `_deleted` is true; a
 * deletion that did not see every head is a conflict, never a silent loss. */
gboolean
ruhu_store_recompute_deletion (RuhuStore   *self,
                               const char  *entity,
                               const char  *case_id,
                               gboolean     was_deleted,
                               GError     **error)
{
  static const char displayed_sql[] =
    "SELECT v FROM versions WHERE entity = ? AND field = '" RUHU_FIELD_DELETED "' AND state = 2";
  static const char update_sql[] = "UPDATE entities SET deleted = ? WHERE id = ?";
  g_autofree char *displayed = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) unseen = NULL;
  gboolean deleted = FALSE;

  {
    g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, displayed_sql, error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
    if (sqlite3_step (stmt) == SQLITE_ROW)
      displayed = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  }
  if (displayed != NULL)
    {
      text = read_version_value (self, entity, RUHU_FIELD_DELETED, displayed, error);
      if (text == NULL)
        return FALSE;
      deleted = strcmp (text, "true") == 0;
    }

  if (deleted != was_deleted)
    {
      g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, update_sql, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, deleted);
      sqlite3_bind_text (stmt, 2, entity, -1, SQLITE_STATIC);
      if (!ruhu_sqlite_step_done (self->sql, stmt, error))
        return FALSE;
    }

  if (deleted)
    {
      unseen = ruhu_store_unseen_edits (self, entity, NULL, error);
      if (unseen == NULL)
        return FALSE;
    }
  return set_conflict (self, entity, case_id, RUHU_FIELD_DELETED, RUHU_CONFLICT_DELETE_EDIT,
                       unseen != NULL && unseen->len > 0, error);
}
