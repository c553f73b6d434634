/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-store.h"

G_BEGIN_DECLS

#define RUHU_SHEET_DIGEST_LENGTH 32

char     *ruhu_sheet_digest_serialize        (RuhuStore    *store,
                                              const char   *sheet,
                                              GError      **error);
gboolean  ruhu_sheet_digest_compute          (RuhuStore    *store,
                                              const char   *sheet,
                                              guint8       *digest,
                                              GError      **error);
gboolean  ruhu_sheet_digest_check_signature  (RuhuStore    *store,
                                              const char   *sheet,
                                              JsonNode     *signature,
                                              GError      **error);

G_END_DECLS
