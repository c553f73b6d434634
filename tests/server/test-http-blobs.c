/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "http-fixture.h"
#include "ruhu-json.h"

/* HEAD, PUT and GET /api/v1/blobs/SHA256: resumable uploads, ranges, the
 * hash and image checks, one copy per photo, who may read. */

#define CASE_A "0a0a0a0a-0000-4000-8000-00000000000a"
#define CASE_B "0b0b0b0b-0000-4000-8000-00000000000b"
#define EVIDENCE_A "2d2d2d2d-0000-4000-8000-00000000002d"
#define EVIDENCE_B "2e2e2e2e-0000-4000-8000-00000000002e"
#define VISIT "3e3e3e3e-0000-4000-8000-00000000003e"
#define WATCHDOG_SECONDS 20
#define NO_SUCH_BLOB "0000000000000000000000000000000000000000000000000000000000000000"

typedef struct
{
  SoupMessage *msg;
  GBytes      *body;
  JsonNode    *json;  /* NULL if the body is not JSON */
} BlobReply;

static void
blob_reply_free (BlobReply *reply)
{
  g_clear_object (&reply->msg);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->json, json_node_unref);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BlobReply, blob_reply_free)

static GBytes *
read_photo (const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "photos", file, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

static gboolean
watchdog_cb (gpointer user_data)
{
  g_error ("A blob request did not finish in %d seconds", WATCHDOG_SECONDS);
  return G_SOURCE_REMOVE;
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  BlobReply *reply = user_data;
  g_autoptr(GError) error = NULL;

  reply->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
}

/* One request; @header and @value add one request header if not NULL. */
static BlobReply *
blob_request (HttpFixture *f,
              const char  *method,
              const char  *name,
              const char  *token,
              GBytes      *body,
              const char  *header,
              const char  *value)
{
  g_autofree char *url = g_strconcat (f->base, "/api/v1/blobs/", name, NULL);
  BlobReply *reply = g_new0 (BlobReply, 1);
  SoupMessageHeaders *headers;
  guint watchdog;

  reply->msg = soup_message_new (method, url);
  soup_message_add_flags (reply->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (reply->msg);
  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", bearer);
    }
  if (header != NULL)
    soup_message_headers_replace (headers, header, value);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (reply->msg, "application/octet-stream", body);
  watchdog = g_timeout_add_seconds (WATCHDOG_SECONDS, watchdog_cb, NULL);
  soup_session_send_and_read_async (f->session, reply->msg, G_PRIORITY_DEFAULT, NULL, sent_cb,
                                    reply);
  while (reply->body == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (watchdog);
  if (g_bytes_get_size (reply->body) > 0)
    reply->json = ruhu_json_parse (g_bytes_get_data (reply->body, NULL),
                                   g_bytes_get_size (reply->body), NULL, NULL);
  return reply;
}

static guint
status_of (BlobReply *reply)
{
  return soup_message_get_status (reply->msg);
}

static const char *
header_of (BlobReply  *reply,
           const char *name)
{
  return soup_message_headers_get_one (soup_message_get_response_headers (reply->msg), name);
}

static const char *
error_of (BlobReply *reply)
{
  g_assert_nonnull (reply->json);
  return json_object_get_string_member (json_node_get_object (reply->json), "error");
}

static const char *
message_of (BlobReply *reply)
{
  g_assert_nonnull (reply->json);
  return json_object_get_string_member (json_node_get_object (reply->json), "message");
}

/* PUT of bytes [start, start + length) of @content with Content-Range. */
static BlobReply *
put_part (HttpFixture *f,
          const char  *token,
          const char  *name,
          GBytes      *content,
          gsize        start,
          gsize        length)
{
  g_autoptr(GBytes) part = g_bytes_new_from_bytes (content, start, length);
  g_autofree char *range = g_strdup_printf ("bytes %zu-%zu/%zu", start, start + length - 1,
                                            g_bytes_get_size (content));

  return blob_request (f, "PUT", name, token, part, "Content-Range", range);
}

static char *
name_of (GBytes *content)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
}

/* Complete blobs under DIR/blobs, not counting uploads in progress. */
static guint
count_blob_files (HttpFixture *f)
{
  g_autofree char *root = g_build_filename (f->tmp, "data", "blobs", NULL);
  g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
  const char *shard;
  guint count = 0;

  g_assert_nonnull (dir);
  while ((shard = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (root, shard, NULL);
      g_autoptr(GDir) inner = NULL;

      if (strcmp (shard, "partial") == 0 || !(inner = g_dir_open (path, 0, NULL)))
        continue;
      while (g_dir_read_name (inner) != NULL)
        count++;
    }
  return count;
}

/* Evidence of a household in TEST_VILLAGE_A shows the photo @name:
 * readable from then on by whoever may see that case. */
static void
refer_to (HttpFixture *f,
          const char  *token,
          const char  *name)
{
  g_autofree char *value = g_strdup_printf ("\"%s\"", name);
  g_autoptr(JsonArray) results = push_results (f, token, make_push (
    make_op (f, CASE_A, "household", CASE_A, NULL, "village_code", "\"" TEST_VILLAGE_A "\"",
             "dev-inv"),
    make_op (f, EVIDENCE_A, "evidence", CASE_A, CASE_A, "photo", value, "dev-inv"), NULL));

  g_assert_cmpuint (json_array_get_length (results), ==, 2);
}

static void
test_resume (HttpFixture   *f,
             gconstpointer  data)
{
  g_autofree char *token = http_login (f, "inv", "dev-inv");
  g_autoptr(GBytes) photo = read_photo ("palace-nikon-gps-500x375.jpg");
  g_autofree char *name = name_of (photo);
  g_autofree char *expected = NULL;
  g_autofree char *length = NULL;
  gsize size = g_bytes_get_size (photo), half = size / 2;
  g_autoptr(BlobReply) first = put_part (f, token, name, photo, 0, half);
  g_autoptr(BlobReply) head = NULL;
  g_autoptr(BlobReply) wrong = NULL;
  g_autoptr(BlobReply) rest = NULL;
  g_autoptr(BlobReply) got = NULL;
  g_autoptr(BlobReply) again = NULL;

  /* The client stops half-way; the server says where it stands. */
  expected = g_strdup_printf ("bytes=0-%zu", half - 1);
  g_assert_cmpuint (status_of (first), ==, 308);
  g_assert_cmpstr (header_of (first, "Range"), ==, expected);
  head = blob_request (f, "HEAD", name, token, NULL, NULL, NULL);
  g_assert_cmpuint (status_of (head), ==, 404);
  g_assert_cmpstr (header_of (head, "Range"), ==, expected);

  /* Resuming at the wrong place is refused with the right one. */
  wrong = put_part (f, token, name, photo, half + 10, size - half - 10);
  g_assert_cmpuint (status_of (wrong), ==, 409);
  g_assert_cmpstr (error_of (wrong), ==, "wrong_offset");
  g_assert_cmpstr (header_of (wrong, "Range"), ==, expected);

  rest = put_part (f, token, name, photo, half, size - half);
  g_assert_cmpuint (status_of (rest), ==, 201);
  refer_to (f, token, name);
  got = blob_request (f, "GET", name, token, NULL, NULL, NULL);
  g_assert_cmpuint (status_of (got), ==, 200);
  g_assert_true (g_bytes_equal (got->body, photo));

  g_clear_pointer (&head, blob_reply_free);
  head = blob_request (f, "HEAD", name, token, NULL, NULL, NULL);
  length = g_strdup_printf ("%zu", size);
  g_assert_cmpuint (status_of (head), ==, 200);
  g_assert_cmpstr (header_of (head, "Content-Length"), ==, length);

  /* The same blob again, in one request: already there. */
  again = blob_request (f, "PUT", name, token, photo, NULL, NULL);
  g_assert_cmpuint (status_of (again), ==, 200);
  g_assert_cmpuint (count_blob_files (f), ==, 1);
}

static void
test_mismatch (HttpFixture   *f,
               gconstpointer  data)
{
  g_autofree char *token = http_login (f, "inv", "dev-inv");
  g_autoptr(GBytes) photo = read_photo ("palace-nikon-gps-500x375.jpg");
  g_autoptr(GBytes) other = read_photo ("cat-512x512.png");
  g_autofree char *name = name_of (other);
  g_autoptr(BlobReply) put = blob_request (f, "PUT", name, token, photo, NULL, NULL);
  g_autoptr(BlobReply) head = NULL;

  g_assert_cmpuint (status_of (put), ==, 422);
  g_assert_cmpstr (error_of (put), ==, "blob_mismatch");
  head = blob_request (f, "HEAD", name, token, NULL, NULL, NULL);
  g_assert_cmpuint (status_of (head), ==, 404);
  g_assert_null (header_of (head, "Range"));
  g_assert_cmpuint (count_blob_files (f), ==, 0);
}

/* Two cases' evidence refers to one photo, uploaded by two people. */
static void
test_stored_once (HttpFixture   *f,
                  gconstpointer  data)
{
  g_autofree char *inv = http_login (f, "inv", "dev-inv");
  g_autofree char *inv2 = http_login (f, "inv2", "dev-inv2");
  g_autoptr(GBytes) photo = read_photo ("cat-512x512.png");
  g_autofree char *name = name_of (photo);
  g_autofree char *value = g_strdup_printf ("\"%s\"", name);
  g_autoptr(BlobReply) first = blob_request (f, "PUT", name, inv, photo, NULL, NULL);
  g_autoptr(BlobReply) second = blob_request (f, "PUT", name, inv2, photo, NULL, NULL);
  g_autoptr(JsonArray) a = NULL;
  g_autoptr(JsonArray) b = NULL;

  g_assert_cmpuint (status_of (first), ==, 201);
  g_assert_cmpuint (status_of (second), ==, 200);
  a = push_results (f, inv, make_push (
    make_op (f, EVIDENCE_A, "evidence", CASE_A, CASE_A, "photo", value, "dev-inv"), NULL));
  b = push_results (f, inv2, make_push (
    make_op (f, EVIDENCE_B, "evidence", CASE_B, CASE_B, "photo", value, "dev-inv2"), NULL));
  g_assert_cmpuint (json_array_get_length (a), ==, 1);
  g_assert_cmpuint (json_array_get_length (b), ==, 1);
  g_assert_cmpuint (count_blob_files (f), ==, 1);
}

static void
assert_refused (HttpFixture *f,
                const char  *token,
                const char  *file,
                const char  *code,
                const char  *words)
{
  g_autoptr(GBytes) content = read_photo (file);
  g_autofree char *name = name_of (content);
  gsize size = g_bytes_get_size (content), half = size / 2;
  g_autoptr(BlobReply) first = put_part (f, token, name, content, 0, half);
  g_autoptr(BlobReply) last = put_part (f, token, name, content, half, size - half);
  g_autoptr(BlobReply) whole = NULL;
  g_autoptr(BlobReply) head = NULL;

  g_assert_cmpuint (status_of (first), ==, 308);
  g_assert_cmpuint (status_of (last), ==, 422);
  g_assert_cmpstr (error_of (last), ==, code);
  g_assert_nonnull (strstr (message_of (last), words));
  whole = blob_request (f, "PUT", name, token, content, NULL, NULL);
  g_assert_cmpuint (status_of (whole), ==, 422);
  g_assert_cmpstr (error_of (whole), ==, code);
  head = blob_request (f, "HEAD", name, token, NULL, NULL, NULL);
  g_assert_cmpuint (status_of (head), ==, 404);
  g_assert_null (header_of (head, "Range"));
}

static void
test_not_images (HttpFixture   *f,
                 gconstpointer  data)
{
  g_autofree char *token = http_login (f, "inv", "dev-inv");

  /* 300,000 bytes: more than the JSON body limit, which blobs do not meet. */
  assert_refused (f, token, "bad-truncated-storm.jpg", "image_truncated", "incomplete");
  assert_refused (f, token, "bad-not-an-image.jpg", "not_an_image", "not a photo");
  g_assert_cmpuint (count_blob_files (f), ==, 0);
}

static void
test_range (HttpFixture   *f,
            gconstpointer  data)
{
  g_autofree char *token = http_login (f, "inv", "dev-inv");
  g_autoptr(GBytes) photo = read_photo ("boat-panasonic-orient6-640x428.jpg");
  g_autofree char *name = name_of (photo);
  gsize size = g_bytes_get_size (photo);
  g_autofree char *content_range = g_strdup_printf ("bytes 70000-139999/%zu", size);
  g_autofree char *past = g_strdup_printf ("bytes=%zu-", size + 5);
  g_autoptr(GBytes) slice = g_bytes_new_from_bytes (photo, 70000, 70000);
  g_autoptr(GBytes) end = g_bytes_new_from_bytes (photo, size - 100, 100);
  g_autoptr(BlobReply) put = blob_request (f, "PUT", name, token, photo, NULL, NULL);
  g_autoptr(BlobReply) part = NULL;
  g_autoptr(BlobReply) tail = NULL;
  g_autoptr(BlobReply) outside = NULL;
  g_autoptr(BlobReply) missing = NULL;

  g_assert_cmpuint (status_of (put), ==, 201);
  refer_to (f, token, name);
  part = blob_request (f, "GET", name, token, NULL, "Range", "bytes=70000-139999");
  g_assert_cmpuint (status_of (part), ==, 206);
  g_assert_cmpstr (header_of (part, "Content-Range"), ==, content_range);
  g_assert_true (g_bytes_equal (part->body, slice));
  tail = blob_request (f, "GET", name, token, NULL, "Range", "bytes=-100");
  g_assert_cmpuint (status_of (tail), ==, 206);
  g_assert_true (g_bytes_equal (tail->body, end));
  outside = blob_request (f, "GET", name, token, NULL, "Range", past);
  g_assert_cmpuint (status_of (outside), ==, 416);
  missing = blob_request (f, "GET", NO_SUCH_BLOB, token, NULL, NULL, NULL);
  g_assert_cmpuint (status_of (missing), ==, 404);
}

static void
test_unauthorized (HttpFixture   *f,
                   gconstpointer  data)
{
  g_autoptr(GBytes) photo = read_photo ("cat-512x512.png");
  g_autofree char *name = name_of (photo);
  const char *methods[] = { "HEAD", "GET", "PUT" };

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autoptr(BlobReply) reply = blob_request (f, methods[i], name, NULL,
                                                 strcmp (methods[i], "PUT") == 0 ? photo : NULL,
                                                 NULL, NULL);

      g_assert_cmpuint (status_of (reply), ==, 401);
    }
  g_assert_cmpuint (count_blob_files (f), ==, 0);
}

static void
test_bad_requests (HttpFixture   *f,
                   gconstpointer  data)
{
  g_autofree char *token = http_login (f, "inv", "dev-inv");
  g_autoptr(GBytes) photo = read_photo ("cat-512x512.png");
  g_autofree char *name = name_of (photo);
  g_autoptr(GBytes) small = g_bytes_new_static ("0123456789", 10);
  g_autoptr(BlobReply) huge = blob_request (f, "PUT", name, token, small, "Content-Range",
                                            "bytes 0-9/999999999");
  g_autoptr(BlobReply) upper = blob_request (f, "HEAD", "ABC", token, NULL, NULL, NULL);
  g_autoptr(BlobReply) post = blob_request (f, "POST", name, token, small, NULL, NULL);

  g_assert_cmpuint (status_of (huge), ==, 413);
  g_assert_cmpstr (error_of (huge), ==, "too_large");
  g_assert_cmpuint (status_of (upper), ==, 404);
  g_assert_cmpuint (status_of (post), ==, 405);
}

/* A volunteer reads the photos of an assigned case, but not evidence
 * whose category is not known yet (it might show an ID number); anyone
 * else in scope reads both. The rest of the roles: tests/integration. */
static void
test_volunteer_reads_visit_photos (HttpFixture   *f,
                                   gconstpointer  data)
{
  g_autofree char *inv = http_login (f, "inv", "dev-inv");
  g_autofree char *vol = http_login (f, "vol", "dev-vol");
  g_autoptr(GBytes) visit = read_photo ("cat-512x512.png");
  g_autoptr(GBytes) evidence = read_photo ("palace-nikon-gps-500x375.jpg");
  g_autofree char *visit_name = name_of (visit);
  g_autofree char *evidence_name = name_of (evidence);
  g_autofree char *visit_value = g_strdup_printf ("\"%s\"", visit_name);
  g_autofree char *evidence_value = g_strdup_printf ("\"%s\"", evidence_name);
  g_autoptr(BlobReply) put_visit = blob_request (f, "PUT", visit_name, vol, visit, NULL, NULL);
  g_autoptr(BlobReply) put_evidence = blob_request (f, "PUT", evidence_name, inv, evidence,
                                                    NULL, NULL);
  g_autoptr(BlobReply) before = NULL;
  g_autoptr(BlobReply) after = NULL;
  g_autoptr(BlobReply) other = NULL;
  g_autoptr(BlobReply) inv_reads = NULL;
  g_autoptr(JsonArray) results = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (status_of (put_visit), ==, 201);
  g_assert_cmpuint (status_of (put_evidence), ==, 201);
  results = push_results (f, inv, make_push (
    make_op (f, CASE_A, "household", CASE_A, NULL, "village_code", "\"" TEST_VILLAGE_A "\"",
             "dev-inv"),
    make_op (f, VISIT, "outreach_visit", CASE_A, CASE_A, "photo", visit_value, "dev-inv"),
    make_op (f, EVIDENCE_A, "evidence", CASE_A, CASE_A, "photo", evidence_value, "dev-inv"),
    NULL));
  before = blob_request (f, "GET", visit_name, vol, NULL, NULL, NULL);
  g_assert_cmpuint (status_of (before), ==, 403);
  g_assert_cmpstr (error_of (before), ==, "forbidden");

  ruhu_directory_assign (ruhu_server_get_directory (f->server), CASE_A, "vol", &error);
  g_assert_no_error (error);
  after = blob_request (f, "GET", visit_name, vol, NULL, NULL, NULL);
  g_assert_cmpuint (status_of (after), ==, 200);
  g_assert_true (g_bytes_equal (after->body, visit));
  other = blob_request (f, "GET", evidence_name, vol, NULL, NULL, NULL);
  g_assert_cmpuint (status_of (other), ==, 403);
  inv_reads = blob_request (f, "GET", evidence_name, inv, NULL, NULL, NULL);
  g_assert_cmpuint (status_of (inv_reads), ==, 200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/ruhu/http/blobs/" path, HttpFixture, NULL, http_fixture_setup, func, \
              http_fixture_teardown)
  ADD ("resume", test_resume);
  ADD ("mismatch", test_mismatch);
  ADD ("stored-once", test_stored_once);
  ADD ("not-images", test_not_images);
  ADD ("range", test_range);
  ADD ("unauthorized", test_unauthorized);
  ADD ("bad-requests", test_bad_requests);
  ADD ("volunteer-reads-visit-photos", test_volunteer_reads_visit_photos);
#undef ADD
  return g_test_run ();
}
