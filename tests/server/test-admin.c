/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "ruhu-server-setup.h"
#include "test-util.h"

#define CASE_ID   "1b4e28ba-2fa1-41d2-883f-0016d3cca427"
#define ENTITY_ID "6fa459ea-ee8a-4ca4-894e-db77e160355e"

/* A fresh data directory per test, with its key beside it. */
typedef struct
{
  char *root;
  char *data;
  char *key;
} Fixture;

/* Runs ruhu-admin --data DATA --key-file KEY ARGS…; returns the exit code. */
static int
admin_run (Fixture     *f,
           const char  *input,
           char       **out,
           char       **err,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("RUHU_ADMIN"));
  g_ptr_array_add (argv, "--data");
  g_ptr_array_add (argv, f->data);
  g_ptr_array_add (argv, "--key-file");
  g_ptr_array_add (argv, f->key);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input != NULL ? input : "", NULL,
                                 &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", stdout_text, stderr_text);
  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);
  return g_subprocess_get_exit_status (process);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->root = test_make_temp_dir ();
  f->data = g_build_filename (f->root, "data", NULL);
  f->key = g_build_filename (f->root, "server.key", NULL);
  if (data == NULL)
    g_assert_cmpint (admin_run (f, NULL, NULL, NULL, "init", NULL), ==, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_remove_tree (f->root);
  g_free (f->root);
  g_free (f->data);
  g_free (f->key);
}

static void
test_init (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *inside = g_build_filename (f->data, "server.key", NULL);
  g_autofree char *err = NULL;
  g_autofree char *key = NULL;
  g_autofree char *blobs = g_build_filename (f->data, RUHU_SERVER_BLOBS_DIR, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) store = NULL;
  GStatBuf st;
  char *saved_key = f->key;

  f->key = inside;
  g_assert_cmpint (admin_run (f, NULL, NULL, &err, "init", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "must not be inside"));
  g_assert_false (g_file_test (inside, G_FILE_TEST_EXISTS));
  f->key = saved_key;

  g_assert_cmpint (admin_run (f, NULL, NULL, NULL, "init", NULL), ==, 0);
  g_assert_cmpint (g_stat (f->key, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (blobs, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  key = ruhu_server_read_key (f->key, &error);
  g_assert_no_error (error);
  store = ruhu_server_open_case_store (f->data, f->key, &error);
  g_assert_no_error (error);
  g_assert_true (ruhu_store_is_encrypted (store));

  /* Neither the key nor the data may be overwritten. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (admin_run (f, NULL, NULL, &err, "init", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "already"));
  g_assert_cmpint (g_chmod (f->key, 0644), ==, 0);
  g_assert_null (ruhu_server_read_key (f->key, &error));
  g_assert_error (error, RUHU_SERVER_ERROR, RUHU_SERVER_ERROR_SETUP);
}

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_cmpint (admin_run (f, NULL, NULL, NULL, "frobnicate", NULL), ==, 1);
  g_assert_cmpint (admin_run (f, NULL, NULL, NULL, "user", "add", "x", NULL), ==, 1);
  g_assert_cmpint (admin_run (f, NULL, NULL, NULL, "user", "add", "x", "--name", "X",
                              "--role", "king", "--place", "500109", NULL), ==, 1);
  g_assert_cmpint (admin_run (f, NULL, NULL, NULL, "assign", CASE_ID, NULL), ==, 1);
  g_assert_cmpint (admin_run (f, NULL, NULL, NULL, "user", "list", "--bogus", NULL), ==, 1);
}

static void
test_users (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *password_file = g_build_filename (f->root, "password", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (admin_run (f, "correct horse\n", NULL, NULL, "user", "add", "zhang.wei",
                              "--name", "张伟", "--role", "investigator",
                              "--place", "500109001", NULL), ==, 0);
  g_assert_true (g_file_set_contents (password_file, "battery staple\n", -1, NULL));
  g_assert_cmpint (admin_run (f, NULL, NULL, NULL, "user", "add", "root", "--name", "管理员",
                              "--role", "administrator", "--password-file", password_file,
                              NULL), ==, 0);
  g_assert_cmpint (admin_run (f, "short\n", NULL, &err, "user", "add", "li.na", "--name", "李娜",
                              "--role", "volunteer", "--place", "500109001001", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "too short"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (admin_run (f, "correct horse\n", NULL, &err, "user", "add", "zhang.wei",
                              "--name", "X", "--role", "volunteer", "--place", "500109", NULL),
                   ==, 2);

  g_assert_cmpint (admin_run (f, NULL, NULL, NULL, "user", "modify", "zhang.wei",
                              "--role", "supervisor", "--place", "500109002", NULL), ==, 0);
  g_assert_cmpint (admin_run (f, NULL, NULL, NULL, "user", "revoke", "zhang.wei", NULL), ==, 0);
  g_assert_cmpint (admin_run (f, NULL, NULL, NULL, "user", "revoke", "nobody", NULL), ==, 2);
  g_assert_cmpint (admin_run (f, NULL, &out, NULL, "user", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "root"));
  g_assert_nonnull (strstr (out, "supervisor"));
  g_assert_nonnull (strstr (out, "500109002"));
  g_assert_nonnull (strstr (out, "(blocked)"));
  g_assert_null (strstr (out, "li.na"));

  g_assert_cmpint (admin_run (f, NULL, NULL, NULL, "assign", CASE_ID, "root", NULL), ==, 0);
  g_assert_cmpint (admin_run (f, NULL, NULL, NULL, "assign", CASE_ID, "nobody", NULL), ==, 2);
  g_assert_cmpint (admin_run (f, NULL, NULL, NULL, "device", "revoke", "lost-tablet", NULL), ==, 2);
}

static void
test_backup (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (f->root, "backup", NULL);
  g_autofree char *dir_copy = g_build_filename (dest, RUHU_SERVER_DIRECTORY_DB, NULL);
  g_autofree char *audit_copy = g_build_filename (dest, RUHU_SERVER_AUDIT_DB, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuDirectory) directory = NULL;
  g_autoptr(RuhuAudit) audit = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(RuhuStore) store = NULL;

  g_assert_cmpint (admin_run (f, "correct horse\n", NULL, NULL, "user", "add", "zhang.wei",
                              "--name", "张伟", "--role", "investigator",
                              "--place", "500109001", NULL), ==, 0);
  g_assert_cmpint (admin_run (f, NULL, NULL, NULL, "backup", dest, NULL), ==, 0);

  directory = ruhu_directory_open (dir_copy, &error);
  g_assert_no_error (error);
  users = ruhu_directory_list_users (directory, &error);
  g_assert_cmpuint (users->len, ==, 1);
  audit = ruhu_audit_open (audit_copy, &error);
  g_assert_true (ruhu_audit_verify (audit, NULL, NULL, &error));
  g_assert_no_error (error);
  store = ruhu_server_open_case_store (dest, f->key, &error);
  g_assert_no_error (error);

  /* A second backup into the same place would overwrite: refused. */
  g_assert_cmpint (admin_run (f, NULL, NULL, NULL, "backup", dest, NULL), ==, 2);
}

static char *
write_import (Fixture    *f,
              gboolean    with_bad_op)
{
  g_autoptr(RuhuStore) source = test_memory_store (NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  char *path = g_build_filename (f->root, with_bad_op ? "bad.json" : "good.json", NULL);
  const char *fields[] = { "head_name", "address" };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ops");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(JsonNode) value = test_text ("王");
      g_autoptr(RuhuOp) op = ruhu_store_write (source, ENTITY_ID, "household", CASE_ID, NULL,
                                               fields[i], value, "zhang.wei", &error);

      g_assert_no_error (error);
      json_builder_add_value (builder, ruhu_op_to_json (op));
    }
  if (with_bad_op)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, 1);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *bad = write_import (f, TRUE);
  g_autofree char *good = write_import (f, FALSE);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *cases = g_build_filename (f->data, RUHU_SERVER_CASES_DB, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) store = NULL;
  g_autoptr(JsonNode) value = NULL;

  g_assert_cmpint (admin_run (f, NULL, NULL, &err, "import", bad, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "Operation 3"));
  g_assert_nonnull (strstr (err, "Nothing was imported"));
  g_assert_cmpint (test_sqlite_query_int (cases, "SELECT count(*) FROM versions"), ==, 0);

  g_assert_cmpint (admin_run (f, NULL, &out, NULL, "import", good, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "2 imported"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (admin_run (f, NULL, &out, NULL, "import", good, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "2 already present"));

  store = ruhu_server_open_case_store (f->data, f->key, &error);
  g_assert_no_error (error);
  value = ruhu_store_get_value (store, ENTITY_ID, "address", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (value), ==, "王");
}

static void
tamper (Fixture    *f,
        const char *sql)
{
  g_autofree char *path = g_build_filename (f->data, RUHU_SERVER_AUDIT_DB, NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_audit_verify (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (admin_run (f, "correct horse\n", NULL, NULL, "user", "add", "zhang.wei",
                              "--name", "张伟", "--role", "investigator",
                              "--place", "500109001", NULL), ==, 0);
  g_assert_cmpint (admin_run (f, NULL, NULL, NULL, "user", "revoke", "zhang.wei", NULL), ==, 0);
  g_assert_cmpint (admin_run (f, NULL, &out, NULL, "audit", "verify", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "3 entries"));  /* init, user.add, user.revoke */

  tamper (f, "UPDATE audit SET subject = 'li.na' WHERE seq = 2");
  g_assert_cmpint (admin_run (f, NULL, NULL, &err, "audit", "verify", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "entry 2"));
}

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  static const char * const users[] = { "zhang.wei", "li.na", "wang.fang", "liu.yang",
                                        "chen.jing", "zhao.lei", "admin" };
  g_autofree char *dir_path = g_build_filename (f->data, RUHU_SERVER_DIRECTORY_DB, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuDirectory) directory = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) assigned = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(RuhuStore) store = NULL;
  g_autoptr(GHashTable) cases = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer case_id;
  gint64 last = 0;

  g_assert_cmpint (admin_run (f, NULL, NULL, NULL, "demo", "--cases", "-1", NULL), ==, 1);
  g_assert_cmpint (admin_run (f, NULL, &out, NULL, "demo", "--cases", "12", "--seed", "7",
                              NULL), ==, 0);
  g_assert_nonnull (strstr (out, "ruhu-demo-2025"));
  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    g_assert_nonnull (strstr (out, users[i]));

  directory = ruhu_directory_open (dir_path, &error);
  g_assert_no_error (error);
  listed = ruhu_directory_list_users (directory, &error);
  g_assert_cmpuint (listed->len, ==, G_N_ELEMENTS (users));
  for (guint i = 0; i < listed->len; i++)
    {
      RuhuUserInfo *info = g_ptr_array_index (listed, i);

      /* Every local account works in 北碚区. */
      g_assert_true (info->role == RUHU_ROLE_ADMINISTRATOR ||
                     g_str_has_prefix (info->place, "500109"));
    }

  /* Each case is in the store, and its place, its household's village, in the directory. */
  store = ruhu_server_open_case_store (f->data, f->key, &error);
  g_assert_no_error (error);
  ops = ruhu_store_feed_since (store, 0, G_MAXUINT, &last, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ops->len; i++)
    g_hash_table_add (cases, ((RuhuOp *) g_ptr_array_index (ops, i))->case_id);
  g_assert_cmpuint (g_hash_table_size (cases), ==, 12);
  g_hash_table_iter_init (&iter, cases);
  while (g_hash_table_iter_next (&iter, &case_id, NULL))
    {
      g_autofree char *place = NULL;
      g_autoptr(JsonNode) village = ruhu_store_get_value (store, case_id, "village_code", &error);

      g_assert_no_error (error);
      g_assert_true (ruhu_directory_get_case_place (directory, case_id, &place, NULL, &error));
      g_assert_cmpstr (place, ==, json_node_get_string (village));
    }
  assigned = ruhu_directory_list_assigned (directory, "liu.yang", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assigned->len, ==, 5);

  /* A data directory with users is never filled again. */
  g_assert_cmpint (admin_run (f, NULL, NULL, &err, "demo", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "already has users"));
  g_assert_cmpint (admin_run (f, NULL, NULL, NULL, "audit", "verify", NULL), ==, 0);
}

/* The township's public pages and the district's exports, as the office
 * runs them: mistakes in the command line say so and change nothing. */
static void
test_township_and_exports (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *csv_path = g_build_filename (f->root, "ledger.csv", NULL);
  g_autofree char *zip_path = g_build_filename (f->root, "batch.zip", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (admin_run (f, NULL, NULL, NULL, "demo", "--cases", "6", NULL), ==, 0);
  g_assert_cmpint (admin_run (f, NULL, NULL, NULL, "township", "500109001", "--office",
                              "天生街道民政办", "--phone", "023-68254321", "--address",
                              "天生路2号", NULL), ==, 0);
  g_assert_cmpint (admin_run (f, NULL, NULL, NULL, "township", "500109001", "--office", "办",
                              "--phone", "1", "--address", "路", "--mask", "half", NULL), ==, 1);
  g_assert_cmpint (admin_run (f, NULL, NULL, &err, "township", "5001", "--office", "办",
                              "--phone", "1", "--address", "路", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "5001"));

  g_assert_cmpint (admin_run (f, NULL, NULL, NULL, "ledger", "--month", "2026-13", "--out",
                              csv_path, NULL), ==, 1);
  g_assert_cmpint (admin_run (f, NULL, NULL, NULL, "ledger", "--month", "2026-11", NULL), ==, 1);
  g_assert_false (g_file_test (csv_path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (admin_run (f, NULL, NULL, NULL, "ledger", "--month", "2026-11", "--out",
                              csv_path, NULL), ==, 0);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF\""));

  g_assert_cmpint (admin_run (f, NULL, &out, NULL, "report-batch", "--month", "2026-11",
                              "--out", zip_path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, zip_path));
  g_assert_true (g_file_test (zip_path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (admin_run (f, NULL, NULL, NULL, "audit", "verify", NULL), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: nothing here reads XDG folders, and
   * GLib 2.74 leaks the folders it sets for each test. */
  g_test_init (&argc, &argv, NULL);
  /* ruhu-admin inherits it: cheap password hashing for the tests. */
  g_setenv ("RUHU_TEST_FAST_KDF", "1", TRUE);
  if (g_getenv ("RUHU_ADMIN") == NULL)
    {
      g_test_skip ("RUHU_ADMIN is not set");
      return g_test_run ();
    }

#define ADD(path, func, fresh) \
  g_test_add ("/ruhu/admin/" path, Fixture, fresh, fixture_setup, func, fixture_teardown)
  ADD ("init", test_init, "fresh");
  ADD ("usage-errors", test_usage_errors, NULL);
  ADD ("users", test_users, NULL);
  ADD ("backup", test_backup, NULL);
  ADD ("import", test_import, NULL);
  ADD ("audit-verify", test_audit_verify, NULL);
  ADD ("demo", test_demo, NULL);
  ADD ("township-and-exports", test_township_and_exports, NULL);
#undef ADD
  return g_test_run ();
}
