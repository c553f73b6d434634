/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-date.h"

/* Calendar dates as the forms, the calendar file and the deadlines write
 * them: exactly "YYYY-MM-DD". */

/**
 * ruhu_date_make:
 *
 * Returns: the date; the caller makes sure it is a real one
 */
GDate
ruhu_date_make (int year,
                int month,
                int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return date;
}

/**
 * ruhu_date_parse:
 * @text: a date as `YYYY-MM-DD`
 * @date: (out caller-allocates): the date
 *
 * Returns: %TRUE if @text is exactly a real Gregorian date in that form,
 *   nothing looser
 */
gboolean
ruhu_date_parse (const char *text,
                 GDate      *date)
{
  int year, month, day;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  year = g_ascii_digit_value (text[0]) * 1000 + g_ascii_digit_value (text[1]) * 100 +
         g_ascii_digit_value (text[2]) * 10 + g_ascii_digit_value (text[3]);
  month = g_ascii_digit_value (text[5]) * 10 + g_ascii_digit_value (text[6]);
  day = g_ascii_digit_value (text[8]) * 10 + g_ascii_digit_value (text[9]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || !g_date_valid_dmy (day, month, year))
    return FALSE;

  *date = ruhu_date_make (year, month, day);
  return TRUE;
}

/**
 * ruhu_date_format:
 *
 * Returns: (transfer full): @date as `YYYY-MM-DD`
 */
char *
ruhu_date_format (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}

/**
 * ruhu_date_get_today:
 * @fixed: (nullable): a date to use instead of today, for tests
 * @out: (out caller-allocates): @fixed if valid, else the current local date
 */
void
ruhu_date_get_today (const GDate *fixed,
                     GDate       *out)
{
  g_autoptr(GDateTime) now = NULL;

  if (fixed != NULL && g_date_valid (fixed))
    {
      *out = *fixed;
      return;
    }
  now = g_date_time_new_now_local ();
  *out = ruhu_date_make (g_date_time_get_year (now), g_date_time_get_month (now),
                         g_date_time_get_day_of_month (now));
}
