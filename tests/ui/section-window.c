/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "section-window.h"

/* Without a RuhuApplication, the client's style sheet is loaded by hand,
 * so that the screenshots look as in the client. */
static void
load_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, "/org/ruhu/Ruhu/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

void
section_window_init (int    *argc,
                     char ***argv)
{
  ui_fixture_init (argc, argv);
  load_style ();
}

void
section_window_setup (SectionWindow *fixture)
{
  g_autofree char *blobs = NULL;

  ui_fixture_setup (&fixture->ui, 1);
  blobs = g_build_filename (fixture->ui.dir, "blobs", NULL);
  ruhu_sync_client_set_blob_dir (ruhu_device_get_sync_client (fixture->ui.device), blobs);
  fixture->case_id = g_ptr_array_index (fixture->ui.case_ids, 0);
}

/* A window can only be photographed once the X server has mapped it and
 * it has drawn a frame, which may take longer than a fixed wait. */
void
section_window_wait_mapped (GtkWidget *window)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (window) && g_get_monotonic_time () < deadline)
    ui_iterate (20);
  g_assert_true (gtk_widget_get_mapped (window));
  ui_iterate (300);
}

void
section_window_show (SectionWindow *fixture,
                     GtkWidget     *section,
                     int            width,
                     int            height)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, width, height);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), section);
  gtk_window_set_child (fixture->window, scrolled);
  gtk_window_present (fixture->window);
  section_window_wait_mapped (GTK_WIDGET (fixture->window));
}

void
section_window_teardown (SectionWindow *fixture)
{
  gtk_window_destroy (fixture->window);
  ui_iterate (50);
  ui_fixture_teardown (&fixture->ui);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Saves a screenshot just after a frame was painted: a widget queued for
 * drawing since its last frame has no picture to give yet. */
void
section_window_photograph (GtkWidget  *widget,
                           const char *name)
{
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong handler;

  ui_iterate (200);
  clock = gtk_widget_get_frame_clock (widget);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  ui_wait_until (&painted, 10);
  g_signal_handler_disconnect (clock, handler);
  g_free (ui_save_screenshot (widget, name));
}
