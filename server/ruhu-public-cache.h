/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Public pages as last rendered, so that a township's page is not made
 * again from every one of its cases on each visit (ruhu-public-cache.c). */
typedef struct _RuhuPublicCache RuhuPublicCache;

/* How long a page may be served without being made again, when nothing
 * its stamp names has changed. */
#define RUHU_PUBLIC_CACHE_MAX_AGE_US (60 * G_USEC_PER_SEC)

RuhuPublicCache *ruhu_public_cache_new    (void);
void             ruhu_public_cache_free   (RuhuPublicCache *cache);
GBytes          *ruhu_public_cache_lookup (RuhuPublicCache *cache,
                                           const char      *key,
                                           const char      *stamp,
                                           gint64           now_us);
void             ruhu_public_cache_store  (RuhuPublicCache *cache,
                                           const char      *key,
                                           const char      *stamp,
                                           gint64           now_us,
                                           GBytes          *page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuPublicCache, ruhu_public_cache_free)

G_END_DECLS
