/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-case-overview.h"
#include "ruhu-date.h"
#include "test-util.h"
#include "test-workflow-case.h"

/* The supervisor's overview (ruhu-case-overview.c) over cases whose steps
 * are taken with ruhu_workflow_take(), read through the case index, judged
 * on days around National Day 2025 with the real calendar (data/calendar):
 * 1–8 October are off, Sunday 28 September and Saturday 11 October are
 * worked. */

typedef struct
{
  RuhuStore    *store;
  RuhuCalendar *calendar;
  char         *fresh;       /* applied 30 September: accept by 10 October */
  char         *incomplete;  /* materials due 15 September */
  char         *investigated;
  char         *evaluated;
  char         *returned;    /* investigated, then returned: investigating */
  char         *published;   /* aliveness check due 22 December */
  char         *household;   /* no application */
} OverviewFixture;

static char *
new_walked (RuhuStore     *store,
            RuhuCaseState  target)
{
  char *case_id = test_case_new_complete (store, "rural_dibao");

  test_case_walk (store, case_id, target);
  return case_id;
}

static void
fixture_setup (OverviewFixture *f,
               gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) head = test_text ("赵强");

  f->store = test_memory_store (NULL);
  f->calendar = ruhu_calendar_load_default (&error);
  g_assert_no_error (error);
  f->fresh = test_case_new (f->store, "rural_dibao", "2025-09-30");
  f->incomplete = test_case_new (f->store, "rural_dibao", "2025-09-01");
  test_case_take (f->store, f->incomplete, RUHU_STEP_REQUEST_MATERIALS, "supervisor",
                  "2025-09-02T10:00:00+08:00");
  f->investigated = new_walked (f->store, RUHU_CASE_STATE_INVESTIGATED);
  f->evaluated = new_walked (f->store, RUHU_CASE_STATE_EVALUATED);
  f->returned = new_walked (f->store, RUHU_CASE_STATE_INVESTIGATED);
  test_case_take (f->store, f->returned, RUHU_STEP_RETURN, "supervisor", "2025-09-08T10:00:00+08:00");
  f->published = new_walked (f->store, RUHU_CASE_STATE_PUBLISHED);
  f->household = g_uuid_string_random ();
  ruhu_op_unref (ruhu_store_write (f->store, f->household, "household", f->household, NULL,
                                   "head_name", head, TEST_ACTOR, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (OverviewFixture *f,
                  gconstpointer    data)
{
  g_clear_object (&f->store);
  ruhu_calendar_unref (f->calendar);
  g_free (f->fresh);
  g_free (f->incomplete);
  g_free (f->investigated);
  g_free (f->evaluated);
  g_free (f->returned);
  g_free (f->published);
  g_free (f->household);
}

static RuhuCaseOverview *
overview_on (OverviewFixture *f,
             const char      *day)
{
  RuhuCaseIndexOptions options = { f->calendar, NULL, TEST_ACTOR };
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  g_assert_true (ruhu_date_parse (day, &today));
  options.today = &today;
  infos = ruhu_case_index_load (f->store, NULL, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 7);
  return ruhu_case_overview_new (infos, f->calendar, &today);
}

/* The list's case ids, in order, then NULL. */
static void
assert_list (GPtrArray  *list,
             const char *first,
             ...)
{
  va_list args;
  const char *expected = first;
  guint i = 0;

  va_start (args, first);
  for (; expected != NULL; expected = va_arg (args, const char *), i++)
    {
      g_assert_cmpuint (i, <, list->len);
      g_assert_cmpstr (((RuhuCaseInfo *) g_ptr_array_index (list, i))->case_id, ==, expected);
    }
  va_end (args);
  g_assert_cmpuint (list->len, ==, i);
}

static gboolean
holds (GPtrArray  *list,
       const char *case_id)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (((RuhuCaseInfo *) g_ptr_array_index (list, i))->case_id, case_id))
      return TRUE;
  return FALSE;
}

static void
test_counts_and_queues (OverviewFixture *f,
                        gconstpointer    data)
{
  g_autoptr(RuhuCaseOverview) overview = overview_on (f, "2025-09-30");
  guint total = 0;

  g_assert_cmpuint (overview->n_cases, ==, 7);
  g_assert_cmpuint (overview->counts[RUHU_CASE_STATE_APPLIED], ==, 2);
  g_assert_cmpuint (overview->counts[RUHU_CASE_STATE_INCOMPLETE], ==, 1);
  g_assert_cmpuint (overview->counts[RUHU_CASE_STATE_INVESTIGATED], ==, 1);
  g_assert_cmpuint (overview->counts[RUHU_CASE_STATE_EVALUATED], ==, 1);
  g_assert_cmpuint (overview->counts[RUHU_CASE_STATE_INVESTIGATING], ==, 1);
  g_assert_cmpuint (overview->counts[RUHU_CASE_STATE_PUBLISHED], ==, 1);
  for (guint i = 0; i < RUHU_N_CASE_STATES; i++)
    total += overview->counts[i];
  g_assert_cmpuint (total, ==, 7);

  /* The household without an application is not waiting for acceptance. */
  assert_list (overview->acceptance, f->incomplete, f->fresh, NULL);
  g_assert_cmpuint (overview->review->len, ==, 2);
  g_assert_true (holds (overview->review, f->investigated));
  g_assert_true (holds (overview->review, f->evaluated));
  assert_list (overview->returned, f->returned, NULL);
}

/* Around National Day: acceptance is due on 10 October, the report of a
 * case accepted on 2 September on 13 October (25 working days). */
static void
test_due_over_holidays (OverviewFixture *f,
                        gconstpointer    data)
{
  g_autoptr(RuhuCaseOverview) holiday = overview_on (f, "2025-10-01");
  g_autoptr(RuhuCaseOverview) before = overview_on (f, "2025-10-09");
  g_autoptr(RuhuCaseOverview) due_day = overview_on (f, "2025-10-10");

  /* Nine calendar days ahead, but only two working days: due soon. */
  assert_list (holiday->overdue, f->incomplete, NULL);
  assert_list (holiday->due_soon, f->fresh, NULL);
  /* On 9 October the report is three working days away because Saturday
   * 11 October is worked: not yet due soon. */
  assert_list (before->due_soon, f->fresh, NULL);
  /* On 10 October acceptance is due today, the reports within two. */
  g_assert_cmpuint (due_day->due_soon->len, ==, 4);
  g_assert_cmpstr (((RuhuCaseInfo *) g_ptr_array_index (due_day->due_soon, 0))->case_id, ==, f->fresh);
  g_assert_cmpint (((RuhuCaseInfo *) g_ptr_array_index (due_day->due_soon, 0))->deadline_status.state,
                   ==, RUHU_DEADLINE_STATE_DUE_TODAY);
  for (guint i = 1; i < 4; i++)
    {
      RuhuCaseInfo *info = g_ptr_array_index (due_day->due_soon, i);

      g_assert_cmpint (info->deadline_kind, ==, RUHU_CASE_DEADLINE_REPORT);
      g_assert_cmpint (info->deadline_status.working_days, ==, 2);
    }
}

/* Overdue cases come by due date, the aliveness check of December last. */
static void
test_overdue_order (OverviewFixture *f,
                    gconstpointer    data)
{
  g_autoptr(RuhuCaseOverview) october = overview_on (f, "2025-10-14");
  g_autoptr(RuhuCaseOverview) december = overview_on (f, "2025-12-23");
  RuhuCaseInfo *last;

  g_assert_cmpuint (october->overdue->len, ==, 5);
  g_assert_cmpstr (((RuhuCaseInfo *) g_ptr_array_index (october->overdue, 0))->case_id, ==,
                   f->incomplete);
  g_assert_cmpstr (((RuhuCaseInfo *) g_ptr_array_index (october->overdue, 1))->case_id, ==, f->fresh);
  for (guint i = 1; i < october->overdue->len; i++)
    g_assert_cmpint (ruhu_case_info_compare_due (g_ptr_array_index (october->overdue, i - 1),
                                                 g_ptr_array_index (october->overdue, i)), <, 0);
  g_assert_false (holds (october->overdue, f->published));

  g_assert_cmpuint (december->overdue->len, ==, 6);
  last = g_ptr_array_index (december->overdue, 5);
  g_assert_cmpstr (last->case_id, ==, f->published);
  g_assert_cmpint (last->deadline_kind, ==, RUHU_CASE_DEADLINE_ALIVENESS_CHECK);
  g_assert_cmpint (g_date_get_month (&last->deadline), ==, 12);
  g_assert_cmpint (g_date_get_day (&last->deadline), ==, 22);
}

/* The deadline order of the list: a case without a deadline comes last. */
static void
test_sort_by_due (OverviewFixture *f,
                  gconstpointer    data)
{
  RuhuCaseIndexOptions options = { f->calendar, NULL, TEST_ACTOR };
  g_autoptr(GPtrArray) infos = ruhu_case_index_load (f->store, NULL, &options, NULL, NULL);
  RuhuCaseInfo *last;

  ruhu_case_infos_sort_by_due (infos);
  last = g_ptr_array_index (infos, infos->len - 1);
  g_assert_cmpstr (last->case_id, ==, f->household);
  g_assert_false (last->has_deadline);
  for (guint i = 1; i + 1 < infos->len; i++)
    {
      RuhuCaseInfo *a = g_ptr_array_index (infos, i - 1), *b = g_ptr_array_index (infos, i);

      g_assert_cmpint (g_date_compare (&a->deadline, &b->deadline), <=, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) \
  g_test_add ("/ruhu/case-overview/" name, OverviewFixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("counts-and-queues", test_counts_and_queues);
  ADD ("due-over-holidays", test_due_over_holidays);
  ADD ("overdue-order", test_overdue_order);
  ADD ("sort-by-due", test_sort_by_due);
#undef ADD
  return g_test_run ();
}
