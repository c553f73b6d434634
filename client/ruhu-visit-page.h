/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ruhu-device.h"
#include "ruhu-entity-form.h"
#include "ruhu-visit-due-list.h"

G_BEGIN_DECLS

/* A volunteer's outreach visits: the households due or overdue this
 * period, then the chosen household's visits so far and a form for
 * today's. */
#define RUHU_TYPE_VISIT_PAGE (ruhu_visit_page_get_type ())
G_DECLARE_FINAL_TYPE (RuhuVisitPage, ruhu_visit_page, RUHU, VISIT_PAGE, AdwBin)

RuhuVisitPage    *ruhu_visit_page_new          (RuhuDevice     *device,
                                               const char     *case_id);
const char       *ruhu_visit_page_get_case     (RuhuVisitPage  *self);
void              ruhu_visit_page_set_case     (RuhuVisitPage  *self,
                                               const char     *case_id);
RuhuVisitDueList *ruhu_visit_page_get_due_list (RuhuVisitPage  *self);
guint             ruhu_visit_page_get_n_visits (RuhuVisitPage  *self);
gboolean          ruhu_visit_page_record       (RuhuVisitPage  *self);
RuhuEntityForm   *ruhu_visit_page_get_form     (RuhuVisitPage  *self);

G_END_DECLS
