/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-http-private.h"

/* Handlers that compute (a password check, a push, a pull page) run on
 * worker threads, so that the main loop goes on reading and writing every
 * other connection meanwhile.
 *
 * libsoup 3.2 promises nothing about threads: a SoupServerMessage's status,
 * headers and bodies are plain fields that its I/O and its signals read on
 * the main thread (a shutdown that disconnects, for one), and
 * soup_server_message_unpause() schedules the I/O on the calling thread's
 * main context. So the main thread pauses the message and hands a job to a
 * worker; there the handler's ruhu_http_reply_*() calls, seeing that they
 * run for a job, write the answer into it; back on the main thread the
 * answer is copied into the message and the message unpaused. The handler
 * only reads the request (its headers, URI and the body flattened before
 * the job started), which nothing changes while the message is paused. */

/* Each route has threads of its own, so that quick requests (a login
 * with a cheap password hash) never queue behind slow ones of another kind
 * (pull pages); the CPU is shared by the kernel. (One queue for push and
 * pull, so that they reach the store's lock in the order they came, gave
 * pushes a lower p99 and pulls a higher one, and less throughput.) */
typedef struct
{
  SoupServerCallback  callback;
  gpointer            user_data;
  GThreadPool        *pool;  /* owned by HttpState */
} Route;

typedef struct
{
  const Route       *route;
  SoupServer        *server;
  SoupServerMessage *msg;
  char              *path;
  GHashTable        *query;
  GBytes            *request_body;
  GMainContext      *context;  /* the main loop's, where the answer is applied */

  /* The answer, written on the worker */
  guint              status;
  char              *content_type;
  GBytes            *body;
  GPtrArray         *headers;  /* name, value, name, value… */
  char              *user;
} Job;

/* The job the calling worker thread runs, if any. */
static GPrivate current_job;

static Job *
job_for (SoupServerMessage *msg)
{
  Job *job = g_private_get (&current_job);

  return job != NULL && job->msg == msg ? job : NULL;
}

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->msg);
  g_clear_object (&job->server);
  g_free (job->path);
  g_clear_pointer (&job->query, g_hash_table_unref);
  g_clear_pointer (&job->request_body, g_bytes_unref);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_free (job->content_type);
  g_clear_pointer (&job->body, g_bytes_unref);
  g_clear_pointer (&job->headers, g_ptr_array_unref);
  g_free (job->user);
  g_free (job);
}

/* On the main thread: the worker's answer goes into the message. */
static gboolean
apply_job_cb (gpointer data)
{
  Job *job = data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (job->msg);

  if (job->user != NULL)
    ruhu_http_set_log_user (job->msg, job->user);
  for (guint i = 0; i + 1 < job->headers->len; i += 2)
    soup_message_headers_replace (headers, g_ptr_array_index (job->headers, i),
                                  g_ptr_array_index (job->headers, i + 1));
  if (job->status == 0)
    ruhu_http_reply_error (job->msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal",
                           _("The server could not answer this request"));
  else
    ruhu_http_reply_bytes (job->msg, job->status, job->content_type, job->body);
  soup_server_message_unpause (job->msg);
  return G_SOURCE_REMOVE;
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;
  GSource *source;

  g_private_set (&current_job, job);
  job->route->callback (job->server, job->msg, job->path, job->query, job->route->user_data);
  g_private_set (&current_job, NULL);

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, apply_job_cb, job, job_free);
  g_source_attach (source, job->context);
  g_source_unref (source);
}

static void
dispatch_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  const Route *route = user_data;
  HttpState *state = ruhu_http_get_state (server);
  g_autoptr(GError) error = NULL;
  Job *job;

  if (state->workers_stopped)
    {
      ruhu_http_reply_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "unavailable",
                             _("The server is shutting down"));
      return;
    }
  job = g_new0 (Job, 1);
  job->route = route;
  job->server = g_object_ref (server);
  job->msg = g_object_ref (msg);
  job->path = g_strdup (path);
  job->query = query != NULL ? g_hash_table_ref (query) : NULL;
  job->request_body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  job->context = g_main_context_ref_thread_default ();
  job->headers = g_ptr_array_new_with_free_func (g_free);
  soup_server_message_pause (msg);
  /* On failure GLib keeps the job queued for the threads it has. */
  if (!g_thread_pool_push (route->pool, job, &error))
    g_warning ("No new worker thread for %s: %s", path, error->message);
}

/**
 * ruhu_http_add_worker_route:
 *
 * Routes @path to @callback on a worker thread; see ruhu_http_add_route_full().
 */
void
ruhu_http_add_worker_route (SoupServer         *server,
                            const char         *path,
                            SoupServerCallback  callback,
                            gpointer            user_data,
                            RuhuHttpRouteFlags  flags)
{
  HttpState *state = ruhu_http_get_state (server);
  /* Enough threads to keep every core busy, and two even on one core, so
   * that one slow request does not hold up the next. */
  guint threads = (flags & RUHU_HTTP_ROUTE_SERIAL) ? 1 : MAX (2, g_get_num_processors ());
  Route *route;

  g_return_if_fail (!state->workers_stopped);
  route = g_new0 (Route, 1);
  route->callback = callback;
  route->user_data = user_data;
  route->pool = g_thread_pool_new (run_job, NULL, threads, FALSE, NULL);
  g_ptr_array_add (state->pools, route->pool);
  soup_server_add_handler (server, path, dispatch_cb, route, g_free);
}

/**
 * ruhu_http_stop_workers:
 *
 * Waits for the jobs queued and running, then ends the worker threads.
 * Their answers are applied when the main context runs next. Later
 * requests for worker routes are answered 503.
 */
void
ruhu_http_stop_workers (HttpState *state)
{
  state->workers_stopped = TRUE;
  for (guint i = 0; i < state->pools->len; i++)
    g_thread_pool_free (g_ptr_array_index (state->pools, i), FALSE, TRUE);
  g_ptr_array_set_size (state->pools, 0);
}

/**
 * ruhu_http_job_respond:
 * @content_type: (nullable): the body's media type
 * @body: (nullable): the body; not taken
 *
 * Returns: %TRUE if @msg is the job of this worker thread, which now holds
 *   the answer; %FALSE if the caller must answer @msg itself
 */
gboolean
ruhu_http_job_respond (SoupServerMessage *msg,
                       guint              status,
                       const char        *content_type,
                       GBytes            *body)
{
  Job *job = job_for (msg);

  if (job == NULL)
    return FALSE;
  job->status = status;
  g_free (job->content_type);
  job->content_type = g_strdup (content_type);
  g_clear_pointer (&job->body, g_bytes_unref);
  job->body = body != NULL ? g_bytes_ref (body) : NULL;
  return TRUE;
}

/* Like ruhu_http_job_respond(), for one response header (replacing it). */
gboolean
ruhu_http_job_set_header (SoupServerMessage *msg,
                          const char        *name,
                          const char        *value)
{
  Job *job = job_for (msg);

  if (job == NULL)
    return FALSE;
  g_ptr_array_add (job->headers, g_strdup (name));
  g_ptr_array_add (job->headers, g_strdup (value));
  return TRUE;
}

/* Like ruhu_http_job_respond(), for the user the log line names. */
gboolean
ruhu_http_job_set_user (SoupServerMessage *msg,
                        const char        *user)
{
  Job *job = job_for (msg);

  if (job == NULL)
    return FALSE;
  g_free (job->user);
  job->user = g_strdup (user);
  return TRUE;
}

/**
 * ruhu_http_job_get_body:
 *
 * Returns: (transfer full) (nullable): the request body of @msg if it is
 *   the job of this worker thread, %NULL if the caller must read it itself
 */
GBytes *
ruhu_http_job_get_body (SoupServerMessage *msg)
{
  Job *job = job_for (msg);

  return job != NULL ? g_bytes_ref (job->request_body) : NULL;
}
