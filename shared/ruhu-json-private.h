/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-json.h"

G_BEGIN_DECLS

/* json-glib recurses once per nesting level, so no caller may raise the
 * depth limit past this, whatever RuhuJsonLimits says. */
#define RUHU_JSON_HARD_MAX_DEPTH 1024

gboolean ruhu_json_scan (const char  *data,
                         gsize        length,
                         guint        max_depth,
                         GError     **error);

G_END_DECLS
