/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-date.h"
#include "ruhu-visit-schedule.h"
#include "test-aftercare-case.h"
#include "test-util.h"
#include "test-workflow-case.h"

/* Outreach visits: key recipients every month, others every quarter,
 * judged across month, quarter and year ends and a leap day. */

static GDate
parse (const char *text)
{
  GDate date;

  g_assert_true (ruhu_date_parse (text, &date));
  return date;
}

static void
assert_date (const GDate *date,
             const char  *expected)
{
  g_autofree char *text = ruhu_date_format (date);

  g_assert_cmpstr (text, ==, expected);
}

typedef struct
{
  RuhuVisitInterval  interval;
  const char        *day;
  const char        *first;
  const char        *last;
} PeriodCase;

static const PeriodCase period_cases[] = {
  { RUHU_VISIT_MONTHLY, "2025-01-31", "2025-01-01", "2025-01-31" },
  { RUHU_VISIT_MONTHLY, "2025-02-01", "2025-02-01", "2025-02-28" },
  { RUHU_VISIT_MONTHLY, "2024-02-29", "2024-02-01", "2024-02-29" },
  { RUHU_VISIT_MONTHLY, "2025-12-31", "2025-12-01", "2025-12-31" },
  { RUHU_VISIT_QUARTERLY, "2025-01-01", "2025-01-01", "2025-03-31" },
  { RUHU_VISIT_QUARTERLY, "2025-03-31", "2025-01-01", "2025-03-31" },
  { RUHU_VISIT_QUARTERLY, "2025-04-01", "2025-04-01", "2025-06-30" },
  { RUHU_VISIT_QUARTERLY, "2025-08-15", "2025-07-01", "2025-09-30" },
  { RUHU_VISIT_QUARTERLY, "2025-12-31", "2025-10-01", "2025-12-31" },
};

static void
test_periods (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (period_cases); i++)
    {
      const PeriodCase *c = &period_cases[i];
      GDate day = parse (c->day);
      GDate first, last;

      ruhu_visit_period (c->interval, &day, &first, &last);
      assert_date (&first, c->first);
      assert_date (&last, c->last);
    }
}

typedef struct
{
  RuhuVisitInterval  interval;
  const char        *last_visit;  /* NULL: never visited */
  const char        *today;
  RuhuVisitStatus    status;
  const char        *due;
} JudgeCase;

static const JudgeCase judge_cases[] = {
  /* Monthly: the last day of a month counts for that month only. */
  { RUHU_VISIT_MONTHLY, "2025-01-31", "2025-02-01", RUHU_VISIT_DUE, "2025-02-28" },
  { RUHU_VISIT_MONTHLY, "2025-02-01", "2025-02-28", RUHU_VISIT_DONE, "2025-02-28" },
  { RUHU_VISIT_MONTHLY, "2025-02-28", "2025-02-28", RUHU_VISIT_DONE, "2025-02-28" },
  { RUHU_VISIT_MONTHLY, "2024-12-31", "2025-02-01", RUHU_VISIT_OVERDUE, "2025-01-31" },
  { RUHU_VISIT_MONTHLY, "2024-12-31", "2025-01-01", RUHU_VISIT_DUE, "2025-01-31" },
  { RUHU_VISIT_MONTHLY, "2024-01-15", "2024-02-29", RUHU_VISIT_DUE, "2024-02-29" },
  { RUHU_VISIT_MONTHLY, "2024-01-31", "2024-03-01", RUHU_VISIT_OVERDUE, "2024-02-29" },
  { RUHU_VISIT_MONTHLY, NULL, "2025-03-15", RUHU_VISIT_OVERDUE, "2025-02-28" },
  /* Quarterly: January–March, April–June, … */
  { RUHU_VISIT_QUARTERLY, "2025-03-31", "2025-04-01", RUHU_VISIT_DUE, "2025-06-30" },
  { RUHU_VISIT_QUARTERLY, "2025-04-01", "2025-06-30", RUHU_VISIT_DONE, "2025-06-30" },
  { RUHU_VISIT_QUARTERLY, "2025-01-01", "2025-06-30", RUHU_VISIT_DUE, "2025-06-30" },
  { RUHU_VISIT_QUARTERLY, "2024-12-31", "2025-04-01", RUHU_VISIT_OVERDUE, "2025-03-31" },
  { RUHU_VISIT_QUARTERLY, "2024-10-01", "2025-01-02", RUHU_VISIT_DUE, "2025-03-31" },
  { RUHU_VISIT_QUARTERLY, "2024-09-30", "2025-01-02", RUHU_VISIT_OVERDUE, "2024-12-31" },
  { RUHU_VISIT_QUARTERLY, NULL, "2025-01-01", RUHU_VISIT_OVERDUE, "2024-12-31" },
};

static void
test_judge (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (judge_cases); i++)
    {
      const JudgeCase *c = &judge_cases[i];
      GDate today = parse (c->today);
      GDate last, due;

      g_date_clear (&last, 1);
      if (c->last_visit != NULL)
        last = parse (c->last_visit);
      g_test_message ("case %u: last %s, today %s", i, c->last_visit, c->today);
      g_assert_cmpint (ruhu_visit_judge (c->interval, &last, &today, &due), ==, c->status);
      assert_date (&due, c->due);
    }
}

static char *
add_member (RuhuStore  *store,
            const char *case_id,
            const char *role,
            const char *field,
            const char *value)
{
  char *member = test_case_add_member (store, case_id, role, "刘洋", "1960-05-01");

  if (field != NULL)
    test_aftercare_set (store, case_id, member, "member", field, value);
  return member;
}

static RuhuKeyRecipient
key_of (RuhuStore  *store,
        const char *case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuCaseSnapshot) snapshot = ruhu_case_snapshot_load (store, case_id, &error);

  g_assert_no_error (error);
  return ruhu_visit_key_recipient (snapshot);
}

/* Who is a key recipient: covered members only, severe grades only, and
 * 特困 only when supported at home. */
static void
test_key_recipients (void)
{
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autofree char *plain = test_aftercare_household (store, "rural_dibao", "甲", "500109100001",
                                                     "金刀峡村");
  g_autofree char *disabled = test_aftercare_household (store, "rural_dibao", "乙",
                                                        "500109100001", "金刀峡村");
  g_autofree char *obligor = test_aftercare_household (store, "rural_dibao", "丙",
                                                       "500109100001", "金刀峡村");
  g_autofree char *home = test_aftercare_household (store, "tekun", "丁", "500109100001",
                                                    "金刀峡村");
  g_autofree char *care_home = test_aftercare_household (store, "tekun", "戊", "500109100001",
                                                         "金刀峡村");
  g_autofree char *orphan = test_aftercare_household (store, "urban_dibao", "己",
                                                      "500109100001", "金刀峡村");

  g_free (add_member (store, plain, "covered", "disability_grade", "grade_3"));
  g_free (add_member (store, disabled, "covered", "disability_grade", "grade_2"));
  g_free (add_member (store, obligor, "obligor", "disability_grade", "grade_1"));
  test_aftercare_set (store, home, home, "household", "tekun_support", "dispersed");
  test_aftercare_set (store, care_home, care_home, "household", "tekun_support", "centralised");
  g_free (add_member (store, orphan, "covered", "orphan", "dispersed"));

  g_assert_cmpint (key_of (store, plain), ==, RUHU_KEY_RECIPIENT_NONE);
  g_assert_cmpint (key_of (store, disabled), ==, RUHU_KEY_RECIPIENT_SEVERE_DISABILITY);
  g_assert_cmpint (key_of (store, obligor), ==, RUHU_KEY_RECIPIENT_NONE);
  g_assert_cmpint (key_of (store, home), ==, RUHU_KEY_RECIPIENT_DISPERSED_TEKUN);
  g_assert_cmpint (key_of (store, care_home), ==, RUHU_KEY_RECIPIENT_NONE);
  g_assert_cmpint (key_of (store, orphan), ==, RUHU_KEY_RECIPIENT_DISPERSED_ORPHAN);
}

static RuhuVisitDue *
find_due (GPtrArray  *schedule,
          const char *case_id)
{
  for (guint i = 0; i < schedule->len; i++)
    {
      RuhuVisitDue *due = g_ptr_array_index (schedule, i);

      if (g_str_equal (due->case_id, case_id))
        return due;
    }
  return NULL;
}

/* A village of three recipients and one applicant, and a second village,
 * on 1 April 2025: a month's and a quarter's first day. */
typedef struct
{
  RuhuStore *store;
  char      *monthly_due;   /* severely disabled, visited in March */
  char      *monthly_done;  /* 特困 at home, visited on 1 April */
  char      *quarterly_overdue;
  char      *applicant;
  char      *other_village;
} ScheduleFixture;

static void
schedule_setup (ScheduleFixture *f,
                gconstpointer    data)
{
  f->store = test_memory_store (NULL);
  f->monthly_due = test_aftercare_household (f->store, "rural_dibao", "陈兰", "500109100001",
                                             "金刀峡村");
  g_free (add_member (f->store, f->monthly_due, "covered", "disability_grade", "grade_1"));
  test_aftercare_publish (f->store, f->monthly_due, "2025-02-10");
  test_aftercare_visit (f->store, f->monthly_due, "2025-02-12");
  test_aftercare_visit (f->store, f->monthly_due, "2025-03-31");

  f->monthly_done = test_aftercare_household (f->store, "tekun", "周平", "500109100001",
                                              "金刀峡村");
  test_aftercare_set (f->store, f->monthly_done, f->monthly_done, "household", "tekun_support",
                      "dispersed");
  test_aftercare_publish (f->store, f->monthly_done, "2025-02-10");
  test_aftercare_visit (f->store, f->monthly_done, "2025-04-01");

  f->quarterly_overdue = test_aftercare_household (f->store, "urban_dibao", "吴军",
                                                   "500109100001", "金刀峡村");
  test_aftercare_publish (f->store, f->quarterly_overdue, "2024-11-04");
  test_aftercare_visit (f->store, f->quarterly_overdue, "2024-12-31");

  f->applicant = test_aftercare_household (f->store, "rural_dibao", "郑雪", "500109100001",
                                           "金刀峡村");
  f->other_village = test_aftercare_household (f->store, "rural_dibao", "黄河", "500109100002",
                                               "柳荫村");
  test_aftercare_publish (f->store, f->other_village, "2025-03-03");
  test_aftercare_visit (f->store, f->other_village, "2025-03-05");
}

static void
schedule_teardown (ScheduleFixture *f,
                   gconstpointer    data)
{
  g_clear_object (&f->store);
  g_free (f->monthly_due);
  g_free (f->monthly_done);
  g_free (f->quarterly_overdue);
  g_free (f->applicant);
  g_free (f->other_village);
}

static GPtrArray *
load (ScheduleFixture *f,
      const char      *village_code,
      const char      *today)
{
  g_autoptr(GError) error = NULL;
  GDate day = parse (today);
  GPtrArray *schedule = ruhu_visit_schedule_load (f->store, village_code, RUHU_VISIT_SCOPE_RECIPIENTS,
                                                  &day, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (schedule);
  return schedule;
}

static void
test_schedule (ScheduleFixture *f,
               gconstpointer    data)
{
  g_autoptr(GPtrArray) schedule = load (f, NULL, "2025-04-01");
  RuhuVisitDue *due;

  /* The applicant receives nothing yet and is not visited. */
  g_assert_cmpuint (schedule->len, ==, 4);
  g_assert_null (find_due (schedule, f->applicant));

  /* Overdue first, then due, then done. */
  due = g_ptr_array_index (schedule, 0);
  g_assert_cmpstr (due->case_id, ==, f->quarterly_overdue);
  g_assert_cmpint (due->status, ==, RUHU_VISIT_OVERDUE);
  g_assert_cmpint (due->interval, ==, RUHU_VISIT_QUARTERLY);
  assert_date (&due->due, "2025-03-31");
  assert_date (&due->last_visit, "2024-12-31");

  due = find_due (schedule, f->monthly_due);
  g_assert_cmpint (due->status, ==, RUHU_VISIT_DUE);
  g_assert_cmpint (due->interval, ==, RUHU_VISIT_MONTHLY);
  g_assert_cmpint (due->key, ==, RUHU_KEY_RECIPIENT_SEVERE_DISABILITY);
  assert_date (&due->last_visit, "2025-03-31");
  assert_date (&due->period_start, "2025-04-01");
  assert_date (&due->due, "2025-04-30");
  g_assert_cmpstr (due->village_name, ==, "金刀峡村");

  due = g_ptr_array_index (schedule, 3);
  g_assert_cmpstr (due->case_id, ==, f->monthly_done);
  g_assert_cmpint (due->status, ==, RUHU_VISIT_DONE);

  /* The March visit of the other village is enough for the quarter only. */
  due = find_due (schedule, f->other_village);
  g_assert_cmpint (due->status, ==, RUHU_VISIT_DUE);
  assert_date (&due->due, "2025-06-30");
}

/* A volunteer's device schedules every household it holds. */
static void
test_schedule_of_all (ScheduleFixture *f,
                      gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  GDate day = parse ("2025-04-01");
  g_autoptr(GPtrArray) schedule = ruhu_visit_schedule_load (f->store, NULL, RUHU_VISIT_SCOPE_ALL,
                                                            &day, NULL, &error);
  RuhuVisitDue *due;

  g_assert_no_error (error);
  g_assert_cmpuint (schedule->len, ==, 5);
  due = find_due (schedule, f->applicant);
  g_assert_nonnull (due);
  g_assert_cmpint (due->status, ==, RUHU_VISIT_OVERDUE);
  g_assert_cmpint (due->interval, ==, RUHU_VISIT_QUARTERLY);
}

static void
test_schedule_of_village (ScheduleFixture *f,
                          gconstpointer    data)
{
  g_autoptr(GPtrArray) schedule = load (f, "500109100002", "2025-04-01");

  g_assert_cmpuint (schedule->len, ==, 1);
  g_assert_cmpstr (((RuhuVisitDue *) g_ptr_array_index (schedule, 0))->case_id, ==,
                   f->other_village);
}

/* The last day of March: the monthly household is done for March and the
 * other village for the quarter. */
static void
test_rates (ScheduleFixture *f,
            gconstpointer    data)
{
  g_autoptr(GPtrArray) schedule = load (f, NULL, "2025-03-31");
  g_autoptr(GPtrArray) rates = ruhu_visit_rates (schedule);
  RuhuVisitRate *rate;

  g_assert_cmpuint (rates->len, ==, 2);
  rate = g_ptr_array_index (rates, 0);
  g_assert_cmpstr (rate->village_name, ==, "柳荫村");
  g_assert_cmpuint (rate->n_due, ==, 1);
  g_assert_cmpuint (rate->n_visited, ==, 1);
  g_assert_cmpfloat (ruhu_visit_rate_get_fraction (rate), ==, 1.0);

  rate = g_ptr_array_index (rates, 1);
  g_assert_cmpstr (rate->village_code, ==, "500109100001");
  g_assert_cmpuint (rate->n_due, ==, 3);
  /* 陈兰 visited on 31 March; 周平's visit is in April, after the day
   * asked about; 吴军's in December was for the last quarter. */
  g_assert_cmpuint (rate->n_visited, ==, 1);
  g_assert_cmpfloat_with_epsilon (ruhu_visit_rate_get_fraction (rate), 1.0 / 3, 1e-9);
}

static void
test_describe (void)
{
  g_autofree char *none = ruhu_key_recipient_describe (RUHU_KEY_RECIPIENT_NONE);
  g_autofree char *two = ruhu_key_recipient_describe (RUHU_KEY_RECIPIENT_DISPERSED_ORPHAN |
                                                      RUHU_KEY_RECIPIENT_SEVERE_DISABILITY);

  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (two, ==, "Orphan living dispersed, Severely disabled");
  g_assert_cmpstr (ruhu_visit_status_get_label (RUHU_VISIT_OVERDUE), ==, "Overdue");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ruhu/visit-schedule/periods", test_periods);
  g_test_add_func ("/ruhu/visit-schedule/judge", test_judge);
  g_test_add_func ("/ruhu/visit-schedule/key-recipients", test_key_recipients);
  g_test_add_func ("/ruhu/visit-schedule/describe", test_describe);
  g_test_add ("/ruhu/visit-schedule/schedule", ScheduleFixture, NULL, schedule_setup,
              test_schedule, schedule_teardown);
  g_test_add ("/ruhu/visit-schedule/schedule-of-all", ScheduleFixture, NULL, schedule_setup,
              test_schedule_of_all, schedule_teardown);
  g_test_add ("/ruhu/visit-schedule/schedule-of-village", ScheduleFixture, NULL, schedule_setup,
              test_schedule_of_village, schedule_teardown);
  g_test_add ("/ruhu/visit-schedule/rates", ScheduleFixture, NULL, schedule_setup,
              test_rates, schedule_teardown);
  return g_test_run ();
}
