/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-case-overview.h"

/* The supervisor's overview: counts by state and the queues a township
 * works through, from the case index alone, so that it costs one pass
 * and a few small sorts over cases already in memory. */

/**
 * ruhu_case_info_compare_due:
 *
 * The deadline order of the case list and the overview: the earliest due
 * date first, cases without a deadline last, ties by head's name (byte
 * order, stable across locales) and case id.
 */
int
ruhu_case_info_compare_due (const RuhuCaseInfo *a,
                            const RuhuCaseInfo *b)
{
  int order;

  if (a->has_deadline != b->has_deadline)
    return a->has_deadline ? -1 : 1;
  if (a->has_deadline && (order = g_date_compare (&a->deadline, &b->deadline)) != 0)
    return order;
  if ((order = g_strcmp0 (a->head_name, b->head_name)) != 0)
    return order;
  return g_strcmp0 (a->case_id, b->case_id);
}

static int
compare_due_cb (gconstpointer a,
                gconstpointer b)
{
  return ruhu_case_info_compare_due (*(const RuhuCaseInfo * const *) a,
                                     *(const RuhuCaseInfo * const *) b);
}

/**
 * ruhu_case_infos_sort_by_due:
 * @infos: (element-type RuhuCaseInfo): cases
 *
 * Sorts @infos by ruhu_case_info_compare_due().
 */
void
ruhu_case_infos_sort_by_due (GPtrArray *infos)
{
  g_return_if_fail (infos != NULL);
  g_ptr_array_sort (infos, compare_due_cb);
}

static void
add_to_queues (RuhuCaseOverview   *overview,
               const RuhuCaseInfo *info)
{
  RuhuDeadlineState due = info->deadline_status.state;

  if (info->has_deadline && due == RUHU_DEADLINE_STATE_OVERDUE)
    g_ptr_array_add (overview->overdue, (gpointer) info);
  else if (info->has_deadline && (due == RUHU_DEADLINE_STATE_DUE_TODAY ||
                                  due == RUHU_DEADLINE_STATE_DUE_SOON))
    g_ptr_array_add (overview->due_soon, (gpointer) info);
  if ((info->state == RUHU_CASE_STATE_APPLIED && info->has_application) ||
      info->state == RUHU_CASE_STATE_INCOMPLETE)
    g_ptr_array_add (overview->acceptance, (gpointer) info);
  else if (info->state == RUHU_CASE_STATE_INVESTIGATED || info->state == RUHU_CASE_STATE_EVALUATED)
    g_ptr_array_add (overview->review, (gpointer) info);
  if (info->returned)
    g_ptr_array_add (overview->returned, (gpointer) info);
}

/**
 * ruhu_case_overview_new:
 * @infos: (element-type RuhuCaseInfo): the cases, from ruhu_case_index_load()
 * @calendar: (nullable): the working-day calendar
 * @today: the day the deadlines are judged from
 *
 * Measures each case's deadline on @today (ruhu_case_index_measure(),
 * which updates @infos) and sorts the cases into the overview's counts and
 * lists. Keeps a reference to @infos.
 *
 * Returns: (transfer full): the overview
 */
RuhuCaseOverview *
ruhu_case_overview_new (GPtrArray    *infos,
                        RuhuCalendar *calendar,
                        const GDate  *today)
{
  RuhuCaseOverview *overview;
  GPtrArray **lists[5];

  g_return_val_if_fail (infos != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  overview = g_new0 (RuhuCaseOverview, 1);
  overview->infos = g_ptr_array_ref (infos);
  lists[0] = &overview->overdue;
  lists[1] = &overview->due_soon;
  lists[2] = &overview->acceptance;
  lists[3] = &overview->review;
  lists[4] = &overview->returned;
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    *lists[i] = g_ptr_array_new ();
  ruhu_case_index_measure (infos, calendar, today);
  for (guint i = 0; i < infos->len; i++)
    {
      const RuhuCaseInfo *info = g_ptr_array_index (infos, i);

      overview->counts[MIN (info->state, RUHU_N_CASE_STATES - 1)]++;
      add_to_queues (overview, info);
    }
  overview->n_cases = infos->len;
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    ruhu_case_infos_sort_by_due (*lists[i]);
  return overview;
}

void
ruhu_case_overview_free (RuhuCaseOverview *overview)
{
  if (overview == NULL)
    return;
  g_clear_pointer (&overview->overdue, g_ptr_array_unref);
  g_clear_pointer (&overview->due_soon, g_ptr_array_unref);
  g_clear_pointer (&overview->acceptance, g_ptr_array_unref);
  g_clear_pointer (&overview->review, g_ptr_array_unref);
  g_clear_pointer (&overview->returned, g_ptr_array_unref);
  g_clear_pointer (&overview->infos, g_ptr_array_unref);
  g_free (overview);
}
