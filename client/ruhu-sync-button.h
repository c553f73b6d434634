/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "ruhu-sync-controller.h"

G_BEGIN_DECLS

/* The header button: the number of unsynced changes, a spinner while
 * syncing, the last sync time in its tooltip. Click syncs or cancels. */
#define RUHU_TYPE_SYNC_BUTTON (ruhu_sync_button_get_type ())
G_DECLARE_FINAL_TYPE (RuhuSyncButton, ruhu_sync_button, RUHU, SYNC_BUTTON, AdwBin)

RuhuSyncButton *ruhu_sync_button_new            (void);
void            ruhu_sync_button_set_controller (RuhuSyncButton     *self,
                                                 RuhuSyncController *controller);
const char     *ruhu_sync_button_get_label      (RuhuSyncButton     *self);

G_END_DECLS
