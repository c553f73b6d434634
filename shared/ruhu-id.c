/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-id.h"

/* Every store keys its versions by entity id first. With random (version
 * 4) ids each new entity lands at a random place of that b-tree, and a
 * first sync of thousands of cases dirties and rewrites pages all over the
 * file. Ids that start with the time they were made land at its end, next
 * to the entities made just before, as SQLite's own row ids would. The
 * time an entity was made is no secret kept from anyone who sees the id:
 * its first versions carry the same clock. */

/**
 * ruhu_id_format:
 * @unix_ms: milliseconds since 1970 (only the low 48 bits are used)
 * @random_bytes: 16 bytes; the first 6 and the version and variant bits
 *   are overwritten
 *
 * Returns: (transfer full): a version 7 UUID in its usual text form
 */
char *
ruhu_id_format (gint64        unix_ms,
                const guint8  random_bytes[16])
{
  guint8 b[16];

  memcpy (b, random_bytes, sizeof b);
  for (guint i = 0; i < 6; i++)
    b[i] = (guint8) ((guint64) unix_ms >> (8 * (5 - i)));
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                          b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

/**
 * ruhu_id_new:
 *
 * Returns: (transfer full): a new entity id, made now
 */
char *
ruhu_id_new (void)
{
  guint8 bytes[16];

  for (guint i = 0; i < sizeof bytes; i += 4)
    {
      guint32 r = g_random_int ();

      memcpy (bytes + i, &r, 4);
    }
  return ruhu_id_format (g_get_real_time () / 1000, bytes);
}

/**
 * ruhu_id_is_valid:
 * @text: (nullable): what may be an id
 *
 * Whether @text is a UUID in its textual form, of any version, in either
 * case: what g_uuid_string_is_valid() accepts. That one decodes the bytes
 * on the way and costs more than the rest of checking an operation, of
 * which every push and pull page checks thousands.
 */
gboolean
ruhu_id_is_valid (const char *text)
{
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < 36; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (text[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isxdigit (text[i]))
        return FALSE;
    }
  return text[36] == '\0';
}
