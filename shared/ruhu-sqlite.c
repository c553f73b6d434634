/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ruhu-sqlite.h"

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/**
 * ruhu_sqlite_set_error:
 *
 * Turns SQLite's last error into a #GError in the owner's domain. Damage
 * gets its own code and words, because the remedy differs.
 *
 * Returns: %FALSE, for `return ruhu_sqlite_set_error (self, error);`
 */
gboolean
ruhu_sqlite_set_error (RuhuSqlite  *self,
                       GError     **error)
{
  int code = sqlite3_errcode (self->db) & 0xff;

  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
    g_set_error (error, self->errors->domain (), self->errors->corrupt,
                 _("The database %s is damaged (%s). Nothing was changed. "
                   "Restore it from a backup."),
                 self->path, sqlite3_errmsg (self->db));
  else
    g_set_error (error, self->errors->domain (), self->errors->database,
                 _("Database error in %s: %s"), self->path, sqlite3_errmsg (self->db));
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
 * transaction never fails half-way on another connection's write. */
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
  if (!ruhu_sqlite_exec (self, "COMMIT", error))
    {
      ruhu_sqlite_rollback (self);
      return FALSE;
    }
  return TRUE;
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

/**
 * ruhu_sqlite_query_int:
 *
 * Runs a one-off query for one integer (0 when there is no row).
 */
gboolean
ruhu_sqlite_query_int (RuhuSqlite  *self,
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
refuse_foreign (RuhuSqlite  *self,
                GError     **error)
{
  g_set_error (error, self->errors->domain (), self->errors->foreign,
               _("%s is not a Ruhu database, or its header is damaged. "
                 "It was left untouched."), self->path);
  return FALSE;
}

/* Only reads happen until the file is known to be ours. */
static gboolean
check_identity (RuhuSqlite  *self,
                guint32      application_id,
                gint64       schema_version,
                gint64      *version,
                gboolean    *empty,
                GError     **error)
{
  gint64 found_id, n_objects;

  if (!ruhu_sqlite_query_int (self, "PRAGMA application_id", &found_id, NULL) ||
      !ruhu_sqlite_query_int (self, "PRAGMA user_version", version, NULL) ||
      !ruhu_sqlite_query_int (self, "SELECT count(*) FROM sqlite_master", &n_objects, NULL))
    return refuse_foreign (self, error);
  *empty = found_id == 0 && n_objects == 0;
  if (*empty)
    {
      *version = 0;  /* a new, empty file: ours to set up */
      return TRUE;
    }
  if (found_id != (gint64) application_id)
    return refuse_foreign (self, error);
  if (*version > schema_version)
    {
      g_set_error (error, self->errors->domain (), self->errors->too_new,
                   _("%s was written by a newer version of Ruhu (data format %d; this "
                     "version reads up to %d). Update Ruhu to open it. It was left untouched."),
                   self->path, (int) *version, (int) schema_version);
      return FALSE;
    }
  return TRUE;
}

/**
 * ruhu_sqlite_check:
 * @full: PRAGMA integrity_check rather than the quicker quick_check
 *
 * Returns: %FALSE with the owner's corrupt code if the file is damaged
 */
gboolean
ruhu_sqlite_check (RuhuSqlite  *self,
                   gboolean     full,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *verdict = NULL;
  const char *pragma = full ? "PRAGMA integrity_check(1)" : "PRAGMA quick_check(1)";

  if (sqlite3_prepare_v2 (self->db, pragma, -1, &stmt, NULL) != SQLITE_OK)
    return ruhu_sqlite_set_error (self, error);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    verdict = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  if (g_strcmp0 (verdict, "ok") != 0)
    {
      g_set_error (error, self->errors->domain (), self->errors->corrupt,
                   _("The database %s is damaged (%s). It was left untouched. "
                     "Restore it from a backup."),
                   self->path, verdict != NULL ? verdict : sqlite3_errmsg (self->db));
      return FALSE;
    }
  return TRUE;
}

/**
 * ruhu_sqlite_migrate:
 * @migrations: (array length=n_migrations): entry i upgrades version i to i + 1
 *
 * Brings the schema from @from_version up to date and marks the file as
 * ours. Runs inside the caller's transaction, so that the caller can put
 * more (a new store's identity and keys) in the same one.
 */
gboolean
ruhu_sqlite_migrate (RuhuSqlite          *self,
                     guint32              application_id,
                     const char * const  *migrations,
                     guint                n_migrations,
                     gint64               from_version,
                     GError             **error)
{
  g_autofree char *set_version = NULL;

  for (gint64 v = from_version; v < (gint64) n_migrations; v++)
    if (!ruhu_sqlite_exec (self, migrations[v], error))
      return FALSE;
  /* PRAGMA takes no bound parameters; these are our own integers. */
  set_version = g_strdup_printf ("PRAGMA application_id = %u; PRAGMA user_version = %u",
                                 application_id, n_migrations);
  return ruhu_sqlite_exec (self, set_version, error);
}

/* SQLite keeps allocation statistics under a global mutex, taken for
 * every one of its allocations: dozens per stored version. Nothing here
 * reads them. The setting only takes before SQLite starts; if another
 * library in the process started it first, it stays on, which is only
 * slower. */
static void
configure_library (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      if (sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK)
        g_debug ("SQLite was started before Ruhu opened a database: allocation statistics stay on");
      g_once_init_leave (&done, 1);
    }
}

/* Bytes per page of a new file. A first sync appends a million versions
 * or more at the end of the version b-tree: with 16 KiB pages SQLite
 * splits and rewrites a page a quarter as often as with its 4 KiB default,
 * and that insert costs a fifth less CPU (docs/benchmarks.md). Only an
 * empty file can take it; older files keep the size they were made with. */
#define NEW_FILE_PAGE_SIZE "16384"

static gboolean
configure (RuhuSqlite  *self,
           gboolean     empty,
           GError     **error)
{
  sqlite3_busy_timeout (self->db, 10000);
  sqlite3_extended_result_codes (self->db, TRUE);
  /* Before WAL: a WAL file fixes the page size. */
  if (empty && !ruhu_sqlite_exec (self, "PRAGMA page_size = " NEW_FILE_PAGE_SIZE, error))
    return FALSE;
  /* Nothing we keep may be lost in a crash: WAL with a full sync at each commit. */
  return ruhu_sqlite_exec (self,
                           "PRAGMA journal_mode = WAL;"
                           "PRAGMA synchronous = FULL;"
                           "PRAGMA foreign_keys = ON;"
                           "PRAGMA trusted_schema = OFF;",
                           error);
}

/**
 * ruhu_sqlite_open:
 * @path: a file, or ":memory:"
 * @schema_version: the newest schema this code knows
 * @errors: the owner's domain and codes; must outlive the connection
 * @found_version: (out): the file's schema version, 0 for a new file
 *
 * Opens @path and checks that it is ours (or new and empty), not newer than
 * @schema_version, and (with %RUHU_SQLITE_OPEN_QUICK_CHECK) not damaged. A
 * file that fails is left byte for byte as it was. Migrating is the
 * caller's next step (ruhu_sqlite_migrate()).
 *
 * Returns: (transfer full): the connection, or %NULL with @error set
 */
RuhuSqlite *
ruhu_sqlite_open (const char              *path,
                  RuhuSqliteOpenFlags      flags,
                  guint32                  application_id,
                  gint64                   schema_version,
                  const RuhuSqliteErrors  *errors,
                  gint64                  *found_version,
                  GError                 **error)
{
  g_autoptr(RuhuSqlite) self = g_new0 (RuhuSqlite, 1);
  gboolean in_memory = g_str_equal (path, ":memory:");
  gboolean exists = in_memory || g_file_test (path, G_FILE_TEST_EXISTS);
  gboolean empty = FALSE;
  /* No mutex of SQLite's own per connection: every owner already
   * serialises its calls (and must, for the statement cache), and SQLite's
   * would be taken again at every bind, step and read of a column. */
  int sqlite_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

  self->path = g_strdup (path);
  self->errors = errors;
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);

  if (!exists && !(flags & RUHU_SQLITE_OPEN_CREATE))
    {
      g_set_error (error, errors->domain (), errors->not_found,
                   _("There is no database at %s"), path);
      return NULL;
    }
  if (exists && !in_memory && !looks_like_sqlite (path))
    {
      refuse_foreign (self, error);
      return NULL;
    }
  if (!exists || in_memory)
    sqlite_flags |= SQLITE_OPEN_CREATE;
  configure_library ();
  if (sqlite3_open_v2 (path, &self->db, sqlite_flags, NULL) != SQLITE_OK)
    {
      if (self->db == NULL)
        g_set_error (error, errors->domain (), errors->database,
                     _("Cannot open %s: out of memory"), path);
      else
        ruhu_sqlite_set_error (self, error);
      return NULL;
    }

  if (!check_identity (self, application_id, schema_version, found_version, &empty, error) ||
      (exists && !in_memory && (flags & RUHU_SQLITE_OPEN_QUICK_CHECK) &&
       !ruhu_sqlite_check (self, FALSE, error)) ||
      !configure (self, empty, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * ruhu_sqlite_open_migrated:
 *
 * Opens (creating if needed) and migrates in one step, for files whose
 * setup needs nothing else.
 */
RuhuSqlite *
ruhu_sqlite_open_migrated (const char              *path,
                           guint32                  application_id,
                           const char * const      *migrations,
                           guint                    n_migrations,
                           const RuhuSqliteErrors  *errors,
                           GError                 **error)
{
  g_autoptr(RuhuSqlite) self = NULL;
  gint64 version = 0;

  self = ruhu_sqlite_open (path, RUHU_SQLITE_OPEN_CREATE, application_id, n_migrations, errors,
                           &version, error);
  if (self == NULL)
    return NULL;
  if (version == (gint64) n_migrations)
    return g_steal_pointer (&self);
  if (!ruhu_sqlite_begin (self, error))
    return NULL;
  if (!ruhu_sqlite_migrate (self, application_id, migrations, n_migrations, version, error) ||
      !ruhu_sqlite_commit (self, error))
    {
      ruhu_sqlite_rollback (self);
      return NULL;
    }
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
