/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The shipped nginx front (data/nginx/) in front of the built ruhu-server
 * ($RUHU_SERVER), both on 127.0.0.1, with Debian's nginx
 * (tests/integration/nginx-fixture.c), and HTTP by hand to talk to it: slow,
 * partial and oversized requests need it. */

/* The password of the user "zhang" the fixture adds. */
#define NGINX_PASSWORD "correct-horse-battery"

typedef struct
{
  char        *tmp;
  char        *limits;        /* the shipped ruhu-limits.conf */
  GSubprocess *server;
  char        *server_log;
  GSubprocess *nginx;
  char        *error_log;
  guint16      port;          /* the HTTPS server block, here without TLS */
  guint16      redirect_port; /* the port-80 server block */
} NginxFixture;

typedef struct
{
  guint  status;
  char  *head;
  char  *body;
} RawReply;

void      raw_reply_clear        (RawReply      *reply);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RawReply, raw_reply_clear)

char     *find_nginx             (void);
char     *read_text              (const char    *path);

/* Set-up and tear-down for g_test_add(); without nginx the test is skipped
 * and fx->tmp stays NULL. */
void      nginx_fixture_setup    (NginxFixture  *fx,
                                  gconstpointer  data);
void      nginx_fixture_teardown (NginxFixture  *fx,
                                  gconstpointer  data);

GSocket  *connect_to             (guint16        port);
gboolean  send_all               (GSocket       *socket,
                                  const char    *data,
                                  gsize          length);
void      receive_reply          (GSocket       *socket,
                                  RawReply      *reply);
char     *request_head           (const char    *method,
                                  const char    *path,
                                  const char    *headers,
                                  gssize         length);
void      raw_request            (guint16        port,
                                  const char    *method,
                                  const char    *path,
                                  const char    *headers,
                                  const char    *body,
                                  gssize         length,
                                  RawReply      *reply);
void      raw_get                (NginxFixture  *fx,
                                  const char    *path,
                                  RawReply      *reply);
char     *reply_header           (const RawReply *reply,
                                  const char    *name);
char     *reply_error_code       (const RawReply *reply);

#define assert_error(reply, status_, code) \
  G_STMT_START { \
    g_autofree char *code_ = reply_error_code (reply); \
    g_assert_cmpuint ((reply)->status, ==, (status_)); \
    g_assert_cmpstr (code_, ==, (code)); \
  } G_STMT_END

/* What reached ruhu-server, from its request log. */
gsize     server_log_mark        (NginxFixture  *fx);
void      await_server_log       (NginxFixture  *fx,
                                  gsize          mark,
                                  const char    *needle);
void      sync_server_log        (NginxFixture  *fx);
guint     server_requests_since  (NginxFixture  *fx,
                                  gsize          mark,
                                  const char    *needle);
guint64   rss_kb                 (NginxFixture  *fx);
guint     shipped_limit          (NginxFixture  *fx,
                                  const char    *name);

G_END_DECLS
