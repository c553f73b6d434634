/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-server-setup.h"
#include "ruhu-server.h"
#include "ruhu-sync-private.h"
#include "server-process.h"
#include "test-async.h"
#include "test-util.h"

/* HTTPS end to end: the built ruhu-server ($RUHU_SERVER) started with
 * --tls-cert and --tls-key on a certificate made for the test by the
 * openssl command; two sync clients that trust that certificate log in
 * and sync through it; a client that does not trust it, and plain HTTP
 * to the same port, fail cleanly, and the server goes on serving. Fails,
 * not skips, when openssl is missing (build-aux/run-tests installs it). */

/* LeakSanitizer's tracer crashes (signal 11, "LeakSanitizer has
 * encountered a fatal error") at the exit of a process that has used
 * GnuTLS through glib-networking, here and in the server (no_leak_check()
 * below), so this process is not leak-checked at exit; AddressSanitizer's
 * other checks and UBSan stay on. Leaks of the sync client and the server
 * are looked for by the in-process tests, over HTTP. */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>

int
__lsan_is_turned_off (void)
{
  return 1;
}
#endif

#define PASSWORD         "correct-horse-battery"
#define TOWNSHIP         "500109001"
#define HOUSEHOLD        "00000000-0000-4000-8000-0000000000d1"
#define START_ATTEMPTS   5
#define WATCHDOG_SECONDS 120
#define IDLE_TIMEOUT_S   2

typedef struct
{
  char           *tmp;
  char           *data_dir;
  char           *key_file;
  char           *cert_file;
  char           *cert_key;
  GTlsDatabase   *trust;    /* the test's certificate, and nothing else */
  GSubprocess    *process;
  gboolean        exited;
  guint16         port;
  char           *url;      /* https://127.0.0.1:PORT */
  guint           watchdog;
} Fixture;

typedef struct
{
  RuhuStore      *store;
  RuhuSyncClient *client;
} Device;

static gboolean
watchdog_cb (gpointer user_data)
{
  g_error ("The TLS test did not finish in %d seconds", WATCHDOG_SECONDS);
  return G_SOURCE_REMOVE;
}

/* A throwaway self-signed certificate for 127.0.0.1, valid for a day. */
static void
make_certificate (Fixture *fx)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  if (openssl == NULL)
    g_error ("The openssl command is needed to make the test's certificate");
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                              G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              openssl, "req", "-x509", "-newkey", "ec",
                              "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                              "-keyout", fx->cert_key, "-out", fx->cert_file, "-days", "1",
                              "-subj", "/CN=127.0.0.1",
                              "-addext", "subjectAltName=IP:127.0.0.1", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (process, NULL, &error));
  g_assert_no_error (error);
  fx->trust = g_tls_file_database_new (fx->cert_file, &error);
  g_assert_no_error (error);
}

static void
add_user (Fixture    *fx,
          const char *user)
{
  g_autofree char *path = g_build_filename (fx->data_dir, RUHU_SERVER_DIRECTORY_DB, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuDirectory) directory = ruhu_directory_open (path, &error);

  g_assert_no_error (error);
  ruhu_directory_add_user (directory, user, user, RUHU_ROLE_INVESTIGATOR, TOWNSHIP, PASSWORD,
                           &error);
  g_assert_no_error (error);
}

static SoupSession *
trusting_session (Fixture *fx)
{
  SoupSession *session = soup_session_new ();

  soup_session_set_tls_database (session, fx->trust);
  return session;
}

/* One GET; the status, or 0 with @error set when there was no answer. */
static guint
get (SoupSession  *session,
     const char   *url,
     GError      **error)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL,
                                    test_async_result_cb, &result);
  body = soup_session_send_and_read_finish (session, test_async_wait (&result, 30, "a request"),
                                            error);
  return body != NULL ? soup_message_get_status (msg) : 0;
}

static guint
health (Fixture     *fx,
        SoupSession *session,
        const char  *scheme,
        GError     **error)
{
  g_autofree char *url = g_strdup_printf ("%s://127.0.0.1:%u/api/v1/health", scheme, fx->port);

  return get (session, url, error);
}

static void
exited_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *fx = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  if (G_SUBPROCESS (source) == fx->process)
    fx->exited = TRUE;
}

/* The server too is spared LeakSanitizer (see the top of this file): its
 * crash would turn a clean stop into an abort. */
static void
no_leak_check (GSubprocessLauncher *launcher)
{
  const char *options = g_getenv ("ASAN_OPTIONS");
  g_autofree char *changed = NULL;

  if (options == NULL)
    return;
  changed = g_strconcat (options, ":detect_leaks=0", NULL);
  g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", changed, TRUE);
}

/* FALSE if the server exited before it answered over HTTPS. */
static gboolean
spawn_server (Fixture *fx)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(SoupSession) session = trusting_session (fx);
  g_autofree char *listen = NULL;
  g_autoptr(GError) error = NULL;

  fx->port = server_process_pick_port ();
  listen = g_strdup_printf ("127.0.0.1:%u", fx->port);
  g_subprocess_launcher_set_child_setup (launcher, server_process_die_with_parent, NULL, NULL);
  no_leak_check (launcher);
  g_clear_object (&fx->process);
  fx->exited = FALSE;
  fx->process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("RUHU_SERVER"),
                                             "--data", fx->data_dir, "--key-file", fx->key_file,
                                             "--listen", listen, "--quiet",
                                             "--idle-timeout", G_STRINGIFY (IDLE_TIMEOUT_S),
                                             "--tls-cert", fx->cert_file,
                                             "--tls-key", fx->cert_key, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (fx->process, NULL, exited_cb, fx);
  while (!fx->exited)
    {
      g_autoptr(GError) not_yet = NULL;

      if (health (fx, session, "https", &not_yet) == 200)
        return TRUE;
      g_usleep (10000);
    }
  return FALSE;
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->watchdog = g_timeout_add_seconds (WATCHDOG_SECONDS, watchdog_cb, NULL);
  fx->tmp = test_make_temp_dir ();
  fx->data_dir = g_build_filename (fx->tmp, "data", NULL);
  fx->key_file = g_build_filename (fx->tmp, "server.key", NULL);
  fx->cert_file = g_build_filename (fx->tmp, "cert.pem", NULL);
  fx->cert_key = g_build_filename (fx->tmp, "cert-key.pem", NULL);
  g_assert_true (ruhu_server_init_data_dir (fx->data_dir, fx->key_file, &error));
  g_assert_no_error (error);
  add_user (fx, "zhang");
  add_user (fx, "li");
  make_certificate (fx);
  for (guint attempt = 0; !spawn_server (fx); attempt++)
    if (attempt + 1 == START_ATTEMPTS)
      g_error ("ruhu-server did not start with TLS");
  fx->url = g_strdup_printf ("https://127.0.0.1:%u", fx->port);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();

  if (!fx->exited)
    {
      g_subprocess_send_signal (fx->process, SIGTERM);
      while (!fx->exited)
        g_main_context_iteration (NULL, TRUE);
    }
  g_test_message ("ruhu-server stopped %.1f s after SIGTERM",
                  (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
  /* SIGTERM is a clean stop (issue: "stops cleanly on SIGTERM"). */
  g_assert_true (g_subprocess_get_if_exited (fx->process));
  g_assert_cmpint (g_subprocess_get_exit_status (fx->process), ==, 0);
  g_clear_object (&fx->process);
  g_clear_object (&fx->trust);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  test_remove_tree (fx->tmp);
  g_free (fx->tmp);
  g_free (fx->data_dir);
  g_free (fx->key_file);
  g_free (fx->cert_file);
  g_free (fx->cert_key);
  g_free (fx->url);
  g_source_remove (fx->watchdog);
}

/* A device whose client trusts the test's certificate: the sync client has
 * no setting for that, so its session is reached through the private
 * header, as a deployment would install a CA system-wide instead. */
static void
device_init (Fixture    *fx,
             Device     *device,
             const char *user)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  device->store = test_memory_store (NULL);
  device->client = ruhu_sync_client_new (device->store);
  soup_session_set_tls_database (device->client->session, fx->trust);
  ruhu_sync_client_set_retry_policy (device->client, 2, 10);
  ruhu_sync_client_login_async (device->client, fx->url, user, PASSWORD, NULL,
                                test_async_result_cb, &result);
  g_assert_true (ruhu_sync_client_login_finish (device->client,
                                                test_async_wait (&result, 30, "a login"),
                                                &error));
  g_assert_no_error (error);
}

static void
device_sync (Device *device)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  ruhu_sync_client_sync_async (device->client, NULL, test_async_result_cb, &result);
  g_assert_true (ruhu_sync_client_sync_finish (device->client,
                                               test_async_wait (&result, 30, "a sync"), &error));
  g_assert_no_error (error);
}

static void
device_clear (Device *device)
{
  g_assert_finalize_object (device->client);
  g_assert_finalize_object (device->store);
}

static void
write_text (Device     *device,
            const char *field,
            const char *text)
{
  g_autoptr(JsonNode) value = test_text (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuOp) op = ruhu_store_write (device->store, HOUSEHOLD, "household", HOUSEHOLD,
                                           NULL, field, value, "zhang", &error);

  g_assert_no_error (error);
  g_assert_nonnull (op);
}

/* Two devices sync a household through HTTPS. */
static void
test_sync (Fixture       *fx,
           gconstpointer  data)
{
  Device a = { NULL }, b = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) name = NULL;

  device_init (fx, &a, "zhang");
  device_init (fx, &b, "li");
  write_text (&a, "village_code", TOWNSHIP "001");
  write_text (&a, "head_name", "王芳");
  device_sync (&a);
  g_assert_cmpint (ruhu_sync_client_get_unsynced_count (a.client), ==, 0);
  device_sync (&b);
  name = ruhu_store_get_value (b.store, HOUSEHOLD, "head_name", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (name), ==, "王芳");
  device_clear (&a);
  device_clear (&b);
}

/* Without the certificate, a client refuses the server; plain HTTP to
 * the TLS port gets no answer. Neither hangs, and the server goes on
 * answering HTTPS. */
static void
test_refusals (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(SoupSession) untrusting = soup_session_new ();
  g_autoptr(SoupSession) plain = soup_session_new ();
  g_autoptr(SoupSession) trusting = trusting_session (fx);
  Device a = { NULL };

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) unknown_ca = NULL;
      g_autoptr(GError) not_tls = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpuint (health (fx, untrusting, "https", &unknown_ca), ==, 0);
      g_assert_error (unknown_ca, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
      g_assert_cmpuint (health (fx, plain, "http", &not_tls), ==, 0);
      g_assert_nonnull (not_tls);
      g_test_message ("Plain HTTP to the TLS port: %s", not_tls->message);
      g_assert_cmpuint (health (fx, trusting, "https", &error), ==, 200);
      g_assert_no_error (error);
    }
  g_assert_false (fx->exited);
  device_init (fx, &a, "zhang");
  write_text (&a, "head_name", "李雷");
  device_sync (&a);
  device_clear (&a);
}

/* Connects, sends @text (if any) and closes without an answer. */
static void
send_and_close (Fixture    *fx,
                const char *text)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", fx->port, NULL, &error);
  g_assert_no_error (error);
  if (text != NULL)
    g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), text,
                               strlen (text), NULL, NULL, &error);
  g_assert_no_error (error);
  g_io_stream_close (G_IO_STREAM (connection), NULL, &error);
  g_assert_no_error (error);
}

/* Failed handshakes (plain HTTP, garbage, a client that refuses the
 * certificate, one that connects and leaves) leave nothing that a stop
 * waits for: SIGTERM ends the server at once, well within its ten-second
 * grace for requests in flight. */
static void
test_stop_after_failures (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(SoupSession) untrusting = soup_session_new ();
  g_autoptr(SoupSession) plain = soup_session_new ();
  g_autoptr(GError) unknown_ca = NULL;
  g_autoptr(GError) not_tls = NULL;
  gint64 start;

  g_assert_cmpuint (health (fx, plain, "http", &not_tls), ==, 0);
  g_assert_cmpuint (health (fx, untrusting, "https", &unknown_ca), ==, 0);
  send_and_close (fx, "garbage\r\n\r\n");
  send_and_close (fx, NULL);
  /* Let the server see them all before it is told to stop. */
  g_usleep (G_USEC_PER_SEC / 2);

  start = g_get_monotonic_time ();
  g_subprocess_send_signal (fx->process, SIGTERM);
  while (!fx->exited)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("ruhu-server stopped %.2f s after SIGTERM",
                  (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
  g_assert_true (g_subprocess_get_if_exited (fx->process));
  g_assert_cmpint (g_subprocess_get_exit_status (fx->process), ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

static guint
server_fds (Fixture *fx)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/fd",
                                           g_subprocess_get_identifier (fx->process));
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* A kept TLS connection left idle is closed by the server at its idle
 * timeout (taken back from libsoup, ruhu-http-idle.c); the client's next
 * request opens a new one, and the server still stops at once. */
static void
test_kept_idle (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(SoupSession) session = trusting_session (fx);
  gint64 start;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      guint kept;

      g_assert_cmpuint (health (fx, session, "https", &error), ==, 200);
      g_assert_no_error (error);
      kept = server_fds (fx);
      g_usleep ((IDLE_TIMEOUT_S * G_USEC_PER_SEC * 3) / 2);
      /* Its descriptor went with it. */
      g_assert_cmpuint (server_fds (fx), <, kept);
    }
  g_assert_false (fx->exited);

  start = g_get_monotonic_time ();
  g_subprocess_send_signal (fx->process, SIGTERM);
  while (!fx->exited)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (g_subprocess_get_exit_status (fx->process), ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/ruhu/tls/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("sync", test_sync);
  ADD ("refusals", test_refusals);
  ADD ("stop-after-failures", test_stop_after_failures);
  ADD ("kept-idle", test_kept_idle);
#undef ADD
  return g_test_run ();
}
