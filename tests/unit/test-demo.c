/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-date.h"
#include "ruhu-demo.h"
#include "ruhu-form-validate.h"
#include "ruhu-id-number.h"
#include "ruhu-json.h"
#include "ruhu-paths.h"
#include "test-util.h"

#define N_CASES 50

static const char *
get_text (GHashTable *fields,
          const char *name)
{
  JsonNode *node = g_hash_table_lookup (fields, name);

  g_assert_nonnull (node);
  return json_node_get_string (node);
}

/* Village code → "district/township/village" names, from the data file. */
static GHashTable *
load_villages (void)
{
  g_autofree char *path = ruhu_data_path ("divisions", "chongqing.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = ruhu_json_parse_file (path, NULL, &error);
  GHashTable *villages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonArray *areas;

  g_assert_no_error (error);
  areas = json_object_get_array_member (json_node_get_object (root), "areas");
  for (guint a = 0; a < json_array_get_length (areas); a++)
    {
      JsonObject *area = json_array_get_object_element (areas, a);
      JsonArray *streets = json_object_get_array_member (area, "streets");

      for (guint s = 0; s < json_array_get_length (streets); s++)
        {
          JsonObject *street = json_array_get_object_element (streets, s);
          JsonArray *list = json_object_get_array_member (street, "villages");

          for (guint v = 0; v < json_array_get_length (list); v++)
            {
              JsonObject *village = json_array_get_object_element (list, v);

              g_hash_table_insert (villages,
                                   g_strdup (json_object_get_string_member (village, "code")),
                                   g_strdup_printf ("%s/%s/%s %s/%s",
                                                    json_object_get_string_member (area, "name"),
                                                    json_object_get_string_member (street, "name"),
                                                    json_object_get_string_member (village, "name"),
                                                    json_object_get_string_member (area, "code"),
                                                    json_object_get_string_member (street, "code")));
            }
        }
    }
  return villages;
}

static void
check_household (GHashTable *fields,
                 GHashTable *villages)
{
  const char *code = get_text (fields, "village_code");
  const char *known = g_hash_table_lookup (villages, code);
  g_autofree char *expected = g_strdup_printf ("%s/%s/%s %s/%s",
                                               get_text (fields, "district_name"),
                                               get_text (fields, "township_name"),
                                               get_text (fields, "village_name"),
                                               get_text (fields, "district_code"),
                                               get_text (fields, "township_code"));

  g_assert_nonnull (known);
  g_assert_cmpstr (known, ==, expected);
  g_assert_true (g_str_has_prefix (code, get_text (fields, "township_code")));
}

static void
check_member (GHashTable *fields,
              const char *district)
{
  g_autoptr(GError) error = NULL;
  RuhuIdNumber id;
  GDate birth;

  g_assert_true (ruhu_id_number_parse (get_text (fields, "id_number"), NULL, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (id.region, ==, district);
  g_assert_true (ruhu_date_parse (get_text (fields, "birth_date"), &birth));
  g_assert_cmpint (g_date_compare (&birth, &id.birth), ==, 0);
  g_assert_cmpstr (get_text (fields, "sex"), ==, id.sex == RUHU_SEX_MALE ? "male" : "female");
}

static void
test_cases_valid (void)
{
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autoptr(RuhuFormSet) forms = NULL;
  g_autoptr(GHashTable) villages = load_villages ();
  g_autoptr(GPtrArray) case_ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) kinds_seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_members = 0;

  forms = ruhu_form_set_load_default (&error);
  g_assert_no_error (error);
  g_assert_true (ruhu_demo_generate (store, N_CASES, 7, "demo", &case_ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (case_ids->len, ==, N_CASES);

  for (guint c = 0; c < case_ids->len; c++)
    {
      const char *case_id = g_ptr_array_index (case_ids, c);
      g_autoptr(GPtrArray) entities = ruhu_store_list_entities (store, case_id, &error);
      g_autoptr(GHashTable) household = ruhu_store_get_fields (store, case_id, &error);
      g_autofree char *district = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (entities->len, >=, 8);
      check_household (household, villages);
      district = g_strdup (get_text (household, "district_code"));

      for (guint e = 0; e < entities->len; e++)
        {
          RuhuEntityInfo *info = g_ptr_array_index (entities, e);
          g_autoptr(GHashTable) fields = ruhu_store_get_fields (store, info->id, &error);
          RuhuForm *form = ruhu_form_set_lookup (forms, info->kind);
          g_autoptr(GPtrArray) problems = NULL;

          g_assert_no_error (error);
          g_assert_nonnull (form);
          g_hash_table_add (kinds_seen, (gpointer) ruhu_form_get_kind (form));
          problems = ruhu_form_validate_entity (form, fields, NULL);
          for (guint p = 0; p < problems->len; p++)
            {
              RuhuFormProblem *problem = g_ptr_array_index (problems, p);

              g_test_message ("%s %s: %s", info->kind, problem->field, problem->message);
            }
          g_assert_cmpuint (problems->len, ==, 0);
          if (g_str_equal (info->kind, "member"))
            {
              check_member (fields, district);
              n_members++;
            }
        }
    }
  g_assert_cmpuint (n_members, >, N_CASES);
  for (guint i = 0; i < 9; i++)
    g_assert_true (g_hash_table_contains (kinds_seen,
                                          (const char *[]) { "household", "member", "application",
                                                             "authorisation", "check_sheet",
                                                             "income", "asset", "expense",
                                                             "neighbour_interview" }[i]));
}

static char *
dump_for_seed (guint32 seed)
{
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autoptr(GError) error = NULL;
  char *dump;

  g_assert_true (ruhu_demo_generate (store, 10, seed, "demo", NULL, &error));
  g_assert_no_error (error);
  dump = ruhu_store_dump (store, &error);
  g_assert_no_error (error);
  return dump;
}

static void
test_deterministic (void)
{
  g_autofree char *a = dump_for_seed (42);
  g_autofree char *b = dump_for_seed (42);
  g_autofree char *c = dump_for_seed (43);

  g_assert_cmpuint (strlen (a), >, 1000);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ruhu_i18n_init ();

  g_test_add_func ("/ruhu/demo/cases-validate", test_cases_valid);
  g_test_add_func ("/ruhu/demo/same-seed-same-dump", test_deterministic);

  return g_test_run ();
}
