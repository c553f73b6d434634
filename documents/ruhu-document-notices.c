/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-document-private.h"

/* The letters of a case, each from the step it records: acceptance, the
 * one-time missing-materials notice, the investigation's result, the
 * township's review opinion and the district's decision. Each is addressed
 * to the applicant and sealed by the office that took the step. */

static char *
step_date (const RuhuTransition *transition)
{
  g_autofree char *day = transition->at != NULL ? g_strndup (transition->at, 10) : NULL;

  return ruhu_doc_format_date_text (day);
}

static char *
applied_on (RuhuDocCase *kase)
{
  return ruhu_doc_case_text (kase, kase->application, "applied_on");
}

static void
begin_letter (RuhuDocument *doc,
              RuhuDocCase  *kase,
              const char   *title)
{
  g_autofree char *reference = g_strdup_printf (_("Case number: %s"), kase->snapshot->case_id);
  /* TRANSLATORS: the salutation of a letter to the applicant; zh_CN: %s： */
  g_autofree char *to = g_strdup_printf (_("To %s:"), ruhu_doc_case_applicant (kase));

  ruhu_doc_add_title (doc, title);
  ruhu_doc_add_text (doc, reference, RUHU_DOC_STYLE_SMALL, PANGO_ALIGN_RIGHT, FALSE);
  ruhu_doc_add_text (doc, to, RUHU_DOC_STYLE_BODY, PANGO_ALIGN_LEFT, FALSE);
}

static void
paragraph (RuhuDocument *doc,
           const char   *text)
{
  ruhu_doc_add_text (doc, text, RUHU_DOC_STYLE_BODY, PANGO_ALIGN_LEFT, TRUE);
}

static void
end_with_seal (RuhuDocument *doc,
               RuhuDocCase  *kase)
{
  g_autofree char *issuer = ruhu_doc_case_issuer (kase, FALSE);

  ruhu_doc_add_seal (doc, kase, issuer);
}

gboolean
ruhu_doc_build_acceptance (RuhuDocument  *doc,
                           RuhuDocCase   *kase,
                           GError       **error)
{
  const RuhuTransition *accept = ruhu_doc_case_step (kase, RUHU_STEP_ACCEPT, error);
  g_autofree char *applied = NULL;
  g_autofree char *accepted = NULL;
  g_autofree char *text = NULL;

  if (accept == NULL)
    return FALSE;
  applied = applied_on (kase);
  accepted = step_date (accept);
  /* TRANSLATORS: title of the 受理通知书 */
  begin_letter (doc, kase, _("Notice of acceptance of an application for social assistance"));
  text = g_strdup_printf (_("Your application for %s, made on %s, is complete and was accepted "
                            "on %s."), ruhu_doc_case_category (kase), applied, accepted);
  paragraph (doc, text);
  paragraph (doc, _("The township will start investigating your household’s economic situation "
                    "within 2 working days: investigators will visit your home, check your "
                    "household’s income and assets with the departments concerned, and talk "
                    "with your neighbours. Please keep the originals of the materials you "
                    "supplied at hand, and tell the township office at once if your household’s "
                    "situation changes."));
  paragraph (doc, _("Obtaining assistance by declaring false information or hiding income or "
                    "assets is against the law; assistance so obtained is recovered."));
  end_with_seal (doc, kase);
  return TRUE;
}

/* The missing materials, one a line: the supervisor writes them one a line
 * or separated by semicolons. */
static void
add_missing (RuhuDocument         *doc,
             const RuhuTransition *request)
{
  static const double widths[] = { 0.1, 0.9 };
  g_auto(GStrv) parts = g_strsplit (request->comment != NULL ? request->comment : "", "；", -1);
  g_autofree char *text = g_strjoinv ("\n", parts);
  g_auto(GStrv) items = NULL;
  RuhuDocTable *table = ruhu_doc_table_new (doc, G_N_ELEMENTS (widths), widths);
  guint n = 0;

  g_strdelimit (text, ";", '\n');
  items = g_strsplit (text, "\n", -1);
  ruhu_doc_table_align (table, 0, RUHU_DOC_CELL_CENTER);
  /* TRANSLATORS: the columns of the list of missing materials */
  ruhu_doc_table_header (table, _("No."), _("Missing material"), NULL);
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autofree char *number = NULL;

      g_strstrip (items[i]);
      if (*items[i] == '\0')
        continue;
      number = g_strdup_printf ("%u", ++n);
      ruhu_doc_table_row (table, number, items[i], NULL);
    }
  if (n == 0)
    ruhu_doc_table_note (table, _("None recorded"));
  ruhu_doc_table_end (table);
}

gboolean
ruhu_doc_build_materials (RuhuDocument  *doc,
                          RuhuDocCase   *kase,
                          GError       **error)
{
  const RuhuTransition *request = ruhu_doc_case_step (kase, RUHU_STEP_REQUEST_MATERIALS, error);
  g_autofree char *applied = NULL;
  g_autofree char *due = NULL;
  g_autofree char *text = NULL;
  g_autofree char *deadline = NULL;

  if (request == NULL)
    return FALSE;
  applied = applied_on (kase);
  due = ruhu_doc_format_date_text (request->due_on);
  /* TRANSLATORS: title of the 一次性告知书 */
  begin_letter (doc, kase, _("One-time notice of missing application materials"));
  text = g_strdup_printf (_("Your application for %s, made on %s, cannot be accepted yet: the "
                            "materials listed below are missing. This notice lists everything "
                            "that is missing at once; nothing else will be asked of you for "
                            "this application."), ruhu_doc_case_category (kase), applied);
  paragraph (doc, text);
  add_missing (doc, request);
  deadline = g_strdup_printf (_("Please bring or send all of them to the township office by %s. "
                                "If they have not been supplied by then, the application lapses "
                                "and you will need to apply again."), due);
  paragraph (doc, deadline);
  end_with_seal (doc, kase);
  return TRUE;
}

/* The figures the household is judged on, as label-value rows. */
static void
add_income_table (RuhuDocument *doc,
                  RuhuDocCase  *kase,
                  gboolean      with_conclusion)
{
  static const double widths[] = { 0.35, 0.65 };
  RuhuDocTable *table = ruhu_doc_table_new (doc, G_N_ELEMENTS (widths), widths);
  g_autofree char *members = g_strdup_printf ("%u", kase->income.n_covered);
  g_autofree char *net = ruhu_doc_format_money (kase->income.net_fen);
  g_autofree char *per_person = ruhu_doc_format_money (kase->income.per_person_fen);

  ruhu_doc_table_pair (table, _("Category applied for"), ruhu_doc_case_category (kase));
  ruhu_doc_table_pair (table, _("Covered members"), members);
  ruhu_doc_table_pair (table, _("Net monthly income of the household"), net);
  ruhu_doc_table_pair (table, _("Monthly income per person"), per_person);
  if (kase->has_standard)
    {
      g_autofree char *standard = ruhu_doc_format_money (kase->standard.fen_per_person);
      g_autofree char *text = g_strdup_printf (_("%s per person a month (%s)"), standard,
                                               kase->standard.region);

      ruhu_doc_table_pair (table, _("Local standard"), text);
    }
  if (with_conclusion && kase->sheet != NULL)
    {
      g_autofree char *conclusion = ruhu_doc_case_text (kase, kase->sheet, "conclusion");
      g_autofree char *reason = ruhu_doc_case_text (kase, kase->sheet, "conclusion_reason");

      ruhu_doc_table_pair (table, ruhu_doc_field_label (kase, "check_sheet", "conclusion"),
                           conclusion);
      if (*reason != '\0')
        ruhu_doc_table_pair (table, ruhu_doc_field_label (kase, "check_sheet",
                                                          "conclusion_reason"), reason);
    }
  ruhu_doc_table_end (table);
}

gboolean
ruhu_doc_build_result (RuhuDocument  *doc,
                       RuhuDocCase   *kase,
                       GError       **error)
{
  const RuhuTransition *finish = ruhu_doc_case_step (kase, RUHU_STEP_FINISH_INVESTIGATION, error);
  g_autofree char *visited = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *text = NULL;

  if (finish == NULL)
    return FALSE;
  visited = ruhu_doc_case_text (kase, kase->sheet, "visited_on");
  first = ruhu_doc_case_text (kase, kase->sheet, "investigator_1");
  second = ruhu_doc_case_text (kase, kase->sheet, "investigator_2");
  /* TRANSLATORS: title of the 调查结果告知书 */
  begin_letter (doc, kase, _("Notice of the result of the household economic investigation"));
  text = g_strdup_printf (_("Your household’s economic situation was investigated: %s and %s "
                            "visited your home on %s, and the information was checked with the "
                            "departments concerned. The result is as follows."),
                          first, second, visited);
  paragraph (doc, text);
  add_income_table (doc, kase, TRUE);
  paragraph (doc, _("If you think the result is wrong, you may say so to the township office "
                    "and bring evidence; the township will check again before it reviews the "
                    "application."));
  end_with_seal (doc, kase);
  return TRUE;
}

gboolean
ruhu_doc_build_opinion (RuhuDocument  *doc,
                        RuhuDocCase   *kase,
                        GError       **error)
{
  static const double widths[] = { 0.35, 0.65 };
  const RuhuTransition *review = ruhu_doc_case_step (kase, RUHU_STEP_REVIEW, error);
  const RuhuTransition *evaluate = ruhu_case_flow_find_last (kase->flow, RUHU_STEP_EVALUATE);
  gboolean grant = review != NULL && g_strcmp0 (review->opinion, "grant") == 0;
  g_autofree char *place = NULL;
  g_autofree char *date = NULL;
  RuhuDocTable *table;

  if (review == NULL)
    return FALSE;
  place = ruhu_doc_case_place (kase);
  date = step_date (review);
  /* TRANSLATORS: title of the 乡镇（街道）审核意见 */
  ruhu_doc_add_title (doc, _("Township review opinion"));
  table = ruhu_doc_table_new (doc, G_N_ELEMENTS (widths), widths);
  ruhu_doc_table_pair (table, ruhu_doc_field_label (kase, "household", "head_name"),
                       ruhu_doc_case_applicant (kase));
  ruhu_doc_table_pair (table, _("Place"), place);
  ruhu_doc_table_end (table);
  add_income_table (doc, kase, TRUE);
  table = ruhu_doc_table_new (doc, G_N_ELEMENTS (widths), widths);
  /* TRANSLATORS: the democratic evaluation (民主评议) in the review opinion */
  ruhu_doc_table_pair (table, _("Democratic evaluation"),
                       evaluate != NULL && evaluate->comment != NULL ? evaluate->comment : "");
  ruhu_doc_table_pair (table, _("Opinion"), grant ? _("Proposed for approval")
                                                  : _("Proposed for refusal"));
  if (grant)
    {
      g_autofree char *amount = ruhu_doc_format_money (ruhu_doc_proposed_amount (kase));

      ruhu_doc_table_pair (table, _("Proposed monthly amount"), amount);
    }
  ruhu_doc_table_pair (table, _("Reasons"), review->comment != NULL ? review->comment : "");
  ruhu_doc_table_pair (table, _("Reviewed by"),
                       review->actor_name != NULL ? review->actor_name : "");
  ruhu_doc_table_pair (table, _("Date of the review"), date);
  ruhu_doc_table_end (table);
  end_with_seal (doc, kase);
  return TRUE;
}

/* The later of the district's grant and refusal. */
static const RuhuTransition *
find_decision (RuhuDocCase  *kase,
               GError      **error)
{
  for (guint i = kase->flow->transitions->len; i > 0; i--)
    {
      const RuhuTransition *transition = g_ptr_array_index (kase->flow->transitions, i - 1);

      if (transition->counted &&
          (transition->step == RUHU_STEP_GRANT || transition->step == RUHU_STEP_REFUSE))
        return transition;
    }
  return ruhu_doc_case_step (kase, RUHU_STEP_GRANT, error);
}

gboolean
ruhu_doc_build_decision (RuhuDocument  *doc,
                         RuhuDocCase   *kase,
                         GError       **error)
{
  const RuhuTransition *decision = find_decision (kase, error);
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;
  g_autofree char *issuer = NULL;

  if (decision == NULL)
    return FALSE;
  date = step_date (decision);
  if (decision->step == RUHU_STEP_GRANT)
    {
      g_autofree char *amount = ruhu_doc_format_money (decision->has_amount ? decision->amount : 0);

      /* TRANSLATORS: title of the 确认决定书 */
      begin_letter (doc, kase, _("Decision to grant social assistance"));
      text = g_strdup_printf (_("After the investigation, the township’s review and the public "
                                "notice, this bureau decided on %s to grant your household %s. "
                                "Covered members: %u. Monthly amount: %s, paid from the month "
                                "of the decision."), date, ruhu_doc_case_category (kase),
                              kase->income.n_covered, amount);
      paragraph (doc, text);
      paragraph (doc, _("Please tell the township office at once when your household’s "
                        "members, income or assets change; the assistance is reviewed "
                        "regularly."));
    }
  else
    {
      /* TRANSLATORS: title of the 不予确认决定书 */
      begin_letter (doc, kase, _("Decision not to grant social assistance"));
      text = g_strdup_printf (_("After the investigation and the township’s review, this bureau "
                                "decided on %s not to grant your household %s, for the "
                                "following reasons:"), date, ruhu_doc_case_category (kase));
      paragraph (doc, text);
      paragraph (doc, decision->reason != NULL ? decision->reason : "");
    }
  paragraph (doc, _("If you disagree with this decision, you may apply for administrative "
                    "reconsideration within 60 days of receiving it, or bring an administrative "
                    "lawsuit before a people’s court within 6 months."));
  issuer = ruhu_doc_case_issuer (kase, TRUE);
  ruhu_doc_add_seal (doc, kase, issuer);
  return TRUE;
}
