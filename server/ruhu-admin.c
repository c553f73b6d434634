/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>

#include "ruhu-admin-document.h"
#include "ruhu-admin.h"
#include "ruhu-paths.h"
#include "ruhu-server-setup.h"

static const struct
{
  const char       *name;
  RuhuAdminCommand  run;
} commands[] = {
  { "assign", ruhu_admin_assign },
  { "audit", ruhu_admin_audit },
  { "backup", ruhu_admin_backup },
  { "demo", ruhu_admin_demo },
  { "device", ruhu_admin_device },
  { "document", ruhu_admin_document },
  { "import", ruhu_admin_import },
  { "init", ruhu_admin_init },
  { "ledger", ruhu_admin_ledger },
  { "report-batch", ruhu_admin_report_batch },
  { "township", ruhu_admin_township },
  { "user", ruhu_admin_user },
};

int
ruhu_admin_usage (const char *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("ruhu-admin: %s\n", message);
  g_printerr (_("Run “ruhu-admin --help” for the commands.\n"));
  return RUHU_ADMIN_EXIT_USAGE;
}

/* Takes @error. */
int
ruhu_admin_fail (GError *error)
{
  g_printerr ("ruhu-admin: %s\n", error->message);
  g_error_free (error);
  return RUHU_ADMIN_EXIT_RUNTIME;
}

/**
 * ruhu_admin_parse:
 * @args: (inout): the subcommand's arguments; options are removed
 * @n_args: how many arguments must remain after the subcommand's name
 *
 * Returns: whether the options parsed and exactly @n_args remain; prints
 *   why not
 */
gboolean
ruhu_admin_parse (GStrv        *args,
                  const char   *parameters,
                  GOptionEntry *entries,
                  guint         n_args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;

  g_option_context_set_help_enabled (context, TRUE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse_strv (context, args, &error))
    {
      ruhu_admin_usage ("%s", error->message);
      return FALSE;
    }
  if (g_strv_length (*args) != n_args + 1)
    {
      ruhu_admin_usage (_("“%s” expects: %s"), (*args)[0], parameters);
      return FALSE;
    }
  return TRUE;
}

gboolean
ruhu_admin_need_key (RuhuAdmin *admin)
{
  if (admin->key_file != NULL)
    return TRUE;
  ruhu_admin_usage (_("This command needs the server key: add --key-file FILE."));
  return FALSE;
}

/* Never creates a database: a mistyped --data must not become a new,
 * empty server. */
static char *
existing_file (RuhuAdmin   *admin,
               const char  *name,
               GError     **error)
{
  g_autofree char *path = g_build_filename (admin->data_dir, name, NULL);

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&path);
  g_set_error (error, RUHU_SERVER_ERROR, RUHU_SERVER_ERROR_SETUP,
               _("%s is not a Ruhu data directory (it has no %s). Check --data, or create "
                 "one with “ruhu-admin --data DIR --key-file FILE init”."),
               admin->data_dir, name);
  return NULL;
}

RuhuDirectory *
ruhu_admin_open_directory (RuhuAdmin  *admin,
                           GError    **error)
{
  g_autofree char *path = existing_file (admin, RUHU_SERVER_DIRECTORY_DB, error);

  return path != NULL ? ruhu_directory_open (path, error) : NULL;
}

RuhuAudit *
ruhu_admin_open_audit (RuhuAdmin  *admin,
                       GError    **error)
{
  g_autofree char *path = existing_file (admin, RUHU_SERVER_AUDIT_DB, error);

  return path != NULL ? ruhu_audit_open (path, error) : NULL;
}

/**
 * ruhu_admin_log:
 *
 * Records an administrator's action, done by the account running
 * ruhu-admin.
 *
 * Returns: 0, or the exit code after printing why the record failed
 */
int
ruhu_admin_log (RuhuAdmin  *admin,
                const char *action,
                const char *subject,
                const char *detail)
{
  g_autoptr(RuhuAudit) audit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = g_strconcat ("admin:", g_get_user_name (), NULL);

  audit = ruhu_admin_open_audit (admin, &error);
  if (audit != NULL && ruhu_audit_append (audit, actor, "ruhu-admin", action, subject, detail,
                                          &error))
    return 0;
  g_printerr (_("ruhu-admin: The change was made, but it could not be written to the audit "
                "log: %s\n"), error->message);
  return RUHU_ADMIN_EXIT_RUNTIME;
}

static char *
describe_commands (void)
{
  return g_strdup (_("Commands:\n"
                     "  init                      create the data directory and the key\n"
                     "  user add USER --name N --role R [--place CODE] [--password-file F]\n"
                     "  user modify USER [--name N] [--role R] [--place CODE] [--password-file F]\n"
                     "  user list\n"
                     "  user revoke USER\n"
                     "  device list\n"
                     "  device revoke DEVICE\n"
                     "  assign CASE USER\n"
                     "  township CODE --office N --phone P --address A [--mask none|middle|given]\n"
                     "                            set up a township's public notice pages\n"
                     "  ledger --month YYYY-MM [--township CODE] --out FILE.csv\n"
                     "                            the month's statistics ledger\n"
                     "  report-batch --month YYYY-MM [--township CODE] --out FILE.zip\n"
                     "                            the PDFs of the cases reported in the month\n"
                     "  backup DEST               copy the databases into the folder DEST\n"
                     "  audit verify              check the audit log’s hash chain\n"
                     "  import FILE               apply {\"ops\": […]} to the case store\n"
                     "  document --case ID --kind KIND --out FILE  a case’s document as a PDF\n"
                     "  demo [--cases N] [--seed S]  fill a new data directory with demo\n"
                     "                            accounts and cases (default 200)\n"
                     "\n"
                     "Roles: investigator, village_assistant, volunteer, supervisor,\n"
                     "district_officer, administrator. Without --password-file the\n"
                     "password is read from standard input."));
}

static int
run (RuhuAdmin *admin,
     GStrv     *args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("COMMAND …"));
  g_autoptr(GError) error = NULL;
  g_autofree char *description = describe_commands ();
  GOptionEntry entries[] = {
    { "data", 'd', 0, G_OPTION_ARG_FILENAME, &admin->data_dir,
      N_("The server’s data directory"), N_("DIR") },
    { "key-file", 'k', 0, G_OPTION_ARG_FILENAME, &admin->key_file,
      N_("The server key, kept outside the data directory"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context, description);
  /* Stop at the command: its own options are parsed by the command. */
  g_option_context_set_strict_posix (context, TRUE);
  if (!g_option_context_parse_strv (context, args, &error))
    return ruhu_admin_usage ("%s", error->message);
  if (g_strv_length (*args) < 2)
    return ruhu_admin_usage (_("Name a command."));
  if (admin->data_dir == NULL)
    return ruhu_admin_usage (_("Say which data directory to use with --data DIR."));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal ((*args)[1], commands[i].name))
      return commands[i].run (admin, *args + 1);
  return ruhu_admin_usage (_("Unknown command “%s”."), (*args)[1]);
}

int
main (int    argc,
      char **argv)
{
  RuhuAdmin admin = { NULL, NULL };
  g_auto(GStrv) args = NULL;
  int status;

  setlocale (LC_ALL, "");
  ruhu_i18n_init ();
  args = g_strdupv (argv);
  status = run (&admin, &args);
  g_free (admin.data_dir);
  g_free (admin.key_file);
  return status;
}
