/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>

#include "ruhu-income.h"

/* Income of obligors' own households is recorded on the obligor (it shows
 * their ability to support), not as the applicant household's income, so
 * items of an obligor are left out; items of unknown members are counted. */
/* A thousand billion yuan: more than any household's monthly income. */
#define MAX_FEN G_GINT64_CONSTANT (100000000000000)

static gboolean
counts_for_household (RuhuCaseSnapshot *snapshot,
                      RuhuCaseEntity   *item)
{
  RuhuCaseEntity *member = ruhu_case_snapshot_lookup (snapshot,
                                                      ruhu_case_entity_get_string (item, "member"));

  return member == NULL ||
         g_strcmp0 (ruhu_case_entity_get_string (member, "role"), "obligor") != 0;
}

static gboolean
add_checked (gint64 *sum,
             gint64  term)
{
  if ((term > 0 && *sum > G_MAXINT64 - term) || (term < 0 && *sum < G_MININT64 - term))
    return FALSE;
  *sum += term;
  return TRUE;
}

/**
 * ruhu_income_compute:
 *
 * Adds up the net monthly amounts (amount less costs) of the case's income
 * items and divides by the number of co-resident covered members. Uses the
 * snapshot's values as they are, typed values included.
 */
void
ruhu_income_compute (RuhuCaseSnapshot *snapshot,
                     RuhuIncome       *income)
{
  g_autoptr(GPtrArray) members = ruhu_case_snapshot_children (snapshot, NULL, "member");
  g_autoptr(GPtrArray) items = ruhu_case_snapshot_children (snapshot, NULL, "income");

  memset (income, 0, sizeof *income);
  for (guint i = 0; i < members->len; i++)
    if (g_strcmp0 (ruhu_case_entity_get_string (g_ptr_array_index (members, i), "role"),
                   "covered") == 0)
      income->n_covered++;

  for (guint i = 0; i < items->len; i++)
    {
      RuhuCaseEntity *item = g_ptr_array_index (items, i);
      gint64 amount = 0, costs = 0;

      if (!counts_for_household (snapshot, item))
        continue;
      ruhu_case_entity_get_int (item, "amount_monthly", &amount);
      ruhu_case_entity_get_int (item, "costs_monthly", &costs);
      /* Stored values were validated, but a typed one may be absurd: leave
       * out what could overflow rather than show a wrapped sum. */
      if (amount > MAX_FEN || amount < -MAX_FEN || costs > MAX_FEN || costs < -MAX_FEN ||
          !add_checked (&income->net_fen, amount - costs))
        continue;
      income->n_items++;
    }
  if (income->n_covered > 0)
    {
      gint64 n = income->n_covered;
      gint64 q = income->net_fen / n, r = income->net_fen % n;

      /* Half up, also for a (rare) negative net income. */
      if (2 * r >= n)
        q++;
      else if (-2 * r > n)
        q--;
      income->per_person_fen = q;
    }
}

/* Compares the income per person with a standard, fen for fen. */
RuhuIncomeVerdict
ruhu_income_compare (const RuhuIncome   *income,
                     const RuhuStandard *standard)
{
  if (income->n_covered == 0 || standard == NULL)
    return RUHU_INCOME_UNKNOWN;
  if (income->per_person_fen < standard->fen_per_person)
    return RUHU_INCOME_BELOW_STANDARD;
  if (income->per_person_fen > standard->fen_per_person)
    return RUHU_INCOME_ABOVE_STANDARD;
  return RUHU_INCOME_AT_STANDARD;
}

/**
 * ruhu_money_format:
 *
 * Returns: (transfer full): @fen as yuan with two decimals, "1234.50" or
 *   "-0.05", without a currency sign (callers add one in their sentence)
 */
char *
ruhu_money_format (gint64 fen)
{
  guint64 magnitude = fen < 0 ? -(guint64) fen : (guint64) fen;

  return g_strdup_printf ("%s%" PRIu64 ".%02u", fen < 0 ? "-" : "",
                          magnitude / 100, (guint) (magnitude % 100));
}

/**
 * ruhu_income_find_standard:
 * @date: (nullable): the day the standard must be in force; %NULL for the
 *   day of the visit (the check sheet's `visited_on`), else today
 *
 * The standard a case's household is measured against: by the category
 * applied for (else the household's), the hukou type, and the most
 * precise place code known, as a township may have its own standard.
 *
 * Returns: %FALSE when the case has no household or no standard applies
 */
gboolean
ruhu_income_find_standard (RuhuCaseSnapshot *snapshot,
                           RuhuStandards    *standards,
                           const GDate      *date,
                           RuhuStandard     *standard)
{
  RuhuCaseEntity *household = ruhu_case_snapshot_first (snapshot, "household");
  RuhuCaseEntity *application = ruhu_case_snapshot_first (snapshot, "application");
  RuhuCaseEntity *sheet = ruhu_case_snapshot_first (snapshot, "check_sheet");
  const char *category = NULL, *code = NULL, *visited = NULL;
  GDate day;

  if (household == NULL || standards == NULL)
    return FALSE;
  if (application != NULL)
    category = ruhu_case_entity_get_string (application, "category");
  if (category == NULL)
    category = ruhu_case_entity_get_string (household, "category");
  for (const char * const *f = (const char *[]) { "village_code", "township_code", "district_code", NULL };
       *f != NULL && code == NULL; f++)
    code = ruhu_case_entity_get_string (household, *f);

  g_date_clear (&day, 1);
  if (date != NULL)
    day = *date;
  else if (sheet != NULL && (visited = ruhu_case_entity_get_string (sheet, "visited_on")) != NULL)
    g_date_set_parse (&day, visited);
  if (!g_date_valid (&day))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_set_dmy (&day, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
    }
  return ruhu_standards_lookup (standards, code,
                                ruhu_standard_kind_for (category,
                                                        ruhu_case_entity_get_string (household,
                                                                                     "hukou_type")),
                                &day, standard);
}
