/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "test-async.h"

/**
 * test_async_result_cb:
 * @user_data: a GAsyncResult** to store a reference to the result in
 */
void
test_async_result_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
watchdog_cb (gpointer user_data)
{
  g_error ("Timed out waiting for %s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

/**
 * test_async_wait:
 * @what: what the test waits for, for the message if it never comes
 *
 * Iterates the default main context until *@result is set, and
 * fails the test after @seconds.
 *
 * Returns: (transfer none): *@result
 */
GAsyncResult *
test_async_wait (GAsyncResult **result,
                 guint          seconds,
                 const char    *what)
{
  guint watchdog = g_timeout_add_seconds (seconds, watchdog_cb, (gpointer) what);

  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (watchdog);
  return *result;
}
