/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ruhu-store.h"
#include "ruhu-workflow.h"

G_BEGIN_DECLS

/* The supervisor's lists of granted cases to check again, from the
 * workflow's steps (docs/workflow.md): the periodic review (定期复核),
 * yearly, where the category has one; and the aliveness check (待遇资格
 * 认证), every 3 months, where the category pays monthly. */

/* A periodic review is listed this many days before it falls due. */
#define RUHU_RECHECK_REVIEW_LEAD_DAYS 30

typedef struct
{
  char          *case_id;
  char          *head_name;     /* nullable, like the two below */
  char          *village_name;
  char          *category;      /* the household's `category` option */
  RuhuCaseState  state;
  GDate          since;         /* the step the clock runs from */
  GDate          due;
  int            days_left;     /* from the day asked about to @due; negative when late */
} RuhuRecheckItem;

typedef struct
{
  GPtrArray *reviews;    /* RuhuRecheckItem*, by category, then due date */
  GPtrArray *aliveness;  /* RuhuRecheckItem*, by category, then due date */
} RuhuRecheckLists;

gboolean          ruhu_recheck_review_due      (const RuhuCaseFlow  *flow,
                                                const GDate         *today,
                                                GDate               *since,
                                                GDate               *due);
gboolean          ruhu_recheck_aliveness_due   (const RuhuCaseFlow  *flow,
                                                const GDate         *today,
                                                GDate               *since,
                                                GDate               *due);
RuhuRecheckLists *ruhu_recheck_lists_load      (RuhuStore           *store,
                                                const GDate         *today,
                                                GCancellable        *cancellable,
                                                GError             **error);
void              ruhu_recheck_lists_free      (RuhuRecheckLists    *lists);
void              ruhu_recheck_item_free       (RuhuRecheckItem     *item);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuRecheckLists, ruhu_recheck_lists_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuRecheckItem, ruhu_recheck_item_free)

G_END_DECLS
