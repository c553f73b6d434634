/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-admin.h"
#include "ruhu-directory-townships.h"

/* ruhu-admin township CODE --office N --phone P --address A [--mask M]:
 * sets up a township's public pages (/notice/CODE, /published/CODE). Until
 * then the server shows none for it. */
int
ruhu_admin_township (RuhuAdmin *admin,
                     GStrv      args)
{
  g_autofree char *office = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *address = NULL;
  g_autofree char *mask = NULL;
  GOptionEntry entries[] = {
    { "office", 0, 0, G_OPTION_ARG_STRING, &office, N_("The office that runs the notices"), "N" },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, N_("Phone number for objections"), "P" },
    { "address", 0, 0, G_OPTION_ARG_STRING, &address, N_("Address for objections"), "A" },
    { "mask", 0, 0, G_OPTION_ARG_STRING, &mask,
      N_("How names are shown: none, middle (张*明, the default) or given (张**)"), "M" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(RuhuDirectory) directory = NULL;
  RuhuTownshipNotice notice = { 0 };
  GError *error = NULL;

  if (!ruhu_admin_parse (&args, "CODE", entries, 1))
    return RUHU_ADMIN_EXIT_USAGE;
  notice.code = args[1];
  notice.office = office;
  notice.phone = phone;
  notice.address = address;
  notice.name_mask = RUHU_NAME_MASK_MIDDLE;
  if (mask != NULL && !ruhu_name_mask_from_string (mask, &notice.name_mask))
    return ruhu_admin_usage (_("“%s” is not a way to show names: use none, middle or given."),
                             mask);
  if ((directory = ruhu_admin_open_directory (admin, &error)) == NULL ||
      !ruhu_directory_set_township_notice (directory, &notice, &error))
    return ruhu_admin_fail (error);
  return ruhu_admin_log (admin, "township", notice.code, ruhu_name_mask_to_string (notice.name_mask));
}
