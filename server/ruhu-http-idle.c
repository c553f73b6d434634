/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-http-private.h"

/* Idle connections. libsoup 3.2's server never times a connection out: a
 * client that connects and says nothing, or keeps its connection after an
 * answer, would hold a descriptor for ever. So each connection the server
 * accepts is watched here, through the GSocketConnection it hands over
 * (libsoup 3.2 keeps its own connection object private), and found again
 * from a message by the addresses it was handed over with.
 *
 * A connection has a request in progress from the moment the request's
 * headers are in (its early handler) until the answer is written
 * (request-finished or request-aborted) or the connection is taken over
 * (an early refusal). Without one, it may stay silent header_timeout_s
 * while it has not sent a request yet, idle_timeout_s after an answer;
 * then it is closed, and nothing in progress is ever cut.
 *
 * libsoup 3.2 closes a connection whose first request never came once it
 * reads the end of it, but not a kept one: after an answer it waits for
 * the next request without a message of its own to show for it and, when
 * the end comes instead, stops reading and keeps the descriptor until the
 * server goes. So a connection is closed in two steps: its socket is shut
 * down, which libsoup reads as the end; a moment later, when libsoup no
 * longer reads it, the descriptor is closed here if libsoup has not. The
 * descriptor of a kept connection that its client closed is likewise freed
 * at its idle timeout at the latest.
 *
 * libsoup also keeps its own record of a kept connection (about 2 KiB)
 * until the server stops when the end came while it waited for the next
 * request: it has no message to finish for it. So an idle kept connection
 * is taken back from libsoup through its last answered message
 * (soup_server_message_steal_connection(), which drops the record) and
 * closed here, before libsoup reads anything more of it: at its idle
 * timeout if its client is still there, and as soon as its client's end
 * arrives (seen by a watch of higher priority than libsoup's reads). Over
 * TLS the end comes as a record, not as the socket's end, and libsoup
 * reads it; devices keep idle connections longer than the server does
 * (ruhu-sync.c), so for them it is the server that closes. */

/* From the shutdown to the close: long enough for libsoup to have read
 * the end, short enough to free the descriptor soon. */
#define CLOSE_DELAY_MS 500

struct _HttpConn
{
  HttpState         *state;       /* NULL once no longer watched */
  char              *key;         /* "remote local", see conn_key() */
  GSocketConnection *connection;
  guint              busy;        /* requests in progress */
  gboolean           answered;    /* one was answered: the idle timeout applies */
  gboolean           closing;     /* shut down; closed when the timer fires */
  GSource           *timer;
  SoupServerMessage *last;        /* the last answered message, bodies emptied */
  GSource           *watch;       /* while kept and idle: its client's end */
};

static char *
conn_key (GSocketAddress *local,
          GSocketAddress *remote)
{
  g_autofree char *local_text = NULL;
  g_autofree char *remote_text = NULL;

  if (local == NULL || remote == NULL)
    return NULL;
  local_text = g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (local));
  remote_text = g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (remote));
  return g_strconcat (remote_text, " ", local_text, NULL);
}

static void
conn_clear (gpointer data)
{
  HttpConn *conn = data;

  g_free (conn->key);
  g_clear_object (&conn->connection);
  g_clear_object (&conn->last);
}

static void
conn_release (gpointer data)
{
  g_rc_box_release_full (data, conn_clear);
}

static void
conn_stop_timer (HttpConn *conn)
{
  if (conn->timer == NULL)
    return;
  g_source_destroy (conn->timer);
  g_clear_pointer (&conn->timer, g_source_unref);
}

static void
conn_stop_watch (HttpConn *conn)
{
  if (conn->watch == NULL)
    return;
  g_source_destroy (conn->watch);
  g_clear_pointer (&conn->watch, g_source_unref);
}

/* Stops watching @conn; the table's reference goes, so the caller must
 * not touch @conn afterwards unless it holds one of its own. */
static void
conn_forget (HttpConn *conn)
{
  HttpState *state = conn->state;

  if (state == NULL)
    return;
  conn_stop_timer (conn);
  conn_stop_watch (conn);
  g_clear_object (&conn->last);
  conn->state = NULL;
  g_hash_table_remove (state->conns, conn->key);
}

/* Takes an idle kept connection back from libsoup through its last
 * answered message, which drops libsoup's record of it, and closes it.
 * Only while libsoup waits for the next request and has read nothing of
 * it. Taking it back tells its messages it is gone, which forgets it. */
static void
conn_take_back (HttpConn *conn)
{
  g_autoptr(SoupServerMessage) last = g_steal_pointer (&conn->last);
  HttpConn *held = g_rc_box_acquire (conn);
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (last);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (held->connection), NULL, NULL);
  conn_forget (held);
  conn_release (held);
}

/* Something came on an idle kept connection: its next request, which
 * libsoup reads, or its client's end, which would leave libsoup's record
 * behind. */
static gboolean
conn_watch_cb (GSocket      *socket,
               GIOCondition  condition,
               gpointer      user_data)
{
  HttpConn *conn = user_data;
  char byte;
  GInputVector vector = { &byte, 1 };
  gint flags = G_SOCKET_MSG_PEEK;

  g_clear_pointer (&conn->watch, g_source_unref);
  if (conn->last != NULL &&
      g_socket_receive_message (socket, NULL, &vector, 1, NULL, NULL, &flags, NULL, NULL) <= 0)
    conn_take_back (conn);
  return G_SOURCE_REMOVE;
}

static void
conn_start_watch (HttpConn *conn)
{
  GSocket *socket = g_socket_connection_get_socket (conn->connection);

  conn_stop_watch (conn);
  conn->watch = g_socket_create_source (socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  /* Before libsoup's own read of the same socket. */
  g_source_set_priority (conn->watch, G_PRIORITY_HIGH);
  g_source_set_callback (conn->watch, G_SOURCE_FUNC (conn_watch_cb), conn, NULL);
  g_source_attach (conn->watch, g_main_context_get_thread_default ());
}

static void conn_start_timer (HttpConn *conn,
                              guint     ms);

static gboolean
conn_timeout_cb (gpointer user_data)
{
  HttpConn *conn = user_data;
  GSocket *socket = g_socket_connection_get_socket (conn->connection);

  g_clear_pointer (&conn->timer, g_source_unref);
  /* Its client is still there, and silent. */
  if (!conn->closing && !g_socket_is_closed (socket) && conn->last != NULL &&
      g_socket_condition_check (socket, G_IO_IN | G_IO_HUP | G_IO_ERR) == 0)
    {
      conn_take_back (conn);
      return G_SOURCE_REMOVE;
    }
  if (!conn->closing && !g_socket_is_closed (socket))
    {
      conn->closing = TRUE;
      g_socket_shutdown (socket, TRUE, TRUE, NULL);
      conn_start_timer (conn, CLOSE_DELAY_MS);
      return G_SOURCE_REMOVE;
    }
  if (!g_socket_is_closed (socket))
    g_io_stream_close (G_IO_STREAM (conn->connection), NULL, NULL);
  conn_forget (conn);
  return G_SOURCE_REMOVE;
}

static void
conn_start_timer (HttpConn *conn,
                  guint     ms)
{
  conn_stop_timer (conn);
  conn->timer = g_timeout_source_new (ms);
  g_source_set_callback (conn->timer, conn_timeout_cb, conn, NULL);
  g_source_attach (conn->timer, g_main_context_get_thread_default ());
}

static void
conn_arm (HttpConn *conn)
{
  const RuhuHttpLimits *limits = &conn->state->limits;
  guint seconds = conn->answered ? limits->idle_timeout_s : limits->header_timeout_s;

  if (conn->closing)
    conn_start_timer (conn, CLOSE_DELAY_MS);
  else if (seconds > 0)
    conn_start_timer (conn, seconds * 1000);
}

static HttpConn *
conn_for (SoupServerMessage *msg)
{
  HttpConn *conn = g_object_get_data (G_OBJECT (msg), "ruhu-conn");

  return conn != NULL && conn->state != NULL ? conn : NULL;
}

static void
disconnected_cb (SoupServerMessage *msg,
                 gpointer           user_data)
{
  HttpConn *conn = conn_for (msg);

  if (conn != NULL)
    conn_forget (conn);
}

/**
 * ruhu_http_watch_connection:
 * @connection: the connection accepted, under TLS if any
 * @local: the local address it is handed to libsoup with
 * @remote: the remote address it is handed to libsoup with
 *
 * Closes @connection once it has had no request in progress for the
 * limits' header or idle timeout. Call just before handing it to
 * soup_server_accept_iostream() with the same addresses.
 */
void
ruhu_http_watch_connection (SoupServer        *server,
                            GSocketConnection *connection,
                            GSocketAddress    *local,
                            GSocketAddress    *remote)
{
  HttpState *state = ruhu_http_get_state (server);
  char *key = conn_key (local, remote);
  HttpConn *conn, *old;

  if (state == NULL || key == NULL)
    {
      g_free (key);
      return;
    }
  /* The same addresses again: the connection that had them is gone. */
  if ((old = g_hash_table_lookup (state->conns, key)) != NULL)
    conn_forget (old);
  conn = g_rc_box_new0 (HttpConn);
  conn->state = state;
  conn->key = key;
  conn->connection = g_object_ref (connection);
  g_hash_table_insert (state->conns, conn->key, conn);
  conn_arm (conn);
}

/**
 * ruhu_http_get_connection_count:
 *
 * Returns: how many accepted connections are open and watched
 */
guint
ruhu_http_get_connection_count (SoupServer *server)
{
  HttpState *state = ruhu_http_get_state (server);

  return state != NULL ? g_hash_table_size (state->conns) : 0;
}

/* request-started: @msg waits for a request on a watched connection. */
void
ruhu_http_conn_attach (HttpState         *state,
                       SoupServerMessage *msg)
{
  g_autofree char *key = conn_key (soup_server_message_get_local_address (msg),
                                   soup_server_message_get_remote_address (msg));
  HttpConn *conn = key != NULL ? g_hash_table_lookup (state->conns, key) : NULL;

  if (conn == NULL)
    return;
  g_object_set_data_full (G_OBJECT (msg), "ruhu-conn", g_rc_box_acquire (conn), conn_release);
  g_signal_connect (msg, "disconnected", G_CALLBACK (disconnected_cb), NULL);
}

/* The headers of @msg are in: its connection is busy until
 * ruhu_http_conn_end(). */
void
ruhu_http_conn_begin (SoupServerMessage *msg)
{
  HttpConn *conn = conn_for (msg);

  if (conn == NULL)
    return;
  conn->busy++;
  conn_stop_timer (conn);
  conn_stop_watch (conn);
}

/* The answer to @msg is written (or the request failed). */
void
ruhu_http_conn_end (SoupServerMessage *msg)
{
  HttpConn *conn = conn_for (msg);

  if (conn == NULL || conn->busy == 0 || --conn->busy > 0)
    return;
  conn->answered = TRUE;
  /* Kept for conn_take_back(), without the bodies it no longer needs. */
  soup_message_body_truncate (soup_server_message_get_request_body (msg));
  soup_message_body_truncate (soup_server_message_get_response_body (msg));
  g_set_object (&conn->last, msg);
  conn_arm (conn);
  conn_start_watch (conn);
}

/* The connection of @msg is taken over (an early refusal closes it). */
void
ruhu_http_conn_release (SoupServerMessage *msg)
{
  HttpConn *conn = conn_for (msg);

  if (conn != NULL)
    conn_forget (conn);
}

GHashTable *
ruhu_http_conns_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, NULL, conn_release);
}

/* The server goes: the messages that outlive it may still hold their
 * connection's record, but no longer the state. */
void
ruhu_http_conns_free (GHashTable *conns)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, conns);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      HttpConn *conn = value;

      conn_stop_timer (conn);
      conn_stop_watch (conn);
      conn->state = NULL;
    }
  g_hash_table_unref (conns);
}
