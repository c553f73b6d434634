/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "ruhu-admin-document.h"
#include "ruhu-blob-store.h"
#include "ruhu-handlers.h"
#include "ruhu-ledger.h"
#include "ruhu-report-batch.h"

/* "ruhu-admin ledger" and "ruhu-admin report-batch": the month's
 * statistics ledger as CSV, and the district's report batch as a ZIP. */

typedef struct
{
  char *month;
  char *township;
  char *out;
} ExportArgs;

static void
export_args_clear (ExportArgs *args)
{
  g_free (args->month);
  g_free (args->township);
  g_free (args->out);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExportArgs, export_args_clear)

/* Parses the options both commands take; prints why not on a mistake. */
static gboolean
parse_export (GStrv      *args,
              ExportArgs *parsed,
              guint      *year,
              guint      *month)
{
  GOptionEntry entries[] = {
    { "month", 'm', 0, G_OPTION_ARG_STRING, &parsed->month, N_("The month"), N_("YYYY-MM") },
    { "township", 't', 0, G_OPTION_ARG_STRING, &parsed->township,
      N_("Only this township (default: the whole district)"), N_("CODE") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &parsed->out, N_("The file to write"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  char tail = '\0';

  if (!ruhu_admin_parse (args, "", entries, 0))
    return FALSE;
  if (parsed->month == NULL || parsed->out == NULL)
    ruhu_admin_usage (_("“%s” needs --month YYYY-MM and --out FILE."), (*args)[0]);
  else if (sscanf (parsed->month, "%4u-%2u%c", year, month, &tail) != 2 || *month < 1 ||
           *month > 12 || *year < 2000)
    ruhu_admin_usage (_("“%s” is not a month: write it as YYYY-MM, e.g. 2026-11."),
                      parsed->month);
  else
    return TRUE;
  return FALSE;
}

static RuhuServer *
open_server (RuhuAdmin  *admin,
             GError    **error)
{
  RuhuServerConfig config = { .data_dir = admin->data_dir, .key_file = admin->key_file,
                              .quiet = TRUE };

  return ruhu_server_new (&config, error);
}

int
ruhu_admin_ledger (RuhuAdmin *admin,
                   GStrv      args)
{
  g_auto(ExportArgs) parsed = { 0 };
  g_autoptr(RuhuServer) server = NULL;
  g_autoptr(RuhuFormSet) forms = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GBytes) csv = NULL;
  GError *error = NULL;
  guint year = 0, month = 0;

  if (!parse_export (&args, &parsed, &year, &month) || !ruhu_admin_need_key (admin))
    return RUHU_ADMIN_EXIT_USAGE;
  if ((server = open_server (admin, &error)) == NULL ||
      (forms = ruhu_form_set_load_default (&error)) == NULL ||
      (rows = ruhu_ledger_compute (ruhu_server_get_store (server),
                                   ruhu_server_get_directory (server), year, month,
                                   parsed.township, &error)) == NULL)
    return ruhu_admin_fail (error);
  csv = ruhu_ledger_to_csv (rows, forms, year, month);
  if (!g_file_set_contents (parsed.out, g_bytes_get_data (csv, NULL), g_bytes_get_size (csv),
                            &error))
    return ruhu_admin_fail (error);
  return ruhu_admin_log (admin, "ledger", parsed.month, parsed.out);
}

static GBytes *
read_blob (const char  *sha256,
           gpointer     blobs,
           GError     **error)
{
  return ruhu_blob_store_read (blobs, sha256, 0, -1, NULL, error);
}

int
ruhu_admin_report_batch (RuhuAdmin *admin,
                         GStrv      args)
{
  g_auto(ExportArgs) parsed = { 0 };
  g_autoptr(RuhuServer) server = NULL;
  g_autoptr(RuhuBlobStore) blobs = NULL;
  g_autoptr(RuhuFormSet) forms = NULL;
  RuhuDocumentOptions options = { 0 };
  g_autofree char *detail = NULL;
  GError *error = NULL;
  guint year = 0, month = 0, n_cases = 0;

  if (!parse_export (&args, &parsed, &year, &month) || !ruhu_admin_need_key (admin))
    return RUHU_ADMIN_EXIT_USAGE;
  if ((server = open_server (admin, &error)) == NULL ||
      (blobs = ruhu_server_open_blob_store (server, &error)) == NULL ||
      (forms = ruhu_form_set_load_default (&error)) == NULL)
    return ruhu_admin_fail (error);
  options.blob_func = read_blob;
  options.blob_data = blobs;
  if (!ruhu_report_batch_write (ruhu_server_get_store (server), ruhu_server_get_directory (server),
                                forms, &options, year, month, parsed.township, parsed.out,
                                &n_cases, &error))
    return ruhu_admin_fail (error);
  /* Translators: %u is a number of cases, %s a file */
  g_print (_("%u cases reported in the month written to %s\n"), n_cases, parsed.out);
  detail = g_strdup_printf ("%u %s", n_cases, parsed.out);
  return ruhu_admin_log (admin, "report-batch", parsed.month, detail);
}
