/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-case-index.h"
#include "ruhu-store-summary.h"

G_BEGIN_DECLS

/* Builds a RuhuCaseInfo per case from one summary scan of the store. The
 * scan reports values entity by entity in id order, not case by case, so
 * each case collects its pieces here and is resolved at the end: a check
 * sheet's signatures may come before the sheet itself. */

typedef struct
{
  char     *entity;
  char     *sheet;  /* its parent, which counts only if it is a check sheet */
  gboolean  investigator;
  GDate     signed_on;
} SignatureBuild;

typedef struct
{
  RuhuCaseInfo *info;
  gboolean      has_household;
  gboolean      has_application;
  GDate         applied_on;
  GHashTable   *sheets;      /* check sheet id → GINT_TO_POINTER (reopened) */
  GArray       *signatures;  /* SignatureBuild */
  GString      *tails;
} CaseBuild;

typedef struct
{
  GHashTable                 *cases;  /* case id → CaseBuild */
  const RuhuCaseIndexOptions *options;
} IndexBuild;

/* ruhu-case-build.c */
void          ruhu_case_build_free        (gpointer                data);
void          ruhu_case_build_take_value  (const RuhuSummaryValue *value,
                                           gpointer                user_data);
RuhuCaseInfo *ruhu_case_build_resolve     (CaseBuild              *build,
                                           GHashTable             *memo,
                                           RuhuCalendar           *calendar);

G_END_DECLS
