/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-server.h"
#include "ruhu-sync.h"

G_BEGIN_DECLS

/* An in-process RuhuServer on 127.0.0.1 with its users, and devices (a
 * store and a sync client each) logged in to it
 * (tests/integration/devices-fixture.c). The server answers from this
 * process's main loop. */

/* Every user's password. */
#define LOCAL_SERVER_PASSWORD "correct-horse-battery"

typedef struct
{
  char       *tmp;     /* a temporary directory, removed by local_server_stop() */
  RuhuServer *server;
  char       *url;     /* set by local_server_listen() */
} LocalServer;

typedef struct
{
  RuhuStore      *store;
  RuhuSyncClient *client;
  const char     *user;
} Device;

void local_server_start    (LocalServer *local);
void local_server_add_user (LocalServer *local,
                            const char  *user,
                            RuhuRole     role,
                            const char  *place);
void local_server_listen   (LocalServer *local);
void local_server_stop     (LocalServer *local);

void device_init           (Device      *device,
                            const char  *url,
                            const char  *user,
                            const char  *passphrase,
                            const char  *blob_dir);
void device_init_with_store (Device     *device,
                             const char *url,
                             const char *user,
                             RuhuStore  *store,
                             const char *blob_dir);
void device_sync           (Device      *device);
void device_clear          (Device      *device);

G_END_DECLS
