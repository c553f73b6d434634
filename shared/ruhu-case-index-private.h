/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-case-index.h"
#include "ruhu-store-summary.h"

G_BEGIN_DECLS

/* Builds a RuhuCaseInfo per case from one summary scan of the store and
 * one scan of its workflow entities. The scans report values entity by
 * entity in id order, not case by case, so each case collects its pieces
 * here and is resolved at the end: a step may come before the household. */

/* A value of ruhu_case_flow_scan(): like a RuhuSummaryValue, with the
 * value's version. */
typedef struct
{
  const char *case_id;
  const char *entity;
  const char *kind;
  const char *field;
  const char *version;
  const char *json;
} RuhuFlowValue;

typedef void (*RuhuFlowFunc) (const RuhuFlowValue *value,
                              gpointer             user_data);

typedef struct
{
  RuhuCaseInfo *info;
  gboolean      has_household;
  GDate         applied_on;
  char         *applied_category;  /* the application's, if the household has none */
  GPtrArray    *steps;             /* RuhuTransition*, as read, some incomplete */
  char         *team_version;      /* of the current assignment's investigators */
  gboolean      team_has_me;
  GString      *tails;
} CaseBuild;

typedef struct
{
  GHashTable                 *cases;  /* case id → CaseBuild */
  const RuhuCaseIndexOptions *options;
  GDate                       today;
} IndexBuild;

/* ruhu-case-build.c */
void          ruhu_case_build_free            (gpointer                data);
void          ruhu_case_build_take_value      (const RuhuSummaryValue *value,
                                               gpointer                user_data);
void          ruhu_case_build_take_flow_value (const RuhuFlowValue    *value,
                                               gpointer                user_data);
RuhuCaseInfo *ruhu_case_build_resolve         (CaseBuild              *build,
                                               IndexBuild             *index);

/* ruhu-case-flow-scan.c */
gboolean      ruhu_case_flow_scan             (RuhuStore              *store,
                                               const char             *case_id,
                                               RuhuFlowFunc            func,
                                               gpointer                user_data,
                                               GCancellable           *cancellable,
                                               GError                **error);

G_END_DECLS
