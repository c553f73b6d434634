/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *ruhu_data_dir   (void);
char       *ruhu_data_path  (const char *first_element,
                             ...) G_GNUC_NULL_TERMINATED;
void        ruhu_i18n_init  (void);

G_END_DECLS
