/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>

#include "ruhu-device.h"

/* Finding, making and unlocking the device's store. Unlocking derives the
 * key with Argon2id (about a third of a second on a tablet), so it runs in
 * a worker thread; the device itself, whose sync client talks HTTP on the
 * main context, is made back on the main thread. */

typedef struct
{
  char        *dir;
  char        *passphrase;
  gboolean     create;
  RuhuStore   *store;
  RuhuFormSet *forms;
} OpenJob;

static void
open_job_free (gpointer data)
{
  OpenJob *job = data;

  if (job->passphrase != NULL)
    memset (job->passphrase, 0, strlen (job->passphrase));
  g_free (job->passphrase);
  g_free (job->dir);
  g_clear_object (&job->store);
  g_clear_pointer (&job->forms, ruhu_form_set_unref);
  g_free (job);
}

/**
 * ruhu_device_default_dir:
 *
 * Returns: (transfer full): the folder of this device's store and photos
 */
char *
ruhu_device_default_dir (void)
{
  const char *dir = g_getenv ("RUHU_DEVICE_DIR");

  if (dir != NULL && *dir != '\0')
    return g_strdup (dir);
  return g_build_filename (g_get_user_data_dir (), APPLICATION_ID, NULL);
}

gboolean
ruhu_device_store_exists (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, RUHU_DEVICE_STORE_FILE, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/**
 * ruhu_device_remove_store:
 *
 * Removes a store that a first start made but could not finish (the login
 * failed), so that the next start is a first start again. The store must
 * no longer be open.
 */
gboolean
ruhu_device_remove_store (const char  *dir,
                          GError     **error)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (RUHU_DEVICE_STORE_FILE, suffixes[i], NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not remove %s: %s"), path, g_strerror (saved));
          return FALSE;
        }
    }
  return TRUE;
}

/* The tests make many stores; Argon2id's real cost belongs in benchmarks. */
static const RuhuKdfParams *
kdf_params (void)
{
  static const RuhuKdfParams fast = { 1, 256, 1 };

  return g_strcmp0 (g_getenv ("RUHU_TEST_FAST_KDF"), "1") == 0 ? &fast : NULL;
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenJob *job = task_data;
  g_autofree char *path = g_build_filename (job->dir, RUHU_DEVICE_STORE_FILE, NULL);
  g_autofree char *blobs = g_build_filename (job->dir, RUHU_DEVICE_BLOB_DIR, NULL);
  GError *error = NULL;

  if (job->create && g_mkdir_with_parents (blobs, 0700) != 0)
    {
      int saved = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               _("Could not make the folder %s: %s"), blobs, g_strerror (saved));
      return;
    }
  /* PRAGMA quick_check would keep the user waiting seconds at each start;
   * the window runs it in the background (ruhu-device-check.c), and each
   * value's authentication tag catches a tampered value when it is read. */
  job->store = ruhu_store_open (path, (job->create ? RUHU_STORE_OPEN_CREATE : 0) |
                                RUHU_STORE_OPEN_SKIP_CHECK,
                                job->passphrase, kdf_params (), &error);
  if (job->store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  job->forms = ruhu_form_set_load_default (&error);
  if (job->forms == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * ruhu_device_open_async:
 * @dir: the device folder (see ruhu_device_default_dir())
 * @passphrase: the store's passphrase
 * @create: make a new store (which must not exist yet) instead of opening one
 *
 * Opens (or makes) the encrypted store in a worker thread.
 */
void
ruhu_device_open_async (const char          *dir,
                        const char          *passphrase,
                        gboolean             create,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenJob *job;

  g_return_if_fail (dir != NULL);
  g_return_if_fail (passphrase != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ruhu_device_open_async);
  job = g_new0 (OpenJob, 1);
  job->dir = g_strdup (dir);
  job->passphrase = g_strdup (passphrase);
  job->create = create;
  g_task_set_task_data (task, job, open_job_free);
  if (create && ruhu_device_store_exists (dir))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_EXISTS,
                               _("This device already has a store in %s"), dir);
      return;
    }
  if (!create && !ruhu_device_store_exists (dir))
    {
      g_task_return_new_error (task, RUHU_STORE_ERROR, RUHU_STORE_ERROR_NOT_FOUND,
                               _("This device has no store in %s yet"), dir);
      return;
    }
  g_task_run_in_thread (task, open_thread);
}

/**
 * ruhu_device_open_finish:
 *
 * Returns: (transfer full) (nullable): the device, with its photo folder
 *   set, or %NULL with @error set (a #RuhuStoreError for a wrong passphrase
 *   or a damaged store)
 */
RuhuDevice *
ruhu_device_open_finish (GAsyncResult  *result,
                         GError       **error)
{
  OpenJob *job;
  RuhuDevice *device;
  g_autofree char *blobs = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ruhu_device_open_async, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  job = g_task_get_task_data (G_TASK (result));
  device = ruhu_device_new (job->store, job->forms);
  blobs = g_build_filename (job->dir, RUHU_DEVICE_BLOB_DIR, NULL);
  g_mkdir_with_parents (blobs, 0700);
  ruhu_sync_client_set_blob_dir (ruhu_device_get_sync_client (device), blobs);
  return device;
}
