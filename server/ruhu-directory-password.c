/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "ruhu-directory-private.h"

/* Stored passwords read "$argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>"
 * with standard base64: the parameters travel with each hash, so raising
 * the cost later leaves existing passwords working. */
#define ARGON2_VERSION 19

/* Bounds for parameters read back from the database, so a damaged or
 * planted row cannot make one login eat the server's memory. */
#define MAX_MEMORY_KIB  (1024 * 1024)
#define MAX_ITERATIONS  64
#define MAX_LANES       16

/**
 * ruhu_password_hash:
 *
 * Returns: (transfer full): the password's Argon2id hash with a fresh
 *   16-byte salt, in the stored form, or %NULL with @error set
 */
char *
ruhu_password_hash (const char           *password,
                    const RuhuKdfParams  *kdf,
                    GError              **error)
{
  guint8 salt[RUHU_SALT_LENGTH], key[RUHU_KEY_LENGTH];
  g_autofree char *salt64 = NULL;
  g_autofree char *key64 = NULL;

  ruhu_random_bytes (salt, sizeof salt);
  if (!ruhu_kdf_derive (password, salt, sizeof salt, kdf, key, error))
    return NULL;
  salt64 = g_base64_encode (salt, sizeof salt);
  key64 = g_base64_encode (key, sizeof key);
  memset (key, 0, sizeof key);
  return g_strdup_printf ("$argon2id$v=%d$m=%u,t=%u,p=%u$%s$%s", ARGON2_VERSION,
                          kdf->memory_kib, kdf->iterations, kdf->parallelism, salt64, key64);
}

/* Timing must not tell how many leading bytes matched. */
static gboolean
equal_in_constant_time (const guint8 *a,
                        const guint8 *b,
                        gsize         length)
{
  guint8 diff = 0;

  for (gsize i = 0; i < length; i++)
    diff |= a[i] ^ b[i];
  return diff == 0;
}

static gboolean
parse_params (const char     *text,
              RuhuKdfParams  *kdf)
{
  unsigned int m, t, p;
  int end = 0;

  if (sscanf (text, "m=%u,t=%u,p=%u%n", &m, &t, &p, &end) != 3 || text[end] != '\0')
    return FALSE;
  if (m > MAX_MEMORY_KIB || t < 1 || t > MAX_ITERATIONS || p < 1 || p > MAX_LANES)
    return FALSE;
  kdf->memory_kib = m;
  kdf->iterations = t;
  kdf->parallelism = p;
  return TRUE;
}

static gboolean
set_format_error (GError **error)
{
  g_set_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_DATABASE,
               _("A stored password is in an unknown form; the directory may be damaged. "
                 "Set a new password for this user with ruhu-admin."));
  return FALSE;
}

/**
 * ruhu_password_verify:
 * @stored: a string from ruhu_password_hash()
 * @matches: (out): whether @password is the one @stored was made from
 *
 * Returns: %FALSE with @error set only when @stored cannot be read
 */
gboolean
ruhu_password_verify (const char  *password,
                      const char  *stored,
                      gboolean    *matches,
                      GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (stored, "$", -1);
  g_autofree guint8 *salt = NULL;
  g_autofree guint8 *expected = NULL;
  guint8 key[RUHU_KEY_LENGTH];
  RuhuKdfParams kdf;
  gsize salt_length = 0, expected_length = 0;
  g_autofree char *version = g_strdup_printf ("v=%d", ARGON2_VERSION);

  *matches = FALSE;
  if (g_strv_length (parts) != 6 || *parts[0] != '\0' ||
      strcmp (parts[1], "argon2id") != 0 || strcmp (parts[2], version) != 0 ||
      !parse_params (parts[3], &kdf))
    return set_format_error (error);
  salt = g_base64_decode (parts[4], &salt_length);
  expected = g_base64_decode (parts[5], &expected_length);
  if (salt_length < RUHU_SALT_LENGTH || expected_length != RUHU_KEY_LENGTH)
    return set_format_error (error);

  if (!ruhu_kdf_derive (password, salt, salt_length, &kdf, key, error))
    return FALSE;
  *matches = equal_in_constant_time (key, expected, sizeof key);
  memset (key, 0, sizeof key);
  return TRUE;
}
