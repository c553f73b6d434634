/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-sync-private.h"

/* A pull asks for the next page as soon as it has read one, and applies
 * the page it has while the server prepares the next: the server's work
 * and the device's overlap instead of taking turns. The page fetched ahead
 * is only a head start: if it failed, or the pull went elsewhere, the page
 * is asked for the ordinary way (ruhu_sync_job_send(), with its retries). */

struct _RuhuSyncPrefetch
{
  gint64             since;
  char              *path;
  SoupMessage       *message;
  GBytes            *bytes;       /* the answer; NULL while in flight or after a failure */
  gboolean           done;
  RuhuSyncReplyFunc  reply_func;  /* set once the pull waits for this page */
};

void
ruhu_sync_prefetch_free (RuhuSyncPrefetch *prefetch)
{
  g_clear_object (&prefetch->message);
  g_clear_pointer (&prefetch->bytes, g_bytes_unref);
  g_free (prefetch->path);
  g_free (prefetch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuSyncPrefetch, ruhu_sync_prefetch_free)

/* Hands the page to the pull waiting for it. */
static gboolean
deliver_cb (gpointer user_data)
{
  RuhuSyncJob *job = g_task_get_task_data (G_TASK (user_data));
  g_autoptr(RuhuSyncPrefetch) prefetch = g_steal_pointer (&job->prefetch);

  if (g_task_return_error_if_cancelled (job->task))
    return G_SOURCE_REMOVE;
  if (prefetch->bytes == NULL)
    ruhu_sync_job_send (job, "GET", prefetch->path, NULL, prefetch->reply_func);
  else
    ruhu_sync_job_take_answer (job, prefetch->path, prefetch->message, prefetch->bytes,
                               prefetch->reply_func);
  return G_SOURCE_REMOVE;
}

/* Not at once: a pull that found its page waiting would otherwise go on
 * page after page deeper in the stack. */
static void
deliver_soon (RuhuSyncJob *job)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_callback (source, deliver_cb, g_object_ref (job->task), g_object_unref);
  g_source_attach (source, g_task_get_context (job->task));
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RuhuSyncJob *job = g_task_get_task_data (task);
  RuhuSyncPrefetch *prefetch = job->prefetch;
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  if (prefetch == NULL || prefetch->message != message)  /* the job no longer wants it */
    {
      g_clear_pointer (&bytes, g_bytes_unref);
      return;
    }
  if (bytes == NULL)
    g_debug ("Fetching the pull page after %" G_GINT64_FORMAT " ahead failed: %s",
             prefetch->since, error->message);
  prefetch->bytes = bytes;
  prefetch->done = TRUE;
  if (prefetch->reply_func != NULL)
    deliver_soon (job);
}

/**
 * ruhu_sync_prefetch_start:
 * @path: the GET of the page after @since
 *
 * Asks for that page now; ruhu_sync_prefetch_take() gets its answer.
 */
void
ruhu_sync_prefetch_start (RuhuSyncJob *job,
                          const char  *path,
                          gint64       since)
{
  RuhuSyncPrefetch *prefetch;

  if (job->prefetch != NULL)
    return;
  prefetch = g_new0 (RuhuSyncPrefetch, 1);
  prefetch->since = since;
  prefetch->path = g_strdup (path);
  prefetch->message = ruhu_sync_job_message (job, "GET", path, NULL);
  if (prefetch->message == NULL)
    {
      ruhu_sync_prefetch_free (prefetch);
      return;
    }
  job->prefetch = prefetch;
  soup_session_send_and_read_async (job->client->session, prefetch->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (job->task), fetched_cb,
                                    g_object_ref (job->task));
}

/**
 * ruhu_sync_prefetch_take:
 * @since: the cursor the pull goes on from
 * @reply_func: what handles the page's answer
 *
 * Returns: %TRUE if the page after @since was asked for ahead: its answer
 *   goes to @reply_func (soon, or when it comes); %FALSE if the caller
 *   must ask for the page itself
 */
gboolean
ruhu_sync_prefetch_take (RuhuSyncJob       *job,
                         gint64             since,
                         RuhuSyncReplyFunc  reply_func)
{
  RuhuSyncPrefetch *prefetch = job->prefetch;

  if (prefetch == NULL)
    return FALSE;
  if (prefetch->since != since)
    {
      /* Another page: an answer still in flight finds no one waiting. */
      g_clear_pointer (&job->prefetch, ruhu_sync_prefetch_free);
      return FALSE;
    }
  prefetch->reply_func = reply_func;
  if (prefetch->done)
    deliver_soon (job);
  return TRUE;
}
