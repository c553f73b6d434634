/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "ruhu-audit.h"
#include "test-util.h"

#define N_THREADS 4
#define PER_THREAD 25

typedef struct
{
  char      *dir;
  char      *path;
  RuhuAudit *audit;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_make_temp_dir ();
  f->path = g_build_filename (f->dir, "audit.db", NULL);
  f->audit = ruhu_audit_open (f->path, &error);
  g_assert_no_error (error);
  for (int i = 1; i <= 5; i++)
    {
      g_autofree char *subject = g_strdup_printf ("user-%d", i);

      ruhu_audit_append (f->audit, "admin", i % 2 ? NULL : "tablet-1", "user.add", subject,
                         i == 3 ? "" : NULL, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->audit);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Tampering as someone with the file would do it: plain SQL. */
static void
run_sql (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
assert_broken_at (Fixture *f,
                  gint64   seq)
{
  g_autoptr(GError) error = NULL;
  gint64 checked = -1, broken = -1;

  g_assert_false (ruhu_audit_verify (f->audit, &checked, &broken, &error));
  g_assert_error (error, RUHU_AUDIT_ERROR, RUHU_AUDIT_ERROR_BROKEN);
  g_assert_cmpint (broken, ==, seq);
  g_assert_cmpint (checked, ==, seq - 1);
}

static void
test_append_and_verify (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 checked = 0, broken = -1;

  g_assert_true (ruhu_audit_verify (f->audit, &checked, &broken, &error));
  g_assert_no_error (error);
  g_assert_cmpint (checked, ==, 5);
  g_assert_cmpint (broken, ==, 0);

  /* Reopening continues the same chain. */
  g_clear_object (&f->audit);
  f->audit = ruhu_audit_open (f->path, &error);
  g_assert_true (ruhu_audit_append (f->audit, "zhang.wei", "tablet-1", "login", NULL, NULL,
                                    &error));
  g_assert_true (ruhu_audit_verify (f->audit, &checked, NULL, &error));
  g_assert_cmpint (checked, ==, 6);
}

static void
test_batch (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuAudit) other = NULL;
  gint64 checked = 0;

  /* A push's entries go in one transaction, chained as one by one. */
  g_assert_true (ruhu_audit_begin_batch (f->audit, &error));
  for (int i = 0; i < 50; i++)
    g_assert_true (ruhu_audit_append (f->audit, "zhang.wei", "tablet-1", "op", "entity", NULL,
                                      &error));
  /* Until the batch ends, another connection sees none of it. */
  other = ruhu_audit_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (ruhu_audit_verify (other, &checked, NULL, &error));
  g_assert_cmpint (checked, ==, 5);
  g_assert_true (ruhu_audit_end_batch (f->audit, &error));
  g_assert_no_error (error);
  g_assert_true (ruhu_audit_verify (other, &checked, NULL, &error));
  g_assert_cmpint (checked, ==, 55);
}

static void
test_empty_log (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "audit.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuAudit) audit = ruhu_audit_open (path, &error);
  gint64 checked = -1, broken = -1;

  g_assert_true (ruhu_audit_verify (audit, &checked, &broken, &error));
  g_assert_cmpint (checked, ==, 0);
  g_assert_cmpint (broken, ==, 0);
  g_clear_object (&audit);
  test_remove_tree (dir);
}

static void
test_edited_entry (Fixture       *f,
                   gconstpointer  data)
{
  run_sql (f->path, "UPDATE audit SET subject = 'someone-else' WHERE seq = 3");
  assert_broken_at (f, 3);
}

static void
test_null_made_empty (Fixture       *f,
                      gconstpointer  data)
{
  run_sql (f->path, "UPDATE audit SET device = '' WHERE seq = 1");
  assert_broken_at (f, 1);
}

static void
test_rehashed_entry (Fixture       *f,
                     gconstpointer  data)
{
  /* A forger who fixes one hash still breaks the link to the next. */
  run_sql (f->path, "UPDATE audit SET hash = (SELECT hash FROM audit WHERE seq = 1) WHERE seq = 2");
  assert_broken_at (f, 2);
}

static void
test_deleted_entry (Fixture       *f,
                    gconstpointer  data)
{
  run_sql (f->path, "DELETE FROM audit WHERE seq = 4");
  assert_broken_at (f, 4);
}

static void
test_deleted_last_entry (Fixture       *f,
                         gconstpointer  data)
{
  run_sql (f->path, "DELETE FROM audit WHERE seq = 5");
  assert_broken_at (f, 5);
}

static void
test_reordered_entries (Fixture       *f,
                        gconstpointer  data)
{
  run_sql (f->path, "UPDATE audit SET seq = 100 WHERE seq = 2;"
                    "UPDATE audit SET seq = 2 WHERE seq = 3;"
                    "UPDATE audit SET seq = 3 WHERE seq = 100;");
  assert_broken_at (f, 2);
}

static gpointer
append_many (gpointer data)
{
  RuhuAudit *audit = data;

  for (int i = 0; i < PER_THREAD; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!ruhu_audit_append (audit, "pusher", "tablet", "push", "case", "1 op", &error))
        g_error ("append failed: %s", error->message);
    }
  return NULL;
}

static void
test_threads (Fixture       *f,
              gconstpointer  data)
{
  GThread *threads[N_THREADS];
  g_autoptr(GError) error = NULL;
  gint64 checked = 0;

  for (int i = 0; i < N_THREADS; i++)
    threads[i] = g_thread_new ("append", append_many, f->audit);
  for (int i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);
  g_assert_true (ruhu_audit_verify (f->audit, &checked, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (checked, ==, 5 + N_THREADS * PER_THREAD);
}

static void
test_foreign_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(GError) error = NULL;
  RuhuAudit *audit;

  run_sql (other, "CREATE TABLE t (x)");
  audit = ruhu_audit_open (other, &error);
  g_assert_null (audit);
  g_assert_error (error, RUHU_AUDIT_ERROR, RUHU_AUDIT_ERROR_DATABASE);
}

int
main (int    argc,
      char **argv)
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: nothing here reads XDG folders, and
   * GLib 2.74 leaks the folders it sets for each test. */
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/ruhu/audit/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("append-and-verify", test_append_and_verify);
  ADD ("tamper/edited", test_edited_entry);
  ADD ("tamper/null-made-empty", test_null_made_empty);
  ADD ("tamper/rehashed", test_rehashed_entry);
  ADD ("tamper/deleted", test_deleted_entry);
  ADD ("tamper/deleted-last", test_deleted_last_entry);
  ADD ("tamper/reordered", test_reordered_entries);
  ADD ("threads", test_threads);
  ADD ("foreign-file", test_foreign_file);
#undef ADD
  g_test_add_func ("/ruhu/audit/empty", test_empty_log);
  g_test_add ("/ruhu/audit/batch", Fixture, NULL, fixture_setup, test_batch, fixture_teardown);
  return g_test_run ();
}
