/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-date.h"
#include "ruhu-deadline.h"

/* Expected dates were worked out by hand from data/calendar/cn-workdays.json;
 * the comments list the working days counted. */

typedef struct
{
  RuhuCalendar *calendar;
} DeadlineFixture;

static void
deadline_setup (DeadlineFixture *fixture,
                gconstpointer    data)
{
  g_autoptr(GError) error = NULL;

  fixture->calendar = ruhu_calendar_load_default (&error);
  g_assert_no_error (error);
}

static void
deadline_teardown (DeadlineFixture *fixture,
                   gconstpointer    data)
{
  g_clear_pointer (&fixture->calendar, ruhu_calendar_unref);
}

static char *
compute (RuhuCalendar           *calendar,
         RuhuDeadlineKind        kind,
         GDate                   start,
         const RuhuNoticePeriod *notices,
         gsize                   n_notices)
{
  g_autoptr(GError) error = NULL;
  GDate due;

  g_assert_true (ruhu_deadline_compute (calendar, kind, &start, notices, n_notices, &due, &error));
  g_assert_no_error (error);
  return ruhu_date_format (&due);
}

#define assert_due(cal, kind, start, notices, n, expected) \
  G_STMT_START { \
    g_autofree char *_got = compute (cal, kind, start, notices, n); \
    g_assert_cmpstr (_got, ==, expected); \
  } G_STMT_END

static void
test_kind_days (void)
{
  g_assert_cmpint (ruhu_deadline_kind_working_days (RUHU_DEADLINE_ACCEPTANCE), ==, 2);
  g_assert_cmpint (ruhu_deadline_kind_working_days (RUHU_DEADLINE_INVESTIGATION_START), ==, 2);
  g_assert_cmpint (ruhu_deadline_kind_working_days (RUHU_DEADLINE_INITIAL_REVIEW), ==, 2);
  g_assert_cmpint (ruhu_deadline_kind_working_days (RUHU_DEADLINE_REPORT), ==, 25);
  g_assert_cmpint (ruhu_deadline_kind_working_days (RUHU_DEADLINE_REPORT_EXTENDED), ==, 40);
  g_assert_cmpint (ruhu_deadline_kind_working_days (RUHU_DEADLINE_REFUSAL_DELIVERY), ==, 3);
  g_assert_cmpint (ruhu_notice_kind_days (RUHU_NOTICE_INITIAL), ==, 7);
  g_assert_cmpint (ruhu_notice_kind_days (RUHU_NOTICE_AFTER_OBJECTION), ==, 3);
}

static void
test_short_deadlines (DeadlineFixture *fixture,
                      gconstpointer    data)
{
  RuhuCalendar *cal = fixture->calendar;

  /* Applied on Friday 15 March 2024: accept by Tuesday 19 March. */
  assert_due (cal, RUHU_DEADLINE_ACCEPTANCE, ruhu_date_make (2024, 3, 15), NULL, 0, "2024-03-19");
  /* Applied Thursday 8 February 2024: Friday the 9th, then the 调休 Sunday
   * 18th after the Spring Festival. */
  assert_due (cal, RUHU_DEADLINE_ACCEPTANCE, ruhu_date_make (2024, 2, 8), NULL, 0, "2024-02-18");
  /* Accepted Tuesday 30 September 2025: National Day runs 1–8 October, so
   * the visit must start by Friday 10 October. */
  assert_due (cal, RUHU_DEADLINE_INVESTIGATION_START, ruhu_date_make (2025, 9, 30), NULL, 0,
              "2025-10-10");
  /* Investigation ended 31 December 2025: Sunday 4 and Monday 5 January. */
  assert_due (cal, RUHU_DEADLINE_INITIAL_REVIEW, ruhu_date_make (2025, 12, 31), NULL, 0, "2026-01-05");
  /* Refused Tuesday 30 April 2024: May Day runs 1–5 May; 6, 7, 8 May. */
  assert_due (cal, RUHU_DEADLINE_REFUSAL_DELIVERY, ruhu_date_make (2024, 4, 30), NULL, 0, "2024-05-08");
}

static void
test_report (DeadlineFixture *fixture,
             gconstpointer    data)
{
  RuhuCalendar *cal = fixture->calendar;
  RuhuNoticePeriod notices[2];
  GDate first = ruhu_date_make (2024, 3, 20);

  /* Accepted Friday 1 March 2024. March 4–29 give 20 working days, 1–3
   * April 23, Qingming takes 4–6 April, the 调休 Sunday 7 April is the 24th
   * and Monday 8 April the 25th. */
  assert_due (cal, RUHU_DEADLINE_REPORT, ruhu_date_make (2024, 3, 1), NULL, 0, "2024-04-08");

  /* A notice posted 20–26 March covers 5 working days (20, 21, 22, 25, 26),
   * which do not count: the 25th counted day moves to Monday 15 April. */
  ruhu_notice_period_init (&notices[0], RUHU_NOTICE_INITIAL, &first);
  assert_due (cal, RUHU_DEADLINE_REPORT, ruhu_date_make (2024, 3, 1), notices, 1, "2024-04-15");

  /* Notices do not move the short deadlines. */
  assert_due (cal, RUHU_DEADLINE_ACCEPTANCE, ruhu_date_make (2024, 3, 19), notices, 1, "2024-03-21");

  /* Extended to 40: from 15 April (25th), 16–19 (29th), 22–26 (34th), the
   * 调休 Sunday 28 April (35th), 29–30 April (37th), May Day 1–5, then 6, 7,
   * 8 May (40th). */
  assert_due (cal, RUHU_DEADLINE_REPORT_EXTENDED, ruhu_date_make (2024, 3, 1), notices, 1, "2024-05-08");

  /* An objection brings a 3-day re-notice on Wednesday 10 to Friday 12
   * April: three more working days off the count, so 9, 10 and the 调休
   * Saturday 11 May. */
  first = ruhu_date_make (2024, 4, 10);
  ruhu_notice_period_init (&notices[1], RUHU_NOTICE_AFTER_OBJECTION, &first);
  assert_due (cal, RUHU_DEADLINE_REPORT_EXTENDED, ruhu_date_make (2024, 3, 1), notices, 2, "2024-05-11");

  /* Without any notice, 40 working days end on the 调休 Sunday 28 April. */
  assert_due (cal, RUHU_DEADLINE_REPORT_EXTENDED, ruhu_date_make (2024, 3, 1), NULL, 0, "2024-04-28");
}

static void
test_report_out_of_range (DeadlineFixture *fixture,
                          gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  GDate start = ruhu_date_make (2026, 12, 1);
  GDate due;

  /* December 2026 has only 22 working days after the 1st. */
  g_assert_false (ruhu_deadline_compute (fixture->calendar, RUHU_DEADLINE_REPORT, &start,
                                         NULL, 0, &due, &error));
  g_assert_error (error, RUHU_CALENDAR_ERROR, RUHU_CALENDAR_ERROR_OUT_OF_RANGE);
  g_assert_nonnull (strstr (error->message, "2027-01-01"));
  g_clear_error (&error);

  start = ruhu_date_make (2018, 12, 28);
  g_assert_false (ruhu_deadline_compute (fixture->calendar, RUHU_DEADLINE_ACCEPTANCE, &start,
                                         NULL, 0, &due, &error));
  g_assert_error (error, RUHU_CALENDAR_ERROR, RUHU_CALENDAR_ERROR_OUT_OF_RANGE);
}

static void
test_notice_periods (void)
{
  RuhuNoticePeriod period;
  GDate first = ruhu_date_make (2024, 3, 20);
  g_autofree char *last1 = NULL;
  g_autofree char *last2 = NULL;
  g_autofree char *last3 = NULL;

  /* A 7-day notice posted on D runs D..D+6 inclusive. */
  ruhu_notice_period_init (&period, RUHU_NOTICE_INITIAL, &first);
  g_assert_cmpint (g_date_compare (&period.first, &first), ==, 0);
  last1 = ruhu_date_format (&period.last);
  g_assert_cmpstr (last1, ==, "2024-03-26");

  /* Across the end of a leap February: 27, 28, 29 February, 1–4 March. */
  first = ruhu_date_make (2024, 2, 27);
  ruhu_notice_period_init (&period, RUHU_NOTICE_INITIAL, &first);
  last2 = ruhu_date_format (&period.last);
  g_assert_cmpstr (last2, ==, "2024-03-04");

  /* Re-notice: 3 days, holidays included (1–3 October 2025). */
  first = ruhu_date_make (2025, 10, 1);
  ruhu_notice_period_init (&period, RUHU_NOTICE_AFTER_OBJECTION, &first);
  last3 = ruhu_date_format (&period.last);
  g_assert_cmpstr (last3, ==, "2025-10-03");
}

static void
test_existence_check (void)
{
  static const struct
  {
    int         year, month, day;
    const char *expected;
  } cases[] = {
    { 2024, 1, 31, "2024-04-30" },
    { 2023, 11, 30, "2024-02-29" },
    { 2025, 11, 30, "2026-02-28" },
    { 2024, 5, 15, "2024-08-15" },
    { 2024, 10, 31, "2025-01-31" },
    { 2024, 12, 31, "2025-03-31" },
    /* Outside the working-day calendar is fine: no working days involved. */
    { 2026, 12, 31, "2027-03-31" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate last = ruhu_date_make (cases[i].year, cases[i].month, cases[i].day);
      g_autofree char *got = NULL;
      GDate due;

      ruhu_deadline_next_existence_check (&last, &due);
      got = ruhu_date_format (&due);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
assert_status (RuhuCalendar      *calendar,
               GDate              due,
               GDate              today,
               RuhuDeadlineState  state,
               int                working_days,
               int                calendar_days)
{
  g_autoptr(GError) error = NULL;
  RuhuDeadlineStatus status;

  g_assert_true (ruhu_deadline_get_status (calendar, &due, &today, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status.state, ==, state);
  g_assert_cmpint (status.working_days, ==, working_days);
  g_assert_cmpint (status.calendar_days, ==, calendar_days);
}

static void
test_status (DeadlineFixture *fixture,
             gconstpointer    data)
{
  RuhuCalendar *cal = fixture->calendar;
  GDate due = ruhu_date_make (2024, 3, 19);
  g_autoptr(GError) error = NULL;
  RuhuDeadlineStatus status;
  GDate today;

  /* Due Tuesday 19 March 2024. Monday 11th: 12–15, 18, 19 left. */
  assert_status (cal, due, ruhu_date_make (2024, 3, 11), RUHU_DEADLINE_STATE_ON_TRACK, 6, 8);
  assert_status (cal, due, ruhu_date_make (2024, 3, 14), RUHU_DEADLINE_STATE_ON_TRACK, 3, 5);
  assert_status (cal, due, ruhu_date_make (2024, 3, 15), RUHU_DEADLINE_STATE_DUE_SOON, 2, 4);
  assert_status (cal, due, ruhu_date_make (2024, 3, 18), RUHU_DEADLINE_STATE_DUE_SOON, 1, 1);
  assert_status (cal, due, ruhu_date_make (2024, 3, 19), RUHU_DEADLINE_STATE_DUE_TODAY, 0, 0);
  assert_status (cal, due, ruhu_date_make (2024, 3, 20), RUHU_DEADLINE_STATE_OVERDUE, 1, -1);
  /* Saturday 23rd: overdue by the 20th, 21st and 22nd. */
  assert_status (cal, due, ruhu_date_make (2024, 3, 23), RUHU_DEADLINE_STATE_OVERDUE, 3, -4);

  /* Due Friday 15 March, seen on the Saturday: overdue, by no working day. */
  assert_status (cal, ruhu_date_make (2024, 3, 15), ruhu_date_make (2024, 3, 16),
                 RUHU_DEADLINE_STATE_OVERDUE, 0, -1);
  /* Due on the 调休 Sunday 18 February 2024, seen on Friday 9 February:
   * the holidays leave a single working day. */
  assert_status (cal, ruhu_date_make (2024, 2, 18), ruhu_date_make (2024, 2, 9),
                 RUHU_DEADLINE_STATE_DUE_SOON, 1, 9);

  /* A status that would need 2027 is an error, not a guess. */
  due = ruhu_date_make (2027, 1, 5);
  today = ruhu_date_make (2026, 12, 30);
  g_assert_false (ruhu_deadline_get_status (cal, &due, &today, &status, &error));
  g_assert_error (error, RUHU_CALENDAR_ERROR, RUHU_CALENDAR_ERROR_OUT_OF_RANGE);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, DeadlineFixture, NULL, deadline_setup, func, deadline_teardown)
  ADD ("/ruhu/deadline/short-deadlines", test_short_deadlines);
  ADD ("/ruhu/deadline/report", test_report);
  ADD ("/ruhu/deadline/report-out-of-range", test_report_out_of_range);
  ADD ("/ruhu/deadline/status", test_status);
#undef ADD

  g_test_add_func ("/ruhu/deadline/kind-days", test_kind_days);
  g_test_add_func ("/ruhu/deadline/notice-periods", test_notice_periods);
  g_test_add_func ("/ruhu/deadline/existence-check", test_existence_check);

  return g_test_run ();
}
