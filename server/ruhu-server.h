/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ruhu-audit.h"
#include "ruhu-directory.h"
#include "ruhu-store.h"

G_BEGIN_DECLS

#define RUHU_SERVER_ERROR (ruhu_server_error_quark ())

typedef enum
{
  RUHU_SERVER_ERROR_SETUP,   /* data directory or key missing, not initialised */
  RUHU_SERVER_ERROR_LISTEN,
} RuhuServerError;

typedef struct
{
  const char *data_dir;       /* DIR: cases.db, server.db, blobs/ */
  const char *key_file;       /* the server key, kept outside DIR */
  gint64      token_ttl_s;    /* 0: 30 days */
  gsize       max_body;       /* 0: 4 MiB */
  guint       max_batch;      /* 0: 5,000 operations */
  gsize       max_field;      /* 0: 64 KiB */
  gsize       max_blob;       /* 0: 32 MiB */
  gboolean    quiet;          /* no request log lines (tests, benchmarks) */
  guint       idle_timeout_s; /* 0: 60; a kept connection's silence after an answer */
  guint       header_timeout_s; /* 0: 30, at most idle_timeout_s; a new connection's
                                 * time to send its first request's headers */
} RuhuServerConfig;

#define RUHU_TYPE_SERVER (ruhu_server_get_type ())
G_DECLARE_FINAL_TYPE (RuhuServer, ruhu_server, RUHU, SERVER, GObject)

GQuark         ruhu_server_error_quark     (void);

gboolean       ruhu_server_init_data_dir   (const char              *data_dir,
                                            const char              *key_file,
                                            GError                 **error);
RuhuServer    *ruhu_server_new             (const RuhuServerConfig  *config,
                                            GError                 **error);
gboolean       ruhu_server_listen          (RuhuServer              *self,
                                            const char              *address,
                                            GError                 **error);
void           ruhu_server_set_tls_certificate (RuhuServer          *self,
                                                GTlsCertificate     *certificate);
guint16        ruhu_server_get_port        (RuhuServer              *self);
void           ruhu_server_shutdown        (RuhuServer              *self);
RuhuDirectory *ruhu_server_get_directory   (RuhuServer              *self);
RuhuStore     *ruhu_server_get_store       (RuhuServer              *self);
RuhuAudit     *ruhu_server_get_audit       (RuhuServer              *self);

G_END_DECLS
