/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "ruhu-directory.h"

G_BEGIN_DECLS

/* What one caller may see and write, for the life of one request: a case's
 * place (or creator) comes from the directory once and is kept. */

typedef struct _RuhuScope RuhuScope;

RuhuScope           *ruhu_scope_new             (RuhuDirectory        *directory,
                                                 const RuhuPrincipal  *principal);
void                 ruhu_scope_free            (RuhuScope            *self);
const RuhuPrincipal *ruhu_scope_get_principal   (RuhuScope            *self);
gboolean             ruhu_scope_case_visible    (RuhuScope            *self,
                                                 const char           *case_id,
                                                 gboolean             *visible,
                                                 GError              **error);
gboolean             ruhu_scope_get_case_place  (RuhuScope            *self,
                                                 const char           *case_id,
                                                 const char          **place,
                                                 const char          **creator,
                                                 GError              **error);
void                 ruhu_scope_note_place      (RuhuScope            *self,
                                                 const char           *case_id,
                                                 const char           *place);
gboolean             ruhu_scope_place_allowed   (RuhuScope            *self,
                                                 const char           *case_id,
                                                 const char           *place,
                                                 gboolean             *allowed,
                                                 GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuScope, ruhu_scope_free)

G_END_DECLS
