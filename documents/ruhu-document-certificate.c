/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-certificate-token.h"
#include "ruhu-document-private.h"

/* The assistance certificate (救助证明) a recipient shows to other
 * departments (a hospital, a school, the housing office). It states who
 * receives what since when, and carries a QR code with a signed token that
 * any of them can check; it holds no ID number, address or health datum. */

/* A certificate speaks for the household's situation as last checked;
 * recipients confirm they are alive every three months, and a certificate
 * older than that could outlive the aid it certifies. */
#define VALID_DAYS 90
#define QR_SIZE    150.0

static gboolean
is_receiving (RuhuCaseState state)
{
  return state == RUHU_CASE_STATE_GRANTED || state == RUHU_CASE_STATE_PUBLISHED ||
         state == RUHU_CASE_STATE_UNDER_REVIEW;
}

static char *
make_url (RuhuDocCase                 *kase,
          const RuhuCertificateClaims *claims,
          GError                     **error)
{
  const RuhuDocumentOptions *options = kase->options;
  g_autofree char *token = ruhu_certificate_token_create (options->certificate_key, claims, error);
  const char *base = options->verify_url;
  gsize length = strlen (base);

  if (token == NULL)
    return NULL;
  while (length > 0 && base[length - 1] == '/')
    length--;
  return g_strdup_printf ("%.*s/verify/%s?t=%s", (int) length, base, claims->certificate, token);
}

static void
add_statement (RuhuDocument                *doc,
               RuhuDocCase                 *kase,
               const RuhuTransition        *grant,
               const RuhuCertificateClaims *claims)
{
  g_autofree char *place = ruhu_doc_case_place (kase);
  g_autofree char *since = grant->at != NULL ? g_strndup (grant->at, 10) : NULL;
  g_autofree char *since_text = ruhu_doc_format_date_text (since);
  g_autofree char *until = ruhu_doc_format_date (&claims->valid_until);
  g_autofree char *text = NULL;
  g_autofree char *validity = NULL;
  gint64 amount = 0;
  g_autofree char *money = NULL;

  money = ruhu_doc_case_amount (kase, &amount) ? ruhu_doc_format_money (amount)
                                                : g_strdup (_("none (no monthly payment)"));
  text = g_strdup_printf (_("This is to certify that the household of %s, of %s, has received "
                            "%s since %s. Covered members: %u. Monthly amount: %s."),
                          ruhu_doc_case_applicant (kase), place, ruhu_doc_case_category (kase),
                          since_text, kase->income.n_covered, money);
  ruhu_doc_add_text (doc, text, RUHU_DOC_STYLE_BODY, PANGO_ALIGN_LEFT, TRUE);
  validity = g_strdup_printf (_("This certificate is valid until %s. Any department can check "
                                "that it is genuine and still valid by scanning the QR code "
                                "below, or by opening the address under it."), until);
  ruhu_doc_add_text (doc, validity, RUHU_DOC_STYLE_BODY, PANGO_ALIGN_LEFT, TRUE);
}

static gboolean
check_options (RuhuDocCase  *kase,
               GError      **error)
{
  if (kase->options->certificate_key != NULL && kase->options->verify_url != NULL)
    return TRUE;
  g_set_error (error, RUHU_DOCUMENT_ERROR, RUHU_DOCUMENT_ERROR_INVALID,
               _("A certificate needs the key that signs it and the address where it is "
                 "verified."));
  return FALSE;
}

gboolean
ruhu_doc_build_certificate (RuhuDocument  *doc,
                            RuhuDocCase   *kase,
                            GError       **error)
{
  const RuhuTransition *grant = ruhu_doc_case_step (kase, RUHU_STEP_GRANT, error);
  g_auto(RuhuCertificateClaims) claims = { 0, };
  g_autofree char *url = NULL;
  g_autofree char *number = NULL;
  g_autofree char *issuer = NULL;
  cairo_surface_t *qr;

  if (grant == NULL || !check_options (kase, error))
    return FALSE;
  if (!is_receiving (kase->flow->state))
    {
      g_set_error (error, RUHU_DOCUMENT_ERROR, RUHU_DOCUMENT_ERROR_NOT_READY,
                   _("The household no longer receives assistance: the case is “%s”."),
                   ruhu_case_state_get_label (kase->flow->state));
      return FALSE;
    }
  claims.certificate = ruhu_certificate_id_for (kase->snapshot->case_id, grant->entity);
  claims.case_id = g_strdup (kase->snapshot->case_id);
  claims.issued_on = kase->issued;
  claims.valid_until = kase->issued;
  g_date_add_days (&claims.valid_until, VALID_DAYS);
  if ((url = make_url (kase, &claims, error)) == NULL ||
      (qr = ruhu_doc_image_qr (url, error)) == NULL)
    return FALSE;

  /* TRANSLATORS: title of the 救助证明 */
  ruhu_doc_add_title (doc, _("Certificate of social assistance"));
  /* TRANSLATORS: zh_CN: 证明编号：%s */
  number = g_strdup_printf (_("Certificate number: %s"), claims.certificate);
  ruhu_doc_add_text (doc, number, RUHU_DOC_STYLE_SMALL, PANGO_ALIGN_RIGHT, FALSE);
  add_statement (doc, kase, grant, &claims);
  ruhu_doc_add_image (doc, qr, QR_SIZE, TRUE);
  cairo_surface_destroy (qr);
  ruhu_doc_add_text (doc, url, RUHU_DOC_STYLE_CODE, PANGO_ALIGN_CENTER, FALSE);
  issuer = ruhu_doc_case_issuer (kase, TRUE);
  ruhu_doc_add_seal (doc, kase, issuer);
  return TRUE;
}
