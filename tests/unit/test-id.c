/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-id.h"

/* Entity ids: version 7 UUIDs that sort by the time they were made. */

static void
test_format_layout (void)
{
  guint8 bytes[16];
  g_autofree char *id = NULL;

  memset (bytes, 0xff, sizeof bytes);
  /* 2025-06-16 09:00 +08:00, the demo's clock. */
  id = ruhu_id_format (G_GINT64_CONSTANT (1750035600000), bytes);
  g_assert_cmpstr (id, ==, "01977640-1280-7fff-bfff-ffffffffffff");
  g_assert_true (g_uuid_string_is_valid (id));

  memset (bytes, 0, sizeof bytes);
  g_clear_pointer (&id, g_free);
  id = ruhu_id_format (0, bytes);
  g_assert_cmpstr (id, ==, "00000000-0000-7000-8000-000000000000");
}

static void
test_later_sorts_later (void)
{
  guint8 low[16], high[16];
  g_autofree char *earlier = NULL;
  g_autofree char *later = NULL;

  /* The random part never outweighs one millisecond. */
  memset (low, 0, sizeof low);
  memset (high, 0xff, sizeof high);
  earlier = ruhu_id_format (G_GINT64_CONSTANT (1750035600000), high);
  later = ruhu_id_format (G_GINT64_CONSTANT (1750035600001), low);
  g_assert_cmpint (strcmp (earlier, later), <, 0);
}

static void
test_new_ids (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 before = g_get_real_time () / 1000;
  g_autofree char *first = ruhu_id_new ();
  g_autofree char *prefix = NULL;
  gint64 stamp;

  /* The first 48 bits are the clock when it was made. */
  prefix = g_strndup (first, 8);
  stamp = (gint64) g_ascii_strtoull (prefix, NULL, 16) << 16 |
          (gint64) g_ascii_strtoull (first + 9, NULL, 16);
  g_assert_cmpint (stamp, >=, before);
  g_assert_cmpint (stamp, <=, g_get_real_time () / 1000);
  g_assert_cmpint (first[14], ==, '7');
  g_assert_nonnull (strchr ("89ab", first[19]));

  for (guint i = 0; i < 10000; i++)
    {
      char *id = ruhu_id_new ();

      g_assert_true (g_uuid_string_is_valid (id));
      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, id);
    }
}

/* What GLib accepts, on a valid id changed at every position, cut short
 * and made longer. */
static void
test_is_valid (void)
{
  static const char id[] = "018bcfe5-6800-7a2b-9c3d-4e5f6a7b8c9D";
  static const char changes[] = "-0aFgG z\x01";

  g_assert_true (ruhu_id_is_valid (id));
  g_assert_false (ruhu_id_is_valid (NULL));
  g_assert_false (ruhu_id_is_valid (""));
  for (gsize length = 0; length <= sizeof id; length++)
    {
      g_autofree char *cut = g_strndup (id, length);
      g_autofree char *longer = g_strdup_printf ("%s%.*s", id, (int) length, id);

      g_assert_cmpint (ruhu_id_is_valid (cut), ==, g_uuid_string_is_valid (cut));
      g_assert_cmpint (ruhu_id_is_valid (longer), ==, g_uuid_string_is_valid (longer));
    }
  for (gsize i = 0; i < sizeof id - 1; i++)
    for (const char *c = changes; *c != '\0'; c++)
      {
        char text[sizeof id];

        memcpy (text, id, sizeof id);
        text[i] = *c;
        g_assert_cmpint (ruhu_id_is_valid (text), ==, g_uuid_string_is_valid (text));
      }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ruhu/id/format-layout", test_format_layout);
  g_test_add_func ("/ruhu/id/is-valid", test_is_valid);
  g_test_add_func ("/ruhu/id/later-sorts-later", test_later_sorts_later);
  g_test_add_func ("/ruhu/id/new-ids", test_new_ids);
  return g_test_run ();
}
