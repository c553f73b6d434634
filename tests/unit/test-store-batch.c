/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "test-util.h"

/* What a batch tells its last step about the feed positions it took, which
 * a push's answer passes on to the device (docs/protocol.md), and the
 * device's outbox acknowledged together with its cursor. */

#define CASE_ID "0e0c8c4a-2f7b-4f3e-8a6d-5b4c3d2e1f00"
#define MEMBER  "6f1c2b1e-3d4a-4c5b-9e6f-0a1b2c3d4e5f"

typedef struct
{
  gint64   before;
  gint64   newest;
  gboolean fail;  /* roll the batch back after reading the span */
} Span;

static gboolean
read_span (RuhuStore  *store,
           GPtrArray  *ops,
           GArray     *results,
           gpointer    user_data,
           GError    **error)
{
  Span *span = user_data;

  if (!ruhu_store_batch_feed_span (store, &span->before, &span->newest, error))
    return FALSE;
  if (span->fail)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the audit log is full");
  return !span->fail;
}

static GPtrArray *
batch_of (guint        n,
          const char  *first_stamp)
{
  GPtrArray *ops = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_op_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *field = g_strdup_printf ("income_%u", i);
      g_autofree char *version = g_strdup_printf ("%s%u@remote", first_stamp, i);
      g_autoptr(JsonNode) value = test_int (i);
      g_autoptr(GError) error = NULL;

      g_ptr_array_add (ops, ruhu_op_new (id, MEMBER, "member", CASE_ID, NULL, field, value,
                                         version, NULL, "remote", &error));
      g_assert_no_error (error);
    }
  return ops;
}

static void
apply_reading_span (RuhuStore *store,
                    GPtrArray *ops,
                    Span      *span)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = ruhu_store_apply_full (store, ops, NULL, NULL, read_span, span, NULL, &error);

  g_assert_true (ok == !span->fail);
  if (span->fail)
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  else
    g_assert_no_error (error);
}

/* A batch rolled back leaves its positions unused: the next batch's span
 * starts after the newest version that exists, and a batch of duplicates
 * takes none. */
static void
test_feed_span (TestStoreFile *fixture,
                gconstpointer  data)
{
  g_autoptr(RuhuStore) store = test_store_file_open (fixture, NULL);
  g_autoptr(GPtrArray) first = batch_of (3, "018bcfe56800.000");
  g_autoptr(GPtrArray) lost = batch_of (2, "018bcfe56801.000");
  g_autoptr(GPtrArray) third = batch_of (1, "018bcfe56802.000");
  Span span = { -1, -1, FALSE };
  gint64 newest = -1;

  apply_reading_span (store, first, &span);
  g_assert_cmpint (span.before, ==, 0);
  g_assert_cmpint (span.newest, ==, 3);

  span = (Span) { -1, -1, TRUE };
  apply_reading_span (store, lost, &span);
  g_assert_cmpint (span.before, ==, 3);
  g_assert_cmpint (span.newest, ==, 5);

  span = (Span) { -1, -1, FALSE };
  apply_reading_span (store, third, &span);
  g_assert_cmpint (span.before, ==, 3);
  g_assert_cmpint (span.newest, >, 3);
  g_assert_true (ruhu_store_newest_seq (store, &newest, NULL));
  g_assert_cmpint (span.newest, ==, newest);

  span = (Span) { -1, -1, FALSE };
  apply_reading_span (store, first, &span);
  g_assert_cmpint (span.before, ==, newest);
  g_assert_cmpint (span.newest, ==, newest);
}

/* The acknowledgement and the setting commit together, or neither. */
static void
test_ack_with_setting (TestStoreFile *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) store = test_store_file_open (fixture, NULL);
  g_autoptr(JsonNode) value = test_int (1200);
  g_autoptr(RuhuOp) op = ruhu_store_write (store, MEMBER, "member", CASE_ID, NULL, "income_0",
                                           value, "li.na", &error);
  const char *acked[] = { op->version, NULL };
  g_autofree char *cursor = NULL;

  g_assert_no_error (error);
  g_assert_true (ruhu_store_outbox_ack_full (store, acked, "sync.cursor", "42", &error));
  g_assert_no_error (error);
  g_assert_cmpint (ruhu_store_outbox_count (store, NULL), ==, 0);
  cursor = ruhu_store_get_setting (store, "sync.cursor", &error);
  g_assert_cmpstr (cursor, ==, "42");

  /* A setting that cannot be written fails the whole acknowledgement. */
  g_clear_pointer (&op, ruhu_op_unref);
  op = ruhu_store_write (store, MEMBER, "member", CASE_ID, NULL, "income_1", value, "li.na",
                         &error);
  g_assert_no_error (error);
  acked[0] = op->version;
  g_clear_object (&store);
  test_store_file_sql (fixture, "CREATE TRIGGER no_meta BEFORE INSERT ON meta"
                                " BEGIN SELECT RAISE (ABORT, 'simulated disk failure'); END");
  store = test_store_file_open (fixture, NULL);
  g_assert_false (ruhu_store_outbox_ack_full (store, acked, "sync.cursor", "43", &error));
  g_assert_nonnull (error);
  g_assert_cmpint (ruhu_store_outbox_count (store, NULL), ==, 1);
}

static void
write_int (RuhuStore  *store,
           const char *field,
           gint64      value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = test_int (value);
  g_autoptr(RuhuOp) op = ruhu_store_write (store, MEMBER, "member", CASE_ID, NULL, field, node,
                                           "local", &error);

  g_assert_no_error (error);
  g_assert_nonnull (op);
}

static guint
n_heads (RuhuStore  *store,
         const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) heads = ruhu_store_get_heads (store, MEMBER, field, &error);

  g_assert_no_error (error);
  return heads->len;
}

/* Applies everything @from has to @to one operation per batch. */
static void
copy_one_by_one (RuhuStore *from,
                 RuhuStore *to)
{
  g_autoptr(GError) error = NULL;
  gint64 last = 0;
  g_autoptr(GPtrArray) ops = ruhu_store_feed_since (from, 0, G_MAXUINT, &last, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < ops->len; i++)
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new ();
      g_autoptr(GArray) results = NULL;

      g_ptr_array_add (one, g_ptr_array_index (ops, i));
      g_assert_true (ruhu_store_apply (to, one, &results, &error));
      g_assert_no_error (error);
    }
}

/* A batch that makes an entity and writes one of its fields twice reads
 * the first version back for the second, as from the database: versions
 * written one after the other settle, concurrent ones conflict, exactly as
 * when applied one by one. */
static void
test_fresh_entity_field_twice (TestStoreFile *fixture,
                               gconstpointer  data)
{
  g_autoptr(RuhuStore) a = test_memory_store (NULL);
  g_autoptr(RuhuStore) b = test_memory_store (NULL);
  g_autoptr(RuhuStore) batched = test_memory_store (NULL);
  g_autoptr(RuhuStore) one_by_one = test_memory_store (NULL);

  write_int (a, "income_wage", 1);
  write_int (a, "income_farm", 5);
  write_int (a, "income_wage", 2);
  write_int (b, "income_wage", 3);

  g_assert_cmpuint (test_copy_feed (a, batched), ==, 3);
  g_assert_cmpuint (n_heads (batched, "income_wage"), ==, 1);
  g_assert_cmpint (test_get_int (batched, MEMBER, "income_wage"), ==, 2);
  g_assert_cmpuint (test_copy_feed (b, batched), ==, 1);
  g_assert_cmpuint (n_heads (batched, "income_wage"), ==, 2);

  copy_one_by_one (a, one_by_one);
  copy_one_by_one (b, one_by_one);
  test_assert_same_state (batched, one_by_one);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/ruhu/store-batch/" path, TestStoreFile, NULL, test_store_file_setup, func, \
              test_store_file_teardown)
  ADD ("feed-span", test_feed_span);
  ADD ("ack-with-setting", test_ack_with_setting);
  ADD ("fresh-entity-field-twice", test_fresh_entity_field_twice);
#undef ADD
  return g_test_run ();
}
