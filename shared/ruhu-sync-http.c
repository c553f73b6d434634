/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-json.h"
#include "ruhu-sync-private.h"

/* Requests, retries and the translation of the server's answers into
 * RUHU_SYNC_ERROR. Transient failures (no answer, 5xx, 429) are repeated
 * with exponential backoff a bounded number of times; every other answer
 * goes to the job's reply function. */

/* A pull page of 1,000 operations whose values are all at the 64 KiB field
 * limit would be 64 MiB; anything larger is not an answer we asked for. */
#define MAX_ANSWER_BYTES (64 * 1024 * 1024)
#define MAX_DELAY_MS     (60 * 1000)

/* libsoup 3.2 has no name for it. */
#define HTTP_TOO_MANY_REQUESTS 429

static void send_now (RuhuSyncJob *job);

GError *
ruhu_sync_protocol_error (const char *what)
{
  return g_error_new (RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_PROTOCOL,
                      _("The server sent an answer this version of Ruhu does not understand (%s). "
                        "Check the server address, and that the server and this device "
                        "run matching versions."),
                      what);
}

static const char *
get_member_string (JsonNode   *body,
                   const char *name)
{
  JsonObject *object;
  JsonNode *member;

  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    return NULL;
  object = json_node_get_object (body);
  member = json_object_get_member (object, name);
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (member);
}

/**
 * ruhu_sync_error_from_reply:
 * @status: the HTTP status of an answer that is not a success
 * @body: (nullable): its JSON body, `{"error": code, "message": text}`
 *
 * Maps the server's stable error code (or, failing that, the status) to a
 * RUHU_SYNC_ERROR that tells the user what to do.
 *
 * Returns: (transfer full): the error
 */
GError *
ruhu_sync_error_from_reply (guint     status,
                            JsonNode *body)
{
  const char *code = get_member_string (body, "error");
  const char *message = get_member_string (body, "message");
  g_autofree char *detail = NULL;

  if (code == NULL)
    code = "";
  detail = message != NULL ? g_strdup (message) : g_strdup_printf ("HTTP %u", status);

  if (strcmp (code, "bad_credentials") == 0)
    return g_error_new_literal (RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_BAD_CREDENTIALS,
                                _("The user name or password is wrong. Check them and try again."));
  if (strcmp (code, "revoked") == 0)
    return g_error_new_literal (RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_REVOKED,
                                _("This device or account has been revoked; ask your administrator."));
  if (strcmp (code, "token_expired") == 0)
    return g_error_new_literal (RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_TOKEN_EXPIRED,
                                _("Your session has expired. Log in again to sync."));
  /* Another user's edits: the server's message names who can send them. */
  if (strcmp (code, "wrong_actor") == 0)
    return g_error_new_literal (RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_FORBIDDEN, detail);
  if (status == SOUP_STATUS_UNAUTHORIZED)
    return g_error_new_literal (RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_UNAUTHORIZED,
                                _("The server does not accept this device's session. Log in again to sync."));
  if (status == SOUP_STATUS_FORBIDDEN)
    return g_error_new (RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_FORBIDDEN,
                        _("The server refused: your role or place does not allow this (%s). "
                          "Ask your administrator."),
                        detail);
  if (status == HTTP_TOO_MANY_REQUESTS)
    return g_error_new_literal (RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_SERVER,
                                _("The server is busy. Try again in a few minutes."));
  if (status >= 500)
    return g_error_new (RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_SERVER,
                        _("The server has a problem (%s). Try again later, or tell your "
                          "administrator if it keeps happening."),
                        detail);
  return ruhu_sync_protocol_error (detail);
}

void
ruhu_sync_job_fail (RuhuSyncJob *job,
                    GError      *error)
{
  ruhu_sync_emit_progress (job->client, RUHU_SYNC_PHASE_DONE, 0, 0);
  g_task_return_error (job->task, error);
}

/* Takes @error, a failure of the local store. */
void
ruhu_sync_job_fail_store (RuhuSyncJob *job,
                          GError      *error)
{
  GError *wrapped = g_error_new (RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_STORE,
                                 _("Cannot save what the server sent: %s"), error->message);

  g_error_free (error);
  ruhu_sync_job_fail (job, wrapped);
}

static gboolean
is_transient (guint status)
{
  return status >= 500 || status == HTTP_TOO_MANY_REQUESTS;
}

guint
ruhu_sync_retry_delay_ms (RuhuSyncJob *job,
                          SoupMessage *message)
{
  guint64 delay = job->client->first_delay_ms;
  const char *retry_after = NULL;

  for (guint i = 1; i < job->attempt && delay < MAX_DELAY_MS; i++)
    delay *= 2;

  /* A server that says how long to wait knows best, within reason. */
  if (message != NULL)
    retry_after = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                "Retry-After");
  if (retry_after != NULL && g_ascii_isdigit (*retry_after))
    delay = MAX (delay, g_ascii_strtoull (retry_after, NULL, 10) * 1000);
  return (guint) MIN (delay, MAX_DELAY_MS);
}

static gboolean
backoff_done_cb (GCancellable *cancellable,
                 gpointer      user_data)
{
  RuhuSyncJob *job = g_task_get_task_data (G_TASK (user_data));

  if (g_cancellable_is_cancelled (cancellable))
    g_task_return_error_if_cancelled (job->task);
  else
    send_now (job);
  return G_SOURCE_REMOVE;
}

/* Waits, then repeats the request; a cancellation ends the wait at once. */
static void
retry_later (RuhuSyncJob *job,
             SoupMessage *message)
{
  g_autoptr(GSource) source = g_cancellable_source_new (g_task_get_cancellable (job->task));
  guint delay = ruhu_sync_retry_delay_ms (job, message);

  g_debug ("Retrying %s %s in %u ms (attempt %u)", job->method, job->path, delay,
           job->attempt + 1);
  g_source_set_ready_time (source, g_get_monotonic_time () + (gint64) delay * 1000);
  g_source_set_callback (source, G_SOURCE_FUNC (backoff_done_cb),
                         g_object_ref (job->task), g_object_unref);
  g_source_attach (source, g_task_get_context (job->task));
}

GError *
ruhu_sync_network_error (RuhuSyncJob  *job,
                         const GError *cause)
{
  return g_error_new (RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_NETWORK,
                      _("Cannot reach the server at %s (%s). Check the server address and "
                        "that the network is on."),
                      job->base_url, cause->message);
}

/**
 * ruhu_sync_read_answer_ops:
 * @ops_member: the member of the answer that holds its operations
 * @rest: (out) (transfer full): the answer's other members
 *
 * Reads a page of operations without a JSON tree (ruhu_op_list_read());
 * safe in any thread.
 *
 * Returns: (transfer full) (nullable): the operations, %NULL if the answer
 *   is not such a page: then it is read the ordinary way, which says what
 *   is wrong with it
 */
GPtrArray *
ruhu_sync_read_answer_ops (GBytes      *bytes,
                           const char  *ops_member,
                           JsonObject **rest)
{
  RuhuJsonLimits limits = { MAX_ANSWER_BYTES, 0 };
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  if (length == 0)
    return NULL;
  return ruhu_op_list_read (data, length, &limits, ops_member, 0, rest, NULL);
}

/* @read_ops, @read_rest: (transfer full) (nullable): the page's operations
 * if already read (ruhu-sync-prefetch.c) */
static void
handle_answer (RuhuSyncJob *job,
               SoupMessage *message,
               GBytes      *bytes,
               GPtrArray   *read_ops,
               JsonObject  *read_rest)
{
  guint status = soup_message_get_status (message);
  g_autoptr(GPtrArray) ops = read_ops;
  g_autoptr(JsonObject) rest = read_rest;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  RuhuJsonLimits limits = { MAX_ANSWER_BYTES, 0 };
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  if (is_transient (status) && job->attempt < job->max_tries)
    {
      retry_later (job, message);
      return;
    }
  g_clear_pointer (&job->answer_ops, g_ptr_array_unref);
  if (ops == NULL && length > 0 && job->ops_member != NULL && SOUP_STATUS_IS_SUCCESSFUL (status))
    ops = ruhu_sync_read_answer_ops (bytes, job->ops_member, &rest);
  if (ops != NULL && SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      job->answer_ops = g_steal_pointer (&ops);
      body = json_node_init_object (json_node_alloc (), rest);
    }
  if (length > 0 && body == NULL)
    body = ruhu_json_parse (data, length, &limits, &error);
  if (SOUP_STATUS_IS_SUCCESSFUL (status) && body == NULL)
    {
      ruhu_sync_job_fail (job, ruhu_sync_protocol_error (error ? error->message : _("empty answer")));
      return;
    }
  job->reply_func (job, status, body);
}

static void
send_and_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RuhuSyncJob *job = g_task_get_task_data (task);
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else if (job->attempt < job->max_tries)
        retry_later (job, NULL);
      else
        ruhu_sync_job_fail (job, ruhu_sync_network_error (job, error));
      return;
    }
  handle_answer (job, message, bytes, NULL, NULL);
}

/**
 * ruhu_sync_job_message:
 * @body: (nullable): the request's body, JSON
 *
 * Returns: (transfer full) (nullable): a request to the job's server with
 *   its session's token, or %NULL if the server address is not one
 */
SoupMessage *
ruhu_sync_job_message (RuhuSyncJob  *job,
                       const char   *method,
                       const char   *path,
                       GBytes       *body)
{
  g_autofree char *uri = g_strconcat (job->base_url, path, NULL);
  SoupMessage *message = soup_message_new (method, uri);
  SoupMessageHeaders *headers;

  if (message == NULL)
    return NULL;
  /* Every request of the protocol may be sent twice (a push's operations
   * come back as duplicates, a login makes one more token), so libsoup may
   * send a POST on a kept connection instead of opening one for each. */
  soup_message_add_flags (message, SOUP_MESSAGE_IDEMPOTENT);
  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (job->token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", job->token, NULL);

      soup_message_headers_replace (headers, "Authorization", bearer);
    }
  if (body != NULL)
    soup_message_set_request_body_from_bytes (message, "application/json", body);
  return message;
}

static void
send_now (RuhuSyncJob *job)
{
  g_autoptr(SoupMessage) message = ruhu_sync_job_message (job, job->method, job->path,
                                                          job->body);

  if (message == NULL)
    {
      ruhu_sync_job_fail (job, g_error_new (RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_NETWORK,
                                            _("“%s” is not a server address"), job->base_url));
      return;
    }
  job->attempt++;
  soup_session_send_and_read_async (job->client->session, message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (job->task), send_and_read_cb,
                                    g_object_ref (job->task));
}

static void
set_request (RuhuSyncJob       *job,
             const char        *method,
             const char        *path,
             GBytes            *body,
             RuhuSyncReplyFunc  reply_func)
{
  g_free (job->method);
  job->method = g_strdup (method);
  g_free (job->path);
  job->path = g_strdup (path);
  g_clear_pointer (&job->body, g_bytes_unref);
  job->body = body;
  job->reply_func = reply_func;
  job->attempt = 0;
}

/**
 * ruhu_sync_job_take_answer:
 * @message: a GET of @path, sent without the job (ruhu-sync-prefetch.c)
 * @bytes: its answer's body
 * @ops: (transfer full) (nullable): its operations, if already read
 *   (ruhu_sync_read_answer_ops())
 * @rest: (transfer full) (nullable): and the answer's other members
 *
 * Treats the answer as that of a request sent by ruhu_sync_job_send():
 * a transient failure is repeated the same way.
 */
void
ruhu_sync_job_take_answer (RuhuSyncJob       *job,
                           const char        *path,
                           SoupMessage       *message,
                           GBytes            *bytes,
                           GPtrArray         *ops,
                           JsonObject        *rest,
                           RuhuSyncReplyFunc  reply_func)
{
  set_request (job, "GET", path, NULL, reply_func);
  job->attempt = 1;
  handle_answer (job, message, bytes, ops, rest);
}

/**
 * ruhu_sync_job_send:
 * @path: the path under the server's base address, e.g. "/api/v1/push"
 * @body: (nullable): the JSON body, sent in canonical form
 * @reply_func: called with the final answer
 *
 * Sends a request on the task's main context, repeating it after
 * transient failures.
 */
void
ruhu_sync_job_send (RuhuSyncJob       *job,
                    const char        *method,
                    const char        *path,
                    JsonNode          *body,
                    RuhuSyncReplyFunc  reply_func)
{
  GBytes *bytes = NULL;

  if (body != NULL)
    {
      char *text = ruhu_json_canonical (body);

      bytes = g_bytes_new_take (text, strlen (text));
    }
  ruhu_sync_job_send_bytes (job, method, path, bytes, reply_func);
}

/**
 * ruhu_sync_job_send_bytes:
 * @body: (nullable) (transfer full): the JSON body, as text
 *
 * ruhu_sync_job_send() of a body already written.
 */
void
ruhu_sync_job_send_bytes (RuhuSyncJob       *job,
                          const char        *method,
                          const char        *path,
                          GBytes            *body,
                          RuhuSyncReplyFunc  reply_func)
{
  set_request (job, method, path, body, reply_func);
  send_now (job);
}
