/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "http-fixture.h"

/* Per-field return comments through the real push: only a supervisor
 * writes them, and they reach the investigators on pull. */

#define CASE_A "0a0a0a0a-0000-4000-8000-00000000000a"
#define COMMENT "8d8d8d8d-0000-4000-8000-00000000008d"
#define STRAY "9e9e9e9e-0000-4000-8000-00000000009e"

static const char *
result_member (JsonArray  *results,
               guint       index,
               const char *member)
{
  JsonObject *result = json_array_get_object_element (results, index);

  return json_object_get_string_member_with_default (result, member, NULL);
}

/* The three fields of a comment on the household's head name. */
static JsonArray *
push_comment (HttpFixture *f,
              const char  *token,
              const char  *device,
              const char  *entity,
              const char  *parent)
{
  return push_results (f, token, make_push (
    make_op (f, entity, "review_comment", CASE_A, parent, "target", "\"" CASE_A "\"", device),
    make_op (f, entity, "review_comment", CASE_A, parent, "field", "\"head_name\"", device),
    make_op (f, entity, "review_comment", CASE_A, parent, "comment", "\"户主姓名与身份证不符\"",
             device),
    NULL));
}

static void
assert_refused (JsonArray  *results,
                const char *code)
{
  g_assert_cmpuint (json_array_get_length (results), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpstr (result_member (results, i, "status"), ==, "rejected");
      g_assert_cmpstr (result_member (results, i, "code"), ==, code);
    }
}

static void
test_only_supervisors_comment (HttpFixture   *f,
                               gconstpointer  data)
{
  g_autofree char *inv = http_login (f, "inv", "dev-inv");
  g_autofree char *sup = http_login (f, "sup", "dev-sup");
  g_autofree char *vol = http_login (f, "vol", "dev-vol");
  g_autofree char *va = http_login (f, "va_a", "dev-va");
  g_autoptr(JsonArray) household = NULL;
  g_autoptr(JsonArray) by_inv = NULL;
  g_autoptr(JsonArray) by_vol = NULL;
  g_autoptr(JsonArray) by_va = NULL;
  g_autoptr(JsonArray) by_sup = NULL;
  g_autoptr(JsonArray) seen = NULL;
  g_autoptr(GError) error = NULL;

  household = push_results (f, inv, make_push (
    make_op (f, CASE_A, "household", CASE_A, NULL, "head_name", "\"赵敏\"", "dev-inv"),
    make_op (f, CASE_A, "household", CASE_A, NULL, "township_code", "\"" TEST_TOWNSHIP "\"",
             "dev-inv"),
    make_op (f, CASE_A, "household", CASE_A, NULL, "village_code", "\"" TEST_VILLAGE_A "\"",
             "dev-inv"),
    NULL));
  for (guint i = 0; i < json_array_get_length (household); i++)
    g_assert_cmpstr (result_member (household, i, "status"), ==, "applied");

  by_inv = push_comment (f, inv, "dev-inv", COMMENT, CASE_A);
  assert_refused (by_inv, "role_not_allowed");
  ruhu_directory_assign (ruhu_server_get_directory (f->server), CASE_A, "vol", &error);
  g_assert_no_error (error);
  by_vol = push_comment (f, vol, "dev-vol", COMMENT, CASE_A);
  assert_refused (by_vol, "role_not_allowed");
  by_va = push_comment (f, va, "dev-va", COMMENT, CASE_A);
  assert_refused (by_va, "role_not_allowed");

  by_sup = push_comment (f, sup, "dev-sup", COMMENT, CASE_A);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (result_member (by_sup, i, "status"), ==, "applied");
  seen = pull_all (f, inv);
  g_assert_true (pulled_field (seen, COMMENT, "comment"));
}

static void
test_comment_hangs_under_household (HttpFixture   *f,
                                    gconstpointer  data)
{
  g_autofree char *sup = http_login (f, "sup", "dev-sup");
  g_autoptr(JsonArray) household = NULL;
  g_autoptr(JsonArray) stray = NULL;

  household = push_results (f, sup, make_push (
    make_op (f, CASE_A, "household", CASE_A, NULL, "head_name", "\"赵敏\"", "dev-sup"),
    NULL));
  g_assert_cmpstr (result_member (household, 0, "status"), ==, "applied");
  stray = push_comment (f, sup, "dev-sup", STRAY, NULL);
  assert_refused (stray, "review_invalid");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, HttpFixture, NULL, http_fixture_setup, func, \
                                    http_fixture_teardown)
  ADD ("/ruhu/http/review/only-supervisors-comment", test_only_supervisors_comment);
  ADD ("/ruhu/http/review/comment-hangs-under-household", test_comment_hangs_under_household);
#undef ADD

  return g_test_run ();
}
