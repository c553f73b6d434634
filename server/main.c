/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <glib/gi18n-lib.h>
#include <glib-unix.h>

#include "ruhu-paths.h"
#include "ruhu-server.h"

/* ruhu-server: serve one data directory until SIGTERM or SIGINT. */

typedef struct
{
  char     *data_dir;
  char     *listen;
  char     *key_file;
  char     *tls_cert;
  char     *tls_key;
  gboolean  quiet;
  gint      idle_timeout_s;    /* 0: the server's default */
  gint      header_timeout_s;
} Options;

typedef struct
{
  RuhuServer *server;
  GMainLoop  *loop;
} Running;

static gboolean
parse_options (int       *argc,
               char    ***argv,
               Options   *options,
               GError   **error)
{
  GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &options->data_dir,
      N_("The data directory (made by “ruhu-admin init”)"), N_("DIR") },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &options->listen,
      N_("Address and port to listen on (default 127.0.0.1:8080)"), N_("ADDR:PORT") },
    { "key-file", 0, 0, G_OPTION_ARG_FILENAME, &options->key_file,
      N_("The server key, kept outside the data directory"), N_("FILE") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &options->tls_cert,
      N_("TLS certificate (PEM) to serve HTTPS"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &options->tls_key,
      N_("Private key (PEM) of the TLS certificate"), N_("FILE") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &options->quiet,
      N_("Do not log each request"), NULL },
    { "idle-timeout", 0, 0, G_OPTION_ARG_INT, &options->idle_timeout_s,
      N_("Close a kept connection silent this long after an answer (default 60)"),
      N_("SECONDS") },
    { "header-timeout", 0, 0, G_OPTION_ARG_INT, &options->header_timeout_s,
      N_("Close a new connection that has not sent its request headers this long "
         "(default 30)"), N_("SECONDS") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);

  g_option_context_set_summary (context, _("Serves the Ruhu sync protocol."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (options->data_dir == NULL || options->key_file == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--data and --key-file are required"));
      return FALSE;
    }
  if (options->idle_timeout_s < 0 || options->header_timeout_s < 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--idle-timeout and --header-timeout take a number of seconds"));
      return FALSE;
    }
  if ((options->tls_cert == NULL) != (options->tls_key == NULL))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--tls-cert and --tls-key go together"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_up_tls (RuhuServer     *server,
            const Options  *options,
            GError        **error)
{
  g_autoptr(GTlsCertificate) certificate = NULL;

  if (options->tls_cert == NULL)
    return TRUE;
  certificate = g_tls_certificate_new_from_files (options->tls_cert, options->tls_key, error);
  if (certificate == NULL)
    return FALSE;
  ruhu_server_set_tls_certificate (server, certificate);
  return TRUE;
}

static gboolean
stop_cb (gpointer user_data)
{
  Running *running = user_data;

  ruhu_server_shutdown (running->server);
  g_main_loop_quit (running->loop);
  return G_SOURCE_CONTINUE;
}

static RuhuServer *
start (const Options  *options,
       GError        **error)
{
  RuhuServerConfig config = {
    .data_dir = options->data_dir,
    .key_file = options->key_file,
    .quiet = options->quiet,
    .idle_timeout_s = options->idle_timeout_s,
    .header_timeout_s = options->header_timeout_s,
  };
  g_autoptr(RuhuServer) server = ruhu_server_new (&config, error);

  if (server == NULL || !set_up_tls (server, options, error) ||
      !ruhu_server_listen (server, options->listen ? options->listen : "127.0.0.1:8080", error))
    return NULL;
  return g_steal_pointer (&server);
}

static void
options_clear (Options *options)
{
  g_free (options->data_dir);
  g_free (options->listen);
  g_free (options->key_file);
  g_free (options->tls_cert);
  g_free (options->tls_key);
}

int
main (int    argc,
      char **argv)
{
  Options options = { NULL };
  Running running = { NULL };
  g_autoptr(GError) error = NULL;
  guint term_id, int_id;

  setlocale (LC_ALL, "");
  ruhu_i18n_init ();
  textdomain (GETTEXT_PACKAGE);

  if (!parse_options (&argc, &argv, &options, &error) ||
      (running.server = start (&options, &error)) == NULL)
    {
      fprintf (stderr, "ruhu-server: %s\n", error->message);
      options_clear (&options);
      return 1;
    }
  if (!options.quiet)
    /* Translators: the program's version, then the port it listens on. */
    fprintf (stderr, _("ruhu-server %s: listening on port %u\n"), PACKAGE_VERSION,
             ruhu_server_get_port (running.server));

  running.loop = g_main_loop_new (NULL, FALSE);
  term_id = g_unix_signal_add (SIGTERM, stop_cb, &running);
  int_id = g_unix_signal_add (SIGINT, stop_cb, &running);
  g_main_loop_run (running.loop);

  g_clear_handle_id (&term_id, g_source_remove);
  g_clear_handle_id (&int_id, g_source_remove);
  g_main_loop_unref (running.loop);
  g_object_unref (running.server);
  options_clear (&options);
  return 0;
}
