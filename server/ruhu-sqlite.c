/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ruhu-sqlite.h"

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

gboolean
ruhu_sqlite_set_error (RuhuSqlite  *self,
                       GError     **error)
{
  g_set_error (error, self->domain, self->code,
               _("The database %s could not be used: %s"),
               self->path, sqlite3_errmsg (self->db));
  return FALSE;
}

gboolean
ruhu_sqlite_exec (RuhuSqlite  *self,
                  const char  *sql,
                  GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return ruhu_sqlite_set_error (self, error);
  return TRUE;
}

/**
 * ruhu_sqlite_stmt:
 * @sql: static SQL text; it is the cache key, so it must outlive @self
 *
 * Returns: (transfer none): the prepared statement, or %NULL with @error set
 */
RuhuSqliteStmt *
ruhu_sqlite_stmt (RuhuSqlite  *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    return stmt;
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      ruhu_sqlite_set_error (self, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
ruhu_sqlite_step_done (RuhuSqlite    *self,
                       sqlite3_stmt  *stmt,
                       GError       **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return ruhu_sqlite_set_error (self, error);
  return TRUE;
}

/* Steps once: TRUE with @has_row for a row or the end, FALSE on an error. */
gboolean
ruhu_sqlite_step_row (RuhuSqlite    *self,
                      sqlite3_stmt  *stmt,
                      gboolean      *has_row,
                      GError       **error)
{
  int rc = sqlite3_step (stmt);

  *has_row = rc == SQLITE_ROW;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return ruhu_sqlite_set_error (self, error);
  return TRUE;
}

/* IMMEDIATE: take the write lock at once, so a read-then-write
 * transaction never fails half-way on another process's write. */
gboolean
ruhu_sqlite_begin (RuhuSqlite  *self,
                   GError     **error)
{
  return ruhu_sqlite_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
ruhu_sqlite_commit (RuhuSqlite  *self,
                    GError     **error)
{
  return ruhu_sqlite_exec (self, "COMMIT", error);
}

void
ruhu_sqlite_rollback (RuhuSqlite *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

char *
ruhu_sqlite_column_dup (sqlite3_stmt *stmt,
                        int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
query_int (RuhuSqlite  *self,
           const char  *sql,
           gint64      *out,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return ruhu_sqlite_set_error (self, error);
  rc = sqlite3_step (stmt);
  *out = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return ruhu_sqlite_set_error (self, error);
  return TRUE;
}

/* SQLite takes a file shorter than a page for an empty database and would
 * write its schema over it: look at the header first. */
static gboolean
looks_like_sqlite (const char *path)
{
  static const char magic[16] = "SQLite format 3";
  FILE *file = g_fopen (path, "rb");
  char header[sizeof magic] = { 0 };
  gsize got;

  if (file == NULL)
    return TRUE;  /* let SQLite report why it cannot be read */
  got = fread (header, 1, sizeof header, file);
  fclose (file);
  return got == 0 || (got == sizeof header && memcmp (header, magic, sizeof magic) == 0);
}

static gboolean
refuse_foreign (RuhuSqlite *self,
                GError    **error)
{
  g_set_error (error, self->domain, self->code,
               _("%s is not a database of the Ruhu server, or its header is damaged. "
                 "It was left untouched."), self->path);
  return FALSE;
}

/* Only reads happen until the file is known to be ours. */
static gboolean
check_identity (RuhuSqlite  *self,
                guint32      application_id,
                guint        n_migrations,
                gint64      *version,
                GError     **error)
{
  gint64 found_id, n_objects;

  if (!query_int (self, "PRAGMA application_id", &found_id, NULL) ||
      !query_int (self, "PRAGMA user_version", version, NULL) ||
      !query_int (self, "SELECT count(*) FROM sqlite_master", &n_objects, NULL))
    return refuse_foreign (self, error);
  if (found_id == 0 && n_objects == 0)
    {
      *version = 0;  /* a new, empty file: ours to set up */
      return TRUE;
    }
  if (found_id != (gint64) application_id)
    return refuse_foreign (self, error);
  if (*version > (gint64) n_migrations)
    {
      g_set_error (error, self->domain, self->code,
                   _("%s was written by a newer version of Ruhu (data format %d; this "
                     "version reads up to %d). Update Ruhu to open it. It was left untouched."),
                   self->path, (int) *version, (int) n_migrations);
      return FALSE;
    }
  return TRUE;
}

/* Each migration i upgrades version i to i + 1, in one transaction with
 * the new version number. */
static gboolean
migrate (RuhuSqlite          *self,
         guint32              application_id,
         const char * const  *migrations,
         guint                n_migrations,
         gint64               from,
         GError             **error)
{
  g_autofree char *set_version = NULL;

  if (from == (gint64) n_migrations)
    return TRUE;
  /* PRAGMA takes no bound parameters; these are our own integers. */
  set_version = g_strdup_printf ("PRAGMA application_id = %u; PRAGMA user_version = %u",
                                 application_id, n_migrations);
  if (!ruhu_sqlite_begin (self, error))
    return FALSE;
  for (gint64 v = from; v < (gint64) n_migrations; v++)
    if (!ruhu_sqlite_exec (self, migrations[v], error))
      goto fail;
  if (ruhu_sqlite_exec (self, set_version, error) && ruhu_sqlite_commit (self, error))
    return TRUE;
fail:
  ruhu_sqlite_rollback (self);
  return FALSE;
}

static gboolean
configure (RuhuSqlite  *self,
           GError     **error)
{
  sqlite3_busy_timeout (self->db, 10000);
  sqlite3_extended_result_codes (self->db, TRUE);
  /* Accounts and the audit trail must survive a crash like case data. */
  return ruhu_sqlite_exec (self,
                           "PRAGMA journal_mode = WAL;"
                           "PRAGMA synchronous = FULL;"
                           "PRAGMA foreign_keys = ON;"
                           "PRAGMA trusted_schema = OFF;",
                           error);
}

/**
 * ruhu_sqlite_open:
 * @migrations: (array length=n_migrations): the schema, one step per version
 * @domain: the owner's error domain, with @code for every failure
 *
 * Opens @path, creating it if it does not exist, and brings its schema up
 * to date. A file of another program or of a newer version is refused and
 * left untouched.
 *
 * Returns: (transfer full): the connection, or %NULL with @error set
 */
RuhuSqlite *
ruhu_sqlite_open (const char          *path,
                  guint32              application_id,
                  const char * const  *migrations,
                  guint                n_migrations,
                  GQuark               domain,
                  int                  code,
                  GError             **error)
{
  g_autoptr(RuhuSqlite) self = g_new0 (RuhuSqlite, 1);
  gint64 version = 0;

  self->path = g_strdup (path);
  self->domain = domain;
  self->code = code;
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
  if (!looks_like_sqlite (path))
    {
      refuse_foreign (self, error);
      return NULL;
    }
  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                       NULL) != SQLITE_OK)
    {
      ruhu_sqlite_set_error (self, error);
      return NULL;
    }
  if (!check_identity (self, application_id, n_migrations, &version, error) ||
      !configure (self, error) ||
      !migrate (self, application_id, migrations, n_migrations, version, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
ruhu_sqlite_close (RuhuSqlite *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self);
}
