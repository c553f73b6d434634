/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "ruhu-json.h"
#include "ruhu-sync.h"
#include "test-async.h"
#include "test-util.h"

/* libsoup 3.2.3's server never frees the sockets it accepts, nor its
 * listener's address: not our leaks, and invisible to the fast unwinder's
 * suppressions, so they are marked here. */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#define IGNORE_LEAK(object) __lsan_ignore_object (object)
#define IGNORE_LEAKS_BEGIN() __lsan_disable ()
#define IGNORE_LEAKS_END() __lsan_enable ()
#else
#define IGNORE_LEAK(object)
#define IGNORE_LEAKS_BEGIN()
#define IGNORE_LEAKS_END()
#endif

/* The sync engine against a small scripted server on 127.0.0.1: it stores
 * what is pushed, serves it back as a feed, and can be told to fail. */

#define CASE_ID "00000000-0000-4000-8000-00000000000c"
/* Written on the device while a push is in flight. */
#define LATE_MEMBER "00000000-0000-4000-8000-00000000020a"

typedef struct
{
  SoupServer *server;
  char       *url;
  GPtrArray  *feed;           /* RuhuOp*: seq n is feed[n - 1] */
  GQueue      forced;         /* statuses to answer before behaving */
  guint       n_push;
  guint       n_pull;
  guint       n_duplicate;    /* operations pushed again */
  gboolean    expired;        /* answer 401 token_expired to everything */
  const char *push_next;      /* nullable: a push answer's "next", as JSON text */
  guint       edits_meanwhile; /* pushes during which the device gets a new edit */
  gboolean    push_too_large; /* answer the next push 413 */
  gint64      last_since;     /* of the last pull */

  RuhuStore      *store;
  RuhuSyncClient *client;
  GCancellable   *cancel_after_pull;
} Fixture;

static void
reply_json (SoupServerMessage *msg,
            guint              status,
            const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json,
                                    strlen (json));
}

static gboolean
find_version (GPtrArray  *feed,
              const char *version)
{
  for (guint i = 0; i < feed->len; i++)
    if (strcmp (((RuhuOp *) g_ptr_array_index (feed, i))->version, version) == 0)
      return TRUE;
  return FALSE;
}

static void
handle_session (Fixture           *fx,
                SoupServerMessage *msg,
                JsonObject        *request)
{
  if (g_strcmp0 (json_object_get_string_member_with_default (request, "password", ""),
                 "secret") != 0)
    {
      reply_json (msg, 401, "{\"error\":\"bad_credentials\",\"message\":\"no\"}");
      return;
    }
  g_assert_cmpstr (json_object_get_string_member_with_default (request, "device", ""), ==,
                   ruhu_store_get_device_id (fx->store));
  reply_json (msg, 200, "{\"token\":\"tok\",\"expires_at\":1800000000,\"user\":{\"id\":\"zhang.wei\","
                        "\"name\":\"Zhang\",\"role\":\"investigator\",\"place\":\"500109001\"},"
                        "\"server_time\":0}");
}

static void write_field (RuhuStore  *store,
                         const char *entity,
                         const char *field,
                         gint64      value);

/* Field "bad" is refused as a 422 for the whole batch; field "guarded" is
 * rejected by a rule; everything else is stored. The client speaks the
 * grouped form (docs/protocol.md). A push from the end of the feed is
 * answered with the cursor past it, as the server does. */
static void
handle_push (Fixture           *fx,
             SoupServerMessage *msg,
             JsonObject        *request,
             GHashTable        *query)
{
  const char *since = query != NULL ? g_hash_table_lookup (query, "since") : NULL;
  gboolean at_end = since != NULL && (guint) atoi (since) == fx->feed->len;
  g_autofree char *next = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = ruhu_op_list_from_groups (json_object_get_member (request,
                                                                                 "entities"),
                                                         0, NULL, &error);
  g_autoptr(GString) rejected = g_string_new (NULL);
  guint applied = 0, duplicate = 0;
  g_autofree char *out = NULL;

  g_assert_no_error (error);
  if (fx->push_too_large)
    {
      fx->push_too_large = FALSE;
      reply_json (msg, 413, "{\"error\":\"too_large\",\"message\":\"Too many\"}");
      return;
    }
  fx->n_push++;
  if (fx->edits_meanwhile > 0)
    {
      fx->edits_meanwhile--;
      write_field (fx->store, LATE_MEMBER, "income_farm", fx->n_push);
    }
  for (guint i = 0; i < batch->len; i++)
    {
      RuhuOp *op = g_ptr_array_index (batch, i);

      if (strcmp (op->field, "bad") == 0)
        {
          g_autofree char *json = g_strdup_printf ("{\"error\":\"invalid_value\",\"message\":"
                                                   "\"Not a number\",\"index\":%u,\"v\":\"%s\"}",
                                                   i, op->version);
          reply_json (msg, 422, json);
          return;
        }
    }
  for (guint i = 0; i < batch->len; i++)
    {
      RuhuOp *op = g_ptr_array_index (batch, i);

      if (strcmp (op->field, "guarded") == 0)
        g_string_append_printf (rejected, "%s{\"index\":%u,\"v\":\"%s\",\"code\":"
                                "\"role_not_allowed\",\"reason\":\"Only a supervisor may\"}",
                                rejected->len ? "," : "", i, op->version);
      else if (find_version (fx->feed, op->version))
        {
          duplicate++;
          fx->n_duplicate++;
        }
      else
        {
          applied++;
          g_ptr_array_add (fx->feed, ruhu_op_ref (op));
        }
    }
  if (fx->push_next != NULL)
    next = g_strdup_printf (",\"next\":%s", fx->push_next);
  else if (at_end)
    next = g_strdup_printf (",\"next\":%u", fx->feed->len);
  out = g_strdup_printf ("{\"applied\":%u,\"duplicate\":%u,\"rejected\":[%s]%s}", applied,
                         duplicate, rejected->str, next != NULL ? next : "");
  reply_json (msg, 200, out);
}

/* Grouped; with own=0 the device's own versions are left out, and the
 * cursor still moves past them. */
static void
handle_pull (Fixture           *fx,
             SoupServerMessage *msg,
             GHashTable        *query)
{
  guint since = atoi (g_hash_table_lookup (query, "since"));
  guint limit = atoi (g_hash_table_lookup (query, "limit"));
  guint end = MIN (since + limit, fx->feed->len);
  gboolean own = g_strcmp0 (g_hash_table_lookup (query, "own"), "0") != 0;
  g_autoptr(GPtrArray) page = g_ptr_array_new ();
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  g_assert_cmpstr (g_hash_table_lookup (query, "format"), ==, "grouped");
  fx->n_pull++;
  fx->last_since = since;
  for (guint i = since; i < end; i++)
    {
      RuhuOp *op = g_ptr_array_index (fx->feed, i);

      if (own || strcmp (op->device, ruhu_store_get_device_id (fx->store)) != 0)
        g_ptr_array_add (page, op);
    }
  json_object_set_member (object, "entities", ruhu_op_list_to_groups (page));
  json_object_set_int_member (object, "next", end);
  json_object_set_boolean_member (object, "more", end < fx->feed->len);
  json_node_set_object (root, object);
  text = ruhu_json_canonical (root);
  reply_json (msg, 200, text);
  /* As the server does: the client asks for the next page on these. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Ruhu-More",
                                end < fx->feed->len ? "true" : "false");
  g_free (text);
  text = g_strdup_printf ("%u", end);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Ruhu-Next", text);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fx = user_data;
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");
  g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(JsonNode) body = NULL;
  guint forced = GPOINTER_TO_UINT (g_queue_pop_head (&fx->forced));

  IGNORE_LEAK (soup_server_message_get_socket (msg));

  if (forced != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", "0");
      reply_json (msg, forced, "{\"error\":\"internal\",\"message\":\"scripted\"}");
      return;
    }
  if (g_bytes_get_size (bytes) > 0)
    body = ruhu_json_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, NULL);

  if (strcmp (path, "/api/v1/session") == 0)
    handle_session (fx, msg, json_node_get_object (body));
  else if (fx->expired || g_strcmp0 (auth, "Bearer tok") != 0)
    reply_json (msg, 401, "{\"error\":\"token_expired\",\"message\":\"old\"}");
  else if (strcmp (path, "/api/v1/push") == 0)
    handle_push (fx, msg, json_node_get_object (body), query);
  else if (strcmp (path, "/api/v1/pull") == 0)
    handle_pull (fx, msg, query);
  else
    reply_json (msg, 404, "{\"error\":\"not_found\",\"message\":\"?\"}");
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  return test_async_wait (result, 30, "the sync client");
}

static gboolean
run_login (Fixture     *fx,
           const char  *url,
           const char  *password,
           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ruhu_sync_client_login_async (fx->client, url, "zhang.wei", password, NULL,
                                test_async_result_cb, &result);
  return ruhu_sync_client_login_finish (fx->client, wait_for_result (&result), error);
}

static gboolean
run_sync (Fixture       *fx,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ruhu_sync_client_sync_async (fx->client, cancellable, test_async_result_cb, &result);
  return ruhu_sync_client_sync_finish (fx->client, wait_for_result (&result), error);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  fx->feed = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_op_unref);
  g_queue_init (&fx->forced);
  fx->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fx->server, "/api/v1", server_cb, fx, NULL);
  IGNORE_LEAKS_BEGIN ();
  soup_server_listen_local (fx->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  IGNORE_LEAKS_END ();
  g_assert_no_error (error);
  uris = soup_server_get_uris (fx->server);
  fx->url = g_uri_to_string (uris->data);

  fx->store = test_memory_store (NULL);
  fx->client = ruhu_sync_client_new (fx->store);
  ruhu_sync_client_set_retry_policy (fx->client, 3, 1);
  g_assert_true (run_login (fx, fx->url, "secret", &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  /* Close the server's side first and let both ends see it, so that no
   * connection outlives the test. */
  soup_server_disconnect (fx->server);
  g_assert_finalize_object (fx->client);
  g_assert_finalize_object (fx->store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (fx->server);
  g_clear_object (&fx->cancel_after_pull);
  g_queue_clear (&fx->forced);
  g_ptr_array_unref (fx->feed);
  g_free (fx->url);
}

static void
write_field (RuhuStore  *store,
             const char *entity,
             const char *field,
             gint64      value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = test_int (value);
  g_autoptr(RuhuOp) op = ruhu_store_write (store, entity, "member", CASE_ID, NULL, field,
                                           node, "zhang.wei", &error);

  g_assert_no_error (error);
  g_assert_nonnull (op);
}

static const char *
member (guint i)
{
  static char ids[8][40];

  g_snprintf (ids[i], sizeof ids[i], "00000000-0000-4000-8000-00000000010%u", i);
  return ids[i];
}

static char *
get_setting (RuhuStore  *store,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  char *value = ruhu_store_get_setting (store, name, &error);

  g_assert_no_error (error);
  return value;
}

static void
test_login (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = get_setting (fx->store, RUHU_SYNC_SETTING_TOKEN);
  g_autofree char *user = get_setting (fx->store, RUHU_SYNC_SETTING_USER);
  g_autofree char *role = get_setting (fx->store, RUHU_SYNC_SETTING_ROLE);

  g_assert_cmpstr (token, ==, "tok");
  g_assert_cmpstr (user, ==, "zhang.wei");
  g_assert_cmpstr (role, ==, "investigator");

  g_assert_false (run_login (fx, fx->url, "wrong", &error));
  g_assert_error (error, RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_BAD_CREDENTIALS);
  g_clear_error (&error);

  g_assert_false (run_login (fx, "ftp://127.0.0.1/", "secret", &error));
  g_assert_error (error, RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_NETWORK);
}

static void
test_unreachable (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *url = NULL;

  /* A port that was free a moment ago and that nobody listens on. */
  g_assert_true (g_socket_bind (socket, any, FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  url = g_strdup_printf ("http://127.0.0.1:%u",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  g_assert_false (run_login (fx, url, "secret", &error));
  g_assert_error (error, RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "network"));
}

static void
test_push_pull_pages (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) other = test_memory_store (NULL);
  g_autoptr(RuhuSyncClient) other_client = ruhu_sync_client_new (other);
  g_autofree char *mine = NULL, *theirs = NULL, *cursor = NULL;
  RuhuSyncClient *first = fx->client;

  for (guint i = 0; i < 5; i++)
    write_field (fx->store, member (i % 2), "income_wage", 100 * i);
  g_assert_cmpint (ruhu_sync_client_get_unsynced_count (fx->client), ==, 5);
  ruhu_sync_client_set_page_size (fx->client, 2, 2);
  g_assert_true (run_sync (fx, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fx->feed->len, ==, 5);
  g_assert_cmpuint (fx->n_push, ==, 3);
  /* Each push answer moved the cursor past it: one pull, from the end. */
  g_assert_cmpuint (fx->n_pull, ==, 1);
  g_assert_cmpint (fx->last_since, ==, 5);
  g_assert_cmpint (ruhu_sync_client_get_unsynced_count (fx->client), ==, 0);
  cursor = get_setting (fx->store, RUHU_SYNC_SETTING_CURSOR);
  g_assert_cmpstr (cursor, ==, "5");

  /* A second device sees the same state. */
  fx->client = other_client;
  fx->store = other;
  ruhu_sync_client_set_page_size (other_client, 2, 0);
  g_assert_true (run_login (fx, fx->url, "secret", &error));
  g_assert_true (run_sync (fx, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fx->n_pull, ==, 4);
  fx->client = first;
  fx->store = ruhu_sync_client_get_store (first);
  mine = ruhu_store_dump (fx->store, &error);
  theirs = ruhu_store_dump (other, &error);
  g_assert_cmpstr (mine, ==, theirs);
}

static void
test_retry (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  write_field (fx->store, member (0), "income_wage", 1);
  g_queue_push_tail (&fx->forced, GUINT_TO_POINTER (500));
  g_queue_push_tail (&fx->forced, GUINT_TO_POINTER (429));
  g_assert_true (run_sync (fx, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fx->n_push, ==, 1);
  g_assert_cmpuint (fx->feed->len, ==, 1);

  /* Failures beyond the bounded number of tries end the sync. */
  write_field (fx->store, member (0), "income_wage", 2);
  for (guint i = 0; i < 3; i++)
    g_queue_push_tail (&fx->forced, GUINT_TO_POINTER (503));
  g_assert_false (run_sync (fx, NULL, &error));
  g_assert_error (error, RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_SERVER);
  g_assert_cmpint (ruhu_sync_client_get_unsynced_count (fx->client), ==, 1);
}

static void
test_rejected (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rejections = NULL;
  g_autoptr(GPtrArray) heads = NULL;
  RuhuRejection *rejection;

  write_field (fx->store, member (0), "income_wage", 1);
  write_field (fx->store, member (0), "guarded", 2);
  g_assert_true (run_sync (fx, NULL, &error));
  g_assert_no_error (error);
  rejections = ruhu_store_list_rejections (fx->store, &error);
  g_assert_cmpuint (rejections->len, ==, 1);
  rejection = g_ptr_array_index (rejections, 0);
  g_assert_cmpstr (rejection->op->field, ==, "guarded");
  g_assert_cmpstr (rejection->reason, ==, "Only a supervisor may");
  g_assert_cmpint (ruhu_sync_client_get_unsynced_count (fx->client), ==, 0);
  heads = ruhu_store_get_heads (fx->store, member (0), "guarded", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (heads->len, ==, 0);
}

static void
test_invalid_op (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rejections = NULL;

  write_field (fx->store, member (0), "income_wage", 1);
  write_field (fx->store, member (1), "bad", 2);
  write_field (fx->store, member (1), "income_wage", 3);
  g_assert_true (run_sync (fx, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fx->n_push, ==, 2);
  g_assert_cmpuint (fx->feed->len, ==, 2);
  rejections = ruhu_store_list_rejections (fx->store, &error);
  g_assert_cmpuint (rejections->len, ==, 1);
  g_assert_cmpstr (((RuhuRejection *) g_ptr_array_index (rejections, 0))->reason, ==,
                   "Not a number");
  g_assert_cmpint (ruhu_sync_client_get_unsynced_count (fx->client), ==, 0);
}

static void
progress_cb (RuhuSyncClient *client,
             int             phase,
             gint64          done,
             gint64          total,
             Fixture        *fx)
{
  if (phase == RUHU_SYNC_PHASE_PULL && done >= 3)
    g_cancellable_cancel (fx->cancel_after_pull);
}

/* A store with @n edits of three members, whose feed the server serves. */
static RuhuStore *
serve_edits (Fixture *fx,
             guint    n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  RuhuStore *source = test_memory_store (NULL);
  gint64 last = 0;

  for (guint i = 0; i < n; i++)
    write_field (source, member (i % 3), "income_wage", i);
  ops = ruhu_store_feed_since (source, 0, G_MAXUINT, &last, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ops->len; i++)
    g_ptr_array_add (fx->feed, ruhu_op_ref (g_ptr_array_index (ops, i)));
  return source;
}

static void
test_cancel_mid_pull (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) source = serve_edits (fx, 8);
  g_autofree char *cursor = NULL, *expected = NULL, *got = NULL;

  fx->cancel_after_pull = g_cancellable_new ();
  g_signal_connect (fx->client, "progress", G_CALLBACK (progress_cb), fx);
  ruhu_sync_client_set_page_size (fx->client, 3, 0);
  g_assert_false (run_sync (fx, fx->cancel_after_pull, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  cursor = get_setting (fx->store, RUHU_SYNC_SETTING_CURSOR);
  g_assert_cmpstr (cursor, ==, "3");

  g_assert_true (run_sync (fx, NULL, &error));
  g_assert_no_error (error);
  expected = ruhu_store_dump (source, &error);
  got = ruhu_store_dump (fx->store, &error);
  g_assert_cmpstr (expected, ==, got);

  /* Pulling everything again from the start changes nothing. */
  g_assert_true (ruhu_store_set_setting (fx->store, RUHU_SYNC_SETTING_CURSOR, "0", &error));
  g_assert_true (run_sync (fx, NULL, &error));
  g_clear_pointer (&got, g_free);
  got = ruhu_store_dump (fx->store, &error);
  g_assert_cmpstr (expected, ==, got);
}

/* Over several push batches, every operation reaches the server once and
 * in order, whether its batch was taken whole, with a rejection, or
 * refused for one bad operation (the rest of that batch goes next). */
static void
test_push_batches (Fixture       *fx,
                      gconstpointer  data)
{
  static const char * const fields[] = {
    "income_wage", "income_farm", "guarded", "income_rent", "bad", "income_other", "income_gift",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rejections = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    write_field (fx->store, member (i), fields[i], i);
  ruhu_sync_client_set_page_size (fx->client, 2, 0);
  g_assert_true (run_sync (fx, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fx->feed->len, ==, G_N_ELEMENTS (fields) - 2);
  g_assert_cmpuint (fx->n_duplicate, ==, 0);
  for (guint i = 0; i < fx->feed->len; i++)
    {
      RuhuOp *op = g_ptr_array_index (fx->feed, i);

      g_assert_cmpstr (op->field, !=, "bad");
      g_assert_cmpstr (op->field, !=, "guarded");
      if (i > 0)  /* in the order they were written */
        g_assert_cmpstr (((RuhuOp *) g_ptr_array_index (fx->feed, i - 1))->entity, <,
                         op->entity);
    }
  rejections = ruhu_store_list_rejections (fx->store, &error);
  g_assert_cmpuint (rejections->len, ==, 2);
  g_assert_cmpint (ruhu_sync_client_get_unsynced_count (fx->client), ==, 0);
}

static void
assert_feed_in_order (Fixture *fx)
{
  for (guint i = 1; i < fx->feed->len; i++)
    {
      RuhuOp *before = g_ptr_array_index (fx->feed, i - 1);
      RuhuOp *op = g_ptr_array_index (fx->feed, i);

      g_assert_cmpint (ruhu_version_compare (before->version, op->version), <, 0);
    }
}

/* The next push batch is read while the server stores the one before.
 * Edits made meanwhile still go in the same sync, even when the batch
 * read ahead was empty, and a batch too large for the server is halved:
 * every operation reaches the server once, in the order it was written. */
static void
test_push_read_ahead (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  write_field (fx->store, member (0), "income_wage", 0);
  write_field (fx->store, member (1), "income_wage", 1);
  fx->edits_meanwhile = 1;
  ruhu_sync_client_set_page_size (fx->client, 0, 2);
  g_assert_true (run_sync (fx, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fx->feed->len, ==, 3);
  g_assert_cmpint (ruhu_sync_client_get_unsynced_count (fx->client), ==, 0);

  for (guint i = 0; i < 5; i++)
    write_field (fx->store, member (i % 3), "income_wage", i);
  fx->edits_meanwhile = 2;
  fx->push_too_large = TRUE;
  ruhu_sync_client_set_page_size (fx->client, 0, 4);
  g_assert_true (run_sync (fx, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (fx->push_too_large);
  g_assert_cmpuint (fx->edits_meanwhile, ==, 0);
  g_assert_cmpuint (fx->feed->len, ==, 10);
  g_assert_cmpuint (fx->n_duplicate, ==, 0);
  assert_feed_in_order (fx);
  g_assert_cmpint (ruhu_sync_client_get_unsynced_count (fx->client), ==, 0);
}

static void
cancel_after_first_push_cb (RuhuSyncClient *client,
                            int             phase,
                            gint64          done,
                            gint64          total,
                            Fixture        *fx)
{
  if (phase == RUHU_SYNC_PHASE_PUSH && done > 0)
    g_cancellable_cancel (fx->cancel_after_pull);
}

/* A sync cancelled while the next push batch is being read ahead stops
 * there; the batch read ahead is dropped, and the next sync sends the
 * rest, each operation once. */
static void
test_cancel_mid_push (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 6; i++)
    write_field (fx->store, member (i % 3), "income_wage", i);
  fx->cancel_after_pull = g_cancellable_new ();
  g_signal_connect (fx->client, "progress", G_CALLBACK (cancel_after_first_push_cb), fx);
  ruhu_sync_client_set_page_size (fx->client, 0, 2);
  g_assert_false (run_sync (fx, fx->cancel_after_pull, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (fx->n_push, ==, 1);
  g_assert_cmpint (ruhu_sync_client_get_unsynced_count (fx->client), ==, 4);
  g_signal_handlers_disconnect_by_func (fx->client, cancel_after_first_push_cb, fx);

  g_assert_true (run_sync (fx, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fx->feed->len, ==, 6);
  g_assert_cmpuint (fx->n_duplicate, ==, 0);
  assert_feed_in_order (fx);
  g_assert_cmpint (ruhu_sync_client_get_unsynced_count (fx->client), ==, 0);
}

/* The page after the first is asked for while the first is applied; a
 * transient failure of that early request is repeated like any other. */
static void
test_prefetch_retried (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) source = serve_edits (fx, 7);
  g_autofree char *cursor = NULL, *expected = NULL, *got = NULL;

  /* The first page is answered, the second (asked ahead) fails once. */
  g_queue_push_tail (&fx->forced, GUINT_TO_POINTER (0));
  g_queue_push_tail (&fx->forced, GUINT_TO_POINTER (503));
  ruhu_sync_client_set_page_size (fx->client, 3, 0);
  g_assert_true (run_sync (fx, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fx->n_pull, ==, 3);
  cursor = get_setting (fx->store, RUHU_SYNC_SETTING_CURSOR);
  g_assert_cmpstr (cursor, ==, "7");
  expected = ruhu_store_dump (source, &error);
  got = ruhu_store_dump (fx->store, &error);
  g_assert_cmpstr (expected, ==, got);
}

/* A push answer whose cursor is not a number at or past the device's is
 * malformed: the sync fails and the outbox and the cursor stay. */
static void
test_push_bad_cursor (Fixture       *fx,
                      gconstpointer  data)
{
  static const char * const bad[] = { "\"3\"", "-1", "null" };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = get_setting (fx->store, RUHU_SYNC_SETTING_CURSOR);
  g_autofree char *cursor = NULL;

  write_field (fx->store, member (0), "income_wage", 1);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      fx->push_next = bad[i];
      g_assert_false (run_sync (fx, NULL, &error));
      g_assert_error (error, RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_PROTOCOL);
      g_clear_error (&error);
      g_assert_cmpint (ruhu_sync_client_get_unsynced_count (fx->client), ==, 1);
    }
  cursor = get_setting (fx->store, RUHU_SYNC_SETTING_CURSOR);
  g_assert_cmpstr (cursor, ==, before);

  fx->push_next = NULL;
  g_assert_true (run_sync (fx, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ruhu_sync_client_get_unsynced_count (fx->client), ==, 0);
}

static void
test_unauthorized (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) fresh = test_memory_store (NULL);
  g_autoptr(RuhuSyncClient) fresh_client = ruhu_sync_client_new (fresh);
  g_autoptr(GAsyncResult) result = NULL;

  write_field (fx->store, member (0), "income_wage", 1);
  fx->expired = TRUE;
  g_assert_false (run_sync (fx, NULL, &error));
  g_assert_error (error, RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_TOKEN_EXPIRED);
  g_clear_error (&error);
  g_assert_cmpuint (fx->n_push, ==, 0);
  g_assert_cmpint (ruhu_sync_client_get_unsynced_count (fx->client), ==, 1);

  ruhu_sync_client_sync_async (fresh_client, NULL, test_async_result_cb, &result);
  g_assert_false (ruhu_sync_client_sync_finish (fresh_client, wait_for_result (&result), &error));
  g_assert_error (error, RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_NOT_LOGGED_IN);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/ruhu/sync/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("login", test_login);
  ADD ("unreachable-server", test_unreachable);
  ADD ("push-pull-pages", test_push_pull_pages);
  ADD ("retry-transient", test_retry);
  ADD ("rejected-op", test_rejected);
  ADD ("invalid-op-422", test_invalid_op);
  ADD ("cancel-mid-pull", test_cancel_mid_pull);
  ADD ("prefetch-retried", test_prefetch_retried);
  ADD ("push-batches", test_push_batches);
  ADD ("push-read-ahead", test_push_read_ahead);
  ADD ("cancel-mid-push", test_cancel_mid_push);
  ADD ("unauthorized", test_unauthorized);
  ADD ("push-bad-cursor", test_push_bad_cursor);
#undef ADD

  return g_test_run ();
}
