/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-case-index.h"
#include "ruhu-store-summary.h"

G_BEGIN_DECLS

/* The case index of the last load, kept next to the store and sealed with
 * its data key, so that a start does not read every case again: only the
 * cases whose versions changed since. */
GHashTable *ruhu_case_cache_read   (RuhuStore              *store,
                                    const char             *actor,
                                    RuhuSummaryMark        *mark);
void        ruhu_case_cache_write  (RuhuStore              *store,
                                    const char             *actor,
                                    const RuhuSummaryMark  *mark,
                                    GHashTable             *cases);

G_END_DECLS
