/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "ruhu-directory.h"

G_BEGIN_DECLS

GPtrArray *ruhu_roster_list_investigators (RuhuDirectory      *directory,
                                           const RuhuPrincipal *who,
                                           GError            **error);
void       ruhu_handle_roster             (SoupServer         *server,
                                           SoupServerMessage  *msg,
                                           const char         *path,
                                           GHashTable         *query,
                                           gpointer            user_data);

G_END_DECLS
