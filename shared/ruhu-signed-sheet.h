/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-store.h"

G_BEGIN_DECLS

/* The signed-sheet lock as devices see it. The server enforces it
 * (server/ruhu-rules.c); this is the same rule, so that a device shows a
 * sheet as locked exactly when the server would refuse edits to it: a check
 * sheet with two investigator signatures under it (signature entities, not
 * deleted, whose signer_role is "investigator") is locked unless a
 * supervisor set its "reopened" field to true. */

#define RUHU_SIGNED_SHEET_LOCKING_SIGNATURES 2
#define RUHU_SIGNED_SHEET_FIELD_REOPENED     "reopened"

typedef struct
{
  guint    n_investigators;  /* investigator signatures under the sheet */
  gboolean reopened;
  gboolean locked;
} RuhuSheetLockState;

char     *ruhu_signed_sheet_find       (RuhuStore           *store,
                                        const char          *case_id,
                                        GError             **error);
gboolean  ruhu_signed_sheet_get_state  (RuhuStore           *store,
                                        const char          *sheet,
                                        RuhuSheetLockState  *state,
                                        GError             **error);
gboolean  ruhu_signed_sheet_is_signer  (RuhuStore           *store,
                                        const RuhuEntityInfo *info,
                                        const char          *sheet,
                                        const char          *role);

G_END_DECLS
