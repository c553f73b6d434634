/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-http.h"

G_BEGIN_DECLS

/* Shared by ruhu-http.c (replies, routes, logging), ruhu-http-limits.c
 * (the refusals before a body is read), ruhu-http-worker.c (handlers
 * run on worker threads) and ruhu-http-idle.c (idle connections). */

typedef struct
{
  RuhuHttpLimits  limits;
  gboolean        stopping;
  guint           in_flight;        /* requests from their headers to their answer */
  GHashTable     *conns;            /* "remote local" → HttpConn: see ruhu-http-idle.c */
  GPtrArray      *pools;            /* GThreadPool*: one per worker route */
  gboolean        workers_stopped;  /* worker routes answer 503 */
} HttpState;

HttpState *ruhu_http_get_state        (SoupServer        *server);
void       ruhu_http_begin_request    (SoupServerMessage *msg);
gboolean   ruhu_http_end_request      (SoupServerMessage *msg);
void       ruhu_http_close_if_stopping (SoupServerMessage *msg);
void       ruhu_http_log_request      (SoupServerMessage *msg,
                                       guint              status,
                                       gsize              bytes);
void       ruhu_http_early_handler_cb (SoupServer        *server,
                                       SoupServerMessage *msg,
                                       const char        *path,
                                       GHashTable        *query,
                                       gpointer           user_data);

/* Where a handler's answer goes: straight into @msg on the main thread,
 * into its job on a worker thread (applied later on the main thread). */
void       ruhu_http_add_worker_route (SoupServer         *server,
                                       const char         *path,
                                       SoupServerCallback  callback,
                                       gpointer            user_data,
                                       RuhuHttpRouteFlags  flags);
void       ruhu_http_stop_workers     (HttpState          *state);
gboolean   ruhu_http_job_respond      (SoupServerMessage  *msg,
                                       guint               status,
                                       const char         *content_type,
                                       GBytes             *body);
gboolean   ruhu_http_job_set_header   (SoupServerMessage  *msg,
                                       const char         *name,
                                       const char         *value);
gboolean   ruhu_http_job_set_user     (SoupServerMessage  *msg,
                                       const char         *user);
GBytes    *ruhu_http_job_get_body     (SoupServerMessage  *msg);

/* The connections the server accepted, each closed after the limits'
 * header or idle timeout without a request in progress. */
typedef struct _HttpConn HttpConn;

GHashTable *ruhu_http_conns_new      (void);
void        ruhu_http_conns_free     (GHashTable        *conns);
void        ruhu_http_conn_attach    (HttpState         *state,
                                      SoupServerMessage *msg);
void        ruhu_http_conn_begin     (SoupServerMessage *msg);
void        ruhu_http_conn_end       (SoupServerMessage *msg);
void        ruhu_http_conn_release   (SoupServerMessage *msg);

G_END_DECLS
