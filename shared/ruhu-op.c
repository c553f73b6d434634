/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-op.h"
#include "ruhu-id.h"

#define MAX_NAME_LENGTH   64
#define MAX_DEVICE_LENGTH 64
#define MAX_ACTOR_LENGTH  128
#define MAX_BASES         256

G_DEFINE_QUARK (ruhu-op-error-quark, ruhu_op_error)
G_DEFINE_BOXED_TYPE (RuhuOp, ruhu_op, ruhu_op_ref, ruhu_op_unref)

typedef struct
{
  RuhuOp op;
  gatomicrefcount ref_count;
} RuhuOpReal;

/**
 * ruhu_is_valid_device_id:
 *
 * Device ids are short ASCII tokens (a UUID in practice) with no '@', so
 * that "<hlc>@<device>" splits one way only.
 */
gboolean
ruhu_is_valid_device_id (const char *device)
{
  gsize len;

  if (device == NULL)
    return FALSE;
  len = strlen (device);
  if (len == 0 || len > MAX_DEVICE_LENGTH)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (device[i]) && device[i] != '-' && device[i] != '_')
      return FALSE;
  return TRUE;
}

/**
 * ruhu_is_valid_name:
 * @allow_reserved: whether a leading '_' (store-owned fields) is allowed
 *
 * Kinds and field names: lowercase ASCII letters, digits and '_', starting
 * with a letter.
 */
gboolean
ruhu_is_valid_name (const char *name,
                    gboolean    allow_reserved)
{
  gsize len, start = 0;

  if (name == NULL)
    return FALSE;
  len = strlen (name);
  if (allow_reserved && len > 0 && name[0] == '_')
    start = 1;
  if (len <= start || len > MAX_NAME_LENGTH || !g_ascii_islower (name[start]))
    return FALSE;
  for (gsize i = start; i < len; i++)
    if (!g_ascii_islower (name[i]) && !g_ascii_isdigit (name[i]) && name[i] != '_')
      return FALSE;
  return TRUE;
}

char *
ruhu_version_format (const RuhuHlc *hlc,
                     const char    *device)
{
  g_autofree char *stamp = ruhu_hlc_to_string (hlc);

  return g_strconcat (stamp, "@", device, NULL);
}

/**
 * ruhu_version_parse:
 * @hlc: (out) (optional): the timestamp part
 * @device: (out) (optional) (transfer full): the device part
 */
gboolean
ruhu_version_parse (const char  *version,
                    RuhuHlc     *hlc,
                    char       **device,
                    GError     **error)
{
  const char *at = version != NULL ? strchr (version, '@') : NULL;
  RuhuHlc parsed;

  if (at == NULL || !ruhu_is_valid_device_id (at + 1) ||
      !ruhu_hlc_parse (version, at - version, &parsed, NULL))
    {
      g_set_error (error, RUHU_OP_ERROR, RUHU_OP_ERROR_INVALID,
                   _("“%s” is not a valid version (expected timestamp@device)"),
                   version != NULL ? version : "");
      return FALSE;
    }
  if (hlc != NULL)
    *hlc = parsed;
  if (device != NULL)
    *device = g_strdup (at + 1);
  return TRUE;
}

/**
 * ruhu_version_compare:
 *
 * The total order of versions: by timestamp, then by device. The text form
 * is fixed-width, so this is byte order.
 */
int
ruhu_version_compare (const char *a,
                      const char *b)
{
  return strcmp (a, b);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gpointer fail (GError     **error,
                      const char  *format,
                      ...) G_GNUC_PRINTF (2, 3);

/* Sets %RUHU_OP_ERROR_INVALID and returns %NULL, so that checks read as one
 * line: `return fail (error, …);` works for pointers and for gboolean. */
static gpointer
fail (GError     **error,
      const char  *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (RUHU_OP_ERROR, RUHU_OP_ERROR_INVALID,
                                                format, args));
  va_end (args);
  return NULL;
}

static gboolean
is_uuid (const char *value)
{
  return ruhu_id_is_valid (value);
}

/* Bases: sorted and free of duplicates, so that equal sets compare equal
 * and the heads computation never depends on the writer's order.
 * *@sorted_out borrows the strings of @bases; %NULL is none. */
static gboolean
normalize_bases (const char * const  *bases,
                 const char          *own_version,
                 GPtrArray          **sorted_out,
                 GError             **error)
{
  g_autoptr(GPtrArray) sorted = NULL;

  *sorted_out = NULL;
  /* A field's first version, most of all, sees none. */
  if (bases == NULL || bases[0] == NULL)
    return TRUE;
  sorted = g_ptr_array_new ();
  for (guint i = 0; bases[i] != NULL; i++)
    {
      if (!ruhu_version_parse (bases[i], NULL, NULL, error))
        return FALSE;
      if (strcmp (bases[i], own_version) == 0)
        {
          fail (error, _("The version %s names itself among its bases"), own_version);
          return FALSE;
        }
      g_ptr_array_add (sorted, (gpointer) bases[i]);
    }
  if (sorted->len > MAX_BASES)
    {
      fail (error, _("Too many bases in version %s"), own_version);
      return FALSE;
    }
  g_ptr_array_sort (sorted, compare_strings);
  for (guint i = 1; i < sorted->len; i++)
    if (strcmp (g_ptr_array_index (sorted, i - 1), g_ptr_array_index (sorted, i)) == 0)
      {
        fail (error, _("The base %s is listed twice"), (const char *) g_ptr_array_index (sorted, i));
        return FALSE;
      }
  g_ptr_array_add (sorted, NULL);
  *sorted_out = g_steal_pointer (&sorted);
  return TRUE;
}

/* Copies @text after *@cursor and moves it on. */
static char *
pack_string (char       **cursor,
             const char  *text)
{
  char *copy = *cursor;
  gsize size = strlen (text) + 1;

  memcpy (copy, text, size);
  *cursor += size;
  return copy;
}

/* Takes @value; copies the rest. The operation and all its strings are one
 * allocation: a push or a pull page makes thousands of operations, and ten
 * small allocations (and frees) each were a tenth of a push's work.
 * @bases must be sorted and free of duplicates; %NULL is none. */
static RuhuOp *
op_alloc (const char          *id,
          const char          *entity,
          const char          *kind,
          const char          *case_id,
          const char          *parent,
          const char          *field,
          JsonNode            *value,
          const char          *version,
          const char * const  *bases,
          const char          *actor)
{
  const char * const strings[] = { id, entity, kind, case_id, field, version, actor };
  gsize n_bases = bases != NULL ? g_strv_length ((char **) bases) : 0;
  gsize size = sizeof (RuhuOpReal) + (n_bases + 1) * sizeof (char *);
  RuhuOpReal *real;
  char *cursor;

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    size += strlen (strings[i]) + 1;
  if (parent != NULL)
    size += strlen (parent) + 1;
  for (gsize i = 0; i < n_bases; i++)
    size += strlen (bases[i]) + 1;

  /* RuhuOpReal holds pointers, so the array of bases after it is aligned. */
  real = g_malloc (size);
  g_atomic_ref_count_init (&real->ref_count);
  real->op.bases = (char **) (real + 1);
  cursor = (char *) (real->op.bases + n_bases + 1);
  real->op.id = pack_string (&cursor, id);
  real->op.entity = pack_string (&cursor, entity);
  real->op.kind = pack_string (&cursor, kind);
  real->op.case_id = pack_string (&cursor, case_id);
  real->op.parent = parent != NULL ? pack_string (&cursor, parent) : NULL;
  real->op.field = pack_string (&cursor, field);
  real->op.version = pack_string (&cursor, version);
  real->op.actor = pack_string (&cursor, actor);
  for (gsize i = 0; i < n_bases; i++)
    real->op.bases[i] = pack_string (&cursor, bases[i]);
  real->op.bases[n_bases] = NULL;
  g_assert (cursor == (char *) real + size);
  /* The version's device part, in place: "<hlc>@<device>". */
  real->op.device = strchr (real->op.version, '@') + 1;
  real->op.value = value;
  return &real->op;
}

/**
 * ruhu_op_check_entity:
 * @parent: (nullable): the parent entity, %NULL for the root of a case
 *
 * The checks of ruhu_op_new() on what every version of one entity by one
 * writer shares (the grouped form names it once): the UUIDs, the kind,
 * the actor.
 *
 * Returns: %FALSE with %RUHU_OP_ERROR_INVALID if one fails
 */
gboolean
ruhu_op_check_entity (const char  *entity,
                      const char  *kind,
                      const char  *case_id,
                      const char  *parent,
                      const char  *actor,
                      GError     **error)
{
  g_autofree char *problem = NULL;

  if (!is_uuid (entity))
    problem = g_strdup_printf (_("“%s” is not a valid entity id"), entity ? entity : "");
  else if (!is_uuid (case_id))
    problem = g_strdup_printf (_("“%s” is not a valid case id"), case_id ? case_id : "");
  else if (parent != NULL && !is_uuid (parent))
    problem = g_strdup_printf (_("“%s” is not a valid parent id"), parent);
  else if (!ruhu_is_valid_name (kind, FALSE))
    problem = g_strdup_printf (_("“%s” is not a valid entity kind"), kind ? kind : "");
  else if (actor == NULL || *actor == '\0' || strlen (actor) > MAX_ACTOR_LENGTH ||
           !g_utf8_validate (actor, -1, NULL))
    problem = g_strdup (_("The operation has no valid actor"));
  else if (parent != NULL && strcmp (parent, entity) == 0)
    problem = g_strdup_printf (_("The entity %s cannot be its own parent"), entity);
  if (problem == NULL)
    return TRUE;
  g_set_error_literal (error, RUHU_OP_ERROR, RUHU_OP_ERROR_INVALID, problem);
  return FALSE;
}

/**
 * ruhu_op_new_of_entity: (skip)
 * @value: (transfer full): the value
 *
 * ruhu_op_new() for a version of an entity whose shared members
 * ruhu_op_check_entity() accepted: only the operation's own are checked.
 *
 * Returns: (transfer full) (nullable): the operation, or %NULL with
 *   %RUHU_OP_ERROR_INVALID
 */
RuhuOp *
ruhu_op_new_of_entity (const char          *id,
                       const char          *entity,
                       const char          *kind,
                       const char          *case_id,
                       const char          *parent,
                       const char          *field,
                       JsonNode            *value,
                       const char          *version,
                       const char * const  *bases,
                       const char          *actor,
                       GError             **error)
{
  g_autoptr(JsonNode) owned = value;
  g_autoptr(GPtrArray) sorted_bases = NULL;

  if (!is_uuid (id))
    return fail (error, _("“%s” is not a valid operation id"), id ? id : "");
  if (!ruhu_is_valid_name (field, TRUE))
    return fail (error, _("“%s” is not a valid field name"), field ? field : "");
  if (value == NULL)
    return fail (error, _("The operation on field %s has no value"), field);
  if (strcmp (field, RUHU_FIELD_DELETED) == 0 &&
      (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_BOOLEAN))
    return fail (error, _("The field %s must be true or false"), field);
  if (!ruhu_version_parse (version, NULL, NULL, error) ||
      !normalize_bases (bases, version, &sorted_bases, error))
    return NULL;
  return op_alloc (id, entity, kind, case_id, parent, field, g_steal_pointer (&owned), version,
                   sorted_bases ? (const char * const *) sorted_bases->pdata : NULL, actor);
}

/**
 * ruhu_op_new:
 * @parent: (nullable): the parent entity, %NULL for the root of a case
 * @bases: (nullable) (array zero-terminated=1): versions the writer saw
 *
 * Checks every member: UUIDs, names, the version and its device, the bases,
 * and that a deletion marker is a boolean.
 *
 * Returns: (transfer full) (nullable): the operation, or %NULL with
 *   %RUHU_OP_ERROR_INVALID
 */
RuhuOp *
ruhu_op_new (const char          *id,
             const char          *entity,
             const char          *kind,
             const char          *case_id,
             const char          *parent,
             const char          *field,
             JsonNode            *value,
             const char          *version,
             const char * const  *bases,
             const char          *actor,
             GError             **error)
{
  /* The operation's own members, its id among them, are checked next. */
  if (!ruhu_op_check_entity (entity, kind, case_id, parent, actor, error))
    return NULL;
  return ruhu_op_new_of_entity (id, entity, kind, case_id, parent, field,
                                value != NULL ? json_node_copy (value) : NULL, version, bases,
                                actor, error);
}

/**
 * ruhu_op_new_stored: (skip)
 * @value: (transfer full): the value
 * @bases: (transfer full) (array zero-terminated=1): sorted and free of
 *   duplicates, as ruhu_op_new() left them
 *
 * An operation read back from a store, which took it only through
 * ruhu_op_new(): its checks are not made again (they cost as much as
 * reading the row), except that the version must name its device.
 *
 * Returns: (transfer full) (nullable): the operation, or %NULL with
 *   %RUHU_OP_ERROR_INVALID
 */
RuhuOp *
ruhu_op_new_stored (const char  *id,
                    const char  *entity,
                    const char  *kind,
                    const char  *case_id,
                    const char  *parent,
                    const char  *field,
                    JsonNode    *value,
                    const char  *version,
                    char       **bases,
                    const char  *actor,
                    GError     **error)
{
  const char *at = version != NULL ? strchr (version, '@') : NULL;
  RuhuOp *op;

  if (id == NULL || entity == NULL || kind == NULL || case_id == NULL || field == NULL ||
      actor == NULL || value == NULL || bases == NULL || at == NULL || at[1] == '\0')
    {
      g_clear_pointer (&value, json_node_unref);
      g_strfreev (bases);
      return fail (error, _("“%s” is not a valid version (expected timestamp@device)"),
                   version != NULL ? version : "");
    }
  op = op_alloc (id, entity, kind, case_id, parent, field, value, version,
                 (const char * const *) bases, actor);
  g_strfreev (bases);
  return op;
}

RuhuOp *
ruhu_op_ref (RuhuOp *op)
{
  RuhuOpReal *real = (RuhuOpReal *) op;

  g_return_val_if_fail (op != NULL, NULL);
  g_atomic_ref_count_inc (&real->ref_count);
  return op;
}

void
ruhu_op_unref (RuhuOp *op)
{
  RuhuOpReal *real = (RuhuOpReal *) op;

  g_return_if_fail (op != NULL);
  if (!g_atomic_ref_count_dec (&real->ref_count))
    return;
  json_node_unref (op->value);
  g_free (real);  /* with the strings, see op_alloc() */
}

/**
 * ruhu_op_value_is_true:
 *
 * Whether the value is the JSON literal true (used for deletion markers).
 */
gboolean
ruhu_op_value_is_true (const RuhuOp *op)
{
  return JSON_NODE_HOLDS_VALUE (op->value) &&
         json_node_get_value_type (op->value) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (op->value);
}

static const char * const op_members[] = {
  "id", "entity", "kind", "case", "parent", "field", "value", "v", "bases", "actor", "device",
  NULL,
};

static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char **
get_bases (JsonObject  *object,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, "bases");
  g_autoptr(GPtrArray) bases = g_ptr_array_new ();
  JsonArray *array;

  if (node == NULL)
    return g_new0 (char *, 1);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, _("The member “%s” must be a list of versions"), "bases");
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return fail (error, _("The member “%s” must be a list of versions"), "bases");
      g_ptr_array_add (bases, g_strdup (json_node_get_string (element)));
    }
  g_ptr_array_add (bases, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&bases), FALSE);
}

/**
 * ruhu_op_from_json:
 * @node: an object as DESIGN.md shows, already parsed by ruhu_json_parse()
 *
 * Unknown members, missing members, wrong types and a "device" that differs
 * from the version's are refused.
 *
 * Returns: (transfer full) (nullable): the operation
 */
RuhuOp *
ruhu_op_from_json (JsonNode  *node,
                   GError   **error)
{
  JsonObject *object;
  g_autoptr(GList) names = NULL;
  g_auto(GStrv) bases = NULL;
  g_autoptr(RuhuOp) op = NULL;
  JsonNode *parent_node;
  const char *device;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, _("An operation must be a JSON object"));
  object = json_node_get_object (node);

  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (op_members, l->data))
      return fail (error, _("Unknown member “%s” in an operation"), (const char *) l->data);

  for (guint i = 0; op_members[i] != NULL; i++)
    {
      const char *name = op_members[i];

      if (g_str_equal (name, "parent") || g_str_equal (name, "bases") ||
          g_str_equal (name, "value"))
        continue;
      if (get_string_member (object, name) == NULL)
        return fail (error, _("The operation's member “%s” is missing or not text"), name);
    }
  if (!json_object_has_member (object, "value"))
    return fail (error, _("The operation's member “%s” is missing"), "value");

  parent_node = json_object_get_member (object, "parent");
  if (parent_node != NULL && !JSON_NODE_HOLDS_NULL (parent_node) &&
      get_string_member (object, "parent") == NULL)
    return fail (error, _("The operation's member “%s” must be text or null"), "parent");

  bases = get_bases (object, error);
  if (bases == NULL)
    return NULL;

  op = ruhu_op_new (get_string_member (object, "id"),
                    get_string_member (object, "entity"),
                    get_string_member (object, "kind"),
                    get_string_member (object, "case"),
                    get_string_member (object, "parent"),
                    get_string_member (object, "field"),
                    json_object_get_member (object, "value"),
                    get_string_member (object, "v"),
                    (const char * const *) bases,
                    get_string_member (object, "actor"),
                    error);
  if (op == NULL)
    return NULL;

  device = get_string_member (object, "device");
  if (strcmp (device, op->device) != 0)
    return fail (error, _("The device “%s” does not match the operation's version"), device);

  return g_steal_pointer (&op);
}

/**
 * ruhu_op_to_json:
 *
 * Returns: (transfer full): the operation as a JSON object
 */
JsonNode *
ruhu_op_to_json (const RuhuOp *op)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, op->id);
  json_builder_set_member_name (builder, "entity");
  json_builder_add_string_value (builder, op->entity);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, op->kind);
  json_builder_set_member_name (builder, "case");
  json_builder_add_string_value (builder, op->case_id);
  json_builder_set_member_name (builder, "parent");
  if (op->parent != NULL)
    json_builder_add_string_value (builder, op->parent);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "field");
  json_builder_add_string_value (builder, op->field);
  json_builder_set_member_name (builder, "value");
  json_builder_add_value (builder, json_node_copy (op->value));
  json_builder_set_member_name (builder, "v");
  json_builder_add_string_value (builder, op->version);
  json_builder_set_member_name (builder, "bases");
  json_builder_begin_array (builder);
  for (guint i = 0; op->bases[i] != NULL; i++)
    json_builder_add_string_value (builder, op->bases[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "actor");
  json_builder_add_string_value (builder, op->actor);
  json_builder_set_member_name (builder, "device");
  json_builder_add_string_value (builder, op->device);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
