/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-json-fields.h"

static const char *
node_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * ruhu_fields_dup_string:
 * @fields: (nullable): an entity's fields
 *
 * Returns: (transfer full) (nullable): the field's text, or %NULL when it
 *   is missing or not a string
 */
char *
ruhu_fields_dup_string (GHashTable *fields,
                        const char *name)
{
  return g_strdup (node_string (fields != NULL ? g_hash_table_lookup (fields, name) : NULL));
}

/* Returns: (nullable): @object's member @name if it is a string */
const char *
ruhu_object_get_string (JsonObject *object,
                        const char *name)
{
  return node_string (object != NULL ? json_object_get_member (object, name) : NULL);
}

/* The local time now as the forms' datetime fields hold it:
 * RFC 3339 with the offset, such as "2025-03-01T09:30:00+08:00". */
char *
ruhu_now_rfc3339 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
}
