/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "bench-demo.h"
#include "ruhu-case-list.h"
#include "ruhu-case-summary.h"

/* The case list with 20,000 demo cases: time from process start to the
 * first frame showing rows, time for a search keystroke to reach the
 * screen, and peak memory; on a clear store and on an encrypted one. Each
 * measurement is a fresh child process (this program with --child), run
 * under tests/ui/run-with-display. The stores are generated once into the
 * build directory and reused. Prints figures; never fails on them.
 *
 * RUHU_BENCH_CLIENT_CASES changes the number of cases (default 20,000),
 * RUHU_BENCH_CLIENT_RUNS the runs per store (default 3). */

#define PASSPHRASE "bench-client passphrase"
#define N_KEYS     8

typedef struct
{
  gint64        start_us;    /* process start, CLOCK_BOOTTIME microseconds */
  gint64        main_us;     /* main() entered */
  gint64        open_us;     /* the store is open */
  gint64        frame_us;    /* first frame with rows painted */
  double        open_cpu;    /* process CPU seconds (all threads) when the store was open */
  double        frame_cpu;   /* and at the first frame */
  RuhuCaseList *list;
  GtkWidget    *entry;
  gboolean      painted;
  gint64        key_start;
  GArray       *key_sync;    /* ms: gtk_editable_set_text() returned */
  GArray       *key_frame;   /* ms: the next frame after the keystroke painted */
  GArray       *key_cpu;     /* ms: main-thread CPU time until that frame */
} Child;

static gint64
thread_cpu_us (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

/* CPU time of the whole process, all threads: what a loaded machine's
 * wall clock hides. */
static double
process_cpu_s (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static gint64
boottime_us (void)
{
  struct timespec now;

  clock_gettime (CLOCK_BOOTTIME, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

/* The process's start time from /proc/self/stat (field 22, in clock
 * ticks since boot): includes the dynamic linker and library constructors,
 * which a main()-based clock would miss. */
static gint64
process_start_us (void)
{
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      (after_name = strrchr (stat, ')')) == NULL)
    g_error ("Cannot read /proc/self/stat");
  fields = g_strsplit (after_name + 2, " ", 0);
  /* fields[0] is field 3 (state), so field 22 is fields[19]. */
  return g_ascii_strtoll (fields[19], NULL, 10) * G_USEC_PER_SEC / sysconf (_SC_CLK_TCK);
}

static double
peak_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmHWM:")) == NULL)
    return 0;
  return g_ascii_strtod (line + 6, NULL) / 1024.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return values->len > 0 ? g_array_index (values, double, values->len / 2) : 0;
}

static double
maximum (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return values->len > 0 ? g_array_index (values, double, values->len - 1) : 0;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Child         *child)
{
  if (child->frame_us == 0 && !ruhu_case_list_is_busy (child->list) &&
      ruhu_case_list_get_n_shown (child->list) > 0)
    {
      child->frame_us = boottime_us ();
      child->frame_cpu = process_cpu_s ();
    }
  child->painted = TRUE;
}

static void
wait_for_paint (Child *child)
{
  child->painted = FALSE;
  while (!child->painted)
    g_main_context_iteration (NULL, TRUE);
}

static GtkWidget *
find_entry (GtkWidget *root)
{
  if (GTK_IS_SEARCH_ENTRY (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* One keystroke: the time until the entry's handlers returned (the list
 * model is filtered then) and until the next frame is on screen. */
static void
type_text (Child      *child,
           const char *text)
{
  gint64 start = g_get_monotonic_time ();
  gint64 cpu_start = thread_cpu_us ();
  double sync_ms, frame_ms, cpu_ms;

  gtk_editable_set_text (GTK_EDITABLE (child->entry), text);
  sync_ms = (g_get_monotonic_time () - start) / 1000.0;
  wait_for_paint (child);
  frame_ms = (g_get_monotonic_time () - start) / 1000.0;
  cpu_ms = (thread_cpu_us () - cpu_start) / 1000.0;
  g_array_append_val (child->key_sync, sync_ms);
  g_array_append_val (child->key_cpu, cpu_ms);
  g_array_append_val (child->key_frame, frame_ms);
}

/* Types a village name of a shown case letter by letter, erases it, then
 * types an ID-number tail: growing, shrinking and different searches. */
static void
measure_keystrokes (Child *child)
{
  GListModel *model = ruhu_case_list_get_model (child->list);
  g_autoptr(RuhuCaseSummary) summary = g_list_model_get_item (model, g_list_model_get_n_items (model) / 2);
  const char *village = ruhu_case_summary_get_village (summary);
  const char *tails = ruhu_case_summary_get_info (summary)->id_tails;
  g_autofree char *tail = g_strndup (tails, 4);

  for (const char *end = g_utf8_next_char (village); ; end = g_utf8_next_char (end))
    {
      g_autofree char *typed = g_strndup (village, end - village);

      type_text (child, typed);
      if (*end == '\0')
        break;
    }
  type_text (child, "");
  for (int i = 1; i <= 4; i++)
    {
      g_autofree char *typed = g_strndup (tail, i);

      type_text (child, typed);
    }
  type_text (child, "");
}

static int
run_child (const char *path,
           gboolean    encrypted)
{
  Child child = { process_start_us (), boottime_us (), };
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) store = NULL;
  g_autoptr(RuhuFormSet) forms = NULL;
  g_autoptr(RuhuDevice) device = NULL;
  GtkWindow *window;

  gtk_init ();
  adw_init ();
  /* As the client opens it (client/ruhu-device-open.c): the integrity check
   * runs later, in the background. */
  store = ruhu_store_open (path, RUHU_STORE_OPEN_SKIP_CHECK,
                           encrypted ? PASSPHRASE : NULL, NULL, &error);
  g_assert_no_error (error);
  forms = ruhu_form_set_load_default (&error);
  g_assert_no_error (error);
  device = ruhu_device_new (store, forms);
  child.open_us = boottime_us ();
  child.open_cpu = process_cpu_s ();

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 480, 900);
  child.list = ruhu_case_list_new ();
  gtk_window_set_child (window, GTK_WIDGET (child.list));
  ruhu_case_list_set_device (child.list, device);
  gtk_window_present (window);
  gtk_widget_realize (GTK_WIDGET (window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), &child);
  while (child.frame_us == 0)
    g_main_context_iteration (NULL, TRUE);

  child.entry = find_entry (GTK_WIDGET (child.list));
  child.key_sync = g_array_new (FALSE, FALSE, sizeof (double));
  child.key_frame = g_array_new (FALSE, FALSE, sizeof (double));
  child.key_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  measure_keystrokes (&child);

  printf ("RESULT cases=%u start_to_main=%.0f open=%.0f first_frame=%.0f open_cpu=%.0f list_cpu=%.0f "
          "key_median=%.1f key_max=%.1f key_sync_median=%.1f key_sync_max=%.1f "
          "key_cpu_median=%.1f key_cpu_max=%.1f keys=%u peak=%.0f\n",
          g_list_model_get_n_items (ruhu_case_list_get_model (child.list)),
          (child.main_us - child.start_us) / 1000.0, (child.open_us - child.start_us) / 1000.0,
          (child.frame_us - child.start_us) / 1000.0,
          child.open_cpu * 1000, (child.frame_cpu - child.open_cpu) * 1000,
          median (child.key_frame), maximum (child.key_frame),
          median (child.key_sync), maximum (child.key_sync),
          median (child.key_cpu), maximum (child.key_cpu), child.key_frame->len, peak_mib ());
  fflush (stdout);
  g_array_unref (child.key_sync);
  g_array_unref (child.key_frame);
  g_array_unref (child.key_cpu);
  gtk_window_destroy (window);
  return 0;
}

/* What ruhu_store_open() costs by itself, with PRAGMA quick_check over the
 * whole file (the default) and without it (what the client does). */
static void
time_open (const char *label,
           const char *path,
           gboolean    encrypted)
{
  const RuhuStoreOpenFlags flags[] = { RUHU_STORE_OPEN_DEFAULT, RUHU_STORE_OPEN_SKIP_CHECK };

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RuhuStore) store = NULL;
      gint64 start = g_get_monotonic_time ();

      store = ruhu_store_open (path, flags[i], encrypted ? PASSPHRASE : NULL, NULL, &error);
      g_assert_no_error (error);
      printf ("# %s store: ruhu_store_open %s takes %.0f ms\n", label,
              i == 0 ? "with the quick check" : "without it, as the client does",
              (g_get_monotonic_time () - start) / 1000.0);
    }
}

static GHashTable *
parse_result (const char *output)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *line = strstr (output, "RESULT ");
  g_auto(GStrv) pairs = NULL;

  if (line == NULL)
    return values;
  pairs = g_strsplit_set (line + 7, " \n", 0);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *equals = strchr (pairs[i], '=');

      if (equals != NULL)
        g_hash_table_insert (values, g_strndup (pairs[i], equals - pairs[i]), g_strdup (equals + 1));
    }
  return values;
}

static void
run_store (const char *self_path,
           const char *label,
           const char *path,
           gboolean    encrypted,
           guint       n_runs)
{
  g_autofree char *cache = g_strconcat (path, "-cases", NULL);

  /* The first run reads every case; later ones start from the index the
   * first one kept (ruhu-case-cache.h), as every start after the first. */
  g_unlink (cache);
  for (guint run = 1; run <= n_runs; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) process = NULL;
      g_autofree char *output = NULL;
      g_autoptr(GHashTable) values = NULL;

      process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self_path, "--child",
                                  path, encrypted ? "encrypted" : "clear", NULL);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, &error);
      g_assert_no_error (error);
      values = parse_result (output);
      if (g_hash_table_size (values) == 0)
        {
          printf ("| %s | %u | child failed | | | | | | | |\n", label, run);
          continue;
        }
      printf ("| %s | %u (%s) | %s | %s | %s | %s / %s | %s / %s | %s | %s / %s | %s |\n", label, run,
              run == 1 ? "scan" : "index kept",
              (char *) g_hash_table_lookup (values, "cases"),
              (char *) g_hash_table_lookup (values, "open"),
              (char *) g_hash_table_lookup (values, "first_frame"),
              (char *) g_hash_table_lookup (values, "open_cpu"),
              (char *) g_hash_table_lookup (values, "list_cpu"),
              (char *) g_hash_table_lookup (values, "key_median"),
              (char *) g_hash_table_lookup (values, "key_max"),
              (char *) g_hash_table_lookup (values, "key_cpu_median"),
              (char *) g_hash_table_lookup (values, "key_sync_median"),
              (char *) g_hash_table_lookup (values, "key_sync_max"),
              (char *) g_hash_table_lookup (values, "peak"));
      fflush (stdout);
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *dir = g_getenv ("RUHU_BENCH_CLIENT_DIR");
  const char *cases_env = g_getenv ("RUHU_BENCH_CLIENT_CASES");
  const char *runs_env = g_getenv ("RUHU_BENCH_CLIENT_RUNS");
  guint n_cases = cases_env != NULL ? (guint) g_ascii_strtoull (cases_env, NULL, 10) : 20000;
  guint n_runs = runs_env != NULL ? (guint) g_ascii_strtoull (runs_env, NULL, 10) : 3;
  g_autofree char *clear = NULL;
  g_autofree char *encrypted = NULL;
  g_autofree char *clear_name = g_strdup_printf ("bench-client-%u-clear.db", n_cases);
  g_autofree char *encrypted_name = g_strdup_printf ("bench-client-%u-encrypted.db", n_cases);

  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], g_str_equal (argv[3], "encrypted"));

  clear = g_build_filename (dir != NULL ? dir : ".", clear_name, NULL);
  encrypted = g_build_filename (dir != NULL ? dir : ".", encrypted_name, NULL);
  bench_demo_ensure_store (clear, n_cases, NULL, NULL);
  bench_demo_ensure_store (encrypted, n_cases, PASSPHRASE, NULL);

  time_open ("clear", clear, FALSE);
  time_open ("encrypted", encrypted, TRUE);
  printf ("# ms. store open, first frame: wall time from process start; CPU: process CPU time\n"
          "# (all threads) until the store was open, and from then to the first frame.\n"
          "# keystroke: wall time until the next frame is painted (median / max), and the main\n"
          "# thread's CPU time for it (median); filtering: until the list model is filtered.\n");
  printf ("| store | run | cases | store open | first frame | CPU: open / list | keystroke median / max "
          "| keystroke CPU | filtering median / max | peak MiB |\n"
          "|---|---|---|---|---|---|---|---|---|---|\n");
  run_store (argv[0], "clear", clear, FALSE, n_runs);
  run_store (argv[0], "encrypted", encrypted, TRUE, n_runs);
  printf ("# goals: first frame < 1000 ms, keystroke < 50 ms, peak < 300 MiB\n");
  return 0;
}
