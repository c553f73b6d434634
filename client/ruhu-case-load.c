/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-case-index.h"
#include "ruhu-case-load.h"
#include "ruhu-case-summary.h"

typedef struct
{
  RuhuStore   *store;
  RuhuFormSet *forms;
  char        *actor;
  char        *case_id;
  GDate        today;  /* invalid: the current date */
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_object_unref (load->store);
  ruhu_form_set_unref (load->forms);
  g_free (load->actor);
  g_free (load->case_id);
  g_free (load);
}

/**
 * ruhu_case_load_get_calendar:
 *
 * The working-day calendar, read once per process. Without it the list
 * (and the overview) still work, without deadlines.
 *
 * Returns: (transfer none) (nullable): the calendar
 */
RuhuCalendar *
ruhu_case_load_get_calendar (void)
{
  static gsize loaded;
  static RuhuCalendar *calendar;

  if (g_once_init_enter (&loaded))
    {
      g_autoptr(GError) error = NULL;

      calendar = ruhu_calendar_load_default (&error);
      if (calendar == NULL)
        g_warning ("Case deadlines are not shown: %s", error->message);
      g_once_init_leave (&loaded, 1);
    }
  return calendar;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *load = task_data;
  RuhuCaseIndexOptions options = {
    ruhu_case_load_get_calendar (),
    g_date_valid (&load->today) ? &load->today : NULL,
    load->actor,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) infos = ruhu_case_index_load (load->store, load->case_id, &options,
                                                     cancellable, &error);
  GPtrArray *summaries;

  if (infos == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* The summaries take the infos over. */
  g_ptr_array_set_free_func (infos, NULL);
  summaries = g_ptr_array_new_full (infos->len, g_object_unref);
  for (guint i = 0; i < infos->len; i++)
    g_ptr_array_add (summaries, ruhu_case_summary_new (g_ptr_array_index (infos, i), load->forms));
  g_task_return_pointer (task, summaries, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * ruhu_case_load_async:
 * @case_id: (nullable): one case, or %NULL for all
 * @today: (nullable): the date deadlines count from; %NULL for today
 */
void
ruhu_case_load_async (RuhuDevice          *device,
                      const char          *case_id,
                      const GDate         *today,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (device, cancellable, callback, user_data);
  LoadData *load = g_new0 (LoadData, 1);

  load->store = g_object_ref (ruhu_device_get_store (device));
  load->forms = ruhu_form_set_ref (ruhu_device_get_forms (device));
  load->actor = g_strdup (ruhu_device_get_actor (device));
  load->case_id = g_strdup (case_id);
  g_date_clear (&load->today, 1);
  if (today != NULL && g_date_valid (today))
    load->today = *today;
  g_task_set_source_tag (task, ruhu_case_load_async);
  g_task_set_task_data (task, load, load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * ruhu_case_load_finish:
 *
 * Returns: (transfer full) (element-type RuhuCaseSummary): the summaries,
 *   in no particular order
 */
GPtrArray *
ruhu_case_load_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
