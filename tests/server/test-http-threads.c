/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "http-fixture.h"
#include "ruhu-handlers.h"
#include "ruhu-http.h"
#include "ruhu-json.h"

/* Handlers on worker threads (ruhu-http-worker.c): the main loop answers
 * others meanwhile, many requests at once are all answered, a shutdown
 * waits for them, and connections are kept for the next request. */

#define WATCHDOG_SECONDS 20
#define MANY 100
#define N_LOGINS 6

/* A handler that waits on a worker thread until the test opens the gate. */
typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean started;
  gboolean open;
} Gate;

typedef struct
{
  SoupMessage *msg;
  GBytes      *bytes;
  gboolean     done;
} Pending;

static void
gate_init (Gate *gate)
{
  memset (gate, 0, sizeof *gate);
  g_mutex_init (&gate->lock);
  g_cond_init (&gate->cond);
}

static void
gate_clear (Gate *gate)
{
  g_mutex_clear (&gate->lock);
  g_cond_clear (&gate->cond);
}

static void
gate_open (Gate *gate)
{
  g_mutex_lock (&gate->lock);
  gate->open = TRUE;
  g_cond_broadcast (&gate->cond);
  g_mutex_unlock (&gate->lock);
}

static gboolean
gate_open_cb (gpointer user_data)
{
  gate_open (user_data);
  return G_SOURCE_REMOVE;
}

static void
gated_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  Gate *gate = user_data;
  g_autoptr(JsonObject) object = json_object_new ();

  g_mutex_lock (&gate->lock);
  gate->started = TRUE;
  g_cond_broadcast (&gate->cond);
  while (!gate->open)
    g_cond_wait (&gate->cond, &gate->lock);
  g_mutex_unlock (&gate->lock);
  json_object_set_boolean_member (object, "passed", TRUE);
  ruhu_http_reply_object (msg, SOUP_STATUS_OK, object);
}

/* A handler that forgets to answer. */
static void
silent_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
}

/* A plain-text answer with a header of its own. */
static void
bytes_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("made on a worker", 16);

  ruhu_http_set_header (msg, "X-Ruhu-Test", g_thread_self () == user_data ? "main" : "worker");
  ruhu_http_reply_bytes (msg, SOUP_STATUS_CREATED, "text/plain", body);
}

static void
add_gate (HttpFixture *f,
          Gate        *gate)
{
  ruhu_http_add_route_full (f->server->soup, "/test/gate", gated_cb, gate,
                            RUHU_HTTP_ROUTE_WORKER);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Pending *pending = user_data;

  pending->bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
  pending->done = TRUE;
}

static Pending *
send_async (HttpFixture *f,
            SoupSession *session,
            const char  *method,
            const char  *path,
            const char  *body)
{
  g_autofree char *url = g_strconcat (f->base, path, NULL);
  Pending *pending = g_new0 (Pending, 1);

  pending->msg = soup_message_new (method, url);
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (pending->msg, "application/json", request);
    }
  soup_session_send_and_read_async (session, pending->msg, G_PRIORITY_DEFAULT, NULL, sent_cb,
                                    pending);
  return pending;
}

static void
pending_free (Pending *pending)
{
  g_clear_object (&pending->msg);
  g_clear_pointer (&pending->bytes, g_bytes_unref);
  g_free (pending);
}

static gboolean
watchdog_cb (gpointer user_data)
{
  g_error ("%s did not finish in %d seconds", (const char *) user_data, WATCHDOG_SECONDS);
  return G_SOURCE_REMOVE;
}

static void
wait_for (Pending *pending)
{
  guint watchdog = g_timeout_add_seconds (WATCHDOG_SECONDS, watchdog_cb, "A request");

  while (!pending->done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (watchdog);
}

static gboolean
gate_started (Gate *gate)
{
  gboolean started;

  g_mutex_lock (&gate->lock);
  started = gate->started;
  g_mutex_unlock (&gate->lock);
  return started;
}

/* The client and the server share this thread's main context. */
static void
wait_started (Gate *gate)
{
  guint watchdog = g_timeout_add_seconds (WATCHDOG_SECONDS, watchdog_cb, "The gated handler");

  while (!gate_started (gate))
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_source_remove (watchdog);
}

/* While one handler is busy on a worker, the main loop answers others:
 * /health (on the main loop) and a login (on another worker). */
static void
test_busy_worker (HttpFixture   *f,
                  gconstpointer  data)
{
  Gate gate;
  Pending *gated;
  g_autoptr(Reply) health = NULL;
  g_autofree char *token = NULL;

  gate_init (&gate);
  add_gate (f, &gate);
  gated = send_async (f, f->session, "GET", "/test/gate", NULL);
  wait_started (&gate);

  health = http_request (f, "GET", "/api/v1/health", NULL, NULL);
  token = http_login (f, "inv", "dev-busy");
  g_assert_cmpuint (health->status, ==, 200);
  g_assert_nonnull (token);
  g_assert_false (gated->done);

  gate_open (&gate);
  wait_for (gated);
  g_assert_cmpuint (soup_message_get_status (gated->msg), ==, 200);
  g_assert_nonnull (strstr (g_bytes_get_data (gated->bytes, NULL), "\"passed\":true"));
  pending_free (gated);
  gate_clear (&gate);
}

static Pending *
send_pull (HttpFixture *f,
           SoupSession *session,
           const char  *token)
{
  g_autofree char *url = g_strconcat (f->base, "/api/v1/pull?since=0", NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  Pending *pull = g_new0 (Pending, 1);

  pull->msg = soup_message_new ("GET", url);
  soup_message_headers_replace (soup_message_get_request_headers (pull->msg), "Authorization",
                                auth);
  soup_session_send_and_read_async (session, pull->msg, G_PRIORITY_DEFAULT, NULL, sent_cb, pull);
  return pull;
}

static char *
pending_token (Pending *login)
{
  g_autoptr(JsonNode) node = NULL;

  wait_for (login);
  g_assert_cmpuint (soup_message_get_status (login->msg), ==, 200);
  node = ruhu_json_parse (g_bytes_get_data (login->bytes, NULL), g_bytes_get_size (login->bytes),
                          NULL, NULL);
  g_assert_nonnull (node);
  return g_strdup (json_object_get_string_member (json_node_get_object (node), "token"));
}

/* Logins (each a password check of the default cost) at once, then many
 * pulls and health checks at once on as many connections: every one is
 * answered, and every token works. */
static void
test_many_at_once (HttpFixture   *f,
                   gconstpointer  data)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("max-conns", 2 * MANY,
                                                                  "max-conns-per-host", 2 * MANY,
                                                                  NULL);
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  g_auto(GStrv) tokens = g_new0 (char *, N_LOGINS + 1);

  for (guint i = 0; i < N_LOGINS; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"user\":\"%s\",\"password\":\"%s\","
                                               "\"device\":\"dev-many-%u\"}",
                                               i % 2 ? "inv" : "sup", TEST_PASSWORD, i);

      g_ptr_array_add (pending, send_async (f, session, "POST", "/api/v1/session", body));
    }
  for (guint i = 0; i < N_LOGINS; i++)
    tokens[i] = pending_token (g_ptr_array_index (pending, i));
  g_ptr_array_set_size (pending, 0);

  for (guint i = 0; i < MANY; i++)
    {
      g_ptr_array_add (pending, send_pull (f, session, tokens[i % N_LOGINS]));
      g_ptr_array_add (pending, send_async (f, session, "GET", "/api/v1/health", NULL));
    }
  for (guint i = 0; i < pending->len; i++)
    {
      Pending *one = g_ptr_array_index (pending, i);

      wait_for (one);
      g_assert_cmpuint (soup_message_get_status (one->msg), ==, 200);
      g_assert_nonnull (strstr (g_bytes_get_data (one->bytes, NULL),
                                i % 2 ? "\"status\":\"ok\"" : "\"ops\""));
    }
}

/* A shutdown lets a handler still running on a worker finish and answer. */
static void
test_shutdown_waits (HttpFixture   *f,
                     gconstpointer  data)
{
  Gate gate;
  Pending *gated;
  gint64 start;
  double seconds;

  gate_init (&gate);
  add_gate (f, &gate);
  gated = send_async (f, f->session, "GET", "/test/gate", NULL);
  wait_started (&gate);

  g_timeout_add (300, gate_open_cb, &gate);
  start = g_get_monotonic_time ();
  ruhu_server_shutdown (f->server);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_assert_cmpfloat (seconds, >=, 0.25);
  g_assert_cmpfloat (seconds, <, 9.0);

  wait_for (gated);
  g_assert_cmpuint (soup_message_get_status (gated->msg), ==, 200);
  g_assert_nonnull (strstr (g_bytes_get_data (gated->bytes, NULL), "\"passed\":true"));
  pending_free (gated);
  gate_clear (&gate);
}

/* What a worker's handler sets besides the body reaches the client; one
 * that sets nothing answers 500. */
static void
test_worker_answers (HttpFixture   *f,
                     gconstpointer  data)
{
  Pending *silent, *no_token, *wrong_method, *bytes;
  SoupMessageHeaders *headers;

  ruhu_http_add_route_full (f->server->soup, "/test/silent", silent_cb, NULL,
                            RUHU_HTTP_ROUTE_SERIAL);
  ruhu_http_add_route_full (f->server->soup, "/test/bytes", bytes_cb, g_thread_self (),
                            RUHU_HTTP_ROUTE_WORKER);
  silent = send_async (f, f->session, "GET", "/test/silent", NULL);
  bytes = send_async (f, f->session, "GET", "/test/bytes", NULL);
  no_token = send_async (f, f->session, "GET", "/api/v1/pull", NULL);
  wrong_method = send_async (f, f->session, "GET", "/api/v1/push", NULL);
  wait_for (silent);
  wait_for (no_token);
  wait_for (wrong_method);
  wait_for (bytes);

  g_assert_cmpuint (soup_message_get_status (silent->msg), ==, 500);
  g_assert_nonnull (strstr (g_bytes_get_data (silent->bytes, NULL), "\"internal\""));
  g_assert_cmpuint (soup_message_get_status (no_token->msg), ==, 401);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (no_token->msg),
                                                 "WWW-Authenticate"), ==, "Bearer");
  g_assert_cmpstr (soup_message_headers_get_content_type (
                     soup_message_get_response_headers (no_token->msg), NULL), ==,
                   "application/json");
  g_assert_cmpuint (soup_message_get_status (wrong_method->msg), ==, 405);
  g_assert_cmpstr (soup_message_headers_get_one (
                     soup_message_get_response_headers (wrong_method->msg), "Allow"), ==, "POST");
  headers = soup_message_get_response_headers (bytes->msg);
  g_assert_cmpuint (soup_message_get_status (bytes->msg), ==, 201);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Ruhu-Test"), ==, "worker");
  g_assert_cmpstr (soup_message_headers_get_content_type (headers, NULL), ==, "text/plain");
  g_assert_cmpmem (g_bytes_get_data (bytes->bytes, NULL), g_bytes_get_size (bytes->bytes),
                   "made on a worker", 16);
  pending_free (silent);
  pending_free (no_token);
  pending_free (wrong_method);
  pending_free (bytes);
}

static guint
count (const char *text,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* One connection carries several requests (libsoup 3.2 would close it
 * after the first answer), also to a worker's handler, until the client
 * or a stopping server says otherwise. */
static void
test_keep_alive (HttpFixture   *f,
                 gconstpointer  data)
{
  static const char health[] = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  static const char pull[] = "GET /api/v1/pull HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  static const char last[] = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Connection: close\r\n\r\n";
  g_autofree char *requests = g_strconcat (health, pull, health, last, NULL);
  g_autofree char *answer = http_raw_exchange (f, requests);
  g_autofree char *stopping = NULL;

  g_assert_cmpuint (count (answer, "HTTP/1.1 200 OK\r\n"), ==, 3);
  g_assert_cmpuint (count (answer, "HTTP/1.1 401 Unauthorized\r\n"), ==, 1);
  g_assert_cmpuint (count (answer, "Connection: close"), ==, 0);

  ruhu_http_set_stopping (f->server->soup, TRUE);
  stopping = http_raw_exchange (f, requests);
  g_assert_true (g_str_has_prefix (stopping, "HTTP/1.1 503 "));
  g_assert_cmpuint (count (stopping, "HTTP/1.1 "), ==, 1);
  ruhu_http_set_stopping (f->server->soup, FALSE);
}

/* A kept connection with no request on it does not hold up a shutdown,
 * which closes it. */
static void
test_shutdown_idle_connection (HttpFixture   *f,
                               gconstpointer  data)
{
  static const char health[] = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  g_autoptr(GSocketConnection) connection = http_raw_connect (f, health);
  g_autofree char *answer = http_raw_read (connection, "}");
  g_autofree char *rest = NULL;
  gint64 start;

  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 200 OK\r\n"));
  start = g_get_monotonic_time ();
  ruhu_server_shutdown (f->server);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  rest = http_raw_read (connection, NULL);
  g_assert_cmpstr (rest, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, HttpFixture, NULL, http_fixture_setup, func, \
                                    http_fixture_teardown)
  ADD ("/ruhu/http-threads/busy-worker", test_busy_worker);
  ADD ("/ruhu/http-threads/many-at-once", test_many_at_once);
  ADD ("/ruhu/http-threads/shutdown-waits", test_shutdown_waits);
  ADD ("/ruhu/http-threads/worker-answers", test_worker_answers);
  ADD ("/ruhu/http-threads/keep-alive", test_keep_alive);
  ADD ("/ruhu/http-threads/shutdown-idle-connection", test_shutdown_idle_connection);
#undef ADD
  return g_test_run ();
}
