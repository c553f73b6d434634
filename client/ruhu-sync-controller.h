/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include "ruhu-device.h"

G_BEGIN_DECLS

/* When and how the device syncs: on request, when the network returns and
 * every few minutes while online. Tells the views afterwards. */
#define RUHU_TYPE_SYNC_CONTROLLER (ruhu_sync_controller_get_type ())
G_DECLARE_FINAL_TYPE (RuhuSyncController, ruhu_sync_controller, RUHU, SYNC_CONTROLLER, GObject)

RuhuSyncController *ruhu_sync_controller_new                (RuhuDevice         *device,
                                                             GSettings          *settings);
RuhuDevice         *ruhu_sync_controller_get_device         (RuhuSyncController *self);
void                ruhu_sync_controller_start              (RuhuSyncController *self);
void                ruhu_sync_controller_cancel             (RuhuSyncController *self);
gboolean            ruhu_sync_controller_get_syncing        (RuhuSyncController *self);
gint64              ruhu_sync_controller_get_unsynced_count (RuhuSyncController *self);
gint64              ruhu_sync_controller_get_waiting        (RuhuSyncController *self,
                                                             const char * const **users);
double              ruhu_sync_controller_get_fraction       (RuhuSyncController *self);
gint64              ruhu_sync_controller_get_last_sync      (RuhuSyncController *self);

G_END_DECLS
