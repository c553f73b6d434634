/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ruhu-device.h"
#include "ruhu-field-row.h"
#include "ruhu-income.h"

G_BEGIN_DECLS

/* One case, rendered from the form definitions: household, members,
 * application, authorisations, check sheet with its items and interviews,
 * evidence and signatures. Edits are written as the user leaves a field. */
#define RUHU_TYPE_CASE_PAGE (ruhu_case_page_get_type ())
G_DECLARE_FINAL_TYPE (RuhuCasePage, ruhu_case_page, RUHU, CASE_PAGE, AdwBin)

RuhuCasePage *ruhu_case_page_new                (void);
void          ruhu_case_page_set_device         (RuhuCasePage  *self,
                                                 RuhuDevice    *device);
RuhuDevice   *ruhu_case_page_get_device         (RuhuCasePage  *self);
void          ruhu_case_page_set_case           (RuhuCasePage  *self,
                                                 const char    *case_id);
const char   *ruhu_case_page_get_case           (RuhuCasePage  *self);
gboolean      ruhu_case_page_get_loading        (RuhuCasePage  *self);
gboolean      ruhu_case_page_get_sheet_complete (RuhuCasePage  *self,
                                                 GPtrArray    **missing);
gboolean      ruhu_case_page_get_locked         (RuhuCasePage  *self);
void          ruhu_case_page_get_income         (RuhuCasePage  *self,
                                                 RuhuIncome    *income);
RuhuIncomeVerdict ruhu_case_page_get_income_verdict (RuhuCasePage *self);
GPtrArray    *ruhu_case_page_list_entities      (RuhuCasePage  *self,
                                                 const char    *kind);
RuhuFieldRow *ruhu_case_page_lookup_row         (RuhuCasePage  *self,
                                                 const char    *entity,
                                                 const char    *field);

G_END_DECLS
