/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ruhu-device.h"

G_BEGIN_DECLS

/* A short form for one new entity, built from its form definition: one
 * row per field asked for, values set in advance for the others, and the
 * form's own validation with the messages under the rows. Used where a
 * whole entity is entered at once (discovery reports, outreach visits). */
#define RUHU_TYPE_ENTITY_FORM (ruhu_entity_form_get_type ())
G_DECLARE_FINAL_TYPE (RuhuEntityForm, ruhu_entity_form, RUHU, ENTITY_FORM, AdwBin)

RuhuEntityForm *ruhu_entity_form_new            (RuhuDevice          *device,
                                                 const char          *kind,
                                                 const char * const  *fields);
RuhuForm       *ruhu_entity_form_get_form       (RuhuEntityForm      *self);
void            ruhu_entity_form_set_case       (RuhuEntityForm      *self,
                                                 const char          *case_id);
void            ruhu_entity_form_set_preset     (RuhuEntityForm      *self,
                                                 const char          *field,
                                                 JsonNode            *value);
gboolean        ruhu_entity_form_set_photo_file (RuhuEntityForm      *self,
                                                 const char          *field,
                                                 const char          *path,
                                                 GError             **error);
GHashTable     *ruhu_entity_form_collect        (RuhuEntityForm      *self);
void            ruhu_entity_form_reset          (RuhuEntityForm      *self);
gboolean        ruhu_entity_form_write          (RuhuEntityForm      *self,
                                                 const char          *entity,
                                                 const char          *case_id,
                                                 const char          *parent,
                                                 GHashTable          *values,
                                                 GError             **error);

G_END_DECLS
