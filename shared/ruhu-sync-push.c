/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-sync-private.h"

/* Pushing the outbox: the oldest operations first, one batch at a time.
 * Every answer shrinks the outbox (acknowledged or rejected operations
 * leave it), so the loop ends. Nothing is acknowledged before the server
 * has answered for it: a push broken anywhere is repeated, and what the
 * server already stored comes back as "duplicate". An answer is written
 * to the store while the next batch is on its way
 * (ruhu-sync-push-settle.c). */

static void push_next  (RuhuSyncJob *job);
static void push_again (RuhuSyncJob *job);

static gboolean
reject_op (RuhuSyncJob   *job,
           const RuhuOp  *op,
           const char    *reason,
           GError       **error)
{
  g_debug ("Server rejected %s (%s.%s): %s", op->version, op->entity, op->field, reason);
  return ruhu_store_reject (job->client->store, op, reason, error);
}

static const char *
result_string (JsonObject *result,
               const char *name)
{
  JsonNode *node = json_object_get_member (result, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
member_count (JsonObject *object,
              const char *name,
              gint64     *count)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) < 0)
    return FALSE;
  *count = json_node_get_int (node);
  return TRUE;
}

/* The answer names the refused operations, by position, in order; every
 * other one was applied or was a duplicate. It may move the pull cursor
 * (@next, -1 if not) past the versions just sent (docs/protocol.md). The
 * whole answer is checked before the store changes, so that a malformed
 * one changes nothing. Returns the refusals, %NULL for a malformed answer. */
static JsonArray *
check_results (RuhuSyncJob *job,
               JsonNode    *body,
               gint64      *next)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body) : NULL;
  JsonNode *node = object != NULL ? json_object_get_member (object, "rejected") : NULL;
  JsonArray *rejected;
  gint64 applied, duplicate, previous = -1;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      !member_count (object, "applied", &applied) ||
      !member_count (object, "duplicate", &duplicate))
    return NULL;
  *next = -1;
  if (json_object_has_member (object, "next") &&
      (!member_count (object, "next", next) || *next < job->cursor))
    return NULL;
  rejected = json_node_get_array (node);
  if ((guint64) applied + duplicate + json_array_get_length (rejected) != job->push_batch->ops->len)
    return NULL;
  for (guint i = 0; i < json_array_get_length (rejected); i++)
    {
      JsonNode *element = json_array_get_element (rejected, i);
      JsonObject *result;
      gint64 index;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return NULL;
      result = json_node_get_object (element);
      if (!member_count (result, "index", &index) || index <= previous ||
          (guint64) index >= job->push_batch->ops->len ||
          g_strcmp0 (result_string (result, "v"),
                     ((RuhuOp *) g_ptr_array_index (job->push_batch->ops, index))->version) != 0)
        return NULL;
      previous = index;
    }
  return rejected;
}

/* The answer is sound: the next batch goes at once, and this one is
 * settled meanwhile (ruhu-sync-push-settle.c). */
static void
apply_results (RuhuSyncJob *job,
               JsonArray   *rejected,
               gint64       cursor)
{
  GPtrArray *ops = job->push_batch->ops;
  RuhuSyncSettle *settle = ruhu_sync_settle_new (job->client->store);
  guint next = 0;

  for (guint i = 0; i < json_array_get_length (rejected); i++)
    {
      JsonObject *result = json_array_get_object_element (rejected, i);
      guint index = json_object_get_int_member (result, "index");
      const char *reason = result_string (result, "reason");

      for (; next < index; next++)
        ruhu_sync_settle_ack (settle, g_ptr_array_index (ops, next));
      next = index + 1;
      if (reason == NULL || *reason == '\0')
        reason = result_string (result, "code");
      ruhu_sync_settle_refuse (settle, g_ptr_array_index (ops, index),
                               reason ? reason : _("Refused by the server"));
    }
  for (; next < ops->len; next++)
    ruhu_sync_settle_ack (settle, g_ptr_array_index (ops, next));
  if (cursor > job->cursor)
    ruhu_sync_settle_set_cursor (settle, cursor);
  ruhu_sync_push_settle_start (job, settle);

  /* The next batch asks with the moved cursor, saved or not yet. */
  job->cursor = MAX (job->cursor, cursor);
  job->pushed += ops->len;
  ruhu_sync_note_pushed (job->client, ops->len);
  ruhu_sync_emit_progress (job->client, RUHU_SYNC_PHASE_PUSH, job->pushed,
                           MAX (job->push_total, job->pushed));
  push_next (job);
}

/* A 422 names one operation that is not well formed or whose value the
 * form refuses: reject exactly that one, and push the rest again. */
static void
reject_invalid (RuhuSyncJob *job,
                guint        status,
                JsonNode    *body)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body) : NULL;
  JsonNode *index_node = object ? json_object_get_member (object, "index") : NULL;
  const char *message = object ? result_string (object, "message") : NULL;
  const char *v = object ? result_string (object, "v") : NULL;
  g_autoptr(GError) error = NULL;
  gint64 index = -1;
  RuhuOp *op;

  if (index_node != NULL && JSON_NODE_HOLDS_VALUE (index_node) &&
      json_node_get_value_type (index_node) == G_TYPE_INT64)
    index = json_node_get_int (index_node);
  if (index < 0 || (guint64) index >= job->push_batch->ops->len)
    {
      ruhu_sync_job_fail (job, ruhu_sync_error_from_reply (status, body));
      return;
    }
  op = g_ptr_array_index (job->push_batch->ops, index);
  if (v != NULL && strcmp (v, op->version) != 0)
    {
      ruhu_sync_job_fail (job, ruhu_sync_protocol_error (_("a refusal names another version")));
      return;
    }
  if (!reject_op (job, op, message ? message : _("Refused by the server"), &error))
    {
      ruhu_sync_job_fail_store (job, g_steal_pointer (&error));
      return;
    }
  ruhu_sync_note_pushed (job->client, 1);
  push_again (job);
}

/* A batch too large for the server's body limit is halved; one operation
 * too large on its own can never be accepted, so it is rejected here. */
static void
shrink_batch (RuhuSyncJob *job,
              guint        status,
              JsonNode    *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) reason = NULL;

  if (job->push_batch->ops->len > 1)
    {
      job->batch_limit = MAX (job->push_batch->ops->len / 2, 1);
      push_again (job);
      return;
    }
  reason = ruhu_sync_error_from_reply (status, body);
  if (!reject_op (job, g_ptr_array_index (job->push_batch->ops, 0), reason->message, &error))
    {
      ruhu_sync_job_fail_store (job, g_steal_pointer (&error));
      return;
    }
  push_again (job);
}

static void push_reply (RuhuSyncJob *job,
                        guint        status,
                        JsonNode    *body);

/* The answer that waited for the settle before it. */
static void
push_reply_deferred (RuhuSyncJob *job)
{
  g_autoptr(JsonNode) body = g_steal_pointer (&job->deferred_body);

  push_reply (job, job->deferred_status, body);
}

static void
push_reply (RuhuSyncJob *job,
            guint        status,
            JsonNode    *body)
{
  JsonArray *results;
  gint64 cursor;

  /* Answers are settled in order: this one after the one before. */
  if (job->settle != NULL)
    {
      job->deferred_status = status;
      g_clear_pointer (&job->deferred_body, json_node_unref);
      job->deferred_body = body != NULL ? json_node_ref (body) : NULL;
      if (ruhu_sync_push_settle_wait (job, push_reply_deferred))
        return;
      g_clear_pointer (&job->deferred_body, json_node_unref);
    }

  if (status == SOUP_STATUS_OK)
    {
      results = check_results (job, body, &cursor);
      if (results == NULL)
        ruhu_sync_job_fail (job, ruhu_sync_protocol_error (_("the push results do not match")));
      else
        apply_results (job, results, cursor);
    }
  else if (status == SOUP_STATUS_UNPROCESSABLE_ENTITY)
    reject_invalid (job, status, body);
  else if (status == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE)
    shrink_batch (job, status, body);
  else
    ruhu_sync_job_fail (job, ruhu_sync_error_from_reply (status, body));
}

/* The server has the batch's photos (or all it could get): send the batch,
 * with the pull cursor the answer may move past it, and read the next. */
static void
push_batch (RuhuSyncJob *job)
{
  g_autofree char *path = NULL;

  if (g_task_return_error_if_cancelled (job->task))
    return;
  path = g_strdup_printf ("/api/v1/push?since=%" G_GINT64_FORMAT, job->cursor);
  ruhu_sync_job_send_bytes (job, "POST", path, g_bytes_ref (job->push_batch->body), push_reply);
  ruhu_sync_push_ahead_start (job);
}

static void
push_read (RuhuSyncJob *job)
{
  g_autoptr(GError) error = NULL;

  if (g_task_return_error_if_cancelled (job->task))
    return;
  /* Read ahead and found nothing: edits made since may wait all the same.
   * A fresh read starts at the outbox's oldest, once the last answer has
   * taken its batch out. */
  if (job->push_batch == NULL || job->push_batch->ops->len == 0)
    {
      if (ruhu_sync_push_settle_wait (job, push_read))
        return;
      g_clear_pointer (&job->push_batch, ruhu_sync_batch_free);
      job->push_batch = ruhu_sync_batch_read (job->client->store, job->actor, -1,
                                              job->batch_limit, &error);
    }
  if (job->push_batch == NULL)
    {
      ruhu_sync_job_fail_store (job, g_steal_pointer (&error));
      return;
    }
  if (job->push_batch->ops->len == 0)
    {
      ruhu_sync_pull_start (job);
      return;
    }

  /* The photos first, so that the server holds no operation whose photo
   * it cannot serve (ruhu-sync-blobs.c). */
  ruhu_sync_blobs_upload (job, job->push_batch->ops, push_batch);
}

/* The batch in flight is settled: the next is the one read ahead, if
 * any. */
static void
push_next (RuhuSyncJob *job)
{
  g_clear_pointer (&job->push_batch, ruhu_sync_batch_free);
  if (!ruhu_sync_push_ahead_take (job, push_read))
    push_read (job);
}

/* The batch in flight was not settled as a whole (one refusal to leave
 * out, or a batch to halve): what was read ahead may not follow it. */
static void
push_again (RuhuSyncJob *job)
{
  g_clear_pointer (&job->ahead, ruhu_sync_push_ahead_free);
  push_next (job);
}

/* Only the signed-in user's edits: another user's wait for them to sign
 * in on this device (the server refuses them from anyone else). */
void
ruhu_sync_push_start (RuhuSyncJob *job)
{
  g_free (job->actor);
  job->actor = ruhu_store_get_setting (job->client->store, RUHU_SYNC_SETTING_USER, NULL);
  ruhu_sync_emit_progress (job->client, RUHU_SYNC_PHASE_PUSH, 0, job->push_total);
  push_next (job);
}
