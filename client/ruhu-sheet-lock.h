/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-device.h"

G_BEGIN_DECLS

/* Whether the case's check sheet is signed and so locked, by the server's
 * own rule (shared/ruhu-signed-sheet.h). The case page makes the sheet's
 * rows read-only and shows @reason. */
gboolean ruhu_case_sheet_is_locked (RuhuDevice  *device,
                                    const char  *case_id,
                                    char       **reason);

G_END_DECLS
