/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ruhu-device.h"
#include "ruhu-entity-form.h"

G_BEGIN_DECLS

/* A volunteer's outreach visit to one assigned household: the visits so
 * far, and a form for today's. */
#define RUHU_TYPE_VISIT_PAGE (ruhu_visit_page_get_type ())
G_DECLARE_FINAL_TYPE (RuhuVisitPage, ruhu_visit_page, RUHU, VISIT_PAGE, AdwBin)

RuhuVisitPage  *ruhu_visit_page_new          (RuhuDevice     *device,
                                             const char     *case_id);
const char     *ruhu_visit_page_get_case     (RuhuVisitPage  *self);
guint           ruhu_visit_page_get_n_visits (RuhuVisitPage  *self);
gboolean        ruhu_visit_page_record       (RuhuVisitPage  *self);
RuhuEntityForm *ruhu_visit_page_get_form     (RuhuVisitPage  *self);

G_END_DECLS
