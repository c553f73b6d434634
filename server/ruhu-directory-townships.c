/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ruhu-directory-private.h"
#include "ruhu-directory-townships.h"

#define TOWNSHIP_CODE_LENGTH 9
#define MAX_NOTICE_TEXT      200

void
ruhu_township_notice_free (RuhuTownshipNotice *notice)
{
  if (notice == NULL)
    return;
  g_free (notice->code);
  g_free (notice->office);
  g_free (notice->phone);
  g_free (notice->address);
  g_free (notice);
}

static gboolean
is_township_code (const char *code)
{
  if (code == NULL || strlen (code) != TOWNSHIP_CODE_LENGTH)
    return FALSE;
  for (const char *c = code; *c != '\0'; c++)
    if (!g_ascii_isdigit (*c))
      return FALSE;
  return TRUE;
}

static gboolean
check_text (const char  *text,
            const char  *what,
            GError     **error)
{
  if (text != NULL && *text != '\0' && g_utf8_validate (text, -1, NULL) &&
      g_utf8_strlen (text, -1) <= MAX_NOTICE_TEXT)
    return TRUE;
  g_set_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_INVALID,
               /* Translators: %s is what is wrong: "the office", "the phone number", "the address" */
               _("Give %s of the notice, in at most %d characters."), what, MAX_NOTICE_TEXT);
  return FALSE;
}

static gboolean
check_notice (const RuhuTownshipNotice  *notice,
              GError                   **error)
{
  if (!is_township_code (notice->code))
    {
      g_set_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_INVALID,
                   _("“%s” is not a township code: a township code has 9 digits, "
                     "such as 500109001."), notice->code != NULL ? notice->code : "");
      return FALSE;
    }
  return check_text (notice->office, _("the office that runs it"), error) &&
         check_text (notice->phone, _("the phone number for objections"), error) &&
         check_text (notice->address, _("the address for objections"), error);
}

/**
 * ruhu_directory_set_township_notice:
 *
 * Sets what @notice's township shows on its public pages; replaces what
 * was set before.
 *
 * Returns: %FALSE with @error set: %RUHU_DIRECTORY_ERROR_INVALID or
 *   %RUHU_DIRECTORY_ERROR_DATABASE
 */
gboolean
ruhu_directory_set_township_notice (RuhuDirectory             *self,
                                    const RuhuTownshipNotice  *notice,
                                    GError                   **error)
{
  static const char sql[] =
    "INSERT OR REPLACE INTO township_notices (code, office, phone, address, name_mask, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?)";
  g_autoptr(RuhuSqliteStmt) stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (RUHU_IS_DIRECTORY (self), FALSE);
  if (!check_notice (notice, error))
    return FALSE;
  g_mutex_lock (&self->lock);
  stmt = ruhu_sqlite_stmt (self->sql, sql, error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, notice->code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, notice->office, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, notice->phone, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, notice->address, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, ruhu_name_mask_to_string (notice->name_mask), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, ruhu_directory_now (self));
      ok = ruhu_sqlite_step_done (self->sql, stmt, error);
    }
  g_clear_pointer (&stmt, ruhu_sqlite_stmt_release);
  g_mutex_unlock (&self->lock);
  return ok;
}

static RuhuTownshipNotice *
notice_from_row (sqlite3_stmt *stmt,
                 const char   *code)
{
  RuhuTownshipNotice *notice = g_new0 (RuhuTownshipNotice, 1);
  g_autofree char *mask = ruhu_sqlite_column_dup (stmt, 3);

  notice->code = g_strdup (code);
  notice->office = ruhu_sqlite_column_dup (stmt, 0);
  notice->phone = ruhu_sqlite_column_dup (stmt, 1);
  notice->address = ruhu_sqlite_column_dup (stmt, 2);
  /* Unknown (newer) masks hide the most. */
  if (!ruhu_name_mask_from_string (mask, &notice->name_mask))
    notice->name_mask = RUHU_NAME_MASK_GIVEN;
  return notice;
}

/**
 * ruhu_directory_get_township_notice:
 *
 * Returns: (transfer full) (nullable): what the township shows, or %NULL
 *   (with @error unset) when it has not set up its public pages
 */
RuhuTownshipNotice *
ruhu_directory_get_township_notice (RuhuDirectory  *self,
                                    const char     *code,
                                    GError        **error)
{
  static const char sql[] =
    "SELECT office, phone, address, name_mask FROM township_notices WHERE code = ?";
  RuhuSqlite *reader;
  g_autoptr(RuhuSqliteStmt) stmt = NULL;
  RuhuTownshipNotice *notice = NULL;
  gboolean has_row = FALSE;

  g_return_val_if_fail (RUHU_IS_DIRECTORY (self), NULL);
  if (!is_township_code (code))
    return NULL;
  reader = ruhu_directory_begin_read (self);
  stmt = ruhu_sqlite_stmt (reader, sql, error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
      if (ruhu_sqlite_step_row (reader, stmt, &has_row, error) && has_row)
        notice = notice_from_row (stmt, code);
    }
  g_clear_pointer (&stmt, ruhu_sqlite_stmt_release);
  ruhu_directory_end_read (self);
  return notice;
}

/* The first column of @sql's rows, with @place as ?1 and @user_id (if
 * @sql has a ?2) as ?2. */
static GPtrArray *
select_case_ids (RuhuDirectory  *self,
                 const char     *sql,
                 const char     *place,
                 const char     *user_id,
                 GError        **error)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  RuhuSqlite *reader;
  g_autoptr(RuhuSqliteStmt) stmt = NULL;
  gboolean has_row = TRUE;
  gboolean ok = FALSE;

  g_return_val_if_fail (RUHU_IS_DIRECTORY (self), NULL);
  reader = ruhu_directory_begin_read (self);
  stmt = ruhu_sqlite_stmt (reader, sql, error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, place, -1, SQLITE_STATIC);
      if (sqlite3_bind_parameter_count (stmt) > 1)
        sqlite3_bind_text (stmt, 2, user_id, -1, SQLITE_STATIC);
      while ((ok = ruhu_sqlite_step_row (reader, stmt, &has_row, error)) && has_row)
        g_ptr_array_add (cases, ruhu_sqlite_column_dup (stmt, 0));
    }
  g_clear_pointer (&stmt, ruhu_sqlite_stmt_release);
  ruhu_directory_end_read (self);
  return ok ? g_steal_pointer (&cases) : NULL;
}

/**
 * ruhu_directory_list_cases_in:
 * @place: a division code: the cases placed in it or in a division inside it
 *
 * Returns: (transfer full) (element-type utf8): case ids, sorted, or %NULL
 *   with @error set on a database failure
 */
GPtrArray *
ruhu_directory_list_cases_in (RuhuDirectory  *self,
                              const char     *place,
                              GError        **error)
{
  /* A range rather than LIKE, so that the primary key's order is used and
   * no pattern character in @place has a meaning. */
  static const char sql[] =
    "SELECT case_id FROM case_places WHERE place >= ?1 AND place < ?1 || ':' ORDER BY case_id";

  return select_case_ids (self, sql, place, NULL, error);
}

/**
 * ruhu_directory_list_candidate_cases:
 * @place: the caller's area (a division code; "" for everywhere)
 * @user_id: the caller
 *
 * The cases a caller might see: those placed in @place, those @user_id
 * first pushed to, and those assigned to them. A superset: the caller's
 * scope (ruhu_scope_case_visible()) decides about each.
 *
 * Returns: (transfer full) (element-type utf8): case ids, or %NULL with
 *   @error set on a database failure
 */
GPtrArray *
ruhu_directory_list_candidate_cases (RuhuDirectory  *self,
                                     const char     *place,
                                     const char     *user_id,
                                     GError        **error)
{
  static const char sql[] =
    "SELECT case_id FROM case_places WHERE place >= ?1 AND place < ?1 || ':'"
    " UNION SELECT case_id FROM case_places WHERE creator = ?2"
    " UNION SELECT case_id FROM assignments WHERE user = ?2";

  return select_case_ids (self, sql, place, user_id, error);
}
