/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "ruhu-application.h"

G_BEGIN_DECLS

#define RUHU_TYPE_WINDOW (ruhu_window_get_type ())
G_DECLARE_FINAL_TYPE (RuhuWindow, ruhu_window, RUHU, WINDOW, AdwApplicationWindow)

RuhuWindow *ruhu_window_new (RuhuApplication *app);

G_END_DECLS
