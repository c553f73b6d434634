/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <sqlite3.h>

#include "ruhu-device-check.h"

/* quick_check takes seconds on a store of 20,000 cases, so the store opens
 * without it (every value's authentication tag still catches a tampered
 * value when it is read) and the check runs here afterwards. It reads the
 * file through a connection of its own: through the RuhuStore it would
 * hold the store's lock, and the case list would wait for it. */

/* SQLite lists at most this many problems; a few say enough. */
#define MAX_FINDINGS 20

static int
progress_cb (void *data)
{
  /* Non-zero interrupts the statement. */
  return g_cancellable_is_cancelled (data);
}

static char *
run_check (sqlite3       *db,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GString) findings = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  sqlite3_progress_handler (db, 1000, progress_cb, cancellable);
  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check(" G_STRINGIFY (MAX_FINDINGS) ")", -1, &stmt,
                           NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_string_append_printf (findings, "%s\n", line != NULL ? line : "");
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  /* A file too damaged to walk says so by failing the statement itself. */
  if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
    g_string_append_printf (findings, "%s\n", sqlite3_errmsg (db));
  else if (rc != SQLITE_DONE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not check the store: %s"),
                   sqlite3_errmsg (db));
      return NULL;
    }
  return g_string_free (g_steal_pointer (&findings), FALSE);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  const char *path = task_data;
  GError *error = NULL;
  sqlite3 *db = NULL;
  char *findings;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("Could not open %s to check it: %s"), path,
                               sqlite3_errmsg (db));
      sqlite3_close (db);
      return;
    }
  findings = run_check (db, cancellable, &error);
  sqlite3_close (db);
  if (findings == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, findings, g_free);
}

/**
 * ruhu_device_check_async:
 * @store_path: the store's file
 *
 * Checks the store's file in a worker thread, read-only.
 */
void
ruhu_device_check_async (const char          *store_path,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (store_path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ruhu_device_check_async);
  g_task_set_task_data (task, g_strdup (store_path), g_free);
  g_task_run_in_thread (task, check_thread);
}

/**
 * ruhu_device_check_finish:
 * @damage: (out) (transfer full) (optional): %NULL when the file is sound,
 *   otherwise what SQLite found wrong, one problem a line
 *
 * Returns: %TRUE when the check ran, whatever it found
 */
gboolean
ruhu_device_check_finish (GAsyncResult  *result,
                          char         **damage,
                          GError       **error)
{
  g_autofree char *findings = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ruhu_device_check_async, FALSE);

  findings = g_task_propagate_pointer (G_TASK (result), error);
  if (findings == NULL)
    return FALSE;
  if (damage != NULL)
    *damage = *findings != '\0' ? g_steal_pointer (&findings) : NULL;
  return TRUE;
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             GtkWindow        *window)
{
  if (g_strcmp0 (response, "sync") == 0)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
}

/* What the damage means and what to do, in words for the user; SQLite's
 * own findings under an expander, for the administrator. */
static void
show_damage (GtkWindow  *window,
             const char *damage)
{
  GtkWidget *dialog;
  GtkWidget *expander;
  GtkWidget *label;

  dialog = adw_message_dialog_new (window, _("The Data on This Device Is Damaged"),
                                   _("A check of this device’s store found damaged parts. "
                                     "Some cases or changes may be missing or unreadable.\n\n"
                                     "Sync now, so that everything that can still be read "
                                     "reaches the server, and tell your administrator. Do "
                                     "not reset this device or remove the app: the "
                                     "administrator may still need the data on it."));
  label = gtk_label_new (damage);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "monospace");
  /* Translators: shows SQLite's own list of what is damaged */
  expander = gtk_expander_new_with_mnemonic (_("_Details for the administrator"));
  gtk_expander_set_child (GTK_EXPANDER (expander), label);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), expander);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"),
                                    "sync", _("_Sync Now"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sync",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "sync");
  g_signal_connect_object (dialog, "response", G_CALLBACK (response_cb), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
checked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GtkWindow) window = g_weak_ref_get (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *damage = NULL;

  g_weak_ref_clear (user_data);
  g_free (user_data);
  if (!ruhu_device_check_finish (result, &damage, &error))
    {
      /* Not being able to check is no news for the user. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("%s", error->message);
      return;
    }
  if (damage != NULL)
    g_message ("The store is damaged: %s", damage);
  if (damage != NULL && window != NULL)
    show_damage (window, damage);
}

typedef struct
{
  GWeakRef  window;
  char     *path;
} StartData;

static void
start_data_free (gpointer data)
{
  StartData *start = data;

  g_weak_ref_clear (&start->window);
  g_free (start->path);
  g_free (start);
}

static gboolean
start_cb (gpointer data)
{
  StartData *start = data;
  g_autoptr(GtkWindow) window = g_weak_ref_get (&start->window);
  g_autoptr(GCancellable) cancellable = NULL;
  GWeakRef *ref;

  if (window == NULL)
    return G_SOURCE_REMOVE;
  cancellable = g_cancellable_new ();
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, window);
  /* The handler goes when the task drops the cancellable. */
  g_signal_connect_object (window, "destroy", G_CALLBACK (g_cancellable_cancel), cancellable,
                           G_CONNECT_SWAPPED);
  ruhu_device_check_async (start->path, cancellable, checked_cb, ref);
  return G_SOURCE_REMOVE;
}

/**
 * ruhu_device_check_start:
 * @window: where to tell the user if the store is damaged
 * @store_path: the store's file
 *
 * Checks the store in the background once the main loop has nothing more
 * urgent to do (the window drawn, the case list's first rows shown);
 * closing @window cancels the check.
 */
void
ruhu_device_check_start (GtkWindow  *window,
                         const char *store_path)
{
  StartData *start;

  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (store_path != NULL);

  start = g_new0 (StartData, 1);
  g_weak_ref_init (&start->window, window);
  start->path = g_strdup (store_path);
  g_idle_add_full (G_PRIORITY_LOW, start_cb, start, start_data_free);
}
