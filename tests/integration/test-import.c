/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "devices-fixture.h"
#include "test-util.h"

/* Cases imported with ruhu-admin go to the same people as cases pushed
 * by a device: the import records each case's place for scope. */

#define VILLAGE_A   "500109001001"
#define VILLAGE_B   "500109001002"
#define HOUSEHOLD_A "00000000-0000-4000-8000-0000000000a1"
#define HOUSEHOLD_B "00000000-0000-4000-8000-0000000000b1"
#define NOWHERE     "00000000-0000-4000-8000-0000000000c1"

typedef struct
{
  LocalServer local;
  char       *data_dir;
  char       *key_file;
} Fixture;

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->local.tmp = test_make_temp_dir ();
  fx->data_dir = g_build_filename (fx->local.tmp, "data", NULL);
  fx->key_file = g_build_filename (fx->local.tmp, "server.key", NULL);
  g_assert_true (ruhu_server_init_data_dir (fx->data_dir, fx->key_file, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  local_server_stop (&fx->local);
  g_free (fx->data_dir);
  g_free (fx->key_file);
}

static void
add_household (RuhuStore   *source,
               JsonBuilder *builder,
               const char  *household,
               const char  *village)
{
  const char *fields[] = { "head_name", "village_code" };
  const char *values[] = { "王芳", village };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(JsonNode) value = test_text (values[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(RuhuOp) op = NULL;

      if (values[i] == NULL)
        continue;
      op = ruhu_store_write (source, household, "household", household, NULL, fields[i], value,
                             "import", &error);
      g_assert_no_error (error);
      json_builder_add_value (builder, ruhu_op_to_json (op));
    }
}

/* An import file of a household in each village and one with no place. */
static char *
write_import (Fixture *fx)
{
  g_autoptr(RuhuStore) source = test_memory_store (NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  char *path = g_build_filename (fx->local.tmp, "cases.json", NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ops");
  json_builder_begin_array (builder);
  add_household (source, builder, HOUSEHOLD_A, VILLAGE_A);
  add_household (source, builder, HOUSEHOLD_B, VILLAGE_B);
  add_household (source, builder, NOWHERE, NULL);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
run_import (Fixture    *fx,
            const char *path)
{
  g_autoptr(GSubprocess) admin = NULL;
  g_autoptr(GError) error = NULL;

  admin = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, g_getenv ("RUHU_ADMIN"),
                            "--data", fx->data_dir, "--key-file", fx->key_file, "import", path,
                            NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (admin, NULL, &error));
  g_assert_no_error (error);
}

static void
start_server (Fixture *fx)
{
  RuhuServerConfig config = { .quiet = TRUE };
  g_autoptr(GError) error = NULL;

  config.data_dir = fx->data_dir;
  config.key_file = fx->key_file;
  fx->local.server = ruhu_server_new (&config, &error);
  g_assert_no_error (error);
  local_server_add_user (&fx->local, "va_a", RUHU_ROLE_VILLAGE_ASSISTANT, VILLAGE_A);
  local_server_add_user (&fx->local, "va_b", RUHU_ROLE_VILLAGE_ASSISTANT, VILLAGE_B);
  local_server_add_user (&fx->local, "admin", RUHU_ROLE_ADMINISTRATOR, "");
  local_server_listen (&fx->local);
}

static gboolean
device_has (Device     *device,
            const char *entity)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuEntityInfo) info = ruhu_store_get_entity (device->store, entity, &error);

  if (info == NULL)
    g_assert_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_NO_SUCH_ENTITY);
  return info != NULL;
}

static void
test_village_scope (Fixture       *fx,
                    gconstpointer  data)
{
  g_autofree char *path = write_import (fx);
  Device a = { NULL }, b = { NULL }, admin = { NULL };

  /* Twice: the second finds every operation there and changes nothing. */
  run_import (fx, path);
  run_import (fx, path);
  start_server (fx);
  device_init (&a, fx->local.url, "va_a", NULL, NULL);
  device_init (&b, fx->local.url, "va_b", NULL, NULL);
  device_init (&admin, fx->local.url, "admin", NULL, NULL);
  device_sync (&a);
  device_sync (&b);
  device_sync (&admin);

  g_assert_true (device_has (&a, HOUSEHOLD_A));
  g_assert_false (device_has (&a, HOUSEHOLD_B));
  g_assert_true (device_has (&b, HOUSEHOLD_B));
  g_assert_false (device_has (&b, HOUSEHOLD_A));
  /* A case with no place yet is nobody's until someone pushes to it. */
  g_assert_false (device_has (&a, NOWHERE));
  g_assert_false (device_has (&b, NOWHERE));
  g_assert_true (device_has (&admin, NOWHERE));
  g_assert_true (device_has (&admin, HOUSEHOLD_A));

  device_clear (&a);
  device_clear (&b);
  device_clear (&admin);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/ruhu/import/village-scope", Fixture, NULL, fixture_setup, test_village_scope,
              fixture_teardown);
  return g_test_run ();
}
