/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-sync-private.h"

/* A push reads and encodes its next batch in a worker thread while the
 * server stores the batch before: the device's work and the server's
 * overlap instead of taking turns. The batch read ahead starts past the
 * one in flight (ruhu_store_outbox_peek_after()), so once that one is
 * acknowledged or rejected, it is what a fresh read would give, less at
 * most the edits made meanwhile, which the next round of the push sends.
 * It is only a head start: after any other answer (a refusal to retry, a
 * batch to halve) it is dropped, and an empty or failed read is done
 * again the ordinary way. */

struct _RuhuSyncPushAhead
{
  GTask            *read;      /* the worker's task */
  RuhuSyncBatch    *batch;     /* once read; NULL before, or after a failure */
  gboolean          done;
  RuhuSyncStepFunc  then;      /* set once the push waits for the batch */
};

typedef struct
{
  RuhuStore *store;
  char      *actor;
  gint64     after;
  guint      limit;
} ReadRequest;

static void
read_request_free (ReadRequest *request)
{
  g_object_unref (request->store);
  g_free (request->actor);
  g_free (request);
}

void
ruhu_sync_batch_free (RuhuSyncBatch *batch)
{
  g_clear_pointer (&batch->ops, g_ptr_array_unref);
  g_clear_pointer (&batch->body, g_bytes_unref);
  g_free (batch);
}

/**
 * ruhu_sync_batch_read:
 * @after: the outbox position past which to read, -1 for the oldest
 *
 * Reads a push batch of @actor's edits and writes its body, in the grouped
 * form (docs/protocol.md): a case's operations name its entities once per
 * run instead of once per field. Written straight as text: a batch holds
 * thousands of operations.
 *
 * Returns: (transfer full) (nullable): the batch, empty when nothing waits
 */
RuhuSyncBatch *
ruhu_sync_batch_read (RuhuStore   *store,
                      const char  *actor,
                      gint64       after,
                      guint        limit,
                      GError     **error)
{
  RuhuSyncBatch *batch = g_new0 (RuhuSyncBatch, 1);
  GString *out;

  batch->ops = ruhu_store_outbox_peek_after (store, actor, after, limit, &batch->last, error);
  if (batch->ops == NULL)
    {
      ruhu_sync_batch_free (batch);
      return NULL;
    }
  out = g_string_new ("{\"entities\":");
  ruhu_op_list_write_groups (out, batch->ops);
  g_string_append_c (out, '}');
  batch->body = g_string_free_to_bytes (out);
  return batch;
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadRequest *request = task_data;
  GError *error = NULL;
  RuhuSyncBatch *batch = ruhu_sync_batch_read (request->store, request->actor, request->after,
                                               request->limit, &error);

  if (batch != NULL)
    g_task_return_pointer (task, batch, (GDestroyNotify) ruhu_sync_batch_free);
  else
    g_task_return_error (task, error);
}

void
ruhu_sync_push_ahead_free (RuhuSyncPushAhead *ahead)
{
  g_clear_object (&ahead->read);
  g_clear_pointer (&ahead->batch, ruhu_sync_batch_free);
  g_free (ahead);
}

/* Hands the batch to the push waiting for it, from the main context:
 * whether it has one or must read it again is its next step's to see. */
static void
deliver (RuhuSyncJob *job)
{
  RuhuSyncStepFunc then = job->ahead->then;

  if (g_task_return_error_if_cancelled (job->task))
    return;
  g_clear_pointer (&job->push_batch, ruhu_sync_batch_free);
  job->push_batch = g_steal_pointer (&job->ahead->batch);
  g_clear_pointer (&job->ahead, ruhu_sync_push_ahead_free);
  then (job);
}

static void
read_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RuhuSyncJob *job = g_task_get_task_data (task);
  RuhuSyncPushAhead *ahead = job->ahead;
  g_autoptr(GError) error = NULL;
  RuhuSyncBatch *batch = g_task_propagate_pointer (G_TASK (result), &error);

  if (ahead == NULL || ahead->read != G_TASK (result))  /* the push no longer wants it */
    {
      g_clear_pointer (&batch, ruhu_sync_batch_free);
      return;
    }
  if (batch == NULL)
    g_debug ("Reading the next push batch ahead failed: %s", error->message);
  ahead->batch = batch;
  ahead->done = TRUE;
  if (ahead->then != NULL)
    deliver (job);
}

/**
 * ruhu_sync_push_ahead_start:
 *
 * Starts reading the batch after the one just sent (job->push_batch).
 */
void
ruhu_sync_push_ahead_start (RuhuSyncJob *job)
{
  ReadRequest *request;

  if (job->ahead != NULL || job->push_batch == NULL || job->push_batch->last < 0)
    return;
  request = g_new0 (ReadRequest, 1);
  request->store = g_object_ref (job->client->store);
  request->actor = g_strdup (job->actor);
  request->after = job->push_batch->last;
  request->limit = job->batch_limit;
  job->ahead = g_new0 (RuhuSyncPushAhead, 1);
  job->ahead->read = g_task_new (NULL, NULL, read_done_cb, g_object_ref (job->task));
  g_task_set_task_data (job->ahead->read, request, (GDestroyNotify) read_request_free);
  g_task_run_in_thread (job->ahead->read, read_thread);
}

/**
 * ruhu_sync_push_ahead_take:
 * @then: the push's next step
 *
 * Once the batch in flight is acknowledged: the batch read ahead becomes
 * job->push_batch (%NULL if the read failed) and @then runs, at once or
 * when the read ends.
 *
 * Returns: %FALSE if nothing was read ahead
 */
gboolean
ruhu_sync_push_ahead_take (RuhuSyncJob      *job,
                           RuhuSyncStepFunc  then)
{
  if (job->ahead == NULL)
    return FALSE;
  job->ahead->then = then;
  if (job->ahead->done)
    deliver (job);
  return TRUE;
}
