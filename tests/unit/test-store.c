/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-json.h"
#include "test-util.h"

#define CASE_ID   "0e0c8c4a-2f7b-4f3e-8a6d-5b4c3d2e1f00"
#define HOUSEHOLD "6f1c2b1e-3d4a-4c5b-9e6f-0a1b2c3d4e5f"
#define MEMBER    "1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b"
#define ACTOR     "zhang.wei"
#define SECRET_NAME "王秀英"
#define SECRET_ID   "500109195803143228"

typedef TestStoreFile StoreFixture;

static void
write_household (RuhuStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) name = test_text (SECRET_NAME);
  g_autoptr(JsonNode) id_number = test_text (SECRET_ID);
  g_autoptr(RuhuOp) op1 = NULL;
  g_autoptr(RuhuOp) op2 = NULL;

  op1 = ruhu_store_write (store, HOUSEHOLD, "household", CASE_ID, NULL, "head_name", name,
                          ACTOR, &error);
  g_assert_no_error (error);
  op2 = ruhu_store_write (store, MEMBER, "member", CASE_ID, HOUSEHOLD, "id_number", id_number,
                          ACTOR, &error);
  g_assert_no_error (error);
}

static char *
read_file (const char *path,
           gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  gsize length;
  g_autofree char *contents = read_file (path, &length);

  gsize needle_length = strlen (needle);

  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (contents + i, needle, needle_length) == 0)
      return TRUE;
  return FALSE;
}

/* Opening must fail with @code and leave the file byte for byte as it was. */
static void
assert_open_refused (const char *path,
                     const char *passphrase,
                     int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) store = NULL;
  gsize before_length, after_length;
  g_autofree char *before = read_file (path, &before_length);
  g_autofree char *after = NULL;

  store = ruhu_store_open (path, RUHU_STORE_OPEN_CREATE, passphrase, &test_kdf, &error);
  g_assert_null (store);
  g_assert_error (error, RUHU_STORE_ERROR, code);
  /* Problems with the file name it; passphrase problems speak to the user. */
  if (code != RUHU_STORE_ERROR_PASSPHRASE_REQUIRED && code != RUHU_STORE_ERROR_WRONG_PASSPHRASE)
    g_assert_nonnull (strstr (error->message, path));

  after = read_file (path, &after_length);
  g_assert_cmpmem (before, before_length, after, after_length);
}

static void
test_reopen_keeps_everything (StoreFixture  *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) store = test_store_file_open (fixture, NULL);
  g_autofree char *device = g_strdup (ruhu_store_get_device_id (store));
  g_autofree char *dump = NULL;
  g_autofree char *dump_again = NULL;

  write_household (store);
  dump = ruhu_store_dump (store, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  store = ruhu_store_open (fixture->path, RUHU_STORE_OPEN_DEFAULT, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ruhu_store_get_device_id (store), ==, device);
  g_assert_cmpint (ruhu_store_outbox_count (store, NULL), ==, 2);
  dump_again = ruhu_store_dump (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dump, ==, dump_again);
  g_assert_true (ruhu_store_check (store, &error));
  g_assert_no_error (error);
}

static void
test_missing_file (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) store = ruhu_store_open (fixture->path, RUHU_STORE_OPEN_DEFAULT, NULL,
                                                NULL, &error);

  g_assert_null (store);
  g_assert_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
test_refuses_text_file (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autofree char *corpus = g_test_build_filename (G_TEST_DIST, "data", "json-test-suite",
                                                   "y_object_long_strings.json", NULL);
  g_autofree char *contents = read_file (corpus, NULL);

  g_assert_true (g_file_set_contents (fixture->path, contents, -1, NULL));
  assert_open_refused (fixture->path, NULL, RUHU_STORE_ERROR_NOT_RUHU);
}

static void
test_refuses_other_database (StoreFixture  *fixture,
                             gconstpointer  data)
{
  test_store_file_sql (fixture, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x')");
  assert_open_refused (fixture->path, NULL, RUHU_STORE_ERROR_NOT_RUHU);
}

static void
test_refuses_newer_schema (StoreFixture  *fixture,
                           gconstpointer  data)
{
  g_autoptr(RuhuStore) store = test_store_file_open (fixture, NULL);

  write_household (store);
  g_clear_object (&store);
  test_store_file_sql (fixture, "PRAGMA user_version = 99");
  assert_open_refused (fixture->path, NULL, RUHU_STORE_ERROR_TOO_NEW);
}

static void
corrupt_bytes (const char *path,
               gsize       offset,
               gsize       count)
{
  gsize length;
  g_autofree char *contents = read_file (path, &length);

  g_assert_cmpuint (offset + count, <=, length);
  for (gsize i = 0; i < count; i++)
    contents[offset + i] ^= 0x5a;
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

static void
checkpoint (StoreFixture *fixture)
{
  test_store_file_sql (fixture, "PRAGMA wal_checkpoint(TRUNCATE)");
}

static void
test_refuses_damaged_pages (StoreFixture  *fixture,
                            gconstpointer  data)
{
  g_autoptr(RuhuStore) store = test_store_file_open (fixture, NULL);
  g_autofree char *header = NULL;
  guint page_size;

  for (int i = 0; i < 50; i++)
    write_household (store);
  g_clear_object (&store);
  checkpoint (fixture);

  /* Page 2 is the root of a table: scramble all of it, b-tree header too.
   * The header says where it starts (test-store-file checks the size). */
  header = read_file (fixture->path, NULL);
  page_size = ((guint8) header[16] << 8) | (guint8) header[17];
  corrupt_bytes (fixture->path, page_size, page_size);
  assert_open_refused (fixture->path, NULL, RUHU_STORE_ERROR_CORRUPT);
}

static void
test_refuses_damaged_header (StoreFixture  *fixture,
                             gconstpointer  data)
{
  g_autoptr(RuhuStore) store = test_store_file_open (fixture, NULL);

  write_household (store);
  g_clear_object (&store);
  checkpoint (fixture);
  corrupt_bytes (fixture->path, 0, 16);
  assert_open_refused (fixture->path, NULL, RUHU_STORE_ERROR_NOT_RUHU);
}

static void
test_empty_file_becomes_store (StoreFixture  *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) store = NULL;

  g_assert_true (g_file_set_contents (fixture->path, "", 0, NULL));
  store = ruhu_store_open (fixture->path, RUHU_STORE_OPEN_DEFAULT, NULL, NULL, &error);
  g_assert_no_error (error);
  write_household (store);
}

static void
test_encrypted_at_rest (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) store = test_store_file_open (fixture, "correct horse battery staple");
  g_autoptr(JsonNode) value = NULL;

  g_assert_true (ruhu_store_is_encrypted (store));
  write_household (store);
  g_clear_object (&store);
  checkpoint (fixture);

  /* A stolen file shows no names and no ID numbers. */
  g_assert_false (file_contains (fixture->path, SECRET_NAME));
  g_assert_false (file_contains (fixture->path, SECRET_ID));

  assert_open_refused (fixture->path, NULL, RUHU_STORE_ERROR_PASSPHRASE_REQUIRED);
  assert_open_refused (fixture->path, "wrong horse", RUHU_STORE_ERROR_WRONG_PASSPHRASE);

  store = ruhu_store_open (fixture->path, RUHU_STORE_OPEN_DEFAULT, "correct horse battery staple",
                           NULL, &error);
  g_assert_no_error (error);
  value = ruhu_store_get_value (store, MEMBER, "id_number", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (value), ==, SECRET_ID);
}

static void
test_plain_store_stores_clear (StoreFixture  *fixture,
                               gconstpointer  data)
{
  g_autoptr(RuhuStore) store = test_store_file_open (fixture, NULL);

  g_assert_false (ruhu_store_is_encrypted (store));
  write_household (store);
  g_clear_object (&store);
  checkpoint (fixture);
  /* The control for the test above: the needle is findable when in clear. */
  g_assert_true (file_contains (fixture->path, SECRET_ID));
  assert_open_refused (fixture->path, "a passphrase", RUHU_STORE_ERROR_NOT_ENCRYPTED);
}

static void
test_change_passphrase (StoreFixture  *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) store = test_store_file_open (fixture, "old phrase");
  g_autoptr(JsonNode) value = NULL;

  write_household (store);
  g_assert_false (ruhu_store_change_passphrase (store, "not it", "new phrase", &test_kdf, &error));
  g_assert_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (ruhu_store_change_passphrase (store, "old phrase", "new phrase", &test_kdf, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  assert_open_refused (fixture->path, "old phrase", RUHU_STORE_ERROR_WRONG_PASSPHRASE);
  store = ruhu_store_open (fixture->path, RUHU_STORE_OPEN_DEFAULT, "new phrase", NULL, &error);
  g_assert_no_error (error);
  value = ruhu_store_get_value (store, HOUSEHOLD, "head_name", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (value), ==, SECRET_NAME);
}

static void
test_tampered_value_detected (StoreFixture  *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) store = test_store_file_open (fixture, "phrase");
  g_autoptr(JsonNode) value = NULL;

  write_household (store);
  g_clear_object (&store);

  /* Move the ID number's ciphertext onto the name: bound to another field,
   * it must not open. */
  test_store_file_sql (fixture,
                       "UPDATE versions SET value ="
                       " (SELECT value FROM versions WHERE field = 'id_number')"
                       " WHERE field = 'head_name'");
  store = ruhu_store_open (fixture->path, RUHU_STORE_OPEN_DEFAULT, "phrase", NULL, &error);
  g_assert_no_error (error);
  value = ruhu_store_get_value (store, HOUSEHOLD, "head_name", &error);
  g_assert_null (value);
  g_assert_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* The untouched value still reads. */
  value = ruhu_store_get_value (store, MEMBER, "id_number", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (value), ==, SECRET_ID);
}

static void
test_outbox_and_feed (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) store = test_store_file_open (fixture, NULL);
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GPtrArray) feed = NULL;
  g_autoptr(GPtrArray) rest = NULL;
  const char *acked[2] = { NULL, NULL };
  gint64 cursor = 0;

  write_household (store);
  outbox = ruhu_store_outbox_peek (store, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->len, ==, 2);
  g_assert_cmpstr (((RuhuOp *) outbox->pdata[0])->field, ==, "head_name");
  g_assert_cmpstr (((RuhuOp *) outbox->pdata[1])->parent, ==, HOUSEHOLD);

  acked[0] = ((RuhuOp *) outbox->pdata[0])->version;
  g_assert_true (ruhu_store_outbox_ack (store, acked, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ruhu_store_outbox_count (store, NULL), ==, 1);

  feed = ruhu_store_feed_since (store, 0, 1, &cursor, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feed->len, ==, 1);
  g_assert_cmpint (cursor, >, 0);
  rest = ruhu_store_feed_since (store, cursor, 100, &cursor, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rest->len, ==, 1);
  g_assert_cmpstr (((RuhuOp *) rest->pdata[0])->field, ==, "id_number");
}

static void
test_history_keeps_every_version (StoreFixture  *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) store = test_store_file_open (fixture, NULL);
  g_autoptr(GPtrArray) history = NULL;

  for (int i = 1; i <= 3; i++)
    {
      g_autoptr(JsonNode) wage = test_int (i * 100000);
      g_autoptr(RuhuOp) op = ruhu_store_write (store, MEMBER, "member", CASE_ID, NULL,
                                               "income_wage", wage, i == 2 ? "li.na" : ACTOR,
                                               &error);
      g_assert_no_error (error);
    }
  history = ruhu_store_get_history (store, MEMBER, "income_wage", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_cmpstr (((RuhuOp *) history->pdata[1])->actor, ==, "li.na");
  g_assert_cmpstr (((RuhuOp *) history->pdata[2])->device, ==, ruhu_store_get_device_id (store));
  g_assert_cmpint (json_node_get_int (((RuhuOp *) history->pdata[0])->value), ==, 100000);
  /* Each later version names the one before: no conflict. */
  g_assert_cmpstr (((RuhuOp *) history->pdata[2])->bases[0], ==,
                   ((RuhuOp *) history->pdata[1])->version);
  g_assert_cmpint (test_get_int (store, MEMBER, "income_wage"), ==, 300000);
}

static void
test_write_errors (StoreFixture  *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) store = test_store_file_open (fixture, NULL);
  g_autoptr(JsonNode) value = test_int (1);
  g_autoptr(RuhuOp) op = NULL;

  op = ruhu_store_write (store, MEMBER, NULL, NULL, NULL, "age", value, ACTOR, &error);
  g_assert_null (op);
  g_assert_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_NO_SUCH_ENTITY);
  g_clear_error (&error);

  op = ruhu_store_write (store, MEMBER, "member", CASE_ID, NULL, "_deleted", value, ACTOR, &error);
  g_assert_null (op);
  g_assert_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_INVALID_OP);
  g_clear_error (&error);

  op = ruhu_store_write (store, MEMBER, "Member", CASE_ID, NULL, "age", value, ACTOR, &error);
  g_assert_null (op);
  g_assert_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_INVALID_OP);
  g_clear_error (&error);

  op = ruhu_store_set_deleted (store, MEMBER, TRUE, ACTOR, &error);
  g_assert_null (op);
  g_assert_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_NO_SUCH_ENTITY);
  g_assert_cmpint (ruhu_store_outbox_count (store, NULL), ==, 0);
}

static gint64 fake_now;

static void
test_clock_survives_restart_backwards (StoreFixture  *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) store = test_store_file_open (fixture, NULL);
  g_autoptr(JsonNode) value = test_int (1);
  g_autoptr(RuhuOp) first = NULL;
  g_autoptr(RuhuOp) second = NULL;

  fake_now = 1800000000000;
  test_set_fake_clock (store, &fake_now);
  first = ruhu_store_write (store, MEMBER, "member", CASE_ID, NULL, "age", value, ACTOR, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* The tablet restarts with its clock a day behind. */
  store = ruhu_store_open (fixture->path, RUHU_STORE_OPEN_DEFAULT, NULL, NULL, &error);
  g_assert_no_error (error);
  fake_now -= 24 * 3600 * 1000;
  test_set_fake_clock (store, &fake_now);
  second = ruhu_store_write (store, MEMBER, NULL, NULL, NULL, "age", value, ACTOR, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ruhu_version_compare (first->version, second->version), <, 0);
}

static RuhuOp *
make_op (const char *entity,
         const char *field,
         const char *version,
         gint64      value)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(JsonNode) node = test_int (value);
  g_autoptr(GError) error = NULL;
  RuhuOp *op = ruhu_op_new (id, entity, "member", CASE_ID, NULL, field, node, version, NULL,
                            "remote", &error);

  g_assert_no_error (error);
  return op;
}

static void
test_batch_is_one_transaction (StoreFixture  *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) store = test_store_file_open (fixture, NULL);
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_op_unref);
  g_autoptr(GArray) results = NULL;
  g_autofree char *dump = NULL;

  g_clear_object (&store);
  /* Make the database fail on the second operation of the batch. */
  test_store_file_sql (fixture,
                       "CREATE TRIGGER fail_boom BEFORE INSERT ON versions"
                       " WHEN NEW.field = 'boom'"
                       " BEGIN SELECT RAISE (ABORT, 'simulated disk failure'); END");
  store = ruhu_store_open (fixture->path, RUHU_STORE_OPEN_DEFAULT, NULL, NULL, &error);
  g_assert_no_error (error);

  g_ptr_array_add (ops, make_op (MEMBER, "age", "018bcfe56800.0000@remote", 40));
  g_ptr_array_add (ops, make_op (MEMBER, "boom", "018bcfe56801.0000@remote", 1));
  g_ptr_array_add (ops, make_op (HOUSEHOLD, "age", "018bcfe56802.0000@remote", 2));
  g_assert_false (ruhu_store_apply (store, ops, &results, &error));
  g_assert_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "simulated disk failure"));
  g_assert_null (results);

  dump = ruhu_store_dump (store, NULL);
  g_assert_cmpstr (dump, ==, "");
}

static void
test_settings_sealed (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) store = test_store_file_open (fixture, "phrase");
  g_autofree char *missing = NULL;
  g_autofree char *token = NULL;

  missing = ruhu_store_get_setting (store, "sync.token", &error);
  g_assert_no_error (error);
  g_assert_null (missing);
  g_assert_true (ruhu_store_set_setting (store, "sync.token", "secret-bearer-token", &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  checkpoint (fixture);
  g_assert_false (file_contains (fixture->path, "secret-bearer-token"));

  store = ruhu_store_open (fixture->path, RUHU_STORE_OPEN_DEFAULT, "phrase", NULL, &error);
  g_assert_no_error (error);
  token = ruhu_store_get_setting (store, "sync.token", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "secret-bearer-token");
  g_assert_true (ruhu_store_set_setting (store, "sync.token", NULL, &error));
  g_clear_pointer (&token, g_free);
  token = ruhu_store_get_setting (store, "sync.token", &error);
  g_assert_no_error (error);
  g_assert_null (token);
}

static gboolean
only_case (const char *case_id,
           gpointer    user_data)
{
  return g_str_equal (case_id, user_data);
}

static void
test_feed_filtered (StoreFixture  *fixture,
                    gconstpointer  data)
{
  static const char other_case[] = "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d";
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) store = test_store_file_open (fixture, "phrase");
  g_autoptr(GPtrArray) page = NULL;
  gint64 cursor = 0, all = 0;
  gboolean more = TRUE;

  /* Ten versions alternating between two cases. */
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *entity = g_uuid_string_random ();
      g_autoptr(JsonNode) value = test_int (i);
      g_autoptr(RuhuOp) op = ruhu_store_write (store, entity, "member",
                                               i % 2 ? other_case : CASE_ID, NULL, "age", value,
                                               ACTOR, &error);
      g_assert_no_error (error);
    }
  g_ptr_array_unref (ruhu_store_feed_since (store, 0, 100, &all, &error));

  page = ruhu_store_feed_filtered (store, 0, 100, 100, only_case, (gpointer) CASE_ID, &cursor,
                                   &more, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 5);
  for (guint i = 0; i < page->len; i++)
    g_assert_cmpstr (((RuhuOp *) page->pdata[i])->case_id, ==, CASE_ID);
  g_assert_cmpint (cursor, ==, all);  /* past what was skipped too */
  g_assert_false (more);
  g_clear_pointer (&page, g_ptr_array_unref);

  /* A scan budget of 4 versions: 2 of ours, and more to come. */
  page = ruhu_store_feed_filtered (store, 0, 100, 4, only_case, (gpointer) CASE_ID, &cursor,
                                   &more, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_true (more);
  g_clear_pointer (&page, g_ptr_array_unref);

  /* Stopping at the limit leaves the cursor at the last one returned. */
  page = ruhu_store_feed_filtered (store, 0, 1, 100, only_case, (gpointer) CASE_ID, &cursor,
                                   &more, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 1);
  g_assert_true (more);
  g_clear_pointer (&page, g_ptr_array_unref);
  page = ruhu_store_feed_since (store, 0, 1, &all, &error);
  g_assert_cmpint (cursor, ==, all);
}

static gboolean
not_first_version (const char *case_id,
                   const char *version,
                   gpointer    user_data)
{
  return g_strcmp0 (version, user_data) != 0;
}

static gboolean
case_a_or_c (const char *case_id,
             gpointer    user_data)
{
  const char * const *cases = user_data;

  return g_str_equal (case_id, cases[0]) || g_str_equal (case_id, cases[1]);
}

/* Pages of ruhu_store_feed_of_cases() until the end, as one list of versions. */
static GPtrArray *
read_cases_feed (RuhuStore          *store,
                 const char * const *cases,
                 guint               limit,
                 gint64             *cursor)
{
  GPtrArray *versions = g_ptr_array_new_with_free_func (g_free);
  gboolean more = TRUE;

  *cursor = 0;
  while (more)
    {
      g_autoptr(GError) error = NULL;
      gint64 before = *cursor;
      g_autoptr(GPtrArray) page = ruhu_store_feed_of_cases (store, cases, *cursor, G_MAXINT64,
                                                            limit, NULL, NULL, cursor,
                                                            &more, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (page->len, <=, limit);
      g_assert_cmpint (*cursor, >, before);
      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (versions, g_strdup (((RuhuOp *) page->pdata[i])->version));
    }
  return versions;
}

static GPtrArray *
versions_of (GPtrArray *ops)
{
  GPtrArray *versions = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < ops->len; i++)
    g_ptr_array_add (versions, g_strdup (((RuhuOp *) ops->pdata[i])->version));
  return versions;
}

/* The feed of a few cases reads what the whole feed filtered by case reads,
 * in the same order, with the same cursors, through the reader connection
 * or without it. */
static void
test_feed_of_cases (StoreFixture  *fixture,
                    gconstpointer  data)
{
  const char *cases[] = { CASE_ID, "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d", NULL };
  const char *other = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e";
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) store = test_store_file_open (fixture, "phrase");
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autofree char *first = NULL;
  gint64 cursor = 0, all = 0;
  gboolean more = TRUE;

  for (int i = 0; i < 12; i++)
    {
      g_autofree char *entity = g_uuid_string_random ();
      g_autoptr(JsonNode) value = test_int (i);
      const char *case_id = i % 3 == 2 ? other : cases[i % 3];
      g_autoptr(RuhuOp) op = ruhu_store_write (store, entity, "member", case_id, NULL, "age",
                                               value, ACTOR, &error);
      g_assert_no_error (error);
      if (first == NULL)
        first = g_strdup (op->version);
    }
  page = ruhu_store_feed_filtered (store, 0, 100, 100, case_a_or_c, cases, &all, &more, &error);
  g_assert_no_error (error);
  expected = versions_of (page);
  g_assert_cmpuint (expected->len, ==, 8);
  g_clear_pointer (&page, g_ptr_array_unref);

  for (int with_reader = 0; with_reader < 2; with_reader++)
    {
      if (with_reader)
        g_assert_true (ruhu_store_open_reader (store, &error));
      for (guint limit = 1; limit <= 9; limit += 4)
        {
          g_autoptr(GPtrArray) versions = read_cases_feed (store, cases, limit, &cursor);

          g_assert_cmpuint (versions->len, ==, expected->len);
          for (guint i = 0; i < versions->len; i++)
            g_assert_cmpstr (versions->pdata[i], ==, expected->pdata[i]);
          g_assert_cmpint (cursor, ==, all);
        }
    }

  /* The filter leaves a version out; a page that ends early says so. */
  page = ruhu_store_feed_of_cases (store, cases, 0, G_MAXINT64, 100, not_first_version, first,
                                   &cursor, &more, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 7);
  g_assert_false (more);
  g_clear_pointer (&page, g_ptr_array_unref);
  page = ruhu_store_feed_of_cases (store, cases, 0, G_MAXINT64, 3, NULL, NULL, &cursor, &more,
                                   &error);
  g_assert_cmpuint (page->len, ==, 3);
  g_assert_true (more);
  g_clear_pointer (&page, g_ptr_array_unref);

  /* A write after the reader was opened is read through it. */
  {
    g_autoptr(JsonNode) value = test_int (99);
    g_autoptr(RuhuOp) op = ruhu_store_write (store, "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b",
                                             "member", CASE_ID, NULL, "age", value, ACTOR,
                                             &error);
    gint64 newest = 0;

    g_assert_no_error (error);
    page = ruhu_store_feed_of_cases (store, cases, all, G_MAXINT64, 100, NULL, NULL, &cursor,
                                     &more, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (page->len, ==, 1);
    g_assert_cmpstr (((RuhuOp *) page->pdata[0])->version, ==, op->version);
    g_assert_true (ruhu_store_newest_seq (store, &newest, &error));
    g_assert_cmpint (cursor, ==, newest);
    g_assert_cmpint (newest, >, all);
    g_clear_pointer (&page, g_ptr_array_unref);

    /* Bounded where the feed ended before that write: the write is left
     * for the next call, and the cursor stops at the bound. */
    page = ruhu_store_feed_of_cases (store, cases, 0, all, 100, NULL, NULL, &cursor, &more,
                                     &error);
    g_assert_no_error (error);
    g_assert_cmpuint (page->len, ==, expected->len);
    g_assert_cmpint (cursor, ==, all);
    g_assert_false (more);
  }
}

/* Values read back exactly as written, whichever way the store parses them
 * (short scalars without the parser, the rest with it). */
static void
test_values_read_back (StoreFixture  *fixture,
                       gconstpointer  data)
{
  static const char * const values[] = {
    "null", "true", "false", "0", "-7", "42", "9223372036854775807", "-9223372036854775808",
    "1.5", "-0.25", "1e+300", "\"\"", "\"张伟\"", "\"a\\\"b\"", "\"tab\\there\"",
    "\"\\u0001\"", "[1,\"x\"]", "{\"a\":[true,null]}", "\"12\"",
  };
  g_autoptr(RuhuStore) store = test_store_file_open (fixture, NULL);
  g_autofree char *entity = g_uuid_string_random ();

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) value = ruhu_json_parse (values[i], -1, NULL, &error);
      g_autoptr(RuhuOp) op = NULL;
      g_autoptr(JsonNode) back = NULL;
      g_autoptr(GPtrArray) heads = NULL;
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      op = ruhu_store_write (store, entity, i == 0 ? "member" : NULL, i == 0 ? entity : NULL,
                             NULL, "note", value, "zhang.wei", &error);
      g_assert_no_error (error);
      back = ruhu_store_get_value (store, entity, "note", &error);
      g_assert_no_error (error);
      text = ruhu_json_canonical (back);
      g_assert_cmpstr (text, ==, values[i]);
      g_assert_true (json_node_equal (back, value));
      heads = ruhu_store_get_heads (store, entity, "note", &error);
      g_assert_no_error (error);
      g_assert_true (json_node_equal (((RuhuOp *) g_ptr_array_index (heads, 0))->value, value));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/ruhu/store/" path, StoreFixture, NULL, test_store_file_setup, func, test_store_file_teardown)
  ADD ("reopen-keeps-everything", test_reopen_keeps_everything);
  ADD ("missing-file", test_missing_file);
  ADD ("refuses-text-file", test_refuses_text_file);
  ADD ("refuses-other-database", test_refuses_other_database);
  ADD ("refuses-newer-schema", test_refuses_newer_schema);
  ADD ("refuses-damaged-pages", test_refuses_damaged_pages);
  ADD ("refuses-damaged-header", test_refuses_damaged_header);
  ADD ("empty-file-becomes-store", test_empty_file_becomes_store);
  ADD ("encrypted-at-rest", test_encrypted_at_rest);
  ADD ("plain-store-stores-clear", test_plain_store_stores_clear);
  ADD ("change-passphrase", test_change_passphrase);
  ADD ("tampered-value-detected", test_tampered_value_detected);
  ADD ("outbox-and-feed", test_outbox_and_feed);
  ADD ("history-keeps-every-version", test_history_keeps_every_version);
  ADD ("write-errors", test_write_errors);
  ADD ("clock-survives-restart-backwards", test_clock_survives_restart_backwards);
  ADD ("batch-is-one-transaction", test_batch_is_one_transaction);
  ADD ("settings-sealed", test_settings_sealed);
  ADD ("feed-filtered", test_feed_filtered);
  ADD ("feed-of-cases", test_feed_of_cases);
  ADD ("values-read-back", test_values_read_back);
#undef ADD
  return g_test_run ();
}
