/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "devices-fixture.h"
#include "ruhu-handlers.h"
#include "ruhu-image.h"
#include "ruhu-sync-private.h"
#include "test-util.h"

/* Photos between devices: one device adds a photo to evidence and syncs,
 * the server keeps it once, another device syncs and has the same bytes;
 * uploads and downloads broken half-way resume where they stopped. */

#define TOWNSHIP   "500109001"
#define VILLAGE    "500109001001"
#define HOUSEHOLD  "00000000-0000-4000-8000-0000000000c1"
#define EVIDENCE   "00000000-0000-4000-8000-0000000000e1"
#define EVIDENCE_2 "00000000-0000-4000-8000-0000000000e2"

typedef struct
{
  LocalServer  local;
  Device       a;
  Device       b;
  char        *photo_path;
  GBytes      *photo;  /* a valid JPEG of more than one upload part */
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
                                           value, "tester", &error);

  g_assert_no_error (error);
  g_assert_nonnull (op);
}

/* A real photo made larger than one 256 KiB upload part by comments (COM
 * segments) after its start: still a whole, valid JPEG. */
static GBytes *
make_large_jpeg (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "photos",
                                                 "palace-nikon-gps-500x375.jpg", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  guint8 segment[4] = { 0xff, 0xfe, 0xff, 0xf0 };
  g_autofree guint8 *filler = g_malloc (0xfff0 - 2);
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < 0xfff0 - 2; i++)
    filler[i] = 'a' + i % 26;
  g_byte_array_append (out, (const guint8 *) data, 2);
  for (guint i = 0; i < 5; i++)
    {
      g_byte_array_append (out, segment, sizeof segment);
      g_byte_array_append (out, filler, 0xfff0 - 2);
    }
  g_byte_array_append (out, (const guint8 *) data + 2, (guint) length - 2);
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
#undef ADD
  return g_test_run ();
}
