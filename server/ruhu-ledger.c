/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-case-snapshot.h"
#include "ruhu-directory-townships.h"
#include "ruhu-form.h"
#include "ruhu-income.h"
#include "ruhu-ledger.h"
#include "ruhu-workflow.h"

void
ruhu_ledger_row_free (RuhuLedgerRow *row)
{
  if (row == NULL)
    return;
  g_free (row->township_code);
  g_free (row->township_name);
  g_free (row->category);
  g_free (row);
}

/* The day a step was taken, in its own time zone (China's). */
static gboolean
step_day (const RuhuTransition *step,
          GDate                *day)
{
  g_autoptr(GDateTime) at = step->at ? g_date_time_new_from_iso8601 (step->at, NULL) : NULL;

  if (at == NULL)
    return FALSE;
  g_date_clear (day, 1);
  g_date_set_dmy (day, g_date_time_get_day_of_month (at), g_date_time_get_month (at),
                  g_date_time_get_year (at));
  return TRUE;
}

static gboolean
is_assisted (RuhuCaseState state)
{
  return state == RUHU_CASE_STATE_GRANTED || state == RUHU_CASE_STATE_PUBLISHED ||
         state == RUHU_CASE_STATE_UNDER_REVIEW;
}

/* What one case adds to its row: replays its counted steps up to the
 * month's last day. */
typedef struct
{
  gboolean assisted;
  gint64   amount;
  gboolean granted;
  gboolean stopped;
} CaseMonth;

static void
replay (const RuhuCaseFlow *flow,
        const GDate        *first,
        const GDate        *last,
        CaseMonth          *out)
{
  RuhuCaseState state = RUHU_CASE_STATE_APPLIED;

  *out = (CaseMonth) { 0 };
  for (guint i = 0; i < flow->transitions->len; i++)
    {
      const RuhuTransition *step = g_ptr_array_index (flow->transitions, i);
      GDate day;

      if (!step->counted || !step_day (step, &day) || g_date_compare (&day, last) > 0)
        continue;
      state = step->to;
      if ((step->step == RUHU_STEP_GRANT || step->step == RUHU_STEP_ADJUST) && step->has_amount)
        out->amount = step->amount;
      if (g_date_compare (&day, first) < 0)
        continue;
      out->granted |= step->step == RUHU_STEP_GRANT;
      out->stopped |= step->step == RUHU_STEP_STOP || step->step == RUHU_STEP_RECORD_DEATH;
    }
  out->assisted = is_assisted (state);
}

static RuhuLedgerRow *
find_row (GHashTable       *rows,
          RuhuCaseSnapshot *snapshot)
{
  RuhuCaseEntity *household = ruhu_case_snapshot_first (snapshot, "household");
  RuhuCaseEntity *application = ruhu_case_snapshot_first (snapshot, "application");
  const char *code = household ? ruhu_case_entity_get_string (household, "township_code") : NULL;
  const char *category = application ? ruhu_case_entity_get_string (application, "category")
                                     : NULL;
  g_autofree char *key = NULL;
  RuhuLedgerRow *row;

  if (category == NULL && household != NULL)
    category = ruhu_case_entity_get_string (household, "category");
  key = g_strconcat (code ? code : "", "/", category ? category : "", NULL);
  if ((row = g_hash_table_lookup (rows, key)) != NULL)
    return row;
  row = g_new0 (RuhuLedgerRow, 1);
  row->township_code = g_strdup (code ? code : "");
  row->township_name = g_strdup (household ? ruhu_case_entity_get_string (household,
                                                                          "township_name")
                                           : NULL);
  row->category = g_strdup (category ? category : "");
  g_hash_table_insert (rows, g_steal_pointer (&key), row);
  return row;
}

static gboolean
add_case (RuhuStore   *store,
          const char  *case_id,
          const GDate *first,
          const GDate *last,
          GHashTable  *rows,
          GError     **error)
{
  g_autoptr(RuhuCaseFlow) flow = ruhu_case_flow_read (store, case_id, error);
  g_autoptr(RuhuCaseSnapshot) snapshot = NULL;
  RuhuLedgerRow *row;
  RuhuIncome income;
  CaseMonth month;

  if (flow == NULL)
    return FALSE;
  replay (flow, first, last, &month);
  if (!month.assisted && !month.granted && !month.stopped)
    return TRUE;
  if ((snapshot = ruhu_case_snapshot_load (store, case_id, error)) == NULL)
    return FALSE;
  row = find_row (rows, snapshot);
  row->granted += month.granted;
  row->stopped += month.stopped;
  if (month.assisted)
    {
      ruhu_income_compute (snapshot, &income);
      row->households++;
      row->persons += income.n_covered;
      row->amount += month.amount;
    }
  return TRUE;
}

static gint
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const RuhuLedgerRow *x = *(RuhuLedgerRow * const *) a;
  const RuhuLedgerRow *y = *(RuhuLedgerRow * const *) b;
  int by_township = g_strcmp0 (x->township_code, y->township_code);

  return by_township != 0 ? by_township : g_strcmp0 (x->category, y->category);
}

/**
 * ruhu_ledger_compute:
 * @month: 1 to 12
 * @township: (nullable): a township's code, or %NULL for the whole district
 *
 * Returns: (transfer full) (element-type RuhuLedgerRow): the rows, by
 *   township and category; %NULL with @error set when a case cannot be read
 */
GPtrArray *
ruhu_ledger_compute (RuhuStore      *store,
                     RuhuDirectory  *directory,
                     guint           year,
                     guint           month,
                     const char     *township,
                     GError        **error)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) ruhu_ledger_row_free);
  g_autoptr(GPtrArray) cases = NULL;
  GHashTableIter iter;
  gpointer key, row;
  GPtrArray *sorted;
  GDate first, last;

  g_return_val_if_fail (month >= 1 && month <= 12, NULL);
  if ((cases = ruhu_directory_list_cases_in (directory, township ? township : "", error)) == NULL)
    return NULL;
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, month, year);
  last = first;
  g_date_set_day (&last, g_date_get_days_in_month (month, year));
  for (guint i = 0; i < cases->len; i++)
    if (!add_case (store, g_ptr_array_index (cases, i), &first, &last, rows, error))
      return NULL;
  sorted = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_ledger_row_free);
  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, &key, &row))
    {
      g_ptr_array_add (sorted, row);
      g_hash_table_iter_steal (&iter);
      g_free (key);
    }
  g_ptr_array_sort (sorted, compare_rows);
  return sorted;
}

static void
append_field (GString    *csv,
              const char *text,
              gboolean    last)
{
  g_autoptr(GString) quoted = g_string_new (text != NULL ? text : "");

  /* RFC 4180: every text field quoted, quotes doubled. */
  g_string_replace (quoted, "\"", "\"\"", 0);
  g_string_append_printf (csv, "\"%s\"%s", quoted->str, last ? "\r\n" : ",");
}

static void
append_number (GString    *csv,
               const char *number,
               gboolean    last)
{
  g_string_append_printf (csv, "%s%s", number, last ? "\r\n" : ",");
}

/**
 * ruhu_ledger_to_csv:
 *
 * The ledger as spreadsheets open it in Chinese: UTF-8 with a byte-order
 * mark, CRLF lines, a heading row in the server's language.
 *
 * Returns: (transfer full): the file's bytes
 */
/* The category's label from the household form, in the server's language. */
static const char *
category_label (RuhuFormSet *forms,
                const char  *category)
{
  RuhuForm *household = ruhu_form_set_lookup (forms, "household");
  RuhuFormField *field = household ? ruhu_form_lookup_field (household, "category") : NULL;
  const char *label = field && *category ? ruhu_form_field_lookup_option_label (field, category)
                                         : NULL;

  return label != NULL ? _(label) : category;
}

GBytes *
ruhu_ledger_to_csv (GPtrArray   *rows,
                    RuhuFormSet *forms,
                    guint        year,
                    guint        month)
{
  const char *headings[] = {
    N_("Month"), N_("Township code"), N_("Township"), N_("Category"),
    N_("Households assisted"), N_("Persons assisted"), N_("Monthly amount (yuan)"),
    N_("Households granted this month"), N_("Households stopped this month"),
  };
  GString *csv = g_string_new ("\xEF\xBB\xBF");
  g_autofree char *period = g_strdup_printf ("%04u-%02u", year, month);

  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    append_field (csv, _(headings[i]), i == G_N_ELEMENTS (headings) - 1);
  for (guint i = 0; i < rows->len; i++)
    {
      const RuhuLedgerRow *row = g_ptr_array_index (rows, i);
      g_autofree char *households = g_strdup_printf ("%u", row->households);
      g_autofree char *persons = g_strdup_printf ("%u", row->persons);
      g_autofree char *amount = ruhu_money_format (row->amount);
      g_autofree char *granted = g_strdup_printf ("%u", row->granted);
      g_autofree char *stopped = g_strdup_printf ("%u", row->stopped);

      append_field (csv, period, FALSE);
      append_field (csv, row->township_code, FALSE);
      append_field (csv, row->township_name, FALSE);
      append_field (csv, category_label (forms, row->category), FALSE);
      append_number (csv, households, FALSE);
      append_number (csv, persons, FALSE);
      append_number (csv, amount, FALSE);
      append_number (csv, granted, FALSE);
      append_number (csv, stopped, TRUE);
    }
  return g_string_free_to_bytes (csv);
}
