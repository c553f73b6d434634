/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-merge.h"
#include "test-util.h"

#define CASE_ID "0e0c8c4a-2f7b-4f3e-8a6d-5b4c3d2e1f00"
#define MEMBER  "1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b"

/* Two investigators' tablets and the server's store, all in memory. */
typedef struct
{
  RuhuStore *a;
  RuhuStore *b;
  gint64     now_a;
  gint64     now_b;
} MergeFixture;

static void
merge_setup (MergeFixture  *fixture,
             gconstpointer  data)
{
  fixture->a = test_memory_store (NULL);
  fixture->b = test_memory_store ("b's passphrase");
  fixture->now_a = 1800000000000;
  fixture->now_b = 1800000000000;
  test_set_fake_clock (fixture->a, &fixture->now_a);
  test_set_fake_clock (fixture->b, &fixture->now_b);
}

static void
merge_teardown (MergeFixture  *fixture,
                gconstpointer  data)
{
  g_clear_object (&fixture->a);
  g_clear_object (&fixture->b);
}

static RuhuOp *
write_int (RuhuStore  *store,
           const char *field,
           gint64      value,
           const char *actor)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = test_int (value);
  RuhuOp *op = ruhu_store_write (store, MEMBER, "member", CASE_ID, NULL, field, node, actor, &error);

  g_assert_no_error (error);
  return op;
}

static void
sync_both (MergeFixture *fixture)
{
  test_copy_feed (fixture->a, fixture->b);
  test_copy_feed (fixture->b, fixture->a);
  test_assert_same_state (fixture->a, fixture->b);
}

static GPtrArray *
conflicts_of (RuhuStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *conflicts = ruhu_store_list_conflicts (store, CASE_ID, &error);

  g_assert_no_error (error);
  return conflicts;
}

static guint
count_conflicts (RuhuStore *store)
{
  g_autoptr(GPtrArray) conflicts = conflicts_of (store);

  return conflicts->len;
}

static void
test_sequential_edits_do_not_conflict (MergeFixture  *fixture,
                                       gconstpointer  data)
{
  g_autoptr(RuhuOp) first = write_int (fixture->a, "income_wage", 100000, "zhang");
  g_autoptr(RuhuOp) second = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;

  sync_both (fixture);
  fixture->now_b += 1000;
  second = write_int (fixture->b, "income_wage", 120000, "li");
  g_assert_cmpstr (second->bases[0], ==, first->version);
  sync_both (fixture);

  conflicts = conflicts_of (fixture->a);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_cmpint (test_get_int (fixture->a, MEMBER, "income_wage"), ==, 120000);
}

static void
test_concurrent_edits_conflict (MergeFixture  *fixture,
                                gconstpointer  data)
{
  g_autoptr(RuhuOp) base = write_int (fixture->a, "income_wage", 100000, "zhang");
  g_autoptr(RuhuOp) from_a = NULL;
  g_autoptr(RuhuOp) from_b = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  RuhuConflict *conflict;

  sync_both (fixture);
  /* Offline, both change the wage; b's clock is later. */
  fixture->now_a += 1000;
  fixture->now_b += 2000;
  from_a = write_int (fixture->a, "income_wage", 110000, "zhang");
  from_b = write_int (fixture->b, "income_wage", 130000, "li");
  sync_both (fixture);

  conflicts = conflicts_of (fixture->a);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = conflicts->pdata[0];
  g_assert_cmpint (conflict->kind, ==, RUHU_CONFLICT_VALUES);
  g_assert_cmpstr (conflict->field, ==, "income_wage");
  g_assert_cmpuint (conflict->candidates->len, ==, 2);
  g_assert_cmpstr (((RuhuOp *) conflict->candidates->pdata[0])->version, ==, from_b->version);
  g_assert_cmpstr (((RuhuOp *) conflict->candidates->pdata[0])->actor, ==, "li");
  g_assert_cmpstr (((RuhuOp *) conflict->candidates->pdata[1])->version, ==, from_a->version);
  /* Every replica shows the same value: the greatest version's. */
  g_assert_cmpint (test_get_int (fixture->a, MEMBER, "income_wage"), ==, 130000);
  g_assert_cmpint (test_get_int (fixture->b, MEMBER, "income_wage"), ==, 130000);
}

static void
test_concurrent_same_value_agrees (MergeFixture  *fixture,
                                   gconstpointer  data)
{
  g_autoptr(RuhuOp) from_a = write_int (fixture->a, "household_size", 4, "zhang");
  g_autoptr(RuhuOp) from_b = write_int (fixture->b, "household_size", 4, "li");
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) heads = NULL;

  sync_both (fixture);
  conflicts = conflicts_of (fixture->a);
  g_assert_cmpuint (conflicts->len, ==, 0);
  heads = ruhu_store_get_heads (fixture->a, MEMBER, "household_size", NULL);
  g_assert_cmpuint (heads->len, ==, 2);
}

static void
test_resolution_closes_conflict (MergeFixture  *fixture,
                                 gconstpointer  data)
{
  g_autoptr(RuhuOp) from_a = write_int (fixture->a, "income_wage", 110000, "zhang");
  g_autoptr(RuhuOp) from_b = write_int (fixture->b, "income_wage", 130000, "li");
  g_autoptr(RuhuOp) resolution = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;

  sync_both (fixture);
  g_assert_cmpuint (count_conflicts (fixture->b), ==, 1);

  /* The supervisor picks a's figure: a new version naming both heads. */
  fixture->now_b += 5000;
  resolution = write_int (fixture->b, "income_wage", 110000, "supervisor");
  g_assert_cmpuint (g_strv_length (resolution->bases), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) resolution->bases, from_a->version));
  g_assert_true (g_strv_contains ((const char * const *) resolution->bases, from_b->version));
  sync_both (fixture);

  conflicts = conflicts_of (fixture->a);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_cmpint (test_get_int (fixture->a, MEMBER, "income_wage"), ==, 110000);
}

static void
test_delete_versus_edit (MergeFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(RuhuOp) created = write_int (fixture->a, "age", 70, "zhang");
  g_autoptr(RuhuOp) deletion = NULL;
  g_autoptr(RuhuOp) edit = NULL;
  g_autoptr(RuhuOp) restore = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(RuhuEntityInfo) info = NULL;
  RuhuConflict *conflict;

  sync_both (fixture);
  /* a deletes the member while b, offline, corrects her age. */
  deletion = ruhu_store_set_deleted (fixture->a, MEMBER, TRUE, "zhang", NULL);
  g_assert_nonnull (deletion);
  g_assert_cmpstr (deletion->bases[0], ==, created->version);
  edit = write_int (fixture->b, "age", 71, "li");
  sync_both (fixture);

  conflicts = conflicts_of (fixture->b);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = conflicts->pdata[0];
  g_assert_cmpint (conflict->kind, ==, RUHU_CONFLICT_DELETE_EDIT);
  g_assert_cmpuint (conflict->candidates->len, ==, 2);
  info = ruhu_store_get_entity (fixture->b, MEMBER, NULL);
  g_assert_true (info->deleted);

  /* Restoring keeps the edit and settles it. */
  restore = ruhu_store_set_deleted (fixture->b, MEMBER, FALSE, "supervisor", NULL);
  g_assert_nonnull (restore);
  sync_both (fixture);
  after = conflicts_of (fixture->a);
  g_assert_cmpuint (after->len, ==, 0);
  g_assert_cmpint (test_get_int (fixture->a, MEMBER, "age"), ==, 71);
  g_clear_pointer (&info, ruhu_entity_info_free);
  info = ruhu_store_get_entity (fixture->a, MEMBER, NULL);
  g_assert_false (info->deleted);
}

static void
test_delete_again_settles (MergeFixture  *fixture,
                           gconstpointer  data)
{
  g_autoptr(RuhuOp) created = write_int (fixture->a, "age", 70, "zhang");
  g_autoptr(RuhuOp) deletion = NULL;
  g_autoptr(RuhuOp) edit = NULL;
  g_autoptr(RuhuOp) confirm = NULL;
  g_autoptr(GPtrArray) after = NULL;

  sync_both (fixture);
  deletion = ruhu_store_set_deleted (fixture->a, MEMBER, TRUE, "zhang", NULL);
  edit = write_int (fixture->b, "age", 71, "li");
  sync_both (fixture);
  g_assert_cmpuint (count_conflicts (fixture->a), ==, 1);

  confirm = ruhu_store_set_deleted (fixture->a, MEMBER, TRUE, "supervisor", NULL);
  g_assert_true (g_strv_contains ((const char * const *) confirm->bases, edit->version));
  sync_both (fixture);
  after = conflicts_of (fixture->b);
  g_assert_cmpuint (after->len, ==, 0);
}

static void
test_delete_after_seeing_edit (MergeFixture  *fixture,
                               gconstpointer  data)
{
  g_autoptr(RuhuOp) created = write_int (fixture->a, "age", 70, "zhang");
  g_autoptr(RuhuOp) edit = NULL;
  g_autoptr(RuhuOp) deletion = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;

  sync_both (fixture);
  edit = write_int (fixture->b, "name", 1, "li");
  sync_both (fixture);
  deletion = ruhu_store_set_deleted (fixture->a, MEMBER, TRUE, "zhang", NULL);
  sync_both (fixture);
  conflicts = conflicts_of (fixture->b);
  g_assert_cmpuint (conflicts->len, ==, 0);
}

static void
test_reapplying_changes_nothing (MergeFixture  *fixture,
                                 gconstpointer  data)
{
  g_autoptr(RuhuOp) op1 = write_int (fixture->a, "age", 70, "zhang");
  g_autoptr(RuhuOp) op2 = write_int (fixture->a, "income_wage", 5000, "zhang");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpuint (test_copy_feed (fixture->a, fixture->b), ==, 2);
  before = ruhu_store_dump (fixture->b, NULL);
  g_assert_cmpuint (test_copy_feed (fixture->a, fixture->b), ==, 0);
  g_assert_cmpuint (test_copy_feed (fixture->b, fixture->b), ==, 0);
  after = ruhu_store_dump (fixture->b, NULL);
  g_assert_cmpstr (before, ==, after);
}

static GArray *
apply_one (RuhuStore *store,
           RuhuOp    *op)
{
  g_autoptr(GPtrArray) ops = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GArray *results = NULL;

  g_ptr_array_add (ops, op);
  g_assert_true (ruhu_store_apply (store, ops, &results, &error));
  g_assert_no_error (error);
  return results;
}

static void
test_reused_version_refused (MergeFixture  *fixture,
                             gconstpointer  data)
{
  g_autoptr(RuhuOp) op = write_int (fixture->a, "age", 70, "zhang");
  g_autoptr(JsonNode) other_value = test_int (99);
  g_autofree char *other_id = g_uuid_string_random ();
  g_autoptr(RuhuOp) impostor = ruhu_op_new (other_id, op->entity, op->kind, op->case_id, NULL,
                                            op->field, other_value, op->version, NULL,
                                            "mallory", NULL);
  g_autoptr(GArray) results = apply_one (fixture->a, impostor);
  RuhuApplyResult *result = &g_array_index (results, RuhuApplyResult, 0);

  g_assert_cmpint (result->status, ==, RUHU_APPLY_INVALID);
  g_assert_nonnull (strstr (result->message, op->version));
  g_assert_cmpint (test_get_int (fixture->a, MEMBER, "age"), ==, 70);
}

static void
test_entity_cannot_change_kind (MergeFixture  *fixture,
                                gconstpointer  data)
{
  g_autoptr(RuhuOp) op = write_int (fixture->a, "age", 70, "zhang");
  g_autoptr(JsonNode) value = test_int (1);
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(RuhuOp) moved = ruhu_op_new (id, MEMBER, "household", CASE_ID, NULL, "size", value,
                                         "06b9c0a40000.0000@elsewhere", NULL, "x", NULL);
  g_autoptr(GArray) results = apply_one (fixture->a, moved);
  RuhuApplyResult *result = &g_array_index (results, RuhuApplyResult, 0);

  g_assert_cmpint (result->status, ==, RUHU_APPLY_INVALID);
  g_assert_nonnull (strstr (result->message, "member"));
}

static void
test_future_version_refused (MergeFixture  *fixture,
                             gconstpointer  data)
{
  g_autoptr(JsonNode) value = test_int (1);
  g_autofree char *id = g_uuid_string_random ();
  RuhuHlc future = { fixture->now_a + 2 * RUHU_HLC_DEFAULT_MAX_DRIFT_MS, 0 };
  g_autofree char *version = ruhu_version_format (&future, "broken-clock");
  g_autoptr(RuhuOp) op = ruhu_op_new (id, MEMBER, "member", CASE_ID, NULL, "age", value, version,
                                      NULL, "x", NULL);
  g_autoptr(GArray) results = apply_one (fixture->a, op);
  RuhuApplyResult *result = &g_array_index (results, RuhuApplyResult, 0);
  g_autofree char *dump = ruhu_store_dump (fixture->a, NULL);

  g_assert_cmpint (result->status, ==, RUHU_APPLY_INVALID);
  g_assert_nonnull (strstr (result->message, "future"));
  g_assert_cmpstr (dump, ==, "");
}

static void
test_out_of_order_arrival (MergeFixture  *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) c = test_memory_store (NULL);
  gint64 cursor;

  test_set_fake_clock (c, &fixture->now_a);
  for (int i = 0; i < 5; i++)
    ruhu_op_unref (write_int (fixture->a, "age", 70 + i, "zhang"));
  ops = ruhu_store_feed_since (fixture->a, 0, 100, &cursor, &error);
  g_assert_no_error (error);

  /* b gets them newest first, c in order: same result. */
  for (guint i = ops->len; i > 0; i--)
    g_array_unref (apply_one (fixture->b, ops->pdata[i - 1]));
  test_copy_feed (fixture->a, c);
  test_assert_same_state (fixture->b, c);
  g_assert_cmpint (test_get_int (fixture->b, MEMBER, "age"), ==, 74);
  g_assert_cmpuint (count_conflicts (fixture->b), ==, 0);
}

static void
test_concurrent_new_entities (MergeFixture  *fixture,
                              gconstpointer  data)
{
  const char *photo_a = "9a6c2d4e-0000-4000-8000-000000000001";
  const char *photo_b = "9a6c2d4e-0000-4000-8000-000000000002";
  g_autoptr(JsonNode) category = test_text ("hospital_bill");
  g_autoptr(RuhuOp) op_a = NULL;
  g_autoptr(RuhuOp) op_b = NULL;
  g_autoptr(GPtrArray) entities = NULL;

  op_a = ruhu_store_write (fixture->a, photo_a, "evidence", CASE_ID, MEMBER, "category", category,
                           "zhang", NULL);
  op_b = ruhu_store_write (fixture->b, photo_b, "evidence", CASE_ID, MEMBER, "category", category,
                           "li", NULL);
  sync_both (fixture);
  entities = ruhu_store_list_entities (fixture->a, CASE_ID, NULL);
  g_assert_cmpuint (entities->len, ==, 2);
}

static void
test_rejection_restores_previous (MergeFixture  *fixture,
                                  gconstpointer  data)
{
  g_autoptr(RuhuOp) accepted = write_int (fixture->a, "amount", 50000, "zhang");
  g_autoptr(RuhuOp) refused = NULL;
  g_autoptr(GPtrArray) rejections = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) results = NULL;
  RuhuRejection *rejection;

  fixture->now_a += 1000;
  refused = write_int (fixture->a, "amount", 90000, "zhang");
  g_assert_cmpint (ruhu_store_outbox_count (fixture->a, NULL), ==, 2);

  g_assert_true (ruhu_store_reject (fixture->a, refused, "The sheet is signed and locked", &error));
  g_assert_no_error (error);
  /* Rejecting again changes nothing. */
  g_assert_true (ruhu_store_reject (fixture->a, refused, "again", &error));

  g_assert_cmpint (test_get_int (fixture->a, MEMBER, "amount"), ==, 50000);
  g_assert_cmpint (ruhu_store_outbox_count (fixture->a, NULL), ==, 1);
  rejections = ruhu_store_list_rejections (fixture->a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rejections->len, ==, 1);
  rejection = rejections->pdata[0];
  g_assert_cmpstr (rejection->reason, ==, "The sheet is signed and locked");
  g_assert_cmpint (json_node_get_int (rejection->op->value), ==, 90000);

  /* The rejected version never comes back, from anywhere. */
  results = apply_one (fixture->a, refused);
  g_assert_cmpint (g_array_index (results, RuhuApplyResult, 0).status, ==,
                   RUHU_APPLY_REJECTED_BEFORE);
  g_assert_cmpint (test_get_int (fixture->a, MEMBER, "amount"), ==, 50000);
}

static void
test_rejection_of_new_entity_forgets_it (MergeFixture  *fixture,
                                         gconstpointer  data)
{
  g_autoptr(RuhuOp) refused = write_int (fixture->a, "amount", 90000, "volunteer");
  g_autoptr(GPtrArray) entities = NULL;
  g_autofree char *dump = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (ruhu_store_reject (fixture->a, refused, "Volunteers cannot set amounts", NULL));
  entities = ruhu_store_list_entities (fixture->a, NULL, NULL);
  g_assert_cmpuint (entities->len, ==, 0);
  /* Only the record of the rejection is left. */
  dump = ruhu_store_dump (fixture->a, NULL);
  g_assert_true (g_str_has_prefix (dump, "rejected "));
  lines = g_strsplit (dump, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);  /* one line and the empty rest */
}

/* A stand-in for the server's signed-sheet lock: once "signed" is true,
 * other fields of the entity are refused. */
static gboolean
refuse_after_signing (RuhuStore     *store,
                      const RuhuOp  *op,
                      char         **code,
                      char         **reason,
                      gpointer       user_data)
{
  g_autoptr(JsonNode) signed_value = NULL;

  if (g_str_equal (op->field, "signed"))
    return TRUE;
  signed_value = ruhu_store_get_value (store, op->entity, "signed", NULL);
  if (JSON_NODE_HOLDS_VALUE (signed_value) && json_node_get_boolean (signed_value))
    {
      *code = g_strdup ("signed_sheet_locked");
      *reason = g_strdup ("The sheet is signed");
      return FALSE;
    }
  return TRUE;
}

static void
test_rule_hook_sees_batch (MergeFixture  *fixture,
                           gconstpointer  data)
{
  g_autoptr(RuhuOp) edit = write_int (fixture->a, "amount", 1, "zhang");
  g_autoptr(RuhuOp) sign = NULL;
  g_autoptr(RuhuOp) late = NULL;
  g_autoptr(JsonNode) yes = json_node_init_boolean (json_node_alloc (), TRUE);
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  g_autoptr(GArray) results = NULL;
  g_autoptr(GArray) again = NULL;
  RuhuApplyResult *refused;

  sign = ruhu_store_write (fixture->a, MEMBER, NULL, NULL, NULL, "signed", yes, "zhang", NULL);
  late = write_int (fixture->a, "amount", 2, "zhang");
  ruhu_store_set_rule_hook (fixture->b, refuse_after_signing, NULL);

  /* One batch: the edit before signing passes, the one after does not. */
  g_ptr_array_add (batch, edit);
  g_ptr_array_add (batch, sign);
  g_ptr_array_add (batch, late);
  g_assert_true (ruhu_store_apply (fixture->b, batch, &results, NULL));
  g_assert_cmpint (g_array_index (results, RuhuApplyResult, 0).status, ==, RUHU_APPLY_APPLIED);
  g_assert_cmpint (g_array_index (results, RuhuApplyResult, 1).status, ==, RUHU_APPLY_APPLIED);
  refused = &g_array_index (results, RuhuApplyResult, 2);
  g_assert_cmpint (refused->status, ==, RUHU_APPLY_REFUSED);
  g_assert_cmpstr (refused->code, ==, "signed_sheet_locked");
  g_assert_cmpstr (refused->message, ==, "The sheet is signed");
  g_assert_cmpint (test_get_int (fixture->b, MEMBER, "amount"), ==, 1);

  /* A resend of what was stored before the lock is still a duplicate. */
  again = apply_one (fixture->b, edit);
  g_assert_cmpint (g_array_index (again, RuhuApplyResult, 0).status, ==, RUHU_APPLY_DUPLICATE);
}

static void
test_merge_heads_pure (void)
{
  const char *b1[] = { "v1", NULL };
  const char *b2[] = { "v1", NULL };
  const char *b3[] = { "v2", "v3", NULL };
  RuhuMergeItem items[] = {
    { "v3", b2 }, { "v1", NULL }, { "v2", b1 }, { "v4", b3 }, { "v5", b1 },
  };
  g_autoptr(GArray) heads = ruhu_merge_heads (items, G_N_ELEMENTS (items));

  /* v4 supersedes v2 and v3; v5 forks off v1. */
  g_assert_cmpuint (heads->len, ==, 2);
  g_assert_cmpstr (items[g_array_index (heads, guint, 0)].version, ==, "v5");
  g_assert_cmpstr (items[g_array_index (heads, guint, 1)].version, ==, "v4");
}

/* One version alone (taken without a table) is its field's head, unless
 * it names itself among its bases, as with several. */
static void
test_merge_heads_single (void)
{
  const char *self_named[] = { "v1", NULL };
  const char *other[] = { "v0", NULL };
  RuhuMergeItem plain = { "v1", NULL }, based = { "v1", other }, odd = { "v1", self_named };
  RuhuMergeItem odd_pair[] = { { "v1", self_named }, { "v0", NULL } };
  g_autoptr(GArray) plain_heads = ruhu_merge_heads (&plain, 1);
  g_autoptr(GArray) based_heads = ruhu_merge_heads (&based, 1);
  g_autoptr(GArray) odd_heads = ruhu_merge_heads (&odd, 1);
  g_autoptr(GArray) pair_heads = ruhu_merge_heads (odd_pair, G_N_ELEMENTS (odd_pair));

  g_assert_cmpuint (plain_heads->len, ==, 1);
  g_assert_cmpuint (g_array_index (plain_heads, guint, 0), ==, 0);
  g_assert_cmpuint (based_heads->len, ==, 1);
  g_assert_cmpuint (odd_heads->len, ==, 0);
  g_assert_cmpuint (pair_heads->len, ==, 1);
  g_assert_cmpstr (odd_pair[g_array_index (pair_heads, guint, 0)].version, ==, "v0");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/ruhu/merge/" path, MergeFixture, NULL, merge_setup, func, merge_teardown)
  ADD ("sequential-edits-do-not-conflict", test_sequential_edits_do_not_conflict);
  ADD ("concurrent-edits-conflict", test_concurrent_edits_conflict);
  ADD ("concurrent-same-value-agrees", test_concurrent_same_value_agrees);
  ADD ("resolution-closes-conflict", test_resolution_closes_conflict);
  ADD ("delete-versus-edit", test_delete_versus_edit);
  ADD ("delete-again-settles", test_delete_again_settles);
  ADD ("delete-after-seeing-edit", test_delete_after_seeing_edit);
  ADD ("reapplying-changes-nothing", test_reapplying_changes_nothing);
  ADD ("reused-version-refused", test_reused_version_refused);
  ADD ("entity-cannot-change-kind", test_entity_cannot_change_kind);
  ADD ("future-version-refused", test_future_version_refused);
  ADD ("out-of-order-arrival", test_out_of_order_arrival);
  ADD ("concurrent-new-entities", test_concurrent_new_entities);
  ADD ("rejection-restores-previous", test_rejection_restores_previous);
  ADD ("rejection-of-new-entity-forgets-it", test_rejection_of_new_entity_forgets_it);
  ADD ("rule-hook-sees-batch", test_rule_hook_sees_batch);
#undef ADD
  g_test_add_func ("/ruhu/merge/heads-are-pure", test_merge_heads_pure);
  g_test_add_func ("/ruhu/merge/heads-of-one", test_merge_heads_single);
  return g_test_run ();
}
