/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "directory-fixture.h"

/* The directory from the server's worker threads: lookups go on while a
 * write waits, and many threads at once each see what they wrote. */

#define THREADS    8
#define ROUNDS     25
#define WAIT_S     20

typedef struct
{
  DirectoryFixture  base;
  char             *token;  /* the user's, from a first login */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  directory_fixture_setup (&f->base, data);
  f->token = ruhu_directory_login (f->base.directory, FIXTURE_USER, FIXTURE_PASSWORD,
                                   "dev-first", NULL, NULL, 3600, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_free (f->token);
  directory_fixture_teardown (&f->base, data);
}

typedef struct
{
  RuhuDirectory *directory;
  const char    *token;
  guint          index;
  GMutex         lock;
  GCond          cond;
  gboolean       done;
  gboolean       ok;
} Job;

static void
job_init (Job     *job,
          Fixture *f,
          guint    index)
{
  memset (job, 0, sizeof *job);
  job->directory = f->base.directory;
  job->token = f->token;
  job->index = index;
  g_mutex_init (&job->lock);
  g_cond_init (&job->cond);
}

static void
job_clear (Job *job)
{
  g_mutex_clear (&job->lock);
  g_cond_clear (&job->cond);
}

static void
job_finish (Job      *job,
            gboolean  ok)
{
  g_mutex_lock (&job->lock);
  job->done = TRUE;
  job->ok = ok;
  g_cond_broadcast (&job->cond);
  g_mutex_unlock (&job->lock);
}

/* Whether the job finished within @seconds. */
static gboolean
job_wait (Job    *job,
          double  seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  gboolean done;

  g_mutex_lock (&job->lock);
  while (!job->done && g_cond_wait_until (&job->cond, &job->lock, deadline))
    ;
  done = job->done;
  g_mutex_unlock (&job->lock);
  return done;
}

static gpointer
login_thread (gpointer data)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = ruhu_directory_login (job->directory, FIXTURE_USER, FIXTURE_PASSWORD,
                                                 "dev-second", NULL, NULL, 3600, NULL, &error);

  job_finish (job, token != NULL);
  return NULL;
}

static gpointer
lookup_thread (gpointer data)
{
  Job *job = data;
  g_autoptr(RuhuPrincipal) principal = NULL;
  g_autofree char *place = NULL;
  gboolean ok;

  principal = ruhu_directory_authenticate (job->directory, job->token, NULL);
  ok = principal != NULL && g_str_equal (principal->user_id, FIXTURE_USER) &&
       ruhu_directory_get_case_place (job->directory, "case-1", &place, NULL, NULL);
  job_finish (job, ok);
  return NULL;
}

/* Another process (ruhu-admin) holds the write lock: a login waits for
 * it, holding the directory's own lock, and token and place lookups still
 * answer meanwhile. */
static void
test_lookups_during_write (Fixture       *f,
                           gconstpointer  data)
{
  Job login, lookup;
  GThread *login_worker, *lookup_worker;
  sqlite3 *other = NULL;

  job_init (&login, f, 0);
  job_init (&lookup, f, 1);
  g_assert_cmpint (sqlite3_open (f->base.path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  login_worker = g_thread_new ("login", login_thread, &login);
  g_assert_false (job_wait (&login, 0.3));
  lookup_worker = g_thread_new ("lookup", lookup_thread, &lookup);
  g_assert_true (job_wait (&lookup, WAIT_S));
  g_assert_true (lookup.ok);
  g_assert_false (login.done);

  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (job_wait (&login, WAIT_S));
  g_assert_true (login.ok);
  g_thread_join (login_worker);
  g_thread_join (lookup_worker);
  sqlite3_close (other);
  job_clear (&login);
  job_clear (&lookup);
}

static gpointer
busy_thread (gpointer data)
{
  Job *job = data;
  gboolean ok = TRUE;

  for (guint round = 0; round < ROUNDS && ok; round++)
    {
      g_autofree char *device = g_strdup_printf ("dev-%u-%u", job->index, round);
      g_autofree char *kase = g_uuid_string_random ();
      g_autofree char *place = g_strdup_printf ("500109001%03u", job->index * ROUNDS + round);
      g_autofree char *read_place = NULL;
      g_autofree char *read_creator = NULL;
      g_autofree char *token = NULL;
      g_autoptr(RuhuPrincipal) principal = NULL;
      g_autoptr(GError) error = NULL;

      token = ruhu_directory_login (job->directory, FIXTURE_USER, FIXTURE_PASSWORD, device, NULL,
                                    NULL, 3600, NULL, &error);
      principal = token != NULL ? ruhu_directory_authenticate (job->directory, token, &error)
                                : NULL;
      ok = principal != NULL && g_str_equal (principal->device_id, device) &&
           ruhu_directory_set_case_place (job->directory, kase, place, FIXTURE_USER, &error) &&
           ruhu_directory_get_case_place (job->directory, kase, &read_place, &read_creator,
                                          &error) &&
           g_strcmp0 (read_place, place) == 0 && g_strcmp0 (read_creator, FIXTURE_USER) == 0;
      if (!ok)
        g_test_message ("Thread %u, round %u: %s", job->index, round,
                        error != NULL ? error->message : "read back something else");
    }
  job_finish (job, ok);
  return NULL;
}

/* Logins, token checks and case places from many threads at once: every
 * call succeeds and reads back what its thread wrote. */
static void
test_many_threads (Fixture       *f,
                   gconstpointer  data)
{
  Job jobs[THREADS];
  GThread *threads[THREADS];
  g_autoptr(GPtrArray) devices = NULL;

  for (guint i = 0; i < THREADS; i++)
    {
      job_init (&jobs[i], f, i);
      threads[i] = g_thread_new ("busy", busy_thread, &jobs[i]);
    }
  for (guint i = 0; i < THREADS; i++)
    {
      g_thread_join (threads[i]);
      g_assert_true (jobs[i].done);
      g_assert_true (jobs[i].ok);
      job_clear (&jobs[i]);
    }
  devices = ruhu_directory_list_devices (f->base.directory, NULL);
  g_assert_nonnull (devices);
  g_assert_cmpuint (devices->len, ==, 1 + THREADS * ROUNDS);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ruhu_crypto_init ();

#define ADD(path, func) \
  g_test_add ("/ruhu/directory-threads/" path, Fixture, NULL, fixture_setup, func, \
              fixture_teardown)
  ADD ("lookups-during-write", test_lookups_during_write);
  ADD ("many-threads", test_many_threads);
#undef ADD
  return g_test_run ();
}
