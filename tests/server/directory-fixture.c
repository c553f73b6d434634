/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "directory-fixture.h"
#include "test-util.h"

static const RuhuKdfParams fast_kdf = { 1, 64, 1 };

static gint64
fake_clock (gpointer user_data)
{
  return *(gint64 *) user_data;
}

void
directory_fixture_setup (DirectoryFixture *f,
                         gconstpointer     data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_make_temp_dir ();
  f->path = g_build_filename (f->dir, "server.db", NULL);
  f->directory = ruhu_directory_open (f->path, &error);
  g_assert_no_error (error);
  f->now = 1800000000;
  ruhu_directory_set_clock (f->directory, fake_clock, &f->now);
  ruhu_directory_set_kdf_params (f->directory, &fast_kdf);
  ruhu_directory_add_user (f->directory, FIXTURE_USER, "张伟", RUHU_ROLE_INVESTIGATOR,
                           "500109001", FIXTURE_PASSWORD, &error);
  g_assert_no_error (error);
}

void
directory_fixture_teardown (DirectoryFixture *f,
                            gconstpointer     data)
{
  g_clear_object (&f->directory);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}
