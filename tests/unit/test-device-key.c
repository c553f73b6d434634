/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "ruhu-device-key.h"
#include "test-util.h"

#define PASSPHRASE "correct horse battery staple"

typedef TestStoreFile KeyFixture;

static RuhuDeviceKey *
load_key (RuhuStore *store)
{
  g_autoptr(GError) error = NULL;
  RuhuDeviceKey *key = ruhu_device_key_load (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (key);
  return key;
}

static const guint8 message[] = "the digest of a check sheet, 32 b";

static void
test_sign_verify (void)
{
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autoptr(RuhuDeviceKey) key = load_key (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *public_key = ruhu_device_key_get_public_base64 (key);
  g_autofree char *signature = ruhu_device_key_sign (key, message, sizeof message, &error);
  g_autofree guchar *raw = NULL;
  gsize length = 0;

  g_assert_no_error (error);
  raw = g_base64_decode (signature, &length);
  g_assert_cmpuint (length, ==, RUHU_ED25519_SIGNATURE_LENGTH);
  g_clear_pointer (&raw, g_free);
  raw = g_base64_decode (public_key, &length);
  g_assert_cmpuint (length, ==, RUHU_ED25519_PUBLIC_KEY_LENGTH);
  g_assert_true (ruhu_device_key_verify (public_key, message, sizeof message, signature, &error));
  g_assert_no_error (error);
}

static guint8 *
from_hex (const char *hex,
          gsize      *length)
{
  gsize n = strlen (hex) / 2;
  guint8 *bytes = g_malloc (n + 1);

  for (gsize i = 0; i < n; i++)
    bytes[i] = (guint8) (g_ascii_xdigit_value (hex[2 * i]) << 4 |
                         g_ascii_xdigit_value (hex[2 * i + 1]));
  *length = n;
  return bytes;
}

/* RFC 8032, section 7.1, tests 1 and 2: our keys and signatures are
 * standard Ed25519, checkable by anyone's implementation. */
static const struct
{
  const char *secret;
  const char *public_key;
  const char *message;
  const char *signature;
} rfc8032[] = {
  { "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
    "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
    "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b" },
  { "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
    "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
    "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
    "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00" },
};

static void
test_rfc8032_vectors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rfc8032); i++)
    {
      g_autoptr(GError) error = NULL;
      gsize length = 0, message_length = 0, public_length = 0, signature_length = 0;
      g_autofree guint8 *secret = from_hex (rfc8032[i].secret, &length);
      g_autofree guint8 *message_bytes = from_hex (rfc8032[i].message, &message_length);
      g_autofree guint8 *expected_public = from_hex (rfc8032[i].public_key, &public_length);
      g_autofree guint8 *expected_signature = from_hex (rfc8032[i].signature, &signature_length);
      g_autoptr(RuhuDeviceKey) key = ruhu_device_key_new_from_secret (secret, &error);
      g_autofree char *public_key = NULL;
      g_autofree char *signature = NULL;
      g_autofree guchar *raw_public = NULL;
      g_autofree guchar *raw_signature = NULL;

      g_assert_no_error (error);
      public_key = ruhu_device_key_get_public_base64 (key);
      raw_public = g_base64_decode (public_key, &length);
      g_assert_cmpmem (raw_public, length, expected_public, public_length);
      signature = ruhu_device_key_sign (key, message_bytes, message_length, &error);
      g_assert_no_error (error);
      raw_signature = g_base64_decode (signature, &length);
      g_assert_cmpmem (raw_signature, length, expected_signature, signature_length);
      g_assert_true (ruhu_device_key_verify (public_key, message_bytes, message_length, signature,
                                             &error));
      g_assert_no_error (error);
    }
}

static void
test_tampered_fails (void)
{
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autoptr(RuhuDeviceKey) key = load_key (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *public_key = ruhu_device_key_get_public_base64 (key);
  g_autofree char *signature = ruhu_device_key_sign (key, message, sizeof message, &error);
  guint8 tampered[sizeof message];
  g_autoptr(RuhuStore) other_store = test_memory_store (NULL);
  g_autoptr(RuhuDeviceKey) other = load_key (other_store);
  g_autofree char *other_public = ruhu_device_key_get_public_base64 (other);

  g_assert_no_error (error);
  memcpy (tampered, message, sizeof message);
  tampered[3] ^= 0x01;
  g_assert_false (ruhu_device_key_verify (public_key, tampered, sizeof tampered, signature,
                                          &error));
  g_assert_error (error, RUHU_DEVICE_KEY_ERROR, RUHU_DEVICE_KEY_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);

  /* Another device's key did not sign it. */
  g_assert_cmpstr (other_public, !=, public_key);
  g_assert_false (ruhu_device_key_verify (other_public, message, sizeof message, signature,
                                          &error));
  g_assert_error (error, RUHU_DEVICE_KEY_ERROR, RUHU_DEVICE_KEY_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);

  g_assert_false (ruhu_device_key_verify ("c2hvcnQ=", message, sizeof message, signature,
                                          &error));
  g_assert_error (error, RUHU_DEVICE_KEY_ERROR, RUHU_DEVICE_KEY_ERROR_BAD_KEY);
}

static void
test_survives_reopen (KeyFixture    *fixture,
                      gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *signature = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(RuhuStore) store = test_store_file_open (fixture, PASSPHRASE);
    g_autoptr(RuhuDeviceKey) key = load_key (store);
    g_autoptr(RuhuDeviceKey) again = load_key (store);
    g_autofree char *again_public = ruhu_device_key_get_public_base64 (again);

    first = ruhu_device_key_get_public_base64 (key);
    g_assert_cmpstr (first, ==, again_public);
    signature = ruhu_device_key_sign (key, message, sizeof message, &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr(RuhuStore) store = test_store_file_open (fixture, PASSPHRASE);
    g_autoptr(RuhuDeviceKey) key = load_key (store);
    g_autofree char *reopened = ruhu_device_key_get_public_base64 (key);
    g_autofree char *resigned = ruhu_device_key_sign (key, message, sizeof message, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (reopened, ==, first);
    /* Ed25519 is deterministic: the same secret signs the same bytes alike. */
    g_assert_cmpstr (resigned, ==, signature);
  }
}

/* The raw bytes the store keeps for the key setting. */
static GBytes *
read_raw_setting (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GBytes *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = ?", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, "setting." RUHU_DEVICE_KEY_SETTING, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_bytes_new (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static gboolean
bytes_contain (GBytes     *haystack,
               const char *needle)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (haystack, &size);

  gsize length = strlen (needle);

  for (gsize at = 0; at + length <= size; at++)
    if (memcmp (data + at, needle, length) == 0)
      return TRUE;
  return FALSE;
}

static void
test_sealed_in_encrypted_store (KeyFixture    *fixture,
                                gconstpointer  data)
{
  g_autofree char *public_key = NULL;
  g_autoptr(GBytes) raw = NULL;

  {
    g_autoptr(RuhuStore) store = test_store_file_open (fixture, PASSPHRASE);
    g_autoptr(RuhuDeviceKey) key = load_key (store);

    g_assert_true (ruhu_store_is_encrypted (store));
    public_key = ruhu_device_key_get_public_base64 (key);
  }
  raw = read_raw_setting (fixture->path);
  g_assert_nonnull (raw);
  /* The setting holds both halves; sealed, neither shows. */
  g_assert_false (bytes_contain (raw, public_key));
  g_assert_false (bytes_contain (raw, "ed25519:"));
}

static void
test_plain_store_keeps_key_readable (KeyFixture    *fixture,
                                     gconstpointer  data)
{
  g_autofree char *public_key = NULL;
  g_autoptr(GBytes) raw = NULL;

  {
    g_autoptr(RuhuStore) store = test_store_file_open (fixture, NULL);
    g_autoptr(RuhuDeviceKey) key = load_key (store);

    public_key = ruhu_device_key_get_public_base64 (key);
  }
  /* The check above is only meaningful if an unsealed setting would show. */
  raw = read_raw_setting (fixture->path);
  g_assert_nonnull (raw);
  g_assert_true (bytes_contain (raw, public_key));
}

static void
test_damaged_setting (void)
{
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuDeviceKey) key = NULL;

  g_assert_true (ruhu_store_set_setting (store, RUHU_DEVICE_KEY_SETTING, "ed25519:AAAA:BBBB",
                                         &error));
  g_assert_no_error (error);
  key = ruhu_device_key_load (store, &error);
  g_assert_null (key);
  g_assert_error (error, RUHU_DEVICE_KEY_ERROR, RUHU_DEVICE_KEY_ERROR_DAMAGED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ruhu/device-key/sign-verify", test_sign_verify);
  g_test_add_func ("/ruhu/device-key/rfc8032-vectors", test_rfc8032_vectors);
  g_test_add_func ("/ruhu/device-key/tampered-fails", test_tampered_fails);
  g_test_add_func ("/ruhu/device-key/damaged-setting", test_damaged_setting);
  g_test_add ("/ruhu/device-key/survives-reopen", KeyFixture, NULL,
              test_store_file_setup, test_survives_reopen, test_store_file_teardown);
  g_test_add ("/ruhu/device-key/sealed-in-encrypted-store", KeyFixture, NULL,
              test_store_file_setup, test_sealed_in_encrypted_store, test_store_file_teardown);
  g_test_add ("/ruhu/device-key/plain-store-readable", KeyFixture, NULL,
              test_store_file_setup, test_plain_store_keeps_key_readable, test_store_file_teardown);
  return g_test_run ();
}
