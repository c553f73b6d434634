/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-form.h"
#include "ruhu-store.h"

G_BEGIN_DECLS

/* Which fields of which cases name each photo or scan: an index of the
 * case store's feed in DIR/blob-refs.db, brought up to date with the feed
 * before each look-up (server/ruhu-blob-refs.c). */

#define RUHU_BLOB_REFS_DB "blob-refs.db"

typedef struct
{
  char *case_id;
  char *entity;
  char *kind;
  char *field;
} RuhuBlobRef;

typedef struct _RuhuBlobRefs RuhuBlobRefs;

RuhuBlobRefs *ruhu_blob_refs_open   (const char    *path,
                                     RuhuStore     *store,
                                     RuhuFormSet   *forms,
                                     GError       **error);
void          ruhu_blob_refs_free   (RuhuBlobRefs  *self);
GPtrArray    *ruhu_blob_refs_lookup (RuhuBlobRefs  *self,
                                     const char    *name,
                                     GError       **error);
void          ruhu_blob_ref_free    (RuhuBlobRef   *ref);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuBlobRefs, ruhu_blob_refs_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuBlobRef, ruhu_blob_ref_free)

G_END_DECLS
