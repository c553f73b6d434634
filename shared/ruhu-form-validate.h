/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-form.h"

G_BEGIN_DECLS

#define RUHU_VALIDATE_ERROR (ruhu_validate_error_quark ())

/**
 * RuhuValidateError:
 * @RUHU_VALIDATE_ERROR_WRONG_TYPE: the JSON value has the wrong type for the field
 * @RUHU_VALIDATE_ERROR_TOO_SMALL: below the minimum (number or date)
 * @RUHU_VALIDATE_ERROR_TOO_LARGE: above the maximum (number or date)
 * @RUHU_VALIDATE_ERROR_TOO_LONG: more characters than `max_length`
 * @RUHU_VALIDATE_ERROR_NOT_SINGLE_LINE: line breaks or control characters in a one-line text
 * @RUHU_VALIDATE_ERROR_PATTERN: the text does not match the field's pattern
 * @RUHU_VALIDATE_ERROR_NOT_AN_OPTION: a choice that is not one of the options
 * @RUHU_VALIDATE_ERROR_DUPLICATE_OPTION: an option chosen twice in a multi_choice
 * @RUHU_VALIDATE_ERROR_BAD_DATE: not a real date or date-time in the expected form
 * @RUHU_VALIDATE_ERROR_BAD_ID_NUMBER: not a valid resident ID number
 * @RUHU_VALIDATE_ERROR_BAD_PHONE: not a valid phone number
 * @RUHU_VALIDATE_ERROR_BAD_HASH: not a lowercase hexadecimal SHA-256
 * @RUHU_VALIDATE_ERROR_BAD_SIGNATURE: a malformed signature object
 * @RUHU_VALIDATE_ERROR_BAD_REFERENCE: not a lowercase UUID
 * @RUHU_VALIDATE_ERROR_COMPUTED: a value given for a computed field
 * @RUHU_VALIDATE_ERROR_REQUIRED: a relevant required field is empty
 * @RUHU_VALIDATE_ERROR_NOT_RELEVANT: a field that does not apply has a value
 * @RUHU_VALIDATE_ERROR_UNKNOWN_FIELD: the form has no such field
 *
 * What is wrong with a value or an entity. The first fifteen come from
 * ruhu_form_field_validate_value(); the others only from whole entities.
 */
typedef enum
{
  RUHU_VALIDATE_ERROR_WRONG_TYPE,
  RUHU_VALIDATE_ERROR_TOO_SMALL,
  RUHU_VALIDATE_ERROR_TOO_LARGE,
  RUHU_VALIDATE_ERROR_TOO_LONG,
  RUHU_VALIDATE_ERROR_NOT_SINGLE_LINE,
  RUHU_VALIDATE_ERROR_PATTERN,
  RUHU_VALIDATE_ERROR_NOT_AN_OPTION,
  RUHU_VALIDATE_ERROR_DUPLICATE_OPTION,
  RUHU_VALIDATE_ERROR_BAD_DATE,
  RUHU_VALIDATE_ERROR_BAD_ID_NUMBER,
  RUHU_VALIDATE_ERROR_BAD_PHONE,
  RUHU_VALIDATE_ERROR_BAD_HASH,
  RUHU_VALIDATE_ERROR_BAD_SIGNATURE,
  RUHU_VALIDATE_ERROR_BAD_REFERENCE,
  RUHU_VALIDATE_ERROR_COMPUTED,
  RUHU_VALIDATE_ERROR_REQUIRED,
  RUHU_VALIDATE_ERROR_NOT_RELEVANT,
  RUHU_VALIDATE_ERROR_UNKNOWN_FIELD,
} RuhuValidateError;

/**
 * RuhuFormProblem:
 * @field: the field's name
 * @code: what is wrong
 * @message: a translated sentence for the user, starting with the field's
 *   translated label
 *
 * One problem of an entity.
 */
typedef struct
{
  char              *field;
  RuhuValidateError  code;
  char              *message;
} RuhuFormProblem;

GQuark           ruhu_validate_error_quark          (void);

void             ruhu_form_problem_free             (RuhuFormProblem  *problem);

gboolean         ruhu_form_value_is_empty           (JsonNode         *value);
gboolean         ruhu_form_field_validate_value     (RuhuFormField    *field,
                                                     JsonNode         *value,
                                                     const GDate      *today,
                                                     GError          **error);
GPtrArray       *ruhu_form_validate_entity          (RuhuForm         *form,
                                                     GHashTable       *values,
                                                     const GDate      *today);
JsonNode        *ruhu_form_field_compute            (RuhuFormField    *field,
                                                     GHashTable       *values);
GHashTable      *ruhu_form_compute_entity           (RuhuForm         *form,
                                                     GHashTable       *values);
RuhuSensitivity  ruhu_form_entity_get_sensitivity   (RuhuForm         *form,
                                                     GHashTable       *values);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuFormProblem, ruhu_form_problem_free)

G_END_DECLS
