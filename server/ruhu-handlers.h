/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "ruhu-blob-store.h"
#include "ruhu-form.h"
#include "ruhu-public-cache.h"
#include "ruhu-rules.h"
#include "ruhu-server.h"

G_BEGIN_DECLS

/* The server's insides, for its resource handlers: one function per
 * resource, each registered with ruhu_http_add_route(). */

struct _RuhuServer
{
  GObject           parent_instance;

  RuhuServerConfig  config;      /* limits filled in; the strings below */
  char             *data_dir;
  char             *key_file;

  RuhuStore        *store;
  RuhuDirectory    *directory;
  RuhuAudit        *audit;
  RuhuBlobStore    *blobs;       /* DIR/blobs: photos and scans */
  RuhuFormSet      *forms;
  RuhuRules        *rules;
  SoupServer       *soup;
  GSocketService   *service;     /* accepts connections and hands them to soup */
  GSocket          *keep_alive_peer;  /* see enable_keep_alive() in ruhu-server.c */
  GTlsCertificate  *tls;
  guint16           port;
  RuhuPublicCache  *public_pages;
};

void ruhu_handle_session (SoupServer        *server,
                          SoupServerMessage *msg,
                          const char        *path,
                          GHashTable        *query,
                          gpointer           user_data);
void ruhu_handle_push    (SoupServer        *server,
                          SoupServerMessage *msg,
                          const char        *path,
                          GHashTable        *query,
                          gpointer           user_data);
void ruhu_reply_feed_page (SoupServerMessage *msg,
                           const char        *member,
                           JsonNode          *list,
                           gint64             next,
                           gboolean           more);
void ruhu_handle_pull    (SoupServer        *server,
                          SoupServerMessage *msg,
                          const char        *path,
                          GHashTable        *query,
                          gpointer           user_data);
void ruhu_handle_health  (SoupServer        *server,
                          SoupServerMessage *msg,
                          const char        *path,
                          GHashTable        *query,
                          gpointer           user_data);
void ruhu_handle_blobs   (SoupServer        *server,
                          SoupServerMessage *msg,
                          const char        *path,
                          GHashTable        *query,
                          gpointer           user_data);

RuhuBlobStore *ruhu_server_open_blob_store (RuhuServer  *self,
                                            GError     **error);

void ruhu_server_audit   (RuhuServer        *self,
                          const char        *actor,
                          const char        *device,
                          const char        *action,
                          const char        *subject,
                          const char        *detail);

/* ruhu-handler-public.c: the pages anyone may read */
void ruhu_handle_public_notice     (SoupServer        *server,
                                    SoupServerMessage *msg,
                                    const char        *path,
                                    GHashTable        *query,
                                    gpointer           user_data);
void ruhu_handle_public_recipients (SoupServer        *server,
                                    SoupServerMessage *msg,
                                    const char        *path,
                                    GHashTable        *query,
                                    gpointer           user_data);
/* ruhu-handler-verify.c: is an assistance certificate genuine? */
void ruhu_handle_verify            (SoupServer        *server,
                                    SoupServerMessage *msg,
                                    const char        *path,
                                    GHashTable        *query,
                                    gpointer           user_data);

G_END_DECLS
