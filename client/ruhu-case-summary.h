/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include "ruhu-case-index.h"
#include "ruhu-form.h"

G_BEGIN_DECLS

/* One case in the case list: what its row shows, with the texts already
 * translated and formatted, so that binding a row copies strings only.
 * ruhu_case_summary_update() replaces the data and notifies every
 * property. */
#define RUHU_TYPE_CASE_SUMMARY (ruhu_case_summary_get_type ())
G_DECLARE_FINAL_TYPE (RuhuCaseSummary, ruhu_case_summary, RUHU, CASE_SUMMARY, GObject)

RuhuCaseSummary    *ruhu_case_summary_new                (RuhuCaseInfo    *info,
                                                          RuhuFormSet     *forms);
void                ruhu_case_summary_update             (RuhuCaseSummary *self,
                                                          RuhuCaseSummary *from);
const RuhuCaseInfo *ruhu_case_summary_get_info           (RuhuCaseSummary *self);
const char         *ruhu_case_summary_get_case_id        (RuhuCaseSummary *self);
const char         *ruhu_case_summary_get_head_name      (RuhuCaseSummary *self);
const char         *ruhu_case_summary_get_village        (RuhuCaseSummary *self);
const char         *ruhu_case_summary_get_category_label (RuhuCaseSummary *self);
const char         *ruhu_case_summary_get_state_label   (RuhuCaseSummary *self);
const char         *ruhu_case_summary_get_deadline_label (RuhuCaseSummary *self);
const char         *ruhu_case_summary_get_name_key       (RuhuCaseSummary *self);
gboolean            ruhu_case_summary_matches_text       (RuhuCaseSummary *self,
                                                          const char      *text);

const char         *ruhu_case_info_get_state_label       (const RuhuCaseInfo *info);
char               *ruhu_case_info_format_deadline       (const RuhuCaseInfo *info);

G_END_DECLS
