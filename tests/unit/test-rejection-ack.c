/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-rejection-ack.h"
#include "test-util.h"

#define HOUSEHOLD "6f1c1d2e-8a51-4c1e-9d77-1b2a3c4d5e6f"

static RuhuOp *
write_and_reject (RuhuStore  *store,
                  const char *address,
                  const char *reason)
{
  g_autoptr(JsonNode) value = test_text (address);
  g_autoptr(GError) error = NULL;
  RuhuOp *op = ruhu_store_write (store, HOUSEHOLD, "household", HOUSEHOLD, NULL, "address", value,
                                 "zhang.wei", &error);

  g_assert_no_error (error);
  g_assert_true (ruhu_store_reject (store, op, reason, &error));
  g_assert_no_error (error);
  return op;
}

/* Nothing is read at first; reading one marks that one only, and marking it
 * again changes nothing. The rejections themselves stay. */
static void
test_acknowledge (void)
{
  g_autoptr(RuhuStore) store = test_memory_store (NULL);
  g_autoptr(RuhuOp) first = write_and_reject (store, "一组 1 号", "outside your area");
  g_autoptr(RuhuOp) second = write_and_reject (store, "二组 2 号", "sheet locked");
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GPtrArray) rejections = NULL;
  g_autoptr(GError) error = NULL;

  seen = ruhu_rejection_load_acknowledged (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 0);
  g_clear_pointer (&seen, g_hash_table_unref);

  g_assert_true (ruhu_rejection_acknowledge (store, first->version, &error));
  g_assert_true (ruhu_rejection_acknowledge (store, first->version, &error));
  g_assert_no_error (error);
  seen = ruhu_rejection_load_acknowledged (store, &error);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 1);
  g_assert_true (g_hash_table_contains (seen, first->version));
  g_assert_false (g_hash_table_contains (seen, second->version));

  rejections = ruhu_store_list_rejections (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rejections->len, ==, 2);
}

/* What was read survives a restart, in an encrypted store too. */
static void
test_survives_reopen (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "device.db", NULL);
  g_autoptr(RuhuStore) store = NULL;
  g_autoptr(RuhuOp) op = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;

  store = ruhu_store_open (path, RUHU_STORE_OPEN_CREATE, "secret", &test_kdf, &error);
  g_assert_no_error (error);
  op = write_and_reject (store, "三组 3 号", "refused");
  version = g_strdup (op->version);
  g_assert_true (ruhu_rejection_acknowledge (store, version, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = ruhu_store_open (path, RUHU_STORE_OPEN_DEFAULT, "secret", &test_kdf, &error);
  g_assert_no_error (error);
  seen = ruhu_rejection_load_acknowledged (store, &error);
  g_assert_no_error (error);
  g_assert_true (g_hash_table_contains (seen, version));
  g_clear_object (&store);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ruhu/rejection-ack/acknowledge", test_acknowledge);
  g_test_add_func ("/ruhu/rejection-ack/survives-reopen", test_survives_reopen);
  return g_test_run ();
}
