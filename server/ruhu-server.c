/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "ruhu-handler-assigned.h"
#include "ruhu-handler-roster.h"
#include "ruhu-handlers.h"
#include "ruhu-http.h"
#include "ruhu-rules-assignment.h"
#include "ruhu-server-setup.h"

/* The sync server: the stores of one data directory behind libsoup's
 * server, one handler per resource of docs/protocol.md. */

#define DEFAULT_TOKEN_TTL_S (30 * 24 * 3600)
#define DEFAULT_MAX_BODY (4 * 1024 * 1024)
#define DEFAULT_MAX_BATCH 5000
#define DEFAULT_MAX_FIELD (64 * 1024)
#define DEFAULT_MAX_BLOB (32 * 1024 * 1024)
/* A device syncs in a burst of requests, each sent as soon as the last is
 * answered; a minute of silence means it is done. A new connection has
 * no reason to wait before its request. */
#define DEFAULT_IDLE_TIMEOUT_S 60
#define DEFAULT_HEADER_TIMEOUT_S 30

/* How long a shutdown waits for the requests in flight. */
#define SHUTDOWN_GRACE_S 10

G_DEFINE_FINAL_TYPE (RuhuServer, ruhu_server, G_TYPE_OBJECT)

static void
ruhu_server_dispose (GObject *object)
{
  RuhuServer *self = RUHU_SERVER (object);

  if (self->service != NULL)
    g_socket_service_stop (self->service);
  g_clear_object (&self->service);
  g_clear_object (&self->tls);
  if (self->soup != NULL)
    {
      soup_server_disconnect (self->soup);
      /* The handlers on worker threads use the stores cleared below. */
      ruhu_http_finish_workers (self->soup);
    }
  g_clear_object (&self->soup);
  g_clear_object (&self->keep_alive_peer);
  if (self->store != NULL)
    ruhu_store_set_rule_hook (self->store, NULL, NULL);
  g_clear_object (&self->store);
  g_clear_object (&self->directory);
  g_clear_object (&self->audit);
  g_clear_pointer (&self->blobs, ruhu_blob_store_free);
  g_clear_pointer (&self->forms, ruhu_form_set_unref);

  G_OBJECT_CLASS (ruhu_server_parent_class)->dispose (object);
}

static void
ruhu_server_finalize (GObject *object)
{
  RuhuServer *self = RUHU_SERVER (object);

  g_clear_pointer (&self->rules, ruhu_rules_free);
  g_clear_pointer (&self->public_pages, ruhu_public_cache_free);
  g_free (self->data_dir);
  g_free (self->key_file);

  G_OBJECT_CLASS (ruhu_server_parent_class)->finalize (object);
}

static void
ruhu_server_class_init (RuhuServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ruhu_server_dispose;
  object_class->finalize = ruhu_server_finalize;
}

static void
ruhu_server_init (RuhuServer *self)
{
  self->rules = ruhu_rules_new ();
  self->public_pages = ruhu_public_cache_new ();
}

static void
apply_config (RuhuServer             *self,
              const RuhuServerConfig *config)
{
  self->config = *config;
  self->data_dir = g_strdup (config->data_dir);
  self->key_file = g_strdup (config->key_file);
  self->config.data_dir = self->data_dir;
  self->config.key_file = self->key_file;
  if (self->config.token_ttl_s <= 0)
    self->config.token_ttl_s = DEFAULT_TOKEN_TTL_S;
  if (self->config.max_body == 0)
    self->config.max_body = DEFAULT_MAX_BODY;
  if (self->config.max_batch == 0)
    self->config.max_batch = DEFAULT_MAX_BATCH;
  if (self->config.max_field == 0)
    self->config.max_field = DEFAULT_MAX_FIELD;
  if (self->config.max_blob == 0)
    self->config.max_blob = DEFAULT_MAX_BLOB;
  if (self->config.idle_timeout_s == 0)
    self->config.idle_timeout_s = DEFAULT_IDLE_TIMEOUT_S;
  if (self->config.header_timeout_s == 0)
    self->config.header_timeout_s = DEFAULT_HEADER_TIMEOUT_S;
  self->config.header_timeout_s = MIN (self->config.header_timeout_s,
                                       self->config.idle_timeout_s);
}

static gboolean
open_stores (RuhuServer  *self,
             GError     **error)
{
  g_autofree char *directory_path = g_build_filename (self->data_dir, RUHU_SERVER_DIRECTORY_DB,
                                                      NULL);
  g_autofree char *audit_path = g_build_filename (self->data_dir, RUHU_SERVER_AUDIT_DB, NULL);

  if ((self->store = ruhu_server_open_case_store (self->data_dir, self->key_file, error)) == NULL ||
      (self->directory = ruhu_directory_open (directory_path, error)) == NULL ||
      (self->audit = ruhu_audit_open (audit_path, error)) == NULL ||
      (self->blobs = ruhu_server_open_blob_store (self, error)) == NULL ||
      (self->forms = ruhu_form_set_load_default (error)) == NULL)
    return FALSE;
  ruhu_store_set_rule_hook (self->store, ruhu_rules_check, self->rules);
  return TRUE;
}

static void
add_routes (RuhuServer *self)
{
  RuhuHttpLimits limits = { .max_body = self->config.max_body,
                            .max_blob = self->config.max_blob,
                            .quiet = self->config.quiet,
                            .idle_timeout_s = self->config.idle_timeout_s,
                            .header_timeout_s = self->config.header_timeout_s };

  self->soup = g_object_new (SOUP_TYPE_SERVER, "server-header", "ruhu-server/" PACKAGE_VERSION,
                             NULL);
  ruhu_http_install (self->soup, &limits);
  /* A password check, a push or a pull page would hold up every other
   * request on the main loop. Pushes may overlap: each has its own rule
   * state (RuhuRules), and the store applies one batch at a time. */
  ruhu_http_add_route_full (self->soup, "/api/v1/session", ruhu_handle_session, self,
                            RUHU_HTTP_ROUTE_WORKER);
  ruhu_http_add_route_full (self->soup, "/api/v1/push", ruhu_handle_push, self,
                            RUHU_HTTP_ROUTE_WORKER);
  ruhu_http_add_route_full (self->soup, "/api/v1/pull", ruhu_handle_pull, self,
                            RUHU_HTTP_ROUTE_WORKER);
  ruhu_http_add_route (self->soup, "/api/v1/health", ruhu_handle_health, self);
  /* The public pages read every case of a township: off the main loop. */
  ruhu_http_add_route_full (self->soup, "/notice", ruhu_handle_public_notice, self,
                            RUHU_HTTP_ROUTE_WORKER);
  ruhu_http_add_route_full (self->soup, "/published", ruhu_handle_public_recipients, self,
                            RUHU_HTTP_ROUTE_WORKER);
  ruhu_http_add_route_full (self->soup, "/verify", ruhu_handle_verify, self,
                            RUHU_HTTP_ROUTE_WORKER);
  /* Its early handler allows max_blob instead of max_body. */
  ruhu_http_add_route (self->soup, "/api/v1/blobs", ruhu_handle_blobs, self);
  ruhu_http_add_route_full (self->soup, "/api/v1/roster", ruhu_handle_roster, self,
                            RUHU_HTTP_ROUTE_WORKER);
  ruhu_http_add_route_full (self->soup, "/api/v1/assigned", ruhu_handle_assigned, self,
                            RUHU_HTTP_ROUTE_WORKER);
  ruhu_http_add_route_full (self->soup, "/api/v1/case-feed", ruhu_handle_case_feed, self,
                            RUHU_HTTP_ROUTE_WORKER);
  ruhu_rules_assignment_set_directory (self->store, self->directory);
}

/**
 * ruhu_server_new:
 * @config: where the data is and the limits; copied, zeros mean defaults
 *
 * Opens the case store, the directory, the audit log and the form
 * definitions of an initialised data directory, and routes the protocol.
 * Call ruhu_server_listen() to serve.
 *
 * Returns: (transfer full) (nullable): the server, or %NULL with @error set
 */
RuhuServer *
ruhu_server_new (const RuhuServerConfig  *config,
                 GError                 **error)
{
  g_autoptr(RuhuServer) self = NULL;

  g_return_val_if_fail (config != NULL && config->data_dir != NULL, NULL);
  g_return_val_if_fail (config->key_file != NULL, NULL);

  self = g_object_new (RUHU_TYPE_SERVER, NULL);
  apply_config (self, config);
  if (!g_file_test (self->data_dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, RUHU_SERVER_ERROR, RUHU_SERVER_ERROR_SETUP,
                   _("The data directory %s does not exist; create it with "
                     "“ruhu-admin init”"), self->data_dir);
      return NULL;
    }
  if (!open_stores (self, error))
    return NULL;
  add_routes (self);
  return g_steal_pointer (&self);
}

/**
 * ruhu_server_set_tls_certificate:
 * @certificate: (nullable): the certificate and its key, or %NULL for plain HTTP
 *
 * Makes later calls to ruhu_server_listen() serve HTTPS.
 */
void
ruhu_server_set_tls_certificate (RuhuServer      *self,
                                 GTlsCertificate *certificate)
{
  g_return_if_fail (RUHU_IS_SERVER (self));
  g_set_object (&self->tls, certificate);
}

/* "127.0.0.1:8080" or "[::1]:8080": a literal address, never a name to
 * resolve, so that what the server binds is exactly what was written. */
static GSocketAddress *
parse_address (const char  *text,
               GError     **error)
{
  g_autofree char *host = NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *colon = strrchr (text, ':');
  guint64 port = 0;

  if (colon != NULL && text[0] == '[' && colon > text && colon[-1] == ']')
    host = g_strndup (text + 1, colon - text - 2);
  else if (colon != NULL && strchr (text, ':') == colon)
    host = g_strndup (text, colon - text);
  if (host == NULL || (address = g_inet_address_new_from_string (host)) == NULL ||
      !g_ascii_string_to_unsigned (colon + 1, 10, 0, G_MAXUINT16, &port, NULL))
    {
      g_set_error (error, RUHU_SERVER_ERROR, RUHU_SERVER_ERROR_LISTEN,
                   _("“%s” is not an address to listen on: write 127.0.0.1:8080 or [::1]:8080"),
                   text);
      return NULL;
    }
  return g_inet_socket_address_new (address, port);
}

/* Connections are accepted here rather than by soup_server_listen(): a
 * GSocketService can stop accepting while requests in flight finish, and
 * libsoup 3.2's own listener leaks every socket it accepts. Each one is
 * watched so that it closes once idle (ruhu-http-idle.c). */
static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  RuhuServer *self = user_data;
  g_autoptr(GIOStream) stream = G_IO_STREAM (g_object_ref (connection));
  g_autoptr(GSocketAddress) local = g_socket_connection_get_local_address (connection, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);
  g_autoptr(GError) error = NULL;

  /* libsoup writes an answer's headers and its body separately. With
   * Nagle's algorithm the body then waits for the client to acknowledge
   * the headers, which it delays by up to 40 ms: a stall on every answer
   * of a kept connection, a third of a bulk push's time on 127.0.0.1. */
  if (!g_socket_set_option (g_socket_connection_get_socket (connection),
                            IPPROTO_TCP, TCP_NODELAY, TRUE, &error))
    {
      g_debug ("Cannot turn Nagle's algorithm off: %s", error->message);
      g_clear_error (&error);
    }
  if (self->tls != NULL)
    {
      g_clear_object (&stream);
      stream = g_tls_server_connection_new (G_IO_STREAM (connection), self->tls, &error);
      if (stream == NULL)
        {
          g_warning ("Cannot start TLS: %s", error->message);
          return TRUE;
        }
    }
  ruhu_http_watch_connection (self->soup, connection, local, remote);
  soup_server_accept_iostream (self->soup, stream, local, remote, NULL);
  return TRUE;
}

/* libsoup 3.2 keeps a connection open after an answer only while the
 * server has a listener of its own (request_finished() in soup-server.c
 * checks its list); without one, every connection handed over with
 * soup_server_accept_iostream() closes after one answer and each request
 * pays a new TCP (and TLS) handshake. So it gets a listener that never
 * hears from anyone: one end of a socket pair whose other end stays
 * silent. soup_server_disconnect() drops it with the connections. */
static gboolean
enable_keep_alive (RuhuServer  *self,
                   GError     **error)
{
  GSList *listeners = soup_server_get_listeners (self->soup);
  gboolean listening = listeners != NULL;
  g_autoptr(GSocket) socket = NULL;
  int fds[2];

  g_slist_free (listeners);
  if (listening)
    return TRUE;
  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "socketpair: %s",
                   g_strerror (saved));
      return FALSE;
    }
  g_clear_object (&self->keep_alive_peer);
  if ((socket = g_socket_new_from_fd (fds[0], error)) == NULL)
    close (fds[0]);
  if ((self->keep_alive_peer = g_socket_new_from_fd (fds[1], socket != NULL ? error : NULL)) ==
      NULL)
    close (fds[1]);
  return socket != NULL && self->keep_alive_peer != NULL &&
         soup_server_listen_socket (self->soup, socket, 0, error);
}

/**
 * ruhu_server_listen:
 * @address: a literal IP address and port; port 0 picks a free one
 *
 * Returns: %TRUE if the server listens; it serves while the thread-default
 *   main context runs
 */
gboolean
ruhu_server_listen (RuhuServer  *self,
                    const char  *address,
                    GError     **error)
{
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (RUHU_IS_SERVER (self), FALSE);
  if ((socket_address = parse_address (address, error)) == NULL)
    return FALSE;
  if (self->service == NULL)
    {
      self->service = g_socket_service_new ();
      /* GLib's default backlog of 10 resets connections when many devices
       * sync at once (the 1,000-device benchmark lost 798 requests). */
      g_socket_listener_set_backlog (G_SOCKET_LISTENER (self->service), 4096);
      g_signal_connect (self->service, "incoming", G_CALLBACK (incoming_cb), self);
    }
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), socket_address,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                      &effective, &local_error))
    {
      g_set_error (error, RUHU_SERVER_ERROR, RUHU_SERVER_ERROR_LISTEN,
                   _("Cannot listen on %s: %s"), address, local_error->message);
      return FALSE;
    }
  if (!enable_keep_alive (self, &local_error))
    {
      g_set_error (error, RUHU_SERVER_ERROR, RUHU_SERVER_ERROR_LISTEN,
                   _("Cannot listen on %s: %s"), address, local_error->message);
      return FALSE;
    }
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_socket_service_start (self->service);
  return TRUE;
}

/**
 * ruhu_server_get_port:
 *
 * Returns: the port the server last started listening on, 0 if none
 */
guint16
ruhu_server_get_port (RuhuServer *self)
{
  g_return_val_if_fail (RUHU_IS_SERVER (self), 0);
  return self->port;
}

/**
 * ruhu_server_shutdown:
 *
 * Stops accepting connections, refuses new requests on open ones (503),
 * lets the ones in flight (on the main loop or on worker threads) finish
 * for up to ten seconds while iterating the thread-default main context,
 * then closes every connection.
 */
void
ruhu_server_shutdown (RuhuServer *self)
{
  GMainContext *context = g_main_context_ref_thread_default ();
  gint64 deadline = g_get_monotonic_time () + SHUTDOWN_GRACE_S * G_USEC_PER_SEC;

  g_return_if_fail (RUHU_IS_SERVER (self));
  if (self->service != NULL)
    {
      g_socket_service_stop (self->service);
      g_socket_listener_close (G_SOCKET_LISTENER (self->service));
    }
  ruhu_http_set_stopping (self->soup, TRUE);
  while (ruhu_http_get_in_flight (self->soup) > 0 && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (context, FALSE))
        g_usleep (1000);
    }
  soup_server_disconnect (self->soup);
  g_main_context_unref (context);
}

/**
 * ruhu_server_audit:
 *
 * Appends to the audit log; a failure is logged, as the change it records
 * is already stored.
 */
void
ruhu_server_audit (RuhuServer *self,
                   const char *actor,
                   const char *device,
                   const char *action,
                   const char *subject,
                   const char *detail)
{
  g_autoptr(GError) error = NULL;

  if (!ruhu_audit_append (self->audit, actor, device, action, subject, detail, &error))
    g_warning ("Could not append “%s” by %s to the audit log: %s", action, actor, error->message);
}

RuhuDirectory *
ruhu_server_get_directory (RuhuServer *self)
{
  g_return_val_if_fail (RUHU_IS_SERVER (self), NULL);
  return self->directory;
}

RuhuStore *
ruhu_server_get_store (RuhuServer *self)
{
  g_return_val_if_fail (RUHU_IS_SERVER (self), NULL);
  return self->store;
}

RuhuAudit *
ruhu_server_get_audit (RuhuServer *self)
{
  g_return_val_if_fail (RUHU_IS_SERVER (self), NULL);
  return self->audit;
}
