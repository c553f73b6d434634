/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ruhu-cli.h"
#include "ruhu-json.h"

/* Local edits and reading: everything that works offline. */

#define MAX_IMPORT_BYTES (256 * 1024 * 1024)

static JsonNode *
parse_value (const char  *text,
             GError     **error)
{
  return ruhu_json_parse (text, -1, NULL, error);
}

static int
write_one (RuhuCli    *cli,
           const char *entity,
           const char *kind,
           const char *case_id,
           const char *parent,
           const char *field,
           JsonNode   *value,
           const char *actor)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuOp) op = NULL;

  if (strcmp (field, RUHU_FIELD_DELETED) == 0 && JSON_NODE_HOLDS_VALUE (value) &&
      json_node_get_value_type (value) == G_TYPE_BOOLEAN)
    op = ruhu_store_set_deleted (cli->store, entity, json_node_get_boolean (value), actor, &error);
  else
    op = ruhu_store_write (cli->store, entity, kind, case_id, parent, field, value, actor, &error);
  if (op == NULL)
    return ruhu_cli_fail_error (RUHU_CLI_ERROR, error);
  return RUHU_CLI_OK;
}

int
ruhu_cli_edit (RuhuCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = parse_value (cli->args[2], &error);
  g_autofree char *actor = ruhu_cli_actor (cli);

  if (value == NULL)
    return ruhu_cli_fail (RUHU_CLI_USAGE, _("The value is not JSON: %s"), error->message);
  return write_one (cli, cli->args[0], cli->kind, cli->case_id, cli->parent, cli->args[1], value,
                    actor);
}

/* Resolving is writing: a local edit names every head of the field as
 * its bases, so the new value replaces all the candidates. */
int
ruhu_cli_resolve (RuhuCli *cli)
{
  return ruhu_cli_edit (cli);
}

int
ruhu_cli_delete (RuhuCli  *cli,
                 gboolean  deleted)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = ruhu_cli_actor (cli);
  g_autoptr(RuhuOp) op = ruhu_store_set_deleted (cli->store, cli->args[0], deleted, actor, &error);

  if (op == NULL)
    return ruhu_cli_fail_error (RUHU_CLI_ERROR, error);
  return RUHU_CLI_OK;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Each operation of the file becomes a local edit of this device, with
 * its own version and bases from this store; the file's "id", "v",
 * "bases" and "device" are ignored, and "actor" is used when present.
 * So an import is pushed by the next sync, like edits on a tablet. */
int
ruhu_cli_import (RuhuCli *cli)
{
  g_autoptr(GError) error = NULL;
  RuhuJsonLimits limits = { MAX_IMPORT_BYTES, 0 };
  g_autoptr(JsonNode) root = ruhu_json_parse_file (cli->args[0], &limits, &error);
  g_autofree char *actor = ruhu_cli_actor (cli);
  JsonNode *ops_node = NULL;
  JsonArray *ops;
  guint n;

  if (root == NULL)
    return ruhu_cli_fail_error (RUHU_CLI_ERROR, error);
  if (JSON_NODE_HOLDS_OBJECT (root))
    ops_node = json_object_get_member (json_node_get_object (root), "ops");
  if (ops_node == NULL || !JSON_NODE_HOLDS_ARRAY (ops_node))
    return ruhu_cli_fail (RUHU_CLI_ERROR, _("%s is not {\"ops\": […]}"), cli->args[0]);
  ops = json_node_get_array (ops_node);
  n = json_array_get_length (ops);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (ops, i);
      JsonObject *op;
      JsonNode *value;
      int status;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return ruhu_cli_fail (RUHU_CLI_ERROR, _("Operation %u is not an object"), i);
      op = json_node_get_object (element);
      value = json_object_get_member (op, "value");
      if (member_string (op, "entity") == NULL || member_string (op, "field") == NULL ||
          value == NULL)
        return ruhu_cli_fail (RUHU_CLI_ERROR, _("Operation %u has no entity, field or value"), i);
      status = write_one (cli, member_string (op, "entity"), member_string (op, "kind"),
                          member_string (op, "case"), member_string (op, "parent"),
                          member_string (op, "field"), value,
                          member_string (op, "actor") ? member_string (op, "actor") : actor);
      if (status != RUHU_CLI_OK)
        return ruhu_cli_fail (status, _("Stopped at operation %u; the ones before it are saved"), i);
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u operation\n", "Imported %u operations\n", n),
           n);
  return RUHU_CLI_OK;
}

int
ruhu_cli_conflicts (RuhuCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = ruhu_store_list_conflicts (cli->store, cli->case_id, &error);

  if (conflicts == NULL)
    return ruhu_cli_fail_error (RUHU_CLI_ERROR, error);
  for (guint i = 0; i < conflicts->len; i++)
    {
      RuhuConflict *conflict = g_ptr_array_index (conflicts, i);

      g_print ("%s %s %s case=%s\n", conflict->entity, conflict->field,
               conflict->kind == RUHU_CONFLICT_DELETE_EDIT ? "delete-edit" : "values",
               conflict->case_id);
      for (guint j = 0; j < conflict->candidates->len; j++)
        {
          RuhuOp *op = g_ptr_array_index (conflict->candidates, j);
          g_autofree char *value = ruhu_json_canonical (op->value);

          g_print ("  %s %s = %s actor=%s device=%s version=%s\n", op->entity, op->field, value,
                   op->actor, op->device, op->version);
        }
    }
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u open conflict\n", "%u open conflicts\n",
                           conflicts->len),
              conflicts->len);
  return RUHU_CLI_OK;
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static int
show_case (RuhuCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entities = ruhu_store_list_entities (cli->store, cli->case_id, &error);

  if (entities == NULL)
    return ruhu_cli_fail_error (RUHU_CLI_ERROR, error);
  for (guint i = 0; i < entities->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (entities, i);
      g_autoptr(GHashTable) fields = ruhu_store_get_fields (cli->store, info->id, &error);
      g_autofree const char **names = NULL;

      if (fields == NULL)
        return ruhu_cli_fail_error (RUHU_CLI_ERROR, error);
      g_print ("%s %s parent=%s%s\n", info->id, info->kind, info->parent ? info->parent : "-",
               info->deleted ? " deleted" : "");
      names = (const char **) g_hash_table_get_keys_as_array (fields, NULL);
      g_qsort_with_data (names, g_hash_table_size (fields), sizeof (char *),
                         compare_names, NULL);
      for (guint j = 0; names[j] != NULL; j++)
        {
          g_autofree char *value = ruhu_json_canonical (g_hash_table_lookup (fields, names[j]));

          g_print ("  %s = %s\n", names[j], value);
        }
    }
  return RUHU_CLI_OK;
}

int
ruhu_cli_show (RuhuCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = NULL;

  if (cli->case_id != NULL)
    return show_case (cli);
  dump = ruhu_store_dump (cli->store, &error);
  if (dump == NULL)
    return ruhu_cli_fail_error (RUHU_CLI_ERROR, error);
  g_print ("%s", dump);
  return RUHU_CLI_OK;
}
