/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-calendar-private.h"
#include "ruhu-date.h"

G_DEFINE_QUARK (ruhu-calendar-error-quark, ruhu_calendar_error)
G_DEFINE_BOXED_TYPE (RuhuCalendar, ruhu_calendar, ruhu_calendar_ref, ruhu_calendar_unref)

static char *
describe_coverage (RuhuCalendar *self)
{
  GString *text = g_string_new (NULL);
  int first = g_array_index (self->years, int, 0);
  int last = g_array_index (self->years, int, self->years->len - 1);

  if ((guint) (last - first + 1) == self->years->len)
    {
      g_string_append_printf (text, "%d–%d", first, last);
      return g_string_free (text, FALSE);
    }

  for (guint i = 0; i < self->years->len; i++)
    g_string_append_printf (text, "%s%d", i > 0 ? ", " : "", g_array_index (self->years, int, i));
  return g_string_free (text, FALSE);
}

static void
set_out_of_range (RuhuCalendar  *self,
                  const GDate   *date,
                  GError       **error)
{
  g_autofree char *covered = describe_coverage (self);
  g_autofree char *day = ruhu_date_format (date);
  int last = g_array_index (self->years, int, self->years->len - 1);

  if (g_date_get_year (date) > last)
    g_set_error (error, RUHU_CALENDAR_ERROR, RUHU_CALENDAR_ERROR_OUT_OF_RANGE,
                 /* Translators: the covered years (“2019–2026”), a date, the
                  * calendar file and the missing year. */
                 _("The official calendar covers %s; %s is outside it. Update %s when "
                   "the State Council publishes %u’s holidays."),
                 covered, day, self->path, (guint) g_date_get_year (date));
  else
    g_set_error (error, RUHU_CALENDAR_ERROR, RUHU_CALENDAR_ERROR_OUT_OF_RANGE,
                 _("The official calendar covers %s; %s is outside it."),
                 covered, day);
}

/* The kind of @date, DAY_UNCOVERED outside the covered years. */
DayKind
ruhu_calendar_get_day_kind (RuhuCalendar *self,
                            const GDate  *date)
{
  guint32 julian = g_date_get_julian (date);

  if (julian < self->first_julian || julian - self->first_julian >= self->n_days)
    return DAY_UNCOVERED;
  return self->kinds[julian - self->first_julian];
}

/* Looks a day up, failing with OUT_OF_RANGE when the calendar cannot say. */
static gboolean
lookup_day (RuhuCalendar  *self,
            const GDate   *date,
            DayKind       *kind,
            GError       **error)
{
  *kind = ruhu_calendar_get_day_kind (self, date);
  if (*kind == DAY_UNCOVERED)
    {
      set_out_of_range (self, date, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * ruhu_calendar_ref:
 * @self: a #RuhuCalendar
 *
 * Returns: (transfer full): @self with one more reference
 */
RuhuCalendar *
ruhu_calendar_ref (RuhuCalendar *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * ruhu_calendar_unref:
 * @self: (transfer full): a #RuhuCalendar
 *
 * Drops a reference; the last one frees the calendar.
 */
void
ruhu_calendar_unref (RuhuCalendar *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->path);
  g_array_unref (self->years);
  g_free (self->kinds);
  g_hash_table_unref (self->holidays);
  g_free (self);
}

/**
 * ruhu_calendar_covers:
 * @self: a #RuhuCalendar
 * @date: a valid date
 *
 * Whether the official calendar is authoritative for @date's year, so that
 * the other functions can answer for it without %RUHU_CALENDAR_ERROR_OUT_OF_RANGE.
 *
 * Returns: %TRUE if @date lies in a year of `years_covered`
 */
gboolean
ruhu_calendar_covers (RuhuCalendar *self,
                      const GDate  *date)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  return ruhu_calendar_get_day_kind (self, date) != DAY_UNCOVERED;
}

/**
 * ruhu_calendar_is_working_day:
 * @self: a #RuhuCalendar
 * @date: a valid date
 * @is_working_day: (out): where to store the answer
 * @error: return location for a #GError
 *
 * Whether @date is an official working day: a Monday to Friday that is not a
 * listed holiday, or a weekend day listed as a 调休 working day.
 *
 * Returns: %TRUE on success; %FALSE with %RUHU_CALENDAR_ERROR_OUT_OF_RANGE
 *   when @date is outside the covered years
 */
gboolean
ruhu_calendar_is_working_day (RuhuCalendar  *self,
                              const GDate   *date,
                              gboolean      *is_working_day,
                              GError       **error)
{
  DayKind kind;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);
  g_return_val_if_fail (is_working_day != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lookup_day (self, date, &kind, error))
    return FALSE;
  *is_working_day = kind == DAY_WORKING;
  return TRUE;
}

/**
 * ruhu_calendar_get_holiday:
 * @self: a #RuhuCalendar
 * @date: a valid date
 * @name: (out) (optional) (nullable) (transfer none): the official Chinese
 *   name of the holiday (as in the State Council notice, e.g. “春节”), or
 *   %NULL when @date is not a listed holiday
 * @name_en: (out) (optional) (nullable) (transfer none): the English name
 *   from the calendar file (e.g. “Spring Festival”), or %NULL
 * @error: return location for a #GError
 *
 * The holiday @date belongs to. Only days off listed in the calendar have a
 * name: ordinary weekends and 调休 working days give %NULL. The names come
 * from the data file and are not translated; they stay valid as long as
 * @self is alive.
 *
 * Returns: %TRUE on success; %FALSE with %RUHU_CALENDAR_ERROR_OUT_OF_RANGE
 *   when @date is outside the covered years
 */
gboolean
ruhu_calendar_get_holiday (RuhuCalendar  *self,
                           const GDate   *date,
                           const char   **name,
                           const char   **name_en,
                           GError       **error)
{
  const Holiday *holiday;
  DayKind kind;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lookup_day (self, date, &kind, error))
    return FALSE;

  holiday = g_hash_table_lookup (self->holidays, GUINT_TO_POINTER (g_date_get_julian (date)));
  if (name != NULL)
    *name = holiday != NULL ? holiday->name : NULL;
  if (name_en != NULL)
    *name_en = holiday != NULL ? holiday->name_en : NULL;
  return TRUE;
}

/**
 * ruhu_calendar_add_working_days:
 * @self: a #RuhuCalendar
 * @start: a valid date
 * @n_days: how many working days to add, at least 0
 * @result: (out caller-allocates): where to store the date
 * @error: return location for a #GError
 *
 * Finds the @n_days-th working day strictly after @start: adding 2 working
 * days to a Friday gives the next Tuesday when Monday and Tuesday are working
 * days. @start itself never counts, whether or not it is a working day; with
 * @n_days 0 the result is @start.
 *
 * @start and every day up to the result must lie in the covered years.
 *
 * Returns: %TRUE on success; %FALSE with %RUHU_CALENDAR_ERROR_OUT_OF_RANGE
 *   naming the first date the calendar cannot answer for
 */
gboolean
ruhu_calendar_add_working_days (RuhuCalendar  *self,
                                const GDate   *start,
                                int            n_days,
                                GDate         *result,
                                GError       **error)
{
  GDate day;
  DayKind kind;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (start != NULL && g_date_valid (start), FALSE);
  g_return_val_if_fail (n_days >= 0, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lookup_day (self, start, &kind, error))
    return FALSE;

  day = *start;
  while (n_days > 0)
    {
      g_date_add_days (&day, 1);
      if (!lookup_day (self, &day, &kind, error))
        return FALSE;
      if (kind == DAY_WORKING)
        n_days--;
    }

  *result = day;
  return TRUE;
}

/**
 * ruhu_calendar_count_working_days:
 * @self: a #RuhuCalendar
 * @from: a valid date
 * @to: a valid date
 * @n_days: (out): where to store the count
 * @error: return location for a #GError
 *
 * Counts the working days strictly after @from, up to and including @to. So
 * counting from a Friday to the next Tuesday gives 2 in an ordinary week, and
 * ruhu_calendar_add_working_days() of the count from @from gives back @to when
 * @to is a working day. When @to is before @from the count is negative:
 * minus the working days strictly after @to up to and including @from, so
 * that count (a, b) + count (b, c) = count (a, c) always holds.
 *
 * Both dates and every day between must lie in the covered years.
 *
 * Returns: %TRUE on success; %FALSE with %RUHU_CALENDAR_ERROR_OUT_OF_RANGE
 *   naming the first date the calendar cannot answer for
 */
gboolean
ruhu_calendar_count_working_days (RuhuCalendar  *self,
                                  const GDate   *from,
                                  const GDate   *to,
                                  int           *n_days,
                                  GError       **error)
{
  const GDate *low, *high;
  GDate day;
  DayKind kind;
  int count = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (from != NULL && g_date_valid (from), FALSE);
  g_return_val_if_fail (to != NULL && g_date_valid (to), FALSE);
  g_return_val_if_fail (n_days != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  low = g_date_compare (from, to) <= 0 ? from : to;
  high = low == from ? to : from;
  if (!lookup_day (self, low, &kind, error))
    return FALSE;

  for (day = *low; g_date_compare (&day, high) < 0;)
    {
      g_date_add_days (&day, 1);
      if (!lookup_day (self, &day, &kind, error))
        return FALSE;
      if (kind == DAY_WORKING)
        count++;
    }

  *n_days = low == from ? count : -count;
  return TRUE;
}
