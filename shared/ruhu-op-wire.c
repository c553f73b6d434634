/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-json-private.h"
#include "ruhu-op.h"

/* The grouped wire form of a list of operations (docs/protocol.md): each
 * run of operations on one entity by one actor from one device is a group
 * that names entity, kind, case, parent, actor and device once, and lists
 * its versions as [field, value, timestamp, bases, id]. The order of the
 * list is kept exactly. */

static const char * const group_members[] = {
  "entity", "kind", "case", "parent", "actor", "device", "versions", NULL,
};

#define VERSION_ITEMS 5

static gboolean
same_group (const RuhuOp *a,
            const RuhuOp *b)
{
  return strcmp (a->entity, b->entity) == 0 && strcmp (a->kind, b->kind) == 0 &&
         strcmp (a->case_id, b->case_id) == 0 && g_strcmp0 (a->parent, b->parent) == 0 &&
         strcmp (a->actor, b->actor) == 0 && strcmp (a->device, b->device) == 0;
}

static JsonObject *
new_group (const RuhuOp *op,
           JsonArray    *versions)
{
  JsonObject *group = json_object_new ();

  json_object_set_string_member (group, "entity", op->entity);
  json_object_set_string_member (group, "kind", op->kind);
  json_object_set_string_member (group, "case", op->case_id);
  if (op->parent != NULL)
    json_object_set_string_member (group, "parent", op->parent);
  else
    json_object_set_null_member (group, "parent");
  json_object_set_string_member (group, "actor", op->actor);
  json_object_set_string_member (group, "device", op->device);
  json_object_set_array_member (group, "versions", versions);
  return group;
}

static JsonArray *
version_item (const RuhuOp *op)
{
  JsonArray *item = json_array_sized_new (VERSION_ITEMS);
  JsonArray *bases = json_array_new ();
  const char *at = strchr (op->version, '@');
  g_autofree char *stamp = g_strndup (op->version, at - op->version);

  for (guint i = 0; op->bases[i] != NULL; i++)
    json_array_add_string_element (bases, op->bases[i]);
  json_array_add_string_element (item, op->field);
  json_array_add_element (item, json_node_copy (op->value));
  json_array_add_string_element (item, stamp);
  json_array_add_array_element (item, bases);
  json_array_add_string_element (item, op->id);
  return item;
}

/**
 * ruhu_op_list_to_groups:
 * @ops: (element-type RuhuOp): operations, in their order
 *
 * Returns: (transfer full): a JSON array of groups
 */
JsonNode *
ruhu_op_list_to_groups (GPtrArray *ops)
{
  JsonArray *groups = json_array_new ();
  JsonArray *versions = NULL;
  const RuhuOp *previous = NULL;
  JsonNode *root;

  for (guint i = 0; i < ops->len; i++)
    {
      const RuhuOp *op = g_ptr_array_index (ops, i);

      if (previous == NULL || !same_group (previous, op))
        {
          versions = json_array_new ();
          json_array_add_object_element (groups, new_group (op, versions));
        }
      json_array_add_array_element (versions, version_item (op));
      previous = op;
    }
  root = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (root, groups);
  return root;
}

static void
write_member (GString    *out,
              const char *name,
              const char *value)
{
  ruhu_json_append_string (out, name);
  g_string_append_c (out, ':');
  if (value != NULL)
    ruhu_json_append_string (out, value);
  else
    g_string_append (out, "null");
  g_string_append_c (out, ',');
}

/* One group's opening, its members in the canonical (sorted) order. */
static void
write_group_start (GString      *out,
                   const RuhuOp *op)
{
  g_string_append_c (out, '{');
  write_member (out, "actor", op->actor);
  write_member (out, "case", op->case_id);
  write_member (out, "device", op->device);
  write_member (out, "entity", op->entity);
  write_member (out, "kind", op->kind);
  write_member (out, "parent", op->parent);
  g_string_append (out, "\"versions\":[");
}

static void
write_version_item (GString      *out,
                    const RuhuOp *op)
{
  const char *at = strchr (op->version, '@');

  g_string_append_c (out, '[');
  ruhu_json_append_string (out, op->field);
  g_string_append_c (out, ',');
  ruhu_json_append_canonical (out, op->value);
  g_string_append (out, ",\"");
  /* The timestamp: digits and a dot, nothing to escape. */
  g_string_append_len (out, op->version, at - op->version);
  g_string_append (out, "\",[");
  for (guint i = 0; op->bases[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      ruhu_json_append_string (out, op->bases[i]);
    }
  g_string_append (out, "],");
  ruhu_json_append_string (out, op->id);
  g_string_append_c (out, ']');
}

/**
 * ruhu_op_list_write_groups:
 * @out: where the text goes
 * @ops: (element-type RuhuOp): operations, in their order
 *
 * Appends exactly what ruhu_json_canonical() makes of
 * ruhu_op_list_to_groups(), without building the tree: a push or a pull
 * page writes thousands of operations.
 */
void
ruhu_op_list_write_groups (GString   *out,
                           GPtrArray *ops)
{
  const RuhuOp *previous = NULL;

  g_string_append_c (out, '[');
  for (guint i = 0; i < ops->len; i++)
    {
      const RuhuOp *op = g_ptr_array_index (ops, i);

      if (previous == NULL || !same_group (previous, op))
        {
          if (previous != NULL)
            g_string_append (out, "]},");
          write_group_start (out, op);
        }
      else
        g_string_append_c (out, ',');
      write_version_item (out, op);
      previous = op;
    }
  if (previous != NULL)
    g_string_append (out, "]}");
  g_string_append_c (out, ']');
}

static const char *
string_of (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
fail (GError     **error,
      const char  *message)
{
  g_set_error_literal (error, RUHU_OP_ERROR, RUHU_OP_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
check_group (JsonNode    *node,
             JsonObject **out,
             GError     **error)
{
  g_autoptr(GList) names = NULL;
  JsonObject *group;
  JsonNode *parent, *versions;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, _("A group of operations must be a JSON object"));
  group = json_node_get_object (node);
  names = json_object_get_members (group);
  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (group_members, l->data))
      {
        g_set_error (error, RUHU_OP_ERROR, RUHU_OP_ERROR_INVALID,
                     _("Unknown member “%s” in a group of operations"), (const char *) l->data);
        return FALSE;
      }
  for (guint i = 0; group_members[i] != NULL; i++)
    if (strcmp (group_members[i], "parent") != 0 && strcmp (group_members[i], "versions") != 0 &&
        string_of (json_object_get_member (group, group_members[i])) == NULL)
      {
        g_set_error (error, RUHU_OP_ERROR, RUHU_OP_ERROR_INVALID,
                     _("The group's member “%s” is missing or not text"), group_members[i]);
        return FALSE;
      }
  parent = json_object_get_member (group, "parent");
  if (parent != NULL && !JSON_NODE_HOLDS_NULL (parent) && string_of (parent) == NULL)
    return fail (error, _("The group's parent must be text or null"));
  versions = json_object_get_member (group, "versions");
  if (versions == NULL || !JSON_NODE_HOLDS_ARRAY (versions))
    return fail (error, _("The group's versions must be a list"));
  *out = group;
  return TRUE;
}

static char **
bases_of (JsonNode  *node,
          GError   **error)
{
  JsonArray *array;
  guint n;
  char **bases;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      fail (error, _("The bases of a version must be a list of versions"));
      return NULL;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  bases = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      const char *base = string_of (json_array_get_element (array, i));

      if (base == NULL)
        {
          g_strfreev (bases);
          fail (error, _("The bases of a version must be a list of versions"));
          return NULL;
        }
      bases[i] = g_strdup (base);
    }
  return bases;
}

static RuhuOp *
op_of (JsonObject  *group,
       JsonNode    *node,
       GError     **error)
{
  JsonArray *item;
  const char *field, *stamp, *id, *device = string_of (json_object_get_member (group, "device"));
  g_auto(GStrv) bases = NULL;
  g_autofree char *version = NULL;

  if (!JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length ((item = json_node_get_array (node))) != VERSION_ITEMS ||
      (field = string_of (json_array_get_element (item, 0))) == NULL ||
      (stamp = string_of (json_array_get_element (item, 2))) == NULL ||
      (id = string_of (json_array_get_element (item, 4))) == NULL)
    {
      fail (error, _("A version must be [field, value, timestamp, bases, id]"));
      return NULL;
    }
  if ((bases = bases_of (json_array_get_element (item, 3), error)) == NULL)
    return NULL;
  version = g_strconcat (stamp, "@", device, NULL);
  return ruhu_op_new (id, string_of (json_object_get_member (group, "entity")),
                      string_of (json_object_get_member (group, "kind")),
                      string_of (json_object_get_member (group, "case")),
                      string_of (json_object_get_member (group, "parent")), field,
                      json_array_get_element (item, 1), version, (const char * const *) bases,
                      string_of (json_object_get_member (group, "actor")), error);
}

/**
 * ruhu_op_list_from_groups:
 * @node: what ruhu_op_list_to_groups() makes, parsed by ruhu_json_parse()
 * @max_ops: at most this many operations (0: no limit)
 * @failed: (out) (optional): the position, in the flat list, of the
 *   operation that was refused (of the first of its group for a bad group)
 *
 * Every member is checked as ruhu_op_from_json() checks an operation.
 *
 * Returns: (transfer full) (element-type RuhuOp) (nullable): the operations
 *   in their order; %NULL with %RUHU_OP_ERROR_INVALID, or
 *   %RUHU_OP_ERROR_TOO_MANY before any is made
 */
GPtrArray *
ruhu_op_list_from_groups (JsonNode  *node,
                          guint      max_ops,
                          guint     *failed,
                          GError   **error)
{
  g_autoptr(GPtrArray) ops = NULL;
  JsonArray *groups;
  guint total = 0;

  if (failed != NULL)
    *failed = 0;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      fail (error, _("The operations must be a list of groups"));
      return NULL;
    }
  groups = json_node_get_array (node);
  for (guint g = 0; g < json_array_get_length (groups); g++)
    {
      JsonNode *versions = NULL;
      JsonNode *group = json_array_get_element (groups, g);

      if (JSON_NODE_HOLDS_OBJECT (group))
        versions = json_object_get_member (json_node_get_object (group), "versions");
      if (versions != NULL && JSON_NODE_HOLDS_ARRAY (versions))
        total += json_array_get_length (json_node_get_array (versions));
    }
  if (max_ops > 0 && total > max_ops)
    {
      g_set_error (error, RUHU_OP_ERROR, RUHU_OP_ERROR_TOO_MANY,
                   _("At most %u operations are allowed at once"), max_ops);
      return NULL;
    }

  ops = g_ptr_array_new_full (total, (GDestroyNotify) ruhu_op_unref);
  for (guint g = 0; g < json_array_get_length (groups); g++)
    {
      JsonObject *group;
      JsonArray *versions;

      if (failed != NULL)
        *failed = ops->len;
      if (!check_group (json_array_get_element (groups, g), &group, error))
        return NULL;
      versions = json_object_get_array_member (group, "versions");
      for (guint i = 0; i < json_array_get_length (versions); i++)
        {
          RuhuOp *op = op_of (group, json_array_get_element (versions, i), error);

          if (failed != NULL)
            *failed = ops->len;
          if (op == NULL)
            return NULL;
          g_ptr_array_add (ops, op);
        }
    }
  return g_steal_pointer (&ops);
}
