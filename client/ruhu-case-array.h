/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include "ruhu-case-summary.h"

G_BEGIN_DECLS

/* The case list's cases, as a GListModel over an array. GListStore is a
 * tree: GtkSortListModel fetches items from it by position in sorted
 * order, and with 20,000 cases each fetch's O(log n) walk showed in every
 * keystroke's profile; here a fetch is an index. */
#define RUHU_TYPE_CASE_ARRAY (ruhu_case_array_get_type ())
G_DECLARE_FINAL_TYPE (RuhuCaseArray, ruhu_case_array, RUHU, CASE_ARRAY, GObject)

RuhuCaseArray *ruhu_case_array_new     (void);
void           ruhu_case_array_splice  (RuhuCaseArray    *self,
                                        guint             position,
                                        guint             n_removals,
                                        RuhuCaseSummary **additions,
                                        guint             n_additions);
gboolean       ruhu_case_array_find    (RuhuCaseArray    *self,
                                        RuhuCaseSummary  *summary,
                                        guint            *position);

G_END_DECLS
