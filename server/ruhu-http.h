/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ruhu-directory.h"

G_BEGIN_DECLS

/* Replies, authentication and the limits every request meets before its
 * body is read. Every error body is {"error": code, "message": text}. */

typedef struct
{
  gsize    max_body;  /* bytes a request body may have */
  gsize    max_blob;  /* the same under /api/v1/blobs/, and the size of a blob */
  gboolean quiet;     /* no request log lines */
  /* Seconds a watched connection (ruhu_http_watch_connection()) without a
   * request in progress may stay silent, after an answer or before its
   * first request's headers are in; 0: no limit. */
  guint    idle_timeout_s;
  guint    header_timeout_s;
} RuhuHttpLimits;

/* Where a route's handler runs. A worker route has threads of its own.
 * There the handler may use only the ruhu_http_* functions below on its
 * message (never libsoup's own setters), and everything it touches must be
 * safe from any thread. */
typedef enum
{
  RUHU_HTTP_ROUTE_MAIN_LOOP = 0,       /* quick, or works with libsoup directly */
  RUHU_HTTP_ROUTE_WORKER    = 1 << 0,  /* worker threads, one per core (at least two) */
  RUHU_HTTP_ROUTE_SERIAL    = 1 << 1,  /* one worker thread: one such request at a time */
} RuhuHttpRouteFlags;

void           ruhu_http_install          (SoupServer           *server,
                                           const RuhuHttpLimits *limits);
void           ruhu_http_add_route        (SoupServer           *server,
                                           const char           *path,
                                           SoupServerCallback    callback,
                                           gpointer              user_data);
void           ruhu_http_add_route_full   (SoupServer           *server,
                                           const char           *path,
                                           SoupServerCallback    callback,
                                           gpointer              user_data,
                                           RuhuHttpRouteFlags    flags);
void           ruhu_http_finish_workers   (SoupServer           *server);
void           ruhu_http_set_stopping     (SoupServer           *server,
                                           gboolean              stopping);
guint          ruhu_http_get_in_flight    (SoupServer           *server);
void           ruhu_http_watch_connection (SoupServer           *server,
                                           GSocketConnection    *connection,
                                           GSocketAddress       *local,
                                           GSocketAddress       *remote);
guint          ruhu_http_get_connection_count (SoupServer       *server);

void           ruhu_http_set_header       (SoupServerMessage    *msg,
                                           const char           *name,
                                           const char           *value);
void           ruhu_http_reply_bytes      (SoupServerMessage    *msg,
                                           guint                 status,
                                           const char           *content_type,
                                           GBytes               *body);
void           ruhu_http_reply_json       (SoupServerMessage    *msg,
                                           guint                 status,
                                           JsonNode             *body);
void           ruhu_http_reply_json_text  (SoupServerMessage    *msg,
                                           guint                 status,
                                           char                 *text,
                                           gsize                 length);
void           ruhu_http_reply_object     (SoupServerMessage    *msg,
                                           guint                 status,
                                           JsonObject           *object);
JsonObject    *ruhu_http_error_object     (const char           *code,
                                           const char           *message);
void           ruhu_http_reply_error      (SoupServerMessage    *msg,
                                           guint                 status,
                                           const char           *code,
                                           const char           *message);

gboolean       ruhu_http_query_number     (GHashTable           *query,
                                           const char           *name,
                                           gint64                fallback,
                                           gint64                min,
                                           gint64                max,
                                           gint64               *value);
gboolean       ruhu_http_require_method   (SoupServerMessage    *msg,
                                           const char           *method);
JsonNode      *ruhu_http_parse_body       (SoupServerMessage    *msg,
                                           gsize                 max_body);
GPtrArray     *ruhu_http_read_grouped_ops (SoupServerMessage  *msg,
                                           gsize               max_body,
                                           const char         *member,
                                           guint               max_ops);
RuhuPrincipal *ruhu_http_authenticate     (SoupServerMessage    *msg,
                                           RuhuDirectory        *directory);
void           ruhu_http_set_log_user     (SoupServerMessage    *msg,
                                           const char           *user);

G_END_DECLS
