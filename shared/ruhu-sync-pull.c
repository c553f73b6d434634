/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-sync-private.h"

/* The member of a pull page that holds its groups (docs/protocol.md). */
#define PAGE_OPS_MEMBER "entities"

/* Pulling the server's feed from the saved cursor, page by page. Each page
 * is applied in one transaction and only then is the cursor saved: a pull
 * broken between the two fetches the page again, and applying it again
 * changes nothing. */

static void pull_next (RuhuSyncJob *job);

/* Grouped, and without what this device wrote itself: its store holds
 * every version it wrote and the server accepted (docs/protocol.md). */
char *
ruhu_sync_pull_path (RuhuSyncJob *job,
                     gint64       since)
{
  return g_strdup_printf ("/api/v1/pull?since=%" G_GINT64_FORMAT "&limit=%u&format=grouped&own=0",
                          since, job->client->pull_limit);
}

typedef struct
{
  GPtrArray *ops;
  gint64     next;
  gboolean   more;
} Page;

static void
page_clear (Page *page)
{
  g_clear_pointer (&page->ops, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Page, page_clear)

static gboolean
member_int (JsonObject *object,
            const char *name,
            gint64     *out)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

static gboolean
member_bool (JsonObject *object,
             const char *name,
             gboolean   *out)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* The first form of the protocol: one object per operation. */
static GPtrArray *
parse_ops (JsonArray  *ops,
           GError    **error)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_full (json_array_get_length (ops),
                                                     (GDestroyNotify) ruhu_op_unref);

  for (guint i = 0; i < json_array_get_length (ops); i++)
    {
      RuhuOp *op = ruhu_op_from_json (json_array_get_element (ops, i), error);

      if (op == NULL)
        return NULL;
      g_ptr_array_add (page, op);
    }
  return g_steal_pointer (&page);
}

/* The whole page is read before anything is applied. */
static gboolean
parse_page (JsonNode   *body,
            GPtrArray **read_ops,
            gint64      since,
            Page       *page,
            GError    **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body) : NULL;
  JsonNode *groups = object ? json_object_get_member (object, PAGE_OPS_MEMBER) : NULL;
  JsonNode *ops = object ? json_object_get_member (object, "ops") : NULL;
  g_autoptr(GError) op_error = NULL;

  if ((*read_ops == NULL && groups == NULL && (ops == NULL || !JSON_NODE_HOLDS_ARRAY (ops))) ||
      !member_int (object, "next", &page->next) || !member_bool (object, "more", &page->more))
    {
      g_propagate_error (error, ruhu_sync_protocol_error (_("a pull page without ops, next or more")));
      return FALSE;
    }
  if (page->next < since || (page->more && page->next == since))
    {
      g_propagate_error (error, ruhu_sync_protocol_error (_("the pull cursor does not advance")));
      return FALSE;
    }

  if (*read_ops != NULL)
    page->ops = g_steal_pointer (read_ops);
  else if (groups != NULL)
    page->ops = ruhu_op_list_from_groups (groups, 0, NULL, &op_error);
  else
    page->ops = parse_ops (json_node_get_array (ops), &op_error);
  if (page->ops == NULL)
    {
      g_propagate_error (error, ruhu_sync_protocol_error (op_error->message));
      return FALSE;
    }
  return TRUE;
}

/* Operations this store refuses (a clock a day ahead, an entity that
 * changed case) are left out and logged; the rest of the page stands. */
static void
log_skipped (GPtrArray *ops,
             GArray    *results)
{
  for (guint i = 0; i < results->len; i++)
    {
      RuhuApplyResult *result = &g_array_index (results, RuhuApplyResult, i);
      RuhuOp *op = g_ptr_array_index (ops, i);

      if (result->status == RUHU_APPLY_INVALID || result->status == RUHU_APPLY_REFUSED)
        g_message ("Skipped operation %s from the server: %s", op->version,
                   result->message ? result->message : "");
    }
}

/* The cursor is saved in the page's own transaction: one sync to disk per
 * page, and never a cursor past operations that were not stored. */
static gboolean
save_cursor (RuhuStore  *store,
             GPtrArray  *ops,
             GArray     *results,
             gpointer    user_data,
             GError    **error)
{
  RuhuSyncJob *job = user_data;
  g_autofree char *cursor = g_strdup_printf ("%" G_GINT64_FORMAT, job->page_next);

  return ruhu_store_set_setting (store, RUHU_SYNC_SETTING_CURSOR, cursor, error);
}

/* In a worker thread, so that the main context goes on sending and
 * receiving meanwhile: the next page, asked for ahead, arrives while this
 * one is written (and a window stays responsive). */
static void
apply_page_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  RuhuSyncJob *job = task_data;
  GArray *results = NULL;
  GError *error = NULL;

  if (ruhu_store_apply_full (job->client->store, job->page, NULL, NULL, save_cursor, job,
                             &results, &error))
    g_task_return_pointer (task, results, (GDestroyNotify) g_array_unref);
  else
    g_task_return_error (task, error);
}

static void
finish_sync (RuhuSyncJob *job)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT,
                                          g_get_real_time () / G_USEC_PER_SEC);

  if (!ruhu_store_set_setting (job->client->store, RUHU_SYNC_SETTING_LAST_SYNC, now, &error))
    {
      ruhu_sync_job_fail_store (job, g_steal_pointer (&error));
      return;
    }
  ruhu_sync_update_unsynced (job->client);
  ruhu_sync_emit_progress (job->client, RUHU_SYNC_PHASE_DONE, job->pushed + job->pulled,
                           job->pushed + job->pulled);
  g_task_return_boolean (job->task, TRUE);
}

static void
page_applied_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RuhuSyncJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) results = g_task_propagate_pointer (G_TASK (result), &error);

  if (results == NULL)
    {
      ruhu_sync_job_fail_store (job, g_steal_pointer (&error));
      return;
    }
  log_skipped (job->page, results);
  job->cursor = job->page_next;
  job->pulled += job->page->len;
  g_clear_pointer (&job->page, g_ptr_array_unref);
  ruhu_sync_emit_progress (job->client, RUHU_SYNC_PHASE_PULL, job->pulled, 0);
  if (job->page_more)
    pull_next (job);
  else
    finish_sync (job);
}

static void
pull_apply (RuhuSyncJob *job)
{
  g_autoptr(GTask) apply = NULL;

  /* A cancellation that came with the answer wins: the page is fetched
   * again next time. Once applying, the page is finished. */
  if (g_task_return_error_if_cancelled (job->task))
    return;
  apply = g_task_new (NULL, NULL, page_applied_cb, g_object_ref (job->task));
  g_task_set_task_data (apply, job, NULL);
  g_task_run_in_thread (apply, apply_page_thread);
}

static void
pull_reply (RuhuSyncJob *job,
            guint        status,
            JsonNode    *body)
{
  g_auto(Page) page = { NULL, 0, FALSE };
  g_autoptr(GError) error = NULL;

  if (status != SOUP_STATUS_OK)
    {
      ruhu_sync_job_fail (job, ruhu_sync_error_from_reply (status, body));
      return;
    }
  if (!parse_page (body, &job->answer_ops, job->cursor, &page, &error))
    {
      ruhu_sync_job_fail (job, g_steal_pointer (&error));
      return;
    }
  /* The page's photos come first (ruhu-sync-blobs.c): a sync broken
   * while fetching them fetches the page again, and resumes the photo. */
  g_clear_pointer (&job->page, g_ptr_array_unref);
  job->page = g_steal_pointer (&page.ops);
  job->page_next = page.next;
  job->page_more = page.more;
  if (page.more)
    {
      g_autofree char *next = ruhu_sync_pull_path (job, page.next);

      ruhu_sync_prefetch_start (job, next, page.next);
    }
  ruhu_sync_blobs_download (job, job->page, pull_apply);
}

static void
pull_next (RuhuSyncJob *job)
{
  g_autofree char *path = NULL;

  if (g_task_return_error_if_cancelled (job->task))
    return;
  if (ruhu_sync_prefetch_take (job, job->cursor, pull_reply))
    return;
  path = ruhu_sync_pull_path (job, job->cursor);
  ruhu_sync_job_send (job, "GET", path, NULL, pull_reply);
}

void
ruhu_sync_pull_start (RuhuSyncJob *job)
{
  ruhu_sync_emit_progress (job->client, RUHU_SYNC_PHASE_PULL, 0, 0);
  /* The pull is a sync's last phase: every answer from here on is a page. */
  job->ops_member = PAGE_OPS_MEMBER;
  pull_next (job);
}
