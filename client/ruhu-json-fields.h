/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Small readings of an entity's fields (name → JsonNode, as
 * ruhu_store_get_fields() gives them) shared by the evidence and
 * signature sections. */

char       *ruhu_fields_dup_string (GHashTable *fields,
                                    const char *name);
const char *ruhu_object_get_string (JsonObject *object,
                                    const char *name);
char       *ruhu_now_rfc3339       (void);

G_END_DECLS
