/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-demo.h"
#include "ruhu-json.h"
#include "ruhu-op.h"
#include "test-util.h"

/* ruhu_op_list_read() against the ordinary way (ruhu_json_parse() and
 * ruhu_op_list_from_groups()): whatever it accepts, the ordinary way
 * accepts, with the same operations and the same other members; and it
 * accepts every well-formed text. Checked on demo cases, on values of every
 * kind (those of the JSON test suite among them), and on thousands of
 * texts spoilt one byte at a time. */

#define MEMBER "entities"
#define ENTITY "4d1b7a3e-5f2c-4e8a-9b6d-0c1e2f3a4b5c"
#define CASE   "7e2f8a9b-1c3d-4e5f-8a6b-9c0d1e2f3a4b"
#define OPID   "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"
#define OPID2  "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e"
#define V1     "018bcfe56800.0000@tablet-2"

/* A page as a pull sends it: groups and other members, one of them nested. */
static const char page[] =
  "{\"cursor\":41,\"more\":true,\"entities\":[{\"entity\":\"" ENTITY "\",\"kind\":\"member\","
  "\"case\":\"" CASE "\",\"parent\":null,\"actor\":\"zhang.wei\",\"device\":\"tablet-2\","
  "\"versions\":[[\"age\",40,\"018bcfe56800.0000\",[],\"" OPID "\"],"
  "[\"name\",\"\\u5f20 \\\"\\u4f1f\\\"\",\"018bcfe56801.0000\",[\"" V1 "\"],\"" OPID2 "\"]]}],"
  "\"note\":{\"a\":[1,2.5,null,false],\"b\":\"x\"}}";

static char *
canonical_op (RuhuOp *op)
{
  g_autoptr(JsonNode) node = ruhu_op_to_json (op);

  return ruhu_json_canonical (node);
}

static char *
canonical_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return ruhu_json_canonical (node);
}

/* The ordinary way, for the same answer. */
static GPtrArray *
read_by_tree (const char  *text,
              gsize        length,
              guint        max_ops,
              JsonObject **rest)
{
  g_autoptr(JsonNode) root = ruhu_json_parse (text, length, NULL, NULL);
  JsonObject *object;
  GPtrArray *ops;

  *rest = NULL;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member ((object = json_node_get_object (root)), MEMBER))
    return NULL;
  ops = ruhu_op_list_from_groups (json_object_get_member (object, MEMBER), max_ops, NULL, NULL);
  if (ops == NULL)
    return NULL;
  json_object_remove_member (object, MEMBER);
  *rest = json_object_ref (object);
  return ops;
}

static void
assert_same_ops (GPtrArray *a,
                 GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      g_autofree char *x = canonical_op (g_ptr_array_index (a, i));
      g_autofree char *y = canonical_op (g_ptr_array_index (b, i));

      g_assert_cmpstr (x, ==, y);
    }
}

/* Both ways give the same, or both refuse. Returns whether they read it. */
static gboolean
assert_same_reading (const char *text,
                     gsize       length,
                     guint       max_ops)
{
  g_autoptr(JsonObject) rest = NULL;
  g_autoptr(JsonObject) tree_rest = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ops = ruhu_op_list_read (text, length, NULL, MEMBER, max_ops, &rest,
                                                &error);
  g_autoptr(GPtrArray) tree_ops = read_by_tree (text, length, max_ops, &tree_rest);

  if (ops == NULL)
    {
      g_assert_error (error, RUHU_OP_ERROR, RUHU_OP_ERROR_INVALID);
      if (tree_ops != NULL)
        g_error ("Only the ordinary way read: %.*s", (int) length, text);
      return FALSE;
    }
  g_assert_no_error (error);
  if (tree_ops == NULL)
    g_error ("Only the direct reader read: %.*s", (int) length, text);
  assert_same_ops (ops, tree_ops);
  {
    g_autofree char *x = canonical_object (rest);
    g_autofree char *y = canonical_object (tree_rest);

    g_assert_cmpstr (x, ==, y);
  }
  return TRUE;
}

static void
test_page (void)
{
  g_assert_true (assert_same_reading (page, strlen (page), 0));
  g_assert_true (assert_same_reading (page, strlen (page), 2));
  g_assert_false (assert_same_reading (page, strlen (page), 1));
}

/* Demo cases, as a push sends them: read back both ways, and written
 * without a tree as ruhu_json_canonical() writes the tree. */
static void
test_demo (void)
{
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *text = NULL;
  gint64 last = 0;

  g_assert_true (ruhu_demo_generate (store, 12, 3, "demo", NULL, &error));
  g_assert_no_error (error);
  ops = ruhu_store_feed_select (store, 0, 100000, 100000, NULL, NULL, &last, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ops->len, >, 1000);
  body = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (body, json_object_new ());
  json_object_set_member (json_node_get_object (body), MEMBER, ruhu_op_list_to_groups (ops));
  text = ruhu_json_canonical (body);
  g_assert_true (assert_same_reading (text, strlen (text), 0));
  {
    g_autoptr(JsonObject) rest = NULL;
    g_autoptr(GPtrArray) read = ruhu_op_list_read (text, strlen (text), NULL, MEMBER, 0, &rest,
                                                   &error);

    g_assert_no_error (error);
    assert_same_ops (read, ops);
    g_assert_cmpuint (json_object_get_size (rest), ==, 0);
  }
  {
    /* Written without the tree, the text is the same. */
    g_autoptr(GString) written = g_string_new ("{\"" MEMBER "\":");

    ruhu_op_list_write_groups (written, ops);
    g_string_append_c (written, '}');
    g_assert_cmpstr (written->str, ==, text);
    g_string_truncate (written, 0);
    g_ptr_array_set_size (ops, 0);
    ruhu_op_list_write_groups (written, ops);
    g_assert_cmpstr (written->str, ==, "[]");
  }
}

/* Every valid text of the JSON test suite as a version's value. */
static void
test_values (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "json-test-suite", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint read = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *value = NULL;
      g_autoptr(GString) text = g_string_new (page);
      gsize length;

      if (!g_str_has_prefix (name, "y_") || !g_file_get_contents (path, &value, &length, NULL) ||
          memchr (value, '\0', length) != NULL)
        continue;
      g_assert_cmpuint (g_string_replace (text, ",40,", ",\001,", 1), ==, 1);
      g_string_replace (text, "\001", value, 1);
      read += assert_same_reading (text->str, text->len, 0);
    }
  /* Most are read; the others the ordinary way refuses too (duplicate
   * keys, numbers out of range, a byte-order mark…). */
  g_assert_cmpuint (read, >, 80);
}

/* The page spoilt one byte at a time: cut short, a byte left out, a byte
 * changed into each of a few that matter to the grammar. */
static void
test_spoilt (void)
{
  static const char replacements[] = "\"\\,:[]{}0-.ex n";
  gsize length = strlen (page);
  guint read = 0, cases = 0;

  for (gsize i = 0; i < length; i++)
    {
      g_autofree char *text = g_strdup (page);

      cases++;
      read += assert_same_reading (page, i, 0);
      memmove (text + i, text + i + 1, length - i);
      cases++;
      read += assert_same_reading (text, length - 1, 0);
      for (const char *r = replacements; *r != '\0'; r++)
        {
          memcpy (text, page, length + 1);
          if (text[i] == *r)
            continue;
          text[i] = *r;
          cases++;
          read += assert_same_reading (text, length, 0);
        }
    }
  g_test_message ("%u spoilt texts, %u still read", cases, read);
  g_assert_cmpuint (read, >, 0);
  g_assert_cmpuint (read, <, cases);
}

/* What a group's versions share is checked once for the group: each
 * member spoilt is refused, as the ordinary way refuses it for every
 * version, and a valid change is read. */
static void
test_group_members (void)
{
  static const struct
  {
    const char *from;
    const char *to;
    gboolean    read;
  } changes[] = {
    { "\"entity\":\"" ENTITY "\"", "\"entity\":\"4d1b7a3e\"", FALSE },
    { "\"case\":\"" CASE "\"", "\"case\":\"not-a-case\"", FALSE },
    { "\"parent\":null", "\"parent\":\"nope\"", FALSE },
    { "\"parent\":null", "\"parent\":\"" ENTITY "\"", FALSE },
    { "\"kind\":\"member\"", "\"kind\":\"Member!\"", FALSE },
    { "\"actor\":\"zhang.wei\"", "\"actor\":\"\"", FALSE },
    { "\"parent\":null", "\"parent\":\"" CASE "\"", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autoptr(GString) text = g_string_new (page);

      g_assert_cmpuint (g_string_replace (text, changes[i].from, changes[i].to, 1), ==, 1);
      g_assert_cmpint (assert_same_reading (text->str, text->len, 0), ==, changes[i].read);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ruhu/op-read/page", test_page);
  g_test_add_func ("/ruhu/op-read/demo", test_demo);
  g_test_add_func ("/ruhu/op-read/values", test_values);
  g_test_add_func ("/ruhu/op-read/spoilt", test_spoilt);
  g_test_add_func ("/ruhu/op-read/group-members", test_group_members);
  return g_test_run ();
}
