/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One version of one field, as far as the merge needs to know it. */
typedef struct
{
  const char         *version;
  const char * const *bases;
} RuhuMergeItem;

GArray   *ruhu_merge_heads          (const RuhuMergeItem  *items,
                                     guint                 n_items);
gboolean  ruhu_merge_bases_contain  (const char * const   *bases,
                                     const char           *version);

G_END_DECLS
