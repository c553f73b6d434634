/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ruhu-admin.h"
#include "ruhu-server-setup.h"

#define BACKUP_PAGES     256

int
ruhu_admin_init (RuhuAdmin *admin,
                 GStrv      args)
{
  GError *error = NULL;

  if (!ruhu_admin_parse (&args, "", NULL, 0) || !ruhu_admin_need_key (admin))
    return RUHU_ADMIN_EXIT_USAGE;
  if (!ruhu_server_init_data_dir (admin->data_dir, admin->key_file, &error))
    return ruhu_admin_fail (error);
  g_print (_("The data directory %s is ready. Keep the key file %s safe and back it up "
             "apart from the data: without it the case data cannot be read.\n"),
           admin->data_dir, admin->key_file);
  return 0;
}

static gboolean
sqlite_failed (sqlite3     *db,
               const char  *path,
               GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not back up %s: %s"),
               path, db != NULL ? sqlite3_errmsg (db) : g_strerror (ENOMEM));
  return FALSE;
}

/* Page by page, pausing when a writer holds the lock, so the server keeps
 * serving while its databases are copied. */
static gboolean
copy_pages (sqlite3     *from,
            sqlite3     *to,
            const char  *path,
            GError     **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (to, "main", from, "main");
  int rc;

  if (backup == NULL)
    return sqlite_failed (to, path, error);
  do
    {
      rc = sqlite3_backup_step (backup, BACKUP_PAGES);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (50);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    return sqlite_failed (to, path, error);
  return TRUE;
}

static gboolean
backup_file (const char  *data_dir,
             const char  *name,
             const char  *dest_dir,
             GError     **error)
{
  g_autofree char *source = g_build_filename (data_dir, name, NULL);
  g_autofree char *target = g_build_filename (dest_dir, name, NULL);
  sqlite3 *from = NULL, *to = NULL;
  gboolean ok;

  if (g_file_test (target, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s already exists; choose an empty folder for the backup."), target);
      return FALSE;
    }
  if (!g_file_test (source, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("%s is not a Ruhu data directory (it has no %s)."), data_dir, name);
      return FALSE;
    }
  ok = sqlite3_open_v2 (source, &from, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK;
  ok = ok ? TRUE : sqlite_failed (from, source, error);
  if (ok && sqlite3_open_v2 (target, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                             NULL) != SQLITE_OK)
    ok = sqlite_failed (to, target, error);
  ok = ok && copy_pages (from, to, target, error);
  sqlite3_close (from);
  sqlite3_close (to);
  if (ok)
    g_chmod (target, 0600);
  return ok;
}

int
ruhu_admin_backup (RuhuAdmin *admin,
                   GStrv      args)
{
  static const char * const files[] = {
    RUHU_SERVER_CASES_DB, RUHU_SERVER_DIRECTORY_DB, RUHU_SERVER_AUDIT_DB,
  };
  GError *error = NULL;

  if (!ruhu_admin_parse (&args, "DEST", NULL, 1))
    return RUHU_ADMIN_EXIT_USAGE;
  if (g_mkdir_with_parents (args[1], 0700) != 0)
    {
      g_printerr (_("ruhu-admin: Could not create the folder %s: %s\n"),
                  args[1], g_strerror (errno));
      return RUHU_ADMIN_EXIT_RUNTIME;
    }
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    if (!backup_file (admin->data_dir, files[i], args[1], &error))
      return ruhu_admin_fail (error);
  g_print (_("The databases were copied to %s. Copy the blobs folder and keep the key file "
             "apart, as they are not part of this backup.\n"), args[1]);
  return ruhu_admin_log (admin, "backup", args[1], NULL);
}

int
ruhu_admin_audit (RuhuAdmin *admin,
                  GStrv      args)
{
  g_autoptr(RuhuAudit) audit = NULL;
  GError *error = NULL;
  gint64 checked = 0, broken = 0;

  if (g_strcmp0 (args[1], "verify") != 0)
    return ruhu_admin_usage (_("Use “audit verify”."));
  args++;
  if (!ruhu_admin_parse (&args, "", NULL, 0))
    return RUHU_ADMIN_EXIT_USAGE;
  if ((audit = ruhu_admin_open_audit (admin, &error)) == NULL)
    return ruhu_admin_fail (error);
  if (ruhu_audit_verify (audit, &checked, &broken, &error))
    {
      g_print (_("The audit log is intact: %" PRId64 " entries checked.\n"), checked);
      return 0;
    }
  if (!g_error_matches (error, RUHU_AUDIT_ERROR, RUHU_AUDIT_ERROR_BROKEN))
    return ruhu_admin_fail (error);
  g_printerr (_("The audit log is broken at entry %" PRId64 " (%" PRId64
                " entries before it are sound): %s\n"), broken, checked, error->message);
  g_error_free (error);
  return 1;
}
