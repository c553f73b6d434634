/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <gcrypt.h>
#include <glib/gi18n-lib.h>

#include "ruhu-device-key.h"

/* The setting holds "ed25519:" base64(secret) ":" base64(public). The
 * public half is kept too so that signing needs no point arithmetic of our
 * own, and so a damaged setting is noticed (the halves must agree). */

#define SETTING_PREFIX "ed25519:"
#define SECRET_LENGTH  32
#define SCALAR_LENGTH  32

struct _RuhuDeviceKey
{
  guint8 *secret;  /* SECRET_LENGTH bytes in libgcrypt's secure memory */
  guint8  public_key[RUHU_ED25519_PUBLIC_KEY_LENGTH];
};

G_DEFINE_QUARK (ruhu-device-key-error-quark, ruhu_device_key_error)

/* One device store makes one key, even when two threads ask at once. */
static GMutex load_lock;

static void
wipe (void  *data,
      gsize  length)
{
  volatile guint8 *bytes = data;

  while (length-- > 0)
    *bytes++ = 0;
}

static void
wipe_string (char *text)
{
  if (text != NULL)
    wipe (text, strlen (text));
  g_free (text);
}

static gboolean
gcrypt_error (GError      **error,
              gcry_error_t  code,
              const char   *what)
{
  g_set_error (error, RUHU_DEVICE_KEY_ERROR, RUHU_DEVICE_KEY_ERROR_FAILED,
               "%s: %s", what, gcry_strerror (code));
  return FALSE;
}

static RuhuDeviceKey *
key_new (void)
{
  RuhuDeviceKey *self = g_new0 (RuhuDeviceKey, 1);

  ruhu_crypto_init ();
  self->secret = gcry_malloc_secure (SECRET_LENGTH);
  return self;
}

void
ruhu_device_key_free (RuhuDeviceKey *self)
{
  if (self == NULL)
    return;
  wipe (self->secret, SECRET_LENGTH);
  gcry_free (self->secret);
  g_free (self);
}

/* Copies the data of @name in @sexp into @out, right-aligned in @length
 * bytes (libgcrypt may drop leading zeros of a number). */
static gboolean
copy_token (gcry_sexp_t  sexp,
            const char  *name,
            guint8      *out,
            gsize        length)
{
  gcry_sexp_t token = gcry_sexp_find_token (sexp, name, 0);
  const char *data;
  size_t size = 0;

  if (token == NULL)
    return FALSE;
  data = gcry_sexp_nth_data (token, 1, &size);
  if (data == NULL || size > length)
    {
      gcry_sexp_release (token);
      return FALSE;
    }
  memset (out, 0, length - size);
  memcpy (out + length - size, data, size);
  gcry_sexp_release (token);
  return TRUE;
}

/* The public key from the secret, as libgcrypt computes it for EdDSA. */
static gboolean
derive_public (RuhuDeviceKey  *self,
               GError        **error)
{
  gcry_sexp_t key = NULL;
  gcry_ctx_t context = NULL;
  gcry_mpi_t point = NULL;
  const guint8 *encoded = NULL;
  unsigned int bits = 0;
  gcry_error_t rc;

  rc = gcry_sexp_build (&key, NULL, "(private-key (ecc (curve Ed25519) (flags eddsa) (d %b)))",
                        SECRET_LENGTH, self->secret);
  if (rc == 0)
    rc = gcry_mpi_ec_new (&context, key, NULL);
  if (rc == 0 && (point = gcry_mpi_ec_get_mpi ("q@eddsa", context, 1)) != NULL)
    encoded = gcry_mpi_get_opaque (point, &bits);
  if (rc == 0 && (encoded == NULL || bits != 8 * RUHU_ED25519_PUBLIC_KEY_LENGTH))
    rc = GPG_ERR_INV_OBJ;
  if (rc == 0)
    memcpy (self->public_key, encoded, RUHU_ED25519_PUBLIC_KEY_LENGTH);
  gcry_mpi_release (point);
  gcry_ctx_release (context);
  gcry_sexp_release (key);
  return rc == 0 || gcrypt_error (error, rc, _("Cannot make the device key"));
}

/**
 * ruhu_device_key_new_from_secret:
 * @secret: (array fixed-size=32): an Ed25519 secret key (RFC 8032's seed)
 *
 * For tests against published vectors; devices use ruhu_device_key_load().
 *
 * Returns: (transfer full) (nullable): the key, or %NULL with @error set
 */
RuhuDeviceKey *
ruhu_device_key_new_from_secret (const guint8  *secret,
                                 GError       **error)
{
  g_autoptr(RuhuDeviceKey) self = key_new ();

  memcpy (self->secret, secret, SECRET_LENGTH);
  return derive_public (self, error) ? g_steal_pointer (&self) : NULL;
}

/* The secret comes from the system's random generator through
 * ruhu_random_bytes(), like the store's data key. */
static RuhuDeviceKey *
generate (GError **error)
{
  g_autoptr(RuhuDeviceKey) self = key_new ();

  ruhu_random_bytes (self->secret, SECRET_LENGTH);
  return derive_public (self, error) ? g_steal_pointer (&self) : NULL;
}

static char *
format_setting (RuhuDeviceKey *self)
{
  g_autofree char *secret = g_base64_encode (self->secret, SECRET_LENGTH);
  g_autofree char *public_key = g_base64_encode (self->public_key,
                                                 RUHU_ED25519_PUBLIC_KEY_LENGTH);
  char *text = g_strconcat (SETTING_PREFIX, secret, ":", public_key, NULL);

  wipe (secret, strlen (secret));
  return text;
}

static gboolean
decode_exact (const char *text,
              guint8     *out,
              gsize       length)
{
  gsize size = 0;
  guchar *data = g_base64_decode (text, &size);
  gboolean ok = size == length;

  if (ok)
    memcpy (out, data, length);
  wipe (data, size);
  g_free (data);
  return ok;
}

static RuhuDeviceKey *
parse_setting (const char  *text,
               GError     **error)
{
  g_autoptr(RuhuDeviceKey) self = key_new ();
  char **parts = NULL;
  gboolean ok;

  if (g_str_has_prefix (text, SETTING_PREFIX))
    parts = g_strsplit (text + strlen (SETTING_PREFIX), ":", 0);
  ok = parts != NULL && g_strv_length (parts) == 2 &&
       decode_exact (parts[0], self->secret, SECRET_LENGTH) &&
       decode_exact (parts[1], self->public_key, RUHU_ED25519_PUBLIC_KEY_LENGTH);
  if (parts != NULL)
    wipe (parts[0], strlen (parts[0]));
  g_strfreev (parts);
  if (!ok)
    {
      g_set_error_literal (error, RUHU_DEVICE_KEY_ERROR, RUHU_DEVICE_KEY_ERROR_DAMAGED,
                           _("The device key kept on this device is damaged"));
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * ruhu_device_key_load:
 * @store: the device store, unlocked
 *
 * Reads this device's signing key from @store's settings, making and
 * keeping a new one the first time. In an encrypted store the setting is
 * sealed with the data key, so the key is no better guarded than the
 * survey data it signs, and no worse.
 *
 * Returns: (transfer full) (nullable): the key, or %NULL with @error set
 */
RuhuDeviceKey *
ruhu_device_key_load (RuhuStore  *store,
                      GError    **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(RuhuDeviceKey) self = NULL;
  char *stored = NULL;
  char *text = NULL;
  gboolean saved;

  g_return_val_if_fail (RUHU_IS_STORE (store), NULL);
  locker = g_mutex_locker_new (&load_lock);
  stored = ruhu_store_get_setting (store, RUHU_DEVICE_KEY_SETTING, error);
  if (stored != NULL)
    {
      self = parse_setting (stored, error);
      wipe_string (stored);
      return g_steal_pointer (&self);
    }
  if ((error != NULL && *error != NULL) || (self = generate (error)) == NULL)
    return NULL;
  text = format_setting (self);
  saved = ruhu_store_set_setting (store, RUHU_DEVICE_KEY_SETTING, text, error);
  wipe_string (text);
  return saved ? g_steal_pointer (&self) : NULL;
}

/**
 * ruhu_device_key_get_public_base64:
 *
 * Returns: (transfer full): the public key, 32 bytes in base64, as a
 *   signature value's `public_key`
 */
char *
ruhu_device_key_get_public_base64 (RuhuDeviceKey *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_base64_encode (self->public_key, RUHU_ED25519_PUBLIC_KEY_LENGTH);
}

static gcry_sexp_t
build_data (const guint8 *message,
            gsize         length)
{
  gcry_sexp_t data = NULL;

  if (gcry_sexp_build (&data, NULL, "(data (flags eddsa) (hash-algo sha512) (value %b))",
                       (int) length, message) != 0)
    return NULL;
  return data;
}

/**
 * ruhu_device_key_sign:
 * @message: (array length=length): what to sign, such as a sheet digest
 *
 * Returns: (transfer full) (nullable): the Ed25519 signature, 64 bytes in
 *   base64, or %NULL with @error set
 */
char *
ruhu_device_key_sign (RuhuDeviceKey  *self,
                      const guint8   *message,
                      gsize           length,
                      GError        **error)
{
  gcry_sexp_t key = NULL, data = NULL, signature = NULL;
  guint8 raw[RUHU_ED25519_SIGNATURE_LENGTH];
  gcry_error_t rc;
  gboolean ok;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (message != NULL || length == 0, NULL);
  rc = gcry_sexp_build (&key, NULL, "(private-key (ecc (curve Ed25519) (flags eddsa) "
                        "(q %b) (d %b)))", RUHU_ED25519_PUBLIC_KEY_LENGTH, self->public_key,
                        SECRET_LENGTH, self->secret);
  if (rc == 0 && (data = build_data (message, length)) == NULL)
    rc = GPG_ERR_INV_OBJ;
  if (rc == 0)
    rc = gcry_pk_sign (&signature, data, key);
  gcry_sexp_release (key);
  gcry_sexp_release (data);
  if (rc != 0)
    {
      gcrypt_error (error, rc, _("Cannot sign with the device key"));
      return NULL;
    }
  ok = copy_token (signature, "r", raw, SCALAR_LENGTH) &&
       copy_token (signature, "s", raw + SCALAR_LENGTH, SCALAR_LENGTH);
  gcry_sexp_release (signature);
  if (!ok)
    {
      gcrypt_error (error, GPG_ERR_INV_OBJ, _("Cannot sign with the device key"));
      return NULL;
    }
  return g_base64_encode (raw, sizeof raw);
}

static gboolean
decode_public (const char  *text,
               guint8      *out,
               gsize        length,
               GError     **error)
{
  if (decode_exact (text, out, length))
    return TRUE;
  g_set_error_literal (error, RUHU_DEVICE_KEY_ERROR, RUHU_DEVICE_KEY_ERROR_BAD_KEY,
                       _("The public key or signature is not of the right length"));
  return FALSE;
}

/**
 * ruhu_device_key_verify:
 * @public_base64: a public key as from ruhu_device_key_get_public_base64()
 * @signature_base64: a signature as from ruhu_device_key_sign()
 *
 * Returns: %TRUE if the key signed exactly @message; otherwise %FALSE with
 *   %RUHU_DEVICE_KEY_ERROR_BAD_SIGNATURE (or BAD_KEY for malformed input)
 */
gboolean
ruhu_device_key_verify (const char    *public_base64,
                        const guint8  *message,
                        gsize          length,
                        const char    *signature_base64,
                        GError       **error)
{
  guint8 public_key[RUHU_ED25519_PUBLIC_KEY_LENGTH];
  guint8 raw[RUHU_ED25519_SIGNATURE_LENGTH];
  gcry_sexp_t key = NULL, data = NULL, signature = NULL;
  gcry_error_t rc;

  g_return_val_if_fail (public_base64 != NULL && signature_base64 != NULL, FALSE);
  if (!decode_public (public_base64, public_key, sizeof public_key, error) ||
      !decode_public (signature_base64, raw, sizeof raw, error))
    return FALSE;
  ruhu_crypto_init ();
  rc = gcry_sexp_build (&key, NULL, "(public-key (ecc (curve Ed25519) (flags eddsa) (q %b)))",
                        (int) sizeof public_key, public_key);
  if (rc == 0)
    rc = gcry_sexp_build (&signature, NULL, "(sig-val (eddsa (r %b) (s %b)))",
                          SCALAR_LENGTH, raw, SCALAR_LENGTH, raw + SCALAR_LENGTH);
  if (rc == 0 && (data = build_data (message, length)) == NULL)
    rc = GPG_ERR_INV_OBJ;
  if (rc == 0)
    rc = gcry_pk_verify (signature, data, key);
  gcry_sexp_release (key);
  gcry_sexp_release (data);
  gcry_sexp_release (signature);
  if (rc == 0)
    return TRUE;
  g_set_error_literal (error, RUHU_DEVICE_KEY_ERROR, RUHU_DEVICE_KEY_ERROR_BAD_SIGNATURE,
                       _("The digital signature does not match what was signed"));
  return FALSE;
}
