/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include "ruhu-case-summary.h"

G_BEGIN_DECLS

/* A row of the case list: head of household, village, category, status,
 * deadline and badges for conflicts and unsynced changes. Built once per
 * visible row by the list's factory, then bound to case after case. */
#define RUHU_TYPE_CASE_ROW (ruhu_case_row_get_type ())
G_DECLARE_FINAL_TYPE (RuhuCaseRow, ruhu_case_row, RUHU, CASE_ROW, GtkWidget)

GtkWidget       *ruhu_case_row_new          (void);
void             ruhu_case_row_set_summary  (RuhuCaseRow     *self,
                                             RuhuCaseSummary *summary);
RuhuCaseSummary *ruhu_case_row_get_summary  (RuhuCaseRow     *self);

G_END_DECLS
