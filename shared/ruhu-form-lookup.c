/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-form-private.h"

/* Accessors of forms and fields. Everything returned is owned by the form
 * set and lives as long as it does; labels come translated. */

/**
 * ruhu_form_get_kind:
 * @form: a form
 *
 * Returns: (transfer none): the entity kind, e.g. `member`
 */
const char *
ruhu_form_get_kind (RuhuForm *form)
{
  g_return_val_if_fail (form != NULL, NULL);
  return form->kind;
}

/**
 * ruhu_form_get_version:
 * @form: a form
 *
 * Returns: the form's version, a positive integer raised on every change
 */
gint64
ruhu_form_get_version (RuhuForm *form)
{
  g_return_val_if_fail (form != NULL, 0);
  return form->version;
}

/**
 * ruhu_form_get_label:
 * @form: a form
 *
 * Returns: (transfer none): the kind's name, translated
 */
const char *
ruhu_form_get_label (RuhuForm *form)
{
  g_return_val_if_fail (form != NULL, NULL);
  return g_dgettext (GETTEXT_PACKAGE, form->label);
}

/**
 * ruhu_form_get_parents:
 * @form: a form
 *
 * Returns: (transfer none): the kinds an entity of this kind may hang
 *   under; empty for the root kind
 */
const char * const *
ruhu_form_get_parents (RuhuForm *form)
{
  g_return_val_if_fail (form != NULL, NULL);
  return (const char * const *) form->parents;
}

/**
 * ruhu_form_accepts_parent:
 * @form: a form
 * @parent_kind: (nullable): the kind of the would-be parent; %NULL for none
 *
 * Returns: whether an entity of this kind may hang under @parent_kind
 */
gboolean
ruhu_form_accepts_parent (RuhuForm   *form,
                          const char *parent_kind)
{
  g_return_val_if_fail (form != NULL, FALSE);

  if (parent_kind == NULL)
    return form->parents[0] == NULL;
  return g_strv_contains ((const char * const *) form->parents, parent_kind);
}

/**
 * ruhu_form_get_n_fields:
 * @form: a form
 *
 * Returns: the number of fields
 */
guint
ruhu_form_get_n_fields (RuhuForm *form)
{
  g_return_val_if_fail (form != NULL, 0);
  return form->fields->len;
}

/**
 * ruhu_form_get_field:
 * @form: a form
 * @index: a field position, below ruhu_form_get_n_fields()
 *
 * Returns: (transfer none): the field, in the order of the form file
 */
RuhuFormField *
ruhu_form_get_field (RuhuForm *form,
                     guint     index)
{
  g_return_val_if_fail (form != NULL, NULL);
  g_return_val_if_fail (index < form->fields->len, NULL);
  return g_ptr_array_index (form->fields, index);
}

/**
 * ruhu_form_lookup_field:
 * @form: a form
 * @name: a field name
 *
 * Returns: (transfer none) (nullable): the field, or %NULL
 */
RuhuFormField *
ruhu_form_lookup_field (RuhuForm   *form,
                        const char *name)
{
  g_return_val_if_fail (form != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return g_hash_table_lookup (form->by_name, name);
}

/**
 * ruhu_form_field_get_name:
 * @field: a field
 *
 * Returns: (transfer none): the field's name
 */
const char *
ruhu_form_field_get_name (RuhuFormField *field)
{
  g_return_val_if_fail (field != NULL, NULL);
  return field->name;
}

/**
 * ruhu_form_field_get_field_type:
 * @field: a field
 *
 * Returns: the declared type
 */
RuhuFieldType
ruhu_form_field_get_field_type (RuhuFormField *field)
{
  g_return_val_if_fail (field != NULL, RUHU_FIELD_TEXT);
  return field->type;
}

/**
 * ruhu_form_field_get_value_type:
 * @field: a field
 *
 * Returns: the type of the values it holds: for a computed field, the type
 *   of its operands (integer or money); otherwise the declared type
 */
RuhuFieldType
ruhu_form_field_get_value_type (RuhuFormField *field)
{
  g_return_val_if_fail (field != NULL, RUHU_FIELD_TEXT);
  return field->value_type;
}

/**
 * ruhu_form_field_get_label:
 * @field: a field
 *
 * Returns: (transfer none): the label, translated
 */
const char *
ruhu_form_field_get_label (RuhuFormField *field)
{
  g_return_val_if_fail (field != NULL, NULL);
  return g_dgettext (GETTEXT_PACKAGE, field->label);
}

/**
 * ruhu_form_field_get_help:
 * @field: a field
 *
 * Returns: (transfer none) (nullable): the help text, translated
 */
const char *
ruhu_form_field_get_help (RuhuFormField *field)
{
  g_return_val_if_fail (field != NULL, NULL);
  return field->help != NULL ? g_dgettext (GETTEXT_PACKAGE, field->help) : NULL;
}

/**
 * ruhu_form_field_is_required:
 * @field: a field
 *
 * Returns: whether the field must be filled in when it is relevant
 */
gboolean
ruhu_form_field_is_required (RuhuFormField *field)
{
  g_return_val_if_fail (field != NULL, FALSE);
  return field->required;
}

/**
 * ruhu_form_field_is_multiline:
 * @field: a field
 *
 * Returns: whether a text field may hold several lines
 */
gboolean
ruhu_form_field_is_multiline (RuhuFormField *field)
{
  g_return_val_if_fail (field != NULL, FALSE);
  return field->multiline;
}

/**
 * ruhu_form_field_is_conditional:
 * @field: a field
 *
 * Returns: whether the field has a relevance condition
 */
gboolean
ruhu_form_field_is_conditional (RuhuFormField *field)
{
  g_return_val_if_fail (field != NULL, FALSE);
  return field->relevant != NULL;
}

/**
 * ruhu_form_field_get_sensitivity:
 * @field: a field
 *
 * Returns: the field's sensitivity class, or %RUHU_SENSITIVITY_NONE
 */
RuhuSensitivity
ruhu_form_field_get_sensitivity (RuhuFormField *field)
{
  g_return_val_if_fail (field != NULL, RUHU_SENSITIVITY_NONE);
  return field->sensitivity;
}

/**
 * ruhu_form_field_get_refers_to:
 * @field: a field
 *
 * Returns: (transfer none) (nullable): the kind a reference field points
 *   at, or %NULL for other types
 */
const char *
ruhu_form_field_get_refers_to (RuhuFormField *field)
{
  g_return_val_if_fail (field != NULL, NULL);
  return field->refers_to;
}

/**
 * ruhu_form_field_get_min:
 * @field: an integer or money field
 * @min: (out): the smallest allowed value
 *
 * Returns: %TRUE if the field has a fixed lower bound
 */
gboolean
ruhu_form_field_get_min (RuhuFormField *field,
                         gint64        *min)
{
  g_return_val_if_fail (field != NULL, FALSE);
  if (field->type == RUHU_FIELD_DATE || field->min_bound != RUHU_BOUND_VALUE)
    return FALSE;
  *min = field->min;
  return TRUE;
}

/**
 * ruhu_form_field_get_max:
 * @field: an integer or money field
 * @max: (out): the largest allowed value
 *
 * Returns: %TRUE if the field has a fixed upper bound
 */
gboolean
ruhu_form_field_get_max (RuhuFormField *field,
                         gint64        *max)
{
  g_return_val_if_fail (field != NULL, FALSE);
  if (field->type == RUHU_FIELD_DATE || field->max_bound != RUHU_BOUND_VALUE)
    return FALSE;
  *max = field->max;
  return TRUE;
}

/**
 * ruhu_form_field_get_max_length:
 * @field: a field
 *
 * Returns: the most characters a text field may hold, or 0 for no limit
 */
guint
ruhu_form_field_get_max_length (RuhuFormField *field)
{
  g_return_val_if_fail (field != NULL, 0);
  return field->max_length;
}

/**
 * ruhu_form_field_get_n_options:
 * @field: a field
 *
 * Returns: the number of options of a choice field, 0 for other types
 */
guint
ruhu_form_field_get_n_options (RuhuFormField *field)
{
  g_return_val_if_fail (field != NULL, 0);
  return field->options != NULL ? field->options->len : 0;
}

static RuhuFormOption *
get_option (RuhuFormField *field,
            guint          index)
{
  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (index < ruhu_form_field_get_n_options (field), NULL);
  return g_ptr_array_index (field->options, index);
}

/**
 * ruhu_form_field_get_option_value:
 * @field: a choice field
 * @index: an option position
 *
 * Returns: (transfer none): the value stored for the option
 */
const char *
ruhu_form_field_get_option_value (RuhuFormField *field,
                                  guint          index)
{
  RuhuFormOption *option = get_option (field, index);

  return option != NULL ? option->value : NULL;
}

/**
 * ruhu_form_field_get_option_label:
 * @field: a choice field
 * @index: an option position
 *
 * Returns: (transfer none): the option's label, translated
 */
const char *
ruhu_form_field_get_option_label (RuhuFormField *field,
                                  guint          index)
{
  RuhuFormOption *option = get_option (field, index);

  return option != NULL ? g_dgettext (GETTEXT_PACKAGE, option->label) : NULL;
}

static RuhuFormOption *
find_option (RuhuFormField *field,
             const char    *value)
{
  for (guint i = 0; field->options != NULL && i < field->options->len; i++)
    {
      RuhuFormOption *option = g_ptr_array_index (field->options, i);

      if (g_str_equal (option->value, value))
        return option;
    }
  return NULL;
}

/**
 * ruhu_form_field_lookup_option_label:
 * @field: a choice field
 * @value: an option value
 *
 * Returns: (transfer none) (nullable): the label of @value, translated, or
 *   %NULL if @value is not an option
 */
const char *
ruhu_form_field_lookup_option_label (RuhuFormField *field,
                                     const char    *value)
{
  RuhuFormOption *option;

  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);
  option = find_option (field, value);
  return option != NULL ? g_dgettext (GETTEXT_PACKAGE, option->label) : NULL;
}

/**
 * ruhu_form_field_get_option_sensitivity:
 * @field: a choice field
 * @value: an option value
 *
 * Some options make the whole entity sensitive, such as an evidence photo
 * whose category is an ID card.
 *
 * Returns: the sensitivity choosing @value brings, or %RUHU_SENSITIVITY_NONE
 */
RuhuSensitivity
ruhu_form_field_get_option_sensitivity (RuhuFormField *field,
                                        const char    *value)
{
  RuhuFormOption *option;

  g_return_val_if_fail (field != NULL, RUHU_SENSITIVITY_NONE);
  g_return_val_if_fail (value != NULL, RUHU_SENSITIVITY_NONE);
  option = find_option (field, value);
  return option != NULL ? option->sensitivity : RUHU_SENSITIVITY_NONE;
}

/**
 * ruhu_form_field_is_relevant:
 * @field: a field
 * @values: (element-type utf8 JsonNode) (nullable): the entity's fields
 *
 * Returns: whether @field applies given the other values; a field with no
 *   condition always does
 */
gboolean
ruhu_form_field_is_relevant (RuhuFormField *field,
                             GHashTable    *values)
{
  g_return_val_if_fail (field != NULL, FALSE);
  return field->relevant == NULL || ruhu_condition_evaluate (field->relevant, values);
}
