/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "ruhu-blob-ref.h"
#include "ruhu-blob-refs.h"
#include "ruhu-blob-store.h"
#include "ruhu-sqlite.h"

/* The feed holds every version ever applied, so a reference, once made,
 * stays: a photo replaced in a field is still in that field's history,
 * which the same callers pull. Catching up reads only what the feed gained
 * since the cursor kept beside the references, so a restart costs nothing;
 * the first look-up on a data directory without the file reads the whole
 * feed once. The file holds nothing that is not in the feed: a damaged
 * one is thrown away and made again. It lags the store, never leads it,
 * except after cases.db is restored from a backup: delete it then. */

#define REFS_APPLICATION_ID 0x52756842  /* "RuhB" */
#define FEED_PAGE 1000

static const RuhuSqliteErrors sql_errors = {
  ruhu_blob_error_quark, RUHU_BLOB_ERROR_IO, RUHU_BLOB_ERROR_CORRUPT, RUHU_BLOB_ERROR_IO,
  RUHU_BLOB_ERROR_CORRUPT, RUHU_BLOB_ERROR_IO,
};

static const char * const migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE refs ("
  "  name TEXT NOT NULL, entity TEXT NOT NULL, field TEXT NOT NULL,"
  "  case_id TEXT NOT NULL, kind TEXT NOT NULL,"
  "  PRIMARY KEY (name, entity, field)) WITHOUT ROWID;"
  "CREATE TABLE cursor (id INTEGER PRIMARY KEY CHECK (id = 0), seq INTEGER NOT NULL);"
  "INSERT INTO cursor (id, seq) VALUES (0, 0);",
};

struct _RuhuBlobRefs
{
  RuhuStore   *store;
  RuhuFormSet *forms;
  GMutex       lock;
  RuhuSqlite  *sql;
  gint64       indexed;  /* the feed's sequence read up to */
};

void
ruhu_blob_ref_free (RuhuBlobRef *ref)
{
  g_free (ref->case_id);
  g_free (ref->entity);
  g_free (ref->kind);
  g_free (ref->field);
  g_free (ref);
}

static RuhuSqlite *
open_file (const char  *path,
           gint64      *indexed,
           GError     **error)
{
  g_autoptr(RuhuSqlite) sql = ruhu_sqlite_open_migrated (path, REFS_APPLICATION_ID, migrations,
                                                         G_N_ELEMENTS (migrations), &sql_errors,
                                                         error);

  /* Derived data: a commit lost to a power cut is read again from the
   * feed, so commits need not wait for the disk. */
  if (sql == NULL || !ruhu_sqlite_exec (sql, "PRAGMA synchronous = NORMAL", error) ||
      !ruhu_sqlite_query_int (sql, "SELECT seq FROM cursor", indexed, error))
    return NULL;
  return g_steal_pointer (&sql);
}

static void
remove_file (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/**
 * ruhu_blob_refs_open:
 * @path: the index's file, made if missing
 *
 * Returns: (transfer full): the index of @store's feed, or %NULL with
 *   @error set when the file cannot be made
 */
RuhuBlobRefs *
ruhu_blob_refs_open (const char   *path,
                     RuhuStore    *store,
                     RuhuFormSet  *forms,
                     GError      **error)
{
  g_autoptr(GError) damaged = NULL;
  RuhuBlobRefs *self;
  RuhuSqlite *sql;
  gint64 indexed = 0;

  if ((sql = open_file (path, &indexed, &damaged)) == NULL)
    {
      g_message ("Making the index of photo references again: %s", damaged->message);
      remove_file (path);
      if ((sql = open_file (path, &indexed, error)) == NULL)
        return NULL;
    }
  self = g_new0 (RuhuBlobRefs, 1);
  self->store = g_object_ref (store);
  self->forms = ruhu_form_set_ref (forms);
  self->sql = sql;
  self->indexed = indexed;
  g_mutex_init (&self->lock);
  return self;
}

void
ruhu_blob_refs_free (RuhuBlobRefs *self)
{
  g_clear_object (&self->store);
  g_clear_pointer (&self->forms, ruhu_form_set_unref);
  g_clear_pointer (&self->sql, ruhu_sqlite_close);
  g_mutex_clear (&self->lock);
  g_free (self);
}

static gboolean
add_op (RuhuBlobRefs  *self,
        const RuhuOp  *op,
        GError       **error)
{
  static const char sql[] =
    "INSERT OR IGNORE INTO refs (name, entity, field, case_id, kind) VALUES (?, ?, ?, ?, ?)";
  const char *name = ruhu_blob_ref_from_op (self->forms, op);
  g_autoptr(RuhuSqliteStmt) stmt = NULL;

  if (name == NULL)
    return TRUE;
  if ((stmt = ruhu_sqlite_stmt (self->sql, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, op->entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, op->field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, op->case_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, op->kind, -1, SQLITE_STATIC);
  return ruhu_sqlite_step_done (self->sql, stmt, error);
}

/* One page of the feed and the cursor past it, in one transaction. */
static gboolean
add_page (RuhuBlobRefs  *self,
          GPtrArray     *page,
          gint64         last,
          GError       **error)
{
  static const char sql[] = "UPDATE cursor SET seq = ? WHERE id = 0";
  g_autoptr(RuhuSqliteStmt) stmt = NULL;

  if (!ruhu_sqlite_begin (self->sql, error))
    return FALSE;
  for (guint i = 0; i < page->len; i++)
    if (!add_op (self, g_ptr_array_index (page, i), error))
      goto failed;
  if ((stmt = ruhu_sqlite_stmt (self->sql, sql, error)) == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, last);
  if (!ruhu_sqlite_step_done (self->sql, stmt, error))
    goto failed;
  g_clear_pointer (&stmt, ruhu_sqlite_stmt_release);
  if (!ruhu_sqlite_commit (self->sql, error))
    goto failed;
  self->indexed = last;
  return TRUE;

failed:
  g_clear_pointer (&stmt, ruhu_sqlite_stmt_release);
  ruhu_sqlite_rollback (self->sql);
  return FALSE;
}

static gboolean
catch_up_locked (RuhuBlobRefs  *self,
                 GError       **error)
{
  for (;;)
    {
      gint64 last = self->indexed;
      g_autoptr(GPtrArray) page = ruhu_store_feed_since (self->store, self->indexed, FEED_PAGE,
                                                         &last, error);

      if (page == NULL)
        return FALSE;
      if (last <= self->indexed)
        return TRUE;
      if (!add_page (self, page, last, error))
        return FALSE;
    }
}

static GPtrArray *
lookup_locked (RuhuBlobRefs  *self,
               const char    *name,
               GError       **error)
{
  static const char sql[] =
    "SELECT case_id, entity, kind, field FROM refs WHERE name = ? ORDER BY case_id";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);
  g_autoptr(GPtrArray) refs = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_blob_ref_free);
  gboolean has_row = TRUE;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  while (ruhu_sqlite_step_row (self->sql, stmt, &has_row, error) && has_row)
    {
      RuhuBlobRef *ref = g_new0 (RuhuBlobRef, 1);

      ref->case_id = ruhu_sqlite_column_dup (stmt, 0);
      ref->entity = ruhu_sqlite_column_dup (stmt, 1);
      ref->kind = ruhu_sqlite_column_dup (stmt, 2);
      ref->field = ruhu_sqlite_column_dup (stmt, 3);
      g_ptr_array_add (refs, ref);
    }
  return has_row ? NULL : g_steal_pointer (&refs);
}

/**
 * ruhu_blob_refs_lookup:
 *
 * Returns: (transfer full) (element-type RuhuBlobRef) (nullable): every
 *   field that named @name in a version the store applied (empty if
 *   none); %NULL with @error set if the store or the index fails
 */
GPtrArray *
ruhu_blob_refs_lookup (RuhuBlobRefs  *self,
                       const char    *name,
                       GError       **error)
{
  GPtrArray *refs = NULL;

  g_mutex_lock (&self->lock);
  if (catch_up_locked (self, error))
    refs = lookup_locked (self, name, error);
  g_mutex_unlock (&self->lock);
  return refs;
}
