/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-admin-document.h"
#include "ruhu-blob-store.h"
#include "ruhu-certificate-token.h"
#include "ruhu-date.h"
#include "ruhu-document.h"
#include "ruhu-handlers.h"
#include "ruhu-server-setup.h"

/* "ruhu-admin document": one document of a case as a PDF for the archive
 * (docs/documents.md), made by the same code as on the tablets, from the
 * server's store and blobs. Documents show sensitive data (the check sheet
 * has ID numbers), so each one made is written to the audit log. */

#define DEFAULT_VERIFY_URL "http://127.0.0.1:8080"

typedef struct
{
  char *case_id;
  char *kind;
  char *out;
  char *mask;
  char *date;
  char *verify_url;
} DocumentArgs;

static void
document_args_clear (DocumentArgs *args)
{
  g_free (args->case_id);
  g_free (args->kind);
  g_free (args->out);
  g_free (args->mask);
  g_free (args->date);
  g_free (args->verify_url);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DocumentArgs, document_args_clear)

static GBytes *
read_blob (const char  *sha256,
           gpointer     blobs,
           GError     **error)
{
  return ruhu_blob_store_read (blobs, sha256, 0, -1, NULL, error);
}

/* Checks the options; prints why not and returns FALSE on a mistake. */
static gboolean
check_args (const DocumentArgs  *args,
            RuhuDocumentKind    *kind,
            RuhuNameMask        *mask,
            GDate               *date)
{
  if (args->case_id == NULL || args->kind == NULL || args->out == NULL)
    ruhu_admin_usage (_("“document” needs --case ID, --kind KIND and --out FILE."));
  else if (!ruhu_document_kind_from_string (args->kind, kind))
    ruhu_admin_usage (_("Unknown document kind “%s”: use sheet, acceptance, materials, result, "
                        "opinion, notice-list, decision or certificate."), args->kind);
  else if (args->mask != NULL && !ruhu_name_mask_from_string (args->mask, mask))
    ruhu_admin_usage (_("Unknown name mask “%s”: use middle, given or none."), args->mask);
  else if (args->date != NULL && !ruhu_date_parse (args->date, date))
    ruhu_admin_usage (_("“%s” is not a date (YYYY-MM-DD)."), args->date);
  else
    return TRUE;
  return FALSE;
}

static gboolean
make_document (RuhuAdmin                 *admin,
               const DocumentArgs        *args,
               RuhuDocumentKind           kind,
               RuhuDocumentOptions       *options,
               GError                   **error)
{
  RuhuServerConfig config = { .data_dir = admin->data_dir, .key_file = admin->key_file,
                              .quiet = TRUE };
  g_autoptr(RuhuServer) server = NULL;
  g_autoptr(RuhuBlobStore) blobs = NULL;
  g_autoptr(RuhuFormSet) forms = NULL;
  g_autoptr(RuhuDeviceKey) key = NULL;
  g_autoptr(RuhuDocument) document = NULL;
  g_autofree char *server_key = NULL;

  if ((server = ruhu_server_new (&config, error)) == NULL ||
      (blobs = ruhu_server_open_blob_store (server, error)) == NULL ||
      (forms = ruhu_form_set_load_default (error)) == NULL ||
      (server_key = ruhu_server_read_key (admin->key_file, error)) == NULL ||
      (key = ruhu_certificate_key_derive (server_key, error)) == NULL)
    return FALSE;
  options->blob_func = read_blob;
  options->blob_data = blobs;
  options->certificate_key = key;
  document = ruhu_document_new (ruhu_server_get_store (server), forms, args->case_id, kind,
                                options, error);
  return document != NULL && ruhu_document_save_pdf (document, args->out, error);
}

int
ruhu_admin_document (RuhuAdmin *admin,
                     GStrv      args)
{
  g_auto(DocumentArgs) parsed = { 0, };
  GOptionEntry entries[] = {
    { "case", 'c', 0, G_OPTION_ARG_STRING, &parsed.case_id, N_("The case"), N_("ID") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &parsed.kind,
      N_("sheet, acceptance, materials, result, opinion, notice-list, decision or certificate"),
      N_("KIND") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &parsed.out, N_("The PDF file to write"),
      N_("FILE") },
    { "mask", 0, 0, G_OPTION_ARG_STRING, &parsed.mask,
      N_("How public documents write names: middle (the default), given or none"),
      N_("MASK") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &parsed.date, N_("The date of issue (default: today)"),
      N_("YYYY-MM-DD") },
    { "verify-url", 0, 0, G_OPTION_ARG_STRING, &parsed.verify_url,
      N_("Where certificates are verified (default: http://127.0.0.1:8080)"), N_("URL") },
    G_OPTION_ENTRY_NULL
  };
  RuhuDocumentOptions options = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;
  RuhuDocumentKind kind = RUHU_DOCUMENT_SHEET;
  GDate date;

  g_date_clear (&date, 1);
  if (!ruhu_admin_parse (&args, "", entries, 0) ||
      !check_args (&parsed, &kind, &options.name_mask, &date) || !ruhu_admin_need_key (admin))
    return RUHU_ADMIN_EXIT_USAGE;
  options.issued_on = g_date_valid (&date) ? &date : NULL;
  options.verify_url = parsed.verify_url != NULL ? parsed.verify_url : DEFAULT_VERIFY_URL;
  if (!make_document (admin, &parsed, kind, &options, &error))
    return ruhu_admin_fail (g_steal_pointer (&error));
  detail = g_strdup_printf ("%s %s", parsed.kind, parsed.out);
  return ruhu_admin_log (admin, "document", parsed.case_id, detail);
}
