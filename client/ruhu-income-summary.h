/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ruhu-income.h"

G_BEGIN_DECLS

/* The household's monthly income per person beside the local standard it
 * is measured against, saying plainly whether it is above or below. */
#define RUHU_TYPE_INCOME_SUMMARY (ruhu_income_summary_get_type ())
G_DECLARE_FINAL_TYPE (RuhuIncomeSummary, ruhu_income_summary, RUHU, INCOME_SUMMARY, AdwBin)

void              ruhu_income_summary_update      (RuhuIncomeSummary *self,
                                                   RuhuCaseSnapshot  *snapshot);
void              ruhu_income_summary_get_income  (RuhuIncomeSummary *self,
                                                   RuhuIncome        *income);
RuhuIncomeVerdict ruhu_income_summary_get_verdict (RuhuIncomeSummary *self);

G_END_DECLS
