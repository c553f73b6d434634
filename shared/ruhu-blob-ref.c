/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-blob-ref.h"

/**
 * ruhu_blob_ref_name_is_valid:
 *
 * Returns: whether @name is a blob's name: the SHA-256 of its content in
 *   64 lowercase hexadecimal digits
 */
gboolean
ruhu_blob_ref_name_is_valid (const char *name)
{
  return name != NULL && strlen (name) == 64 && strspn (name, "0123456789abcdef") == 64;
}

/**
 * ruhu_blob_ref_from_op:
 *
 * Returns: (transfer none) (nullable): the blob that @op's value names if
 *   its field is a photo or a signature (its "image"), or %NULL
 */
const char *
ruhu_blob_ref_from_op (RuhuFormSet  *forms,
                       const RuhuOp *op)
{
  RuhuForm *form = op->field[0] != '_' ? ruhu_form_set_lookup (forms, op->kind) : NULL;
  RuhuFormField *field = form != NULL ? ruhu_form_lookup_field (form, op->field) : NULL;
  JsonNode *value = op->value;

  if (field == NULL)
    return NULL;
  if (ruhu_form_field_get_field_type (field) == RUHU_FIELD_SIGNATURE &&
      JSON_NODE_HOLDS_OBJECT (value))
    value = json_object_get_member (json_node_get_object (value), "image");
  else if (ruhu_form_field_get_field_type (field) != RUHU_FIELD_PHOTO)
    return NULL;
  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
      json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;
  return ruhu_blob_ref_name_is_valid (json_node_get_string (value)) ? json_node_get_string (value)
                                                                     : NULL;
}
