/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "ruhu-server.h"
#include "ruhu-server-setup.h"
#include "bench-util.h"

/* The built server; tests/bench/meson.build sets it. */
#define SERVER_ENV "RUHU_SERVER"
#define START_TIMEOUT_S 30
#define STOP_TIMEOUT_S 30

/* A benchmark that hangs is stopped by SIGALRM, whose default action ends
 * the process; the server then gets SIGTERM from PR_SET_PDEATHSIG. */
void
bench_start_watchdog (guint seconds)
{
  alarm (seconds);
}

void
bench_raise_fd_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) != 0)
    return;
  limit.rlim_cur = limit.rlim_max;
  if (setrlimit (RLIMIT_NOFILE, &limit) != 0)
    g_printerr ("Could not raise the file descriptor limit: %s\n", g_strerror (errno));
}

guint
bench_env_uint (const char *name,
                guint       fallback)
{
  const char *text = g_getenv (name);
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &value, NULL))
    return fallback;
  return (guint) value;
}

char *
bench_make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("ruhu-bench-XXXXXX", &error);

  if (dir == NULL)
    g_error ("Cannot make a temporary directory: %s", error->message);
  return dir;
}

void
bench_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        bench_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static char *
proc_path (int         pid,
           const char *file)
{
  if (pid == 0)
    return g_strdup_printf ("/proc/self/%s", file);
  return g_strdup_printf ("/proc/%d/%s", pid, file);
}

/* VmHWM: the resident peak since start or the last bench_reset_peak(). */
double
bench_peak_mib (int pid)
{
  g_autofree char *path = proc_path (pid, "status");
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL) ||
      (line = strstr (text, "VmHWM:")) == NULL)
    return -1;
  return g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0;
}

/* Writing 5 to clear_refs sets the peak back to the current size (Linux
 * 4.0), so that each step's peak is its own. */
void
bench_reset_peak (int pid)
{
  g_autofree char *path = proc_path (pid, "clear_refs");
  FILE *file = fopen (path, "w");

  if (file == NULL)
    return;
  fputs ("5", file);
  fclose (file);
}

/* User and system time so far, from /proc/PID/stat. */
/* User and system time from a stat file of /proc. */
static double
stat_cpu_seconds (const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;

  /* The command name may hold spaces; the fields after it do not. */
  if (!g_file_get_contents (path, &text, NULL, NULL) || (after_name = strrchr (text, ')')) == NULL)
    return -1;
  fields = g_strsplit (after_name + 2, " ", -1);
  if (g_strv_length (fields) < 13)
    return -1;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) /
         sysconf (_SC_CLK_TCK);
}

double
bench_cpu_seconds (int pid)
{
  g_autofree char *path = proc_path (pid, "stat");

  return stat_cpu_seconds (path);
}

/* Of its main thread alone: for a server, its main loop. */
double
bench_main_thread_cpu_seconds (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/task/%d/stat", pid, pid);

  return stat_cpu_seconds (path);
}

char *
bench_format_bytes (guint64 bytes)
{
  if (bytes >= 10 * 1024 * 1024)
    return g_strdup_printf ("%.1f MiB", bytes / (1024.0 * 1024.0));
  if (bytes >= 10 * 1024)
    return g_strdup_printf ("%.1f KiB", bytes / 1024.0);
  return g_strdup_printf ("%" G_GUINT64_FORMAT " B", bytes);
}

/* A port nobody listens on now. Another process could take it before the
 * server does; on a test machine's loopback that does not happen. */
static guint16
find_free_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  if (socket == NULL || !g_socket_bind (socket, any, FALSE, &error) ||
      (bound = g_socket_get_local_address (socket, &error)) == NULL)
    g_error ("Cannot find a free port: %s", error->message);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/**
 * bench_server_new:
 * @tmp: a private temporary directory
 *
 * Initialises a data directory in @tmp, with the key beside it (outside).
 * Add users through bench_server_open_directory(), then start the server.
 */
BenchServer *
bench_server_new (const char *tmp)
{
  BenchServer *server = g_new0 (BenchServer, 1);
  g_autoptr(GError) error = NULL;

  server->data_dir = g_build_filename (tmp, "data", NULL);
  server->key_file = g_build_filename (tmp, "server.key", NULL);
  if (!ruhu_server_init_data_dir (server->data_dir, server->key_file, &error))
    g_error ("Cannot initialise %s: %s", server->data_dir, error->message);
  return server;
}

/* The directory the server will open; unref it before starting. */
RuhuDirectory *
bench_server_open_directory (BenchServer *server)
{
  g_autofree char *path = g_build_filename (server->data_dir, RUHU_SERVER_DIRECTORY_DB, NULL);
  g_autoptr(GError) error = NULL;
  RuhuDirectory *directory = ruhu_directory_open (path, &error);

  if (directory == NULL)
    g_error ("Cannot open %s: %s", path, error->message);
  return directory;
}

static void
child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static gboolean
server_answers (SoupSession *session,
                const char  *url)
{
  g_autofree char *uri = g_strconcat (url, "/api/v1/health", NULL);
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_GET, uri);
  g_autoptr(GBytes) body = soup_session_send_and_read (session, message, NULL, NULL);

  return body != NULL && soup_message_get_status (message) == SOUP_STATUS_OK;
}

/* Runs the built ruhu-server with --quiet and waits until it answers. */
void
bench_server_start (BenchServer *server)
{
  const char *binary = g_getenv (SERVER_ENV);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *listen = NULL;
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT_S * G_USEC_PER_SEC;
  guint16 port = find_free_port ();

  if (binary == NULL)
    g_error ("Set %s to the ruhu-server binary (meson does)", SERVER_ENV);
  listen = g_strdup_printf ("127.0.0.1:%u", port);
  server->url = g_strdup_printf ("http://%s", listen);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  server->process = g_subprocess_launcher_spawn (launcher, &error, binary, "--quiet",
                                                 "--data", server->data_dir,
                                                 "--key-file", server->key_file,
                                                 "--listen", listen, NULL);
  if (server->process == NULL)
    g_error ("Cannot run %s: %s", binary, error->message);
  server->pid = (int) g_ascii_strtoll (g_subprocess_get_identifier (server->process), NULL, 10);

  while (!server_answers (session, server->url))
    {
      if (g_subprocess_get_identifier (server->process) == NULL)
        g_error ("ruhu-server exited before it answered");
      if (g_get_monotonic_time () > deadline)
        g_error ("ruhu-server did not answer within %d s", START_TIMEOUT_S);
      g_usleep (20 * 1000);
    }
}

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) user_data = TRUE;
}

static gboolean
flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* SIGTERM, then SIGKILL if it has not ended within STOP_TIMEOUT_S. */
void
bench_server_stop (BenchServer *server)
{
  gboolean exited = FALSE, late = FALSE;
  guint timeout;

  if (server->process == NULL)
    return;
  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait_async (server->process, NULL, wait_cb, &exited);
  timeout = g_timeout_add_seconds (STOP_TIMEOUT_S, flag_cb, &late);
  while (!exited && !late)
    g_main_context_iteration (NULL, TRUE);
  if (!exited)
    {
      g_printerr ("ruhu-server did not stop within %d s; killing it\n", STOP_TIMEOUT_S);
      g_subprocess_force_exit (server->process);
      while (!exited)
        g_main_context_iteration (NULL, TRUE);
    }
  else
    g_source_remove (timeout);
  if (!g_subprocess_get_if_exited (server->process) ||
      g_subprocess_get_exit_status (server->process) != 0)
    g_printerr ("ruhu-server did not exit cleanly\n");
  g_clear_object (&server->process);
}

void
bench_server_free (BenchServer *server)
{
  bench_server_stop (server);
  g_free (server->url);
  g_free (server->data_dir);
  g_free (server->key_file);
  g_free (server);
}
