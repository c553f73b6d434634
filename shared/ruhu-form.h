/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define RUHU_FORM_ERROR (ruhu_form_error_quark ())

/**
 * RuhuFormError:
 * @RUHU_FORM_ERROR_IO: the directory or a file could not be read
 * @RUHU_FORM_ERROR_SYNTAX: a file is not well-formed JSON
 * @RUHU_FORM_ERROR_NO_FORMS: the directory holds no `*.json` file
 * @RUHU_FORM_ERROR_INVALID: a member is missing, unknown, or of the wrong JSON type
 * @RUHU_FORM_ERROR_BAD_NAME: a kind, field or option name is not snake_case ASCII
 * @RUHU_FORM_ERROR_DUPLICATE: a kind, field or option value appears twice
 * @RUHU_FORM_ERROR_UNKNOWN_TYPE: a field type that does not exist
 * @RUHU_FORM_ERROR_MISSING_OPTIONS: a choice field without options
 * @RUHU_FORM_ERROR_BAD_CONDITION: a relevance condition is malformed or names an unknown field
 * @RUHU_FORM_ERROR_BAD_COMPUTE: a computed field is malformed or computes over unsuitable fields
 * @RUHU_FORM_ERROR_BAD_PATTERN: a pattern is not a valid regular expression
 * @RUHU_FORM_ERROR_UNKNOWN_KIND: a parent or reference names a kind that has no form
 * @RUHU_FORM_ERROR_NOT_APPLICABLE: an attribute that the field's type does not use
 * @RUHU_FORM_ERROR_SENSITIVITY: an unknown sensitivity, or an ID number not marked as one
 */
typedef enum
{
  RUHU_FORM_ERROR_IO,
  RUHU_FORM_ERROR_SYNTAX,
  RUHU_FORM_ERROR_NO_FORMS,
  RUHU_FORM_ERROR_INVALID,
  RUHU_FORM_ERROR_BAD_NAME,
  RUHU_FORM_ERROR_DUPLICATE,
  RUHU_FORM_ERROR_UNKNOWN_TYPE,
  RUHU_FORM_ERROR_MISSING_OPTIONS,
  RUHU_FORM_ERROR_BAD_CONDITION,
  RUHU_FORM_ERROR_BAD_COMPUTE,
  RUHU_FORM_ERROR_BAD_PATTERN,
  RUHU_FORM_ERROR_UNKNOWN_KIND,
  RUHU_FORM_ERROR_NOT_APPLICABLE,
  RUHU_FORM_ERROR_SENSITIVITY,
} RuhuFormError;

typedef enum
{
  RUHU_FIELD_TEXT,
  RUHU_FIELD_INTEGER,
  RUHU_FIELD_MONEY,
  RUHU_FIELD_DATE,
  RUHU_FIELD_DATETIME,
  RUHU_FIELD_CHOICE,
  RUHU_FIELD_MULTI_CHOICE,
  RUHU_FIELD_BOOLEAN,
  RUHU_FIELD_ID_NUMBER,
  RUHU_FIELD_PHONE,
  RUHU_FIELD_PHOTO,
  RUHU_FIELD_SIGNATURE,
  RUHU_FIELD_REFERENCE,
  RUHU_FIELD_COMPUTED,
} RuhuFieldType;

/**
 * RuhuSensitivity:
 * @RUHU_SENSITIVITY_NONE: ordinary data
 * @RUHU_SENSITIVITY_ID_NUMBER: resident ID numbers and what shows them
 * @RUHU_SENSITIVITY_BANK: bank accounts
 * @RUHU_SENSITIVITY_HEALTH: health data
 * @RUHU_SENSITIVITY_DISABILITY: disability data
 *
 * Sensitive personal information classes; a field has at most one, an
 * entity may carry several, so they are flags.
 */
typedef enum /*< flags >*/
{
  RUHU_SENSITIVITY_NONE       = 0,
  RUHU_SENSITIVITY_ID_NUMBER  = 1 << 0,
  RUHU_SENSITIVITY_BANK       = 1 << 1,
  RUHU_SENSITIVITY_HEALTH     = 1 << 2,
  RUHU_SENSITIVITY_DISABILITY = 1 << 3,
} RuhuSensitivity;

typedef struct _RuhuFormSet   RuhuFormSet;
typedef struct _RuhuForm      RuhuForm;
typedef struct _RuhuFormField RuhuFormField;

GQuark               ruhu_form_error_quark             (void);
GType                ruhu_form_set_get_type            (void) G_GNUC_CONST;

const char          *ruhu_field_type_to_string         (RuhuFieldType    type);
gboolean             ruhu_field_type_from_string       (const char      *name,
                                                        RuhuFieldType   *type);
const char          *ruhu_sensitivity_to_string        (RuhuSensitivity  sensitivity);
gboolean             ruhu_sensitivity_from_string      (const char      *name,
                                                        RuhuSensitivity *sensitivity);

RuhuFormSet         *ruhu_form_set_load_dir            (const char      *dir,
                                                        GError         **error);
RuhuFormSet         *ruhu_form_set_load_default        (GError         **error);
RuhuFormSet         *ruhu_form_set_ref                 (RuhuFormSet     *self);
void                 ruhu_form_set_unref               (RuhuFormSet     *self);
const char * const  *ruhu_form_set_get_kinds           (RuhuFormSet     *self);
RuhuForm            *ruhu_form_set_lookup              (RuhuFormSet     *self,
                                                        const char      *kind);

const char          *ruhu_form_get_kind                (RuhuForm        *form);
gint64               ruhu_form_get_version             (RuhuForm        *form);
const char          *ruhu_form_get_label               (RuhuForm        *form);
const char * const  *ruhu_form_get_parents             (RuhuForm        *form);
gboolean             ruhu_form_accepts_parent          (RuhuForm        *form,
                                                        const char      *parent_kind);
guint                ruhu_form_get_n_fields            (RuhuForm        *form);
RuhuFormField       *ruhu_form_get_field               (RuhuForm        *form,
                                                        guint            index);
RuhuFormField       *ruhu_form_lookup_field            (RuhuForm        *form,
                                                        const char      *name);

const char          *ruhu_form_field_get_name          (RuhuFormField   *field);
RuhuFieldType        ruhu_form_field_get_field_type    (RuhuFormField   *field);
RuhuFieldType        ruhu_form_field_get_value_type    (RuhuFormField   *field);
const char          *ruhu_form_field_get_label         (RuhuFormField   *field);
const char          *ruhu_form_field_get_help          (RuhuFormField   *field);
gboolean             ruhu_form_field_is_required       (RuhuFormField   *field);
gboolean             ruhu_form_field_is_multiline      (RuhuFormField   *field);
gboolean             ruhu_form_field_is_conditional    (RuhuFormField   *field);
RuhuSensitivity      ruhu_form_field_get_sensitivity   (RuhuFormField   *field);
const char          *ruhu_form_field_get_refers_to     (RuhuFormField   *field);
gboolean             ruhu_form_field_get_min           (RuhuFormField   *field,
                                                        gint64          *min);
gboolean             ruhu_form_field_get_max           (RuhuFormField   *field,
                                                        gint64          *max);
guint                ruhu_form_field_get_max_length    (RuhuFormField   *field);
guint                ruhu_form_field_get_n_options     (RuhuFormField   *field);
const char          *ruhu_form_field_get_option_value  (RuhuFormField   *field,
                                                        guint            index);
const char          *ruhu_form_field_get_option_label  (RuhuFormField   *field,
                                                        guint            index);
const char          *ruhu_form_field_lookup_option_label (RuhuFormField *field,
                                                          const char    *value);
RuhuSensitivity      ruhu_form_field_get_option_sensitivity (RuhuFormField *field,
                                                             const char    *value);
gboolean             ruhu_form_field_is_relevant       (RuhuFormField   *field,
                                                        GHashTable      *values);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuFormSet, ruhu_form_set_unref)

G_END_DECLS
