/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ruhu-store.h"

G_BEGIN_DECLS

#define RUHU_SYNC_ERROR (ruhu_sync_error_quark ())

/* Cancellation is reported as G_IO_ERROR_CANCELLED, as everywhere in GIO. */
typedef enum
{
  RUHU_SYNC_ERROR_NOT_LOGGED_IN,    /* no server or token yet: log in first */
  RUHU_SYNC_ERROR_NETWORK,          /* no answer: address, network, server down */
  RUHU_SYNC_ERROR_BAD_CREDENTIALS,
  RUHU_SYNC_ERROR_UNAUTHORIZED,     /* the server does not know the token */
  RUHU_SYNC_ERROR_TOKEN_EXPIRED,
  RUHU_SYNC_ERROR_REVOKED,
  RUHU_SYNC_ERROR_FORBIDDEN,
  RUHU_SYNC_ERROR_SERVER,           /* 5xx or 429 after every retry */
  RUHU_SYNC_ERROR_PROTOCOL,         /* an answer that breaks docs/protocol.md */
  RUHU_SYNC_ERROR_STORE,            /* the local store failed */
  RUHU_SYNC_ERROR_NO_BLOB_DIR,      /* photos need ruhu_sync_client_set_blob_dir() */
  RUHU_SYNC_ERROR_BLOB,             /* a photo on this device is missing or damaged */
} RuhuSyncError;

typedef enum
{
  RUHU_SYNC_PHASE_LOGIN,
  RUHU_SYNC_PHASE_PUSH,
  RUHU_SYNC_PHASE_PULL,
  RUHU_SYNC_PHASE_DONE,
} RuhuSyncPhase;

/* Names of the store settings the client keeps. */
#define RUHU_SYNC_SETTING_SERVER    "sync.server"
#define RUHU_SYNC_SETTING_USER      "sync.user"
#define RUHU_SYNC_SETTING_TOKEN     "sync.token"
#define RUHU_SYNC_SETTING_ROLE      "sync.role"
#define RUHU_SYNC_SETTING_PLACE     "sync.place"
#define RUHU_SYNC_SETTING_CURSOR    "sync.cursor"
#define RUHU_SYNC_SETTING_LAST_SYNC "sync.last_sync"

#define RUHU_SYNC_MAX_BATCH 5000

#define RUHU_TYPE_SYNC_CLIENT (ruhu_sync_client_get_type ())
G_DECLARE_FINAL_TYPE (RuhuSyncClient, ruhu_sync_client, RUHU, SYNC_CLIENT, GObject)

GQuark          ruhu_sync_error_quark                (void);

RuhuSyncClient *ruhu_sync_client_new                 (RuhuStore            *store);
RuhuStore      *ruhu_sync_client_get_store           (RuhuSyncClient       *self);
gint64          ruhu_sync_client_get_unsynced_count  (RuhuSyncClient       *self);
gint64          ruhu_sync_client_get_waiting         (RuhuSyncClient       *self,
                                                      const char * const  **users);
void            ruhu_sync_client_set_retry_policy    (RuhuSyncClient       *self,
                                                      guint                 max_tries,
                                                      guint                 first_delay_ms);
void            ruhu_sync_client_set_page_size       (RuhuSyncClient       *self,
                                                      guint                 pull_limit,
                                                      guint                 push_batch);

void            ruhu_sync_client_set_blob_dir        (RuhuSyncClient       *self,
                                                      const char           *dir);
const char     *ruhu_sync_client_get_blob_dir        (RuhuSyncClient       *self);
char           *ruhu_sync_client_add_photo           (RuhuSyncClient       *self,
                                                      const char           *path,
                                                      GError              **error);
GBytes         *ruhu_sync_client_read_photo          (RuhuSyncClient       *self,
                                                      const char           *sha256,
                                                      GError              **error);

void            ruhu_sync_client_login_async         (RuhuSyncClient       *self,
                                                      const char           *server_url,
                                                      const char           *user,
                                                      const char           *password,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean        ruhu_sync_client_login_finish        (RuhuSyncClient       *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

void            ruhu_sync_client_sync_async          (RuhuSyncClient       *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean        ruhu_sync_client_sync_finish         (RuhuSyncClient       *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

G_END_DECLS
