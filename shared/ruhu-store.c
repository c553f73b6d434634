/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ruhu-store-private.h"

/* "Ruhu" in ASCII: PRAGMA application_id tells our files from any other SQLite file. */
#define RUHU_APPLICATION_ID 0x52756875

/* SQLite's page cache per store, in KiB. */
#define CACHE_KIB 16384

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
  /* 1 → 2: whose each unsynced edit is, without reading its version, so a
   * tablet shared by two users can tell what waits for whom. */
  "ALTER TABLE outbox ADD COLUMN actor TEXT NOT NULL DEFAULT '';"
  "UPDATE outbox SET actor = coalesce((SELECT v.actor FROM versions v WHERE v.entity ="
  " outbox.entity AND v.field = outbox.field AND v.v = outbox.v), '');",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == RUHU_STORE_SCHEMA_VERSION);

static const RuhuSqliteErrors sql_errors = {
  ruhu_store_error_quark,
  RUHU_STORE_ERROR_NOT_FOUND,
  RUHU_STORE_ERROR_NOT_RUHU,
  RUHU_STORE_ERROR_TOO_NEW,
  RUHU_STORE_ERROR_CORRUPT,
  RUHU_STORE_ERROR_DATABASE,
};

static void
ruhu_store_finalize (GObject *object)
{
  RuhuStore *self = RUHU_STORE (object);

  g_clear_pointer (&self->reader, ruhu_sqlite_close);
  g_clear_pointer (&self->sql, ruhu_sqlite_close);
  g_clear_pointer (&self->clock, ruhu_hlc_clock_free);
  g_clear_pointer (&self->aead, ruhu_aead_free);
  g_free (self->device_id);
  g_free (self->path);
  g_rec_mutex_clear (&self->lock);
  g_mutex_clear (&self->reader_lock);

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
  g_mutex_init (&self->reader_lock);
  self->clock = ruhu_hlc_clock_new ();
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
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);
  int rc;

  *value = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  else if (rc != SQLITE_DONE)
    return ruhu_sqlite_set_error (self->sql, error);
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
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (stmt, 2, value, length, SQLITE_STATIC);
  return ruhu_sqlite_step_done (self->sql, stmt, error);
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
                   _("The database %s has no device identity; it is damaged."), self->sql->path);
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
  if (!ruhu_sqlite_query_int (self->sql, "SELECT EXISTS (SELECT 1 FROM rejections)", &any_rejections, error))
    return FALSE;
  self->has_rejections = any_rejections != 0;
  return ruhu_sqlite_query_int (self->sql, "SELECT coalesce(max(seq), 0) + 1 FROM versions",
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
                   _("The database %s is not encrypted, so it has no passphrase"), self->sql->path);
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
  RuhuSqliteOpenFlags sqlite_flags = RUHU_SQLITE_OPEN_DEFAULT;
  gint64 schema_version = 0;
  gboolean fresh;

  g_return_val_if_fail (path != NULL, NULL);
  ruhu_crypto_init ();
  if (flags & RUHU_STORE_OPEN_CREATE)
    sqlite_flags |= RUHU_SQLITE_OPEN_CREATE;
  if (!(flags & RUHU_STORE_OPEN_SKIP_CHECK))
    sqlite_flags |= RUHU_SQLITE_OPEN_QUICK_CHECK;

  self->path = g_strdup (path);
  self->sql = ruhu_sqlite_open (path, sqlite_flags, RUHU_APPLICATION_ID,
                                RUHU_STORE_SCHEMA_VERSION, &sql_errors, &schema_version, error);
  if (self->sql == NULL)
    return NULL;
  /* A first sync writes every case at once: with SQLite's default 2 MiB
   * of page cache, each insert reads the index pages back from the file. */
  if (!ruhu_sqlite_exec (self->sql, "PRAGMA cache_size = -" G_STRINGIFY (CACHE_KIB), error))
    return NULL;

  /* A new file gets its schema, identity and keys in one transaction, so
   * that a crash can never leave a half-made store behind. */
  fresh = schema_version == 0;
  if (schema_version < RUHU_STORE_SCHEMA_VERSION)
    {
      if (!ruhu_sqlite_begin (self->sql, error))
        return NULL;
      if (!ruhu_sqlite_migrate (self->sql, RUHU_APPLICATION_ID, migrations,
                                G_N_ELEMENTS (migrations), schema_version, error) ||
          (fresh && !load_identity (self, TRUE, error)) ||
          (fresh && !set_up_encryption (self, TRUE, passphrase, kdf, error)) ||
          !ruhu_sqlite_commit (self->sql, error))
        {
          ruhu_sqlite_rollback (self->sql);
          return NULL;
        }
    }
  if (!fresh &&
      (!load_identity (self, FALSE, error) ||
       !set_up_encryption (self, FALSE, passphrase, kdf, error)))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * ruhu_store_open_reader:
 *
 * Gives the feed (ruhu_store_feed_select() and the functions built on it)
 * a read-only connection of its own, for a server whose pulls should not
 * wait while a push's batch is being written and synced. Does nothing for
 * an in-memory store.
 */
gboolean
ruhu_store_open_reader (RuhuStore  *self,
                        GError    **error)
{
  gint64 schema_version = 0;
  RuhuSqlite *reader;

  g_return_val_if_fail (RUHU_IS_STORE (self), FALSE);
  if (self->reader != NULL || g_str_equal (self->path, ":memory:"))
    return TRUE;
  reader = ruhu_sqlite_open (self->path, RUHU_SQLITE_OPEN_DEFAULT, RUHU_APPLICATION_ID,
                             RUHU_STORE_SCHEMA_VERSION, &sql_errors, &schema_version, error);
  if (reader == NULL)
    return FALSE;
  if (!ruhu_sqlite_exec (reader, "PRAGMA query_only = 1", error) ||
      !ruhu_sqlite_exec (reader, "PRAGMA cache_size = -" G_STRINGIFY (CACHE_KIB), error))
    {
      ruhu_sqlite_close (reader);
      return FALSE;
    }
  g_mutex_lock (&self->reader_lock);
  self->reader = reader;
  g_mutex_unlock (&self->reader_lock);
  return TRUE;
}

/* The connection bulk reads go through, locked until ruhu_store_end_read(). */
RuhuSqlite *
ruhu_store_begin_read (RuhuStore *self)
{
  g_mutex_lock (&self->reader_lock);
  if (self->reader != NULL)
    return self->reader;
  g_mutex_unlock (&self->reader_lock);
  g_rec_mutex_lock (&self->lock);
  return self->sql;
}

void
ruhu_store_end_read (RuhuStore  *self,
                     RuhuSqlite *sql)
{
  if (sql != self->sql)
    g_mutex_unlock (&self->reader_lock);
  else
    g_rec_mutex_unlock (&self->lock);
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
  gboolean ok = ruhu_sqlite_check (self->sql, TRUE, error);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}
