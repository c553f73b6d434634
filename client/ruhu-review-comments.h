/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-store.h"
#include "ruhu-workflow.h"

G_BEGIN_DECLS

/* Per-field return comments (docs/workflow.md): `review_comment` entities
 * under the case's household, written by a supervisor before taking the
 * `return` step. A comment goes with the first return taken after it;
 * one written after the last return is a draft for the next. */

#define RUHU_REVIEW_COMMENT_KIND "review_comment"

typedef struct
{
  char *id;
  char *target;       /* the entity commented on */
  char *field;        /* its field */
  char *comment;
  char *version;      /* of the comment text: orders it among the steps */
  char *return_step;  /* the return transition it went with; NULL: a draft */
} RuhuReviewComment;

typedef struct
{
  GPtrArray *comments;     /* RuhuReviewComment*, in version order */
  char      *last_return;  /* the case's latest counted return, if any */
} RuhuReviewComments;

RuhuReviewComments *ruhu_review_comments_load      (RuhuStore                *store,
                                                    const RuhuCaseFlow       *flow,
                                                    GError                  **error);
void                ruhu_review_comments_free      (RuhuReviewComments       *self);
guint               ruhu_review_comments_count_for (const RuhuReviewComments *self,
                                                    const char               *return_step);
GPtrArray          *ruhu_review_comments_on_field  (const RuhuReviewComments *self,
                                                    const char               *entity,
                                                    const char               *field,
                                                    gboolean                  drafts);
char               *ruhu_review_comments_write     (RuhuStore                *store,
                                                    const char               *case_id,
                                                    const char               *target,
                                                    const char               *field,
                                                    const char               *comment,
                                                    const char               *actor,
                                                    GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuReviewComments, ruhu_review_comments_free)

G_END_DECLS
