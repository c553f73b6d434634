/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "ruhu-server-setup.h"
#include "server-process.h"
#include "test-util.h"

/* The built ruhu-server ($RUHU_SERVER) killed with SIGKILL at random
 * moments while a device pushes, then restarted on the same data
 * directory. After each restart: every operation the server acknowledged
 * is stored exactly once, resending it answers "duplicate", and the audit
 * chain verifies.
 *
 * The server commits a push's audit entries (one per case, naming every
 * applied version) inside the batch's transaction, just before the batch
 * itself: a kill between the two leaves entries for versions that are not
 * stored, which the resend applies and audits again, but never a stored
 * operation without an entry. So every acknowledged operation, "applied"
 * or "duplicate", is in the log, and the chain verifies. */

#define N_KILLS          24
#define WATCHDOG_SECONDS 50
#define PASSWORD         "correct-horse-battery"
#define DEVICE           "crash-tablet"
#define ADMIN_DEVICE     "crash-admin"
#define N_HOUSEHOLDS     6
#define RESEND_BATCH     500

/* One operation as sent: its version and its JSON text. */
typedef struct
{
  char *v;
  char *json;
} Sent;

typedef struct
{
  char         *tmp;
  char         *data_dir;
  char         *key_file;
  ServerProcess server;
  char         *token;
  char         *admin_token;
  RuhuHlcClock *clock;
  char         *households[N_HOUSEHOLDS];
  GHashTable   *acked;       /* version → Sent*: acknowledged (applied or duplicate) */
  GHashTable   *must_audit;  /* versions acknowledged: applied or duplicate */
  GPtrArray    *unsure;      /* GPtrArray* of Sent*: batches whose answer was lost */
  guint         watchdog;
  guint         kill_id;
} Fixture;

static void
sent_free (Sent *sent)
{
  g_free (sent->v);
  g_free (sent->json);
  g_free (sent);
}

static gboolean
watchdog_cb (gpointer user_data)
{
  g_error ("The crash test did not finish in %d seconds", WATCHDOG_SECONDS);
  return G_SOURCE_REMOVE;
}

static gboolean
kill_cb (gpointer user_data)
{
  Fixture *f = user_data;

  f->kill_id = 0;
  if (!f->server.exited)
    g_subprocess_send_signal (f->server.process, SIGKILL);
  return G_SOURCE_REMOVE;
}

static char *
login (Fixture    *f,
       const char *user,
       const char *device)
{
  g_autofree char *body = g_strdup_printf ("{\"user\":\"%s\",\"password\":\"%s\",\"device\":\"%s\"}",
                                           user, PASSWORD, device);
  g_auto(Reply) reply = { 0 };
  g_autoptr(JsonNode) node = NULL;

  server_process_request (&f->server, "POST", "/api/v1/session", NULL, body, &reply);
  node = reply_json (&reply);
  return g_strdup (json_object_get_string_member (json_node_get_object (node), "token"));
}

static Sent *
make_op (Fixture *f)
{
  const char *entity = f->households[g_test_rand_int_range (0, N_HOUSEHOLDS)];
  const char *field = g_test_rand_bit () ? "address" : "head_name";
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *text = g_strdup_printf ("重庆市北碚区%d号", g_test_rand_int_range (1, 10000));
  g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), text);
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(RuhuOp) op = NULL;
  g_autoptr(GError) error = NULL;
  Sent *sent = g_new0 (Sent, 1);
  RuhuHlc hlc;

  ruhu_hlc_clock_now (f->clock, &hlc);
  sent->v = ruhu_version_format (&hlc, DEVICE);
  op = ruhu_op_new (id, entity, "household", entity, NULL, field, value, sent->v, NULL, "zhang",
                    &error);
  g_assert_no_error (error);
  json = ruhu_op_to_json (op);
  sent->json = json_to_string (json, FALSE);
  return sent;
}

static char *
push_body (GPtrArray *batch,
           guint      from,
           guint      to)
{
  GString *text = g_string_new ("{\"ops\":[");

  for (guint i = from; i < to; i++)
    {
      Sent *sent = g_ptr_array_index (batch, i);

      g_string_append (text, i > from ? "," : "");
      g_string_append (text, sent->json);
    }
  g_string_append (text, "]}");
  return g_string_free (text, FALSE);
}

/* Records the answers to ops[from..to); takes no ownership. */
static void
record_results (Fixture   *f,
                GPtrArray *batch,
                guint      from,
                guint      to,
                JsonNode  *node,
                gboolean   expect_duplicate)
{
  JsonArray *results = json_object_get_array_member (json_node_get_object (node), "results");

  g_assert_cmpuint (json_array_get_length (results), ==, to - from);
  for (guint i = from; i < to; i++)
    {
      JsonObject *result = json_array_get_object_element (results, i - from);
      const char *status = json_object_get_string_member (result, "status");
      Sent *sent = g_ptr_array_index (batch, i);

      g_assert_cmpstr (json_object_get_string_member (result, "v"), ==, sent->v);
      if (expect_duplicate || !g_str_equal (status, "applied"))
        g_assert_cmpstr (status, ==, "duplicate");
      g_hash_table_add (f->must_audit, sent->v);
    }
}

/* Pushes batch[from..to) and checks the answers; FALSE if none came. */
static gboolean
push (Fixture   *f,
      GPtrArray *batch,
      guint      from,
      guint      to,
      gboolean   expect_duplicate)
{
  g_autofree char *body = push_body (batch, from, to);
  g_auto(Reply) reply = { 0 };
  g_autoptr(JsonNode) node = NULL;

  server_process_request (&f->server, "POST", "/api/v1/push", f->token, body, &reply);
  node = reply_try_json (&reply);
  if (node == NULL)
    return FALSE;
  record_results (f, batch, from, to, node, expect_duplicate);
  return TRUE;
}

/* Moves the operations of an answered batch into f->acked; takes @batch. */
static void
keep_acked (Fixture   *f,
            GPtrArray *batch)
{
  g_ptr_array_set_free_func (batch, NULL);
  for (guint i = 0; i < batch->len; i++)
    {
      Sent *sent = g_ptr_array_index (batch, i);

      g_hash_table_insert (f->acked, sent->v, sent);
    }
  g_ptr_array_unref (batch);
}

/* Pushes a fresh batch; TRUE if it was acknowledged. */
static gboolean
push_new_batch (Fixture *f)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) sent_free);
  guint n = g_test_rand_int_range (1, 10);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (batch, make_op (f));
  if (!push (f, batch, 0, n, FALSE))
    {
      g_ptr_array_add (f->unsure, g_steal_pointer (&batch));
      return FALSE;
    }
  keep_acked (f, g_steal_pointer (&batch));
  return TRUE;
}

/* Pushes until the server dies at a random moment. */
static void
push_until_killed (Fixture *f)
{
  guint acked = 0;

  f->kill_id = g_timeout_add (g_test_rand_int_range (5, 150), kill_cb, f);
  while (!f->server.exited)
    acked += push_new_batch (f);
  g_clear_handle_id (&f->kill_id, g_source_remove);
  g_test_message ("killed after %u acknowledged batches", acked);
}

/* The batches whose answer was lost: stored or not, they must be accepted now. */
static void
resend_unsure (Fixture *f)
{
  for (guint b = 0; b < f->unsure->len; b++)
    {
      GPtrArray *batch = g_ptr_array_index (f->unsure, b);

      g_assert_true (push (f, batch, 0, batch->len, FALSE));
      keep_acked (f, g_ptr_array_ref (batch));
    }
  g_ptr_array_set_size (f->unsure, 0);
}

/* Every acknowledged operation, in batches: each must be a duplicate. */
static void
resend_acked (Fixture *f)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autoptr(GList) values = g_hash_table_get_values (f->acked);

  for (GList *l = values; l != NULL; l = l->next)
    g_ptr_array_add (all, l->data);
  for (guint from = 0; from < all->len; from += RESEND_BATCH)
    g_assert_true (push (f, all, from, MIN (from + RESEND_BATCH, all->len), TRUE));
}

/* Pulls the whole feed as the administrator: each version exactly once. */
static void
check_pulled (Fixture *f)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 since = 0;
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/pull?since=%" G_GINT64_FORMAT
                                               "&limit=5000", since);
      g_auto(Reply) reply = { 0 };
      g_autoptr(JsonNode) node = NULL;
      JsonObject *object;
      JsonArray *ops;

      server_process_request (&f->server, "GET", path, f->admin_token, NULL, &reply);
      node = reply_json (&reply);
      object = json_node_get_object (node);
      ops = json_object_get_array_member (object, "ops");
      for (guint i = 0; i < json_array_get_length (ops); i++)
        {
          const char *v = json_object_get_string_member (json_array_get_object_element (ops, i),
                                                         "v");

          g_assert_true (g_hash_table_add (seen, g_strdup (v)));
          g_assert_true (g_hash_table_contains (f->acked, v));
        }
      since = json_object_get_int_member (object, "next");
      more = json_object_get_boolean_member (object, "more");
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, g_hash_table_size (f->acked));
}

/* An "ops" entry: a line per entity, "<entity> <kind> <field>=<hlc>…",
 * the versions' device being the entry's. */
static void
log_versions (GHashTable *logged,
              const char *device,
              const char *detail)
{
  g_auto(GStrv) lines = g_strsplit (detail != NULL ? detail : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (lines[i], " ", -1);

      g_assert_cmpuint (g_strv_length (words), >=, 3);
      for (guint j = 2; words[j] != NULL; j++)
        {
          const char *hlc = strchr (words[j], '=');

          g_assert_nonnull (hlc);
          g_hash_table_add (logged, g_strconcat (hlc + 1, "@", device, NULL));
        }
    }
}

/* The chain verifies, and every acknowledged operation is in it. */
static void
check_audit (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->data_dir, RUHU_SERVER_AUDIT_DB, NULL);
  g_autoptr(GHashTable) logged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(RuhuAudit) audit = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer v;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 checked = 0;

  audit = ruhu_audit_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (ruhu_audit_verify (audit, &checked, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT device, detail FROM audit WHERE action = '"
                                       RUHU_AUDIT_ACTION_OPS "'", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    log_versions (logged, (const char *) sqlite3_column_text (stmt, 0),
                  (const char *) sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_hash_table_iter_init (&iter, f->must_audit);
  while (g_hash_table_iter_next (&iter, &v, NULL))
    g_assert_true (g_hash_table_contains (logged, v));
  g_test_message ("%" G_GINT64_FORMAT " audit entries name all %u acknowledged operations",
                  checked, g_hash_table_size (f->must_audit));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *directory_path = NULL;
  g_autoptr(RuhuDirectory) directory = NULL;

  f->tmp = test_make_temp_dir ();
  f->data_dir = g_build_filename (f->tmp, "data", NULL);
  f->key_file = g_build_filename (f->tmp, "server.key", NULL);
  g_assert_true (ruhu_server_init_data_dir (f->data_dir, f->key_file, &error));
  directory_path = g_build_filename (f->data_dir, RUHU_SERVER_DIRECTORY_DB, NULL);
  directory = ruhu_directory_open (directory_path, &error);
  g_assert_no_error (error);
  ruhu_directory_add_user (directory, "zhang", "张伟", RUHU_ROLE_INVESTIGATOR, "500109001",
                           PASSWORD, &error);
  g_assert_no_error (error);
  ruhu_directory_add_user (directory, "root", "管理员", RUHU_ROLE_ADMINISTRATOR, "", PASSWORD,
                           &error);
  g_assert_no_error (error);

  f->clock = ruhu_hlc_clock_new ();
  for (guint i = 0; i < N_HOUSEHOLDS; i++)
    f->households[i] = g_uuid_string_random ();
  f->acked = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) sent_free);
  f->must_audit = g_hash_table_new (g_str_hash, g_str_equal);
  f->unsure = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  server_process_init (&f->server, f->data_dir, f->key_file);
  f->watchdog = g_timeout_add_seconds (WATCHDOG_SECONDS, watchdog_cb, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  server_process_clear (&f->server);
  g_clear_handle_id (&f->watchdog, g_source_remove);
  test_remove_tree (f->tmp);
  g_free (f->tmp);
  g_free (f->data_dir);
  g_free (f->key_file);
  g_free (f->token);
  g_free (f->admin_token);
  ruhu_hlc_clock_free (f->clock);
  for (guint i = 0; i < N_HOUSEHOLDS; i++)
    g_free (f->households[i]);
  g_hash_table_unref (f->must_audit);
  g_hash_table_unref (f->acked);
  g_ptr_array_unref (f->unsure);
}

/* After the last kill: the store on disk, read without the server. */
static void
check_store_on_disk (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) store = ruhu_server_open_case_store (f->data_dir, f->key_file, &error);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) ops = NULL;
  gint64 last = 0;

  g_assert_no_error (error);
  ops = ruhu_store_feed_since (store, 0, G_MAXUINT, &last, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ops->len; i++)
    {
      RuhuOp *op = g_ptr_array_index (ops, i);

      g_assert_true (g_hash_table_contains (f->acked, op->version));
      g_assert_true (g_hash_table_add (seen, op->version));
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, g_hash_table_size (f->acked));
}

static void
check_admin_verify (Fixture *f)
{
  g_autoptr(GSubprocess) admin = NULL;
  g_autoptr(GError) error = NULL;

  if (g_getenv ("RUHU_ADMIN") == NULL)
    return;
  admin = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, g_getenv ("RUHU_ADMIN"),
                            "--data", f->data_dir, "audit", "verify", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (admin, NULL, &error));
  g_assert_no_error (error);
}

static void
test_kill_and_restart (Fixture       *f,
                       gconstpointer  data)
{
  server_process_start (&f->server);
  f->token = login (f, "zhang", DEVICE);
  f->admin_token = login (f, "root", ADMIN_DEVICE);

  for (guint kill = 0; kill < N_KILLS; kill++)
    {
      push_until_killed (f);
      server_process_start (&f->server);
      resend_unsure (f);
      check_pulled (f);
      resend_acked (f);
      check_audit (f);
    }
  g_test_message ("%u operations acknowledged over %d kills", g_hash_table_size (f->acked),
                  N_KILLS);

  /* One more kill, in the middle of nothing: the files alone must hold it all. */
  server_process_kill (&f->server);
  check_store_on_disk (f);
  check_admin_verify (f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* The server inherits it: cheap password hashing for the tests. */
  g_setenv ("RUHU_TEST_FAST_KDF", "1", TRUE);
  if (g_getenv ("RUHU_SERVER") == NULL)
    {
      g_test_skip ("RUHU_SERVER is not set");
      return g_test_run ();
    }

  g_test_add ("/ruhu/crash/kill-and-restart", Fixture, NULL, fixture_setup,
              test_kill_and_restart, fixture_teardown);
  return g_test_run ();
}
