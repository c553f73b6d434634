/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "http-fixture.h"

/* A pull by someone who sees a few cases of a larger feed reads only those
 * cases (ruhu_store_feed_of_cases()); near the end of the feed it walks the
 * feed instead. Either way it must return exactly the versions the caller
 * may see, in feed order, and end at the same cursor. */

#define CASE_A "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
#define CASE_B "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e"
#define OPS_PER_PUSH 50
#define PUSHES_OF_B 4  /* 200 versions of case B: more than one case's worth */

static void
push_household (HttpFixture *f,
                const char  *token,
                const char  *kase,
                const char  *village,
                const char  *head)
{
  g_autofree char *code = g_strdup_printf ("\"%s\"", village);
  g_autofree char *name = g_strdup_printf ("\"%s\"", head);
  g_autoptr(JsonArray) results = NULL;

  results = push_results (f, token,
                          make_push (make_op (f, kase, "household", kase, NULL, "village_code",
                                              code, "dev-w"),
                                     make_op (f, kase, "household", kase, NULL, "head_name", name,
                                              "dev-w"),
                                     NULL));
  g_assert_cmpuint (json_array_get_length (results), ==, 2);
}

/* OPS_PER_PUSH new members of @kase in one push. */
static void
push_members (HttpFixture *f,
              const char  *token,
              const char  *kase)
{
  g_autoptr(GString) body = g_string_new ("{\"ops\":[");
  g_autoptr(JsonArray) results = NULL;

  for (guint i = 0; i < OPS_PER_PUSH; i++)
    {
      g_autofree char *member = g_uuid_string_random ();
      g_autofree char *op = make_op (f, member, "member", kase, kase, "name", "\"李明\"", "dev-w");

      g_string_append_printf (body, "%s%s", i > 0 ? "," : "", op);
    }
  g_string_append (body, "]}");
  results = push_results (f, token, g_string_free (g_steal_pointer (&body), FALSE));
  g_assert_cmpuint (json_array_get_length (results), ==, OPS_PER_PUSH);
}

/* The versions of @kase (all cases if NULL) the store holds, in feed order. */
static GPtrArray *
stored_versions (HttpFixture *f,
                 const char  *kase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) feed = NULL;
  GPtrArray *versions = g_ptr_array_new_with_free_func (g_free);
  gint64 last = 0;

  feed = ruhu_store_feed_since (ruhu_server_get_store (f->server), 0, G_MAXUINT, &last, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < feed->len; i++)
    {
      RuhuOp *op = g_ptr_array_index (feed, i);

      if (kase == NULL || g_str_equal (op->case_id, kase))
        g_ptr_array_add (versions, g_strdup (op->version));
    }
  return versions;
}

static void
assert_pulled (JsonArray *pulled,
               GPtrArray *expected)
{
  g_assert_cmpuint (json_array_get_length (pulled), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (pulled, i),
                                                    "v"), ==, expected->pdata[i]);
}

static void
test_pull_scope (HttpFixture   *f,
                 gconstpointer  data)
{
  g_autofree char *writer = http_login (f, "inv", "dev-w");
  g_autofree char *village_a = http_login (f, "va_a", "dev-a");
  g_autofree char *village_b = http_login (f, "va_b", "dev-b");
  g_autofree char *township = http_login (f, "inv2", "dev-t");
  g_autoptr(GPtrArray) of_a = NULL;
  g_autoptr(GPtrArray) of_b = NULL;
  g_autoptr(GPtrArray) of_all = NULL;

  /* Case A's versions sit between two runs of case B's. */
  push_household (f, writer, CASE_B, TEST_VILLAGE_B, "赵强");
  for (guint i = 0; i < PUSHES_OF_B / 2; i++)
    push_members (f, writer, CASE_B);
  push_household (f, writer, CASE_A, TEST_VILLAGE_A, "王芳");
  for (guint i = 0; i < PUSHES_OF_B / 2; i++)
    push_members (f, writer, CASE_B);

  of_a = stored_versions (f, CASE_A);
  of_b = stored_versions (f, CASE_B);
  of_all = stored_versions (f, NULL);
  g_assert_cmpuint (of_a->len, ==, 2);
  g_assert_cmpuint (of_b->len, ==, 2 + PUSHES_OF_B * OPS_PER_PUSH);

  /* Each village assistant sees one case of a feed of 204 versions: read
   * by case, in pages of 7. The township's investigator sees both. */
  {
    g_autoptr(JsonArray) a = pull_all (f, village_a);
    g_autoptr(JsonArray) b = pull_all (f, village_b);
    g_autoptr(JsonArray) all = pull_all (f, township);

    assert_pulled (a, of_a);
    assert_pulled (b, of_b);
    assert_pulled (all, of_all);
  }

  /* After one more version of case A, a pull from the end of the feed
   * walks the feed: the assistant of A gets it, the one of B nothing. */
  {
    g_autoptr(JsonArray) more = NULL;
    g_autofree char *path = g_strdup_printf ("/api/v1/pull?since=%u&limit=7", of_all->len);
    g_autoptr(Reply) before_b = http_request (f, "GET", path, village_b, NULL);
    g_autoptr(Reply) after_a = NULL;
    g_autoptr(Reply) after_b = NULL;
    JsonArray *ops;

    g_assert_cmpuint (before_b->status, ==, 200);
    more = push_results (f, writer,
                         make_push (make_op (f, CASE_A, "household", CASE_A, NULL, "head_name",
                                             "\"王芳芳\"", "dev-w"),
                                    NULL));
    after_a = http_request (f, "GET", path, village_a, NULL);
    after_b = http_request (f, "GET", path, village_b, NULL);
    ops = json_object_get_array_member (json_node_get_object (after_a->body), "ops");
    g_assert_cmpuint (json_array_get_length (ops), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (ops, 0),
                                                    "field"), ==, "head_name");
    ops = json_object_get_array_member (json_node_get_object (after_b->body), "ops");
    g_assert_cmpuint (json_array_get_length (ops), ==, 0);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (after_b->body), "next"),
                     ==, of_all->len + 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/ruhu/http/pull-scope", HttpFixture, NULL, http_fixture_setup, test_pull_scope,
              http_fixture_teardown);
  return g_test_run ();
}
