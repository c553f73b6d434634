/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "test-util.h"

const RuhuKdfParams test_kdf = { 1, 64, 1 };

char *
test_make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("ruhu-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

RuhuStore *
test_memory_store (const char *passphrase)
{
  g_autoptr(GError) error = NULL;
  RuhuStore *store = ruhu_store_open (":memory:", RUHU_STORE_OPEN_CREATE, passphrase,
                                      &test_kdf, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
fake_wall (gpointer user_data)
{
  return *(gint64 *) user_data;
}

void
test_set_fake_clock (RuhuStore *store,
                     gint64    *now_ms)
{
  ruhu_hlc_clock_set_wall_func (ruhu_store_get_clock (store), fake_wall, now_ms);
}

/* Sends everything @from has to @to, as a sync through a server would. */
guint
test_copy_feed (RuhuStore *from,
                RuhuStore *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GArray) results = NULL;
  gint64 last = 0;
  guint applied = 0;

  ops = ruhu_store_feed_since (from, 0, G_MAXUINT, &last, &error);
  g_assert_no_error (error);
  g_assert_true (ruhu_store_apply (to, ops, &results, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      RuhuApplyResult *result = &g_array_index (results, RuhuApplyResult, i);

      g_assert_cmpint (result->status, !=, RUHU_APPLY_INVALID);
      applied += result->status == RUHU_APPLY_APPLIED;
    }
  return applied;
}

JsonNode *
test_int (gint64 value)
{
  return json_node_init_int (json_node_alloc (), value);
}

JsonNode *
test_text (const char *value)
{
  return json_node_init_string (json_node_alloc (), value);
}

gint64
test_get_int (RuhuStore  *store,
              const char *entity,
              const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = ruhu_store_get_value (store, entity, field, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_VALUE (value));
  return json_node_get_int (value);
}

void
test_assert_same_state (RuhuStore *a,
                        RuhuStore *b)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dump_a = ruhu_store_dump (a, &error);
  g_autofree char *dump_b = NULL;

  g_assert_no_error (error);
  dump_b = ruhu_store_dump (b, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dump_a, ==, dump_b);
}

void
test_store_file_setup (TestStoreFile *fixture,
                       gconstpointer  data)
{
  fixture->dir = test_make_temp_dir ();
  fixture->path = g_build_filename (fixture->dir, "ruhu.db", NULL);
}

void
test_store_file_teardown (TestStoreFile *fixture,
                          gconstpointer  data)
{
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Opens the fixture's store, making it on the first call. */
RuhuStore *
test_store_file_open (TestStoreFile *fixture,
                      const char    *passphrase)
{
  g_autoptr(GError) error = NULL;
  RuhuStore *store = ruhu_store_open (fixture->path, RUHU_STORE_OPEN_CREATE, passphrase,
                                      &test_kdf, &error);

  g_assert_no_error (error);
  return store;
}

/* The first column of the first row @sql gives, read from the closed
 * SQLite file at @path without any of Ruhu's code. */
gint64
test_sqlite_query_int (const char *path,
                       const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* Runs @sql on the closed store file behind the store's back: to damage
 * it, or to make it look like an older version of itself. */
void
test_store_file_sql (TestStoreFile *fixture,
                     const char    *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}
