/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-sync-private.h"

G_BEGIN_DECLS

/* The photos pulled operations named that this device could not fetch
 * (the server refused them or did not have them yet), kept in the store's
 * settings, one name a line, and asked for again at the next sync
 * (shared/ruhu-sync-blob-pending.c). */

#define RUHU_SYNC_SETTING_PENDING_BLOBS "sync.pending_blobs"

void ruhu_sync_blob_pending_add_to (RuhuSyncJob  *job,
                                    GPtrArray    *names);
void ruhu_sync_blob_pending_set    (RuhuSyncJob  *job,
                                    const char   *name,
                                    gboolean      pending);

G_END_DECLS
