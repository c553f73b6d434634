/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>

#include "ruhu-calendar.h"
#include "ruhu-date.h"
#include "ruhu-paths.h"

/* Expected values below were worked out by hand from
 * data/calendar/cn-workdays.json, the entries quoted beside each test. */

typedef struct
{
  RuhuCalendar *calendar;
} CalendarFixture;

static void
calendar_setup (CalendarFixture *fixture,
                gconstpointer    data)
{
  g_autoptr(GError) error = NULL;

  fixture->calendar = ruhu_calendar_load_default (&error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->calendar);
}

static void
calendar_teardown (CalendarFixture *fixture,
                   gconstpointer    data)
{
  g_clear_pointer (&fixture->calendar, ruhu_calendar_unref);
}

static gboolean
is_working (RuhuCalendar *calendar,
            int           year,
            int           month,
            int           day)
{
  g_autoptr(GError) error = NULL;
  GDate date = ruhu_date_make (year, month, day);
  gboolean working = FALSE;

  g_assert_true (ruhu_calendar_is_working_day (calendar, &date, &working, &error));
  g_assert_no_error (error);
  return working;
}

/* Returns the result as "YYYY-MM-DD" so that failures print readably. */
static char *
add_days (RuhuCalendar *calendar,
          int           year,
          int           month,
          int           day,
          int           n_days)
{
  g_autoptr(GError) error = NULL;
  GDate start = ruhu_date_make (year, month, day);
  GDate result;

  g_assert_true (ruhu_calendar_add_working_days (calendar, &start, n_days, &result, &error));
  g_assert_no_error (error);
  return ruhu_date_format (&result);
}

static int
count_days (RuhuCalendar *calendar,
            GDate         from,
            GDate         to)
{
  g_autoptr(GError) error = NULL;
  int n_days = G_MININT;

  g_assert_true (ruhu_calendar_count_working_days (calendar, &from, &to, &n_days, &error));
  g_assert_no_error (error);
  return n_days;
}

#define assert_added(cal, y, m, d, n, expected) \
  G_STMT_START { \
    g_autofree char *_got = add_days (cal, y, m, d, n); \
    g_assert_cmpstr (_got, ==, expected); \
  } G_STMT_END

static void
test_ordinary_week (CalendarFixture *fixture,
                    gconstpointer    data)
{
  RuhuCalendar *cal = fixture->calendar;
  /* 11–15 March 2024 is Monday to Friday with nothing listed. */
  for (int day = 11; day <= 15; day++)
    g_assert_true (is_working (cal, 2024, 3, day));
  g_assert_false (is_working (cal, 2024, 3, 16));
  g_assert_false (is_working (cal, 2024, 3, 17));

  assert_added (cal, 2024, 3, 15, 0, "2024-03-15");
  assert_added (cal, 2024, 3, 16, 0, "2024-03-16");
  assert_added (cal, 2024, 3, 15, 1, "2024-03-18");
  assert_added (cal, 2024, 3, 15, 2, "2024-03-19");
  assert_added (cal, 2024, 3, 16, 1, "2024-03-18");
  assert_added (cal, 2024, 3, 11, 5, "2024-03-18");

  g_assert_cmpint (count_days (cal, ruhu_date_make (2024, 3, 15), ruhu_date_make (2024, 3, 19)), ==, 2);
  g_assert_cmpint (count_days (cal, ruhu_date_make (2024, 3, 15), ruhu_date_make (2024, 3, 15)), ==, 0);
  g_assert_cmpint (count_days (cal, ruhu_date_make (2024, 3, 15), ruhu_date_make (2024, 3, 17)), ==, 0);
  g_assert_cmpint (count_days (cal, ruhu_date_make (2024, 3, 10), ruhu_date_make (2024, 3, 17)), ==, 5);
  /* Backwards counts are the negation of the forward ones. */
  g_assert_cmpint (count_days (cal, ruhu_date_make (2024, 3, 19), ruhu_date_make (2024, 3, 15)), ==, -2);
}

static void
test_spring_festival_2024 (CalendarFixture *fixture,
                           gconstpointer    data)
{
  RuhuCalendar *cal = fixture->calendar;
  const char *name = NULL, *name_en = NULL;
  GDate date = ruhu_date_make (2024, 2, 10);
  g_autoptr(GError) error = NULL;

  /* 2024-02-04 (Sun) and 2024-02-18 (Sun) are 调休 working days; 10–17
   * February are holidays; Friday 9 February is not listed. */
  g_assert_true (is_working (cal, 2024, 2, 4));
  g_assert_true (is_working (cal, 2024, 2, 9));
  for (int day = 10; day <= 17; day++)
    g_assert_false (is_working (cal, 2024, 2, day));
  g_assert_true (is_working (cal, 2024, 2, 18));

  g_assert_true (ruhu_calendar_get_holiday (cal, &date, &name, &name_en, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "春节");
  g_assert_cmpstr (name_en, ==, "Spring Festival");

  /* A 调休 working day and an ordinary weekend have no holiday name. */
  date = ruhu_date_make (2024, 2, 18);
  g_assert_true (ruhu_calendar_get_holiday (cal, &date, &name, NULL, &error));
  g_assert_null (name);
  date = ruhu_date_make (2024, 3, 16);
  g_assert_true (ruhu_calendar_get_holiday (cal, &date, NULL, &name_en, &error));
  g_assert_null (name_en);

  assert_added (cal, 2024, 2, 8, 1, "2024-02-09");
  assert_added (cal, 2024, 2, 8, 2, "2024-02-18");
  assert_added (cal, 2024, 2, 9, 1, "2024-02-18");
  assert_added (cal, 2024, 2, 9, 2, "2024-02-19");
  assert_added (cal, 2024, 2, 2, 1, "2024-02-04");

  /* February 2024 after the 1st: 20 weekdays, less 12–16 off, plus the
   * Sundays 4 and 18. */
  g_assert_cmpint (count_days (cal, ruhu_date_make (2024, 2, 1), ruhu_date_make (2024, 2, 29)), ==, 17);
}

static void
test_national_day_2025 (CalendarFixture *fixture,
                        gconstpointer    data)
{
  RuhuCalendar *cal = fixture->calendar;
  const char *name = NULL;
  GDate date = ruhu_date_make (2025, 10, 6);
  g_autoptr(GError) error = NULL;

  /* Sunday 28 September and Saturday 11 October are working days; 1–8
   * October are off, the 6th being Mid-autumn. */
  g_assert_true (is_working (cal, 2025, 9, 28));
  for (int day = 1; day <= 8; day++)
    g_assert_false (is_working (cal, 2025, 10, day));
  g_assert_true (is_working (cal, 2025, 10, 11));
  g_assert_false (is_working (cal, 2025, 10, 12));

  g_assert_true (ruhu_calendar_get_holiday (cal, &date, &name, NULL, &error));
  g_assert_cmpstr (name, ==, "中秋");

  assert_added (cal, 2025, 9, 26, 1, "2025-09-28");
  assert_added (cal, 2025, 9, 26, 2, "2025-09-29");
  assert_added (cal, 2025, 9, 30, 1, "2025-10-09");
  assert_added (cal, 2025, 9, 30, 3, "2025-10-11");
  assert_added (cal, 2025, 9, 30, 4, "2025-10-13");

  /* 28, 29, 30 September, 9, 10, 11 October. */
  g_assert_cmpint (count_days (cal, ruhu_date_make (2025, 9, 26), ruhu_date_make (2025, 10, 12)), ==, 6);
}

static void
test_extension_2020 (CalendarFixture *fixture,
                     gconstpointer    data)
{
  RuhuCalendar *cal = fixture->calendar;
  /* The State Council extended the 2020 Spring Festival to 2 February:
   * Friday 31 January became a holiday and Saturday 1 February, first a
   * 调休 working day, a day off. Sunday 19 January stayed a working day. */
  g_assert_true (is_working (cal, 2020, 1, 19));
  g_assert_true (is_working (cal, 2020, 1, 23));
  g_assert_false (is_working (cal, 2020, 1, 31));
  g_assert_false (is_working (cal, 2020, 2, 1));
  g_assert_false (is_working (cal, 2020, 2, 2));
  g_assert_true (is_working (cal, 2020, 2, 3));

  assert_added (cal, 2020, 1, 23, 1, "2020-02-03");
  assert_added (cal, 2020, 1, 17, 1, "2020-01-19");
}

static void
test_year_boundary (CalendarFixture *fixture,
                    gconstpointer    data)
{
  RuhuCalendar *cal = fixture->calendar;
  /* 1–3 January 2026 are off (the 2nd in lieu), Sunday the 4th works. */
  assert_added (cal, 2025, 12, 31, 1, "2026-01-04");
  assert_added (cal, 2025, 12, 31, 2, "2026-01-05");
  assert_added (cal, 2025, 12, 30, 1, "2025-12-31");
  g_assert_cmpint (count_days (cal, ruhu_date_make (2025, 12, 29), ruhu_date_make (2026, 1, 5)), ==, 4);
  /* 2026 ends on a Thursday with nothing listed. */
  assert_added (cal, 2026, 12, 30, 1, "2026-12-31");
}

static void
assert_out_of_range (GError     *error,
                     const char *date)
{
  g_autofree char *path = ruhu_data_path ("calendar", "cn-workdays.json", NULL);
  g_autofree char *expected = NULL;

  g_assert_error (error, RUHU_CALENDAR_ERROR, RUHU_CALENDAR_ERROR_OUT_OF_RANGE);
  if (g_str_has_prefix (date, "2027"))
    expected = g_strdup_printf ("The official calendar covers 2019–2026; %s is outside it. "
                                "Update %s when the State Council publishes 2027’s holidays.",
                                date, path);
  else
    expected = g_strdup_printf ("The official calendar covers 2019–2026; %s is outside it.",
                                date);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_out_of_range (CalendarFixture *fixture,
                   gconstpointer    data)
{
  RuhuCalendar *cal = fixture->calendar;
  GDate date = ruhu_date_make (2026, 12, 30);
  GDate other, result;
  gboolean working;
  int n_days;

  {
    g_autoptr(GError) error = NULL;

    /* The 31st is the first working day; the second would be in 2027. */
    g_assert_false (ruhu_calendar_add_working_days (cal, &date, 5, &result, &error));
    assert_out_of_range (error, "2027-01-01");
  }
  {
    g_autoptr(GError) error = NULL;

    other = ruhu_date_make (2027, 1, 4);
    g_assert_false (ruhu_calendar_count_working_days (cal, &date, &other, &n_days, &error));
    assert_out_of_range (error, "2027-01-01");
  }
  {
    g_autoptr(GError) error = NULL;

    other = ruhu_date_make (2027, 1, 4);
    g_assert_false (ruhu_calendar_is_working_day (cal, &other, &working, &error));
    assert_out_of_range (error, "2027-01-04");
    g_assert_false (ruhu_calendar_covers (cal, &other));
    g_assert_true (ruhu_calendar_covers (cal, &date));
  }
  {
    g_autoptr(GError) error = NULL;

    other = ruhu_date_make (2018, 6, 1);
    g_assert_false (ruhu_calendar_is_working_day (cal, &other, &working, &error));
    assert_out_of_range (error, "2018-06-01");
  }
  {
    g_autoptr(GError) error = NULL;

    other = ruhu_date_make (2018, 12, 31);
    g_assert_false (ruhu_calendar_get_holiday (cal, &other, NULL, NULL, &error));
    assert_out_of_range (error, "2018-12-31");
  }
  {
    g_autoptr(GError) error = NULL;

    /* The start date itself must be covered, even adding 0. */
    other = ruhu_date_make (2018, 12, 28);
    g_assert_false (ruhu_calendar_add_working_days (cal, &other, 0, &result, &error));
    assert_out_of_range (error, "2018-12-28");
  }
  {
    g_autoptr(GError) error = NULL;

    /* Either order: the earlier date is checked first. */
    date = ruhu_date_make (2019, 1, 10);
    other = ruhu_date_make (2018, 12, 1);
    g_assert_false (ruhu_calendar_count_working_days (cal, &date, &other, &n_days, &error));
    assert_out_of_range (error, "2018-12-01");
  }
}

/* Counts 2024's working days straight from the JSON file with the rules of
 * data/README.md, without the library. */
static int
count_year_independently (int year)
{
  g_autofree char *path = ruhu_data_path ("calendar", "cn-workdays.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *days;
  GDate date = ruhu_date_make (year, 1, 1);
  int n_days = 0;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  days = json_object_get_object_member (root, "days");

  for (; g_date_get_year (&date) == year; g_date_add_days (&date, 1))
    {
      g_autofree char *key = ruhu_date_format (&date);
      JsonObject *entry = json_object_has_member (days, key)
                          ? json_object_get_object_member (days, key) : NULL;
      gboolean weekend = g_date_get_weekday (&date) >= G_DATE_SATURDAY;

      if (entry != NULL)
        n_days += g_strcmp0 (json_object_get_string_member (entry, "type"), "workday") == 0;
      else
        n_days += !weekend;
    }
  return n_days;
}

static void
test_whole_year_2024 (CalendarFixture *fixture,
                      gconstpointer    data)
{
  RuhuCalendar *cal = fixture->calendar;
  int independent = count_year_independently (2024);
  int by_day = 0;
  GDate date = ruhu_date_make (2024, 1, 1);

  for (; g_date_get_year (&date) == 2024; g_date_add_days (&date, 1))
    {
      g_autoptr(GError) error = NULL;
      gboolean working = FALSE;

      g_assert_true (ruhu_calendar_is_working_day (cal, &date, &working, &error));
      by_day += working;
    }

  g_assert_cmpint (count_days (cal, ruhu_date_make (2023, 12, 31), ruhu_date_make (2024, 12, 31)),
                   ==, independent);
  g_assert_cmpint (by_day, ==, independent);
  /* The widely published figure: 262 weekdays, less 19 listed weekday
   * holidays, plus 8 调休 weekend working days. */
  g_assert_cmpint (independent, ==, 251);
}

static void
test_counts_are_consistent (CalendarFixture *fixture,
                            gconstpointer    data)
{
  RuhuCalendar *cal = fixture->calendar;
  GDate origin = ruhu_date_make (2019, 1, 1);

  for (int i = 0; i < 200; i++)
    {
      GDate a = origin, b = origin, c = origin, back;
      g_autoptr(GError) error = NULL;
      int ab, bc, ac;

      g_date_add_days (&a, (guint) g_test_rand_int_range (0, 2900));
      g_date_add_days (&b, (guint) g_test_rand_int_range (0, 2900));
      g_date_add_days (&c, (guint) g_test_rand_int_range (0, 2900));
      ab = count_days (cal, a, b);
      bc = count_days (cal, b, c);
      ac = count_days (cal, a, c);
      g_assert_cmpint (ab + bc, ==, ac);
      g_assert_cmpint (count_days (cal, b, a), ==, -ab);

      /* Only forwards: when b is before a with nothing but days off
       * between, the count is 0 and adding it stays on a, after b. */
      if (g_date_compare (&a, &b) <= 0)
        {
          gboolean working;

          g_assert_true (ruhu_calendar_add_working_days (cal, &a, ab, &back, &error));
          g_assert_true (ruhu_calendar_is_working_day (cal, &b, &working, &error));
          /* Adding the count lands on b, or before b when b is a day off. */
          g_assert_cmpint (g_date_compare (&back, &b), <=, 0);
          if (working && ab > 0)
            g_assert_cmpint (g_date_compare (&back, &b), ==, 0);
        }
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, CalendarFixture, NULL, calendar_setup, func, calendar_teardown)
  ADD ("/ruhu/calendar/ordinary-week", test_ordinary_week);
  ADD ("/ruhu/calendar/spring-festival-2024", test_spring_festival_2024);
  ADD ("/ruhu/calendar/national-day-2025", test_national_day_2025);
  ADD ("/ruhu/calendar/extension-2020", test_extension_2020);
  ADD ("/ruhu/calendar/year-boundary", test_year_boundary);
  ADD ("/ruhu/calendar/out-of-range", test_out_of_range);
  ADD ("/ruhu/calendar/whole-year-2024", test_whole_year_2024);
  ADD ("/ruhu/calendar/counts-are-consistent", test_counts_are_consistent);
#undef ADD

  return g_test_run ();
}
