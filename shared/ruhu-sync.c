/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-sync-private.h"
#include "ruhu-sync-roster.h"

/**
 * RuhuSyncClient:
 *
 * Logs a device in and syncs its store with a Ruhu server (docs/protocol.md).
 *
 * All the work runs on the main context that was the thread-default one
 * when the call was made: HTTP through libsoup's asynchronous API, and the
 * store's writes in small steps between requests (one transaction per push
 * batch or pull page, a few milliseconds each for the page sizes used
 * here). So the caller's main loop never waits for the network, and no
 * second thread touches the store. A sync is a chain of such steps; each
 * leaves the store consistent, so a sync cancelled or broken at any point
 * is simply repeated.
 */

G_DEFINE_FINAL_TYPE (RuhuSyncClient, ruhu_sync_client, G_TYPE_OBJECT)
G_DEFINE_QUARK (ruhu-sync-error-quark, ruhu_sync_error)

enum {
  PROP_0,
  PROP_STORE,
  PROP_UNSYNCED_COUNT,
  PROP_WAITING_COUNT,
  PROP_DEVICE_NAME,
  PROP_BLOB_DIR,
  N_PROPS,
};

enum {
  PROGRESS,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define DEFAULT_MAX_TRIES      5
#define DEFAULT_FIRST_DELAY_MS 1000
/* The server's largest page: a first pull of many cases takes few round trips. */
#define DEFAULT_PULL_LIMIT     5000

static void
sync_job_free (gpointer data)
{
  RuhuSyncJob *job = data;

  g_free (job->base_url);
  g_free (job->token);
  g_free (job->method);
  g_free (job->path);
  g_free (job->actor);
  g_clear_pointer (&job->body, g_bytes_unref);
  g_clear_pointer (&job->push_batch, ruhu_sync_batch_free);
  g_clear_pointer (&job->ahead, ruhu_sync_push_ahead_free);
  g_clear_pointer (&job->settle, ruhu_sync_settle_free);
  g_clear_pointer (&job->deferred_body, json_node_unref);
  g_clear_pointer (&job->page, g_ptr_array_unref);
  g_clear_pointer (&job->answer_ops, g_ptr_array_unref);
  ruhu_sync_prefetch_clear (job);
  g_clear_pointer (&job->blobs, g_ptr_array_unref);
  g_clear_pointer (&job->blob_data, g_bytes_unref);
  g_free (job);
}

RuhuSyncJob *
ruhu_sync_job_new (RuhuSyncClient *self,
              GTask          *task,
              const char     *base_url,
              const char     *token)
{
  RuhuSyncJob *job = g_new0 (RuhuSyncJob, 1);

  job->client = self;
  job->task = task;
  job->base_url = g_strdup (base_url);
  job->token = g_strdup (token);
  job->batch_limit = self->push_batch;
  job->max_tries = self->max_tries;
  g_task_set_task_data (task, job, sync_job_free);
  return job;
}

void
ruhu_sync_emit_progress (RuhuSyncClient *self,
                         RuhuSyncPhase   phase,
                         gint64          done,
                         gint64          total)
{
  g_signal_emit (self, signals[PROGRESS], 0, (int) phase, done, total);
}

/* Another user's edits on a shared tablet wait until that user signs in
 * (ruhu_store_outbox_peek_by()); they are counted apart, and named. */
static void
update_waiting (RuhuSyncClient *self)
{
  g_autofree char *user = ruhu_store_get_setting (self->store, RUHU_SYNC_SETTING_USER, NULL);
  g_auto(GStrv) users = NULL;
  gint64 count = 0;

  /* Before anyone signed in, nothing can sync: nothing waits for another. */
  if (user == NULL)
    users = g_new0 (char *, 1);
  else if ((count = ruhu_store_outbox_count_others (self->store, user, &users, NULL)) < 0)
    return;
  if (self->waiting_users != NULL && count == self->waiting_count &&
      g_strv_equal ((const char * const *) users, (const char * const *) self->waiting_users))
    return;
  self->waiting_count = count;
  g_strfreev (self->waiting_users);
  self->waiting_users = g_steal_pointer (&users);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING_COUNT]);
}

void
ruhu_sync_update_unsynced (RuhuSyncClient *self)
{
  gint64 count = ruhu_store_outbox_count (self->store, NULL);

  update_waiting (self);
  if (count < 0 || count == self->unsynced_count)
    return;
  self->unsynced_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNSYNCED_COUNT]);
}

/* After a push batch left the outbox: counting the outbox is a scan of it,
 * which a first push of a million operations would repeat a thousand
 * times, so the count goes down by the batch and is counted again at the
 * end of the sync. */
void
ruhu_sync_note_pushed (RuhuSyncClient *self,
                       guint           n_ops)
{
  gint64 count = MAX (self->unsynced_count - (gint64) n_ops, 0);

  if (count == self->unsynced_count)
    return;
  self->unsynced_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNSYNCED_COUNT]);
}

static void
ruhu_sync_client_dispose (GObject *object)
{
  RuhuSyncClient *self = RUHU_SYNC_CLIENT (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (ruhu_sync_client_parent_class)->dispose (object);
}

static void
ruhu_sync_client_finalize (GObject *object)
{
  RuhuSyncClient *self = RUHU_SYNC_CLIENT (object);

  g_free (self->device_name);
  g_free (self->blob_dir);
  g_strfreev (self->waiting_users);
  g_clear_pointer (&self->forms, ruhu_form_set_unref);
  g_clear_pointer (&self->waiting_syncs, g_ptr_array_unref);
  g_clear_pointer (&self->ending_syncs, g_ptr_array_unref);
  G_OBJECT_CLASS (ruhu_sync_client_parent_class)->finalize (object);
}

static void
ruhu_sync_client_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RuhuSyncClient *self = RUHU_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_UNSYNCED_COUNT:
      g_value_set_int64 (value, self->unsynced_count);
      break;
    case PROP_WAITING_COUNT:
      g_value_set_int64 (value, self->waiting_count);
      break;
    case PROP_DEVICE_NAME:
      g_value_set_string (value, self->device_name);
      break;
    case PROP_BLOB_DIR:
      g_value_set_string (value, self->blob_dir);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ruhu_sync_client_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RuhuSyncClient *self = RUHU_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_DEVICE_NAME:
      g_free (self->device_name);
      self->device_name = g_value_dup_string (value);
      break;
    case PROP_BLOB_DIR:
      ruhu_sync_client_set_blob_dir (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ruhu_sync_client_constructed (GObject *object)
{
  RuhuSyncClient *self = RUHU_SYNC_CLIENT (object);

  G_OBJECT_CLASS (ruhu_sync_client_parent_class)->constructed (object);
  g_assert (self->store != NULL);
  self->unsynced_count = ruhu_store_outbox_count (self->store, NULL);
  self->waiting_users = g_new0 (char *, 1);
  update_waiting (self);
}

static void
ruhu_sync_client_class_init (RuhuSyncClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ruhu_sync_client_dispose;
  object_class->finalize = ruhu_sync_client_finalize;
  object_class->get_property = ruhu_sync_client_get_property;
  object_class->set_property = ruhu_sync_client_set_property;
  object_class->constructed = ruhu_sync_client_constructed;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RUHU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * RuhuSyncClient:unsynced-count:
   *
   * Local changes the server has not acknowledged yet, as of the last
   * step of a sync (local edits made since do not notify).
   */
  properties[PROP_UNSYNCED_COUNT] =
    g_param_spec_int64 ("unsynced-count", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * RuhuSyncClient:waiting-count:
   *
   * Of the unsynced changes, those by other users than the signed-in one:
   * a sync leaves them for their authors (ruhu_sync_client_get_waiting()).
   */
  properties[PROP_WAITING_COUNT] =
    g_param_spec_int64 ("waiting-count", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * RuhuSyncClient:device-name:
   *
   * The name the administrator sees for this device; the host name by default.
   */
  properties[PROP_DEVICE_NAME] =
    g_param_spec_string ("device-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /**
   * RuhuSyncClient:blob-dir:
   *
   * Where this device keeps photos (sealed with the store's key), usually
   * beside the store; %NULL, the default, syncs no photos.
   */
  properties[PROP_BLOB_DIR] =
    g_param_spec_string ("blob-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RuhuSyncClient::progress:
   * @phase: a #RuhuSyncPhase
   * @done: operations done in this phase
   * @total: operations to do in this phase, 0 if unknown (pull)
   */
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_INT64, G_TYPE_INT64);
}

static void
ruhu_sync_client_init (RuhuSyncClient *self)
{
  self->waiting_syncs = g_ptr_array_new_with_free_func (g_object_unref);
  self->ending_syncs = g_ptr_array_new ();
  /* Idle connections are kept longer than the server's idle timeout (60 s
   * by default), so that the server is the one to close them: libsoup 3.2's
   * server forgets a kept connection only when it closes it itself
   * (server/ruhu-http-idle.c). */
  self->session = soup_session_new_with_options ("timeout", 60, "idle-timeout", 120,
                                                 "user-agent", "ruhu/" PACKAGE_VERSION, NULL);
  self->device_name = g_strdup (g_get_host_name ());
  self->max_tries = DEFAULT_MAX_TRIES;
  self->first_delay_ms = DEFAULT_FIRST_DELAY_MS;
  self->pull_limit = DEFAULT_PULL_LIMIT;
  self->push_batch = RUHU_SYNC_MAX_BATCH;
}

/**
 * ruhu_sync_client_new:
 * @store: the device's store; its settings keep the server, user, token
 *   and cursor
 *
 * Returns: (transfer full): a new client
 */
RuhuSyncClient *
ruhu_sync_client_new (RuhuStore *store)
{
  g_return_val_if_fail (RUHU_IS_STORE (store), NULL);
  return g_object_new (RUHU_TYPE_SYNC_CLIENT, "store", store, NULL);
}

/**
 * ruhu_sync_client_set_blob_dir:
 * @dir: (nullable): where this device keeps photos; created when needed
 */
void
ruhu_sync_client_set_blob_dir (RuhuSyncClient *self,
                               const char     *dir)
{
  g_return_if_fail (RUHU_IS_SYNC_CLIENT (self));
  if (g_strcmp0 (self->blob_dir, dir) == 0)
    return;
  g_free (self->blob_dir);
  self->blob_dir = g_strdup (dir);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLOB_DIR]);
}

const char *
ruhu_sync_client_get_blob_dir (RuhuSyncClient *self)
{
  g_return_val_if_fail (RUHU_IS_SYNC_CLIENT (self), NULL);
  return self->blob_dir;
}

/**
 * ruhu_sync_client_get_store:
 *
 * Returns: (transfer none): the store
 */
RuhuStore *
ruhu_sync_client_get_store (RuhuSyncClient *self)
{
  g_return_val_if_fail (RUHU_IS_SYNC_CLIENT (self), NULL);
  return self->store;
}

/**
 * ruhu_sync_client_get_unsynced_count:
 *
 * Returns: how many local changes wait for the server (read from the store now)
 */
gint64
ruhu_sync_client_get_unsynced_count (RuhuSyncClient *self)
{
  g_return_val_if_fail (RUHU_IS_SYNC_CLIENT (self), 0);
  ruhu_sync_update_unsynced (self);
  return self->unsynced_count;
}

/**
 * ruhu_sync_client_get_waiting:
 * @users: (out) (optional) (transfer none): their authors, most changes first
 *
 * On a tablet shared by several users, a sync sends only the signed-in
 * user's changes; the others' wait until each of them signs in here.
 * As of the last sync or ruhu_sync_client_get_unsynced_count().
 *
 * Returns: how many of the unsynced changes are other users'
 */
gint64
ruhu_sync_client_get_waiting (RuhuSyncClient       *self,
                              const char * const  **users)
{
  g_return_val_if_fail (RUHU_IS_SYNC_CLIENT (self), 0);
  if (users != NULL)
    *users = (const char * const *) self->waiting_users;
  return self->waiting_count;
}

/**
 * ruhu_sync_client_set_retry_policy:
 * @max_tries: how many times one request is tried in all (at least 1)
 * @first_delay_ms: the wait before the second try; it doubles each time,
 *   up to a minute
 *
 * Transient failures are no answer, 5xx and 429. Tests use short delays.
 */
void
ruhu_sync_client_set_retry_policy (RuhuSyncClient *self,
                                   guint           max_tries,
                                   guint           first_delay_ms)
{
  g_return_if_fail (RUHU_IS_SYNC_CLIENT (self));
  self->max_tries = MAX (max_tries, 1);
  self->first_delay_ms = first_delay_ms;
}

/**
 * ruhu_sync_client_set_page_size:
 * @pull_limit: operations asked for per pull page (0: the default, 5,000)
 * @push_batch: operations per push (0 or more than %RUHU_SYNC_MAX_BATCH: the maximum)
 */
void
ruhu_sync_client_set_page_size (RuhuSyncClient *self,
                                guint           pull_limit,
                                guint           push_batch)
{
  g_return_if_fail (RUHU_IS_SYNC_CLIENT (self));
  self->pull_limit = pull_limit ? MIN (pull_limit, DEFAULT_PULL_LIMIT) : DEFAULT_PULL_LIMIT;
  self->push_batch = push_batch ? MIN (push_batch, RUHU_SYNC_MAX_BATCH) : RUHU_SYNC_MAX_BATCH;
}

/* Sync */

/* Takes @sync: it ends as its job did. */
static void
end_sync (GTask *sync)
{
  GTask *job_task = g_task_get_task_data (sync);
  GError *error = NULL;

  if (g_task_propagate_boolean (job_task, &error))
    g_task_return_boolean (sync, TRUE);
  else
    g_task_return_error (sync, error);
  g_object_unref (sync);
}

/* The job ended. Its sync ends too, once a push answer still being
 * written (a cancellation or a failure came first) is written: the caller
 * then finds the outbox and the cursor as the server left them. */
static void
job_ended_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  RuhuSyncClient *self = RUHU_SYNC_CLIENT (source);
  GTask *sync = user_data;

  g_task_set_task_data (sync, g_object_ref (result), g_object_unref);
  if (self->settling != NULL)
    g_ptr_array_add (self->ending_syncs, sync);
  else
    end_sync (sync);
}

/* Reads what the sync needs, then syncs in a job of its own task. */
static void
begin_sync (GTask *task)
{
  RuhuSyncClient *self = g_task_get_source_object (task);
  g_autoptr(GTask) job_task = NULL;
  g_autofree char *server = NULL;
  g_autofree char *token = NULL;
  g_autofree char *cursor = NULL;
  g_autoptr(GError) error = NULL;
  RuhuSyncJob *job;

  if (g_task_return_error_if_cancelled (task))
    return;
  server = ruhu_store_get_setting (self->store, RUHU_SYNC_SETTING_SERVER, &error);
  if (error == NULL)
    token = ruhu_store_get_setting (self->store, RUHU_SYNC_SETTING_TOKEN, &error);
  if (error == NULL)
    cursor = ruhu_store_get_setting (self->store, RUHU_SYNC_SETTING_CURSOR, &error);
  if (error != NULL)
    {
      g_task_return_new_error (task, RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_STORE,
                               _("Cannot read the sync settings: %s"), error->message);
      return;
    }
  if (server == NULL || *server == '\0' || token == NULL || *token == '\0')
    {
      g_task_return_new_error (task, RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_NOT_LOGGED_IN,
                               _("This device is not logged in to a server yet. Log in first."));
      return;
    }

  job_task = g_task_new (self, g_task_get_cancellable (task), job_ended_cb, g_object_ref (task));
  job = ruhu_sync_job_new (self, job_task, server, token);
  job->cursor = cursor ? g_ascii_strtoll (cursor, NULL, 10) : 0;
  job->push_total = ruhu_store_outbox_count (self->store, NULL);
  ruhu_sync_roster_start (job);
}

/**
 * ruhu_sync_client_sync_async:
 *
 * Pushes the outbox in order, in batches, then pulls the server's feed
 * from the saved cursor until it has no more. Operations the server
 * rejects are removed and kept with the reason
 * (ruhu_store_list_rejections()); each pulled page is applied and the
 * cursor saved in turn. Transient failures are retried with backoff.
 * Without a login this fails with %RUHU_SYNC_ERROR_NOT_LOGGED_IN.
 *
 * Blobs (photos, scans, signatures) are not transferred yet.
 */
void
ruhu_sync_client_sync_async (RuhuSyncClient      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RUHU_IS_SYNC_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ruhu_sync_client_sync_async);
  /* A sync reads the cursor and the outbox that the last push answer
   * (of a sync cancelled or failed meanwhile) may still be writing. */
  if (self->settling != NULL)
    g_ptr_array_add (self->waiting_syncs, g_steal_pointer (&task));
  else
    begin_sync (task);
}

/* The push answer being written is written: the syncs waiting for it end
 * or begin. */
void
ruhu_sync_client_settled (RuhuSyncClient *self)
{
  g_autoptr(GPtrArray) ending = g_steal_pointer (&self->ending_syncs);
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting_syncs);

  self->ending_syncs = g_ptr_array_new ();
  self->waiting_syncs = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < ending->len; i++)
    end_sync (g_ptr_array_index (ending, i));
  for (guint i = 0; i < waiting->len; i++)
    begin_sync (g_ptr_array_index (waiting, i));
}

/**
 * ruhu_sync_client_sync_finish:
 *
 * Returns: %TRUE if everything was pushed and pulled; rejected operations
 *   do not make a sync fail
 */
gboolean
ruhu_sync_client_sync_finish (RuhuSyncClient  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  /* A push counts down as it goes (ruhu_sync_note_pushed()); whichever way
   * the sync ended, the outbox is counted again. */
  ruhu_sync_update_unsynced (self);
  return g_task_propagate_boolean (G_TASK (result), error);
}
