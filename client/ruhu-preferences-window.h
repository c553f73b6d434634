/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "ruhu-device.h"

G_BEGIN_DECLS

/* Sync settings and what this device is: server, user, role, device id. */
#define RUHU_TYPE_PREFERENCES_WINDOW (ruhu_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (RuhuPreferencesWindow, ruhu_preferences_window, RUHU, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

RuhuPreferencesWindow *ruhu_preferences_window_new (GtkWindow  *parent,
                                                    GSettings  *settings,
                                                    RuhuDevice *device);

G_END_DECLS
