/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gcrypt.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "ruhu-directory-private.h"
#include "ruhu-op.h"

#define TOKEN_BYTES        32
#define MAX_TOKEN_LENGTH   256
#define DEFAULT_TTL        (30 * 24 * 3600)
#define DEVICE_NAME_CHARS  100
#define DEVICE_KEY_BYTES   512
/* last_seen is for people looking for a lost tablet: a minute is precise
 * enough, and spares a synchronous write on every request. */
#define LAST_SEEN_STEP     60

/* Tokens are stored as the SHA-256 of their text: a copy of the database
 * lets no one act as anybody. */
static void
hash_token (const char *token,
            guint8     *hash)
{
  ruhu_crypto_init ();
  gcry_md_hash_buffer (GCRY_MD_SHA256, hash, token, strlen (token));
}

static char *
new_token (void)
{
  guint8 bytes[TOKEN_BYTES];
  char *text;
  gsize len;

  ruhu_random_bytes (bytes, sizeof bytes);
  text = g_base64_encode (bytes, sizeof bytes);
  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  len = strlen (text);
  while (len > 0 && text[len - 1] == '=')
    text[--len] = '\0';
  return text;
}

static gboolean
bad_credentials (GError **error)
{
  g_set_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_BAD_CREDENTIALS,
               _("The user name or the password is wrong."));
  return FALSE;
}

/* An unknown user costs as much time as a wrong password, so timing does
 * not tell which user names exist. */
static void
spend_like_a_login (const char          *password,
                    const RuhuKdfParams *kdf)
{
  static const guint8 salt[RUHU_SALT_LENGTH] = { 0 };
  guint8 key[RUHU_KEY_LENGTH];

  ruhu_kdf_derive (password, salt, sizeof salt, kdf, key, NULL);
}

static gboolean
check_password (RuhuDirectory  *self,
                const char     *user_id,
                const char     *password,
                RuhuUserInfo  **user,
                GError        **error)
{
  g_autofree char *stored_hash = NULL;
  RuhuKdfParams kdf;
  gboolean ok, matches = FALSE;

  g_mutex_lock (&self->lock);
  kdf = self->kdf;
  g_mutex_unlock (&self->lock);
  ok = ruhu_directory_load_user (self, ruhu_directory_begin_read (self), user_id, user,
                                 &stored_hash, error);
  ruhu_directory_end_read (self);
  if (!ok)
    return FALSE;
  if (*user == NULL)
    {
      spend_like_a_login (password, &kdf);
      return bad_credentials (error);
    }
  if (!ruhu_password_verify (password, stored_hash, &matches, error))
    return FALSE;
  if (!matches)
    return bad_credentials (error);
  if ((*user)->revoked)
    {
      g_set_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_REVOKED,
                   _("This account has been blocked. Ask the civil affairs office to restore it."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_device (RuhuDirectory  *self,
              const char     *device_id,
              const char     *device_key,
              GError        **error)
{
  static const char sql[] = "SELECT revoked, public_key FROM devices WHERE id = ?";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);
  const char *known_key;
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, device_id, -1, SQLITE_STATIC);
  if (!ruhu_sqlite_step_row (self->sql, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    return TRUE;
  if (sqlite3_column_int (stmt, 0) != 0)
    {
      g_set_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_REVOKED,
                   _("This device has been blocked, for example because it was reported lost. "
                     "Ask the civil affairs office for help."));
      return FALSE;
    }
  /* A device keeps the signing key it first showed: another key under the
   * same id would let someone sign in its name. */
  known_key = (const char *) sqlite3_column_text (stmt, 1);
  if (known_key != NULL && device_key != NULL && strcmp (known_key, device_key) != 0)
    {
      g_set_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_INVALID,
                   _("This device presented a different signing key than before. "
                     "Ask the civil affairs office to check the device."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
record_device (RuhuDirectory  *self,
               const char     *device_id,
               const char     *user_id,
               const char     *device_name,
               const char     *device_key,
               gint64          now,
               GError        **error)
{
  static const char sql[] =
    "INSERT INTO devices (id, user, name, public_key, revoked, first_seen, last_seen)"
    " VALUES (?1, ?2, ?3, ?4, 0, ?5, ?5) ON CONFLICT (id) DO UPDATE SET"
    " user = excluded.user, name = coalesce (excluded.name, name),"
    " public_key = coalesce (public_key, excluded.public_key), last_seen = excluded.last_seen";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, device_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, user_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, device_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, device_key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, now);
  return ruhu_sqlite_step_done (self->sql, stmt, error);
}

static gboolean
record_token (RuhuDirectory  *self,
              const guint8   *hash,
              const char     *user_id,
              const char     *device_id,
              gint64          now,
              gint64          expires_at,
              GError        **error)
{
  static const char purge_sql[] = "DELETE FROM tokens WHERE expires_at <= ?";
  static const char sql[] =
    "INSERT INTO tokens (hash, user, device, created_at, expires_at) VALUES (?, ?, ?, ?, ?)";
  g_autoptr(RuhuSqliteStmt) purge = ruhu_sqlite_stmt (self->sql, purge_sql, error);
  g_autoptr(RuhuSqliteStmt) stmt = NULL;

  /* Expired tokens are worth nothing; sweeping them at each login keeps
   * the table as small as the number of live sessions. */
  if (purge == NULL)
    return FALSE;
  sqlite3_bind_int64 (purge, 1, now);
  if (!ruhu_sqlite_step_done (self->sql, purge, error))
    return FALSE;
  stmt = ruhu_sqlite_stmt (self->sql, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, hash, 32, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, user_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, device_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_int64 (stmt, 5, expires_at);
  return ruhu_sqlite_step_done (self->sql, stmt, error);
}

static gboolean
check_device_request (const char  *device_id,
                      const char  *device_name,
                      const char  *device_key,
                      GError     **error)
{
  if (ruhu_is_valid_device_id (device_id) &&
      (device_name == NULL || (g_utf8_validate (device_name, -1, NULL) &&
                               g_utf8_strlen (device_name, -1) <= DEVICE_NAME_CHARS)) &&
      (device_key == NULL || strlen (device_key) <= DEVICE_KEY_BYTES))
    return TRUE;
  g_set_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_INVALID,
               _("The device did not identify itself correctly. Update the app and try again."));
  return FALSE;
}

/* Device and token in one transaction, after the password was checked. */
static gboolean
open_session (RuhuDirectory  *self,
              const char     *user_id,
              const char     *device_id,
              const char     *device_name,
              const char     *device_key,
              const guint8   *hash,
              gint64          now,
              gint64          expires_at,
              GError        **error)
{
  gboolean ok;

  g_mutex_lock (&self->lock);
  ok = ruhu_sqlite_begin (self->sql, error) &&
       check_device (self, device_id, device_key, error) &&
       record_device (self, device_id, user_id, device_name, device_key, now, error) &&
       record_token (self, hash, user_id, device_id, now, expires_at, error) &&
       ruhu_sqlite_commit (self->sql, error);
  if (!ok)
    ruhu_sqlite_rollback (self->sql);
  g_mutex_unlock (&self->lock);
  return ok;
}

/**
 * ruhu_directory_login:
 * @device_name: (nullable): what people call the device
 * @device_key: (nullable): the device's public signing key, base64; once
 *   known, a device cannot present another
 * @ttl_seconds: how long the token lasts; 0 or less for 30 days
 * @principal: (out) (optional) (transfer full): who signed in
 *
 * Checks the password and opens a session for @device_id.
 *
 * Returns: (transfer full): the bearer token (URL-safe base64), or %NULL
 *   with @error set: %RUHU_DIRECTORY_ERROR_BAD_CREDENTIALS (unknown user or
 *   wrong password, never told apart), %RUHU_DIRECTORY_ERROR_REVOKED (user
 *   or device), %RUHU_DIRECTORY_ERROR_INVALID or
 *   %RUHU_DIRECTORY_ERROR_DATABASE
 */
char *
ruhu_directory_login (RuhuDirectory   *self,
                      const char      *user_id,
                      const char      *password,
                      const char      *device_id,
                      const char      *device_name,
                      const char      *device_key,
                      gint64           ttl_seconds,
                      RuhuPrincipal  **principal,
                      GError         **error)
{
  g_autoptr(RuhuUserInfo) user = NULL;
  g_autofree char *token = NULL;
  guint8 hash[32];
  gint64 now, expires_at;

  g_return_val_if_fail (RUHU_IS_DIRECTORY (self), NULL);
  if (!check_device_request (device_id, device_name, device_key, error))
    return NULL;
  if (user_id == NULL || password == NULL || !ruhu_directory_check_user_id (user_id, NULL))
    {
      bad_credentials (error);
      return NULL;
    }
  if (!check_password (self, user_id, password, &user, error))
    return NULL;

  token = new_token ();
  hash_token (token, hash);
  now = ruhu_directory_now (self);
  expires_at = now + (ttl_seconds > 0 ? ttl_seconds : DEFAULT_TTL);
  if (!open_session (self, user_id, device_id, device_name, device_key, hash, now, expires_at,
                     error))
    return NULL;

  if (principal != NULL)
    {
      *principal = g_new0 (RuhuPrincipal, 1);
      (*principal)->user_id = g_strdup (user_id);
      (*principal)->name = g_steal_pointer (&user->name);
      (*principal)->role = user->role;
      (*principal)->place = g_steal_pointer (&user->place);
      (*principal)->device_id = g_strdup (device_id);
      (*principal)->expires_at = expires_at;
    }
  return g_steal_pointer (&token);
}

static gboolean
touch_device (RuhuDirectory  *self,
              const char     *device_id,
              gint64          now,
              GError        **error)
{
  static const char sql[] = "UPDATE devices SET last_seen = ? WHERE id = ?";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_text (stmt, 2, device_id, -1, SQLITE_STATIC);
  return ruhu_sqlite_step_done (self->sql, stmt, error);
}

static gboolean
set_token_error (RuhuDirectoryError   code,
                 GError             **error)
{
  switch (code)
    {
    case RUHU_DIRECTORY_ERROR_REVOKED:
      g_set_error (error, RUHU_DIRECTORY_ERROR, code,
                   _("This account or device has been blocked. Ask the civil affairs office "
                     "for help."));
      break;
    case RUHU_DIRECTORY_ERROR_TOKEN_EXPIRED:
      g_set_error (error, RUHU_DIRECTORY_ERROR, code,
                   _("The session has expired. Sign in again."));
      break;
    case RUHU_DIRECTORY_ERROR_UNKNOWN_TOKEN:
    case RUHU_DIRECTORY_ERROR_BAD_CREDENTIALS:
    case RUHU_DIRECTORY_ERROR_NO_SUCH_USER:
    case RUHU_DIRECTORY_ERROR_USER_EXISTS:
    case RUHU_DIRECTORY_ERROR_INVALID:
    case RUHU_DIRECTORY_ERROR_DATABASE:
    default:
      g_set_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_UNKNOWN_TOKEN,
                   _("The session is not known to this server. Sign in again."));
      break;
    }
  return FALSE;
}

/* Reads through @sql (from ruhu_directory_begin_read()). The user's name,
 * role and place are read now, so a change by ruhu-admin applies to the
 * next request. *touch says whether the device's last_seen is due. */
static RuhuPrincipal *
find_session (RuhuDirectory  *self,
              RuhuSqlite     *sql,
              const guint8   *hash,
              gint64          now,
              gboolean       *touch,
              GError        **error)
{
  static const char select_sql[] =
    "SELECT t.user, t.device, t.expires_at, u.name, u.role, u.place,"
    " u.revoked OR d.revoked, d.last_seen"
    " FROM tokens t JOIN users u ON u.id = t.user JOIN devices d ON d.id = t.device"
    " WHERE t.hash = ?";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (sql, select_sql, error);
  g_autoptr(RuhuPrincipal) principal = g_new0 (RuhuPrincipal, 1);
  gboolean has_row;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_blob (stmt, 1, hash, 32, SQLITE_STATIC);
  if (!ruhu_sqlite_step_row (sql, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    return set_token_error (RUHU_DIRECTORY_ERROR_UNKNOWN_TOKEN, error), NULL;
  if (sqlite3_column_int (stmt, 6) != 0)
    return set_token_error (RUHU_DIRECTORY_ERROR_REVOKED, error), NULL;
  if (now >= sqlite3_column_int64 (stmt, 2))
    return set_token_error (RUHU_DIRECTORY_ERROR_TOKEN_EXPIRED, error), NULL;
  if (!ruhu_directory_role_from_column (self, stmt, 4, &principal->role, error))
    return NULL;
  principal->user_id = ruhu_sqlite_column_dup (stmt, 0);
  principal->device_id = ruhu_sqlite_column_dup (stmt, 1);
  principal->expires_at = sqlite3_column_int64 (stmt, 2);
  principal->name = ruhu_sqlite_column_dup (stmt, 3);
  principal->place = ruhu_sqlite_column_dup (stmt, 5);
  *touch = now - sqlite3_column_int64 (stmt, 7) >= LAST_SEEN_STEP;
  return g_steal_pointer (&principal);
}

/**
 * ruhu_directory_authenticate:
 * @token: a bearer token from ruhu_directory_login()
 *
 * Checks @token on every request, so that revoking a user or a device
 * takes effect on the very next one. Safe from any thread; the lookup does
 * not wait for writes being synced to disk.
 *
 * Returns: (transfer full): who is calling, or %NULL with @error set:
 *   %RUHU_DIRECTORY_ERROR_UNKNOWN_TOKEN, %RUHU_DIRECTORY_ERROR_TOKEN_EXPIRED,
 *   %RUHU_DIRECTORY_ERROR_REVOKED or %RUHU_DIRECTORY_ERROR_DATABASE
 */
RuhuPrincipal *
ruhu_directory_authenticate (RuhuDirectory  *self,
                             const char     *token,
                             GError        **error)
{
  g_autoptr(RuhuPrincipal) principal = NULL;
  gboolean touch = FALSE, ok;
  guint8 hash[32];
  gint64 now;

  g_return_val_if_fail (RUHU_IS_DIRECTORY (self), NULL);
  if (token == NULL || *token == '\0' || strlen (token) > MAX_TOKEN_LENGTH)
    return set_token_error (RUHU_DIRECTORY_ERROR_UNKNOWN_TOKEN, error), NULL;
  hash_token (token, hash);
  now = ruhu_directory_now (self);
  principal = find_session (self, ruhu_directory_begin_read (self), hash, now, &touch, error);
  ruhu_directory_end_read (self);
  if (principal == NULL || !touch)
    return g_steal_pointer (&principal);
  g_mutex_lock (&self->lock);
  ok = touch_device (self, principal->device_id, now, error);
  g_mutex_unlock (&self->lock);
  return ok ? g_steal_pointer (&principal) : NULL;
}
