/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "devices-fixture.h"
#include "test-async.h"
#include "test-util.h"
#include "test-workflow-case.h"

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  return test_async_wait (result, 60, "a sync");
}

/* A server with a fresh data directory and no users yet, not listening. */
void
local_server_start (LocalServer *local)
{
  RuhuServerConfig config = { .quiet = TRUE };
  g_autofree char *data_dir = NULL, *key_file = NULL;
  g_autoptr(GError) error = NULL;

  local->tmp = test_make_temp_dir ();
  data_dir = g_build_filename (local->tmp, "data", NULL);
  key_file = g_build_filename (local->tmp, "server.key", NULL);
  g_assert_true (ruhu_server_init_data_dir (data_dir, key_file, &error));
  config.data_dir = data_dir;
  config.key_file = key_file;
  local->server = ruhu_server_new (&config, &error);
  g_assert_no_error (error);
}

/* USER, named USER, with LOCAL_SERVER_PASSWORD. */
void
local_server_add_user (LocalServer *local,
                       const char  *user,
                       RuhuRole     role,
                       const char  *place)
{
  g_autoptr(GError) error = NULL;

  ruhu_directory_add_user (ruhu_server_get_directory (local->server), user, user, role, place,
                           LOCAL_SERVER_PASSWORD, &error);
  g_assert_no_error (error);
}

void
local_server_listen (LocalServer *local)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ruhu_server_listen (local->server, "127.0.0.1:0", &error));
  local->url = g_strdup_printf ("http://127.0.0.1:%u", ruhu_server_get_port (local->server));
}

/* Shuts the server down and removes its directory; the devices must have
 * been cleared first. */
void
local_server_stop (LocalServer *local)
{
  ruhu_server_shutdown (local->server);
  g_assert_finalize_object (local->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  test_remove_tree (local->tmp);
  g_free (local->tmp);
  g_free (local->url);
}

/**
 * device_init_with_store:
 * @store: (transfer full): the device's store
 * @blob_dir: (nullable): where the device keeps its photos
 *
 * A device with @store, logged in to @url as @user.
 */
void
device_init_with_store (Device     *device,
                        const char *url,
                        const char *user,
                        RuhuStore  *store,
                        const char *blob_dir)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  device->store = store;
  device->client = ruhu_sync_client_new (device->store);
  device->user = user;
  /* The server takes only the logged-in user's edits. */
  test_case_set_actor (device->store, user);
  if (blob_dir != NULL)
    ruhu_sync_client_set_blob_dir (device->client, blob_dir);
  ruhu_sync_client_set_retry_policy (device->client, 3, 10);
  ruhu_sync_client_login_async (device->client, url, user, LOCAL_SERVER_PASSWORD, NULL,
                                test_async_result_cb, &result);
  g_assert_true (ruhu_sync_client_login_finish (device->client, wait_for (&result), &error));
  g_assert_no_error (error);
}

/**
 * device_init:
 * @passphrase: (nullable): the store's passphrase, as for test_memory_store()
 * @blob_dir: (nullable): where the device keeps its photos
 *
 * A device with an in-memory store, logged in to @url as @user.
 */
void
device_init (Device     *device,
             const char *url,
             const char *user,
             const char *passphrase,
             const char *blob_dir)
{
  device_init_with_store (device, url, user, test_memory_store (passphrase), blob_dir);
}

void
device_sync (Device *device)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  ruhu_sync_client_sync_async (device->client, NULL, test_async_result_cb, &result);
  g_assert_true (ruhu_sync_client_sync_finish (device->client, wait_for (&result), &error));
  g_assert_no_error (error);
}

/* Both must be finalized; a device never initialized is left alone. */
void
device_clear (Device *device)
{
  if (device->client == NULL)
    return;
  g_assert_finalize_object (device->client);
  g_assert_finalize_object (device->store);
}
