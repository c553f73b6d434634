/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "ruhu-server.h"

G_BEGIN_DECLS

/* An in-process server on 127.0.0.1 with a fresh data directory and a few
 * users, and a SoupSession to talk to it (tests/server/http-fixture.c). */

#define TEST_PASSWORD "correct-horse-battery"
#define TEST_TOWNSHIP "500109001"
#define TEST_VILLAGE_A "500109001001"
#define TEST_VILLAGE_B "500109001002"

typedef struct
{
  char        *tmp;
  RuhuServer  *server;
  SoupSession *session;
  char        *base;
  guint        counter;
  GHashTable  *logins;  /* device id → the user last logged in on it */
} HttpFixture;

typedef struct
{
  guint               status;
  JsonNode           *body;     /* NULL if not JSON */
  SoupMessageHeaders *headers;  /* the answer's */
} Reply;

void       http_fixture_setup    (HttpFixture   *f,
                                  gconstpointer  data);
void       http_fixture_teardown (HttpFixture   *f,
                                  gconstpointer  data);

GBytes    *http_send             (SoupSession   *session,
                                  SoupMessage   *msg,
                                  const char    *what);
Reply     *http_request          (HttpFixture   *f,
                                  const char    *method,
                                  const char    *path,
                                  const char    *token,
                                  const char    *body);
void       reply_free            (Reply         *reply);
const char *reply_string         (Reply         *reply,
                                  const char    *member);

char      *http_login            (HttpFixture   *f,
                                  const char    *user,
                                  const char    *device);
char      *make_op               (HttpFixture   *f,
                                  const char    *entity,
                                  const char    *kind,
                                  const char    *kase,
                                  const char    *parent,
                                  const char    *field,
                                  const char    *value_json,
                                  const char    *device);
char      *make_op_as            (HttpFixture   *f,
                                  const char    *actor,
                                  const char    *entity,
                                  const char    *kind,
                                  const char    *kase,
                                  const char    *parent,
                                  const char    *field,
                                  const char    *value_json,
                                  const char    *device);
char      *make_push             (const char    *first_op,
                                  ...) G_GNUC_NULL_TERMINATED;
JsonArray *push_results          (HttpFixture   *f,
                                  const char    *token,
                                  char          *body);
JsonArray *pull_all              (HttpFixture   *f,
                                  const char    *token);
gboolean   pulled_field          (JsonArray     *ops,
                                  const char    *entity,
                                  const char    *field);

/* Raw HTTP over a socket, so that a test controls what the client sends. */
GSocketConnection *http_raw_connect  (HttpFixture       *f,
                                      const char        *requests);
char              *http_raw_read     (GSocketConnection *connection,
                                      const char        *until);
char              *http_raw_exchange (HttpFixture       *f,
                                      const char        *requests);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

G_END_DECLS
