/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-date.h"
#include "ruhu-household-scan.h"
#include "ruhu-visit-schedule.h"
#include "ruhu-workflow.h"

void
ruhu_visit_due_free (RuhuVisitDue *due)
{
  if (due == NULL)
    return;
  g_free (due->case_id);
  g_free (due->head_name);
  g_free (due->village_code);
  g_free (due->village_name);
  g_free (due->address);
  g_free (due);
}

void
ruhu_visit_rate_free (RuhuVisitRate *rate)
{
  if (rate == NULL)
    return;
  g_free (rate->village_code);
  g_free (rate->village_name);
  g_free (rate);
}

/**
 * ruhu_visit_period:
 * @day: any day of the period
 * @first: (out): its first day
 * @last: (out) (optional): its last day
 *
 * The calendar month or quarter (January–March, April–June, …) @day is in.
 */
void
ruhu_visit_period (RuhuVisitInterval  interval,
                   const GDate       *day,
                   GDate             *first,
                   GDate             *last)
{
  GDateMonth month = g_date_get_month (day);
  GDateYear year = g_date_get_year (day);
  GDateMonth last_month = month;

  g_return_if_fail (g_date_valid (day));

  if (interval == RUHU_VISIT_QUARTERLY)
    {
      month = (month - 1) / 3 * 3 + 1;
      last_month = month + 2;
    }
  g_date_clear (first, 1);
  g_date_set_dmy (first, 1, month, year);
  if (last != NULL)
    {
      g_date_clear (last, 1);
      g_date_set_dmy (last, g_date_get_days_in_month (last_month, year), last_month, year);
    }
}

/**
 * ruhu_visit_judge:
 * @last_visit: (nullable): the household's latest visit; %NULL or an
 *   invalid date if it was never visited
 * @due: (out): the last day of the period awaiting a visit: this
 *   period's, or the previous one's when that passed without a visit
 *
 * Returns: whether this period's visit is done, due, or overdue
 */
RuhuVisitStatus
ruhu_visit_judge (RuhuVisitInterval  interval,
                  const GDate       *last_visit,
                  const GDate       *today,
                  GDate             *due)
{
  gboolean visited = last_visit != NULL && g_date_valid (last_visit);
  GDate first, previous_first, previous_last;

  ruhu_visit_period (interval, today, &first, due);
  if (visited && g_date_compare (last_visit, &first) >= 0)
    return RUHU_VISIT_DONE;
  previous_last = first;
  g_date_subtract_days (&previous_last, 1);
  ruhu_visit_period (interval, &previous_last, &previous_first, NULL);
  if (visited && g_date_compare (last_visit, &previous_first) >= 0)
    return RUHU_VISIT_DUE;
  *due = previous_last;
  return RUHU_VISIT_OVERDUE;
}

/* A covered member's reasons: the obligors live elsewhere and are not
 * visited. */
static RuhuKeyRecipient
member_key (RuhuCaseEntity *member)
{
  const char *role = ruhu_case_entity_get_string (member, "role");
  const char *grade = ruhu_case_entity_get_string (member, "disability_grade");
  const char *kind = ruhu_case_entity_get_string (member, "disability_kind");
  RuhuKeyRecipient key = RUHU_KEY_RECIPIENT_NONE;

  if (g_strcmp0 (role, "obligor") == 0)
    return key;
  if (g_strcmp0 (ruhu_case_entity_get_string (member, "orphan"), "dispersed") == 0)
    key |= RUHU_KEY_RECIPIENT_DISPERSED_ORPHAN;
  /* Grades 1 and 2 are the severe ones (重度残疾). */
  if (g_strcmp0 (kind, "none") != 0 &&
      (g_strcmp0 (grade, "grade_1") == 0 || g_strcmp0 (grade, "grade_2") == 0))
    key |= RUHU_KEY_RECIPIENT_SEVERE_DISABILITY;
  return key;
}

/* The household's category, else the application's, as the workflow
 * reads it. */
static const char *
category_of (RuhuCaseSnapshot *snapshot,
             RuhuCaseEntity   *household)
{
  const char *category = household != NULL ? ruhu_case_entity_get_string (household, "category")
                                            : NULL;
  RuhuCaseEntity *application;

  if (category != NULL)
    return category;
  application = ruhu_case_snapshot_first (snapshot, "application");
  return application != NULL ? ruhu_case_entity_get_string (application, "category") : NULL;
}

/**
 * ruhu_visit_key_recipient:
 *
 * Returns: why the case's household is visited every month, or
 *   %RUHU_KEY_RECIPIENT_NONE if every quarter is enough
 */
RuhuKeyRecipient
ruhu_visit_key_recipient (RuhuCaseSnapshot *snapshot)
{
  RuhuCaseEntity *household = ruhu_case_snapshot_lookup (snapshot, snapshot->case_id);
  RuhuKeyRecipient key = RUHU_KEY_RECIPIENT_NONE;

  if (g_strcmp0 (category_of (snapshot, household), "tekun") == 0 && household != NULL &&
      g_strcmp0 (ruhu_case_entity_get_string (household, "tekun_support"), "dispersed") == 0)
    key |= RUHU_KEY_RECIPIENT_DISPERSED_TEKUN;
  for (guint i = 0; i < snapshot->entities->len; i++)
    {
      RuhuCaseEntity *entity = g_ptr_array_index (snapshot->entities, i);

      if (g_str_equal (entity->kind, "member"))
        key |= member_key (entity);
    }
  return key;
}

/* The latest `visited_on` of the case's outreach visits up to @today: a
 * visit dated later (a wrong clock) does not count yet. */
static void
find_last_visit (RuhuCaseSnapshot *snapshot,
                 const GDate      *today,
                 GDate            *last)
{
  g_date_clear (last, 1);
  for (guint i = 0; i < snapshot->entities->len; i++)
    {
      RuhuCaseEntity *entity = g_ptr_array_index (snapshot->entities, i);
      GDate day;

      if (g_str_equal (entity->kind, "outreach_visit") &&
          ruhu_date_parse (ruhu_case_entity_get_string (entity, "visited_on"), &day) &&
          g_date_compare (&day, today) <= 0 &&
          (!g_date_valid (last) || g_date_compare (&day, last) > 0))
        *last = day;
    }
}

/**
 * ruhu_visit_due_from_snapshot:
 * @today: the day to judge on
 *
 * The visit schedule of one household, whether or not it receives aid.
 *
 * Returns: (transfer full): the household's entry
 */
RuhuVisitDue *
ruhu_visit_due_from_snapshot (RuhuCaseSnapshot *snapshot,
                              const GDate      *today)
{
  RuhuCaseEntity *household = ruhu_case_snapshot_lookup (snapshot, snapshot->case_id);
  RuhuVisitDue *due;

  g_return_val_if_fail (g_date_valid (today), NULL);

  due = g_new0 (RuhuVisitDue, 1);
  due->case_id = g_strdup (snapshot->case_id);
  if (household != NULL)
    {
      due->head_name = g_strdup (ruhu_case_entity_get_string (household, "head_name"));
      due->village_code = g_strdup (ruhu_case_entity_get_string (household, "village_code"));
      due->village_name = g_strdup (ruhu_case_entity_get_string (household, "village_name"));
      due->address = g_strdup (ruhu_case_entity_get_string (household, "address"));
    }
  due->key = ruhu_visit_key_recipient (snapshot);
  due->interval = due->key != RUHU_KEY_RECIPIENT_NONE ? RUHU_VISIT_MONTHLY : RUHU_VISIT_QUARTERLY;
  find_last_visit (snapshot, today, &due->last_visit);
  ruhu_visit_period (due->interval, today, &due->period_start, &due->period_end);
  due->status = ruhu_visit_judge (due->interval, &due->last_visit, today, &due->due);
  return due;
}

/* Households receiving aid are visited; applicants are not yet. */
static gboolean
receives_aid (RuhuStore   *store,
              const char  *case_id,
              gboolean    *receives,
              GError     **error)
{
  g_autoptr(RuhuCaseFlow) flow = ruhu_case_flow_read (store, case_id, error);

  if (flow == NULL)
    return FALSE;
  *receives = flow->state == RUHU_CASE_STATE_GRANTED ||
              flow->state == RUHU_CASE_STATE_PUBLISHED ||
              flow->state == RUHU_CASE_STATE_UNDER_REVIEW;
  return TRUE;
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const RuhuVisitDue *due_a = *(const RuhuVisitDue * const *) a;
  const RuhuVisitDue *due_b = *(const RuhuVisitDue * const *) b;
  int order;

  if (due_a->status != due_b->status)
    return due_a->status < due_b->status ? -1 : 1;
  if ((order = g_date_compare (&due_a->due, &due_b->due)) != 0)
    return order;
  if ((order = g_strcmp0 (due_a->village_name, due_b->village_name)) != 0)
    return order;
  if ((order = g_strcmp0 (due_a->head_name, due_b->head_name)) != 0)
    return order;
  return g_strcmp0 (due_a->case_id, due_b->case_id);
}

/* Adds @case_id's entry to @schedule if it is in @scope and @village_code. */
static gboolean
add_case (RuhuStore      *store,
          const char     *case_id,
          const char     *village_code,
          RuhuVisitScope  scope,
          const GDate    *today,
          GPtrArray      *schedule,
          GError        **error)
{
  g_autoptr(RuhuCaseSnapshot) snapshot = NULL;
  g_autoptr(RuhuVisitDue) due = NULL;
  gboolean receives = TRUE;

  if (scope == RUHU_VISIT_SCOPE_RECIPIENTS && !receives_aid (store, case_id, &receives, error))
    return FALSE;
  if (!receives)
    return TRUE;
  snapshot = ruhu_case_snapshot_load (store, case_id, error);
  if (snapshot == NULL)
    return FALSE;
  due = ruhu_visit_due_from_snapshot (snapshot, today);
  if (village_code == NULL || g_strcmp0 (due->village_code, village_code) == 0)
    g_ptr_array_add (schedule, g_steal_pointer (&due));
  return TRUE;
}

/**
 * ruhu_visit_schedule_load:
 * @village_code: (nullable): only this village's households
 * @scope: %RUHU_VISIT_SCOPE_RECIPIENTS for the households receiving aid
 *   (granted, published or under periodic review), or
 *   %RUHU_VISIT_SCOPE_ALL for every household
 * @today: (nullable): the day to judge on; %NULL for the local date
 * @cancellable: (nullable): checked between households
 *
 * The visit schedule of the households in @store. Reads every case: call
 * it from a worker thread.
 *
 * Returns: (transfer full) (element-type RuhuVisitDue) (nullable): overdue
 *   households first, then due, then done, each by due date, village and
 *   head; %NULL with @error set
 */
GPtrArray *
ruhu_visit_schedule_load (RuhuStore       *store,
                          const char      *village_code,
                          RuhuVisitScope   scope,
                          const GDate     *today,
                          GCancellable    *cancellable,
                          GError         **error)
{
  g_autoptr(GPtrArray) households = NULL;
  g_autoptr(GPtrArray) schedule = g_ptr_array_new_with_free_func (
    (GDestroyNotify) ruhu_visit_due_free);
  GDate day;

  g_return_val_if_fail (RUHU_IS_STORE (store), NULL);

  ruhu_date_get_today (today, &day);
  households = ruhu_household_scan (store, cancellable, error);
  if (households == NULL)
    return NULL;
  for (guint i = 0; i < households->len; i++)
    {
      RuhuHouseholdRow *row = g_ptr_array_index (households, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !add_case (store, row->case_id, village_code, scope, &day, schedule, error))
        return NULL;
    }
  g_ptr_array_sort (schedule, compare_due);
  return g_steal_pointer (&schedule);
}

static int
compare_rates (gconstpointer a,
               gconstpointer b)
{
  const RuhuVisitRate *rate_a = *(const RuhuVisitRate * const *) a;
  const RuhuVisitRate *rate_b = *(const RuhuVisitRate * const *) b;
  int order = g_strcmp0 (rate_a->village_name, rate_b->village_name);

  return order != 0 ? order : g_strcmp0 (rate_a->village_code, rate_b->village_code);
}

/* Villages are told apart by code, or by name where the code is missing;
 * the prefix keeps a name from passing for a code. */
static char *
village_key (const RuhuVisitDue *due)
{
  if (due->village_code != NULL)
    return g_strconcat ("code:", due->village_code, NULL);
  return g_strconcat ("name:", due->village_name != NULL ? due->village_name : "", NULL);
}

/**
 * ruhu_visit_rates:
 * @schedule: (element-type RuhuVisitDue): from ruhu_visit_schedule_load()
 *
 * Every household on the schedule is due once this period; those done
 * count as visited.
 *
 * Returns: (transfer full) (element-type RuhuVisitRate): one per village,
 *   ordered by name
 */
GPtrArray *
ruhu_visit_rates (GPtrArray *schedule)
{
  g_autoptr(GHashTable) by_village = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            NULL);
  GPtrArray *rates = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_visit_rate_free);

  g_return_val_if_fail (schedule != NULL, rates);

  for (guint i = 0; i < schedule->len; i++)
    {
      RuhuVisitDue *due = g_ptr_array_index (schedule, i);
      g_autofree char *key = village_key (due);
      RuhuVisitRate *rate = g_hash_table_lookup (by_village, key);

      if (rate == NULL)
        {
          rate = g_new0 (RuhuVisitRate, 1);
          rate->village_code = g_strdup (due->village_code);
          rate->village_name = g_strdup (due->village_name);
          g_hash_table_insert (by_village, g_steal_pointer (&key), rate);
          g_ptr_array_add (rates, rate);
        }
      rate->n_due++;
      if (due->status == RUHU_VISIT_DONE)
        rate->n_visited++;
    }
  g_ptr_array_sort (rates, compare_rates);
  return rates;
}

/**
 * ruhu_visit_rate_get_fraction:
 *
 * Returns: visited over due, between 0 and 1; 1 when none is due
 */
double
ruhu_visit_rate_get_fraction (const RuhuVisitRate *rate)
{
  g_return_val_if_fail (rate != NULL, 0);
  return rate->n_due > 0 ? (double) rate->n_visited / rate->n_due : 1.0;
}

const char *
ruhu_visit_status_get_label (RuhuVisitStatus status)
{
  switch (status)
    {
    case RUHU_VISIT_OVERDUE:
      /* Translators: an outreach visit whose period passed without one */
      return _("Overdue");
    case RUHU_VISIT_DUE:
      /* Translators: an outreach visit still to be made this month or quarter */
      return _("Due");
    case RUHU_VISIT_DONE:
      /* Translators: the household was visited this month or quarter */
      return _("Visited");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * ruhu_key_recipient_describe:
 *
 * Returns: (transfer full): why a household is visited every month, for
 *   people; an empty string for %RUHU_KEY_RECIPIENT_NONE
 */
char *
ruhu_key_recipient_describe (RuhuKeyRecipient key)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_null_terminated (3, NULL, TRUE);

  if (key & RUHU_KEY_RECIPIENT_DISPERSED_ORPHAN)
    g_ptr_array_add (parts, _("Orphan living dispersed"));
  if (key & RUHU_KEY_RECIPIENT_DISPERSED_TEKUN)
    g_ptr_array_add (parts, _("Destitute person supported at home"));
  if (key & RUHU_KEY_RECIPIENT_SEVERE_DISABILITY)
    g_ptr_array_add (parts, _("Severely disabled"));
  /* Translators: between the reasons a household is visited every month */
  return g_strjoinv (_(", "), (char **) parts->pdata);
}
