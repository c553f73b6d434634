/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-workflow.h"

G_BEGIN_DECLS

/* What a step needs besides role and state. */
enum
{
  NEEDS_COMMENT     = 1 << 0,
  NEEDS_REASON      = 1 << 1,
  NEEDS_OPINION     = 1 << 2,
  NEEDS_AMOUNT      = 1 << 3,  /* only where the category pays a monthly amount */
  NEEDS_DUE_ON      = 1 << 4,
  NEEDS_TRANSFER_TO = 1 << 5,
  AFTERCARE         = 1 << 6,  /* only for categories with periodic review */
  ALIVENESS         = 1 << 7,  /* only for categories with aliveness checks */
};

typedef struct
{
  const char *name;    /* the `action` option */
  const char *label;   /* untranslated */
  guint       from;    /* bit per RuhuCaseState */
  guint       to;      /* a RuhuCaseState, or RUHU_N_CASE_STATES to stay */
  guint       roles;
  guint       needs;
} RuhuStepRule;

typedef struct
{
  const char *name;
  gboolean    skips_evaluation;
  gboolean    skips_notice;
  gboolean    amount_required;
  gboolean    aftercare;        /* periodic review, continue / adjust / stop */
  gboolean    aliveness;        /* aliveness check every 3 months */
  int         review_months;    /* periodic review interval; 0 for none */
} RuhuCategoryRule;

extern const RuhuStepRule     ruhu_step_rules[RUHU_N_STEPS];
extern const RuhuCategoryRule ruhu_category_rules[];

/* ruhu-workflow-case.c */
const char     *ruhu_workflow_string_of     (GHashTable      *fields,
                                             const char      *name);
void            ruhu_transition_free        (RuhuTransition  *transition);
gboolean        ruhu_transition_date        (const RuhuTransition *transition,
                                             GDate           *date);
RuhuCaseFlow   *ruhu_case_flow_read_except  (RuhuStore       *store,
                                             const char      *case_id,
                                             const char      *skip_entity,
                                             GError         **error);

/* ruhu-workflow-guard.c */
gboolean        ruhu_workflow_refuse        (char           **code,
                                             char           **reason,
                                             const char      *what,
                                             char            *why);

/* ruhu-workflow-evidence.c */
gboolean        ruhu_workflow_check_evidence (RuhuStore          *store,
                                              const RuhuCaseFlow *flow,
                                              RuhuStep            step,
                                              const GDate        *on,
                                              char              **code,
                                              char              **reason);

G_END_DECLS
