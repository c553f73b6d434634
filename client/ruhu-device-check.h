/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The store's integrity check (PRAGMA quick_check), run in the background
 * on a read-only connection of its own once the cases show, instead of
 * keeping the user waiting at every start. */

void      ruhu_device_check_async   (const char           *store_path,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
gboolean  ruhu_device_check_finish  (GAsyncResult         *result,
                                     char                **damage,
                                     GError              **error);
void      ruhu_device_check_start   (GtkWindow            *window,
                                     const char           *store_path);

G_END_DECLS
