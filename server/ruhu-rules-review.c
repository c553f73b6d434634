/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-rules-review.h"

#define REVIEW_COMMENT_KIND "review_comment"

/**
 * ruhu_rules_review_check:
 * @role: the pusher's role
 *
 * A rule of ruhu_rules_check(): every operation on a return comment,
 * deletion included, comes from a supervisor, since the comments speak for
 * the township's review.
 *
 * Returns: %FALSE with @code and @reason set to refuse @op
 */
gboolean
ruhu_rules_review_check (const RuhuOp  *op,
                         RuhuRole       role,
                         char         **code,
                         char         **reason)
{
  if (strcmp (op->kind, REVIEW_COMMENT_KIND) != 0)
    return TRUE;
  if (role != RUHU_ROLE_SUPERVISOR)
    {
      *code = g_strdup ("role_not_allowed");
      *reason = g_strdup (_("Only a township supervisor may comment on a field for a return"));
      return FALSE;
    }
  if (g_strcmp0 (op->parent, op->case_id) != 0)
    {
      *code = g_strdup ("review_invalid");
      *reason = g_strdup (_("A comment for return must hang directly under the case’s "
                            "household"));
      return FALSE;
    }
  return TRUE;
}
