/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "ruhu-application.h"
#include "ruhu-paths.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RuhuApplication) app = NULL;

  /* The user's locale decides the language: Chinese under zh_CN. */
  setlocale (LC_ALL, "");
  ruhu_i18n_init ();
  textdomain (GETTEXT_PACKAGE);
  app = ruhu_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
