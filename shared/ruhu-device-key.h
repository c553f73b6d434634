/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-store.h"

G_BEGIN_DECLS

#define RUHU_DEVICE_KEY_ERROR (ruhu_device_key_error_quark ())

/**
 * RuhuDeviceKeyError:
 * @RUHU_DEVICE_KEY_ERROR_FAILED: libgcrypt could not make or use the key
 * @RUHU_DEVICE_KEY_ERROR_DAMAGED: the key kept in the store cannot be read
 * @RUHU_DEVICE_KEY_ERROR_BAD_KEY: a public key that is not 32 bytes in base64
 * @RUHU_DEVICE_KEY_ERROR_BAD_SIGNATURE: the signature does not match
 *
 * Why signing or checking a signature failed.
 */
typedef enum
{
  RUHU_DEVICE_KEY_ERROR_FAILED,
  RUHU_DEVICE_KEY_ERROR_DAMAGED,
  RUHU_DEVICE_KEY_ERROR_BAD_KEY,
  RUHU_DEVICE_KEY_ERROR_BAD_SIGNATURE,
} RuhuDeviceKeyError;

#define RUHU_ED25519_PUBLIC_KEY_LENGTH 32
#define RUHU_ED25519_SIGNATURE_LENGTH  64

/* The store setting that holds the key pair; sealed with the data key when
 * the store is encrypted. */
#define RUHU_DEVICE_KEY_SETTING "device.signing_key"

/* This device's Ed25519 key: made once per device store, the private half
 * kept only in the store's (sealed) settings and in secure memory. */
typedef struct _RuhuDeviceKey RuhuDeviceKey;

GQuark         ruhu_device_key_error_quark        (void);
RuhuDeviceKey *ruhu_device_key_load               (RuhuStore      *store,
                                                   GError        **error);
RuhuDeviceKey *ruhu_device_key_new_from_secret    (const guint8   *secret,
                                                   GError        **error);
void           ruhu_device_key_free               (RuhuDeviceKey  *self);
char          *ruhu_device_key_get_public_base64  (RuhuDeviceKey  *self);
char          *ruhu_device_key_sign               (RuhuDeviceKey  *self,
                                                   const guint8   *message,
                                                   gsize           length,
                                                   GError        **error);
gboolean       ruhu_device_key_verify             (const char     *public_base64,
                                                   const guint8   *message,
                                                   gsize           length,
                                                   const char     *signature_base64,
                                                   GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuDeviceKey, ruhu_device_key_free)

G_END_DECLS
