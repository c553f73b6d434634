/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "ruhu-case-overview.h"
#include "ruhu-device.h"

G_BEGIN_DECLS

/* The township overview for supervisors and district officers (issue 5):
 * cases by state, the overdue and due-soon lists, the acceptance and
 * review queues and the cases returned with comments; activating a row
 * emits "case-activated" with its case id. */
#define RUHU_TYPE_OVERVIEW_PAGE (ruhu_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (RuhuOverviewPage, ruhu_overview_page, RUHU, OVERVIEW_PAGE, AdwBin)

RuhuOverviewPage       *ruhu_overview_page_new          (RuhuDevice       *device);
void                    ruhu_overview_page_set_today    (RuhuOverviewPage *self,
                                                         const GDate      *today);
gboolean                ruhu_overview_page_is_busy      (RuhuOverviewPage *self);
const RuhuCaseOverview *ruhu_overview_page_get_overview (RuhuOverviewPage *self);

G_END_DECLS
