/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-deadline.h"

static gboolean
in_notice (const GDate            *day,
           const RuhuNoticePeriod *notices,
           gsize                   n_notices)
{
  for (gsize i = 0; i < n_notices; i++)
    if (g_date_compare (day, &notices[i].first) >= 0
        && g_date_compare (day, &notices[i].last) <= 0)
      return TRUE;
  return FALSE;
}

static gboolean
notices_valid (const RuhuNoticePeriod *notices,
               gsize                   n_notices)
{
  for (gsize i = 0; i < n_notices; i++)
    if (!g_date_valid (&notices[i].first) || !g_date_valid (&notices[i].last)
        || g_date_compare (&notices[i].first, &notices[i].last) > 0)
      return FALSE;
  return TRUE;
}

/**
 * ruhu_deadline_kind_working_days:
 * @kind: a #RuhuDeadlineKind
 *
 * Returns: the number of working days @kind allows
 */
int
ruhu_deadline_kind_working_days (RuhuDeadlineKind kind)
{
  switch (kind)
    {
    case RUHU_DEADLINE_ACCEPTANCE:
    case RUHU_DEADLINE_INVESTIGATION_START:
    case RUHU_DEADLINE_INITIAL_REVIEW:
      return 2;
    case RUHU_DEADLINE_REPORT:
      return 25;
    case RUHU_DEADLINE_REPORT_EXTENDED:
      return 40;
    case RUHU_DEADLINE_REFUSAL_DELIVERY:
      return 3;
    default:
      g_return_val_if_reached (0);
    }
}

/**
 * ruhu_deadline_compute:
 * @calendar: the official calendar
 * @kind: which deadline
 * @start: the event the deadline runs from (see #RuhuDeadlineKind)
 * @notices: (array length=n_notices) (nullable): the case's public-notice
 *   periods
 * @n_notices: the length of @notices
 * @due: (out caller-allocates): where to store the due date
 * @error: return location for a #GError
 *
 * Computes the last day on which the step is on time: the N-th working day
 * strictly after @start, N being ruhu_deadline_kind_working_days(). For
 * %RUHU_DEADLINE_REPORT and %RUHU_DEADLINE_REPORT_EXTENDED, working days
 * inside any of @notices (ends inclusive) are not counted; the other kinds
 * ignore @notices.
 *
 * Returns: %TRUE on success; %FALSE with %RUHU_CALENDAR_ERROR_OUT_OF_RANGE
 *   when the count reaches beyond the years the calendar covers
 */
gboolean
ruhu_deadline_compute (RuhuCalendar            *calendar,
                       RuhuDeadlineKind         kind,
                       const GDate             *start,
                       const RuhuNoticePeriod  *notices,
                       gsize                    n_notices,
                       GDate                   *due,
                       GError                 **error)
{
  int remaining = ruhu_deadline_kind_working_days (kind);
  GDate day;

  g_return_val_if_fail (calendar != NULL, FALSE);
  g_return_val_if_fail (start != NULL && g_date_valid (start), FALSE);
  g_return_val_if_fail (n_notices == 0 || notices != NULL, FALSE);
  g_return_val_if_fail (notices_valid (notices, n_notices), FALSE);
  g_return_val_if_fail (due != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (kind != RUHU_DEADLINE_REPORT && kind != RUHU_DEADLINE_REPORT_EXTENDED)
    return ruhu_calendar_add_working_days (calendar, start, remaining, due, error);

  /* Stepping one working day at a time keeps every day checked against the
   * calendar's coverage, exactly as ruhu_calendar_add_working_days() does. */
  day = *start;
  while (remaining > 0)
    {
      if (!ruhu_calendar_add_working_days (calendar, &day, 1, &day, error))
        return FALSE;
      if (!in_notice (&day, notices, n_notices))
        remaining--;
    }

  *due = day;
  return TRUE;
}

/**
 * ruhu_deadline_get_status:
 * @calendar: the official calendar
 * @due: the due date, as from ruhu_deadline_compute()
 * @today: the date to measure from
 * @status: (out caller-allocates): where to store the status
 * @error: return location for a #GError
 *
 * Where a deadline stands on @today, for the “due soon” and “overdue” marks:
 * see #RuhuDeadlineStatus for what the numbers count.
 *
 * Returns: %TRUE on success; %FALSE with %RUHU_CALENDAR_ERROR_OUT_OF_RANGE
 *   when a day between @today and @due is outside the calendar
 */
gboolean
ruhu_deadline_get_status (RuhuCalendar        *calendar,
                          const GDate         *due,
                          const GDate         *today,
                          RuhuDeadlineStatus  *status,
                          GError             **error)
{
  int working_days;
  int order;

  g_return_val_if_fail (calendar != NULL, FALSE);
  g_return_val_if_fail (due != NULL && g_date_valid (due), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (status != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ruhu_calendar_count_working_days (calendar, today, due, &working_days, error))
    return FALSE;

  order = g_date_compare (today, due);
  status->working_days = ABS (working_days);
  status->calendar_days = g_date_days_between (today, due);
  if (order > 0)
    status->state = RUHU_DEADLINE_STATE_OVERDUE;
  else if (order == 0)
    status->state = RUHU_DEADLINE_STATE_DUE_TODAY;
  else if (working_days <= RUHU_DEADLINE_DUE_SOON_WORKING_DAYS)
    status->state = RUHU_DEADLINE_STATE_DUE_SOON;
  else
    status->state = RUHU_DEADLINE_STATE_ON_TRACK;
  return TRUE;
}

/**
 * ruhu_notice_kind_days:
 * @kind: a #RuhuNoticeKind
 *
 * Returns: how many calendar days a notice of @kind is posted
 */
int
ruhu_notice_kind_days (RuhuNoticeKind kind)
{
  switch (kind)
    {
    case RUHU_NOTICE_INITIAL:
      return 7;
    case RUHU_NOTICE_AFTER_OBJECTION:
      return 3;
    default:
      g_return_val_if_reached (0);
    }
}

/**
 * ruhu_notice_period_init:
 * @period: (out caller-allocates): the period to fill in
 * @kind: which notice
 * @first: the first day it is posted
 *
 * Notices run in calendar days, holidays included, and the first day counts:
 * a 7-day notice first posted on day D runs D..D+6 inclusive, so it may end
 * (and the case move on) on D+7. No calendar is needed.
 */
void
ruhu_notice_period_init (RuhuNoticePeriod *period,
                         RuhuNoticeKind    kind,
                         const GDate      *first)
{
  g_return_if_fail (period != NULL);
  g_return_if_fail (first != NULL && g_date_valid (first));

  period->first = *first;
  period->last = *first;
  g_date_add_days (&period->last, (guint) ruhu_notice_kind_days (kind) - 1);
}

/**
 * ruhu_deadline_next_existence_check:
 * @last_check: the day the recipient last confirmed they are alive
 * @due: (out caller-allocates): the latest day for the next confirmation
 *
 * Recipients confirm their existence (待遇资格认证) at least every
 * %RUHU_EXISTENCE_CHECK_MONTHS calendar months. The due date is the same day
 * of the month three months on, clamped to the end of a shorter month:
 * 31 January gives 30 April, 30 November 2023 gives 29 February 2024. It is
 * counted in calendar days, so no calendar is needed and holidays do not
 * move it.
 */
void
ruhu_deadline_next_existence_check (const GDate *last_check,
                                    GDate       *due)
{
  GDateYear year;
  int month;
  GDateDay day;

  g_return_if_fail (last_check != NULL && g_date_valid (last_check));
  g_return_if_fail (due != NULL);

  month = (int) g_date_get_month (last_check) - 1 + RUHU_EXISTENCE_CHECK_MONTHS;
  year = g_date_get_year (last_check) + month / 12;
  month = month % 12 + 1;
  day = MIN (g_date_get_day (last_check), g_date_get_days_in_month ((GDateMonth) month, year));

  g_date_clear (due, 1);
  g_date_set_dmy (due, day, (GDateMonth) month, year);
}
