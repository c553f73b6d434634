/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-sync-roster.h"
#include "ruhu-id.h"

/* A case assigned to this investigator after the pull cursor went past its
 * history would otherwise arrive only from then on. So before the push the
 * device asks which cases are assigned to it and fetches, page by page,
 * the whole history of each one it has not fetched yet; the pull then goes
 * on from its cursor as always. A case taken from the investigator and
 * given back later is fetched again. Failing here never fails the sync. */

#define FETCH_KEY "ruhu-sync-assigned"

typedef struct
{
  GPtrArray *assigned;  /* char*: the cases assigned now */
  GPtrArray *fetched;   /* char*: those whose history this device holds */
  guint      index;     /* into assigned: the case being fetched */
  gint64     since;
  GPtrArray *page;      /* RuhuOp*: waiting for its photos */
  gint64     page_next;
  gboolean   page_more;
} Fetch;

static void fetch_case (RuhuSyncJob *job);

static void
fetch_free (Fetch *fetch)
{
  g_ptr_array_unref (fetch->assigned);
  g_ptr_array_unref (fetch->fetched);
  g_clear_pointer (&fetch->page, g_ptr_array_unref);
  g_free (fetch);
}

static Fetch *
get_fetch (RuhuSyncJob *job)
{
  return g_object_get_data (G_OBJECT (job->task), FETCH_KEY);
}

static gboolean
has_id (GPtrArray  *ids,
        const char *id)
{
  return g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL);
}

static const char *
current_case (Fetch *fetch)
{
  return g_ptr_array_index (fetch->assigned, fetch->index);
}

/* Saved after each case: a sync broken half way fetches only the rest. */
static void
save_fetched (RuhuSyncJob *job,
              Fetch       *fetch)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < fetch->fetched->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? " " : "",
                            (char *) g_ptr_array_index (fetch->fetched, i));
  if (!ruhu_store_set_setting (job->client->store, RUHU_SYNC_SETTING_FETCHED_CASES, text->str,
                               &error))
    g_message ("Could not note the assigned cases fetched: %s", error->message);
}

static void
next_case (RuhuSyncJob *job,
           Fetch       *fetch)
{
  fetch->index++;
  fetch->since = 0;
  fetch_case (job);
}

static void
apply_page (RuhuSyncJob *job)
{
  Fetch *fetch = get_fetch (job);
  g_autoptr(GArray) results = NULL;
  g_autoptr(GError) error = NULL;

  if (g_task_return_error_if_cancelled (job->task))
    return;
  if (!ruhu_store_apply (job->client->store, fetch->page, &results, &error))
    {
      ruhu_sync_job_fail_store (job, g_steal_pointer (&error));
      return;
    }
  g_clear_pointer (&fetch->page, g_ptr_array_unref);
  fetch->since = fetch->page_next;
  if (fetch->page_more)
    {
      fetch_case (job);
      return;
    }
  g_ptr_array_add (fetch->fetched, g_strdup (current_case (fetch)));
  save_fetched (job, fetch);
  next_case (job, fetch);
}

static gboolean
parse_page (JsonNode *body,
            Fetch    *fetch)
{
  JsonObject *object = body != NULL && JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body)
                                                                     : NULL;
  JsonNode *groups = object != NULL ? json_object_get_member (object, "entities") : NULL;
  g_autoptr(GError) error = NULL;

  if (groups == NULL || !json_object_has_member (object, "next") ||
      !json_object_has_member (object, "more"))
    return FALSE;
  fetch->page_next = json_object_get_int_member (object, "next");
  fetch->page_more = json_object_get_boolean_member (object, "more");
  if (fetch->page_next < fetch->since || (fetch->page_more && fetch->page_next == fetch->since))
    return FALSE;
  fetch->page = ruhu_op_list_from_groups (groups, 0, NULL, &error);
  return fetch->page != NULL;
}

static void
page_reply (RuhuSyncJob *job,
            guint        status,
            JsonNode    *body)
{
  Fetch *fetch = get_fetch (job);
  RuhuSyncTeamAnswer answer = ruhu_sync_team_answered (job, status, body);

  if (answer == RUHU_SYNC_TEAM_FAILED)
    return;
  if (answer == RUHU_SYNC_TEAM_SKIP || !parse_page (body, fetch))
    {
      g_message ("Could not fetch the assigned case %s (HTTP %u)", current_case (fetch), status);
      next_case (job, fetch);
      return;
    }
  ruhu_sync_blobs_download (job, fetch->page, apply_page);
}

static void
fetch_case (RuhuSyncJob *job)
{
  Fetch *fetch = get_fetch (job);
  g_autofree char *path = NULL;

  if (g_task_return_error_if_cancelled (job->task))
    return;
  while (fetch->index < fetch->assigned->len && has_id (fetch->fetched, current_case (fetch)))
    fetch->index++;
  if (fetch->index >= fetch->assigned->len)
    {
      save_fetched (job, fetch);
      ruhu_sync_push_start (job);
      return;
    }
  path = g_strdup_printf ("/api/v1/case-feed?case=%s&since=%" G_GINT64_FORMAT "&limit=%u",
                          current_case (fetch), fetch->since, job->client->pull_limit);
  ruhu_sync_job_send (job, "GET", path, NULL, page_reply);
}

/* The cases fetched before that are still assigned. */
static GPtrArray *
read_fetched (RuhuStore *store,
              GPtrArray *assigned)
{
  g_autofree char *text = ruhu_store_get_setting (store, RUHU_SYNC_SETTING_FETCHED_CASES, NULL);
  g_auto(GStrv) ids = g_strsplit (text != NULL ? text : "", " ", -1);
  GPtrArray *fetched = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; ids[i] != NULL; i++)
    if (*ids[i] != '\0' && has_id (assigned, ids[i]))
      g_ptr_array_add (fetched, g_strdup (ids[i]));
  return fetched;
}

static GPtrArray *
parse_assigned (JsonNode *body)
{
  JsonObject *object = body != NULL && JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body)
                                                                     : NULL;
  JsonNode *list = object != NULL ? json_object_get_member (object, "cases") : NULL;
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array;

  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return NULL;
  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING ||
          !ruhu_id_is_valid (json_node_get_string (element)))
        return NULL;
      g_ptr_array_add (cases, g_strdup (json_node_get_string (element)));
    }
  return g_steal_pointer (&cases);
}

static void
assigned_reply (RuhuSyncJob *job,
                guint        status,
                JsonNode    *body)
{
  GPtrArray *assigned = NULL;
  Fetch *fetch;
  RuhuSyncTeamAnswer answer = ruhu_sync_team_answered (job, status, body);

  if (answer == RUHU_SYNC_TEAM_FAILED)
    return;
  if (answer == RUHU_SYNC_TEAM_SKIP || (assigned = parse_assigned (body)) == NULL)
    {
      g_message ("The server did not say which cases are assigned (HTTP %u)", status);
      ruhu_sync_push_start (job);
      return;
    }
  fetch = g_new0 (Fetch, 1);
  fetch->assigned = assigned;
  fetch->fetched = read_fetched (job->client->store, assigned);
  g_object_set_data_full (G_OBJECT (job->task), FETCH_KEY, fetch, (GDestroyNotify) fetch_free);
  fetch_case (job);
}

void
ruhu_sync_assigned_start (RuhuSyncJob *job)
{
  g_autofree char *role = ruhu_store_get_setting (job->client->store, RUHU_SYNC_SETTING_ROLE,
                                                  NULL);

  if (g_task_return_error_if_cancelled (job->task))
    return;
  if (g_strcmp0 (role, "investigator") != 0)
    {
      ruhu_sync_push_start (job);
      return;
    }
  ruhu_sync_job_send (job, "GET", "/api/v1/assigned", NULL, assigned_reply);
}
