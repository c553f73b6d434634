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
} RuhuHttpLimits;

void           ruhu_http_install          (SoupServer           *server,
                                           const RuhuHttpLimits *limits);
void           ruhu_http_add_route        (SoupServer           *server,
                                           const char           *path,
                                           SoupServerCallback    callback,
                                           gpointer              user_data);
void           ruhu_http_set_stopping     (SoupServer           *server,
                                           gboolean              stopping);
guint          ruhu_http_get_in_flight    (SoupServer           *server);

void           ruhu_http_reply_json       (SoupServerMessage    *msg,
                                           guint                 status,
                                           JsonNode             *body);
void           ruhu_http_reply_object     (SoupServerMessage    *msg,
                                           guint                 status,
                                           JsonObject           *object);
JsonObject    *ruhu_http_error_object     (const char           *code,
                                           const char           *message);
void           ruhu_http_reply_error      (SoupServerMessage    *msg,
                                           guint                 status,
                                           const char           *code,
                                           const char           *message);

gboolean       ruhu_http_require_method   (SoupServerMessage    *msg,
                                           const char           *method);
JsonNode      *ruhu_http_parse_body       (SoupServerMessage    *msg,
                                           gsize                 max_body);
RuhuPrincipal *ruhu_http_authenticate     (SoupServerMessage    *msg,
                                           RuhuDirectory        *directory);
void           ruhu_http_set_log_user     (SoupServerMessage    *msg,
                                           const char           *user);

G_END_DECLS
