/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-sync-private.h"

/* Settling a push batch's answer on the device: its acknowledged versions
 * leave the outbox, the refused ones become rejections, the pull cursor
 * moves, with a sync to disk. That took a few milliseconds between one
 * batch's answer and the next batch's sending, for every batch. Now it
 * runs in a worker thread while the next batch (read ahead) is already on
 * its way and the server stores it.
 *
 * The server has stored the batch before it answered, so nothing is lost
 * if the device stops before the settle is written: the batch is sent
 * again and comes back "duplicate". Settles run one at a time and in
 * order: whatever the push does next that depends on the outbox (the
 * next answer, a fresh read of the outbox, the pull) waits for the one in
 * progress (ruhu_sync_push_settle_wait()), and a failure to write it is
 * reported there, once. A sync cancelled or failed before that ends, and
 * the client's next sync begins, once it is written
 * (ruhu_sync_client_sync_async()). */

typedef struct
{
  RuhuOp *op;
  char   *reason;
} Refusal;

struct _RuhuSyncSettle
{
  RuhuStore        *store;
  GPtrArray        *acked;     /* char*, NULL-terminated once started */
  GArray           *refused;   /* Refusal */
  char             *cursor;    /* the pull cursor to save, or NULL */

  GTask            *task;      /* the worker's, once started */
  gboolean          done;
  GError           *error;     /* the worker's failure, once done */
  RuhuSyncStepFunc  then;      /* set once the push waits for it */
};

static void
refusal_clear (gpointer data)
{
  Refusal *refusal = data;

  ruhu_op_unref (refusal->op);
  g_free (refusal->reason);
}

/**
 * ruhu_sync_settle_new:
 *
 * An empty settle of one batch's answer; fill it, then
 * ruhu_sync_push_settle_start().
 */
RuhuSyncSettle *
ruhu_sync_settle_new (RuhuStore *store)
{
  RuhuSyncSettle *settle = g_new0 (RuhuSyncSettle, 1);

  settle->store = g_object_ref (store);
  settle->acked = g_ptr_array_new_with_free_func (g_free);
  settle->refused = g_array_new (FALSE, FALSE, sizeof (Refusal));
  g_array_set_clear_func (settle->refused, refusal_clear);
  return settle;
}

void
ruhu_sync_settle_free (RuhuSyncSettle *settle)
{
  g_clear_object (&settle->store);
  g_clear_pointer (&settle->acked, g_ptr_array_unref);
  g_clear_pointer (&settle->refused, g_array_unref);
  g_free (settle->cursor);
  g_clear_object (&settle->task);
  g_clear_error (&settle->error);
  g_free (settle);
}

void
ruhu_sync_settle_ack (RuhuSyncSettle *settle,
                      const RuhuOp   *op)
{
  g_ptr_array_add (settle->acked, g_strdup (op->version));
}

void
ruhu_sync_settle_refuse (RuhuSyncSettle *settle,
                         RuhuOp         *op,
                         const char     *reason)
{
  Refusal refusal = { ruhu_op_ref (op), g_strdup (reason) };

  g_array_append_val (settle->refused, refusal);
}

void
ruhu_sync_settle_set_cursor (RuhuSyncSettle *settle,
                             gint64          cursor)
{
  g_free (settle->cursor);
  settle->cursor = g_strdup_printf ("%" G_GINT64_FORMAT, cursor);
}

/* In the worker: the refusals first, then the acknowledged versions and
 * the cursor in one transaction, as the push did before it had threads. */
static void
settle_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RuhuSyncSettle *settle = task_data;
  GError *error = NULL;
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < settle->refused->len; i++)
    {
      Refusal *refusal = &g_array_index (settle->refused, Refusal, i);

      g_debug ("Server rejected %s (%s.%s): %s", refusal->op->version, refusal->op->entity,
               refusal->op->field, refusal->reason);
      ok = ruhu_store_reject (settle->store, refusal->op, refusal->reason, &error);
    }
  ok = ok && ruhu_store_outbox_ack_full (settle->store,
                                         (const char * const *) settle->acked->pdata,
                                         settle->cursor != NULL ? RUHU_SYNC_SETTING_CURSOR : NULL,
                                         settle->cursor, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Runs what waits for the settle, or reports its failure. */
static void
deliver (RuhuSyncJob *job)
{
  RuhuSyncSettle *settle = job->settle;
  RuhuSyncStepFunc then = settle->then;
  GError *error = g_steal_pointer (&settle->error);

  g_clear_pointer (&job->settle, ruhu_sync_settle_free);
  if (error != NULL)
    ruhu_sync_job_fail_store (job, error);
  else if (!g_task_return_error_if_cancelled (job->task))
    then (job);
}

static void
settle_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) job_task = user_data;
  g_autoptr(GTask) finished = g_object_ref (G_TASK (result));  /* deliver() may drop it */
  RuhuSyncJob *job = g_task_get_task_data (job_task);
  RuhuSyncSettle *settle = job->settle;

  g_assert (settle != NULL && settle->task == G_TASK (result));
  settle->done = TRUE;
  g_task_propagate_boolean (G_TASK (result), &settle->error);
  /* A sync that ended or began meanwhile waited for this one. */
  if (job->client->settling == G_TASK (result))
    {
      g_clear_object (&job->client->settling);
      ruhu_sync_client_settled (job->client);
    }
  if (settle->then != NULL)
    deliver (job);
}

/**
 * ruhu_sync_push_settle_start:
 * @settle: (transfer full): what the answer said
 *
 * Starts writing @settle in a worker thread. The settle before it, if
 * any, must be over (ruhu_sync_push_settle_wait()).
 */
void
ruhu_sync_push_settle_start (RuhuSyncJob    *job,
                             RuhuSyncSettle *settle)
{
  g_return_if_fail (job->settle == NULL);

  g_ptr_array_add (settle->acked, NULL);
  job->settle = settle;
  settle->task = g_task_new (NULL, NULL, settle_done_cb, g_object_ref (job->task));
  g_task_set_task_data (settle->task, settle, NULL);
  /* A sync begun meanwhile waits for it (ruhu_sync_client_sync_async()). */
  g_set_object (&job->client->settling, settle->task);
  g_task_run_in_thread (settle->task, settle_thread);
}

/**
 * ruhu_sync_push_settle_wait:
 * @then: the push's next step
 *
 * Returns: %FALSE if no settle is pending and the push may go on at
 *   once; %TRUE if @then runs once the settle is written (or the job
 *   fails, if it could not be)
 */
gboolean
ruhu_sync_push_settle_wait (RuhuSyncJob      *job,
                            RuhuSyncStepFunc  then)
{
  RuhuSyncSettle *settle = job->settle;

  if (settle == NULL)
    return FALSE;
  settle->then = then;
  if (settle->done)
    {
      if (settle->error == NULL)
        {
          g_clear_pointer (&job->settle, ruhu_sync_settle_free);
          return FALSE;
        }
      deliver (job);
    }
  return TRUE;
}
