/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-blob-ref.h"
#include "ruhu-json.h"
#include "ruhu-sync-private.h"

/* Photos travel beside the operations that name them: before a push batch
 * goes out, the photos it refers to are uploaded (HEAD, then PUT in parts
 * with Content-Range, resumed where the server says it stands); before a
 * pulled page is applied, the photos it refers to and this device lacks
 * are fetched (GET in parts with Range, resumed from what is on disk). A
 * photo the server refuses or does not have is logged and skipped: the
 * operations still sync. A broken connection is retried like any request,
 * and fails the sync after the last try. */

typedef struct
{
  GTask                 *task;
  RuhuSyncBlobReplyFunc  reply;
  RuhuSyncStepFunc       retry;  /* sends the request again, from the start of a blob */
} Pending;

static void upload_next   (RuhuSyncJob *job);

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->task);
  g_free (pending);
}

/**
 * ruhu_sync_blob_names:
 * @ops: (element-type RuhuOp): operations
 *
 * Returns: (transfer full) (element-type utf8): the photos that photo
 *   fields and signature images of @ops name, each once
 */
GPtrArray *
ruhu_sync_blob_names (RuhuSyncClient *self,
                      GPtrArray      *ops)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  if (self->forms == NULL && (self->forms = ruhu_form_set_load_default (&error)) == NULL)
    {
      g_warning ("Cannot tell which fields hold photos: %s", error->message);
      return g_steal_pointer (&names);
    }
  for (guint i = 0; i < ops->len; i++)
    {
      const char *name = ruhu_blob_ref_from_op (self->forms, g_ptr_array_index (ops, i));

      if (name != NULL && g_hash_table_add (seen, (gpointer) name))
        g_ptr_array_add (names, g_strdup (name));
    }
  return g_steal_pointer (&names);
}

void
ruhu_sync_blobs_finish (RuhuSyncJob *job)
{
  RuhuSyncStepFunc then = job->blobs_done;

  g_clear_pointer (&job->blobs, g_ptr_array_unref);
  g_clear_pointer (&job->blob_data, g_bytes_unref);
  job->blobs_done = NULL;
  then (job);
}

const char *
ruhu_sync_blob_current (RuhuSyncJob *job)
{
  return g_ptr_array_index (job->blobs, job->blob_index);
}

static gboolean
retry_cb (GCancellable *cancellable,
          gpointer      user_data)
{
  Pending *pending = user_data;
  RuhuSyncJob *job = g_task_get_task_data (pending->task);

  if (!g_task_return_error_if_cancelled (pending->task))
    pending->retry (job);
  return G_SOURCE_REMOVE;
}

static void
retry_later (RuhuSyncJob *job,
             SoupMessage *message,
             Pending     *pending)
{
  g_autoptr(GSource) source = g_cancellable_source_new (g_task_get_cancellable (job->task));
  guint delay = ruhu_sync_retry_delay_ms (job, message);

  g_debug ("Retrying the transfer of photo %s in %u ms", ruhu_sync_blob_current (job), delay);
  g_source_set_ready_time (source, g_get_monotonic_time () + (gint64) delay * 1000);
  g_source_set_callback (source, G_SOURCE_FUNC (retry_cb), pending,
                         (GDestroyNotify) pending_free);
  g_source_attach (source, g_task_get_context (job->task));
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Pending *pending = user_data;
  RuhuSyncJob *job = g_task_get_task_data (pending->task);
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  status = body != NULL ? soup_message_get_status (message) : 0;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (pending->task, g_steal_pointer (&error));
  else if ((body == NULL || status >= 500 || status == 429) && job->attempt < job->max_tries)
    {
      retry_later (job, body != NULL ? message : NULL, pending);
      return;
    }
  else if (body == NULL)
    ruhu_sync_job_fail (job, ruhu_sync_network_error (job, error));
  else
    pending->reply (job, message, body);
  pending_free (pending);
}

void
ruhu_sync_blob_send (RuhuSyncJob           *job,
                     SoupMessage           *message,
                     RuhuSyncBlobReplyFunc  reply,
                     RuhuSyncStepFunc       retry)
{
  Pending *pending = g_new0 (Pending, 1);
  g_autofree char *bearer = g_strconcat ("Bearer ", job->token, NULL);

  pending->task = g_object_ref (job->task);
  pending->reply = reply;
  pending->retry = retry;
  job->attempt++;
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                bearer);
  soup_session_send_and_read_async (job->client->session, message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (job->task), sent_cb, pending);
}

SoupMessage *
ruhu_sync_blob_message (RuhuSyncJob *job,
                        const char  *method)
{
  g_autofree char *uri = g_strconcat (job->base_url, "/api/v1/blobs/",
                                      ruhu_sync_blob_current (job), NULL);

  return soup_message_new (method, uri);
}

/* The server's answer to a failed request, as the user should read it. */
GError *
ruhu_sync_blob_reply_error (SoupMessage *message,
                            GBytes      *body)
{
  g_autoptr(JsonNode) node = NULL;

  if (g_bytes_get_size (body) > 0)
    node = ruhu_json_parse (g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL, NULL);
  return ruhu_sync_error_from_reply (soup_message_get_status (message), node);
}

/* "Range: bytes=0-k" from the server: what it has, k + 1 bytes; 0 if none. */
static gint64
server_received (SoupMessage *message)
{
  const char *range = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                    "Range");
  guint64 last = 0;

  if (range == NULL || !g_str_has_prefix (range, "bytes=0-") ||
      !g_ascii_string_to_unsigned (range + strlen ("bytes=0-"), 10, 0, G_MAXINT64 - 1, &last,
                                   NULL))
    return 0;
  return (gint64) last + 1;
}

void
ruhu_sync_blob_skip (RuhuSyncJob      *job,
                     const char       *what,
                     const GError     *error,
                     RuhuSyncStepFunc  next)
{
  /* Expected now and then (a photo not uploaded yet, or not for this
   * user): worth a line in the log, not a warning. */
  g_message ("Photo %s was not %s: %s", ruhu_sync_blob_current (job), what, error->message);
  job->blob_index++;
  next (job);
}

/* Upload */

static void upload_put  (RuhuSyncJob *job);
static void upload_head (RuhuSyncJob *job);

static void
put_reply (RuhuSyncJob *job,
           SoupMessage *message,
           GBytes      *body)
{
  guint status = soup_message_get_status (message);
  g_autoptr(GError) error = ruhu_sync_blob_reply_error (message, body);
  gint64 received = server_received (message);

  switch (status)
    {
    case SOUP_STATUS_PERMANENT_REDIRECT:
      if (received <= job->blob_offset || received >= job->blob_total)
        {
          ruhu_sync_job_fail (job, ruhu_sync_protocol_error (_("an upload that does not advance")));
          return;
        }
      job->blob_offset = received;
      job->attempt = 0;
      upload_put (job);
      return;
    case SOUP_STATUS_OK:
    case SOUP_STATUS_CREATED:
      job->blob_index++;
      upload_next (job);
      return;
    case SOUP_STATUS_CONFLICT:
      if (job->attempt >= job->max_tries)
        break;
      job->blob_offset = MIN (received, job->blob_total);
      upload_put (job);
      return;
    case SOUP_STATUS_BAD_REQUEST:
    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE:
    case SOUP_STATUS_UNPROCESSABLE_ENTITY:
      ruhu_sync_blob_skip (job, "uploaded", error, upload_next);
      return;
    default:
      break;
    }
  ruhu_sync_job_fail (job, g_steal_pointer (&error));
}

static void
upload_put (RuhuSyncJob *job)
{
  g_autoptr(SoupMessage) message = ruhu_sync_blob_message (job, SOUP_METHOD_PUT);
  gint64 length = MIN (RUHU_SYNC_BLOB_PART, job->blob_total - job->blob_offset);
  g_autoptr(GBytes) part = g_bytes_new_from_bytes (job->blob_data, (gsize) job->blob_offset,
                                                   (gsize) length);

  soup_message_headers_set_content_range (soup_message_get_request_headers (message),
                                          job->blob_offset, job->blob_offset + length - 1,
                                          job->blob_total);
  soup_message_set_request_body_from_bytes (message, "application/octet-stream", part);
  ruhu_sync_blob_send (job, message, put_reply, upload_head);
}

static void
head_reply (RuhuSyncJob *job,
            SoupMessage *message,
            GBytes      *body)
{
  guint status = soup_message_get_status (message);

  if (status == SOUP_STATUS_OK)
    {
      job->blob_index++;
      upload_next (job);
    }
  else if (status == SOUP_STATUS_NOT_FOUND)
    {
      job->blob_offset = MIN (server_received (message), job->blob_total - 1);
      upload_put (job);
    }
  else
    ruhu_sync_job_fail (job, ruhu_sync_error_from_reply (status, NULL));
}

static void
upload_head (RuhuSyncJob *job)
{
  g_autoptr(SoupMessage) message = ruhu_sync_blob_message (job, SOUP_METHOD_HEAD);

  ruhu_sync_blob_send (job, message, head_reply, upload_head);
}

static void
upload_next (RuhuSyncJob *job)
{
  if (g_task_return_error_if_cancelled (job->task))
    return;
  g_clear_pointer (&job->blob_data, g_bytes_unref);
  for (; job->blob_index < job->blobs->len; job->blob_index++)
    {
      g_autoptr(GError) error = NULL;

      /* A photo this device never had (it came from elsewhere and was not
       * fetched) is the server's to have. */
      if (!ruhu_sync_blob_exists (job->client, ruhu_sync_blob_current (job)))
        continue;
      job->blob_data = ruhu_sync_blob_load (job->client, ruhu_sync_blob_current (job), &error);
      if (job->blob_data != NULL && g_bytes_get_size (job->blob_data) > 0)
        break;
      if (error != NULL)
        g_warning ("Photo %s cannot be uploaded: %s", ruhu_sync_blob_current (job), error->message);
      g_clear_pointer (&job->blob_data, g_bytes_unref);
    }
  if (job->blob_index == job->blobs->len)
    {
      ruhu_sync_blobs_finish (job);
      return;
    }
  job->blob_total = (gint64) g_bytes_get_size (job->blob_data);
  job->blob_offset = 0;
  job->attempt = 0;
  upload_head (job);
}

/**
 * ruhu_sync_blobs_upload:
 * @ops: (element-type RuhuOp): the batch about to be pushed
 * @then: called once the server has every photo @ops names that it can get
 */
void
ruhu_sync_blobs_upload (RuhuSyncJob      *job,
                        GPtrArray        *ops,
                        RuhuSyncStepFunc  then)
{
  if (job->client->blob_dir == NULL)
    {
      then (job);
      return;
    }
  job->blobs = ruhu_sync_blob_names (job->client, ops);
  job->blob_index = 0;
  job->blobs_done = then;
  upload_next (job);
}

