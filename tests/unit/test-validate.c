/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-form-validate.h"

#define HASH "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
#define UUID "3f2504e0-4f89-41d3-9a0c-0305e82c3301"

static RuhuFormSet *forms;
static GDate today;   /* 2025-06-30: fixed so that date bounds are deterministic */

static RuhuFormField *
field_of (const char *kind,
          const char *name)
{
  RuhuFormField *field = ruhu_form_lookup_field (ruhu_form_set_lookup (forms, kind), name);

  g_assert_nonnull (field);
  return field;
}

/* Checks one JSON value; code -1 means it must be accepted. */
static void
check_value (const char *kind,
             const char *name,
             const char *json,
             int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = json_from_string (json, &error);
  RuhuFormField *field = field_of (kind, name);
  gboolean ok;

  g_assert_no_error (error);
  ok = ruhu_form_field_validate_value (field, value, &today, &error);
  if (code < 0)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      return;
    }
  g_assert_false (ok);
  g_assert_error (error, RUHU_VALIDATE_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, ruhu_form_field_get_label (field)));
}

static GHashTable *
values_from_json (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = json_from_string (json, &error);
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) json_node_unref);
  JsonObject *object;
  g_autoptr(GList) names = NULL;

  g_assert_no_error (error);
  object = json_node_get_object (root);
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    g_hash_table_insert (values, g_strdup (l->data),
                         json_node_copy (json_object_get_member (object, l->data)));
  return values;
}

static gboolean
has_problem (GPtrArray         *problems,
             const char        *field,
             RuhuValidateError  code)
{
  for (guint i = 0; i < problems->len; i++)
    {
      RuhuFormProblem *problem = g_ptr_array_index (problems, i);

      if (g_str_equal (problem->field, field) && problem->code == code)
        return TRUE;
    }
  return FALSE;
}

static void
test_text (void)
{
  g_autofree char *fifty = g_strnfill (50, 'a');
  g_autofree char *json50 = g_strdup_printf ("\"%s\"", fifty);
  g_autofree char *json51 = g_strdup_printf ("\"%sb\"", fifty);

  check_value ("member", "name", "\"张三\"", -1);
  check_value ("member", "name", json50, -1);
  check_value ("member", "name", json51, RUHU_VALIDATE_ERROR_TOO_LONG);
  check_value ("member", "name", "\"张\\n三\"", RUHU_VALIDATE_ERROR_NOT_SINGLE_LINE);
  check_value ("member", "name", "12", RUHU_VALIDATE_ERROR_WRONG_TYPE);
  check_value ("check_sheet", "findings", "\"第一行\\n第二行\"", -1);
  check_value ("household", "village_code", "\"500109001001\"", -1);
  check_value ("household", "village_code", "\"50010900100\"", RUHU_VALIDATE_ERROR_PATTERN);
  check_value ("household", "village_code", "\"x500109001001\"", RUHU_VALIDATE_ERROR_PATTERN);
  check_value ("household", "township_code", "\"500109001\"", -1);
  check_value ("household", "district_code", "\"500109\"", -1);
  check_value ("household", "district_code", "\"5001090\"", RUHU_VALIDATE_ERROR_PATTERN);
}

static void
test_pattern_message (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = json_from_string ("\"123\"", NULL);

  g_assert_false (ruhu_form_field_validate_value (field_of ("household", "village_code"),
                                                  value, &today, &error));
  g_assert_cmpstr (error->message, ==,
                   "Village or community code: must be the 12-digit village or community code");
}

static void
test_numbers (void)
{
  check_value ("member", "obligor_household_size", "1", -1);
  check_value ("member", "obligor_household_size", "30", -1);
  check_value ("member", "obligor_household_size", "0", RUHU_VALIDATE_ERROR_TOO_SMALL);
  check_value ("member", "obligor_household_size", "31", RUHU_VALIDATE_ERROR_TOO_LARGE);
  check_value ("member", "obligor_household_size", "1.5", RUHU_VALIDATE_ERROR_WRONG_TYPE);
  check_value ("member", "obligor_household_size", "\"3\"", RUHU_VALIDATE_ERROR_WRONG_TYPE);
  check_value ("income", "amount_monthly", "0", -1);
  check_value ("income", "amount_monthly", "150000", -1);
  check_value ("income", "amount_monthly", "-1", RUHU_VALIDATE_ERROR_TOO_SMALL);
  check_value ("income", "amount_monthly", "12.5", RUHU_VALIDATE_ERROR_WRONG_TYPE);
}

static void
test_money_message (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = json_from_string ("-100", NULL);

  g_assert_false (ruhu_form_field_validate_value (field_of ("income", "amount_monthly"),
                                                  value, &today, &error));
  g_assert_cmpstr (error->message, ==, "Monthly amount: must not be negative");
}

static void
test_dates (void)
{
  check_value ("member", "birth_date", "\"2000-02-29\"", -1);
  check_value ("member", "birth_date", "\"1880-01-01\"", -1);
  check_value ("member", "birth_date", "\"2025-06-30\"", -1);
  check_value ("member", "birth_date", "\"2025-07-01\"", RUHU_VALIDATE_ERROR_TOO_LARGE);
  check_value ("member", "birth_date", "\"1879-12-31\"", RUHU_VALIDATE_ERROR_TOO_SMALL);
  check_value ("member", "birth_date", "\"1900-02-29\"", RUHU_VALIDATE_ERROR_BAD_DATE);
  check_value ("member", "birth_date", "\"2001-02-29\"", RUHU_VALIDATE_ERROR_BAD_DATE);
  check_value ("member", "birth_date", "\"2000-2-29\"", RUHU_VALIDATE_ERROR_BAD_DATE);
  check_value ("member", "birth_date", "\"2000-13-01\"", RUHU_VALIDATE_ERROR_BAD_DATE);
  check_value ("member", "birth_date", "20000229", RUHU_VALIDATE_ERROR_WRONG_TYPE);
  check_value ("signature", "signed_at", "\"2025-06-30T09:30:00+08:00\"", -1);
  check_value ("signature", "signed_at", "\"2025-06-30T01:30:00.250Z\"", -1);
  check_value ("signature", "signed_at", "\"2025-06-30T09:30:00\"", RUHU_VALIDATE_ERROR_BAD_DATE);
  check_value ("signature", "signed_at", "\"2025-02-30T09:30:00Z\"", RUHU_VALIDATE_ERROR_BAD_DATE);
  check_value ("signature", "signed_at", "\"2025-W01-1T09:30Z\"", RUHU_VALIDATE_ERROR_BAD_DATE);
}

static void
test_choices (void)
{
  check_value ("member", "role", "\"obligor\"", -1);
  check_value ("member", "role", "\"landlord\"", RUHU_VALIDATE_ERROR_NOT_AN_OPTION);
  check_value ("member", "role", "1", RUHU_VALIDATE_ERROR_WRONG_TYPE);
  check_value ("application", "linked_aid", "[\"medical\", \"education\"]", -1);
  check_value ("application", "linked_aid", "[]", -1);
  check_value ("application", "linked_aid", "[\"medical\", \"medical\"]",
               RUHU_VALIDATE_ERROR_DUPLICATE_OPTION);
  check_value ("application", "linked_aid", "[\"lottery\"]", RUHU_VALIDATE_ERROR_NOT_AN_OPTION);
  check_value ("application", "linked_aid", "\"medical\"", RUHU_VALIDATE_ERROR_WRONG_TYPE);
  check_value ("application", "on_behalf", "true", -1);
  check_value ("application", "on_behalf", "\"yes\"", RUHU_VALIDATE_ERROR_WRONG_TYPE);
}

static void
test_identity_and_phone (void)
{
  check_value ("member", "id_number", "\"11010519491231002X\"", -1);
  check_value ("member", "id_number", "\"11010519491231002x\"", RUHU_VALIDATE_ERROR_BAD_ID_NUMBER);
  check_value ("member", "id_number", "\"110105194912310021\"", RUHU_VALIDATE_ERROR_BAD_ID_NUMBER);
  check_value ("member", "id_number", "110105194912310021", RUHU_VALIDATE_ERROR_WRONG_TYPE);
  check_value ("household", "phone", "\"13812345678\"", -1);
  check_value ("household", "phone", "\"023-68881234\"", -1);
  check_value ("household", "phone", "\"1381234567\"", RUHU_VALIDATE_ERROR_BAD_PHONE);
}

static void
test_blobs_and_references (void)
{
  check_value ("evidence", "photo", "\"" HASH "\"", -1);
  check_value ("evidence", "photo", "\"9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08\"",
               RUHU_VALIDATE_ERROR_BAD_HASH);
  check_value ("evidence", "photo", "\"9f86d0\"", RUHU_VALIDATE_ERROR_BAD_HASH);
  check_value ("evidence", "member", "\"" UUID "\"", -1);
  check_value ("evidence", "member", "\"3F2504E0-4F89-41D3-9A0C-0305E82C3301\"",
               RUHU_VALIDATE_ERROR_BAD_REFERENCE);
  check_value ("evidence", "member", "\"member-1\"", RUHU_VALIDATE_ERROR_BAD_REFERENCE);
}

static void
test_signature (void)
{
  const char *key = "\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\"";
  const char *sig = "\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw==\"";
  g_autofree char *full = g_strdup_printf ("{\"image\": \"" HASH "\", \"public_key\": %s, "
                                           "\"signature\": %s, \"signed_at\": \"2025-06-30T10:00:00+08:00\"}",
                                           key, sig);
  g_autofree char *no_key = g_strdup_printf ("{\"image\": \"" HASH "\", \"signature\": %s}", sig);
  g_autofree char *short_key = g_strdup_printf ("{\"image\": \"" HASH "\", \"public_key\": \"AAEC\"}");

  check_value ("signature", "signature", "{\"image\": \"" HASH "\"}", -1);
  check_value ("signature", "signature", full, -1);
  check_value ("signature", "signature", "{}", RUHU_VALIDATE_ERROR_BAD_SIGNATURE);
  check_value ("signature", "signature", "{\"image\": \"" HASH "\", \"colour\": \"red\"}",
               RUHU_VALIDATE_ERROR_BAD_SIGNATURE);
  check_value ("signature", "signature", no_key, RUHU_VALIDATE_ERROR_BAD_SIGNATURE);
  check_value ("signature", "signature", short_key, RUHU_VALIDATE_ERROR_BAD_SIGNATURE);
  check_value ("signature", "signature", "{\"image\": \"" HASH "\", \"signed_at\": \"today\"}",
               RUHU_VALIDATE_ERROR_BAD_SIGNATURE);
  check_value ("signature", "signature", "\"" HASH "\"", RUHU_VALIDATE_ERROR_WRONG_TYPE);
}

static void
test_null_and_computed (void)
{
  check_value ("member", "name", "null", -1);
  check_value ("member", "birth_date", "null", -1);
  check_value ("income", "net_monthly", "null", -1);
  check_value ("income", "net_monthly", "100", RUHU_VALIDATE_ERROR_COMPUTED);
  g_assert_true (ruhu_form_field_validate_value (field_of ("member", "name"), NULL, &today, NULL));
}

#define OBLIGOR "{\"role\": \"obligor\", \"name\": \"李四\", \"id_number\": \"11010519491231002X\", " \
  "\"relation\": \"son\", \"sex\": \"male\", \"birth_date\": \"1949-12-31\", \"health\": \"healthy\""

static void
test_obligor_relevance (void)
{
  RuhuForm *member = ruhu_form_set_lookup (forms, "member");
  g_autoptr(GHashTable) missing = values_from_json (OBLIGOR "}");
  g_autoptr(GHashTable) complete = values_from_json (OBLIGOR ", \"obligor_household_size\": 3, "
                                                     "\"obligor_household_income\": 450000}");
  g_autoptr(GHashTable) covered = values_from_json ("{\"role\": \"covered\", \"name\": \"李四\", "
                                                    "\"id_number\": \"11010519491231002X\", \"relation\": \"applicant\", "
                                                    "\"sex\": \"male\", \"birth_date\": \"1949-12-31\", "
                                                    "\"health\": \"healthy\", \"obligor_household_size\": 3, "
                                                    "\"obligor_household_income\": null}");
  g_autoptr(GPtrArray) problems = NULL;

  problems = ruhu_form_validate_entity (member, missing, &today);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_true (has_problem (problems, "obligor_household_size", RUHU_VALIDATE_ERROR_REQUIRED));
  g_assert_true (has_problem (problems, "obligor_household_income", RUHU_VALIDATE_ERROR_REQUIRED));
  g_clear_pointer (&problems, g_ptr_array_unref);

  problems = ruhu_form_validate_entity (member, complete, &today);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* For a covered member the obligor-only fields must be empty; null is empty. */
  problems = ruhu_form_validate_entity (member, covered, &today);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (has_problem (problems, "obligor_household_size", RUHU_VALIDATE_ERROR_NOT_RELEVANT));
  g_assert_false (ruhu_form_field_is_relevant (field_of ("member", "obligor_household_size"), covered));
  g_assert_true (ruhu_form_field_is_relevant (field_of ("member", "obligor_household_size"), complete));
}

static void
test_other_conditions (void)
{
  RuhuFormField *other = field_of ("application", "linked_aid_other");
  RuhuFormField *grade = field_of ("member", "disability_grade");
  RuhuFormField *value = field_of ("asset", "value");
  g_autoptr(GHashTable) with_other = values_from_json ("{\"linked_aid\": [\"medical\", \"other\"]}");
  g_autoptr(GHashTable) without = values_from_json ("{\"linked_aid\": [\"medical\"]}");
  g_autoptr(GHashTable) physical = values_from_json ("{\"disability_kind\": \"physical\"}");
  g_autoptr(GHashTable) none = values_from_json ("{\"disability_kind\": \"none\"}");
  g_autoptr(GHashTable) livestock = values_from_json ("{\"kind\": \"livestock\"}");
  g_autoptr(GHashTable) empty = values_from_json ("{}");

  g_assert_true (ruhu_form_field_is_relevant (other, with_other));
  g_assert_false (ruhu_form_field_is_relevant (other, without));
  g_assert_false (ruhu_form_field_is_relevant (other, empty));
  g_assert_true (ruhu_form_field_is_relevant (grade, physical));
  g_assert_false (ruhu_form_field_is_relevant (grade, none));
  g_assert_false (ruhu_form_field_is_relevant (value, livestock));
  g_assert_true (ruhu_form_field_is_relevant (value, empty));
}

static void
test_many_problems_at_once (void)
{
  RuhuForm *member = ruhu_form_set_lookup (forms, "member");
  g_autoptr(GHashTable) values = values_from_json (
    "{\"role\": \"covered\", \"name\": \"\", \"id_number\": \"11010519491231002x\", "
    "\"relation\": \"cousin\", \"sex\": \"male\", \"birth_date\": \"2030-01-01\", "
    "\"nickname\": \"小李\", \"_deleted\": false, \"_rev\": 7, \"employer\": \"厂\"}");
  g_autoptr(GPtrArray) problems = ruhu_form_validate_entity (member, values, &today);

  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", ((RuhuFormProblem *) g_ptr_array_index (problems, i))->message);
  g_assert_true (has_problem (problems, "nickname", RUHU_VALIDATE_ERROR_UNKNOWN_FIELD));
  g_assert_true (has_problem (problems, "name", RUHU_VALIDATE_ERROR_REQUIRED));
  g_assert_true (has_problem (problems, "id_number", RUHU_VALIDATE_ERROR_BAD_ID_NUMBER));
  g_assert_true (has_problem (problems, "relation", RUHU_VALIDATE_ERROR_NOT_AN_OPTION));
  g_assert_true (has_problem (problems, "birth_date", RUHU_VALIDATE_ERROR_TOO_LARGE));
  g_assert_true (has_problem (problems, "health", RUHU_VALIDATE_ERROR_REQUIRED));
  g_assert_true (has_problem (problems, "employer", RUHU_VALIDATE_ERROR_NOT_RELEVANT));
  g_assert_cmpuint (problems->len, ==, 7);
  g_assert_cmpstr (((RuhuFormProblem *) g_ptr_array_index (problems, 0))->field, ==, "nickname");
}

static void
test_reserved_fields (void)
{
  RuhuForm *expense = ruhu_form_set_lookup (forms, "expense");
  g_autoptr(GHashTable) good = values_from_json ("{\"kind\": \"rent\", \"amount_monthly\": 30000, "
                                                 "\"_deleted\": true}");
  g_autoptr(GHashTable) bad = values_from_json ("{\"kind\": \"rent\", \"amount_monthly\": 30000, "
                                                "\"_deleted\": \"yes\"}");
  g_autoptr(GPtrArray) problems = ruhu_form_validate_entity (expense, good, &today);

  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = ruhu_form_validate_entity (expense, bad, &today);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (has_problem (problems, "_deleted", RUHU_VALIDATE_ERROR_WRONG_TYPE));
}

static gint64
computed_int (GHashTable *computed,
              const char *name)
{
  JsonNode *node = g_hash_table_lookup (computed, name);

  g_assert_nonnull (node);
  return json_node_get_int (node);
}

static void
test_computed_totals (void)
{
  RuhuForm *income = ruhu_form_set_lookup (forms, "income");
  RuhuFormField *net = field_of ("income", "net_monthly");
  g_autoptr(GHashTable) both = values_from_json ("{\"kind\": \"business\", \"amount_monthly\": 150000, "
                                                 "\"costs_monthly\": 50000, \"net_monthly\": 1}");
  g_autoptr(GHashTable) amount_only = values_from_json ("{\"kind\": \"wages\", \"amount_monthly\": 260000}");
  g_autoptr(GHashTable) nothing = values_from_json ("{\"kind\": \"wages\"}");
  g_autoptr(GHashTable) computed = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  computed = ruhu_form_compute_entity (income, both);
  g_assert_cmpint (computed_int (computed, "net_monthly"), ==, 100000);
  g_clear_pointer (&computed, g_hash_table_unref);

  computed = ruhu_form_compute_entity (income, amount_only);
  g_assert_cmpint (computed_int (computed, "net_monthly"), ==, 260000);
  g_clear_pointer (&computed, g_hash_table_unref);

  computed = ruhu_form_compute_entity (income, nothing);
  g_assert_cmpuint (g_hash_table_size (computed), ==, 0);

  node = ruhu_form_field_compute (net, both);
  g_assert_cmpint (json_node_get_int (node), ==, 100000);

  /* The stored value of a computed field is refused as input. */
  problems = ruhu_form_validate_entity (income, both, &today);
  g_assert_true (has_problem (problems, "net_monthly", RUHU_VALIDATE_ERROR_COMPUTED));
  g_assert_true (has_problem (problems, "member", RUHU_VALIDATE_ERROR_REQUIRED));
  g_assert_cmpuint (problems->len, ==, 2);
}

static void
test_entity_sensitivity (void)
{
  g_autoptr(GHashTable) id_card = values_from_json ("{\"category\": \"id_front\", \"photo\": \"" HASH "\"}");
  g_autoptr(GHashTable) dwelling = values_from_json ("{\"category\": \"dwelling_photo\", \"photo\": \"" HASH "\"}");
  g_autoptr(GHashTable) member = values_from_json ("{\"name\": \"王五\", \"bank_account\": \"6222020200112233445\", "
                                                   "\"health\": \"healthy\"}");

  g_assert_cmpint (ruhu_form_entity_get_sensitivity (ruhu_form_set_lookup (forms, "evidence"), id_card),
                   ==, RUHU_SENSITIVITY_ID_NUMBER);
  g_assert_cmpint (ruhu_form_entity_get_sensitivity (ruhu_form_set_lookup (forms, "evidence"), dwelling),
                   ==, RUHU_SENSITIVITY_NONE);
  g_assert_cmpint (ruhu_form_entity_get_sensitivity (ruhu_form_set_lookup (forms, "member"), member),
                   ==, RUHU_SENSITIVITY_BANK | RUHU_SENSITIVITY_HEALTH);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 30, 6, 2025);
  forms = ruhu_form_set_load_default (&error);
  g_assert_no_error (error);

  g_test_add_func ("/ruhu/validate/text", test_text);
  g_test_add_func ("/ruhu/validate/pattern-message", test_pattern_message);
  g_test_add_func ("/ruhu/validate/numbers", test_numbers);
  g_test_add_func ("/ruhu/validate/money-message", test_money_message);
  g_test_add_func ("/ruhu/validate/dates", test_dates);
  g_test_add_func ("/ruhu/validate/choices", test_choices);
  g_test_add_func ("/ruhu/validate/identity-and-phone", test_identity_and_phone);
  g_test_add_func ("/ruhu/validate/blobs-and-references", test_blobs_and_references);
  g_test_add_func ("/ruhu/validate/signature", test_signature);
  g_test_add_func ("/ruhu/validate/null-and-computed", test_null_and_computed);
  g_test_add_func ("/ruhu/validate/obligor-relevance", test_obligor_relevance);
  g_test_add_func ("/ruhu/validate/other-conditions", test_other_conditions);
  g_test_add_func ("/ruhu/validate/many-problems-at-once", test_many_problems_at_once);
  g_test_add_func ("/ruhu/validate/reserved-fields", test_reserved_fields);
  g_test_add_func ("/ruhu/validate/computed-totals", test_computed_totals);
  g_test_add_func ("/ruhu/validate/entity-sensitivity", test_entity_sensitivity);

  status = g_test_run ();
  ruhu_form_set_unref (forms);
  return status;
}
