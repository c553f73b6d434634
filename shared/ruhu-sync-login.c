/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-sync-private.h"

/* Logging in: POST /api/v1/session, and the settings it leaves behind. */

static gboolean
save_settings (RuhuStore   *store,
               const char  *const *pairs,
               GError     **error)
{
  for (guint i = 0; pairs[i] != NULL; i += 2)
    if (!ruhu_store_set_setting (store, pairs[i], pairs[i + 1], error))
      return FALSE;
  return TRUE;
}

static const char *
object_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
object_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* A new server or a new user sees another feed: start it from the beginning.
 * Pulling again what is already here only yields duplicates. */
static gboolean
reset_cursor_if_moved (RuhuStore   *store,
                       const char  *server,
                       const char  *user,
                       GError     **error)
{
  g_autofree char *old_server = ruhu_store_get_setting (store, RUHU_SYNC_SETTING_SERVER, NULL);
  g_autofree char *old_user = ruhu_store_get_setting (store, RUHU_SYNC_SETTING_USER, NULL);

  if (g_strcmp0 (old_server, server) == 0 && g_strcmp0 (old_user, user) == 0)
    return TRUE;
  return ruhu_store_set_setting (store, RUHU_SYNC_SETTING_CURSOR, "0", error);
}

static void
login_reply (RuhuSyncJob *job,
             guint        status,
             JsonNode    *body)
{
  RuhuStore *store = job->client->store;
  g_autoptr(GError) error = NULL;
  JsonObject *object, *user;
  const char *token, *user_id;

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      ruhu_sync_job_fail (job, ruhu_sync_error_from_reply (status, body));
      return;
    }
  object = JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body) : NULL;
  user = object ? object_object (object, "user") : NULL;
  token = object_string (object, "token");
  user_id = object_string (user, "id");
  if (token == NULL || user_id == NULL)
    {
      ruhu_sync_job_fail (job, ruhu_sync_protocol_error (_("no token or user in the login answer")));
      return;
    }

  {
    const char *const pairs[] = {
      RUHU_SYNC_SETTING_SERVER, job->base_url,
      RUHU_SYNC_SETTING_USER, user_id,
      RUHU_SYNC_SETTING_TOKEN, token,
      RUHU_SYNC_SETTING_ROLE, object_string (user, "role") ? object_string (user, "role") : "",
      RUHU_SYNC_SETTING_PLACE, object_string (user, "place") ? object_string (user, "place") : "",
      NULL,
    };

    if (!reset_cursor_if_moved (store, job->base_url, user_id, &error) ||
        !save_settings (store, pairs, &error))
      {
        ruhu_sync_job_fail_store (job, g_steal_pointer (&error));
        return;
      }
  }
  ruhu_sync_emit_progress (job->client, RUHU_SYNC_PHASE_DONE, 1, 1);
  g_task_return_boolean (job->task, TRUE);
}

static char *
normalize_server_url (const char  *server_url,
                      GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (server_url, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;
  gsize length;

  if (uri == NULL || g_uri_get_host (uri) == NULL ||
      (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0))
    {
      g_set_error (error, RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_NETWORK,
                   _("“%s” is not a server address; write it like https://ruhu.example.org"),
                   server_url);
      return NULL;
    }
  length = strlen (server_url);
  while (length > 0 && server_url[length - 1] == '/')
    length--;
  return g_strndup (server_url, length);
}

/**
 * ruhu_sync_client_login_async:
 * @server_url: the server's base address, e.g. "https://ruhu.example.org"
 * @user: the user id
 * @password: the password; not kept
 *
 * Opens a session for this device (`POST /api/v1/session`) and keeps the
 * server, user, role, place and token in the store's settings. Logging in
 * to another server or as another user restarts the pull from the
 * beginning. A wrong password is %RUHU_SYNC_ERROR_BAD_CREDENTIALS. Unlike
 * a sync, a login is tried once: a person is waiting for the answer.
 */
void
ruhu_sync_client_login_async (RuhuSyncClient      *self,
                              const char          *server_url,
                              const char          *user,
                              const char          *password,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  RuhuSyncJob *job;

  g_return_if_fail (RUHU_IS_SYNC_CLIENT (self));
  g_return_if_fail (server_url != NULL && user != NULL && password != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ruhu_sync_client_login_async);
  base_url = normalize_server_url (server_url, &error);
  if (base_url == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job = ruhu_sync_job_new (self, task, base_url, NULL);
  /* Someone is waiting for the answer: tell them at once. */
  job->max_tries = 1;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "user");
  json_builder_add_string_value (builder, user);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_set_member_name (builder, "device");
  json_builder_add_string_value (builder, ruhu_store_get_device_id (self->store));
  json_builder_set_member_name (builder, "device_name");
  json_builder_add_string_value (builder, self->device_name ? self->device_name : "");
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  ruhu_sync_emit_progress (self, RUHU_SYNC_PHASE_LOGIN, 0, 1);
  ruhu_sync_job_send (job, "POST", "/api/v1/session", body, login_reply);
}

/**
 * ruhu_sync_client_login_finish:
 *
 * Returns: %TRUE once logged in
 */
gboolean
ruhu_sync_client_login_finish (RuhuSyncClient  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
