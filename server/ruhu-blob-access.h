/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-handlers.h"

G_BEGIN_DECLS

/* Who may read a stored photo or scan (docs/protocol.md, "Blobs"). */

typedef enum
{
  RUHU_BLOB_ACCESS_DENIED,     /* no case the caller may see names it */
  RUHU_BLOB_ACCESS_ALLOWED,
  RUHU_BLOB_ACCESS_SENSITIVE,  /* allowed, and it shows what a volunteer may not see */
} RuhuBlobAccess;

gboolean ruhu_blob_access_check (RuhuServer           *self,
                                 const RuhuPrincipal  *who,
                                 const char           *name,
                                 RuhuBlobAccess       *access,
                                 GError              **error);

G_END_DECLS
