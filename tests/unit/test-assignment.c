/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-assignment.h"
#include "ruhu-json.h"
#include "ruhu-roster.h"
#include "test-util.h"

/* Investigation teams in a store (shared/ruhu-assignment.c) and the roster
 * a supervisor's device keeps (shared/ruhu-roster.c). */

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = ruhu_json_parse (json, -1, NULL, &error);

  g_assert_no_error (error);
  return node;
}

static void
test_parse_team (void)
{
  const struct
  {
    const char *json;
    const char *expected;  /* the ids joined by '|', NULL for none */
  } cases[] = {
    { "\"li.na zhao.min\"", "li.na|zhao.min" },
    { "\"  li.na   zhao.min li.na \"", "li.na|zhao.min" },
    { "[\"li.na\", \"zhao.min\", \"li.na\"]", "li.na|zhao.min" },
    { "[\"li.na\", 3, null]", "li.na" },
    { "\"\"", NULL },
    { "[]", NULL },
    { "null", NULL },
    { "42", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].json);
      g_auto(GStrv) team = ruhu_assignment_parse_team (node);
      g_autofree char *joined = team != NULL ? g_strjoinv ("|", team) : NULL;

      g_assert_cmpstr (joined, ==, cases[i].expected);
    }
  g_assert_null (ruhu_assignment_parse_team (NULL));
}

static void
test_team_value_round_trip (void)
{
  const char * const team[] = { "li.na", "zhao.min", "wang-qiang_2", NULL };
  g_autoptr(JsonNode) value = ruhu_assignment_team_value (team);
  g_auto(GStrv) back = ruhu_assignment_parse_team (value);

  g_assert_cmpstr (json_node_get_string (value), ==, "li.na zhao.min wang-qiang_2");
  g_assert_cmpstrv (back, team);
}

static RuhuOp *
write_team (RuhuStore          *store,
            const char         *case_id,
            const char         *entity,
            const char * const *team)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = ruhu_assignment_team_value (team);
  RuhuOp *op = ruhu_store_write (store, entity, RUHU_ASSIGNMENT_KIND, case_id, case_id,
                                 RUHU_ASSIGNMENT_INVESTIGATORS, value, "sup", &error);

  g_assert_no_error (error);
  g_assert_nonnull (op);
  return op;
}

/* The newest team wins, whichever assignment entity holds it; a deleted
 * assignment does not count. */
static void
test_current_team (void)
{
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autofree char *case_id = g_uuid_string_random ();
  g_autofree char *first = g_uuid_string_random ();
  g_autofree char *second = g_uuid_string_random ();
  const char * const old_team[] = { "li.na", "zhao.min", NULL };
  const char * const new_team[] = { "li.na", "chen.jie", NULL };
  g_autoptr(JsonNode) head = test_text ("王芳");
  g_autoptr(RuhuOp) household = NULL;
  g_autoptr(RuhuOp) op1 = NULL;
  g_autoptr(RuhuOp) op2 = NULL;
  g_autoptr(RuhuOp) deletion = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  g_auto(GStrv) none = NULL;
  g_auto(GStrv) current = NULL;
  g_auto(GStrv) after_delete = NULL;

  household = ruhu_store_write (store, case_id, "household", case_id, NULL, "head_name", head,
                                "sup", &error);
  g_assert_no_error (error);
  none = ruhu_assignment_current_team (store, case_id, &version, &error);
  g_assert_no_error (error);
  g_assert_null (none);
  g_assert_null (version);

  op1 = write_team (store, case_id, first, old_team);
  op2 = write_team (store, case_id, second, new_team);
  current = ruhu_assignment_current_team (store, case_id, &version, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (current, new_team);
  g_assert_cmpstr (version, ==, op2->version);

  deletion = ruhu_store_set_deleted (store, second, TRUE, "sup", &error);
  g_assert_no_error (error);
  g_clear_pointer (&version, g_free);
  after_delete = ruhu_assignment_current_team (store, case_id, &version, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (after_delete, old_team);
  g_assert_cmpstr (version, ==, op1->version);
}

static void
test_roster_keep (void)
{
  g_autoptr(RuhuStore) store = test_memory_store ("roster passphrase");
  g_autoptr(GPtrArray) empty = NULL;
  g_autoptr(GPtrArray) roster = NULL;
  g_autoptr(JsonNode) body = parse ("{\"investigators\": ["
                                    "{\"id\": \"li.na\", \"name\": \"李娜\","
                                    " \"place\": \"500109001\"},"
                                    "{\"id\": \"zhao.min\", \"name\": \"赵敏\","
                                    " \"place\": \"500109002\"}]}");
  g_autoptr(JsonNode) bad = parse ("{\"investigators\": [{\"id\": \"li.na\"}]}");
  g_autoptr(JsonNode) no_list = parse ("{\"users\": []}");
  g_autoptr(GError) error = NULL;
  RuhuRosterEntry *entry;

  empty = ruhu_roster_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->len, ==, 0);

  g_assert_true (ruhu_roster_save (store, body, &error));
  g_assert_no_error (error);
  g_assert_false (ruhu_roster_save (store, bad, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (ruhu_roster_save (store, no_list, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* What was refused replaced nothing. */
  roster = ruhu_roster_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (roster->len, ==, 2);
  entry = g_ptr_array_index (roster, 1);
  g_assert_cmpstr (entry->user_id, ==, "zhao.min");
  g_assert_cmpstr (entry->name, ==, "赵敏");
  g_assert_cmpstr (entry->place, ==, "500109002");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ruhu/assignment/parse-team", test_parse_team);
  g_test_add_func ("/ruhu/assignment/team-value-round-trip", test_team_value_round_trip);
  g_test_add_func ("/ruhu/assignment/current-team", test_current_team);
  g_test_add_func ("/ruhu/assignment/roster-keep", test_roster_keep);
  return g_test_run ();
}
