/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "ruhu-store-private.h"

/* "Ruhu" in ASCII: PRAGMA application_id tells our files from any other SQLite file. */
#define RUHU_APPLICATION_ID 0x52756875

G_DEFINE_QUARK (ruhu-store-error-quark, ruhu_store_error)
G_DEFINE_FINAL_TYPE (RuhuStore, ruhu_store, G_TYPE_OBJECT)

/* Each entry upgrades the schema from version i to i + 1. Never edit a
 * released entry: add one. */
static const char * const migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE entities ("
  "  id TEXT PRIMARY KEY, kind TEXT NOT NULL, case_id TEXT NOT NULL, parent TEXT,"
  "  deleted INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;"
  "CREATE INDEX entities_case ON entities (case_id);"
  "CREATE TABLE versions ("
  "  entity TEXT NOT NULL, field TEXT NOT NULL, v TEXT NOT NULL, op_id TEXT NOT NULL,"
  "  value BLOB NOT NULL, bases TEXT NOT NULL, actor TEXT NOT NULL,"
  "  state INTEGER NOT NULL, seq INTEGER NOT NULL,"
  "  PRIMARY KEY (entity, field, v)) WITHOUT ROWID;"
  "CREATE UNIQUE INDEX versions_seq ON versions (seq);"
  "CREATE TABLE conflicts ("
  "  entity TEXT NOT NULL, field TEXT NOT NULL, kind INTEGER NOT NULL, case_id TEXT NOT NULL,"
  "  PRIMARY KEY (entity, field, kind)) WITHOUT ROWID;"
  "CREATE INDEX conflicts_case ON conflicts (case_id);"
  "CREATE TABLE outbox ("
  "  seq INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE, entity TEXT NOT NULL, field TEXT NOT NULL);"
  "CREATE TABLE rejections ("
  "  v TEXT PRIMARY KEY, op_id TEXT NOT NULL, entity TEXT NOT NULL, kind TEXT NOT NULL,"
  "  case_id TEXT NOT NULL, parent TEXT, field TEXT NOT NULL, value BLOB NOT NULL,"
  "  bases TEXT NOT NULL, actor TEXT NOT NULL, reason TEXT NOT NULL,"
  "  rejected_at INTEGER NOT NULL) WITHOUT ROWID;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == RUHU_STORE_SCHEMA_VERSION);

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
ruhu_store_finalize (GObject *object)
{
  RuhuStore *self = RUHU_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->clock, ruhu_hlc_clock_free);
  g_clear_pointer (&self->aead, ruhu_aead_free);
  g_free (self->path);
  g_free (self->device_id);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (ruhu_store_parent_class)->finalize (object);
}

static void
ruhu_store_class_init (RuhuStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ruhu_store_finalize;
}

static void
ruhu_store_init (RuhuStore *self)
{
  g_rec_mutex_init (&self->lock);
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            finalize_statement);
  self->clock = ruhu_hlc_clock_new ();
}

/**
 * ruhu_store_set_db_error:
 *
 * Turns SQLite's last error into a #GError. Damage gets its own code and
 * words, because the remedy (restore a backup, sync again) differs.
 *
 * Returns: %FALSE, for `return ruhu_store_set_db_error (self, error);`
 */
gboolean
ruhu_store_set_db_error (RuhuStore  *self,
                         GError    **error)
{
  int code = sqlite3_errcode (self->db) & 0xff;

  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
    g_set_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_CORRUPT,
                 _("The database %s is damaged (%s). Nothing was changed. "
                   "Restore it from a backup or sync this device again."),
                 self->path, sqlite3_errmsg (self->db));
  else
    g_set_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_DATABASE,
                 _("Database error in %s: %s"), self->path, sqlite3_errmsg (self->db));
  return FALSE;
}

/**
 * ruhu_store_stmt:
 * @sql: a string with static storage: the cache is keyed by its address
 *
 * Returns: (transfer none) (nullable): the prepared statement, reset
 */
sqlite3_stmt *
ruhu_store_stmt (RuhuStore   *self,
                 const char  *sql,
                 GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    return stmt;
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      ruhu_store_set_db_error (self, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
ruhu_store_step_done (RuhuStore     *self,
                      sqlite3_stmt  *stmt,
                      GError       **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return ruhu_store_set_db_error (self, error);
  return TRUE;
}

gboolean
ruhu_store_exec (RuhuStore   *self,
                 const char  *sql,
                 GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return ruhu_store_set_db_error (self, error);
  return TRUE;
}

/* Writers take the lock up front (IMMEDIATE), so a batch never fails half
 * way on a lock held by another connection. */
gboolean
ruhu_store_begin (RuhuStore  *self,
                  GError    **error)
{
  return ruhu_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
ruhu_store_commit (RuhuStore  *self,
                   GError    **error)
{
  if (!ruhu_store_exec (self, "COMMIT", error))
    {
      ruhu_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
ruhu_store_rollback (RuhuStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/**
 * ruhu_store_meta_get:
 * @value: (out) (transfer full) (nullable): the value, %NULL if the key is absent
 */
gboolean
ruhu_store_meta_get (RuhuStore   *self,
                     const char  *key,
                     GBytes     **value,
                     GError     **error)
{
  static const char sql[] = "SELECT value FROM meta WHERE key = ?";
  g_autoptr(RuhuCachedStmt) stmt = ruhu_store_stmt (self, sql, error);
  int rc;

  *value = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  else if (rc != SQLITE_DONE)
    return ruhu_store_set_db_error (self, error);
  return TRUE;
}

gboolean
ruhu_store_meta_set (RuhuStore   *self,
                     const char  *key,
                     const void  *value,
                     gsize        length,
                     GError     **error)
{
  static const char sql[] = "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)";
  g_autoptr(RuhuCachedStmt) stmt = ruhu_store_stmt (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (stmt, 2, value, length, SQLITE_STATIC);
  return ruhu_store_step_done (self, stmt, error);
}

static gboolean
query_int (RuhuStore   *self,
           const char  *sql,
           gint64      *out,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return ruhu_store_set_db_error (self, error);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  else
    *out = 0;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return ruhu_store_set_db_error (self, error);
  return TRUE;
}

/* Only reads happen before we know the file is ours: an unknown file is
 * reported, never written to. */
static gboolean
check_identity (RuhuStore  *self,
                gint64     *schema_version,
                GError    **error)
{
  gint64 application_id, n_objects;

  if (!query_int (self, "PRAGMA application_id", &application_id, error) ||
      !query_int (self, "PRAGMA user_version", schema_version, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_master", &n_objects, error))
    {
      if (g_error_matches (*error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_CORRUPT))
        {
          g_clear_error (error);
          g_set_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_NOT_RUHU,
                       _("%s is not a Ruhu database, or its header is damaged. "
                         "It was left untouched."), self->path);
        }
      return FALSE;
    }

  if (application_id == 0 && n_objects == 0)
    {
      *schema_version = 0;  /* an empty file: ours to set up */
      return TRUE;
    }
  if (application_id != RUHU_APPLICATION_ID)
    {
      g_set_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_NOT_RUHU,
                   _("%s is a database of another program, not of Ruhu. It was left untouched."),
                   self->path);
      return FALSE;
    }
  if (*schema_version > RUHU_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_TOO_NEW,
                   _("%s was written by a newer version of Ruhu (data format %d; this "
                     "version reads up to %d). Update Ruhu to open it. It was left untouched."),
                   self->path, (int) *schema_version, RUHU_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_integrity (RuhuStore   *self,
                 const char  *pragma,
                 GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *verdict = NULL;

  if (sqlite3_prepare_v2 (self->db, pragma, -1, &stmt, NULL) != SQLITE_OK)
    return ruhu_store_set_db_error (self, error);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    verdict = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  if (g_strcmp0 (verdict, "ok") != 0)
    {
      g_set_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_CORRUPT,
                   _("The database %s is damaged (%s). It was left untouched. "
                     "Restore it from a backup or sync this device again."),
                   self->path, verdict != NULL ? verdict : sqlite3_errmsg (self->db));
      return FALSE;
    }
  return TRUE;
}

/* Runs inside the caller's transaction. */
static gboolean
migrate (RuhuStore  *self,
         gint64      from_version,
         GError    **error)
{
  g_autofree char *set_version = NULL;

  for (gint64 v = from_version; v < RUHU_STORE_SCHEMA_VERSION; v++)
    if (!ruhu_store_exec (self, migrations[v], error))
      return FALSE;

  set_version = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d",
                                 RUHU_APPLICATION_ID, RUHU_STORE_SCHEMA_VERSION);
  return ruhu_store_exec (self, set_version, error);
}

static gboolean
configure_connection (RuhuStore  *self,
                      GError    **error)
{
  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, TRUE);
  /* Survey data is never to be lost: WAL with a full sync at each commit. */
  return ruhu_store_exec (self,
                          "PRAGMA journal_mode = WAL;"
                          "PRAGMA synchronous = FULL;"
                          "PRAGMA foreign_keys = ON;"
                          "PRAGMA trusted_schema = OFF;",
                          error);
}

static gboolean
load_identity (RuhuStore  *self,
               gboolean    created,
               GError    **error)
{
  g_autoptr(GBytes) device = NULL;
  g_autoptr(GBytes) clock = NULL;
  gint64 any_rejections = 0;
  RuhuHlc last;

  if (!ruhu_store_meta_get (self, "device_id", &device, error))
    return FALSE;
  if (device == NULL && created)
    {
      g_autofree char *id = g_uuid_string_random ();

      if (!ruhu_store_meta_set (self, "device_id", id, strlen (id), error))
        return FALSE;
      device = g_bytes_new (id, strlen (id));
    }
  if (device == NULL)
    {
      g_set_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_CORRUPT,
                   _("The database %s has no device identity; it is damaged."), self->path);
      return FALSE;
    }
  self->device_id = g_strndup (g_bytes_get_data (device, NULL), g_bytes_get_size (device));

  if (!ruhu_store_meta_get (self, "hlc", &clock, error))
    return FALSE;
  if (clock != NULL &&
      ruhu_hlc_parse (g_bytes_get_data (clock, NULL), g_bytes_get_size (clock), &last, NULL))
    {
      ruhu_hlc_clock_restore (self->clock, &last);
      self->saved_clock = last;
    }
  if (!query_int (self, "SELECT EXISTS (SELECT 1 FROM rejections)", &any_rejections, error))
    return FALSE;
  self->has_rejections = any_rejections != 0;
  return query_int (self, "SELECT coalesce(max(seq), 0) + 1 FROM versions",
                    &self->next_seq, error);
}

/**
 * ruhu_store_save_clock:
 *
 * Persists the clock inside the current transaction, so that after a
 * restart (or a clock that went backwards) versions keep increasing.
 */
gboolean
ruhu_store_save_clock (RuhuStore  *self,
                       GError    **error)
{
  RuhuHlc last;
  g_autofree char *text = NULL;

  ruhu_hlc_clock_get_last (self->clock, &last);
  if (ruhu_hlc_compare (&last, &self->saved_clock) == 0)
    return TRUE;
  text = ruhu_hlc_to_string (&last);
  if (!ruhu_store_meta_set (self, "hlc", text, strlen (text), error))
    return FALSE;
  self->saved_clock = last;
  return TRUE;
}

/* SQLite treats a file shorter than a page as an empty database and would
 * happily write its schema over it: look at the header ourselves first. */
static gboolean
looks_like_sqlite (const char *path)
{
  static const char magic[16] = "SQLite format 3";
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  char header[sizeof magic] = { 0 };
  gsize got = 0;

  if (stream == NULL)
    return TRUE;  /* let SQLite report why it cannot be read */
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header, &got, NULL, NULL))
    return TRUE;
  return got == 0 || (got == sizeof header && memcmp (header, magic, sizeof magic) == 0);
}

static gboolean
open_file (RuhuStore           *self,
           RuhuStoreOpenFlags   flags,
           gboolean            *created,
           GError             **error)
{
  gboolean in_memory = g_str_equal (self->path, ":memory:");
  gboolean exists = in_memory || g_file_test (self->path, G_FILE_TEST_EXISTS);
  int sqlite_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

  if (!exists && !(flags & RUHU_STORE_OPEN_CREATE))
    {
      g_set_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_NOT_FOUND,
                   _("There is no database at %s"), self->path);
      return FALSE;
    }
  if (exists && !in_memory && !looks_like_sqlite (self->path))
    {
      g_set_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_NOT_RUHU,
                   _("%s is not a Ruhu database, or its header is damaged. "
                     "It was left untouched."), self->path);
      return FALSE;
    }
  if (!exists || in_memory)
    sqlite_flags |= SQLITE_OPEN_CREATE;
  *created = !exists || in_memory;

  if (sqlite3_open_v2 (self->path, &self->db, sqlite_flags, NULL) != SQLITE_OK)
    {
      if (self->db == NULL)
        g_set_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_DATABASE,
                     _("Cannot open %s: out of memory"), self->path);
      else
        ruhu_store_set_db_error (self, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_up_encryption (RuhuStore            *self,
                   gboolean              fresh,
                   const char           *passphrase,
                   const RuhuKdfParams  *kdf,
                   GError              **error)
{
  g_autoptr(GBytes) mode = NULL;
  gboolean encrypted;

  if (fresh)
    {
      if (passphrase == NULL)
        return ruhu_store_meta_set (self, "encryption", "none", 4, error);
      return ruhu_store_keys_create (self, passphrase, kdf, error);
    }

  if (!ruhu_store_meta_get (self, "encryption", &mode, error))
    return FALSE;
  encrypted = mode == NULL || g_bytes_get_size (mode) != 4 ||
              memcmp (g_bytes_get_data (mode, NULL), "none", 4) != 0;
  if (encrypted && passphrase == NULL)
    {
      g_set_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_PASSPHRASE_REQUIRED,
                   _("The data on this device is encrypted: enter its passphrase"));
      return FALSE;
    }
  if (!encrypted && passphrase != NULL)
    {
      g_set_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_NOT_ENCRYPTED,
                   _("The database %s is not encrypted, so it has no passphrase"), self->path);
      return FALSE;
    }
  return !encrypted || ruhu_store_keys_unlock (self, passphrase, error);
}

/**
 * ruhu_store_open:
 * @path: a file, or ":memory:" for a store that lives as long as the object
 * @passphrase: (nullable): for an encrypted store; a new store created with
 *   one is encrypted, a new store created without one is not
 * @kdf: (nullable): Argon2id cost for a new key; %NULL for the defaults
 *
 * Opens (or with %RUHU_STORE_OPEN_CREATE creates) a store. A file that is
 * not a Ruhu database, one written by a newer version, and a damaged one are
 * refused with a clear error and left exactly as they were.
 *
 * Returns: (transfer full) (nullable): the store
 */
RuhuStore *
ruhu_store_open (const char           *path,
                 RuhuStoreOpenFlags    flags,
                 const char           *passphrase,
                 const RuhuKdfParams  *kdf,
                 GError              **error)
{
  g_autoptr(RuhuStore) self = g_object_new (RUHU_TYPE_STORE, NULL);
  gboolean created = FALSE;
  gint64 schema_version = 0;
  gboolean fresh;

  g_return_val_if_fail (path != NULL, NULL);
  ruhu_crypto_init ();
  self->path = g_strdup (path);

  if (!open_file (self, flags, &created, error) ||
      !check_identity (self, &schema_version, error) ||
      (!(flags & RUHU_STORE_OPEN_SKIP_CHECK) && !created && !check_integrity (self, "PRAGMA quick_check(1)", error)) ||
      !configure_connection (self, error))
    return NULL;

  /* A new file gets its schema, identity and keys in one transaction, so
   * that a crash can never leave a half-made store behind. */
  fresh = schema_version == 0;
  if (schema_version < RUHU_STORE_SCHEMA_VERSION)
    {
      if (!ruhu_store_begin (self, error))
        return NULL;
      if (!migrate (self, schema_version, error) ||
          (fresh && !load_identity (self, TRUE, error)) ||
          (fresh && !set_up_encryption (self, TRUE, passphrase, kdf, error)) ||
          !ruhu_store_commit (self, error))
        {
          ruhu_store_rollback (self);
          return NULL;
        }
    }
  if (!fresh &&
      (!load_identity (self, FALSE, error) ||
       !set_up_encryption (self, FALSE, passphrase, kdf, error)))
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
ruhu_store_is_encrypted (RuhuStore *self)
{
  g_return_val_if_fail (RUHU_IS_STORE (self), FALSE);
  return self->aead != NULL;
}

/**
 * ruhu_store_get_device_id:
 *
 * Returns: (transfer none): the id this store writes versions as, made when
 *   the store was created
 */
const char *
ruhu_store_get_device_id (RuhuStore *self)
{
  g_return_val_if_fail (RUHU_IS_STORE (self), NULL);
  return self->device_id;
}

/**
 * ruhu_store_get_clock:
 *
 * Returns: (transfer none): the store's clock, for tests that control time
 */
RuhuHlcClock *
ruhu_store_get_clock (RuhuStore *self)
{
  g_return_val_if_fail (RUHU_IS_STORE (self), NULL);
  return self->clock;
}

/**
 * ruhu_store_check:
 *
 * A full integrity check of the file (PRAGMA integrity_check). It cannot
 * see a value changed in place; in an encrypted store the authentication tag
 * of each value catches that when it is read.
 */
gboolean
ruhu_store_check (RuhuStore  *self,
                  GError    **error)
{
  g_return_val_if_fail (RUHU_IS_STORE (self), FALSE);
  g_rec_mutex_lock (&self->lock);
  gboolean ok = check_integrity (self, "PRAGMA integrity_check(1)", error);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}
