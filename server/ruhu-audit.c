/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <gcrypt.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "ruhu-audit.h"
#include "ruhu-crypto.h"
#include "ruhu-sqlite.h"

/* "RuhA" in ASCII: not the case store's "Ruhu" nor the directory's "RuhD". */
#define AUDIT_APPLICATION_ID 0x52756841
#define HASH_LENGTH 32

struct _RuhuAudit
{
  GObject     parent_instance;

  GRecMutex   lock;  /* one writer per process; BEGIN IMMEDIATE between processes */
  guint       batch_depth;
  gboolean    batch_failed;
  RuhuSqlite *sql;
};

G_DEFINE_QUARK (ruhu-audit-error-quark, ruhu_audit_error)
G_DEFINE_FINAL_TYPE (RuhuAudit, ruhu_audit, G_TYPE_OBJECT)

/* AUTOINCREMENT keeps the greatest seq ever used in sqlite_sequence, which
 * lets verify notice entries removed from the end of the chain. */
/* Every database failure of this file is reported with one code. */
static const RuhuSqliteErrors sql_errors = {
  ruhu_audit_error_quark, RUHU_AUDIT_ERROR_DATABASE, RUHU_AUDIT_ERROR_DATABASE, RUHU_AUDIT_ERROR_DATABASE, RUHU_AUDIT_ERROR_DATABASE, RUHU_AUDIT_ERROR_DATABASE,
};

static const char * const migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE audit ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER NOT NULL,"
  "  actor TEXT, device TEXT, action TEXT NOT NULL, subject TEXT, detail TEXT,"
  "  prev_hash BLOB NOT NULL, hash BLOB NOT NULL);",
};

/* One entry as stored, for hashing. */
typedef struct
{
  gint64      seq;
  gint64      time;
  const char *actor;
  const char *device;
  const char *action;
  const char *subject;
  const char *detail;
  const guint8 *prev_hash;
} AuditEntry;

static void
ruhu_audit_finalize (GObject *object)
{
  RuhuAudit *self = RUHU_AUDIT (object);

  g_clear_pointer (&self->sql, ruhu_sqlite_close);
  g_rec_mutex_clear (&self->lock);
  G_OBJECT_CLASS (ruhu_audit_parent_class)->finalize (object);
}

static void
ruhu_audit_class_init (RuhuAuditClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ruhu_audit_finalize;
}

static void
ruhu_audit_init (RuhuAudit *self)
{
  g_rec_mutex_init (&self->lock);
}

static void
put_int (GByteArray *buf,
         guint64     value)
{
  guint8 bytes[8];

  for (int i = 7; i >= 0; i--, value >>= 8)
    bytes[i] = value & 0xff;
  g_byte_array_append (buf, bytes, sizeof bytes);
}

/* A NULL text and an empty one must hash differently, and no two field
 * splits may give the same bytes: a presence byte and a length each. */
static void
put_text (GByteArray *buf,
          const char *text)
{
  guint8 present = text != NULL;

  g_byte_array_append (buf, &present, 1);
  if (text == NULL)
    return;
  put_int (buf, strlen (text));
  g_byte_array_append (buf, (const guint8 *) text, strlen (text));
}

static void
compute_hash (const AuditEntry *entry,
              guint8           *hash)
{
  static const char tag[] = "ruhu-audit-v1";
  g_autoptr(GByteArray) buf = g_byte_array_new ();

  put_text (buf, tag);
  put_int (buf, entry->seq);
  put_int (buf, entry->time);
  put_text (buf, entry->actor);
  put_text (buf, entry->device);
  put_text (buf, entry->action);
  put_text (buf, entry->subject);
  put_text (buf, entry->detail);
  g_byte_array_append (buf, entry->prev_hash, HASH_LENGTH);
  ruhu_crypto_init ();
  gcry_md_hash_buffer (GCRY_MD_SHA256, hash, buf->data, buf->len);
}

/**
 * ruhu_audit_open:
 * @path: the audit database, created if it does not exist
 *
 * Returns: (transfer full): the log, or %NULL with @error set
 *   (%RUHU_AUDIT_ERROR_DATABASE)
 */
RuhuAudit *
ruhu_audit_open (const char  *path,
                 GError     **error)
{
  g_autoptr(RuhuAudit) self = g_object_new (RUHU_TYPE_AUDIT, NULL);

  g_return_val_if_fail (path != NULL, NULL);
  self->sql = ruhu_sqlite_open_migrated (path, AUDIT_APPLICATION_ID,
                                         migrations, G_N_ELEMENTS (migrations),
                                         &sql_errors, error);
  if (self->sql == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

static gboolean
read_last (RuhuAudit  *self,
           gint64     *seq,
           guint8     *hash,
           GError    **error)
{
  static const char sql[] = "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);
  gboolean has_row;

  *seq = 0;
  memset (hash, 0, HASH_LENGTH);  /* the first entry follows 32 zero bytes */
  if (stmt == NULL || !ruhu_sqlite_step_row (self->sql, stmt, &has_row, error))
    return FALSE;
  if (has_row && sqlite3_column_bytes (stmt, 1) == HASH_LENGTH)
    {
      *seq = sqlite3_column_int64 (stmt, 0);
      memcpy (hash, sqlite3_column_blob (stmt, 1), HASH_LENGTH);
    }
  return TRUE;
}

static gboolean
insert_entry (RuhuAudit         *self,
              const AuditEntry  *entry,
              const guint8      *hash,
              GError           **error)
{
  static const char sql[] =
    "INSERT INTO audit (seq, time, actor, device, action, subject, detail, prev_hash, hash)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry->seq);
  sqlite3_bind_int64 (stmt, 2, entry->time);
  sqlite3_bind_text (stmt, 3, entry->actor, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, entry->device, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, entry->action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, entry->subject, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, entry->detail, -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 8, entry->prev_hash, HASH_LENGTH, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 9, hash, HASH_LENGTH, SQLITE_STATIC);
  return ruhu_sqlite_step_done (self->sql, stmt, error);
}

/**
 * ruhu_audit_append:
 * @actor: (nullable): the user who acted
 * @device: (nullable): the device they used
 * @action: what happened, a short stable word ("login", "user.add", …)
 * @subject: (nullable): what it happened to (a user, case or blob id)
 * @detail: (nullable): anything else worth keeping
 *
 * Adds one entry at the end of the chain, durably: it is committed with a
 * full sync when this returns. Safe from any thread, and from several
 * processes (the server and ruhu-admin) at once.
 */
gboolean
ruhu_audit_append (RuhuAudit   *self,
                   const char  *actor,
                   const char  *device,
                   const char  *action,
                   const char  *subject,
                   const char  *detail,
                   GError     **error)
{
  guint8 prev[HASH_LENGTH], hash[HASH_LENGTH];
  AuditEntry entry = { 0, g_get_real_time () / 1000, actor, device, action, subject, detail, prev };
  gboolean ok;

  g_return_val_if_fail (RUHU_IS_AUDIT (self), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  g_rec_mutex_lock (&self->lock);
  ok = (self->batch_depth > 0 || ruhu_sqlite_begin (self->sql, error)) &&
       read_last (self, &entry.seq, prev, error);
  if (ok)
    {
      entry.seq++;
      compute_hash (&entry, hash);
      ok = insert_entry (self, &entry, hash, error) &&
           (self->batch_depth > 0 || ruhu_sqlite_commit (self->sql, error));
    }
  if (!ok && self->batch_depth > 0)
    self->batch_failed = TRUE;
  else if (!ok)
    ruhu_sqlite_rollback (self->sql);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/**
 * ruhu_audit_begin_batch:
 *
 * Holds the following appends (from this thread) in one transaction until
 * ruhu_audit_end_batch(): one sync to disk for a whole push instead of one
 * per operation. The chain is the same either way.
 */
gboolean
ruhu_audit_begin_batch (RuhuAudit  *self,
                        GError    **error)
{
  g_return_val_if_fail (RUHU_IS_AUDIT (self), FALSE);
  g_rec_mutex_lock (&self->lock);
  if (self->batch_depth == 0 && !ruhu_sqlite_begin (self->sql, error))
    {
      g_rec_mutex_unlock (&self->lock);
      return FALSE;
    }
  if (self->batch_depth++ == 0)
    self->batch_failed = FALSE;
  return TRUE;
}

/**
 * ruhu_audit_end_batch:
 *
 * Commits the batch; if any append in it failed, none of it is kept.
 */
gboolean
ruhu_audit_end_batch (RuhuAudit  *self,
                      GError    **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (RUHU_IS_AUDIT (self), FALSE);
  g_return_val_if_fail (self->batch_depth > 0, FALSE);
  if (--self->batch_depth == 0)
    {
      if (self->batch_failed)
        {
          ruhu_sqlite_rollback (self->sql);
          g_set_error (error, RUHU_AUDIT_ERROR, RUHU_AUDIT_ERROR_DATABASE,
                       _("An audit entry could not be written; none of the batch was kept"));
          ok = FALSE;
        }
      else
        {
          ok = ruhu_sqlite_commit (self->sql, error);
        }
    }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/* Checks one stored row against the chain so far. */
static gboolean
entry_is_sound (sqlite3_stmt *stmt,
                gint64        expected_seq,
                const guint8 *prev)
{
  guint8 hash[HASH_LENGTH];
  AuditEntry entry = {
    sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
    (const char *) sqlite3_column_text (stmt, 2), (const char *) sqlite3_column_text (stmt, 3),
    (const char *) sqlite3_column_text (stmt, 4), (const char *) sqlite3_column_text (stmt, 5),
    (const char *) sqlite3_column_text (stmt, 6), sqlite3_column_blob (stmt, 7),
  };

  if (entry.seq != expected_seq || entry.action == NULL ||
      sqlite3_column_bytes (stmt, 7) != HASH_LENGTH ||
      sqlite3_column_bytes (stmt, 8) != HASH_LENGTH ||
      memcmp (entry.prev_hash, prev, HASH_LENGTH) != 0)
    return FALSE;
  compute_hash (&entry, hash);
  return memcmp (hash, sqlite3_column_blob (stmt, 8), HASH_LENGTH) == 0;
}

static gboolean
read_greatest_seq (RuhuAudit  *self,
                   gint64     *greatest,
                   GError    **error)
{
  static const char sql[] = "SELECT seq FROM sqlite_sequence WHERE name = 'audit'";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);
  gboolean has_row;

  if (stmt == NULL || !ruhu_sqlite_step_row (self->sql, stmt, &has_row, error))
    return FALSE;
  *greatest = has_row ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

/* Walks the chain; *broken is the first seq that fails, or 0. */
static gboolean
walk_chain (RuhuAudit  *self,
            gint64     *n_checked,
            gint64     *broken,
            GError    **error)
{
  static const char sql[] =
    "SELECT seq, time, actor, device, action, subject, detail, prev_hash, hash"
    " FROM audit ORDER BY seq";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);
  guint8 prev[HASH_LENGTH] = { 0 };
  gboolean has_row = TRUE;
  gint64 greatest = 0;

  *n_checked = 0;
  *broken = 0;
  if (stmt == NULL)
    return FALSE;
  while (ruhu_sqlite_step_row (self->sql, stmt, &has_row, error) && has_row)
    {
      if (!entry_is_sound (stmt, *n_checked + 1, prev))
        {
          /* A gap means entries were removed: the first missing one broke. */
          *broken = *n_checked + 1;
          return TRUE;
        }
      memcpy (prev, sqlite3_column_blob (stmt, 8), HASH_LENGTH);
      (*n_checked)++;
    }
  if (has_row || !read_greatest_seq (self, &greatest, error))
    return FALSE;
  if (greatest > *n_checked)
    *broken = *n_checked + 1;  /* entries removed from the end */
  return TRUE;
}

/**
 * ruhu_audit_verify:
 * @n_entries: (out) (optional): how many entries were found sound, in order
 * @first_broken: (out) (optional): the seq of the first entry that is
 *   changed, missing or out of place; 0 when the chain is whole
 *
 * Recomputes every entry's hash and checks that each follows the one before.
 * Removing entries from the end is noticed as long as SQLite's own record of
 * the greatest seq was left alone.
 *
 * Returns: %TRUE if the chain is whole; %FALSE with %RUHU_AUDIT_ERROR_BROKEN
 *   (and @first_broken set) if not, or %RUHU_AUDIT_ERROR_DATABASE
 */
gboolean
ruhu_audit_verify (RuhuAudit  *self,
                   gint64     *n_entries,
                   gint64     *first_broken,
                   GError    **error)
{
  gint64 checked = 0, broken = 0;
  gboolean ok;

  g_return_val_if_fail (RUHU_IS_AUDIT (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  /* One read transaction: a consistent snapshot while others append. */
  ok = ruhu_sqlite_exec (self->sql, "BEGIN", error);
  ok = ok && walk_chain (self, &checked, &broken, error);
  ruhu_sqlite_rollback (self->sql);
  g_rec_mutex_unlock (&self->lock);

  if (n_entries != NULL)
    *n_entries = checked;
  if (first_broken != NULL)
    *first_broken = broken;
  if (ok && broken != 0)
    {
      g_set_error (error, RUHU_AUDIT_ERROR, RUHU_AUDIT_ERROR_BROKEN,
                   _("The audit log has been tampered with or damaged: entry %" PRId64
                     " is changed, missing or out of place."), broken);
      return FALSE;
    }
  return ok;
}
