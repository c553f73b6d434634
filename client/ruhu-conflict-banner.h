/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ruhu-device.h"

G_BEGIN_DECLS

/* A banner at the top of a case page: how many fields disagree between
 * devices, with a button to review them, and the changes the server
 * refused with its reasons. Hidden when there is neither. */
#define RUHU_TYPE_CONFLICT_BANNER (ruhu_conflict_banner_get_type ())
G_DECLARE_FINAL_TYPE (RuhuConflictBanner, ruhu_conflict_banner, RUHU, CONFLICT_BANNER, AdwBin)

RuhuConflictBanner *ruhu_conflict_banner_new             (RuhuDevice          *device);
void                ruhu_conflict_banner_set_case        (RuhuConflictBanner  *self,
                                                          const char          *case_id);
guint               ruhu_conflict_banner_get_n_conflicts (RuhuConflictBanner  *self);
guint               ruhu_conflict_banner_get_n_rejections (RuhuConflictBanner *self);
gboolean            ruhu_conflict_banner_get_revealed    (RuhuConflictBanner  *self);

G_END_DECLS
