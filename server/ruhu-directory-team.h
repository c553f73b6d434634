/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-directory.h"

G_BEGIN_DECLS

gboolean ruhu_directory_unassign (RuhuDirectory  *self,
                                  const char     *case_id,
                                  const char     *user_id,
                                  GError        **error);

G_END_DECLS
