/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "devices-fixture.h"
#include "test-util.h"

/* The built ruhu-cli ($RUHU_CLI) as two devices against an in-process
 * server: exit codes and messages, end to end. The server answers from
 * this process's main loop, so each command runs asynchronously. */

#define TOWNSHIP "500109001"
#define CASE_ID  "00000000-0000-4000-8000-0000000000c1"

typedef struct
{
  LocalServer  local;
  char        *passphrase_file;
  char        *password_file;
  char        *wrong_file;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static gboolean
watchdog_cb (gpointer user_data)
{
  g_error ("Timed out waiting for ruhu-cli");
  return G_SOURCE_REMOVE;
}

static void
communicate_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &run->out, &run->err,
                                        &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (G_SUBPROCESS (source));
}

/* Runs ruhu-cli --store DIR/STORE ARGS…, NULL-terminated. */
static void
cli (Fixture    *fx,
     Run        *run,
     const char *store,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  guint watchdog;
  va_list args;

  g_ptr_array_add (argv, g_strdup (g_getenv ("RUHU_CLI")));
  g_ptr_array_add (argv, g_strdup ("--store"));
  g_ptr_array_add (argv, g_build_filename (fx->local.tmp, store, NULL));
  va_start (args, store);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  run->status = -1;
  run->out = run->err = NULL;
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, "", NULL, communicate_cb, run);
  watchdog = g_timeout_add_seconds (60, watchdog_cb, NULL);
  while (run->status == -1)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (watchdog);
  g_test_message ("%s → %d\n%s%s", store, run->status, run->out, run->err);
}

static char *
write_file (Fixture    *fx,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fx->local.tmp, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  return path;
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  local_server_start (&fx->local);
  local_server_add_user (&fx->local, "zhang", RUHU_ROLE_INVESTIGATOR, TOWNSHIP);
  local_server_add_user (&fx->local, "li", RUHU_ROLE_INVESTIGATOR, TOWNSHIP);
  local_server_listen (&fx->local);

  fx->passphrase_file = write_file (fx, "passphrase", "long enough passphrase\n");
  fx->password_file = write_file (fx, "password", LOCAL_SERVER_PASSWORD "\n");
  fx->wrong_file = write_file (fx, "wrong", "not the passphrase\n");
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  local_server_stop (&fx->local);
  g_free (fx->passphrase_file);
  g_free (fx->password_file);
  g_free (fx->wrong_file);
}

/* init and login one device store. */
static void
make_device (Fixture    *fx,
             const char *store,
             const char *user)
{
  g_auto(Run) init = { 0 };
  g_auto(Run) login = { 0 };

  cli (fx, &init, store, "--passphrase-file", fx->passphrase_file, "--kdf-memory", "64", "init",
       NULL);
  g_assert_cmpint (init.status, ==, 0);
  cli (fx, &login, store, "--passphrase-file", fx->passphrase_file, "--password-file",
       fx->password_file, "login", fx->local.url, user, NULL);
  g_assert_cmpint (login.status, ==, 0);
}

#define DEVICE(store, ...) \
  cli (fx, &run, store, "--passphrase-file", fx->passphrase_file, __VA_ARGS__, NULL)

static void
test_two_devices (Fixture       *fx,
                  gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *shown_a = NULL;

  make_device (fx, "a.db", "zhang");
  make_device (fx, "b.db", "li");

  DEVICE ("a.db", "edit", CASE_ID, "village_code", "\"500109001001\"", "--kind", "household",
          "--case", CASE_ID);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  DEVICE ("a.db", "sync");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  DEVICE ("b.db", "sync");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  /* The same field written on both: a conflict after both sync. */
  DEVICE ("a.db", "edit", CASE_ID, "address", "\"3 Well Lane\"");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  DEVICE ("b.db", "edit", CASE_ID, "address", "\"5 Well Lane\"");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  for (guint i = 0; i < 2; i++)
    {
      DEVICE ("a.db", "sync");
      g_assert_cmpint (run.status, ==, 0);
      run_clear (&run);
      DEVICE ("b.db", "sync");
      g_assert_cmpint (run.status, ==, 0);
      run_clear (&run);
    }
  DEVICE ("a.db", "conflicts", "--case", CASE_ID);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"3 Well Lane\" actor=zhang"));
  g_assert_nonnull (strstr (run.out, "\"5 Well Lane\" actor=li"));
  run_clear (&run);

  DEVICE ("b.db", "resolve", CASE_ID, "address", "\"5 Well Lane\"");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  DEVICE ("b.db", "sync");
  run_clear (&run);
  DEVICE ("a.db", "sync");
  run_clear (&run);
  DEVICE ("a.db", "conflicts");
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);
  DEVICE ("a.db", "show", "--case", CASE_ID);
  g_assert_nonnull (strstr (run.out, "address = \"5 Well Lane\""));
  run_clear (&run);
  DEVICE ("a.db", "status");
  g_assert_nonnull (strstr (run.out, "unsynced:  0"));
}

static void
test_errors (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *closed = NULL;
  g_auto(Run) run = { 0 };

  make_device (fx, "a.db", "zhang");

  cli (fx, &run, "a.db", "--passphrase-file", fx->wrong_file, "status", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "passphrase"));
  run_clear (&run);

  cli (fx, &run, "missing.db", "--passphrase-file", fx->passphrase_file, "status", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  cli (fx, &run, "a.db", "frobnicate", NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_clear (&run);

  DEVICE ("a.db", "--password-file", fx->wrong_file, "login", fx->local.url, "zhang");
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.err, "password is wrong"));
  run_clear (&run);

  /* A port on 127.0.0.1 that nobody listens on. */
  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  closed = g_strdup_printf ("http://127.0.0.1:%u",
                            g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);
  DEVICE ("a.db", "--password-file", fx->password_file, "login", closed, "zhang");
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.err, "Check the server address"));
}

/* An edit written as another user (--actor) is not sent under this
 * login: sync and status say it waits, until that user logs in here. */
static void
test_other_actor_waits (Fixture       *fx,
                        gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) login = { 0 };
  const char *waits = "1 change by li waits until li signs in on this device and syncs.\n";

  make_device (fx, "a.db", "zhang");
  DEVICE ("a.db", "edit", CASE_ID, "village_code", "\"500109001001\"", "--kind", "household",
          "--case", CASE_ID, "--actor", "li");
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  DEVICE ("a.db", "sync");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_suffix (run.out, waits));
  run_clear (&run);
  DEVICE ("a.db", "status");
  g_assert_nonnull (strstr (run.out, "unsynced:  1\n"));
  g_assert_true (g_str_has_suffix (run.out, waits));
  run_clear (&run);

  cli (fx, &login, "a.db", "--passphrase-file", fx->passphrase_file, "--password-file",
       fx->password_file, "login", fx->local.url, "li", NULL);
  g_assert_cmpint (login.status, ==, 0);
  DEVICE ("a.db", "sync");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Synced\n");
  run_clear (&run);
  DEVICE ("a.db", "status");
  g_assert_nonnull (strstr (run.out, "unsynced:  0\n"));
  g_assert_null (strstr (run.out, "waits"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/ruhu/cli/two-devices", Fixture, NULL, fixture_setup, test_two_devices,
              fixture_teardown);
  g_test_add ("/ruhu/cli/errors", Fixture, NULL, fixture_setup, test_errors, fixture_teardown);
  g_test_add ("/ruhu/cli/other-actor-waits", Fixture, NULL, fixture_setup, test_other_actor_waits,
              fixture_teardown);
  return g_test_run ();
}
