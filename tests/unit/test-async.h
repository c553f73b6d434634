/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Waiting for one asynchronous call in a test: pass test_async_result_cb
 * with a pointer to a NULL GAsyncResult*, then test_async_wait() on it. */

void          test_async_result_cb (GObject       *source,
                                    GAsyncResult  *result,
                                    gpointer       user_data);
GAsyncResult *test_async_wait      (GAsyncResult **result,
                                    guint          seconds,
                                    const char    *what);

G_END_DECLS
