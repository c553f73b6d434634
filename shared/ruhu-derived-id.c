/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-derived-id.h"

/* Ruhu's name space for derived ids (itself a random UUID): ids made from
 * the same base and purpose elsewhere cannot collide with ours. */
static const guint8 name_space[16] = {
  0x5c, 0x2e, 0x8b, 0x41, 0x7d, 0x0a, 0x4f, 0x3e,
  0x9a, 0x61, 0xc4, 0x27, 0x13, 0xb8, 0x6f, 0xd2,
};

/**
 * ruhu_derived_id:
 * @base: the id the new one follows from, e.g. a discovery report's
 * @purpose: what the new entity is to @base, e.g. "application"
 *
 * Derives a UUID from @base and @purpose the way RFC 4122 version 5 does
 * (SHA-1 of a name space and a name), so every device derives the same one.
 *
 * Returns: (transfer full): the id, a lower-case UUID string
 */
char *
ruhu_derived_id (const char *base,
                 const char *purpose)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize length = sizeof digest;

  g_return_val_if_fail (base != NULL && purpose != NULL, NULL);

  g_checksum_update (checksum, name_space, sizeof name_space);
  /* The separator keeps ("ab", "c") and ("a", "bc") apart. */
  g_checksum_update (checksum, (const guchar *) base, strlen (base));
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) purpose, strlen (purpose));
  g_checksum_get_digest (checksum, digest, &length);
  digest[6] = (digest[6] & 0x0f) | 0x50;  /* version 5 */
  digest[8] = (digest[8] & 0x3f) | 0x80;  /* the RFC 4122 variant */
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}
