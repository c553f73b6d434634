/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "ruhu-document-private.h"
#include "ruhu-sync.h"

/* RuhuDocument: one document of a case, laid out on A4 pages when it is
 * made, then drawn on whatever asks for a page (docs/documents.md). */

G_DEFINE_QUARK (ruhu-document-error-quark, ruhu_document_error)

typedef gboolean (*BuildFunc) (RuhuDocument  *doc,
                               RuhuDocCase   *kase,
                               GError       **error);

static const struct
{
  const char *name;
  BuildFunc   build;
  gboolean    is_public;
} kinds[] = {
  [RUHU_DOCUMENT_SHEET] = { "sheet", ruhu_doc_build_sheet, FALSE },
  [RUHU_DOCUMENT_ACCEPTANCE] = { "acceptance", ruhu_doc_build_acceptance, FALSE },
  [RUHU_DOCUMENT_MATERIALS] = { "materials", ruhu_doc_build_materials, FALSE },
  [RUHU_DOCUMENT_RESULT] = { "result", ruhu_doc_build_result, FALSE },
  [RUHU_DOCUMENT_OPINION] = { "opinion", ruhu_doc_build_opinion, FALSE },
  [RUHU_DOCUMENT_NOTICE_LIST] = { "notice-list", ruhu_doc_build_notice_list, TRUE },
  [RUHU_DOCUMENT_DECISION] = { "decision", ruhu_doc_build_decision, FALSE },
  [RUHU_DOCUMENT_CERTIFICATE] = { "certificate", ruhu_doc_build_certificate, TRUE },
};

G_STATIC_ASSERT (G_N_ELEMENTS (kinds) == RUHU_N_DOCUMENT_KINDS);

/* Returns: (transfer none): the kind's stable name, as ruhu-admin takes it */
const char *
ruhu_document_kind_to_string (RuhuDocumentKind kind)
{
  g_return_val_if_fail (kind < RUHU_N_DOCUMENT_KINDS, NULL);
  return kinds[kind].name;
}

gboolean
ruhu_document_kind_from_string (const char       *text,
                                RuhuDocumentKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (text, kinds[i].name) == 0)
      {
        *kind = (RuhuDocumentKind) i;
        return TRUE;
      }
  return FALSE;
}

/* Whether anyone may see the document: it then holds no ID number,
 * address, health or disability data, and names are masked as asked. */
gboolean
ruhu_document_kind_is_public (RuhuDocumentKind kind)
{
  g_return_val_if_fail (kind < RUHU_N_DOCUMENT_KINDS, FALSE);
  return kinds[kind].is_public;
}

/**
 * ruhu_document_new:
 * @store: the store holding the case (read only; safe off the main thread)
 * @forms: the forms, for labels
 * @options: (nullable): what the case does not say; %NULL for defaults
 * @error: a #RuhuDocumentError, or a store error
 *
 * Lays out one document of a case.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error
 */
RuhuDocument *
ruhu_document_new (RuhuStore                 *store,
                   RuhuFormSet               *forms,
                   const char                *case_id,
                   RuhuDocumentKind           kind,
                   const RuhuDocumentOptions *options,
                   GError                   **error)
{
  static const RuhuDocumentOptions defaults = { 0, };
  g_autoptr(RuhuDocument) doc = NULL;
  g_autoptr(RuhuDocCase) kase = NULL;

  g_return_val_if_fail (RUHU_IS_STORE (store), NULL);
  g_return_val_if_fail (forms != NULL, NULL);
  g_return_val_if_fail (case_id != NULL, NULL);
  g_return_val_if_fail (kind < RUHU_N_DOCUMENT_KINDS, NULL);

  kase = ruhu_doc_case_load (store, forms, case_id, options ? options : &defaults, error);
  if (kase == NULL)
    return NULL;
  doc = g_new0 (RuhuDocument, 1);
  doc->kind = kind;
  ruhu_doc_init (doc);
  ruhu_doc_case_set_header (doc, kase);
  if (!kinds[kind].build (doc, kase, error))
    return NULL;
  ruhu_doc_finish (doc);
  return g_steal_pointer (&doc);
}

void
ruhu_document_free (RuhuDocument *self)
{
  if (self == NULL)
    return;
  ruhu_doc_clear (self);
  g_free (self);
}

/* Returns: (transfer none): the document's title, for a file name or a
 * print job */
const char *
ruhu_document_get_title (RuhuDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title != NULL ? self->title : "";
}

guint
ruhu_document_get_n_pages (RuhuDocument *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->pages->len;
}

/* In points; every page is A4 upright. */
void
ruhu_document_get_page_size (RuhuDocument *self,
                             double       *width,
                             double       *height)
{
  g_return_if_fail (self != NULL);
  if (width != NULL)
    *width = RUHU_DOC_PAGE_WIDTH;
  if (height != NULL)
    *height = RUHU_DOC_PAGE_HEIGHT;
}

/**
 * ruhu_document_render_page:
 * @page_no: from 0
 *
 * Draws one page with its top left corner at @cr's origin, one unit a
 * point: scale @cr first to draw it at another size (a print context's
 * width divided by the page width, say).
 */
void
ruhu_document_render_page (RuhuDocument *self,
                           cairo_t      *cr,
                           guint         page_no)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page_no < self->pages->len);
  ruhu_doc_render (self, cr, page_no);
}

/**
 * ruhu_document_save_pdf:
 *
 * Writes the document to @path as a PDF with its fonts embedded.
 *
 * Returns: whether it was written; %RUHU_DOCUMENT_ERROR_FAILED if not
 */
gboolean
ruhu_document_save_pdf (RuhuDocument  *self,
                        const char    *path,
                        GError       **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  surface = cairo_pdf_surface_create (path, RUHU_DOC_PAGE_WIDTH, RUHU_DOC_PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, ruhu_document_get_title (self));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Ruhu " PACKAGE_VERSION);
  cr = cairo_create (surface);
  for (guint i = 0; i < self->pages->len; i++)
    {
      ruhu_doc_render (self, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, RUHU_DOCUMENT_ERROR, RUHU_DOCUMENT_ERROR_FAILED,
                   _("Could not write %s: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* What a document made in a worker thread needs, copied. */
typedef struct
{
  RuhuStore           *store;
  RuhuFormSet         *forms;
  char                *case_id;
  RuhuDocumentKind     kind;
  RuhuDocumentOptions  options;
  GDate                issued_on;
} NewData;

static void
new_data_free (NewData *data)
{
  g_object_unref (data->store);
  ruhu_form_set_unref (data->forms);
  g_free (data->case_id);
  g_free (data);
}

static void
new_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  NewData *data = task_data;
  GError *error = NULL;
  RuhuDocument *document = ruhu_document_new (data->store, data->forms, data->case_id,
                                              data->kind, &data->options, &error);

  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, document, (GDestroyNotify) ruhu_document_free);
}

/**
 * ruhu_document_new_async:
 * @options: (nullable): copied; what its pointers name (blob data, key,
 *   URL) must live until the callback
 *
 * Lays out a document in a worker thread, for a window that must not wait.
 */
void
ruhu_document_new_async (RuhuStore                 *store,
                         RuhuFormSet               *forms,
                         const char                *case_id,
                         RuhuDocumentKind           kind,
                         const RuhuDocumentOptions *options,
                         GCancellable              *cancellable,
                         GAsyncReadyCallback        callback,
                         gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  NewData *data;

  g_return_if_fail (RUHU_IS_STORE (store));
  g_return_if_fail (forms != NULL && case_id != NULL);
  g_return_if_fail (kind < RUHU_N_DOCUMENT_KINDS);

  data = g_new0 (NewData, 1);
  data->store = g_object_ref (store);
  data->forms = ruhu_form_set_ref (forms);
  data->case_id = g_strdup (case_id);
  data->kind = kind;
  if (options != NULL)
    data->options = *options;
  if (options != NULL && options->issued_on != NULL)
    {
      data->issued_on = *options->issued_on;
      data->options.issued_on = &data->issued_on;
    }
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, ruhu_document_new_async);
  g_task_set_task_data (task, data, (GDestroyNotify) new_data_free);
  g_task_run_in_thread (task, new_thread);
}

/* Returns: (transfer full) (nullable): the document, or %NULL with @error */
RuhuDocument *
ruhu_document_new_finish (RuhuStore     *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ruhu_document_read_sync_blob:
 * @sync_client: a #RuhuSyncClient
 *
 * A #RuhuDocumentBlobFunc for devices: the photos and signatures this
 * device has, decrypted.
 */
GBytes *
ruhu_document_read_sync_blob (const char  *sha256,
                              gpointer     sync_client,
                              GError     **error)
{
  return ruhu_sync_client_read_photo (RUHU_SYNC_CLIENT (sync_client), sha256, error);
}
