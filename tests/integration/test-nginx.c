/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "nginx-fixture.h"

/* The shipped nginx front (data/nginx/) in front of the built ruhu-server
 * ($RUHU_SERVER), both on 127.0.0.1, with Debian's nginx: what it passes on,
 * what it refuses and what it never lets reach ruhu-server
 * (tests/integration/nginx-fixture.c sets them up). */

#define DEVICE   "nginx-test-device"
#define MIB      (1024 * 1024)
#define BLOB     "/api/v1/blobs/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

/* How much ruhu-server's resident memory may grow while nginx holds slow
 * and oversized requests that must never reach it. */
#define MAX_RSS_GROWTH_KB 4096
#define SLOW_CLIENTS      8

static void
test_installed (void)
{
  g_autofree char *nginx = find_nginx ();

  if (nginx == NULL)
    g_test_fail_printf ("nginx is not installed (or $RUHU_NGINX is not a program): these "
                        "tests run Ruhu's nginx configuration with the Debian package nginx, "
                        "which build-aux/run-tests installs");
}

static char *
login (NginxFixture *fx,
       const char   *user,
       const char   *password,
       RawReply     *reply)
{
  g_autofree char *body = g_strdup_printf ("{\"user\": \"%s\", \"password\": \"%s\", "
                                           "\"device\": \"" DEVICE "\", "
                                           "\"device_name\": \"nginx test\"}", user, password);
  g_autoptr(JsonNode) node = NULL;

  raw_request (fx->port, "POST", "/api/v1/session", "Content-Type: application/json\r\n",
               body, strlen (body), reply);
  if (reply->status != 200)
    return NULL;
  node = json_from_string (reply->body, NULL);
  g_assert_nonnull (node);
  return g_strdup (json_object_get_string_member (json_node_get_object (node), "token"));
}

/* Ordinary requests pass, both ways; nothing outside the API and the public
 * pages reaches ruhu-server; plain HTTP only redirects to HTTPS. */
static void
test_pass_through (NginxFixture  *fx,
                   gconstpointer  data)
{
  static const char *const denied[] = { "/", "/index.html", "/api", "/apiv1/health",
                                        "/API/v1/health", "/etc/passwd", "/notice", "/_ruhu/error/not_found",
                                        "/../api/v1/health" };
  static const char *const public_pages[] = { "/notice/", "/verify/", "/published/" };
  g_auto(RawReply) health = { 0 };
  g_auto(RawReply) session = { 0 };
  g_auto(RawReply) wrong = { 0 };
  g_auto(RawReply) pull = { 0 };
  g_auto(RawReply) redirect = { 0 };
  g_auto(RawReply) junk = { 0 };
  g_autofree char *token = NULL, *bearer = NULL, *big_header = NULL, *location = NULL;
  gsize mark;

  if (fx->tmp == NULL)
    return;

  raw_get (fx, "/api/v1/health", &health);
  g_assert_cmpuint (health.status, ==, 200);
  g_assert_nonnull (strstr (health.body, "\"ok\""));
  g_assert_null (strstr (health.head, "nginx/"));
  g_assert_nonnull (strstr (health.head, "X-Content-Type-Options: nosniff"));

  token = login (fx, "zhang", NGINX_PASSWORD, &session);
  g_assert_cmpuint (session.status, ==, 200);
  g_assert_nonnull (token);
  bearer = g_strdup_printf ("Authorization: Bearer %s\r\n", token);
  raw_request (fx->port, "GET", "/api/v1/pull?since=0", bearer, NULL, 0, &pull);
  g_assert_cmpuint (pull.status, ==, 200);
  g_assert_nonnull (strstr (pull.body, "\"ops\""));
  g_assert_null (login (fx, "zhang", "not the password", &wrong));
  assert_error (&wrong, 401, "bad_credentials");

  raw_request (fx->redirect_port, "GET", "/api/v1/health", NULL, NULL, 0, &redirect);
  g_assert_cmpuint (redirect.status, ==, 301);
  location = reply_header (&redirect, "Location");
  g_assert_cmpstr (location, ==, "https://127.0.0.1/api/v1/health");

  /* Nothing else exists, and the public pages are ruhu-server's. */
  sync_server_log (fx);
  mark = server_log_mark (fx);
  for (gsize i = 0; i < G_N_ELEMENTS (denied); i++)
    {
      g_auto(RawReply) reply = { 0 };

      raw_get (fx, denied[i], &reply);
      /* nginx sends "/api" and "/notice" on to "/api/" and "/notice/". */
      if (reply.status == 301)
        {
          g_autofree char *moved = reply_header (&reply, "Location");
          g_autofree char *slashed = g_strconcat (denied[i], "/", NULL);

          g_assert_true (g_str_has_suffix (moved, slashed));
        }
      else if (reply.status == 400)
        assert_error (&reply, 400, "bad_request");
      else
        assert_error (&reply, 404, "not_found");
    }
  big_header = g_strdup_printf ("X-Junk: %0*d\r\n", 16 * 1024, 0);
  raw_request (fx->port, "GET", "/api/v1/health", big_header, NULL, 0, &junk);
  assert_error (&junk, 400, "bad_request");
  sync_server_log (fx);
  g_assert_cmpuint (server_requests_since (fx, mark, " /"), ==, 0);

  mark = server_log_mark (fx);
  for (gsize i = 0; i < G_N_ELEMENTS (public_pages); i++)
    {
      g_autofree char *path = g_strconcat (public_pages[i], "x", NULL);
      g_autofree char *line = g_strdup_printf ("GET %s ", path);
      g_auto(RawReply) reply = { 0 };

      raw_get (fx, path, &reply);
      await_server_log (fx, mark, line);
    }
}

/* Sends a chunked body of up to TOTAL bytes, CHUNK at a time every DELAY
 * µs, until the answer comes; returns its status. */
static guint
send_chunked (guint16     port,
              const char *path,
              gsize       total,
              gulong      delay)
{
  g_autoptr(GSocket) socket = connect_to (port);
  g_autofree char *head = request_head ("POST", path, "Content-Type: application/json\r\n"
                                        "Transfer-Encoding: chunked\r\n", -1);
  g_autofree char *chunk = g_malloc (64 * 1024);
  g_auto(RawReply) reply = { 0 };
  gsize sent = 0;

  memset (chunk, ' ', 64 * 1024);
  if (send_all (socket, head, strlen (head)))
    while (sent < total && !g_socket_condition_check (socket, G_IO_IN))
      {
        if (!send_all (socket, "10000\r\n", 7) || !send_all (socket, chunk, 64 * 1024) ||
            !send_all (socket, "\r\n", 2))
          break;
        sent += 64 * 1024;
        g_usleep (delay);
      }
  receive_reply (socket, &reply);
  return reply.status;
}

/* The shipped body limits: 4 MiB for the API, 32 MiB for blobs, refused by
 * nginx from the Content-Length or as a chunked body grows, and bodies
 * within them pass whole. */
static void
test_body_limits (NginxFixture  *fx,
                  gconstpointer  data)
{
  g_autofree char *body = g_malloc (5 * MIB);
  g_autofree char *errors = NULL;
  g_auto(RawReply) exact = { 0 };
  g_auto(RawReply) over = { 0 };
  g_auto(RawReply) blob = { 0 };
  g_auto(RawReply) blob_over = { 0 };
  g_autoptr(GSocket) socket = NULL;
  g_autofree char *head = NULL;
  gsize mark;

  if (fx->tmp == NULL)
    return;
  memset (body, ' ', 5 * MIB);

  /* Refused from the headers alone: the answer comes before any body. */
  sync_server_log (fx);
  mark = server_log_mark (fx);
  socket = connect_to (fx->port);
  head = request_head ("POST", "/api/v1/push", "Content-Type: application/json\r\n",
                       4 * MIB + 1);
  g_assert_true (send_all (socket, head, strlen (head)));
  g_assert_true (g_socket_condition_timed_wait (socket, G_IO_IN, 10 * G_USEC_PER_SEC, NULL,
                                                NULL));
  receive_reply (socket, &over);
  assert_error (&over, 413, "too_large");
  g_assert_cmpuint (send_chunked (fx->port, "/api/v1/push", 16 * MIB, 0), ==, 413);
  g_clear_object (&socket);
  g_free (head);
  socket = connect_to (fx->port);
  head = request_head ("PUT", BLOB, "Content-Type: application/octet-stream\r\n", 32 * MIB + 1);
  g_assert_true (send_all (socket, head, strlen (head)));
  receive_reply (socket, &blob_over);
  assert_error (&blob_over, 413, "too_large");
  sync_server_log (fx);
  g_assert_cmpuint (server_requests_since (fx, mark, "/api/v1/push"), ==, 0);
  g_assert_cmpuint (server_requests_since (fx, mark, "/api/v1/blobs/"), ==, 0);
  errors = read_text (fx->error_log);
  g_assert_nonnull (strstr (errors, "client intended to send too large body"));
  g_assert_nonnull (strstr (errors, "client intended to send too large chunked body"));

  /* Exactly at the limits: nginx passes the whole body on. */
  mark = server_log_mark (fx);
  raw_request (fx->port, "POST", "/api/v1/push", "Content-Type: application/json\r\n", body,
               4 * MIB, &exact);
  await_server_log (fx, mark, "POST /api/v1/push ");
  g_assert_cmpuint (exact.status, !=, 413);
  raw_request (fx->port, "PUT", BLOB, "Content-Type: application/octet-stream\r\n", body,
               5 * MIB, &blob);
  await_server_log (fx, mark, "PUT " BLOB " ");
}

/* Password guessing from one address meets the login rate limit; the
 * refused attempts never reach ruhu-server. */
static void
test_login_rate_limit (NginxFixture  *fx,
                       gconstpointer  data)
{
  guint refused = 0, answered = 0;
  g_autofree char *errors = NULL;
  gsize mark;

  if (fx->tmp == NULL)
    return;
  sync_server_log (fx);
  mark = server_log_mark (fx);
  for (guint i = 0; i < 40; i++)
    {
      g_auto(RawReply) reply = { 0 };
      g_autofree char *password = g_strdup_printf ("guess-%u-guess", i);

      g_assert_null (login (fx, "zhang", password, &reply));
      if (reply.status == 429)
        {
          assert_error (&reply, 429, "too_many_requests");
          refused++;
        }
      else
        {
          assert_error (&reply, 401, "bad_credentials");
          answered++;
        }
    }
  g_assert_cmpuint (answered, >=, 10);
  g_assert_cmpuint (refused, >=, 10);
  sync_server_log (fx);
  g_assert_cmpuint (server_requests_since (fx, mark, "POST /api/v1/session "), ==, answered);
  errors = read_text (fx->error_log);
  g_assert_nonnull (strstr (errors, "limiting requests, excess"));
  g_assert_nonnull (strstr (errors, "zone \"ruhu_login\""));
}

typedef enum
{
  SLOW_HEADERS,   /* never finishes its headers */
  SLOW_BODY,      /* sends a little of its body, then nothing */
  DRIP,           /* one byte of its body every DRIP_MS */
  N_SLOW_KINDS
} SlowKind;

#define DRIP_MS 300

typedef struct
{
  SlowKind  kind;
  GSocket  *socket;
  gint64    started;
  gint64    closed;   /* 0 while open */
  gint64    next_drip;
} SlowClient;

static void
slow_client_start (SlowClient *client,
                   guint16     port,
                   SlowKind    kind)
{
  static const char *const openings[] = {
    [SLOW_HEADERS] = "POST /api/v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le",
    [SLOW_BODY] = "POST /api/v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  "Content-Type: application/json\r\nContent-Length: 1048576\r\n\r\n"
                  "{\"ops\": [                                                      ",
    [DRIP] = "POST /api/v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\n"
             "Content-Type: application/json\r\nContent-Length: 4194304\r\n\r\n{",
  };

  client->kind = kind;
  client->socket = connect_to (port);
  client->started = g_get_monotonic_time ();
  client->closed = 0;
  client->next_drip = client->started + DRIP_MS * 1000;
  g_assert_true (send_all (client->socket, openings[kind], strlen (openings[kind])));
}

/* Notes when nginx has closed the connection; drips. */
static void
slow_client_poll (SlowClient *client,
                  gint64      now)
{
  char buffer[4096];

  if (client->closed != 0)
    return;
  if (g_socket_condition_check (client->socket, G_IO_IN | G_IO_HUP | G_IO_ERR) != 0 &&
      g_socket_receive (client->socket, buffer, sizeof buffer, NULL, NULL) <= 0)
    {
      client->closed = now;
      return;
    }
  if (client->kind == DRIP && now >= client->next_drip)
    {
      if (!send_all (client->socket, " ", 1))
        client->closed = now;
      client->next_drip = now + DRIP_MS * 1000;
    }
}

static gpointer
oversized_upload_thread (gpointer user_data)
{
  guint16 port = GPOINTER_TO_UINT (user_data);

  /* 64 KiB every 50 ms: about three seconds to pass 4 MiB. */
  return GUINT_TO_POINTER (send_chunked (port, "/api/v1/push", 32 * MIB, 50000));
}

/* Clients that stall in their headers or body are cut off by the shipped
 * time-outs; while they, clients that drip their body and an oversized
 * upload are in progress, nothing of them reaches ruhu-server, and its
 * memory stays put. */
static void
test_slow_clients (NginxFixture  *fx,
                   gconstpointer  data)
{
  SlowClient clients[N_SLOW_KINDS * SLOW_CLIENTS] = { 0 };
  gint64 header_timeout, body_timeout, deadline, next_sample = 0;
  guint64 baseline, peak;
  GThread *oversized;
  gboolean waiting = TRUE;
  guint oversized_status;
  guint drips_open = 0;
  g_autofree char *errors = NULL;
  gsize mark;

  if (fx->tmp == NULL)
    return;
  header_timeout = shipped_limit (fx, "client_header_timeout") * G_USEC_PER_SEC;
  body_timeout = shipped_limit (fx, "client_body_timeout") * G_USEC_PER_SEC;
  sync_server_log (fx);
  mark = server_log_mark (fx);
  baseline = peak = rss_kb (fx);

  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    slow_client_start (&clients[i], fx->port, i % N_SLOW_KINDS);
  oversized = g_thread_new ("oversized", oversized_upload_thread,
                            GUINT_TO_POINTER (fx->port));
  deadline = g_get_monotonic_time () + MAX (header_timeout, body_timeout) + 10 * G_USEC_PER_SEC;
  while (waiting && g_get_monotonic_time () < deadline)
    {
      gint64 now = g_get_monotonic_time ();

      waiting = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
        {
          slow_client_poll (&clients[i], now);
          waiting |= clients[i].kind != DRIP && clients[i].closed == 0;
        }
      if (now >= next_sample)
        {
          peak = MAX (peak, rss_kb (fx));
          next_sample = now + G_USEC_PER_SEC / 4;
        }
      g_usleep (20000);
    }
  oversized_status = GPOINTER_TO_UINT (g_thread_join (oversized));
  peak = MAX (peak, rss_kb (fx));
  g_test_message ("ruhu-server RSS %" G_GUINT64_FORMAT " kB, at most %" G_GUINT64_FORMAT
                  " kB meanwhile", baseline, peak);

  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      gint64 open_for = clients[i].closed - clients[i].started;

      switch (clients[i].kind)
        {
        case SLOW_HEADERS:
        case SLOW_BODY:
          {
            gint64 timeout = clients[i].kind == SLOW_HEADERS ? header_timeout : body_timeout;

            g_assert_cmpint (clients[i].closed, !=, 0);
            g_assert_cmpint (open_for, >=, timeout - G_USEC_PER_SEC);
            g_assert_cmpint (open_for, <=, timeout + 5 * G_USEC_PER_SEC);
          }
          break;
        case DRIP:
          /* The time-outs are between two reads: a drip outlasts them,
           * held by nginx alone (and bounded by limit_conn). */
          drips_open += clients[i].closed == 0;
          break;
        case N_SLOW_KINDS:
        default:
          g_assert_not_reached ();
        }
      g_clear_object (&clients[i].socket);
    }
  g_test_message ("%u of %u dripping clients were still open", drips_open, SLOW_CLIENTS);
  g_assert_cmpuint (oversized_status, ==, 413);
  g_assert_cmpuint (peak - baseline, <=, MAX_RSS_GROWTH_KB);
  sync_server_log (fx);
  g_assert_cmpuint (server_requests_since (fx, mark, "/api/v1/push"), ==, 0);
  errors = read_text (fx->error_log);
  g_assert_nonnull (strstr (errors, "client timed out"));
}

/* One address cannot hold more requests open than limit_conn allows. */
static void
test_connection_limit (NginxFixture  *fx,
                       gconstpointer  data)
{
  guint limit, status = 0;
  g_autofree SlowClient *clients = NULL;
  g_autofree char *errors = NULL;
  gint64 deadline;

  if (fx->tmp == NULL)
    return;
  limit = shipped_limit (fx, "limit_conn ruhu_conn");
  clients = g_new0 (SlowClient, limit);
  for (guint i = 0; i < limit; i++)
    slow_client_start (&clients[i], fx->port, SLOW_BODY);

  /* Once nginx has read all their headers, one more is refused. */
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (status != 429 && g_get_monotonic_time () < deadline)
    {
      g_auto(RawReply) reply = { 0 };

      g_usleep (200000);
      raw_get (fx, "/api/v1/health", &reply);
      if ((status = reply.status) == 429)
        assert_error (&reply, 429, "too_many_requests");
    }
  g_assert_cmpuint (status, ==, 429);
  errors = read_text (fx->error_log);
  g_assert_nonnull (strstr (errors, "limiting connections by zone \"ruhu_conn\""));

  for (guint i = 0; i < limit; i++)
    g_clear_object (&clients[i].socket);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (status != 200 && g_get_monotonic_time () < deadline)
    {
      g_auto(RawReply) reply = { 0 };

      g_usleep (200000);
      raw_get (fx, "/api/v1/health", &reply);
      status = reply.status;
    }
  g_assert_cmpuint (status, ==, 200);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  signal (SIGPIPE, SIG_IGN);

  g_test_add_func ("/nginx/installed", test_installed);
#define ADD(path, func) \
  g_test_add ("/nginx/" path, NginxFixture, NULL, nginx_fixture_setup, func, \
              nginx_fixture_teardown)
  ADD ("pass-through", test_pass_through);
  ADD ("body-limits", test_body_limits);
  ADD ("login-rate-limit", test_login_rate_limit);
  ADD ("slow-clients", test_slow_clients);
  ADD ("connection-limit", test_connection_limit);
#undef ADD
  return g_test_run ();
}
