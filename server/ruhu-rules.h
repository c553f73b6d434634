/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-scope.h"
#include "ruhu-store.h"

G_BEGIN_DECLS

/* The server's rules for pushed operations (role, place, signed-sheet
 * lock), run by the store inside the batch's transaction. The caller is set
 * for one batch with ruhu_rules_begin(); a RuhuRules also keeps what it
 * read during the batch (the sheets' lock state), so each push makes its
 * own and hands it to ruhu_store_apply_full(). */

#define RUHU_FIELD_REOPENED "reopened"

typedef struct _RuhuRules RuhuRules;

RuhuRules *ruhu_rules_new             (void);
void       ruhu_rules_free            (RuhuRules     *self);
void       ruhu_rules_begin           (RuhuRules     *self,
                                       RuhuScope     *scope);
gboolean   ruhu_rules_record_teams    (RuhuRules     *self,
                                       RuhuDirectory *directory,
                                       GPtrArray     *ops,
                                       GArray        *results,
                                       GError       **error);
void       ruhu_rules_end             (RuhuRules     *self);
gboolean   ruhu_rules_was_checked     (RuhuRules     *self,
                                       const RuhuOp  *op);
gboolean   ruhu_rules_check           (RuhuStore     *store,
                                       const RuhuOp  *op,
                                       char         **code,
                                       char         **reason,
                                       gpointer       user_data);

gboolean   ruhu_rules_is_place_field  (const RuhuOp  *op);
char      *ruhu_rules_household_place (RuhuStore     *store,
                                       const char    *household,
                                       const RuhuOp  *pending,
                                       GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuRules, ruhu_rules_free)

G_END_DECLS
