/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-device.h"

G_BEGIN_DECLS

/* Values and versions as people read them: choices by their translated
 * labels, money in yuan, ID numbers masked, times in local time. */
RuhuFormField *ruhu_value_lookup_field   (RuhuDevice     *device,
                                          const char     *kind,
                                          const char     *field);
char          *ruhu_value_field_title    (RuhuDevice     *device,
                                          const char     *kind,
                                          const char     *field);
char          *ruhu_value_to_text        (RuhuFormField  *field,
                                          const char     *field_name,
                                          JsonNode       *value);
char          *ruhu_value_to_editable    (RuhuFormField  *field,
                                          JsonNode       *value);
JsonNode      *ruhu_value_from_text      (RuhuFormField  *field,
                                          const char     *text,
                                          GError        **error);
gboolean       ruhu_value_can_type       (RuhuFormField  *field);
char          *ruhu_value_entity_title   (RuhuStore      *store,
                                          const char     *entity);
char          *ruhu_value_describe_op    (RuhuDevice     *device,
                                          const RuhuOp   *op);
char          *ruhu_version_to_local     (const char     *version);
char          *ruhu_op_describe_origin   (const RuhuOp   *op);

G_END_DECLS
