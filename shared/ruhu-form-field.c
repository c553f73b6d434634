/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ruhu-date.h"
#include "ruhu-form-private.h"

#define NAME_PATTERN "^[a-z][a-z0-9_]*$"
#define OPTION_PATTERN "^[a-z0-9][a-z0-9_]*$"

/* Which attributes each type uses; anything else in a field is a mistake
 * (often a typo such as "requried") and is refused. */
static const char * const common_attributes[] = {
  "name", "type", "label", "help", "required", "relevant", "sensitivity", NULL
};

static gboolean
attribute_applies (const char    *attribute,
                   RuhuFieldType  type)
{
  if (g_strv_contains (common_attributes, attribute))
    return TRUE;
  if (g_str_equal (attribute, "min") || g_str_equal (attribute, "max"))
    return type == RUHU_FIELD_INTEGER || type == RUHU_FIELD_MONEY || type == RUHU_FIELD_DATE;
  if (g_str_equal (attribute, "max_length") || g_str_equal (attribute, "pattern") ||
      g_str_equal (attribute, "pattern_message") || g_str_equal (attribute, "multiline"))
    return type == RUHU_FIELD_TEXT;
  if (g_str_equal (attribute, "options"))
    return type == RUHU_FIELD_CHOICE || type == RUHU_FIELD_MULTI_CHOICE;
  if (g_str_equal (attribute, "compute"))
    return type == RUHU_FIELD_COMPUTED;
  if (g_str_equal (attribute, "refers_to"))
    return type == RUHU_FIELD_REFERENCE;
  return FALSE;
}

static gboolean
is_name (const char *name,
         const char *pattern)
{
  return g_regex_match_simple (pattern, name, G_REGEX_DOLLAR_ENDONLY, 0);
}

/* Reads an optional member of the given JSON value type; a member of another
 * type is an error. Returns NULL when absent. */
static JsonNode *
get_member (JsonObject  *object,
            const char  *member,
            GType        value_type,
            RuhuForm    *form,
            const char  *field_name,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return NULL;
  if ((value_type == JSON_TYPE_ARRAY && JSON_NODE_HOLDS_ARRAY (node)) ||
      (value_type == JSON_TYPE_OBJECT && JSON_NODE_HOLDS_OBJECT (node)) ||
      (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == value_type))
    return node;

  ruhu_form_fail (error, RUHU_FORM_ERROR_INVALID, form, field_name,
        _("“%s” must be %s"), member,
        value_type == G_TYPE_STRING ? _("a string") :
        value_type == G_TYPE_INT64 ? _("an integer") :
        value_type == G_TYPE_BOOLEAN ? _("true or false") :
        value_type == JSON_TYPE_ARRAY ? _("an array") : _("an object"));
  return NULL;
}

static const char *
get_string (JsonObject  *object,
            const char  *member,
            gboolean     needed,
            RuhuForm    *form,
            const char  *field_name,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *node = get_member (object, member, G_TYPE_STRING, form, field_name, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (node == NULL && needed)
    {
      ruhu_form_fail (error, RUHU_FORM_ERROR_INVALID, form, field_name, _("“%s” is missing"), member);
      return NULL;
    }
  if (node != NULL && *json_node_get_string (node) == '\0')
    {
      ruhu_form_fail (error, RUHU_FORM_ERROR_INVALID, form, field_name, _("“%s” is empty"), member);
      return NULL;
    }
  return node != NULL ? json_node_get_string (node) : NULL;
}

static gboolean
parse_bound (JsonObject     *object,
             const char     *member,
             RuhuFormField  *field,
             RuhuBound      *bound,
             gint64         *value,
             GError        **error)
{
  JsonNode *node = json_object_get_member (object, member);
  GDate date;

  *bound = RUHU_BOUND_NONE;
  if (node == NULL)
    return TRUE;

  if (field->type != RUHU_FIELD_DATE)
    {
      if (!get_member (object, member, G_TYPE_INT64, field->form, field->name, error))
        return FALSE;
      *bound = RUHU_BOUND_VALUE;
      *value = json_node_get_int (node);
      return TRUE;
    }

  if (!get_member (object, member, G_TYPE_STRING, field->form, field->name, error))
    return FALSE;
  if (g_str_equal (json_node_get_string (node), "today"))
    {
      *bound = RUHU_BOUND_TODAY;
      return TRUE;
    }
  if (!ruhu_date_parse (json_node_get_string (node), &date))
    return ruhu_form_fail (error, RUHU_FORM_ERROR_INVALID, field->form, field->name,
                 _("“%s” must be a date YYYY-MM-DD or “today”"), member);
  *bound = RUHU_BOUND_VALUE;
  *value = g_date_get_julian (&date);
  return TRUE;
}

static void
option_free (RuhuFormOption *option)
{
  g_free (option->value);
  g_free (option->label);
  g_free (option);
}

static gboolean
parse_option (JsonNode       *node,
              RuhuFormField  *field,
              GError        **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  g_autoptr(GList) members = NULL;
  const char *value, *label, *sensitivity;
  RuhuFormOption *option;

  if (object == NULL)
    return ruhu_form_fail (error, RUHU_FORM_ERROR_INVALID, field->form, field->name,
                 _("each option is an object with “value” and “label”"));

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "value") && !g_str_equal (l->data, "label") &&
        !g_str_equal (l->data, "sensitivity"))
      return ruhu_form_fail (error, RUHU_FORM_ERROR_INVALID, field->form, field->name,
                   _("unknown option attribute “%s”"), (const char *) l->data);

  if (!(value = get_string (object, "value", TRUE, field->form, field->name, error)) ||
      !(label = get_string (object, "label", TRUE, field->form, field->name, error)))
    return FALSE;
  if (!is_name (value, OPTION_PATTERN))
    return ruhu_form_fail (error, RUHU_FORM_ERROR_BAD_NAME, field->form, field->name,
                 _("option value “%s” is not lowercase ASCII, digits and underscores"), value);
  if (ruhu_form_field_lookup_option_label (field, value) != NULL)
    return ruhu_form_fail (error, RUHU_FORM_ERROR_DUPLICATE, field->form, field->name,
                 _("option value “%s” appears twice"), value);

  option = g_new0 (RuhuFormOption, 1);
  option->value = g_strdup (value);
  option->label = g_strdup (label);
  g_ptr_array_add (field->options, option);

  sensitivity = get_string (object, "sensitivity", FALSE, field->form, field->name, error);
  if (sensitivity == NULL)
    return !json_object_has_member (object, "sensitivity");
  if (!ruhu_sensitivity_from_string (sensitivity, &option->sensitivity) ||
      option->sensitivity == RUHU_SENSITIVITY_NONE)
    return ruhu_form_fail (error, RUHU_FORM_ERROR_SENSITIVITY, field->form, field->name,
                 _("unknown sensitivity “%s”"), sensitivity);
  return TRUE;
}

static gboolean
parse_options (JsonObject     *object,
               RuhuFormField  *field,
               GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *node;
  JsonArray *array;

  if (field->type != RUHU_FIELD_CHOICE && field->type != RUHU_FIELD_MULTI_CHOICE)
    return TRUE;

  node = get_member (object, "options", JSON_TYPE_ARRAY, field->form, field->name, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (node == NULL || json_array_get_length (json_node_get_array (node)) == 0)
    return ruhu_form_fail (error, RUHU_FORM_ERROR_MISSING_OPTIONS, field->form, field->name,
                 _("a %s field needs a non-empty “options” array"),
                 ruhu_field_type_to_string (field->type));

  field->options = g_ptr_array_new_with_free_func ((GDestroyNotify) option_free);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!parse_option (json_array_get_element (array, i), field, error))
      return FALSE;
  return TRUE;
}

static gboolean
parse_text_attributes (JsonObject     *object,
                       RuhuFormField  *field,
                       GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *anchored = NULL;
  JsonNode *node;

  node = get_member (object, "max_length", G_TYPE_INT64, field->form, field->name, &local_error);
  if (node != NULL && (json_node_get_int (node) < 1 || json_node_get_int (node) > G_MAXINT))
    return ruhu_form_fail (error, RUHU_FORM_ERROR_INVALID, field->form, field->name,
                 _("“max_length” must be a positive integer"));
  if (node != NULL)
    field->max_length = json_node_get_int (node);
  node = get_member (object, "multiline", G_TYPE_BOOLEAN, field->form, field->name,
                     local_error == NULL ? &local_error : NULL);
  if (node != NULL)
    field->multiline = json_node_get_boolean (node);
  field->pattern = g_strdup (get_string (object, "pattern", FALSE, field->form, field->name,
                                         local_error == NULL ? &local_error : NULL));
  field->pattern_message = g_strdup (get_string (object, "pattern_message", FALSE, field->form,
                                                 field->name,
                                                 local_error == NULL ? &local_error : NULL));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (field->pattern == NULL)
    return TRUE;

  /* The pattern is compiled alone first, so that errors quote it as written
   * and an unbalanced one cannot escape the anchors; then it is anchored,
   * as it describes the whole value, not a part of it. */
  field->regex = g_regex_new (field->pattern, 0, 0, &local_error);
  if (field->regex == NULL)
    return ruhu_form_fail (error, RUHU_FORM_ERROR_BAD_PATTERN, field->form, field->name,
                 _("bad pattern: %s"), local_error->message);
  g_clear_pointer (&field->regex, g_regex_unref);
  anchored = g_strdup_printf ("\\A(?:%s)\\z", field->pattern);
  field->regex = g_regex_new (anchored, G_REGEX_OPTIMIZE, 0, &local_error);
  if (field->regex == NULL)
    return ruhu_form_fail (error, RUHU_FORM_ERROR_BAD_PATTERN, field->form, field->name,
                 _("bad pattern: %s"), local_error->message);
  return TRUE;
}

static gboolean
parse_type_attributes (JsonObject     *object,
                       RuhuFormField  *field,
                       GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!parse_bound (object, "min", field, &field->min_bound, &field->min, error) ||
      !parse_bound (object, "max", field, &field->max_bound, &field->max, error))
    return FALSE;
  if (field->min_bound == RUHU_BOUND_VALUE && field->max_bound == RUHU_BOUND_VALUE &&
      field->min > field->max)
    return ruhu_form_fail (error, RUHU_FORM_ERROR_INVALID, field->form, field->name,
                 _("“min” is greater than “max”"));

  if (field->type == RUHU_FIELD_TEXT && !parse_text_attributes (object, field, error))
    return FALSE;
  if (!parse_options (object, field, error))
    return FALSE;

  if (field->type == RUHU_FIELD_REFERENCE)
    {
      field->refers_to = g_strdup (get_string (object, "refers_to", TRUE, field->form,
                                               field->name, &local_error));
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  if (field->type == RUHU_FIELD_COMPUTED && !json_object_has_member (object, "compute"))
    return ruhu_form_fail (error, RUHU_FORM_ERROR_BAD_COMPUTE, field->form, field->name,
                 _("a computed field needs “compute”"));
  return TRUE;
}

static gboolean
parse_common (JsonObject     *object,
              RuhuFormField  *field,
              GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *sensitivity;
  JsonNode *node;

  field->label = g_strdup (get_string (object, "label", TRUE, field->form, field->name,
                                       &local_error));
  field->help = g_strdup (get_string (object, "help", FALSE, field->form, field->name,
                                      local_error == NULL ? &local_error : NULL));
  node = get_member (object, "required", G_TYPE_BOOLEAN, field->form, field->name,
                     local_error == NULL ? &local_error : NULL);
  if (node != NULL)
    field->required = json_node_get_boolean (node);
  sensitivity = get_string (object, "sensitivity", FALSE, field->form, field->name,
                            local_error == NULL ? &local_error : NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (sensitivity != NULL &&
      (!ruhu_sensitivity_from_string (sensitivity, &field->sensitivity) ||
       field->sensitivity == RUHU_SENSITIVITY_NONE))
    return ruhu_form_fail (error, RUHU_FORM_ERROR_SENSITIVITY, field->form, field->name,
                 _("unknown sensitivity “%s”"), sensitivity);
  if (field->type == RUHU_FIELD_ID_NUMBER && field->sensitivity != RUHU_SENSITIVITY_ID_NUMBER)
    return ruhu_form_fail (error, RUHU_FORM_ERROR_SENSITIVITY, field->form, field->name,
                 _("an id_number field must have the sensitivity “id_number”"));
  if (field->type == RUHU_FIELD_COMPUTED && field->required)
    return ruhu_form_fail (error, RUHU_FORM_ERROR_NOT_APPLICABLE, field->form, field->name,
                 _("a computed field is never entered, so it cannot be required"));
  return TRUE;
}

void
ruhu_form_field_free (RuhuFormField *field)
{
  g_free (field->name);
  g_free (field->label);
  g_free (field->help);
  g_free (field->pattern);
  g_free (field->pattern_message);
  g_clear_pointer (&field->regex, g_regex_unref);
  g_clear_pointer (&field->options, g_ptr_array_unref);
  g_clear_pointer (&field->relevant, ruhu_condition_free);
  g_clear_pointer (&field->operands, g_ptr_array_unref);
  g_free (field->refers_to);
  g_free (field);
}

/* Parses one field's own attributes. Relevance and computation refer to
 * other fields, so ruhu-form-load.c reads them once all fields exist. */
RuhuFormField *
ruhu_form_field_parse (JsonNode  *node,
                       RuhuForm  *form,
                       guint      index,
                       GError   **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  g_autofree char *position = g_strdup_printf ("#%u", index + 1);
  g_autoptr(GList) members = NULL;
  RuhuFormField *field;
  const char *name, *type;

  if (object == NULL)
    {
      ruhu_form_fail (error, RUHU_FORM_ERROR_INVALID, form, position, _("a field is a JSON object"));
      return NULL;
    }
  if (!(name = get_string (object, "name", TRUE, form, position, error)))
    return NULL;
  if (!is_name (name, NAME_PATTERN))
    {
      ruhu_form_fail (error, RUHU_FORM_ERROR_BAD_NAME, form, name,
            _("a field name is lowercase ASCII letters, digits and underscores, "
              "starting with a letter"));
      return NULL;
    }
  if (g_hash_table_contains (form->by_name, name))
    {
      ruhu_form_fail (error, RUHU_FORM_ERROR_DUPLICATE, form, name, _("this name is already used"));
      return NULL;
    }
  if (!(type = get_string (object, "type", TRUE, form, name, error)))
    return NULL;

  field = g_new0 (RuhuFormField, 1);
  field->form = form;
  field->name = g_strdup (name);
  if (!ruhu_field_type_from_string (type, &field->type))
    {
      ruhu_form_fail (error, RUHU_FORM_ERROR_UNKNOWN_TYPE, form, name, _("unknown type “%s”"), type);
      ruhu_form_field_free (field);
      return NULL;
    }
  field->value_type = field->type;

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!attribute_applies (l->data, field->type))
      {
        ruhu_form_fail (error, RUHU_FORM_ERROR_NOT_APPLICABLE, form, name,
              _("“%s” is unknown or does not apply to a %s field"),
              (const char *) l->data, type);
        ruhu_form_field_free (field);
        return NULL;
      }

  if (!parse_common (object, field, error) || !parse_type_attributes (object, field, error))
    {
      ruhu_form_field_free (field);
      return NULL;
    }
  return field;
}
