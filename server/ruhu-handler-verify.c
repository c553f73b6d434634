/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ruhu-certificate-token.h"
#include "ruhu-handlers.h"
#include "ruhu-http.h"
#include "ruhu-public-page.h"
#include "ruhu-server-setup.h"
#include "ruhu-workflow.h"

/* GET /verify/<certificate>?t=<token>: what a department sees when it
 * scans an assistance certificate's QR code (docs/documents.md). The token
 * must be signed by this server's certificate key, name this certificate,
 * be within its days, and the case must still receive assistance. */

#define PUBLIC_KEY_DATA "ruhu-certificate-public-key"

/* The certificate key's public half, derived once per server from its key
 * file. */
static char *
certificate_public_key (RuhuServer  *self,
                        GError     **error)
{
  static GMutex lock;
  g_autofree char *server_key = NULL;
  g_autoptr(RuhuDeviceKey) key = NULL;
  const char *cached;
  char *public_key = NULL;

  g_mutex_lock (&lock);
  if ((cached = g_object_get_data (G_OBJECT (self), PUBLIC_KEY_DATA)) != NULL)
    public_key = g_strdup (cached);
  else if ((server_key = ruhu_server_read_key (self->key_file, error)) != NULL &&
           (key = ruhu_certificate_key_derive (server_key, error)) != NULL)
    {
      public_key = ruhu_device_key_get_public_base64 (key);
      g_object_set_data_full (G_OBJECT (self), PUBLIC_KEY_DATA, g_strdup (public_key), g_free);
    }
  g_mutex_unlock (&lock);
  return public_key;
}

/* Assistance that was granted and has not stopped since. */
static gboolean
still_assisted (RuhuServer *self,
                const char *case_id)
{
  g_autoptr(RuhuCaseFlow) flow = ruhu_case_flow_read (self->store, case_id, NULL);

  return flow != NULL && (flow->state == RUHU_CASE_STATE_GRANTED ||
                          flow->state == RUHU_CASE_STATE_PUBLISHED ||
                          flow->state == RUHU_CASE_STATE_UNDER_REVIEW);
}

static char *
format_date (const GDate *date)
{
  char text[64] = "";

  if (g_date_valid (date))
    /* Translators: a date on a public page, strftime format; e.g. "%Y年%m月%d日" */
    g_date_strftime (text, sizeof text, _("%d %B %Y"), date);
  return g_strdup (text);
}

static void
reply_verdict (SoupServerMessage *msg,
               guint              status,
               const char        *title,
               const char        *message)
{
  g_autoptr(GBytes) page = ruhu_public_page_message (title, message);

  ruhu_http_set_header (msg, "Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'");
  ruhu_http_set_header (msg, "X-Content-Type-Options", "nosniff");
  /* A certificate can stop being valid at any time. */
  ruhu_http_set_header (msg, "Cache-Control", "no-store");
  ruhu_http_reply_bytes (msg, status, "text/html; charset=utf-8", page);
}

static void
reply_claims (SoupServerMessage           *msg,
              RuhuServer                  *self,
              RuhuTokenStatus              status,
              const RuhuCertificateClaims *claims)
{
  g_autofree char *issued = format_date (&claims->issued_on);
  g_autofree char *until = format_date (&claims->valid_until);
  g_autofree char *message = NULL;

  if (status == RUHU_TOKEN_EXPIRED)
    {
      message = g_strdup_printf (_("Certificate %s was issued on %s and was valid until %s. "
                                   "It is no longer valid: ask the holder for a new one."),
                                 claims->certificate, issued, until);
      reply_verdict (msg, SOUP_STATUS_OK, _("Certificate Expired"), message);
    }
  else if (!still_assisted (self, claims->case_id))
    {
      message = g_strdup_printf (_("Certificate %s was issued on %s by this office, but the "
                                   "assistance it certifies has ended. It is no longer valid."),
                                 claims->certificate, issued);
      reply_verdict (msg, SOUP_STATUS_OK, _("Certificate No Longer Valid"), message);
    }
  else
    {
      message = g_strdup_printf (_("Certificate %s is genuine: it was issued on %s by this "
                                   "office and is valid until %s."),
                                 claims->certificate, issued, until);
      reply_verdict (msg, SOUP_STATUS_OK, _("Certificate Genuine"), message);
    }
}

void
ruhu_handle_verify (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  RuhuServer *self = user_data;
  const char *certificate = g_str_has_prefix (path, "/verify/") ? path + strlen ("/verify/") : "";
  const char *token = query != NULL ? g_hash_table_lookup (query, "t") : NULL;
  g_auto (RuhuCertificateClaims) claims = { 0 };
  g_autofree char *public_key = NULL;
  g_autoptr(GError) error = NULL;
  RuhuTokenStatus status = RUHU_TOKEN_FORGED;

  if (!ruhu_http_require_method (msg, SOUP_METHOD_GET))
    return;
  if ((public_key = certificate_public_key (self, &error)) == NULL)
    {
      g_warning ("Cannot check certificates: %s", error->message);
      reply_verdict (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, _("Page Not Available"),
                     _("The page cannot be shown just now. Please try again later."));
      return;
    }
  if (token != NULL)
    status = ruhu_certificate_token_verify (token, public_key, NULL, &claims);
  if (status == RUHU_TOKEN_FORGED || g_strcmp0 (claims.certificate, certificate) != 0)
    {
      reply_verdict (msg, SOUP_STATUS_OK, _("Certificate Not Verified"),
                     _("This is not a certificate issued by this office, or it has been "
                       "altered. Do not accept it; the holder can ask the township's civil "
                       "affairs office for a genuine one."));
      return;
    }
  reply_claims (msg, self, status, &claims);
}
