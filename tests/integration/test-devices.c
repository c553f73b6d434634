/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "devices-fixture.h"
#include "test-async.h"
#include "test-util.h"

/* Several devices with their own stores, edited offline, synced through an
 * in-process RuhuServer on 127.0.0.1: they must end in the same state. */

#define TOWNSHIP  "500109001"
#define VILLAGE   "500109001001"
#define CASE_ID   "00000000-0000-4000-8000-0000000000c1"
#define HOUSEHOLD CASE_ID
#define MEMBER_A  "00000000-0000-4000-8000-0000000000a1"
#define MEMBER_B  "00000000-0000-4000-8000-0000000000b1"
#define EVIDENCE  "00000000-0000-4000-8000-0000000000e1"
#define N_DEVICES 3

typedef struct
{
  LocalServer local;
  Device      devices[N_DEVICES];
  Device      volunteer;
} Fixture;

/* Twice round: the first round's early devices then see the later ones. */
static void
sync_all (Fixture *fx)
{
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < N_DEVICES; i++)
      device_sync (&fx->devices[i]);
}

static void
assert_all_same (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = ruhu_store_dump (fx->devices[0].store, &error);

  g_assert_no_error (error);
  for (guint i = 1; i < N_DEVICES; i++)
    {
      g_autofree char *other = ruhu_store_dump (fx->devices[i].store, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (first, ==, other);
    }
}

static void
write_text (Device     *device,
            const char *entity,
            const char *kind,
            const char *parent,
            const char *field,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = test_text (text);
  g_autoptr(RuhuOp) op = ruhu_store_write (device->store, entity, kind, CASE_ID, parent, field,
                                           value, device->user, &error);

  g_assert_no_error (error);
  g_assert_nonnull (op);
}

static guint
count_conflicts (Device *device)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = ruhu_store_list_conflicts (device->store, CASE_ID, &error);

  g_assert_no_error (error);
  return conflicts->len;
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  static const char *const investigators[N_DEVICES] = { "zhang", "li", "wang" };

  local_server_start (&fx->local);
  for (guint i = 0; i < N_DEVICES; i++)
    local_server_add_user (&fx->local, investigators[i], RUHU_ROLE_INVESTIGATOR, TOWNSHIP);
  local_server_add_user (&fx->local, "vol", RUHU_ROLE_VOLUNTEER, VILLAGE);
  local_server_listen (&fx->local);

  for (guint i = 0; i < N_DEVICES; i++)
    device_init (&fx->devices[i], fx->local.url, investigators[i], NULL, NULL);

  /* The first device opens the case in the village, and everyone gets it. */
  write_text (&fx->devices[0], HOUSEHOLD, "household", NULL, "village_code", VILLAGE);
  write_text (&fx->devices[0], HOUSEHOLD, "household", NULL, "head_name", "Chen Gang");
  write_text (&fx->devices[0], MEMBER_A, "member", HOUSEHOLD, "name", "Chen Gang");
  sync_all (fx);
  assert_all_same (fx);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  for (guint i = 0; i < N_DEVICES; i++)
    device_clear (&fx->devices[i]);
  device_clear (&fx->volunteer);
  local_server_stop (&fx->local);
}

static void
test_offline_edits_converge (Fixture       *fx,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entities = NULL;

  write_text (&fx->devices[0], HOUSEHOLD, NULL, NULL, "address", "3 Well Lane");
  write_text (&fx->devices[0], MEMBER_A, NULL, NULL, "illness", "Asthma");
  write_text (&fx->devices[1], MEMBER_B, "member", HOUSEHOLD, "name", "Chen Li");
  write_text (&fx->devices[1], EVIDENCE, "evidence", HOUSEHOLD, "caption", "House front");
  write_text (&fx->devices[2], HOUSEHOLD, NULL, NULL, "hukou_place", "Beibei");
  sync_all (fx);
  assert_all_same (fx);

  entities = ruhu_store_list_entities (fx->devices[2].store, CASE_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entities->len, ==, 4);
  for (guint i = 0; i < N_DEVICES; i++)
    {
      g_assert_cmpuint (count_conflicts (&fx->devices[i]), ==, 0);
      g_assert_cmpint (ruhu_sync_client_get_unsynced_count (fx->devices[i].client), ==, 0);
    }
}

static void
test_conflict_and_resolution (Fixture       *fx,
                              gconstpointer  data)
{
  write_text (&fx->devices[0], HOUSEHOLD, NULL, NULL, "address", "3 Well Lane");
  write_text (&fx->devices[1], HOUSEHOLD, NULL, NULL, "address", "5 Well Lane");
  sync_all (fx);
  assert_all_same (fx);
  for (guint i = 0; i < N_DEVICES; i++)
    g_assert_cmpuint (count_conflicts (&fx->devices[i]), ==, 1);

  /* Whoever resolves it, everyone sees it resolved. */
  write_text (&fx->devices[2], HOUSEHOLD, NULL, NULL, "address", "5 Well Lane");
  sync_all (fx);
  assert_all_same (fx);
  for (guint i = 0; i < N_DEVICES; i++)
    g_assert_cmpuint (count_conflicts (&fx->devices[i]), ==, 0);
}

static void
test_delete_vs_edit (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuOp) deletion = NULL;

  deletion = ruhu_store_set_deleted (fx->devices[0].store, MEMBER_A, TRUE, "zhang", &error);
  g_assert_no_error (error);
  write_text (&fx->devices[1], MEMBER_A, NULL, NULL, "name", "Chen Gangzi");
  sync_all (fx);
  assert_all_same (fx);
  for (guint i = 0; i < N_DEVICES; i++)
    {
      g_autoptr(GPtrArray) conflicts = ruhu_store_list_conflicts (fx->devices[i].store, CASE_ID,
                                                                  &error);

      g_assert_cmpuint (conflicts->len, ==, 1);
      g_assert_cmpint (((RuhuConflict *) g_ptr_array_index (conflicts, 0))->kind, ==,
                       RUHU_CONFLICT_DELETE_EDIT);
    }
}

static void
test_rejected_operation (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rejections = NULL;
  g_autoptr(GPtrArray) heads = NULL;
  RuhuRejection *rejection;

  ruhu_directory_assign (ruhu_server_get_directory (fx->local.server), CASE_ID, "vol", &error);
  g_assert_no_error (error);
  device_init (&fx->volunteer, fx->local.url, "vol", NULL, NULL);
  device_sync (&fx->volunteer);

  /* A volunteer may record outreach visits, not change members. */
  write_text (&fx->volunteer, MEMBER_A, NULL, NULL, "name", "Someone else");
  device_sync (&fx->volunteer);
  rejections = ruhu_store_list_rejections (fx->volunteer.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rejections->len, ==, 1);
  rejection = g_ptr_array_index (rejections, 0);
  g_assert_cmpstr (rejection->op->field, ==, "name");
  g_assert_cmpstr (rejection->reason, !=, "");
  g_assert_cmpint (ruhu_sync_client_get_unsynced_count (fx->volunteer.client), ==, 0);
  heads = ruhu_store_get_heads (fx->volunteer.store, MEMBER_A, "name", &error);
  g_assert_cmpuint (heads->len, ==, 1);
  g_assert_cmpstr (json_node_get_string (((RuhuOp *) g_ptr_array_index (heads, 0))->value), ==,
                   "Chen Gang");

  sync_all (fx);
  assert_all_same (fx);
  g_assert_cmpuint (count_conflicts (&fx->devices[0]), ==, 0);
}

static void
pulled_cb (RuhuSyncClient *client,
           int             phase,
           gint64          done,
           gint64          total,
           gint64         *pulled)
{
  if (phase == RUHU_SYNC_PHASE_PULL)
    *pulled = MAX (*pulled, done);
}

/* A device never pulls back what it wrote itself; the others get it, and
 * a volunteer gets the case without its sensitive fields. */
static void
test_own_and_sensitive (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) name = NULL;
  g_autoptr(JsonNode) illness = NULL;
  gint64 pulled = 0;
  gulong handler;

  write_text (&fx->devices[0], MEMBER_A, NULL, NULL, "illness", "Asthma");
  write_text (&fx->devices[0], MEMBER_B, "member", HOUSEHOLD, "name", "Chen Li");
  handler = g_signal_connect (fx->devices[0].client, "progress", G_CALLBACK (pulled_cb), &pulled);
  device_sync (&fx->devices[0]);
  g_signal_handler_disconnect (fx->devices[0].client, handler);
  g_assert_cmpint (pulled, ==, 0);

  handler = g_signal_connect (fx->devices[1].client, "progress", G_CALLBACK (pulled_cb), &pulled);
  device_sync (&fx->devices[1]);
  g_signal_handler_disconnect (fx->devices[1].client, handler);
  g_assert_cmpint (pulled, ==, 2);
  sync_all (fx);
  assert_all_same (fx);

  ruhu_directory_assign (ruhu_server_get_directory (fx->local.server), CASE_ID, "vol", &error);
  g_assert_no_error (error);
  device_init (&fx->volunteer, fx->local.url, "vol", NULL, NULL);
  device_sync (&fx->volunteer);
  name = ruhu_store_get_value (fx->volunteer.store, MEMBER_B, "name", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (name), ==, "Chen Li");
  illness = ruhu_store_get_value (fx->volunteer.store, MEMBER_A, "illness", &error);
  g_assert_no_error (error);
  g_assert_nonnull (illness);
  g_assert_true (JSON_NODE_HOLDS_NULL (illness));
}

static gint64
saved_cursor (Device *device)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = ruhu_store_get_setting (device->store, RUHU_SYNC_SETTING_CURSOR,
                                                    &error);

  g_assert_no_error (error);
  g_assert_nonnull (cursor);
  return g_ascii_strtoll (cursor, NULL, 10);
}

static gint64
server_newest (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  gint64 seq = -1;

  g_assert_true (ruhu_store_newest_seq (ruhu_server_get_store (fx->local.server), &seq, &error));
  g_assert_no_error (error);
  return seq;
}

/* A push from the end of the feed moves the device's cursor past it, so
 * its pull walks nothing; when another device pushed in between, it does
 * not, and the pull brings the other's edit. */
static void
test_cursor_past_own_push (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) phone = NULL;
  gint64 pulled = 0;
  gulong handler;

  write_text (&fx->devices[0], HOUSEHOLD, NULL, NULL, "address", "3 Well Lane");
  write_text (&fx->devices[0], MEMBER_A, NULL, NULL, "illness", "Asthma");
  device_sync (&fx->devices[0]);
  g_assert_cmpint (saved_cursor (&fx->devices[0]), ==, server_newest (fx));

  write_text (&fx->devices[1], HOUSEHOLD, NULL, NULL, "phone", "13800138000");
  device_sync (&fx->devices[1]);
  write_text (&fx->devices[0], HOUSEHOLD, NULL, NULL, "address", "5 Well Lane");
  handler = g_signal_connect (fx->devices[0].client, "progress", G_CALLBACK (pulled_cb), &pulled);
  device_sync (&fx->devices[0]);
  g_signal_handler_disconnect (fx->devices[0].client, handler);
  g_assert_cmpint (pulled, ==, 1);
  phone = ruhu_store_get_value (fx->devices[0].store, HOUSEHOLD, "phone", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (phone), ==, "13800138000");
  g_assert_cmpint (saved_cursor (&fx->devices[0]), ==, server_newest (fx));

  sync_all (fx);
  assert_all_same (fx);
}

static char *
household_address (Device *device)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = ruhu_store_get_value (device->store, HOUSEHOLD, "address", &error);

  g_assert_no_error (error);
  return value != NULL ? g_strdup (json_node_get_string (value)) : NULL;
}

/* A push's answer is written to the device's store while the next batch
 * is on its way (shared/ruhu-sync-push-settle.c). If that write fails,
 * the sync fails once, with the store's error; nothing the server
 * acknowledged is lost, and the next sync sends it again as duplicates. */
static void
test_settle_failure (Fixture       *fx,
                     gconstpointer  data)
{
  TestStoreFile file;
  Device tablet = { NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *on_server = NULL;
  g_autofree char *dump = NULL, *other = NULL;

  test_store_file_setup (&file, NULL);
  device_init_with_store (&tablet, fx->local.url, "zhang", test_store_file_open (&file, NULL),
                          NULL);
  device_sync (&tablet);
  ruhu_sync_client_set_page_size (tablet.client, 0, 2);
  for (guint i = 1; i <= 6; i++)
    {
      g_autofree char *address = g_strdup_printf ("%u Well Lane", i);

      write_text (&tablet, HOUSEHOLD, NULL, NULL, "address", address);
    }

  test_store_file_sql (&file, "CREATE TRIGGER fail_ack BEFORE DELETE ON outbox"
                              " BEGIN SELECT RAISE (ABORT, 'simulated disk failure'); END");
  ruhu_sync_client_sync_async (tablet.client, NULL, test_async_result_cb, &result);
  g_assert_false (ruhu_sync_client_sync_finish (tablet.client,
                                                test_async_wait (&result, 60, "a sync"),
                                                &error));
  g_assert_error (error, RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "simulated disk failure"));
  g_clear_error (&error);
  g_clear_object (&result);  /* it holds the client */
  g_assert_cmpint (ruhu_store_outbox_count (tablet.store, NULL), ==, 6);

  /* The server kept the batches it acknowledged: the first, and the one
   * already sent when the failure was found. */
  device_sync (&fx->devices[1]);
  on_server = household_address (&fx->devices[1]);
  g_assert_true (g_strcmp0 (on_server, "2 Well Lane") == 0 ||
                 g_strcmp0 (on_server, "4 Well Lane") == 0);

  test_store_file_sql (&file, "DROP TRIGGER fail_ack");
  device_sync (&tablet);
  g_assert_cmpint (ruhu_store_outbox_count (tablet.store, NULL), ==, 0);
  sync_all (fx);
  dump = ruhu_store_dump (tablet.store, &error);
  g_assert_no_error (error);
  other = ruhu_store_dump (fx->devices[1].store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dump, ==, other);
  g_clear_pointer (&on_server, g_free);
  on_server = household_address (&fx->devices[1]);
  g_assert_cmpstr (on_server, ==, "6 Well Lane");

  device_clear (&tablet);
  test_store_file_teardown (&file, NULL);
}

/* A device pulling in pages of two operations: each page's answer names
 * the next in its headers, and the device asks for it before it has read
 * and stored the one before (shared/ruhu-sync-prefetch.c). It ends with
 * every version, once and in order. */
static void
test_pull_in_small_pages (Fixture       *fx,
                          gconstpointer  data)
{
  Device late = { NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL, *got = NULL;

  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *address = g_strdup_printf ("%u Well Lane", i);

      write_text (&fx->devices[i % 2], HOUSEHOLD, NULL, NULL, "address", address);
    }
  write_text (&fx->devices[1], MEMBER_A, NULL, NULL, "illness", "Asthma");
  sync_all (fx);

  device_init (&late, fx->local.url, "wang", NULL, NULL);
  ruhu_sync_client_set_page_size (late.client, 2, 0);
  device_sync (&late);
  expected = ruhu_store_dump (fx->devices[0].store, &error);
  g_assert_no_error (error);
  got = ruhu_store_dump (late.store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, expected);
  device_clear (&late);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/ruhu/devices/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("offline-edits-converge", test_offline_edits_converge);
  ADD ("conflict-and-resolution", test_conflict_and_resolution);
  ADD ("delete-vs-edit", test_delete_vs_edit);
  ADD ("rejected-operation", test_rejected_operation);
  ADD ("own-and-sensitive", test_own_and_sensitive);
  ADD ("cursor-past-own-push", test_cursor_past_own_push);
  ADD ("settle-failure", test_settle_failure);
  ADD ("pull-in-small-pages", test_pull_in_small_pages);
#undef ADD

  return g_test_run ();
}
