/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "ruhu-cli.h"
#include "ruhu-json.h"
#include "ruhu-sync.h"
#include "ruhu-sync-message.h"

/* login, sync and status: the network side of the device. */

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static gint64
count_rejections (RuhuStore *store)
{
  g_autoptr(GPtrArray) rejections = ruhu_store_list_rejections (store, NULL);

  return rejections ? rejections->len : 0;
}

int
ruhu_cli_login (RuhuCli *cli)
{
  g_autoptr(RuhuSyncClient) client = ruhu_sync_client_new (cli->store);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *password;
  gboolean ok;

  password = ruhu_cli_read_secret (cli->password_file, _("Password: "), &error);
  if (password == NULL)
    return ruhu_cli_fail (RUHU_CLI_ERROR, _("No password: %s"), error->message);
  g_object_set (client, "device-name", "ruhu-cli", NULL);
  ruhu_sync_client_login_async (client, cli->args[0], cli->args[1], password, NULL, result_cb,
                                &result);
  ruhu_cli_secret_free (password);
  ok = ruhu_sync_client_login_finish (client, wait_for (&result), &error);
  if (!ok)
    return ruhu_cli_fail_error (RUHU_CLI_SYNC_FAILED, error);
  g_print (_("Logged in to %s as %s\n"), cli->args[0], cli->args[1]);
  return RUHU_CLI_OK;
}

static void
print_rejections (RuhuStore *store,
                  guint      from)
{
  g_autoptr(GPtrArray) rejections = ruhu_store_list_rejections (store, NULL);

  for (guint i = from; rejections != NULL && i < rejections->len; i++)
    {
      RuhuRejection *rejection = g_ptr_array_index (rejections, i);
      g_autofree char *value = ruhu_json_canonical (rejection->op->value);

      g_print (_("rejected %s %s = %s (%s): %s\n"), rejection->op->entity, rejection->op->field,
               value, rejection->op->version, rejection->reason);
    }
}

static void
progress_cb (RuhuSyncClient *client,
             int             phase,
             gint64          done,
             gint64          total,
             gpointer        user_data)
{
  if (phase == RUHU_SYNC_PHASE_PUSH && done > 0)
    g_printerr (_("Pushed %" PRId64 " of %" PRId64 "\n"), done, total);
  else if (phase == RUHU_SYNC_PHASE_PULL && done > 0)
    g_printerr (_("Pulled %" PRId64 "\n"), done);
}

/* Other users' edits on this device, which a sync leaves for them. */
static void
print_waiting (RuhuCli *cli)
{
  g_autofree char *sentence = ruhu_sync_describe_store_waiting (cli->store);

  if (sentence != NULL)
    /* Translators: %s is a sentence saying whose changes wait, without its full stop. */
    g_print (_("%s.\n"), sentence);
}

/* Exit 4 when this sync brought rejections, listing them. */
int
ruhu_cli_sync (RuhuCli *cli)
{
  g_autoptr(RuhuSyncClient) client = ruhu_sync_client_new (cli->store);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before = count_rejections (cli->store);
  gint64 after;

  g_signal_connect (client, "progress", G_CALLBACK (progress_cb), NULL);
  ruhu_sync_client_sync_async (client, NULL, result_cb, &result);
  if (!ruhu_sync_client_sync_finish (client, wait_for (&result), &error))
    return ruhu_cli_fail_error (RUHU_CLI_SYNC_FAILED, error);

  after = count_rejections (cli->store);
  if (after > before)
    {
      print_rejections (cli->store, before);
      return ruhu_cli_fail (RUHU_CLI_REJECTED,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "The server rejected %" PRId64 " change",
                                         "The server rejected %" PRId64 " changes",
                                         after - before),
                            after - before);
    }
  g_print (_("Synced\n"));
  print_waiting (cli);
  return RUHU_CLI_OK;
}

int
ruhu_cli_status (RuhuCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *server = ruhu_store_get_setting (cli->store, RUHU_SYNC_SETTING_SERVER, NULL);
  g_autofree char *user = ruhu_store_get_setting (cli->store, RUHU_SYNC_SETTING_USER, NULL);
  g_autofree char *last = ruhu_store_get_setting (cli->store, RUHU_SYNC_SETTING_LAST_SYNC, NULL);
  g_autofree char *when = NULL;
  gint64 unsynced = ruhu_store_outbox_count (cli->store, &error);

  if (unsynced < 0)
    return ruhu_cli_fail_error (RUHU_CLI_ERROR, error);
  if (last != NULL)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (g_ascii_strtoll (last, NULL, 10));

      when = time ? g_date_time_format_iso8601 (time) : NULL;
    }
  g_print (_("device:    %s\n"), ruhu_store_get_device_id (cli->store));
  g_print (_("server:    %s\n"), server ? server : _("(not logged in)"));
  g_print (_("user:      %s\n"), user ? user : "-");
  g_print (_("unsynced:  %" PRId64 "\n"), unsynced);
  g_print (_("last sync: %s\n"), when ? when : _("never"));
  g_print (_("rejected:  %" PRId64 "\n"), count_rejections (cli->store));
  print_waiting (cli);
  return RUHU_CLI_OK;
}
