/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "http-fixture.h"

/* The HTTP side of ruhu-server: sessions, push, pull, limits and bad JSON. */

#define CASE_1 "6f1d2a4e-0c1b-4b8e-9a57-3c2f1d0e9b01"
#define HOUSEHOLD_1 CASE_1
#define MEMBER_1 "9a0c4f3e-5b6d-4e7f-8a9b-0c1d2e3f4a5b"

static HttpFixture corpus;  /* one server for the whole JSON corpus */
static char *corpus_token;

static void
test_health (HttpFixture   *f,
             gconstpointer  data)
{
  g_autoptr(Reply) reply = http_request (f, "GET", "/api/v1/health", NULL, NULL);
  g_autoptr(Reply) missing = http_request (f, "GET", "/api/v1/nothing", NULL, NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (reply_string (reply, "status"), ==, "ok");
  g_assert_cmpstr (reply_string (reply, "version"), ==, PACKAGE_VERSION);
  g_assert_cmpuint (missing->status, ==, 404);
  g_assert_cmpstr (reply_string (missing, "error"), ==, "not_found");
}

static void
test_login (HttpFixture   *f,
            gconstpointer  data)
{
  g_autofree char *body = g_strdup_printf ("{\"user\":\"inv\",\"password\":\"%s\","
                                           "\"device\":\"dev-1\",\"device_name\":\"Tablet\"}",
                                           TEST_PASSWORD);
  g_autoptr(Reply) ok = http_request (f, "POST", "/api/v1/session", NULL, body);
  g_autoptr(Reply) wrong = http_request (f, "POST", "/api/v1/session", NULL,
                                         "{\"user\":\"inv\",\"password\":\"nope-nope-nope\","
                                         "\"device\":\"dev-1\"}");
  g_autoptr(Reply) shape = http_request (f, "POST", "/api/v1/session", NULL, "{\"user\":1}");
  g_autoptr(Reply) no_token = http_request (f, "GET", "/api/v1/pull", NULL, NULL);
  g_autoptr(Reply) bad_token = http_request (f, "GET", "/api/v1/pull", "not-a-token", NULL);
  JsonObject *user;

  g_assert_cmpuint (ok->status, ==, 200);
  g_assert_nonnull (reply_string (ok, "token"));
  user = json_object_get_object_member (json_node_get_object (ok->body), "user");
  g_assert_cmpstr (json_object_get_string_member (user, "role"), ==, "investigator");
  g_assert_cmpstr (json_object_get_string_member (user, "place"), ==, TEST_TOWNSHIP);
  g_assert_cmpuint (wrong->status, ==, 401);
  g_assert_cmpstr (reply_string (wrong, "error"), ==, "bad_credentials");
  g_assert_cmpuint (shape->status, ==, 400);
  g_assert_cmpstr (reply_string (shape, "error"), ==, "bad_request");
  g_assert_cmpuint (no_token->status, ==, 401);
  g_assert_cmpstr (reply_string (no_token, "error"), ==, "unauthorized");
  g_assert_cmpuint (bad_token->status, ==, 401);
}

static void
test_revoked_device (HttpFixture   *f,
                     gconstpointer  data)
{
  g_autofree char *token = http_login (f, "inv", "dev-lost");
  g_autoptr(Reply) before = http_request (f, "GET", "/api/v1/pull", token, NULL);
  g_autoptr(Reply) after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (before->status, ==, 200);
  ruhu_directory_revoke_device (ruhu_server_get_directory (f->server), "dev-lost", &error);
  g_assert_no_error (error);
  after = http_request (f, "GET", "/api/v1/pull", token, NULL);
  g_assert_cmpuint (after->status, ==, 401);
  g_assert_cmpstr (reply_string (after, "error"), ==, "revoked");
}

static void
test_round_trip (HttpFixture   *f,
                 gconstpointer  data)
{
  g_autofree char *token = http_login (f, "inv", "dev-1");
  char *head = make_op (f, HOUSEHOLD_1, "household", CASE_1, NULL, "head_name", "\"王芳\"", "dev-1");
  g_autofree char *again = NULL;
  g_autoptr(JsonArray) first = NULL;
  g_autoptr(JsonArray) second = NULL;
  g_autoptr(JsonArray) pulled = NULL;

  again = make_push (g_strdup (head), NULL);
  first = push_results (f, token, make_push (head,
                          make_op (f, HOUSEHOLD_1, "household", CASE_1, NULL, "village_code",
                                   "\"" TEST_VILLAGE_A "\"", "dev-1"),
                          make_op (f, MEMBER_1, "member", CASE_1, HOUSEHOLD_1, "name",
                                   "\"王芳\"", "dev-1"),
                          NULL));
  g_assert_cmpuint (json_array_get_length (first), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (first, i),
                                                    "status"), ==, "applied");
  second = push_results (f, token, g_steal_pointer (&again));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (second, 0),
                                                  "status"), ==, "duplicate");

  pulled = pull_all (f, token);
  g_assert_cmpuint (json_array_get_length (pulled), ==, 3);
  g_assert_true (pulled_field (pulled, MEMBER_1, "name"));
  g_assert_true (pulled_field (pulled, HOUSEHOLD_1, "village_code"));
}

/* A pull with and without Accept-Encoding: gzip, read without libsoup's
 * decoder, so that the test sees the bytes the server sent. */
static GBytes *
raw_pull (HttpFixture *f,
          const char  *token,
          gboolean     gzip,
          char       **encoding)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (f->base, "/api/v1/pull?since=0", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  GBytes *bytes;

  soup_session_remove_feature_by_type (session, SOUP_TYPE_CONTENT_DECODER);
  soup_message_headers_replace (headers, "Authorization", bearer);
  soup_message_headers_replace (headers, "Accept-Encoding", gzip ? "gzip" : "identity");
  bytes = http_send (session, msg, url);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  *encoding = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                      "Content-Encoding"));
  return bytes;
}

/* An answer of more than a kilobyte goes out as gzip to a client that
 * takes it, and unpacks to the very answer others get. */
static void
test_pull_gzip (HttpFixture   *f,
                gconstpointer  data)
{
  g_autofree char *token = http_login (f, "inv", "dev-1");
  g_autoptr(GBytes) plain = NULL, packed = NULL, unpacked = NULL;
  g_autofree char *plain_encoding = NULL, *packed_encoding = NULL;
  g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) base = NULL, stream = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;
  g_autoptr(JsonArray) results = NULL;

  g_ptr_array_add (ops, make_op (f, HOUSEHOLD_1, "household", CASE_1, NULL, "village_code",
                                 "\"" TEST_VILLAGE_A "\"", "dev-1"));
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("\"王芳%u\"", i);

      g_ptr_array_add (ops, make_op (f, MEMBER_1, "member", CASE_1, HOUSEHOLD_1, "name", name,
                                     "dev-1"));
    }
  g_ptr_array_add (ops, NULL);
  list = g_strjoinv (",", (char **) ops->pdata);
  results = push_results (f, token, g_strdup_printf ("{\"ops\":[%s]}", list));
  g_assert_cmpuint (json_array_get_length (results), ==, 13);

  plain = raw_pull (f, token, FALSE, &plain_encoding);
  packed = raw_pull (f, token, TRUE, &packed_encoding);
  g_assert_null (plain_encoding);
  g_assert_cmpstr (packed_encoding, ==, "gzip");
  g_assert_cmpuint (g_bytes_get_size (plain), >, 1024);
  g_assert_cmpuint (g_bytes_get_size (packed), <, g_bytes_get_size (plain) / 2);

  /* Read to the end: a gzip stream cut short fails only there. */
  base = g_memory_input_stream_new_from_bytes (packed);
  stream = g_converter_input_stream_new (base, G_CONVERTER (decompressor));
  out = g_memory_output_stream_new_resizable ();
  g_output_stream_splice (out, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  unpacked = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  g_assert_true (g_bytes_equal (unpacked, plain));
}

static void
test_pull_query (HttpFixture   *f,
                 gconstpointer  data)
{
  static const char * const bad[] = {
    "?since=-1", "?since=abc", "?limit=0", "?limit=5001", "?limit=", "?since=99999999999999999999",
  };
  g_autofree char *token = http_login (f, "inv", "dev-1");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = g_strconcat ("/api/v1/pull", bad[i], NULL);
      g_autoptr(Reply) reply = http_request (f, "GET", path, token, NULL);

      g_assert_cmpuint (reply->status, ==, 400);
      g_assert_cmpstr (reply_string (reply, "error"), ==, "bad_request");
    }
}

/* A push to the feed's end at the device's cursor, answered with the
 * cursor past it; -1 when the answer has none. */
static gint64
push_since (HttpFixture *f,
            const char  *token,
            gint64       since,
            char        *body)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/push?since=%" G_GINT64_FORMAT, since);
  g_autoptr(Reply) reply = http_request (f, "POST", path, token, body);
  JsonObject *object;

  g_free (body);
  g_assert_cmpuint (reply->status, ==, 200);
  object = json_node_get_object (reply->body);
  return json_object_has_member (object, "next") ? json_object_get_int_member (object, "next")
                                                 : -1;
}

static gint64
newest_seq (HttpFixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 seq = -1;

  g_assert_true (ruhu_store_newest_seq (ruhu_server_get_store (f->server), &seq, &error));
  g_assert_no_error (error);
  return seq;
}

/* The answer moves a device's cursor past its push only if nothing came
 * between: a device whose cursor is behind pulls what others sent. */
static void
test_push_moves_cursor (HttpFixture   *f,
                        gconstpointer  data)
{
  static const char * const bad[] = { "?since=-1", "?since=abc", "?since=" };
  g_autofree char *token = http_login (f, "inv", "dev-1");
  g_autofree char *other = http_login (f, "inv", "dev-2");
  g_autofree char *head = make_op (f, HOUSEHOLD_1, "household", CASE_1, NULL, "head_name",
                                   "\"王芳\"", "dev-1");
  g_autofree char *path = NULL;
  g_autoptr(Reply) pulled = NULL;
  JsonArray *ops;
  gint64 cursor, stale;

  cursor = push_since (f, token, 0,
                       make_push (g_strdup (head),
                                  make_op (f, HOUSEHOLD_1, "household", CASE_1, NULL,
                                           "village_code", "\"" TEST_VILLAGE_A "\"", "dev-1"),
                                  NULL));
  g_assert_cmpint (cursor, >, 0);
  g_assert_cmpint (cursor, ==, newest_seq (f));
  /* A resend stores nothing: the cursor stays. */
  g_assert_cmpint (push_since (f, token, cursor, make_push (g_strdup (head), NULL)), ==, cursor);

  /* Another device writes; a push from a cursor behind it gets none. */
  json_array_unref (push_results (f, other,
                                  make_push (make_op (f, MEMBER_1, "member", CASE_1, HOUSEHOLD_1,
                                                      "name", "\"李强\"", "dev-2"),
                                             NULL)));
  stale = cursor;
  g_assert_cmpint (push_since (f, token, stale,
                               make_push (make_op (f, HOUSEHOLD_1, "household", CASE_1, NULL,
                                                   "phone", "\"13800138000\"", "dev-1"),
                                          NULL)),
                   ==, -1);
  path = g_strdup_printf ("/api/v1/pull?since=%" G_GINT64_FORMAT "&own=0", stale);
  pulled = http_request (f, "GET", path, token, NULL);
  ops = json_object_get_array_member (json_node_get_object (pulled->body), "ops");
  g_assert_cmpuint (json_array_get_length (ops), ==, 1);
  g_assert_true (pulled_field (ops, MEMBER_1, "name"));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *bad_path = g_strconcat ("/api/v1/push", bad[i], NULL);
      g_autoptr(Reply) reply = http_request (f, "POST", bad_path, token,
                                             "{\"entities\":[]}");

      g_assert_cmpuint (reply->status, ==, 400);
      g_assert_cmpstr (reply_string (reply, "error"), ==, "bad_request");
    }
  g_assert_cmpint (newest_seq (f), ==, cursor + 2);
}

static void
assert_push_refused (HttpFixture *f,
                     const char  *token,
                     char        *body,
                     guint        status,
                     const char  *code,
                     gint64       index,
                     const char  *field)
{
  g_autoptr(Reply) reply = http_request (f, "POST", "/api/v1/push", token, body);
  JsonObject *object;

  g_free (body);
  g_assert_cmpuint (reply->status, ==, status);
  g_assert_cmpstr (reply_string (reply, "error"), ==, code);
  object = json_node_get_object (reply->body);
  if (index >= 0)
    {
      g_assert_cmpint (json_object_get_int_member (object, "index"), ==, index);
      g_assert_nonnull (reply_string (reply, "v"));
    }
  if (field != NULL)
    g_assert_cmpstr (reply_string (reply, "field"), ==, field);
}

static void
test_invalid_ops (HttpFixture   *f,
                  gconstpointer  data)
{
  g_autofree char *token = http_login (f, "inv", "dev-1");
  g_autofree char *big = g_strnfill (70 * 1024, 'x');
  g_autofree char *big_json = g_strdup_printf ("\"%s\"", big);
  g_autoptr(JsonArray) pulled = NULL;

#define GOOD make_op (f, HOUSEHOLD_1, "household", CASE_1, NULL, "head_name", "\"李\"", "dev-1")
  assert_push_refused (f, token, make_push (GOOD, make_op (f, MEMBER_1, "spaceship", CASE_1,
                                                           HOUSEHOLD_1, "name", "\"x\"", "dev-1"),
                                            NULL), 422, "unknown_kind", 1, NULL);
  assert_push_refused (f, token, make_push (GOOD, make_op (f, MEMBER_1, "member", CASE_1,
                                                           HOUSEHOLD_1, "shoe_size", "3", "dev-1"),
                                            NULL), 422, "unknown_field", 1, "shoe_size");
  assert_push_refused (f, token, make_push (GOOD, make_op (f, MEMBER_1, "member", CASE_1,
                                                           HOUSEHOLD_1, "_secret", "3", "dev-1"),
                                            NULL), 422, "unknown_field", 1, "_secret");
  assert_push_refused (f, token, make_push (GOOD, make_op (f, MEMBER_1, "member", CASE_1,
                                                           HOUSEHOLD_1, "id_number",
                                                           "\"500240201610178579\"", "dev-1"),
                                            NULL), 422, "invalid_value", 1, "id_number");
  assert_push_refused (f, token, make_push (GOOD, make_op_as (f, "inv", MEMBER_1, "member",
                                                              CASE_1, HOUSEHOLD_1, "name",
                                                              "\"x\"", "dev-2"),
                                            NULL), 422, "invalid_op", 1, NULL);
  assert_push_refused (f, token, make_push (GOOD, g_strdup ("{\"id\":1,\"v\":\"bad\"}"), NULL),
                       422, "invalid_op", 1, NULL);
  assert_push_refused (f, token, make_push (GOOD, make_op (f, HOUSEHOLD_1, "household", CASE_1,
                                                           NULL, "address", big_json, "dev-1"),
                                            NULL), 413, "field_too_large", 1, "address");
  assert_push_refused (f, token, g_strdup ("{\"ops\":{}}"), 400, "bad_request", -1, NULL);
  assert_push_refused (f, token, g_strdup ("{\"ops\":[],\"more\":1}"), 400, "bad_request", -1,
                       NULL);
#undef GOOD

  pulled = pull_all (f, token);
  g_assert_cmpuint (json_array_get_length (pulled), ==, 0);
}

static void
test_too_many_ops (HttpFixture   *f,
                   gconstpointer  data)
{
  g_autofree char *token = http_login (f, "inv", "dev-1");
  g_autoptr(GString) body = g_string_new ("{\"ops\":[");

  for (guint i = 0; i < 51; i++)
    {
      g_autofree char *op = make_op (f, HOUSEHOLD_1, "household", CASE_1, NULL, "head_name",
                                     "\"李\"", "dev-1");

      g_string_append_printf (body, "%s%s", i > 0 ? "," : "", op);
    }
  g_string_append (body, "]}");
  assert_push_refused (f, token, g_string_free (g_steal_pointer (&body), FALSE), 413,
                       "too_many_ops", -1, NULL);
}

/* Raw HTTP over a socket, so the test controls what the client sends. */
static void
test_declared_too_large (HttpFixture   *f,
                         gconstpointer  data)
{
  g_autofree char *answer =
    http_raw_exchange (f, "POST /api/v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          "Content-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n{\"ops\":");
  g_autoptr(Reply) health = http_request (f, "GET", "/api/v1/health", NULL, NULL);

  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 413 "));
  g_assert_nonnull (strstr (answer, "\"too_large\""));
  g_assert_cmpuint (health->status, ==, 200);
}

static void
test_chunked_too_large (HttpFixture   *f,
                        gconstpointer  data)
{
  g_autoptr(GString) request = g_string_new ("POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                             "Transfer-Encoding: chunked\r\n\r\n");
  g_autofree char *chunk = g_strnfill (0x8000, ' ');
  g_autofree char *answer = NULL;

  for (guint i = 0; i < 12; i++)
    g_string_append_printf (request, "8000\r\n%s\r\n", chunk);
  g_string_append (request, "0\r\n\r\n");
  answer = http_raw_exchange (f, request->str);
  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 413 "));
  g_assert_nonnull (strstr (answer, "\"too_large\""));
}

static void
test_bad_json (gconstpointer data)
{
  const char *path = data;
  g_autofree char *text = NULL;
  static const char * const targets[] = { "/api/v1/push", "/api/v1/session" };
  g_autoptr(GError) error = NULL;
  g_autoptr(Reply) health = NULL;
  gsize length;

  g_file_get_contents (path, &text, &length, &error);
  g_assert_no_error (error);
  if (memchr (text, '\0', length) != NULL)
    {
      g_test_skip ("a NUL byte cannot go through this client's text body");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr(Reply) reply = http_request (&corpus, "POST", targets[i], corpus_token, text);

      g_assert_cmpuint (reply->status, ==, 400);
      g_assert_cmpstr (reply_string (reply, "error"), ==, "bad_json");
      g_assert_nonnull (reply_string (reply, "message"));
    }
  health = http_request (&corpus, "GET", "/api/v1/health", NULL, NULL);
  g_assert_cmpuint (health->status, ==, 200);
}

static void
add_corpus_tests (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "json-test-suite", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "n_") && g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *test_path = g_strdup_printf ("/ruhu/http/bad-json/%s", file);

      g_test_add_data_func_full (test_path, g_build_filename (dir, file, NULL), test_bad_json,
                                 g_free);
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, HttpFixture, NULL, http_fixture_setup, func, \
                                    http_fixture_teardown)
  ADD ("/ruhu/http/health", test_health);
  ADD ("/ruhu/http/login", test_login);
  ADD ("/ruhu/http/revoked-device", test_revoked_device);
  ADD ("/ruhu/http/round-trip", test_round_trip);
  ADD ("/ruhu/http/pull-query", test_pull_query);
  ADD ("/ruhu/http/pull-gzip", test_pull_gzip);
  ADD ("/ruhu/http/push-moves-cursor", test_push_moves_cursor);
  ADD ("/ruhu/http/invalid-ops-store-nothing", test_invalid_ops);
  ADD ("/ruhu/http/too-many-ops", test_too_many_ops);
  ADD ("/ruhu/http/declared-too-large", test_declared_too_large);
  ADD ("/ruhu/http/chunked-too-large", test_chunked_too_large);
#undef ADD
  add_corpus_tests ();

  http_fixture_setup (&corpus, NULL);
  corpus_token = http_login (&corpus, "inv", "dev-corpus");
  status = g_test_run ();
  g_free (corpus_token);
  http_fixture_teardown (&corpus, NULL);
  return status;
}
