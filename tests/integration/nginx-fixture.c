/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "nginx-fixture.h"
#include "server-process.h"
#include "test-util.h"

/* The site file is used as shipped but for its ports and TLS (there is no
 * certificate here); the limits file is used byte for byte. What reaches
 * ruhu-server is read from its request log (its standard error), and its
 * memory from /proc/PID/status. */

void
raw_reply_clear (RawReply *reply)
{
  g_free (reply->head);
  g_free (reply->body);
}

/* Where Debian's nginx is; $RUHU_NGINX wins. Not in PATH for most users. */
char *
find_nginx (void)
{
  static const char *const places[] = { "/usr/sbin/nginx", "/usr/local/sbin/nginx" };
  const char *env = g_getenv ("RUHU_NGINX");
  char *found;

  if (env != NULL && *env != '\0')
    return g_file_test (env, G_FILE_TEST_IS_EXECUTABLE) ? g_strdup (env) : NULL;
  if ((found = g_find_program_in_path ("nginx")) != NULL)
    return found;
  for (gsize i = 0; i < G_N_ELEMENTS (places); i++)
    if (g_file_test (places[i], G_FILE_TEST_IS_EXECUTABLE))
      return g_strdup (places[i]);
  return NULL;
}

char *
read_text (const char *path)
{
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return g_strdup ("");
  return text;
}

static GSubprocess *
spawn (const char * const *argv,
       const char         *log_path)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_set_stdout_file_path (launcher, log_path);
  g_subprocess_launcher_set_child_setup (launcher, server_process_die_with_parent, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  return process;
}

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) user_data = TRUE;
}

/* SIGTERM, then SIGKILL if it has not ended in 15 s. */
static void
stop (GSubprocess *process)
{
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  gboolean done = FALSE;

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait_async (process, NULL, wait_cb, &done);
  while (!done && g_get_monotonic_time () < deadline)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10000);
    }
  if (!done)
    {
      g_subprocess_force_exit (process);
      g_subprocess_wait (process, NULL, NULL);
    }
}

/* ruhu-admin --data DIR --key-file KEY ARGS… with INPUT on stdin. */
static void
admin (NginxFixture *fx,
       const char   *input,
       ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, g_strdup (g_getenv ("RUHU_ADMIN")));
  g_ptr_array_add (argv, g_strdup ("--data"));
  g_ptr_array_add (argv, g_build_filename (fx->tmp, "data", NULL));
  g_ptr_array_add (argv, g_strdup ("--key-file"));
  g_ptr_array_add (argv, g_build_filename (fx->tmp, "server.key", NULL));
  va_start (args, input);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_exit_status (process) != 0)
    g_error ("ruhu-admin failed: %s%s", out, err);
}

/* ---- HTTP by hand: slow, partial and oversized requests need it ---- */

static GSocket *
try_connect (guint16   port,
             GError  **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, error);

  if (socket == NULL)
    return NULL;
  g_socket_set_timeout (socket, 60);
  if (!g_socket_connect (socket, address, NULL, error))
    return NULL;
  return g_steal_pointer (&socket);
}

GSocket *
connect_to (guint16 port)
{
  g_autoptr(GError) error = NULL;
  GSocket *socket = try_connect (port, &error);

  g_assert_no_error (error);
  return socket;
}

/* FALSE when the peer has closed or reset the connection. */
gboolean
send_all (GSocket    *socket,
          const char *data,
          gsize       length)
{
  while (length > 0)
    {
      gssize sent = g_socket_send (socket, data, length, NULL, NULL);

      if (sent <= 0)
        return FALSE;
      data += sent;
      length -= sent;
    }
  return TRUE;
}

/* Reads until the peer closes (every request here says Connection: close). */
void
receive_reply (GSocket  *socket,
               RawReply *reply)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char buffer[16384];
  gssize n;
  char *end;

  while ((n = g_socket_receive (socket, buffer, sizeof buffer, NULL, NULL)) > 0)
    g_string_append_len (text, buffer, n);
  reply->status = 0;
  if (sscanf (text->str, "HTTP/1.%*d %u", &reply->status) != 1)
    reply->status = 0;
  end = strstr (text->str, "\r\n\r\n");
  reply->head = g_strndup (text->str, end != NULL ? (gsize) (end - text->str) : text->len);
  reply->body = g_strdup (end != NULL ? end + 4 : "");
}

char *
request_head (const char *method,
              const char *path,
              const char *headers,
              gssize      length)
{
  g_autofree char *content_length =
    length >= 0 ? g_strdup_printf ("Content-Length: %" G_GSSIZE_FORMAT "\r\n", length)
                : g_strdup ("");

  return g_strdup_printf ("%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n%s%s\r\n",
                          method, path, content_length, headers != NULL ? headers : "");
}

void
raw_request (guint16     port,
             const char *method,
             const char *path,
             const char *headers,
             const char *body,
             gssize      length,
             RawReply   *reply)
{
  g_autoptr(GSocket) socket = connect_to (port);
  g_autofree char *head = request_head (method, path, headers,
                                        body != NULL ? length : -1);

  if (send_all (socket, head, strlen (head)) && body != NULL)
    send_all (socket, body, length);
  receive_reply (socket, reply);
  g_test_message ("%s %s → %u %s", method, path, reply->status, reply->body);
}

void
raw_get (NginxFixture *fx,
         const char   *path,
         RawReply     *reply)
{
  raw_request (fx->port, "GET", path, NULL, NULL, 0, reply);
}

/* The value of header NAME in a reply, or "". */
char *
reply_header (const RawReply *reply,
              const char     *name)
{
  g_autofree char *needle = g_strdup_printf ("\r\n%s: ", name);
  const char *start = strstr (reply->head, needle);
  const char *end;

  if (start == NULL)
    return g_strdup ("");
  start += strlen (needle);
  end = strstr (start, "\r\n");
  return end != NULL ? g_strndup (start, end - start) : g_strdup (start);
}

/* The JSON error code of a reply, or "". */
char *
reply_error_code (const RawReply *reply)
{
  g_autoptr(JsonNode) node = json_from_string (reply->body, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup ("");
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (node),
                                                                "error", ""));
}

/* ---- What reached ruhu-server ---- */

gsize
server_log_mark (NginxFixture *fx)
{
  g_autofree char *text = read_text (fx->server_log);

  return strlen (text);
}

static char *
server_log_since (NginxFixture *fx,
                  gsize         mark)
{
  g_autofree char *text = read_text (fx->server_log);

  return g_strdup (strlen (text) >= mark ? text + mark : "");
}

void
await_server_log (NginxFixture *fx,
                  gsize         mark,
                  const char   *needle)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autofree char *text = server_log_since (fx, mark);

      if (strstr (text, needle) != NULL)
        return;
      if (g_get_monotonic_time () > deadline)
        g_error ("“%s” never reached ruhu-server; its log:\n%s", needle, text);
      g_usleep (20000);
    }
}

/* ruhu-server logs a request once it has answered, which nginx may pass on
 * first: a request sent after the others, once logged, shows that every
 * earlier one that reached the server was logged too. */
void
sync_server_log (NginxFixture *fx)
{
  static guint serial;
  g_autofree char *path = g_strdup_printf ("/notice/sentinel-%u", ++serial);
  g_autofree char *line = g_strdup_printf ("GET %s 404", path);
  g_auto(RawReply) reply = { 0 };

  raw_get (fx, path, &reply);
  g_assert_cmpuint (reply.status, ==, 404);
  await_server_log (fx, 0, line);
}

/* The lines after MARK, but for sync_server_log()'s. */
guint
server_requests_since (NginxFixture *fx,
                       gsize         mark,
                       const char   *needle)
{
  g_autofree char *text = server_log_since (fx, mark);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint count = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "/notice/sentinel-") == NULL && strstr (lines[i], needle) != NULL)
      count++;
  return count;
}

guint64
rss_kb (NginxFixture *fx)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status",
                                           g_subprocess_get_identifier (fx->server));
  g_autofree char *status = read_text (path);
  const char *line = strstr (status, "\nVmRSS:");

  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen ("\nVmRSS:"), NULL, 10);
}

/* A value in seconds, or a count, from the shipped limits: NAME VALUE[s]; */
guint
shipped_limit (NginxFixture *fx,
               const char   *name)
{
  g_autofree char *pattern = g_strdup_printf ("^\\s*%s\\s+(\\d+)s?;", name);
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *value = NULL;

  if (!g_regex_match (regex, fx->limits, 0, &match))
    g_error ("ruhu-limits.conf has no “%s”", name);
  value = g_match_info_fetch (match, 1);
  return (guint) g_ascii_strtoull (value, NULL, 10);
}

/* ---- Set-up ---- */

/* The shipped site with what a test cannot have: loopback ports instead of
 * 80 and 443, no TLS (no certificate), and this test's ruhu-server instead
 * of 127.0.0.1:8080. Each edit must apply exactly once, so that a change to
 * the shipped file cannot make this test quietly check something else. */
static char *
test_site (NginxFixture *fx,
           const char   *shipped,
           guint16       server_port)
{
  g_autofree char *redirect = g_strdup_printf ("    listen 127.0.0.1:%u;", fx->redirect_port);
  g_autofree char *plain = g_strdup_printf ("    listen 127.0.0.1:%u;", fx->port);
  g_autofree char *upstream = g_strdup_printf ("    server 127.0.0.1:%u;", server_port);
  struct { const char *line; const char *replacement; guint seen; } edits[] = {
    { "listen 80;", redirect, 0 },
    { "listen [::]:80;", "", 0 },
    { "listen 443 ssl http2;", plain, 0 },
    { "listen [::]:443 ssl http2;", "", 0 },
    { "server 127.0.0.1:8080;", upstream, 0 },
  };
  g_auto(GStrv) lines = g_strsplit (shipped, "\n", -1);
  GString *site = g_string_new (NULL);
  guint ssl_lines = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));
      gboolean edited = FALSE;

      for (gsize e = 0; e < G_N_ELEMENTS (edits) && !edited; e++)
        if (g_str_equal (line, edits[e].line))
          {
            g_string_append_printf (site, "%s\n", edits[e].replacement);
            edits[e].seen++;
            edited = TRUE;
          }
      if (!edited && g_str_has_prefix (line, "ssl_"))
        {
          g_string_append_printf (site, "# test: %s\n", line);
          ssl_lines++;
          edited = TRUE;
        }
      if (!edited)
        g_string_append_printf (site, "%s\n", lines[i]);
    }
  for (gsize e = 0; e < G_N_ELEMENTS (edits); e++)
    if (edits[e].seen != 1)
      g_error ("ruhu.conf has “%s” %u times, not once", edits[e].line, edits[e].seen);
  g_assert_cmpuint (ssl_lines, >=, 4);
  g_assert_null (strstr (site->str, " ssl http2;"));
  return g_string_free (site, FALSE);
}

static void
write_config (NginxFixture *fx,
              guint16       server_port)
{
  g_autofree char *site_path = g_test_build_filename (G_TEST_DIST, "..", "data", "nginx",
                                                      "ruhu.conf", NULL);
  g_autofree char *limits_path = g_test_build_filename (G_TEST_DIST, "..", "data", "nginx",
                                                        "ruhu-limits.conf", NULL);
  g_autofree char *shipped = NULL, *site = NULL, *main_conf = NULL;
  g_autofree char *sites = g_build_filename (fx->tmp, "sites", NULL);
  g_autofree char *snippets = g_build_filename (fx->tmp, "snippets", NULL);
  g_autofree char *copy = g_build_filename (snippets, "ruhu-limits.conf", NULL);
  g_autofree char *site_copy = g_build_filename (sites, "ruhu.conf", NULL);
  g_autofree char *conf = g_build_filename (fx->tmp, "nginx.conf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (site_path, &shipped, NULL, &error));
  g_assert_true (g_file_get_contents (limits_path, &fx->limits, NULL, &error));
  site = test_site (fx, shipped, server_port);
  g_assert_cmpint (g_mkdir_with_parents (sites, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (snippets, 0700), ==, 0);
  g_assert_true (g_file_set_contents (site_copy, site, -1, &error));
  g_assert_true (g_file_set_contents (copy, fx->limits, -1, &error));

  /* Everything nginx writes stays in the temporary directory; one process,
   * in the foreground, as the current user. */
  main_conf = g_strdup_printf ("daemon off;\n"
                               "master_process off;\n"
                               "worker_processes 1;\n"
                               "pid %1$s/nginx.pid;\n"
                               "error_log %1$s/error.log info;\n"
                               "events { worker_connections 512; }\n"
                               "http {\n"
                               "    access_log %1$s/access.log;\n"
                               "    client_body_temp_path %1$s/body;\n"
                               "    proxy_temp_path %1$s/proxy;\n"
                               "    fastcgi_temp_path %1$s/fastcgi;\n"
                               "    uwsgi_temp_path %1$s/uwsgi;\n"
                               "    scgi_temp_path %1$s/scgi;\n"
                               "    include sites/ruhu.conf;\n"
                               "}\n", fx->tmp);
  g_assert_true (g_file_set_contents (conf, main_conf, -1, &error));
}

static guint16
start_server (NginxFixture *fx)
{
  g_autofree char *data = g_build_filename (fx->tmp, "data", NULL);
  g_autofree char *key = g_build_filename (fx->tmp, "server.key", NULL);
  const char *argv[] = { g_getenv ("RUHU_SERVER"), "--data", data, "--key-file", key,
                         "--listen", "127.0.0.1:0", NULL };
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  admin (fx, "", "init", NULL);
  admin (fx, NGINX_PASSWORD "\n", "user", "add", "zhang", "--name", "张伟", "--role",
         "investigator", "--place", "500109001", NULL);
  fx->server_log = g_build_filename (fx->tmp, "server.log", NULL);
  fx->server = spawn (argv, fx->server_log);
  for (;;)
    {
      g_autofree char *text = read_text (fx->server_log);
      const char *line = strstr (text, "listening on port ");

      if (line != NULL && strchr (line, '\n') != NULL)
        return (guint16) g_ascii_strtoull (line + strlen ("listening on port "), NULL, 10);
      if (g_subprocess_get_identifier (fx->server) == NULL ||
          g_get_monotonic_time () > deadline)
        g_error ("ruhu-server did not start:\n%s", text);
      g_usleep (20000);
    }
}

static void
start_nginx (NginxFixture *fx,
             const char   *nginx)
{
  g_autofree char *prefix = g_strconcat (fx->tmp, "/", NULL);
  g_autofree char *conf = g_build_filename (fx->tmp, "nginx.conf", NULL);
  g_autofree char *log = g_build_filename (fx->tmp, "nginx.out", NULL);
  const char *argv[] = { nginx, "-p", prefix, "-c", conf, NULL };
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  fx->error_log = g_build_filename (fx->tmp, "error.log", NULL);
  fx->nginx = spawn (argv, log);
  for (;;)
    {
      g_autoptr(GSocket) probe = try_connect (fx->port, NULL);

      if (probe != NULL)
        return;
      if (g_subprocess_get_identifier (fx->nginx) == NULL || g_get_monotonic_time () > deadline)
        {
          g_autofree char *out = read_text (log);
          g_autofree char *errors = read_text (fx->error_log);

          g_error ("nginx did not start:\n%s%s", out, errors);
        }
      g_usleep (20000);
    }
}

void
nginx_fixture_setup (NginxFixture  *fx,
                     gconstpointer  data)
{
  g_autofree char *nginx = find_nginx ();
  guint16 server_port;

  if (nginx == NULL)
    {
      g_test_skip ("nginx is not installed (see /nginx/installed)");
      return;
    }
  fx->tmp = test_make_temp_dir ();
  fx->port = server_process_pick_port ();
  fx->redirect_port = server_process_pick_port ();
  server_port = start_server (fx);
  write_config (fx, server_port);
  start_nginx (fx, nginx);
}

void
nginx_fixture_teardown (NginxFixture  *fx,
                        gconstpointer  data)
{
  gboolean server_clean;

  if (fx->tmp == NULL)
    return;
  if (fx->nginx != NULL)
    stop (fx->nginx);
  stop (fx->server);
  server_clean = g_subprocess_get_if_exited (fx->server) &&
                 g_subprocess_get_exit_status (fx->server) == 0;
  if (!server_clean || g_test_failed ())
    {
      g_autofree char *log = read_text (fx->server_log);
      g_autofree char *errors = read_text (fx->error_log);

      g_test_message ("ruhu-server:\n%s\nnginx:\n%s", log, errors);
    }
  g_clear_object (&fx->nginx);
  g_clear_object (&fx->server);
  test_remove_tree (fx->tmp);
  g_free (fx->tmp);
  g_free (fx->limits);
  g_free (fx->server_log);
  g_free (fx->error_log);
  g_assert_true (server_clean);
}
