/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-paths.h"

static void
test_data_dir_from_env (void)
{
  g_autofree char *path = NULL;

  g_setenv ("RUHU_DATA_DIR", "/tmp/ruhu-data", TRUE);
  g_assert_cmpstr (ruhu_data_dir (), ==, "/tmp/ruhu-data");
  path = ruhu_data_path ("forms", "household.json", NULL);
  g_assert_cmpstr (path, ==, "/tmp/ruhu-data/forms/household.json");

  g_setenv ("RUHU_DATA_DIR", "", TRUE);
  g_assert_cmpstr (ruhu_data_dir (), ==, RUHU_PKGDATADIR);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ruhu/paths/data-dir-from-env", test_data_dir_from_env);
  return g_test_run ();
}
