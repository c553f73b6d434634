/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-document-private.h"

/* The household economic check sheet (《家庭经济状况核查表》) as filed: the
 * order of a paper sheet, section by section, ending with the signatures
 * and the evidence. The members, money and signature sections are in
 * ruhu-document-sheet-parts.c. */

static void
add_household (RuhuDocument *doc,
               RuhuDocCase  *kase)
{
  static const char * const fields[] = {
    "head_name", "category", "district_name", "township_name", "village_name", "address",
    "hukou_type", "hukou_place", "phone", NULL
  };

  /* TRANSLATORS: a section of the check sheet document */
  ruhu_doc_add_heading (doc, _("1. Household"));
  ruhu_doc_add_fields (doc, kase, kase->household, fields, 4);
}

static void
add_investigation (RuhuDocument *doc,
                   RuhuDocCase  *kase)
{
  static const char * const fields[] = {
    "visited_on", "place", "investigator_1", "investigator_2", "other_investigators",
    "methods", NULL
  };

  /* TRANSLATORS: a section of the check sheet document */
  ruhu_doc_add_heading (doc, _("2. Investigation"));
  ruhu_doc_add_fields (doc, kase, kase->sheet, fields, 4);
}

static void
add_living (RuhuDocument *doc,
            RuhuDocCase  *kase)
{
  static const char * const fields[] = {
    "housing_type", "interior_finish", "self_care", "living_food", "living_clothing",
    "living_housing", "living_daily_use", NULL
  };

  /* TRANSLATORS: a section of the check sheet document */
  ruhu_doc_add_heading (doc, _("7. Living conditions seen on the visit"));
  ruhu_doc_add_fields (doc, kase, kase->sheet, fields, 2);
}

static void
add_interviews (RuhuDocument *doc,
                RuhuDocCase  *kase)
{
  static const double widths[] = { 0.12, 0.11, 0.43, 0.18, 0.16 };
  g_autoptr(GPtrArray) interviews = ruhu_case_snapshot_children (kase->snapshot,
                                                                 kase->sheet->id,
                                                                 "neighbour_interview");
  RuhuDocTable *table;

  /* TRANSLATORS: a section of the check sheet document */
  ruhu_doc_add_heading (doc, _("8. Neighbour interviews"));
  table = ruhu_doc_table_new (doc, G_N_ELEMENTS (widths), widths);
  ruhu_doc_table_header (table,
                         ruhu_doc_field_label (kase, "neighbour_interview", "interviewee_name"),
                         ruhu_doc_field_label (kase, "neighbour_interview", "relation"),
                         ruhu_doc_field_label (kase, "neighbour_interview", "statement"),
                         ruhu_doc_field_label (kase, "neighbour_interview", "interviewed_at"),
                         ruhu_doc_field_label (kase, "neighbour_interview", "investigator"),
                         NULL);
  for (guint i = 0; i < interviews->len; i++)
    {
      RuhuCaseEntity *interview = g_ptr_array_index (interviews, i);
      g_autofree char *name = ruhu_doc_case_text (kase, interview, "interviewee_name");
      g_autofree char *relation = ruhu_doc_case_text (kase, interview, "relation");
      g_autofree char *statement = ruhu_doc_case_text (kase, interview, "statement");
      g_autofree char *at = ruhu_doc_case_text (kase, interview, "interviewed_at");
      g_autofree char *investigator = ruhu_doc_case_text (kase, interview, "investigator");

      ruhu_doc_table_row (table, name, relation, statement, at, investigator, NULL);
    }
  if (interviews->len == 0)
    ruhu_doc_table_note (table, _("None recorded"));
  ruhu_doc_table_end (table);
}

static void
add_findings (RuhuDocument *doc,
              RuhuDocCase  *kase)
{
  static const char * const fields[] = {
    "findings", "conclusion", "conclusion_reason", "evaluation_objection",
    "evaluation_objection_details", "remarks", NULL
  };

  /* TRANSLATORS: a section of the check sheet document */
  ruhu_doc_add_heading (doc, _("9. Findings and conclusion"));
  ruhu_doc_add_fields (doc, kase, kase->sheet, fields, 2);
}

gboolean
ruhu_doc_build_sheet (RuhuDocument  *doc,
                      RuhuDocCase   *kase,
                      GError       **error)
{
  RuhuForm *form = ruhu_form_set_lookup (kase->forms, "check_sheet");
  g_autofree char *reference = NULL;

  if (kase->sheet == NULL)
    {
      g_set_error (error, RUHU_DOCUMENT_ERROR, RUHU_DOCUMENT_ERROR_NOT_READY,
                   _("The case has no check sheet yet."));
      return FALSE;
    }
  ruhu_doc_add_title (doc, form != NULL ? ruhu_form_get_label (form)
                                        : _("Household economic check sheet"));
  /* TRANSLATORS: under a document's title; zh_CN: 案件编号：%s */
  reference = g_strdup_printf (_("Case number: %s"), kase->snapshot->case_id);
  ruhu_doc_add_text (doc, reference, RUHU_DOC_STYLE_SMALL, PANGO_ALIGN_RIGHT, FALSE);
  add_household (doc, kase);
  add_investigation (doc, kase);
  ruhu_doc_sheet_members (doc, kase);
  ruhu_doc_sheet_money (doc, kase);
  add_living (doc, kase);
  add_interviews (doc, kase);
  add_findings (doc, kase);
  ruhu_doc_sheet_signatures (doc, kase);
  ruhu_doc_sheet_evidence (doc, kase);
  return TRUE;
}
