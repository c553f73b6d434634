/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-directory-private.h"

static RuhuKdfParams
current_kdf (RuhuDirectory *self)
{
  RuhuKdfParams kdf;

  g_mutex_lock (&self->lock);
  kdf = self->kdf;
  g_mutex_unlock (&self->lock);
  return kdf;
}

static gboolean
insert_user (RuhuDirectory  *self,
             const char     *user_id,
             const char     *name,
             RuhuRole        role,
             const char     *place,
             const char     *hash,
             GError        **error)
{
  static const char insert_sql[] =
    "INSERT INTO users (id, name, role, place, password, revoked, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?6)";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, insert_sql, error);
  gboolean exists = FALSE;

  if (stmt == NULL || !ruhu_directory_user_exists (self, user_id, &exists, error))
    return FALSE;
  if (exists)
    {
      g_set_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_USER_EXISTS,
                   _("There is already a user “%s”. Choose another user name, or change "
                     "the existing user with “ruhu-admin user modify”."), user_id);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, user_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, ruhu_role_to_string (role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, place != NULL ? place : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, ruhu_directory_now (self));
  return ruhu_sqlite_step_done (self->sql, stmt, error);
}

/**
 * ruhu_directory_add_user:
 * @place: a division code; "" (or %NULL) for an administrator
 * @password: at least 8 characters
 *
 * Returns: %FALSE with @error set: %RUHU_DIRECTORY_ERROR_USER_EXISTS,
 *   %RUHU_DIRECTORY_ERROR_INVALID or %RUHU_DIRECTORY_ERROR_DATABASE
 */
gboolean
ruhu_directory_add_user (RuhuDirectory  *self,
                         const char     *user_id,
                         const char     *name,
                         RuhuRole        role,
                         const char     *place,
                         const char     *password,
                         GError        **error)
{
  RuhuKdfParams kdf;
  g_autofree char *hash = NULL;
  gboolean ok;

  g_return_val_if_fail (RUHU_IS_DIRECTORY (self), FALSE);
  if (!ruhu_directory_check_user_id (user_id, error) ||
      !ruhu_directory_check_user (name, role, place, error) ||
      !ruhu_directory_check_password (password, error))
    return FALSE;
  kdf = current_kdf (self);
  hash = ruhu_password_hash (password, &kdf, error);
  if (hash == NULL)
    return FALSE;

  g_mutex_lock (&self->lock);
  ok = insert_user (self, user_id, name, role, place, hash, error);
  g_mutex_unlock (&self->lock);
  return ok;
}

/**
 * ruhu_directory_load_user:
 * @info: (out) (transfer full) (nullable): the user, %NULL if unknown
 * @password_hash: (out) (optional) (transfer full): the stored hash
 *
 * Reads one user row through @sql, for login (the reader, from
 * ruhu_directory_begin_read()) and for merging a partial change (the
 * writer, under the directory's lock).
 *
 * Returns: %FALSE only on a database error
 */
gboolean
ruhu_directory_load_user (RuhuDirectory  *self,
                          RuhuSqlite     *sql,
                          const char     *user_id,
                          RuhuUserInfo  **info,
                          char          **password_hash,
                          GError        **error)
{
  static const char select_sql[] =
    "SELECT name, role, place, revoked, password FROM users WHERE id = ?";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (sql, select_sql, error);
  g_autoptr(RuhuUserInfo) found = g_new0 (RuhuUserInfo, 1);
  gboolean has_row;

  *info = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, user_id, -1, SQLITE_STATIC);
  if (!ruhu_sqlite_step_row (sql, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    return TRUE;
  if (!ruhu_directory_role_from_column (self, stmt, 1, &found->role, error))
    return FALSE;
  found->user_id = g_strdup (user_id);
  found->name = ruhu_sqlite_column_dup (stmt, 0);
  found->place = ruhu_sqlite_column_dup (stmt, 2);
  found->revoked = sqlite3_column_int (stmt, 3) != 0;
  if (password_hash != NULL)
    *password_hash = ruhu_sqlite_column_dup (stmt, 4);
  *info = g_steal_pointer (&found);
  return TRUE;
}

/* A new password ends every session: whoever knew the old one is out. */
static gboolean
update_user (RuhuDirectory       *self,
             const RuhuUserInfo  *info,
             const char          *hash,
             GError             **error)
{
  static const char sql[] =
    "UPDATE users SET name = ?2, role = ?3, place = ?4, password = coalesce(?5, password),"
    " updated_at = ?6 WHERE id = ?1";
  static const char end_sessions_sql[] = "DELETE FROM tokens WHERE user = ?";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);
  g_autoptr(RuhuSqliteStmt) end_sessions = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, info->user_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, info->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, ruhu_role_to_string (info->role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, info->place, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, ruhu_directory_now (self));
  if (!ruhu_sqlite_step_done (self->sql, stmt, error) || hash == NULL)
    return hash == NULL;
  end_sessions = ruhu_sqlite_stmt (self->sql, end_sessions_sql, error);
  if (end_sessions == NULL)
    return FALSE;
  sqlite3_bind_text (end_sessions, 1, info->user_id, -1, SQLITE_STATIC);
  return ruhu_sqlite_step_done (self->sql, end_sessions, error);
}

static gboolean
modify_locked (RuhuDirectory   *self,
               const char      *user_id,
               const char      *name,
               const RuhuRole  *role,
               const char      *place,
               const char      *hash,
               GError         **error)
{
  g_autoptr(RuhuUserInfo) info = NULL;

  if (!ruhu_directory_load_user (self, self->sql, user_id, &info, NULL, error))
    return FALSE;
  if (info == NULL)
    return ruhu_directory_no_such_user (user_id, error);
  if (name != NULL)
    {
      g_free (info->name);
      info->name = g_strdup (name);
    }
  if (role != NULL)
    info->role = *role;
  if (place != NULL)
    {
      g_free (info->place);
      info->place = g_strdup (place);
    }
  /* The combination is what must make sense: a new role may need a place. */
  if (!ruhu_directory_check_user (info->name, info->role, info->place, error))
    return FALSE;
  if (!ruhu_sqlite_begin (self->sql, error))
    return FALSE;
  if (update_user (self, info, hash, error) && ruhu_sqlite_commit (self->sql, error))
    return TRUE;
  ruhu_sqlite_rollback (self->sql);
  return FALSE;
}

/**
 * ruhu_directory_modify_user:
 * @name: (nullable): a new name, or %NULL to keep it
 * @role: (nullable): a new role, or %NULL to keep it
 * @place: (nullable): a new place, or %NULL to keep it
 * @password: (nullable): a new password, or %NULL to keep it; a new one
 *   ends the user's sessions on every device
 *
 * Returns: %FALSE with @error set: %RUHU_DIRECTORY_ERROR_NO_SUCH_USER,
 *   %RUHU_DIRECTORY_ERROR_INVALID or %RUHU_DIRECTORY_ERROR_DATABASE
 */
gboolean
ruhu_directory_modify_user (RuhuDirectory   *self,
                            const char      *user_id,
                            const char      *name,
                            const RuhuRole  *role,
                            const char      *place,
                            const char      *password,
                            GError         **error)
{
  g_autofree char *hash = NULL;
  gboolean ok;

  g_return_val_if_fail (RUHU_IS_DIRECTORY (self), FALSE);
  if (password != NULL)
    {
      RuhuKdfParams kdf = current_kdf (self);

      if (!ruhu_directory_check_password (password, error) ||
          (hash = ruhu_password_hash (password, &kdf, error)) == NULL)
        return FALSE;
    }
  g_mutex_lock (&self->lock);
  ok = modify_locked (self, user_id, name, role, place, hash, error);
  g_mutex_unlock (&self->lock);
  return ok;
}

static GPtrArray *
list_locked (RuhuDirectory  *self,
             GError        **error)
{
  static const char sql[] = "SELECT id, name, role, place, revoked FROM users ORDER BY id";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_user_info_free);
  gboolean has_row = TRUE;

  if (stmt == NULL)
    return NULL;
  while (ruhu_sqlite_step_row (self->sql, stmt, &has_row, error) && has_row)
    {
      g_autoptr(RuhuUserInfo) info = g_new0 (RuhuUserInfo, 1);

      if (!ruhu_directory_role_from_column (self, stmt, 2, &info->role, error))
        return NULL;
      info->user_id = ruhu_sqlite_column_dup (stmt, 0);
      info->name = ruhu_sqlite_column_dup (stmt, 1);
      info->place = ruhu_sqlite_column_dup (stmt, 3);
      info->revoked = sqlite3_column_int (stmt, 4) != 0;
      g_ptr_array_add (users, g_steal_pointer (&info));
    }
  return has_row ? NULL : g_steal_pointer (&users);
}

/**
 * ruhu_directory_list_users:
 *
 * Returns: (transfer container) (element-type RuhuUserInfo): every user,
 *   revoked ones too, by user name; %NULL with @error set on failure
 */
GPtrArray *
ruhu_directory_list_users (RuhuDirectory  *self,
                           GError        **error)
{
  GPtrArray *users;

  g_return_val_if_fail (RUHU_IS_DIRECTORY (self), NULL);
  g_mutex_lock (&self->lock);
  users = list_locked (self, error);
  g_mutex_unlock (&self->lock);
  return users;
}

/* Runs a one-parameter UPDATE; *found says whether a row matched. */
static gboolean
update_one (RuhuDirectory  *self,
            const char     *sql,
            const char     *id,
            gboolean       *found,
            GError        **error)
{
  g_autoptr(RuhuSqliteStmt) stmt = NULL;
  gboolean ok;

  g_mutex_lock (&self->lock);
  stmt = ruhu_sqlite_stmt (self->sql, sql, error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      ok = ruhu_sqlite_step_done (self->sql, stmt, error);
      *found = sqlite3_changes (self->sql->db) > 0;
    }
  g_clear_pointer (&stmt, ruhu_sqlite_stmt_release);
  g_mutex_unlock (&self->lock);
  return ok;
}

/**
 * ruhu_directory_revoke_user:
 *
 * Blocks @user_id at once: their tokens stop working on the very next
 * request, and they cannot sign in again.
 *
 * Returns: %FALSE with @error set: %RUHU_DIRECTORY_ERROR_NO_SUCH_USER or
 *   %RUHU_DIRECTORY_ERROR_DATABASE
 */
gboolean
ruhu_directory_revoke_user (RuhuDirectory  *self,
                            const char     *user_id,
                            GError        **error)
{
  static const char sql[] = "UPDATE users SET revoked = 1 WHERE id = ?";
  gboolean found = FALSE;

  g_return_val_if_fail (RUHU_IS_DIRECTORY (self), FALSE);
  if (!update_one (self, sql, user_id, &found, error))
    return FALSE;
  return found || ruhu_directory_no_such_user (user_id, error);
}

/**
 * ruhu_directory_revoke_device:
 *
 * Blocks a lost or stolen device at once: its tokens stop working on the
 * very next request, and no one can sign in from it again.
 *
 * Returns: %FALSE with @error set: %RUHU_DIRECTORY_ERROR_NO_SUCH_USER (no
 *   such device) or %RUHU_DIRECTORY_ERROR_DATABASE
 */
gboolean
ruhu_directory_revoke_device (RuhuDirectory  *self,
                              const char     *device_id,
                              GError        **error)
{
  static const char sql[] = "UPDATE devices SET revoked = 1 WHERE id = ?";
  gboolean found = FALSE;

  g_return_val_if_fail (RUHU_IS_DIRECTORY (self), FALSE);
  if (!update_one (self, sql, device_id, &found, error))
    return FALSE;
  if (!found)
    g_set_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_NO_SUCH_USER,
                 _("No device “%s” has ever signed in to this server. “ruhu-admin device list” "
                   "shows the devices that have."), device_id);
  return found;
}

static GPtrArray *
list_devices_locked (RuhuDirectory  *self,
                     GError        **error)
{
  static const char sql[] =
    "SELECT id, user, name, revoked, last_seen FROM devices ORDER BY user, last_seen DESC";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_device_info_free);
  gboolean has_row = TRUE;

  if (stmt == NULL)
    return NULL;
  while (ruhu_sqlite_step_row (self->sql, stmt, &has_row, error) && has_row)
    {
      RuhuDeviceInfo *info = g_new0 (RuhuDeviceInfo, 1);

      info->device_id = ruhu_sqlite_column_dup (stmt, 0);
      info->user_id = ruhu_sqlite_column_dup (stmt, 1);
      info->name = ruhu_sqlite_column_dup (stmt, 2);
      info->revoked = sqlite3_column_int (stmt, 3) != 0;
      info->last_seen = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (devices, info);
    }
  return has_row ? NULL : g_steal_pointer (&devices);
}

/**
 * ruhu_directory_list_devices:
 *
 * Returns: (transfer container) (element-type RuhuDeviceInfo): every device
 *   that has signed in, by user and most recently seen first; %NULL with
 *   @error set on failure
 */
GPtrArray *
ruhu_directory_list_devices (RuhuDirectory  *self,
                             GError        **error)
{
  GPtrArray *devices;

  g_return_val_if_fail (RUHU_IS_DIRECTORY (self), NULL);
  g_mutex_lock (&self->lock);
  devices = list_devices_locked (self, error);
  g_mutex_unlock (&self->lock);
  return devices;
}

static gboolean
get_key_locked (RuhuDirectory  *self,
                const char     *device_id,
                char          **public_key,
                GError        **error)
{
  static const char sql[] = "SELECT public_key FROM devices WHERE id = ?";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, device_id, -1, SQLITE_STATIC);
  if (!ruhu_sqlite_step_row (self->sql, stmt, &has_row, error))
    return FALSE;
  *public_key = has_row ? ruhu_sqlite_column_dup (stmt, 0) : NULL;
  return TRUE;
}

/**
 * ruhu_directory_get_device_key:
 * @public_key: (out) (transfer full) (nullable): the device's public
 *   signing key as it sent it, or %NULL if the device is unknown or sent none
 *
 * For checking the signatures on check sheets.
 */
gboolean
ruhu_directory_get_device_key (RuhuDirectory  *self,
                               const char     *device_id,
                               char          **public_key,
                               GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (RUHU_IS_DIRECTORY (self), FALSE);
  g_return_val_if_fail (public_key != NULL, FALSE);
  g_mutex_lock (&self->lock);
  ok = get_key_locked (self, device_id, public_key, error);
  g_mutex_unlock (&self->lock);
  return ok;
}

void
ruhu_device_info_free (RuhuDeviceInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->device_id);
  g_free (info->user_id);
  g_free (info->name);
  g_free (info);
}
