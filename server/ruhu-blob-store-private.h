/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-blob-store.h"
#include "ruhu-crypto.h"

G_BEGIN_DECLS

/* A stored blob (complete or partial) is a 16-byte header, "RUHUBLB1" and
 * the plaintext size as 8 bytes big-endian, followed by the chunks, each
 * RUHU_BLOB_CHUNK_SIZE bytes of plaintext (the last may be shorter, and is
 * empty for an empty blob) sealed with AES-256-GCM. The authenticated data
 * of a chunk binds it to its blob, place and the blob's size, and says
 * whether it is the last, so that swapping, dropping or truncating chunks,
 * or editing the header, fails authentication. */
#define BLOB_HEADER_SIZE   16
#define BLOB_DIGEST_SIZE   32
#define BLOB_SEALED_CHUNK  (RUHU_BLOB_CHUNK_SIZE + RUHU_SEAL_OVERHEAD)

/* A partial upload keeps its whole chunks in such a file and the bytes
 * after them, fewer than a chunk, in a "tail" file beside it: the number of
 * whole chunks (8 bytes big-endian) and the bytes, sealed. The tail is
 * replaced atomically after the chunks are on disk, so after a crash the
 * tail tells how many chunks count. */

gint64    ruhu_blob_n_chunks        (gint64         total);
gsize     ruhu_blob_chunk_length    (gint64         total,
                                     gint64         index);
gint64    ruhu_blob_file_size       (gint64         total);
void      ruhu_blob_name_to_digest  (const char    *name,
                                     guint8        *digest);

gboolean  ruhu_blob_write_all       (int            fd,
                                     const void    *data,
                                     gsize          length,
                                     gint64         offset,
                                     GError       **error);
gboolean  ruhu_blob_write_header    (int            fd,
                                     gint64         total,
                                     GError       **error);
gboolean  ruhu_blob_read_header     (int            fd,
                                     const char    *name,
                                     gint64        *total,
                                     gint64        *file_size,
                                     GError       **error);
gboolean  ruhu_blob_write_chunk     (int            fd,
                                     RuhuAead      *aead,
                                     const guint8  *digest,
                                     gint64         total,
                                     gint64         index,
                                     const guint8  *data,
                                     gsize          length,
                                     GError       **error);
guint8   *ruhu_blob_read_chunk      (int            fd,
                                     RuhuAead      *aead,
                                     const char    *name,
                                     gint64         total,
                                     gint64         index,
                                     gsize         *length,
                                     GError       **error);
guint8   *ruhu_blob_seal_tail       (RuhuAead      *aead,
                                     const char    *name,
                                     gint64         total,
                                     gint64         n_chunks,
                                     const guint8  *data,
                                     gsize          length,
                                     gsize         *sealed_length,
                                     GError       **error);
guint8   *ruhu_blob_open_tail       (RuhuAead      *aead,
                                     const char    *name,
                                     gint64         total,
                                     const guint8  *sealed,
                                     gsize          sealed_length,
                                     gint64        *n_chunks,
                                     gsize         *length,
                                     GError       **error);

struct _RuhuBlobStore
{
  char   *dir;
  char   *partial_dir;
  guint8 *key;
  gint64  max_blob;
  GMutex  lock;  /* serialises uploads; reads of complete blobs need none */
  RuhuBlobCheckFunc check;       /* nullable: what complete content must pass */
  gpointer          check_data;
};

/* A partial upload as found on disk. */
typedef struct
{
  int         fd;
  gint64      n_chunks;  /* whole chunks that count */
  GByteArray *tail;      /* the bytes after them */
} RuhuBlobPartial;

void      ruhu_blob_partial_clear   (RuhuBlobPartial        *partial);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RuhuBlobPartial, ruhu_blob_partial_clear)

gboolean  ruhu_blob_check_name      (const char     *name,
                                     GError        **error);
gboolean  ruhu_blob_set_errno_error (GError        **error,
                                     int             saved_errno,
                                     const char     *path);
gboolean  ruhu_blob_sync_dir        (const char     *path,
                                     GError        **error);
char     *ruhu_blob_final_path      (RuhuBlobStore  *self,
                                     const char     *name);
char     *ruhu_blob_partial_path    (RuhuBlobStore  *self,
                                     const char     *name,
                                     const char     *suffix);
void      ruhu_blob_discard_partial (RuhuBlobStore  *self,
                                     const char     *name);
gboolean  ruhu_blob_load_partial    (RuhuBlobStore  *self,
                                     RuhuAead       *aead,
                                     const char     *name,
                                     gint64         *total,
                                     RuhuBlobPartial        *partial,
                                     GError        **error);

G_END_DECLS
