/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-discovery.h"

G_BEGIN_DECLS

/* ruhu-discovery.c */
char     *ruhu_discovery_get_string         (RuhuStore   *store,
                                             const char  *entity,
                                             const char  *field);
JsonNode *ruhu_discovery_text               (const char  *text);
gboolean  ruhu_discovery_put                (RuhuStore   *store,
                                             const char  *entity,
                                             const char  *kind,
                                             const char  *case_id,
                                             const char  *parent,
                                             const char  *field,
                                             JsonNode    *value,
                                             const char  *actor,
                                             GError     **error);

/* ruhu-discovery-application.c */
gboolean  ruhu_discovery_write_application  (RuhuStore   *store,
                                             const char  *case_id,
                                             const char  *report,
                                             const char  *actor,
                                             GDateTime   *at,
                                             GError     **error);

G_END_DECLS
