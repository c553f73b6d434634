/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-store.h"

G_BEGIN_DECLS

char       *ruhu_sync_error_describe (const GError *error);
const char *ruhu_sync_error_title    (const GError *error);
char       *ruhu_sync_describe_time  (gint64        unix_seconds);
char       *ruhu_sync_describe_waiting (gint64              count,
                                        const char * const *users);
char       *ruhu_sync_describe_store_waiting (RuhuStore *store);

G_END_DECLS
