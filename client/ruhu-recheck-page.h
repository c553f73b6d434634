/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ruhu-device.h"

G_BEGIN_DECLS

/* The supervisor's follow-up of granted cases: the outreach visit rate per
 * village this period, the periodic-review list and the aliveness-check
 * list, each by category. Activating a case emits "case-activated". */
#define RUHU_TYPE_RECHECK_PAGE (ruhu_recheck_page_get_type ())
G_DECLARE_FINAL_TYPE (RuhuRecheckPage, ruhu_recheck_page, RUHU, RECHECK_PAGE, AdwBin)

RuhuRecheckPage *ruhu_recheck_page_new              (RuhuDevice       *device);
void             ruhu_recheck_page_reload           (RuhuRecheckPage  *self);
gboolean         ruhu_recheck_page_get_loading      (RuhuRecheckPage  *self);
guint            ruhu_recheck_page_get_n_villages   (RuhuRecheckPage  *self);
guint            ruhu_recheck_page_get_n_reviews    (RuhuRecheckPage  *self);
guint            ruhu_recheck_page_get_n_aliveness  (RuhuRecheckPage  *self);

G_END_DECLS
