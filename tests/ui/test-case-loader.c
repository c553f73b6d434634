/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-case-loader.h"
#include "ruhu-case-snapshot.h"
#include "ui-fixture.h"

/* The loader alone, without a display: its reads wait at a gate the test
 * opens, so that changes and case switches land while a read runs. */

typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean open;
  guint    n_started;
  guint    n_finished;
} Gate;

static Gate gate;

/* What a read found: the case and its household head, from the store. */
typedef struct
{
  char *case_id;
  char *head_name;
} Found;

static void
found_free (Found *found)
{
  g_free (found->case_id);
  g_free (found->head_name);
  g_free (found);
}

typedef struct
{
  UiFixture       base;
  RuhuCaseLoader *loader;
  guint           watchdog;
  guint           n_loaded;
  guint           n_errors;
  char           *last_case;
  char           *last_head;
  gboolean        loading_while_loaded;  /* another read had begun */
} Fixture;

static gpointer
load_found (RuhuDevice    *device,
            const char    *case_id,
            GCancellable  *cancellable,
            GError       **error)
{
  RuhuCaseSnapshot *snapshot;
  RuhuCaseEntity *household;
  Found *found;

  g_mutex_lock (&gate.lock);
  gate.n_started++;
  g_cond_broadcast (&gate.cond);
  while (!gate.open)
    g_cond_wait (&gate.cond, &gate.lock);
  g_mutex_unlock (&gate.lock);

  snapshot = ruhu_case_snapshot_load (ruhu_device_get_store (device), case_id, error);
  found = NULL;
  household = snapshot != NULL ? ruhu_case_snapshot_first (snapshot, "household") : NULL;
  if (household != NULL)
    {
      found = g_new0 (Found, 1);
      found->case_id = g_strdup (case_id);
      found->head_name = g_strdup (ruhu_case_entity_get_string (household, "head_name"));
    }
  else if (snapshot != NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No household in %s", case_id);
  g_clear_pointer (&snapshot, ruhu_case_snapshot_free);

  g_mutex_lock (&gate.lock);
  gate.n_finished++;
  g_cond_broadcast (&gate.cond);
  g_mutex_unlock (&gate.lock);
  return found;
}

static void
found_loaded (gpointer      owner,
              gpointer      result,
              const GError *error)
{
  Fixture *f = owner;
  Found *found = result;

  f->loading_while_loaded = ruhu_case_loader_get_loading (f->loader);
  if (found == NULL)
    {
      g_assert_nonnull (error);
      f->n_errors++;
      return;
    }
  f->n_loaded++;
  g_free (f->last_case);
  f->last_case = g_strdup (found->case_id);
  g_free (f->last_head);
  f->last_head = g_steal_pointer (&found->head_name);
}

static const RuhuCaseLoaderFuncs funcs = {
  .load = load_found,
  .result_free = (GDestroyNotify) found_free,
  .loaded = found_loaded,
};

static const RuhuCaseLoaderFuncs settling_funcs = {
  .load = load_found,
  .result_free = (GDestroyNotify) found_free,
  .loaded = found_loaded,
  .settle_ms = 200,
};

static void
set_gate (gboolean open)
{
  g_mutex_lock (&gate.lock);
  gate.open = open;
  g_cond_broadcast (&gate.cond);
  g_mutex_unlock (&gate.lock);
}

/* Waits, without running the main loop, until *@count (a gate counter)
 * reaches @n. */
static void
wait_count (const guint *count,
            guint        n)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  g_mutex_lock (&gate.lock);
  while (*count < n)
    if (!g_cond_wait_until (&gate.cond, &gate.lock, deadline))
      g_error ("Only %u of %u reads came this far", *count, n);
  g_mutex_unlock (&gate.lock);
}

#define wait_started(n) wait_count (&gate.n_started, (n))
#define wait_finished(n) wait_count (&gate.n_finished, (n))

/* Runs the main loop until the loader has nothing more to read; the
 * fixture's watchdog ends a test that hangs. */
static void
wait_idle (Fixture *f)
{
  while (ruhu_case_loader_get_loading (f->loader))
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
watchdog_cb (gpointer user_data)
{
  g_error ("The test did not finish");
  return G_SOURCE_REMOVE;
}

static void
setup_with (Fixture                   *f,
            const RuhuCaseLoaderFuncs *loader_funcs)
{
  ui_fixture_setup (&f->base, 2);
  f->watchdog = g_timeout_add_seconds (45, watchdog_cb, NULL);
  gate.open = FALSE;
  gate.n_started = gate.n_finished = 0;
  f->loader = ruhu_case_loader_new (f->base.device, loader_funcs, f);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  setup_with (f, &funcs);
}

static void
setup_settling (Fixture       *f,
                gconstpointer  data)
{
  setup_with (f, &settling_funcs);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  set_gate (TRUE);
  ruhu_case_loader_clear (&f->loader);
  /* Reads under way end before the store's directory goes. */
  wait_finished (gate.n_started);
  ui_iterate (20);
  g_source_remove (f->watchdog);
  g_free (f->last_case);
  g_free (f->last_head);
  ui_fixture_teardown (&f->base);
}

static const char *
case_id (Fixture *f,
         guint    i)
{
  return g_ptr_array_index (f->base.case_ids, i);
}

/* Changes during a read, however many, make one read more. */
static void
test_change_during_read (Fixture       *f,
                         gconstpointer  data)
{
  ruhu_case_loader_set_case (f->loader, case_id (f, 0));
  g_assert_true (ruhu_case_loader_get_loading (f->loader));
  wait_started (1);
  ruhu_device_case_changed (f->base.device, case_id (f, 0));
  ruhu_device_case_changed (f->base.device, NULL);
  ruhu_device_case_changed (f->base.device, case_id (f, 0));
  /* Another case's news is not this one's. */
  ruhu_device_case_changed (f->base.device, case_id (f, 1));
  set_gate (TRUE);
  wait_idle (f);
  g_assert_cmpuint (gate.n_started, ==, 2);
  g_assert_cmpuint (f->n_loaded, ==, 2);
  g_assert_cmpuint (f->n_errors, ==, 0);
  g_assert_cmpstr (f->last_case, ==, case_id (f, 0));
  g_assert_nonnull (f->last_head);
  g_assert_false (f->loading_while_loaded);

  /* Without a read under way, a change reads at once; another case's not. */
  ruhu_device_case_changed (f->base.device, case_id (f, 1));
  g_assert_false (ruhu_case_loader_get_loading (f->loader));
  ruhu_device_case_changed (f->base.device, case_id (f, 0));
  g_assert_true (ruhu_case_loader_get_loading (f->loader));
  wait_idle (f);
  g_assert_cmpuint (gate.n_started, ==, 3);
  g_assert_cmpuint (f->n_loaded, ==, 3);
}

/* The first result is shown while the second read, for the news, runs. */
static void
test_loading_while_rereading (Fixture       *f,
                              gconstpointer  data)
{
  ruhu_case_loader_set_case (f->loader, case_id (f, 0));
  wait_started (1);
  ruhu_case_loader_reload (f->loader);
  set_gate (TRUE);
  wait_finished (1);
  set_gate (FALSE);
  while (f->n_loaded == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (f->loading_while_loaded);
  g_assert_true (ruhu_case_loader_get_loading (f->loader));
  set_gate (TRUE);
  wait_idle (f);
  g_assert_cmpuint (f->n_loaded, ==, 2);
  g_assert_false (f->loading_while_loaded);
}

/* A read of the case left is dropped, and so is the news it had. */
static void
test_switch_case (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *head_0 = NULL;

  ruhu_case_loader_set_case (f->loader, case_id (f, 0));
  wait_started (1);
  ruhu_device_case_changed (f->base.device, case_id (f, 0));
  ruhu_case_loader_set_case (f->loader, case_id (f, 1));
  g_assert_cmpstr (ruhu_case_loader_get_case (f->loader), ==, case_id (f, 1));
  wait_started (2);
  set_gate (TRUE);
  wait_finished (2);
  wait_idle (f);
  /* Both reads ended, whatever their order: only case 1's was shown. */
  ui_iterate (50);
  g_assert_cmpuint (gate.n_started, ==, 2);
  g_assert_cmpuint (f->n_loaded, ==, 1);
  g_assert_cmpuint (f->n_errors, ==, 0);
  g_assert_cmpstr (f->last_case, ==, case_id (f, 1));

  /* The loader still reads the case it has, and only that. */
  head_0 = g_strdup (f->last_head);
  ruhu_case_loader_set_case (f->loader, NULL);
  g_assert_false (ruhu_case_loader_get_loading (f->loader));
  ruhu_device_case_changed (f->base.device, NULL);
  g_assert_false (ruhu_case_loader_get_loading (f->loader));
  ruhu_case_loader_set_case (f->loader, case_id (f, 0));
  wait_idle (f);
  g_assert_cmpuint (f->n_loaded, ==, 2);
  g_assert_cmpstr (f->last_case, ==, case_id (f, 0));
  g_assert_cmpstr (f->last_head, !=, head_0);
}

static void
loading_notified_cb (GObject    *loader,
                     GParamSpec *pspec,
                     guint      *count)
{
  (*count)++;
}

/* Stopped while a read runs: nothing is called, the result is freed (ASan
 * and LeakSanitizer see to it). */
static void
test_stop_during_read (Fixture       *f,
                       gconstpointer  data)
{
  guint notified = 0;

  g_signal_connect (f->loader, "notify::loading", G_CALLBACK (loading_notified_cb), &notified);
  ruhu_case_loader_set_case (f->loader, case_id (f, 0));
  g_assert_cmpuint (notified, ==, 1);
  wait_started (1);
  ruhu_device_case_changed (f->base.device, case_id (f, 0));
  ruhu_case_loader_clear (&f->loader);
  g_assert_null (f->loader);
  set_gate (TRUE);
  wait_finished (1);
  ui_iterate (100);
  g_assert_cmpuint (gate.n_started, ==, 1);
  g_assert_cmpuint (f->n_loaded, ==, 0);
  g_assert_cmpuint (f->n_errors, ==, 0);
}

/* A case the store does not have: the read's error reaches the owner. */
static void
test_error (Fixture       *f,
            gconstpointer  data)
{
  set_gate (TRUE);
  ruhu_case_loader_set_case (f->loader, "no-such-case");
  wait_idle (f);
  g_assert_cmpuint (f->n_loaded + f->n_errors, ==, 1);
  g_assert_cmpuint (f->n_errors, ==, 1);
}

/* With a settling time, a burst of changes makes one read, after it. */
static void
test_settle (Fixture       *f,
             gconstpointer  data)
{
  set_gate (TRUE);
  ruhu_case_loader_set_case (f->loader, case_id (f, 0));
  wait_idle (f);
  g_assert_cmpuint (f->n_loaded, ==, 1);
  for (guint i = 0; i < 5; i++)
    ruhu_device_case_changed (f->base.device, case_id (f, 0));
  g_assert_true (ruhu_case_loader_get_loading (f->loader));
  g_assert_cmpuint (gate.n_started, ==, 1);
  wait_idle (f);
  g_assert_cmpuint (gate.n_started, ==, 2);
  g_assert_cmpuint (f->n_loaded, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_mutex_init (&gate.lock);
  g_cond_init (&gate.cond);
  g_test_add ("/case-loader/change-during-read", Fixture, NULL, setup,
              test_change_during_read, teardown);
  g_test_add ("/case-loader/loading-while-rereading", Fixture, NULL, setup,
              test_loading_while_rereading, teardown);
  g_test_add ("/case-loader/switch-case", Fixture, NULL, setup, test_switch_case, teardown);
  g_test_add ("/case-loader/stop-during-read", Fixture, NULL, setup, test_stop_during_read,
              teardown);
  g_test_add ("/case-loader/error", Fixture, NULL, setup, test_error, teardown);
  g_test_add ("/case-loader/settle", Fixture, NULL, setup_settling, test_settle, teardown);
  return g_test_run ();
}
