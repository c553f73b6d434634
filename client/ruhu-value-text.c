/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "ruhu-form-validate.h"
#include "ruhu-value-text.h"

/* Characters of an ID number or account left visible at each end. */
#define MASK_KEEP_START 3
#define MASK_KEEP_END   4
/* Device and entity ids are UUIDs; people tell them apart by the first
 * few digits. */
#define DEVICE_SHORT    8

RuhuFormField *
ruhu_value_lookup_field (RuhuDevice *device,
                         const char *kind,
                         const char *field)
{
  RuhuForm *form = ruhu_form_set_lookup (ruhu_device_get_forms (device), kind);

  return form != NULL ? ruhu_form_lookup_field (form, field) : NULL;
}

/* The translated label of @field, or a name for the store's own fields. */
char *
ruhu_value_field_title (RuhuDevice *device,
                        const char *kind,
                        const char *field)
{
  RuhuFormField *form_field;

  if (strcmp (field, RUHU_FIELD_DELETED) == 0)
    return g_strdup (_("Deletion"));
  form_field = ruhu_value_lookup_field (device, kind, field);
  return g_strdup (form_field != NULL ? ruhu_form_field_get_label (form_field) : field);
}

static char *
mask (const char *text)
{
  glong length = g_utf8_strlen (text, -1);
  GString *masked = g_string_new (NULL);
  const char *p = text;

  for (glong i = 0; i < length; i++, p = g_utf8_next_char (p))
    {
      if (i < MASK_KEEP_START || i >= length - MASK_KEEP_END)
        g_string_append_unichar (masked, g_utf8_get_char (p));
      else
        g_string_append_c (masked, '*');
    }
  return g_string_free (masked, FALSE);
}

static char *
format_money (gint64 fen)
{
  guint64 magnitude = fen < 0 ? (guint64) -(fen + 1) + 1 : (guint64) fen;
  g_autofree char *number = g_strdup_printf ("%s%" PRIu64 ".%02u", fen < 0 ? "-" : "",
                                             magnitude / 100, (guint) (magnitude % 100));

  /* TRANSLATORS: an amount of money; %s is the number of yuan, e.g. 1234.50 */
  return g_strdup_printf (_("¥%s"), number);
}

static char *
format_choices (RuhuFormField *field,
                JsonNode      *value,
                gboolean       for_editing)
{
  JsonArray *array = json_node_get_array (value);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *option = json_array_get_string_element (array, i);
      const char *label = option ? ruhu_form_field_lookup_option_label (field, option) : NULL;

      if (i > 0)
        /* TRANSLATORS: separates the chosen options of a multiple choice */
        g_string_append (text, for_editing ? ", " : _(", "));
      g_string_append (text, label != NULL ? label : (option ? option : "?"));
    }
  return g_string_free (text, FALSE);
}

static char *
format_datetime (const char *text)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, NULL);
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup (text);
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static char *
format_typed (RuhuFormField *field,
              JsonNode      *value,
              gboolean       for_editing)
{
  RuhuFieldType type = ruhu_form_field_get_value_type (field);
  gboolean is_string = json_node_get_value_type (value) == G_TYPE_STRING;
  const char *text = is_string ? json_node_get_string (value) : NULL;
  const char *label;

  if (type == RUHU_FIELD_MULTI_CHOICE && JSON_NODE_HOLDS_ARRAY (value))
    return format_choices (field, value, for_editing);
  if (!JSON_NODE_HOLDS_VALUE (value))
    return NULL;
  if (type == RUHU_FIELD_MONEY && json_node_get_value_type (value) == G_TYPE_INT64)
    return for_editing ? g_strdup_printf ("%.2f", json_node_get_int (value) / 100.0)
                       : format_money (json_node_get_int (value));
  if (type == RUHU_FIELD_BOOLEAN && json_node_get_value_type (value) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (value) ? _("Yes") : _("No"));
  if (text == NULL)
    return NULL;
  if (type == RUHU_FIELD_CHOICE && (label = ruhu_form_field_lookup_option_label (field, text)))
    return g_strdup (label);
  if (ruhu_form_field_get_sensitivity (field) & (RUHU_SENSITIVITY_ID_NUMBER | RUHU_SENSITIVITY_BANK))
    return for_editing ? g_strdup ("") : mask (text);
  if (type == RUHU_FIELD_DATETIME && !for_editing)
    return format_datetime (text);
  return NULL;
}

/**
 * ruhu_value_to_text:
 * @field: (nullable): the field's definition, when the form has one
 * @field_name: the field's name
 *
 * Returns: (transfer full): @value as it should be shown to people
 */
char *
ruhu_value_to_text (RuhuFormField *field,
                    const char    *field_name,
                    JsonNode      *value)
{
  char *text = NULL;

  if (value == NULL || ruhu_form_value_is_empty (value))
    return g_strdup (_("(empty)"));
  if (strcmp (field_name, RUHU_FIELD_DELETED) == 0)
    return g_strdup (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_BOOLEAN &&
                     json_node_get_boolean (value) ? _("Deleted") : _("Kept"));
  if (field != NULL && (text = format_typed (field, value, FALSE)) != NULL)
    return text;
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (value));
  return json_to_string (value, FALSE);
}

/* @value as a person would type it; sensitive numbers are left out. */
char *
ruhu_value_to_editable (RuhuFormField *field,
                        JsonNode      *value)
{
  char *text;

  if (value == NULL || ruhu_form_value_is_empty (value))
    return g_strdup ("");
  if ((text = format_typed (field, value, TRUE)) != NULL)
    return text;
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (value));
  return json_to_string (value, FALSE);
}

static gboolean
parse_money (const char *text,
             gint64     *fen)
{
  g_auto(GStrv) parts = g_strsplit (text, ".", 2);
  gint64 yuan = 0, cents = 0;

  if (!g_ascii_string_to_signed (parts[0], 10, -G_MAXINT64 / 100, G_MAXINT64 / 100, &yuan, NULL))
    return FALSE;
  if (parts[1] != NULL)
    {
      size_t digits = strlen (parts[1]);

      if (digits == 0 || digits > 2 ||
          !g_ascii_string_to_signed (parts[1], 10, 0, 99, &cents, NULL) || parts[1][0] == '-' ||
          parts[1][0] == '+')
        return FALSE;
      if (digits == 1)
        cents *= 10;
    }
  *fen = yuan * 100 + (text[0] == '-' ? -cents : cents);
  return TRUE;
}

/* A typed option may be its label (as shown) or its value. */
static const char *
option_value (RuhuFormField *field,
              const char    *typed)
{
  for (guint i = 0; i < ruhu_form_field_get_n_options (field); i++)
    if (g_utf8_collate (typed, ruhu_form_field_get_option_label (field, i)) == 0)
      return ruhu_form_field_get_option_value (field, i);
  return typed;
}

static JsonNode *
parse_choices (RuhuFormField *field,
               const char    *text)
{
  g_auto(GStrv) parts = g_regex_split_simple ("\\s*[,，、]\\s*", text, 0, 0);
  g_autoptr(JsonArray) array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      json_array_add_string_element (array, option_value (field, parts[i]));
  json_node_set_array (node, array);
  return node;
}

static JsonNode *
parse_boolean (const char  *text,
               GError     **error)
{
  if (g_utf8_collate (text, _("Yes")) == 0 || g_ascii_strcasecmp (text, "yes") == 0)
    return json_node_init_boolean (json_node_alloc (), TRUE);
  if (g_utf8_collate (text, _("No")) == 0 || g_ascii_strcasecmp (text, "no") == 0)
    return json_node_init_boolean (json_node_alloc (), FALSE);
  g_set_error_literal (error, RUHU_VALIDATE_ERROR, RUHU_VALIDATE_ERROR_WRONG_TYPE,
                       _("Type yes or no"));
  return NULL;
}

/**
 * ruhu_value_from_text:
 *
 * Reads what a person typed for @field. The result still has to pass
 * ruhu_form_field_validate_value(): this only turns text into JSON.
 *
 * Returns: (transfer full) (nullable): the value (a JSON null for empty
 *   text), or %NULL with @error set
 */
JsonNode *
ruhu_value_from_text (RuhuFormField  *field,
                      const char     *text,
                      GError        **error)
{
  g_autofree char *typed = g_strstrip (g_strdup (text));
  gint64 number = 0;

  if (*typed == '\0')
    return json_node_new (JSON_NODE_NULL);
  switch (ruhu_form_field_get_value_type (field))
    {
    case RUHU_FIELD_INTEGER:
      if (g_ascii_string_to_signed (typed, 10, G_MININT64, G_MAXINT64, &number, NULL))
        return json_node_init_int (json_node_alloc (), number);
      g_set_error_literal (error, RUHU_VALIDATE_ERROR, RUHU_VALIDATE_ERROR_WRONG_TYPE,
                           _("Type a whole number"));
      return NULL;
    case RUHU_FIELD_MONEY:
      if (parse_money (typed, &number))
        return json_node_init_int (json_node_alloc (), number);
      g_set_error_literal (error, RUHU_VALIDATE_ERROR, RUHU_VALIDATE_ERROR_WRONG_TYPE,
                           _("Type an amount in yuan, such as 1200.50"));
      return NULL;
    case RUHU_FIELD_BOOLEAN:
      return parse_boolean (typed, error);
    case RUHU_FIELD_CHOICE:
      return json_node_init_string (json_node_alloc (), option_value (field, typed));
    case RUHU_FIELD_MULTI_CHOICE:
      return parse_choices (field, typed);
    case RUHU_FIELD_SIGNATURE:
    case RUHU_FIELD_COMPUTED:
      g_set_error_literal (error, RUHU_VALIDATE_ERROR, RUHU_VALIDATE_ERROR_WRONG_TYPE,
                           _("This field cannot be typed in"));
      return NULL;
    case RUHU_FIELD_TEXT:
    case RUHU_FIELD_DATE:
    case RUHU_FIELD_DATETIME:
    case RUHU_FIELD_ID_NUMBER:
    case RUHU_FIELD_PHONE:
    case RUHU_FIELD_PHOTO:
    case RUHU_FIELD_REFERENCE:
    default:
      return json_node_init_string (json_node_alloc (), typed);
    }
}

/* Whether a person can type a value of @field (nullable): photos,
 * signatures, references and computed values are picked, never typed. */
gboolean
ruhu_value_can_type (RuhuFormField *field)
{
  if (field == NULL)
    return FALSE;
  switch (ruhu_form_field_get_field_type (field))
    {
    case RUHU_FIELD_PHOTO:
    case RUHU_FIELD_SIGNATURE:
    case RUHU_FIELD_REFERENCE:
    case RUHU_FIELD_COMPUTED:
      return FALSE;
    case RUHU_FIELD_TEXT:
    case RUHU_FIELD_INTEGER:
    case RUHU_FIELD_MONEY:
    case RUHU_FIELD_DATE:
    case RUHU_FIELD_DATETIME:
    case RUHU_FIELD_CHOICE:
    case RUHU_FIELD_MULTI_CHOICE:
    case RUHU_FIELD_BOOLEAN:
    case RUHU_FIELD_ID_NUMBER:
    case RUHU_FIELD_PHONE:
    default:
      return TRUE;
    }
}

/* What people call @entity: its name, a household's head, or the start of
 * its id when it has neither (yet). */
char *
ruhu_value_entity_title (RuhuStore  *store,
                         const char *entity)
{
  static const char * const name_fields[] = { "name", "head_name" };

  for (guint i = 0; i < G_N_ELEMENTS (name_fields); i++)
    {
      g_autoptr(JsonNode) name = ruhu_store_get_value (store, entity, name_fields[i], NULL);

      if (name != NULL && JSON_NODE_HOLDS_VALUE (name) &&
          json_node_get_value_type (name) == G_TYPE_STRING)
        return g_strdup (json_node_get_string (name));
    }
  return g_strndup (entity, DEVICE_SHORT);
}

/* The value of @op as people read it, a reference by what it refers to. */
char *
ruhu_value_describe_op (RuhuDevice   *device,
                        const RuhuOp *op)
{
  RuhuFormField *field = ruhu_value_lookup_field (device, op->kind, op->field);

  if (field != NULL && ruhu_form_field_get_field_type (field) == RUHU_FIELD_REFERENCE &&
      JSON_NODE_HOLDS_VALUE (op->value) && json_node_get_value_type (op->value) == G_TYPE_STRING)
    return ruhu_value_entity_title (ruhu_device_get_store (device),
                                    json_node_get_string (op->value));
  return ruhu_value_to_text (field, op->field, op->value);
}

/* The local date and time at which @version was written. */
char *
ruhu_version_to_local (const char *version)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) local = NULL;
  RuhuHlc hlc;

  if (!ruhu_version_parse (version, &hlc, NULL, NULL))
    return g_strdup (version);
  time = g_date_time_new_from_unix_utc (hlc.wall_ms / 1000);
  if (time == NULL)
    return g_strdup (version);
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

/* Who wrote @op, on which device and when, in one line. */
char *
ruhu_op_describe_origin (const RuhuOp *op)
{
  g_autofree char *when = ruhu_version_to_local (op->version);
  g_autofree char *device = g_strndup (op->device, DEVICE_SHORT);

  /* TRANSLATORS: who changed a value, the start of the device's id, and when */
  return g_strdup_printf (_("%s · device %s · %s"), op->actor, device, when);
}
