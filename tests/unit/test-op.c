/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-json.h"
#include "ruhu-op.h"

#define ENTITY "6f1c2b1e-3d4a-4c5b-9e6f-0a1b2c3d4e5f"
#define CASE   "0e0c8c4a-2f7b-4f3e-8a6d-5b4c3d2e1f00"
#define OPID   "a8e5d7c2-1b3f-4e6a-9c8d-7f6e5d4c3b2a"
#define V1     "018bcfe56800.0000@tablet-1"
#define V2     "018bcfe56801.0000@tablet-2"

static const char good_op[] =
  "{\"id\":\"" OPID "\",\"entity\":\"" ENTITY "\",\"kind\":\"member\",\"case\":\"" CASE "\","
  "\"parent\":null,\"field\":\"income_wage\",\"value\":120000,\"v\":\"" V2 "\","
  "\"bases\":[\"" V1 "\"],\"actor\":\"zhang.wei\",\"device\":\"tablet-2\"}";

static RuhuOp *
parse_op (const char  *text,
          GError     **error)
{
  g_autoptr(JsonNode) node = ruhu_json_parse (text, -1, NULL, NULL);

  g_assert_nonnull (node);
  return ruhu_op_from_json (node, error);
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuOp) op = parse_op (good_op, &error);
  g_autoptr(JsonNode) back = NULL;
  g_autoptr(RuhuOp) again = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (op->device, ==, "tablet-2");
  g_assert_cmpstr (op->bases[0], ==, V1);
  g_assert_null (op->bases[1]);
  g_assert_null (op->parent);
  g_assert_cmpint (json_node_get_int (op->value), ==, 120000);

  back = ruhu_op_to_json (op);
  again = ruhu_op_from_json (back, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->version, ==, op->version);
  g_assert_cmpstr (again->field, ==, op->field);
}

static void
test_bases_are_sorted (void)
{
  const char *bases[] = { "018bcfe56802.0000@b", "018bcfe56801.0000@a", NULL };
  g_autoptr(JsonNode) value = json_node_init_int (json_node_alloc (), 1);
  g_autoptr(RuhuOp) op = ruhu_op_new (OPID, ENTITY, "member", CASE, NULL, "age", value,
                                      "018bcfe56803.0000@c", bases, "li", NULL);

  g_assert_nonnull (op);
  g_assert_cmpstr (op->bases[0], ==, "018bcfe56801.0000@a");
  g_assert_cmpstr (op->bases[1], ==, "018bcfe56802.0000@b");
}

typedef struct
{
  const char *from;
  const char *to;
  const char *why;
} Mutation;

/* Each mutation of the good operation must be refused with a message. */
static const Mutation bad_ops[] = {
  { "\"id\":\"" OPID "\"", "\"id\":\"not-a-uuid\"", "bad id" },
  { "\"kind\":\"member\"", "\"kind\":\"Member\"", "kind with a capital" },
  { "\"kind\":\"member\"", "\"kind\":1", "kind not text" },
  { "\"field\":\"income_wage\"", "\"field\":\"income wage\"", "field with a space" },
  { "\"field\":\"income_wage\"", "\"field\":\"\"", "empty field" },
  { "\"v\":\"" V2 "\"", "\"v\":\"yesterday\"", "version without a timestamp" },
  { "\"v\":\"" V2 "\"", "\"v\":\"018bcfe56801.0000@tab@let\"", "two @ in version" },
  { "\"device\":\"tablet-2\"", "\"device\":\"tablet-3\"", "device mismatch" },
  { "\"bases\":[\"" V1 "\"]", "\"bases\":\"" V1 "\"", "bases not a list" },
  { "\"bases\":[\"" V1 "\"]", "\"bases\":[\"" V1 "\",\"" V1 "\"]", "duplicate base" },
  { "\"bases\":[\"" V1 "\"]", "\"bases\":[\"" V2 "\"]", "names itself" },
  { "\"bases\":[\"" V1 "\"]", "\"bases\":[7]", "base not text" },
  { "\"parent\":null", "\"parent\":\"" ENTITY "\"", "own parent" },
  { "\"parent\":null", "\"parent\":5", "parent not text" },
  { "\"actor\":\"zhang.wei\"", "\"actor\":\"\"", "empty actor" },
  { "\"parent\":null,", "\"parent\":null,\"extra\":1,", "unknown member" },
  { "\"case\":\"" CASE "\",", "", "missing case" },
  { "\"value\":120000,", "", "missing value" },
  { "\"field\":\"income_wage\",\"value\":120000", "\"field\":\"_deleted\",\"value\":\"yes\"",
    "deletion marker not boolean" },
};

static void
test_refuses_bad_ops (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_ops); i++)
    {
      g_autoptr(GString) text = g_string_new (good_op);
      g_autoptr(GError) error = NULL;
      g_autoptr(RuhuOp) op = NULL;

      g_assert_cmpuint (g_string_replace (text, bad_ops[i].from, bad_ops[i].to, 1), ==, 1);
      op = parse_op (text->str, &error);
      if (op != NULL)
        g_error ("accepted an operation with %s", bad_ops[i].why);
      g_assert_error (error, RUHU_OP_ERROR, RUHU_OP_ERROR_INVALID);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_refuses_non_objects (void)
{
  const char *texts[] = { "[]", "1", "null", "\"op\"" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RuhuOp) op = parse_op (texts[i], &error);

      g_assert_null (op);
      g_assert_error (error, RUHU_OP_ERROR, RUHU_OP_ERROR_INVALID);
    }
}

static void
test_names (void)
{
  g_assert_true (ruhu_is_valid_name ("income_wage", FALSE));
  g_assert_true (ruhu_is_valid_name ("_deleted", TRUE));
  g_assert_false (ruhu_is_valid_name ("_deleted", FALSE));
  g_assert_false (ruhu_is_valid_name ("9lives", FALSE));
  g_assert_false (ruhu_is_valid_name ("_", TRUE));
  g_assert_false (ruhu_is_valid_name ("收入", FALSE));
  g_assert_true (ruhu_is_valid_device_id ("3f2a-b_9"));
  g_assert_false (ruhu_is_valid_device_id ("a@b"));
  g_assert_false (ruhu_is_valid_device_id (""));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ruhu/op/round-trip", test_round_trip);
  g_test_add_func ("/ruhu/op/bases-are-sorted", test_bases_are_sorted);
  g_test_add_func ("/ruhu/op/refuses-bad-ops", test_refuses_bad_ops);
  g_test_add_func ("/ruhu/op/refuses-non-objects", test_refuses_non_objects);
  g_test_add_func ("/ruhu/op/names", test_names);
  return g_test_run ();
}
