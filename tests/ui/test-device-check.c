/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "ruhu-demo.h"
#include "ruhu-device-check.h"
#include "ruhu-unlock-page.h"
#include "shell-helpers.h"
#include "ui-fixture.h"

/* The store's background integrity check: sound and damaged files, and
 * what the window tells the user about the damaged one. */

#define PASSPHRASE "field tablet 7"
#define N_CASES    200
#define WAIT_SECONDS 60

typedef struct
{
  UiFixture  ui;
  char      *path;   /* ui's store file */
} CheckFixture;

static void
check_setup (CheckFixture  *fx,
             gconstpointer  data)
{
  ui_fixture_setup (&fx->ui, GPOINTER_TO_UINT (data));
  fx->path = g_build_filename (fx->ui.dir, RUHU_DEVICE_STORE_FILE, NULL);
}

static void
check_teardown (CheckFixture  *fx,
                gconstpointer  data)
{
  g_free (fx->path);
  ui_fixture_teardown (&fx->ui);
}

/* Writes garbage over four pages in the middle of the closed store @path,
 * as a failing flash card would. */
static void
damage_store (const char *path)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint8 header[100];
  g_autofree guint8 *garbage = NULL;
  guint page_size;
  goffset n_pages;
  GStatBuf st;
  FILE *file;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  file = fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpuint (fread (header, 1, sizeof header, file), ==, sizeof header);
  /* The page size, big-endian at offset 16; 1 stands for 65536. */
  page_size = (header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  n_pages = st.st_size / page_size;
  g_assert_cmpint (n_pages, >, 40);
  garbage = g_malloc (page_size * 4);
  for (guint i = 0; i < page_size * 4; i++)
    garbage[i] = g_rand_int_range (rand, 0, 256);
  g_assert_cmpint (fseek (file, (long) (n_pages / 2) * page_size, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (garbage, 1, page_size * 4, file), ==, page_size * 4);
  g_assert_cmpint (fclose (file), ==, 0);
}

static void
checked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  gpointer *out = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (ruhu_device_check_finish (result, (char **) &out[0], &error));
  g_assert_no_error (error);
  out[1] = GINT_TO_POINTER (TRUE);
}

/* Returns: (transfer full) (nullable): what the check found wrong */
static char *
check (const char *path)
{
  gpointer out[2] = { NULL, NULL };

  ruhu_device_check_async (path, NULL, checked_cb, out);
  ui_wait_until ((gboolean *) &out[1], WAIT_SECONDS);
  return out[0];
}

/* Sound, even while the store is open and has just written. */
static void
test_sound_store (CheckFixture  *fx,
                  gconstpointer  data)
{
  g_autofree char *damage = check (fx->path);

  g_assert_null (damage);
}

static void
test_damaged_store (CheckFixture  *fx,
                    gconstpointer  data)
{
  g_autofree char *damage = NULL;

  g_assert_finalize_object (g_steal_pointer (&fx->ui.device));
  damage = check (fx->path);
  g_assert_null (damage);
  damage_store (fx->path);
  damage = check (fx->path);
  g_assert_nonnull (damage);
  g_test_message ("quick_check: %s", damage);
}

/* An encrypted store with @n_cases demo cases in @dir, closed again: what
 * a device left after earlier days of work. */
static void
make_store (const char *dir,
            guint       n_cases)
{
  static const RuhuKdfParams fast = { 1, 256, 1 };
  g_autofree char *path = g_build_filename (dir, RUHU_DEVICE_STORE_FILE, NULL);
  g_autoptr(GError) error = NULL;
  RuhuStore *store;

  store = ruhu_store_open (path, RUHU_STORE_OPEN_CREATE, PASSPHRASE, &fast, &error);
  g_assert_no_error (error);
  g_assert_true (ruhu_demo_generate (store, n_cases, 11, "zhang.wei", NULL, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (store);
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Unlocking a damaged store shows the cases at once, then says what the
 * damage means and what to do. */
static void
test_window_tells_user (CheckFixture  *fx,
                        gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (fx->ui.dir, "tablet", NULL);
  g_autofree char *path = g_build_filename (dir, RUHU_DEVICE_STORE_FILE, NULL);
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  AdwMessageDialog *dialog = NULL;
  RuhuWindow *window;
  GtkWidget *page;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  make_store (dir, N_CASES);
  damage_store (path);
  window = shell_window_new (dir, 360);
  page = ui_find_by_type (GTK_WIDGET (window), RUHU_TYPE_UNLOCK_PAGE);
  shell_set_row_text (page, "Passphrase", PASSPHRASE);
  /* The case list reads some of the damaged pages, and says so. */
  g_test_expect_message ("ruhu-ui", G_LOG_LEVEL_WARNING, "Could not read the cases:*");
  g_assert_true (gtk_widget_activate_action (page, "unlock.submit", NULL));
  shell_wait_not_busy (page);
  g_assert_cmpstr (ruhu_window_get_page_name (window), ==, "main");
  while ((dialog = find_dialog ()) == NULL && g_get_monotonic_time () < deadline)
    ui_iterate (50);
  g_assert_nonnull (dialog);
  g_test_assert_expected_messages ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "The Data on This Device Is Damaged");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "tell your administrator"));
  g_assert_true (adw_message_dialog_has_response (dialog, "sync"));
  shell_photograph (GTK_WIDGET (dialog), "device-check-damaged");
  gtk_window_destroy (GTK_WINDOW (dialog));
  shell_window_close (window);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("RUHU_TEST_FAST_KDF", "1", TRUE);
  ui_fixture_init (&argc, &argv);
#define ADD(path, n_cases, func) \
  g_test_add ("/ruhu/ui/device-check/" path, CheckFixture, GUINT_TO_POINTER (n_cases), \
              check_setup, func, check_teardown)
  ADD ("sound-store", N_CASES, test_sound_store);
  ADD ("damaged-store", N_CASES, test_damaged_store);
  ADD ("window-tells-user", 0, test_window_tells_user);
#undef ADD
  return g_test_run ();
}
