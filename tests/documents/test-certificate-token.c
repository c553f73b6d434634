/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-certificate-token.h"
#include "ruhu-date.h"

/* The certificate token: genuine when signed by the key and valid on the
 * day asked, expired outside its days, forged whenever anything in it was
 * changed or another key signed it. */

#define SERVER_KEY "c2VydmVyIGtleSBvZiB0aGUgdGVzdHMsIDMyIGJ5dGVz"
#define CASE_ID    "6d86d70d-e376-45bd-a8f6-7a7726102f26"

typedef struct
{
  RuhuDeviceKey *key;
  char          *public_key;
  char          *token;
  GDate          issued;
  GDate          until;
} TokenFixture;

static void
token_setup (TokenFixture  *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = ruhu_certificate_id_for (CASE_ID, "grant-entity");
  RuhuCertificateClaims claims = { id, (char *) CASE_ID, { 0, }, { 0, } };

  fixture->key = ruhu_certificate_key_derive (SERVER_KEY, &error);
  g_assert_no_error (error);
  fixture->public_key = ruhu_device_key_get_public_base64 (fixture->key);
  g_assert_true (ruhu_date_parse ("2025-06-16", &fixture->issued));
  g_assert_true (ruhu_date_parse ("2025-09-14", &fixture->until));
  claims.issued_on = fixture->issued;
  claims.valid_until = fixture->until;
  fixture->token = ruhu_certificate_token_create (fixture->key, &claims, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (fixture->token, RUHU_CERTIFICATE_TOKEN_PREFIX "."));
  /* It travels in a URL and a QR code: no characters to escape. */
  g_assert_cmpuint (strspn (fixture->token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                            "0123456789-_."), ==, strlen (fixture->token));
}

static void
token_teardown (TokenFixture  *fixture,
                gconstpointer  data)
{
  ruhu_device_key_free (fixture->key);
  g_free (fixture->public_key);
  g_free (fixture->token);
}

static RuhuTokenStatus
verify_on (TokenFixture *fixture,
           const char   *token,
           const char   *day)
{
  GDate date;

  g_assert_true (ruhu_date_parse (day, &date));
  return ruhu_certificate_token_verify (token, fixture->public_key, &date, NULL);
}

static void
test_genuine (TokenFixture  *fixture,
              gconstpointer  data)
{
  g_auto(RuhuCertificateClaims) claims = { 0, };
  g_autofree char *id = ruhu_certificate_id_for (CASE_ID, "grant-entity");

  g_assert_cmpint (ruhu_certificate_token_verify (fixture->token, fixture->public_key,
                                                  &fixture->issued, &claims),
                   ==, RUHU_TOKEN_GENUINE);
  g_assert_cmpstr (claims.certificate, ==, id);
  g_assert_cmpstr (claims.case_id, ==, CASE_ID);
  g_assert_cmpint (g_date_compare (&claims.valid_until, &fixture->until), ==, 0);
  /* The last valid day still is. */
  g_assert_cmpint (verify_on (fixture, fixture->token, "2025-09-14"), ==, RUHU_TOKEN_GENUINE);
  g_assert_cmpstr (ruhu_token_status_to_string (RUHU_TOKEN_GENUINE), ==, "genuine");
}

static void
test_expired (TokenFixture  *fixture,
              gconstpointer  data)
{
  g_auto(RuhuCertificateClaims) claims = { 0, };
  GDate late;

  g_assert_true (ruhu_date_parse ("2025-09-15", &late));
  g_assert_cmpint (ruhu_certificate_token_verify (fixture->token, fixture->public_key, &late,
                                                  &claims), ==, RUHU_TOKEN_EXPIRED);
  /* What it stated is still told, so the page can say whose it was. */
  g_assert_cmpstr (claims.case_id, ==, CASE_ID);
  g_assert_cmpint (verify_on (fixture, fixture->token, "2025-06-15"), ==, RUHU_TOKEN_EXPIRED);
}

/* Changes one character of @token at @offset to another of its alphabet. */
static char *
tamper (const char *token,
        gsize       offset)
{
  char *changed = g_strdup (token);

  changed[offset] = changed[offset] == 'A' ? 'B' : 'A';
  return changed;
}

static void
test_forged (TokenFixture  *fixture,
             gconstpointer  data)
{
  const char *payload = strchr (fixture->token, '.') + 1;
  const char *signature = strchr (payload, '.') + 1;
  g_autofree char *in_claims = tamper (fixture->token, payload - fixture->token + 10);
  g_autofree char *in_signature = tamper (fixture->token, signature - fixture->token + 5);
  g_autofree char *cut = g_strndup (fixture->token, strlen (fixture->token) - 3);
  g_autofree char *extra = g_strconcat (fixture->token, ".AAAA", NULL);
  g_autofree char *prefix = g_strconcat ("RC2", fixture->token + 3, NULL);
  g_autofree char *padded = g_strconcat (fixture->token, "=", NULL);
  g_autoptr(RuhuDeviceKey) other = ruhu_certificate_key_derive (
    "b3RoZXIgc2VydmVyIGtleSBvZiB0aGUgdGVzdHMsIDMy", NULL);
  g_autofree char *other_public = ruhu_device_key_get_public_base64 (other);
  g_auto(RuhuCertificateClaims) claims = { 0, };
  const char *bad[] = { in_claims, in_signature, cut, extra, prefix, padded, "", "RC1..",
                        "RC1.AAAA.AAAA", "not a token at all", "RC1.\xff\xfe.AAAA" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *shown = g_strescape (bad[i], NULL);

      /* Escaped: a forgery may be any bytes, TAP wants UTF-8. */
      g_test_message ("forged: %s", shown);
      g_assert_cmpint (verify_on (fixture, bad[i], "2025-07-01"), ==, RUHU_TOKEN_FORGED);
    }
  g_assert_cmpint (ruhu_certificate_token_verify (NULL, fixture->public_key, NULL, NULL), ==,
                   RUHU_TOKEN_FORGED);
  /* Genuine for its own key, forged for any other. */
  g_assert_cmpint (ruhu_certificate_token_verify (fixture->token, other_public,
                                                  &fixture->issued, &claims),
                   ==, RUHU_TOKEN_FORGED);
  g_assert_null (claims.case_id);
}

static void
test_key_derivation (void)
{
  g_autoptr(RuhuDeviceKey) first = ruhu_certificate_key_derive (SERVER_KEY, NULL);
  g_autoptr(RuhuDeviceKey) again = ruhu_certificate_key_derive (SERVER_KEY, NULL);
  g_autoptr(RuhuDeviceKey) other = ruhu_certificate_key_derive (
    "b3RoZXIgc2VydmVyIGtleSBvZiB0aGUgdGVzdHMsIDMy", NULL);
  g_autofree char *first_public = ruhu_device_key_get_public_base64 (first);
  g_autofree char *again_public = ruhu_device_key_get_public_base64 (again);
  g_autofree char *other_public = ruhu_device_key_get_public_base64 (other);

  /* The server finds the same key again from its key file alone. */
  g_assert_cmpstr (first_public, ==, again_public);
  g_assert_cmpstr (first_public, !=, other_public);
}

static void
test_certificate_id (void)
{
  g_autofree char *id = ruhu_certificate_id_for (CASE_ID, "a");
  g_autofree char *same = ruhu_certificate_id_for (CASE_ID, "a");
  g_autofree char *other = ruhu_certificate_id_for (CASE_ID, "b");

  g_assert_cmpuint (strlen (id), ==, 18);
  g_assert_true (g_str_has_prefix (id, "ZM"));
  g_assert_cmpstr (id, ==, same);
  g_assert_cmpstr (id, !=, other);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/ruhu/certificate-token/genuine", TokenFixture, NULL, token_setup, test_genuine,
              token_teardown);
  g_test_add ("/ruhu/certificate-token/expired", TokenFixture, NULL, token_setup, test_expired,
              token_teardown);
  g_test_add ("/ruhu/certificate-token/forged", TokenFixture, NULL, token_setup, test_forged,
              token_teardown);
  g_test_add_func ("/ruhu/certificate-token/key-derivation", test_key_derivation);
  g_test_add_func ("/ruhu/certificate-token/certificate-id", test_certificate_id);
  return g_test_run ();
}
