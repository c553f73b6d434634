/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-form-private.h"

/* Conditions nest only a few levels in practice; the cap keeps recursion
 * bounded whatever a form file says. */
#define MAX_CONDITION_DEPTH 8

static RuhuCondition *
condition_new (RuhuConditionOp op)
{
  RuhuCondition *condition = g_new0 (RuhuCondition, 1);

  condition->op = op;
  return condition;
}

void
ruhu_condition_free (RuhuCondition *condition)
{
  if (condition == NULL)
    return;
  g_free (condition->field);
  g_clear_pointer (&condition->values, g_ptr_array_unref);
  g_clear_pointer (&condition->children, g_ptr_array_unref);
  g_free (condition);
}

static gboolean
fail (GError     **error,
      RuhuForm    *form,
      const char  *field_name,
      const char  *detail)
{
  g_set_error (error, RUHU_FORM_ERROR, RUHU_FORM_ERROR_BAD_CONDITION,
               _("%s: field “%s”: relevant: %s"), form->path, field_name, detail);
  return FALSE;
}

/* A compared value must be one the target field can hold, so that a typo in
 * an option name is caught when the form loads rather than silently never
 * matching. */
static gboolean
check_operand (RuhuCondition  *condition,
               RuhuFormField  *target,
               JsonNode       *value,
               RuhuForm       *form,
               const char     *field_name,
               GError        **error)
{
  g_autofree char *detail = NULL;

  if (condition->op == RUHU_CONDITION_CONTAINS && target->type != RUHU_FIELD_MULTI_CHOICE)
    {
      detail = g_strdup_printf (_("“contains” needs a multi_choice field, and “%s” is not one"),
                                target->name);
      return fail (error, form, field_name, detail);
    }
  if (condition->op != RUHU_CONDITION_CONTAINS && target->type == RUHU_FIELD_MULTI_CHOICE)
    {
      detail = g_strdup_printf (_("use “contains” to test the multi_choice field “%s”"),
                                target->name);
      return fail (error, form, field_name, detail);
    }
  if (!JSON_NODE_HOLDS_VALUE (value))
    return fail (error, form, field_name, _("compared values must be strings, numbers or booleans"));

  if (target->options != NULL)
    {
      const char *s = json_node_get_value_type (value) == G_TYPE_STRING ?
                      json_node_get_string (value) : NULL;

      for (guint i = 0; s != NULL && i < target->options->len; i++)
        {
          RuhuFormOption *option = g_ptr_array_index (target->options, i);

          if (g_str_equal (option->value, s))
            return TRUE;
        }
      detail = g_strdup_printf (_("the value compared is not an option of “%s”"), target->name);
      return fail (error, form, field_name, detail);
    }
  if (target->type == RUHU_FIELD_BOOLEAN && json_node_get_value_type (value) != G_TYPE_BOOLEAN)
    {
      detail = g_strdup_printf (_("“%s” is a boolean and is compared with true or false"),
                                target->name);
      return fail (error, form, field_name, detail);
    }
  return TRUE;
}

static RuhuCondition *
parse_comparison (JsonObject  *object,
                  RuhuForm    *form,
                  const char  *field_name,
                  GError     **error)
{
  g_autoptr(RuhuCondition) condition = NULL;
  const char *target_name;
  RuhuFormField *target;
  JsonNode *node;

  if (json_object_get_size (object) != 2 ||
      json_node_get_value_type (json_object_get_member (object, "field")) != G_TYPE_STRING)
    {
      fail (error, form, field_name,
            _("a comparison has “field” and one of “equals”, “in” or “contains”"));
      return NULL;
    }

  target_name = json_object_get_string_member (object, "field");
  target = g_hash_table_lookup (form->by_name, target_name);
  if (target == NULL || g_str_equal (target_name, field_name))
    {
      g_autofree char *detail = g_strdup_printf (target == NULL ?
                                                 _("names the unknown field “%s”") :
                                                 _("names the field “%s” itself"),
                                                 target_name);
      fail (error, form, field_name, detail);
      return NULL;
    }

  if ((node = json_object_get_member (object, "equals")) != NULL)
    condition = condition_new (RUHU_CONDITION_EQUALS);
  else if ((node = json_object_get_member (object, "contains")) != NULL)
    condition = condition_new (RUHU_CONDITION_CONTAINS);
  else if ((node = json_object_get_member (object, "in")) != NULL)
    condition = condition_new (RUHU_CONDITION_IN);
  else
    {
      fail (error, form, field_name,
            _("a comparison has “field” and one of “equals”, “in” or “contains”"));
      return NULL;
    }

  condition->field = g_strdup (target_name);
  condition->values = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  if (condition->op == RUHU_CONDITION_IN)
    {
      JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

      if (array == NULL || json_array_get_length (array) == 0)
        {
          fail (error, form, field_name, _("“in” needs a non-empty array"));
          return NULL;
        }
      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (condition->values, json_node_copy (json_array_get_element (array, i)));
    }
  else
    g_ptr_array_add (condition->values, json_node_copy (node));

  for (guint i = 0; i < condition->values->len; i++)
    if (!check_operand (condition, target, g_ptr_array_index (condition->values, i),
                        form, field_name, error))
      return NULL;

  return g_steal_pointer (&condition);
}

RuhuCondition *
ruhu_condition_parse (JsonNode    *node,
                      RuhuForm    *form,
                      const char  *field_name,
                      guint        depth,
                      GError     **error)
{
  g_autoptr(RuhuCondition) condition = NULL;
  JsonObject *object;
  JsonNode *inner;

  if (depth > MAX_CONDITION_DEPTH)
    {
      fail (error, form, field_name, _("conditions are nested too deeply"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (error, form, field_name, _("a condition is a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);
  if (json_object_has_member (object, "field"))
    return parse_comparison (object, form, field_name, error);

  if (json_object_get_size (object) != 1)
    {
      fail (error, form, field_name,
            _("a condition is a comparison or one of “all”, “any” and “not”"));
      return NULL;
    }

  if ((inner = json_object_get_member (object, "not")) != NULL)
    {
      RuhuCondition *child = ruhu_condition_parse (inner, form, field_name, depth + 1, error);

      if (child == NULL)
        return NULL;
      condition = condition_new (RUHU_CONDITION_NOT);
      condition->children = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_condition_free);
      g_ptr_array_add (condition->children, child);
      return g_steal_pointer (&condition);
    }

  if ((inner = json_object_get_member (object, "all")) != NULL)
    condition = condition_new (RUHU_CONDITION_ALL);
  else if ((inner = json_object_get_member (object, "any")) != NULL)
    condition = condition_new (RUHU_CONDITION_ANY);
  else
    {
      fail (error, form, field_name,
            _("a condition is a comparison or one of “all”, “any” and “not”"));
      return NULL;
    }

  if (!JSON_NODE_HOLDS_ARRAY (inner) || json_array_get_length (json_node_get_array (inner)) == 0)
    {
      fail (error, form, field_name, _("“all” and “any” need a non-empty array of conditions"));
      return NULL;
    }
  condition->children = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_condition_free);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (inner)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (inner), i);
      RuhuCondition *child = ruhu_condition_parse (element, form, field_name, depth + 1, error);

      if (child == NULL)
        return NULL;
      g_ptr_array_add (condition->children, child);
    }
  return g_steal_pointer (&condition);
}

static gboolean
value_equals (JsonNode *value,
              JsonNode *expected)
{
  return value != NULL && JSON_NODE_HOLDS_VALUE (value) && json_node_equal (value, expected);
}

static gboolean
array_contains (JsonNode *value,
                JsonNode *expected)
{
  JsonArray *array;

  if (value == NULL || !JSON_NODE_HOLDS_ARRAY (value))
    return FALSE;
  array = json_node_get_array (value);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (value_equals (json_array_get_element (array, i), expected))
      return TRUE;
  return FALSE;
}

/**
 * ruhu_condition_evaluate:
 * @condition: a parsed condition
 * @values: (element-type utf8 JsonNode): the entity's fields
 *
 * A missing or null field equals nothing and contains nothing.
 *
 * Returns: whether @condition holds for @values
 */
gboolean
ruhu_condition_evaluate (RuhuCondition *condition,
                         GHashTable    *values)
{
  JsonNode *value = NULL;

  if (condition->field != NULL && values != NULL)
    value = g_hash_table_lookup (values, condition->field);

  switch (condition->op)
    {
    case RUHU_CONDITION_EQUALS:
      return value_equals (value, g_ptr_array_index (condition->values, 0));

    case RUHU_CONDITION_CONTAINS:
      return array_contains (value, g_ptr_array_index (condition->values, 0));

    case RUHU_CONDITION_IN:
      for (guint i = 0; i < condition->values->len; i++)
        if (value_equals (value, g_ptr_array_index (condition->values, i)))
          return TRUE;
      return FALSE;

    case RUHU_CONDITION_ALL:
      for (guint i = 0; i < condition->children->len; i++)
        if (!ruhu_condition_evaluate (g_ptr_array_index (condition->children, i), values))
          return FALSE;
      return TRUE;

    case RUHU_CONDITION_ANY:
      for (guint i = 0; i < condition->children->len; i++)
        if (ruhu_condition_evaluate (g_ptr_array_index (condition->children, i), values))
          return TRUE;
      return FALSE;

    case RUHU_CONDITION_NOT:
      return !ruhu_condition_evaluate (g_ptr_array_index (condition->children, 0), values);

    default:
      g_assert_not_reached ();
    }
}
