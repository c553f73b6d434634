/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "devices-fixture.h"
#include "ruhu-blob-refs.h"
#include "ruhu-handlers.h"
#include "ruhu-image.h"
#include "ruhu-server-setup.h"
#include "ruhu-sync-blob-pending.h"
#include "test-async.h"
#include "test-util.h"

/* Photos between devices: one device adds a photo to evidence and syncs,
 * the server keeps it once, another device syncs and has the same bytes;
 * uploads and downloads broken half-way resume where they stopped; every
 * role reads the photos of the cases in its scope and no others; a photo
 * a device could not fetch is fetched at its next sync. */

#define TOWNSHIP   "500109001"
#define VILLAGE    "500109001001"
#define HOUSEHOLD  "00000000-0000-4000-8000-0000000000c1"
#define EVIDENCE   "00000000-0000-4000-8000-0000000000e1"
#define EVIDENCE_2 "00000000-0000-4000-8000-0000000000e2"
#define OTHER_VILLAGE   "500109001002"
#define OTHER_TOWNSHIP  "500109002"
#define DISTRICT        "500109"
#define OTHER_DISTRICT  "500110"
#define NO_SUCH_BLOB "1111111111111111111111111111111111111111111111111111111111111111"

typedef struct
{
  LocalServer  local;
  Device       a;
  Device       b;
  char        *photo_path;
  GBytes      *photo;  /* a valid JPEG of more than one upload part */
  GHashTable  *tokens; /* user → bearer token: one login each */
} Fixture;

static void
write_value (Device     *device,
             const char *entity,
             const char *kind,
             const char *parent,
             const char *field,
             const char *text)
{
  g_autoptr(JsonNode) value = test_text (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuOp) op = ruhu_store_write (device->store, entity, kind, HOUSEHOLD, parent, field,
                                           value, device->user, &error);

  g_assert_no_error (error);
  g_assert_nonnull (op);
}

static GBytes *
read_test_photo (const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "photos", file, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

/* A real photo made larger than one 256 KiB upload part by comments (COM
 * segments) after its start: still a whole, valid JPEG. */
static GBytes *
make_large_jpeg (void)
{
  g_autoptr(GBytes) photo = read_test_photo ("palace-nikon-gps-500x375.jpg");
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (photo, &length);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint8 segment[4] = { 0xff, 0xfe, 0xff, 0xf0 };
  g_autofree guint8 *filler = g_malloc (0xfff0 - 2);

  for (gsize i = 0; i < 0xfff0 - 2; i++)
    filler[i] = 'a' + i % 26;
  g_byte_array_append (out, data, 2);
  for (guint i = 0; i < 5; i++)
    {
      g_byte_array_append (out, segment, sizeof segment);
      g_byte_array_append (out, filler, 0xfff0 - 2);
    }
  g_byte_array_append (out, data + 2, (guint) length - 2);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* Devices A and B, with the household already written on A. */
static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autofree char *a_blobs = NULL, *b_blobs = NULL;
  g_autoptr(GError) error = NULL;

  local_server_start (&fx->local);
  local_server_add_user (&fx->local, "zhang", RUHU_ROLE_INVESTIGATOR, TOWNSHIP);
  local_server_add_user (&fx->local, "li", RUHU_ROLE_INVESTIGATOR, TOWNSHIP);
  local_server_listen (&fx->local);
  a_blobs = g_build_filename (fx->local.tmp, "a-blobs", NULL);
  b_blobs = g_build_filename (fx->local.tmp, "b-blobs", NULL);
  device_init (&fx->a, fx->local.url, "zhang", "device passphrase", a_blobs);
  device_init (&fx->b, fx->local.url, "li", "device passphrase", b_blobs);

  fx->photo = make_large_jpeg ();
  g_assert_cmpuint (g_bytes_get_size (fx->photo), >, 256 * 1024);
  fx->photo_path = g_build_filename (fx->local.tmp, "camera.jpg", NULL);
  g_file_set_contents (fx->photo_path, g_bytes_get_data (fx->photo, NULL),
                       (gssize) g_bytes_get_size (fx->photo), &error);
  g_assert_no_error (error);
  write_value (&fx->a, HOUSEHOLD, "household", NULL, "village_code", VILLAGE);
  fx->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  device_clear (&fx->a);
  device_clear (&fx->b);
  local_server_stop (&fx->local);
  g_free (fx->photo_path);
  g_bytes_unref (fx->photo);
  g_hash_table_unref (fx->tokens);
}

static char *
add_photo (Fixture *fx,
           Device  *device)
{
  g_autoptr(GError) error = NULL;
  char *name = ruhu_sync_client_add_photo (device->client, fx->photo_path, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (strlen (name), ==, 64);
  return name;
}

static void
assert_device_has (Fixture    *fx,
                   Device     *device,
                   const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = ruhu_sync_client_read_photo (device->client, name, &error);

  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (bytes, fx->photo));
}

static void
assert_server_has (Fixture    *fx,
                   const char *name)
{
  g_autoptr(GError) error = NULL;
  gboolean present = FALSE;
  gint64 size = 0;

  g_assert_true (ruhu_blob_store_has (fx->local.server->blobs, name, &present, &size, &error));
  g_assert_no_error (error);
  g_assert_true (present);
  g_assert_cmpint (size, ==, (gint64) g_bytes_get_size (fx->photo));
}

static void
test_two_devices (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *name = add_photo (fx, &fx->a);
  g_autofree char *file = g_build_filename (fx->local.tmp, "a-blobs", (char[]) { name[0], name[1], 0 },
                                            name, NULL);
  g_autofree char *stored = NULL;
  gsize length = 0;

  /* Sealed at rest: the device's file is not the photo. */
  g_assert_true (g_file_get_contents (file, &stored, &length, NULL));
  g_assert_null (g_strstr_len (stored, (gssize) length, "abcdefghijklmnop"));

  write_value (&fx->a, EVIDENCE, "evidence", HOUSEHOLD, "category", "dwelling_photo");
  write_value (&fx->a, EVIDENCE, "evidence", HOUSEHOLD, "photo", name);
  write_value (&fx->a, EVIDENCE_2, "evidence", HOUSEHOLD, "photo", name);
  device_sync (&fx->a);
  assert_server_has (fx, name);

  g_assert_false (ruhu_sync_blob_exists (fx->b.client, name));
  device_sync (&fx->b);
  assert_device_has (fx, &fx->b, name);
}

/* The server kept a third of an earlier upload; device B had fetched a
 * part before the connection broke. Both go on from there. */
static void
test_resume (Fixture       *fx,
             gconstpointer  data)
{
  g_autofree char *name = add_photo (fx, &fx->a);
  g_autoptr(GBytes) third = g_bytes_new_from_bytes (fx->photo, 0,
                                                    g_bytes_get_size (fx->photo) / 3);
  g_autoptr(GBytes) start = g_bytes_new_from_bytes (fx->photo, 0, 100000);
  g_autoptr(GError) error = NULL;
  gint64 received = 0, total = 0;

  g_assert_true (ruhu_blob_store_write_range (fx->local.server->blobs, name, 0,
                                              (gint64) g_bytes_get_size (fx->photo), third,
                                              &received, NULL, &error));
  g_assert_no_error (error);
  write_value (&fx->a, EVIDENCE, "evidence", HOUSEHOLD, "photo", name);
  device_sync (&fx->a);
  assert_server_has (fx, name);
  g_assert_true (ruhu_blob_store_get_partial (fx->local.server->blobs, name, &received, &total,
                                              &error));
  g_assert_cmpint (received, ==, 0);

  g_assert_true (ruhu_sync_blob_partial_append (fx->b.client, name, 0, start, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ruhu_sync_blob_partial_size (fx->b.client, name), ==, 100000);
  device_sync (&fx->b);
  assert_device_has (fx, &fx->b, name);
  g_assert_cmpint (ruhu_sync_blob_partial_size (fx->b.client, name), ==, 0);
}

static void
test_refuses_bad_photos (Fixture       *fx,
                         gconstpointer  data)
{
  static const struct { const char *file; RuhuImageError code; } bad[] = {
    { "bad-truncated-storm.jpg", RUHU_IMAGE_ERROR_TRUNCATED },
    { "bad-not-an-image.jpg", RUHU_IMAGE_ERROR_NOT_AN_IMAGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "photos", bad[i].file,
                                                     NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *name = ruhu_sync_client_add_photo (fx->a.client, path, &error);

      g_assert_null (name);
      g_assert_error (error, RUHU_IMAGE_ERROR, (int) bad[i].code);
    }
}

/* Stores @content on the server as if a device had uploaded it. */
static char *
put_on_server (Fixture *fx,
               GBytes  *content)
{
  g_autoptr(GError) error = NULL;
  char *name = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
  gint64 received = 0;

  g_assert_true (ruhu_blob_store_write_range (fx->local.server->blobs, name, 0,
                                              (gint64) g_bytes_get_size (content), content,
                                              &received, NULL, &error));
  g_assert_no_error (error);
  return name;
}

static const char *
login_token (Fixture    *fx,
             const char *user)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *device = g_strconcat ("tablet-of-", user, NULL);
  char *token = g_hash_table_lookup (fx->tokens, user);

  if (token != NULL)
    return token;
  token = ruhu_directory_login (ruhu_server_get_directory (fx->local.server), user,
                                LOCAL_SERVER_PASSWORD, device, NULL, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_hash_table_insert (fx->tokens, g_strdup (user), token);
  return token;
}

/* GET /api/v1/blobs/NAME as @user: the status, and the error code of a
 * refusal in @code. */
static guint
get_blob (Fixture     *fx,
          const char  *user,
          const char  *name,
          char       **code)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (fx->local.url, "/api/v1/blobs/", name, NULL);
  g_autofree char *bearer = g_strconcat ("Bearer ", login_token (fx, user), NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) json = NULL;
  guint status;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, test_async_result_cb,
                                    &result);
  body = soup_session_send_and_read_finish (session, test_async_wait (&result, 30, "a blob"),
                                            &error);
  g_assert_no_error (error);
  status = soup_message_get_status (msg);
  if (code == NULL)
    return status;
  *code = NULL;
  if (status != 200 && (json = json_from_string (g_bytes_get_data (body, NULL), NULL)) != NULL)
    {
      JsonObject *object = json_node_get_object (json);

      g_assert_nonnull (json_object_get_string_member (object, "message"));
      *code = g_strdup (json_object_get_string_member (object, "error"));
    }
  return status;
}

static void
assert_get (Fixture    *fx,
            const char *user,
            const char *name,
            guint       expected)
{
  g_autofree char *code = NULL;
  guint status = get_blob (fx, user, name, &code);

  if (status != expected)
    g_error ("%s reading %.8s…: %u, expected %u", user, name, status, expected);
  if (status == 403)
    g_assert_cmpstr (code, ==, "forbidden");
  else if (status == 404)
    g_assert_cmpstr (code, ==, "not_found");
}

/* With cheap password hashing: these users log in once each, and many. */
static void
add_role_users (Fixture *fx)
{
  static const struct { const char *user; RuhuRole role; const char *place; } users[] = {
    { "va_a", RUHU_ROLE_VILLAGE_ASSISTANT, VILLAGE },
    { "va_b", RUHU_ROLE_VILLAGE_ASSISTANT, OTHER_VILLAGE },
    { "vol", RUHU_ROLE_VOLUNTEER, VILLAGE },
    { "inv_b", RUHU_ROLE_INVESTIGATOR, OTHER_TOWNSHIP },
    { "sup", RUHU_ROLE_SUPERVISOR, TOWNSHIP },
    { "sup_b", RUHU_ROLE_SUPERVISOR, OTHER_TOWNSHIP },
    { "officer", RUHU_ROLE_DISTRICT_OFFICER, DISTRICT },
    { "officer_b", RUHU_ROLE_DISTRICT_OFFICER, OTHER_DISTRICT },
    { "admin", RUHU_ROLE_ADMINISTRATOR, "" },
  };

  ruhu_directory_set_kdf_params (ruhu_server_get_directory (fx->local.server), &test_kdf);
  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    local_server_add_user (&fx->local, users[i].user, users[i].role, users[i].place);
}

/* How many reads of the photo @name by @user the audit log holds. */
static gint64
count_sensitive_reads (Fixture    *fx,
                       const char *user,
                       const char *name)
{
  static const char sql[] = "SELECT count(*) FROM audit WHERE action = 'read-sensitive'"
                            " AND actor = ? AND subject = ?";
  g_autofree char *path = g_build_filename (fx->local.tmp, "data", RUHU_SERVER_AUDIT_DB, NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, user, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}

/* A photo of the dwelling and one of an ID card in a household of VILLAGE,
 * and a photo no case names: who may read which. */
static void
test_scope (Fixture       *fx,
            gconstpointer  data)
{
  static const struct { const char *user; guint plain; guint id_card; } before[] = {
    { "zhang", 200, 200 }, { "va_a", 200, 200 }, { "va_b", 403, 403 },
    { "vol", 403, 403 }, { "inv_b", 403, 403 }, { "sup", 200, 200 },
    { "sup_b", 403, 403 }, { "officer", 200, 200 }, { "officer_b", 403, 403 },
    { "admin", 200, 200 },
  };
  g_autoptr(GBytes) cat = read_test_photo ("cat-512x512.png");
  g_autoptr(GBytes) palace = read_test_photo ("palace-nikon-gps-500x375.jpg");
  g_autofree char *plain = add_photo (fx, &fx->a);
  g_autofree char *id_card = put_on_server (fx, cat);
  g_autofree char *unused = put_on_server (fx, palace);
  g_autoptr(GError) error = NULL;
  RuhuDirectory *directory = ruhu_server_get_directory (fx->local.server);

  add_role_users (fx);
  write_value (&fx->a, EVIDENCE, "evidence", HOUSEHOLD, "category", "dwelling_photo");
  write_value (&fx->a, EVIDENCE, "evidence", HOUSEHOLD, "photo", plain);
  write_value (&fx->a, EVIDENCE_2, "evidence", HOUSEHOLD, "category", "id_front");
  write_value (&fx->a, EVIDENCE_2, "evidence", HOUSEHOLD, "photo", id_card);
  device_sync (&fx->a);

  for (guint i = 0; i < G_N_ELEMENTS (before); i++)
    {
      assert_get (fx, before[i].user, plain, before[i].plain);
      assert_get (fx, before[i].user, id_card, before[i].id_card);
    }
  /* Reading the ID card is reading sensitive data; the dwelling is not. */
  g_assert_cmpint (count_sensitive_reads (fx, "sup", id_card), ==, 1);
  g_assert_cmpint (count_sensitive_reads (fx, "sup", plain), ==, 0);
  g_assert_cmpint (count_sensitive_reads (fx, "va_b", id_card), ==, 0);

  /* Assigned the household: the volunteer reads the dwelling, never the
   * ID card; the investigator of another township reads both. */
  g_assert_true (ruhu_directory_assign (directory, HOUSEHOLD, "vol", &error));
  g_assert_true (ruhu_directory_assign (directory, HOUSEHOLD, "inv_b", &error));
  g_assert_no_error (error);
  assert_get (fx, "vol", plain, 200);
  assert_get (fx, "vol", id_card, 403);
  assert_get (fx, "inv_b", plain, 200);
  assert_get (fx, "inv_b", id_card, 200);

  /* Stored, but no case names it: only an administrator reads it. */
  assert_get (fx, "zhang", unused, 403);
  assert_get (fx, "admin", unused, 200);
  assert_get (fx, "zhang", NO_SUCH_BLOB, 404);
  assert_get (fx, "admin", NO_SUCH_BLOB, 404);
}

static char *
pending_of (Device *device)
{
  g_autoptr(GError) error = NULL;
  char *text = ruhu_store_get_setting (device->store, RUHU_SYNC_SETTING_PENDING_BLOBS, &error);

  g_assert_no_error (error);
  return text != NULL ? text : g_strdup ("");
}

/* B and the volunteer pull a photo the server does not have yet (404);
 * the volunteer also one of evidence whose category is not known yet
 * (403). Neither stops a sync; each is fetched at a later sync once it
 * can be, though the feed has nothing new for the device. */
static void
test_fetch_later (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GBytes) cat = read_test_photo ("cat-512x512.png");
  g_autofree char *missing = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, cat);
  g_autofree char *later = add_photo (fx, &fx->a);
  g_autofree char *b_pending = NULL, *vol_pending = NULL, *both = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *vol_blobs = g_build_filename (fx->local.tmp, "vol-blobs", NULL);
  Device vol = { NULL };

  local_server_add_user (&fx->local, "vol", RUHU_ROLE_VOLUNTEER, VILLAGE);
  ruhu_directory_assign (ruhu_server_get_directory (fx->local.server), HOUSEHOLD, "vol", &error);
  g_assert_no_error (error);
  device_init (&vol, fx->local.url, "vol", "device passphrase", vol_blobs);

  /* A never had the cat: its upload is left to whoever has it. */
  write_value (&fx->a, EVIDENCE, "evidence", HOUSEHOLD, "category", "dwelling_photo");
  write_value (&fx->a, EVIDENCE, "evidence", HOUSEHOLD, "photo", missing);
  write_value (&fx->a, EVIDENCE_2, "evidence", HOUSEHOLD, "photo", later);
  device_sync (&fx->a);

  device_sync (&fx->b);
  device_sync (&vol);
  g_assert_false (ruhu_sync_blob_exists (fx->b.client, missing));
  g_assert_true (ruhu_sync_blob_exists (fx->b.client, later));
  g_assert_false (ruhu_sync_blob_exists (vol.client, later));
  b_pending = pending_of (&fx->b);
  vol_pending = pending_of (&vol);
  both = g_strdup_printf ("%s\n%s", missing, later);
  g_assert_cmpstr (b_pending, ==, missing);
  g_assert_cmpstr (vol_pending, ==, both);

  /* Nothing new in the feed for B: the photo comes all the same. */
  g_free (put_on_server (fx, cat));
  device_sync (&fx->b);
  g_assert_true (ruhu_sync_blob_exists (fx->b.client, missing));
  g_clear_pointer (&b_pending, g_free);
  b_pending = pending_of (&fx->b);
  g_assert_cmpstr (b_pending, ==, "");

  /* Still refused while its category is unknown; then it is a dwelling. */
  device_sync (&vol);
  g_assert_true (ruhu_sync_blob_exists (vol.client, missing));
  g_assert_false (ruhu_sync_blob_exists (vol.client, later));
  g_clear_pointer (&vol_pending, g_free);
  vol_pending = pending_of (&vol);
  g_assert_cmpstr (vol_pending, ==, later);
  write_value (&fx->a, EVIDENCE_2, "evidence", HOUSEHOLD, "category", "dwelling_photo");
  device_sync (&fx->a);
  device_sync (&vol);
  g_assert_true (ruhu_sync_blob_exists (vol.client, later));
  g_clear_pointer (&vol_pending, g_free);
  vol_pending = pending_of (&vol);
  g_assert_cmpstr (vol_pending, ==, "");
  device_clear (&vol);
}

static guint
count_refs (const char  *path,
            RuhuStore   *store,
            RuhuFormSet *forms,
            const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuBlobRefs) index = ruhu_blob_refs_open (path, store, forms, &error);
  g_autoptr(GPtrArray) refs = NULL;

  g_assert_no_error (error);
  refs = ruhu_blob_refs_lookup (index, name, &error);
  g_assert_no_error (error);
  return refs->len;
}

/* The server's index of which fields name a photo keeps its place in the
 * feed across restarts, and a damaged one is made again from the feed. */
static void
test_refs_index (Fixture       *fx,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fx->local.tmp, "refs.db", NULL);
  g_autofree char *name = add_photo (fx, &fx->a);
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuFormSet) forms = ruhu_form_set_load_default (&error);

  g_assert_no_error (error);
  write_value (&fx->a, EVIDENCE, "evidence", HOUSEHOLD, "photo", name);
  g_assert_cmpuint (count_refs (path, fx->a.store, forms, name), ==, 1);
  g_assert_cmpuint (count_refs (path, fx->a.store, forms, NO_SUCH_BLOB), ==, 0);
  write_value (&fx->a, EVIDENCE_2, "evidence", HOUSEHOLD, "photo", name);
  write_value (&fx->a, EVIDENCE_2, "evidence", HOUSEHOLD, "caption", "灶台");
  g_assert_cmpuint (count_refs (path, fx->a.store, forms, name), ==, 2);

  g_assert_true (g_file_set_contents (path, "not a database, not at all", -1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_refs (path, fx->a.store, forms, name), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/ruhu/blobs/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("two-devices", test_two_devices);
  ADD ("resume", test_resume);
  ADD ("refuses-bad-photos", test_refuses_bad_photos);
  ADD ("scope", test_scope);
  ADD ("fetch-later", test_fetch_later);
  ADD ("refs-index", test_refs_index);
#undef ADD
  return g_test_run ();
}
