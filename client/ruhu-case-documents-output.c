/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-case-documents-private.h"

/* What RuhuCaseDocuments does with a document: save it as a PDF (written
 * in a worker thread) or print it. */

/* How a saved document's file is named, before the household head's name. */
static const char * const file_names[] = {
  /* Translators: a file name, before "-" and the household head's name: 核对表 */
  [RUHU_DOCUMENT_SHEET] = N_("check-sheet"),
  /* Translators: a file name: 受理通知书 */
  [RUHU_DOCUMENT_ACCEPTANCE] = N_("acceptance-notice"),
  /* Translators: a file name: 一次性告知书 */
  [RUHU_DOCUMENT_MATERIALS] = N_("missing-materials-notice"),
  /* Translators: a file name: 调查结果告知书 */
  [RUHU_DOCUMENT_RESULT] = N_("investigation-result"),
  /* Translators: a file name: 乡镇审核意见 */
  [RUHU_DOCUMENT_OPINION] = N_("township-opinion"),
  /* Translators: a file name: 公示名单 */
  [RUHU_DOCUMENT_NOTICE_LIST] = N_("notice-list"),
  /* Translators: a file name: 决定书 */
  [RUHU_DOCUMENT_DECISION] = N_("decision"),
  /* Translators: a file name: 救助证明 */
  [RUHU_DOCUMENT_CERTIFICATE] = N_("certificate"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (file_names) == RUHU_N_DOCUMENT_KINDS);

typedef struct
{
  GPtrArray        *docs;
  RuhuDocumentKind  kind;
  char             *path;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_ptr_array_unref (job->docs);
  g_free (job->path);
  g_free (job);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveJob *job = task_data;
  GError *error = NULL;

  if (ruhu_document_save_pdf (g_ptr_array_index (job->docs, job->kind), job->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  RuhuCaseDocuments *self = RUHU_CASE_DOCUMENTS (source);
  SaveJob *job = g_task_get_task_data (G_TASK (res));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!g_task_propagate_boolean (G_TASK (res), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  ruhu_case_documents_update_actions (self);
  if (error != NULL)
    /* Translators: %s says why, e.g. "Permission denied". */
    text = g_strdup_printf (_("The document could not be saved: %s"), error->message);
  else
    /* Translators: %s is a file's path. */
    text = g_strdup_printf (_("Saved as %s"), job->path);
  ruhu_case_documents_show_message (self, text);
}

/**
 * ruhu_case_documents_save:
 * @file: a local file
 *
 * Writes the document of @kind to @file as a PDF in a worker thread; the
 * message under the list says when it is done or why it failed.
 */
void
ruhu_case_documents_save (RuhuCaseDocuments *self,
                          RuhuDocumentKind   kind,
                          GFile             *file)
{
  g_autoptr(GTask) task = NULL;
  SaveJob *job;

  g_return_if_fail (RUHU_IS_CASE_DOCUMENTS (self));
  g_return_if_fail (kind < RUHU_N_DOCUMENT_KINDS);
  g_return_if_fail (G_IS_FILE (file));

  if (self->busy || self->docs == NULL || g_ptr_array_index (self->docs, kind) == NULL)
    return;
  job = g_new0 (SaveJob, 1);
  job->path = g_file_get_path (file);
  if (job->path == NULL)
    {
      g_free (job);
      ruhu_case_documents_show_message (self, _("The document could not be saved: choose a "
                                                "folder on this device."));
      return;
    }
  job->docs = g_ptr_array_ref (self->docs);
  job->kind = kind;
  self->busy = TRUE;
  ruhu_case_documents_update_actions (self);
  ruhu_case_documents_show_message (self, NULL);
  task = g_task_new (self, self->cancellable, save_done_cb, NULL);
  g_task_set_source_tag (task, ruhu_case_documents_save);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_thread);
}

static char *
suggested_name (RuhuCaseDocuments *self,
                RuhuDocumentKind   kind)
{
  const char *name = _(file_names[kind]);
  g_autofree char *file = NULL;

  file = self->head_name != NULL && *self->head_name != '\0'
         ? g_strdup_printf ("%s-%s.pdf", name, self->head_name)
         : g_strdup_printf ("%s.pdf", name);
  /* A name typed on a tablet may hold a slash. */
  return g_strdelimit (g_steal_pointer (&file), "/\\", '_');
}

static void
chooser_response_cb (GtkNativeDialog   *chooser,
                     int                response,
                     RuhuCaseDocuments *self)
{
  RuhuDocumentKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (chooser), "kind"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      ruhu_case_documents_save (self, kind, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RuhuCaseDocuments *self = RUHU_CASE_DOCUMENTS (widget);
  RuhuDocumentKind kind = g_variant_get_uint32 (parameter);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (kind >= RUHU_N_DOCUMENT_KINDS)
    return;
  /* Translators: the title of the file chooser saving a document. */
  chooser = gtk_file_chooser_native_new (_("Save as PDF"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  name = suggested_name (self, kind);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  /* Translators: a file type in the file chooser. */
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_set_data (G_OBJECT (chooser), "kind", GUINT_TO_POINTER (kind));
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Printing -------------------------------------------------------------- */

typedef struct
{
  GPtrArray        *docs;
  RuhuDocumentKind  kind;
} PrintJob;

static void
print_job_free (gpointer data,
                GClosure *closure)
{
  PrintJob *job = data;

  g_ptr_array_unref (job->docs);
  g_free (job);
}

/* The document is laid out in points on A4: scaled to the context, so
 * that it fills the paper whatever unit or resolution the printer has. */
static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PrintJob          *job)
{
  RuhuDocument *doc = g_ptr_array_index (job->docs, job->kind);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width, height, scale;

  ruhu_document_get_page_size (doc, &width, &height);
  scale = MIN (gtk_print_context_get_width (context) / width,
               gtk_print_context_get_height (context) / height);
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  ruhu_document_render_page (doc, cr, (guint) page_nr);
  cairo_restore (cr);
}

/**
 * ruhu_case_documents_print_operation:
 *
 * A print operation for the document of @kind, on A4 without margins of
 * its own (the document has them); the caller runs it.
 *
 * Returns: (transfer full) (nullable): the operation, or %NULL when the
 * case is not ready for the document
 */
GtkPrintOperation *
ruhu_case_documents_print_operation (RuhuCaseDocuments *self,
                                     RuhuDocumentKind   kind)
{
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  GtkPaperSize *a4;
  RuhuDocument *doc;
  PrintJob *job;

  g_return_val_if_fail (RUHU_IS_CASE_DOCUMENTS (self), NULL);
  g_return_val_if_fail (kind < RUHU_N_DOCUMENT_KINDS, NULL);

  doc = self->docs != NULL ? g_ptr_array_index (self->docs, kind) : NULL;
  if (doc == NULL)
    return NULL;
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, ruhu_document_get_title (doc));
  gtk_print_operation_set_n_pages (operation, (int) ruhu_document_get_n_pages (doc));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_paper_size_free (a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  job = g_new0 (PrintJob, 1);
  job->docs = g_ptr_array_ref (self->docs);
  job->kind = kind;
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb), job,
                         print_job_free, 0);
  return operation;
}

static void
show_print_error (RuhuCaseDocuments *self,
                  const GError      *error)
{
  /* Translators: %s says why, as the printing system puts it. */
  g_autofree char *text = g_strdup_printf (_("The document could not be printed: %s"),
                                           error != NULL ? error->message : _("unknown error"));

  ruhu_case_documents_show_message (self, text);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               RuhuCaseDocuments       *self)
{
  g_autoptr(GError) error = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;
  gtk_print_operation_get_error (operation, &error);
  show_print_error (self, error);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RuhuCaseDocuments *self = RUHU_CASE_DOCUMENTS (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  RuhuDocumentKind kind = g_variant_get_uint32 (parameter);

  if (kind >= RUHU_N_DOCUMENT_KINDS ||
      (operation = ruhu_case_documents_print_operation (self, kind)) == NULL)
    return;
  ruhu_case_documents_show_message (self, NULL);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);
  /* Kept until the next print: an asynchronous operation outlives this. */
  g_set_object (&self->print_op, operation);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_print_error (self, error);
}

void
ruhu_case_documents_install_output (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "documents.save", "u", save_action);
  gtk_widget_class_install_action (widget_class, "documents.print", "u", print_action);
}
