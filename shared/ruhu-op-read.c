/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-json-private.h"
#include "ruhu-op.h"

/* The grouped form (ruhu-op-wire.c) read straight from the text. A push or
 * a pull page holds thousands of operations; parsing it into a json-glib
 * tree, turning the tree into operations and freeing the tree cost more
 * than storing them. Here the strict scanner (ruhu-json-scan.c) tells a
 * small state machine what it reads, and each version becomes an
 * operation as soon as its group is complete. Only values, and the
 * text's other members, are built as JSON nodes.
 *
 * This reader knows only the well-formed shape. Anything else, and any
 * operation ruhu_op_new() refuses, makes it give up; the caller then reads
 * the text the ordinary way, whose errors say exactly what is wrong and
 * where (ruhu_op_list_from_groups()). So both ways accept the same texts
 * and make the same operations, which tests/unit/test-op-read.c checks. */

typedef enum
{
  AT_START,
  IN_ROOT,      /* the outer object */
  IN_GROUPS,    /* the list of groups */
  IN_GROUP,
  IN_VERSIONS,  /* a group's list of versions */
  IN_ITEM,      /* [field, value, timestamp, bases, id] */
  IN_BASES,
  IN_VALUE,     /* a value's arrays and objects, built as nodes */
  AT_END,
} Where;

/* The members of a group, in the order of ruhu-op-wire.c. */
typedef enum
{
  MEMBER_ENTITY,
  MEMBER_KIND,
  MEMBER_CASE,
  MEMBER_PARENT,
  MEMBER_ACTOR,
  MEMBER_DEVICE,
  MEMBER_VERSIONS,
  N_MEMBERS,
  MEMBER_NONE = N_MEMBERS,
} Member;

static const char * const member_names[N_MEMBERS] = {
  "entity", "kind", "case", "parent", "actor", "device", "versions",
};

typedef struct
{
  char      *field;
  JsonNode  *value;
  char      *stamp;
  GPtrArray *bases;  /* char*, NULL-terminated once complete */
  char      *id;
} Item;

typedef struct
{
  const char  *member;       /* the outer object's member that holds the groups */
  guint        max_ops;
  Where        where;
  GPtrArray   *ops;
  guint        n_ops;

  JsonObject  *rest;         /* the outer object's other members */
  char        *rest_key;     /* the member whose value comes next */
  gboolean     groups_next;  /* the value that comes next is the groups */
  gboolean     groups_read;

  char        *group[N_MEMBERS];  /* texts of the group being read */
  gboolean     seen[N_MEMBERS];
  Member       member_next;
  GPtrArray   *items;        /* Item*: the group's versions read so far */
  guint        item_index;   /* the position in the item being read */

  GPtrArray   *open_nodes;   /* JsonNode*: the arrays and objects of a value */
  char        *node_key;     /* in an object of a value: the member that comes next */
  Where        value_return; /* where a value built in IN_VALUE goes */
} Reader;

static void
item_free (gpointer data)
{
  Item *item = data;

  g_free (item->field);
  g_clear_pointer (&item->value, json_node_unref);
  g_free (item->stamp);
  g_clear_pointer (&item->bases, g_ptr_array_unref);
  g_free (item->id);
  g_free (item);
}

static void
reset_group (Reader *r)
{
  for (guint i = 0; i < N_MEMBERS; i++)
    {
      g_clear_pointer (&r->group[i], g_free);
      r->seen[i] = FALSE;
    }
  r->member_next = MEMBER_NONE;
  g_ptr_array_set_size (r->items, 0);
}

static gboolean
give_up (GError **error)
{
  g_set_error_literal (error, RUHU_OP_ERROR, RUHU_OP_ERROR_INVALID,
                       _("The operations are not in the grouped form"));
  return FALSE;
}

static Item *
current_item (Reader *r)
{
  return g_ptr_array_index (r->items, r->items->len - 1);
}

/* A complete value: a member of the outer object or a version's value. */
static void
take_value (Reader   *r,
            JsonNode *node,
            Where     slot)
{
  if (slot == IN_ROOT)
    {
      json_object_set_member (r->rest, r->rest_key, node);
      g_clear_pointer (&r->rest_key, g_free);
      return;
    }
  current_item (r)->value = node;
  r->item_index++;
}

/* A node inside a value being built, or the whole value if it is not
 * inside an array or object. */
static void
add_node (Reader   *r,
          JsonNode *node,
          Where     slot)
{
  JsonNode *parent;

  if (r->open_nodes->len == 0)
    {
      take_value (r, node, slot);
      return;
    }
  parent = g_ptr_array_index (r->open_nodes, r->open_nodes->len - 1);
  if (JSON_NODE_HOLDS_ARRAY (parent))
    json_array_add_element (json_node_get_array (parent), node);
  else
    {
      json_object_set_member (json_node_get_object (parent), r->node_key, node);
      g_clear_pointer (&r->node_key, g_free);
    }
}

/* Where a value that starts now goes, or IN_VALUE if none may start. */
static Where
value_slot (Reader *r)
{
  if (r->where == IN_ROOT && !r->groups_next && r->rest_key != NULL)
    return IN_ROOT;
  if (r->where == IN_ITEM && r->item_index == 1)
    return IN_ITEM;
  if (r->where == IN_VALUE)
    return r->value_return;
  return IN_VALUE;
}

static gboolean
on_scalar (Reader    *r,
           JsonNode  *node,
           GError   **error)
{
  Where slot = value_slot (r);

  if (slot == IN_VALUE)
    {
      json_node_unref (node);
      return give_up (error);
    }
  add_node (r, node, slot);
  return TRUE;
}

static gboolean
on_begin (gpointer   data,
          gboolean   object,
          GError   **error)
{
  Reader *r = data;
  Where slot;
  JsonNode *node;

  switch (r->where)
    {
    case AT_START:
      if (!object)
        return give_up (error);
      r->where = IN_ROOT;
      return TRUE;
    case IN_ROOT:
      if (!r->groups_next)
        break;
      if (object)
        return give_up (error);
      r->groups_next = FALSE;
      r->where = IN_GROUPS;
      return TRUE;
    case IN_GROUPS:
      if (!object)
        return give_up (error);
      reset_group (r);
      r->where = IN_GROUP;
      return TRUE;
    case IN_GROUP:
      if (object || r->member_next != MEMBER_VERSIONS)
        return give_up (error);
      r->seen[MEMBER_VERSIONS] = TRUE;
      r->member_next = MEMBER_NONE;
      r->where = IN_VERSIONS;
      return TRUE;
    case IN_VERSIONS:
      if (object)
        return give_up (error);
      g_ptr_array_add (r->items, g_new0 (Item, 1));
      r->item_index = 0;
      r->where = IN_ITEM;
      return TRUE;
    case IN_ITEM:
      if (r->item_index != 3)
        break;
      if (object)
        return give_up (error);
      current_item (r)->bases = g_ptr_array_new_with_free_func (g_free);
      r->where = IN_BASES;
      return TRUE;
    case IN_BASES:
    case AT_END:
      return give_up (error);
    case IN_VALUE:
      break;
    default:
      g_assert_not_reached ();
    }

  /* An array or object inside a value. */
  if ((slot = value_slot (r)) == IN_VALUE)
    return give_up (error);
  node = json_node_new (object ? JSON_NODE_OBJECT : JSON_NODE_ARRAY);
  if (object)
    json_node_take_object (node, json_object_new ());
  else
    json_node_take_array (node, json_array_new ());
  if (r->open_nodes->len == 0)
    r->value_return = slot;
  add_node (r, json_node_ref (node), slot);
  g_ptr_array_add (r->open_nodes, node);
  r->where = IN_VALUE;
  return TRUE;
}

/* The group is complete: its versions become operations. */
static gboolean
finish_group (Reader  *r,
              GError **error)
{
  for (guint i = 0; i < N_MEMBERS; i++)
    if (i != MEMBER_PARENT && !r->seen[i])
      return give_up (error);
  /* What the versions share is checked once, not once per version. */
  if (!ruhu_op_check_entity (r->group[MEMBER_ENTITY], r->group[MEMBER_KIND],
                             r->group[MEMBER_CASE], r->group[MEMBER_PARENT],
                             r->group[MEMBER_ACTOR], NULL))
    return give_up (error);
  for (guint i = 0; i < r->items->len; i++)
    {
      Item *item = g_ptr_array_index (r->items, i);
      g_autofree char *version = g_strconcat (item->stamp, "@", r->group[MEMBER_DEVICE], NULL);
      RuhuOp *op = ruhu_op_new_of_entity (item->id, r->group[MEMBER_ENTITY],
                                          r->group[MEMBER_KIND], r->group[MEMBER_CASE],
                                          r->group[MEMBER_PARENT], item->field,
                                          g_steal_pointer (&item->value), version,
                                          (const char * const *) item->bases->pdata,
                                          r->group[MEMBER_ACTOR], NULL);

      if (op == NULL)
        return give_up (error);
      g_ptr_array_add (r->ops, op);
    }
  reset_group (r);
  return TRUE;
}

static gboolean
on_end (gpointer   data,
        GError   **error)
{
  Reader *r = data;

  switch (r->where)
    {
    case IN_VALUE:
      g_ptr_array_remove_index (r->open_nodes, r->open_nodes->len - 1);
      if (r->open_nodes->len == 0)
        r->where = r->value_return;
      return TRUE;
    case IN_BASES:
      g_ptr_array_add (current_item (r)->bases, NULL);
      r->item_index++;
      r->where = IN_ITEM;
      return TRUE;
    case IN_ITEM:
      if (r->item_index != 5)
        return give_up (error);
      if (r->max_ops > 0 && ++r->n_ops > r->max_ops)
        return give_up (error);
      r->where = IN_VERSIONS;
      return TRUE;
    case IN_VERSIONS:
      r->where = IN_GROUP;
      return TRUE;
    case IN_GROUP:
      r->where = IN_GROUPS;
      return finish_group (r, error);
    case IN_GROUPS:
      r->groups_read = TRUE;
      r->where = IN_ROOT;
      return TRUE;
    case IN_ROOT:
      r->where = AT_END;
      return TRUE;
    case AT_START:
    case AT_END:
    default:
      return give_up (error);
    }
}

static gboolean
on_key (gpointer     data,
        const char  *key,
        gsize        length,
        GError     **error)
{
  Reader *r = data;

  if (r->where == IN_ROOT)
    {
      r->groups_next = strcmp (key, r->member) == 0;
      if (!r->groups_next)
        r->rest_key = g_strdup (key);
      return TRUE;
    }
  if (r->where == IN_GROUP)
    {
      for (guint i = 0; i < N_MEMBERS; i++)
        if (strcmp (key, member_names[i]) == 0)
          {
            r->member_next = i;
            return TRUE;
          }
      return give_up (error);
    }
  if (r->where == IN_VALUE)
    {
      g_free (r->node_key);
      r->node_key = g_strdup (key);
      return TRUE;
    }
  return give_up (error);
}

static gboolean
on_text (gpointer     data,
         const char  *text,
         gsize        length,
         GError     **error)
{
  Reader *r = data;
  Item *item;

  if (r->where == IN_GROUP)
    {
      if (r->member_next == MEMBER_NONE || r->member_next == MEMBER_VERSIONS)
        return give_up (error);
      r->group[r->member_next] = g_strndup (text, length);
      r->seen[r->member_next] = TRUE;
      r->member_next = MEMBER_NONE;
      return TRUE;
    }
  if (r->where == IN_BASES)
    {
      g_ptr_array_add (current_item (r)->bases, g_strndup (text, length));
      return TRUE;
    }
  if (r->where == IN_ITEM && r->item_index != 1)
    {
      item = current_item (r);
      switch (r->item_index)
        {
        case 0: item->field = g_strndup (text, length); break;
        case 2: item->stamp = g_strndup (text, length); break;
        case 4: item->id = g_strndup (text, length); break;
        default: return give_up (error);
        }
      r->item_index++;
      return TRUE;
    }
  return on_scalar (r, json_node_init_string (json_node_alloc (), text), error);
}

/* Whole numbers and the others as ruhu_json_parse() makes them. */
static gboolean
on_number (gpointer     data,
           const char  *text,
           gsize        length,
           gboolean     integral,
           GError     **error)
{
  Reader *r = data;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *copy = NULL;
  const char *number = text;
  JsonNode *node = json_node_alloc ();

  if (length < sizeof buffer)
    {
      memcpy (buffer, text, length);
      buffer[length] = '\0';
      number = buffer;
    }
  else
    number = copy = g_strndup (text, length);
  if (integral)
    json_node_init_int (node, g_ascii_strtoll (number, NULL, 10));
  else
    json_node_init_double (node, g_ascii_strtod (number, NULL));
  return on_scalar (r, node, error);
}

static gboolean
on_literal (gpointer          data,
            RuhuJsonLiteral   literal,
            GError          **error)
{
  Reader *r = data;

  /* A group's parent may be null. */
  if (r->where == IN_GROUP)
    {
      if (literal != RUHU_JSON_NULL || r->member_next != MEMBER_PARENT)
        return give_up (error);
      r->seen[MEMBER_PARENT] = TRUE;
      r->member_next = MEMBER_NONE;
      return TRUE;
    }
  if (literal == RUHU_JSON_NULL)
    return on_scalar (r, json_node_init_null (json_node_alloc ()), error);
  return on_scalar (r, json_node_init_boolean (json_node_alloc (), literal == RUHU_JSON_TRUE),
                    error);
}

static const RuhuJsonEvents reader_events = {
  on_begin, on_end, on_key, on_text, on_number, on_literal,
};

/**
 * ruhu_op_list_read:
 * @data: (array length=length): JSON text
 * @limits: (nullable): as ruhu_json_parse() takes them
 * @member: the member of the outer object that holds the groups
 * @max_ops: at most this many operations (0: no limit)
 * @rest: (out) (transfer full): the outer object's other members
 *
 * Reads an object whose @member is a list of groups (ruhu_op_list_to_groups())
 * straight into operations, without a JSON tree. Any other text, one over
 * the limits or with an operation that ruhu_op_new() refuses, is not read:
 * then parse it with ruhu_json_parse() and ruhu_op_list_from_groups(),
 * which accept exactly the texts this accepts and say what is wrong with
 * the others.
 *
 * Returns: (transfer full) (element-type RuhuOp) (nullable): the operations
 *   in their order, or %NULL with @error set
 */
GPtrArray *
ruhu_op_list_read (const char            *data,
                   gsize                  length,
                   const RuhuJsonLimits  *limits,
                   const char            *member,
                   guint                  max_ops,
                   JsonObject           **rest,
                   GError               **error)
{
  Reader r = {
    .member = member,
    .max_ops = max_ops,
    .where = AT_START,
    .ops = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_op_unref),
    .rest = json_object_new (),
    .member_next = MEMBER_NONE,
    .items = g_ptr_array_new_with_free_func (item_free),
    .open_nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref),
  };
  gboolean ok;

  g_return_val_if_fail (data != NULL && member != NULL && rest != NULL, NULL);
  ok = length <= ruhu_json_limits_max_bytes (limits) &&
       ruhu_json_scan_events (data, length, ruhu_json_limits_max_depth (limits), &reader_events,
                              &r, NULL) &&
       r.where == AT_END && r.groups_read;
  reset_group (&r);
  g_ptr_array_unref (r.items);
  g_ptr_array_unref (r.open_nodes);
  g_free (r.rest_key);
  g_free (r.node_key);
  if (!ok)
    {
      g_ptr_array_unref (r.ops);
      json_object_unref (r.rest);
      give_up (error);
      return NULL;
    }
  *rest = r.rest;
  return r.ops;
}
