/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "http-fixture.h"
#include "ruhu-audit.h"
#include "ruhu-json.h"

/* A push carries only the signed-in user's edits: one operation naming
 * anyone else refuses the whole push (403 wrong_actor), and nothing of it
 * is stored or audited. Also the grouped form's other refusals, which the
 * server's direct reader leaves to the ordinary reading. */

#define CASE_A "0a0a0a0a-0000-4000-8000-00000000000a"
#define COMMENT "8d8d8d8d-0000-4000-8000-00000000008d"

/* How far the store's feed and the audit log have come. */
static void
server_counts (HttpFixture *f,
               gint64       counts[2])
{
  g_autoptr(GError) error = NULL;
  gint64 broken = -1;

  g_assert_true (ruhu_store_newest_seq (ruhu_server_get_store (f->server), &counts[0], &error));
  g_assert_no_error (error);
  g_assert_true (ruhu_audit_verify (ruhu_server_get_audit (f->server), &counts[1], &broken,
                                    &error));
  g_assert_no_error (error);
}

static char *
op_version (const char *op_json)
{
  g_autoptr(JsonNode) node = ruhu_json_parse (op_json, strlen (op_json), NULL, NULL);

  g_assert_nonnull (node);
  return g_strdup (json_object_get_string_member (json_node_get_object (node), "v"));
}

/* @body (taken) is refused as edits of @actor, the first of them at @index
 * with @version; the server's store and audit log are as they were. */
static void
assert_wrong_actor (HttpFixture *f,
                    const char  *token,
                    char        *body,
                    const char  *actor,
                    gint64       index,
                    const char  *version)
{
  g_autofree char *only = g_strdup_printf ("only %s can send them", actor);
  g_autoptr(Reply) reply = NULL;
  gint64 before[2], after[2];
  JsonObject *object;

  server_counts (f, before);
  reply = http_request (f, "POST", "/api/v1/push", token, body);
  g_free (body);
  g_assert_cmpuint (reply->status, ==, SOUP_STATUS_FORBIDDEN);
  g_assert_cmpstr (reply_string (reply, "error"), ==, "wrong_actor");
  g_assert_nonnull (strstr (reply_string (reply, "message"), only));
  object = json_node_get_object (reply->body);
  g_assert_cmpint (json_object_get_int_member (object, "index"), ==, index);
  g_assert_cmpstr (reply_string (reply, "v"), ==, version);
  server_counts (f, after);
  g_assert_cmpint (after[0], ==, before[0]);
  g_assert_cmpint (after[1], ==, before[1]);
}

static void
assert_all_applied (JsonArray *results,
                    guint      n)
{
  g_assert_cmpuint (json_array_get_length (results), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, i),
                                                    "status"), ==, "applied");
}

static void
test_foreign_actor (HttpFixture   *f,
                    gconstpointer  data)
{
  g_autofree char *token = http_login (f, "inv", "dev-inv");
  char *op = make_op_as (f, "inv2", CASE_A, "household", CASE_A, NULL, "head_name", "\"赵敏\"",
                         "dev-inv");
  g_autofree char *version = op_version (op);
  g_autoptr(JsonArray) pulled = NULL;

  assert_wrong_actor (f, token, make_push (op, NULL), "inv2", 0, version);
  pulled = pull_all (f, token);
  g_assert_cmpuint (json_array_get_length (pulled), ==, 0);
}

/* Own operations, then one of someone else's: nothing is stored, and the
 * own ones alone are. */
static void
test_mixed_batch (HttpFixture   *f,
                  gconstpointer  data)
{
  g_autofree char *token = http_login (f, "inv", "dev-inv");
  char *own[2], *foreign;
  g_autofree char *version = NULL;
  g_autoptr(JsonArray) pulled = NULL;
  g_autoptr(JsonArray) results = NULL;

  own[0] = make_op (f, CASE_A, "household", CASE_A, NULL, "head_name", "\"赵敏\"", "dev-inv");
  own[1] = make_op (f, CASE_A, "household", CASE_A, NULL, "village_code",
                    "\"" TEST_VILLAGE_A "\"", "dev-inv");
  foreign = make_op_as (f, "sup", CASE_A, "household", CASE_A, NULL, "address", "\"北碚区\"",
                        "dev-inv");
  version = op_version (foreign);
  assert_wrong_actor (f, token, make_push (g_strdup (own[0]), g_strdup (own[1]), foreign, NULL),
                      "sup", 2, version);
  pulled = pull_all (f, token);
  g_assert_cmpuint (json_array_get_length (pulled), ==, 0);

  results = push_results (f, token, make_push (own[0], own[1], NULL));
  assert_all_applied (results, 2);
  g_clear_pointer (&pulled, json_array_unref);
  pulled = pull_all (f, token);
  g_assert_true (pulled_field (pulled, CASE_A, "head_name"));
  g_assert_false (pulled_field (pulled, CASE_A, "address"));
}

/* {"entities": …} from operations made by make_op(); takes them. */
static char *
make_grouped_push (const char *first_op,
                   ...)
{
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_op_unref);
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  va_list args;

  va_start (args, first_op);
  for (char *op = (char *) first_op; op != NULL; op = va_arg (args, char *))
    {
      g_autoptr(JsonNode) node = ruhu_json_parse (op, strlen (op), NULL, NULL);
      g_autoptr(GError) error = NULL;

      g_ptr_array_add (ops, ruhu_op_from_json (node, &error));
      g_assert_no_error (error);
      g_free (op);
    }
  va_end (args);
  json_object_set_member (object, "entities", ruhu_op_list_to_groups (ops));
  json_node_set_object (root, object);
  return json_to_string (root, FALSE);
}

/* In the grouped form the index counts operations, not groups. */
static void
test_grouped (HttpFixture   *f,
              gconstpointer  data)
{
  g_autofree char *token = http_login (f, "inv", "dev-inv");
  char *foreign = make_op_as (f, "inv2", COMMENT, "household", COMMENT, NULL, "head_name",
                              "\"李娜\"", "dev-inv");
  g_autofree char *version = op_version (foreign);
  char *body;

  body = make_grouped_push (
    make_op (f, CASE_A, "household", CASE_A, NULL, "head_name", "\"赵敏\"", "dev-inv"),
    make_op (f, CASE_A, "household", CASE_A, NULL, "address", "\"北碚区\"", "dev-inv"),
    make_op (f, CASE_A, "household", CASE_A, NULL, "village_code", "\"" TEST_VILLAGE_A "\"",
             "dev-inv"),
    foreign, NULL);
  assert_wrong_actor (f, token, body, "inv2", 3, version);
}

/* A grouped push the server's direct reader gives up on is answered as
 * the ordinary reading answers it, and nothing of it is stored; a good one
 * is applied, unless its media type is not JSON. */
static void
test_grouped_refused (HttpFixture   *f,
                      gconstpointer  data)
{
  static const struct
  {
    const char *from;
    const char *to;
    guint       status;
    const char *code;
  } spoilt[] = {
    { "\"address\",", "\"address\",7,", 422, "invalid_op" },  /* an item of six */
    { "]}]}", "]}]", 400, "bad_json" },
    { "{\"entities\":", "{\"more\":1,\"entities\":", 400, "bad_request" },
  };
  g_autofree char *token = http_login (f, "inv", "dev-inv");
  g_autofree char *good = make_grouped_push (
    make_op (f, CASE_A, "household", CASE_A, NULL, "head_name", "\"赵敏\"", "dev-inv"),
    make_op (f, CASE_A, "household", CASE_A, NULL, "address", "\"北碚区\"", "dev-inv"),
    make_op (f, CASE_A, "household", CASE_A, NULL, "village_code", "\"" TEST_VILLAGE_A "\"",
             "dev-inv"),
    NULL);
  g_autoptr(GString) many = g_string_new ("{\"entities\":[");
  g_autoptr(Reply) reply = NULL;
  gint64 before[2], after[2];

  server_counts (f, before);
  for (guint i = 0; i < G_N_ELEMENTS (spoilt); i++)
    {
      g_autoptr(GString) body = g_string_new (good);
      g_autoptr(Reply) refused = NULL;

      g_assert_cmpuint (g_string_replace (body, spoilt[i].from, spoilt[i].to, 1), ==, 1);
      refused = http_request (f, "POST", "/api/v1/push", token, body->str);
      g_assert_cmpuint (refused->status, ==, spoilt[i].status);
      g_assert_cmpstr (reply_string (refused, "error"), ==, spoilt[i].code);
    }
  /* More operations than the server takes at once (max_batch = 50). */
  for (guint i = 0; i < 51; i++)
    {
      g_autofree char *one = make_grouped_push (
        make_op (f, CASE_A, "household", CASE_A, NULL, "head_name", "\"赵敏\"", "dev-inv"), NULL);

      /* Each push holds one group: take it from between "[" and "]}". */
      g_string_append_printf (many, "%s%.*s", i > 0 ? "," : "",
                              (int) (strlen (one) - strlen ("{\"entities\":[") - 2),
                              one + strlen ("{\"entities\":["));
    }
  g_string_append (many, "]}");
  reply = http_request (f, "POST", "/api/v1/push", token, many->str);
  g_assert_cmpuint (reply->status, ==, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
  g_assert_cmpstr (reply_string (reply, "error"), ==, "too_many_ops");
  /* A well-formed grouped push that says it is not JSON. */
  {
    g_autofree char *request = g_strdup_printf (
      "POST /api/v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
      "Content-Type: text/plain\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n%s",
      token, strlen (good), good);
    g_autofree char *answer = http_raw_exchange (f, request);

    g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 415 "));
    g_assert_nonnull (strstr (answer, "\"unsupported_media_type\""));
  }
  server_counts (f, after);
  g_assert_cmpint (after[0], ==, before[0]);
  g_assert_cmpint (after[1], ==, before[1]);

  g_clear_pointer (&reply, reply_free);
  reply = http_request (f, "POST", "/api/v1/push", token, good);
  g_assert_cmpuint (reply->status, ==, SOUP_STATUS_OK);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (reply->body), "applied"),
                   ==, 3);
}

/* The three fields of a comment on the household's head name, written by
 * @actor and pushed from @device; @version is set to the first one's. */
static char *
comment_push (HttpFixture  *f,
              const char   *actor,
              const char   *device,
              char        **version)
{
  char *target = make_op_as (f, actor, COMMENT, "review_comment", CASE_A, CASE_A, "target",
                             "\"" CASE_A "\"", device);

  *version = op_version (target);
  return make_push (
    target,
    make_op_as (f, actor, COMMENT, "review_comment", CASE_A, CASE_A, "field", "\"head_name\"",
                device),
    make_op_as (f, actor, COMMENT, "review_comment", CASE_A, CASE_A, "comment",
                "\"户主姓名与身份证不符\"", device),
    NULL);
}

/* Nobody writes a supervisor's comment but the supervisor, who still
 * can; and the supervisor cannot send an investigator's edits either. */
static void
test_supervisor_comment (HttpFixture   *f,
                         gconstpointer  data)
{
  g_autofree char *inv = http_login (f, "inv", "dev-inv");
  g_autofree char *sup = http_login (f, "sup", "dev-sup");
  g_autoptr(JsonArray) household = NULL;
  g_autoptr(JsonArray) comment = NULL;
  g_autoptr(JsonArray) pulled = NULL;
  g_autofree char *forged = NULL, *edit = NULL, *signed_in = NULL;
  char *body, *op;

  household = push_results (f, inv, make_push (
    make_op (f, CASE_A, "household", CASE_A, NULL, "township_code", "\"" TEST_TOWNSHIP "\"",
             "dev-inv"),
    make_op (f, CASE_A, "household", CASE_A, NULL, "village_code", "\"" TEST_VILLAGE_A "\"",
             "dev-inv"),
    NULL));
  assert_all_applied (household, 2);

  body = comment_push (f, "sup", "dev-inv", &forged);
  assert_wrong_actor (f, inv, body, "sup", 0, forged);
  op = make_op_as (f, "inv", CASE_A, "household", CASE_A, NULL, "head_name", "\"赵敏\"",
                   "dev-sup");
  edit = op_version (op);
  assert_wrong_actor (f, sup, make_push (op, NULL), "inv", 0, edit);

  comment = push_results (f, sup, comment_push (f, "sup", "dev-sup", &signed_in));
  assert_all_applied (comment, 3);
  pulled = pull_all (f, inv);
  g_assert_true (pulled_field (pulled, COMMENT, "comment"));
  g_assert_false (pulled_field (pulled, CASE_A, "head_name"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, HttpFixture, NULL, http_fixture_setup, func, \
                                    http_fixture_teardown)
  ADD ("/ruhu/http/actor/foreign", test_foreign_actor);
  ADD ("/ruhu/http/actor/mixed-batch", test_mixed_batch);
  ADD ("/ruhu/http/actor/grouped", test_grouped);
  ADD ("/ruhu/http/actor/grouped-refused", test_grouped_refused);
  ADD ("/ruhu/http/actor/supervisor-comment", test_supervisor_comment);
#undef ADD

  return g_test_run ();
}
