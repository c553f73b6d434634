/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-case-filter.h"

void
ruhu_case_filter_clear (RuhuCaseFilter *filter)
{
  g_clear_pointer (&filter->text, g_free);
  g_clear_pointer (&filter->category, g_free);
}

/* How many filters (not the search) are on, for the filter button. */
guint
ruhu_case_filter_count (const RuhuCaseFilter *filter)
{
  return (filter->state >= 0) + (filter->category != NULL) + (filter->due != RUHU_CASE_DUE_ANY) +
         (filter->assigned_to_me != FALSE) + (filter->returned != FALSE) +
         (filter->conflicts != FALSE) + (filter->unsynced != FALSE);
}

gboolean
ruhu_case_filter_is_empty (const RuhuCaseFilter *filter)
{
  return filter->text == NULL && ruhu_case_filter_count (filter) == 0;
}

/* What people type: trimmed, and `x` as the capital X of ID numbers. */
static char *
normalise_text (const char *text)
{
  char *normal = g_strstrip (g_strdup (text != NULL ? text : ""));

  for (char *p = normal; *p != '\0'; p++)
    if (*p == 'x')
      *p = 'X';
  if (*normal == '\0')
    g_clear_pointer (&normal, g_free);
  return normal;
}

/**
 * ruhu_case_filter_set_text:
 *
 * Returns: how the search changed: a text that contains the old one can
 *   only match fewer cases (every field is matched by containment)
 */
GtkFilterChange
ruhu_case_filter_set_text (RuhuCaseFilter *filter,
                           const char     *text)
{
  g_autofree char *old = g_steal_pointer (&filter->text);

  filter->text = normalise_text (text);
  if (old == NULL)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (filter->text == NULL)
    return GTK_FILTER_CHANGE_LESS_STRICT;
  if (strstr (filter->text, old) != NULL)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (strstr (old, filter->text) != NULL)
    return GTK_FILTER_CHANGE_LESS_STRICT;
  return GTK_FILTER_CHANGE_DIFFERENT;
}

static gboolean
match_due (RuhuCaseDue         due,
           const RuhuCaseInfo *info)
{
  switch (due)
    {
    case RUHU_CASE_DUE_ANY:
      return TRUE;
    case RUHU_CASE_DUE_SOON:
      return info->has_deadline &&
             (info->deadline_status.state == RUHU_DEADLINE_STATE_DUE_SOON ||
              info->deadline_status.state == RUHU_DEADLINE_STATE_DUE_TODAY);
    case RUHU_CASE_DUE_OVERDUE:
      return info->has_deadline && info->deadline_status.state == RUHU_DEADLINE_STATE_OVERDUE;
    default:
      g_return_val_if_reached (TRUE);
    }
}

gboolean
ruhu_case_filter_match (const RuhuCaseFilter *filter,
                        RuhuCaseSummary      *summary)
{
  const RuhuCaseInfo *info = ruhu_case_summary_get_info (summary);

  if (filter->state >= 0 && (int) info->state != filter->state)
    return FALSE;
  if (filter->category != NULL && g_strcmp0 (info->category, filter->category) != 0)
    return FALSE;
  if ((filter->assigned_to_me && !info->assigned_to_me) ||
      (filter->returned && !(info->returned && info->assigned_to_me)) ||
      (filter->conflicts && info->n_conflicts == 0) ||
      (filter->unsynced && info->n_unsynced == 0))
    return FALSE;
  if (!match_due (filter->due, info))
    return FALSE;
  return filter->text == NULL || ruhu_case_summary_matches_text (summary, filter->text);
}

static int
compare_deadlines (const RuhuCaseInfo *a,
                   const RuhuCaseInfo *b)
{
  if (a->has_deadline != b->has_deadline)
    return a->has_deadline ? -1 : 1;  /* cases with a deadline first */
  if (!a->has_deadline)
    return 0;
  return g_date_compare (&a->deadline, &b->deadline);
}

/* A total order: ties fall back to the name, then the case id, so that
 * the list never shuffles equal rows. */
int
ruhu_case_compare (RuhuCaseSummary *a,
                   RuhuCaseSummary *b,
                   RuhuCaseSort     sort)
{
  int order = 0;

  if (sort == RUHU_CASE_SORT_DEADLINE)
    order = compare_deadlines (ruhu_case_summary_get_info (a), ruhu_case_summary_get_info (b));
  if (order == 0)
    order = strcmp (ruhu_case_summary_get_name_key (a), ruhu_case_summary_get_name_key (b));
  if (order == 0)
    order = strcmp (ruhu_case_summary_get_case_id (a), ruhu_case_summary_get_case_id (b));
  return order;
}
