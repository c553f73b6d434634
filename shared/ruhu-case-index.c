/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-case-cache.h"
#include "ruhu-case-index-private.h"
#include "ruhu-date.h"

/* The case list's index: every case, or one, read by a summary scan
 * (ruhu-case-build.c turns its values into RuhuCaseInfo), kept between
 * loads (ruhu-case-cache.c), with today's deadline states and the counts
 * of conflicts and unsynced changes added. The workflow's steps come from
 * a second scan of their own entities (ruhu-case-flow-scan.c). */

void
ruhu_case_info_free (RuhuCaseInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->case_id);
  g_free (info->head_name);
  g_free (info->village_name);
  g_free (info->township_name);
  g_free (info->category);
  g_free (info->id_tails);
  g_free (info);
}

/* Beyond the years the calendar covers (an aliveness check next year),
 * only calendar days can be counted, as ruhu_case_flow_next_deadline()
 * does. */
static gboolean
measure_one (RuhuCalendar       *calendar,
             const GDate        *due,
             const GDate        *today,
             RuhuDeadlineStatus *status)
{
  int days;

  if (ruhu_calendar_covers (calendar, due) && ruhu_calendar_covers (calendar, today))
    return ruhu_deadline_get_status (calendar, due, today, status, NULL);
  days = g_date_days_between (today, due);
  status->calendar_days = days;
  status->working_days = ABS (days);
  status->state = days < 0 ? RUHU_DEADLINE_STATE_OVERDUE :
                  days == 0 ? RUHU_DEADLINE_STATE_DUE_TODAY : RUHU_DEADLINE_STATE_ON_TRACK;
  return TRUE;
}

/**
 * ruhu_case_index_measure:
 * @infos: (element-type RuhuCaseInfo): cases of ruhu_case_index_load()
 * @calendar: (nullable): the working-day calendar
 * @today: the day to measure from
 *
 * Sets where each case's deadline stands on @today (the index keeps due
 * dates, which do not depend on the day); a deadline the calendar cannot
 * place is dropped.
 */
void
ruhu_case_index_measure (GPtrArray    *infos,
                         RuhuCalendar *calendar,
                         const GDate  *today)
{
  /* Many cases share a due day: each is measured once. */
  g_autoptr(GHashTable) memo = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  g_return_if_fail (infos != NULL && today != NULL && g_date_valid (today));

  for (guint i = 0; i < infos->len; i++)
    {
      RuhuCaseInfo *info = g_ptr_array_index (infos, i);
      RuhuDeadlineStatus *status;
      gpointer key;

      if (!info->has_deadline)
        continue;
      key = GUINT_TO_POINTER (g_date_get_julian (&info->deadline));
      status = g_hash_table_lookup (memo, key);
      if (status == NULL)
        {
          status = g_new0 (RuhuDeadlineStatus, 1);
          /* A state of -1 marks a day the calendar cannot place. */
          if (calendar == NULL || !measure_one (calendar, &info->deadline, today, status))
            status->state = -1;
          g_hash_table_insert (memo, key, status);
        }
      info->has_deadline = (int) status->state >= 0;
      info->deadline_status = *status;
    }
}

static gboolean
add_counts (GPtrArray   *infos,
            RuhuStore   *store,
            const char  *case_id,
            GError     **error)
{
  g_autoptr(GHashTable) conflicts = ruhu_store_summary_conflict_counts (store, case_id, error);
  g_autoptr(GHashTable) unsynced = NULL;

  if (conflicts == NULL)
    return FALSE;
  unsynced = ruhu_store_summary_unsynced_cases (store, case_id, error);
  if (unsynced == NULL)
    return FALSE;
  for (guint i = 0; i < infos->len; i++)
    {
      RuhuCaseInfo *info = g_ptr_array_index (infos, i);

      info->n_conflicts = GPOINTER_TO_UINT (g_hash_table_lookup (conflicts, info->case_id));
      info->n_unsynced = GPOINTER_TO_UINT (g_hash_table_lookup (unsynced, info->case_id));
    }
  return TRUE;
}

/* Reads @case_id (or every case) from the store into @infos: case id →
 * RuhuCaseInfo, without deadline states and counts. */
static gboolean
scan_cases (RuhuStore                   *store,
            const char                  *case_id,
            const RuhuCaseIndexOptions  *options,
            GHashTable                  *infos,
            GCancellable                *cancellable,
            GError                     **error)
{
  g_autoptr(GHashTable) cases = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, ruhu_case_build_free);
  IndexBuild index = { cases, options, };
  GHashTableIter iter;
  CaseBuild *build;

  ruhu_date_get_today (options->today, &index.today);
  if (!ruhu_store_summary_scan (store, case_id, ruhu_case_build_take_value, &index, cancellable, error) ||
      !ruhu_case_flow_scan (store, case_id, ruhu_case_build_take_flow_value, &index, cancellable, error))
    return FALSE;
  g_hash_table_iter_init (&iter, cases);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &build))
    if (build->has_household)
      {
        RuhuCaseInfo *info = ruhu_case_build_resolve (build, &index);

        g_hash_table_replace (infos, info->case_id, info);
      }
  return TRUE;
}

/* Beyond this many changed cases, one scan of all is quicker. */
#define MAX_CASES_ONE_BY_ONE 500

/* Brings the cached index up to date case by case. FALSE: start over. */
static gboolean
update_cached (RuhuStore                   *store,
               const RuhuCaseIndexOptions  *options,
               GHashTable                  *infos,
               const RuhuSummaryMark       *cached,
               const RuhuSummaryMark       *now,
               GError                     **error)
{
  g_autoptr(GPtrArray) changed = NULL;

  if (cached->n_rejections != now->n_rejections || cached->last_seq > now->last_seq)
    return FALSE;
  changed = ruhu_store_summary_changed_cases (store, cached->last_seq, MAX_CASES_ONE_BY_ONE, error);
  if (changed == NULL || changed->len > MAX_CASES_ONE_BY_ONE)
    return FALSE;
  for (guint i = 0; i < changed->len; i++)
    {
      g_hash_table_remove (infos, g_ptr_array_index (changed, i));
      if (!scan_cases (store, g_ptr_array_index (changed, i), options, infos, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* Every case: the cache brought up to date, or one scan of the store. */
static GHashTable *
load_all (RuhuStore                   *store,
          const RuhuCaseIndexOptions  *options,
          GCancellable                *cancellable,
          GError                     **error)
{
  RuhuSummaryMark now, cached;
  g_autoptr(GHashTable) infos = NULL;

  if (!ruhu_store_summary_mark (store, &now, error))
    return NULL;
  infos = ruhu_case_cache_read (store, options->actor, &cached);
  if (infos != NULL && cached.last_seq == now.last_seq && cached.n_rejections == now.n_rejections)
    return g_steal_pointer (&infos);
  if (infos == NULL || !update_cached (store, options, infos, &cached, &now, error))
    {
      g_clear_error (error);
      g_clear_pointer (&infos, g_hash_table_unref);
      infos = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) ruhu_case_info_free);
      if (!scan_cases (store, NULL, options, infos, cancellable, error))
        return NULL;
    }
  ruhu_case_cache_write (store, options->actor, &now, infos);
  return g_steal_pointer (&infos);
}

/**
 * ruhu_case_index_load:
 * @case_id: (nullable): one case, or %NULL for every case on the device
 * @options: the calendar, today and the user
 * @cancellable: (nullable): stops a long load between chunks
 *
 * Reads what a case list shows of each case whose household exists and is
 * not deleted. Loading every case starts from the index kept by the last
 * load (see ruhu-case-cache.h) and reads again only the cases changed
 * since. Safe to call from a worker thread: the store locks itself chunk
 * by chunk.
 *
 * Returns: (transfer full) (element-type RuhuCaseInfo) (nullable): the
 *   cases, in no particular order; empty if @case_id is gone
 */
GPtrArray *
ruhu_case_index_load (RuhuStore                   *store,
                      const char                  *case_id,
                      const RuhuCaseIndexOptions  *options,
                      GCancellable                *cancellable,
                      GError                     **error)
{
  g_autoptr(GHashTable) infos = NULL;
  g_autoptr(GPtrArray) list = NULL;
  GHashTableIter iter;
  RuhuCaseInfo *info;
  GDate today;

  g_return_val_if_fail (RUHU_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (case_id == NULL)
    infos = load_all (store, options, cancellable, error);
  else
    {
      infos = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) ruhu_case_info_free);
      if (!scan_cases (store, case_id, options, infos, cancellable, error))
        g_clear_pointer (&infos, g_hash_table_unref);
    }
  if (infos == NULL)
    return NULL;

  list = g_ptr_array_new_full (g_hash_table_size (infos), (GDestroyNotify) ruhu_case_info_free);
  g_hash_table_iter_init (&iter, infos);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &info))
    {
      g_hash_table_iter_steal (&iter);
      g_ptr_array_add (list, info);
    }
  ruhu_date_get_today (options->today, &today);
  ruhu_case_index_measure (list, options->calendar, &today);
  if (!add_counts (list, store, case_id, error))
    return NULL;
  return g_steal_pointer (&list);
}
