/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <zip.h>

#include "ruhu-directory-townships.h"
#include "ruhu-report-batch.h"
#include "ruhu-workflow.h"

#define MANIFEST_NAME "manifest.csv"

static const RuhuDocumentKind batch_kinds[] = {
  RUHU_DOCUMENT_SHEET, RUHU_DOCUMENT_ACCEPTANCE, RUHU_DOCUMENT_RESULT, RUHU_DOCUMENT_OPINION,
};

static const char * const kind_files[] = {
  [RUHU_DOCUMENT_SHEET] = "sheet.pdf",
  [RUHU_DOCUMENT_ACCEPTANCE] = "acceptance.pdf",
  [RUHU_DOCUMENT_RESULT] = "result.pdf",
  [RUHU_DOCUMENT_OPINION] = "opinion.pdf",
};

/* Whether the case's report to the district (its last counted one) falls
 * in the month. */
static gboolean
reported_in (RuhuStore   *store,
             const char  *case_id,
             guint        year,
             guint        month,
             gboolean    *reported,
             GError     **error)
{
  g_autoptr(RuhuCaseFlow) flow = ruhu_case_flow_read (store, case_id, error);
  const RuhuTransition *report;
  g_autoptr(GDateTime) at = NULL;

  *reported = FALSE;
  if (flow == NULL)
    return FALSE;
  report = ruhu_case_flow_find_last (flow, RUHU_STEP_REPORT);
  if (report != NULL && report->at != NULL &&
      (at = g_date_time_new_from_iso8601 (report->at, NULL)) != NULL)
    *reported = (guint) g_date_time_get_year (at) == year &&
                (guint) g_date_time_get_month (at) == month;
  return TRUE;
}

static gboolean
zip_fail (zip_t   *zip,
          GError **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write the ZIP file: %s"),
               zip_strerror (zip));
  return FALSE;
}

/* Adds @bytes as @name; the archive keeps a reference until it is closed. */
static gboolean
add_bytes (zip_t       *zip,
           const char  *name,
           GBytes      *bytes,
           GPtrArray   *keep,
           GError     **error)
{
  gsize length = 0;
  const void *data = g_bytes_get_data (bytes, &length);
  zip_source_t *source = zip_source_buffer (zip, data, length, 0);

  g_ptr_array_add (keep, g_bytes_ref (bytes));
  if (source == NULL || zip_file_add (zip, name, source, ZIP_FL_ENC_UTF_8) < 0)
    {
      zip_source_free (source);
      return zip_fail (zip, error);
    }
  return TRUE;
}

/* Renders one document to a PDF in @dir and reads it back. NULL without an
 * error for a document the case does not have yet. */
static GBytes *
render (RuhuStore                 *store,
        RuhuFormSet               *forms,
        const RuhuDocumentOptions *options,
        const char                *case_id,
        RuhuDocumentKind           kind,
        const char                *dir,
        GError                   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(RuhuDocument) document = ruhu_document_new (store, forms, case_id, kind, options,
                                                        &local_error);
  g_autofree char *path = g_build_filename (dir, kind_files[kind], NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (document == NULL)
    {
      if (!g_error_matches (local_error, RUHU_DOCUMENT_ERROR, RUHU_DOCUMENT_ERROR_NOT_READY))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!ruhu_document_save_pdf (document, path, error) ||
      !g_file_get_contents (path, &contents, &length, error))
    return NULL;
  g_unlink (path);
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

static void
manifest_line (GString    *manifest,
               const char *name,
               GBytes     *bytes,
               const char *case_id)
{
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  g_string_append_printf (manifest, "\"%s\",%s,%zu,\"%s\"\r\n", name, sha256,
                          g_bytes_get_size (bytes), case_id);
}

static gboolean
add_case (zip_t                     *zip,
          RuhuStore                 *store,
          RuhuFormSet               *forms,
          const RuhuDocumentOptions *options,
          const char                *case_id,
          const char                *dir,
          GString                   *manifest,
          GPtrArray                 *keep,
          GError                   **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (batch_kinds); i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GBytes) pdf = render (store, forms, options, case_id, batch_kinds[i], dir,
                                      &local_error);
      g_autofree char *name = NULL;

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (pdf == NULL)
        continue;
      name = g_strdup_printf ("%s/%s", case_id, kind_files[batch_kinds[i]]);
      if (!add_bytes (zip, name, pdf, keep, error))
        return FALSE;
      manifest_line (manifest, name, pdf, case_id);
    }
  return TRUE;
}

/**
 * ruhu_report_batch_write:
 * @township: (nullable): one township's cases, or %NULL for the district's
 * @n_cases: (out) (optional): how many cases the batch holds
 *
 * Writes the batch to @zip_path, replacing it; on failure nothing is left
 * there.
 */
gboolean
ruhu_report_batch_write (RuhuStore                  *store,
                         RuhuDirectory              *directory,
                         RuhuFormSet                *forms,
                         const RuhuDocumentOptions  *options,
                         guint                       year,
                         guint                       month,
                         const char                 *township,
                         const char                 *zip_path,
                         guint                      *n_cases,
                         GError                    **error)
{
  g_autoptr(GPtrArray) cases = ruhu_directory_list_cases_in (directory, township ? township : "",
                                                             error);
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  /* A byte-order mark, so that spreadsheets read the manifest as UTF-8. */
  g_autoptr(GString) manifest = g_string_new ("\xEF\xBB\xBF" "file,sha256,bytes,case\r\n");
  g_autoptr(GBytes) manifest_bytes = NULL;
  g_autofree char *dir = NULL;
  guint count = 0;
  zip_t *zip;
  int code = 0;

  if (cases == NULL || (dir = g_dir_make_tmp ("ruhu-batch-XXXXXX", error)) == NULL)
    return FALSE;
  if ((zip = zip_open (zip_path, ZIP_CREATE | ZIP_TRUNCATE, &code)) == NULL)
    {
      zip_error_t zip_error;

      zip_error_init_with_code (&zip_error, code);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write the ZIP file %s: %s"),
                   zip_path, zip_error_strerror (&zip_error));
      zip_error_fini (&zip_error);
      g_rmdir (dir);
      return FALSE;
    }
  for (guint i = 0; i < cases->len; i++)
    {
      const char *case_id = g_ptr_array_index (cases, i);
      gboolean reported;

      if (!reported_in (store, case_id, year, month, &reported, error) ||
          (reported && !add_case (zip, store, forms, options, case_id, dir, manifest, keep, error)))
        {
          g_rmdir (dir);
          zip_discard (zip);
          return FALSE;
        }
      count += reported;
    }
  g_rmdir (dir);
  manifest_bytes = g_bytes_new (manifest->str, manifest->len);
  if (!add_bytes (zip, MANIFEST_NAME, manifest_bytes, keep, error))
    {
      zip_discard (zip);
      return FALSE;
    }
  if (zip_close (zip) < 0)
    {
      zip_fail (zip, error);
      zip_discard (zip);
      return FALSE;
    }
  if (n_cases != NULL)
    *n_cases = count;
  return TRUE;
}
