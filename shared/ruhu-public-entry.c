/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-case-snapshot.h"
#include "ruhu-income.h"
#include "ruhu-public-entry.h"

static const char * const mask_names[] = {
  [RUHU_NAME_MASK_MIDDLE] = "middle",
  [RUHU_NAME_MASK_GIVEN] = "given",
  [RUHU_NAME_MASK_NONE] = "none",
};

gboolean
ruhu_name_mask_from_string (const char   *text,
                            RuhuNameMask *mask)
{
  for (guint i = 0; i < G_N_ELEMENTS (mask_names); i++)
    if (g_strcmp0 (text, mask_names[i]) == 0)
      {
        *mask = i;
        return TRUE;
      }
  return FALSE;
}

const char *
ruhu_name_mask_to_string (RuhuNameMask mask)
{
  g_return_val_if_fail (mask < G_N_ELEMENTS (mask_names), NULL);
  return mask_names[mask];
}

/**
 * ruhu_name_mask_apply:
 *
 * Hides part of a name character by character (not byte by byte): with
 * %RUHU_NAME_MASK_MIDDLE, 张小明 → 张*明 and 李四 → 李*; with
 * %RUHU_NAME_MASK_GIVEN, 张小明 → 张**; never more than
 * %RUHU_NAME_MASK_MAX_STARS stars. Invalid UTF-8 comes out as "*".
 *
 * Returns: (transfer full): the name to show
 */
char *
ruhu_name_mask_apply (const char   *name,
                      RuhuNameMask  mask)
{
  g_autoptr(GString) shown = g_string_new (NULL);
  gboolean keep_last;
  glong length;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return g_strdup ("*");
  length = g_utf8_strlen (name, -1);
  if (mask == RUHU_NAME_MASK_NONE || length < 2)
    return g_strdup (name);
  keep_last = mask == RUHU_NAME_MASK_MIDDLE && length > 2;
  g_string_append_len (shown, name, g_utf8_next_char (name) - name);
  for (glong i = 1; i < MIN (length - keep_last, RUHU_NAME_MASK_MAX_STARS + 1); i++)
    g_string_append_c (shown, '*');
  if (keep_last)
    g_string_append (shown, g_utf8_offset_to_pointer (name, length - 1));
  return g_string_free (g_steal_pointer (&shown), FALSE);
}

void
ruhu_public_entry_free (RuhuPublicEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->case_id);
  g_free (entry->name);
  g_free (entry->village_code);
  g_free (entry->village_name);
  g_free (entry->category);
  g_free (entry);
}

static gboolean
transition_date (const RuhuTransition *transition,
                 GDate                *date)
{
  g_autoptr(GDateTime) at = transition && transition->at ? g_date_time_new_from_iso8601 (transition->at, NULL)
                                                         : NULL;

  g_date_clear (date, 1);
  if (at == NULL)
    return FALSE;
  g_date_set_dmy (date, g_date_time_get_day_of_month (at), g_date_time_get_month (at),
                  g_date_time_get_year (at));
  return TRUE;
}

/* The monthly amount proposed while on notice: what the household lacks
 * of the 低保 standard for each member covered (补差), or the 特困
 * standard for each; the other categories pay no monthly amount. */
static gboolean
proposed_amount (RuhuCaseSnapshot *snapshot,
                 RuhuStandards    *standards,
                 const char       *category,
                 const GDate      *today,
                 const RuhuIncome *income,
                 gint64           *amount)
{
  RuhuStandard standard;
  gboolean dibao = g_strcmp0 (category, "urban_dibao") == 0 ||
                   g_strcmp0 (category, "rural_dibao") == 0;

  if ((!dibao && g_strcmp0 (category, "tekun") != 0) || income->n_covered == 0 ||
      !ruhu_income_find_standard (snapshot, standards, today, &standard))
    return FALSE;
  if (dibao)
    *amount = MAX (0, standard.fen_per_person - income->per_person_fen) * income->n_covered;
  else
    *amount = standard.fen_per_person * income->n_covered;
  return TRUE;
}

/* The amount the district granted, or adjusted to since. */
static gboolean
granted_amount (const RuhuCaseFlow *flow,
                gint64             *amount)
{
  for (guint i = flow->transitions->len; i > 0; i--)
    {
      const RuhuTransition *step = g_ptr_array_index (flow->transitions, i - 1);

      if (step->counted && (step->step == RUHU_STEP_GRANT || step->step == RUHU_STEP_ADJUST))
        {
          *amount = step->amount;
          return step->has_amount;
        }
    }
  return FALSE;
}

static void
read_notice_period (const RuhuCaseFlow *flow,
                    RuhuCalendar       *calendar,
                    const GDate        *today,
                    RuhuPublicEntry    *entry)
{
  RuhuCaseDeadline deadline;

  transition_date (ruhu_case_flow_find_last (flow, RUHU_STEP_POST_NOTICE), &entry->notice_from);
  g_date_clear (&entry->notice_until, 1);
  if (ruhu_case_flow_next_deadline (flow, calendar, today, &deadline, NULL) &&
      deadline.kind == RUHU_CASE_DEADLINE_NOTICE_END)
    entry->notice_until = deadline.due;
}

static RuhuPublicEntry *
entry_new (RuhuCaseSnapshot *snapshot,
           const char       *case_id,
           RuhuIncome       *income)
{
  RuhuCaseEntity *household = ruhu_case_snapshot_first (snapshot, "household");
  RuhuCaseEntity *application = ruhu_case_snapshot_first (snapshot, "application");
  RuhuPublicEntry *entry = g_new0 (RuhuPublicEntry, 1);
  const char *category = application ? ruhu_case_entity_get_string (application, "category")
                                     : NULL;

  entry->case_id = g_strdup (case_id);
  entry->name = g_strdup (ruhu_case_entity_get_string (household, "head_name"));
  entry->village_code = g_strdup (ruhu_case_entity_get_string (household, "village_code"));
  entry->village_name = g_strdup (ruhu_case_entity_get_string (household, "village_name"));
  entry->category = g_strdup (category ? category
                                       : ruhu_case_entity_get_string (household, "category"));
  entry->household_size = income->n_covered;
  return entry;
}

/**
 * ruhu_public_entry_read:
 * @wanted: %RUHU_CASE_STATE_NOTICE for the public notice,
 *   %RUHU_CASE_STATE_PUBLISHED for the recipients
 * @today: the day the notice period and the standard are taken for
 *
 * A case's line on a public page. A case on notice is listed only if the
 * township proposes to grant it.
 *
 * Returns: (transfer full) (nullable): %NULL with no error when the case
 *   is not in @wanted or has no household
 */
RuhuPublicEntry *
ruhu_public_entry_read (RuhuStore      *store,
                        RuhuStandards  *standards,
                        RuhuCalendar   *calendar,
                        const char     *case_id,
                        RuhuCaseState   wanted,
                        const GDate    *today,
                        GError        **error)
{
  g_autoptr(RuhuCaseFlow) flow = ruhu_case_flow_read (store, case_id, error);
  g_autoptr(RuhuCaseSnapshot) snapshot = NULL;
  const RuhuTransition *review;
  RuhuPublicEntry *entry;
  RuhuIncome income;

  if (flow == NULL || flow->state != wanted)
    return NULL;
  review = ruhu_case_flow_find_last (flow, RUHU_STEP_REVIEW);
  if (wanted == RUHU_CASE_STATE_NOTICE && review != NULL &&
      g_strcmp0 (review->opinion, "refuse") == 0)
    return NULL;
  if ((snapshot = ruhu_case_snapshot_load (store, case_id, error)) == NULL ||
      ruhu_case_snapshot_first (snapshot, "household") == NULL)
    return NULL;
  ruhu_income_compute (snapshot, &income);
  entry = entry_new (snapshot, case_id, &income);
  if (wanted == RUHU_CASE_STATE_NOTICE)
    {
      entry->has_amount = proposed_amount (snapshot, standards, entry->category, today, &income,
                                           &entry->amount);
      read_notice_period (flow, calendar, today, entry);
    }
  else
    {
      entry->has_amount = granted_amount (flow, &entry->amount);
      g_date_clear (&entry->notice_from, 1);
      g_date_clear (&entry->notice_until, 1);
    }
  return entry;
}
