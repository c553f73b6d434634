/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "ruhu-calendar.h"
#include "ruhu-date.h"

/* Loading the calendar file: what is refused, and how. The answers the
 * official calendar gives are tested in test-calendar.c. */

/* Malformed files: each is written to a temporary directory and must be
 * refused with a message naming the file and the faulty entry. */
typedef struct
{
  const char *name;
  const char *json;
  int         code;
  const char *mention;
} BadFile;

/* The JSON below uses ' for " to stay readable; write_temp_file() swaps them. */
#define HOLIDAY "{'type': 'holiday', 'name': 'x', 'name_en': 'x'}"
#define WORKDAY "{'type': 'workday', 'name': 'x', 'name_en': 'x'}"
#define IN_2024(days) "{'years_covered': [2024], 'days': {" days "}}"
#define INVALID RUHU_CALENDAR_ERROR_INVALID

static const BadFile bad_files[] = {
  { "not-json", "{ 'days': ", RUHU_CALENDAR_ERROR_READ, NULL },
  { "empty", "", RUHU_CALENDAR_ERROR_READ, NULL },
  { "not-object", "[2024]", INVALID, "not a JSON object" },
  { "no-years", "{'days': {}}", INVALID, "“years_covered” is missing" },
  { "empty-years", "{'years_covered': [], 'days': {}}", INVALID, "“years_covered” is missing" },
  { "string-year", "{'years_covered': ['2024'], 'days': {}}", INVALID, "item 1" },
  { "float-year", "{'years_covered': [2024, 2025.5], 'days': {}}", INVALID, "item 2" },
  { "twice-year", "{'years_covered': [2024, 2024], 'days': {}}", INVALID, "2024 twice" },
  { "no-days", "{'years_covered': [2024]}", INVALID, "“days”" },
  { "month-13", IN_2024 ("'2024-13-01': " HOLIDAY), INVALID, "“2024-13-01”" },
  { "short-key", IN_2024 ("'2024-2-10': " HOLIDAY), INVALID, "“2024-2-10”" },
  { "february-30", IN_2024 ("'2024-02-30': " HOLIDAY), INVALID, "“2024-02-30”" },
  { "unknown-type", IN_2024 ("'2024-02-10': {'type': 'vacation', 'name': 'x', 'name_en': 'x'}"),
    INVALID, "“2024-02-10”: “type”" },
  { "missing-type", IN_2024 ("'2024-02-10': {'name': 'x', 'name_en': 'x'}"),
    INVALID, "“2024-02-10”: “type”" },
  { "weekday-workday", IN_2024 ("'2024-02-04': " WORKDAY ", '2024-02-07': " WORKDAY),
    INVALID, "“2024-02-07”: a “workday” entry must be a Saturday or a Sunday" },
  { "outside-coverage", IN_2024 ("'2023-12-30': " HOLIDAY), INVALID, "“2023-12-30”" },
  { "missing-name", IN_2024 ("'2024-02-10': {'type': 'holiday', 'name_en': 'x'}"),
    INVALID, "“2024-02-10”: “name”" },
  { "listed-twice", IN_2024 ("'2024-02-10': " HOLIDAY ", '2024-02-10': " HOLIDAY),
    RUHU_CALENDAR_ERROR_READ, "2024-02-10" },
  { "entry-not-object", IN_2024 ("'2024-02-10': 'holiday'"), INVALID, "“2024-02-10”" },
};

/* Writes @contents to NAME.json in a new private directory. */
static char *
write_temp_file (const char *name,
                 const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ruhu-calendar-XXXXXX", &error);
  g_autofree char *file_name = g_strconcat (name, ".json", NULL);
  g_autofree char *json = g_strdelimit (g_strdup (contents), "'", '"');
  char *path;

  g_assert_no_error (error);
  path = g_build_filename (dir, file_name, NULL);
  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
remove_temp_file (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_bad_file (gconstpointer data)
{
  const BadFile *bad = data;
  g_autofree char *path = write_temp_file (bad->name, bad->json);
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuCalendar) calendar = ruhu_calendar_load (path, &error);

  g_assert_null (calendar);
  g_assert_error (error, RUHU_CALENDAR_ERROR, bad->code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  if (bad->mention != NULL)
    g_assert_nonnull (strstr (error->message, bad->mention));
  remove_temp_file (path);
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ruhu-calendar-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "cn-workdays.json", NULL);
  g_autoptr(RuhuCalendar) calendar = NULL;

  g_assert_no_error (error);
  calendar = ruhu_calendar_load (path, &error);
  g_assert_null (calendar);
  g_assert_error (error, RUHU_CALENDAR_ERROR, RUHU_CALENDAR_ERROR_READ);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_gap_in_coverage (void)
{
  g_autofree char *path = write_temp_file ("gap", "{'years_covered': [2024, 2022], 'days': {}}");
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuCalendar) calendar = ruhu_calendar_load (path, &error);
  GDate from = ruhu_date_make (2022, 12, 30);
  GDate to = ruhu_date_make (2024, 1, 2);
  GDate result;
  int n_days;

  g_assert_no_error (error);
  g_assert_nonnull (calendar);
  g_assert_false (ruhu_calendar_count_working_days (calendar, &from, &to, &n_days, &error));
  g_assert_error (error, RUHU_CALENDAR_ERROR, RUHU_CALENDAR_ERROR_OUT_OF_RANGE);
  g_assert_cmpstr (error->message, ==,
                   "The official calendar covers 2022, 2024; 2023-01-01 is outside it.");
  g_clear_error (&error);

  /* Without holidays listed, 2 January 2024 (Tuesday) is the second working
   * day of the year. */
  from = ruhu_date_make (2023, 12, 31);
  g_assert_false (ruhu_calendar_add_working_days (calendar, &from, 2, &result, &error));
  g_assert_error (error, RUHU_CALENDAR_ERROR, RUHU_CALENDAR_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  from = ruhu_date_make (2024, 1, 1);
  g_assert_true (ruhu_calendar_count_working_days (calendar, &from, &to, &n_days, &error));
  g_assert_cmpint (n_days, ==, 1);
  remove_temp_file (path);
}

static void
test_refcount (void)
{
  g_autoptr(GError) error = NULL;
  RuhuCalendar *calendar = ruhu_calendar_load_default (&error);

  g_assert_no_error (error);
  g_assert_true (ruhu_calendar_ref (calendar) == calendar);
  ruhu_calendar_unref (calendar);
  g_assert_true (G_TYPE_IS_BOXED (RUHU_TYPE_CALENDAR));
  ruhu_calendar_unref (calendar);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ruhu/calendar-file/missing-file", test_missing_file);
  g_test_add_func ("/ruhu/calendar-file/gap-in-coverage", test_gap_in_coverage);
  g_test_add_func ("/ruhu/calendar-file/refcount", test_refcount);
  for (gsize i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *path = g_strconcat ("/ruhu/calendar-file/bad/", bad_files[i].name, NULL);

      g_test_add_data_func (path, &bad_files[i], test_bad_file);
    }

  return g_test_run ();
}
