/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-case-snapshot.h"
#include "ruhu-demo.h"
#include "ruhu-income.h"
#include "ruhu-standards.h"
#include "test-util.h"

/* The household's income per person, the local standards it is compared
 * with, and what the case page reads from the store. */

#define CASE "6d0a4c1e-0000-4000-8000-000000000001"
#define SHEET "6d0a4c1e-0000-4000-8000-000000000002"

static char *
uuid (guint n)
{
  return g_strdup_printf ("6d0a4c1e-0000-4000-8000-%012u", n);
}

static void
write_field (RuhuStore  *store,
             const char *entity,
             const char *kind,
             const char *parent,
             const char *field,
             JsonNode   *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuOp) op = ruhu_store_write (store, entity, kind, CASE, parent, field, value,
                                           "tester", &error);

  g_assert_no_error (error);
  g_assert_nonnull (op);
  json_node_unref (value);
}

static void
add_member (RuhuStore  *store,
            guint       n,
            const char *role)
{
  g_autofree char *id = uuid (n);

  write_field (store, id, "member", CASE, "role", test_text (role));
}

static void
add_income (RuhuStore *store,
            guint      n,
            guint      member,
            gint64     amount,
            gint64     costs)
{
  g_autofree char *id = uuid (n);
  g_autofree char *member_id = uuid (member);

  write_field (store, id, "income", SHEET, "member", test_text (member_id));
  write_field (store, id, "income", SHEET, "amount_monthly", test_int (amount));
  if (costs > 0)
    write_field (store, id, "income", SHEET, "costs_monthly", test_int (costs));
}

static RuhuStore *
household_store (void)
{
  RuhuStore *store = test_memory_store (NULL);

  write_field (store, CASE, "household", NULL, "head_name", test_text ("张三"));
  write_field (store, SHEET, "check_sheet", CASE, "place", test_text ("家中"));
  return store;
}

static void
test_per_person (void)
{
  g_autoptr(RuhuStore) store = household_store ();
  g_autoptr(RuhuCaseSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  RuhuIncome income;

  add_member (store, 10, "covered");
  add_member (store, 11, "covered");
  add_member (store, 12, "covered");
  add_member (store, 13, "obligor");
  add_income (store, 20, 10, 150000, 0);
  add_income (store, 21, 11, 80000, 20000);    /* farming: net 600 yuan */
  add_income (store, 22, 13, 500000, 0);       /* the obligor's own: left out */
  snapshot = ruhu_case_snapshot_load (store, CASE, &error);
  g_assert_no_error (error);

  ruhu_income_compute (snapshot, &income);
  g_assert_cmpuint (income.n_covered, ==, 3);
  g_assert_cmpuint (income.n_items, ==, 2);
  g_assert_cmpint (income.net_fen, ==, 210000);
  g_assert_cmpint (income.per_person_fen, ==, 70000);
}

static void
test_rounding_and_empty (void)
{
  g_autoptr(RuhuStore) store = household_store ();
  g_autoptr(RuhuCaseSnapshot) snapshot = NULL;
  RuhuIncome income;

  snapshot = ruhu_case_snapshot_load (store, CASE, NULL);
  ruhu_income_compute (snapshot, &income);
  g_assert_cmpuint (income.n_covered, ==, 0);
  g_assert_cmpint (income.per_person_fen, ==, 0);
  g_assert_cmpint (ruhu_income_compare (&income, NULL), ==, RUHU_INCOME_UNKNOWN);
  g_clear_pointer (&snapshot, ruhu_case_snapshot_free);

  /* 100.00 yuan for three: 33.33 each; 100.02 for three: 33.34. */
  add_member (store, 10, "covered");
  add_member (store, 11, "covered");
  add_member (store, 12, "covered");
  add_income (store, 20, 10, 10000, 0);
  snapshot = ruhu_case_snapshot_load (store, CASE, NULL);
  ruhu_income_compute (snapshot, &income);
  g_assert_cmpint (income.per_person_fen, ==, 3333);
  g_clear_pointer (&snapshot, ruhu_case_snapshot_free);
  add_income (store, 21, 11, 2, 0);
  snapshot = ruhu_case_snapshot_load (store, CASE, NULL);
  ruhu_income_compute (snapshot, &income);
  g_assert_cmpint (income.per_person_fen, ==, 3334);
}

/* The snapshot's tables are live: a typed value changes the total. */
static void
test_typed_values (void)
{
  g_autoptr(RuhuStore) store = household_store ();
  g_autoptr(RuhuCaseSnapshot) snapshot = NULL;
  g_autofree char *item = uuid (20);
  RuhuCaseEntity *entity;
  RuhuIncome income;

  add_member (store, 10, "covered");
  add_income (store, 20, 10, 10000, 0);
  snapshot = ruhu_case_snapshot_load (store, CASE, NULL);
  entity = ruhu_case_snapshot_lookup (snapshot, item);
  g_assert_nonnull (entity);
  g_hash_table_insert (entity->values, g_strdup ("amount_monthly"), test_int (99900));
  ruhu_income_compute (snapshot, &income);
  g_assert_cmpint (income.per_person_fen, ==, 99900);
}

static RuhuStandards *
load_standards (void)
{
  g_autoptr(GError) error = NULL;
  RuhuStandards *standards = ruhu_standards_load_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (standards);
  return standards;
}

static void
test_standards_lookup (void)
{
  g_autoptr(RuhuStandards) standards = load_standards ();
  RuhuStandard standard;
  GDate date;

  /* 渝民规〔2025〕6号 from 2025-07-01: 770 / 630 / 1001 yuan. */
  g_date_set_dmy (&date, 1, 7, 2025);
  g_assert_true (ruhu_standards_lookup (standards, "500109102000", RUHU_STANDARD_URBAN_DIBAO,
                                        &date, &standard));
  g_assert_cmpint (standard.fen_per_person, ==, 77000);
  g_assert_false (standard.from_is_issue_date);
  g_assert_cmpstr (standard.notice, ==, "渝民规〔2025〕6号");
  g_assert_true (ruhu_standards_lookup (standards, "500235", RUHU_STANDARD_TEKUN, &date, &standard));
  g_assert_cmpint (standard.fen_per_person, ==, 100100);

  /* The day before: 渝民发〔2024〕9号, 610 yuan rural. */
  g_date_set_dmy (&date, 30, 6, 2025);
  g_assert_true (ruhu_standards_lookup (standards, "500152", RUHU_STANDARD_RURAL_DIBAO,
                                        &date, &standard));
  g_assert_cmpint (standard.fen_per_person, ==, 61000);
  g_assert_true (standard.from_is_issue_date);

  /* Before any recorded standard, and a province with none. */
  g_date_set_dmy (&date, 1, 1, 2023);
  g_assert_false (ruhu_standards_lookup (standards, "500152", RUHU_STANDARD_RURAL_DIBAO,
                                         &date, &standard));
  g_date_set_dmy (&date, 1, 1, 2026);
  g_assert_false (ruhu_standards_lookup (standards, "331021", RUHU_STANDARD_RURAL_DIBAO,
                                         &date, &standard));
  g_assert_false (ruhu_standards_lookup (standards, NULL, RUHU_STANDARD_RURAL_DIBAO,
                                         &date, &standard));
}

static void
test_standard_kind (void)
{
  g_assert_cmpint (ruhu_standard_kind_for ("urban_dibao", "rural"), ==, RUHU_STANDARD_URBAN_DIBAO);
  g_assert_cmpint (ruhu_standard_kind_for ("rural_dibao", "urban"), ==, RUHU_STANDARD_RURAL_DIBAO);
  g_assert_cmpint (ruhu_standard_kind_for ("tekun", "rural"), ==, RUHU_STANDARD_TEKUN);
  g_assert_cmpint (ruhu_standard_kind_for ("temporary_assistance", "rural"), ==,
                   RUHU_STANDARD_RURAL_DIBAO);
  g_assert_cmpint (ruhu_standard_kind_for (NULL, NULL), ==, RUHU_STANDARD_URBAN_DIBAO);
}

static void
test_compare (void)
{
  RuhuIncome income = { .n_covered = 2, .per_person_fen = 62999 };
  RuhuStandard standard = { .fen_per_person = 63000 };

  g_assert_cmpint (ruhu_income_compare (&income, &standard), ==, RUHU_INCOME_BELOW_STANDARD);
  income.per_person_fen = 63000;
  g_assert_cmpint (ruhu_income_compare (&income, &standard), ==, RUHU_INCOME_AT_STANDARD);
  income.per_person_fen = 63001;
  g_assert_cmpint (ruhu_income_compare (&income, &standard), ==, RUHU_INCOME_ABOVE_STANDARD);
}

static void
test_bad_standards_file (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "dibao.json", NULL);
  const char *bad[] = {
    "[]",
    "{\"regions\": [{\"code_prefix\": \"50\", \"name\": \"x\", \"periods\": [{}]}]}",
    "{\"regions\": [{\"code_prefix\": \"50\", \"name\": \"x\", \"periods\": [{\"from\": \"2025-13-01\","
    " \"from_is_issue_date\": false, \"notice\": \"n\", \"urban_dibao\": 1, \"rural_dibao\": 1,"
    " \"tekun_basic_living\": 1}]}]}",
    "{\"regions\": [{\"code_prefix\": \"50\", \"name\": \"x\", \"periods\": [{\"from\": \"2025-01-01\","
    " \"from_is_issue_date\": false, \"notice\": \"n\", \"urban_dibao\": 0, \"rural_dibao\": 1,"
    " \"tekun_basic_living\": 1}]}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RuhuStandards) standards = NULL;

      g_assert_true (g_file_set_contents (path, bad[i], -1, NULL));
      standards = ruhu_standards_load (path, &error);
      g_assert_null (standards);
      g_assert_error (error, RUHU_STANDARDS_ERROR, RUHU_STANDARDS_ERROR_INVALID);
    }
  test_remove_tree (dir);
}

static void
test_money_format (void)
{
  const struct { gint64 fen; const char *text; } cases[] = {
    { 0, "0.00" }, { 5, "0.05" }, { 123456, "1234.56" }, { -5, "-0.05" }, { -100, "-1.00" },
    { G_MININT64, "-92233720368547758.08" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = ruhu_money_format (cases[i].fen);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* A demo case's sheet is complete; emptying a required field shows it. */
static void
test_sheet_missing (void)
{
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autoptr(RuhuFormSet) forms = ruhu_form_set_load_default (NULL);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(RuhuCaseSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  RuhuCaseEntity *sheet;
  RuhuMissingField *m;

  g_assert_true (ruhu_demo_generate (store, 1, 7, "tester", &ids, &error));
  snapshot = ruhu_case_snapshot_load (store, g_ptr_array_index (ids, 0), &error);
  g_assert_no_error (error);
  missing = ruhu_case_snapshot_sheet_missing (snapshot, forms, NULL);
  for (guint i = 0; i < missing->len; i++)
    g_test_message ("missing: %s", ((RuhuMissingField *) g_ptr_array_index (missing, i))->message);
  g_assert_cmpuint (missing->len, ==, 0);
  g_clear_pointer (&missing, g_ptr_array_unref);

  sheet = ruhu_case_snapshot_first (snapshot, "check_sheet");
  g_assert_nonnull (sheet);
  g_assert_true (g_hash_table_remove (sheet->values, "findings"));
  missing = ruhu_case_snapshot_sheet_missing (snapshot, forms, NULL);
  g_assert_cmpuint (missing->len, ==, 1);
  m = g_ptr_array_index (missing, 0);
  g_assert_cmpstr (m->entity, ==, sheet->id);
  g_assert_cmpstr (m->field, ==, "findings");
  g_assert_nonnull (strstr (m->message, "Findings of the investigation"));

  /* Without a sheet at all, that is what is missing. */
  g_ptr_array_remove (snapshot->entities, sheet);
  g_clear_pointer (&missing, g_ptr_array_unref);
  missing = ruhu_case_snapshot_sheet_missing (snapshot, forms, NULL);
  g_assert_cmpuint (missing->len, >=, 1);
  g_assert_cmpstr (((RuhuMissingField *) g_ptr_array_index (missing, 0))->kind, ==, "check_sheet");
}

static void
test_snapshot_skips_deleted (void)
{
  g_autoptr(RuhuStore) store = household_store ();
  g_autoptr(RuhuCaseSnapshot) snapshot = NULL;
  g_autoptr(RuhuOp) op = NULL;
  g_autofree char *member = uuid (10);
  g_autoptr(GPtrArray) members = NULL;

  add_member (store, 10, "covered");
  add_member (store, 11, "covered");
  op = ruhu_store_set_deleted (store, member, TRUE, "tester", NULL);
  g_assert_nonnull (op);
  snapshot = ruhu_case_snapshot_load (store, CASE, NULL);
  members = ruhu_case_snapshot_children (snapshot, CASE, "member");
  g_assert_cmpuint (members->len, ==, 1);
  g_assert_null (ruhu_case_snapshot_lookup (snapshot, member));
  g_assert_false (ruhu_case_snapshot_has_conflict (snapshot, CASE, "head_name"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ruhu/income/per-person", test_per_person);
  g_test_add_func ("/ruhu/income/rounding-and-empty", test_rounding_and_empty);
  g_test_add_func ("/ruhu/income/typed-values", test_typed_values);
  g_test_add_func ("/ruhu/income/compare", test_compare);
  g_test_add_func ("/ruhu/income/money-format", test_money_format);
  g_test_add_func ("/ruhu/standards/lookup", test_standards_lookup);
  g_test_add_func ("/ruhu/standards/kind", test_standard_kind);
  g_test_add_func ("/ruhu/standards/bad-file", test_bad_standards_file);
  g_test_add_func ("/ruhu/case-snapshot/sheet-missing", test_sheet_missing);
  g_test_add_func ("/ruhu/case-snapshot/skips-deleted", test_snapshot_skips_deleted);
  return g_test_run ();
}
