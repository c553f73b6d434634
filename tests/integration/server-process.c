/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "server-process.h"

#define START_ATTEMPTS 5

/* If the test dies on a failed assertion, the server must not outlive it: a
 * GSpawnChildSetupFunc for any child of a test. */
void
server_process_die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* A loopback port nobody listened on a moment ago; someone may take it
 * before the server does, so starting tries again with another. */
guint16
server_process_pick_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint16 port;

  g_assert_true (g_socket_bind (socket, any, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  return port;
}

void
server_process_init (ServerProcess *sp,
                     const char    *data_dir,
                     const char    *key_file)
{
  memset (sp, 0, sizeof *sp);
  sp->data_dir = g_strdup (data_dir);
  sp->key_file = g_strdup (key_file);
  sp->port = server_process_pick_port ();
  sp->exited = TRUE;
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Reply *reply = user_data;

  reply->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                   &reply->error);
  reply->done = TRUE;
}

/**
 * server_process_request:
 * @token: (nullable): a bearer token
 * @body: (nullable): a JSON body
 *
 * Sends one request and iterates the main context until it is answered or
 * fails; the caller's watchdog covers a hang.
 */
void
server_process_request (ServerProcess *sp,
                        const char    *method,
                        const char    *path,
                        const char    *token,
                        const char    *body,
                        Reply         *reply)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u%s", sp->port, path);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);

  memset (reply, 0, sizeof *reply);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    value);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  soup_session_send_and_read_async (sp->session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, reply);
  while (!reply->done)
    g_main_context_iteration (NULL, TRUE);
  reply->status = soup_message_get_status (msg);
}

void
reply_clear (Reply *reply)
{
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_error (&reply->error);
}

/* The answer's JSON object, or NULL when there is no complete one: a
 * server killed while answering can leave a 200 with a cut body (libsoup's
 * gzip decoder then hands over what arrived), which a device must treat
 * like no answer at all and send again. */
JsonNode *
reply_try_json (Reply *reply)
{
  const char *data;
  gsize length = 0;
  JsonNode *node;

  if (reply->error != NULL || reply->status != 200 || reply->body == NULL)
    return NULL;
  data = g_bytes_get_data (reply->body, &length);
  if (data == NULL || length == 0)
    return NULL;
  node = json_from_string (data, NULL);
  if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
    g_clear_pointer (&node, json_node_unref);
  return node;
}

/* The answer's JSON object; the request must have been answered with 200. */
JsonNode *
reply_json (Reply *reply)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, 200);
  node = json_from_string (g_bytes_get_data (reply->body, NULL), &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return node;
}

static void
exited_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ServerProcess *sp = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  if (G_SUBPROCESS (source) == sp->process)
    sp->exited = TRUE;
}

/* Starts the server on sp->port; FALSE if it exited before answering. */
static gboolean
spawn (ServerProcess *sp)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autofree char *listen = g_strdup_printf ("127.0.0.1:%u", sp->port);
  g_autoptr(GError) error = NULL;

  g_subprocess_launcher_set_child_setup (launcher, server_process_die_with_parent, NULL, NULL);
  g_clear_object (&sp->process);
  sp->exited = FALSE;
  sp->process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("RUHU_SERVER"),
                                             "--data", sp->data_dir, "--key-file", sp->key_file,
                                             "--listen", listen, "--quiet", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (sp->process, NULL, exited_cb, sp);

  g_clear_object (&sp->session);
  sp->session = soup_session_new ();
  while (!sp->exited)
    {
      g_auto(Reply) reply = { 0 };

      server_process_request (sp, "GET", "/api/v1/health", NULL, NULL, &reply);
      if (reply.error == NULL && reply.status == 200)
        return TRUE;
      g_usleep (5000);
    }
  return FALSE;
}

/* Returns once the server answers its health check. */
void
server_process_start (ServerProcess *sp)
{
  for (guint attempt = 0; attempt < START_ATTEMPTS; attempt++)
    {
      if (spawn (sp))
        return;
      g_test_message ("ruhu-server could not listen on port %u; trying another", sp->port);
      sp->port = server_process_pick_port ();
    }
  g_error ("ruhu-server did not start");
}

/* SIGKILL, and wait until the child is reaped. */
void
server_process_kill (ServerProcess *sp)
{
  if (sp->process == NULL || sp->exited)
    return;
  g_subprocess_send_signal (sp->process, SIGKILL);
  while (!sp->exited)
    g_main_context_iteration (NULL, TRUE);
}

void
server_process_clear (ServerProcess *sp)
{
  server_process_kill (sp);
  g_clear_object (&sp->process);
  g_clear_object (&sp->session);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&sp->data_dir, g_free);
  g_clear_pointer (&sp->key_file, g_free);
}
