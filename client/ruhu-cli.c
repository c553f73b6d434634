/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "ruhu-cli.h"
#include "ruhu-paths.h"

/* ruhu-cli: a headless device for scripts, tests and benchmarks. It keeps
 * everything in one store file, like a tablet, and syncs it with a server. */

#define MAX_SECRET_BYTES 4096

int
ruhu_cli_fail (int         code,
               const char *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("ruhu-cli: %s\n", message);
  return code;
}

int
ruhu_cli_fail_error (int           code,
                     const GError *error)
{
  return ruhu_cli_fail (code, "%s", error->message);
}

/* Secrets are wiped before they are freed, and never printed or logged. */
void
ruhu_cli_secret_free (char *secret)
{
  if (secret == NULL)
    return;
  memset (secret, 0, strlen (secret));
  g_free (secret);
}

static char *
read_line (FILE    *stream,
           GError **error)
{
  char buffer[MAX_SECRET_BYTES];
  gsize length;

  if (fgets (buffer, sizeof buffer, stream) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Nothing to read"));
      return NULL;
    }
  length = strcspn (buffer, "\r\n");
  buffer[length] = '\0';
  {
    char *line = g_strndup (buffer, length);

    memset (buffer, 0, sizeof buffer);
    return line;
  }
}

/**
 * ruhu_cli_read_secret:
 * @path: (nullable): a file whose first line is the secret; %NULL for stdin
 * @prompt: shown when stdin is a terminal, which then does not echo
 */
char *
ruhu_cli_read_secret (const char  *path,
                      const char  *prompt,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  struct termios saved, quiet;
  gboolean terminal;
  FILE *stream;
  char *secret;

  if (path != NULL)
    {
      stream = fopen (path, "r");
      if (stream == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("Cannot read %s"), path);
          return NULL;
        }
      secret = read_line (stream, &local_error);
      fclose (stream);
    }
  else
    {
      terminal = isatty (STDIN_FILENO) && tcgetattr (STDIN_FILENO, &saved) == 0;
      if (terminal)
        {
          g_printerr ("%s", prompt);
          quiet = saved;
          quiet.c_lflag &= ~(tcflag_t) ECHO;
          tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
        }
      secret = read_line (stdin, &local_error);
      if (terminal)
        {
          tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
          g_printerr ("\n");
        }
    }
  if (secret == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return secret;
}

static char *
read_passphrase (const char  *passphrase_file,
                 GError     **error)
{
  const char *env;

  if (passphrase_file != NULL)
    return ruhu_cli_read_secret (passphrase_file, NULL, error);
  env = g_getenv ("RUHU_PASSPHRASE");
  return env != NULL ? g_strdup (env) : NULL;
}

static int
open_store (RuhuCli      *cli,
            const char   *path,
            const char   *passphrase,
            gboolean      create,
            RuhuKdfParams *kdf)
{
  g_autoptr(GError) error = NULL;

  if (create && g_file_test (path, G_FILE_TEST_EXISTS))
    return ruhu_cli_fail (RUHU_CLI_ERROR, _("%s already exists; init makes a new store"), path);
  if (!create && !g_file_test (path, G_FILE_TEST_EXISTS))
    return ruhu_cli_fail (RUHU_CLI_ERROR, _("There is no store %s; make one with init"), path);
  if (create && passphrase == NULL)
    return ruhu_cli_fail (RUHU_CLI_ERROR,
                          _("A new store needs a passphrase: use --passphrase-file or RUHU_PASSPHRASE"));

  cli->store = ruhu_store_open (path, create ? RUHU_STORE_OPEN_CREATE : RUHU_STORE_OPEN_DEFAULT,
                                passphrase, kdf->memory_kib ? kdf : NULL, &error);
  if (cli->store == NULL)
    return ruhu_cli_fail_error (RUHU_CLI_ERROR, error);
  return RUHU_CLI_OK;
}

char *
ruhu_cli_actor (RuhuCli *cli)
{
  char *user;

  if (cli->actor != NULL)
    return g_strdup (cli->actor);
  user = ruhu_store_get_setting (cli->store, "sync.user", NULL);
  return user != NULL ? user : g_strdup (g_get_user_name ());
}

typedef struct
{
  const char *name;
  guint       n_args;
  int       (*run) (RuhuCli *cli);
} Command;

static int run_delete (RuhuCli *cli) { return ruhu_cli_delete (cli, TRUE); }
static int run_restore (RuhuCli *cli) { return ruhu_cli_delete (cli, FALSE); }

static const Command commands[] = {
  { "login", 2, ruhu_cli_login },
  { "sync", 0, ruhu_cli_sync },
  { "status", 0, ruhu_cli_status },
  { "import", 1, ruhu_cli_import },
  { "edit", 3, ruhu_cli_edit },
  { "delete", 1, run_delete },
  { "restore", 1, run_restore },
  { "resolve", 3, ruhu_cli_resolve },
  { "conflicts", 0, ruhu_cli_conflicts },
  { "show", 0, ruhu_cli_show },
};

static const char description[] = N_(
  "Commands:\n"
  "  init                          make a new device store, encrypted with the passphrase\n"
  "  login SERVER_URL USER         log in; the password comes from stdin or --password-file\n"
  "  import FILE                   write {\"ops\": […]} as local edits of this device\n"
  "  edit ENTITY FIELD JSON_VALUE  write one field (a new entity needs --kind and --case)\n"
  "  delete ENTITY | restore ENTITY\n"
  "  sync                          push local edits, pull the server's\n"
  "  conflicts [--case C]          every open conflict with each candidate\n"
  "  resolve ENTITY FIELD JSON_VALUE\n"
  "  show [--case C]               the state of the store or of one case\n"
  "  status                        unsynced changes, last sync, server, user\n"
  "\n"
  "The passphrase comes from --passphrase-file or the RUHU_PASSPHRASE variable.\n"
  "Exit status: 0 ok, 1 usage, 2 error (no store, wrong passphrase…), 3 login or\n"
  "sync failed, 4 the server rejected changes in this sync (they are listed).");

static int
run (int    argc,
     char **argv)
{
  g_autofree char *store_path = NULL, *passphrase_file = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rest = NULL;
  RuhuKdfParams kdf = { 0, 0, 1 };
  RuhuCli cli = { 0 };
  char *passphrase = NULL;
  int status;
  GOptionEntry entries[] = {
    { "store", 's', 0, G_OPTION_ARG_FILENAME, &store_path, N_("The device store"), N_("FILE") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Read the store's passphrase from the first line of F"), N_("F") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &cli.password_file,
      N_("login: read the password from the first line of F"), N_("F") },
    { "case", 'c', 0, G_OPTION_ARG_STRING, &cli.case_id, N_("The case (UUID)"), N_("C") },
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &cli.kind, N_("A new entity's kind"), N_("K") },
    { "parent", 'p', 0, G_OPTION_ARG_STRING, &cli.parent, N_("A new entity's parent"), N_("P") },
    { "actor", 0, 0, G_OPTION_ARG_STRING, &cli.actor, N_("Write as this user (default: the logged-in one)"), N_("USER") },
    { "kdf-memory", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &kdf.memory_kib, NULL, NULL },
    { "kdf-iterations", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &kdf.iterations, NULL, NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, N_("COMMAND [ARGS…]") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("A headless Ruhu device for scripts, tests and benchmarks."));
  g_option_context_set_description (context, _(description));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ruhu_cli_fail_error (RUHU_CLI_USAGE, error);
  if (rest == NULL || store_path == NULL)
    return ruhu_cli_fail (RUHU_CLI_USAGE, _("Usage: ruhu-cli --store FILE COMMAND [ARGS…]; see --help"));

  passphrase = read_passphrase (passphrase_file, &error);
  if (error != NULL)
    return ruhu_cli_fail_error (RUHU_CLI_ERROR, error);
  if (kdf.memory_kib != 0 && kdf.iterations == 0)
    kdf.iterations = 1;

  cli.args = rest + 1;
  cli.n_args = g_strv_length (cli.args);
  status = RUHU_CLI_USAGE;
  if (strcmp (rest[0], "init") == 0)
    {
      status = cli.n_args == 0 ? open_store (&cli, store_path, passphrase, TRUE, &kdf) : RUHU_CLI_USAGE;
      if (cli.store != NULL)
        g_print (_("Made the store %s for device %s\n"), store_path,
                 ruhu_store_get_device_id (cli.store));
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (rest[0], commands[i].name) == 0)
      {
        gboolean optional = commands[i].n_args == 0;

        if (cli.n_args != commands[i].n_args && !(optional && cli.n_args == 0))
          break;
        status = open_store (&cli, store_path, passphrase, FALSE, &kdf);
        if (status == RUHU_CLI_OK)
          status = commands[i].run (&cli);
      }
  ruhu_cli_secret_free (passphrase);
  if (status == RUHU_CLI_USAGE)
    ruhu_cli_fail (status, _("Unknown command or wrong arguments: %s; see --help"), rest[0]);

  g_clear_object (&cli.store);
  g_free (cli.case_id);
  g_free (cli.kind);
  g_free (cli.parent);
  g_free (cli.actor);
  g_free (cli.password_file);
  return status;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  ruhu_i18n_init ();
  return run (argc, argv);
}
