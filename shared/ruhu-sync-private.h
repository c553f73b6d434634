/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "ruhu-form.h"
#include "ruhu-sync.h"

G_BEGIN_DECLS

struct _RuhuSyncClient
{
  GObject      parent_instance;
  RuhuStore   *store;
  SoupSession *session;
  char        *device_name;
  guint        max_tries;
  guint        first_delay_ms;
  guint        pull_limit;
  guint        push_batch;
  gint64       unsynced_count;
  gint64       waiting_count;  /* of unsynced_count: other users' edits */
  GStrv        waiting_users;
  char        *blob_dir;   /* nullable: photos are not synced without one */
  RuhuFormSet *forms;      /* loaded when first needed: which fields hold photos */
  GTask       *settling;   /* the push answer being written, if any (ruhu-sync-push-settle.c) */
  GPtrArray   *waiting_syncs;  /* GTask*: syncs to begin once it is written */
  GPtrArray   *ending_syncs;   /* GTask*: syncs to end then (owned) */
};

typedef struct _RuhuSyncJob RuhuSyncJob;
typedef struct _RuhuSyncPrefetch RuhuSyncPrefetch;
typedef struct _RuhuSyncPushAhead RuhuSyncPushAhead;
typedef struct _RuhuSyncSettle RuhuSyncSettle;

/* A push batch: the outbox's operations and the body that sends them. */
typedef struct
{
  GPtrArray *ops;   /* RuhuOp* */
  GBytes    *body;
  gint64     last;  /* the outbox position of the last, -1 if empty */
} RuhuSyncBatch;

/* What a job does next, once the blobs it waits for are done. */
typedef void (*RuhuSyncStepFunc) (RuhuSyncJob  *job);

/* Called with a final answer: a 2xx or 4xx (5xx and 429 are retried first).
 * @body is the parsed JSON answer, or %NULL if there was none. The callback
 * owns the job's progress from there: it sends the next request or ends
 * the task. */
typedef void (*RuhuSyncReplyFunc) (RuhuSyncJob  *job,
                                   guint         status,
                                   JsonNode     *body);

/* One login or sync: the task data of its GTask. */
struct _RuhuSyncJob
{
  RuhuSyncClient    *client;   /* borrowed: the task's source object */
  GTask             *task;     /* borrowed: the task owns the job */
  char              *base_url;
  char              *token;

  /* The request in flight, kept to repeat it after a transient failure. */
  char              *method;
  char              *path;
  GBytes            *body;
  RuhuSyncReplyFunc  reply_func;
  guint              attempt;
  guint              max_tries;

  /* Sync state */
  char              *actor;    /* the signed-in user, whose edits are pushed */
  RuhuSyncBatch     *push_batch;  /* the operations being pushed */
  RuhuSyncPushAhead *ahead;    /* the next batch, read while this one is stored */
  RuhuSyncSettle    *settle;   /* the last answer, written while the next batch goes */
  guint              deferred_status;  /* an answer waiting for the settle */
  JsonNode          *deferred_body;
  guint              batch_limit;
  gint64             pushed;
  gint64             push_total;
  gint64             cursor;
  gint64             pulled;
  GPtrArray         *page;     /* RuhuOp*: the pulled page waiting for its blobs */
  gint64             page_next;
  gboolean           page_more;
  GQueue             prefetches; /* RuhuSyncPrefetch*: the next pages, asked for while
                                   * this one is applied */
  const char        *ops_member;  /* answers whose operations are read without a tree */
  GPtrArray         *answer_ops;  /* RuhuOp*: those of the last answer, if so read */

  /* Blob transfers (ruhu-sync-blobs.c) */
  GPtrArray         *blobs;    /* char*: the names to upload or fetch */
  guint              blob_index;
  GBytes            *blob_data;  /* upload: the content of the current blob */
  gint64             blob_offset;
  gint64             blob_total;
  RuhuSyncStepFunc   blobs_done;
};

RuhuSyncJob *ruhu_sync_job_new    (RuhuSyncClient     *client,
                                    GTask              *task,
                                    const char         *base_url,
                                    const char         *token);
void      ruhu_sync_job_send          (RuhuSyncJob        *job,
                                       const char         *method,
                                       const char         *path,
                                       JsonNode           *body,
                                       RuhuSyncReplyFunc   reply_func);
void      ruhu_sync_job_send_bytes    (RuhuSyncJob        *job,
                                       const char         *method,
                                       const char         *path,
                                       GBytes             *body,
                                       RuhuSyncReplyFunc   reply_func);
SoupMessage *ruhu_sync_job_message   (RuhuSyncJob        *job,
                                       const char         *method,
                                       const char         *path,
                                       GBytes             *body);
void      ruhu_sync_job_take_answer   (RuhuSyncJob        *job,
                                       const char         *path,
                                       SoupMessage        *message,
                                       GBytes             *bytes,
                                       GPtrArray          *ops,
                                       JsonObject         *rest,
                                       RuhuSyncReplyFunc   reply_func);
GPtrArray *ruhu_sync_read_answer_ops  (GBytes             *bytes,
                                       const char         *ops_member,
                                       JsonObject        **rest);
void      ruhu_sync_job_fail          (RuhuSyncJob        *job,
                                       GError             *error);
void      ruhu_sync_job_fail_store    (RuhuSyncJob        *job,
                                       GError             *error);
GError   *ruhu_sync_error_from_reply  (guint               status,
                                       JsonNode           *body);
GError   *ruhu_sync_protocol_error    (const char         *what);
GError   *ruhu_sync_network_error     (RuhuSyncJob        *job,
                                       const GError       *cause);
guint     ruhu_sync_retry_delay_ms    (RuhuSyncJob        *job,
                                       SoupMessage        *message);

void      ruhu_sync_emit_progress     (RuhuSyncClient     *self,
                                       RuhuSyncPhase       phase,
                                       gint64              done,
                                       gint64              total);
void      ruhu_sync_update_unsynced   (RuhuSyncClient     *self);
void      ruhu_sync_note_pushed       (RuhuSyncClient     *self,
                                       guint               n_ops);
void      ruhu_sync_client_settled    (RuhuSyncClient     *self);

void      ruhu_sync_push_start        (RuhuSyncJob        *job);

/* ruhu-sync-push-ahead.c */
RuhuSyncBatch *ruhu_sync_batch_read   (RuhuStore          *store,
                                       const char         *actor,
                                       gint64              after,
                                       guint               limit,
                                       GError            **error);
void      ruhu_sync_batch_free        (RuhuSyncBatch      *batch);
void      ruhu_sync_push_ahead_start  (RuhuSyncJob        *job);
gboolean  ruhu_sync_push_ahead_take   (RuhuSyncJob        *job,
                                       RuhuSyncStepFunc    then);
void      ruhu_sync_push_ahead_free   (RuhuSyncPushAhead  *ahead);

/* ruhu-sync-push-settle.c */
RuhuSyncSettle *ruhu_sync_settle_new  (RuhuStore          *store);
void      ruhu_sync_settle_free       (RuhuSyncSettle     *settle);
void      ruhu_sync_settle_ack        (RuhuSyncSettle     *settle,
                                       const RuhuOp       *op);
void      ruhu_sync_settle_refuse     (RuhuSyncSettle     *settle,
                                       RuhuOp             *op,
                                       const char         *reason);
void      ruhu_sync_settle_set_cursor (RuhuSyncSettle     *settle,
                                       gint64              cursor);
void      ruhu_sync_push_settle_start (RuhuSyncJob        *job,
                                       RuhuSyncSettle     *settle);
gboolean  ruhu_sync_push_settle_wait  (RuhuSyncJob        *job,
                                       RuhuSyncStepFunc    then);

/* ruhu-sync-prefetch.c */
void      ruhu_sync_prefetch_start    (RuhuSyncJob        *job,
                                       const char         *path,
                                       gint64              since);
gboolean  ruhu_sync_prefetch_take     (RuhuSyncJob        *job,
                                       gint64              since,
                                       RuhuSyncReplyFunc   reply_func);
void      ruhu_sync_prefetch_clear    (RuhuSyncJob        *job);

void      ruhu_sync_pull_start        (RuhuSyncJob        *job);
char     *ruhu_sync_pull_path         (RuhuSyncJob        *job,
                                       gint64              since);

/* ruhu-sync-blobs.c: before a push batch; ruhu-sync-blob-fetch.c: before
 * a pulled page is applied */
/* Bytes per blob request: a part of an upload or of a download. */
#define RUHU_SYNC_BLOB_PART (256 * 1024)

typedef void (*RuhuSyncBlobReplyFunc) (RuhuSyncJob  *job,
                                       SoupMessage  *message,
                                       GBytes       *body);

const char  *ruhu_sync_blob_current     (RuhuSyncJob           *job);
SoupMessage *ruhu_sync_blob_message     (RuhuSyncJob           *job,
                                         const char            *method);
void         ruhu_sync_blob_send        (RuhuSyncJob           *job,
                                         SoupMessage           *message,
                                         RuhuSyncBlobReplyFunc  reply,
                                         RuhuSyncStepFunc       retry);
GError      *ruhu_sync_blob_reply_error (SoupMessage           *message,
                                         GBytes                *body);
void         ruhu_sync_blob_skip        (RuhuSyncJob           *job,
                                         const char            *what,
                                         const GError          *error,
                                         RuhuSyncStepFunc       next);
void         ruhu_sync_blobs_finish     (RuhuSyncJob           *job);

GPtrArray *ruhu_sync_blob_names       (RuhuSyncClient     *self,
                                       GPtrArray          *ops);
void      ruhu_sync_blobs_upload      (RuhuSyncJob        *job,
                                       GPtrArray          *ops,
                                       RuhuSyncStepFunc    then);
void      ruhu_sync_blobs_download    (RuhuSyncJob        *job,
                                       GPtrArray          *ops,
                                       RuhuSyncStepFunc    then);

/* ruhu-sync-blob-file.c: the device's copies, sealed with the store's key */
gboolean  ruhu_sync_blob_exists       (RuhuSyncClient     *self,
                                       const char         *name);
GBytes   *ruhu_sync_blob_load         (RuhuSyncClient     *self,
                                       const char         *name,
                                       GError            **error);
gboolean  ruhu_sync_blob_save         (RuhuSyncClient     *self,
                                       const char         *name,
                                       GBytes             *content,
                                       GError            **error);
gint64    ruhu_sync_blob_partial_size (RuhuSyncClient     *self,
                                       const char         *name);
gboolean  ruhu_sync_blob_partial_append (RuhuSyncClient   *self,
                                       const char         *name,
                                       gint64              offset,
                                       GBytes             *chunk,
                                       GError            **error);
gboolean  ruhu_sync_blob_partial_finish (RuhuSyncClient   *self,
                                       const char         *name,
                                       GError            **error);
void      ruhu_sync_blob_partial_discard (RuhuSyncClient  *self,
                                       const char         *name);

G_END_DECLS
