/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "case-list-expect.h"
#include "ruhu-date.h"

/* What the case list should show, computed from the store through its
 * public API (and the workflow's, for states and deadlines), independently
 * of the list's own read path. */

char *
expect_get_text (RuhuStore  *store,
                 const char *entity,
                 const char *field)
{
  g_autoptr(JsonNode) node = ruhu_store_get_value (store, entity, field, NULL);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? g_strdup (json_node_get_string (node)) : NULL;
}

/* The live entities of @kind, optionally of one case. */
GPtrArray *
expect_entities_of (RuhuStore  *store,
                    const char *case_id,
                    const char *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = ruhu_store_list_entities (store, case_id, &error);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (all, i);

      if (!info->deleted && g_str_equal (info->kind, kind))
        g_ptr_array_add (found, g_strdup (info->id));
    }
  return found;
}

gboolean
expect_contains (const char *text,
                 const char *part)
{
  return text != NULL && strstr (text, part) != NULL;
}

/* Whether any member's ID number ends in four characters containing @part. */
static gboolean
id_tail_contains (RuhuStore  *store,
                  const char *case_id,
                  const char *part)
{
  g_autoptr(GPtrArray) members = expect_entities_of (store, case_id, "member");

  for (guint i = 0; i < members->len; i++)
    {
      g_autofree char *id_number = expect_get_text (store, g_ptr_array_index (members, i), "id_number");

      if (id_number != NULL && strlen (id_number) >= 4 &&
          expect_contains (id_number + strlen (id_number) - 4, part))
        return TRUE;
    }
  return FALSE;
}

/* The households of the store that pass @test. */
GHashTable *
expect_cases (RuhuStore      *store,
              ExpectCaseTest  test,
              gconstpointer   data)
{
  g_autoptr(GPtrArray) households = expect_entities_of (store, NULL, "household");
  GHashTable *expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < households->len; i++)
    {
      const char *case_id = g_ptr_array_index (households, i);

      if (test (store, case_id, data))
        g_hash_table_add (expected, g_strdup (case_id));
    }
  return expected;
}

gboolean
expect_matches_search (RuhuStore     *store,
                       const char    *case_id,
                       gconstpointer  data)
{
  g_autofree char *head = expect_get_text (store, case_id, "head_name");
  g_autofree char *village = expect_get_text (store, case_id, "village_name");

  return expect_contains (head, data) || expect_contains (village, data) ||
         id_tail_contains (store, case_id, data);
}

gboolean
expect_every_case (RuhuStore *store, const char *case_id, gconstpointer data)
{
  return TRUE;
}

gboolean
expect_has_conflicts (RuhuStore *store, const char *case_id, gconstpointer data)
{
  g_autoptr(GPtrArray) conflicts = ruhu_store_list_conflicts (store, case_id, NULL);

  return conflicts->len > 0;
}

gboolean
expect_is_unsynced (RuhuStore *store, const char *case_id, gconstpointer data)
{
  g_autoptr(GPtrArray) outbox = ruhu_store_outbox_peek (store, 100000, NULL);

  for (guint i = 0; i < outbox->len; i++)
    if (g_str_equal (((RuhuOp *) g_ptr_array_index (outbox, i))->case_id, case_id))
      return TRUE;
  return FALSE;
}

/* Whether an assignment of the case lists @actor (each case here has at
 * most one). */
static gboolean
team_lists (RuhuStore  *store,
            const char *case_id,
            const char *actor)
{
  g_autoptr(GPtrArray) teams = expect_entities_of (store, case_id, "assignment");

  for (guint i = 0; i < teams->len; i++)
    {
      g_autoptr(JsonNode) node = ruhu_store_get_value (store, g_ptr_array_index (teams, i),
                                                       "investigators", NULL);
      JsonArray *array = json_node_get_array (node);

      for (guint j = 0; j < json_array_get_length (array); j++)
        if (g_strcmp0 (json_array_get_string_element (array, j), actor) == 0)
          return TRUE;
    }
  return FALSE;
}

gboolean
expect_is_assigned (RuhuStore *store, const char *case_id, gconstpointer data)
{
  g_autoptr(GPtrArray) sheets = expect_entities_of (store, case_id, "check_sheet");

  if (team_lists (store, case_id, data))
    return TRUE;
  for (guint i = 0; i < sheets->len; i++)
    {
      g_autofree char *first = expect_get_text (store, g_ptr_array_index (sheets, i), "investigator_1");
      g_autofree char *second = expect_get_text (store, g_ptr_array_index (sheets, i), "investigator_2");

      if (g_strcmp0 (first, data) == 0 || g_strcmp0 (second, data) == 0)
        return TRUE;
    }
  return FALSE;
}

RuhuCaseFlow *
expect_read_flow (RuhuStore  *store,
                  const char *case_id)
{
  g_autoptr(GError) error = NULL;
  RuhuCaseFlow *flow = ruhu_case_flow_read (store, case_id, &error);

  g_assert_no_error (error);
  return flow;
}

gboolean
expect_is_in_state (RuhuStore *store, const char *case_id, gconstpointer data)
{
  g_autoptr(RuhuCaseFlow) flow = expect_read_flow (store, case_id);

  return (int) flow->state == GPOINTER_TO_INT (data);
}

gboolean
expect_is_returned_to_me (RuhuStore *store, const char *case_id, gconstpointer data)
{
  g_autoptr(RuhuCaseFlow) flow = expect_read_flow (store, case_id);
  const RuhuTransition *last = NULL;

  for (guint i = 0; i < flow->transitions->len; i++)
    if (((RuhuTransition *) g_ptr_array_index (flow->transitions, i))->counted)
      last = g_ptr_array_index (flow->transitions, i);
  return last != NULL && last->step == RUHU_STEP_RETURN && expect_is_assigned (store, case_id, data);
}

gboolean
expect_has_category (RuhuStore *store, const char *case_id, gconstpointer data)
{
  g_autofree char *category = expect_get_text (store, case_id, "category");

  return g_strcmp0 (category, data) == 0;
}

/* The next deadline as the workflow's clock finds it on the demo's now. */
gboolean
expect_is_overdue (RuhuStore *store, const char *case_id, gconstpointer data)
{
  g_autoptr(RuhuCalendar) calendar = ruhu_calendar_load_default (NULL);
  g_autoptr(RuhuCaseFlow) flow = expect_read_flow (store, case_id);
  GDate today = ruhu_date_make (2025, 6, 16);
  RuhuCaseDeadline deadline;

  g_assert_true (ruhu_case_flow_next_deadline (flow, calendar, &today, &deadline, NULL));
  return deadline.kind != RUHU_CASE_DEADLINE_NONE &&
         deadline.status.state == RUHU_DEADLINE_STATE_OVERDUE;
}
