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
  g_auto(GStrv) bases = g_strsplit ("018bcfe56802.0000@b 018bcfe56801.0000@a", " ", -1);
  g_auto(GStrv) twice = g_strsplit ("018bcfe56802.0000@b 018bcfe56802.0000@b", " ", -1);
  g_autofree char *parent = g_strdup (CASE);
  g_autoptr(JsonNode) value = json_node_init_int (json_node_alloc (), 1);
  g_autoptr(RuhuOp) op = ruhu_op_new (OPID, ENTITY, "member", CASE, parent, "age", value,
                                      "018bcfe56803.0000@c", (const char * const *) bases,
                                      "li", NULL);
  g_autoptr(RuhuOp) refused = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (op);
  /* The operation keeps copies: the caller's strings may go. */
  g_clear_pointer (&bases, g_strfreev);
  g_clear_pointer (&parent, g_free);
  g_assert_cmpstr (op->bases[0], ==, "018bcfe56801.0000@a");
  g_assert_cmpstr (op->bases[1], ==, "018bcfe56802.0000@b");
  g_assert_null (op->bases[2]);
  g_assert_cmpstr (op->parent, ==, CASE);
  g_assert_cmpstr (op->device, ==, "c");

  refused = ruhu_op_new (OPID, ENTITY, "member", CASE, NULL, "age", value,
                         "018bcfe56803.0000@c", (const char * const *) twice, "li", &error);
  g_assert_null (refused);
  g_assert_error (error, RUHU_OP_ERROR, RUHU_OP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "listed twice"));
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

/* What a store reads back keeps its bases as they are and its device comes
 * from the version; a version without one is refused, and what it was
 * given is freed (the sanitizers' leak check sees that). */
static void
test_new_stored (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuOp) op = NULL;
  RuhuOp *damaged;

  op = ruhu_op_new_stored (OPID, ENTITY, "member", CASE, NULL, "income_wage",
                           json_node_init_int (json_node_alloc (), 120000), V2,
                           g_strsplit (V1, " ", -1), "zhang.wei", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (op->device, ==, "tablet-2");
  g_assert_cmpstr (op->bases[0], ==, V1);
  g_assert_null (op->bases[1]);
  g_assert_cmpint (json_node_get_int (op->value), ==, 120000);
  g_assert_null (op->parent);

  damaged = ruhu_op_new_stored (OPID, ENTITY, "member", CASE, NULL, "income_wage",
                                json_node_init_int (json_node_alloc (), 1), "018bcfe56801.0000",
                                g_strsplit (V1, " ", -1), "zhang.wei", &error);
  g_assert_null (damaged);
  g_assert_error (error, RUHU_OP_ERROR, RUHU_OP_ERROR_INVALID);
  g_clear_error (&error);
  damaged = ruhu_op_new_stored (OPID, ENTITY, "member", CASE, NULL, "income_wage",
                                json_node_init_int (json_node_alloc (), 1), "018bcfe56801.0000@",
                                g_new0 (char *, 1), "zhang.wei", &error);
  g_assert_null (damaged);
  g_assert_error (error, RUHU_OP_ERROR, RUHU_OP_ERROR_INVALID);
}

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

static RuhuOp *
new_op (const char *id,
        const char *entity,
        const char *field,
        gint64      value,
        const char *version,
        const char *base)
{
  const char *bases[] = { base, NULL };
  g_autoptr(JsonNode) node = json_node_init_int (json_node_alloc (), value);
  g_autoptr(GError) error = NULL;
  RuhuOp *op = ruhu_op_new (id, entity, "member", CASE, NULL, field, node, version, bases,
                            "zhang.wei", &error);

  g_assert_no_error (error);
  return op;
}

#define ENTITY2 "7f1c2b1e-3d4a-4c5b-9e6f-0a1b2c3d4e5f"
#define OPID2   "b8e5d7c2-1b3f-4e6a-9c8d-7f6e5d4c3b2a"
#define OPID3   "c8e5d7c2-1b3f-4e6a-9c8d-7f6e5d4c3b2a"
#define OPID4   "d8e5d7c2-1b3f-4e6a-9c8d-7f6e5d4c3b2a"

/* Runs of one entity, actor and device share a group; the order stays. */
static void
test_groups_round_trip (void)
{
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_op_unref);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(JsonNode) groups = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_ptr_array_add (ops, new_op (OPID, ENTITY, "age", 40, V1, NULL));
  g_ptr_array_add (ops, new_op (OPID2, ENTITY, "income_wage", 1200, "018bcfe56800.0001@tablet-1",
                                NULL));
  g_ptr_array_add (ops, new_op (OPID3, ENTITY2, "age", 12, "018bcfe56800.0002@tablet-1", NULL));
  g_ptr_array_add (ops, new_op (OPID4, ENTITY, "age", 41, V2, V1));
  groups = ruhu_op_list_to_groups (ops);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (groups)), ==, 3);

  text = ruhu_json_canonical (groups);
  parsed = ruhu_json_parse (text, -1, NULL, &error);
  g_assert_no_error (error);
  back = ruhu_op_list_from_groups (parsed, 4, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, ops->len);
  for (guint i = 0; i < ops->len; i++)
    {
      g_autoptr(JsonNode) a = ruhu_op_to_json (g_ptr_array_index (ops, i));
      g_autoptr(JsonNode) b = ruhu_op_to_json (g_ptr_array_index (back, i));
      g_autofree char *a_text = ruhu_json_canonical (a);
      g_autofree char *b_text = ruhu_json_canonical (b);

      g_assert_cmpstr (a_text, ==, b_text);
    }

  g_clear_pointer (&back, g_ptr_array_unref);
  back = ruhu_op_list_from_groups (parsed, 3, NULL, &error);
  g_assert_error (error, RUHU_OP_ERROR, RUHU_OP_ERROR_TOO_MANY);
  g_assert_null (back);
}

static const char good_groups[] =
  "[{\"entity\":\"" ENTITY "\",\"kind\":\"member\",\"case\":\"" CASE "\",\"parent\":null,"
  "\"actor\":\"zhang.wei\",\"device\":\"tablet-2\",\"versions\":["
  "[\"age\",40,\"018bcfe56800.0000\",[],\"" OPID "\"],"
  "[\"income_wage\",120000,\"018bcfe56801.0000\",[\"" V1 "\"],\"" OPID2 "\"]]}]";

/* Each mutation must be refused, naming the operation at fault. */
static const struct
{
  const char *from;
  const char *to;
  guint       failed;
} bad_groups[] = {
  { "\"parent\":null,", "\"parent\":null,\"extra\":1,", 0 },
  { "\"device\":\"tablet-2\",", "", 0 },
  { "\"device\":\"tablet-2\"", "\"device\":\"tablet@2\"", 0 },
  { "\"parent\":null", "\"parent\":7", 0 },
  { "[\"" V1 "\"]", "\"" V1 "\"", 1 },
  { "[\"" V1 "\"]", "[\"018bcfe56801.0000@tablet-2\"]", 1 },
  { "\"018bcfe56801.0000\"", "\"yesterday\"", 1 },
  { ",\"" OPID2 "\"]", "]", 1 },
  { "\"income_wage\"", "\"income wage\"", 1 },
  { "\"versions\":[", "\"versions\":{\"a\":[", 0 },
};

static void
test_groups_refused (void)
{
  g_autoptr(JsonNode) good = ruhu_json_parse (good_groups, -1, NULL, NULL);
  g_autoptr(GPtrArray) ops = ruhu_op_list_from_groups (good, 0, NULL, NULL);

  g_assert_nonnull (ops);
  g_assert_cmpuint (ops->len, ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (bad_groups); i++)
    {
      g_autoptr(GString) text = g_string_new (good_groups);
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GPtrArray) bad = NULL;
      g_autoptr(GError) error = NULL;
      guint failed = G_MAXUINT;

      if (g_str_has_prefix (bad_groups[i].to, "\"versions\":{"))
        g_string_replace (text, "]]}]", "]]}}]", 1);
      g_assert_cmpuint (g_string_replace (text, bad_groups[i].from, bad_groups[i].to, 1), ==, 1);
      node = ruhu_json_parse (text->str, -1, NULL, NULL);
      g_assert_nonnull (node);
      bad = ruhu_op_list_from_groups (node, 0, &failed, &error);
      if (bad != NULL)
        g_error ("accepted groups changed from %s to %s", bad_groups[i].from, bad_groups[i].to);
      g_assert_error (error, RUHU_OP_ERROR, RUHU_OP_ERROR_INVALID);
      g_assert_cmpuint (failed, ==, bad_groups[i].failed);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ruhu/op/round-trip", test_round_trip);
  g_test_add_func ("/ruhu/op/bases-are-sorted", test_bases_are_sorted);
  g_test_add_func ("/ruhu/op/new-stored", test_new_stored);
  g_test_add_func ("/ruhu/op/refuses-bad-ops", test_refuses_bad_ops);
  g_test_add_func ("/ruhu/op/refuses-non-objects", test_refuses_non_objects);
  g_test_add_func ("/ruhu/op/names", test_names);
  g_test_add_func ("/ruhu/op/groups-round-trip", test_groups_round_trip);
  g_test_add_func ("/ruhu/op/groups-refused", test_groups_refused);
  return g_test_run ();
}
