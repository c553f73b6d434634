/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "ruhu-blob-store.h"
#include "test-util.h"

#define MAX_BLOB (1024 * 1024)

typedef struct
{
  char          *dir;
  guint8         key[RUHU_KEY_LENGTH];
  RuhuBlobStore *store;
  GBytes        *content;  /* 200 000 pseudo-random bytes: three chunks and a bit */
  char          *name;
} BlobFixture;

static char *
sha256_hex (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static void
reopen (BlobFixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&fixture->store, ruhu_blob_store_free);
  fixture->store = ruhu_blob_store_open (fixture->dir, fixture->key, MAX_BLOB, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

static void
blob_setup (BlobFixture   *fixture,
            gconstpointer  data)
{
  GRand *rand = g_rand_new_with_seed (20260101);
  guint8 *content = g_malloc (200000);

  for (gsize i = 0; i < 200000; i++)
    content[i] = (guint8) g_rand_int (rand);
  g_rand_free (rand);
  fixture->content = g_bytes_new_take (content, 200000);
  fixture->name = sha256_hex (fixture->content);
  fixture->dir = test_make_temp_dir ();
  memset (fixture->key, 0x5a, sizeof fixture->key);
  reopen (fixture);
}

static void
blob_teardown (BlobFixture   *fixture,
               gconstpointer  data)
{
  g_clear_pointer (&fixture->store, ruhu_blob_store_free);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->name);
  g_bytes_unref (fixture->content);
}

static GBytes *
slice (GBytes *bytes,
       gsize   offset,
       gsize   length)
{
  return g_bytes_new_from_bytes (bytes, offset, length);
}

static void
upload_whole (BlobFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  RuhuBlobWriteStatus status;
  gint64 received;

  g_assert_true (ruhu_blob_store_write_range (fixture->store, fixture->name, 0,
                                              (gint64) g_bytes_get_size (fixture->content),
                                              fixture->content, &received, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, RUHU_BLOB_WRITE_COMPLETE);
  g_assert_cmpint (received, ==, g_bytes_get_size (fixture->content));
}

static void
assert_stored (BlobFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) read = NULL;
  gboolean present = FALSE;
  gint64 size = 0, total = 0;

  g_assert_true (ruhu_blob_store_has (fixture->store, fixture->name, &present, &size, &error));
  g_assert_no_error (error);
  g_assert_true (present);
  g_assert_cmpint (size, ==, g_bytes_get_size (fixture->content));
  read = ruhu_blob_store_read (fixture->store, fixture->name, 0, -1, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, size);
  g_assert_true (g_bytes_equal (read, fixture->content));
}

static gboolean
contains (const char   *haystack,
          gsize         length,
          const guint8 *needle,
          gsize         needle_length)
{
  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (haystack + i, needle, needle_length) == 0)
      return TRUE;
  return FALSE;
}

static void
test_round_trip (BlobFixture   *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *raw = NULL;
  gsize raw_length;
  gboolean present = TRUE;

  g_assert_true (ruhu_blob_store_has (fixture->store, fixture->name, &present, NULL, &error));
  g_assert_false (present);
  upload_whole (fixture);
  assert_stored (fixture);
  reopen (fixture);
  assert_stored (fixture);

  /* Encrypted at rest: no 64-byte run of the content appears in the file. */
  path = ruhu_blob_store_get_path (fixture->store, fixture->name);
  g_assert_true (g_file_get_contents (path, &raw, &raw_length, &error));
  g_assert_false (contains (raw, raw_length,
                            (const guint8 *) g_bytes_get_data (fixture->content, NULL) + 70000, 64));
}

static void
test_empty_blob (BlobFixture   *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) read = NULL;
  g_autofree char *name = sha256_hex (empty);
  RuhuBlobWriteStatus status;
  gint64 received = -1;

  g_assert_true (ruhu_blob_store_write_range (fixture->store, name, 0, 0, empty,
                                              &received, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, RUHU_BLOB_WRITE_COMPLETE);
  read = ruhu_blob_store_read (fixture->store, name, 0, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (read), ==, 0);
}

static void
test_resume (BlobFixture   *fixture,
             gconstpointer  data)
{
  static const gsize cuts[] = { 0, 70001, 131072, 200000 };
  gint64 total = (gint64) g_bytes_get_size (fixture->content);

  for (guint i = 0; i + 1 < G_N_ELEMENTS (cuts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) part = slice (fixture->content, cuts[i], cuts[i + 1] - cuts[i]);
      RuhuBlobWriteStatus status;
      gint64 received = -1, total_seen = -1;
      gboolean present = TRUE;

      /* The connection broke, the server restarted: the client asks where to resume. */
      reopen (fixture);
      g_assert_true (ruhu_blob_store_get_partial (fixture->store, fixture->name,
                                                  &received, &total_seen, &error));
      g_assert_cmpint (received, ==, cuts[i]);
      g_assert_cmpint (total_seen, ==, i == 0 ? 0 : total);
      g_assert_true (ruhu_blob_store_has (fixture->store, fixture->name, &present, NULL, &error));
      g_assert_false (present);

      g_assert_true (ruhu_blob_store_write_range (fixture->store, fixture->name, received, total,
                                                  part, &received, &status, &error));
      g_assert_no_error (error);
      g_assert_cmpint (received, ==, cuts[i + 1]);
      g_assert_cmpint (status, ==, i + 2 == G_N_ELEMENTS (cuts) ? RUHU_BLOB_WRITE_COMPLETE
                                                               : RUHU_BLOB_WRITE_PARTIAL);
    }
  reopen (fixture);
  assert_stored (fixture);
}

static void
test_wrong_offset (BlobFixture   *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = slice (fixture->content, 0, 1000);
  g_autoptr(GBytes) later = slice (fixture->content, 5000, 1000);
  gint64 total = (gint64) g_bytes_get_size (fixture->content);
  gint64 received = -1;

  g_assert_true (ruhu_blob_store_write_range (fixture->store, fixture->name, 0, total, first,
                                              &received, NULL, &error));
  g_assert_false (ruhu_blob_store_write_range (fixture->store, fixture->name, 5000, total, later,
                                               &received, NULL, &error));
  g_assert_error (error, RUHU_BLOB_ERROR, RUHU_BLOB_ERROR_WRONG_OFFSET);
  g_assert_cmpint (received, ==, 1000);
  g_assert_nonnull (strstr (error->message, "1000"));
  g_clear_error (&error);

  /* Sending the first part again is refused in the same way. */
  g_assert_false (ruhu_blob_store_write_range (fixture->store, fixture->name, 0, total, first,
                                               &received, NULL, &error));
  g_assert_error (error, RUHU_BLOB_ERROR, RUHU_BLOB_ERROR_WRONG_OFFSET);
  g_assert_cmpint (received, ==, 1000);
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      n += g_file_test (child, G_FILE_TEST_IS_DIR) ? count_files (child) : 1;
    }
  return n;
}

static void
test_mismatch (BlobFixture   *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *blobs = g_build_filename (fixture->dir, "blobs", NULL);
  g_autoptr(GBytes) other = g_bytes_new_static ("not the photo", 13);
  gint64 received = -1;
  gboolean present = TRUE;

  g_assert_false (ruhu_blob_store_write_range (fixture->store, fixture->name, 0, 13, other,
                                               &received, NULL, &error));
  g_assert_error (error, RUHU_BLOB_ERROR, RUHU_BLOB_ERROR_MISMATCH);
  g_assert_nonnull (strstr (error->message, "does not match its name"));
  g_assert_cmpint (received, ==, 0);
  g_assert_true (ruhu_blob_store_has (fixture->store, fixture->name, &present, NULL, NULL));
  g_assert_false (present);
  g_assert_cmpuint (count_files (blobs), ==, 0);
}

static void
test_oversize_and_names (BlobFixture   *fixture,
                         gconstpointer  data)
{
  static const char *bad_names[] = {
    "", "abc", "../../etc/passwd",
    "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555",
    "g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) part = slice (fixture->content, 0, 10);
  g_autofree char *blobs = g_build_filename (fixture->dir, "blobs", NULL);
  gint64 received = -1;
  gboolean present;

  g_assert_false (ruhu_blob_store_write_range (fixture->store, fixture->name, 0, MAX_BLOB + 1,
                                               part, &received, NULL, &error));
  g_assert_error (error, RUHU_BLOB_ERROR, RUHU_BLOB_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_false (ruhu_blob_store_write_range (fixture->store, fixture->name, 195, 200,
                                               part, &received, NULL, &error));
  g_assert_error (error, RUHU_BLOB_ERROR, RUHU_BLOB_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_cmpuint (count_files (blobs), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (bad_names); i++)
    {
      g_assert_false (ruhu_blob_name_is_valid (bad_names[i]));
      g_assert_false (ruhu_blob_store_has (fixture->store, bad_names[i], &present, NULL, &error));
      g_assert_error (error, RUHU_BLOB_ERROR, RUHU_BLOB_ERROR_BAD_NAME);
      g_clear_error (&error);
    }
}

static void
test_dedupe (BlobFixture   *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *blobs = g_build_filename (fixture->dir, "blobs", NULL);
  g_autofree char *path = NULL;
  GStatBuf before, after;
  RuhuBlobWriteStatus status;
  gint64 received = -1;

  upload_whole (fixture);
  path = ruhu_blob_store_get_path (fixture->store, fixture->name);
  g_assert_cmpint (g_stat (path, &before), ==, 0);
  g_assert_true (ruhu_blob_store_write_range (fixture->store, fixture->name, 0,
                                              (gint64) g_bytes_get_size (fixture->content),
                                              fixture->content, &received, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, RUHU_BLOB_WRITE_ALREADY_THERE);
  g_assert_cmpint (received, ==, g_bytes_get_size (fixture->content));
  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_cmpint (before.st_ino, ==, after.st_ino);
  g_assert_cmpint (before.st_mtime, ==, after.st_mtime);
  g_assert_cmpuint (count_files (blobs), ==, 1);
  assert_stored (fixture);
}

static void
test_tamper (BlobFixture   *fixture,
             gconstpointer  data)
{
  static const gsize places[] = { 20, 65600, 131200, 180000 };

  upload_whole (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) read = NULL;
      g_autofree char *path = ruhu_blob_store_get_path (fixture->store, fixture->name);
      g_autofree char *raw = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &raw, &length, &error));
      raw[places[i]] ^= 0x01;
      g_assert_true (g_file_set_contents (path, raw, (gssize) length, &error));
      read = ruhu_blob_store_read (fixture->store, fixture->name, 0, -1, NULL, &error);
      g_assert_null (read);
      g_assert_error (error, RUHU_BLOB_ERROR, RUHU_BLOB_ERROR_CORRUPT);
      g_clear_error (&error);
      raw[places[i]] ^= 0x01;
      g_assert_true (g_file_set_contents (path, raw, (gssize) length, &error));
    }

  /* A file cut short is caught too, even when only its start is read. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *path = ruhu_blob_store_get_path (fixture->store, fixture->name);
    g_autofree char *raw = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (path, &raw, &length, &error));
    g_assert_true (g_file_set_contents (path, raw, (gssize) length - 100, &error));
    g_assert_null (ruhu_blob_store_read (fixture->store, fixture->name, 0, 10, NULL, &error));
    g_assert_error (error, RUHU_BLOB_ERROR, RUHU_BLOB_ERROR_CORRUPT);
  }
}

static void
test_ranges (BlobFixture   *fixture,
             gconstpointer  data)
{
  static const struct { gint64 offset, length; } ranges[] = {
    { 0, 1 }, { 0, 65536 }, { 65535, 2 }, { 65536, 65536 }, { 100, 150000 },
    { 199999, 1 }, { 200000, 0 }, { 131071, 68929 },
  };
  const guint8 *content = g_bytes_get_data (fixture->content, NULL);
  g_autoptr(GError) error = NULL;

  upload_whole (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    {
      g_autoptr(GBytes) read = ruhu_blob_store_read (fixture->store, fixture->name,
                                                     ranges[i].offset, ranges[i].length,
                                                     NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (g_bytes_get_data (read, NULL), g_bytes_get_size (read),
                       content + ranges[i].offset, ranges[i].length);
    }
  g_assert_null (ruhu_blob_store_read (fixture->store, fixture->name, 199990, 11, NULL, &error));
  g_assert_error (error, RUHU_BLOB_ERROR, RUHU_BLOB_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_null (ruhu_blob_store_read (fixture->store, fixture->name, -1, 1, NULL, &error));
  g_assert_error (error, RUHU_BLOB_ERROR, RUHU_BLOB_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_null (ruhu_blob_store_read (fixture->store,
                                       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                                       0, 1, NULL, &error));
  g_assert_error (error, RUHU_BLOB_ERROR, RUHU_BLOB_ERROR_NOT_FOUND);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/ruhu/blob-store/" path, BlobFixture, NULL, blob_setup, func, blob_teardown)
  ADD ("round-trip", test_round_trip);
  ADD ("empty-blob", test_empty_blob);
  ADD ("resume-after-reopen", test_resume);
  ADD ("wrong-offset-reports-resume-point", test_wrong_offset);
  ADD ("hash-mismatch-keeps-nothing", test_mismatch);
  ADD ("oversize-and-bad-names", test_oversize_and_names);
  ADD ("dedupe", test_dedupe);
  ADD ("tamper-fails-authentication", test_tamper);
  ADD ("ranges", test_ranges);
#undef ADD

  return g_test_run ();
}
