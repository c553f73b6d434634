/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <gcrypt.h>
#include <glib/gi18n-lib.h>

#include "ruhu-crypto.h"

#define NEED_LIBGCRYPT_VERSION "1.10.0"

/* A cipher handle keeps state between calls, so one context serves one
 * message at a time: the lock lets a store's writer and its feed reader
 * (different threads) share it. */
struct _RuhuAead
{
  GMutex           lock;
  gcry_cipher_hd_t handle;
};

G_DEFINE_QUARK (ruhu-crypto-error-quark, ruhu_crypto_error)

static gboolean
set_gcrypt_error (GError      **error,
                  gcry_error_t  err,
                  const char   *what)
{
  g_set_error (error, RUHU_CRYPTO_ERROR, RUHU_CRYPTO_ERROR_FAILED,
               _("Encryption failed (%s): %s"), what, gcry_strerror (err));
  return FALSE;
}

/**
 * ruhu_crypto_init:
 *
 * Initialises libgcrypt once, with secure memory for keys, unless the
 * program has already done so. Safe to call from any thread.
 */
void
ruhu_crypto_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      if (!gcry_control (GCRYCTL_INITIALIZATION_FINISHED_P))
        {
          if (gcry_check_version (NEED_LIBGCRYPT_VERSION) == NULL)
            g_error ("libgcrypt %s or newer is needed", NEED_LIBGCRYPT_VERSION);
          /* Keys go to locked memory where the system allows it; a device
           * that refuses mlock still works, so do not warn about it. */
          gcry_control (GCRYCTL_DISABLE_SECMEM_WARN);
          gcry_control (GCRYCTL_INIT_SECMEM, 64 * 1024, 0);
          gcry_control (GCRYCTL_INITIALIZATION_FINISHED, 0);
        }
      g_once_init_leave (&done, 1);
    }
}

void
ruhu_random_bytes (guint8 *out,
                   gsize   length)
{
  ruhu_crypto_init ();
  gcry_randomize (out, length, GCRY_STRONG_RANDOM);
}

/**
 * ruhu_kdf_derive:
 * @key: (out caller-allocates) (array fixed-size=32): the derived key
 *
 * Argon2id. libgcrypt 1.10 offers it only through the gcry_kdf_open()
 * family; it does not check the salt, so we insist on 16 bytes or more.
 */
gboolean
ruhu_kdf_derive (const char           *passphrase,
                 const guint8         *salt,
                 gsize                 salt_length,
                 const RuhuKdfParams  *params,
                 guint8               *key,
                 GError              **error)
{
  unsigned long argon_params[4];
  gcry_kdf_hd_t kdf = NULL;
  gcry_error_t err;

  ruhu_crypto_init ();
  if (salt_length < RUHU_SALT_LENGTH || params->iterations < 1 ||
      params->parallelism < 1 || params->memory_kib < 8 * params->parallelism)
    {
      g_set_error (error, RUHU_CRYPTO_ERROR, RUHU_CRYPTO_ERROR_FORMAT,
                   _("The key derivation parameters are not valid"));
      return FALSE;
    }

  argon_params[0] = RUHU_KEY_LENGTH;
  argon_params[1] = params->iterations;
  argon_params[2] = params->memory_kib;
  argon_params[3] = params->parallelism;

  err = gcry_kdf_open (&kdf, GCRY_KDF_ARGON2, GCRY_KDF_ARGON2ID,
                       argon_params, G_N_ELEMENTS (argon_params),
                       passphrase, strlen (passphrase),
                       salt, salt_length, NULL, 0, NULL, 0);
  if (err == 0)
    err = gcry_kdf_compute (kdf, NULL);
  if (err == 0)
    err = gcry_kdf_final (kdf, RUHU_KEY_LENGTH, key);
  if (kdf != NULL)
    gcry_kdf_close (kdf);

  if (err != 0)
    return set_gcrypt_error (error, err, "Argon2id");
  return TRUE;
}

/**
 * ruhu_aead_new:
 * @key: (array fixed-size=32): an AES-256 key; copied into secure memory
 *
 * Returns: (transfer full) (nullable): an AES-256-GCM context
 */
RuhuAead *
ruhu_aead_new (const guint8  *key,
               GError       **error)
{
  g_autoptr(RuhuAead) aead = g_new0 (RuhuAead, 1);
  gcry_error_t err;

  ruhu_crypto_init ();
  g_mutex_init (&aead->lock);
  err = gcry_cipher_open (&aead->handle, GCRY_CIPHER_AES256, GCRY_CIPHER_MODE_GCM,
                          GCRY_CIPHER_SECURE);
  if (err == 0)
    err = gcry_cipher_setkey (aead->handle, key, RUHU_KEY_LENGTH);
  if (err != 0)
    {
      set_gcrypt_error (error, err, "AES-256-GCM");
      return NULL;
    }
  return g_steal_pointer (&aead);
}

void
ruhu_aead_free (RuhuAead *aead)
{
  if (aead->handle != NULL)
    gcry_cipher_close (aead->handle);
  g_mutex_clear (&aead->lock);
  g_free (aead);
}

static gcry_error_t
start_message (RuhuAead     *aead,
               const guint8 *nonce,
               const void   *aad,
               gsize         aad_length)
{
  gcry_error_t err = gcry_cipher_reset (aead->handle);

  if (err == 0)
    err = gcry_cipher_setiv (aead->handle, nonce, RUHU_NONCE_LENGTH);
  if (err == 0 && aad_length > 0)
    err = gcry_cipher_authenticate (aead->handle, aad, aad_length);
  return err;
}

/**
 * ruhu_aead_seal:
 * @aad: (array length=aad_length): what the ciphertext is bound to
 *
 * Encrypts with a fresh random nonce. The result is nonce ‖ ciphertext ‖ tag.
 *
 * Returns: (transfer full) (array length=sealed_length): the sealed bytes
 */
guint8 *
ruhu_aead_seal (RuhuAead    *aead,
                const void  *aad,
                gsize        aad_length,
                const void  *plain,
                gsize        plain_length,
                gsize       *sealed_length,
                GError     **error)
{
  gsize total = plain_length + RUHU_SEAL_OVERHEAD;
  g_autofree guint8 *sealed = g_malloc (total);
  gcry_error_t err;

  gcry_create_nonce (sealed, RUHU_NONCE_LENGTH);
  g_mutex_lock (&aead->lock);
  err = start_message (aead, sealed, aad, aad_length);
  if (err == 0)
    err = gcry_cipher_final (aead->handle);
  if (err == 0)
    err = gcry_cipher_encrypt (aead->handle, sealed + RUHU_NONCE_LENGTH, plain_length,
                               plain, plain_length);
  if (err == 0)
    err = gcry_cipher_gettag (aead->handle, sealed + RUHU_NONCE_LENGTH + plain_length,
                              RUHU_TAG_LENGTH);
  g_mutex_unlock (&aead->lock);
  if (err != 0)
    {
      set_gcrypt_error (error, err, "AES-256-GCM");
      return NULL;
    }
  *sealed_length = total;
  return g_steal_pointer (&sealed);
}

/**
 * ruhu_aead_open:
 *
 * Decrypts and checks the tag before anything is returned: bytes that fail
 * authentication are wiped, never handed out.
 *
 * Returns: (transfer full) (nullable) (array length=plain_length): the
 *   plaintext, nul-terminated for convenience; %NULL with
 *   %RUHU_CRYPTO_ERROR_AUTHENTICATION if the data or the bound @aad changed
 */
guint8 *
ruhu_aead_open (RuhuAead      *aead,
                const void    *aad,
                gsize          aad_length,
                const guint8  *sealed,
                gsize          sealed_length,
                gsize         *plain_length,
                GError       **error)
{
  g_autofree guint8 *plain = NULL;
  gboolean authentic;
  gsize length;
  gcry_error_t err;

  if (sealed_length < RUHU_SEAL_OVERHEAD)
    {
      g_set_error (error, RUHU_CRYPTO_ERROR, RUHU_CRYPTO_ERROR_FORMAT,
                   _("The encrypted data is truncated"));
      return NULL;
    }
  length = sealed_length - RUHU_SEAL_OVERHEAD;
  plain = g_malloc (length + 1);

  g_mutex_lock (&aead->lock);
  err = start_message (aead, sealed, aad, aad_length);
  if (err == 0)
    err = gcry_cipher_final (aead->handle);
  if (err == 0)
    err = gcry_cipher_decrypt (aead->handle, plain, length,
                               sealed + RUHU_NONCE_LENGTH, length);
  authentic = err == 0 &&
              gcry_cipher_checktag (aead->handle, sealed + RUHU_NONCE_LENGTH + length,
                                    RUHU_TAG_LENGTH) == 0;
  g_mutex_unlock (&aead->lock);
  if (err != 0)
    {
      set_gcrypt_error (error, err, "AES-256-GCM");
      return NULL;
    }
  if (!authentic)
    {
      memset (plain, 0, length);
      g_set_error (error, RUHU_CRYPTO_ERROR, RUHU_CRYPTO_ERROR_AUTHENTICATION,
                   _("Encrypted data failed its integrity check: it was damaged or "
                     "altered, or the key is wrong"));
      return NULL;
    }
  plain[length] = '\0';
  if (plain_length != NULL)
    *plain_length = length;
  return g_steal_pointer (&plain);
}
