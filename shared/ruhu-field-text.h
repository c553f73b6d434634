/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-form.h"

G_BEGIN_DECLS

/* How a field's value is written in a one-line entry and read back: money
 * as yuan with two decimals, date-times as "YYYY-MM-DD HH:MM", the rest as
 * their JSON text. Parsing checks the form of the text only; the form's
 * rules are checked with ruhu_form_field_validate_value(). */
char     *ruhu_field_value_to_text  (RuhuFormField  *field,
                                     JsonNode       *value);
JsonNode *ruhu_field_text_to_value  (RuhuFormField  *field,
                                     const char     *text,
                                     GTimeZone      *zone,
                                     GError        **error);
char     *ruhu_field_mask_text      (const char     *text);

G_END_DECLS
