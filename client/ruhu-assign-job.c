/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-assign-job.h"
#include "ruhu-assignment.h"
#include "ruhu-id.h"
#include "ruhu-roster.h"

typedef struct
{
  RuhuStore *store;
  char      *actor;
  char      *case_id;
  char      *household;
  GStrv      team;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->store);
  g_free (job->actor);
  g_free (job->case_id);
  g_free (job->household);
  g_strfreev (job->team);
  g_free (job);
}

static Job *
job_new (RuhuDevice *device,
         const char *case_id)
{
  Job *job = g_new0 (Job, 1);

  job->store = g_object_ref (ruhu_device_get_store (device));
  job->actor = g_strdup (ruhu_device_get_actor (device));
  job->case_id = g_strdup (case_id);
  return job;
}

void
ruhu_assign_state_free (RuhuAssignState *state)
{
  if (state == NULL)
    return;
  g_clear_pointer (&state->roster, g_ptr_array_unref);
  g_strfreev (state->team);
  g_free (state->household);
  g_free (state->head_name);
  g_free (state);
}

/* The case's root: its household, the parent of every team. */
static char *
find_household (RuhuStore   *store,
                const char  *case_id,
                GError     **error)
{
  g_autoptr(GPtrArray) entities = ruhu_store_list_entities (store, case_id, error);

  if (entities == NULL)
    return NULL;
  for (guint i = 0; i < entities->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (entities, i);

      if (!info->deleted && strcmp (info->kind, "household") == 0)
        return g_strdup (info->id);
    }
  return NULL;
}

static char *
read_head_name (RuhuStore  *store,
                const char *household)
{
  g_autoptr(JsonNode) value = NULL;

  if (household == NULL)
    return NULL;
  value = ruhu_store_get_value (store, household, "head_name", NULL);
  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
      json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (value));
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(RuhuAssignState) state = g_new0 (RuhuAssignState, 1);
  GError *error = NULL;

  if ((state->roster = ruhu_roster_load (job->store, &error)) == NULL ||
      ((state->team = ruhu_assignment_current_team (job->store, job->case_id, NULL, &error)) ==
       NULL && error != NULL) ||
      ((state->household = find_household (job->store, job->case_id, &error)) == NULL &&
       error != NULL))
    {
      g_task_return_error (task, error);
      return;
    }
  state->head_name = read_head_name (job->store, state->household);
  g_task_return_pointer (task, g_steal_pointer (&state), (GDestroyNotify) ruhu_assign_state_free);
}

void
ruhu_assign_load_async (RuhuDevice          *device,
                        const char          *case_id,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (device, cancellable, callback, user_data);

  g_task_set_source_tag (task, ruhu_assign_load_async);
  g_task_set_task_data (task, job_new (device, case_id), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, load_thread);
}

RuhuAssignState *
ruhu_assign_load_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result, ruhu_assign_load_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
write_field (Job         *job,
             const char  *entity,
             const char  *field,
             JsonNode    *value,
             GError     **error)
{
  g_autoptr(RuhuOp) op = ruhu_store_write (job->store, entity, RUHU_ASSIGNMENT_KIND,
                                           job->case_id, job->household, field, value,
                                           job->actor, error);

  return op != NULL;
}

/* A new team is a new assignment entity: the team before stays in the
 * case's history, and the greatest version decides which is current. */
static void
write_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  g_autofree char *entity = ruhu_id_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *at = g_date_time_format (now, "%FT%T%:z");
  g_autoptr(JsonNode) team = ruhu_assignment_team_value ((const char * const *) job->team);
  g_autoptr(JsonNode) by = json_node_init_string (json_node_alloc (), job->actor);
  g_autoptr(JsonNode) when = json_node_init_string (json_node_alloc (), at);
  GError *error = NULL;

  if (!write_field (job, entity, RUHU_ASSIGNMENT_INVESTIGATORS, team, &error) ||
      !write_field (job, entity, RUHU_ASSIGNMENT_BY, by, &error) ||
      !write_field (job, entity, RUHU_ASSIGNMENT_AT, when, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* Announced here, on the main thread, where the views listen. */
  ruhu_device_case_changed (RUHU_DEVICE (source), job->case_id);
  g_task_return_boolean (task, TRUE);
}

void
ruhu_assign_write_async (RuhuDevice          *device,
                         const char          *case_id,
                         const char          *household,
                         const char * const  *team,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *outer = g_task_new (device, cancellable, callback, user_data);
  g_autoptr(GTask) inner = g_task_new (device, NULL, write_done_cb, outer);
  Job *job = job_new (device, case_id);

  g_task_set_source_tag (outer, ruhu_assign_write_async);
  job->household = g_strdup (household);
  job->team = g_strdupv ((GStrv) team);
  g_task_set_task_data (inner, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (inner, write_thread);
}

gboolean
ruhu_assign_write_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result, ruhu_assign_write_async), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
