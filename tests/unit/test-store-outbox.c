/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "test-util.h"

/* A tablet two investigators share: whose unsynced edits wait, and a
 * store written before the outbox knew. */

#define CASE_ID   "0e0c8c4a-2f7b-4f3e-8a6d-5b4c3d2e1f00"
#define HOUSEHOLD "6f1c2b1e-3d4a-4c5b-9e6f-0a1b2c3d4e5f"

static char *
write_as (RuhuStore  *store,
          const char *field,
          const char *actor)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = test_text (actor);
  g_autoptr(RuhuOp) op = ruhu_store_write (store, HOUSEHOLD, "household", CASE_ID, NULL, field,
                                           value, actor, &error);

  g_assert_no_error (error);
  return g_strdup (op->version);
}

/* Three edits by li.na, two by wang.fang, one by zhang.wei. */
static void
write_shared_tablet (RuhuStore *store,
                     char      *wang_fang_versions[2])
{
  g_free (write_as (store, "head_name", "li.na"));
  wang_fang_versions[0] = write_as (store, "phone", "wang.fang");
  g_free (write_as (store, "address", "li.na"));
  g_free (write_as (store, "village", "zhang.wei"));
  wang_fang_versions[1] = write_as (store, "situation", "wang.fang");
  g_free (write_as (store, "category", "li.na"));
}

static void
assert_others (RuhuStore          *store,
               const char         *actor,
               gint64              expected,
               const char * const *expected_names)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  g_assert_cmpint (ruhu_store_outbox_count_others (store, actor, &names, &error), ==, expected);
  g_assert_no_error (error);
  g_assert_cmpstrv (names, expected_names);
}

static void
assert_outbox_actors (RuhuStore  *store,
                      const char *actor,
                      guint       expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ops = ruhu_store_outbox_peek_by (store, actor, 100, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ops->len, ==, expected);
  for (guint i = 0; i < ops->len; i++)
    g_assert_cmpstr (((RuhuOp *) g_ptr_array_index (ops, i))->actor, ==, actor);
}

static void
test_counts_others (TestStoreFile *fixture,
                    gconstpointer  data)
{
  g_autoptr(RuhuStore) store = test_store_file_open (fixture, NULL);
  g_autoptr(GError) error = NULL;
  char *wang_fang[3] = { NULL, NULL, NULL };

  assert_others (store, "li.na", 0, (const char *[]) { NULL });
  write_shared_tablet (store, wang_fang);

  /* Most edits first. */
  assert_others (store, "zhang.wei", 5, (const char *[]) { "li.na", "wang.fang", NULL });
  assert_others (store, "li.na", 3, (const char *[]) { "wang.fang", "zhang.wei", NULL });
  assert_others (store, "nobody", 6, (const char *[]) { "li.na", "wang.fang", "zhang.wei", NULL });
  assert_outbox_actors (store, "li.na", 3);
  assert_outbox_actors (store, "wang.fang", 2);

  /* wang.fang signed in and synced. */
  g_assert_true (ruhu_store_outbox_ack (store, (const char * const *) wang_fang, &error));
  g_assert_no_error (error);
  assert_others (store, "li.na", 1, (const char *[]) { "zhang.wei", NULL });
  assert_outbox_actors (store, "wang.fang", 0);
  g_free (wang_fang[0]);
  g_free (wang_fang[1]);
}

/* A store of schema 1 had no actor in its outbox: opening it fills the
 * column from the versions, so what waits for whom is right at once. */
static void
test_older_store_learns_actors (TestStoreFile *fixture,
                                gconstpointer  data)
{
  g_autoptr(RuhuStore) store = test_store_file_open (fixture, NULL);
  char *wang_fang[2] = { NULL, NULL };

  write_shared_tablet (store, wang_fang);
  g_clear_object (&store);
  test_store_file_sql (fixture, "ALTER TABLE outbox DROP COLUMN actor; PRAGMA user_version = 1");

  store = test_store_file_open (fixture, NULL);
  assert_others (store, "zhang.wei", 5, (const char *[]) { "li.na", "wang.fang", NULL });
  assert_outbox_actors (store, "wang.fang", 2);
  /* New edits after the upgrade are counted as well. */
  g_free (write_as (store, "remarks", "wang.fang"));
  assert_others (store, "li.na", 4, (const char *[]) { "wang.fang", "zhang.wei", NULL });
  g_free (wang_fang[0]);
  g_free (wang_fang[1]);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/ruhu/store-outbox/" path, TestStoreFile, NULL, test_store_file_setup, func, \
              test_store_file_teardown)
  ADD ("counts-others", test_counts_others);
  ADD ("older-store-learns-actors", test_older_store_learns_actors);
  return g_test_run ();
}
