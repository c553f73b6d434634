/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ruhu-form-private.h"
#include "ruhu-json.h"

static const char * const form_attributes[] = {
  "kind", "version", "label", "parents", "fields", NULL
};

/**
 * ruhu_form_fail:
 * @field_name: (nullable): the field the problem is in
 *
 * Sets an error naming the form's file (and field) before the detail.
 *
 * Returns: %FALSE
 */
gboolean
ruhu_form_fail (GError        **error,
                RuhuFormError   code,
                RuhuForm       *form,
                const char     *field_name,
                const char     *format,
                ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  if (field_name != NULL)
    g_set_error (error, RUHU_FORM_ERROR, code, _("%s: field “%s”: %s"),
                 form->path, field_name, detail);
  else
    g_set_error (error, RUHU_FORM_ERROR, code, "%s: %s", form->path, detail);
  return FALSE;
}

/* Form files go through the same hardened parser as network input (size and
 * depth caps, duplicate keys refused); its errors are re-issued in our
 * domain, keeping their message, which names the file. */
static JsonNode *
parse_json_file (const char  *path,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root = ruhu_json_parse_file (path, NULL, &local_error);

  if (root == NULL)
    {
      g_set_error_literal (error, RUHU_FORM_ERROR,
                           g_error_matches (local_error, RUHU_JSON_ERROR, RUHU_JSON_ERROR_IO) ?
                           RUHU_FORM_ERROR_IO : RUHU_FORM_ERROR_SYNTAX,
                           local_error->message);
      return NULL;
    }
  return root;
}

static gboolean
is_numeric_field (RuhuFormField *field)
{
  return field->value_type == RUHU_FIELD_INTEGER || field->value_type == RUHU_FIELD_MONEY;
}

/* Operands come before the computed field, so values can be computed in
 * order and cycles cannot arise. Mixing integers and money is refused: a
 * count of people added to an amount in fen means nothing. */
static gboolean
parse_compute (JsonObject     *object,
               RuhuFormField  *field,
               guint           position,
               GError        **error)
{
  RuhuForm *form = field->form;
  JsonNode *node = json_object_get_member (object, "compute");
  JsonObject *compute = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonNode *operands = NULL;
  JsonArray *array;

  if (compute != NULL && json_object_get_size (compute) == 1)
    {
      if ((operands = json_object_get_member (compute, "sum")) != NULL)
        field->compute_op = RUHU_COMPUTE_SUM;
      else if ((operands = json_object_get_member (compute, "difference")) != NULL)
        field->compute_op = RUHU_COMPUTE_DIFFERENCE;
    }
  if (operands == NULL || !JSON_NODE_HOLDS_ARRAY (operands))
    return ruhu_form_fail (error, RUHU_FORM_ERROR_BAD_COMPUTE, form, field->name,
                 _("“compute” is {\"sum\": [fields…]} or {\"difference\": [a, b]}"));

  array = json_node_get_array (operands);
  if ((field->compute_op == RUHU_COMPUTE_SUM && json_array_get_length (array) < 1) ||
      (field->compute_op == RUHU_COMPUTE_DIFFERENCE && json_array_get_length (array) != 2))
    return ruhu_form_fail (error, RUHU_FORM_ERROR_BAD_COMPUTE, form, field->name,
                 _("a sum needs at least one field and a difference exactly two"));

  field->operands = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *name = JSON_NODE_HOLDS_VALUE (element) &&
                         json_node_get_value_type (element) == G_TYPE_STRING ?
                         json_node_get_string (element) : "";
      RuhuFormField *operand = g_hash_table_lookup (form->by_name, name);
      guint operand_position;

      if (operand == NULL || operand == field ||
          !g_ptr_array_find (form->fields, operand, &operand_position) ||
          operand_position > position)
        return ruhu_form_fail (error, RUHU_FORM_ERROR_BAD_COMPUTE, form, field->name,
                     _("computes over “%s”, which is not a field declared before it"), name);
      if (!is_numeric_field (operand))
        return ruhu_form_fail (error, RUHU_FORM_ERROR_BAD_COMPUTE, form, field->name,
                     _("computes over “%s”, which is not an integer or money field"), name);
      if (i > 0 && operand->value_type != field->value_type)
        return ruhu_form_fail (error, RUHU_FORM_ERROR_BAD_COMPUTE, form, field->name,
                     _("mixes integer and money fields"));
      field->value_type = operand->value_type;
      g_ptr_array_add (field->operands, g_strdup (name));
    }
  return TRUE;
}

/* The second pass: relevance and computation may name any field. */
static gboolean
parse_references (JsonArray  *fields,
                  RuhuForm   *form,
                  GError    **error)
{
  for (guint i = 0; i < form->fields->len; i++)
    {
      RuhuFormField *field = g_ptr_array_index (form->fields, i);
      JsonObject *object = json_array_get_object_element (fields, i);
      JsonNode *relevant = json_object_get_member (object, "relevant");

      if (relevant != NULL &&
          !(field->relevant = ruhu_condition_parse (relevant, form, field->name, 0, error)))
        return FALSE;
      if (field->type == RUHU_FIELD_COMPUTED && !parse_compute (object, field, i, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_parents (JsonObject  *object,
               RuhuForm    *form,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, "parents");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return ruhu_form_fail (error, RUHU_FORM_ERROR_INVALID, form, NULL,
                 _("“parents” must be an array of kinds ([] for the root kind)"));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return ruhu_form_fail (error, RUHU_FORM_ERROR_INVALID, form, NULL,
                     _("“parents” must be an array of kinds ([] for the root kind)"));
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  form->parents = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
parse_header (JsonObject  *object,
              RuhuForm    *form,
              GError     **error)
{
  g_autofree char *basename = g_path_get_basename (form->path);
  g_autoptr(GList) members = json_object_get_members (object);
  JsonNode *node;

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (form_attributes, l->data))
      return ruhu_form_fail (error, RUHU_FORM_ERROR_INVALID, form, NULL,
                   _("unknown attribute “%s”"), (const char *) l->data);

  node = json_object_get_member (object, "kind");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return ruhu_form_fail (error, RUHU_FORM_ERROR_INVALID, form, NULL, _("“kind” must be a string"));
  form->kind = g_strdup (json_node_get_string (node));
  if (!g_str_has_suffix (basename, ".json") ||
      strlen (basename) != strlen (form->kind) + 5 ||
      !g_str_has_prefix (basename, form->kind))
    return ruhu_form_fail (error, RUHU_FORM_ERROR_BAD_NAME, form, NULL,
                 _("the kind “%s” must be the file’s name without “.json”"), form->kind);
  if (!g_regex_match_simple ("^[a-z][a-z0-9_]*$", form->kind, 0, 0))
    return ruhu_form_fail (error, RUHU_FORM_ERROR_BAD_NAME, form, NULL,
                 _("the kind “%s” is not lowercase ASCII letters, digits and underscores"),
                 form->kind);

  node = json_object_get_member (object, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) < 1)
    return ruhu_form_fail (error, RUHU_FORM_ERROR_INVALID, form, NULL,
                 _("“version” must be a positive integer"));
  form->version = json_node_get_int (node);

  node = json_object_get_member (object, "label");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING || *json_node_get_string (node) == '\0')
    return ruhu_form_fail (error, RUHU_FORM_ERROR_INVALID, form, NULL,
                 _("“label” must be a non-empty string"));
  form->label = g_strdup (json_node_get_string (node));

  return parse_parents (object, form, error);
}

/**
 * ruhu_form_load_file:
 * @path: a form definition file
 * @error: return location for a #RUHU_FORM_ERROR naming @path
 *
 * Reads and checks one form on its own; the kinds it names are checked by
 * ruhu_form_check_kinds() once all forms are loaded.
 *
 * Returns: (transfer full): the form, or %NULL
 */
RuhuForm *
ruhu_form_load_file (const char  *path,
                     GError     **error)
{
  g_autoptr(RuhuForm) form = g_new0 (RuhuForm, 1);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonNode *fields;
  JsonArray *array;

  form->path = g_strdup (path);
  form->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_form_field_free);
  form->by_name = g_hash_table_new (g_str_hash, g_str_equal);

  if (!(root = parse_json_file (path, error)))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      ruhu_form_fail (error, RUHU_FORM_ERROR_INVALID, form, NULL, _("a form is a JSON object"));
      return NULL;
    }
  object = json_node_get_object (root);
  if (!parse_header (object, form, error))
    return NULL;

  fields = json_object_get_member (object, "fields");
  if (fields == NULL || !JSON_NODE_HOLDS_ARRAY (fields))
    {
      ruhu_form_fail (error, RUHU_FORM_ERROR_INVALID, form, NULL, _("“fields” must be an array"));
      return NULL;
    }
  array = json_node_get_array (fields);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      RuhuFormField *field = ruhu_form_field_parse (json_array_get_element (array, i),
                                                    form, i, error);

      if (field == NULL)
        return NULL;
      g_ptr_array_add (form->fields, field);
      g_hash_table_insert (form->by_name, field->name, field);
    }
  if (!parse_references (array, form, error))
    return NULL;

  return g_steal_pointer (&form);
}

/**
 * ruhu_form_check_kinds:
 * @form: a loaded form
 * @kinds: (element-type utf8 RuhuForm): every form of the set, by kind
 * @error: return location for a #RUHU_FORM_ERROR
 *
 * Checks that the parents and referenced kinds of @form exist.
 *
 * Returns: %TRUE if they all do
 */
gboolean
ruhu_form_check_kinds (RuhuForm    *form,
                       GHashTable  *kinds,
                       GError     **error)
{
  for (guint i = 0; form->parents[i] != NULL; i++)
    if (!g_hash_table_contains (kinds, form->parents[i]) ||
        g_str_equal (form->parents[i], form->kind))
      return ruhu_form_fail (error, RUHU_FORM_ERROR_UNKNOWN_KIND, form, NULL,
                   _("the parent kind “%s” has no form or is the kind itself"),
                   form->parents[i]);

  for (guint i = 0; i < form->fields->len; i++)
    {
      RuhuFormField *field = g_ptr_array_index (form->fields, i);

      if (field->refers_to != NULL && !g_hash_table_contains (kinds, field->refers_to))
        return ruhu_form_fail (error, RUHU_FORM_ERROR_UNKNOWN_KIND, form, field->name,
                     _("refers to the kind “%s”, which has no form"), field->refers_to);
    }
  return TRUE;
}

void
ruhu_form_free (RuhuForm *form)
{
  if (form == NULL)
    return;
  g_free (form->kind);
  g_free (form->path);
  g_free (form->label);
  g_strfreev (form->parents);
  g_clear_pointer (&form->by_name, g_hash_table_unref);
  g_clear_pointer (&form->fields, g_ptr_array_unref);
  g_free (form);
}
