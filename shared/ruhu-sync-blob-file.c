/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ruhu-image.h"
#include "ruhu-sync-private.h"

/* The device's photos: BLOB_DIR/ab/abcd… holds the photo whose SHA-256 is
 * abcd…, sealed whole with the store's data key (bound to its name, so a
 * file cannot stand in for another). A download in progress is
 * BLOB_DIR/partial/abcd…: records of a 4-byte big-endian length and a
 * sealed part, each bound to the name and its place; a record cut short by
 * a crash is dropped when the download resumes. */

#define RECORD_HEADER 4

static char *
final_path (RuhuSyncClient *self,
            const char     *name)
{
  char shard[3] = { name[0], name[1], '\0' };

  return g_build_filename (self->blob_dir, shard, name, NULL);
}

static char *
partial_path (RuhuSyncClient *self,
              const char     *name)
{
  return g_build_filename (self->blob_dir, "partial", name, NULL);
}

static char *
record_context (const char *name,
                gint64      offset)
{
  return g_strdup_printf ("%s@%" G_GINT64_FORMAT, name, offset);
}

static gboolean
blob_error (GError     **error,
            const char  *path,
            int          saved_errno)
{
  g_set_error (error, RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_BLOB,
               _("Cannot keep a photo in “%s”: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
check_dir (RuhuSyncClient  *self,
           GError         **error)
{
  if (self->blob_dir != NULL)
    return TRUE;
  g_set_error_literal (error, RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_NO_BLOB_DIR,
                       _("This device has no folder for photos"));
  return FALSE;
}

static char *
sha256_of (GBytes *content)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
}

gboolean
ruhu_sync_blob_exists (RuhuSyncClient *self,
                       const char     *name)
{
  g_autofree char *path = NULL;

  if (self->blob_dir == NULL)
    return FALSE;
  path = final_path (self, name);
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/* The content is checked against its name: a damaged file is an error,
 * never a wrong photo. */
GBytes *
ruhu_sync_blob_load (RuhuSyncClient  *self,
                     const char      *name,
                     GError         **error)
{
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  g_autofree char *sum = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GBytes) plain = NULL;
  gsize length = 0;

  if (!check_dir (self, error))
    return NULL;
  path = final_path (self, name);
  if (!g_file_get_contents (path, &data, &length, NULL))
    {
      g_set_error (error, RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_BLOB,
                   _("The photo %.12s… is not on this device"), name);
      return NULL;
    }
  sealed = g_bytes_new_take (g_steal_pointer (&data), length);
  if ((plain = ruhu_store_unseal (self->store, name, sealed, error)) == NULL)
    return NULL;
  sum = sha256_of (plain);
  if (strcmp (sum, name) != 0)
    {
      g_set_error (error, RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_BLOB,
                   _("The photo %.12s… on this device is damaged"), name);
      return NULL;
    }
  return g_steal_pointer (&plain);
}

gboolean
ruhu_sync_blob_save (RuhuSyncClient  *self,
                     const char      *name,
                     GBytes          *content,
                     GError         **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;
  const char *data;

  if (!check_dir (self, error))
    return FALSE;
  path = final_path (self, name);
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return blob_error (error, dir, errno);
  if ((sealed = ruhu_store_seal (self->store, name, content, error)) == NULL)
    return FALSE;
  data = g_bytes_get_data (sealed, &length);
  if (!g_file_set_contents_full (path, data, (gssize) length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_BLOB,
                   _("Cannot keep a photo: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Reads the records of a partial download up to the first one that is cut
 * short or does not open; @plain gets their content if not %NULL. Returns
 * the byte length of the good records in the file. */
static gsize
read_records (RuhuSyncClient *self,
              const char     *name,
              const guint8   *data,
              gsize           length,
              GByteArray     *plain,
              gint64         *received)
{
  gsize at = 0;

  *received = 0;
  while (length - at >= RECORD_HEADER)
    {
      guint32 size = (guint32) data[at] << 24 | (guint32) data[at + 1] << 16 |
                     (guint32) data[at + 2] << 8 | data[at + 3];
      g_autoptr(GBytes) sealed = NULL;
      g_autoptr(GBytes) part = NULL;
      g_autofree char *context = record_context (name, *received);

      if (size > length - at - RECORD_HEADER)
        break;
      sealed = g_bytes_new_static (data + at + RECORD_HEADER, size);
      if ((part = ruhu_store_unseal (self->store, context, sealed, NULL)) == NULL)
        break;
      if (plain != NULL)
        g_byte_array_append (plain, g_bytes_get_data (part, NULL),
                             (guint) g_bytes_get_size (part));
      *received += (gint64) g_bytes_get_size (part);
      at += RECORD_HEADER + size;
    }
  return at;
}

/**
 * ruhu_sync_blob_partial_size:
 *
 * Returns: how many bytes of @name were downloaded so far (0 if none);
 *   a damaged end is cut off
 */
gint64
ruhu_sync_blob_partial_size (RuhuSyncClient *self,
                             const char     *name)
{
  g_autofree char *path = partial_path (self, name);
  g_autofree char *data = NULL;
  gsize length = 0, good;
  gint64 received = 0;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return 0;
  good = read_records (self, name, (const guint8 *) data, length, NULL, &received);
  if (good < length && truncate (path, (off_t) good) != 0)
    {
      g_unlink (path);
      return 0;
    }
  return received;
}

gboolean
ruhu_sync_blob_partial_append (RuhuSyncClient  *self,
                               const char      *name,
                               gint64           offset,
                               GBytes          *chunk,
                               GError         **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *context = record_context (name, offset);
  g_autoptr(GBytes) sealed = NULL;
  guint8 header[RECORD_HEADER];
  gsize length;
  FILE *file;
  gboolean ok;

  if (!check_dir (self, error))
    return FALSE;
  path = partial_path (self, name);
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return blob_error (error, dir, errno);
  if ((sealed = ruhu_store_seal (self->store, context, chunk, error)) == NULL)
    return FALSE;
  length = g_bytes_get_size (sealed);
  header[0] = length >> 24, header[1] = length >> 16, header[2] = length >> 8, header[3] = length;
  if ((file = g_fopen (path, "ab")) == NULL)
    return blob_error (error, path, errno);
  ok = fwrite (header, 1, sizeof header, file) == sizeof header &&
       fwrite (g_bytes_get_data (sealed, NULL), 1, length, file) == length;
  if (fclose (file) != 0 || !ok)
    return blob_error (error, path, errno != 0 ? errno : EIO);
  return TRUE;
}

void
ruhu_sync_blob_partial_discard (RuhuSyncClient *self,
                                const char     *name)
{
  g_autofree char *path = partial_path (self, name);

  g_unlink (path);
}

/* The last part is in: keep the photo if it is what its name says. */
gboolean
ruhu_sync_blob_partial_finish (RuhuSyncClient  *self,
                               const char      *name,
                               GError         **error)
{
  g_autofree char *path = partial_path (self, name);
  g_autofree char *data = NULL;
  g_autofree char *sum = NULL;
  g_autoptr(GByteArray) plain = g_byte_array_new ();
  g_autoptr(GBytes) content = NULL;
  gsize length = 0;
  gint64 received;

  if (!g_file_get_contents (path, &data, &length, error))
    return FALSE;
  read_records (self, name, (const guint8 *) data, length, plain, &received);
  g_unlink (path);
  content = g_byte_array_free_to_bytes (g_steal_pointer (&plain));
  sum = sha256_of (content);
  if (strcmp (sum, name) != 0)
    {
      g_set_error (error, RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_BLOB,
                   _("The photo %.12s… arrived damaged; it will be fetched again"), name);
      return FALSE;
    }
  return ruhu_sync_blob_save (self, name, content, error);
}

/**
 * ruhu_sync_client_add_photo:
 * @path: a JPEG or PNG file, e.g. from the camera
 *
 * Checks that @path is a whole image and keeps a copy, sealed with the
 * store's key, in the client's blob directory; the next sync uploads it
 * before the operations that refer to it.
 *
 * Returns: (transfer full) (nullable): the photo's SHA-256, the value of a
 *   photo field, or %NULL with @error set (RUHU_IMAGE_ERROR if it is not a
 *   whole image)
 */
char *
ruhu_sync_client_add_photo (RuhuSyncClient  *self,
                            const char      *path,
                            GError         **error)
{
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GBytes) content = NULL;
  gsize length = 0;

  g_return_val_if_fail (RUHU_IS_SYNC_CLIENT (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  if (!check_dir (self, error) || !ruhu_image_check_file (path, NULL, error) ||
      !g_file_get_contents (path, &data, &length, error))
    return NULL;
  content = g_bytes_new_take (g_steal_pointer (&data), length);
  /* The file may have changed since it was checked. */
  if (!ruhu_image_check (g_bytes_get_data (content, NULL), length, NULL, error))
    return NULL;
  name = sha256_of (content);
  if (!ruhu_sync_blob_exists (self, name) && !ruhu_sync_blob_save (self, name, content, error))
    return NULL;
  return g_steal_pointer (&name);
}

/**
 * ruhu_sync_client_read_photo:
 * @sha256: a photo's name, as in a photo field
 *
 * Returns: (transfer full) (nullable): the photo's bytes, or %NULL with
 *   %RUHU_SYNC_ERROR_BLOB if this device does not have it (yet)
 */
GBytes *
ruhu_sync_client_read_photo (RuhuSyncClient  *self,
                             const char      *sha256,
                             GError         **error)
{
  g_return_val_if_fail (RUHU_IS_SYNC_CLIENT (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);
  if (strlen (sha256) != 64 || strspn (sha256, "0123456789abcdef") != 64)
    {
      g_set_error (error, RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_BLOB,
                   _("“%s” does not name a photo"), sha256);
      return NULL;
    }
  return ruhu_sync_blob_load (self, sha256, error);
}
