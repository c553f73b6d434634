/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GPtrArray *bench_prepare_device (const char *path,
                                 guint       n_cases,
                                 const char *actor,
                                 const char *ids_path);

G_END_DECLS
