/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "ruhu-field-text.h"
#include "ruhu-form-validate.h"
#include "ruhu-income.h"

static gboolean
holds (JsonNode *value,
       GType     type)
{
  return value != NULL && JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == type;
}

static char *
datetime_to_text (const char *text)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (text, NULL);

  /* Shown in the time zone it was written in: the investigator's own. */
  return when != NULL ? g_date_time_format (when, "%Y-%m-%d %H:%M") : g_strdup (text);
}

/**
 * ruhu_field_value_to_text:
 * @value: (nullable): the stored value
 *
 * Returns: (transfer full): the text to show in an entry; "" when empty
 */
char *
ruhu_field_value_to_text (RuhuFormField *field,
                          JsonNode      *value)
{
  RuhuFieldType type = ruhu_form_field_get_value_type (field);

  if (value == NULL || ruhu_form_value_is_empty (value))
    return g_strdup ("");
  if (type == RUHU_FIELD_MONEY && holds (value, G_TYPE_INT64))
    return ruhu_money_format (json_node_get_int (value));
  if (holds (value, G_TYPE_INT64))
    return g_strdup_printf ("%" PRId64, (int64_t) json_node_get_int (value));
  if (type == RUHU_FIELD_DATETIME && holds (value, G_TYPE_STRING))
    return datetime_to_text (json_node_get_string (value));
  if (holds (value, G_TYPE_STRING))
    return g_strdup (json_node_get_string (value));
  return json_to_string (value, FALSE);
}

static JsonNode *
fail (GError        **error,
      RuhuFormField  *field,
      const char     *detail)
{
  /* Translators: a problem with a value: the field's label, then what is wrong. */
  g_set_error (error, RUHU_VALIDATE_ERROR, RUHU_VALIDATE_ERROR_WRONG_TYPE, _("%s: %s"),
               ruhu_form_field_get_label (field), detail);
  return NULL;
}

static gboolean
parse_integer (const char *text,
               gint64     *number)
{
  char *end = NULL;
  gint64 n;

  if (!g_ascii_isdigit (text[text[0] == '-' ? 1 : 0]))
    return FALSE;
  errno = 0;
  n = g_ascii_strtoll (text, &end, 10);
  if (errno != 0 || *end != '\0')
    return FALSE;
  *number = n;
  return TRUE;
}

/* "12", "12.5", "12.50", "-3.05" yuan → fen; no more than two decimals. */
static gboolean
parse_money (const char *text,
             gint64     *fen)
{
  g_autofree char *digits = g_strdup (text);
  char *point = strchr (digits, '.');
  gint64 yuan, cents = 0;
  gsize decimals = 0;
  gboolean negative = digits[0] == '-';

  if (point != NULL)
    {
      *point = '\0';
      decimals = strlen (point + 1);
      if (decimals == 0 || decimals > 2 || !g_ascii_isdigit (point[1]) ||
          !parse_integer (point + 1, &cents) || point[1] == '-')
        return FALSE;
      if (decimals == 1)
        cents *= 10;
    }
  if (!parse_integer (digits, &yuan) || yuan > G_MAXINT64 / 100 - 1 || yuan < G_MININT64 / 100 + 1)
    return FALSE;
  *fen = negative ? yuan * 100 - cents : yuan * 100 + cents;
  return TRUE;
}

static char *
parse_datetime (const char *text,
                GTimeZone  *zone)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (text, zone);
  g_autofree char *with_t = NULL;

  if (when == NULL)
    {
      /* "2025-03-01 09:30" as people write it: make it ISO 8601 with seconds. */
      with_t = g_strdelimit (g_strdup (text), " ", 'T');
      if (strlen (with_t) == 16)
        {
          char *padded = g_strconcat (with_t, ":00", NULL);

          g_free (with_t);
          with_t = padded;
        }
      when = g_date_time_new_from_iso8601 (with_t, zone);
    }
  return when != NULL ? g_date_time_format (when, "%Y-%m-%dT%H:%M:%S%:z") : NULL;
}

static JsonNode *
string_node (const char *text)
{
  return json_node_init_string (json_node_alloc (), text);
}

static JsonNode *
int_node (gint64 number)
{
  return json_node_init_int (json_node_alloc (), number);
}

/**
 * ruhu_field_text_to_value:
 * @zone: (nullable): the time zone of a date-time without an offset; %NULL for local
 *
 * Reads what the user typed. Surrounding spaces are dropped; empty text is
 * a JSON null, which clears the field.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL with @error set
 *   (#RUHU_VALIDATE_ERROR_WRONG_TYPE, the message starting with the label)
 */
JsonNode *
ruhu_field_text_to_value (RuhuFormField  *field,
                          const char     *text,
                          GTimeZone      *zone,
                          GError        **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  RuhuFieldType type = ruhu_form_field_get_value_type (field);
  gint64 number = 0;

  if (*trimmed == '\0')
    return json_node_init_null (json_node_alloc ());

  switch (type)
    {
    case RUHU_FIELD_INTEGER:
      if (!parse_integer (trimmed, &number))
        return fail (error, field, _("must be a whole number"));
      return int_node (number);
    case RUHU_FIELD_MONEY:
      if (!parse_money (trimmed, &number))
        return fail (error, field, _("must be an amount in yuan, like 1200 or 1200.50"));
      return int_node (number);
    case RUHU_FIELD_DATETIME:
      {
        g_autofree char *iso = parse_datetime (trimmed, zone);

        if (iso == NULL)
          return fail (error, field, _("must be a date and time like 2025-03-01 09:30"));
        return string_node (iso);
      }
    case RUHU_FIELD_ID_NUMBER:
      /* The check character is a capital X; people often type a small one. */
      return string_node (g_strdelimit (trimmed, "x", 'X'));
    case RUHU_FIELD_TEXT:
      /* Keep the user's own spaces inside and at the ends of free text. */
      return string_node (text);
    case RUHU_FIELD_DATE:
    case RUHU_FIELD_PHONE:
    case RUHU_FIELD_CHOICE:
    case RUHU_FIELD_REFERENCE:
    case RUHU_FIELD_PHOTO:
      return string_node (trimmed);
    case RUHU_FIELD_MULTI_CHOICE:
    case RUHU_FIELD_BOOLEAN:
    case RUHU_FIELD_SIGNATURE:
    case RUHU_FIELD_COMPUTED:
    default:
      return fail (error, field, _("cannot be typed in"));
    }
}

/**
 * ruhu_field_mask_text:
 *
 * Returns: (transfer full): @text with all but its last four characters
 *   hidden, for ID numbers and bank accounts shown before the user asks
 */
char *
ruhu_field_mask_text (const char *text)
{
  glong length = text != NULL ? g_utf8_strlen (text, -1) : 0;
  GString *masked = g_string_new (NULL);

  for (glong i = 0; i < length - 4; i++)
    g_string_append (masked, "•");
  if (length > 0)
    g_string_append (masked, g_utf8_offset_to_pointer (text, MAX (length - 4, 0)));
  return g_string_free (masked, FALSE);
}
