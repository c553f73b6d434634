/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-http.h"

G_BEGIN_DECLS

/* Shared by ruhu-http.c (replies, routes, logging) and ruhu-http-limits.c
 * (the refusals before a body is read). */

typedef struct
{
  RuhuHttpLimits limits;
  gboolean       stopping;
  guint          in_flight;
} HttpState;

HttpState *ruhu_http_get_state        (SoupServer        *server);
gboolean   ruhu_http_end_request      (SoupServerMessage *msg);
void       ruhu_http_log_request      (SoupServerMessage *msg,
                                       guint              status,
                                       gsize              bytes);
void       ruhu_http_early_handler_cb (SoupServer        *server,
                                       SoupServerMessage *msg,
                                       const char        *path,
                                       GHashTable        *query,
                                       gpointer           user_data);

G_END_DECLS
