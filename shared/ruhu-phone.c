/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ruhu-phone.h"

G_DEFINE_QUARK (ruhu-phone-error-quark, ruhu_phone_error)

static gboolean
all_digits (const char *s,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* Area codes are 010, 02x (3 digits) or 0[3-9]xx (4 digits); a local number
 * has 7 or 8 digits and never starts with 0 or 1. */
static gboolean
is_landline (const char *text)
{
  gsize area_length;
  const char *local;
  gsize local_length;

  if (g_str_has_prefix (text, "010") || g_str_has_prefix (text, "02"))
    area_length = 3;
  else if (text[0] == '0' && text[1] >= '3' && text[1] <= '9')
    area_length = 4;
  else
    return FALSE;

  if (strlen (text) < area_length || !all_digits (text, area_length))
    return FALSE;
  local = text + area_length;
  if (*local == '-')
    local++;
  local_length = strlen (local);
  return (local_length == 7 || local_length == 8) &&
         all_digits (local, local_length) && local[0] >= '2';
}

/**
 * ruhu_phone_validate:
 * @text: a phone number as entered
 * @error: return location for a #RUHU_PHONE_ERROR
 *
 * Accepts a mainland mobile number (11 digits, `1[3-9]…`) or a landline
 * number with its area code, optionally separated by one hyphen
 * (`023-68881234`). No spaces, country code or extension.
 *
 * Returns: %TRUE if @text is such a number
 */
gboolean
ruhu_phone_validate (const char  *text,
                     GError     **error)
{
  gsize length;

  g_return_val_if_fail (text != NULL, FALSE);

  length = strlen (text);
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]) && text[i] != '-')
      {
        g_set_error (error, RUHU_PHONE_ERROR, RUHU_PHONE_ERROR_BAD_CHARS,
                     _("A phone number has only digits and at most one hyphen"));
        return FALSE;
      }

  if (text[0] == '1')
    {
      if (length == 11 && all_digits (text, length) && text[1] >= '3')
        return TRUE;
      g_set_error (error, RUHU_PHONE_ERROR, RUHU_PHONE_ERROR_BAD_MOBILE,
                   _("A mobile number has 11 digits and starts with 13–19"));
      return FALSE;
    }

  if (text[0] == '0')
    {
      if (is_landline (text))
        return TRUE;
      g_set_error (error, RUHU_PHONE_ERROR, RUHU_PHONE_ERROR_BAD_LANDLINE,
                   _("A landline number is the area code and 7 or 8 digits, like 023-68881234"));
      return FALSE;
    }

  g_set_error (error, RUHU_PHONE_ERROR, RUHU_PHONE_ERROR_UNKNOWN_FORM,
               _("Enter a mobile number, or a landline number with its area code"));
  return FALSE;
}
