/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "ruhu-application.h"
#include "ruhu-device.h"
#include "ruhu-sync-controller.h"

G_BEGIN_DECLS

/* The main window: first start or unlock, then the case list beside (or,
 * when narrow, before) the open case. */
#define RUHU_TYPE_WINDOW (ruhu_window_get_type ())
G_DECLARE_FINAL_TYPE (RuhuWindow, ruhu_window, RUHU, WINDOW, AdwApplicationWindow)

RuhuWindow *ruhu_window_new           (RuhuApplication *app);
void        ruhu_window_set_device    (RuhuWindow      *self,
                                       RuhuDevice      *device);
RuhuDevice *ruhu_window_get_device    (RuhuWindow      *self);
void        ruhu_window_open_case     (RuhuWindow      *self,
                                       const char      *case_id);
const char *ruhu_window_get_page_name (RuhuWindow      *self);
void        ruhu_window_add_toast     (RuhuWindow      *self,
                                       const char      *message);
void        ruhu_window_sync          (RuhuWindow      *self);
RuhuSyncController *ruhu_window_get_sync_controller (RuhuWindow *self);

G_END_DECLS
