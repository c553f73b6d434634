/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "http-fixture.h"

/* What the server lets each role see and write, and the signed-sheet lock. */

#define CASE_A "0a0a0a0a-0000-4000-8000-00000000000a"
#define CASE_B "0b0b0b0b-0000-4000-8000-00000000000b"
#define MEMBER "1c1c1c1c-0000-4000-8000-00000000001c"
#define EVIDENCE "2d2d2d2d-0000-4000-8000-00000000002d"
#define VISIT "3e3e3e3e-0000-4000-8000-00000000003e"
#define SHEET "4f4f4f4f-0000-4000-8000-00000000004f"
#define SIGNATURE_1 "5a5a5a5a-0000-4000-8000-00000000005a"
#define SIGNATURE_2 "6b6b6b6b-0000-4000-8000-00000000006b"
#define INCOME "7c7c7c7c-0000-4000-8000-00000000007c"

#define VALID_ID "\"500114200002297206\""
#define PHOTO "\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\""

static const char *
status_of (JsonArray *results,
           guint      index)
{
  return json_object_get_string_member (json_array_get_object_element (results, index), "status");
}

static const char *
code_of (JsonArray *results,
         guint      index)
{
  return json_object_get_string_member_with_default (json_array_get_object_element (results,
                                                                                    index),
                                                     "code", NULL);
}

static void
assert_all_applied (JsonArray *results)
{
  for (guint i = 0; i < json_array_get_length (results); i++)
    g_assert_cmpstr (status_of (results, i), ==, "applied");
}

/* A household in @village, pushed by @token's device. */
static void
push_household (HttpFixture *f,
                const char  *token,
                const char  *device,
                const char  *kase,
                const char  *village)
{
  g_autofree char *code = g_strdup_printf ("\"%s\"", village);
  g_autoptr(JsonArray) results = NULL;

  results = push_results (f, token, make_push (
    make_op (f, kase, "household", kase, NULL, "head_name", "\"赵敏\"", device),
    make_op (f, kase, "household", kase, NULL, "district_code", "\"500109\"", device),
    make_op (f, kase, "household", kase, NULL, "township_code", "\"" TEST_TOWNSHIP "\"", device),
    make_op (f, kase, "household", kase, NULL, "village_code", code, device),
    NULL));
  assert_all_applied (results);
}

static void
test_volunteer_never_sees_id_numbers (HttpFixture   *f,
                                      gconstpointer  data)
{
  g_autofree char *inv = http_login (f, "inv", "dev-inv");
  g_autofree char *vol = NULL;
  g_autoptr(JsonArray) results = NULL;
  g_autoptr(JsonArray) seen = NULL;
  g_autoptr(JsonArray) inv_seen = NULL;
  g_autoptr(GError) error = NULL;

  push_household (f, inv, "dev-inv", CASE_A, TEST_VILLAGE_A);
  results = push_results (f, inv, make_push (
    make_op (f, MEMBER, "member", CASE_A, CASE_A, "name", "\"赵敏\"", "dev-inv"),
    make_op (f, MEMBER, "member", CASE_A, CASE_A, "id_number", VALID_ID, "dev-inv"),
    make_op (f, EVIDENCE, "evidence", CASE_A, CASE_A, "category", "\"id_front\"", "dev-inv"),
    make_op (f, EVIDENCE, "evidence", CASE_A, CASE_A, "photo", PHOTO, "dev-inv"),
    NULL));
  assert_all_applied (results);
  ruhu_directory_assign (ruhu_server_get_directory (f->server), CASE_A, "vol", &error);
  g_assert_no_error (error);

  vol = http_login (f, "vol", "dev-vol");
  seen = pull_all (f, vol);
  g_assert_true (pulled_field (seen, MEMBER, "name"));
  g_assert_false (pulled_field (seen, MEMBER, "id_number"));
  g_assert_false (pulled_field (seen, EVIDENCE, "photo"));
  g_assert_false (pulled_field (seen, EVIDENCE, "category"));

  inv_seen = pull_all (f, inv);
  g_assert_true (pulled_field (inv_seen, MEMBER, "id_number"));
  g_assert_true (pulled_field (inv_seen, EVIDENCE, "photo"));
}

static void
test_volunteer_writes_only_visits (HttpFixture   *f,
                                   gconstpointer  data)
{
  g_autofree char *inv = http_login (f, "inv", "dev-inv");
  g_autofree char *vol = http_login (f, "vol", "dev-vol");
  g_autoptr(JsonArray) before = NULL;
  g_autoptr(JsonArray) after = NULL;
  g_autoptr(GError) error = NULL;

  push_household (f, inv, "dev-inv", CASE_A, TEST_VILLAGE_A);
  before = push_results (f, vol, make_push (
    make_op (f, VISIT, "outreach_visit", CASE_A, CASE_A, "visitor_name", "\"小刘\"", "dev-vol"),
    NULL));
  g_assert_cmpstr (status_of (before, 0), ==, "rejected");
  g_assert_cmpstr (code_of (before, 0), ==, "outside_scope");

  ruhu_directory_assign (ruhu_server_get_directory (f->server), CASE_A, "vol", &error);
  g_assert_no_error (error);
  after = push_results (f, vol, make_push (
    make_op (f, VISIT, "outreach_visit", CASE_A, CASE_A, "visitor_name", "\"小刘\"", "dev-vol"),
    make_op (f, CASE_A, "household", CASE_A, NULL, "head_name", "\"改名\"", "dev-vol"),
    NULL));
  g_assert_cmpstr (status_of (after, 0), ==, "applied");
  g_assert_cmpstr (status_of (after, 1), ==, "rejected");
  g_assert_cmpstr (code_of (after, 1), ==, "role_not_allowed");
}

static void
test_village_assistant_stays_in_village (HttpFixture   *f,
                                         gconstpointer  data)
{
  g_autofree char *inv = http_login (f, "inv", "dev-inv");
  g_autofree char *va_a = http_login (f, "va_a", "dev-a");
  g_autofree char *va_b = http_login (f, "va_b", "dev-b");
  g_autoptr(JsonArray) results = NULL;
  g_autoptr(JsonArray) moved = NULL;
  g_autoptr(JsonArray) seen_a = NULL;
  g_autoptr(JsonArray) seen_b = NULL;

  push_household (f, inv, "dev-inv", CASE_B, TEST_VILLAGE_B);
  push_household (f, va_a, "dev-a", CASE_A, TEST_VILLAGE_A);

  results = push_results (f, va_a, make_push (
    make_op (f, CASE_B, "household", CASE_B, NULL, "address", "\"一组\"", "dev-a"), NULL));
  g_assert_cmpstr (status_of (results, 0), ==, "rejected");
  g_assert_cmpstr (code_of (results, 0), ==, "outside_scope");

  moved = push_results (f, va_a, make_push (
    make_op (f, CASE_A, "household", CASE_A, NULL, "village_code", "\"" TEST_VILLAGE_B "\"",
             "dev-a"), NULL));
  g_assert_cmpstr (status_of (moved, 0), ==, "rejected");
  g_assert_cmpstr (code_of (moved, 0), ==, "outside_scope");

  seen_a = pull_all (f, va_a);
  g_assert_false (pulled_field (seen_a, CASE_B, "head_name"));
  g_assert_true (pulled_field (seen_a, CASE_A, "head_name"));
  seen_b = pull_all (f, va_b);
  g_assert_true (pulled_field (seen_b, CASE_B, "head_name"));
  g_assert_false (pulled_field (seen_b, CASE_A, "head_name"));
}

static char *
signature_op (HttpFixture *f,
              const char  *signature,
              const char  *field,
              const char  *value)
{
  return make_op (f, signature, "signature", CASE_A, SHEET, field, value, "dev-inv");
}

static void
sign_sheet (HttpFixture *f,
            const char  *token)
{
  g_autoptr(JsonArray) results = NULL;
  const char *signature_value = "{\"image\":" PHOTO "}";

  results = push_results (f, token, make_push (
    make_op (f, SHEET, "check_sheet", CASE_A, CASE_A, "place", "\"家中\"", "dev-inv"),
    make_op (f, INCOME, "income", CASE_A, SHEET, "amount_monthly", "120000", "dev-inv"),
    signature_op (f, SIGNATURE_1, "signer_role", "\"investigator\""),
    signature_op (f, SIGNATURE_1, "signature", signature_value),
    signature_op (f, SIGNATURE_2, "signer_role", "\"investigator\""),
    signature_op (f, SIGNATURE_2, "signer_name", "\"钱二\""),
    signature_op (f, SIGNATURE_2, "signature", signature_value),
    NULL));
  assert_all_applied (results);
}

static void
test_signed_sheet_lock (HttpFixture   *f,
                        gconstpointer  data)
{
  g_autofree char *inv = http_login (f, "inv", "dev-inv");
  g_autofree char *sup = http_login (f, "sup", "dev-sup");
  g_autoptr(JsonArray) locked = NULL;
  g_autoptr(JsonArray) not_yours = NULL;
  g_autoptr(JsonArray) reopened = NULL;
  g_autoptr(JsonArray) edited = NULL;

  push_household (f, inv, "dev-inv", CASE_A, TEST_VILLAGE_A);
  sign_sheet (f, inv);

  locked = push_results (f, inv, make_push (
    make_op (f, INCOME, "income", CASE_A, SHEET, "amount_monthly", "99", "dev-inv"),
    signature_op (f, SIGNATURE_1, "signer_role", "\"applicant\""),
    signature_op (f, SIGNATURE_1, "_deleted", "true"),
    NULL));
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpstr (status_of (locked, i), ==, "rejected");
      g_assert_cmpstr (code_of (locked, i), ==, "signed_sheet_locked");
    }

  not_yours = push_results (f, inv, make_push (
    make_op (f, SHEET, "check_sheet", CASE_A, CASE_A, "reopened", "true", "dev-inv"), NULL));
  g_assert_cmpstr (code_of (not_yours, 0), ==, "role_not_allowed");

  reopened = push_results (f, sup, make_push (
    make_op (f, SHEET, "check_sheet", CASE_A, CASE_A, "reopened", "true", "dev-sup"), NULL));
  assert_all_applied (reopened);
  edited = push_results (f, inv, make_push (
    make_op (f, INCOME, "income", CASE_A, SHEET, "amount_monthly", "99", "dev-inv"), NULL));
  assert_all_applied (edited);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, HttpFixture, NULL, http_fixture_setup, func, \
                                    http_fixture_teardown)
  ADD ("/ruhu/http/rules/volunteer-never-sees-id-numbers", test_volunteer_never_sees_id_numbers);
  ADD ("/ruhu/http/rules/volunteer-writes-only-visits", test_volunteer_writes_only_visits);
  ADD ("/ruhu/http/rules/village-assistant-stays-in-village",
       test_village_assistant_stays_in_village);
  ADD ("/ruhu/http/rules/signed-sheet-lock", test_signed_sheet_lock);
#undef ADD

  return g_test_run ();
}
