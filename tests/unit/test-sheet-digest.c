/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-device-key.h"
#include "ruhu-sheet-digest.h"
#include "ruhu-signed-sheet.h"
#include "test-util.h"

#define HOUSEHOLD "6f1c2b1e-3d4a-4c5b-9e6f-0a1b2c3d4e5f"
#define SHEET     "7a1c2b1e-3d4a-4c5b-9e6f-0a1b2c3d4e50"
#define INCOME    "8b1c2b1e-3d4a-4c5b-9e6f-0a1b2c3d4e51"
#define INTERVIEW "9c1c2b1e-3d4a-4c5b-9e6f-0a1b2c3d4e52"
#define SIGN_1    "ad1c2b1e-3d4a-4c5b-9e6f-0a1b2c3d4e53"
#define SIGN_2    "be1c2b1e-3d4a-4c5b-9e6f-0a1b2c3d4e54"
#define ACTOR     "zhang.wei"

static void
put (RuhuStore  *store,
     const char *entity,
     const char *kind,
     const char *parent,
     const char *field,
     JsonNode   *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) owned = value;
  g_autoptr(RuhuOp) op = ruhu_store_write (store, entity, kind, HOUSEHOLD, parent, field, value,
                                           ACTOR, &error);

  g_assert_no_error (error);
  g_assert_nonnull (op);
}

static void
put_sheet (RuhuStore  *store,
           const char *field,
           const char *value)
{
  put (store, SHEET, "check_sheet", HOUSEHOLD, field, test_text (value));
}

static void
put_income (RuhuStore *store,
            gint64     amount)
{
  put (store, INCOME, "income", SHEET, "kind", test_text ("wages"));
  put (store, INCOME, "income", SHEET, "amount_monthly", test_int (amount));
}

static void
put_signature (RuhuStore  *store,
               const char *entity,
               const char *role)
{
  put (store, entity, "signature", SHEET, "signer_name", test_text ("李明"));
  put (store, entity, "signature", SHEET, "signer_role", test_text (role));
}

static RuhuStore *
new_case (void)
{
  RuhuStore *store = test_memory_store (NULL);

  put (store, HOUSEHOLD, "household", NULL, "head_name", test_text ("王秀英"));
  return store;
}

static char *
digest_hex (RuhuStore *store)
{
  g_autoptr(GError) error = NULL;
  guint8 digest[RUHU_SHEET_DIGEST_LENGTH];
  GString *hex = g_string_new (NULL);

  g_assert_true (ruhu_sheet_digest_compute (store, SHEET, digest, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < sizeof digest; i++)
    g_string_append_printf (hex, "%02x", digest[i]);
  return g_string_free (hex, FALSE);
}

static void
test_stable_across_order (void)
{
  g_autoptr(RuhuStore) a = new_case ();
  g_autoptr(RuhuStore) b = new_case ();
  g_autofree char *digest_a = NULL;
  g_autofree char *digest_b = NULL;
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;

  put_sheet (a, "place", "石柱村");
  put_sheet (a, "investigator_1", "李明");
  put_sheet (a, "findings", "符合条件");
  put_income (a, 80000);

  put_income (b, 80000);
  put_sheet (b, "findings", "符合条件");
  put_sheet (b, "investigator_1", "李明");
  put_sheet (b, "place", "石柱村");

  digest_a = digest_hex (a);
  digest_b = digest_hex (b);
  g_assert_cmpstr (digest_a, ==, digest_b);
  text_a = ruhu_sheet_digest_serialize (a, SHEET, NULL);
  text_b = ruhu_sheet_digest_serialize (b, SHEET, NULL);
  g_assert_cmpstr (text_a, ==, text_b);
  g_assert_nonnull (strstr (text_a, INCOME));
  /* The household's own fields are not the sheet's. */
  g_assert_null (strstr (text_a, "head_name"));
}

static void
test_changes_with_fields (void)
{
  g_autoptr(RuhuStore) store = new_case ();
  g_autofree char *before = NULL;
  g_autofree char *sheet_changed = NULL;
  g_autofree char *child_changed = NULL;

  put_sheet (store, "place", "石柱村");
  put_income (store, 80000);
  before = digest_hex (store);

  put_sheet (store, "place", "石柱村二组");
  sheet_changed = digest_hex (store);
  g_assert_cmpstr (sheet_changed, !=, before);

  put_income (store, 80001);
  child_changed = digest_hex (store);
  g_assert_cmpstr (child_changed, !=, sheet_changed);
}

static void
test_ignores_signatures_and_empty (void)
{
  g_autoptr(RuhuStore) store = new_case ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuOp) deleted = NULL;

  put_sheet (store, "place", "石柱村");
  before = digest_hex (store);

  /* Signatures sign the digest; a cleared field reads as never filled in;
   * a deleted interview is gone; "reopened" says who may edit. */
  put_signature (store, SIGN_1, "investigator");
  put_sheet (store, "findings", "暂无");
  put (store, SHEET, "check_sheet", HOUSEHOLD, "findings", json_node_new (JSON_NODE_NULL));
  put (store, INTERVIEW, "neighbour_interview", SHEET, "statement", test_text ("邻居说"));
  deleted = ruhu_store_set_deleted (store, INTERVIEW, TRUE, ACTOR, &error);
  g_assert_no_error (error);
  put (store, SHEET, "check_sheet", HOUSEHOLD, RUHU_SIGNED_SHEET_FIELD_REOPENED,
       json_node_init_boolean (json_node_alloc (), TRUE));
  after = digest_hex (store);
  g_assert_cmpstr (after, ==, before);
}

static JsonNode *
sign_sheet (RuhuStore     *store,
            RuhuDeviceKey *key)
{
  g_autoptr(GError) error = NULL;
  guint8 digest[RUHU_SHEET_DIGEST_LENGTH];
  g_autofree char *public_key = ruhu_device_key_get_public_base64 (key);
  g_autofree char *signature = NULL;
  g_autoptr(JsonObject) object = json_object_new ();

  g_assert_true (ruhu_sheet_digest_compute (store, SHEET, digest, &error));
  signature = ruhu_device_key_sign (key, digest, sizeof digest, &error);
  g_assert_no_error (error);
  json_object_set_string_member (object, "public_key", public_key);
  json_object_set_string_member (object, "signature", signature);
  return json_node_init_object (json_node_alloc (), object);
}

static void
test_signature_checks_digest (void)
{
  g_autoptr(RuhuStore) store = new_case ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuDeviceKey) key = NULL;
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(JsonObject) empty = json_object_new ();
  g_autoptr(JsonNode) unsigned_value = json_node_init_object (json_node_alloc (), empty);

  put_sheet (store, "place", "石柱村");
  key = ruhu_device_key_load (store, &error);
  g_assert_no_error (error);
  value = sign_sheet (store, key);
  g_assert_true (ruhu_sheet_digest_check_signature (store, SHEET, value, &error));
  g_assert_no_error (error);

  put_sheet (store, "place", "别处");
  g_assert_false (ruhu_sheet_digest_check_signature (store, SHEET, value, &error));
  g_assert_error (error, RUHU_DEVICE_KEY_ERROR, RUHU_DEVICE_KEY_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);
  g_assert_false (ruhu_sheet_digest_check_signature (store, SHEET, unsigned_value, &error));
  g_assert_error (error, RUHU_DEVICE_KEY_ERROR, RUHU_DEVICE_KEY_ERROR_BAD_SIGNATURE);
}

static RuhuSheetLockState
lock_state (RuhuStore *store)
{
  g_autoptr(GError) error = NULL;
  RuhuSheetLockState state;

  g_assert_true (ruhu_signed_sheet_get_state (store, SHEET, &state, &error));
  g_assert_no_error (error);
  return state;
}

static void
test_lock_rule (void)
{
  g_autoptr(RuhuStore) store = new_case ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuOp) op = NULL;
  g_autofree char *found = NULL;

  put_sheet (store, "place", "石柱村");
  found = ruhu_signed_sheet_find (store, HOUSEHOLD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, SHEET);

  put_signature (store, SIGN_1, "investigator");
  put_signature (store, INTERVIEW, "applicant");
  g_assert_cmpuint (lock_state (store).n_investigators, ==, 1);
  g_assert_false (lock_state (store).locked);

  put_signature (store, SIGN_2, "investigator");
  g_assert_cmpuint (lock_state (store).n_investigators, ==, 2);
  g_assert_true (lock_state (store).locked);

  put (store, SHEET, "check_sheet", HOUSEHOLD, RUHU_SIGNED_SHEET_FIELD_REOPENED,
       json_node_init_boolean (json_node_alloc (), TRUE));
  g_assert_true (lock_state (store).reopened);
  g_assert_false (lock_state (store).locked);
  put (store, SHEET, "check_sheet", HOUSEHOLD, RUHU_SIGNED_SHEET_FIELD_REOPENED,
       json_node_init_boolean (json_node_alloc (), FALSE));
  g_assert_true (lock_state (store).locked);

  op = ruhu_store_set_deleted (store, SIGN_2, TRUE, ACTOR, &error);
  g_assert_no_error (error);
  g_assert_false (lock_state (store).locked);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ruhu/sheet-digest/stable-across-order", test_stable_across_order);
  g_test_add_func ("/ruhu/sheet-digest/changes-with-fields", test_changes_with_fields);
  g_test_add_func ("/ruhu/sheet-digest/ignores-signatures-and-empty",
                   test_ignores_signatures_and_empty);
  g_test_add_func ("/ruhu/sheet-digest/signature-checks-digest", test_signature_checks_digest);
  g_test_add_func ("/ruhu/signed-sheet/lock-rule", test_lock_rule);
  return g_test_run ();
}
