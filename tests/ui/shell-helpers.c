/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "shell-helpers.h"
#include "ui-fixture.h"

#define WAIT_SECONDS 60

/* One per process: a second one could not own the same name on the bus. */
RuhuApplication *
shell_app (void)
{
  static RuhuApplication *app = NULL;

  if (app == NULL)
    {
      /* Screenshots show where the window ends up, not a slide half-way;
       * libadwaita 1.2 also leaks a render node per leaflet animation. */
      g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
      app = ruhu_application_new ();
      g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
    }
  return app;
}

/* A window as the app opens it, on @device_dir, @width pixels wide. */
RuhuWindow *
shell_window_new (const char *device_dir,
                  int         width)
{
  RuhuApplication *app = shell_app ();
  RuhuWindow *window;

  ruhu_application_set_device_dir (app, device_dir);
  window = ruhu_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 760);
  gtk_window_present (GTK_WINDOW (window));
  ui_iterate (200);
  return window;
}

/* Destroys @window and checks nothing else kept it (or its device) alive. */
void
shell_window_close (RuhuWindow *window)
{
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_iterate (50);
  g_assert_null (window);
}

/* Types @text into the entry row titled @title. */
void
shell_set_row_text (GtkWidget  *root,
                    const char *title,
                    const char *text)
{
  GtkWidget *row = ui_find_by_text (root, title);

  g_assert_nonnull (row);
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
busy_changed_cb (GObject    *page,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  gboolean busy;

  g_object_get (page, "busy", &busy, NULL);
  if (!busy)
    *(gboolean *) user_data = TRUE;
}

/* Waits until the set-up or unlock page has finished its work. */
void
shell_wait_not_busy (GtkWidget *page)
{
  gboolean done = FALSE;
  gboolean busy;
  gulong handler;

  g_object_get (page, "busy", &busy, NULL);
  if (!busy)
    return;
  handler = g_signal_connect (page, "notify::busy", G_CALLBACK (busy_changed_cb), &done);
  ui_wait_until (&done, WAIT_SECONDS);
  g_signal_handler_disconnect (page, handler);
}

static gboolean
page_shown_cb (gpointer user_data)
{
  gpointer *args = user_data;

  if (g_strcmp0 (ruhu_window_get_page_name (args[0]), args[1]) == 0)
    *(gboolean *) args[2] = TRUE;
  return G_SOURCE_CONTINUE;
}

/* Waits until @window shows the page @name ("setup", "unlock", "main"). */
void
shell_wait_page (RuhuWindow *window,
                 const char *name)
{
  gboolean shown = FALSE;
  gpointer args[] = { window, (gpointer) name, &shown };
  guint poll = g_timeout_add (20, page_shown_cb, args);

  ui_wait_until (&shown, WAIT_SECONDS);
  g_source_remove (poll);
}

/* Whether @window would draw anything now: a window just mapped (slowly,
 * under the sanitizers) may not have been laid out yet. */
static gboolean
draws_something (GtkWidget *window)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), gtk_widget_get_width (window),
                          gtk_widget_get_height (window));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  return node != NULL;
}

/* Photographs @window once it is mapped and laid out. */
void
shell_photograph (GtkWidget  *window,
                  const char *name)
{
  g_autofree char *path = NULL;

  ui_iterate (300);
  for (guint i = 0; i < 200 && !(gtk_widget_get_mapped (window) && draws_something (window)); i++)
    ui_iterate (50);
  g_assert_true (draws_something (window));
  path = ui_save_screenshot (window, name);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

void
shell_screenshot (RuhuWindow *window,
                  const char *name)
{
  shell_photograph (GTK_WIDGET (window), name);
}

/* Writes a text field of the case's household as the device's user;
 * @kind is "household" for a new case, NULL for an existing one. */
void
shell_write_text (RuhuDevice *device,
                  const char *case_id,
                  const char *kind,
                  const char *field,
                  const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), text);
  g_autoptr(RuhuOp) op = ruhu_device_write (device, case_id, kind, case_id, NULL, field, value,
                                            &error);

  g_assert_no_error (error);
  g_assert_nonnull (op);
}
