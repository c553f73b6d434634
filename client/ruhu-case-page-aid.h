/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The case page's "page.create-aid-tasks": a task for each linked aid
 * item (一件事) the application chose that has none yet. */
void ruhu_case_page_install_aid_tasks (GtkWidgetClass *widget_class);

G_END_DECLS
