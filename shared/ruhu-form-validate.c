/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ruhu-date.h"
#include "ruhu-form-private.h"
#include "ruhu-form-validate.h"
#include "ruhu-id-number.h"
#include "ruhu-phone.h"
#include "ruhu-id.h"

#define SHA256_HEX_LENGTH 64
#define ED25519_KEY_BYTES 32
#define ED25519_SIGNATURE_BYTES 64

G_DEFINE_QUARK (ruhu-validate-error-quark, ruhu_validate_error)

static gboolean G_GNUC_PRINTF (4, 5)
fail (GError            **error,
      RuhuFormField      *field,
      RuhuValidateError   code,
      const char         *format,
      ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: a problem with a value: the field's label, then what is wrong. */
  g_set_error (error, RUHU_VALIDATE_ERROR, code, _("%s: %s"),
               ruhu_form_field_get_label (field), detail);
  return FALSE;
}

static gboolean
holds (JsonNode *value,
       GType     type)
{
  return JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == type;
}

static char *
format_bound (RuhuFormField *field,
              gint64         bound)
{
  if (field->value_type == RUHU_FIELD_MONEY)
    {
      guint64 magnitude = bound < 0 ? -(guint64) bound : (guint64) bound;
      g_autofree char *amount = NULL;

      /* Formatted apart: xgettext cannot read GLib's format macros. */
      amount = g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u", bound < 0 ? "-" : "",
                                magnitude / 100, (guint) (magnitude % 100));
      /* Translators: an amount of money in yuan, e.g. "12.50 yuan". */
      return g_strdup_printf (_("%s yuan"), amount);
    }
  return g_strdup_printf ("%" G_GINT64_FORMAT, bound);
}

static gboolean
check_number (RuhuFormField  *field,
              JsonNode       *value,
              GError        **error)
{
  gint64 number;

  if (!holds (value, G_TYPE_INT64))
    return fail (error, field, RUHU_VALIDATE_ERROR_WRONG_TYPE,
                 field->type == RUHU_FIELD_MONEY ?
                 _("must be a whole number of fen") : _("must be a whole number"));

  number = json_node_get_int (value);
  if (field->min_bound == RUHU_BOUND_VALUE && number < field->min)
    {
      g_autofree char *text = format_bound (field, field->min);

      if (field->min == 0)
        return fail (error, field, RUHU_VALIDATE_ERROR_TOO_SMALL, _("must not be negative"));
      return fail (error, field, RUHU_VALIDATE_ERROR_TOO_SMALL, _("must be at least %s"), text);
    }
  if (field->max_bound == RUHU_BOUND_VALUE && number > field->max)
    {
      g_autofree char *text = format_bound (field, field->max);

      return fail (error, field, RUHU_VALIDATE_ERROR_TOO_LARGE, _("must be at most %s"), text);
    }
  return TRUE;
}

static gint64
bound_julian (RuhuBound    bound,
              gint64       value,
              const GDate *today)
{
  GDate now;

  if (bound != RUHU_BOUND_TODAY)
    return value;
  ruhu_date_get_today (today, &now);
  return g_date_get_julian (&now);
}

static char *
format_julian (gint64 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) julian);
  return ruhu_date_format (&date);
}

static gboolean
check_date (RuhuFormField  *field,
            JsonNode       *value,
            const GDate    *today,
            GError        **error)
{
  GDate date;
  gint64 julian, bound;

  if (!holds (value, G_TYPE_STRING))
    return fail (error, field, RUHU_VALIDATE_ERROR_WRONG_TYPE,
                 _("must be a date written YYYY-MM-DD"));
  if (!ruhu_date_parse (json_node_get_string (value), &date))
    return fail (error, field, RUHU_VALIDATE_ERROR_BAD_DATE,
                 _("“%s” is not a real date written YYYY-MM-DD"), json_node_get_string (value));

  julian = g_date_get_julian (&date);
  if (field->min_bound != RUHU_BOUND_NONE &&
      julian < (bound = bound_julian (field->min_bound, field->min, today)))
    {
      g_autofree char *text = format_julian (bound);

      if (field->min_bound == RUHU_BOUND_TODAY)
        return fail (error, field, RUHU_VALIDATE_ERROR_TOO_SMALL, _("must not be in the past"));
      return fail (error, field, RUHU_VALIDATE_ERROR_TOO_SMALL, _("must not be before %s"), text);
    }
  if (field->max_bound != RUHU_BOUND_NONE &&
      julian > (bound = bound_julian (field->max_bound, field->max, today)))
    {
      g_autofree char *text = format_julian (bound);

      if (field->max_bound == RUHU_BOUND_TODAY)
        return fail (error, field, RUHU_VALIDATE_ERROR_TOO_LARGE, _("must not be in the future"));
      return fail (error, field, RUHU_VALIDATE_ERROR_TOO_LARGE, _("must not be after %s"), text);
    }
  return TRUE;
}

/* @pattern compiled once into @cache: a push checks thousands of values,
 * and compiling costs fifty times as much as matching. */
static gboolean
matches (GRegex      **cache,
         const char   *pattern,
         const char   *text)
{
  if (g_once_init_enter (cache))
    g_once_init_leave (cache, g_regex_new (pattern, G_REGEX_DOLLAR_ENDONLY | G_REGEX_OPTIMIZE, 0,
                                           NULL));
  return g_regex_match (*cache, text, 0, NULL);
}

/* RFC 3339 with an explicit offset: GLib's ISO 8601 parser alone also takes
 * week dates and missing zones, which we do not want stored. */
static gboolean
is_datetime (const char *text)
{
  static GRegex *rfc3339;
  g_autoptr(GDateTime) parsed = NULL;

  if (!matches (&rfc3339, "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}"
                          "(:[0-9]{2}(\\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}:[0-9]{2})$", text))
    return FALSE;
  parsed = g_date_time_new_from_iso8601 (text, NULL);
  return parsed != NULL;
}

static gboolean
check_datetime (RuhuFormField  *field,
                JsonNode       *value,
                GError        **error)
{
  if (holds (value, G_TYPE_STRING) && is_datetime (json_node_get_string (value)))
    return TRUE;
  return fail (error, field, RUHU_VALIDATE_ERROR_BAD_DATE,
               _("must be a date and time with its time zone, like 2025-03-01T09:30:00+08:00"));
}

static gboolean
check_text (RuhuFormField  *field,
            JsonNode       *value,
            GError        **error)
{
  const char *text;

  if (!holds (value, G_TYPE_STRING) || !g_utf8_validate (json_node_get_string (value), -1, NULL))
    return fail (error, field, RUHU_VALIDATE_ERROR_WRONG_TYPE, _("must be text"));

  text = json_node_get_string (value);
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if ((c < 0x20 || c == 0x7f) && !(field->multiline && (c == '\n' || c == '\r' || c == '\t')))
        return fail (error, field, RUHU_VALIDATE_ERROR_NOT_SINGLE_LINE,
                     field->multiline ? _("must not contain control characters") :
                                        _("must be a single line"));
    }

  if (field->max_length > 0 && g_utf8_strlen (text, -1) > (glong) field->max_length)
    return fail (error, field, RUHU_VALIDATE_ERROR_TOO_LONG,
                 g_dngettext (GETTEXT_PACKAGE, "must be at most %u character long",
                              "must be at most %u characters long", field->max_length),
                 field->max_length);

  if (field->regex != NULL && !g_regex_match (field->regex, text, 0, NULL))
    {
      if (field->pattern_message != NULL)
        return fail (error, field, RUHU_VALIDATE_ERROR_PATTERN, "%s",
                     g_dgettext (GETTEXT_PACKAGE, field->pattern_message));
      return fail (error, field, RUHU_VALIDATE_ERROR_PATTERN, _("is not in the expected form"));
    }
  return TRUE;
}

static gboolean
check_option (RuhuFormField  *field,
              JsonNode       *value,
              GError        **error)
{
  if (!holds (value, G_TYPE_STRING))
    return fail (error, field, RUHU_VALIDATE_ERROR_WRONG_TYPE,
                 _("must be one of the listed options"));
  if (ruhu_form_field_lookup_option_label (field, json_node_get_string (value)) == NULL)
    return fail (error, field, RUHU_VALIDATE_ERROR_NOT_AN_OPTION,
                 _("“%s” is not one of the options"), json_node_get_string (value));
  return TRUE;
}

static gboolean
check_multi_choice (RuhuFormField  *field,
                    JsonNode       *value,
                    GError        **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (value))
    return fail (error, field, RUHU_VALIDATE_ERROR_WRONG_TYPE,
                 _("must be a list of the listed options"));

  array = json_node_get_array (value);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!check_option (field, element, error))
        return FALSE;
      if (!g_hash_table_add (seen, (gpointer) json_node_get_string (element)))
        return fail (error, field, RUHU_VALIDATE_ERROR_DUPLICATE_OPTION,
                     _("“%s” is chosen more than once"), json_node_get_string (element));
    }
  return TRUE;
}

static gboolean
is_sha256_hex (JsonNode *value)
{
  const char *text;

  if (!holds (value, G_TYPE_STRING))
    return FALSE;
  text = json_node_get_string (value);
  if (strlen (text) != SHA256_HEX_LENGTH)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

static gboolean
is_base64_of_length (JsonNode *value,
                     gsize     expected)
{
  static GRegex *base64;
  g_autofree guchar *bytes = NULL;
  const char *text;
  gsize length;

  if (!holds (value, G_TYPE_STRING))
    return FALSE;
  text = json_node_get_string (value);
  length = strlen (text);
  if (length == 0 || length % 4 != 0 || !matches (&base64, "^[A-Za-z0-9+/]+={0,2}$", text))
    return FALSE;
  bytes = g_base64_decode (text, &length);
  return length == expected;
}

static gboolean
check_signature (RuhuFormField  *field,
                 JsonNode       *value,
                 GError        **error)
{
  JsonObject *object;
  JsonNode *member;
  g_autoptr(GList) names = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (value))
    return fail (error, field, RUHU_VALIDATE_ERROR_WRONG_TYPE,
                 _("must be a signature (an object with its image)"));

  object = json_node_get_object (value);
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "image") && !g_str_equal (l->data, "public_key") &&
        !g_str_equal (l->data, "signature") && !g_str_equal (l->data, "signed_at"))
      return fail (error, field, RUHU_VALIDATE_ERROR_BAD_SIGNATURE,
                   _("the signature has an unknown part “%s”"), (const char *) l->data);

  if (!(member = json_object_get_member (object, "image")) || !is_sha256_hex (member))
    return fail (error, field, RUHU_VALIDATE_ERROR_BAD_SIGNATURE,
                 _("the signature’s image must be the SHA-256 of the picture"));
  if ((member = json_object_get_member (object, "public_key")) &&
      !is_base64_of_length (member, ED25519_KEY_BYTES))
    return fail (error, field, RUHU_VALIDATE_ERROR_BAD_SIGNATURE,
                 _("the signature’s public key must be 32 bytes in base64"));
  if ((member = json_object_get_member (object, "signature")) &&
      !is_base64_of_length (member, ED25519_SIGNATURE_BYTES))
    return fail (error, field, RUHU_VALIDATE_ERROR_BAD_SIGNATURE,
                 _("the digital signature must be 64 bytes in base64"));
  if (member != NULL && !json_object_has_member (object, "public_key"))
    return fail (error, field, RUHU_VALIDATE_ERROR_BAD_SIGNATURE,
                 _("a digital signature needs the public key that checks it"));
  if ((member = json_object_get_member (object, "signed_at")) &&
      !(holds (member, G_TYPE_STRING) && is_datetime (json_node_get_string (member))))
    return fail (error, field, RUHU_VALIDATE_ERROR_BAD_SIGNATURE,
                 _("the signing time must be a date and time with its time zone"));
  return TRUE;
}

static gboolean
check_string_with (RuhuFormField      *field,
                   JsonNode           *value,
                   RuhuValidateError   code,
                   const GDate        *today,
                   GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *text;
  gboolean ok;

  if (!holds (value, G_TYPE_STRING))
    return fail (error, field, RUHU_VALIDATE_ERROR_WRONG_TYPE, _("must be text"));
  text = json_node_get_string (value);

  if (code == RUHU_VALIDATE_ERROR_BAD_ID_NUMBER)
    ok = ruhu_id_number_parse (text, today, NULL, &local_error);
  else
    ok = ruhu_phone_validate (text, &local_error);
  if (!ok)
    return fail (error, field, code, "%s", local_error->message);
  return TRUE;
}

static gboolean
check_reference (RuhuFormField  *field,
                 JsonNode       *value,
                 GError        **error)
{
  const char *text = holds (value, G_TYPE_STRING) ? json_node_get_string (value) : NULL;

  if (text != NULL && ruhu_id_is_valid (text))
    {
      g_autofree char *lower = g_ascii_strdown (text, -1);

      if (g_str_equal (lower, text))
        return TRUE;
    }
  return fail (error, field, RUHU_VALIDATE_ERROR_BAD_REFERENCE,
               _("must be the id of an entry (a lowercase UUID)"));
}

/**
 * ruhu_form_value_is_empty:
 * @value: (nullable): a field value
 *
 * Missing, JSON null, an empty string and an empty list all mean that the
 * field has not been filled in.
 *
 * Returns: whether @value is empty
 */
gboolean
ruhu_form_value_is_empty (JsonNode *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return TRUE;
  if (holds (value, G_TYPE_STRING))
    return *json_node_get_string (value) == '\0';
  if (JSON_NODE_HOLDS_ARRAY (value))
    return json_array_get_length (json_node_get_array (value)) == 0;
  return FALSE;
}

/**
 * ruhu_form_field_validate_value:
 * @field: a field
 * @value: (nullable): its value; %NULL or JSON null mean empty, which is
 *   always valid here (requiredness depends on the whole entity)
 * @today: (nullable): the date "today" bounds mean; %NULL for the current date
 * @error: return location for a #RUHU_VALIDATE_ERROR whose message starts
 *   with the field's translated label
 *
 * Checks one value against its field: JSON type, range, length, pattern,
 * options, dates, ID number, phone, photo hash, signature object. A
 * computed field refuses every value but null.
 *
 * Returns: %TRUE if the value is acceptable
 */
gboolean
ruhu_form_field_validate_value (RuhuFormField  *field,
                                JsonNode       *value,
                                const GDate    *today,
                                GError        **error)
{
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return TRUE;

  switch (field->type)
    {
    case RUHU_FIELD_TEXT:
      return check_text (field, value, error);
    case RUHU_FIELD_INTEGER:
    case RUHU_FIELD_MONEY:
      return check_number (field, value, error);
    case RUHU_FIELD_DATE:
      return check_date (field, value, today, error);
    case RUHU_FIELD_DATETIME:
      return check_datetime (field, value, error);
    case RUHU_FIELD_CHOICE:
      return check_option (field, value, error);
    case RUHU_FIELD_MULTI_CHOICE:
      return check_multi_choice (field, value, error);
    case RUHU_FIELD_BOOLEAN:
      if (holds (value, G_TYPE_BOOLEAN))
        return TRUE;
      return fail (error, field, RUHU_VALIDATE_ERROR_WRONG_TYPE, _("must be yes or no"));
    case RUHU_FIELD_ID_NUMBER:
      return check_string_with (field, value, RUHU_VALIDATE_ERROR_BAD_ID_NUMBER, today, error);
    case RUHU_FIELD_PHONE:
      return check_string_with (field, value, RUHU_VALIDATE_ERROR_BAD_PHONE, today, error);
    case RUHU_FIELD_PHOTO:
      if (is_sha256_hex (value))
        return TRUE;
      return fail (error, field, RUHU_VALIDATE_ERROR_BAD_HASH,
                   _("must be the SHA-256 of the photo (64 lowercase hexadecimal characters)"));
    case RUHU_FIELD_SIGNATURE:
      return check_signature (field, value, error);
    case RUHU_FIELD_REFERENCE:
      return check_reference (field, value, error);
    case RUHU_FIELD_COMPUTED:
      return fail (error, field, RUHU_VALIDATE_ERROR_COMPUTED,
                   _("is computed and cannot be entered"));
    default:
      g_assert_not_reached ();
    }
}
