/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The built ruhu-server ($RUHU_SERVER) as a child process on 127.0.0.1,
 * and a SoupSession to talk to it (tests/integration/server-process.c). */

typedef struct
{
  char        *data_dir;
  char        *key_file;
  guint16      port;
  GSubprocess *process;
  gboolean     exited;   /* set from the main loop once the child is reaped */
  SoupSession *session;  /* a new one per start: no connection outlives a kill */
} ServerProcess;

typedef struct
{
  gboolean  done;
  guint     status;
  GBytes   *body;
  GError   *error;   /* the transport failed: no answer */
} Reply;

void      server_process_init    (ServerProcess *sp,
                                  const char    *data_dir,
                                  const char    *key_file);
void      server_process_start   (ServerProcess *sp);
void      server_process_kill    (ServerProcess *sp);
void      server_process_clear   (ServerProcess *sp);
void      server_process_request (ServerProcess *sp,
                                  const char    *method,
                                  const char    *path,
                                  const char    *token,
                                  const char    *body,
                                  Reply         *reply);

/* Also for the other children of a test (tests/integration/nginx-fixture.c). */
guint16   server_process_pick_port       (void);
void      server_process_die_with_parent (gpointer       user_data);

JsonNode *reply_json             (Reply         *reply);
JsonNode *reply_try_json         (Reply         *reply);
void      reply_clear            (Reply         *reply);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)

G_END_DECLS
