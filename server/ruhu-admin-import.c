/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-admin.h"
#include "ruhu-json.h"
#include "ruhu-rules.h"
#include "ruhu-server-setup.h"

/* A one-time import may be big: far above what the network may send. */
#define IMPORT_MAX_BYTES (1024 * 1024 * 1024)

static gboolean
import_error (GError    **error,
              const char *format,
              ...) G_GNUC_PRINTF (2, 3);

static gboolean
import_error (GError    **error,
              const char *format,
              ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                                format, args));
  va_end (args);
  return FALSE;
}

/* Every operation is checked before any is applied: a file with one bad
 * operation is refused whole, so it can be fixed and imported again. */
static GPtrArray *
read_ops (const char  *path,
          GError     **error)
{
  RuhuJsonLimits limits = { IMPORT_MAX_BYTES, 0 };
  g_autoptr(JsonNode) root = ruhu_json_parse_file (path, &limits, error);
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_op_unref);
  JsonObject *object;
  JsonArray *array;

  if (root == NULL)
    return NULL;
  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (object == NULL || !json_object_has_member (object, "ops") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "ops")))
    {
      import_error (error, _("%s is not an import file: it must hold {\"ops\": [ … ]}. "
                             "Nothing was imported."), path);
      return NULL;
    }
  array = json_object_get_array_member (object, "ops");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GError) op_error = NULL;
      RuhuOp *op = ruhu_op_from_json (json_array_get_element (array, i), &op_error);

      if (op == NULL)
        {
          import_error (error, _("Operation %u of %s is not valid: %s. Nothing was imported."),
                        i + 1, path, op_error->message);
          return NULL;
        }
      g_ptr_array_add (ops, op);
    }
  return g_steal_pointer (&ops);
}

/* Counts the outcomes and shows each operation the store refused. */
static guint
report (GArray *results,
        guint  *counts)
{
  for (guint i = 0; i < results->len; i++)
    {
      RuhuApplyResult *result = &g_array_index (results, RuhuApplyResult, i);

      counts[result->status]++;
      if (result->status == RUHU_APPLY_INVALID || result->status == RUHU_APPLY_REFUSED)
        g_printerr (_("ruhu-admin: Operation %u was not imported: %s\n"),
                    i + 1, result->message != NULL ? result->message : "");
    }
  return counts[RUHU_APPLY_INVALID] + counts[RUHU_APPLY_REFUSED];
}

/* The directory keeps each case's place for scope, as a push records it
 * (server/ruhu-handler-push.c): the most precise of its household's codes
 * as the store now has them. An imported case has no creator: nobody
 * pushed it. */
static gboolean
record_places (RuhuAdmin  *admin,
               RuhuStore  *store,
               GPtrArray  *ops,
               GError    **error)
{
  g_autoptr(GHashTable) households = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(RuhuDirectory) directory = NULL;
  GHashTableIter iter;
  gpointer case_id, household;

  for (guint i = 0; i < ops->len; i++)
    {
      RuhuOp *op = g_ptr_array_index (ops, i);

      if (ruhu_rules_is_place_field (op))
        g_hash_table_insert (households, op->case_id, op->entity);
    }
  if (g_hash_table_size (households) == 0)
    return TRUE;
  if ((directory = ruhu_admin_open_directory (admin, error)) == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, households);
  while (g_hash_table_iter_next (&iter, &case_id, &household))
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *place = ruhu_rules_household_place (store, household, NULL, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (place != NULL && !ruhu_directory_set_case_place (directory, case_id, place, NULL, error))
        return FALSE;
    }
  return TRUE;
}

int
ruhu_admin_import (RuhuAdmin *admin,
                   GStrv      args)
{
  g_autoptr(RuhuStore) store = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GArray) results = NULL;
  g_autofree char *detail = NULL;
  GError *error = NULL;
  guint counts[RUHU_APPLY_REFUSED + 1] = { 0 };
  guint refused;
  int status;

  if (!ruhu_admin_parse (&args, "FILE", NULL, 1) || !ruhu_admin_need_key (admin))
    return RUHU_ADMIN_EXIT_USAGE;
  if ((ops = read_ops (args[1], &error)) == NULL ||
      (store = ruhu_server_open_case_store (admin->data_dir, admin->key_file, &error)) == NULL ||
      !ruhu_store_apply (store, ops, &results, &error) ||
      !record_places (admin, store, ops, &error))
    return ruhu_admin_fail (error);

  refused = report (results, counts);
  g_print (_("%u operations read: %u imported, %u already present, %u rejected earlier, "
             "%u not imported.\n"), ops->len, counts[RUHU_APPLY_APPLIED],
           counts[RUHU_APPLY_DUPLICATE], counts[RUHU_APPLY_REJECTED_BEFORE], refused);
  detail = g_strdup_printf ("read=%u applied=%u duplicate=%u not_imported=%u", ops->len,
                            counts[RUHU_APPLY_APPLIED], counts[RUHU_APPLY_DUPLICATE], refused);
  status = ruhu_admin_log (admin, "import", args[1], detail);
  return status != 0 ? status : (refused > 0 ? RUHU_ADMIN_EXIT_RUNTIME : 0);
}
