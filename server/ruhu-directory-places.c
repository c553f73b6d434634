/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-directory-places.h"
#include "ruhu-directory-private.h"

/* A push of many new cases records each case's place and creator: one
 * transaction, so one sync to disk, for all of them instead of one each. */

static gboolean
write_place (RuhuSqlite           *sql,
             const RuhuCasePlace  *entry,
             GError              **error)
{
  /* The creator is whoever came first; later writes only refine the place. */
  static const char insert_sql[] =
    "INSERT INTO case_places (case_id, place, creator) VALUES (?, ?, ?)"
    " ON CONFLICT (case_id) DO UPDATE SET place = excluded.place";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (sql, insert_sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entry->case_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, entry->place, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, entry->creator, -1, SQLITE_STATIC);
  return ruhu_sqlite_step_done (sql, stmt, error);
}

/**
 * ruhu_directory_set_case_places:
 * @places: (element-type RuhuCasePlace): valid case ids and places
 *
 * ruhu_directory_set_case_place() for many cases, all or none.
 *
 * Returns: %FALSE with @error set (%RUHU_DIRECTORY_ERROR_DATABASE)
 */
gboolean
ruhu_directory_set_case_places (RuhuDirectory  *self,
                                GArray         *places,
                                GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (RUHU_IS_DIRECTORY (self), FALSE);
  if (places->len == 0)
    return TRUE;
  g_mutex_lock (&self->lock);
  ok = ruhu_sqlite_begin (self->sql, error);
  for (guint i = 0; ok && i < places->len; i++)
    ok = write_place (self->sql, &g_array_index (places, RuhuCasePlace, i), error);
  ok = ok && ruhu_sqlite_commit (self->sql, error);
  if (!ok)
    ruhu_sqlite_rollback (self->sql);
  g_mutex_unlock (&self->lock);
  return ok;
}
