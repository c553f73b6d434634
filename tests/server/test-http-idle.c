/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include "ruhu-handlers.h"
#include "ruhu-http.h"
#include "test-util.h"

/* Idle connections (server/ruhu-http-idle.c): an in-process server with
 * one-second header and idle timeouts (unless a test gives others), and raw TCP clients on a thread of
 * their own (blocking reads, the main thread runs the server) that say
 * nothing, make one request and stay, or download and upload slowly. The
 * server's descriptors are counted in /proc/self/fd. */

#define WATCHDOG_SECONDS 60
#define SLOW_PARTS       8
#define SLOW_STEP_MS     300   /* SLOW_PARTS steps: 2.4 s, more than twice the timeout */
#define LONG_IDLE_S      4     /* the idle timeout of the mixed-timeouts test */

typedef struct
{
  char              *tmp;
  RuhuServer        *server;
  guint16            port;
  guint              fds_before;
  guint              watchdog;
  SoupServerMessage *marked;        /* the message /test/mark answered */
  gboolean           marked_gone;   /* libsoup let go of its connection */
} Fixture;

typedef struct
{
  Fixture  *fx;
  void    (*run) (Fixture *fx, gpointer data);
  gpointer  data;
  gint      done;
} Client;

/* The slow download's state: one part every SLOW_STEP_MS. */
typedef struct
{
  SoupServerMessage *msg;
  guint              sent;
} SlowReply;

static gboolean
watchdog_cb (gpointer user_data)
{
  g_error ("The idle connection test did not finish in %d seconds", WATCHDOG_SECONDS);
  return G_SOURCE_REMOVE;
}

static guint
count_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static gboolean
slow_part_cb (gpointer user_data)
{
  SlowReply *slow = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (slow->msg);

  soup_message_body_append (body, SOUP_MEMORY_STATIC, "part;", 5);
  if (++slow->sent == SLOW_PARTS)
    soup_message_body_complete (body);
  soup_server_message_unpause (slow->msg);
  if (slow->sent < SLOW_PARTS)
    return G_SOURCE_CONTINUE;
  g_object_unref (slow->msg);
  g_free (slow);
  return G_SOURCE_REMOVE;
}

/* A chunked answer that takes SLOW_PARTS × SLOW_STEP_MS to write. */
static void
handle_slow (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  SlowReply *slow = g_new0 (SlowReply, 1);

  slow->msg = g_object_ref (msg);
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                     SOUP_ENCODING_CHUNKED);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_pause (msg);
  g_timeout_add (SLOW_STEP_MS, slow_part_cb, slow);
}

/* Answers how many bytes the request body had. */
static void
handle_count (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  g_autofree char *text =
    g_strdup_printf ("%zu", (gsize) soup_server_message_get_request_body (msg)->length);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  ruhu_http_reply_bytes (msg, SOUP_STATUS_OK, "text/plain", bytes);
}

static void
marked_gone_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  ((Fixture *) user_data)->marked_gone = TRUE;
}

/* Answers, and keeps the message to hear when libsoup lets go of its
 * connection: its SoupServer drops its record of the connection on the
 * same signal. */
static void
handle_mark (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Fixture *fx = user_data;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("marked", 6);

  g_set_object (&fx->marked, msg);
  g_signal_connect (msg, "disconnected", G_CALLBACK (marked_gone_cb), fx);
  ruhu_http_reply_bytes (msg, SOUP_STATUS_OK, "text/plain", bytes);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  RuhuServerConfig config = { .quiet = TRUE, .idle_timeout_s = 1, .header_timeout_s = 1 };
  const guint *idle_timeout_s = data;
  g_autofree char *data_dir = NULL;
  g_autofree char *key_file = NULL;
  g_autoptr(GError) error = NULL;

  fx->watchdog = g_timeout_add_seconds (WATCHDOG_SECONDS, watchdog_cb, NULL);
  fx->tmp = test_make_temp_dir ();
  data_dir = g_build_filename (fx->tmp, "data", NULL);
  key_file = g_build_filename (fx->tmp, "server.key", NULL);
  g_assert_true (ruhu_server_init_data_dir (data_dir, key_file, &error));
  g_assert_no_error (error);
  config.data_dir = data_dir;
  config.key_file = key_file;
  if (idle_timeout_s != NULL)
    config.idle_timeout_s = *idle_timeout_s;
  fx->server = ruhu_server_new (&config, &error);
  g_assert_no_error (error);
  ruhu_http_add_route (fx->server->soup, "/test/slow", handle_slow, NULL);
  ruhu_http_add_route (fx->server->soup, "/test/count", handle_count, NULL);
  ruhu_http_add_route (fx->server->soup, "/test/mark", handle_mark, fx);
  g_assert_true (ruhu_server_listen (fx->server, "127.0.0.1:0", &error));
  g_assert_no_error (error);
  fx->port = ruhu_server_get_port (fx->server);
  fx->fds_before = count_fds ();
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  ruhu_server_shutdown (fx->server);
  g_clear_object (&fx->marked);
  g_assert_finalize_object (fx->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  test_remove_tree (fx->tmp);
  g_free (fx->tmp);
  g_source_remove (fx->watchdog);
}

static gpointer
client_thread (gpointer data)
{
  Client *client = data;

  client->run (client->fx, client->data);
  g_atomic_int_set (&client->done, TRUE);
  g_main_context_wakeup (NULL);
  return NULL;
}

/* Runs @run on a thread of its own while the server serves here. */
static void
run_client (Fixture  *fx,
            void    (*run) (Fixture *fx, gpointer data),
            gpointer  data)
{
  Client client = { fx, run, data, FALSE };
  GThread *thread = g_thread_new ("client", client_thread, &client);

  while (!g_atomic_int_get (&client.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
}

/* Every connection the server closed has given its descriptor back. */
static void
assert_fds_released (Fixture *fx)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (ruhu_http_get_connection_count (fx->server->soup) > 0 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (ruhu_http_get_connection_count (fx->server->soup), ==, 0);
  g_assert_cmpuint (count_fds (), <=, fx->fds_before);
}

static GSocketConnection *
connect_raw (Fixture *fx)
{
  g_autoptr(GSocketClient) socket_client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  GSocketConnection *connection;

  g_socket_client_set_timeout (socket_client, 10);
  connection = g_socket_client_connect_to_host (socket_client, "127.0.0.1", fx->port, NULL,
                                                &error);
  g_assert_no_error (error);
  return connection;
}

static void
send_text (GSocketConnection *connection,
           const char        *text)
{
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), text,
                             strlen (text), NULL, NULL, &error);
  g_assert_no_error (error);
}

/* Reads until the server closes; returns the seconds that took. */
static double
seconds_until_closed (GSocketConnection *connection)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  gint64 start = g_get_monotonic_time ();
  char buffer[256];
  gssize n;

  while ((n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL)) > 0)
    ;
  g_assert_cmpint (n, ==, 0);
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

/* One answer: its headers, then a body of Content-Length or chunks. */
static char *
read_answer (GSocketConnection *connection)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  g_autoptr(GString) text = g_string_new (NULL);
  const char *end, *length;

  for (;;)
    {
      char c;

      g_assert_cmpint (g_input_stream_read (in, &c, 1, NULL, NULL), ==, 1);
      g_string_append_c (text, c);
      if ((end = strstr (text->str, "\r\n\r\n")) == NULL)
        continue;
      length = strstr (text->str, "Content-Length: ");
      if (length != NULL && (gsize) (end + 4 - text->str) + g_ascii_strtoull (length + 16, NULL, 10) ==
                            text->len)
        break;
      if (length == NULL && g_str_has_suffix (text->str, "0\r\n\r\n") && end + 4 < text->str + text->len)
        break;
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_health (Fixture *fx)
{
  g_autoptr(GSocketConnection) connection = connect_raw (fx);
  g_autofree char *answer = NULL;

  send_text (connection, "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  answer = read_answer (connection);
  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 200"));
}

static void
silent_clients (Fixture  *fx,
                gpointer  data)
{
  GSocketConnection *connections[10];

  for (guint i = 0; i < G_N_ELEMENTS (connections); i++)
    connections[i] = connect_raw (fx);
  /* The server answers others meanwhile. */
  assert_health (fx);
  for (guint i = 0; i < G_N_ELEMENTS (connections); i++)
    {
      double waited = seconds_until_closed (connections[i]);

      g_assert_cmpfloat (waited, <, 5.0);
      g_object_unref (connections[i]);
    }
}

/* Connections that say nothing are closed after the header timeout. */
static void
test_silent (Fixture       *fx,
             gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();

  run_client (fx, silent_clients, NULL);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC * 9 / 10);
  assert_fds_released (fx);
}

static void
kept_client (Fixture  *fx,
             gpointer  data)
{
  g_autoptr(GSocketConnection) connection = connect_raw (fx);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  double waited;

  /* Two requests on the connection: it is kept between them. */
  send_text (connection, "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  first = read_answer (connection);
  g_assert_true (g_str_has_prefix (first, "HTTP/1.1 200"));
  g_usleep (G_USEC_PER_SEC / 2);
  send_text (connection, "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  second = read_answer (connection);
  g_assert_true (g_str_has_prefix (second, "HTTP/1.1 200"));
  waited = seconds_until_closed (connection);
  g_assert_cmpfloat (waited, >=, 0.9);
  g_assert_cmpfloat (waited, <, 5.0);
  assert_health (fx);
}

/* A connection kept after an answer is closed after the idle timeout. */
static void
test_kept (Fixture       *fx,
           gconstpointer  data)
{
  run_client (fx, kept_client, NULL);
  assert_fds_released (fx);
}

/* One request on a kept connection, then either the server closes it
 * (@data NULL) or this client does (@data non-NULL). */
static void
kept_mark_client (Fixture  *fx,
                  gpointer  data)
{
  g_autoptr(GSocketConnection) connection = connect_raw (fx);
  g_autofree char *answer = NULL;

  send_text (connection, "GET /test/mark HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  answer = read_answer (connection);
  g_assert_true (g_str_has_suffix (answer, "\r\n\r\nmarked"));
  if (data != NULL)
    g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  else
    g_assert_cmpfloat (seconds_until_closed (connection), <, 5.0);
}

/* The port of the socket @fd, its own end (@peer FALSE) or the other. */
static guint16
socket_port (int      fd,
             gboolean peer)
{
  struct sockaddr_storage address;
  socklen_t length = sizeof address;
  int result = peer ? getpeername (fd, (struct sockaddr *) &address, &length)
                    : getsockname (fd, (struct sockaddr *) &address, &length);

  if (result != 0 || address.ss_family != AF_INET)
    return 0;
  return g_ntohs (((struct sockaddr_in *) &address)->sin_port);
}

/* The server's end of the connection whose client end is @client_port:
 * this process's descriptor with that peer and the server's port. */
static int
find_server_end (Fixture *fx,
                 guint16  client_port)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      int fd = atoi (name);

      if (socket_port (fd, FALSE) == fx->port && socket_port (fd, TRUE) == client_port)
        return fd;
    }
  return -1;
}

static int
no_delay_of (int fd)
{
  int value = -1;
  socklen_t length = sizeof value;

  g_assert_cmpint (getsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &value, &length), ==, 0);
  return value;
}

/* An answer's headers and body are written apart; with Nagle's algorithm
 * on, the body would wait for the client's delayed acknowledgement of the
 * headers. So every accepted connection has it off. */
static void
no_delay_client (Fixture  *fx,
                 gpointer  data)
{
  g_autoptr(GSocketConnection) connection = connect_raw (fx);
  int client_fd = g_socket_get_fd (g_socket_connection_get_socket (connection));
  g_autofree char *answer = NULL;
  int server_fd;

  send_text (connection, "GET /test/mark HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  answer = read_answer (connection);
  g_assert_true (g_str_has_suffix (answer, "\r\n\r\nmarked"));
  server_fd = find_server_end (fx, socket_port (client_fd, FALSE));
  g_assert_cmpint (server_fd, >=, 0);
  g_assert_cmpint (no_delay_of (client_fd), ==, 0);
  g_assert_cmpint (no_delay_of (server_fd), !=, 0);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
}

static void
test_no_delay (Fixture       *fx,
               gconstpointer  data)
{
  run_client (fx, no_delay_client, NULL);
  assert_fds_released (fx);
}

/* libsoup 3.2 keeps its record of a kept connection until the server
 * stops when the connection ends while it waits for the next request.
 * Whichever side ends it, the server takes it back first, and libsoup
 * forgets it: at the idle timeout when the client is still there, at once
 * when the client closes it. */
static void
test_kept_forgotten (Fixture       *fx,
                     gconstpointer  data)
{
  gint64 start;

  run_client (fx, kept_mark_client, NULL);
  g_assert_nonnull (fx->marked);
  g_assert_true (fx->marked_gone);
  assert_fds_released (fx);

  g_clear_object (&fx->marked);
  fx->marked_gone = FALSE;
  start = g_get_monotonic_time ();
  run_client (fx, kept_mark_client, GINT_TO_POINTER (TRUE));
  while (!fx->marked_gone && g_get_monotonic_time () - start < 3 * G_USEC_PER_SEC)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10000);
  g_assert_true (fx->marked_gone);
  assert_fds_released (fx);
}

static void
mixed_client (Fixture  *fx,
              gpointer  data)
{
  g_autoptr(GSocketConnection) kept = connect_raw (fx);
  g_autoptr(GSocketConnection) silent = NULL;
  g_autofree char *answer = NULL;
  gint64 answered;
  double waited;

  send_text (kept, "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  answer = read_answer (kept);
  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 200"));
  answered = g_get_monotonic_time ();
  /* Past the kept connection's own header timeout, which it no longer
   * has: the server's timer is set for its idle timeout by now. */
  g_usleep (G_USEC_PER_SEC * 6 / 5);
  /* This one's header timeout ends before the kept one's idle timeout. */
  silent = connect_raw (fx);
  waited = seconds_until_closed (silent);
  g_assert_cmpfloat (waited, >=, 0.9);
  g_assert_cmpfloat (waited, <, 2.0);
  seconds_until_closed (kept);
  g_assert_cmpint (g_get_monotonic_time () - answered, >=, LONG_IDLE_S * G_USEC_PER_SEC * 9 / 10);
}

/* Connections with different timeouts, armed so that the later one ends
 * first: each is closed at its own. */
static void
test_mixed (Fixture       *fx,
            gconstpointer  data)
{
  run_client (fx, mixed_client, NULL);
  assert_fds_released (fx);
}

static void
slow_download_client (Fixture  *fx,
                      gpointer  data)
{
  g_autoptr(GSocketConnection) connection = connect_raw (fx);
  g_autofree char *answer = NULL;
  const char *body;
  guint parts = 0;

  send_text (connection, "GET /test/slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  answer = read_answer (connection);
  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 200"));
  for (body = strstr (answer, "part;"); body != NULL; body = strstr (body + 1, "part;"))
    parts++;
  g_assert_cmpuint (parts, ==, SLOW_PARTS);
  g_assert_cmpfloat (seconds_until_closed (connection), <, 5.0);
}

/* An answer written for longer than the timeouts is not cut. */
static void
test_slow_download (Fixture       *fx,
                    gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();

  run_client (fx, slow_download_client, NULL);
  g_assert_cmpint (g_get_monotonic_time () - start, >=,
                   (gint64) SLOW_PARTS * SLOW_STEP_MS * 1000 * 9 / 10);
  assert_fds_released (fx);
}

static void
slow_upload_client (Fixture  *fx,
                    gpointer  data)
{
  g_autoptr(GSocketConnection) connection = connect_raw (fx);
  g_autofree char *headers = g_strdup_printf ("POST /test/count HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                              "Content-Length: %d\r\n\r\n", SLOW_PARTS);
  g_autofree char *answer = NULL;

  send_text (connection, headers);
  for (guint i = 0; i < SLOW_PARTS; i++)
    {
      g_usleep (SLOW_STEP_MS * 1000);
      send_text (connection, "x");
    }
  answer = read_answer (connection);
  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 200"));
  g_assert_true (g_str_has_suffix (answer, "\r\n\r\n" G_STRINGIFY (SLOW_PARTS)));
}

/* A request body sent for longer than the timeouts is not cut. */
static void
test_slow_upload (Fixture       *fx,
                  gconstpointer  data)
{
  run_client (fx, slow_upload_client, NULL);
  assert_fds_released (fx);
}

int
main (int   argc,
      char *argv[])
{
  static const guint long_idle_s = LONG_IDLE_S;

  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/ruhu/server/idle/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("silent", test_silent);
  ADD ("kept", test_kept);
  ADD ("kept-forgotten", test_kept_forgotten);
  ADD ("no-delay", test_no_delay);
  ADD ("slow-download", test_slow_download);
  ADD ("slow-upload", test_slow_upload);
#undef ADD
  g_test_add ("/ruhu/server/idle/mixed", Fixture, &long_idle_s, fixture_setup, test_mixed,
              fixture_teardown);
  return g_test_run ();
}
