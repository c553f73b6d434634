/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-http-private.h"

/* The early refusal: libsoup 3.2 would read (and buffer) the whole body
 * even after a handler set a status, so the connection is taken over, the
 * answer written, and whatever the client still sends is drained for a
 * short while (closing with unread input would reset the connection and
 * lose the answer) before it is closed. */
typedef struct
{
  GIOStream    *stream;
  GBytes       *reply;
  GCancellable *cancellable;
  guint         timeout_id;
  gsize         drained;
  guint8        buffer[16384];
} EarlyReply;

#define DRAIN_SECONDS 2
#define DRAIN_MAX_BYTES (16 * 1024 * 1024)

static void
early_reply_free (EarlyReply *early)
{
  g_clear_handle_id (&early->timeout_id, g_source_remove);
  g_clear_object (&early->cancellable);
  g_clear_pointer (&early->reply, g_bytes_unref);
  g_clear_object (&early->stream);
  g_free (early);
}

static void
early_closed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_io_stream_close_finish (G_IO_STREAM (source), result, NULL);
  early_reply_free (user_data);
}

static void
early_close (EarlyReply *early)
{
  g_clear_handle_id (&early->timeout_id, g_source_remove);
  g_io_stream_close_async (early->stream, G_PRIORITY_DEFAULT, NULL, early_closed_cb, early);
}

static gboolean
early_timeout_cb (gpointer user_data)
{
  EarlyReply *early = user_data;

  early->timeout_id = 0;
  g_cancellable_cancel (early->cancellable);
  return G_SOURCE_REMOVE;
}

static void
early_drained_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  EarlyReply *early = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n <= 0 || (early->drained += n) > DRAIN_MAX_BYTES)
    {
      early_close (early);
      return;
    }
  g_input_stream_read_async (G_INPUT_STREAM (source), early->buffer, sizeof early->buffer,
                             G_PRIORITY_DEFAULT, early->cancellable, early_drained_cb, early);
}

static void
early_written_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  EarlyReply *early = user_data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL))
    {
      early_close (early);
      return;
    }
  if (G_IS_SOCKET_CONNECTION (early->stream))
    g_socket_shutdown (g_socket_connection_get_socket (G_SOCKET_CONNECTION (early->stream)),
                       FALSE, TRUE, NULL);
  early->timeout_id = g_timeout_add_seconds (DRAIN_SECONDS, early_timeout_cb, early);
  g_input_stream_read_async (g_io_stream_get_input_stream (early->stream), early->buffer,
                             sizeof early->buffer, G_PRIORITY_DEFAULT, early->cancellable,
                             early_drained_cb, early);
}

static void
refuse_early (SoupServerMessage *msg,
              guint              status,
              const char        *code,
              const char        *message)
{
  g_autoptr(JsonObject) object = ruhu_http_error_object (code, message);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *body = json_to_string (node, FALSE);
  g_autoptr(GObject) keep = g_object_ref (G_OBJECT (msg));
  EarlyReply *early;
  char *text;

  text = g_strdup_printf ("HTTP/1.1 %u %s\r\nContent-Type: application/json\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n%s",
                          status, soup_status_get_phrase (status), strlen (body), body);
  if (ruhu_http_end_request (msg))
    ruhu_http_log_request (msg, status, strlen (body));
  ruhu_http_conn_release (msg);

  early = g_new0 (EarlyReply, 1);
  early->reply = g_bytes_new_take (text, strlen (text));
  early->cancellable = g_cancellable_new ();
  early->stream = soup_server_message_steal_connection (msg);
  if (early->stream == NULL)
    {
      early_reply_free (early);
      return;
    }
  g_output_stream_write_all_async (g_io_stream_get_output_stream (early->stream),
                                   g_bytes_get_data (early->reply, NULL),
                                   g_bytes_get_size (early->reply), G_PRIORITY_DEFAULT, NULL,
                                   early_written_cb, early);
}

static void
refuse_too_large (SoupServerMessage *msg,
                  gsize              max_body)
{
  g_autofree char *message =
    g_strdup_printf (_("The request body is larger than the limit of %zu bytes"),
                     max_body);

  refuse_early (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large", message);
}

#define BLOBS_PREFIX "/api/v1/blobs/"

/* A blob upload may carry a whole photo, larger than any JSON request. */
static gsize
body_limit (HttpState         *state,
            SoupServerMessage *msg)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));

  if (state->limits.max_blob > 0 && g_str_has_prefix (path, BLOBS_PREFIX))
    return state->limits.max_blob;
  return state->limits.max_body;
}

/* Content-Range: bytes a-b/n announces the blob's size n before its bytes. */
static gboolean
announces_too_large (HttpState         *state,
                     SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  goffset start, end, total = -1;

  if (state->limits.max_blob == 0 ||
      !g_str_has_prefix (g_uri_get_path (soup_server_message_get_uri (msg)), BLOBS_PREFIX) ||
      soup_message_headers_get_one (headers, "Content-Range") == NULL)
    return FALSE;
  return soup_message_headers_get_content_range (headers, &start, &end, &total) &&
         total > (goffset) state->limits.max_blob;
}

static void
refuse_blob_too_large (SoupServerMessage *msg,
                       gsize              max_blob)
{
  g_autofree char *limit = g_format_size (max_blob);
  g_autofree char *message =
    /* Translators: %s is a size such as "33.6 MB" */
    g_strdup_printf (_("The photo or scan is too large; the server accepts at most %s"), limit);

  refuse_early (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large", message);
}

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  HttpState *state = user_data;
  gsize *received = g_object_get_data (G_OBJECT (msg), "ruhu-received");

  gsize limit = body_limit (state, msg);

  *received += g_bytes_get_size (chunk);
  if (*received > limit)
    {
      g_signal_handlers_disconnect_by_func (msg, got_chunk_cb, user_data);
      refuse_too_large (msg, limit);
    }
}

/**
 * ruhu_http_early_handler_cb:
 *
 * Runs once a request's headers are in, before its body is read.
 */
void
ruhu_http_early_handler_cb (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  HttpState *state = ruhu_http_get_state (server);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  ruhu_http_begin_request (msg);
  if (state->stopping)
    {
      refuse_early (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "unavailable",
                    _("The server is shutting down"));
      return;
    }
  if (announces_too_large (state, msg))
    {
      refuse_blob_too_large (msg, state->limits.max_blob);
      return;
    }
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > (goffset) body_limit (state, msg))
    {
      if (body_limit (state, msg) == state->limits.max_body)
        refuse_too_large (msg, state->limits.max_body);
      else
        refuse_blob_too_large (msg, state->limits.max_blob);
      return;
    }
  g_object_set_data_full (G_OBJECT (msg), "ruhu-received", g_new0 (gsize, 1), g_free);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), state);
}
