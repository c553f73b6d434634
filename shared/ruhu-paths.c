/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-paths.h"

/**
 * ruhu_data_dir:
 *
 * Where the reference data (forms, calendar) lives. `RUHU_DATA_DIR` wins so
 * that tests and uninstalled builds read the source tree.
 *
 * Returns: (transfer none): a directory path
 */
const char *
ruhu_data_dir (void)
{
  const char *dir = g_getenv ("RUHU_DATA_DIR");

  return dir != NULL && *dir != '\0' ? dir : RUHU_PKGDATADIR;
}

/**
 * ruhu_data_path:
 * @first_element: first path element below the data directory
 *
 * Returns: (transfer full): the path of a data file
 */
char *
ruhu_data_path (const char *first_element,
                ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (parts, (gpointer) ruhu_data_dir ());
  va_start (args, first_element);
  for (const char *e = first_element; e != NULL; e = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) e);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **) parts->pdata);
}

/**
 * ruhu_i18n_init:
 *
 * Binds the library's gettext domain so that its messages come out in the
 * user's language. Every program calls it at the start of main(), after
 * setlocale(); `RUHU_LOCALEDIR` points uninstalled builds and tests at the
 * catalogues they compiled. Safe to call more than once.
 */
void
ruhu_i18n_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      const char *localedir = g_getenv ("RUHU_LOCALEDIR");

      bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      g_once_init_leave (&done, 1);
    }
}
