/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "devices-fixture.h"
#include "test-async.h"
#include "test-util.h"

/* A tablet shared by two investigators: A leaves edits unsynced and B
 * signs in. B's sync sends only B's edits (the server would refuse A's
 * from B); A's wait in the outbox until A signs in again. A device that
 * did send A's edits under B's session (an older client) is refused as a
 * whole, with the server's message. */

#define TOWNSHIP "500109001"
#define VILLAGE  "500109001001"
#define CASE_A   "0a0a0a0a-0000-4000-8000-00000000000a"
#define CASE_B   "0b0b0b0b-0000-4000-8000-00000000000b"

typedef struct
{
  LocalServer local;
  Device      tablet;
} Fixture;

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  local_server_start (&fx->local);
  local_server_add_user (&fx->local, "inv.a", RUHU_ROLE_INVESTIGATOR, TOWNSHIP);
  local_server_add_user (&fx->local, "inv.b", RUHU_ROLE_INVESTIGATOR, TOWNSHIP);
  local_server_listen (&fx->local);
  device_init (&fx->tablet, fx->local.url, "inv.a", NULL, NULL);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  device_clear (&fx->tablet);
  local_server_stop (&fx->local);
}

static void
write_text (Device     *device,
            const char *kase,
            const char *field,
            const char *text)
{
  g_autoptr(JsonNode) value = test_text (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuOp) op = ruhu_store_write (device->store, kase, "household", kase, NULL,
                                           field, value, device->user, &error);

  g_assert_no_error (error);
  g_assert_nonnull (op);
}

static void
sign_in (Device     *device,
         const char *url,
         const char *user)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  ruhu_sync_client_login_async (device->client, url, user, LOCAL_SERVER_PASSWORD, NULL,
                                test_async_result_cb, &result);
  g_assert_true (ruhu_sync_client_login_finish (device->client,
                                                test_async_wait (&result, 60, "a login"),
                                                &error));
  g_assert_no_error (error);
  device->user = user;
}

static gint64
server_seq (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  gint64 seq = -1;

  g_assert_true (ruhu_store_newest_seq (ruhu_server_get_store (fx->local.server), &seq,
                                        &error));
  g_assert_no_error (error);
  return seq;
}

/* What the tablet tells its user: how many edits wait for whom. */
static void
assert_waiting (Device             *device,
                gint64              unsynced,
                gint64              waiting,
                const char * const *users)
{
  const char * const *found = NULL;

  g_assert_cmpint (ruhu_sync_client_get_unsynced_count (device->client), ==, unsynced);
  g_assert_cmpint (ruhu_sync_client_get_waiting (device->client, &found), ==, waiting);
  g_assert_cmpstrv (found, users);
}

static void
test_other_user_signed_in (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) rejections = NULL;
  g_autoptr(JsonNode) stored = NULL;
  g_autoptr(JsonNode) theirs = NULL;
  gint64 before;

  write_text (&fx->tablet, CASE_A, "village_code", VILLAGE);
  write_text (&fx->tablet, CASE_A, "head_name", "赵敏");
  assert_waiting (&fx->tablet, 2, 0, (const char *[]) { NULL });
  before = server_seq (fx);

  /* B's sync goes through and leaves A's edits alone, and says so. */
  sign_in (&fx->tablet, fx->local.url, "inv.b");
  device_sync (&fx->tablet);
  assert_waiting (&fx->tablet, 2, 2, (const char *[]) { "inv.a", NULL });
  rejections = ruhu_store_list_rejections (fx->tablet.store, NULL);
  g_assert_nonnull (rejections);
  g_assert_cmpuint (rejections->len, ==, 0);
  g_assert_cmpint (server_seq (fx), ==, before);

  /* B's own edit is sent; A's still wait. */
  write_text (&fx->tablet, CASE_B, "village_code", VILLAGE);
  assert_waiting (&fx->tablet, 3, 2, (const char *[]) { "inv.a", NULL });
  device_sync (&fx->tablet);
  assert_waiting (&fx->tablet, 2, 2, (const char *[]) { "inv.a", NULL });
  theirs = ruhu_store_get_value (ruhu_server_get_store (fx->local.server), CASE_B,
                                 "village_code", NULL);
  g_assert_nonnull (theirs);
  g_assert_cmpint (server_seq (fx), ==, before + 1);

  sign_in (&fx->tablet, fx->local.url, "inv.a");
  device_sync (&fx->tablet);
  assert_waiting (&fx->tablet, 0, 0, (const char *[]) { NULL });
  stored = ruhu_store_get_value (ruhu_server_get_store (fx->local.server), CASE_A, "head_name",
                                 NULL);
  g_assert_nonnull (stored);
  g_assert_cmpstr (json_node_get_string (stored), ==, "赵敏");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/ruhu/integration/actor/other-user-signed-in", Fixture, NULL, fixture_setup,
              test_other_user_signed_in, fixture_teardown);
  return g_test_run ();
}
