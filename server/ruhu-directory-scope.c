/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ruhu-directory-private.h"
#include "ruhu-id.h"

/* Case ids are UUIDs; anything else is a typing error worth catching. */
static gboolean
check_case_id (const char  *case_id,
               GError     **error)
{
  if (case_id != NULL && ruhu_id_is_valid (case_id))
    return TRUE;
  g_set_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_INVALID,
               _("“%s” is not a case id. A case id looks like "
                 "1b4e28ba-2fa1-11d2-883f-0016d3cca427."), case_id != NULL ? case_id : "");
  return FALSE;
}

static gboolean
assign_locked (RuhuDirectory  *self,
               const char     *case_id,
               const char     *user_id,
               GError        **error)
{
  static const char sql[] = "INSERT OR IGNORE INTO assignments (case_id, user) VALUES (?, ?)";
  g_autoptr(RuhuSqliteStmt) stmt = NULL;
  gboolean exists = FALSE;

  if (!ruhu_directory_user_exists (self, user_id, &exists, error))
    return FALSE;
  if (!exists)
    return ruhu_directory_no_such_user (user_id, error);
  stmt = ruhu_sqlite_stmt (self->sql, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, user_id, -1, SQLITE_STATIC);
  return ruhu_sqlite_step_done (self->sql, stmt, error);
}

/**
 * ruhu_directory_assign:
 *
 * Gives @user_id the case @case_id, in addition to what their place lets
 * them see. Assigning twice is harmless.
 *
 * Returns: %FALSE with @error set: %RUHU_DIRECTORY_ERROR_NO_SUCH_USER,
 *   %RUHU_DIRECTORY_ERROR_INVALID (not a case id) or
 *   %RUHU_DIRECTORY_ERROR_DATABASE
 */
gboolean
ruhu_directory_assign (RuhuDirectory  *self,
                       const char     *case_id,
                       const char     *user_id,
                       GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (RUHU_IS_DIRECTORY (self), FALSE);
  if (!check_case_id (case_id, error))
    return FALSE;
  g_mutex_lock (&self->lock);
  ok = assign_locked (self, case_id, user_id, error);
  g_mutex_unlock (&self->lock);
  return ok;
}

/**
 * ruhu_directory_is_assigned:
 * @assigned: (out): whether @case_id is assigned to @user_id
 */
gboolean
ruhu_directory_is_assigned (RuhuDirectory  *self,
                            const char     *case_id,
                            const char     *user_id,
                            gboolean       *assigned,
                            GError        **error)
{
  static const char sql[] = "SELECT 1 FROM assignments WHERE case_id = ? AND user = ?";
  g_autoptr(RuhuSqliteStmt) stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (RUHU_IS_DIRECTORY (self), FALSE);
  g_return_val_if_fail (assigned != NULL, FALSE);
  g_mutex_lock (&self->lock);
  stmt = ruhu_sqlite_stmt (self->sql, sql, error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, user_id, -1, SQLITE_STATIC);
      ok = ruhu_sqlite_step_row (self->sql, stmt, assigned, error);
    }
  g_clear_pointer (&stmt, ruhu_sqlite_stmt_release);
  g_mutex_unlock (&self->lock);
  return ok;
}

static GPtrArray *
list_assigned_locked (RuhuDirectory  *self,
                      const char     *user_id,
                      GError        **error)
{
  static const char sql[] = "SELECT case_id FROM assignments WHERE user = ? ORDER BY case_id";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  gboolean has_row = TRUE;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, user_id, -1, SQLITE_STATIC);
  while (ruhu_sqlite_step_row (self->sql, stmt, &has_row, error) && has_row)
    g_ptr_array_add (cases, ruhu_sqlite_column_dup (stmt, 0));
  return has_row ? NULL : g_steal_pointer (&cases);
}

/**
 * ruhu_directory_list_assigned:
 *
 * Returns: (transfer container) (element-type utf8): the ids of the cases
 *   assigned to @user_id, sorted; %NULL with @error set on failure
 */
GPtrArray *
ruhu_directory_list_assigned (RuhuDirectory  *self,
                              const char     *user_id,
                              GError        **error)
{
  GPtrArray *cases;

  g_return_val_if_fail (RUHU_IS_DIRECTORY (self), NULL);
  g_mutex_lock (&self->lock);
  cases = list_assigned_locked (self, user_id, error);
  g_mutex_unlock (&self->lock);
  return cases;
}

static gboolean
set_place_locked (RuhuDirectory  *self,
                  const char     *case_id,
                  const char     *place,
                  const char     *creator,
                  GError        **error)
{
  /* The creator is whoever came first; later calls only refine the place. */
  static const char sql[] =
    "INSERT INTO case_places (case_id, place, creator) VALUES (?, ?, ?)"
    " ON CONFLICT (case_id) DO UPDATE SET place = excluded.place";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, place, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, creator, -1, SQLITE_STATIC);
  return ruhu_sqlite_step_done (self->sql, stmt, error);
}

/**
 * ruhu_directory_set_case_place:
 * @place: the case's division code, or "" while it has none yet
 * @creator: (nullable): the user who first pushed to the case; kept from
 *   the first call, later ones change only the place
 *
 * Returns: %FALSE with @error set: %RUHU_DIRECTORY_ERROR_INVALID or
 *   %RUHU_DIRECTORY_ERROR_DATABASE
 */
gboolean
ruhu_directory_set_case_place (RuhuDirectory  *self,
                               const char     *case_id,
                               const char     *place,
                               const char     *creator,
                               GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (RUHU_IS_DIRECTORY (self), FALSE);
  g_return_val_if_fail (place != NULL, FALSE);
  if (!check_case_id (case_id, error))
    return FALSE;
  if (*place != '\0' && !ruhu_place_code_is_valid (place))
    {
      g_set_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_INVALID,
                   _("“%s” is not a division code of 6, 9 or 12 digits."), place);
      return FALSE;
    }
  g_mutex_lock (&self->lock);
  ok = set_place_locked (self, case_id, place, creator, error);
  g_mutex_unlock (&self->lock);
  return ok;
}

static gboolean
get_place (RuhuSqlite  *sql,
           const char  *case_id,
           char       **place,
           char       **creator,
           GError     **error)
{
  static const char select_sql[] = "SELECT place, creator FROM case_places WHERE case_id = ?";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (sql, select_sql, error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_STATIC);
  if (!ruhu_sqlite_step_row (sql, stmt, &has_row, error))
    return FALSE;
  if (place != NULL)
    *place = has_row ? ruhu_sqlite_column_dup (stmt, 0) : NULL;
  if (creator != NULL)
    *creator = has_row ? ruhu_sqlite_column_dup (stmt, 1) : NULL;
  return TRUE;
}

/**
 * ruhu_directory_get_case_place:
 * @place: (out) (optional) (transfer full) (nullable): the case's place
 *   ("" if it has none yet), or %NULL for a case never seen
 * @creator: (out) (optional) (transfer full) (nullable): the user who first
 *   pushed to it, or %NULL
 *
 * Returns: %FALSE with @error set only on a database failure
 */
gboolean
ruhu_directory_get_case_place (RuhuDirectory  *self,
                               const char     *case_id,
                               char          **place,
                               char          **creator,
                               GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (RUHU_IS_DIRECTORY (self), FALSE);
  ok = get_place (ruhu_directory_begin_read (self), case_id, place, creator, error);
  ruhu_directory_end_read (self);
  return ok;
}
