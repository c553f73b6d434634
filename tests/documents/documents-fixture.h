/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-certificate-token.h"
#include "ruhu-document.h"
#include "ruhu-workflow.h"

G_BEGIN_DECLS

/* Demo cases taken along the workflow, with signatures and evidence, for
 * the documents' tests; every document is checked as poppler reads it. */

#define DOC_ACTOR          "zhang.wei"
#define DOC_ISSUED_ON      "2025-06-16"
#define DOC_MATERIALS_DUE  "2025-05-20"
#define DOC_ACCEPTED_ON    "2025-05-12"
#define DOC_GRANT_AMOUNT   68000
#define DOC_REFUSAL_REASON "家庭人均收入高于当地低保标准，且有赡养义务人按月支付赡养费。"
#define DOC_HOSTILE_HEAD   "\u202e<script>alert(\"李\")</script>'\u200f"
#define DOC_VERIFY_URL     "https://ruhu.example.org/"

typedef enum
{
  DOC_CASE_SIGNED,     /* on notice, the sheet signed, with evidence */
  DOC_CASE_NEIGHBOUR,  /* on notice in the same village */
  DOC_CASE_GRANTED,    /* published: a certificate can be made */
  DOC_CASE_REFUSED,    /* refused by the district */
  DOC_CASE_MATERIALS,  /* waiting for missing materials */
  DOC_CASE_HOSTILE,    /* names that try to break the layout, on notice */
  DOC_N_CASES,
} DocCase;

typedef struct
{
  char          *out_dir;   /* PDFs and PNGs, kept to be looked at */
  RuhuStore     *store;
  RuhuFormSet   *forms;
  char          *cases[DOC_N_CASES];
  GHashTable    *blobs;     /* SHA-256 → GBytes of the PNGs the cases name */
  RuhuDeviceKey *certificate_key;
  GDate          issued;
  RuhuDocumentOptions options;
} DocFixture;

/* What poppler made of a rendered document. */
typedef struct
{
  char  *text;      /* pdftotext, with line breaks removed */
  guint  n_pages;
} DocOutput;

void          doc_fixture_setup     (DocFixture        *fixture,
                                     gconstpointer      data);
void          doc_fixture_teardown  (DocFixture        *fixture,
                                     gconstpointer      data);
RuhuDocument *doc_fixture_make      (DocFixture        *fixture,
                                     DocCase            which,
                                     RuhuDocumentKind   kind);
void          doc_fixture_check_pdf (DocFixture        *fixture,
                                     RuhuDocument      *document,
                                     const char        *name,
                                     DocOutput         *output);
char         *doc_pdf_text          (const char        *pdf);
char         *doc_find_token        (const char        *text);
void          doc_fixture_grant     (DocFixture        *fixture,
                                     const char        *case_id);
void          doc_output_clear      (DocOutput         *output);
void          doc_assert_contains   (const DocOutput   *output,
                                     const char        *text);
void          doc_assert_lacks      (const DocOutput   *output,
                                     const char        *text);
char         *doc_fixture_string    (DocFixture        *fixture,
                                     const char        *entity,
                                     const char        *field);
void          doc_fixture_write     (DocFixture        *fixture,
                                     const char        *case_id,
                                     const char        *entity,
                                     const char        *kind,
                                     const char        *parent,
                                     const char        *field,
                                     JsonNode          *value);
char         *doc_fixture_add_entity (DocFixture       *fixture,
                                      const char       *case_id,
                                      const char       *kind,
                                      const char       *parent,
                                      const char       *first_field,
                                      ...) G_GNUC_NULL_TERMINATED;
GBytes       *doc_fixture_png       (const char        *label,
                                     int                width,
                                     int                height);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DocOutput, doc_output_clear)

G_END_DECLS
