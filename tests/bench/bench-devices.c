/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <libsoup/soup.h>

#include "ruhu-demo-private.h"
#include "ruhu-json.h"
#include "ruhu-server.h"
#include "bench-util.h"

/* 1,000 devices at once against a ruhu-server process on 127.0.0.1: each
 * logs in, pushes a small household of its own (20 operations, valid
 * against the forms, in its investigator's township) and pulls until the
 * feed has no more for it, in the grouped form and without its own
 * versions, as the sync client does. All from one main loop through
 * libsoup's asynchronous API. Prints the latency of each kind of request,
 * the total time and the errors; never fails on them.
 *
 * Two rounds on the same server: first all devices at once (the goal's
 * case), then the same devices again (a second sign-in, household and
 * pull each) arriving one after the other at a steady rate, which shows
 * how long a request takes when the server is not handed a thousand at
 * the same instant.
 *
 * RUHU_BENCH_DEVICES: devices (default 1,000); RUHU_BENCH_DEVICES_PER_USER:
 * devices signed in as the same user (default 1); RUHU_BENCH_ARRIVALS:
 * devices starting per second in the second round (default 100).
 * Passwords are hashed
 * with RUHU_TEST_FAST_KDF's cheap Argon2id; one login with the default
 * cost is timed on its own, with a health check sent while it runs. Also
 * counts the connections the requests used (keep-alive). */

#define OPS_PER_DEVICE 20
#define PULL_LIMIT     500  /* the client's page */
#define RUN_TIMEOUT_S  1200
#define GOAL_P99_MS    250.0
#define REAL_KDF_USER  "bench.realkdf"
/* libsoup 3.2 walks all of a session's connections for each message it
 * queues: one session for 1,000 connections spends more CPU than the
 * server. A few sessions keep the devices cheap, and each device still
 * has a connection of its own. */
#define DEVICES_PER_SESSION 50

typedef enum
{
  KIND_LOGIN,
  KIND_PUSH,
  KIND_PULL,
  N_KINDS,
} Kind;

static const char *const kind_names[N_KINDS] = { "login", "push", "pull" };

typedef struct _Bench Bench;

typedef struct
{
  Bench               *bench;
  guint                index;
  char                *user;
  char                *device_id;
  char                *token;
  const RuhuDemoPlace *place;
  gint64               cursor;
} Sim;

struct _Bench
{
  guint         n_devices;
  guint         n_users;
  BenchServer  *server;
  GPtrArray    *places;
  GPtrArray    *sessions;          /* SoupSession*: DEVICES_PER_SESSION devices each */
  Sim          *sims;
  GArray       *latency[N_KINDS];  /* double, ms */
  guint         errors[N_KINDS];
  GHashTable   *reasons;           /* "kind: what" → count */
  GHashTable   *connections;       /* (session, connection id) of every answer */
  guint         remaining;
  guint64       pulled_ops;
  guint64       pushed_ops;
  gboolean      timed_out;
  gint64        round_start;       /* monotonic µs */
  gint64        interval_us;       /* between two devices' starts; 0: all at once */
  guint         started;
};

typedef void (*ReplyFunc) (Sim *sim, guint status, JsonNode *body);

typedef struct
{
  Sim       *sim;
  Kind       kind;
  ReplyFunc  func;
  gint64     sent_at;
} Request;

static void send_pull (Sim *sim);

static void
report_error (Sim        *sim,
              Kind        kind,
              const char *what)
{
  Bench *bench = sim->bench;
  char *key = g_strdup_printf ("%s: %s", kind_names[kind], what);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (bench->reasons, key));

  g_hash_table_replace (bench->reasons, key, GUINT_TO_POINTER (count + 1));
  bench->errors[kind]++;
}

static void
sim_done (Sim *sim)
{
  sim->bench->remaining--;
}

/* How many connections the requests used: one per request if the server
 * closed each after its answer, about one per device if it kept them. */
static void
count_connection (Sim         *sim,
                  SoupMessage *message)
{
  guint64 *key = g_new (guint64, 1);

  *key = ((guint64) (sim->index / DEVICES_PER_SESSION) << 40) ^
         soup_message_get_connection_id (message);
  g_hash_table_add (sim->bench->connections, key);
}

static void
reply_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Request *request = user_data;
  Sim *sim = request->sim;
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                               &error);
  double ms = (g_get_monotonic_time () - request->sent_at) / 1000.0;
  g_autoptr(JsonNode) body = NULL;
  guint status = soup_message_get_status (message);

  g_array_append_val (sim->bench->latency[request->kind], ms);
  count_connection (sim, message);
  if (bytes != NULL && g_bytes_get_size (bytes) > 0)
    body = ruhu_json_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL,
                            &error);
  if (bytes == NULL || status != SOUP_STATUS_OK || body == NULL)
    {
      g_autofree char *what = g_strdup_printf ("HTTP %u %s", status,
                                               error ? error->message
                                                     : soup_message_get_reason_phrase (message));

      report_error (sim, request->kind, what);
      sim_done (sim);
    }
  else
    request->func (sim, status, body);
  g_free (request);
}

static void
send_request (Sim        *sim,
              Kind        kind,
              const char *method,
              const char *path,
              JsonNode   *body,
              ReplyFunc   func)
{
  g_autofree char *uri = g_strconcat (sim->bench->server->url, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, uri);
  Request *request = g_new0 (Request, 1);

  /* As the sync client does (ruhu_sync_job_message()): POSTs too may go on
   * a kept connection. */
  soup_message_add_flags (message, SOUP_MESSAGE_IDEMPOTENT);
  if (sim->token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", sim->token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                    bearer);
    }
  if (body != NULL)
    {
      char *text = ruhu_json_canonical (body);
      g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }
  *request = (Request) { sim, kind, func, g_get_monotonic_time () };
  soup_session_send_and_read_async (g_ptr_array_index (sim->bench->sessions,
                                                      sim->index / DEVICES_PER_SESSION), message, G_PRIORITY_DEFAULT, NULL,
                                    reply_cb, request);
}

static JsonObject *
object_of (JsonNode *node)
{
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* Pull: every page until the server says there is no more. */

static void
pull_reply (Sim      *sim,
            guint     status,
            JsonNode *body)
{
  JsonObject *object = object_of (body);
  g_autoptr(GPtrArray) ops = NULL;
  JsonNode *groups;

  if (object == NULL || (groups = json_object_get_member (object, "entities")) == NULL ||
      !json_object_has_member (object, "next") || !json_object_has_member (object, "more"))
    {
      report_error (sim, KIND_PULL, "a page without entities, next or more");
      sim_done (sim);
      return;
    }
  if ((ops = ruhu_op_list_from_groups (groups, G_MAXUINT, NULL, NULL)) == NULL)
    {
      report_error (sim, KIND_PULL, "a page whose groups do not read");
      sim_done (sim);
      return;
    }
  sim->bench->pulled_ops += ops->len;
  sim->cursor = json_object_get_int_member (object, "next");
  if (json_object_get_boolean_member (object, "more"))
    send_pull (sim);
  else
    sim_done (sim);
}

static void
send_pull (Sim *sim)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/pull?since=%" G_GINT64_FORMAT
                                           "&limit=%d&format=grouped&own=0",
                                           sim->cursor, PULL_LIMIT);

  send_request (sim, KIND_PULL, SOUP_METHOD_GET, path, NULL, pull_reply);
}

/* Push: a household and its applicant, 20 fields in all. */

static void
add_op (GPtrArray  *ops,
        Sim        *sim,
        const char *entity,
        const char *kind,
        const char *case_id,
        const char *parent,
        const char *field,
        const char *text)
{
  g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), text);
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *version = NULL;
  g_autoptr(GError) error = NULL;
  RuhuHlc hlc = { g_get_real_time () / 1000, ops->len };
  RuhuOp *op;

  version = ruhu_version_format (&hlc, sim->device_id);
  op = ruhu_op_new (id, entity, kind, case_id, parent, field, value, version, NULL, sim->user,
                    &error);
  if (op == NULL)
    g_error ("operation %s.%s: %s", kind, field, error->message);
  g_ptr_array_add (ops, op);
}

static JsonNode *
make_push (Sim *sim)
{
  const RuhuDemoPlace *place = sim->place;
  g_autofree char *household = g_uuid_string_random ();
  g_autofree char *member = g_uuid_string_random ();
  g_autofree char *name = g_strdup_printf ("测试户%u", sim->index);
  g_autofree char *address = g_strdup_printf ("%s%s%u号", place->township_name,
                                              place->village_name, sim->index);
  g_autofree char *phone = g_strdup_printf ("139%08u", sim->index);
  const char *hukou = place->urban ? "urban" : "rural";
  const char *const household_fields[][2] = {
    { "village_code", place->village_code }, { "village_name", place->village_name },
    { "township_code", place->township_code }, { "township_name", place->township_name },
    { "district_code", place->district_code }, { "district_name", place->district_name },
    { "head_name", name }, { "address", address }, { "hukou_type", hukou },
    { "phone", phone }, { "category", place->urban ? "urban_dibao" : "rural_dibao" },
  };
  const char *const member_fields[][2] = {
    { "role", "covered" }, { "name", name }, { "relation", "applicant" }, { "sex", "female" },
    { "birth_date", "1958-03-02" }, { "hukou_type", hukou }, { "health", "healthy" },
    { "employment", "farming" }, { "work_ability", "partial" },
  };
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_op_unref);
  g_autoptr(JsonObject) object = json_object_new ();

  for (guint i = 0; i < G_N_ELEMENTS (household_fields); i++)
    add_op (ops, sim, household, "household", household, NULL, household_fields[i][0],
            household_fields[i][1]);
  for (guint i = 0; i < G_N_ELEMENTS (member_fields); i++)
    add_op (ops, sim, member, "member", household, household, member_fields[i][0],
            member_fields[i][1]);
  g_assert_cmpuint (ops->len, ==, OPS_PER_DEVICE);
  json_object_set_member (object, "entities", ruhu_op_list_to_groups (ops));
  return json_node_init_object (json_node_alloc (), object);
}

static void
push_reply (Sim      *sim,
            guint     status,
            JsonNode *body)
{
  JsonObject *object = object_of (body);
  JsonArray *rejected = object ? json_object_get_array_member (object, "rejected") : NULL;

  if (rejected == NULL || !json_object_has_member (object, "applied"))
    {
      report_error (sim, KIND_PUSH, "an answer without applied and rejected");
      sim_done (sim);
      return;
    }
  if (json_array_get_length (rejected) > 0 ||
      json_object_get_int_member (object, "applied") != OPS_PER_DEVICE)
    {
      JsonObject *first = json_array_get_length (rejected) > 0
                            ? json_array_get_object_element (rejected, 0) : NULL;
      g_autofree char *what = g_strdup_printf (
        "%" G_GINT64_FORMAT " of %u applied (%s)", json_object_get_int_member (object, "applied"),
        OPS_PER_DEVICE,
        first ? json_object_get_string_member_with_default (first, "reason", "") : "");

      report_error (sim, KIND_PUSH, what);
      sim_done (sim);
      return;
    }
  sim->bench->pushed_ops += OPS_PER_DEVICE;
  send_pull (sim);
}

static void
login_reply (Sim      *sim,
             guint     status,
             JsonNode *body)
{
  JsonObject *object = object_of (body);
  g_autoptr(JsonNode) push = NULL;
  const char *token;

  if (object == NULL ||
      (token = json_object_get_string_member_with_default (object, "token", NULL)) == NULL)
    {
      report_error (sim, KIND_LOGIN, "an answer without a token");
      sim_done (sim);
      return;
    }
  sim->token = g_strdup (token);
  push = make_push (sim);
  send_request (sim, KIND_PUSH, SOUP_METHOD_POST, "/api/v1/push", push, push_reply);
}

static JsonNode *
login_body (const char *user,
            const char *device_id)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_string_member (object, "user", user);
  json_object_set_string_member (object, "password", BENCH_PASSWORD);
  json_object_set_string_member (object, "device", device_id);
  json_object_set_string_member (object, "device_name", device_id);
  return json_node_init_object (json_node_alloc (), object);
}

static void
sim_start (Sim *sim)
{
  g_autoptr(JsonNode) body = login_body (sim->user, sim->device_id);

  g_clear_pointer (&sim->token, g_free);

  send_request (sim, KIND_LOGIN, SOUP_METHOD_POST, "/api/v1/session", body, login_reply);
}

/* Setup */

static void
add_users (Bench *bench)
{
  g_autoptr(RuhuDirectory) real = NULL;
  g_autoptr(RuhuDirectory) directory = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  /* One user with the default Argon2id, to time a real login. */
  g_unsetenv ("RUHU_TEST_FAST_KDF");
  real = bench_server_open_directory (bench->server);
  start = g_get_monotonic_time ();
  if (!ruhu_directory_add_user (real, REAL_KDF_USER, REAL_KDF_USER, RUHU_ROLE_INVESTIGATOR,
                                ((RuhuDemoPlace *) g_ptr_array_index (bench->places, 0))->township_code,
                                BENCH_PASSWORD, &error))
    g_error ("user %s: %s", REAL_KDF_USER, error->message);
  g_print ("Hashing one password with the default Argon2id: %.0f ms\n",
           (g_get_monotonic_time () - start) / 1000.0);
  g_clear_object (&real);

  g_setenv ("RUHU_TEST_FAST_KDF", "1", TRUE);
  directory = bench_server_open_directory (bench->server);
  start = g_get_monotonic_time ();
  for (guint u = 0; u < bench->n_users; u++)
    {
      g_autofree char *user = g_strdup_printf ("inv%05u", u);
      const RuhuDemoPlace *place = g_ptr_array_index (bench->places,
                                                      (guint64) u * bench->places->len /
                                                      bench->n_users);

      if (!ruhu_directory_add_user (directory, user, user, RUHU_ROLE_INVESTIGATOR,
                                    place->township_code, BENCH_PASSWORD, &error))
        g_error ("user %s: %s", user, error->message);
    }
  g_print ("Added %u investigators over %u villages in %.1f s\n", bench->n_users,
           MIN (bench->n_users, bench->places->len), (g_get_monotonic_time () - start) / 1e6);
}

static void
init_sims (Bench *bench,
           guint  per_user)
{
  bench->sims = g_new0 (Sim, bench->n_devices);
  for (guint i = 0; i < bench->n_devices; i++)
    {
      Sim *sim = &bench->sims[i];
      guint u = i / per_user;

      sim->bench = bench;
      sim->index = i;
      sim->user = g_strdup_printf ("inv%05u", u);
      sim->device_id = g_strdup_printf ("bench-device-%05u", i);
      sim->place = g_ptr_array_index (bench->places,
                                      (guint64) u * bench->places->len / bench->n_users);
    }
}

static void
free_sims (Bench *bench)
{
  for (guint i = 0; i < bench->n_devices; i++)
    {
      g_free (bench->sims[i].user);
      g_free (bench->sims[i].device_id);
      g_free (bench->sims[i].token);
    }
  g_free (bench->sims);
}

/* Output */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The nearest-rank percentile of sorted values. */
static double
percentile (GArray *sorted,
            guint   p)
{
  guint rank;

  if (sorted->len == 0)
    return 0;
  rank = (guint) (((guint64) p * sorted->len + 99) / 100);
  return g_array_index (sorted, double, MAX (rank, 1) - 1);
}

static void
print_latencies (Bench *bench)
{
  g_print ("\n%-6s %9s %9s %9s %9s %7s  %s\n", "", "requests", "p50 ms", "p99 ms", "max ms",
           "errors", "goal p99");
  for (guint k = 0; k < N_KINDS; k++)
    {
      GArray *sorted = bench->latency[k];
      double p99;

      g_array_sort (sorted, compare_doubles);
      p99 = percentile (sorted, 99);
      g_print ("%-6s %9u %9.1f %9.1f %9.1f %7u  < %.0f ms: %s\n", kind_names[k], sorted->len,
               percentile (sorted, 50), p99, percentile (sorted, 100), bench->errors[k],
               GOAL_P99_MS, p99 < GOAL_P99_MS ? "met" : "MISSED");
    }
}

static gboolean
timeout_cb (gpointer user_data)
{
  Bench *bench = user_data;

  bench->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
timed_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  gint64 *done_at = user_data;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                               NULL);

  *done_at = g_get_monotonic_time ();
}

/* One login with the default password hash, and meanwhile a health check
 * on another connection: the main loop should answer it at once. */
static void
time_real_login (Bench *bench)
{
  g_autofree char *uri = g_strconcat (bench->server->url, "/api/v1/session", NULL);
  g_autofree char *health_uri = g_strconcat (bench->server->url, "/api/v1/health", NULL);
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_POST, uri);
  g_autoptr(SoupMessage) health = soup_message_new (SOUP_METHOD_GET, health_uri);
  g_autoptr(JsonNode) body = login_body (REAL_KDF_USER, "bench-device-realkdf");
  char *text = ruhu_json_canonical (body);
  g_autoptr(GBytes) request = g_bytes_new_take (text, strlen (text));
  gint64 start, login_at = 0, health_at = 0, health_start;

  soup_message_set_request_body_from_bytes (message, "application/json", request);
  start = g_get_monotonic_time ();
  soup_session_send_and_read_async (g_ptr_array_index (bench->sessions, 0), message,
                                    G_PRIORITY_DEFAULT, NULL, timed_cb, &login_at);
  /* Let the login reach the server first. */
  while (g_get_monotonic_time () - start < 20000)
    g_main_context_iteration (NULL, FALSE);
  health_start = g_get_monotonic_time ();
  soup_session_send_and_read_async (g_ptr_array_index (bench->sessions, 1 % bench->sessions->len),
                                    health, G_PRIORITY_DEFAULT, NULL, timed_cb, &health_at);
  while (login_at == 0 || health_at == 0)
    g_main_context_iteration (NULL, TRUE);
  g_print ("One login with the default Argon2id: %.0f ms (HTTP %u); a health check sent "
           "during it: %.1f ms (HTTP %u), %s\n", (login_at - start) / 1000.0,
           soup_message_get_status (message), (health_at - health_start) / 1000.0,
           soup_message_get_status (health),
           health_at < login_at ? "answered before the login" : "answered after the login");
}

/* Starts every device whose turn has come. */
static gboolean
start_due_cb (gpointer user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();

  while (bench->started < bench->n_devices &&
         bench->round_start + (gint64) bench->started * bench->interval_us <= now)
    sim_start (&bench->sims[bench->started++]);
  return bench->started < bench->n_devices ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
reset_round (Bench  *bench,
             gint64  interval_us)
{
  for (guint k = 0; k < N_KINDS; k++)
    {
      g_array_set_size (bench->latency[k], 0);
      bench->errors[k] = 0;
    }
  g_hash_table_remove_all (bench->reasons);
  g_hash_table_remove_all (bench->connections);
  bench->pulled_ops = bench->pushed_ops = 0;
  bench->remaining = bench->n_devices;
  bench->started = 0;
  bench->interval_us = interval_us;
  bench->round_start = g_get_monotonic_time ();
}

static void
run (Bench  *bench,
     gint64  interval_us)
{
  gint64 start = g_get_monotonic_time ();
  double cpu = bench_cpu_seconds (bench->server->pid);
  double main_cpu = bench_main_thread_cpu_seconds (bench->server->pid);
  double own_cpu = bench_cpu_seconds (0);
  double seconds;
  guint timeout, errors;

  reset_round (bench, interval_us);
  bench_reset_peak (bench->server->pid);
  if (start_due_cb (bench))
    g_timeout_add (1, start_due_cb, bench);
  timeout = g_timeout_add_seconds (RUN_TIMEOUT_S, timeout_cb, bench);
  while (bench->remaining > 0 && !bench->timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!bench->timed_out)
    g_source_remove (timeout);
  seconds = (g_get_monotonic_time () - start) / 1e6;

  print_latencies (bench);
  errors = bench->errors[KIND_LOGIN] + bench->errors[KIND_PUSH] + bench->errors[KIND_PULL] +
           (bench->timed_out ? bench->remaining : 0);
  g_print ("\n%u devices done in %.2f s: %" G_GUINT64_FORMAT " ops pushed (%.0f/s), %"
           G_GUINT64_FORMAT " pulled; server: %.1f s of CPU (%.1f s of it on its main loop), "
           "peak %.0f MiB\n",
           bench->n_devices - (bench->timed_out ? bench->remaining : 0), seconds,
           bench->pushed_ops, bench->pushed_ops / seconds, bench->pulled_ops,
           bench_cpu_seconds (bench->server->pid) - cpu,
           bench_main_thread_cpu_seconds (bench->server->pid) - main_cpu,
           bench_peak_mib (bench->server->pid));
  /* When all devices start at once, the last answer cannot come before
   * the machine has done the work of both sides. */
  g_print ("the devices themselves: %.1f s of CPU, on the same %u cores\n",
           bench_cpu_seconds (0) - own_cpu, g_get_num_processors ());
  g_print ("%u requests over %u connections\n",
           bench->latency[KIND_LOGIN]->len + bench->latency[KIND_PUSH]->len +
           bench->latency[KIND_PULL]->len, g_hash_table_size (bench->connections));
  {
    GHashTableIter iter;
    gpointer key, count;

    g_hash_table_iter_init (&iter, bench->reasons);
    while (g_hash_table_iter_next (&iter, &key, &count))
      g_print ("  %5u × %s\n", GPOINTER_TO_UINT (count), (char *) key);
  }
  if (bench->timed_out)
    g_print ("TIMED OUT after %d s with %u devices unfinished\n", RUN_TIMEOUT_S, bench->remaining);
  g_print ("\n*** ERRORS: %u %s***\n\n", errors, errors == 0 ? "" : "(should be 0) ");
}

int
main (int argc, char *argv[])
{
  Bench bench = { bench_env_uint ("RUHU_BENCH_DEVICES", 1000) };
  guint per_user = bench_env_uint ("RUHU_BENCH_DEVICES_PER_USER", 1);
  guint arrivals = bench_env_uint ("RUHU_BENCH_ARRIVALS", 100);
  g_autofree char *tmp = NULL;
  g_autoptr(GError) error = NULL;

  bench_start_watchdog (RUN_TIMEOUT_S + 600);
  bench_raise_fd_limit ();
  bench.n_users = (bench.n_devices + per_user - 1) / per_user;
  bench.reasons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  bench.connections = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint k = 0; k < N_KINDS; k++)
    bench.latency[k] = g_array_new (FALSE, FALSE, sizeof (double));
  if ((bench.places = ruhu_demo_load_places (&error)) == NULL)
    g_error ("%s", error->message);

  tmp = bench_make_temp_dir ();
  g_print ("Devices benchmark: %u devices, %u per user, %d ops each, against ruhu-server on "
           "127.0.0.1 (its own process), data in %s\n", bench.n_devices, per_user,
           OPS_PER_DEVICE, tmp);
  bench.server = bench_server_new (tmp);
  add_users (&bench);
  bench_server_start (bench.server);
  bench.sessions = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < bench.n_devices; i += DEVICES_PER_SESSION)
    g_ptr_array_add (bench.sessions,
                     soup_session_new_with_options ("max-conns", DEVICES_PER_SESSION + 8,
                                                    "max-conns-per-host", DEVICES_PER_SESSION + 8,
                                                    "timeout", 300, "idle-timeout", 300, NULL));
  init_sims (&bench, per_user);

  g_print ("\nRound 1: all %u devices at once\n", bench.n_devices);
  run (&bench, 0);
  g_print ("Round 2: the same devices again, %u starting each second (one every %.1f ms), "
           "over %.1f s\n", arrivals, 1000.0 / arrivals, (double) bench.n_devices / arrivals);
  run (&bench, G_USEC_PER_SEC / arrivals);
  time_real_login (&bench);

  g_ptr_array_unref (bench.sessions);
  bench_server_free (bench.server);
  bench_remove_tree (tmp);
  free_sims (&bench);
  for (guint k = 0; k < N_KINDS; k++)
    g_array_unref (bench.latency[k]);
  g_ptr_array_unref (bench.places);
  g_hash_table_unref (bench.reasons);
  g_hash_table_unref (bench.connections);
  return 0;
}
