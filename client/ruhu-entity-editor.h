/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ruhu-case-snapshot.h"
#include "ruhu-device.h"
#include "ruhu-field-row.h"

G_BEGIN_DECLS

/* The rows of one stored entity on the case page, from its form: keeps the
 * entity's values as the user types (computed fields, relevance), writes
 * each field when the user is done with it, and takes news from the store
 * without disturbing the field being edited. */
#define RUHU_TYPE_ENTITY_EDITOR (ruhu_entity_editor_get_type ())
G_DECLARE_FINAL_TYPE (RuhuEntityEditor, ruhu_entity_editor, RUHU, ENTITY_EDITOR, GObject)

RuhuEntityEditor *ruhu_entity_editor_new            (RuhuDevice        *device,
                                                     RuhuForm          *form,
                                                     const char        *case_id,
                                                     RuhuCaseEntity    *entity);
void              ruhu_entity_editor_add_rows_to    (RuhuEntityEditor  *self,
                                                     GtkWidget         *container);
void              ruhu_entity_editor_ensure_rows    (RuhuEntityEditor  *self);
void              ruhu_entity_editor_remove_rows    (RuhuEntityEditor  *self);
void              ruhu_entity_editor_set_entity     (RuhuEntityEditor  *self,
                                                     RuhuCaseEntity    *entity,
                                                     RuhuCaseSnapshot  *snapshot);
void              ruhu_entity_editor_set_locked     (RuhuEntityEditor  *self,
                                                     gboolean           locked,
                                                     const char        *unlocked);
void              ruhu_entity_editor_set_references (RuhuEntityEditor  *self,
                                                     GStrv              ids,
                                                     GStrv              labels);
void              ruhu_entity_editor_commit_all     (RuhuEntityEditor  *self);
const char       *ruhu_entity_editor_get_id         (RuhuEntityEditor  *self);
const char       *ruhu_entity_editor_get_kind       (RuhuEntityEditor  *self);
RuhuForm         *ruhu_entity_editor_get_form       (RuhuEntityEditor  *self);
GHashTable       *ruhu_entity_editor_get_values     (RuhuEntityEditor  *self);
RuhuFieldRow     *ruhu_entity_editor_lookup_row     (RuhuEntityEditor  *self,
                                                     const char        *field);

G_END_DECLS
