/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-date.h"
#include "ruhu-recheck-lists.h"
#include "test-aftercare-case.h"
#include "test-util.h"

/* The periodic-review list (yearly, listed 30 days ahead) and the
 * aliveness-check list (3 months after publication or the last check),
 * by category, from the steps' days. */

typedef struct
{
  RuhuStore *store;
  char      *rural;      /* 低保, published 10 January 2025 */
  char      *confirmed;  /* 低保, published 10 January, alive on 8 April */
  char      *urban;      /* 低保, published 30 November 2024 */
  char      *near;       /* 低保边缘, published 10 January 2025 */
  char      *temporary;  /* 临时救助, published 10 January 2025 */
  char      *reviewing;  /* 特困, published March 2024, under review */
  char      *continued;  /* 低保, published 2024, continued 10 January 2025 */
  char      *applicant;
} RecheckFixture;

static char *
published (RecheckFixture *f,
           const char     *category,
           const char     *head_name,
           const char     *on)
{
  char *case_id = test_aftercare_household (f->store, category, head_name, "500109100001",
                                            "金刀峡村");

  test_aftercare_publish (f->store, case_id, on);
  return case_id;
}

static void
recheck_setup (RecheckFixture *f,
               gconstpointer   data)
{
  f->store = test_memory_store (NULL);
  f->rural = published (f, "rural_dibao", "陈兰", "2025-01-10");
  f->confirmed = published (f, "rural_dibao", "周平", "2025-01-10");
  test_aftercare_step (f->store, f->confirmed, RUHU_STEP_CONFIRM_ALIVE, "2025-04-08");
  f->urban = published (f, "urban_dibao", "吴军", "2024-11-30");
  f->near = published (f, "near_dibao", "郑雪", "2025-01-10");
  f->temporary = published (f, "temporary_assistance", "王五", "2025-01-10");
  f->reviewing = published (f, "tekun", "赵六", "2024-03-01");
  test_aftercare_step (f->store, f->reviewing, RUHU_STEP_START_PERIODIC_REVIEW, "2025-02-20");
  f->continued = published (f, "rural_dibao", "钱七", "2024-01-05");
  test_aftercare_step (f->store, f->continued, RUHU_STEP_START_PERIODIC_REVIEW, "2025-01-02");
  test_aftercare_step (f->store, f->continued, RUHU_STEP_CONTINUE, "2025-01-10");
  f->applicant = test_aftercare_household (f->store, "rural_dibao", "孙八", "500109100001",
                                           "金刀峡村");
}

static void
recheck_teardown (RecheckFixture *f,
                  gconstpointer   data)
{
  g_clear_object (&f->store);
  g_free (f->rural);
  g_free (f->confirmed);
  g_free (f->urban);
  g_free (f->near);
  g_free (f->temporary);
  g_free (f->reviewing);
  g_free (f->continued);
  g_free (f->applicant);
}

static RuhuRecheckLists *
load (RecheckFixture *f,
      const char     *today)
{
  g_autoptr(GError) error = NULL;
  RuhuRecheckLists *lists;
  GDate day;

  g_assert_true (ruhu_date_parse (today, &day));
  lists = ruhu_recheck_lists_load (f->store, &day, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lists);
  return lists;
}

/* The list's case ids in order, joined by spaces. */
static char *
ids_of (GPtrArray *items)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      RuhuRecheckItem *item = g_ptr_array_index (items, i);

      g_string_append_printf (ids, "%s%s", i > 0 ? " " : "", item->case_id);
    }
  return g_string_free (ids, FALSE);
}

static void
assert_ids (GPtrArray  *items,
            const char *first,
            ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) expected = NULL;
  g_autofree char *expected_text = NULL;
  g_autofree char *got = ids_of (items);
  va_list args;

  va_start (args, first);
  for (const char *id = first; id != NULL; id = va_arg (args, const char *))
    g_strv_builder_add (builder, id);
  va_end (args);
  expected = g_strv_builder_end (builder);
  expected_text = g_strjoinv (" ", expected);
  g_assert_cmpstr (got, ==, expected_text);
}

static void
assert_date (const GDate *date,
             const char  *expected)
{
  g_autofree char *text = ruhu_date_format (date);

  g_assert_cmpstr (text, ==, expected);
}

/* 10 April 2025: three months after the January publications. */
static void
test_aliveness (RecheckFixture *f,
                gconstpointer   data)
{
  g_autoptr(RuhuRecheckLists) before = load (f, "2025-04-09");
  g_autoptr(RuhuRecheckLists) on_day = load (f, "2025-04-10");
  RuhuRecheckItem *item;

  /* The day before: the November publication (due 28 February, the end
   * of a shorter month), the 特困 case under review (due June 2024); the
   * continued case counts from its publication in January 2024. Urban
   * 低保 comes before rural, then 特困. */
  assert_ids (before->aliveness, f->urban, f->continued, f->reviewing, NULL);
  item = g_ptr_array_index (before->aliveness, 0);
  assert_date (&item->since, "2024-11-30");
  assert_date (&item->due, "2025-02-28");
  g_assert_cmpint (item->days_left, ==, -40);
  g_assert_cmpstr (item->category, ==, "urban_dibao");
  g_assert_cmpint (item->state, ==, RUHU_CASE_STATE_PUBLISHED);

  /* On the day the January case joins; the one confirmed on 8 April,
   * 低保边缘 and 临时救助 never do, nor the applicant. */
  assert_ids (on_day->aliveness, f->urban, f->continued, f->rural, f->reviewing, NULL);
  item = g_ptr_array_index (on_day->aliveness, 2);
  g_assert_cmpstr (item->head_name, ==, "陈兰");
  g_assert_cmpint (item->days_left, ==, 0);
}

static void
test_aliveness_after_check (RecheckFixture *f,
                            gconstpointer   data)
{
  g_autoptr(RuhuRecheckLists) lists = load (f, "2025-07-08");
  RuhuRecheckItem *item = NULL;

  for (guint i = 0; i < lists->aliveness->len; i++)
    if (g_str_equal (((RuhuRecheckItem *) g_ptr_array_index (lists->aliveness, i))->case_id,
                     f->confirmed))
      item = g_ptr_array_index (lists->aliveness, i);
  g_assert_nonnull (item);
  assert_date (&item->since, "2025-04-08");
  assert_date (&item->due, "2025-07-08");
}

static void
test_reviews (RecheckFixture *f,
              gconstpointer   data)
{
  g_autoptr(RuhuRecheckLists) early = load (f, "2025-12-10");
  g_autoptr(RuhuRecheckLists) ahead = load (f, "2025-12-11");
  RuhuRecheckItem *item;

  /* A review under way is always listed; the November 2024 publication
   * is late; the others are a year after January 2025, 31 days away. */
  assert_ids (early->reviews, f->urban, f->reviewing, NULL);
  item = g_ptr_array_index (early->reviews, 0);
  assert_date (&item->due, "2025-11-30");
  g_assert_cmpint (item->days_left, ==, -10);
  item = g_ptr_array_index (early->reviews, 1);
  g_assert_cmpint (item->state, ==, RUHU_CASE_STATE_UNDER_REVIEW);
  assert_date (&item->since, "2024-03-01");

  /* 30 days ahead they join, by category: urban 低保, rural 低保 (the
   * continuation and the publication of the same day, by case id), 特困,
   * 低保边缘; 临时救助 has no review. */
  g_assert_cmpuint (ahead->reviews->len, ==, 6);
  item = g_ptr_array_index (ahead->reviews, 0);
  g_assert_cmpstr (item->case_id, ==, f->urban);
  for (guint i = 1; i < 4; i++)
    {
      item = g_ptr_array_index (ahead->reviews, i);
      g_assert_cmpstr (item->category, ==, "rural_dibao");
      assert_date (&item->due, "2026-01-10");
      g_assert_cmpint (item->days_left, ==, 30);
    }
  item = g_ptr_array_index (ahead->reviews, 4);
  g_assert_cmpstr (item->case_id, ==, f->reviewing);
  item = g_ptr_array_index (ahead->reviews, 5);
  g_assert_cmpstr (item->case_id, ==, f->near);
  for (guint i = 0; i < ahead->reviews->len; i++)
    g_assert_cmpstr (((RuhuRecheckItem *) g_ptr_array_index (ahead->reviews, i))->case_id, !=,
                     f->temporary);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/ruhu/recheck-lists/aliveness", RecheckFixture, NULL, recheck_setup,
              test_aliveness, recheck_teardown);
  g_test_add ("/ruhu/recheck-lists/aliveness-after-check", RecheckFixture, NULL, recheck_setup,
              test_aliveness_after_check, recheck_teardown);
  g_test_add ("/ruhu/recheck-lists/reviews", RecheckFixture, NULL, recheck_setup,
              test_reviews, recheck_teardown);
  return g_test_run ();
}
