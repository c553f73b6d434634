/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RUHU_BLOB_ERROR (ruhu_blob_error_quark ())

/**
 * RuhuBlobError:
 * @RUHU_BLOB_ERROR_BAD_NAME: the name is not 64 lowercase hexadecimal digits
 * @RUHU_BLOB_ERROR_NOT_FOUND: no complete blob by that name
 * @RUHU_BLOB_ERROR_WRONG_OFFSET: an upload chunk does not start where the
 *   upload stands; the resume point is in the call's @received
 * @RUHU_BLOB_ERROR_TOO_LARGE: the blob is larger than the store accepts
 * @RUHU_BLOB_ERROR_RANGE: a range outside the blob, or a chunk past its end
 * @RUHU_BLOB_ERROR_MISMATCH: the content does not match its name (SHA-256),
 *   or its size differs from the blob already stored under that name
 * @RUHU_BLOB_ERROR_CORRUPT: a stored file is truncated, altered or unreadable
 *   with the server key
 * @RUHU_BLOB_ERROR_IO: the file system failed
 *
 * Why a blob operation failed; a server maps each to one HTTP status.
 */
typedef enum
{
  RUHU_BLOB_ERROR_BAD_NAME,
  RUHU_BLOB_ERROR_NOT_FOUND,
  RUHU_BLOB_ERROR_WRONG_OFFSET,
  RUHU_BLOB_ERROR_TOO_LARGE,
  RUHU_BLOB_ERROR_RANGE,
  RUHU_BLOB_ERROR_MISMATCH,
  RUHU_BLOB_ERROR_CORRUPT,
  RUHU_BLOB_ERROR_IO,
} RuhuBlobError;

/**
 * RuhuBlobWriteStatus:
 * @RUHU_BLOB_WRITE_PARTIAL: the chunk was kept; more is expected
 * @RUHU_BLOB_WRITE_COMPLETE: the last chunk arrived, the content matched its
 *   name and the blob is now stored
 * @RUHU_BLOB_WRITE_ALREADY_THERE: the blob was stored before; nothing was written
 */
typedef enum
{
  RUHU_BLOB_WRITE_PARTIAL,
  RUHU_BLOB_WRITE_COMPLETE,
  RUHU_BLOB_WRITE_ALREADY_THERE,
} RuhuBlobWriteStatus;

/* Plaintext bytes per sealed chunk on disk. */
#define RUHU_BLOB_CHUNK_SIZE (64 * 1024)

typedef struct _RuhuBlobStore RuhuBlobStore;

/* Decides whether complete content may be kept; see ruhu_blob_store_set_check(). */
typedef gboolean (*RuhuBlobCheckFunc) (GBytes    *content,
                                       gpointer   user_data,
                                       GError   **error);

GQuark         ruhu_blob_error_quark        (void);
gboolean       ruhu_blob_name_is_valid      (const char           *name);

RuhuBlobStore *ruhu_blob_store_open         (const char           *dir,
                                             const guint8         *key,
                                             gint64                max_blob,
                                             GError              **error);
void           ruhu_blob_store_free         (RuhuBlobStore        *self);
gint64         ruhu_blob_store_get_max_blob (RuhuBlobStore        *self);
void           ruhu_blob_store_set_check    (RuhuBlobStore        *self,
                                             RuhuBlobCheckFunc     func,
                                             gpointer              user_data);

gboolean       ruhu_blob_store_has          (RuhuBlobStore        *self,
                                             const char           *name,
                                             gboolean             *present,
                                             gint64               *size,
                                             GError              **error);
gboolean       ruhu_blob_store_get_partial  (RuhuBlobStore        *self,
                                             const char           *name,
                                             gint64               *received,
                                             gint64               *total,
                                             GError              **error);
gboolean       ruhu_blob_store_write_range  (RuhuBlobStore        *self,
                                             const char           *name,
                                             gint64                offset,
                                             gint64                total,
                                             GBytes               *chunk,
                                             gint64               *received,
                                             RuhuBlobWriteStatus  *status,
                                             GError              **error);
GBytes        *ruhu_blob_store_read         (RuhuBlobStore        *self,
                                             const char           *name,
                                             gint64                offset,
                                             gint64                length,
                                             gint64               *total,
                                             GError              **error);
char          *ruhu_blob_store_get_path     (RuhuBlobStore        *self,
                                             const char           *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuBlobStore, ruhu_blob_store_free)

G_END_DECLS
