/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-case-index.h"
#include "ruhu-date.h"
#include "ruhu-demo.h"
#include "ruhu-json.h"
#include "ruhu-store-summary.h"
#include "test-util.h"
#include "test-workflow-case.h"

/* The case list's read path (ruhu-store-summary.c, ruhu-case-index.c and
 * the index it keeps, ruhu-case-cache.c) against what the store's public
 * API says of the same demo cases, on a clear and an encrypted store. */

#define N_CASES 25
#define PASSPHRASE "case index passphrase"

typedef struct
{
  char         *dir;
  char         *path;
  RuhuStore    *store;
  GPtrArray    *case_ids;
  RuhuCalendar *calendar;
  GDate         today;
} IndexFixture;

static void
fixture_setup (IndexFixture  *f,
               gconstpointer  data)
{
  gboolean encrypted = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;

  f->dir = test_make_temp_dir ();
  f->path = g_build_filename (f->dir, "device.db", NULL);
  f->store = ruhu_store_open (f->path, RUHU_STORE_OPEN_CREATE, encrypted ? PASSPHRASE : NULL,
                              &test_kdf, &error);
  g_assert_no_error (error);
  ruhu_demo_generate (f->store, N_CASES, 7, "zhang.wei", &f->case_ids, &error);
  g_assert_no_error (error);
  f->calendar = ruhu_calendar_load_default (&error);
  g_assert_no_error (error);
  f->today = ruhu_date_make (2025, 6, 16);
}

static void
fixture_teardown (IndexFixture  *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_ptr_array_unref (f->case_ids);
  ruhu_calendar_unref (f->calendar);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static GPtrArray *
load (IndexFixture *f,
      const char   *case_id,
      const char   *actor)
{
  RuhuCaseIndexOptions options = { f->calendar, &f->today, actor };
  g_autoptr(GError) error = NULL;
  GPtrArray *infos = ruhu_case_index_load (f->store, case_id, &options, NULL, &error);

  g_assert_no_error (error);
  return infos;
}

static RuhuCaseInfo *
find_info (GPtrArray  *infos,
           const char *case_id)
{
  for (guint i = 0; i < infos->len; i++)
    if (g_str_equal (((RuhuCaseInfo *) g_ptr_array_index (infos, i))->case_id, case_id))
      return g_ptr_array_index (infos, i);
  return NULL;
}

static char *
get_text (RuhuStore  *store,
          const char *entity,
          const char *field)
{
  g_autoptr(JsonNode) node = ruhu_store_get_value (store, entity, field, NULL);

  return node != NULL ? g_strdup (json_node_get_string (node)) : NULL;
}

static char *
child_of_kind (RuhuStore  *store,
               const char *case_id,
               const char *kind)
{
  g_autoptr(GPtrArray) entities = ruhu_store_list_entities (store, case_id, NULL);

  for (guint i = 0; i < entities->len; i++)
    {
      RuhuEntityInfo *entity = g_ptr_array_index (entities, i);

      if (g_str_equal (entity->kind, kind) && !entity->deleted)
        return g_strdup (entity->id);
    }
  return NULL;
}

/* The workflow state and next deadline as ruhu_case_flow_read() and
 * ruhu_case_flow_next_deadline() find them, case by case. */
static void
assert_flow_matches (IndexFixture *f,
                     RuhuCaseInfo *info)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuCaseFlow) flow = ruhu_case_flow_read (f->store, info->case_id, &error);
  RuhuCaseDeadline deadline;

  g_assert_no_error (error);
  g_assert_true (ruhu_case_flow_next_deadline (flow, f->calendar, &f->today, &deadline, &error));
  g_assert_no_error (error);
  g_assert_cmpint (info->state, ==, flow->state);
  g_assert_cmpint (info->has_deadline, ==, deadline.kind != RUHU_CASE_DEADLINE_NONE);
  g_assert_cmpint (info->deadline_kind, ==, deadline.kind);
  if (!info->has_deadline)
    return;
  g_assert_cmpint (g_date_compare (&info->deadline, &deadline.due), ==, 0);
  g_assert_cmpint (info->deadline_status.state, ==, deadline.status.state);
  g_assert_cmpint (info->deadline_status.working_days, ==, deadline.status.working_days);
}

/* Each case as the public API reads it, field by field. */
static void
assert_matches_store (IndexFixture *f,
                      RuhuCaseInfo *info)
{
  g_autoptr(GPtrArray) entities = ruhu_store_list_entities (f->store, info->case_id, NULL);
  g_autofree char *head = get_text (f->store, info->case_id, "head_name");
  g_autofree char *village = get_text (f->store, info->case_id, "village_name");
  g_autofree char *category = get_text (f->store, info->case_id, "category");

  g_assert_cmpstr (info->head_name, ==, head);
  g_assert_cmpstr (info->village_name, ==, village);
  g_assert_cmpstr (info->category, ==, category);
  for (guint i = 0; i < entities->len; i++)
    {
      RuhuEntityInfo *entity = g_ptr_array_index (entities, i);
      g_autofree char *id_number = NULL;

      if (!g_str_equal (entity->kind, "member"))
        continue;
      id_number = get_text (f->store, entity->id, "id_number");
      g_assert_nonnull (strstr (info->id_tails, id_number + strlen (id_number) - RUHU_CASE_ID_TAIL));
      g_assert_null (strstr (info->id_tails, id_number));
    }
  assert_flow_matches (f, info);
  g_assert_false (info->assigned_to_me);
  g_assert_cmpuint (info->n_conflicts, ==, 0);
  g_assert_cmpuint (info->n_unsynced, ==, 0);
}

static void
test_every_case (IndexFixture  *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) infos = load (f, NULL, "local");

  g_assert_cmpuint (infos->len, ==, N_CASES);
  for (guint i = 0; i < f->case_ids->len; i++)
    assert_matches_store (f, find_info (infos, g_ptr_array_index (f->case_ids, i)));
}

static void
write_text (IndexFixture *f,
            const char   *entity,
            const char   *kind,
            const char   *case_id,
            const char   *parent,
            const char   *field,
            const char   *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = test_text (text);

  ruhu_op_unref (ruhu_store_write (f->store, entity, kind, case_id, parent, field, value, "local",
                                   &error));
  g_assert_no_error (error);
}

static void
write_team (IndexFixture *f,
            const char   *case_id,
            const char   *investigators)
{
  g_autofree char *entity = g_uuid_string_random ();
  g_autoptr(JsonNode) value = ruhu_json_parse (investigators, -1, NULL, NULL);
  g_autoptr(GError) error = NULL;

  ruhu_op_unref (ruhu_store_write (f->store, entity, "assignment", case_id, case_id, "investigators",
                                   value, "local", &error));
  g_assert_no_error (error);
}

static RuhuCaseInfo *
load_one (IndexFixture  *f,
          const char    *case_id,
          const char    *actor,
          GPtrArray    **infos)
{
  g_clear_pointer (infos, g_ptr_array_unref);
  *infos = load (f, case_id, actor);
  g_assert_cmpuint ((*infos)->len, ==, 1);
  return g_ptr_array_index (*infos, 0);
}

/* Steps move the case through the workflow, as ruhu_case_flow_read()
 * reads it; the assignment written last is the team. */
static void
test_steps_and_team (IndexFixture  *f,
                     gconstpointer  data)
{
  const char *case_id = g_ptr_array_index (f->case_ids, 4);
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuOp) op = NULL;
  RuhuStepInput input;
  RuhuCaseInfo *info = load_one (f, case_id, "local", &infos);

  g_assert_cmpint (info->state, ==, RUHU_CASE_STATE_APPLIED);
  g_assert_true (info->has_application);
  g_assert_cmpint (info->deadline_kind, ==, RUHU_CASE_DEADLINE_ACCEPTANCE);
  assert_flow_matches (f, info);

  test_case_input (&input, "2025-06-13T10:00:00+08:00");
  op = ruhu_workflow_take (f->store, case_id, RUHU_STEP_ACCEPT, "supervisor", &input, "local", &error);
  g_assert_no_error (error);
  info = load_one (f, case_id, "local", &infos);
  g_assert_cmpint (info->state, ==, RUHU_CASE_STATE_ACCEPTED);
  g_assert_cmpint (info->deadline_kind, ==, RUHU_CASE_DEADLINE_INVESTIGATION_START);
  assert_flow_matches (f, info);
  g_assert_false (info->assigned_to_me);
  g_assert_false (info->returned);

  /* As the assignment form writes a team: user ids apart by spaces. */
  write_team (f, case_id, "\"someone.else local\"");
  info = load_one (f, case_id, "local", &infos);
  g_assert_true (info->assigned_to_me);
  info = load_one (f, case_id, "nobody", &infos);
  g_assert_false (info->assigned_to_me);
  /* A later assignment replaces the team. */
  write_team (f, case_id, "[\"someone.else\"]");
  info = load_one (f, case_id, "local", &infos);
  g_assert_false (info->assigned_to_me);
  info = load_one (f, case_id, "someone.else", &infos);
  g_assert_true (info->assigned_to_me);
}

/* A case returned with comments is "returned" until its next step. */
static void
test_returned (IndexFixture  *f,
               gconstpointer  data)
{
  g_autofree char *case_id = test_case_new_complete (f->store, "tekun");
  g_autoptr(GPtrArray) infos = NULL;
  RuhuCaseInfo *info;

  test_case_walk (f->store, case_id, RUHU_CASE_STATE_INVESTIGATED);
  info = load_one (f, case_id, TEST_ACTOR, &infos);
  g_assert_cmpint (info->state, ==, RUHU_CASE_STATE_INVESTIGATED);
  g_assert_false (info->returned);
  test_case_take (f->store, case_id, RUHU_STEP_RETURN, "supervisor", "2025-09-08T10:00:00+08:00");
  info = load_one (f, case_id, TEST_ACTOR, &infos);
  g_assert_cmpint (info->state, ==, RUHU_CASE_STATE_INVESTIGATING);
  g_assert_true (info->returned);
  g_assert_cmpint (info->deadline_kind, ==, RUHU_CASE_DEADLINE_REPORT);
  assert_flow_matches (f, info);
  test_case_take (f->store, case_id, RUHU_STEP_FINISH_INVESTIGATION, "investigator",
                  "2025-09-09T10:00:00+08:00");
  info = load_one (f, case_id, TEST_ACTOR, &infos);
  g_assert_false (info->returned);
  assert_flow_matches (f, info);
}

static gboolean
holds_bytes (const char *data,
             gsize       length,
             const char *part)
{
  gsize part_length = strlen (part);

  for (gsize i = 0; i + part_length <= length; i++)
    if (memcmp (data + i, part, part_length) == 0)
      return TRUE;
  return FALSE;
}

/* The index kept next to the store: sealed, brought up to date case by
 * case, and made again for another user. */
static void
test_kept_index (IndexFixture  *f,
                 gconstpointer  data)
{
  gboolean encrypted = GPOINTER_TO_INT (data);
  const char *renamed = g_ptr_array_index (f->case_ids, 2);
  const char *deleted = g_ptr_array_index (f->case_ids, 3);
  g_autofree char *cache_path = ruhu_store_summary_cache_path (f->store);
  g_autofree char *head = get_text (f->store, renamed, "head_name");
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) infos = load (f, NULL, "local");
  g_autofree char *sheet = child_of_kind (f->store, renamed, "check_sheet");
  gsize length;

  g_assert_true (g_file_get_contents (cache_path, &contents, &length, NULL));
  g_assert_cmpint (holds_bytes (contents, length, head), !=, encrypted);
  g_clear_pointer (&infos, g_ptr_array_unref);

  write_text (f, renamed, "household", renamed, NULL, "head_name", "司马新名");
  write_text (f, sheet, "check_sheet", renamed, renamed, "investigator_1", "local");
  ruhu_op_unref (ruhu_store_set_deleted (f->store, deleted, TRUE, "local", NULL));
  infos = load (f, NULL, "local");
  g_assert_cmpuint (infos->len, ==, N_CASES - 1);
  g_assert_null (find_info (infos, deleted));
  g_assert_cmpstr (find_info (infos, renamed)->head_name, ==, "司马新名");
  g_assert_true (find_info (infos, renamed)->assigned_to_me);
  g_assert_cmpuint (find_info (infos, renamed)->n_unsynced, ==, 2);
  g_clear_pointer (&infos, g_ptr_array_unref);

  infos = load (f, NULL, "someone.else");
  g_assert_false (find_info (infos, renamed)->assigned_to_me);
  g_assert_cmpuint (infos->len, ==, N_CASES - 1);
}

/* The kept index holds what the workflow says: a second load, read from
 * it, equals the first, read from the store. */
static void
test_kept_workflow (IndexFixture  *f,
                    gconstpointer  data)
{
  g_autofree char *returned = test_case_new_complete (f->store, "rural_dibao");
  g_autofree char *published = test_case_new_complete (f->store, "tekun");
  g_autoptr(GPtrArray) scanned = NULL;
  g_autoptr(GPtrArray) kept = NULL;

  test_case_walk (f->store, returned, RUHU_CASE_STATE_INVESTIGATED);
  test_case_take (f->store, returned, RUHU_STEP_RETURN, "supervisor", "2025-09-08T10:00:00+08:00");
  test_case_walk (f->store, published, RUHU_CASE_STATE_PUBLISHED);
  scanned = load (f, NULL, TEST_ACTOR);
  kept = load (f, NULL, TEST_ACTOR);
  g_assert_cmpuint (kept->len, ==, N_CASES + 2);
  g_assert_true (find_info (kept, returned)->returned);
  g_assert_cmpint (find_info (kept, published)->state, ==, RUHU_CASE_STATE_PUBLISHED);
  g_assert_cmpint (find_info (kept, published)->deadline_kind, ==, RUHU_CASE_DEADLINE_ALIVENESS_CHECK);
  for (guint i = 0; i < scanned->len; i++)
    {
      RuhuCaseInfo *a = g_ptr_array_index (scanned, i);
      RuhuCaseInfo *b = find_info (kept, a->case_id);

      g_assert_nonnull (b);
      g_assert_cmpint (a->state, ==, b->state);
      g_assert_cmpint (a->returned, ==, b->returned);
      g_assert_cmpint (a->has_application, ==, b->has_application);
      g_assert_cmpint (a->has_deadline, ==, b->has_deadline);
      g_assert_cmpint (a->deadline_kind, ==, b->deadline_kind);
      g_assert_cmpint (a->deadline_status.state, ==, b->deadline_status.state);
      g_assert_true (!a->has_deadline || g_date_compare (&a->deadline, &b->deadline) == 0);
      assert_flow_matches (f, b);
    }
}

/* A store in memory has nowhere to keep an index: every load reads it. */
static void
test_in_memory (void)
{
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autoptr(RuhuCalendar) calendar = ruhu_calendar_load_default (NULL);
  RuhuCaseIndexOptions options = { calendar, NULL, NULL };
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (ruhu_store_summary_cache_path (store));
  ruhu_demo_generate (store, 3, 7, "zhang.wei", NULL, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 2; i++)
    {
      g_clear_pointer (&infos, g_ptr_array_unref);
      infos = ruhu_case_index_load (store, NULL, &options, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (infos->len, ==, 3);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, encrypted, func) \
  g_test_add ("/ruhu/case-index/" name, IndexFixture, GINT_TO_POINTER (encrypted), fixture_setup, \
              func, fixture_teardown)
  ADD ("every-case/clear", FALSE, test_every_case);
  ADD ("every-case/encrypted", TRUE, test_every_case);
  ADD ("steps-and-team", FALSE, test_steps_and_team);
  ADD ("returned", FALSE, test_returned);
  ADD ("kept-index/clear", FALSE, test_kept_index);
  ADD ("kept-index/encrypted", TRUE, test_kept_index);
  ADD ("kept-workflow", TRUE, test_kept_workflow);
#undef ADD
  g_test_add_func ("/ruhu/case-index/in-memory", test_in_memory);
  return g_test_run ();
}
