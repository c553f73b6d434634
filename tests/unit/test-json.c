/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "ruhu-json.h"

/* An expectation for a file of JSONTestSuite. */
typedef struct
{
  const char *name;
  int         code;     /* the RuhuJsonError refusing it, or -1 if accepted */
  const char *reason;
} SuitePolicy;

/* y_ files that must parse, but that our policy refuses on purpose. */
static const SuitePolicy refused_y_files[] = {
  { "y_object_duplicated_key.json", RUHU_JSON_ERROR_DUPLICATE_KEY,
    "json-glib would silently keep only the last value" },
  { "y_object_duplicated_key_and_value.json", RUHU_JSON_ERROR_DUPLICATE_KEY,
    "duplicates are refused even when the values agree" },
  { "y_object_escaped_null_in_key.json", RUHU_JSON_ERROR_ENCODING,
    "json-glib keeps C strings and would cut the key at \\u0000" },
  { "y_string_null_escape.json", RUHU_JSON_ERROR_ENCODING,
    "json-glib keeps C strings and would cut the string at \\u0000" },
};

/* Our decision for every implementation-defined i_ file. */
static const SuitePolicy i_files[] = {
  { "i_number_double_huge_neg_exp.json", -1, "123.456e-789 underflows to 0, which is fine" },
  { "i_number_huge_exp.json", RUHU_JSON_ERROR_NUMBER_RANGE, "overflows a double" },
  { "i_number_neg_int_huge_exp.json", RUHU_JSON_ERROR_NUMBER_RANGE, "-1e+9999 overflows" },
  { "i_number_pos_double_huge_exp.json", RUHU_JSON_ERROR_NUMBER_RANGE, "1.5e+9999 overflows" },
  { "i_number_real_neg_overflow.json", RUHU_JSON_ERROR_NUMBER_RANGE, "overflows a double" },
  { "i_number_real_pos_overflow.json", RUHU_JSON_ERROR_NUMBER_RANGE, "overflows a double" },
  { "i_number_real_underflow.json", -1, "123e-10000000 underflows to 0, which is fine" },
  { "i_number_too_big_neg_int.json", RUHU_JSON_ERROR_NUMBER_RANGE, "below G_MININT64" },
  { "i_number_too_big_pos_int.json", RUHU_JSON_ERROR_NUMBER_RANGE, "above G_MAXINT64" },
  { "i_number_very_big_negative_int.json", RUHU_JSON_ERROR_NUMBER_RANGE, "below G_MININT64" },
  { "i_object_key_lone_2nd_surrogate.json", RUHU_JSON_ERROR_ENCODING, "lone low surrogate" },
  { "i_string_1st_surrogate_but_2nd_missing.json", RUHU_JSON_ERROR_ENCODING, "lone high surrogate" },
  { "i_string_1st_valid_surrogate_2nd_invalid.json", RUHU_JSON_ERROR_ENCODING,
    "high surrogate not followed by a low one" },
  { "i_string_UTF-16LE_with_BOM.json", RUHU_JSON_ERROR_ENCODING, "UTF-8 only" },
  { "i_string_UTF-8_invalid_sequence.json", RUHU_JSON_ERROR_ENCODING, "invalid UTF-8" },
  { "i_string_UTF8_surrogate_U+D800.json", RUHU_JSON_ERROR_ENCODING, "surrogates are not UTF-8" },
  { "i_string_incomplete_surrogate_and_escape_valid.json", RUHU_JSON_ERROR_ENCODING,
    "lone high surrogate" },
  { "i_string_incomplete_surrogate_pair.json", RUHU_JSON_ERROR_ENCODING, "lone low surrogate" },
  { "i_string_incomplete_surrogates_escape_valid.json", RUHU_JSON_ERROR_ENCODING,
    "two high surrogates" },
  { "i_string_invalid_lonely_surrogate.json", RUHU_JSON_ERROR_ENCODING, "lone high surrogate" },
  { "i_string_invalid_surrogate.json", RUHU_JSON_ERROR_ENCODING, "lone high surrogate" },
  { "i_string_invalid_utf-8.json", RUHU_JSON_ERROR_ENCODING, "invalid UTF-8" },
  { "i_string_inverted_surrogates_U+1D11E.json", RUHU_JSON_ERROR_ENCODING,
    "low surrogate before high" },
  { "i_string_iso_latin_1.json", RUHU_JSON_ERROR_ENCODING, "Latin-1 is not UTF-8" },
  { "i_string_lone_second_surrogate.json", RUHU_JSON_ERROR_ENCODING, "lone low surrogate" },
  { "i_string_lone_utf8_continuation_byte.json", RUHU_JSON_ERROR_ENCODING, "invalid UTF-8" },
  { "i_string_not_in_unicode_range.json", RUHU_JSON_ERROR_ENCODING, "beyond U+10FFFF" },
  { "i_string_overlong_sequence_2_bytes.json", RUHU_JSON_ERROR_ENCODING, "overlong UTF-8" },
  { "i_string_overlong_sequence_6_bytes.json", RUHU_JSON_ERROR_ENCODING, "overlong UTF-8" },
  { "i_string_overlong_sequence_6_bytes_null.json", RUHU_JSON_ERROR_ENCODING, "overlong UTF-8" },
  { "i_string_truncated-utf-8.json", RUHU_JSON_ERROR_ENCODING, "invalid UTF-8" },
  { "i_string_utf16BE_no_BOM.json", RUHU_JSON_ERROR_ENCODING, "UTF-8 only; NUL bytes" },
  { "i_string_utf16LE_no_BOM.json", RUHU_JSON_ERROR_ENCODING, "UTF-8 only; NUL bytes" },
  { "i_structure_500_nested_arrays.json", RUHU_JSON_ERROR_TOO_DEEP, "deeper than 32" },
  { "i_structure_UTF-8_BOM_empty_object.json", RUHU_JSON_ERROR_ENCODING,
    "we refuse a byte-order mark" },
};

#define ANY_ERROR (-2)
#define NO_POLICY (-3)

typedef struct
{
  char *name;
  int   code;   /* -1 accepted, ANY_ERROR for n_ files, NO_POLICY for a forgotten i_ file */
} SuiteCase;

static void
suite_case_free (gpointer data)
{
  SuiteCase *c = data;

  g_free (c->name);
  g_free (c);
}

static const SuitePolicy *
find_policy (const SuitePolicy *table,
             gsize              n,
             const char        *name)
{
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (table[i].name, name))
      return &table[i];
  return NULL;
}

static JsonNode *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = ruhu_json_parse (text, -1, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
assert_refused (const char           *text,
                gssize                length,
                const RuhuJsonLimits *limits,
                RuhuJsonError         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = ruhu_json_parse (text, length, limits, &error);

  if (!g_error_matches (error, RUHU_JSON_ERROR, (int) code))
    g_test_message ("input: %.80s", text != NULL ? text : "(null)");
  g_assert_error (error, RUHU_JSON_ERROR, (int) code);
  g_assert_null (node);
}

/* Writing, reading and writing again must give the same bytes. */
static char *
assert_canonical_stable (JsonNode *node)
{
  g_autofree char *first = ruhu_json_canonical (node);
  g_autoptr(JsonNode) again = parse_ok (first);
  g_autofree char *second = ruhu_json_canonical (again);

  g_assert_cmpstr (first, ==, second);
  return g_steal_pointer (&first);
}

static void
assert_canonical (const char *text,
                  const char *expected)
{
  g_autoptr(JsonNode) node = parse_ok (text);
  g_autofree char *canonical = assert_canonical_stable (node);

  g_assert_cmpstr (canonical, ==, expected);
}

static char *
write_temp_file (const char *contents,
                 gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("ruhu-json-XXXXXX.json", &path, &error);

  g_assert_no_error (error);
  g_close (fd, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_suite_file (gconstpointer data)
{
  const SuiteCase *c = data;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (c->code == NO_POLICY)
    {
      g_test_fail_printf ("%s has no entry in the i_ policy table", c->name);
      return;
    }
  path = g_test_build_filename (G_TEST_DIST, "data", "json-test-suite", c->name, NULL);
  root = ruhu_json_parse_file (path, NULL, &error);
  if (c->code == -1)
    {
      g_autofree char *canonical = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (root);
      canonical = assert_canonical_stable (root);
      return;
    }
  g_assert_null (root);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (error->domain == RUHU_JSON_ERROR);
  g_assert_cmpint (error->code, !=, RUHU_JSON_ERROR_IO);
  if (c->code != ANY_ERROR)
    g_assert_error (error, RUHU_JSON_ERROR, c->code);
}

/* A table entry without its file would be a silently skipped check. */
static void
test_suite_tables_match_files (void)
{
  const SuitePolicy *tables[] = { refused_y_files, i_files };
  gsize sizes[] = { G_N_ELEMENTS (refused_y_files), G_N_ELEMENTS (i_files) };

  for (gsize t = 0; t < G_N_ELEMENTS (tables); t++)
    for (gsize i = 0; i < sizes[t]; i++)
      {
        g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "json-test-suite",
                                                       tables[t][i].name, NULL);

        g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
add_suite_tests (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "json-test-suite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_assert_cmpuint (names->len, >, 200);

  for (guint i = 0; i < names->len; i++)
    {
      SuiteCase *c = g_new0 (SuiteCase, 1);
      const SuitePolicy *policy;
      g_autofree char *stem = NULL;
      g_autofree char *test_path = NULL;

      c->name = g_strdup (g_ptr_array_index (names, i));
      if (g_str_has_prefix (c->name, "y_"))
        {
          policy = find_policy (refused_y_files, G_N_ELEMENTS (refused_y_files), c->name);
          c->code = policy != NULL ? policy->code : -1;
        }
      else if (g_str_has_prefix (c->name, "i_"))
        {
          policy = find_policy (i_files, G_N_ELEMENTS (i_files), c->name);
          c->code = policy != NULL ? policy->code : NO_POLICY;
        }
      else
        {
          c->code = ANY_ERROR;
        }
      stem = g_strndup (c->name, strlen (c->name) - strlen (".json"));
      test_path = g_strconcat ("/ruhu/json/suite/", stem, NULL);
      g_test_add_data_func_full (test_path, c, test_suite_file, suite_case_free);
    }
}

static void
test_empty (void)
{
  const char blank[] = " \t\r\n  ";

  assert_refused ("", -1, NULL, RUHU_JSON_ERROR_EMPTY);
  assert_refused ("", 0, NULL, RUHU_JSON_ERROR_EMPTY);
  assert_refused (NULL, 0, NULL, RUHU_JSON_ERROR_EMPTY);
  assert_refused (NULL, -1, NULL, RUHU_JSON_ERROR_EMPTY);
  assert_refused (blank, -1, NULL, RUHU_JSON_ERROR_EMPTY);
  assert_refused ("[1]", 0, NULL, RUHU_JSON_ERROR_EMPTY);
}

static void
test_too_large (void)
{
  RuhuJsonLimits limits = { .max_bytes = 10 };
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GString) big = g_string_new ("[\"");
  g_autoptr(GError) error = NULL;

  node = ruhu_json_parse ("[1,2,3,45]", -1, &limits, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  assert_refused ("[1,2,3,456]", -1, &limits, RUHU_JSON_ERROR_TOO_LARGE);
  assert_refused ("[1,2,3,456]", 11, &limits, RUHU_JSON_ERROR_TOO_LARGE);
  /* The size is checked before the syntax. */
  assert_refused ("{{{{{{{{{{{", -1, &limits, RUHU_JSON_ERROR_TOO_LARGE);

  /* The default limit, exactly at it and one byte over. */
  while (big->len < RUHU_JSON_DEFAULT_MAX_BYTES - 2)
    g_string_append_c (big, 'a');
  g_string_append (big, "\"]");
  g_assert_cmpuint (big->len, ==, RUHU_JSON_DEFAULT_MAX_BYTES);
  g_clear_pointer (&node, json_node_unref);
  node = ruhu_json_parse (big->str, big->len, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_string_append_c (big, ' ');
  assert_refused (big->str, big->len, NULL, RUHU_JSON_ERROR_TOO_LARGE);
  assert_refused (big->str, -1, NULL, RUHU_JSON_ERROR_TOO_LARGE);
}

static char *
nested (const char *open,
        guint       depth,
        const char *middle,
        const char *close)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, open);
  g_string_append (text, middle);
  for (guint i = 0; i < depth; i++)
    g_string_append (text, close);
  return g_string_free (text, FALSE);
}

static void
test_too_deep (void)
{
  RuhuJsonLimits shallow = { .max_depth = 2 };
  RuhuJsonLimits deep = { .max_depth = 100000 };
  g_autofree char *arrays_32 = nested ("[", 32, "1", "]");
  g_autofree char *arrays_33 = nested ("[", 33, "1", "]");
  g_autofree char *objects_32 = nested ("{\"a\":", 32, "1", "}");
  g_autofree char *objects_33 = nested ("{\"a\":", 33, "1", "}");
  g_autofree char *arrays_1024 = nested ("[", 1024, "", "]");
  g_autofree char *arrays_1025 = nested ("[", 1025, "", "]");
  g_autoptr(JsonNode) a = parse_ok (arrays_32);
  g_autoptr(JsonNode) o = parse_ok (objects_32);
  g_autoptr(JsonNode) s = NULL;
  g_autoptr(GError) error = NULL;

  assert_refused (arrays_33, -1, NULL, RUHU_JSON_ERROR_TOO_DEEP);
  assert_refused (objects_33, -1, NULL, RUHU_JSON_ERROR_TOO_DEEP);
  assert_refused ("[[[1]]]", -1, &shallow, RUHU_JSON_ERROR_TOO_DEEP);
  assert_refused ("[{\"a\":{}}]", -1, &shallow, RUHU_JSON_ERROR_TOO_DEEP);
  s = ruhu_json_parse ("[{\"a\":1},[2]]", -1, &shallow, &error);
  g_assert_no_error (error);
  g_assert_nonnull (s);

  /* A caller cannot lift the limit beyond what json-glib survives. */
  g_clear_pointer (&s, json_node_unref);
  s = ruhu_json_parse (arrays_1024, -1, &deep, &error);
  g_assert_no_error (error);
  g_assert_nonnull (s);
  assert_refused (arrays_1025, -1, &deep, RUHU_JSON_ERROR_TOO_DEEP);
}

static void
test_very_deep_does_not_crash (void)
{
  g_autofree char *opens = g_strnfill (100000, '[');
  g_autofree char *objects = nested ("{\"a\":", 100000, "", "");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = ruhu_json_parse (opens, -1, NULL, &error);

  g_assert_error (error, RUHU_JSON_ERROR, RUHU_JSON_ERROR_TOO_DEEP);
  g_assert_null (node);
  g_assert_cmpstr (error->message, ==,
                   "Line 1, column 33: the data is nested more than 32 levels deep");
  assert_refused (objects, -1, NULL, RUHU_JSON_ERROR_TOO_DEEP);
}

static void
test_syntax (void)
{
  const char *bad[] = {
    "[1,]", "{\"a\":1,}", "[,1]", "[1,,2]", "{,}", "{\"a\":}", "{\"a\" 1}", "{a:1}",
    "{\"a\":1 \"b\":2}", "[1 2]", "1 2", "[1] x", "{} {}", "// c\n1", "/* c */ 1", "1 // c",
    "'a'", "['a']", "01", "-01", "00", "-", "+1", ".5", "1.", "1.e3", "1e", "1e+", "0x10",
    "NaN", "-NaN", "Infinity", "-Infinity", "tru", "True", "nul", "nulls", "[", "{", "]",
    "}", "[1", "{\"a\"", "{\"a\":1", "\"abc", "\"a\tb\"", "\"a\nb\"", "\"\\x\"", "\"\\'\"",
    "\"\\u12\"", "\"\\u12g4\"", "\"\\", "\"\\U0041\"", "[1]]", "\v1", "\f1",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_refused (bad[i], -1, NULL, RUHU_JSON_ERROR_SYNTAX);
}

static void
test_encoding (void)
{
  const char *bad[] = {
    "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\\ud800\\ud800\"",
    "\"\\udc00\\ud800\"", "\"\xff\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"",
    "\"\xe2\x82\"", "\xEF\xBB\xBF{}", "\xEF\xBB\xBF", "\"a\\u0000b\"", "{\"\\u0000\":1}",
    "\xe9", "[\xe9]",
  };
  const char with_nul[] = "[\"a\0\"]";
  const char nul_outside[] = "[1,\0]";

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_refused (bad[i], -1, NULL, RUHU_JSON_ERROR_ENCODING);
  assert_refused (with_nul, sizeof with_nul - 1, NULL, RUHU_JSON_ERROR_ENCODING);
  assert_refused (nul_outside, sizeof nul_outside - 1, NULL, RUHU_JSON_ERROR_ENCODING);
}

static void
test_strings_decoded (void)
{
  g_autoptr(JsonNode) node = parse_ok ("[\"\\ud834\\udd1e\\u00e9\\/\\\"\", \"\xe4\xb8\xad\"]");
  JsonArray *array = json_node_get_array (node);

  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "\xf0\x9d\x84\x9e\xc3\xa9/\"");
  g_assert_cmpstr (json_array_get_string_element (array, 1), ==, "中");
}

static void
test_duplicate_keys (void)
{
  const char *bad[] = {
    "{\"a\":1,\"a\":2}", "{\"a\":1,\"a\":1}", "{\"a\":1,\"\\u0061\":2}", "{\"\\u0061\":1,\"a\":2}",
    "{\"\\n\":1,\"\\u000a\":2}", "{\"\\/\":1,\"/\":2}", "{\"é\":1,\"\\u00e9\":2}",
    "{\"\\ud834\\udd1e\":1,\"\xf0\x9d\x84\x9e\":2}", "[{\"x\":{\"a\":1,\"b\":2,\"a\":3}}]",
  };
  const char *good[] = {
    "{\"a\":{\"a\":1},\"b\":{\"a\":2}}", "[{\"a\":1},{\"a\":2}]", "{\"a\":1,\"A\":2,\"a \":3}",
    "{\"\":1,\"a\":{\"\":2}}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_refused (bad[i], -1, NULL, RUHU_JSON_ERROR_DUPLICATE_KEY);
  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(JsonNode) node = parse_ok (good[i]);
    }
}

static void
test_number_range (void)
{
  g_autoptr(JsonNode) max = parse_ok ("9223372036854775807");
  g_autoptr(JsonNode) min = parse_ok ("[-9223372036854775808]");
  g_autoptr(JsonNode) tiny = parse_ok ("1e-400");
  g_autoptr(JsonNode) huge = parse_ok ("-1.7976931348623157e308");
  g_autoptr(JsonNode) exp = parse_ok ("1e2");
  g_autoptr(JsonNode) zero = parse_ok ("-0");

  g_assert_cmpint (json_node_get_value_type (max), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (max), ==, G_MAXINT64);
  g_assert_cmpint (json_array_get_int_element (json_node_get_array (min), 0), ==, G_MININT64);
  g_assert_cmpint (json_node_get_value_type (tiny), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_node_get_double (tiny), ==, 0.0);
  g_assert_cmpfloat (json_node_get_double (huge), ==, -DBL_MAX);
  g_assert_cmpint (json_node_get_value_type (exp), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_node_get_double (exp), ==, 100.0);
  g_assert_cmpint (json_node_get_int (zero), ==, 0);

  assert_refused ("9223372036854775808", -1, NULL, RUHU_JSON_ERROR_NUMBER_RANGE);
  assert_refused ("[-9223372036854775809]", -1, NULL, RUHU_JSON_ERROR_NUMBER_RANGE);
  assert_refused ("18446744073709551616", -1, NULL, RUHU_JSON_ERROR_NUMBER_RANGE);
  assert_refused ("100000000000000000000", -1, NULL, RUHU_JSON_ERROR_NUMBER_RANGE);
  assert_refused ("1e309", -1, NULL, RUHU_JSON_ERROR_NUMBER_RANGE);
  assert_refused ("[-1.8e308]", -1, NULL, RUHU_JSON_ERROR_NUMBER_RANGE);
}

static void
test_message_location (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  node = ruhu_json_parse ("{\n  \"name\": 1,\n  \"name\": 2\n}", -1, NULL, &error);
  g_assert_error (error, RUHU_JSON_ERROR, RUHU_JSON_ERROR_DUPLICATE_KEY);
  g_assert_cmpstr (error->message, ==,
                   "Line 3, column 3: the key “name” appears twice in one object");
  g_clear_error (&error);

  /* Columns count characters, not bytes. */
  node = ruhu_json_parse ("[\"é中\", x]", -1, NULL, &error);
  g_assert_error (error, RUHU_JSON_ERROR, RUHU_JSON_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, "Line 1, column 8: a value was expected, not “x”");
  g_clear_error (&error);

  node = ruhu_json_parse ("[1,\n2,\n]", -1, NULL, &error);
  g_assert_error (error, RUHU_JSON_ERROR, RUHU_JSON_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, "Line 3, column 1: a value was expected, not “]”");
  g_clear_error (&error);

  node = ruhu_json_parse ("[1.5e999]", -1, NULL, &error);
  g_assert_error (error, RUHU_JSON_ERROR, RUHU_JSON_ERROR_NUMBER_RANGE);
  g_assert_cmpstr (error->message, ==, "Line 1, column 2: the number 1.5e999 is too large");
  g_assert_null (node);
}

static void
test_root_never_null (void)
{
  const char *texts[] = {
    "null", " null ", "0", "-12", "1.5", "2e3", "\"\"", "\"\\u00e9\"", "true", "false", "[]", "{}",
  };
  char unterminated[] = { '[', '1', ']', 'x' };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(JsonNode) root = parse_ok (texts[i]);

      g_assert_nonnull (root);
    }
  node = parse_ok ("null");
  g_assert_cmpint (json_node_get_node_type (node), ==, JSON_NODE_NULL);

  /* With a length, the bytes after it are never read. */
  g_clear_pointer (&node, json_node_unref);
  node = ruhu_json_parse (unterminated, 3, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_array_get_length (json_node_get_array (node)), ==, 1);
  assert_refused (unterminated, 4, NULL, RUHU_JSON_ERROR_SYNTAX);

  /* Heap copies without a terminator let AddressSanitizer catch a read
   * past the end, by us or by json-glib. */
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *exact = g_memdup2 (texts[i], strlen (texts[i]));
      g_autoptr(JsonNode) root = ruhu_json_parse (exact, strlen (texts[i]), NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (root);
    }
}

/* Random damage to valid text must give either an error or a tree whose
 * canonical form is stable; `--seed=` replays a failure. */
static void
test_mutations (void)
{
  const char *seeds[] = {
    "{\"name\":\"\u5f20\u4e09\",\"age\":67,\"income\":[1.5e3,-0,true,null],\"x\":{\"\":\"\\n\"}}",
    "[[[[1,2,{\"a\":[]}]]],\"\xe4\xb8\xad\\ud834\\udd1e\",9223372036854775807,-1e-9]",
  };
  const char bytes[] = "[]{}\",:\\u0123456789.eE+-tfnrl \n\x00\x80\xbf\xc3\xed\xf0\xff";

  for (guint i = 0; i < 20000; i++)
    {
      g_autoptr(GString) text = g_string_new (seeds[i % G_N_ELEMENTS (seeds)]);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = NULL;
      guint edits = (guint) g_test_rand_int_range (1, 4);

      for (guint e = 0; e < edits; e++)
        {
          gsize at = (gsize) g_test_rand_int_range (0, (gint32) text->len);
          char c = bytes[g_test_rand_int_range (0, sizeof bytes - 1)];

          switch (g_test_rand_int_range (0, 3))
            {
            case 0: text->str[at] = c; break;
            case 1: g_string_insert_len (text, (gssize) at, &c, 1); break;
            default: g_string_erase (text, (gssize) at, 1); break;
            }
        }
      root = ruhu_json_parse (text->str, (gssize) text->len, NULL, &error);
      if (root == NULL)
        {
          g_assert_true (error != NULL && error->domain == RUHU_JSON_ERROR);
        }
      else
        {
          g_autofree char *canonical = NULL;

          g_assert_no_error (error);
          canonical = assert_canonical_stable (root);
        }
    }
}

static void
test_io (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ruhu-json-XXXXXX", &error);
  g_autofree char *missing = NULL;

  g_assert_no_error (error);
  missing = g_build_filename (dir, "missing.json", NULL);
  node = ruhu_json_parse_file (missing, NULL, &error);
  g_assert_error (error, RUHU_JSON_ERROR, RUHU_JSON_ERROR_IO);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_null (node);
  g_clear_error (&error);

  node = ruhu_json_parse_file (dir, NULL, &error);
  g_assert_error (error, RUHU_JSON_ERROR, RUHU_JSON_ERROR_IO);
  g_assert_null (node);
  g_rmdir (dir);
}

static void
test_file_limits (void)
{
  RuhuJsonLimits limits = { .max_bytes = 16 };
  g_autofree char *at_limit = write_temp_file ("[1,2,3,4,5,6,78]", -1);
  g_autofree char *over = write_temp_file ("[1,2,3,4,5,6,789]", -1);
  g_autofree char *bad = write_temp_file ("{\n\"a\": [1,]}", -1);
  g_autofree char *empty = write_temp_file ("", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  node = ruhu_json_parse_file (at_limit, &limits, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_clear_pointer (&node, json_node_unref);

  node = ruhu_json_parse_file (over, &limits, &error);
  g_assert_error (error, RUHU_JSON_ERROR, RUHU_JSON_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, over));
  g_assert_null (node);
  g_clear_error (&error);

  node = ruhu_json_parse_file (bad, NULL, &error);
  g_assert_error (error, RUHU_JSON_ERROR, RUHU_JSON_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, bad));
  g_assert_true (g_str_has_suffix (error->message,
                                   ": Line 2, column 9: a value was expected, not “]”"));
  g_clear_error (&error);

  node = ruhu_json_parse_file (empty, NULL, &error);
  g_assert_error (error, RUHU_JSON_ERROR, RUHU_JSON_ERROR_EMPTY);
  g_assert_null (node);

  g_unlink (at_limit);
  g_unlink (over);
  g_unlink (bad);
  g_unlink (empty);
}

static void
test_canonical_objects (void)
{
  assert_canonical (" { \"b\" : 1 , \"a\" : [ true , false , null ] ,\n \"c\" : { \"z\" : \"\" , \"y\" : -0 } } ",
                    "{\"a\":[true,false,null],\"b\":1,\"c\":{\"y\":0,\"z\":\"\"}}");
  /* Keys sort by their UTF-8 bytes, which is code point order. */
  assert_canonical ("{\"b\":1,\"é\":2,\"a\":3,\"B\":4,\"\":5,\"aa\":6,\"中\":7,\"\\ud834\\udd1e\":8}",
                    "{\"\":5,\"B\":4,\"a\":3,\"aa\":6,\"b\":1,\"é\":2,\"中\":7,\"\xf0\x9d\x84\x9e\":8}");
  assert_canonical ("[[],{},[{}],{\"k\":[]}]", "[[],{},[{}],{\"k\":[]}]");
  assert_canonical ("[-9223372036854775808,9223372036854775807,0,-1]",
                    "[-9223372036854775808,9223372036854775807,0,-1]");
  assert_canonical ("\"top\"", "\"top\"");
}

static void
test_canonical_strings (void)
{
  assert_canonical ("[\"q\\\"b\\\\s\\/n\\nt\\tc\\u0001d\\u007fe\\u00e9\\ud834\\udd1e\\b\\f\\r\\u001F\"]",
                    "[\"q\\\"b\\\\s/n\\nt\\tc\\u0001d\x7f" "e\xc3\xa9\xf0\x9d\x84\x9e\\b\\f\\r\\u001f\"]");
  assert_canonical ("{\"a\\nb\":\"\\u2028\"}", "{\"a\\nb\":\"\xe2\x80\xa8\"}");
}

static void
test_canonical_doubles (void)
{
  const struct
  {
    double      value;
    const char *expected;
  } cases[] = {
    { 1.0, "1.0" }, { 0.0, "0.0" }, { -0.0, "-0.0" }, { 0.1, "0.1" }, { -2.5, "-2.5" },
    { 100.0, "100.0" }, { 123.456, "123.456" }, { 1.0 / 3.0, "0.3333333333333333" },
    { 0.1 + 0.2, "0.30000000000000004" }, { 1e20, "100000000000000000000.0" },
    { 1e21, "1e+21" }, { 1.5e300, "1.5e+300" }, { 1e-6, "0.000001" }, { 1.5e-6, "0.0000015" },
    { 1e-7, "1e-7" }, { 1.5e-7, "1.5e-7" }, { 5e-324, "5e-324" },
    { DBL_MAX, "1.7976931348623157e+308" }, { -DBL_MIN, "-2.2250738585072014e-308" },
    { 9007199254740993.0, "9007199254740992.0" }, { 123456789.0, "123456789.0" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = json_node_init_double (json_node_alloc (), cases[i].value);
      g_autofree char *canonical = assert_canonical_stable (node);
      g_autoptr(JsonNode) back = parse_ok (canonical);

      g_assert_cmpstr (canonical, ==, cases[i].expected);
      g_assert_cmpint (json_node_get_value_type (back), ==, G_TYPE_DOUBLE);
      g_assert_true (memcmp (&cases[i].value, &(double) { json_node_get_double (back) },
                             sizeof (double)) == 0);
    }
  assert_canonical ("[1E2,1.50,-0.0,0e0,12.5e-1]", "[100.0,1.5,-0.0,0.0,1.25]");
}

static void
test_canonical_unusual_trees (void)
{
  g_autoptr(JsonNode) nan = json_node_init_double (json_node_alloc (), NAN);
  g_autoptr(JsonNode) inf = json_node_init_double (json_node_alloc (), -INFINITY);
  g_autoptr(JsonNode) null_string = json_node_init_string (json_node_alloc (), NULL);
  g_autofree char *a = ruhu_json_canonical (nan);
  g_autofree char *b = ruhu_json_canonical (inf);
  g_autofree char *c = ruhu_json_canonical (null_string);

  g_assert_cmpstr (a, ==, "null");
  g_assert_cmpstr (b, ==, "null");
  g_assert_cmpstr (c, ==, "null");
}

static void
test_canonical_round_trip (void)
{
  const char *text =
    "{\"household\": {\"members\": [{\"name\": \"张三\", \"age\": 67, \"income_fen\": 123456},\n"
    "  {\"name\": \"Li \\\"Si\\\"\", \"age\": 12, \"disabled\": true, \"note\": null}],\n"
    "  \"area_m2\": 45.5, \"lat\": 29.8252, \"lon\": 106.4305, \"tags\": [\"a\\tb\", \"\"]}}";
  g_autoptr(JsonNode) node = parse_ok (text);
  g_autofree char *canonical = assert_canonical_stable (node);

  g_assert_cmpstr (canonical, ==,
                   "{\"household\":{\"area_m2\":45.5,\"lat\":29.8252,\"lon\":106.4305,"
                   "\"members\":[{\"age\":67,\"income_fen\":123456,\"name\":\"张三\"},"
                   "{\"age\":12,\"disabled\":true,\"name\":\"Li \\\"Si\\\"\",\"note\":null}],"
                   "\"tags\":[\"a\\tb\",\"\"]}}");
}

int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: nothing here touches the XDG folders, and
   * the temporary files come from g_file_open_tmp(). */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ruhu/json/error/empty", test_empty);
  g_test_add_func ("/ruhu/json/error/too-large", test_too_large);
  g_test_add_func ("/ruhu/json/error/too-deep", test_too_deep);
  g_test_add_func ("/ruhu/json/error/very-deep-does-not-crash", test_very_deep_does_not_crash);
  g_test_add_func ("/ruhu/json/error/syntax", test_syntax);
  g_test_add_func ("/ruhu/json/error/encoding", test_encoding);
  g_test_add_func ("/ruhu/json/error/duplicate-keys", test_duplicate_keys);
  g_test_add_func ("/ruhu/json/error/number-range", test_number_range);
  g_test_add_func ("/ruhu/json/error/io", test_io);
  g_test_add_func ("/ruhu/json/error/message-location", test_message_location);
  g_test_add_func ("/ruhu/json/parse/strings-decoded", test_strings_decoded);
  g_test_add_func ("/ruhu/json/parse/root-never-null", test_root_never_null);
  g_test_add_func ("/ruhu/json/parse/file-limits", test_file_limits);
  g_test_add_func ("/ruhu/json/parse/mutations", test_mutations);
  g_test_add_func ("/ruhu/json/canonical/objects", test_canonical_objects);
  g_test_add_func ("/ruhu/json/canonical/strings", test_canonical_strings);
  g_test_add_func ("/ruhu/json/canonical/doubles", test_canonical_doubles);
  g_test_add_func ("/ruhu/json/canonical/unusual-trees", test_canonical_unusual_trees);
  g_test_add_func ("/ruhu/json/canonical/round-trip", test_canonical_round_trip);
  g_test_add_func ("/ruhu/json/suite/tables-match-files", test_suite_tables_match_files);
  add_suite_tests ();

  return g_test_run ();
}
