/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <libdeflate.h>

#include "ruhu-http-private.h"
#include "ruhu-json.h"
#include "ruhu-op.h"

/* Replies smaller than this are not worth compressing. */
#define GZIP_MIN_BYTES 1024
/* Level 4 against the default 6, on a pull page of 600 KB: 31 % less time
 * for 4 % more bytes with zlib (docs/benchmarks.md). Compressing was a
 * third of what a pull cost the server; libdeflate does it in less than
 * half zlib's time, in fewer bytes. */
#define GZIP_LEVEL 4

/* Bearer tokens are 32 random bytes in text; anything much longer is junk. */
#define MAX_TOKEN_LENGTH 256

HttpState *
ruhu_http_get_state (SoupServer *server)
{
  return g_object_get_data (G_OBJECT (server), "ruhu-http");
}

void
ruhu_http_log_request (SoupServerMessage *msg,
             guint              status,
             gsize              bytes)
{
  HttpState *state = g_object_get_data (G_OBJECT (msg), "ruhu-http");
  gint64 *started = g_object_get_data (G_OBJECT (msg), "ruhu-started");
  const char *user = g_object_get_data (G_OBJECT (msg), "ruhu-user");
  GUri *uri = soup_server_message_get_uri (msg);
  double ms = started != NULL ? (g_get_monotonic_time () - *started) / 1000.0 : 0.0;

  if (state == NULL || state->limits.quiet)
    return;
  fprintf (stderr, "%s %s %u %" G_GSIZE_FORMAT " %.1fms %s\n",
           soup_server_message_get_method (msg),
           uri != NULL ? g_uri_get_path (uri) : "-",
           status, bytes, ms, user != NULL ? user : "-");
}

/* Each request is counted from its headers (its early handler) to the
 * last byte of its answer, so that a shutdown can let the ones in flight
 * finish. Not from request-started: libsoup 3.2 starts a message for a
 * connection before anything is read (a new one, or a kept one after an
 * answer) and says nothing more of it when none comes: the connection
 * closes, or fails its TLS handshake, and the message ends without
 * request-finished or request-aborted. */
void
ruhu_http_begin_request (SoupServerMessage *msg)
{
  HttpState *state = g_object_get_data (G_OBJECT (msg), "ruhu-http");

  if (state == NULL || g_object_get_data (G_OBJECT (msg), "ruhu-counted") != NULL)
    return;
  g_object_set_data (G_OBJECT (msg), "ruhu-counted", GINT_TO_POINTER (TRUE));
  state->in_flight++;
  ruhu_http_conn_begin (msg);
}

/* Returns: %TRUE the first time, when the request is to be logged */
gboolean
ruhu_http_end_request (SoupServerMessage *msg)
{
  HttpState *state = g_object_get_data (G_OBJECT (msg), "ruhu-http");

  if (state == NULL || g_object_get_data (G_OBJECT (msg), "ruhu-ended") != NULL)
    return FALSE;
  g_object_set_data (G_OBJECT (msg), "ruhu-ended", GINT_TO_POINTER (TRUE));
  if (g_object_get_data (G_OBJECT (msg), "ruhu-counted") != NULL)
    {
      state->in_flight--;
      ruhu_http_conn_end (msg);
    }
  return TRUE;
}

/* libsoup keeps a connection open for the next request (see
 * ruhu_server_listen()); a server that is stopping says it will not. */
void
ruhu_http_close_if_stopping (SoupServerMessage *msg)
{
  HttpState *state = g_object_get_data (G_OBJECT (msg), "ruhu-http");

  if (state != NULL && state->stopping)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Connection", "close");
}

static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  HttpState *state = user_data;
  gint64 *started = g_new (gint64, 1);

  *started = g_get_monotonic_time ();
  g_object_set_data_full (G_OBJECT (msg), "ruhu-started", started, g_free);
  g_object_set_data (G_OBJECT (msg), "ruhu-http", state);
  ruhu_http_conn_attach (state, msg);
  ruhu_http_close_if_stopping (msg);
}

static void
request_done_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 gpointer           user_data)
{
  /* Read first: ending the request empties a kept connection's last message. */
  gsize bytes = soup_server_message_get_response_body (msg)->length;

  if (ruhu_http_end_request (msg))
    ruhu_http_log_request (msg, soup_server_message_get_status (msg), bytes);
}

static void
not_found_cb (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  ruhu_http_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", _("There is nothing here"));
}

static void
http_state_free (gpointer data)
{
  HttpState *state = data;

  ruhu_http_stop_workers (state);
  g_ptr_array_unref (state->pools);
  ruhu_http_conns_free (state->conns);
  g_free (state);
}

/**
 * ruhu_http_install:
 * @limits: the body limit and logging; copied
 *
 * Counts and logs the requests of @server, closes the connections handed
 * to ruhu_http_watch_connection() once idle, and answers paths without a
 * route with 404. Call before ruhu_http_add_route().
 */
void
ruhu_http_install (SoupServer           *server,
                   const RuhuHttpLimits *limits)
{
  HttpState *state = g_new0 (HttpState, 1);

  state->limits = *limits;
  state->pools = g_ptr_array_new ();
  state->conns = ruhu_http_conns_new ();
  g_object_set_data_full (G_OBJECT (server), "ruhu-http", state, http_state_free);
  g_signal_connect (server, "request-started", G_CALLBACK (request_started_cb), state);
  g_signal_connect (server, "request-finished", G_CALLBACK (request_done_cb), state);
  g_signal_connect (server, "request-aborted", G_CALLBACK (request_done_cb), state);
  ruhu_http_add_route (server, NULL, not_found_cb, NULL);
}

/**
 * ruhu_http_add_route:
 * @path: (nullable): the path, or %NULL for every path without its own route
 *
 * Routes @path to @callback, behind the early limits: libsoup only calls
 * the early handler registered for the same path, so both go together.
 */
void
ruhu_http_add_route (SoupServer         *server,
                     const char         *path,
                     SoupServerCallback  callback,
                     gpointer            user_data)
{
  soup_server_add_early_handler (server, path, ruhu_http_early_handler_cb, NULL, NULL);
  soup_server_add_handler (server, path, callback, user_data, NULL);
}

/**
 * ruhu_http_add_route_full:
 * @path: (nullable): the path, or %NULL for every path without its own route
 * @flags: where @callback runs
 *
 * Like ruhu_http_add_route(); with %RUHU_HTTP_ROUTE_WORKER or
 * %RUHU_HTTP_ROUTE_SERIAL, @callback runs on a worker thread once the
 * whole body is in (the limits are still checked on the main loop, before
 * it is read), and its answer is sent when it returns.
 */
void
ruhu_http_add_route_full (SoupServer         *server,
                          const char         *path,
                          SoupServerCallback  callback,
                          gpointer            user_data,
                          RuhuHttpRouteFlags  flags)
{
  if (flags == RUHU_HTTP_ROUTE_MAIN_LOOP)
    {
      ruhu_http_add_route (server, path, callback, user_data);
      return;
    }
  soup_server_add_early_handler (server, path, ruhu_http_early_handler_cb, NULL, NULL);
  ruhu_http_add_worker_route (server, path, callback, user_data, flags);
}

/**
 * ruhu_http_finish_workers:
 *
 * Waits for the handlers running on worker threads and ends the threads,
 * so that what they use can go. Their answers are sent when the main
 * context runs next; later requests to worker routes are answered 503.
 */
void
ruhu_http_finish_workers (SoupServer *server)
{
  HttpState *state = ruhu_http_get_state (server);

  if (state != NULL)
    ruhu_http_stop_workers (state);
}

void
ruhu_http_set_stopping (SoupServer *server,
                        gboolean    stopping)
{
  ruhu_http_get_state (server)->stopping = stopping;
}

guint
ruhu_http_get_in_flight (SoupServer *server)
{
  return ruhu_http_get_state (server)->in_flight;
}

static gboolean
accepts_gzip (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *accept = soup_message_headers_get_one (headers, "Accept-Encoding");
  GSList *acceptable;
  gboolean found = FALSE;

  if (accept == NULL)
    return FALSE;
  acceptable = soup_header_parse_quality_list (accept, NULL);
  for (GSList *l = acceptable; l != NULL && !found; l = l->next)
    found = g_ascii_strcasecmp (l->data, "gzip") == 0;
  soup_header_free_list (acceptable);
  return found;
}

/* One compressor per thread: libdeflate's may not be shared, and making
 * one for every answer would cost more than small answers save. */
static GPrivate compressor_key = G_PRIVATE_INIT ((GDestroyNotify) libdeflate_free_compressor);

static GBytes *
gzip_bytes (const char *data,
            gsize       length)
{
  struct libdeflate_compressor *compressor = g_private_get (&compressor_key);
  gsize bound, size;
  guint8 *out;

  if (compressor == NULL)
    {
      compressor = libdeflate_alloc_compressor (GZIP_LEVEL);
      if (compressor == NULL)
        return NULL;
      g_private_set (&compressor_key, compressor);
    }
  bound = libdeflate_gzip_compress_bound (compressor, length);
  out = g_malloc (bound);
  size = libdeflate_gzip_compress (compressor, data, length, out, bound);
  if (size == 0)
    {
      g_free (out);
      return NULL;
    }
  return g_bytes_new_take (g_realloc (out, size), size);
}

/**
 * ruhu_http_set_header:
 *
 * Sets (replaces) a response header of @msg, from the main loop or from
 * a worker route's handler alike.
 */
void
ruhu_http_set_header (SoupServerMessage *msg,
                      const char        *name,
                      const char        *value)
{
  if (!ruhu_http_job_set_header (msg, name, value))
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), name, value);
}

/**
 * ruhu_http_reply_bytes:
 * @content_type: (nullable): the body's media type
 * @body: (nullable): the body; not taken
 *
 * Answers @msg, from the main loop or from a worker route's handler alike.
 */
void
ruhu_http_reply_bytes (SoupServerMessage *msg,
                       guint              status,
                       const char        *content_type,
                       GBytes            *body)
{
  if (ruhu_http_job_respond (msg, status, content_type, body))
    return;
  ruhu_http_close_if_stopping (msg);
  soup_server_message_set_status (msg, status, NULL);
  if (content_type != NULL)
    soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                           content_type, NULL);
  if (body != NULL)
    soup_message_body_append_bytes (soup_server_message_get_response_body (msg), body);
}

/**
 * ruhu_http_reply_json:
 * @body: the reply; not taken
 *
 * Sets @status and @body as `application/json`, compressed with gzip when
 * the client accepts it and the body is large enough to gain from it.
 */
void
ruhu_http_reply_json (SoupServerMessage *msg,
                      guint              status,
                      JsonNode          *body)
{
  char *text = json_to_string (body, FALSE);

  ruhu_http_reply_json_text (msg, status, text, strlen (text));
}

/**
 * ruhu_http_reply_json_text:
 * @text: (transfer full): a JSON text, already written
 *
 * ruhu_http_reply_json() of a body written as text.
 */
void
ruhu_http_reply_json_text (SoupServerMessage *msg,
                           guint              status,
                           char              *text,
                           gsize              length)
{
  g_autoptr(GBytes) packed = NULL;

  ruhu_http_set_header (msg, "Cache-Control", "no-store");
  if (length >= GZIP_MIN_BYTES && accepts_gzip (msg))
    packed = gzip_bytes (text, length);
  if (packed != NULL)
    {
      ruhu_http_set_header (msg, "Content-Encoding", "gzip");
      ruhu_http_set_header (msg, "Vary", "Accept-Encoding");
    }
  if (packed == NULL)
    packed = g_bytes_new_take (g_steal_pointer (&text), length);
  g_free (text);
  ruhu_http_reply_bytes (msg, status, "application/json", packed);
}

void
ruhu_http_reply_object (SoupServerMessage *msg,
                        guint              status,
                        JsonObject        *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  ruhu_http_reply_json (msg, status, node);
}

/**
 * ruhu_http_error_object:
 *
 * Returns: (transfer full): `{"error": code, "message": message}`, to which
 *   a handler may add members before replying with it
 */
JsonObject *
ruhu_http_error_object (const char *code,
                        const char *message)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "error", code);
  json_object_set_string_member (object, "message", message);
  return object;
}

void
ruhu_http_reply_error (SoupServerMessage *msg,
                       guint              status,
                       const char        *code,
                       const char        *message)
{
  g_autoptr(JsonObject) object = ruhu_http_error_object (code, message);

  if (status == SOUP_STATUS_UNAUTHORIZED)
    ruhu_http_set_header (msg, "WWW-Authenticate", "Bearer");
  ruhu_http_reply_object (msg, status, object);
}

/**
 * ruhu_http_require_method:
 *
 * Returns: %TRUE if @msg uses @method; otherwise it has answered 405
 */
gboolean
ruhu_http_require_method (SoupServerMessage *msg,
                          const char        *method)
{
  if (strcmp (soup_server_message_get_method (msg), method) == 0)
    return TRUE;
  ruhu_http_set_header (msg, "Allow", method);
  ruhu_http_reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed",
                         _("This resource does not accept that method"));
  return FALSE;
}

/**
 * ruhu_http_query_number:
 * @query: (nullable): the request's query
 * @value: (out): the number, or @fallback when the query does not name it
 *
 * Returns: %FALSE if the query names @name with anything but a decimal
 *   number from @min to @max
 */
gboolean
ruhu_http_query_number (GHashTable *query,
                        const char *name,
                        gint64      fallback,
                        gint64      min,
                        gint64      max,
                        gint64     *value)
{
  const char *text = query != NULL ? g_hash_table_lookup (query, name) : NULL;
  guint64 number;

  *value = fallback;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, min, max, &number, NULL))
    return FALSE;
  *value = number;
  return TRUE;
}

/* A body without a media type is taken for JSON too. */
static gboolean
is_json_body (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *type = soup_message_headers_get_content_type (headers, NULL);

  return type == NULL || g_ascii_strcasecmp (type, "application/json") == 0;
}

static GBytes *
request_body (SoupServerMessage *msg)
{
  GBytes *body = ruhu_http_job_get_body (msg);

  return body != NULL ? body
                      : soup_message_body_flatten (soup_server_message_get_request_body (msg));
}

/**
 * ruhu_http_read_grouped_ops:
 * @member: the body's only member, which holds the groups
 *
 * For a JSON body that is exactly an object of @member, a list of groups
 * of operations: reads them straight from the text (ruhu_op_list_read()),
 * without the tree ruhu_http_parse_body() would build.
 *
 * Returns: (transfer full) (element-type RuhuOp) (nullable): the
 *   operations, or %NULL, without answering, for any other body: then
 *   ruhu_http_parse_body() and ruhu_op_list_from_groups() say what is
 *   wrong with it
 */
GPtrArray *
ruhu_http_read_grouped_ops (SoupServerMessage *msg,
                            gsize              max_body,
                            const char        *member,
                            guint              max_ops)
{
  RuhuJsonLimits limits = { .max_bytes = max_body };
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) rest = NULL;
  g_autoptr(GPtrArray) ops = NULL;

  if (!is_json_body (msg))
    return NULL;
  body = request_body (msg);
  ops = ruhu_op_list_read (g_bytes_get_data (body, NULL), g_bytes_get_size (body), &limits,
                           member, max_ops, &rest, NULL);
  if (ops == NULL || json_object_get_size (rest) > 0)
    return NULL;
  return g_steal_pointer (&ops);
}

/**
 * ruhu_http_parse_body:
 *
 * Checks the media type and parses the body with ruhu_json_parse().
 *
 * Returns: (transfer full) (nullable): the body, or %NULL after answering
 *   415, 413 or 400
 */
JsonNode *
ruhu_http_parse_body (SoupServerMessage *msg,
                      gsize              max_body)
{
  RuhuJsonLimits limits = { .max_bytes = max_body };
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  if (!is_json_body (msg))
    {
      ruhu_http_reply_error (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                             _("The body must be application/json"));
      return NULL;
    }
  body = request_body (msg);
  node = ruhu_json_parse (g_bytes_get_data (body, NULL), g_bytes_get_size (body), &limits, &error);
  if (node != NULL)
    return node;
  if (g_error_matches (error, RUHU_JSON_ERROR, RUHU_JSON_ERROR_TOO_LARGE))
    ruhu_http_reply_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large",
                           error->message);
  else
    ruhu_http_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_json", error->message);
  return NULL;
}

static const char *
auth_error_code (const GError *error)
{
  if (g_error_matches (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_TOKEN_EXPIRED))
    return "token_expired";
  if (g_error_matches (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_REVOKED))
    return "revoked";
  if (g_error_matches (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_UNKNOWN_TOKEN))
    return "unauthorized";
  return NULL;
}

static const char *
bearer_token (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *value = soup_message_headers_get_one (headers, "Authorization");
  const char *token;

  if (value == NULL || g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    return NULL;
  token = value + 7;
  if (*token == '\0' || strlen (token) > MAX_TOKEN_LENGTH)
    return NULL;
  for (const char *p = token; *p != '\0'; p++)
    if (!g_ascii_isgraph (*p))
      return NULL;
  return token;
}

/**
 * ruhu_http_authenticate:
 *
 * Returns: (transfer full) (nullable): who is calling, or %NULL after
 *   answering 401 (or 500 when the directory fails)
 */
RuhuPrincipal *
ruhu_http_authenticate (SoupServerMessage *msg,
                        RuhuDirectory     *directory)
{
  const char *token = bearer_token (msg);
  g_autoptr(GError) error = NULL;
  RuhuPrincipal *principal;
  const char *code;

  if (token == NULL)
    {
      ruhu_http_reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized",
                             _("This request needs a bearer token; log in first"));
      return NULL;
    }
  principal = ruhu_directory_authenticate (directory, token, &error);
  if (principal != NULL)
    {
      ruhu_http_set_log_user (msg, principal->user_id);
      return principal;
    }
  code = auth_error_code (error);
  if (code != NULL)
    ruhu_http_reply_error (msg, SOUP_STATUS_UNAUTHORIZED, code, error->message);
  else
    ruhu_http_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", error->message);
  return NULL;
}

void
ruhu_http_set_log_user (SoupServerMessage *msg,
                        const char        *user)
{
  if (!ruhu_http_job_set_user (msg, user))
    g_object_set_data_full (G_OBJECT (msg), "ruhu-user", g_strdup (user), g_free);
}
