/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-directory.h"
#include "ruhu-scope.h"
#include "ruhu-store.h"

G_BEGIN_DECLS

/* The rule for investigation teams (kind "assignment"): only a supervisor
 * writes them, and an accepted team is recorded in the directory once the
 * store has applied it, so that its investigators receive the case. */

void        ruhu_rules_assignment_set_directory (RuhuStore     *store,
                                                 RuhuDirectory *directory);
GHashTable *ruhu_rules_assignment_pending_new   (void);
gboolean    ruhu_rules_assignment_check         (RuhuStore     *store,
                                                 RuhuScope     *scope,
                                                 GHashTable    *pending,
                                                 const RuhuOp  *op,
                                                 char         **code,
                                                 char         **reason);
gboolean    ruhu_rules_assignment_record        (RuhuDirectory *directory,
                                                 GHashTable    *pending,
                                                 GPtrArray     *ops,
                                                 GArray        *results,
                                                 GError       **error);

G_END_DECLS
