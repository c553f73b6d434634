/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-store-private.h"

/* Applying a batch of operations from elsewhere in one transaction. The
 * batch remembers the entities it makes, so that a case pushed for the
 * first time costs one insert per version and no reads. */

static void
batch_init (RuhuApplyBatch    *batch,
            RuhuStoreRuleFunc  hook,
            gpointer           hook_data,
            gint64             first_seq)
{
  batch->first_seq = first_seq;
  batch->hook = hook;
  batch->hook_data = hook_data;
  batch->fresh = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) ruhu_fresh_entity_free);
}

static void
batch_clear (RuhuApplyBatch *batch)
{
  g_clear_pointer (&batch->fresh, g_hash_table_unref);
}

static gboolean
apply_all (RuhuStore  *self,
           GPtrArray  *ops,
           GArray     *outcomes,
           GError    **error)
{
  for (guint i = 0; i < ops->len; i++)
    {
      RuhuApplyResult result = { 0 };

      result.status = ruhu_store_apply_one (self, g_ptr_array_index (ops, i), FALSE,
                                            &result.code, &result.message, error);
      g_array_append_val (outcomes, result);
      if (result.status == RUHU_APPLY_INVALID && result.message == NULL)
        return FALSE;
    }
  return TRUE;
}

/**
 * ruhu_store_apply_full:
 * @ops: (element-type RuhuOp): operations from elsewhere, in their order
 * @rules: (nullable): the rules for this batch; %NULL for the store's own
 *   (ruhu_store_set_rule_hook())
 * @before_commit: (nullable): called inside the transaction with every
 *   outcome, before the commit; returning %FALSE rolls the batch back.
 *   What it writes elsewhere (an audit entry) is thus never missing for a
 *   committed batch.
 * @results: (out) (optional) (transfer full) (element-type RuhuApplyResult):
 *   one outcome per operation
 *
 * ruhu_store_apply() with the batch's own rules and a last step before the
 * commit. The store's lock is held throughout: @rules and @before_commit
 * run on the caller's thread, one batch at a time.
 */
gboolean
ruhu_store_apply_full (RuhuStore            *self,
                       GPtrArray            *ops,
                       RuhuStoreRuleFunc     rules,
                       gpointer              rules_data,
                       RuhuStoreCommitFunc   before_commit,
                       gpointer              commit_data,
                       GArray              **results,
                       GError              **error)
{
  g_autoptr(GArray) outcomes = g_array_sized_new (FALSE, TRUE, sizeof (RuhuApplyResult), ops->len);
  RuhuApplyBatch batch;
  gboolean ok;

  g_return_val_if_fail (RUHU_IS_STORE (self), FALSE);
  g_array_set_clear_func (outcomes, (GDestroyNotify) ruhu_apply_result_clear);

  g_rec_mutex_lock (&self->lock);
  batch_init (&batch, rules != NULL ? rules : self->rule_hook,
              rules != NULL ? rules_data : self->rule_data, self->next_seq);
  self->batch = &batch;
  ok = ruhu_sqlite_begin (self->sql, error) && apply_all (self, ops, outcomes, error) &&
       ruhu_store_save_clock (self, error) &&
       (before_commit == NULL || before_commit (self, ops, outcomes, commit_data, error)) &&
       ruhu_sqlite_commit (self->sql, error);
  if (!ok)
    ruhu_sqlite_rollback (self->sql);
  self->batch = NULL;
  batch_clear (&batch);
  g_rec_mutex_unlock (&self->lock);

  if (ok && results != NULL)
    *results = g_steal_pointer (&outcomes);
  return ok;
}

/**
 * ruhu_store_batch_feed_span:
 * @before: (out): the newest feed position before the batch, 0 if none
 * @newest: (out): the newest one now; @before if the batch stored nothing
 *
 * Only from a batch's @before_commit (ruhu_store_apply_full()): every
 * version after @before up to @newest is one of this batch's, since no
 * other batch writes while the store's lock is held.
 */
gboolean
ruhu_store_batch_feed_span (RuhuStore  *self,
                            gint64     *before,
                            gint64     *newest,
                            GError    **error)
{
  static const char sql[] = "SELECT coalesce(max(seq), 0) FROM versions WHERE seq < ?";
  g_autoptr(RuhuSqliteStmt) stmt = NULL;
  gboolean row = FALSE;

  g_return_val_if_fail (RUHU_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->batch != NULL, FALSE);

  if ((stmt = ruhu_sqlite_stmt (self->sql, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->batch->first_seq);
  if (!ruhu_sqlite_step_row (self->sql, stmt, &row, error))
    return FALSE;
  *before = row ? sqlite3_column_int64 (stmt, 0) : 0;
  /* A batch rolled back earlier leaves its positions unused: the span
   * starts after the newest version that exists. */
  *newest = self->next_seq > self->batch->first_seq ? self->next_seq - 1 : *before;
  return TRUE;
}

/**
 * ruhu_store_apply:
 * @ops: (element-type RuhuOp): operations from elsewhere, in their order
 * @results: (out) (optional) (transfer full) (element-type RuhuApplyResult):
 *   one outcome per operation
 *
 * Applies a batch in one transaction: either every acceptable operation is
 * stored, or (on a database failure) none is. Duplicates change nothing;
 * invalid operations are reported in @results and skipped.
 */
gboolean
ruhu_store_apply (RuhuStore  *self,
                  GPtrArray  *ops,
                  GArray    **results,
                  GError    **error)
{
  return ruhu_store_apply_full (self, ops, NULL, NULL, NULL, NULL, results, error);
}
