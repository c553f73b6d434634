/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The only way JSON enters libruhu. json-glib 1.6 crashes on deep nesting,
 * accepts some invalid text, keeps the last of duplicate keys and turns
 * large integers into -1, so ruhu-json-scan.c checks every byte first and
 * json-glib only ever sees text it reads faithfully. (Pushes and pull
 * pages are read by ruhu-op-read.c from the same scanner's events.)
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "ruhu-json-private.h"

/* Files are read in pieces so that one that grows, or a pipe, still stops
 * at the size limit. */
#define READ_CHUNK_SIZE (64 * 1024)

G_DEFINE_QUARK (ruhu-json-error-quark, ruhu_json_error)

gsize
ruhu_json_limits_max_bytes (const RuhuJsonLimits *limits)
{
  return limits != NULL && limits->max_bytes > 0 ? limits->max_bytes : RUHU_JSON_DEFAULT_MAX_BYTES;
}

guint
ruhu_json_limits_max_depth (const RuhuJsonLimits *limits)
{
  guint depth = limits != NULL && limits->max_depth > 0 ? limits->max_depth
                                                        : RUHU_JSON_DEFAULT_MAX_DEPTH;

  return MIN (depth, RUHU_JSON_HARD_MAX_DEPTH);
}

static void
set_too_large (GError     **error,
               const char  *what,
               guint64      size,
               gsize        max_bytes)
{
  g_autofree char *size_text = g_format_size_full (size, G_FORMAT_SIZE_LONG_FORMAT);
  g_autofree char *max_text = g_format_size_full (max_bytes, G_FORMAT_SIZE_LONG_FORMAT);

  if (what == NULL)
    g_set_error (error, RUHU_JSON_ERROR, RUHU_JSON_ERROR_TOO_LARGE,
                 _("The data is too large (%s); the limit is %s"), size_text, max_text);
  else
    g_set_error (error, RUHU_JSON_ERROR, RUHU_JSON_ERROR_TOO_LARGE,
                 _("The file “%s” is too large (%s); the limit is %s"),
                 what, size_text, max_text);
}

/**
 * ruhu_json_parse:
 * @data: (array length=length) (nullable): JSON text in UTF-8; it need not
 *   be nul-terminated when @length is given
 * @length: the length of @data in bytes, or -1 if it is nul-terminated
 * @limits: (nullable): size and depth limits; %NULL, or a zero field,
 *   means the defaults (%RUHU_JSON_DEFAULT_MAX_BYTES, %RUHU_JSON_DEFAULT_MAX_DEPTH).
 *   A depth above 1024 counts as 1024.
 * @error: return location for a #RUHU_JSON_ERROR
 *
 * Parses one strict RFC 8259 JSON text. The size is checked first, then a
 * scanner of our own checks every byte before json-glib reads them. Refused:
 * empty or blank text (%RUHU_JSON_ERROR_EMPTY), more than max_bytes
 * (%RUHU_JSON_ERROR_TOO_LARGE), more than max_depth arrays and objects
 * inside one another (%RUHU_JSON_ERROR_TOO_DEEP), anything outside the
 * grammar (%RUHU_JSON_ERROR_SYNTAX), text that is not UTF-8, a byte-order
 * mark, a NUL byte or `\u0000`, and unpaired surrogate escapes
 * (%RUHU_JSON_ERROR_ENCODING), a key that appears twice in one object once
 * unescaped (%RUHU_JSON_ERROR_DUPLICATE_KEY), and whole numbers outside
 * gint64 or other numbers too large for a finite double
 * (%RUHU_JSON_ERROR_NUMBER_RANGE); tiny ones become zero. Messages start
 * with the line and column, counted in characters from 1.
 *
 * Whole numbers become %G_TYPE_INT64 values, numbers with a fraction or an
 * exponent %G_TYPE_DOUBLE values.
 *
 * Returns: (transfer full): the root node, never %NULL on success
 */
JsonNode *
ruhu_json_parse (const char            *data,
                 gssize                 length,
                 const RuhuJsonLimits  *limits,
                 GError               **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize max_bytes = ruhu_json_limits_max_bytes (limits);
  JsonNode *root;
  gsize size;

  g_return_val_if_fail (data != NULL || length <= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = "";
  /* Looking no further than one byte past the limit is enough to refuse. */
  size = length >= 0 ? (gsize) length : strnlen (data, MIN (max_bytes, G_MAXSSIZE - 1) + 1);
  if (size > max_bytes)
    {
      set_too_large (error, NULL, size, max_bytes);
      return NULL;
    }
  if (!ruhu_json_scan (data, size, ruhu_json_limits_max_depth (limits), error))
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) size, &local_error))
    {
      /* The scanner is stricter than json-glib, so this means a bug here. */
      g_set_error (error, RUHU_JSON_ERROR, RUHU_JSON_ERROR_SYNTAX,
                   _("The data could not be read: %s"), local_error->message);
      return NULL;
    }
  root = json_parser_steal_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, RUHU_JSON_ERROR, RUHU_JSON_ERROR_EMPTY, _("The data is empty"));
      return NULL;
    }
  return root;
}

/* Reads at most max_bytes + 1 bytes, so that a file past the limit is
 * refused without being read whole. */
static GBytes *
read_limited (GInputStream  *stream,
              gsize          max_bytes,
              const char    *display_name,
              GError       **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  g_autoptr(GError) local_error = NULL;

  for (;;)
    {
      gsize old_len = buffer->len;
      gsize room = max_bytes - old_len;
      gsize want = room >= READ_CHUNK_SIZE ? READ_CHUNK_SIZE : room + 1;
      gssize got;

      g_byte_array_set_size (buffer, old_len + want);
      got = g_input_stream_read (stream, buffer->data + old_len, want, NULL, &local_error);
      if (got < 0)
        {
          g_set_error (error, RUHU_JSON_ERROR, RUHU_JSON_ERROR_IO,
                       _("Could not read “%s”: %s"), display_name, local_error->message);
          return NULL;
        }
      g_byte_array_set_size (buffer, old_len + (gsize) got);
      if (buffer->len > max_bytes)
        {
          set_too_large (error, display_name, buffer->len, max_bytes);
          return NULL;
        }
      if (got == 0)
        return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
    }
}

/**
 * ruhu_json_parse_file:
 * @path: (type filename): the file to read
 * @limits: (nullable): as for ruhu_json_parse()
 * @error: return location for a #RUHU_JSON_ERROR
 *
 * Reads @path and parses it with ruhu_json_parse(). A file that cannot be
 * opened or read gives %RUHU_JSON_ERROR_IO; one larger than the limit gives
 * %RUHU_JSON_ERROR_TOO_LARGE, judged from its size before it is read when
 * the file system tells it. Every message names the file.
 *
 * Returns: (transfer full): the root node, never %NULL on success
 */
JsonNode *
ruhu_json_parse_file (const char            *path,
                      const RuhuJsonLimits  *limits,
                      GError               **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display_name = NULL;
  gsize max_bytes = ruhu_json_limits_max_bytes (limits);
  const char *data;
  JsonNode *root;
  gsize size;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = g_filename_display_name (path);
  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, RUHU_JSON_ERROR, RUHU_JSON_ERROR_IO,
                   _("Could not read “%s”: %s"), display_name, local_error->message);
      return NULL;
    }
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE)
      && g_file_info_get_size (info) > 0 && (guint64) g_file_info_get_size (info) > max_bytes)
    {
      set_too_large (error, display_name, (guint64) g_file_info_get_size (info), max_bytes);
      return NULL;
    }
  bytes = read_limited (G_INPUT_STREAM (stream), max_bytes, display_name, error);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &size);
  root = ruhu_json_parse (data, (gssize) size, limits, &local_error);
  if (root == NULL)
    {
      g_prefix_error (&local_error, "%s: ", display_name);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return root;
}

static void
append_string (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const char *q = text; *q != '\0'; q++)
    {
      switch (*q)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if ((guchar) *q < 0x20)
            g_string_append_printf (out, "\\u%04x", (guint) (guchar) *q);
          else
            g_string_append_c (out, *q);
        }
    }
  g_string_append_c (out, '"');
}

/* The fewest significant digits that read back as the same double, laid out
 * as ECMAScript's Number.prototype.toString() does (RFC 8785 uses that), but
 * with ".0" after a whole number so that it reads back as a double. */
static void
append_double (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char digits[32];
  gsize n_digits = 0;
  int exponent;
  int point;
  const char *q;

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  for (int precision = 0; precision < 17; precision++)
    {
      char format[16];

      g_snprintf (format, sizeof format, "%%.%de", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  /* buf is now like "-1.2345e+05"; split it into sign, digits and exponent. */
  q = buf;
  if (*q == '-')
    {
      g_string_append_c (out, '-');
      q++;
    }
  for (; *q != 'e'; q++)
    if (g_ascii_isdigit (*q))
      digits[n_digits++] = *q;
  exponent = (int) g_ascii_strtoll (q + 1, NULL, 10);
  point = exponent + 1;   /* digits before the decimal point */

  if (point >= (int) n_digits && point <= 21)
    {
      g_string_append_len (out, digits, n_digits);
      for (int i = (int) n_digits; i < point; i++)
        g_string_append_c (out, '0');
      g_string_append (out, ".0");
    }
  else if (point > 0 && point <= 21)
    {
      g_string_append_len (out, digits, point);
      g_string_append_c (out, '.');
      g_string_append_len (out, digits + point, n_digits - point);
    }
  else if (point > -6 && point <= 0)
    {
      g_string_append (out, "0.");
      for (int i = point; i < 0; i++)
        g_string_append_c (out, '0');
      g_string_append_len (out, digits, n_digits);
    }
  else
    {
      g_string_append_c (out, digits[0]);
      if (n_digits > 1)
        {
          g_string_append_c (out, '.');
          g_string_append_len (out, digits + 1, n_digits - 1);
        }
      g_string_append_printf (out, "e%c%d", exponent < 0 ? '-' : '+', ABS (exponent));
    }
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (a, b);
}

static void
append_node (GString  *out,
             JsonNode *node);

static void
append_object (GString    *out,
               JsonObject *object)
{
  g_autoptr(GList) keys = g_list_sort (json_object_get_members (object), compare_keys);

  g_string_append_c (out, '{');
  for (GList *l = keys; l != NULL; l = l->next)
    {
      if (l != keys)
        g_string_append_c (out, ',');
      append_string (out, l->data);
      g_string_append_c (out, ':');
      append_node (out, json_object_get_member (object, l->data));
    }
  g_string_append_c (out, '}');
}

static void
append_value (GString  *out,
              JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    append_double (out, json_node_get_double (node));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else if (type == G_TYPE_STRING && json_node_get_string (node) != NULL)
    append_string (out, json_node_get_string (node));
  else
    g_string_append (out, "null");
}

static void
append_node (GString  *out,
             JsonNode *node)
{
  JsonArray *array;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      append_object (out, json_node_get_object (node));
      break;
    case JSON_NODE_ARRAY:
      array = json_node_get_array (node);
      g_string_append_c (out, '[');
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          append_node (out, json_array_get_element (array, i));
        }
      g_string_append_c (out, ']');
      break;
    case JSON_NODE_VALUE:
      append_value (out, node);
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/**
 * ruhu_json_canonical:
 * @node: a JSON tree, such as one from ruhu_json_parse()
 *
 * Writes @node in our canonical form, the bytes we store, compare and sign.
 * It is compact (no whitespace) and depends only on the values:
 *
 * - object members sorted by the bytes of their UTF-8 keys;
 * - strings in double quotes with `"` and `\` escaped by a backslash,
 *   U+0008, U+0009, U+000A, U+000C and U+000D as `\b \t \n \f \r`, other
 *   control characters below U+0020 as `\u00xx` in lowercase hex, and
 *   everything else, U+007F included, as raw UTF-8;
 * - %G_TYPE_INT64 values in decimal, with a minus sign when negative;
 * - doubles with the fewest significant digits that read back as the same
 *   double, laid out as in ECMAScript: plain notation from 1e-6 up to
 *   below 1e21 (`0.000001`, `12.5`, `100.0`), otherwise `d.ddde±x` (`1e+21`,
 *   `1.5e-7`); a whole double always shows a fraction or an exponent, so
 *   it reads back as a double, and negative zero is `-0.0`;
 * - `true`, `false` and `null`.
 *
 * Parsing the result and writing it again gives the same bytes. Strings
 * must be valid UTF-8, as ruhu_json_parse() ensures. A tree built by other
 * means that holds an infinite or NaN double, or a %NULL string, has those
 * written as `null`. The function recurses once per level of nesting.
 *
 * Returns: (transfer full): the canonical text, nul-terminated
 */
char *
ruhu_json_canonical (JsonNode *node)
{
  GString *out;

  g_return_val_if_fail (node != NULL, NULL);

  out = g_string_new (NULL);
  append_node (out, node);
  return g_string_free (out, FALSE);
}

/* For writers of a known shape (ruhu_op_list_write_groups()): the same
 * text ruhu_json_canonical() makes, piece by piece. */
void
ruhu_json_append_canonical (GString  *out,
                            JsonNode *node)
{
  append_node (out, node);
}

void
ruhu_json_append_string (GString    *out,
                         const char *text)
{
  append_string (out, text);
}
