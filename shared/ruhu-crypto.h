/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RUHU_CRYPTO_ERROR (ruhu_crypto_error_quark ())

typedef enum
{
  RUHU_CRYPTO_ERROR_FAILED,
  RUHU_CRYPTO_ERROR_AUTHENTICATION,
  RUHU_CRYPTO_ERROR_FORMAT,
} RuhuCryptoError;

#define RUHU_KEY_LENGTH   32
#define RUHU_SALT_LENGTH  16
#define RUHU_NONCE_LENGTH 12
#define RUHU_TAG_LENGTH   16
#define RUHU_SEAL_OVERHEAD (RUHU_NONCE_LENGTH + RUHU_TAG_LENGTH)

/* Argon2id cost. The defaults suit a tablet: about a third of a second. */
typedef struct
{
  guint32 iterations;
  guint32 memory_kib;
  guint32 parallelism;
} RuhuKdfParams;

#define RUHU_KDF_DEFAULT_ITERATIONS  3
#define RUHU_KDF_DEFAULT_MEMORY_KIB  (64 * 1024)
#define RUHU_KDF_DEFAULT_PARALLELISM 1

typedef struct _RuhuAead RuhuAead;

GQuark    ruhu_crypto_error_quark (void);
void      ruhu_crypto_init        (void);
void      ruhu_random_bytes       (guint8               *out,
                                   gsize                 length);
gboolean  ruhu_kdf_derive         (const char           *passphrase,
                                   const guint8         *salt,
                                   gsize                 salt_length,
                                   const RuhuKdfParams  *params,
                                   guint8               *key,
                                   GError              **error);

RuhuAead *ruhu_aead_new           (const guint8         *key,
                                   GError              **error);
void      ruhu_aead_free          (RuhuAead             *aead);
guint8   *ruhu_aead_seal          (RuhuAead             *aead,
                                   const void           *aad,
                                   gsize                 aad_length,
                                   const void           *plain,
                                   gsize                 plain_length,
                                   gsize                *sealed_length,
                                   GError              **error);
guint8   *ruhu_aead_open          (RuhuAead             *aead,
                                   const void           *aad,
                                   gsize                 aad_length,
                                   const guint8         *sealed,
                                   gsize                 sealed_length,
                                   gsize                *plain_length,
                                   GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuAead, ruhu_aead_free)

G_END_DECLS
