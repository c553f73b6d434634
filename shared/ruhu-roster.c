/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-json.h"
#include "ruhu-roster.h"

void
ruhu_roster_entry_free (RuhuRosterEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->user_id);
  g_free (entry->name);
  g_free (entry->place);
  g_free (entry);
}

static RuhuRosterEntry *
entry_from_json (JsonNode *node)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  /* NULL for a member that is missing or not a string. */
  const char *id = object != NULL ? json_object_get_string_member_with_default (object, "id", NULL)
                                  : NULL;
  const char *name = object != NULL
                     ? json_object_get_string_member_with_default (object, "name", NULL) : NULL;
  const char *place = object != NULL
                      ? json_object_get_string_member_with_default (object, "place", NULL) : NULL;
  RuhuRosterEntry *entry;

  if (id == NULL || *id == '\0' || name == NULL || place == NULL)
    return NULL;
  entry = g_new0 (RuhuRosterEntry, 1);
  entry->user_id = g_strdup (id);
  entry->name = g_strdup (name);
  entry->place = g_strdup (place);
  return entry;
}

/**
 * ruhu_roster_from_json:
 * @body: the server's answer, `{"investigators": [{"id", "name", "place"}, …]}`
 *
 * Returns: (transfer container) (element-type RuhuRosterEntry): the
 *   investigators in the server's order; %NULL with @error set when @body
 *   has another shape
 */
GPtrArray *
ruhu_roster_from_json (JsonNode  *body,
                       GError   **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body) : NULL;
  JsonNode *list = object != NULL ? json_object_get_member (object, "investigators") : NULL;
  g_autoptr(GPtrArray) entries = NULL;
  JsonArray *array;

  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The list of investigators has no “investigators” array"));
      return NULL;
    }
  array = json_node_get_array (list);
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_roster_entry_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      RuhuRosterEntry *entry = entry_from_json (json_array_get_element (array, i));

      if (entry == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Entry %u of the list of investigators lacks an id, name or place"),
                       i + 1);
          return NULL;
        }
      g_ptr_array_add (entries, entry);
    }
  return g_steal_pointer (&entries);
}

/**
 * ruhu_roster_save:
 *
 * Checks @body (as ruhu_roster_from_json()) and keeps it as this device's
 * roster, replacing the one before.
 */
gboolean
ruhu_roster_save (RuhuStore  *store,
                  JsonNode   *body,
                  GError    **error)
{
  g_autoptr(GPtrArray) entries = ruhu_roster_from_json (body, error);
  g_autofree char *text = NULL;

  if (entries == NULL)
    return FALSE;
  text = ruhu_json_canonical (body);
  return ruhu_store_set_setting (store, RUHU_ROSTER_SETTING, text, error);
}

/**
 * ruhu_roster_load:
 *
 * Returns: (transfer container) (element-type RuhuRosterEntry): the roster
 *   the last sync brought, empty if none did; %NULL with @error set when
 *   the store cannot be read
 */
GPtrArray *
ruhu_roster_load (RuhuStore  *store,
                  GError    **error)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) local_error = NULL;

  if ((text = ruhu_store_get_setting (store, RUHU_ROSTER_SETTING, &local_error)) == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      return g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_roster_entry_free);
    }
  if ((body = ruhu_json_parse (text, -1, NULL, error)) == NULL)
    return NULL;
  return ruhu_roster_from_json (body, error);
}
