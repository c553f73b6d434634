/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ruhu-date.h"
#include "ruhu-id-number.h"

#define ID_LENGTH 18

G_DEFINE_QUARK (ruhu-id-number-error-quark, ruhu_id_number_error)

/* ISO 7064 MOD 11-2 weights for positions 1..17: 2^(18-i) mod 11. */
static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };

/* Province-level prefixes of GB/T 2260, plus 83 for the residence permits of
 * Taiwan residents, which use the same format. */
static const int provinces[] = {
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
  41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65,
  71, 81, 82, 83,
};

static gboolean
province_is_assigned (int prefix)
{
  for (gsize i = 0; i < G_N_ELEMENTS (provinces); i++)
    if (provinces[i] == prefix)
      return TRUE;
  return FALSE;
}

static int
digits_value (const char *s,
              int         n)
{
  int value = 0;

  for (int i = 0; i < n; i++)
    value = value * 10 + (s[i] - '0');
  return value;
}

/* Characters come first so that full-width digits or spaces are reported as
 * such rather than as a wrong length, which would mislead the person typing. */
static gboolean
check_characters (const char  *text,
                  GError     **error)
{
  gsize length = strlen (text);

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (g_ascii_isdigit (c) || ((c == 'X' || c == 'x') && i == ID_LENGTH - 1))
        continue;
      if (c == 'X' || c == 'x')
        {
          if (length != ID_LENGTH)
            continue;
          g_set_error (error, RUHU_ID_NUMBER_ERROR, RUHU_ID_NUMBER_ERROR_BAD_CHARS,
                       _("An ID number may have an X only as its last character"));
          return FALSE;
        }
      g_set_error (error, RUHU_ID_NUMBER_ERROR, RUHU_ID_NUMBER_ERROR_BAD_CHARS,
                   _("An ID number has only the digits 0–9 and a final X; "
                     "remove spaces, hyphens and full-width digits"));
      return FALSE;
    }

  if (length != ID_LENGTH)
    {
      g_set_error (error, RUHU_ID_NUMBER_ERROR, RUHU_ID_NUMBER_ERROR_WRONG_LENGTH,
                   g_dngettext (GETTEXT_PACKAGE,
                                "An ID number has 18 characters, not %u",
                                "An ID number has 18 characters, not %u",
                                (gulong) length),
                   (guint) length);
      return FALSE;
    }

  for (gsize i = 0; i < ID_LENGTH - 1; i++)
    if (!g_ascii_isdigit (text[i]))
      {
        g_set_error (error, RUHU_ID_NUMBER_ERROR, RUHU_ID_NUMBER_ERROR_BAD_CHARS,
                     _("An ID number may have an X only as its last character"));
        return FALSE;
      }

  if (text[ID_LENGTH - 1] == 'x')
    {
      g_set_error (error, RUHU_ID_NUMBER_ERROR, RUHU_ID_NUMBER_ERROR_LOWERCASE_X,
                   _("The last character of an ID number is a capital X, not a lowercase x"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_birth (const char  *text,
             const GDate *today,
             GDate       *birth,
             GError     **error)
{
  int year = digits_value (text + 6, 4);
  int month = digits_value (text + 10, 2);
  int day = digits_value (text + 12, 2);
  GDate now;

  if (year < 1 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, RUHU_ID_NUMBER_ERROR, RUHU_ID_NUMBER_ERROR_BAD_DATE,
                   _("The birth date in the ID number, %.4s-%.2s-%.2s, is not a real date"),
                   text + 6, text + 10, text + 12);
      return FALSE;
    }

  g_date_clear (birth, 1);
  g_date_set_dmy (birth, day, month, year);
  ruhu_date_get_today (today, &now);
  if (g_date_compare (birth, &now) > 0)
    {
      g_set_error (error, RUHU_ID_NUMBER_ERROR, RUHU_ID_NUMBER_ERROR_FUTURE_BIRTH,
                   _("The birth date in the ID number, %.4s-%.2s-%.2s, is in the future"),
                   text + 6, text + 10, text + 12);
      return FALSE;
    }
  return TRUE;
}

/**
 * ruhu_id_number_check_char:
 * @first17: at least 17 ASCII digits
 *
 * Computes the ISO 7064 MOD 11-2 check character of GB 11643-1999.
 *
 * Returns: `0`-`9` or `X`
 */
char
ruhu_id_number_check_char (const char *first17)
{
  int sum = 0;

  g_return_val_if_fail (first17 != NULL, '\0');

  for (int i = 0; i < 17; i++)
    {
      g_return_val_if_fail (g_ascii_isdigit (first17[i]), '\0');
      sum += (first17[i] - '0') * weights[i];
    }
  return "10X98765432"[sum % 11];
}

/**
 * ruhu_id_number_parse:
 * @text: the number exactly as entered; nothing is trimmed or upper-cased
 * @today: (nullable): the date births may not come after; %NULL for the
 *   current local date (tests pass a fixed one)
 * @result: (out caller-allocates) (optional): the parts of a valid number
 * @error: return location for a #RUHU_ID_NUMBER_ERROR
 *
 * Checks a resident ID number strictly against GB 11643-1999: length,
 * characters, capital X, province prefix, a real birth date not after
 * @today, and the check character. Superseded region codes stay valid,
 * so only the province prefix is checked.
 *
 * Returns: %TRUE if @text is valid
 */
gboolean
ruhu_id_number_parse (const char    *text,
                      const GDate   *today,
                      RuhuIdNumber  *result,
                      GError       **error)
{
  GDate birth;
  char check;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_characters (text, error))
    return FALSE;

  if (!province_is_assigned (digits_value (text, 2)))
    {
      g_set_error (error, RUHU_ID_NUMBER_ERROR, RUHU_ID_NUMBER_ERROR_BAD_REGION,
                   _("The ID number starts with %.2s, which is no province’s code"), text);
      return FALSE;
    }

  if (!check_birth (text, today, &birth, error))
    return FALSE;

  check = ruhu_id_number_check_char (text);
  if (check != text[17])
    {
      g_set_error (error, RUHU_ID_NUMBER_ERROR, RUHU_ID_NUMBER_ERROR_BAD_CHECKSUM,
                   _("The check character of the ID number does not match; "
                     "a digit may have been mistyped"));
      return FALSE;
    }

  if (result != NULL)
    {
      memcpy (result->region, text, 6);
      result->region[6] = '\0';
      result->birth = birth;
      memcpy (result->sequence, text + 14, 3);
      result->sequence[3] = '\0';
      result->sex = (text[16] - '0') % 2 == 1 ? RUHU_SEX_MALE : RUHU_SEX_FEMALE;
      result->check = check;
    }
  return TRUE;
}
