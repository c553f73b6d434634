/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-form-private.h"
#include "ruhu-form-validate.h"

/* Whole entities: every problem at once, computed values and sensitivity. */

/**
 * ruhu_form_problem_free:
 * @problem: (transfer full): a problem
 */
void
ruhu_form_problem_free (RuhuFormProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

static void
add_problem (GPtrArray         *problems,
             const char        *field,
             RuhuValidateError  code,
             char              *message)
{
  RuhuFormProblem *problem = g_new0 (RuhuFormProblem, 1);

  problem->field = g_strdup (field);
  problem->code = code;
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

static void
check_reserved (GPtrArray  *problems,
                const char *name,
                JsonNode   *value)
{
  /* The store's own fields: only _deleted has a type we know. */
  if (g_str_equal (name, "_deleted") && value != NULL && !JSON_NODE_HOLDS_NULL (value) &&
      !(JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_BOOLEAN))
    add_problem (problems, name, RUHU_VALIDATE_ERROR_WRONG_TYPE,
                 g_strdup_printf (_("%s: %s"), name, _("must be yes or no")));
}

static void
check_unknown_fields (RuhuForm   *form,
                      GHashTable *values,
                      GPtrArray  *problems)
{
  g_autoptr(GList) names = g_hash_table_get_keys (values);

  names = g_list_sort (names, (GCompareFunc) g_strcmp0);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (name[0] == '_')
        check_reserved (problems, name, g_hash_table_lookup (values, name));
      else if (!g_hash_table_contains (form->by_name, name))
        add_problem (problems, name, RUHU_VALIDATE_ERROR_UNKNOWN_FIELD,
                     g_strdup_printf (_("“%s” is not a field of the form “%s”"),
                                      name, ruhu_form_get_label (form)));
    }
}

/**
 * ruhu_form_validate_entity:
 * @form: the form of the entity's kind
 * @values: (element-type utf8 JsonNode): the entity's fields by name; null
 *   values count as empty
 * @today: (nullable): the date "today" bounds mean; %NULL for the current date
 *
 * Checks a whole entity and reports every problem, in the form's field
 * order after unknown fields: each value, relevant required fields left
 * empty, values of fields that do not apply, values given for computed
 * fields, and fields the form does not have. Fields whose names start with
 * `_` belong to the store and are accepted on every kind (`_deleted` must
 * be a boolean).
 *
 * Returns: (transfer full) (element-type RuhuFormProblem): the problems,
 *   empty when the entity is valid
 */
GPtrArray *
ruhu_form_validate_entity (RuhuForm    *form,
                           GHashTable  *values,
                           const GDate *today)
{
  GPtrArray *problems;

  g_return_val_if_fail (form != NULL, NULL);
  g_return_val_if_fail (values != NULL, NULL);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_form_problem_free);
  check_unknown_fields (form, values, problems);

  for (guint i = 0; i < form->fields->len; i++)
    {
      RuhuFormField *field = g_ptr_array_index (form->fields, i);
      JsonNode *value = g_hash_table_lookup (values, field->name);
      gboolean empty = ruhu_form_value_is_empty (value);
      g_autoptr(GError) error = NULL;

      if (!ruhu_form_field_is_relevant (field, values))
        {
          if (!empty)
            add_problem (problems, field->name, RUHU_VALIDATE_ERROR_NOT_RELEVANT,
                         g_strdup_printf (_("%s: %s"), ruhu_form_field_get_label (field),
                                          _("must be left empty, as it does not apply here")));
          continue;
        }
      if (empty && field->required)
        add_problem (problems, field->name, RUHU_VALIDATE_ERROR_REQUIRED,
                     g_strdup_printf (_("%s: %s"), ruhu_form_field_get_label (field),
                                      _("is required")));
      else if (!ruhu_form_field_validate_value (field, value, today, &error))
        add_problem (problems, field->name, error->code, g_strdup (error->message));
    }
  return problems;
}

static gboolean
operand_value (JsonNode *node,
               gint64   *number)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *number = json_node_get_int (node);
  return TRUE;
}

static JsonNode *
compute_with (RuhuFormField *field,
              GHashTable    *values,
              GHashTable    *computed)
{
  gint64 result = 0;
  gboolean any = FALSE;

  for (guint i = 0; i < field->operands->len; i++)
    {
      const char *name = g_ptr_array_index (field->operands, i);
      JsonNode *node = computed != NULL ? g_hash_table_lookup (computed, name) : NULL;
      gint64 number;

      if (node == NULL)
        node = g_hash_table_lookup (values, name);
      if (!operand_value (node, &number))
        continue;
      any = TRUE;

      if (field->compute_op == RUHU_COMPUTE_DIFFERENCE && i > 0)
        {
          if (number == G_MININT64)
            return NULL;
          number = -number;
        }
      if ((number > 0 && result > G_MAXINT64 - number) ||
          (number < 0 && result < G_MININT64 - number))
        return NULL;
      result += number;
    }
  return any ? json_node_init_int (json_node_alloc (), result) : NULL;
}

/**
 * ruhu_form_field_compute:
 * @field: a computed field
 * @values: (element-type utf8 JsonNode): the entity's fields
 *
 * Computes a sum or difference of the entity's own integer or money
 * fields. Empty operands count as zero; if all are empty, so is the result.
 * Operands that are computed themselves are read from @values, so use
 * ruhu_form_compute_entity() to compute a chain.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL when empty or
 *   out of range
 */
JsonNode *
ruhu_form_field_compute (RuhuFormField *field,
                         GHashTable    *values)
{
  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (field->type == RUHU_FIELD_COMPUTED, NULL);
  g_return_val_if_fail (values != NULL, NULL);

  return compute_with (field, values, NULL);
}

/**
 * ruhu_form_compute_entity:
 * @form: a form
 * @values: (element-type utf8 JsonNode): the entity's fields
 *
 * Computes every computed field of @form in order, ignoring whatever
 * @values holds for them.
 *
 * Returns: (transfer full) (element-type utf8 JsonNode): a new table of
 *   the computed fields that have a value
 */
GHashTable *
ruhu_form_compute_entity (RuhuForm   *form,
                          GHashTable *values)
{
  GHashTable *computed;

  g_return_val_if_fail (form != NULL, NULL);
  g_return_val_if_fail (values != NULL, NULL);

  computed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) json_node_unref);
  for (guint i = 0; i < form->fields->len; i++)
    {
      RuhuFormField *field = g_ptr_array_index (form->fields, i);
      JsonNode *node;

      if (field->type != RUHU_FIELD_COMPUTED)
        continue;
      if ((node = compute_with (field, values, computed)) != NULL)
        g_hash_table_insert (computed, g_strdup (field->name), node);
    }
  return computed;
}

/**
 * ruhu_form_entity_get_sensitivity:
 * @form: a form
 * @values: (element-type utf8 JsonNode): the entity's fields
 *
 * What sensitive classes an entity holds: those of its non-empty fields and
 * of the options chosen in them (an evidence photo of an ID card carries
 * %RUHU_SENSITIVITY_ID_NUMBER). A role that may not see a class must not
 * see the entity's fields of that class, nor the entity at all when an
 * option made it sensitive.
 *
 * Returns: the union of the classes
 */
RuhuSensitivity
ruhu_form_entity_get_sensitivity (RuhuForm   *form,
                                  GHashTable *values)
{
  RuhuSensitivity result = RUHU_SENSITIVITY_NONE;

  g_return_val_if_fail (form != NULL, RUHU_SENSITIVITY_NONE);
  g_return_val_if_fail (values != NULL, RUHU_SENSITIVITY_NONE);

  for (guint i = 0; i < form->fields->len; i++)
    {
      RuhuFormField *field = g_ptr_array_index (form->fields, i);
      JsonNode *value = g_hash_table_lookup (values, field->name);

      if (ruhu_form_value_is_empty (value))
        continue;
      result |= field->sensitivity;
      if (field->type == RUHU_FIELD_CHOICE && JSON_NODE_HOLDS_VALUE (value) &&
          json_node_get_value_type (value) == G_TYPE_STRING)
        result |= ruhu_form_field_get_option_sensitivity (field, json_node_get_string (value));
      else if (field->type == RUHU_FIELD_MULTI_CHOICE && JSON_NODE_HOLDS_ARRAY (value))
        {
          JsonArray *array = json_node_get_array (value);

          for (guint j = 0; j < json_array_get_length (array); j++)
            {
              JsonNode *element = json_array_get_element (array, j);

              if (JSON_NODE_HOLDS_VALUE (element) &&
                  json_node_get_value_type (element) == G_TYPE_STRING)
                result |= ruhu_form_field_get_option_sensitivity (field,
                                                                  json_node_get_string (element));
            }
        }
    }
  return result;
}
