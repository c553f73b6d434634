/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "ruhu-sync.h"
#include "ruhu-sync-message.h"

/* What a failed login or sync means for the person holding the tablet, and
 * what they can do about it. */

static char *
describe_sync_error (const GError *error)
{
  switch ((RuhuSyncError) error->code)
    {
    case RUHU_SYNC_ERROR_NOT_LOGGED_IN:
      return g_strdup (_("This device is not signed in to a server yet."));
    case RUHU_SYNC_ERROR_NETWORK:
      return g_strdup (_("Could not reach the server. Check the network and the server "
                         "address, then try again."));
    case RUHU_SYNC_ERROR_BAD_CREDENTIALS:
      return g_strdup (_("The user name or the password is wrong."));
    case RUHU_SYNC_ERROR_UNAUTHORIZED:
    case RUHU_SYNC_ERROR_TOKEN_EXPIRED:
      return g_strdup (_("The server no longer accepts this device's sign-in. Sign in again "
                         "in Preferences."));
    case RUHU_SYNC_ERROR_REVOKED:
      return g_strdup (_("Your office has revoked this device: it can no longer sync. Ask "
                         "them what to do with the changes still on it."));
    case RUHU_SYNC_ERROR_FORBIDDEN:
      /* Already a whole sentence: the server's own (another user's edits,
       * ruhu-sync-http.c) or one that says whom to ask. */
      return g_strdup (error->message);
    case RUHU_SYNC_ERROR_SERVER:
      return g_strdup (_("The server has a problem right now. Try again in a few minutes."));
    case RUHU_SYNC_ERROR_PROTOCOL:
      return g_strdup_printf (_("The server's answer was not understood (%s). Check the "
                                "server address."), error->message);
    case RUHU_SYNC_ERROR_STORE:
      return g_strdup_printf (_("The data on this device could not be written (%s). Free "
                                "some space, then sync again."), error->message);
    case RUHU_SYNC_ERROR_NO_BLOB_DIR:
    case RUHU_SYNC_ERROR_BLOB:
      return g_strdup_printf (_("A photo on this device could not be synced: %s"),
                              error->message);
    default:
      return g_strdup (error->message);
    }
}

/**
 * ruhu_sync_error_describe:
 *
 * Returns: (transfer full): one or two sentences for the user
 */
char *
ruhu_sync_error_describe (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == RUHU_SYNC_ERROR)
    return describe_sync_error (error);
  return g_strdup (error->message);
}

/**
 * ruhu_sync_error_title:
 *
 * Returns: (transfer none): a few words for a toast, which ruhu_sync_error_describe()
 *   explains
 */
const char *
ruhu_sync_error_title (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != RUHU_SYNC_ERROR)
    return _("Sync failed");
  switch ((RuhuSyncError) error->code)
    {
    case RUHU_SYNC_ERROR_NOT_LOGGED_IN:
      return _("Not signed in");
    case RUHU_SYNC_ERROR_NETWORK:
      return _("Server not reachable");
    case RUHU_SYNC_ERROR_BAD_CREDENTIALS:
      return _("Wrong user name or password");
    case RUHU_SYNC_ERROR_UNAUTHORIZED:
    case RUHU_SYNC_ERROR_TOKEN_EXPIRED:
      return _("Sign in again");
    case RUHU_SYNC_ERROR_REVOKED:
      return _("This device was revoked");
    case RUHU_SYNC_ERROR_FORBIDDEN:
      return _("The server refused the sync");
    case RUHU_SYNC_ERROR_SERVER:
      return _("Server problem, try later");
    case RUHU_SYNC_ERROR_PROTOCOL:
      return _("Unexpected server answer");
    case RUHU_SYNC_ERROR_STORE:
      return _("Could not save synced data");
    case RUHU_SYNC_ERROR_NO_BLOB_DIR:
    case RUHU_SYNC_ERROR_BLOB:
      return _("A photo could not be synced");
    default:
      return _("Sync failed");
    }
}

/**
 * ruhu_sync_describe_time:
 * @unix_seconds: when the last sync finished, 0 for never
 *
 * Returns: (transfer full): "Last synced at 14:05", "…on 3 May" or "Never synced"
 */
char *
ruhu_sync_describe_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = NULL;

  if (unix_seconds <= 0 || (when = g_date_time_new_from_unix_local (unix_seconds)) == NULL)
    return g_strdup (_("Never synced"));
  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    {
      /* Translators: a time of day, strftime-like format of g_date_time_format(). */
      text = g_date_time_format (when, _("%H:%M"));
      /* Translators: %s is a time of day such as 14:05. */
      return g_strdup_printf (_("Last synced at %s"), text);
    }
  /* Translators: a date, strftime-like format of g_date_time_format(). */
  text = g_date_time_format (when, _("%Y-%m-%d %H:%M"));
  /* Translators: %s is a date and time such as 2026-05-03 14:05. */
  return g_strdup_printf (_("Last synced on %s"), text);
}

/**
 * ruhu_sync_describe_waiting:
 * @count: other users' unsynced changes on this device
 * @users: who made them
 *
 * On a tablet shared by several users, a sync sends only the signed-in
 * user's changes: this says whose wait, and for what.
 *
 * Returns: (transfer full) (nullable): a sentence without its full stop,
 *   or %NULL when nothing waits
 */
char *
ruhu_sync_describe_waiting (gint64              count,
                            const char * const *users)
{
  g_autofree char *names = NULL;

  if (count <= 0 || users == NULL || users[0] == NULL)
    return NULL;
  /* Translators: what separates user names in a list, as in "li.na, wang.fang". */
  names = g_strjoinv (_(", "), (char **) users);
  if (users[1] == NULL)
    /* Translators: both %s are the same user name. */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%" PRId64 " change by %s waits until %s signs in "
                                         "on this device and syncs",
                                         "%" PRId64 " changes by %s wait until %s signs in "
                                         "on this device and syncs", count),
                            count, names, names);
  /* Translators: %s is a list of user names. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%" PRId64 " change by %s waits until its author signs in "
                                       "on this device and syncs",
                                       "%" PRId64 " changes by %s wait until each of them signs "
                                       "in on this device and syncs", count),
                          count, names);
}

/**
 * ruhu_sync_describe_store_waiting:
 *
 * The same sentence for a store, whoever signed in last on it.
 *
 * Returns: (transfer full) (nullable): the sentence, or %NULL
 */
char *
ruhu_sync_describe_store_waiting (RuhuStore *store)
{
  g_autofree char *user = ruhu_store_get_setting (store, RUHU_SYNC_SETTING_USER, NULL);
  g_auto(GStrv) users = NULL;
  gint64 count;

  if (user == NULL)
    return NULL;
  count = ruhu_store_outbox_count_others (store, user, &users, NULL);
  return ruhu_sync_describe_waiting (count, (const char * const *) users);
}
