/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-directory.h"
#include "ruhu-op.h"

G_BEGIN_DECLS

/* Per-field return comments (`review_comment`, docs/workflow.md): only a
 * township supervisor writes them, under the case's household. */
gboolean ruhu_rules_review_check (const RuhuOp  *op,
                                  RuhuRole       role,
                                  char         **code,
                                  char         **reason);

G_END_DECLS
