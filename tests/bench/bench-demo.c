/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "bench-demo.h"
#include "ruhu-demo.h"

/**
 * bench_demo_ensure_store:
 * @passphrase: (nullable): for an encrypted store
 * @fill: (nullable): what to add to the demo cases
 *
 * Generates @n_cases demo cases at @path unless a complete store is there.
 * The store is written under a temporary name and renamed when complete,
 * so that an interrupted run leaves nothing that a later one would reuse.
 */
void
bench_demo_ensure_store (const char    *path,
                         guint          n_cases,
                         const char    *passphrase,
                         BenchDemoFill  fill)
{
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  g_autofree char *partial_wal = g_strconcat (partial, "-wal", NULL);
  g_autofree char *partial_shm = g_strconcat (partial, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) store = NULL;
  g_autoptr(GPtrArray) case_ids = NULL;
  gint64 start;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return;
  g_unlink (partial);
  g_unlink (partial_wal);
  g_unlink (partial_shm);
  printf ("# generating %u demo cases into %s (%s); reused by later runs\n", n_cases, path,
          passphrase != NULL ? "encrypted" : "clear");
  fflush (stdout);
  start = g_get_monotonic_time ();
  store = ruhu_store_open (partial, RUHU_STORE_OPEN_CREATE, passphrase, NULL, &error);
  g_assert_no_error (error);
  ruhu_demo_generate (store, n_cases, BENCH_DEMO_SEED, "zhang.wei", &case_ids, &error);
  g_assert_no_error (error);
  if (fill != NULL)
    fill (store, case_ids);
  g_clear_object (&store);
  g_assert_cmpint (g_rename (partial, path), ==, 0);
  printf ("# generated in %.1f s\n", (g_get_monotonic_time () - start) / 1e6);
}
