/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GDate     ruhu_date_make       (int          year,
                                int          month,
                                int          day);
gboolean  ruhu_date_parse      (const char  *text,
                                GDate       *date);
char     *ruhu_date_format     (const GDate *date);
void      ruhu_date_get_today  (const GDate *fixed,
                                GDate       *out);

G_END_DECLS
