/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <gcrypt.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ruhu-blob-store-private.h"

/**
 * RuhuBlobStore:
 *
 * Content-addressed storage of photos and scans under `DIR/blobs/`: a blob
 * is named by the SHA-256 of its content, kept once however many cases
 * refer to it, and encrypted at rest under the server key in sealed chunks,
 * so that a range can be read without decrypting the rest. Complete blobs
 * live in `blobs/ab/abcd…` and never change; uploads in progress live in
 * `blobs/partial/`, encrypted too, until their last byte arrives and their
 * hash checks out. Every function may be called from any thread.
 */
G_DEFINE_QUARK (ruhu-blob-error-quark, ruhu_blob_error)

void
ruhu_blob_partial_clear (RuhuBlobPartial *partial)
{
  if (partial->fd >= 0)
    close (partial->fd);
  partial->fd = -1;
  g_clear_pointer (&partial->tail, g_byte_array_unref);
}

gboolean
ruhu_blob_check_name (const char  *name,
                      GError     **error)
{
  if (ruhu_blob_name_is_valid (name))
    return TRUE;
  g_set_error_literal (error, RUHU_BLOB_ERROR, RUHU_BLOB_ERROR_BAD_NAME,
                       _("A photo or scan is named by its SHA-256: 64 lowercase hexadecimal digits"));
  return FALSE;
}

gboolean
ruhu_blob_set_errno_error (GError     **error,
                           int          saved_errno,
                           const char  *path)
{
  g_set_error (error, RUHU_BLOB_ERROR, RUHU_BLOB_ERROR_IO,
               _("Could not store a photo or scan in “%s”: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

gboolean
ruhu_blob_sync_dir (const char  *path,
                    GError     **error)
{
  int fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int saved_errno;

  if (fd < 0)
    return ruhu_blob_set_errno_error (error, errno, path);
  if (fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      return ruhu_blob_set_errno_error (error, saved_errno, path);
    }
  close (fd);
  return TRUE;
}

char *
ruhu_blob_final_path (RuhuBlobStore *self,
                      const char    *name)
{
  char shard[3] = { name[0], name[1], '\0' };

  return g_build_filename (self->dir, shard, name, NULL);
}

char *
ruhu_blob_partial_path (RuhuBlobStore *self,
                        const char    *name,
                        const char    *suffix)
{
  g_autofree char *base = g_strconcat (name, suffix, NULL);

  return g_build_filename (self->partial_dir, base, NULL);
}

void
ruhu_blob_discard_partial (RuhuBlobStore *self,
                           const char    *name)
{
  g_autofree char *path = ruhu_blob_partial_path (self, name, "");
  g_autofree char *tail = ruhu_blob_partial_path (self, name, ".tail");

  g_unlink (tail);
  g_unlink (path);
}

/**
 * ruhu_blob_name_is_valid:
 * @name: (nullable): a blob name
 *
 * Returns: whether @name is exactly 64 lowercase hexadecimal digits
 */
gboolean
ruhu_blob_name_is_valid (const char *name)
{
  if (name == NULL)
    return FALSE;
  for (int i = 0; i < 64; i++)
    if (!g_ascii_isxdigit (name[i]) || g_ascii_isupper (name[i]))
      return FALSE;
  return name[64] == '\0';
}

/**
 * ruhu_blob_store_open:
 * @dir: the server's data directory; blobs go to `@dir/blobs/`
 * @key: (array fixed-size=32): the server key, copied
 * @max_blob: the largest blob accepted, in bytes
 * @error: return location for a #RUHU_BLOB_ERROR_IO error
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
RuhuBlobStore *
ruhu_blob_store_open (const char    *dir,
                      const guint8  *key,
                      gint64         max_blob,
                      GError       **error)
{
  g_autoptr(RuhuBlobStore) self = g_new0 (RuhuBlobStore, 1);

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (max_blob >= 0, NULL);

  ruhu_crypto_init ();
  g_mutex_init (&self->lock);
  self->dir = g_build_filename (dir, "blobs", NULL);
  self->partial_dir = g_build_filename (self->dir, "partial", NULL);
  self->key = gcry_malloc_secure (RUHU_KEY_LENGTH);
  memcpy (self->key, key, RUHU_KEY_LENGTH);
  self->max_blob = max_blob;
  if (g_mkdir_with_parents (self->partial_dir, 0700) != 0)
    {
      ruhu_blob_set_errno_error (error, errno, self->partial_dir);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * ruhu_blob_store_free:
 * @self: (transfer full): a store
 */
void
ruhu_blob_store_free (RuhuBlobStore *self)
{
  if (self == NULL)
    return;
  if (self->key != NULL)
    {
      explicit_bzero (self->key, RUHU_KEY_LENGTH);
      gcry_free (self->key);
    }
  g_mutex_clear (&self->lock);
  g_free (self->dir);
  g_free (self->partial_dir);
  g_free (self);
}

gint64
ruhu_blob_store_get_max_blob (RuhuBlobStore *self)
{
  return self->max_blob;
}

/**
 * ruhu_blob_store_set_check:
 * @func: (nullable): called with the whole content of an upload whose
 *   SHA-256 matched, before it is moved into place; %NULL for none
 * @user_data: for @func
 *
 * Lets the server refuse content that is not what it stores (a photo that
 * is not an image, or is cut short). Content @func refuses is deleted and
 * its error is what ruhu_blob_store_write_range() reports. Set it before
 * the store is used from several threads.
 */
void
ruhu_blob_store_set_check (RuhuBlobStore     *self,
                           RuhuBlobCheckFunc  func,
                           gpointer           user_data)
{
  self->check = func;
  self->check_data = user_data;
}

/**
 * ruhu_blob_store_get_path:
 * @self: a store
 * @name: a valid blob name
 *
 * Returns: (transfer full): where the complete blob @name is, or would be, kept
 */
char *
ruhu_blob_store_get_path (RuhuBlobStore *self,
                          const char    *name)
{
  g_return_val_if_fail (ruhu_blob_name_is_valid (name), NULL);
  return ruhu_blob_final_path (self, name);
}

/* Opens a complete blob; FALSE with NOT_FOUND when there is none. */
static int
open_complete (RuhuBlobStore  *self,
               const char     *name,
               gint64         *total,
               GError        **error)
{
  g_autofree char *path = ruhu_blob_final_path (self, name);
  gint64 file_size;
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  if (fd < 0 && errno == ENOENT)
    {
      g_set_error (error, RUHU_BLOB_ERROR, RUHU_BLOB_ERROR_NOT_FOUND,
                   _("There is no photo or scan named %.12s…"), name);
      return -1;
    }
  if (fd < 0)
    return ruhu_blob_set_errno_error (error, errno, path), -1;
  if (!ruhu_blob_read_header (fd, name, total, &file_size, error))
    return close (fd), -1;
  if (file_size != ruhu_blob_file_size (*total))
    {
      close (fd);
      g_set_error (error, RUHU_BLOB_ERROR, RUHU_BLOB_ERROR_CORRUPT,
                   _("The stored file of %.12s… has the wrong length: it was cut short or altered"),
                   name);
      return -1;
    }
  return fd;
}

/**
 * ruhu_blob_store_has:
 * @self: a store
 * @name: the blob's name
 * @present: (out): whether the complete blob is stored
 * @size: (out) (optional): its size in bytes, or 0
 * @error: return location for an error
 *
 * Answers HEAD. A partial upload does not count; see
 * ruhu_blob_store_get_partial().
 *
 * Returns: %FALSE with @error set if @name is invalid or the store is unreadable
 */
gboolean
ruhu_blob_store_has (RuhuBlobStore  *self,
                     const char     *name,
                     gboolean       *present,
                     gint64         *size,
                     GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 total = 0;
  int fd;

  if (!ruhu_blob_check_name (name, error))
    return FALSE;
  fd = open_complete (self, name, &total, &local_error);
  *present = fd >= 0;
  if (size != NULL)
    *size = fd >= 0 ? total : 0;
  if (fd >= 0)
    close (fd);
  else if (!g_error_matches (local_error, RUHU_BLOB_ERROR, RUHU_BLOB_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* Loads the partial upload of @name if there is one for @total, making the
 * chunk file agree with the tail after a crash; anything unusable is
 * discarded, which only costs the client a restart from zero. */
gboolean
ruhu_blob_load_partial (RuhuBlobStore  *self,
                        RuhuAead       *aead,
                        const char     *name,
                        gint64         *total,
                        RuhuBlobPartial        *partial,
                        GError        **error)
{
  g_autofree char *path = ruhu_blob_partial_path (self, name, "");
  g_autofree char *tail_path = ruhu_blob_partial_path (self, name, ".tail");
  g_autofree char *sealed = NULL;
  g_autofree guint8 *tail = NULL;
  gsize sealed_length, tail_length;
  gint64 file_size, stored_total, n_chunks;

  partial->fd = open (path, O_RDWR | O_CLOEXEC);
  if (partial->fd < 0)
    return errno == ENOENT ? TRUE : ruhu_blob_set_errno_error (error, errno, path);
  if (!ruhu_blob_read_header (partial->fd, name, &stored_total, &file_size, NULL) ||
      !g_file_get_contents (tail_path, &sealed, &sealed_length, NULL) ||
      !(tail = ruhu_blob_open_tail (aead, name, stored_total, (guint8 *) sealed, sealed_length,
                                    &n_chunks, &tail_length, NULL)) ||
      file_size < BLOB_HEADER_SIZE + n_chunks * BLOB_SEALED_CHUNK)
    {
      ruhu_blob_partial_clear (partial);
      ruhu_blob_discard_partial (self, name);
      return TRUE;
    }
  if (file_size > BLOB_HEADER_SIZE + n_chunks * BLOB_SEALED_CHUNK &&
      ftruncate (partial->fd, BLOB_HEADER_SIZE + n_chunks * BLOB_SEALED_CHUNK) != 0)
    return ruhu_blob_set_errno_error (error, errno, path);
  *total = stored_total;
  partial->n_chunks = n_chunks;
  partial->tail = g_byte_array_new_take (g_steal_pointer (&tail), tail_length);
  return TRUE;
}

/**
 * ruhu_blob_store_get_partial:
 * @self: a store
 * @name: the blob's name
 * @received: (out): how many bytes of an upload in progress are kept, or 0
 * @total: (out) (optional): the size the upload announced, or 0
 * @error: return location for an error
 *
 * Tells a client where to resume an interrupted upload.
 *
 * Returns: %FALSE with @error set if @name is invalid or the store failed
 */
gboolean
ruhu_blob_store_get_partial (RuhuBlobStore  *self,
                             const char     *name,
                             gint64         *received,
                             gint64         *total,
                             GError        **error)
{
  g_auto(RuhuBlobPartial) partial = { -1, 0, NULL };
  g_autoptr(RuhuAead) aead = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  gint64 stored_total = 0;

  *received = 0;
  if (total != NULL)
    *total = 0;
  if (!ruhu_blob_check_name (name, error) || !(aead = ruhu_aead_new (self->key, error)))
    return FALSE;
  locker = g_mutex_locker_new (&self->lock);
  if (!ruhu_blob_load_partial (self, aead, name, &stored_total, &partial, error))
    return FALSE;
  if (partial.fd >= 0)
    {
      *received = partial.n_chunks * RUHU_BLOB_CHUNK_SIZE + partial.tail->len;
      if (total != NULL)
        *total = stored_total;
    }
  return TRUE;
}

/**
 * ruhu_blob_store_read:
 * @self: a store
 * @name: the blob's name
 * @offset: the first byte to read
 * @length: how many bytes to read, or -1 for all from @offset to the end
 * @total: (out) (optional): the blob's size
 * @error: return location for an error: %RUHU_BLOB_ERROR_NOT_FOUND,
 *   %RUHU_BLOB_ERROR_RANGE, %RUHU_BLOB_ERROR_CORRUPT (failed authentication)
 *
 * Reads a range of a complete blob, decrypting only the chunks it covers;
 * no byte is returned unless its chunk's tag checked out.
 *
 * Returns: (transfer full) (nullable): the bytes, or %NULL with @error set
 */
GBytes *
ruhu_blob_store_read (RuhuBlobStore  *self,
                      const char     *name,
                      gint64          offset,
                      gint64          length,
                      gint64         *total,
                      GError        **error)
{
  g_autoptr(RuhuAead) aead = NULL;
  g_autoptr(GByteArray) out = NULL;
  gint64 size = 0;
  int fd;

  if (!ruhu_blob_check_name (name, error))
    return NULL;
  if ((fd = open_complete (self, name, &size, error)) < 0)
    return NULL;
  if (total != NULL)
    *total = size;
  if (length < 0 && offset >= 0 && offset <= size)
    length = size - offset;
  if (offset < 0 || offset > size || length < 0 || length > size - offset)
    {
      close (fd);
      g_set_error (error, RUHU_BLOB_ERROR, RUHU_BLOB_ERROR_RANGE,
                   _("The range asked for is outside the photo or scan, which has %" PRId64 " bytes"),
                   size);
      return NULL;
    }
  if (!(aead = ruhu_aead_new (self->key, error)))
    return close (fd), NULL;

  out = g_byte_array_sized_new ((guint) length);
  for (gint64 index = offset / RUHU_BLOB_CHUNK_SIZE;
       length > 0 && index * RUHU_BLOB_CHUNK_SIZE < offset + length;
       index++)
    {
      gint64 chunk_start = index * RUHU_BLOB_CHUNK_SIZE;
      g_autofree guint8 *plain = NULL;
      gsize plain_length;
      gint64 from, to;

      if (!(plain = ruhu_blob_read_chunk (fd, aead, name, size, index, &plain_length, error)))
        return close (fd), NULL;
      from = MAX (offset, chunk_start) - chunk_start;
      to = MIN (offset + length, chunk_start + (gint64) plain_length) - chunk_start;
      g_byte_array_append (out, plain + from, (guint) (to - from));
    }
  close (fd);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
