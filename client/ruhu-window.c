/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-window.h"

struct _RuhuWindow
{
  AdwApplicationWindow  parent_instance;
  AdwToastOverlay      *toast_overlay;
};

G_DEFINE_FINAL_TYPE (RuhuWindow, ruhu_window, ADW_TYPE_APPLICATION_WINDOW)

static void
ruhu_window_class_init (RuhuWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/ruhu/Ruhu/ruhu-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RuhuWindow, toast_overlay);
}

static void
ruhu_window_init (RuhuWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RuhuWindow *
ruhu_window_new (RuhuApplication *app)
{
  return g_object_new (RUHU_TYPE_WINDOW, "application", app, NULL);
}
