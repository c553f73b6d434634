/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "documents-fixture.h"
#include "ruhu-case-snapshot.h"
#include "ruhu-income.h"
#include "ruhu-sheet-digest.h"
#include "test-util.h"

/* Each document of issue 6 rendered from demo cases and read back by
 * poppler: the right names and figures, nothing a public document must
 * not show, and names that try to break the layout kept in their place. */

static char *
money_of (gint64 fen)
{
  return ruhu_money_format (fen);
}

static char *
head_name (DocFixture *fixture,
           DocCase     which)
{
  return doc_fixture_string (fixture, fixture->cases[which], "head_name");
}

static void
compute_income (DocFixture *fixture,
                DocCase     which,
                RuhuIncome *income)
{
  g_autoptr(RuhuCaseSnapshot) snapshot = ruhu_case_snapshot_load (fixture->store,
                                                                  fixture->cases[which], NULL);

  ruhu_income_compute (snapshot, income);
}

static void
test_sheet (DocFixture    *fixture,
            gconstpointer  data)
{
  g_autoptr(RuhuDocument) document = doc_fixture_make (fixture, DOC_CASE_SIGNED,
                                                       RUHU_DOCUMENT_SHEET);
  g_autoptr(RuhuCaseSnapshot) snapshot = ruhu_case_snapshot_load (fixture->store,
                                                                  fixture->cases[DOC_CASE_SIGNED],
                                                                  NULL);
  RuhuCaseEntity *sheet = ruhu_case_snapshot_first (snapshot, "check_sheet");
  g_autoptr(GPtrArray) members = ruhu_case_snapshot_children (snapshot, snapshot->case_id,
                                                              "member");
  g_auto(DocOutput) output = { 0, };
  g_autofree char *head = head_name (fixture, DOC_CASE_SIGNED);
  g_autofree char *per_person = NULL;
  g_autofree char *net = NULL;
  guint8 digest[RUHU_SHEET_DIGEST_LENGTH];
  g_autofree char *hex = NULL;
  RuhuIncome income;

  doc_fixture_check_pdf (fixture, document, "sheet", &output);
  g_assert_cmpuint (output.n_pages, >=, 3);
  doc_assert_contains (&output, head);
  for (guint i = 0; i < members->len; i++)
    {
      RuhuCaseEntity *member = g_ptr_array_index (members, i);

      /* Covered members and obligors alike, with their ID numbers: the
       * sheet is the case's own record, not a public one. */
      doc_assert_contains (&output, ruhu_case_entity_get_string (member, "name"));
      doc_assert_contains (&output, ruhu_case_entity_get_string (member, "id_number"));
    }
  doc_assert_contains (&output, ruhu_case_entity_get_string (sheet, "investigator_1"));
  doc_assert_contains (&output, ruhu_case_entity_get_string (sheet, "investigator_2"));
  compute_income (fixture, DOC_CASE_SIGNED, &income);
  per_person = money_of (income.per_person_fen);
  net = money_of (income.net_fen);
  g_assert_cmpint (income.net_fen, >=, 230000);
  doc_assert_contains (&output, per_person);
  doc_assert_contains (&output, net);
  doc_assert_contains (&output, "2500.00");  /* the wage item and its net */
  doc_assert_contains (&output, "2300.00");
  doc_assert_contains (&output, "Signs this sheet as printed");
  doc_assert_lacks (&output, "Does NOT match");
  /* The bill nobody uploaded, and the diagnosis whose file is damaged. */
  doc_assert_contains (&output, "Image not available");
  g_assert_nonnull (strstr (strstr (output.text, "Image not available") + 1,
                            "Image not available"));
  doc_assert_contains (&output, "堂屋");
  g_assert_true (ruhu_sheet_digest_compute (fixture->store, sheet->id, digest, NULL));
  hex = g_malloc0 (2 * sizeof digest + 1);
  for (guint i = 0; i < sizeof digest; i++)
    g_snprintf (hex + 2 * i, 3, "%02x", digest[i]);
  doc_assert_contains (&output, hex);
}

static void
test_acceptance (DocFixture    *fixture,
                 gconstpointer  data)
{
  g_autoptr(RuhuDocument) document = doc_fixture_make (fixture, DOC_CASE_SIGNED,
                                                       RUHU_DOCUMENT_ACCEPTANCE);
  g_auto(DocOutput) output = { 0, };
  g_autofree char *head = head_name (fixture, DOC_CASE_SIGNED);

  doc_fixture_check_pdf (fixture, document, "acceptance", &output);
  g_assert_cmpuint (output.n_pages, ==, 1);
  doc_assert_contains (&output, head);
  doc_assert_contains (&output, DOC_ACCEPTED_ON);
  doc_assert_contains (&output, DOC_ISSUED_ON);
}

static void
test_materials (DocFixture    *fixture,
                gconstpointer  data)
{
  g_autoptr(RuhuDocument) document = doc_fixture_make (fixture, DOC_CASE_MATERIALS,
                                                       RUHU_DOCUMENT_MATERIALS);
  g_auto(DocOutput) output = { 0, };

  doc_fixture_check_pdf (fixture, document, "materials", &output);
  /* Every item the supervisor listed, whatever separated them, and the
   * deadline. */
  doc_assert_contains (&output, "申请人身份证复印件");
  doc_assert_contains (&output, "户口簿首页");
  doc_assert_contains (&output, "近六个月银行流水");
  doc_assert_contains (&output, DOC_MATERIALS_DUE);
}

static void
test_result_and_opinion (DocFixture    *fixture,
                         gconstpointer  data)
{
  g_autoptr(RuhuDocument) result = doc_fixture_make (fixture, DOC_CASE_SIGNED,
                                                     RUHU_DOCUMENT_RESULT);
  g_autoptr(RuhuDocument) opinion = doc_fixture_make (fixture, DOC_CASE_SIGNED,
                                                      RUHU_DOCUMENT_OPINION);
  g_auto(DocOutput) result_output = { 0, };
  g_auto(DocOutput) opinion_output = { 0, };
  g_autofree char *per_person = NULL;
  RuhuIncome income;

  compute_income (fixture, DOC_CASE_SIGNED, &income);
  per_person = money_of (income.per_person_fen);
  doc_fixture_check_pdf (fixture, result, "result", &result_output);
  doc_assert_contains (&result_output, per_person);
  doc_assert_contains (&result_output, "Local standard");
  doc_fixture_check_pdf (fixture, opinion, "opinion", &opinion_output);
  doc_assert_contains (&opinion_output, per_person);
  doc_assert_contains (&opinion_output, "Proposed for approval");
  doc_assert_contains (&opinion_output, "村民代表民主评议");
  doc_assert_contains (&opinion_output, "陈静");
}

static void
test_decisions (DocFixture    *fixture,
                gconstpointer  data)
{
  g_autoptr(RuhuDocument) granted = doc_fixture_make (fixture, DOC_CASE_GRANTED,
                                                      RUHU_DOCUMENT_DECISION);
  g_autoptr(RuhuDocument) refused = doc_fixture_make (fixture, DOC_CASE_REFUSED,
                                                      RUHU_DOCUMENT_DECISION);
  g_auto(DocOutput) granted_output = { 0, };
  g_auto(DocOutput) refused_output = { 0, };
  g_autofree char *amount = money_of (DOC_GRANT_AMOUNT);

  doc_fixture_check_pdf (fixture, granted, "decision-grant", &granted_output);
  doc_assert_contains (&granted_output, amount);
  doc_assert_contains (&granted_output, "Decision to grant");
  doc_fixture_check_pdf (fixture, refused, "decision-refuse", &refused_output);
  doc_assert_contains (&refused_output, DOC_REFUSAL_REASON);
  doc_assert_contains (&refused_output, "not to grant");
  doc_assert_contains (&refused_output, "60 days");
}

/* What a public document must never show, from every case in the store:
 * by kind, the fields that hold it. */
static void
assert_nothing_private (DocFixture      *fixture,
                        const DocOutput *output)
{
  static const struct
  {
    const char *kind;
    const char *field;
  } private_fields[] = {
    { "household", "address" },
    { "household", "phone" },
    { "household", "bank_account" },
    { "member", "id_number" },
    { "member", "phone" },
    { "member", "illness" },
    { "member", "bank_account" },
    { "application", "agent_id_number" },
    { "neighbour_interview", "interviewee_phone" },
  };

  for (guint c = 0; c < DOC_N_CASES; c++)
    {
      g_autoptr(RuhuCaseSnapshot) snapshot = ruhu_case_snapshot_load (fixture->store,
                                                                      fixture->cases[c], NULL);

      for (guint i = 0; i < snapshot->entities->len; i++)
        {
          RuhuCaseEntity *entity = g_ptr_array_index (snapshot->entities, i);

          for (guint f = 0; f < G_N_ELEMENTS (private_fields); f++)
            if (g_str_equal (entity->kind, private_fields[f].kind))
              doc_assert_lacks (output, ruhu_case_entity_get_string (entity,
                                                                     private_fields[f].field));
        }
    }
  /* Health and disability, by the words a document would print them in. */
  doc_assert_lacks (output, "illness");
  doc_assert_lacks (output, "Healthy");
  doc_assert_lacks (output, "disab");
}

static void
test_notice_list (DocFixture    *fixture,
                  gconstpointer  data)
{
  g_autoptr(RuhuDocument) document = doc_fixture_make (fixture, DOC_CASE_SIGNED,
                                                       RUHU_DOCUMENT_NOTICE_LIST);
  g_auto(DocOutput) output = { 0, };
  g_autofree char *signed_head = head_name (fixture, DOC_CASE_SIGNED);
  g_autofree char *neighbour_head = head_name (fixture, DOC_CASE_NEIGHBOUR);
  g_autofree char *granted_head = head_name (fixture, DOC_CASE_GRANTED);

  doc_fixture_check_pdf (fixture, document, "notice-list", &output);
  g_assert_true (ruhu_document_kind_is_public (RUHU_DOCUMENT_NOTICE_LIST));
  assert_nothing_private (fixture, &output);
  /* Names masked as 张*明: the surname stays, the full name never shows. */
  doc_assert_lacks (&output, signed_head);
  doc_assert_lacks (&output, neighbour_head);
  doc_assert_contains (&output, "*");
  {
    g_autofree char *surname = g_utf8_substring (signed_head, 0, 1);
    g_autofree char *masked = g_strconcat (surname, "*", NULL);

    doc_assert_contains (&output, masked);
  }
  /* The hostile name masked too, as text, without its direction marks. */
  doc_assert_contains (&output, "<****'");
  doc_assert_lacks (&output, "<script>");
  doc_assert_lacks (&output, granted_head);
  doc_assert_contains (&output, "Proposed monthly");
}

static void
test_certificate (DocFixture    *fixture,
                  gconstpointer  data)
{
  g_autoptr(RuhuDocument) document = doc_fixture_make (fixture, DOC_CASE_GRANTED,
                                                       RUHU_DOCUMENT_CERTIFICATE);
  g_autoptr(RuhuCaseFlow) flow = ruhu_case_flow_read (fixture->store,
                                                      fixture->cases[DOC_CASE_GRANTED], NULL);
  const RuhuTransition *grant = ruhu_case_flow_find_last (flow, RUHU_STEP_GRANT);
  g_autofree char *id = ruhu_certificate_id_for (fixture->cases[DOC_CASE_GRANTED], grant->entity);
  g_autofree char *public_key = ruhu_device_key_get_public_base64 (fixture->certificate_key);
  g_autofree char *amount = money_of (DOC_GRANT_AMOUNT);
  g_autofree char *head = head_name (fixture, DOC_CASE_GRANTED);
  g_autofree char *token = NULL;
  g_auto(RuhuCertificateClaims) claims = { 0, };
  g_auto(DocOutput) output = { 0, };

  doc_fixture_check_pdf (fixture, document, "certificate", &output);
  g_assert_cmpuint (output.n_pages, ==, 1);
  assert_nothing_private (fixture, &output);
  doc_assert_contains (&output, id);
  doc_assert_contains (&output, amount);
  doc_assert_contains (&output, head);
  doc_assert_contains (&output, "https://ruhu.example.org/verify/");
  token = doc_find_token (output.text);
  g_assert_cmpint (ruhu_certificate_token_verify (token, public_key, &fixture->issued, &claims),
                   ==, RUHU_TOKEN_GENUINE);
  g_assert_cmpstr (claims.certificate, ==, id);
  g_assert_cmpstr (claims.case_id, ==, fixture->cases[DOC_CASE_GRANTED]);
  g_assert_cmpint (g_date_compare (&claims.issued_on, &fixture->issued), ==, 0);
}

static void
test_hostile_names (DocFixture    *fixture,
                    gconstpointer  data)
{
  g_autoptr(RuhuDocument) document = doc_fixture_make (fixture, DOC_CASE_HOSTILE,
                                                       RUHU_DOCUMENT_SHEET);
  g_autoptr(RuhuDocument) letter = doc_fixture_make (fixture, DOC_CASE_HOSTILE,
                                                     RUHU_DOCUMENT_ACCEPTANCE);
  g_auto(DocOutput) output = { 0, };
  g_auto(DocOutput) letter_output = { 0, };

  doc_fixture_check_pdf (fixture, document, "hostile-sheet", &output);
  /* Printed as text, not taken as markup; the long name stops after a few
   * lines instead of running over pages. */
  doc_assert_contains (&output, "<script>alert(\"李\")</script>'");
  doc_assert_contains (&output, "\"<b>&amp;");
  doc_assert_contains (&output, "欧阳娜娜Long");
  doc_assert_lacks (&output, "\u202e");
  g_assert_cmpuint (output.n_pages, <=, 5);
  doc_fixture_check_pdf (fixture, letter, "hostile-acceptance", &letter_output);
  g_assert_cmpuint (letter_output.n_pages, ==, 1);
  doc_assert_contains (&letter_output, "<script>alert(\"李\")</script>'");
}

/* Rewrites a field of the last counted @step of a case. */
static void
rewrite_step (DocFixture *fixture,
              DocCase     which,
              RuhuStep    step,
              const char *field,
              const char *text)
{
  g_autoptr(RuhuCaseFlow) flow = ruhu_case_flow_read (fixture->store, fixture->cases[which],
                                                      NULL);
  const RuhuTransition *transition = ruhu_case_flow_find_last (flow, step);

  g_assert_nonnull (transition);
  doc_fixture_write (fixture, fixture->cases[which], transition->entity, "transition",
                     fixture->cases[which], field, test_text (text));
}

/* A list of materials longer than a page repeats its header on the next;
 * a paragraph longer than a page goes on over the next, line by line. */
static void
test_long_texts (DocFixture    *fixture,
                 gconstpointer  data)
{
  g_autoptr(GString) items = g_string_new (NULL);
  g_autoptr(GString) reason = g_string_new (NULL);
  g_autoptr(RuhuDocument) materials = NULL;
  g_autoptr(RuhuDocument) decision = NULL;
  g_auto(DocOutput) materials_output = { 0, };
  g_auto(DocOutput) decision_output = { 0, };
  const char *found;
  guint headers = 0;

  for (guint i = 1; i <= 120; i++)
    g_string_append_printf (items, "第%u项证明材料；", i);
  for (guint i = 0; i < 150; i++)
    g_string_append (reason, "家庭成员名下有机动车辆，且赡养义务人有能力赡养。");
  g_string_append (reason, "理由完。");
  rewrite_step (fixture, DOC_CASE_MATERIALS, RUHU_STEP_REQUEST_MATERIALS, "comment", items->str);
  rewrite_step (fixture, DOC_CASE_REFUSED, RUHU_STEP_REFUSE, "reason", reason->str);
  materials = doc_fixture_make (fixture, DOC_CASE_MATERIALS, RUHU_DOCUMENT_MATERIALS);
  decision = doc_fixture_make (fixture, DOC_CASE_REFUSED, RUHU_DOCUMENT_DECISION);

  doc_fixture_check_pdf (fixture, materials, "long-materials", &materials_output);
  g_assert_cmpuint (materials_output.n_pages, >=, 3);
  doc_assert_contains (&materials_output, "第120项证明材料");
  doc_assert_contains (&materials_output, DOC_MATERIALS_DUE);
  for (found = materials_output.text; (found = strstr (found, "Missing material")) != NULL;
       found++)
    headers++;
  g_assert_cmpuint (headers, >=, materials_output.n_pages - 1);
  g_assert_cmpuint (headers, >, 1);
  doc_fixture_check_pdf (fixture, decision, "long-decision", &decision_output);
  g_assert_cmpuint (decision_output.n_pages, >=, 2);
  doc_assert_contains (&decision_output, "理由完。");
  doc_assert_contains (&decision_output, "60 days");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/ruhu/documents/" path, DocFixture, NULL, doc_fixture_setup, func, \
              doc_fixture_teardown)
  ADD ("sheet", test_sheet);
  ADD ("acceptance", test_acceptance);
  ADD ("materials", test_materials);
  ADD ("result-and-opinion", test_result_and_opinion);
  ADD ("decisions", test_decisions);
  ADD ("notice-list", test_notice_list);
  ADD ("certificate", test_certificate);
  ADD ("hostile-names", test_hostile_names);
  ADD ("long-texts", test_long_texts);
#undef ADD
  return g_test_run ();
}
