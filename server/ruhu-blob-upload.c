/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <gcrypt.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ruhu-blob-store-private.h"

static gboolean
check_range (RuhuBlobStore  *self,
             gint64          offset,
             gint64          total,
             gsize           length,
             GError        **error)
{
  if (total > self->max_blob)
    {
      g_autofree char *size = g_format_size ((guint64) total);
      g_autofree char *limit = g_format_size ((guint64) self->max_blob);

      g_set_error (error, RUHU_BLOB_ERROR, RUHU_BLOB_ERROR_TOO_LARGE,
                   /* Translators: both are sizes such as "40.1 MB" */
                   _("The photo or scan is too large (%s); the server accepts at most %s"),
                   size, limit);
      return FALSE;
    }
  if (total < 0 || offset < 0 || offset > total || (guint64) length > (guint64) (total - offset))
    {
      g_set_error (error, RUHU_BLOB_ERROR, RUHU_BLOB_ERROR_RANGE,
                   _("The uploaded part does not fit in a photo or scan of %" PRId64 " bytes"),
                   MAX (total, 0));
      return FALSE;
    }
  return TRUE;
}

static gboolean
create_partial (RuhuBlobStore    *self,
                const char       *name,
                gint64            total,
                RuhuBlobPartial  *partial,
                GError          **error)
{
  g_autofree char *path = ruhu_blob_partial_path (self, name, "");

  partial->fd = open (path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (partial->fd < 0)
    return ruhu_blob_set_errno_error (error, errno, path);
  partial->n_chunks = 0;
  partial->tail = g_byte_array_new ();
  return ruhu_blob_write_header (partial->fd, total, error);
}

static gboolean
save_tail (RuhuBlobStore    *self,
           RuhuAead         *aead,
           const char       *name,
           gint64            total,
           RuhuBlobPartial  *partial,
           GError          **error)
{
  g_autofree char *path = ruhu_blob_partial_path (self, name, ".tail");
  g_autofree guint8 *sealed = NULL;
  gsize sealed_length;

  sealed = ruhu_blob_seal_tail (aead, name, total, partial->n_chunks,
                                partial->tail->data, partial->tail->len, &sealed_length, error);
  if (sealed == NULL)
    return FALSE;
  if (!g_file_set_contents_full (path, (const char *) sealed, (gssize) sealed_length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, NULL))
    return ruhu_blob_set_errno_error (error, EIO, path);
  return TRUE;
}

static gboolean
content_matches (RuhuAead     *aead,
                 int           fd,
                 const char   *name,
                 gint64        total,
                 GByteArray   *content,
                 gboolean     *matches,
                 GError      **error)
{
  gcry_md_hd_t md;
  char hex[65];
  const guint8 *digest;

  if (gcry_md_open (&md, GCRY_MD_SHA256, 0) != 0)
    return ruhu_blob_set_errno_error (error, ENOMEM, name);
  for (gint64 index = 0; index < ruhu_blob_n_chunks (total); index++)
    {
      g_autofree guint8 *plain = NULL;
      gsize length;

      if (!(plain = ruhu_blob_read_chunk (fd, aead, name, total, index, &length, error)))
        {
          gcry_md_close (md);
          return FALSE;
        }
      gcry_md_write (md, plain, length);
      if (content != NULL)
        g_byte_array_append (content, plain, (guint) length);
    }
  digest = gcry_md_read (md, GCRY_MD_SHA256);
  for (int i = 0; i < 32; i++)
    g_snprintf (hex + 2 * i, 3, "%02x", digest[i]);
  gcry_md_close (md);
  *matches = g_str_equal (hex, name);
  return TRUE;
}

/* The last byte has arrived: keep the blob only if its content is what its
 * name promises, then move it into place in one rename. */
static gboolean
finish_upload (RuhuBlobStore    *self,
               RuhuAead         *aead,
               const char       *name,
               gint64            total,
               RuhuBlobPartial  *partial,
               GError          **error)
{
  g_autofree char *path = ruhu_blob_partial_path (self, name, "");
  g_autofree char *dest = ruhu_blob_final_path (self, name);
  g_autofree char *shard = g_path_get_dirname (dest);
  g_autoptr(GByteArray) content = self->check != NULL ? g_byte_array_new () : NULL;
  gboolean matches = FALSE;

  if (!content_matches (aead, partial->fd, name, total, content, &matches, error))
    {
      ruhu_blob_partial_clear (partial);
      ruhu_blob_discard_partial (self, name);
      return FALSE;
    }
  if (!matches)
    {
      ruhu_blob_partial_clear (partial);
      ruhu_blob_discard_partial (self, name);
      g_set_error (error, RUHU_BLOB_ERROR, RUHU_BLOB_ERROR_MISMATCH,
                   _("The content does not match its name: the photo or scan changed or was "
                     "damaged on the way. Nothing was kept; send it again."));
      return FALSE;
    }
  if (content != NULL)
    {
      g_autoptr(GBytes) bytes = g_byte_array_free_to_bytes (g_steal_pointer (&content));

      if (!self->check (bytes, self->check_data, error))
        {
          ruhu_blob_partial_clear (partial);
          ruhu_blob_discard_partial (self, name);
          return FALSE;
        }
    }
  if (fsync (partial->fd) != 0)
    return ruhu_blob_set_errno_error (error, errno, path);
  if (g_mkdir_with_parents (shard, 0700) != 0)
    return ruhu_blob_set_errno_error (error, errno, shard);
  if (g_rename (path, dest) != 0)
    return ruhu_blob_set_errno_error (error, errno, dest);
  ruhu_blob_discard_partial (self, name);
  return ruhu_blob_sync_dir (shard, error) && ruhu_blob_sync_dir (self->partial_dir, error);
}

/* Whole chunks of the tail go to the chunk file, sealed; the rest (less
 * than a chunk, or nothing) stays in the tail. */
static gboolean
flush_chunks (RuhuAead         *aead,
              const char       *name,
              gint64            total,
              RuhuBlobPartial  *partial,
              GError          **error)
{
  guint8 digest[BLOB_DIGEST_SIZE];
  gint64 n_total = ruhu_blob_n_chunks (total);
  gsize used = 0;

  ruhu_blob_name_to_digest (name, digest);
  while (partial->n_chunks < n_total)
    {
      gsize length = ruhu_blob_chunk_length (total, partial->n_chunks);

      if (partial->tail->len - used < length)
        break;
      if (!ruhu_blob_write_chunk (partial->fd, aead, digest, total, partial->n_chunks,
                                  partial->tail->data + used, length, error))
        return FALSE;
      used += length;
      partial->n_chunks++;
    }
  g_byte_array_remove_range (partial->tail, 0, (guint) used);
  if (fdatasync (partial->fd) != 0)
    return ruhu_blob_set_errno_error (error, errno, name);
  return TRUE;
}

/**
 * ruhu_blob_store_write_range:
 * @self: a store
 * @name: the blob's name, the SHA-256 of its content
 * @offset: where @chunk starts in the blob; must equal what was received so far
 * @total: the blob's size, the same for every part of one upload
 * @chunk: the bytes
 * @received: (out): bytes of the blob kept after the call; on
 *   %RUHU_BLOB_ERROR_WRONG_OFFSET, the point to resume from
 * @status: (out) (optional): what happened
 * @error: return location for a #RuhuBlobError
 *
 * Appends one part of a resumable upload (PUT with `Content-Range`). When
 * the last byte arrives, the content's SHA-256 is checked against @name: a
 * match is kept, a mismatch is deleted with %RUHU_BLOB_ERROR_MISMATCH, and
 * so is content the check of ruhu_blob_store_set_check() refuses, with its
 * error.
 * Uploading a blob that is already stored writes nothing and reports
 * %RUHU_BLOB_WRITE_ALREADY_THERE. Parts already received stay on disk,
 * encrypted, until the upload completes, across restarts. Starting again at
 * offset 0 with a different @total replaces an abandoned upload.
 *
 * Returns: %TRUE if @chunk was taken (or was not needed)
 */
gboolean
ruhu_blob_store_write_range (RuhuBlobStore        *self,
                             const char           *name,
                             gint64                offset,
                             gint64                total,
                             GBytes               *chunk,
                             gint64               *received,
                             RuhuBlobWriteStatus  *status,
                             GError              **error)
{
  g_auto(RuhuBlobPartial) partial = { -1, 0, NULL };
  g_autoptr(RuhuAead) aead = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (chunk, &length);
  gint64 stored_total = total, have;
  gint64 stored_size;
  gboolean present;

  *received = 0;
  if (status != NULL)
    *status = RUHU_BLOB_WRITE_PARTIAL;
  if (!ruhu_blob_check_name (name, error) || !check_range (self, offset, total, length, error))
    return FALSE;

  locker = g_mutex_locker_new (&self->lock);
  if (!ruhu_blob_store_has (self, name, &present, &stored_size, error))
    return FALSE;
  if (present && stored_size == total)
    {
      *received = total;
      if (status != NULL)
        *status = RUHU_BLOB_WRITE_ALREADY_THERE;
      return TRUE;
    }
  if (present)
    {
      g_set_error (error, RUHU_BLOB_ERROR, RUHU_BLOB_ERROR_MISMATCH,
                   _("The content does not match its name: a photo or scan by this name is "
                     "stored already with %" PRId64 " bytes"), stored_size);
      return FALSE;
    }

  if (!(aead = ruhu_aead_new (self->key, error)) ||
      !ruhu_blob_load_partial (self, aead, name, &stored_total, &partial, error))
    return FALSE;
  if (partial.fd >= 0 && stored_total != total)
    {
      if (offset != 0)
        {
          g_set_error (error, RUHU_BLOB_ERROR, RUHU_BLOB_ERROR_RANGE,
                       _("This upload was started with a size of %" PRId64 " bytes"),
                       stored_total);
          return FALSE;
        }
      ruhu_blob_partial_clear (&partial);
      ruhu_blob_discard_partial (self, name);
    }
  if (partial.fd < 0 && !create_partial (self, name, total, &partial, error))
    return FALSE;

  have = partial.n_chunks * RUHU_BLOB_CHUNK_SIZE + partial.tail->len;
  *received = have;
  if (offset != have)
    {
      g_set_error (error, RUHU_BLOB_ERROR, RUHU_BLOB_ERROR_WRONG_OFFSET,
                   _("The upload must continue at byte %" PRId64 ", not at byte %"
                     PRId64), have, offset);
      return FALSE;
    }

  g_byte_array_append (partial.tail, data, (guint) length);
  if (!flush_chunks (aead, name, total, &partial, error))
    return FALSE;
  if (partial.n_chunks == ruhu_blob_n_chunks (total))
    {
      if (!finish_upload (self, aead, name, total, &partial, error))
        {
          *received = 0;
          return FALSE;
        }
      *received = total;
      if (status != NULL)
        *status = RUHU_BLOB_WRITE_COMPLETE;
      return TRUE;
    }
  if (!save_tail (self, aead, name, total, &partial, error))
    return FALSE;
  *received = have + (gint64) length;
  return TRUE;
}
