/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-server.h"
#include "ruhu-store.h"

G_BEGIN_DECLS

/* What a data directory holds (ruhu_server_init_data_dir() makes them). */
#define RUHU_SERVER_CASES_DB     "cases.db"
#define RUHU_SERVER_DIRECTORY_DB "server.db"
#define RUHU_SERVER_AUDIT_DB     "audit.db"
#define RUHU_SERVER_BLOBS_DIR    "blobs"

char      *ruhu_server_read_key        (const char  *key_file,
                                        GError     **error);
RuhuStore *ruhu_server_open_case_store (const char  *data_dir,
                                        const char  *key_file,
                                        GError     **error);

G_END_DECLS
