/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-date.h"
#include "ruhu-document-private.h"
#include "ruhu-store-summary.h"

/* The public-notice list (公示名单) of a village: the households on notice
 * there, with what the law lets a notice show and nothing else: the name,
 * masked as the township chooses, the household's size, the category and
 * the proposed amount. No ID number, address, phone, health or disability
 * datum is ever read into it. */

/**
 * ruhu_doc_proposed_amount:
 *
 * Returns: the monthly amount proposed for the household in fen: the one
 *   the township's review wrote, or else the gap between the local
 *   standard and the income per person for each covered member (特困:
 *   the standard itself); 0 for categories that pay no monthly amount
 */
gint64
ruhu_doc_proposed_amount (RuhuDocCase *kase)
{
  const RuhuTransition *review = ruhu_case_flow_find_last (kase->flow, RUHU_STEP_REVIEW);
  const char *category = ruhu_doc_case_string (kase->household, "category");
  gint64 per_person;

  if (review != NULL && review->has_amount)
    return review->amount;
  if (!kase->has_standard || g_strcmp0 (category, "near_dibao") == 0)
    return 0;
  per_person = kase->standard.fen_per_person;
  if (g_strcmp0 (category, "tekun") != 0)
    per_person = MAX (0, per_person - kase->income.per_person_fen);
  return per_person * kase->income.n_covered;
}

typedef struct
{
  const char *township;
  const char *village;
  GHashTable *households;  /* case id → set of "field=value" we matched */
  GPtrArray  *case_ids;
} VillageScan;

static void
village_value_cb (const RuhuSummaryValue *value,
                  gpointer                user_data)
{
  VillageScan *scan = user_data;
  g_autoptr(JsonNode) node = NULL;
  const char *wanted;
  guint matched;

  if (g_strcmp0 (value->kind, "household") != 0 || value->parent != NULL)
    return;
  if (g_str_equal (value->field, "township_name"))
    wanted = scan->township;
  else if (g_str_equal (value->field, "village_name"))
    wanted = scan->village;
  else
    return;
  node = json_from_string (value->json, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      g_strcmp0 (json_node_get_string (node), wanted) != 0)
    return;
  matched = GPOINTER_TO_UINT (g_hash_table_lookup (scan->households, value->case_id)) + 1;
  g_hash_table_insert (scan->households, g_strdup (value->case_id), GUINT_TO_POINTER (matched));
  if (matched == 2)
    g_ptr_array_add (scan->case_ids, g_strdup (value->case_id));
}

/* Returns: (transfer full): the ids of the cases in the same township
 * and village as @kase's, its own included */
static GPtrArray *
village_cases (RuhuDocCase  *kase,
               GError      **error)
{
  g_autoptr(GHashTable) households = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                            g_free, NULL);
  g_autoptr(GPtrArray) case_ids = g_ptr_array_new_with_free_func (g_free);
  VillageScan scan = {
    ruhu_doc_case_string (kase->household, "township_name"),
    ruhu_doc_case_string (kase->household, "village_name"),
    households, case_ids,
  };

  if (!ruhu_store_summary_scan (kase->store, NULL, village_value_cb, &scan, NULL, error))
    return NULL;
  g_ptr_array_sort (case_ids, (GCompareFunc) g_strcmp0);
  return g_steal_pointer (&case_ids);
}

static gboolean
notice_period (RuhuDocCase *kase,
               GDate       *first,
               GDate       *last)
{
  g_autoptr(RuhuCalendar) calendar = ruhu_calendar_load_default (NULL);
  RuhuCaseDeadline deadline = { 0, };
  gboolean found = FALSE;

  for (guint i = 0; i < kase->flow->transitions->len; i++)
    {
      const RuhuTransition *step = g_ptr_array_index (kase->flow->transitions, i);
      g_autofree char *day = step->at != NULL ? g_strndup (step->at, 10) : NULL;

      if (step->counted && (step->step == RUHU_STEP_POST_NOTICE || step->step == RUHU_STEP_OBJECT))
        found = ruhu_date_parse (day, first);
    }
  if (!found || calendar == NULL ||
      !ruhu_case_flow_next_deadline (kase->flow, calendar, &kase->issued, &deadline, NULL) ||
      deadline.kind != RUHU_CASE_DEADLINE_NOTICE_END)
    return FALSE;
  *last = deadline.due;
  return TRUE;
}

static void
add_row (RuhuDocTable *table,
         RuhuDocCase  *row,
         guint         number)
{
  g_autofree char *no = g_strdup_printf ("%u", number);
  g_autofree char *name = ruhu_doc_mask_name (ruhu_doc_case_applicant (row),
                                              row->options->name_mask);
  g_autofree char *size = g_strdup_printf ("%u", row->income.n_covered);
  gint64 amount = ruhu_doc_proposed_amount (row);
  g_autofree char *money = amount > 0 ? ruhu_money_format (amount) : g_strdup ("—");

  ruhu_doc_table_row (table, no, name, size, ruhu_doc_case_category (row), money, NULL);
}

static void
add_intro (RuhuDocument *doc,
           RuhuDocCase  *kase)
{
  g_autofree char *place = ruhu_doc_case_place (kase);
  g_autofree char *text = NULL;
  GDate first, last;

  if (notice_period (kase, &first, &last))
    {
      g_autofree char *from = ruhu_doc_format_date (&first);
      g_autofree char *to = ruhu_doc_format_date (&last);

      text = g_strdup_printf (_("The households of %s listed below are proposed for social "
                                "assistance after investigation, democratic evaluation and the "
                                "township’s review. They are publicly noticed from %s to %s."),
                              place, from, to);
    }
  else
    text = g_strdup_printf (_("The households of %s listed below are proposed for social "
                              "assistance after investigation, democratic evaluation and the "
                              "township’s review."), place);
  ruhu_doc_add_text (doc, text, RUHU_DOC_STYLE_BODY, PANGO_ALIGN_LEFT, TRUE);
}

gboolean
ruhu_doc_build_notice_list (RuhuDocument  *doc,
                            RuhuDocCase   *kase,
                            GError       **error)
{
  static const double widths[] = { 0.08, 0.26, 0.16, 0.26, 0.24 };
  g_autoptr(GPtrArray) case_ids = village_cases (kase, error);
  const char *village = ruhu_doc_case_string (kase->household, "village_name");
  g_autofree char *title = NULL;
  g_autofree char *issuer = NULL;
  RuhuDocTable *table = NULL;
  guint n = 0;

  if (case_ids == NULL)
    return FALSE;
  /* TRANSLATORS: title of the 公示名单 of a village; zh_CN: %s社会救助对象公示名单 */
  title = g_strdup_printf (_("Public notice of the households proposed for social assistance "
                             "in %s"), village != NULL ? village : "");
  for (guint i = 0; i < case_ids->len; i++)
    {
      g_autoptr(RuhuDocCase) row = ruhu_doc_case_load (kase->store, kase->forms,
                                                       g_ptr_array_index (case_ids, i),
                                                       kase->options, NULL);

      if (row == NULL || row->flow->state != RUHU_CASE_STATE_NOTICE)
        continue;
      if (table == NULL)
        {
          ruhu_doc_add_title (doc, title);
          add_intro (doc, kase);
          table = ruhu_doc_table_new (doc, G_N_ELEMENTS (widths), widths);
          ruhu_doc_table_align (table, 0, RUHU_DOC_CELL_CENTER);
          ruhu_doc_table_align (table, 2, RUHU_DOC_CELL_CENTER);
          ruhu_doc_table_align (table, 4, RUHU_DOC_CELL_RIGHT);
          /* TRANSLATORS: the columns of the public-notice list */
          ruhu_doc_table_header (table, _("No."), _("Name"), _("Household size"),
                                 _("Category"), _("Proposed monthly amount (yuan)"), NULL);
        }
      add_row (table, row, ++n);
    }
  if (table == NULL)
    {
      if (village != NULL && *village != '\0')
        g_set_error (error, RUHU_DOCUMENT_ERROR, RUHU_DOCUMENT_ERROR_NOT_READY,
                     _("No household of %s is on public notice."), village);
      else
        g_set_error_literal (error, RUHU_DOCUMENT_ERROR, RUHU_DOCUMENT_ERROR_NOT_READY,
                             _("No household of this village is on public notice."));
      return FALSE;
    }
  ruhu_doc_table_end (table);
  ruhu_doc_add_text (doc, _("Anyone who objects to a household on this list may say so, by name "
                            "or anonymously, to the village committee or to the township’s civil "
                            "affairs office during the notice period. Objections are "
                            "investigated again, and the result is noticed for 3 more days."),
                     RUHU_DOC_STYLE_BODY, PANGO_ALIGN_LEFT, TRUE);
  issuer = ruhu_doc_case_issuer (kase, FALSE);
  ruhu_doc_add_seal (doc, kase, issuer);
  return TRUE;
}
