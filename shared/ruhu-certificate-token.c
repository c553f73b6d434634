/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <gcrypt.h>
#include <glib/gi18n-lib.h>

#include "ruhu-certificate-token.h"
#include "ruhu-crypto.h"
#include "ruhu-date.h"

/* A token is "RC1." base64url(claims) "." base64url(Ed25519 signature),
 * without padding. The claims are five lines of text, signed as they are
 * (never re-serialised): "ruhu-certificate-1", the certificate id, the
 * case id, the day of issue and the last valid day. The key is derived
 * from the server key, so the server that issued a certificate can check
 * it with nothing more than it already keeps. */

#define CLAIMS_HEADER   "ruhu-certificate-1"
#define MAX_TOKEN       512
#define MAX_CASE_ID     64
#define ID_HEX_DIGITS   16
#define KEY_LABEL       "ruhu certificate signing v1"

void
ruhu_certificate_claims_clear (RuhuCertificateClaims *claims)
{
  g_clear_pointer (&claims->certificate, g_free);
  g_clear_pointer (&claims->case_id, g_free);
}

const char *
ruhu_token_status_to_string (RuhuTokenStatus status)
{
  switch (status)
    {
    case RUHU_TOKEN_GENUINE:
      return "genuine";
    case RUHU_TOKEN_FORGED:
      return "forged";
    case RUHU_TOKEN_EXPIRED:
      return "expired";
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * ruhu_certificate_id_for:
 * @grant_entity: the transition that granted the assistance
 *
 * Returns: (transfer full): the certificate's id: the same for the same
 *   grant, so that printing a certificate again does not make another one
 */
char *
ruhu_certificate_id_for (const char *case_id,
                         const char *grant_entity)
{
  g_autofree char *seed = g_strconcat (case_id, "\n", grant_entity, NULL);
  g_autofree char *hex = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);
  g_autofree char *upper = NULL;

  hex[ID_HEX_DIGITS] = '\0';
  upper = g_ascii_strup (hex, -1);
  return g_strconcat ("ZM", upper, NULL);
}

static char *
base64url_encode (const guint8 *data,
                  gsize         length)
{
  char *text = g_base64_encode (data, length);
  char *padding = strchr (text, '=');

  if (padding != NULL)
    *padding = '\0';
  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  return text;
}

/* Strict: only the URL alphabet, no padding, and the one encoding of the
 * bytes (so a token has a single spelling). */
static guint8 *
base64url_decode (const char *text,
                  gsize      *length)
{
  gsize n = strlen (text);
  g_autofree char *padded = NULL;
  g_autofree guint8 *data = NULL;
  g_autofree char *again = NULL;

  if (n == 0 || n % 4 == 1 ||
      strspn (text, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != n)
    return NULL;
  padded = g_strnfill ((n + 3) / 4 * 4, '=');
  memcpy (padded, text, n);
  g_strdelimit (padded, "-", '+');
  g_strdelimit (padded, "_", '/');
  data = g_base64_decode (padded, length);
  again = base64url_encode (data, *length);
  return g_str_equal (again, text) ? g_steal_pointer (&data) : NULL;
}

static char *
claims_text (const RuhuCertificateClaims *claims)
{
  g_autofree char *issued = ruhu_date_format (&claims->issued_on);
  g_autofree char *until = ruhu_date_format (&claims->valid_until);

  return g_strjoin ("\n", CLAIMS_HEADER, claims->certificate, claims->case_id, issued, until,
                    NULL);
}

/**
 * ruhu_certificate_token_create:
 *
 * Returns: (transfer full) (nullable): the token for @claims, signed with
 *   @key, or %NULL with a #RuhuDeviceKeyError
 */
char *
ruhu_certificate_token_create (RuhuDeviceKey                *key,
                               const RuhuCertificateClaims  *claims,
                               GError                      **error)
{
  g_autofree char *text = NULL;
  g_autofree char *signature = NULL;
  g_autofree guint8 *raw = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *sealed = NULL;
  gsize length = 0;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (claims != NULL && claims->certificate != NULL && claims->case_id != NULL,
                        NULL);

  text = claims_text (claims);
  signature = ruhu_device_key_sign (key, (const guint8 *) text, strlen (text), error);
  if (signature == NULL)
    return NULL;
  raw = g_base64_decode (signature, &length);
  payload = base64url_encode ((const guint8 *) text, strlen (text));
  sealed = base64url_encode (raw, length);
  return g_strjoin (".", RUHU_CERTIFICATE_TOKEN_PREFIX, payload, sealed, NULL);
}

static gboolean
is_certificate_id (const char *text)
{
  return strlen (text) == 2 + ID_HEX_DIGITS && g_str_has_prefix (text, "ZM") &&
         strspn (text + 2, "0123456789ABCDEF") == ID_HEX_DIGITS;
}

static gboolean
parse_claims (const char            *text,
              gsize                  length,
              RuhuCertificateClaims *claims)
{
  g_auto(GStrv) lines = NULL;

  if (memchr (text, '\0', length) != NULL || !g_utf8_validate (text, length, NULL))
    return FALSE;
  lines = g_strsplit (text, "\n", -1);
  if (g_strv_length (lines) != 5 || !g_str_equal (lines[0], CLAIMS_HEADER) ||
      !is_certificate_id (lines[1]) || *lines[2] == '\0' || strlen (lines[2]) > MAX_CASE_ID ||
      !ruhu_date_parse (lines[3], &claims->issued_on) ||
      !ruhu_date_parse (lines[4], &claims->valid_until) ||
      g_date_compare (&claims->issued_on, &claims->valid_until) > 0)
    return FALSE;
  claims->certificate = g_strdup (lines[1]);
  claims->case_id = g_strdup (lines[2]);
  return TRUE;
}

static RuhuTokenStatus
verify_parts (char                 **parts,
              const char            *public_key_base64,
              const GDate           *today,
              RuhuCertificateClaims *claims)
{
  g_autofree guint8 *text = NULL;
  g_autofree guint8 *raw_signature = NULL;
  g_autofree char *signature = NULL;
  gsize text_length = 0, signature_length = 0;
  g_autofree char *nul_terminated = NULL;

  if (g_strv_length (parts) != 3 || !g_str_equal (parts[0], RUHU_CERTIFICATE_TOKEN_PREFIX) ||
      (text = base64url_decode (parts[1], &text_length)) == NULL ||
      (raw_signature = base64url_decode (parts[2], &signature_length)) == NULL ||
      signature_length != RUHU_ED25519_SIGNATURE_LENGTH)
    return RUHU_TOKEN_FORGED;
  signature = g_base64_encode (raw_signature, signature_length);
  if (!ruhu_device_key_verify (public_key_base64, text, text_length, signature, NULL))
    return RUHU_TOKEN_FORGED;
  nul_terminated = g_strndup ((const char *) text, text_length);
  if (!parse_claims (nul_terminated, text_length, claims))
    return RUHU_TOKEN_FORGED;
  if (g_date_compare (today, &claims->issued_on) < 0 ||
      g_date_compare (today, &claims->valid_until) > 0)
    return RUHU_TOKEN_EXPIRED;
  return RUHU_TOKEN_GENUINE;
}

/**
 * ruhu_certificate_token_verify:
 * @token: (nullable): as read from the QR code's URL, untrusted
 * @public_key_base64: the certificate key's public half
 * @today: (nullable): the day to judge validity on; %NULL for today
 * @claims: (out caller-allocates) (optional): what a genuine or expired
 *   token states; cleared otherwise
 *
 * Returns: whether @token is genuine, forged (malformed, altered, or not
 *   signed by this key) or expired (signed by this key but not valid on
 *   @today: after its last valid day, or before its day of issue)
 */
RuhuTokenStatus
ruhu_certificate_token_verify (const char            *token,
                               const char            *public_key_base64,
                               const GDate           *today,
                               RuhuCertificateClaims *claims)
{
  g_auto(RuhuCertificateClaims) found = { 0, };
  g_auto(GStrv) parts = NULL;
  RuhuTokenStatus status;
  GDate day;

  g_return_val_if_fail (public_key_base64 != NULL, RUHU_TOKEN_FORGED);

  if (claims != NULL)
    memset (claims, 0, sizeof *claims);
  if (token == NULL || strlen (token) > MAX_TOKEN)
    return RUHU_TOKEN_FORGED;
  ruhu_date_get_today (today, &day);
  parts = g_strsplit (token, ".", 4);
  status = verify_parts (parts, public_key_base64, &day, &found);
  if (status != RUHU_TOKEN_FORGED && claims != NULL)
    {
      *claims = found;
      memset (&found, 0, sizeof found);
    }
  return status;
}

/**
 * ruhu_certificate_key_derive:
 * @server_key: the server key's text, as ruhu_server_read_key() returns it
 *
 * Derives the key that signs certificates from the server key (HMAC-SHA256
 * of a label), so that the same bits never serve two purposes.
 *
 * Returns: (transfer full) (nullable): the key, or %NULL with @error
 */
RuhuDeviceKey *
ruhu_certificate_key_derive (const char  *server_key,
                             GError     **error)
{
  g_autofree guint8 *raw = NULL;
  guint8 secret[32];
  RuhuDeviceKey *key;
  gsize length = 0;
  gcry_md_hd_t md = NULL;
  gcry_error_t code;

  g_return_val_if_fail (server_key != NULL, NULL);

  ruhu_crypto_init ();
  raw = g_base64_decode (server_key, &length);
  code = gcry_md_open (&md, GCRY_MD_SHA256, GCRY_MD_FLAG_HMAC);
  if (code == 0)
    code = gcry_md_setkey (md, raw, length);
  memset (raw, 0, length);
  if (code != 0)
    {
      gcry_md_close (md);
      g_set_error (error, RUHU_DEVICE_KEY_ERROR, RUHU_DEVICE_KEY_ERROR_FAILED,
                   _("Cannot derive the key for certificates: %s"), gcry_strerror (code));
      return NULL;
    }
  gcry_md_write (md, KEY_LABEL, strlen (KEY_LABEL));
  memcpy (secret, gcry_md_read (md, GCRY_MD_SHA256), sizeof secret);
  gcry_md_close (md);
  key = ruhu_device_key_new_from_secret (secret, error);
  memset (secret, 0, sizeof secret);
  return key;
}
