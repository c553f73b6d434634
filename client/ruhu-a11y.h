/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* What a screen reader says of a control. GTK 4.8 reads a widget's label
 * property followed by whatever labels it (a button's own text, the title
 * of a row whose activatable widget it is), so naming a widget that has
 * either makes the name come out twice; these helpers keep it once. */

void ruhu_a11y_set_name    (GtkWidget  *widget,
                            const char *name);
void ruhu_a11y_tidy_names  (GtkWidget  *root);

G_END_DECLS
