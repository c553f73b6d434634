/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ruhu-device.h"

G_BEGIN_DECLS

/* A volunteer's households due or overdue for an outreach visit this
 * period (ruhu-visit-schedule.h), overdue first; activating one emits
 * "household-activated" with its case id. */
#define RUHU_TYPE_VISIT_DUE_LIST (ruhu_visit_due_list_get_type ())
G_DECLARE_FINAL_TYPE (RuhuVisitDueList, ruhu_visit_due_list, RUHU, VISIT_DUE_LIST, AdwBin)

RuhuVisitDueList *ruhu_visit_due_list_new         (RuhuDevice        *device);
void              ruhu_visit_due_list_reload      (RuhuVisitDueList  *self);
gboolean          ruhu_visit_due_list_get_loading (RuhuVisitDueList  *self);
guint             ruhu_visit_due_list_get_n_due   (RuhuVisitDueList  *self);
guint             ruhu_visit_due_list_get_n_done  (RuhuVisitDueList  *self);

G_END_DECLS
