/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ruhu-demo.h"
#include "bench-sync-data.h"

/* Device A of bench-sync: demo cases as its own unsynced edits. */

#define DEMO_SEED 20260314
#define PAGE      5000

static RuhuOp *
reversion (const RuhuOp *op,
           const char   *device,
           const char   *actor)
{
  g_autoptr(GPtrArray) bases = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  RuhuHlc hlc;
  RuhuOp *copy;

  if (!ruhu_version_parse (op->version, &hlc, NULL, &error))
    g_error ("demo version %s: %s", op->version, error->message);
  version = ruhu_version_format (&hlc, device);
  for (guint i = 0; op->bases != NULL && op->bases[i] != NULL; i++)
    {
      if (!ruhu_version_parse (op->bases[i], &hlc, NULL, &error))
        g_error ("demo base %s: %s", op->bases[i], error->message);
      g_ptr_array_add (bases, ruhu_version_format (&hlc, device));
    }
  g_ptr_array_add (bases, NULL);
  copy = ruhu_op_new (op->id, op->entity, op->kind, op->case_id, op->parent, op->field, op->value,
                      version, (const char * const *) bases->pdata, actor, &error);
  if (copy == NULL)
    g_error ("re-versioned op: %s", error->message);
  return copy;
}

/* Copies every operation of @scratch into @device as if @device had
 * written it: same HLC, @device's id. */
static guint64
copy_ops (RuhuStore  *scratch,
          RuhuStore  *device,
          const char *actor)
{
  g_autoptr(GError) error = NULL;
  gint64 seq = 0;
  guint64 n_ops = 0;

  for (;;)
    {
      g_autoptr(GPtrArray) page = ruhu_store_feed_since (scratch, seq, PAGE, &seq, &error);
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_op_unref);
      g_autoptr(GArray) results = NULL;

      if (page == NULL)
        g_error ("feed: %s", error->message);
      if (page->len == 0)
        return n_ops;
      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (batch, reversion (g_ptr_array_index (page, i),
                                           ruhu_store_get_device_id (device), actor));
      if (!ruhu_store_apply (device, batch, &results, &error))
        g_error ("apply: %s", error->message);
      for (guint i = 0; i < results->len; i++)
        if (g_array_index (results, RuhuApplyResult, i).status != RUHU_APPLY_APPLIED)
          g_error ("device A refused a demo operation");
      n_ops += batch->len;
    }
}

/* ruhu_store_write() makes each edit durable on its own (a transaction and
 * an fsync each): a million of them would take far longer than the sync
 * being measured. So the operations are applied in batches and then queued
 * in the outbox in their order, which is the state a device that wrote
 * them would be in. */
static void
queue_all_in_outbox (const char *path)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  if (sqlite3_open (path, &db) != SQLITE_OK ||
      sqlite3_exec (db, "INSERT INTO outbox (v, entity, field, actor)"
                        " SELECT v, entity, field, actor FROM versions ORDER BY seq",
                    NULL, NULL, &message) != SQLITE_OK)
    g_error ("outbox: %s", message ? message : sqlite3_errmsg (db));
  sqlite3_close (db);
}

static void
make_device (const char *path,
             guint       n_cases,
             const char *actor,
             const char *ids_path)
{
  g_autoptr(RuhuStore) scratch = NULL;
  g_autoptr(RuhuStore) device = NULL;
  g_autoptr(GPtrArray) case_ids = NULL;
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  guint64 n_ops;
  double generated_s;

  scratch = ruhu_store_open (":memory:", RUHU_STORE_OPEN_CREATE, NULL, NULL, &error);
  if (scratch == NULL ||
      !ruhu_demo_generate (scratch, n_cases, DEMO_SEED, actor, &case_ids, &error))
    g_error ("demo data: %s", error->message);
  generated_s = (g_get_monotonic_time () - start) / 1e6;

  device = ruhu_store_open (path, RUHU_STORE_OPEN_CREATE, NULL, NULL, &error);
  if (device == NULL)
    g_error ("device A: %s", error->message);
  n_ops = copy_ops (scratch, device, actor);
  g_clear_object (&device);
  queue_all_in_outbox (path);

  for (guint i = 0; i < case_ids->len; i++)
    g_string_append_printf (ids, "%s\n", (char *) g_ptr_array_index (case_ids, i));
  if (!g_file_set_contents (ids_path, ids->str, ids->len, &error))
    g_error ("%s", error->message);
  g_print ("ruhu_demo_generate: %u cases, %" G_GUINT64_FORMAT " field operations "
           "(%.1f per case, not 100), %.1f s; device A's outbox ready after %.1f s\n",
           n_cases, n_ops, (double) n_ops / n_cases, generated_s,
           (g_get_monotonic_time () - start) / 1e6);
}

/**
 * bench_prepare_device:
 * @path: the store file to create
 * @actor: the user the operations name
 * @ids_path: a scratch file for the case ids
 *
 * Makes, in a child process (call it before this process has threads,
 * sockets or a main loop), a clear store at @path holding @n_cases demo
 * cases as unsynced edits of its own device.
 *
 * Returns: (transfer full): the case ids, in the order generated
 */
GPtrArray *
bench_prepare_device (const char *path,
                      guint       n_cases,
                      const char *actor,
                      const char *ids_path)
{
  g_autoptr(GPtrArray) case_ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *ids = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  pid_t pid;

  fflush (stdout);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      make_device (path, n_cases, actor, ids_path);
      fflush (stdout);
      _exit (0);
    }
  waitpid (pid, &status, 0);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  if (!g_file_get_contents (ids_path, &ids, NULL, &error))
    g_error ("%s", error->message);
  lines = g_strsplit (ids, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_ptr_array_add (case_ids, g_strdup (lines[i]));
  return g_steal_pointer (&case_ids);
}
