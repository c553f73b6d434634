/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ruhu-device.h"

G_BEGIN_DECLS

/* The store and image work behind RuhuEvidenceSection, off the main
 * thread: listing a case's evidence and members, keeping a new photo
 * (checked, sealed, named by its SHA-256) and decoding photos for
 * thumbnails or the full view, turned upright by their EXIF orientation. */

typedef struct
{
  char *entity;
  char *category;  /* option value, nullable */
  char *member;    /* member entity id, nullable */
  char *photo;     /* SHA-256, nullable */
  char *caption;
} RuhuEvidenceItem;

typedef struct
{
  GPtrArray *items;         /* RuhuEvidenceItem*, by id */
  GPtrArray *member_ids;    /* utf8: the case's members, not deleted */
  GPtrArray *member_names;  /* utf8: their names, in the same order */
} RuhuEvidenceList;

void              ruhu_evidence_list_free          (RuhuEvidenceList     *list);
void              ruhu_evidence_list_load_async    (RuhuDevice           *device,
                                                    const char           *case_id,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
RuhuEvidenceList *ruhu_evidence_list_load_finish   (GAsyncResult         *result,
                                                    GError              **error);

void              ruhu_evidence_photo_add_async    (RuhuDevice           *device,
                                                    GFile                *file,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
void              ruhu_evidence_photo_add_bytes_async (RuhuDevice        *device,
                                                       GBytes            *photo,
                                                       GCancellable      *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer           user_data);
char             *ruhu_evidence_keep_photo         (RuhuSyncClient       *sync,
                                                    GBytes               *photo,
                                                    GError              **error);
char             *ruhu_evidence_photo_add_finish   (GAsyncResult         *result,
                                                    GError              **error);

void              ruhu_evidence_photo_load_async   (RuhuDevice           *device,
                                                    const char           *sha256,
                                                    int                   max_size,
                                                    gboolean              thumbnail,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
GdkTexture       *ruhu_evidence_photo_load_finish  (GAsyncResult         *result,
                                                    GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuEvidenceList, ruhu_evidence_list_free)

G_END_DECLS
