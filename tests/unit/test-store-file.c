/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "test-util.h"

/* The page size of store files: new ones get 16 KiB pages, and a file made
 * with SQLite's default 4 KiB keeps them, with everything in it. */

#define CASE_ID   "0e0c8c4a-2f7b-4f3e-8a6d-5b4c3d2e1f00"
#define HOUSEHOLD "6f1c2b1e-3d4a-4c5b-9e6f-0a1b2c3d4e5f"

static void
write_fields (RuhuStore *store,
              guint      first,
              guint      count)
{
  for (guint i = first; i < first + count; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *field = g_strdup_printf ("income_%u", i);
      g_autoptr(JsonNode) value = test_int (i * 100);
      g_autoptr(RuhuOp) op = ruhu_store_write (store, HOUSEHOLD, "household", CASE_ID, NULL,
                                               field, value, "li.na", &error);

      g_assert_no_error (error);
      g_assert_nonnull (op);
    }
}

static void
assert_fields (RuhuStore *store,
               guint      count)
{
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *field = g_strdup_printf ("income_%u", i);

      g_assert_cmpint (test_get_int (store, HOUSEHOLD, field), ==, i * 100);
    }
}

static void
test_new_file_has_large_pages (TestStoreFile *fixture,
                               gconstpointer  data)
{
  g_autoptr(RuhuStore) store = test_store_file_open (fixture, NULL);

  write_fields (store, 0, 3);
  g_clear_object (&store);
  g_assert_cmpint (test_sqlite_query_int (fixture->path, "PRAGMA page_size"), ==, 16384);
}

static void
test_old_page_size_is_kept (TestStoreFile *fixture,
                            gconstpointer  data)
{
  g_autoptr(RuhuStore) store = test_store_file_open (fixture, NULL);

  write_fields (store, 0, 200);
  g_clear_object (&store);
  /* Rewrite the file as SQLite's default made it before: only outside WAL
   * can VACUUM change the page size. */
  test_store_file_sql (fixture, "PRAGMA journal_mode = DELETE; PRAGMA page_size = 4096; VACUUM;"
                                "PRAGMA journal_mode = WAL;");
  g_assert_cmpint (test_sqlite_query_int (fixture->path, "PRAGMA page_size"), ==, 4096);

  store = test_store_file_open (fixture, NULL);
  assert_fields (store, 200);
  write_fields (store, 200, 100);
  assert_fields (store, 300);
  g_clear_object (&store);
  g_assert_cmpint (test_sqlite_query_int (fixture->path, "PRAGMA page_size"), ==, 4096);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/ruhu/store-file/" path, TestStoreFile, NULL, test_store_file_setup, func, \
              test_store_file_teardown)
  ADD ("new-file-has-large-pages", test_new_file_has_large_pages);
  ADD ("old-page-size-is-kept", test_old_page_size_is_kept);
#undef ADD
  return g_test_run ();
}
