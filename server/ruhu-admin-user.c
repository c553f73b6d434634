/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "ruhu-admin.h"

#define MAX_PASSWORD_LINE 1100

/* The options of "user add" and "user modify". */
typedef struct
{
  char *name;
  char *role;
  char *place;
  char *password_file;
} UserOptions;

static void
user_options_clear (UserOptions *options)
{
  g_free (options->name);
  g_free (options->role);
  g_free (options->place);
  g_free (options->password_file);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (UserOptions, user_options_clear)

/* The first line, without its line ending: editors add one. */
static char *
first_line (char *text)
{
  text[strcspn (text, "\r\n")] = '\0';
  return text;
}

static char *
read_password_stdin (GError **error)
{
  char line[MAX_PASSWORD_LINE];
  gboolean tty = isatty (STDIN_FILENO);
  struct termios saved, quiet;
  char *got;

  /* At a terminal, do not echo the password. */
  if (tty && tcgetattr (STDIN_FILENO, &saved) == 0)
    {
      quiet = saved;
      quiet.c_lflag &= ~ECHO;
      g_printerr (_("Password: "));
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  got = fgets (line, sizeof line, stdin);
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }
  if (got != NULL)
    return g_strdup (first_line (line));
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("No password was given on standard input."));
  return NULL;
}

static char *
read_password (const char  *password_file,
               GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;

  if (password_file == NULL)
    return read_password_stdin (error);
  if (!g_file_get_contents (password_file, &contents, NULL, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot read the password file: %s"), local_error->message);
      return NULL;
    }
  return g_strdup (first_line (contents));
}

static gboolean
parse_role (const char *text,
            RuhuRole   *role)
{
  if (ruhu_role_from_string (text, role))
    return TRUE;
  ruhu_admin_usage (_("“%s” is not a role. The roles are investigator, village_assistant, "
                      "volunteer, supervisor, district_officer and administrator."), text);
  return FALSE;
}

static int
user_add (RuhuAdmin *admin,
          GStrv      args)
{
  g_auto(UserOptions) o = { 0 };
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &o.name, N_("Full name"), N_("NAME") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &o.role, N_("Role"), N_("ROLE") },
    { "place", 0, 0, G_OPTION_ARG_STRING, &o.place, N_("Division code"), N_("CODE") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &o.password_file,
      N_("Read the password from this file"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(RuhuDirectory) directory = NULL;
  g_autofree char *password = NULL;
  g_autofree char *detail = NULL;
  GError *error = NULL;
  RuhuRole role;

  if (!ruhu_admin_parse (&args, "USER --name NAME --role ROLE [--place CODE]", entries, 1))
    return RUHU_ADMIN_EXIT_USAGE;
  if (o.name == NULL || o.role == NULL)
    return ruhu_admin_usage (_("A new user needs --name and --role."));
  if (!parse_role (o.role, &role))
    return RUHU_ADMIN_EXIT_USAGE;
  if ((directory = ruhu_admin_open_directory (admin, &error)) == NULL ||
      (password = read_password (o.password_file, &error)) == NULL ||
      !ruhu_directory_add_user (directory, args[1], o.name, role, o.place ? o.place : "",
                                password, &error))
    return ruhu_admin_fail (error);
  detail = g_strdup_printf ("role=%s place=%s", o.role, o.place ? o.place : "");
  return ruhu_admin_log (admin, "user.add", args[1], detail);
}

static int
user_modify (RuhuAdmin *admin,
             GStrv      args)
{
  g_auto(UserOptions) o = { 0 };
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &o.name, N_("New full name"), N_("NAME") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &o.role, N_("New role"), N_("ROLE") },
    { "place", 0, 0, G_OPTION_ARG_STRING, &o.place, N_("New division code"), N_("CODE") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &o.password_file,
      N_("Set the password read from this file"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(RuhuDirectory) directory = NULL;
  g_autofree char *password = NULL;
  g_autofree char *detail = NULL;
  GError *error = NULL;
  RuhuRole role;

  if (!ruhu_admin_parse (&args, "USER [--name NAME] [--role ROLE] [--place CODE]", entries, 1))
    return RUHU_ADMIN_EXIT_USAGE;
  if (o.role != NULL && !parse_role (o.role, &role))
    return RUHU_ADMIN_EXIT_USAGE;
  if ((directory = ruhu_admin_open_directory (admin, &error)) == NULL ||
      (o.password_file != NULL && (password = read_password (o.password_file, &error)) == NULL) ||
      !ruhu_directory_modify_user (directory, args[1], o.name, o.role ? &role : NULL, o.place,
                                   password, &error))
    return ruhu_admin_fail (error);
  detail = g_strdup_printf ("name=%s role=%s place=%s password=%s", o.name ? "changed" : "-",
                            o.role ? o.role : "-", o.place ? o.place : "-",
                            password ? "changed" : "-");
  return ruhu_admin_log (admin, "user.modify", args[1], detail);
}

static int
user_list (RuhuAdmin *admin,
           GStrv      args)
{
  g_autoptr(RuhuDirectory) directory = NULL;
  g_autoptr(GPtrArray) users = NULL;
  GError *error = NULL;

  if (!ruhu_admin_parse (&args, "", NULL, 0))
    return RUHU_ADMIN_EXIT_USAGE;
  if ((directory = ruhu_admin_open_directory (admin, &error)) == NULL ||
      (users = ruhu_directory_list_users (directory, &error)) == NULL)
    return ruhu_admin_fail (error);
  /* The name goes last: Chinese names do not line up in columns. */
  for (guint i = 0; i < users->len; i++)
    {
      RuhuUserInfo *info = g_ptr_array_index (users, i);

      g_print ("%-20s %-18s %-12s %s%s\n", info->user_id, ruhu_role_to_string (info->role),
               *info->place != '\0' ? info->place : "-", info->name,
               info->revoked ? _(" (blocked)") : "");
    }
  return 0;
}

static int
user_revoke (RuhuAdmin *admin,
             GStrv      args)
{
  g_autoptr(RuhuDirectory) directory = NULL;
  GError *error = NULL;

  if (!ruhu_admin_parse (&args, "USER", NULL, 1))
    return RUHU_ADMIN_EXIT_USAGE;
  if ((directory = ruhu_admin_open_directory (admin, &error)) == NULL ||
      !ruhu_directory_revoke_user (directory, args[1], &error))
    return ruhu_admin_fail (error);
  return ruhu_admin_log (admin, "user.revoke", args[1], NULL);
}

int
ruhu_admin_user (RuhuAdmin *admin,
                 GStrv      args)
{
  const char *verb = args[1];

  if (g_strcmp0 (verb, "add") == 0)
    return user_add (admin, args + 1);
  if (g_strcmp0 (verb, "modify") == 0)
    return user_modify (admin, args + 1);
  if (g_strcmp0 (verb, "list") == 0)
    return user_list (admin, args + 1);
  if (g_strcmp0 (verb, "revoke") == 0)
    return user_revoke (admin, args + 1);
  return ruhu_admin_usage (_("Use “user add”, “user modify”, “user list” or “user revoke”."));
}

static int
device_list (RuhuAdmin *admin,
             GStrv      args)
{
  g_autoptr(RuhuDirectory) directory = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  GError *error = NULL;

  if (!ruhu_admin_parse (&args, "", NULL, 0))
    return RUHU_ADMIN_EXIT_USAGE;
  if ((directory = ruhu_admin_open_directory (admin, &error)) == NULL ||
      (devices = ruhu_directory_list_devices (directory, &error)) == NULL)
    return ruhu_admin_fail (error);
  for (guint i = 0; i < devices->len; i++)
    {
      RuhuDeviceInfo *info = g_ptr_array_index (devices, i);
      g_autoptr(GDateTime) seen = g_date_time_new_from_unix_local (info->last_seen);
      g_autofree char *when = g_date_time_format (seen, "%Y-%m-%d %H:%M");

      g_print ("%-38s %-20s %s %s%s\n", info->device_id, info->user_id, when,
               info->name != NULL ? info->name : "", info->revoked ? _(" (blocked)") : "");
    }
  return 0;
}

static int
device_revoke (RuhuAdmin *admin,
               GStrv      args)
{
  g_autoptr(RuhuDirectory) directory = NULL;
  GError *error = NULL;

  if (!ruhu_admin_parse (&args, "DEVICE", NULL, 1))
    return RUHU_ADMIN_EXIT_USAGE;
  if ((directory = ruhu_admin_open_directory (admin, &error)) == NULL ||
      !ruhu_directory_revoke_device (directory, args[1], &error))
    return ruhu_admin_fail (error);
  return ruhu_admin_log (admin, "device.revoke", args[1], NULL);
}

int
ruhu_admin_device (RuhuAdmin *admin,
                   GStrv      args)
{
  if (g_strcmp0 (args[1], "list") == 0)
    return device_list (admin, args + 1);
  if (g_strcmp0 (args[1], "revoke") == 0)
    return device_revoke (admin, args + 1);
  return ruhu_admin_usage (_("Use “device list” or “device revoke DEVICE”."));
}

int
ruhu_admin_assign (RuhuAdmin *admin,
                   GStrv      args)
{
  g_autoptr(RuhuDirectory) directory = NULL;
  GError *error = NULL;

  if (!ruhu_admin_parse (&args, "CASE USER", NULL, 2))
    return RUHU_ADMIN_EXIT_USAGE;
  if ((directory = ruhu_admin_open_directory (admin, &error)) == NULL ||
      !ruhu_directory_assign (directory, args[1], args[2], &error))
    return ruhu_admin_fail (error);
  return ruhu_admin_log (admin, "assign", args[1], args[2]);
}
