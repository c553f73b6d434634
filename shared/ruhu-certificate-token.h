/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-device-key.h"

G_BEGIN_DECLS

/* The signed token in an assistance certificate's QR code, which another
 * department checks at VERIFY_URL/verify/ID?t=TOKEN (docs/documents.md,
 * "The certificate token"). */

#define RUHU_CERTIFICATE_TOKEN_PREFIX "RC1"

typedef enum
{
  RUHU_TOKEN_GENUINE,  /* signed by the key, and valid on the day asked */
  RUHU_TOKEN_FORGED,   /* not ours: malformed, altered, or another key's */
  RUHU_TOKEN_EXPIRED,  /* ours, but the day asked is past its validity */
} RuhuTokenStatus;

/* What a certificate states, and its token signs. */
typedef struct
{
  char  *certificate;  /* "ZM" and 16 capital hexadecimal digits */
  char  *case_id;
  GDate  issued_on;
  GDate  valid_until;  /* the last day it is valid */
} RuhuCertificateClaims;

char            *ruhu_certificate_id_for        (const char                   *case_id,
                                                 const char                   *grant_entity);
char            *ruhu_certificate_token_create  (RuhuDeviceKey                *key,
                                                 const RuhuCertificateClaims  *claims,
                                                 GError                      **error);
RuhuTokenStatus  ruhu_certificate_token_verify  (const char                   *token,
                                                 const char                   *public_key_base64,
                                                 const GDate                  *today,
                                                 RuhuCertificateClaims        *claims);
void             ruhu_certificate_claims_clear  (RuhuCertificateClaims        *claims);
RuhuDeviceKey   *ruhu_certificate_key_derive    (const char                   *server_key,
                                                 GError                      **error);
const char      *ruhu_token_status_to_string    (RuhuTokenStatus               status);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RuhuCertificateClaims, ruhu_certificate_claims_clear)

G_END_DECLS
