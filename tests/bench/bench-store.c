/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ruhu-store.h"

/* Applies 1,000,000 field operations (10,000 cases of 100 fields) to an
 * empty store in batches of 1,000, then reads every current value back;
 * once in clear, once encrypted, and the same rows through plain SQLite in
 * one transaction for comparison. Each run is a child process so that its
 * peak memory is its own. Prints figures; never fails on them.
 *
 * RUHU_BENCH_CASES changes the number of cases (default 10,000). */

#define FIELDS_PER_CASE 100
#define ENTITIES_PER_CASE 5
#define BATCH 1000

static const char *names[] = { "王秀英", "李国华", "张伟", "刘芳", "陈明", "杨丽", "赵军", "黄敏" };

typedef struct
{
  guint   n_cases;
  char   *dir;
} Bench;

/* Deterministic ids, so generation costs nothing worth measuring. */
static void
make_uuid (char   *out,
           guint   a,
           guint   b)
{
  g_snprintf (out, 37, "%08x-%04x-4%03x-8%03x-%012x", a, b & 0xffff, b & 0xfff, a & 0xfff, a * 7 + b);
}

static JsonNode *
field_value (guint case_index,
             guint field_index)
{
  switch (field_index % 4)
    {
    case 0:
      return json_node_init_string (json_node_alloc (), names[(case_index + field_index) % G_N_ELEMENTS (names)]);
    case 1:
      return json_node_init_int (json_node_alloc (), (gint64) (case_index * 31 + field_index) * 100);
    case 2:
      return json_node_init_string (json_node_alloc (), "2026-03-14");
    default:
      return json_node_init_boolean (json_node_alloc (), (case_index + field_index) % 2);
    }
}

/* The operations of one case, as a device would send them. */
static void
add_case_ops (GPtrArray *batch,
              guint      case_index,
              guint64   *clock)
{
  char case_id[37], entity[37], root[37], op_id[37];

  make_uuid (case_id, case_index, 0);
  make_uuid (root, case_index, 1);
  for (guint f = 0; f < FIELDS_PER_CASE; f++)
    {
      guint e = f % ENTITIES_PER_CASE;
      g_autofree char *field = g_strdup_printf ("field_%02u", f);
      g_autofree char *version = NULL;
      g_autoptr(JsonNode) value = field_value (case_index, f);
      RuhuHlc hlc = { (gint64) (*clock / 16), (guint32) (*clock % 16) };

      (*clock)++;
      make_uuid (entity, case_index, 1 + e);
      make_uuid (op_id, case_index, 100 + f);
      version = ruhu_version_format (&hlc, "bench-device");
      g_ptr_array_add (batch, ruhu_op_new (op_id, entity, e == 0 ? "household" : "member",
                                           case_id, e == 0 ? NULL : root, field, value,
                                           version, NULL, "bench", NULL));
    }
}

static double
peak_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

static void
count_value (const char *entity,
             const char *field,
             const char *json,
             gpointer    user_data)
{
  (*(guint64 *) user_data)++;
}

static void
run_ruhu (Bench      *bench,
          const char *passphrase)
{
  g_autofree char *path = g_build_filename (bench->dir, passphrase ? "enc.db" : "plain.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) store = NULL;
  RuhuKdfParams kdf = { RUHU_KDF_DEFAULT_ITERATIONS, RUHU_KDF_DEFAULT_MEMORY_KIB, 1 };
  guint64 clock = (guint64) (g_get_real_time () / 1000 - 86400000) * 16, n_ops = 0, n_read = 0;
  gint64 applying = 0, start;
  double read_s;

  store = ruhu_store_open (path, RUHU_STORE_OPEN_CREATE, passphrase, &kdf, &error);
  g_assert_no_error (error);

  for (guint c = 0; c < bench->n_cases; c += BATCH / FIELDS_PER_CASE)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_op_unref);
      g_autoptr(GArray) results = NULL;

      for (guint k = c; k < c + BATCH / FIELDS_PER_CASE && k < bench->n_cases; k++)
        add_case_ops (batch, k, &clock);
      start = g_get_monotonic_time ();
      if (!ruhu_store_apply (store, batch, &results, &error))
        g_error ("apply failed: %s", error->message);
      applying += g_get_monotonic_time () - start;
      n_ops += batch->len;
    }

  start = g_get_monotonic_time ();
  if (!ruhu_store_foreach_value (store, count_value, &n_read, &error))
    g_error ("read failed: %s", error->message);
  read_s = (g_get_monotonic_time () - start) / 1e6;
  g_assert_cmpuint (n_read, ==, n_ops);

  g_print ("ruhu store, %-9s  %8" G_GUINT64_FORMAT " ops  %9.0f ops/s  apply %6.2f s  "
           "read %" G_GUINT64_FORMAT " values %5.2f s  peak %6.1f MiB\n",
           passphrase ? "encrypted" : "clear", n_ops, n_ops / (applying / 1e6), applying / 1e6,
           n_read, read_s, peak_mib ());
}

static void
run_sqlite (Bench *bench)
{
  g_autofree char *path = g_build_filename (bench->dir, "baseline.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *insert = NULL, *select = NULL;
  guint64 n_rows = 0, n_read = 0;
  gint64 start;
  double insert_s, read_s;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                    "CREATE TABLE t (case_id TEXT, entity TEXT, field TEXT, value TEXT)",
                NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO t VALUES (?, ?, ?, ?)", -1, &insert, NULL);

  start = g_get_monotonic_time ();
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  for (guint c = 0; c < bench->n_cases; c++)
    {
      char case_id[37], entity[37];

      make_uuid (case_id, c, 0);
      for (guint f = 0; f < FIELDS_PER_CASE; f++)
        {
          g_autoptr(JsonNode) value = field_value (c, f);
          g_autofree char *text = json_to_string (value, FALSE);
          char field[16];

          make_uuid (entity, c, 1 + f % ENTITIES_PER_CASE);
          g_snprintf (field, sizeof field, "field_%02u", f);
          sqlite3_bind_text (insert, 1, case_id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (insert, 2, entity, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (insert, 3, field, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (insert, 4, text, -1, SQLITE_TRANSIENT);
          g_assert_cmpint (sqlite3_step (insert), ==, SQLITE_DONE);
          sqlite3_reset (insert);
          n_rows++;
        }
    }
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  insert_s = (g_get_monotonic_time () - start) / 1e6;

  start = g_get_monotonic_time ();
  sqlite3_prepare_v2 (db, "SELECT case_id, entity, field, value FROM t", -1, &select, NULL);
  while (sqlite3_step (select) == SQLITE_ROW)
    n_read += sqlite3_column_bytes (select, 3) >= 0;
  read_s = (g_get_monotonic_time () - start) / 1e6;

  sqlite3_finalize (insert);
  sqlite3_finalize (select);
  sqlite3_close (db);
  g_print ("plain SQLite, one txn  %8" G_GUINT64_FORMAT " rows %9.0f rows/s insert %5.2f s  "
           "read %" G_GUINT64_FORMAT " rows   %5.2f s  peak %6.1f MiB\n",
           n_rows, n_rows / insert_s, insert_s, n_read, read_s, peak_mib ());
}

typedef void (*RunFunc) (Bench *bench, const char *passphrase);

static void
run_sqlite_adapter (Bench      *bench,
                    const char *passphrase)
{
  run_sqlite (bench);
}

/* Runs @func in a child so that each figure of peak memory is its own. */
static void
in_child (Bench      *bench,
          RunFunc     func,
          const char *passphrase)
{
  pid_t pid = fork ();
  int status = 0;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      func (bench, passphrase);
      fflush (stdout);
      _exit (0);
    }
  waitpid (pid, &status, 0);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      unlink (child);
    }
  rmdir (path);
}

int
main (int argc, char *argv[])
{
  const char *cases = g_getenv ("RUHU_BENCH_CASES");
  g_autoptr(GError) error = NULL;
  Bench bench = { cases ? (guint) g_ascii_strtoull (cases, NULL, 10) : 10000, NULL };

  bench.dir = g_dir_make_tmp ("ruhu-bench-XXXXXX", &error);
  g_assert_no_error (error);
  g_print ("%u cases x %u fields, batches of %u, on disk (WAL, synchronous=FULL) in %s\n",
           bench.n_cases, FIELDS_PER_CASE, BATCH, bench.dir);

  in_child (&bench, run_sqlite_adapter, NULL);
  in_child (&bench, run_ruhu, NULL);
  in_child (&bench, run_ruhu, "bench passphrase");

  remove_dir (bench.dir);
  g_free (bench.dir);
  return 0;
}
