/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include "ruhu-demo.h"
#include "ui-fixture.h"

#ifdef __SANITIZE_ADDRESS__
/* Full stacks for LeakSanitizer in every UI test: GLib and GTK have no
 * frame pointers, and with the fast unwinder tests/lsan.supp cannot
 * recognise GLib's first quark block (which tests with many types outgrow),
 * and blocks still reachable through GTK's frames read as leaks. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}
#endif

/* Demo cases are generated with a fixed seed: the same households each run. */
#define DEMO_SEED 20261124

void
ui_fixture_init (int    *argc,
                 char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

static RuhuStore *
open_store (UiFixture *fixture,
            gboolean   create)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "device.db", NULL);
  RuhuStore *store;

  store = ruhu_store_open (path, create ? RUHU_STORE_OPEN_CREATE : RUHU_STORE_OPEN_DEFAULT,
                           NULL, NULL, &error);
  g_assert_no_error (error);
  return store;
}

void
ui_fixture_setup (UiFixture *fixture,
                  guint      n_cases)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) store = NULL;
  g_autoptr(RuhuFormSet) forms = NULL;

  fixture->dir = g_dir_make_tmp ("ruhu-ui-XXXXXX", &error);
  g_assert_no_error (error);
  store = open_store (fixture, TRUE);
  fixture->case_ids = NULL;
  if (n_cases > 0)
    {
      ruhu_demo_generate (store, n_cases, DEMO_SEED, "zhang.wei", &fixture->case_ids, &error);
      g_assert_no_error (error);
    }
  forms = ruhu_form_set_load_default (&error);
  g_assert_no_error (error);
  fixture->device = ruhu_device_new (store, forms);
}

/* A second store object on the same file: what a restarted client sees. */
RuhuStore *
ui_fixture_reopen (UiFixture *fixture)
{
  return open_store (fixture, FALSE);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

void
ui_fixture_teardown (UiFixture *fixture)
{
  g_clear_object (&fixture->device);
  g_clear_pointer (&fixture->case_ids, g_ptr_array_unref);
  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static gboolean
watchdog_cb (gpointer user_data)
{
  g_error ("UI test timed out waiting");
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until *flag is set; fails the test after the time-out
 * instead of hanging. */
void
ui_wait_until (gboolean *flag,
               guint     timeout_seconds)
{
  guint watchdog = g_timeout_add_seconds (timeout_seconds, watchdog_cb, NULL);

  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (watchdog);
}

static gboolean
set_flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the main loop run for a while: layout, drawing, idle work. */
void
ui_iterate (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, set_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/**
 * ui_save_screenshot:
 *
 * Renders @widget as it is now into G_TEST_BUILDDIR/screenshots/NAME.png.
 *
 * Returns: (transfer full): the file's path
 */
char *
ui_save_screenshot (GtkWidget  *widget,
                    const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  char *path = g_build_filename (dir, file, NULL);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  /* A window that was not drawn yet has nothing to show: a slow (sanitized)
   * run may get here before the first frame. */
  for (guint tries = 0; node == NULL && tries < 200; tries++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      if (node == NULL)
        ui_iterate (50);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_mkdir_with_parents (dir, 0755);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  return path;
}

/* The first widget under @root that shows @text: a label, a button's label
 * or a row's title, as a person looking at the window would find it. */
GtkWidget *
ui_find_by_text (GtkWidget  *root,
                 const char *text)
{
  const char *shown = NULL;

  if (GTK_IS_LABEL (root))
    shown = gtk_label_get_text (GTK_LABEL (root));
  else if (GTK_IS_BUTTON (root))
    shown = gtk_button_get_label (GTK_BUTTON (root));
  else if (ADW_IS_PREFERENCES_ROW (root))
    shown = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root));
  if (g_strcmp0 (shown, text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_find_by_text (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first widget under @root (itself included) that is a @type. */
GtkWidget *
ui_find_by_type (GtkWidget *root,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_find_by_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}
