/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

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
};

typedef struct _RuhuSyncJob RuhuSyncJob;

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
  GPtrArray         *batch;    /* RuhuOp*: the operations being pushed */
  guint              batch_limit;
  gint64             pushed;
  gint64             push_total;
  gint64             cursor;
  gint64             pulled;
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
void      ruhu_sync_job_fail          (RuhuSyncJob        *job,
                                       GError             *error);
void      ruhu_sync_job_fail_store    (RuhuSyncJob        *job,
                                       GError             *error);
GError   *ruhu_sync_error_from_reply  (guint               status,
                                       JsonNode           *body);
GError   *ruhu_sync_protocol_error    (const char         *what);

void      ruhu_sync_emit_progress     (RuhuSyncClient     *self,
                                       RuhuSyncPhase       phase,
                                       gint64              done,
                                       gint64              total);
void      ruhu_sync_update_unsynced   (RuhuSyncClient     *self);

void      ruhu_sync_push_start        (RuhuSyncJob        *job);
void      ruhu_sync_pull_start        (RuhuSyncJob        *job);

G_END_DECLS
