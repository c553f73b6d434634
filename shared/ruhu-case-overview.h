/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-case-index.h"

G_BEGIN_DECLS

/**
 * RuhuCaseOverview:
 * @counts: cases per RuhuCaseState
 * @n_cases: all the cases
 * @overdue: the cases whose next deadline has passed
 * @due_soon: the cases due today or within
 *   %RUHU_DEADLINE_DUE_SOON_WORKING_DAYS working days after today (three
 *   working days counting today)
 * @acceptance: the acceptance queue: applied (with an application) or
 *   waiting for missing materials
 * @review: the review queue: investigated or evaluated
 * @returned: the cases returned to the investigators with comments
 *
 * A township's overview (issue 5) of the cases of the index. Each list
 * holds borrowed RuhuCaseInfo pointers (the overview keeps the array they
 * belong to), sorted by due date, cases without a deadline last, then by
 * head's name and case id.
 */
typedef struct
{
  guint      counts[RUHU_N_CASE_STATES];
  guint      n_cases;
  GPtrArray *overdue;
  GPtrArray *due_soon;
  GPtrArray *acceptance;
  GPtrArray *review;
  GPtrArray *returned;

  /*< private >*/
  GPtrArray *infos;
} RuhuCaseOverview;

RuhuCaseOverview *ruhu_case_overview_new    (GPtrArray          *infos,
                                             RuhuCalendar       *calendar,
                                             const GDate        *today);
void              ruhu_case_overview_free   (RuhuCaseOverview   *overview);
int               ruhu_case_info_compare_due (const RuhuCaseInfo *a,
                                              const RuhuCaseInfo *b);
void              ruhu_case_infos_sort_by_due (GPtrArray        *infos);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuCaseOverview, ruhu_case_overview_free)

G_END_DECLS
