/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Ids of new entities: UUIDs whose first 48 bits are the time they were
 * made (version 7, RFC 9562), so that ids made later sort later. */

char     *ruhu_id_new      (void);
char     *ruhu_id_format   (gint64        unix_ms,
                            const guint8  random_bytes[16]);
gboolean  ruhu_id_is_valid (const char   *text);

G_END_DECLS
