/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-device-key.h"
#include "ruhu-form-validate.h"
#include "ruhu-json.h"
#include "ruhu-sheet-digest.h"
#include "ruhu-signed-sheet.h"

/* What investigators sign: the check sheet's content, in a serialisation
 * of our own that depends only on the values.
 *
 *   {"digest": "ruhu-check-sheet-1",
 *    "sheet": {"id": …, "fields": {…}},
 *    "entities": [{"id": …, "kind": …, "parent": …, "fields": {…}}, …]}
 *
 * written with ruhu_json_canonical() (members sorted by key) and hashed
 * with SHA-256. "entities" holds every entity below the sheet (income,
 * asset, expense, interview, evidence, …) ordered by id, leaving out
 * deleted ones, those under a deleted one, and signatures, which sign the
 * digest and so cannot be part of it. "fields" leaves out empty values
 * (a field cleared and one never filled in read the same), the store's
 * own fields (names starting with "_") and the supervisor's "reopened"
 * mark, which says who may edit, not what the sheet says. */

#define DIGEST_FORMAT "ruhu-check-sheet-1"

/* Signature → interview → sheet is as deep as the forms go; the margin is
 * for forms that nest one more level. */
#define MAX_DEPTH 4

static gboolean
is_content_field (const char *name,
                  JsonNode   *value)
{
  return name[0] != '_' && strcmp (name, RUHU_SIGNED_SHEET_FIELD_REOPENED) != 0 &&
         !ruhu_form_value_is_empty (value);
}

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_init_object (json_node_alloc (), object);

  json_object_unref (object);
  return node;
}

static JsonNode *
fields_object (RuhuStore   *store,
               const char  *entity,
               GError     **error)
{
  g_autoptr(GHashTable) fields = ruhu_store_get_fields (store, entity, error);
  JsonObject *object;
  GHashTableIter iter;
  gpointer name, value;

  if (fields == NULL)
    return NULL;
  object = json_object_new ();
  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, &name, &value))
    if (is_content_field (name, value))
      json_object_set_member (object, name, json_node_copy (value));
  return object_node (object);
}

/* Whether @info hangs below @sheet through entities that are not deleted. */
static gboolean
is_below_sheet (GHashTable           *by_id,
                const RuhuEntityInfo *info,
                const char           *sheet)
{
  for (guint depth = 0; info != NULL && !info->deleted && depth < MAX_DEPTH; depth++)
    {
      if (g_strcmp0 (info->parent, sheet) == 0)
        return TRUE;
      info = info->parent != NULL ? g_hash_table_lookup (by_id, info->parent) : NULL;
    }
  return FALSE;
}

static JsonNode *
entity_node (RuhuStore            *store,
             const RuhuEntityInfo *info,
             GError              **error)
{
  JsonNode *fields = fields_object (store, info->id, error);
  JsonObject *object;

  if (fields == NULL)
    return NULL;
  object = json_object_new ();
  json_object_set_string_member (object, "id", info->id);
  json_object_set_string_member (object, "kind", info->kind);
  json_object_set_string_member (object, "parent", info->parent);
  json_object_set_member (object, "fields", fields);
  return object_node (object);
}

static JsonNode *
entities_array (RuhuStore   *store,
                const char  *case_id,
                const char  *sheet,
                GError     **error)
{
  g_autoptr(GPtrArray) entities = ruhu_store_list_entities (store, case_id, error);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonArray) array = json_array_new ();

  if (entities == NULL)
    return NULL;
  for (guint i = 0; i < entities->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (entities, i);

      g_hash_table_insert (by_id, info->id, info);
    }
  /* The store lists them ordered by id, which keeps the array canonical. */
  for (guint i = 0; i < entities->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (entities, i);
      JsonNode *node;

      if (strcmp (info->kind, "signature") == 0 || !is_below_sheet (by_id, info, sheet))
        continue;
      if ((node = entity_node (store, info, error)) == NULL)
        return NULL;
      json_array_add_element (array, node);
    }
  return json_node_init_array (json_node_alloc (), array);
}

/**
 * ruhu_sheet_digest_serialize:
 * @sheet: a check sheet's id
 *
 * Returns: (transfer full) (nullable): the canonical text that
 *   ruhu_sheet_digest_compute() hashes, or %NULL with @error set
 */
char *
ruhu_sheet_digest_serialize (RuhuStore   *store,
                             const char  *sheet,
                             GError     **error)
{
  g_autoptr(RuhuEntityInfo) info = NULL;
  g_autoptr(JsonObject) top = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *sheet_object;
  JsonNode *fields, *entities;

  g_return_val_if_fail (RUHU_IS_STORE (store), NULL);
  g_return_val_if_fail (sheet != NULL, NULL);
  if ((info = ruhu_store_get_entity (store, sheet, error)) == NULL ||
      (fields = fields_object (store, sheet, error)) == NULL)
    return NULL;
  if ((entities = entities_array (store, info->case_id, sheet, error)) == NULL)
    {
      json_node_unref (fields);
      return NULL;
    }
  sheet_object = json_object_new ();
  json_object_set_string_member (sheet_object, "id", sheet);
  json_object_set_member (sheet_object, "fields", fields);
  top = json_object_new ();
  json_object_set_string_member (top, "digest", DIGEST_FORMAT);
  json_object_set_object_member (top, "sheet", sheet_object);
  json_object_set_member (top, "entities", entities);
  root = json_node_init_object (json_node_alloc (), top);
  return ruhu_json_canonical (root);
}

/**
 * ruhu_sheet_digest_compute:
 * @digest: (out caller-allocates) (array fixed-size=32): the SHA-256 of
 *   the sheet's canonical serialisation
 *
 * Returns: %FALSE with @error set if the store could not be read
 */
gboolean
ruhu_sheet_digest_compute (RuhuStore   *store,
                           const char  *sheet,
                           guint8      *digest,
                           GError     **error)
{
  g_autofree char *text = ruhu_sheet_digest_serialize (store, sheet, error);
  g_autoptr(GChecksum) checksum = NULL;
  gsize length = RUHU_SHEET_DIGEST_LENGTH;

  if (text == NULL)
    return FALSE;
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, (const guchar *) text, (gssize) strlen (text));
  g_checksum_get_digest (checksum, digest, &length);
  return TRUE;
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * ruhu_sheet_digest_check_signature:
 * @signature: the value of a signature field
 *
 * Returns: %TRUE if @signature's key signed the sheet as it is now;
 *   otherwise %FALSE with @error set (%RUHU_DEVICE_KEY_ERROR_BAD_SIGNATURE
 *   when the sheet changed since, or the value carries no digital
 *   signature)
 */
gboolean
ruhu_sheet_digest_check_signature (RuhuStore   *store,
                                   const char  *sheet,
                                   JsonNode    *signature,
                                   GError     **error)
{
  guint8 digest[RUHU_SHEET_DIGEST_LENGTH];
  JsonObject *object;
  const char *public_key, *signed_bytes;

  g_return_val_if_fail (signature != NULL, FALSE);
  object = JSON_NODE_HOLDS_OBJECT (signature) ? json_node_get_object (signature) : NULL;
  public_key = object != NULL ? string_member (object, "public_key") : NULL;
  signed_bytes = object != NULL ? string_member (object, "signature") : NULL;
  if (public_key == NULL || signed_bytes == NULL)
    {
      g_set_error_literal (error, RUHU_DEVICE_KEY_ERROR, RUHU_DEVICE_KEY_ERROR_BAD_SIGNATURE,
                           _("The signature carries no digital signature"));
      return FALSE;
    }
  return ruhu_sheet_digest_compute (store, sheet, digest, error) &&
         ruhu_device_key_verify (public_key, digest, sizeof digest, signed_bytes, error);
}
