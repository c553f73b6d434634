/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include "ruhu-case-summary.h"

G_BEGIN_DECLS

/* What the case list's search and filters ask for, and how a case is
 * matched and sorted; the list owns one and tells its GtkFilter how a
 * change affects the result. */
typedef enum
{
  RUHU_CASE_DUE_ANY,
  RUHU_CASE_DUE_SOON,     /* due today or within a few working days */
  RUHU_CASE_DUE_OVERDUE,
} RuhuCaseDue;

typedef enum
{
  RUHU_CASE_SORT_DEADLINE,
  RUHU_CASE_SORT_NAME,
} RuhuCaseSort;

typedef struct
{
  char        *text;       /* NULL: no search */
  int          state;      /* a RuhuCaseState, or -1 for any */
  char        *category;   /* an option value, or NULL for any */
  RuhuCaseDue  due;
  gboolean     assigned_to_me;
  gboolean     returned;   /* returned with comments to the user's team */
  gboolean     conflicts;
  gboolean     unsynced;
} RuhuCaseFilter;

void                  ruhu_case_filter_clear        (RuhuCaseFilter       *filter);
gboolean              ruhu_case_filter_is_empty     (const RuhuCaseFilter *filter);
guint                 ruhu_case_filter_count        (const RuhuCaseFilter *filter);
GtkFilterChange       ruhu_case_filter_set_text     (RuhuCaseFilter       *filter,
                                                     const char           *text);
gboolean              ruhu_case_filter_match        (const RuhuCaseFilter *filter,
                                                     RuhuCaseSummary      *summary);
int                   ruhu_case_compare             (RuhuCaseSummary      *a,
                                                     RuhuCaseSummary      *b,
                                                     RuhuCaseSort          sort);

G_END_DECLS
