/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-aid-tasks.h"
#include "ruhu-form.h"
#include "ruhu-json.h"
#include "test-aftercare-case.h"
#include "test-util.h"
#include "test-workflow-case.h"

/* Linked aid items chosen in the application become tasks, once. */

static char *
new_case (RuhuStore  *store,
          const char *linked_aid)
{
  char *case_id = test_aftercare_household (store, "rural_dibao", "陈兰", "500109100001",
                                            "金刀峡村");
  g_autoptr(GPtrArray) entities = ruhu_store_list_entities (store, case_id, NULL);
  g_autoptr(JsonNode) items = ruhu_json_parse (linked_aid, -1, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuOp) op = NULL;

  for (guint i = 0; i < entities->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (entities, i);

      if (g_str_equal (info->kind, "application"))
        {
          op = ruhu_store_write (store, info->id, "application", case_id, case_id, "linked_aid",
                                 items, TEST_ACTOR, &error);
          g_assert_no_error (error);
          test_aftercare_set (store, case_id, info->id, "application", "linked_aid_other",
                              "助学贷款贴息");
        }
    }
  return case_id;
}

/* The case's live tasks: item → fields. */
static GHashTable *
read_tasks (RuhuStore  *store,
            const char *case_id)
{
  g_autoptr(GPtrArray) entities = ruhu_store_list_entities (store, case_id, NULL);
  GHashTable *tasks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_hash_table_unref);

  for (guint i = 0; i < entities->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (entities, i);
      GHashTable *fields;

      if (info->deleted || !g_str_equal (info->kind, RUHU_AID_TASK_KIND))
        continue;
      fields = ruhu_store_get_fields (store, info->id, NULL);
      g_assert_cmpstr (info->parent, ==, case_id);
      g_hash_table_insert (tasks,
                           g_strdup (json_node_get_string (g_hash_table_lookup (fields, "item"))),
                           fields);
    }
  return tasks;
}

static const char *
field_text (GHashTable *tasks,
            const char *item,
            const char *field)
{
  GHashTable *fields = g_hash_table_lookup (tasks, item);
  JsonNode *value = fields != NULL ? g_hash_table_lookup (fields, field) : NULL;

  return value != NULL ? json_node_get_string (value) : NULL;
}

static GPtrArray *
create (RuhuStore  *store,
        const char *case_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *created = ruhu_aid_tasks_create_missing (store, case_id, TEST_ACTOR, &error);

  g_assert_no_error (error);
  g_assert_nonnull (created);
  return created;
}

static void
test_create_once (void)
{
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autofree char *case_id = new_case (store, "[\"medical\", \"education\", \"other\"]");
  g_autoptr(GPtrArray) first = create (store, case_id);
  g_autoptr(GPtrArray) second = create (store, case_id);
  g_autoptr(GHashTable) tasks = read_tasks (store, case_id);

  g_assert_cmpuint (first->len, ==, 3);
  g_assert_cmpuint (second->len, ==, 0);
  g_assert_cmpuint (g_hash_table_size (tasks), ==, 3);
  g_assert_cmpstr (field_text (tasks, "medical", "department"), ==, "healthcare_security");
  g_assert_cmpstr (field_text (tasks, "education", "department"), ==, "education_bureau");
  g_assert_cmpstr (field_text (tasks, "other", "department"), ==, "civil_affairs");
  g_assert_cmpstr (field_text (tasks, "medical", "status"), ==, "pending");
  g_assert_cmpstr (field_text (tasks, "other", "item_other"), ==, "助学贷款贴息");
  g_assert_null (field_text (tasks, "medical", "item_other"));
}

/* A task entered by hand for an item counts; a deleted one is not brought
 * back; an item chosen later gets its task on the next run. */
static void
test_existing_tasks (void)
{
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autofree char *case_id = new_case (store, "[\"medical\", \"housing\"]");
  g_autofree char *by_hand = g_uuid_string_random ();
  g_autofree char *housing = ruhu_aid_task_make_id (case_id, "housing");
  g_autoptr(GPtrArray) created = NULL;
  g_autoptr(GPtrArray) later = NULL;
  g_autoptr(RuhuOp) op = NULL;
  g_autoptr(GHashTable) tasks = NULL;
  g_autofree char *case_again = NULL;

  test_aftercare_set (store, case_id, by_hand, RUHU_AID_TASK_KIND, "item", "medical");
  created = create (store, case_id);
  g_assert_cmpuint (created->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (created, 0), ==, housing);

  op = ruhu_store_set_deleted (store, housing, TRUE, TEST_ACTOR, NULL);
  g_assert_nonnull (op);
  g_clear_pointer (&created, g_ptr_array_unref);
  created = create (store, case_id);
  g_assert_cmpuint (created->len, ==, 0);
  tasks = read_tasks (store, case_id);
  g_assert_cmpuint (g_hash_table_size (tasks), ==, 1);
  g_assert_true (g_hash_table_contains (tasks, "medical"));

  /* Unknown items are left alone. */
  case_again = new_case (store, "[\"legal_aid\", \"moon_landing\"]");
  later = create (store, case_again);
  g_assert_cmpuint (later->len, ==, 1);
}

/* Two devices creating the tasks offline write the same entities, so
 * after a sync there is one task per item and nothing in conflict. */
static void
test_two_devices (void)
{
  g_autoptr(RuhuStore) first = test_memory_store (NULL);
  g_autoptr(RuhuStore) second = test_memory_store (NULL);
  g_autofree char *case_id = new_case (first, "[\"fee_waiver\", \"charity\"]");
  g_autoptr(GPtrArray) on_first = NULL;
  g_autoptr(GPtrArray) on_second = NULL;
  g_autoptr(GHashTable) tasks = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;

  test_copy_feed (first, second);
  on_first = create (first, case_id);
  on_second = create (second, case_id);
  g_assert_cmpuint (on_first->len, ==, 2);
  g_assert_cmpuint (on_second->len, ==, 2);
  test_copy_feed (second, first);
  test_copy_feed (first, second);

  tasks = read_tasks (first, case_id);
  g_assert_cmpuint (g_hash_table_size (tasks), ==, 2);
  g_assert_cmpstr (field_text (tasks, "fee_waiver", "department"), ==, "utilities");
  conflicts = ruhu_store_list_conflicts (first, case_id, NULL);
  g_assert_cmpuint (conflicts->len, ==, 0);
  test_assert_same_state (first, second);
}

/* The routes name options that exist in the form. */
static void
test_departments_in_form (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuFormSet) forms = ruhu_form_set_load_default (&error);
  RuhuForm *form;
  RuhuFormField *item, *department;

  g_assert_no_error (error);
  form = ruhu_form_set_lookup (forms, RUHU_AID_TASK_KIND);
  g_assert_nonnull (form);
  item = ruhu_form_lookup_field (form, "item");
  department = ruhu_form_lookup_field (form, "department");
  for (guint i = 0; i < ruhu_form_field_get_n_options (item); i++)
    {
      const char *value = ruhu_form_field_get_option_value (item, i);
      const char *route = ruhu_aid_item_get_department (value);

      g_assert_nonnull (route);
      g_assert_nonnull (ruhu_form_field_lookup_option_label (department, route));
    }
  g_assert_null (ruhu_aid_item_get_department ("moon_landing"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ruhu/aid-tasks/create-once", test_create_once);
  g_test_add_func ("/ruhu/aid-tasks/existing-tasks", test_existing_tasks);
  g_test_add_func ("/ruhu/aid-tasks/two-devices", test_two_devices);
  g_test_add_func ("/ruhu/aid-tasks/departments-in-form", test_departments_in_form);
  return g_test_run ();
}
