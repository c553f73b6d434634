/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-date.h"
#include "ruhu-household-scan.h"
#include "ruhu-recheck-lists.h"
#include "ruhu-workflow-private.h"

void
ruhu_recheck_item_free (RuhuRecheckItem *item)
{
  if (item == NULL)
    return;
  g_free (item->case_id);
  g_free (item->head_name);
  g_free (item->village_name);
  g_free (item->category);
  g_free (item);
}

void
ruhu_recheck_lists_free (RuhuRecheckLists *lists)
{
  if (lists == NULL)
    return;
  g_clear_pointer (&lists->reviews, g_ptr_array_unref);
  g_clear_pointer (&lists->aliveness, g_ptr_array_unref);
  g_free (lists);
}

/* The day of the latest counted step among @steps. */
static gboolean
latest_step_date (const RuhuCaseFlow *flow,
                  const RuhuStep     *steps,
                  gsize               n_steps,
                  GDate              *date)
{
  gboolean found = FALSE;

  for (gsize i = 0; i < n_steps; i++)
    {
      const RuhuTransition *transition = ruhu_case_flow_find_last (flow, steps[i]);
      GDate day;

      if (transition != NULL && ruhu_transition_date (transition, &day) &&
          (!found || g_date_compare (&day, date) > 0))
        {
          *date = day;
          found = TRUE;
        }
    }
  return found;
}

/**
 * ruhu_recheck_review_due:
 * @since: (out): the grant, publication, continuation or adjustment the
 *   review year runs from
 * @due: (out): a year on (the category's interval)
 *
 * Whether the case belongs on the periodic-review list on @today: it is
 * under review already, or granted or published and its review falls due
 * within %RUHU_RECHECK_REVIEW_LEAD_DAYS days (or is late). 临时救助 is
 * never reviewed.
 */
gboolean
ruhu_recheck_review_due (const RuhuCaseFlow *flow,
                         const GDate        *today,
                         GDate              *since,
                         GDate              *due)
{
  static const RuhuStep steps[] = {
    RUHU_STEP_GRANT, RUHU_STEP_PUBLISH, RUHU_STEP_CONTINUE, RUHU_STEP_ADJUST,
  };
  const RuhuCategoryRule *cat = &ruhu_category_rules[flow->category];
  GDate horizon = *today;

  if (cat->review_months <= 0 ||
      (flow->state != RUHU_CASE_STATE_GRANTED && flow->state != RUHU_CASE_STATE_PUBLISHED &&
       flow->state != RUHU_CASE_STATE_UNDER_REVIEW) ||
      !latest_step_date (flow, steps, G_N_ELEMENTS (steps), since))
    return FALSE;
  *due = *since;
  g_date_add_months (due, cat->review_months);
  g_date_add_days (&horizon, RUHU_RECHECK_REVIEW_LEAD_DAYS);
  return flow->state == RUHU_CASE_STATE_UNDER_REVIEW || g_date_compare (due, &horizon) <= 0;
}

/**
 * ruhu_recheck_aliveness_due:
 * @since: (out): the publication or last confirmation of aliveness
 * @due: (out): 3 months on
 *
 * Whether the case belongs on the aliveness-check list on @today: it is
 * published (or under review) and its last confirmation, or its
 * publication, is 3 months or more ago. 低保边缘 and 临时救助 pay nothing
 * monthly and have no check.
 */
gboolean
ruhu_recheck_aliveness_due (const RuhuCaseFlow *flow,
                            const GDate        *today,
                            GDate              *since,
                            GDate              *due)
{
  static const RuhuStep steps[] = { RUHU_STEP_PUBLISH, RUHU_STEP_CONFIRM_ALIVE };

  if (!ruhu_category_rules[flow->category].aliveness ||
      (flow->state != RUHU_CASE_STATE_PUBLISHED && flow->state != RUHU_CASE_STATE_UNDER_REVIEW) ||
      !latest_step_date (flow, steps, G_N_ELEMENTS (steps), since))
    return FALSE;
  ruhu_deadline_next_existence_check (since, due);
  return g_date_compare (due, today) <= 0;
}

static RuhuRecheckItem *
new_item (RuhuHouseholdRow   *row,
          const RuhuCaseFlow *flow,
          const GDate        *today,
          const GDate        *since,
          const GDate        *due)
{
  RuhuRecheckItem *item = g_new0 (RuhuRecheckItem, 1);

  item->case_id = g_strdup (row->case_id);
  item->head_name = g_strdup (row->head_name);
  item->village_name = g_strdup (row->village_name);
  item->category = g_strdup (row->category);
  item->state = flow->state;
  item->since = *since;
  item->due = *due;
  item->days_left = g_date_days_between (today, due);
  return item;
}

/* The household form's order of categories; unknown ones last. */
static int
category_rank (const char *category)
{
  static const char * const order[] = {
    "urban_dibao", "rural_dibao", "tekun", "near_dibao", "temporary_assistance",
  };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_strcmp0 (order[i], category) == 0)
      return (int) i;
  return G_N_ELEMENTS (order);
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const RuhuRecheckItem *item_a = *(const RuhuRecheckItem * const *) a;
  const RuhuRecheckItem *item_b = *(const RuhuRecheckItem * const *) b;
  int order = category_rank (item_a->category) - category_rank (item_b->category);

  if (order != 0)
    return order;
  if ((order = g_date_compare (&item_a->due, &item_b->due)) != 0)
    return order;
  if ((order = g_strcmp0 (item_a->village_name, item_b->village_name)) != 0)
    return order;
  return g_strcmp0 (item_a->case_id, item_b->case_id);
}

static gboolean
add_case (RuhuStore         *store,
          RuhuHouseholdRow  *row,
          const GDate       *today,
          RuhuRecheckLists  *lists,
          GError           **error)
{
  g_autoptr(RuhuCaseFlow) flow = ruhu_case_flow_read (store, row->case_id, error);
  GDate since, due;

  if (flow == NULL)
    return FALSE;
  if (ruhu_recheck_review_due (flow, today, &since, &due))
    g_ptr_array_add (lists->reviews, new_item (row, flow, today, &since, &due));
  if (ruhu_recheck_aliveness_due (flow, today, &since, &due))
    g_ptr_array_add (lists->aliveness, new_item (row, flow, today, &since, &due));
  return TRUE;
}

/**
 * ruhu_recheck_lists_load:
 * @today: (nullable): the day to judge on; %NULL for the local date
 * @cancellable: (nullable): checked between cases
 *
 * Reads the workflow of every case: call it from a worker thread.
 *
 * Returns: (transfer full) (nullable): both lists, or %NULL with @error set
 */
RuhuRecheckLists *
ruhu_recheck_lists_load (RuhuStore     *store,
                         const GDate   *today,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(RuhuRecheckLists) lists = g_new0 (RuhuRecheckLists, 1);
  g_autoptr(GPtrArray) households = NULL;
  GDate day;

  g_return_val_if_fail (RUHU_IS_STORE (store), NULL);

  ruhu_date_get_today (today, &day);
  lists->reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_recheck_item_free);
  lists->aliveness = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_recheck_item_free);
  households = ruhu_household_scan (store, cancellable, error);
  if (households == NULL)
    return NULL;
  for (guint i = 0; i < households->len; i++)
    if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
        !add_case (store, g_ptr_array_index (households, i), &day, lists, error))
      return NULL;
  g_ptr_array_sort (lists->reviews, compare_items);
  g_ptr_array_sort (lists->aliveness, compare_items);
  return g_steal_pointer (&lists);
}
