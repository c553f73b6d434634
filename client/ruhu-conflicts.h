/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-device.h"

G_BEGIN_DECLS

/* What the case page needs to mark fields and what the banner counts:
 * answers come from a per-device cache of the store's open conflicts,
 * dropped whenever the device announces a changed case. */
gboolean   ruhu_field_has_conflict          (RuhuDevice  *device,
                                             const char  *entity,
                                             const char  *field);
guint      ruhu_case_count_conflicts        (RuhuDevice  *device,
                                             const char  *case_id);
GPtrArray *ruhu_case_list_conflicts         (RuhuDevice  *device,
                                             const char  *case_id,
                                             GError     **error);
GPtrArray *ruhu_case_list_rejections        (RuhuStore   *store,
                                             const char  *case_id,
                                             GError     **error);

G_END_DECLS
