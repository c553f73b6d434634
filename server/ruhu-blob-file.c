/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "ruhu-blob-store-private.h"

static const char blob_magic[8] = { 'R', 'U', 'H', 'U', 'B', 'L', 'B', '1' };

/* What a chunk's or a tail's authenticated data says about it. */
enum
{
  PART_CHUNK = 0,
  PART_LAST_CHUNK = 1,
  PART_TAIL = 2,
};

#define AAD_SIZE (BLOB_DIGEST_SIZE + 8 + 1 + 8)

static void
put_be64 (guint8 *out,
          gint64  value)
{
  guint64 v = (guint64) value;

  for (int i = 7; i >= 0; i--, v >>= 8)
    out[i] = v & 0xff;
}

static gint64
get_be64 (const guint8 *in)
{
  guint64 v = 0;

  for (int i = 0; i < 8; i++)
    v = (v << 8) | in[i];
  return (gint64) v;
}

static void
make_aad (guint8       *aad,
          const guint8 *digest,
          gint64        index,
          guint8        part,
          gint64        total)
{
  memcpy (aad, digest, BLOB_DIGEST_SIZE);
  put_be64 (aad + BLOB_DIGEST_SIZE, index);
  aad[BLOB_DIGEST_SIZE + 8] = part;
  put_be64 (aad + BLOB_DIGEST_SIZE + 9, total);
}

static gboolean
set_io_error (GError   **error,
              int        saved_errno,
              gboolean   writing)
{
  if (writing)
    g_set_error (error, RUHU_BLOB_ERROR, RUHU_BLOB_ERROR_IO,
                 _("Could not write a stored photo or scan: %s"), g_strerror (saved_errno));
  else
    g_set_error (error, RUHU_BLOB_ERROR, RUHU_BLOB_ERROR_IO,
                 _("Could not read a stored photo or scan: %s"), g_strerror (saved_errno));
  return FALSE;
}

static gboolean
set_corrupt (GError     **error,
             const char  *name)
{
  g_set_error (error, RUHU_BLOB_ERROR, RUHU_BLOB_ERROR_CORRUPT,
               _("The stored file of %.12s… is damaged or was altered: it failed authentication"),
               name);
  return FALSE;
}

/* One sealed chunk of plaintext per RUHU_BLOB_CHUNK_SIZE; an empty blob
 * still has one (empty) chunk so that its end is authenticated too. */
gint64
ruhu_blob_n_chunks (gint64 total)
{
  if (total == 0)
    return 1;
  return (total + RUHU_BLOB_CHUNK_SIZE - 1) / RUHU_BLOB_CHUNK_SIZE;
}

gsize
ruhu_blob_chunk_length (gint64 total,
                        gint64 index)
{
  gint64 start = index * RUHU_BLOB_CHUNK_SIZE;

  return (gsize) MIN (total - start, RUHU_BLOB_CHUNK_SIZE);
}

gint64
ruhu_blob_file_size (gint64 total)
{
  return BLOB_HEADER_SIZE + total + ruhu_blob_n_chunks (total) * RUHU_SEAL_OVERHEAD;
}

void
ruhu_blob_name_to_digest (const char *name,
                          guint8     *digest)
{
  for (int i = 0; i < BLOB_DIGEST_SIZE; i++)
    digest[i] = (g_ascii_xdigit_value (name[2 * i]) << 4) | g_ascii_xdigit_value (name[2 * i + 1]);
}

gboolean
ruhu_blob_write_all (int          fd,
                     const void  *data,
                     gsize        length,
                     gint64       offset,
                     GError     **error)
{
  const guint8 *p = data;

  while (length > 0)
    {
      ssize_t n = pwrite (fd, p, length, offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return set_io_error (error, errno, TRUE);
      p += n;
      length -= (gsize) n;
      offset += n;
    }
  return TRUE;
}

/* Reads exactly @length bytes or fails; a short read means the file was
 * truncated, which only damage or tampering can do. */
static gboolean
read_all (int          fd,
          void        *data,
          gsize        length,
          gint64       offset,
          const char  *name,
          GError     **error)
{
  guint8 *p = data;

  while (length > 0)
    {
      ssize_t n = pread (fd, p, length, offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return set_io_error (error, errno, FALSE);
      if (n == 0)
        return set_corrupt (error, name);
      p += n;
      length -= (gsize) n;
      offset += n;
    }
  return TRUE;
}

gboolean
ruhu_blob_write_header (int      fd,
                        gint64   total,
                        GError **error)
{
  guint8 header[BLOB_HEADER_SIZE];

  memcpy (header, blob_magic, sizeof blob_magic);
  put_be64 (header + sizeof blob_magic, total);
  return ruhu_blob_write_all (fd, header, sizeof header, 0, error);
}

/* The size in the header is authenticated by every chunk, so a header that
 * lies is caught when a chunk is read; here it only has to be plausible. */
gboolean
ruhu_blob_read_header (int          fd,
                       const char  *name,
                       gint64      *total,
                       gint64      *file_size,
                       GError     **error)
{
  guint8 header[BLOB_HEADER_SIZE];
  off_t end;

  if (!read_all (fd, header, sizeof header, 0, name, error))
    return FALSE;
  if (memcmp (header, blob_magic, sizeof blob_magic) != 0)
    return set_corrupt (error, name);
  *total = get_be64 (header + sizeof blob_magic);
  if (*total < 0 || *total > G_MAXINT64 / 2)
    return set_corrupt (error, name);
  if ((end = lseek (fd, 0, SEEK_END)) < 0)
    return set_io_error (error, errno, FALSE);
  *file_size = end;
  return TRUE;
}

gboolean
ruhu_blob_write_chunk (int            fd,
                       RuhuAead      *aead,
                       const guint8  *digest,
                       gint64         total,
                       gint64         index,
                       const guint8  *data,
                       gsize          length,
                       GError       **error)
{
  guint8 aad[AAD_SIZE];
  g_autofree guint8 *sealed = NULL;
  gsize sealed_length;
  gboolean last = index == ruhu_blob_n_chunks (total) - 1;

  g_assert (length == ruhu_blob_chunk_length (total, index));
  make_aad (aad, digest, index, last ? PART_LAST_CHUNK : PART_CHUNK, total);
  if (!(sealed = ruhu_aead_seal (aead, aad, sizeof aad, data, length, &sealed_length, error)))
    return FALSE;
  return ruhu_blob_write_all (fd, sealed, sealed_length,
                              BLOB_HEADER_SIZE + index * BLOB_SEALED_CHUNK, error);
}

/* Returns the plaintext of chunk @index only once its tag checked out. */
guint8 *
ruhu_blob_read_chunk (int          fd,
                      RuhuAead    *aead,
                      const char  *name,
                      gint64       total,
                      gint64       index,
                      gsize       *length,
                      GError     **error)
{
  guint8 digest[BLOB_DIGEST_SIZE];
  guint8 aad[AAD_SIZE];
  gsize sealed_length = ruhu_blob_chunk_length (total, index) + RUHU_SEAL_OVERHEAD;
  g_autofree guint8 *sealed = g_malloc (sealed_length);
  gboolean last = index == ruhu_blob_n_chunks (total) - 1;
  guint8 *plain;

  if (!read_all (fd, sealed, sealed_length, BLOB_HEADER_SIZE + index * BLOB_SEALED_CHUNK,
                 name, error))
    return NULL;
  ruhu_blob_name_to_digest (name, digest);
  make_aad (aad, digest, index, last ? PART_LAST_CHUNK : PART_CHUNK, total);
  if (!(plain = ruhu_aead_open (aead, aad, sizeof aad, sealed, sealed_length, length, NULL)))
    {
      set_corrupt (error, name);
      return NULL;
    }
  return plain;
}

guint8 *
ruhu_blob_seal_tail (RuhuAead      *aead,
                     const char    *name,
                     gint64         total,
                     gint64         n_chunks,
                     const guint8  *data,
                     gsize          length,
                     gsize         *sealed_length,
                     GError       **error)
{
  guint8 digest[BLOB_DIGEST_SIZE];
  guint8 aad[AAD_SIZE];
  g_autofree guint8 *sealed = NULL;
  gsize n;
  guint8 *out;

  ruhu_blob_name_to_digest (name, digest);
  make_aad (aad, digest, n_chunks, PART_TAIL, total);
  if (!(sealed = ruhu_aead_seal (aead, aad, sizeof aad, data, length, &n, error)))
    return NULL;
  out = g_malloc (8 + n);
  put_be64 (out, n_chunks);
  memcpy (out + 8, sealed, n);
  *sealed_length = 8 + n;
  return out;
}

guint8 *
ruhu_blob_open_tail (RuhuAead      *aead,
                     const char    *name,
                     gint64         total,
                     const guint8  *sealed,
                     gsize          sealed_length,
                     gint64        *n_chunks,
                     gsize         *length,
                     GError       **error)
{
  guint8 digest[BLOB_DIGEST_SIZE];
  guint8 aad[AAD_SIZE];
  guint8 *plain;

  if (sealed_length < 8 + RUHU_SEAL_OVERHEAD)
    {
      set_corrupt (error, name);
      return NULL;
    }
  *n_chunks = get_be64 (sealed);
  ruhu_blob_name_to_digest (name, digest);
  make_aad (aad, digest, *n_chunks, PART_TAIL, total);
  plain = ruhu_aead_open (aead, aad, sizeof aad, sealed + 8, sealed_length - 8, length, NULL);
  if (plain == NULL || *n_chunks < 0 || *length >= RUHU_BLOB_CHUNK_SIZE)
    {
      g_free (plain);
      set_corrupt (error, name);
      return NULL;
    }
  return plain;
}
