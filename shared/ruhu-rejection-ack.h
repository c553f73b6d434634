/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-store.h"

G_BEGIN_DECLS

/* The device setting that lists the refused changes the user has read. */
#define RUHU_REJECTIONS_SEEN_SETTING "rejections-seen"

gboolean    ruhu_rejection_acknowledge         (RuhuStore    *store,
                                                const char   *version,
                                                GError      **error);
GHashTable *ruhu_rejection_load_acknowledged   (RuhuStore    *store,
                                                GError      **error);

G_END_DECLS
