/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-sync-private.h"

/* A pull asks for the pages after the one it applies while it applies
 * it: the server's work and the device's overlap instead of taking turns.
 *
 * - The server names the page after each answer in its headers
 *   (`Ruhu-Next`, `Ruhu-More`), so the request for it leaves as soon as
 *   the answer before has arrived, without waiting for that answer to be
 *   read or stored: the server prepares pages back to back.
 * - A page that arrives is read into operations in a worker thread at
 *   once, so that storing it can start as soon as the page before is
 *   stored.
 * - At most PAGES_AHEAD pages wait, in order (job->prefetches).
 *
 * A page fetched ahead is only a head start: if it failed, or the pull
 * went elsewhere, the page is asked for the ordinary way
 * (ruhu_sync_job_send(), with its retries). */

#define PAGES_AHEAD 2

struct _RuhuSyncPrefetch
{
  gint64             since;
  char              *path;
  SoupMessage       *message;
  GBytes            *bytes;       /* the answer; NULL while in flight or after a failure */
  GTask             *read;        /* reading its operations, if a page came */
  GPtrArray         *ops;         /* RuhuOp*: once read, if the answer is a page */
  JsonObject        *rest;        /* the answer's other members, with @ops */
  gboolean           done;
  RuhuSyncReplyFunc  reply_func;  /* set once the pull waits for this page */
};

typedef struct
{
  GBytes     *bytes;
  char       *member;
  GPtrArray  *ops;
  JsonObject *rest;
} PageRead;

static void
page_read_free (PageRead *read)
{
  g_bytes_unref (read->bytes);
  g_free (read->member);
  g_clear_pointer (&read->ops, g_ptr_array_unref);
  g_clear_pointer (&read->rest, json_object_unref);
  g_free (read);
}

static void
ruhu_sync_prefetch_free (RuhuSyncPrefetch *prefetch)
{
  g_clear_object (&prefetch->message);
  g_clear_pointer (&prefetch->bytes, g_bytes_unref);
  g_clear_object (&prefetch->read);
  g_clear_pointer (&prefetch->ops, g_ptr_array_unref);
  g_clear_pointer (&prefetch->rest, json_object_unref);
  g_free (prefetch->path);
  g_free (prefetch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuSyncPrefetch, ruhu_sync_prefetch_free)

/* Drops every page asked for ahead: answers still in flight find no one
 * waiting. */
void
ruhu_sync_prefetch_clear (RuhuSyncJob *job)
{
  RuhuSyncPrefetch *prefetch;

  while ((prefetch = g_queue_pop_head (&job->prefetches)) != NULL)
    ruhu_sync_prefetch_free (prefetch);
}

/* Hands the first page to the pull waiting for it. */
static gboolean
deliver_cb (gpointer user_data)
{
  RuhuSyncJob *job = g_task_get_task_data (G_TASK (user_data));
  g_autoptr(RuhuSyncPrefetch) prefetch = g_queue_pop_head (&job->prefetches);

  if (g_task_return_error_if_cancelled (job->task))
    return G_SOURCE_REMOVE;
  if (prefetch->bytes == NULL)
    ruhu_sync_job_send (job, "GET", prefetch->path, NULL, prefetch->reply_func);
  else
    ruhu_sync_job_take_answer (job, prefetch->path, prefetch->message, prefetch->bytes,
                               g_steal_pointer (&prefetch->ops),
                               g_steal_pointer (&prefetch->rest), prefetch->reply_func);
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

/* The page is ready for the pull: read, or found not to be a page. */
static void
page_ready (RuhuSyncJob      *job,
            RuhuSyncPrefetch *prefetch)
{
  prefetch->done = TRUE;
  if (prefetch == g_queue_peek_head (&job->prefetches) && prefetch->reply_func != NULL)
    deliver_soon (job);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PageRead *read = task_data;

  read->ops = ruhu_sync_read_answer_ops (read->bytes, read->member, &read->rest);
  g_task_return_boolean (task, TRUE);
}

static void
read_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RuhuSyncJob *job = g_task_get_task_data (task);
  PageRead *read = g_task_get_task_data (G_TASK (result));

  for (GList *l = job->prefetches.head; l != NULL; l = l->next)
    {
      RuhuSyncPrefetch *prefetch = l->data;

      if (prefetch->read != G_TASK (result))
        continue;
      prefetch->ops = g_steal_pointer (&read->ops);
      prefetch->rest = g_steal_pointer (&read->rest);
      page_ready (job, prefetch);
      return;
    }
  /* The job no longer wants it. */
}

/* Reads the page's operations in a worker thread. */
static void
read_page (RuhuSyncJob      *job,
           RuhuSyncPrefetch *prefetch)
{
  PageRead *read = g_new0 (PageRead, 1);

  read->bytes = g_bytes_ref (prefetch->bytes);
  read->member = g_strdup (job->ops_member);
  prefetch->read = g_task_new (NULL, NULL, read_done_cb, g_object_ref (job->task));
  g_task_set_task_data (prefetch->read, read, (GDestroyNotify) page_read_free);
  g_task_run_in_thread (prefetch->read, read_thread);
}

/* The page after this answer, as its headers name it: asked for at once. */
static void
ask_for_following (RuhuSyncJob *job,
                   SoupMessage *message)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  const char *next = soup_message_headers_get_one (headers, "Ruhu-Next");
  const char *more = soup_message_headers_get_one (headers, "Ruhu-More");
  g_autofree char *path = NULL;
  guint64 since;

  if (next == NULL || g_strcmp0 (more, "true") != 0 ||
      !g_ascii_string_to_unsigned (next, 10, 0, G_MAXINT64, &since, NULL))
    return;
  path = ruhu_sync_pull_path (job, since);
  ruhu_sync_prefetch_start (job, path, since);
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RuhuSyncJob *job = g_task_get_task_data (task);
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  RuhuSyncPrefetch *prefetch = NULL;
  gboolean page;

  for (GList *l = job->prefetches.head; l != NULL && prefetch == NULL; l = l->next)
    if (((RuhuSyncPrefetch *) l->data)->message == message)
      prefetch = l->data;
  if (prefetch == NULL)  /* the job no longer wants it */
    {
      g_clear_pointer (&bytes, g_bytes_unref);
      return;
    }
  if (bytes == NULL)
    g_debug ("Fetching the pull page after %" G_GINT64_FORMAT " ahead failed: %s",
             prefetch->since, error->message);
  prefetch->bytes = bytes;
  page = bytes != NULL && job->ops_member != NULL &&
         SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (message));
  if (page)
    {
      read_page (job, prefetch);
      ask_for_following (job, message);
    }
  else
    page_ready (job, prefetch);
}

/**
 * ruhu_sync_prefetch_start:
 * @path: the GET of the page after @since
 *
 * Asks for that page now, unless it is asked for already or enough pages
 * wait; ruhu_sync_prefetch_take() gets its answer.
 */
void
ruhu_sync_prefetch_start (RuhuSyncJob *job,
                          const char  *path,
                          gint64       since)
{
  RuhuSyncPrefetch *prefetch;

  if (g_queue_get_length (&job->prefetches) >= PAGES_AHEAD)
    return;
  for (GList *l = job->prefetches.head; l != NULL; l = l->next)
    if (((RuhuSyncPrefetch *) l->data)->since == since)
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
  g_queue_push_tail (&job->prefetches, prefetch);
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
  RuhuSyncPrefetch *prefetch = g_queue_peek_head (&job->prefetches);

  if (prefetch == NULL)
    return FALSE;
  if (prefetch->since != since)
    {
      /* The pull went elsewhere. */
      ruhu_sync_prefetch_clear (job);
      return FALSE;
    }
  prefetch->reply_func = reply_func;
  if (prefetch->done)
    deliver_soon (job);
  return TRUE;
}
