/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-directory-private.h"
#include "ruhu-directory-team.h"

/**
 * ruhu_directory_unassign:
 *
 * Takes the case @case_id from @user_id: from now on they see it only if
 * their place lets them. Taking a case that was not assigned is harmless.
 *
 * Returns: %FALSE with @error set on a database failure
 */
gboolean
ruhu_directory_unassign (RuhuDirectory  *self,
                         const char     *case_id,
                         const char     *user_id,
                         GError        **error)
{
  static const char sql[] = "DELETE FROM assignments WHERE case_id = ? AND user = ?";
  g_autoptr(RuhuSqliteStmt) stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (RUHU_IS_DIRECTORY (self), FALSE);
  g_mutex_lock (&self->lock);
  stmt = ruhu_sqlite_stmt (self->sql, sql, error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, user_id, -1, SQLITE_STATIC);
      ok = ruhu_sqlite_step_done (self->sql, stmt, error);
    }
  g_clear_pointer (&stmt, ruhu_sqlite_stmt_release);
  g_mutex_unlock (&self->lock);
  return ok;
}
