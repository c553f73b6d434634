/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-sync-blob-pending.h"

/* Fetching the photos a pulled page names and this device lacks: GET in
 * parts with Range, each part sealed to disk as it comes, so that a broken
 * sync resumes from what is there (ruhu-sync-blob-file.c). A photo the
 * server refuses or lacks is skipped and fetched again at the next sync
 * (ruhu-sync-blob-pending.c). */

static void download_next (RuhuSyncJob *job);
static void download_get  (RuhuSyncJob *job);

static void
skip_for_now (RuhuSyncJob  *job,
              const GError *error)
{
  ruhu_sync_blob_pending_set (job, ruhu_sync_blob_current (job), TRUE);
  ruhu_sync_blob_skip (job, "fetched", error, download_next);
}

static void
fetched (RuhuSyncJob *job)
{
  ruhu_sync_blob_pending_set (job, ruhu_sync_blob_current (job), FALSE);
  job->blob_index++;
  download_next (job);
}

static void
keep_part (RuhuSyncJob *job,
           SoupMessage *message,
           GBytes      *body)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  g_autoptr(GError) error = NULL;
  goffset start = -1, end = -1, total = -1;

  if (!soup_message_headers_get_content_range (headers, &start, &end, &total) ||
      start != job->blob_offset || total <= end ||
      (gsize) (end - start + 1) != g_bytes_get_size (body))
    {
      ruhu_sync_blob_partial_discard (job->client, ruhu_sync_blob_current (job));
      ruhu_sync_job_fail (job, ruhu_sync_protocol_error (_("a part of a photo that does not fit")));
      return;
    }
  if (!ruhu_sync_blob_partial_append (job->client, ruhu_sync_blob_current (job), start, body,
                                      &error))
    {
      ruhu_sync_job_fail (job, g_steal_pointer (&error));
      return;
    }
  if (end + 1 < total)
    {
      job->attempt = 0;
      download_get (job);
      return;
    }
  if (!ruhu_sync_blob_partial_finish (job->client, ruhu_sync_blob_current (job), &error))
    {
      skip_for_now (job, error);
      return;
    }
  fetched (job);
}

static void
keep_whole (RuhuSyncJob *job,
            GBytes      *body)
{
  g_autoptr(GError) error = NULL;

  ruhu_sync_blob_partial_discard (job->client, ruhu_sync_blob_current (job));
  if (!ruhu_sync_blob_partial_append (job->client, ruhu_sync_blob_current (job), 0, body, &error) ||
      !ruhu_sync_blob_partial_finish (job->client, ruhu_sync_blob_current (job), &error))
    {
      skip_for_now (job, error);
      return;
    }
  fetched (job);
}

static void
get_reply (RuhuSyncJob *job,
           SoupMessage *message,
           GBytes      *body)
{
  guint status = soup_message_get_status (message);
  g_autoptr(GError) error = NULL;

  switch (status)
    {
    case SOUP_STATUS_PARTIAL_CONTENT:
      keep_part (job, message, body);
      return;
    case SOUP_STATUS_OK:
      keep_whole (job, body);
      return;
    case SOUP_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE:
      ruhu_sync_blob_partial_discard (job->client, ruhu_sync_blob_current (job));
      if (job->attempt < job->max_tries)
        {
          download_get (job);
          return;
        }
      break;
    case SOUP_STATUS_NOT_FOUND:
      /* Not uploaded yet by the device that took it. */
      error = g_error_new (RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_BLOB,
                           _("The server does not have this photo yet"));
      skip_for_now (job, error);
      return;
    case SOUP_STATUS_FORBIDDEN:
      /* Not for this user, or not yet (an assignment to come). */
      error = ruhu_sync_blob_reply_error (message, body);
      skip_for_now (job, error);
      return;
    default:
      break;
    }
  ruhu_sync_job_fail (job, ruhu_sync_blob_reply_error (message, body));
}

static void
download_get (RuhuSyncJob *job)
{
  g_autoptr(SoupMessage) message = ruhu_sync_blob_message (job, SOUP_METHOD_GET);

  job->blob_offset = ruhu_sync_blob_partial_size (job->client, ruhu_sync_blob_current (job));
  soup_message_headers_set_range (soup_message_get_request_headers (message), job->blob_offset,
                                  job->blob_offset + RUHU_SYNC_BLOB_PART - 1);
  ruhu_sync_blob_send (job, message, get_reply, download_get);
}

static void
download_next (RuhuSyncJob *job)
{
  if (g_task_return_error_if_cancelled (job->task))
    return;
  while (job->blob_index < job->blobs->len &&
         ruhu_sync_blob_exists (job->client, ruhu_sync_blob_current (job)))
    {
      ruhu_sync_blob_pending_set (job, ruhu_sync_blob_current (job), FALSE);
      job->blob_index++;
    }
  if (job->blob_index == job->blobs->len)
    {
      ruhu_sync_blobs_finish (job);
      return;
    }
  job->attempt = 0;
  download_get (job);
}

/**
 * ruhu_sync_blobs_download:
 * @ops: (element-type RuhuOp): a pulled page, not applied yet
 * @then: called once this device has every photo @ops names that it can get
 */
void
ruhu_sync_blobs_download (RuhuSyncJob      *job,
                          GPtrArray        *ops,
                          RuhuSyncStepFunc  then)
{
  if (job->client->blob_dir == NULL)
    {
      then (job);
      return;
    }
  job->blobs = ruhu_sync_blob_names (job->client, ops);
  ruhu_sync_blob_pending_add_to (job, job->blobs);
  job->blob_index = 0;
  job->blobs_done = then;
  download_next (job);
}
