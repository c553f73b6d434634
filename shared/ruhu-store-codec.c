/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-json.h"
#include "ruhu-store-private.h"

/* How values and bases are kept in rows. A value is its canonical JSON text;
 * in an encrypted store that text is sealed with AES-256-GCM bound to
 * (entity, field, version), so a ciphertext moved to another field or
 * version fails to open instead of showing the wrong data. */

#define AAD_PREFIX "ruhu-value-v1"

static GByteArray *
value_aad (const char *entity,
           const char *field,
           const char *version)
{
  GByteArray *aad = g_byte_array_sized_new (128);
  const char *parts[] = { AAD_PREFIX, entity, field, version };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    g_byte_array_append (aad, (const guint8 *) parts[i], strlen (parts[i]) + 1);
  return aad;
}

/**
 * ruhu_store_bind_value:
 *
 * Binds @value to @column of @stmt: canonical JSON, sealed if the store is
 * encrypted. The bound bytes belong to SQLite (SQLITE_TRANSIENT or freed
 * by it).
 */
gboolean
ruhu_store_bind_value (RuhuStore     *self,
                       sqlite3_stmt  *stmt,
                       int            column,
                       const char    *entity,
                       const char    *field,
                       const char    *version,
                       JsonNode      *value,
                       GError       **error)
{
  char *text = ruhu_json_canonical (value);
  g_autoptr(GByteArray) aad = NULL;
  guint8 *sealed;
  gsize sealed_length;

  if (self->aead == NULL)
    {
      sqlite3_bind_blob64 (stmt, column, text, strlen (text), g_free);
      return TRUE;
    }

  aad = value_aad (entity, field, version);
  sealed = ruhu_aead_seal (self->aead, aad->data, aad->len, text, strlen (text),
                           &sealed_length, error);
  g_free (text);
  if (sealed == NULL)
    return FALSE;
  sqlite3_bind_blob64 (stmt, column, sealed, sealed_length, g_free);
  return TRUE;
}

/**
 * ruhu_store_read_value:
 *
 * Returns: (transfer full) (nullable): the canonical JSON text of the value
 *   in @column; %NULL with %RUHU_STORE_ERROR_CORRUPT if it fails
 *   authentication
 */
char *
ruhu_store_read_value (RuhuStore     *self,
                       sqlite3_stmt  *stmt,
                       int            column,
                       const char    *entity,
                       const char    *field,
                       const char    *version,
                       GError       **error)
{
  const guint8 *blob = sqlite3_column_blob (stmt, column);
  gsize length = sqlite3_column_bytes (stmt, column);
  g_autoptr(GByteArray) aad = NULL;
  g_autoptr(GError) local_error = NULL;
  char *text;

  if (self->aead == NULL)
    return g_strndup ((const char *) blob, length);

  aad = value_aad (entity, field, version);
  text = (char *) ruhu_aead_open (self->aead, aad->data, aad->len, blob, length, NULL,
                                  &local_error);
  if (text == NULL)
    g_set_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_CORRUPT,
                 _("The stored value of field %s (version %s) is damaged or was altered: %s"),
                 field, version, local_error->message);
  return text;
}

/* Most values are short strings, integers, booleans or null: in canonical
 * text a string without a backslash is its own content, so these need no
 * parser. Anything else (and anything odd) goes through the parser. */
static JsonNode *
parse_scalar (const char *text)
{
  gsize length = strlen (text);
  const char *digits;
  gint64 number;

  if (strcmp (text, "null") == 0)
    return json_node_init_null (json_node_alloc ());
  if (strcmp (text, "true") == 0 || strcmp (text, "false") == 0)
    return json_node_init_boolean (json_node_alloc (), text[0] == 't');
  if (length >= 2 && text[0] == '"' && text[length - 1] == '"' &&
      strpbrk (text + 1, "\\\"") == text + length - 1 &&
      g_utf8_validate (text + 1, length - 2, NULL))
    {
      g_autofree char *content = g_strndup (text + 1, length - 2);

      for (gsize i = 0; content[i] != '\0'; i++)
        if ((guchar) content[i] < 0x20)
          return NULL;
      return json_node_init_string (json_node_alloc (), content);
    }
  digits = text[0] == '-' ? text + 1 : text;
  if (*digits != '\0' && digits - text + strlen (digits) < 19 &&
      strspn (digits, "0123456789") == strlen (digits) && (digits[0] != '0' || digits[1] == '\0') &&
      g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &number, NULL))
    return json_node_init_int (json_node_alloc (), number);
  return NULL;
}

/**
 * ruhu_store_parse_value:
 *
 * Returns: (transfer full) (nullable): the value of stored canonical text
 */
JsonNode *
ruhu_store_parse_value (const char  *text,
                        GError     **error)
{
  static const RuhuJsonLimits limits = { G_MAXSIZE, 0 };
  g_autoptr(GError) local_error = NULL;
  JsonNode *node = parse_scalar (text);

  if (node != NULL)
    return node;
  node = ruhu_json_parse (text, -1, &limits, &local_error);

  if (node == NULL)
    g_set_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_CORRUPT,
                 _("A stored value is damaged: %s"), local_error->message);
  return node;
}

/* Bases are stored as versions separated by single spaces: versions have no
 * spaces, and this reads much faster than JSON in the merge's inner loop. */
char **
ruhu_store_split_bases (const char *text)
{
  if (text == NULL || *text == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (text, " ", -1);
}

char *
ruhu_store_join_bases (char * const *bases)
{
  return g_strjoinv (" ", (char **) bases);
}

/**
 * ruhu_store_op_from_row:
 * @first_column: where the OP_COLUMNS start in @stmt's row
 *
 * Returns: (transfer full) (nullable): the operation stored in the row
 */
RuhuOp *
ruhu_store_op_from_row (RuhuStore     *self,
                        sqlite3_stmt  *stmt,
                        int            first_column,
                        GError       **error)
{
#define COL_TEXT(i) ((const char *) sqlite3_column_text (stmt, first_column + (i)))
  const char *entity = COL_TEXT (0);
  const char *field = COL_TEXT (4);
  const char *version = COL_TEXT (5);
  g_autofree char *text = NULL;
  JsonNode *value;
  g_autoptr(GError) local_error = NULL;
  RuhuOp *op;

  text = ruhu_store_read_value (self, stmt, first_column + 7, entity, field, version, error);
  if (text == NULL)
    return NULL;
  value = ruhu_store_parse_value (text, error);
  if (value == NULL)
    return NULL;

  op = ruhu_op_new_stored (COL_TEXT (6), entity, COL_TEXT (1), COL_TEXT (2), COL_TEXT (3), field,
                           value, version, ruhu_store_split_bases (COL_TEXT (8)), COL_TEXT (9),
                           &local_error);
  if (op == NULL)
    g_set_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_CORRUPT,
                 _("A stored version is damaged: %s"), local_error->message);
  return op;
#undef COL_TEXT
}

/**
 * ruhu_store_collect_ops:
 *
 * Steps @stmt to the end, making an operation of each row.
 *
 * Returns: (transfer full) (element-type RuhuOp) (nullable): the operations
 */
GPtrArray *
ruhu_store_collect_ops (RuhuStore     *self,
                        sqlite3_stmt  *stmt,
                        int            first_column,
                        GError       **error)
{
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_op_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RuhuOp *op = ruhu_store_op_from_row (self, stmt, first_column, error);

      if (op == NULL)
        return NULL;
      g_ptr_array_add (ops, op);
    }
  if (rc != SQLITE_DONE)
    {
      ruhu_sqlite_set_error (self->sql, error);
      return NULL;
    }
  return g_steal_pointer (&ops);
}
