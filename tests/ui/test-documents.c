/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ruhu-case-documents.h"
#include "ruhu-case-page.h"
#include "section-window.h"
#include "test-workflow-case.h"

/* The case page's documents: on a case reported to the district, the
 * check sheet can be saved and printed while the certificate waits for the
 * grant and says so; saving writes a PDF with the household head's name;
 * printing (exported to a file, no dialog) prints every page of the
 * document; after the grant the decision is ready too. */

#define HEAD_NAME "王芳"   /* test_case_new_complete()'s head of household */
#define WATCHDOG_SECONDS 120

typedef struct
{
  SectionWindow      base;
  char              *case_id;
  RuhuCaseDocuments *documents;
} DocumentsFixture;

typedef gboolean (*Pending) (gpointer object);

static gboolean
watchdog_cb (gpointer user_data)
{
  g_error ("Waited too long for %s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop while @pending says @object is still at work. */
static void
wait_for (gpointer    object,
          Pending     pending,
          const char *what)
{
  guint watchdog = g_timeout_add_seconds (WATCHDOG_SECONDS, watchdog_cb, (gpointer) what);

  while (pending (object))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (watchdog);
  ui_iterate (50);
}

static gboolean
documents_loading (gpointer object)
{
  return ruhu_case_documents_get_loading (object);
}

static gboolean
documents_busy (gpointer object)
{
  return ruhu_case_documents_get_busy (object);
}

static gboolean
page_loading (gpointer object)
{
  return ruhu_case_page_get_loading (object);
}

static void
documents_setup (DocumentsFixture *f,
                 gconstpointer     data)
{
  RuhuStore *store;

  section_window_setup (&f->base);
  store = ruhu_device_get_store (f->base.ui.device);
  f->case_id = test_case_new_complete (store, "rural_dibao");
  test_case_walk (store, f->case_id, RUHU_CASE_STATE_REPORTED);
  f->documents = ruhu_case_documents_new (f->base.ui.device);
  ruhu_case_documents_set_case (f->documents, f->case_id);
  section_window_show (&f->base, GTK_WIDGET (f->documents), 720, 900);
  wait_for (f->documents, documents_loading, "the documents to be made");
}

static void
documents_teardown (DocumentsFixture *f,
                    gconstpointer     data)
{
  section_window_teardown (&f->base);
  g_free (f->case_id);
}

static RuhuDocument *
make_document (DocumentsFixture *f,
               RuhuDocumentKind  kind)
{
  g_autoptr(GError) error = NULL;
  RuhuDocument *doc = ruhu_document_new (ruhu_device_get_store (f->base.ui.device),
                                         ruhu_device_get_forms (f->base.ui.device),
                                         f->case_id, kind, NULL, &error);

  g_assert_no_error (error);
  return doc;
}

static char *
temp_path (DocumentsFixture *f,
           const char       *name)
{
  return g_build_filename (f->base.ui.dir, name, NULL);
}

static void
assert_pdf (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
}

/* Runs a poppler tool on @path (and @out, for pdftotext's "-"); NULL when
 * poppler-utils are missing. */
static char *
poppler (const char *tool,
         const char *path,
         const char *out_arg)
{
  g_autofree char *program = g_find_program_in_path (tool);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (program == NULL)
    return NULL;
  {
    const char *argv[] = { program, path, out_arg, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                                 NULL, &out, NULL, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static guint
pdf_pages (const char *path)
{
  g_autofree char *info = poppler ("pdfinfo", path, NULL);
  const char *pages;

  if (info == NULL)
    return 0;
  pages = strstr (info, "Pages:");
  g_assert_nonnull (pages);
  /* Printed on A4, as the document is laid out. */
  g_assert_nonnull (strstr (info, "(A4)"));
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

static void
test_readiness (DocumentsFixture *f,
                gconstpointer     data)
{
  GtkWidget *sheet = ruhu_case_documents_get_row (f->documents, RUHU_DOCUMENT_SHEET);
  GtkWidget *decision = ruhu_case_documents_get_row (f->documents, RUHU_DOCUMENT_DECISION);
  GtkWidget *certificate = ruhu_case_documents_get_row (f->documents, RUHU_DOCUMENT_CERTIFICATE);
  g_autofree char *reason = NULL;

  g_assert_true (gtk_widget_get_sensitive (sheet));
  g_assert_true (gtk_widget_get_sensitive (
    ruhu_case_documents_get_row (f->documents, RUHU_DOCUMENT_ACCEPTANCE)));
  g_assert_false (gtk_widget_get_sensitive (decision));
  g_assert_false (gtk_widget_get_sensitive (certificate));
  /* The reason names the step the case has not taken. */
  reason = g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (certificate)));
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, ruhu_step_get_label (RUHU_STEP_GRANT)));
  g_assert_null (ruhu_case_documents_get_message (f->documents));
  section_window_photograph (GTK_WIDGET (f->base.window), "documents");

  gtk_window_set_default_size (f->base.window, 360, 900);
  ui_iterate (300);
  section_window_photograph (GTK_WIDGET (f->base.window), "documents-narrow");

  /* After the grant the decision is ready; the certificate is the server's. */
  test_case_walk (ruhu_device_get_store (f->base.ui.device), f->case_id,
                  RUHU_CASE_STATE_GRANTED);
  ruhu_device_case_changed (f->base.ui.device, f->case_id);
  g_assert_true (ruhu_case_documents_get_loading (f->documents));
  wait_for (f->documents, documents_loading, "the documents to be made again");
  g_assert_true (gtk_widget_get_sensitive (decision));
  g_assert_false (gtk_widget_get_sensitive (certificate));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (certificate)), !=, reason);
}

static void
test_save (DocumentsFixture *f,
           gconstpointer     data)
{
  g_autofree char *path = temp_path (f, "sheet.pdf");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;

  ruhu_case_documents_save (f->documents, RUHU_DOCUMENT_SHEET, file);
  g_assert_true (ruhu_case_documents_get_busy (f->documents));
  wait_for (f->documents, documents_busy, "the sheet to be saved");
  assert_pdf (path);
  g_assert_nonnull (strstr (ruhu_case_documents_get_message (f->documents), path));
  text = poppler ("pdftotext", path, "-");
  if (text == NULL)
    g_test_message ("pdftotext is missing: the PDF's text is not checked");
  else
    g_assert_nonnull (strstr (text, HEAD_NAME));
}

static void
test_save_fails_plainly (DocumentsFixture *f,
                         gconstpointer     data)
{
  g_autofree char *path = temp_path (f, "no-such-folder/sheet.pdf");
  g_autoptr(GFile) file = g_file_new_for_path (path);

  ruhu_case_documents_save (f->documents, RUHU_DOCUMENT_SHEET, file);
  wait_for (f->documents, documents_busy, "the sheet to fail");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_nonnull (ruhu_case_documents_get_message (f->documents));
  g_assert_null (strstr (ruhu_case_documents_get_message (f->documents), "Saved"));
}

static void
count_page_cb (GtkPrintOperation *operation,
               GtkPrintContext   *context,
               int                page_nr,
               guint             *count)
{
  (*count)++;
}

static void
test_print (DocumentsFixture *f,
            gconstpointer     data)
{
  g_autoptr(RuhuDocument) doc = make_document (f, RUHU_DOCUMENT_SHEET);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *path = temp_path (f, "printed.pdf");
  g_autoptr(GError) error = NULL;
  guint drawn = 0, pages;

  g_assert_cmpuint (ruhu_document_get_n_pages (doc), >, 1);
  g_assert_null (ruhu_case_documents_print_operation (f->documents, RUHU_DOCUMENT_CERTIFICATE));
  operation = ruhu_case_documents_print_operation (f->documents, RUHU_DOCUMENT_SHEET);
  g_assert_nonnull (operation);
  g_signal_connect (operation, "draw-page", G_CALLBACK (count_page_cb), &drawn);
  gtk_print_operation_set_export_filename (operation, path);
  g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT,
                                            f->base.window, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_assert_cmpuint (drawn, ==, ruhu_document_get_n_pages (doc));
  assert_pdf (path);
  pages = pdf_pages (path);
  if (pages == 0)
    g_test_message ("pdfinfo is missing: the printed pages are not counted");
  else
    g_assert_cmpuint (pages, ==, ruhu_document_get_n_pages (doc));
}

/* The case page shows the documents as its last section. */
static void
test_in_case_page (DocumentsFixture *f,
                   gconstpointer     data)
{
  RuhuCasePage *page = ruhu_case_page_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *found;
  GtkScrolledWindow *scroller;
  GtkAdjustment *adjustment;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  ruhu_case_page_set_device (page, f->base.ui.device);
  ruhu_case_page_set_case (page, f->case_id);
  found = ui_find_by_type (GTK_WIDGET (page), RUHU_TYPE_CASE_DOCUMENTS);
  g_assert_nonnull (found);
  wait_for (RUHU_CASE_DOCUMENTS (found), documents_loading,
            "the page's documents to be made");
  g_assert_true (gtk_widget_get_sensitive (
    ruhu_case_documents_get_row (RUHU_CASE_DOCUMENTS (found), RUHU_DOCUMENT_SHEET)));
  wait_for (page, page_loading, "the case page to load");
  /* Last on the page: scrolled to the end, the section shows. */
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 900);
  gtk_window_present (GTK_WINDOW (window));
  section_window_wait_mapped (window);
  scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (found, GTK_TYPE_SCROLLED_WINDOW));
  adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                        gtk_adjustment_get_page_size (adjustment));
  section_window_photograph (window, "documents-case-page");
  gtk_window_destroy (GTK_WINDOW (window));
  ui_iterate (100);
}

int
main (int   argc,
      char *argv[])
{
  section_window_init (&argc, &argv);
  g_test_add ("/ruhu/ui/documents/readiness", DocumentsFixture, NULL,
              documents_setup, test_readiness, documents_teardown);
  g_test_add ("/ruhu/ui/documents/save", DocumentsFixture, NULL,
              documents_setup, test_save, documents_teardown);
  g_test_add ("/ruhu/ui/documents/save-fails-plainly", DocumentsFixture, NULL,
              documents_setup, test_save_fails_plainly, documents_teardown);
  g_test_add ("/ruhu/ui/documents/print", DocumentsFixture, NULL,
              documents_setup, test_print, documents_teardown);
  g_test_add ("/ruhu/ui/documents/in-case-page", DocumentsFixture, NULL,
              documents_setup, test_in_case_page, documents_teardown);
  return g_test_run ();
}
