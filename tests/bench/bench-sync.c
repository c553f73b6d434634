/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-server.h"
#include "ruhu-sync.h"
/* The client's SoupSession, to count the bytes of each request. */
#include "ruhu-sync-private.h"
#include "bench-sync-data.h"
#include "bench-util.h"

/* Sync through a ruhu-server process on 127.0.0.1: device A pushes
 * 10,000 demo cases to the empty server, device B (empty) pulls them all,
 * then each device edits 1 % of the cases, half of them the same ones,
 * and A, B and A again sync. Prints time, rates, bytes on the wire and
 * peak memory for each step; never fails on them. It does fail when the
 * devices end with other conflicts than the edits that really differ.
 *
 * RUHU_BENCH_CASES: cases (default 10,000); RUHU_BENCH_PULL_LIMIT: the
 * client's pull page (default: the client's own). Both devices' stores
 * are clear (not encrypted) files; both users are administrators. */

#define WATCHDOG_S    (3 * 3600)
#define SYNC_TIMEOUT_S (2 * 3600)

typedef struct
{
  guint64 requests;
  guint64 sent;      /* request bodies */
  guint64 received;  /* response bodies, as sent (the server gzips large ones) */
  guint64 unzipped;  /* response bodies, decoded */
  guint64 headers;   /* both ways */
} Traffic;

typedef struct
{
  const char     *name;
  const char     *user;
  RuhuStore      *store;
  RuhuSyncClient *client;
  Traffic         push;
  Traffic         pull;
  guint           in_flight;
  gint64          pushed;
  gint64          pulled;
  gint64          push_done_at;
  double          push_server_mib;
  double          push_device_mib;
  double          cpu_server[3];  /* at the start, the end of the push, the end */
  double          cpu_device[3];
} Device;

typedef struct
{
  guint        n_cases;
  char        *tmp;
  BenchServer *server;
  GPtrArray   *case_ids;
  Device       a;
  Device       b;
} Bench;

typedef struct
{
  const char *label;
  double      seconds;
  guint64     cases;
  guint64     ops;
  Traffic     traffic;
  double      server_mib;
  double      device_mib;
  double      goal_s;  /* 0: none */
  double      cpu_server;  /* seconds of CPU, user and system */
  double      cpu_device;
} Step;

/* Devices */

static void
request_queued_cb (SoupSession *session,
                   SoupMessage *message,
                   Device      *device)
{
  soup_message_add_flags (message, SOUP_MESSAGE_COLLECT_METRICS);
  device->in_flight++;
}

static void
request_unqueued_cb (SoupSession *session,
                     SoupMessage *message,
                     Device      *device)
{
  SoupMessageMetrics *metrics = soup_message_get_metrics (message);
  const char *path = g_uri_get_path (soup_message_get_uri (message));
  Traffic *traffic = g_str_has_suffix (path, "/push") ? &device->push : &device->pull;

  device->in_flight--;
  if (metrics == NULL || g_str_has_suffix (path, "/session"))
    return;
  traffic->requests++;
  traffic->sent += soup_message_metrics_get_request_body_bytes_sent (metrics);
  traffic->received += soup_message_metrics_get_response_body_bytes_received (metrics);
  traffic->unzipped += soup_message_metrics_get_response_body_size (metrics);
  traffic->headers += soup_message_metrics_get_request_header_bytes_sent (metrics) +
                      soup_message_metrics_get_response_header_bytes_received (metrics);
}

static void
progress_cb (RuhuSyncClient *client,
             int             phase,
             gint64          done,
             gint64          total,
             gpointer        user_data)
{
  Device *device = user_data;
  Bench *bench = g_object_get_data (G_OBJECT (client), "bench");

  if (phase == RUHU_SYNC_PHASE_PUSH)
    device->pushed = done;
  else if (phase == RUHU_SYNC_PHASE_PULL)
    device->pulled = done;
  if (phase == RUHU_SYNC_PHASE_PUSH && total > 0 && done == total && device->push_done_at == 0)
    {
      device->push_done_at = g_get_monotonic_time ();
      device->cpu_server[1] = bench_cpu_seconds (bench->server->pid);
      device->cpu_device[1] = bench_cpu_seconds (0);
      device->push_server_mib = bench_peak_mib (bench->server->pid);
      device->push_device_mib = bench_peak_mib (0);
      bench_reset_peak (bench->server->pid);
      bench_reset_peak (0);
    }
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("A sync took longer than %d s", SYNC_TIMEOUT_S);
  return G_SOURCE_REMOVE;
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  guint watchdog = g_timeout_add_seconds (SYNC_TIMEOUT_S, timeout_cb, NULL);

  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (watchdog);
  return *result;
}

static void
device_open (Bench      *bench,
             Device     *device,
             const char *path)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint pull_limit = bench_env_uint ("RUHU_BENCH_PULL_LIMIT", 0);

  device->store = ruhu_store_open (path, RUHU_STORE_OPEN_CREATE, NULL, NULL, &error);
  if (device->store == NULL)
    g_error ("%s: %s", device->name, error->message);
  device->client = ruhu_sync_client_new (device->store);
  ruhu_sync_client_set_retry_policy (device->client, 3, 100);
  if (pull_limit > 0)
    ruhu_sync_client_set_page_size (device->client, pull_limit, 0);
  g_object_set_data (G_OBJECT (device->client), "bench", bench);
  g_signal_connect (device->client, "progress", G_CALLBACK (progress_cb), device);
  g_signal_connect (device->client->session, "request-queued", G_CALLBACK (request_queued_cb), device);
  g_signal_connect (device->client->session, "request-unqueued",
                    G_CALLBACK (request_unqueued_cb), device);

  ruhu_sync_client_login_async (device->client, bench->server->url, device->user, BENCH_PASSWORD,
                                NULL, result_cb, &result);
  if (!ruhu_sync_client_login_finish (device->client, wait_for (&result), &error))
    g_error ("%s cannot log in: %s", device->name, error->message);
}

static void
device_close (Device *device)
{
  g_clear_object (&device->client);
  g_clear_object (&device->store);
}

/* Syncs once; returns the seconds it took. Counters start from zero. */
static double
device_sync (Bench  *bench,
             Device *device)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  memset (&device->push, 0, sizeof device->push);
  memset (&device->pull, 0, sizeof device->pull);
  device->pushed = device->pulled = device->push_done_at = 0;
  bench_reset_peak (bench->server->pid);
  bench_reset_peak (0);
  device->cpu_server[0] = device->cpu_server[1] = bench_cpu_seconds (bench->server->pid);
  device->cpu_device[0] = device->cpu_device[1] = bench_cpu_seconds (0);
  start = g_get_monotonic_time ();
  ruhu_sync_client_sync_async (device->client, NULL, result_cb, &result);
  if (!ruhu_sync_client_sync_finish (device->client, wait_for (&result), &error))
    g_error ("%s: sync failed: %s", device->name, error->message);
  /* The last message leaves the queue just after the answer is read. */
  while (device->in_flight > 0)
    g_main_context_iteration (NULL, TRUE);
  device->cpu_server[2] = bench_cpu_seconds (bench->server->pid);
  device->cpu_device[2] = bench_cpu_seconds (0);
  return (g_get_monotonic_time () - start) / 1e6;
}

/* Output */

static Traffic
traffic_sum (const Traffic *a,
             const Traffic *b)
{
  return (Traffic) { a->requests + b->requests, a->sent + b->sent, a->received + b->received,
                     a->unzipped + b->unzipped, a->headers + b->headers };
}

static void
print_header (void)
{
  g_print ("\n%-34s %8s %9s %10s %6s %10s %10s %10s %9s %9s %15s  %s\n", "step", "seconds",
           "cases/s", "ops/s", "reqs", "sent", "received", "unzipped", "server", "device",
           "cpu srv+dev", "goal");
}

static void
print_step (const Step *step)
{
  g_autofree char *sent = bench_format_bytes (step->traffic.sent);
  g_autofree char *received = bench_format_bytes (step->traffic.received);
  g_autofree char *unzipped = bench_format_bytes (step->traffic.unzipped);
  g_autofree char *goal = step->goal_s > 0
    ? g_strdup_printf ("< %.1f s: %s", step->goal_s, step->seconds < step->goal_s ? "met" : "MISSED")
    : g_strdup ("");
  double seconds = MAX (step->seconds, 1e-6);

  g_print ("%-34s %8.3f %9.0f %10.0f %6" G_GUINT64_FORMAT " %10s %10s %10s %5.0f MiB %5.0f MiB"
           " %6.2f+%6.2f s  %s\n",
           step->label, step->seconds, step->cases / seconds, step->ops / seconds,
           step->traffic.requests, sent, received, unzipped, step->server_mib, step->device_mib,
           step->cpu_server, step->cpu_device, goal);
}

/* Steps */

static void
run_initial (Bench *bench)
{
  gint64 end;
  double seconds;
  Step push, echo, pull;

  seconds = device_sync (bench, &bench->a);
  end = g_get_monotonic_time ();
  /* Figures of a push that sent nothing would be nonsense. */
  if (bench->a.pushed == 0 || ruhu_store_outbox_count (bench->a.store, NULL) != 0)
    g_error ("device A pushed %" G_GINT64_FORMAT " operations and kept %" G_GINT64_FORMAT
             " in its outbox", bench->a.pushed, ruhu_store_outbox_count (bench->a.store, NULL));
  push = (Step) { "push: A -> empty server", (bench->a.push_done_at - (end - seconds * 1e6)) / 1e6,
                  bench->n_cases, bench->a.pushed, bench->a.push, bench->a.push_server_mib,
                  bench->a.push_device_mib, 3.0,
                  bench->a.cpu_server[1] - bench->a.cpu_server[0],
                  bench->a.cpu_device[1] - bench->a.cpu_device[0] };
  echo = (Step) { "  same sync: A pulls its own back", (end - bench->a.push_done_at) / 1e6,
                  bench->n_cases, bench->a.pulled, bench->a.pull,
                  bench_peak_mib (bench->server->pid), bench_peak_mib (0), 0,
                  bench->a.cpu_server[2] - bench->a.cpu_server[1],
                  bench->a.cpu_device[2] - bench->a.cpu_device[1] };
  seconds = device_sync (bench, &bench->b);
  pull = (Step) { "initial pull: empty B <- server", seconds, bench->n_cases, bench->b.pulled,
                  bench->b.pull, bench_peak_mib (bench->server->pid), bench_peak_mib (0), 3.0,
                  bench->b.cpu_server[2] - bench->b.cpu_server[0],
                  bench->b.cpu_device[2] - bench->b.cpu_device[0] };
  print_header ();
  print_step (&push);
  print_step (&echo);
  print_step (&pull);
  {
    g_autofree char *push_headers = bench_format_bytes (bench->a.push.headers);
    g_autofree char *pull_headers = bench_format_bytes (bench->b.pull.headers);

    g_print ("(sent and received count bodies; headers added %s to the push, %s to the pull)\n",
             push_headers, pull_headers);
  }
}

static void
write_text (Device     *device,
            const char *case_id,
            const char *field,
            const char *text)
{
  g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), text);
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuOp) op = ruhu_store_write (device->store, case_id, NULL, NULL, NULL, field, value,
                                           device->user, &error);

  if (op == NULL)
    g_error ("%s: edit of %s: %s", device->name, field, error->message);
}

/* A edits cases [0, n), B cases [n - overlap, 2n - overlap): the address
 * and the phone of each household. On the shared cases both write the
 * same phone, and the same address on every other one: only the other
 * addresses really differ. Returns how many do. */
static guint
edit_cases (Bench *bench,
            guint  n_edit,
            guint  overlap)
{
  guint differing = 0;

  for (guint i = 0; i < n_edit; i++)
    {
      const char *case_id = g_ptr_array_index (bench->case_ids, i);
      g_autofree char *address = g_strdup_printf ("A 改 新街%u号", i);
      g_autofree char *phone = g_strdup_printf ("138%08u", i);

      write_text (&bench->a, case_id, "address", address);
      write_text (&bench->a, case_id, "phone", phone);
    }
  for (guint i = n_edit - overlap; i < 2 * n_edit - overlap; i++)
    {
      const char *case_id = g_ptr_array_index (bench->case_ids, i);
      gboolean shared = i < n_edit, same = shared && i % 2 == 0;
      g_autofree char *address = g_strdup_printf (same ? "A 改 新街%u号" : "B 改 老街%u号", i);
      g_autofree char *phone = g_strdup_printf ("138%08u", i);

      write_text (&bench->b, case_id, "address", address);
      write_text (&bench->b, case_id, "phone", phone);
      differing += shared && !same;
    }
  return differing;
}

static guint
count_conflicts (Device *device)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = ruhu_store_list_conflicts (device->store, NULL, &error);

  if (conflicts == NULL)
    g_error ("%s: %s", device->name, error->message);
  return conflicts->len;
}

/* The edited fields read the same on both devices. */
static gboolean
edits_converged (Bench *bench,
                 guint  n_cases)
{
  static const char *const fields[] = { "address", "phone" };

  for (guint i = 0; i < n_cases; i++)
    for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
      {
        const char *case_id = g_ptr_array_index (bench->case_ids, i);
        g_autoptr(JsonNode) a = ruhu_store_get_value (bench->a.store, case_id, fields[f], NULL);
        g_autoptr(JsonNode) b = ruhu_store_get_value (bench->b.store, case_id, fields[f], NULL);

        if (a == NULL || b == NULL || !json_node_equal (a, b))
          return FALSE;
      }
  return TRUE;
}

static Step
incremental_step (Bench      *bench,
                  Device     *device,
                  const char *label,
                  guint       n_cases)
{
  double seconds = device_sync (bench, device);

  return (Step) { label, seconds, n_cases, device->pushed + device->pulled,
                  traffic_sum (&device->push, &device->pull), bench_peak_mib (bench->server->pid),
                  bench_peak_mib (0), 0.3, device->cpu_server[2] - device->cpu_server[0],
                  device->cpu_device[2] - device->cpu_device[0] };
}

static void
run_incremental (Bench *bench)
{
  guint n_edit = MAX (2, bench->n_cases / 100), overlap = n_edit / 2, differing, a, b;
  gint64 start = g_get_monotonic_time ();
  Step steps[3], total = { "incremental, all three", 0, 0, 0, { 0 }, 0, 0, 0, 0, 0 };

  differing = edit_cases (bench, n_edit, overlap);
  g_print ("\nEdits: %u cases on each device (%u shared), address and phone: %u ops each, "
           "%.2f s of local writes\n", n_edit, overlap, 2 * n_edit,
           (g_get_monotonic_time () - start) / 1e6);

  steps[0] = incremental_step (bench, &bench->a, "incremental: A pushes", n_edit);
  steps[1] = incremental_step (bench, &bench->b, "incremental: B pushes, pulls A's", 2 * n_edit);
  steps[2] = incremental_step (bench, &bench->a, "incremental: A pulls B's", n_edit);
  print_header ();
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      print_step (&steps[i]);
      total.seconds += steps[i].seconds;
      total.cases += steps[i].cases;
      total.ops += steps[i].ops;
      total.traffic = traffic_sum (&total.traffic, &steps[i].traffic);
      total.server_mib = MAX (total.server_mib, steps[i].server_mib);
      total.cpu_server += steps[i].cpu_server;
      total.cpu_device += steps[i].cpu_device;
      total.device_mib = MAX (total.device_mib, steps[i].device_mib);
    }
  print_step (&total);
  g_print ("(ops count what each sync pushed plus what it pulled, its own echoed edits included)\n");

  a = count_conflicts (&bench->a);
  b = count_conflicts (&bench->b);
  g_print ("\nConflicts: A %u, B %u; shared edited fields whose values differ: %u (of %u)\n",
           a, b, differing, 2 * overlap);
  g_assert_cmpuint (a, ==, differing);
  g_assert_cmpuint (b, ==, differing);
  g_assert_true (edits_converged (bench, 2 * n_edit - overlap));
  g_print ("Edited fields converged on both devices.\n");
}

static void
add_users (Bench *bench)
{
  g_autoptr(RuhuDirectory) directory = bench_server_open_directory (bench->server);
  g_autoptr(GError) error = NULL;
  const Device *devices[] = { &bench->a, &bench->b };

  for (guint i = 0; i < G_N_ELEMENTS (devices); i++)
    if (!ruhu_directory_add_user (directory, devices[i]->user, devices[i]->name,
                                  RUHU_ROLE_ADMINISTRATOR, "", BENCH_PASSWORD, &error))
      g_error ("user %s: %s", devices[i]->user, error->message);
}

int
main (int argc, char *argv[])
{
  Bench bench = { bench_env_uint ("RUHU_BENCH_CASES", 10000) };
  g_autofree char *a_path = NULL, *b_path = NULL, *ids_path = NULL;
  double server_start_mib;

  bench_start_watchdog (WATCHDOG_S);
  bench.tmp = bench_make_temp_dir ();
  bench.a = (Device) { "device A", "bench.a" };
  bench.b = (Device) { "device B", "bench.b" };
  a_path = g_build_filename (bench.tmp, "device-a.db", NULL);
  b_path = g_build_filename (bench.tmp, "device-b.db", NULL);
  ids_path = g_build_filename (bench.tmp, "case-ids.txt", NULL);
  g_print ("Sync benchmark: %u demo cases, ruhu-server on 127.0.0.1 in its own process, "
           "stores on disk in %s\n", bench.n_cases, bench.tmp);

  bench.case_ids = bench_prepare_device (a_path, bench.n_cases, bench.a.user, ids_path);
  bench.server = bench_server_new (bench.tmp);
  add_users (&bench);
  bench_server_start (bench.server);
  server_start_mib = bench_peak_mib (bench.server->pid);
  device_open (&bench, &bench.a, a_path);
  device_open (&bench, &bench.b, b_path);
  g_print ("Server started (%s), %.0f MiB; pull page: %s\n", bench.server->url, server_start_mib,
           g_getenv ("RUHU_BENCH_PULL_LIMIT") ? g_getenv ("RUHU_BENCH_PULL_LIMIT")
                                              : "the client's default");

  run_initial (&bench);
  run_incremental (&bench);

  device_close (&bench.a);
  device_close (&bench.b);
  bench_server_free (bench.server);
  bench_remove_tree (bench.tmp);
  g_ptr_array_unref (bench.case_ids);
  g_free (bench.tmp);
  return 0;
}
