/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-case-snapshot.h"
#include "ruhu-standards.h"

G_BEGIN_DECLS

/* A household's monthly income per person as the check sheet records it. */
typedef struct
{
  gint64 net_fen;        /* income items of the covered household, net of costs */
  guint  n_items;        /* items counted */
  guint  n_covered;      /* co-resident members covered by the allowance */
  gint64 per_person_fen; /* net_fen / n_covered, rounded half up; 0 without members */
} RuhuIncome;

typedef enum
{
  RUHU_INCOME_UNKNOWN,        /* no members, or no standard for the place and day */
  RUHU_INCOME_BELOW_STANDARD,
  RUHU_INCOME_AT_STANDARD,
  RUHU_INCOME_ABOVE_STANDARD,
} RuhuIncomeVerdict;

void              ruhu_income_compute   (RuhuCaseSnapshot   *snapshot,
                                         RuhuIncome         *income);
RuhuIncomeVerdict ruhu_income_compare   (const RuhuIncome   *income,
                                         const RuhuStandard *standard);
char             *ruhu_money_format     (gint64              fen);
gboolean          ruhu_income_find_standard (RuhuCaseSnapshot *snapshot,
                                             RuhuStandards    *standards,
                                             const GDate      *date,
                                             RuhuStandard     *standard);

G_END_DECLS
