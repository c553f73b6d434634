/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <gcrypt.h>
#include <glib/gi18n-lib.h>

#include "ruhu-store-private.h"

/* The data key encrypts every value. It is wrapped (AES-256-GCM) by a key
 * derived from the passphrase with Argon2id, so changing the passphrase
 * rewraps 32 bytes and never touches the data. The wrap's tag tells a wrong
 * passphrase from a right one. */

#define WRAP_AAD "ruhu-data-key-v1"

static GBytes *
kdf_to_meta (const guint8        *salt,
             const RuhuKdfParams *kdf)
{
  g_autofree char *salt64 = g_base64_encode (salt, RUHU_SALT_LENGTH);
  char *text = g_strdup_printf ("argon2id t=%u m=%u p=%u salt=%s",
                                kdf->iterations, kdf->memory_kib, kdf->parallelism, salt64);

  return g_bytes_new_take (text, strlen (text));
}

static gboolean
kdf_from_meta (GBytes         *meta,
               guint8         *salt,
               RuhuKdfParams  *kdf)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (meta, NULL), g_bytes_get_size (meta));
  char salt64[64] = { 0 };
  g_autofree guchar *decoded = NULL;
  gsize length = 0;

  if (sscanf (text, "argon2id t=%u m=%u p=%u salt=%63s",
              &kdf->iterations, &kdf->memory_kib, &kdf->parallelism, salt64) != 4)
    return FALSE;
  decoded = g_base64_decode (salt64, &length);
  if (length != RUHU_SALT_LENGTH)
    return FALSE;
  memcpy (salt, decoded, RUHU_SALT_LENGTH);
  return TRUE;
}

static RuhuAead *
kek_from_passphrase (const char           *passphrase,
                     const guint8         *salt,
                     const RuhuKdfParams  *kdf,
                     GError              **error)
{
  guint8 *kek = gcry_malloc_secure (RUHU_KEY_LENGTH);
  RuhuAead *aead = NULL;

  if (ruhu_kdf_derive (passphrase, salt, RUHU_SALT_LENGTH, kdf, kek, error))
    aead = ruhu_aead_new (kek, error);
  gcry_free (kek);  /* secure memory is wiped when freed */
  return aead;
}

static gboolean
wrap_and_save (RuhuStore            *self,
               const guint8         *data_key,
               const char           *passphrase,
               const RuhuKdfParams  *kdf,
               GError              **error)
{
  guint8 salt[RUHU_SALT_LENGTH];
  g_autoptr(RuhuAead) kek = NULL;
  g_autoptr(GBytes) kdf_meta = NULL;
  g_autofree guint8 *wrapped = NULL;
  gsize wrapped_length;

  ruhu_random_bytes (salt, sizeof salt);
  kek = kek_from_passphrase (passphrase, salt, kdf, error);
  if (kek == NULL)
    return FALSE;
  wrapped = ruhu_aead_seal (kek, WRAP_AAD, strlen (WRAP_AAD), data_key, RUHU_KEY_LENGTH,
                            &wrapped_length, error);
  if (wrapped == NULL)
    return FALSE;

  kdf_meta = kdf_to_meta (salt, kdf);
  return ruhu_store_meta_set (self, "kdf", g_bytes_get_data (kdf_meta, NULL),
                              g_bytes_get_size (kdf_meta), error) &&
         ruhu_store_meta_set (self, "wrapped_key", wrapped, wrapped_length, error) &&
         ruhu_store_meta_set (self, "encryption", "aes-256-gcm", strlen ("aes-256-gcm"), error);
}

static const RuhuKdfParams default_kdf = {
  RUHU_KDF_DEFAULT_ITERATIONS, RUHU_KDF_DEFAULT_MEMORY_KIB, RUHU_KDF_DEFAULT_PARALLELISM,
};

/**
 * ruhu_store_keys_create:
 *
 * Makes a new random data key for a new store and wraps it under
 * @passphrase. Runs inside the creating transaction.
 */
gboolean
ruhu_store_keys_create (RuhuStore            *self,
                        const char           *passphrase,
                        const RuhuKdfParams  *kdf,
                        GError              **error)
{
  guint8 *data_key = gcry_malloc_secure (RUHU_KEY_LENGTH);
  gboolean ok;

  ruhu_random_bytes (data_key, RUHU_KEY_LENGTH);
  ok = wrap_and_save (self, data_key, passphrase, kdf != NULL ? kdf : &default_kdf, error);
  if (ok)
    {
      self->aead = ruhu_aead_new (data_key, error);
      ok = self->aead != NULL;
    }
  gcry_free (data_key);
  return ok;
}

/* Returns the data key in secure memory, or NULL with an error. */
static guint8 *
unwrap_data_key (RuhuStore   *self,
                 const char  *passphrase,
                 GError     **error)
{
  g_autoptr(GBytes) kdf_meta = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  g_autoptr(RuhuAead) kek = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *plain = NULL;
  guint8 salt[RUHU_SALT_LENGTH];
  RuhuKdfParams kdf;
  gsize length = 0;
  guint8 *data_key;

  if (!ruhu_store_meta_get (self, "kdf", &kdf_meta, error) ||
      !ruhu_store_meta_get (self, "wrapped_key", &wrapped, error))
    return NULL;
  if (kdf_meta == NULL || wrapped == NULL || !kdf_from_meta (kdf_meta, salt, &kdf))
    {
      g_set_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_CORRUPT,
                   _("The key of the encrypted database %s is missing or damaged"), self->sql->path);
      return NULL;
    }

  kek = kek_from_passphrase (passphrase, salt, &kdf, error);
  if (kek == NULL)
    return NULL;
  plain = ruhu_aead_open (kek, WRAP_AAD, strlen (WRAP_AAD),
                          g_bytes_get_data (wrapped, NULL), g_bytes_get_size (wrapped),
                          &length, &local_error);
  if (plain == NULL || length != RUHU_KEY_LENGTH)
    {
      g_set_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_WRONG_PASSPHRASE,
                   _("The passphrase is wrong"));
      return NULL;
    }

  data_key = gcry_malloc_secure (RUHU_KEY_LENGTH);
  memcpy (data_key, plain, RUHU_KEY_LENGTH);
  memset (plain, 0, length);
  return data_key;
}

gboolean
ruhu_store_keys_unlock (RuhuStore   *self,
                        const char  *passphrase,
                        GError     **error)
{
  guint8 *data_key = unwrap_data_key (self, passphrase, error);

  if (data_key == NULL)
    return FALSE;
  self->aead = ruhu_aead_new (data_key, error);
  gcry_free (data_key);
  return self->aead != NULL;
}

/**
 * ruhu_store_change_passphrase:
 * @kdf: (nullable): Argon2id cost for the new wrap; %NULL for the defaults
 *
 * Rewraps the data key; no value is re-encrypted.
 */
gboolean
ruhu_store_change_passphrase (RuhuStore            *self,
                              const char           *old_passphrase,
                              const char           *new_passphrase,
                              const RuhuKdfParams  *kdf,
                              GError              **error)
{
  guint8 *data_key;
  gboolean ok;

  g_return_val_if_fail (RUHU_IS_STORE (self), FALSE);
  g_return_val_if_fail (old_passphrase != NULL && new_passphrase != NULL, FALSE);

  if (self->aead == NULL)
    {
      g_set_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_NOT_ENCRYPTED,
                   _("The database %s is not encrypted, so it has no passphrase"), self->sql->path);
      return FALSE;
    }

  g_rec_mutex_lock (&self->lock);
  data_key = unwrap_data_key (self, old_passphrase, error);
  ok = data_key != NULL && ruhu_sqlite_begin (self->sql, error);
  if (ok)
    {
      ok = wrap_and_save (self, data_key, new_passphrase, kdf != NULL ? kdf : &default_kdf, error) &&
           ruhu_sqlite_commit (self->sql, error);
      if (!ok)
        ruhu_sqlite_rollback (self->sql);
    }
  g_clear_pointer (&data_key, gcry_free);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}
