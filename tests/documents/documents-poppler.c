/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <cairo.h>
#include <glib/gstdio.h>

#include "documents-fixture.h"

/* A document as others read it: written as a PDF, turned into PNGs by
 * pdftoppm (kept in the build directory's documents-out/ to be looked
 * at) and into text by pdftotext (poppler-utils). */

#define PAGE_PIXELS_WIDE  595  /* A4 at 72 dpi, within a pixel */
#define PAGE_PIXELS_HIGH  842

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", argv[0], error->message, err);
  return out;
}

static void
remove_old_pages (const char *dir,
                  const char *name)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strconcat (name, "-", NULL);
  const char *file;

  while (listing != NULL && (file = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (file, prefix) && g_str_has_suffix (file, ".png"))
      {
        g_autofree char *path = g_build_filename (dir, file, NULL);

        g_unlink (path);
      }
}

/* Counts the pages pdftoppm made, checking that each is an A4 page. */
static guint
check_pages (const char *dir,
             const char *name)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strconcat (name, "-", NULL);
  const char *file;
  guint n = 0;

  while (listing != NULL && (file = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (file, prefix) && g_str_has_suffix (file, ".png"))
      {
        g_autofree char *path = g_build_filename (dir, file, NULL);
        cairo_surface_t *page = cairo_image_surface_create_from_png (path);

        g_assert_cmpint (cairo_surface_status (page), ==, CAIRO_STATUS_SUCCESS);
        g_assert_cmpint (ABS (cairo_image_surface_get_width (page) - PAGE_PIXELS_WIDE), <=, 1);
        g_assert_cmpint (ABS (cairo_image_surface_get_height (page) - PAGE_PIXELS_HIGH), <=, 1);
        cairo_surface_destroy (page);
        n++;
      }
  return n;
}

/* Returns: (transfer full): the text of @pdf, lines joined, so that what
 * wraps at a line's end is found whole */
char *
doc_pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *raw = run (argv);
  g_auto(GStrv) lines = g_strsplit_set (raw, "\n\f", -1);

  return g_strjoinv ("", lines);
}

void
doc_fixture_check_pdf (DocFixture   *fixture,
                       RuhuDocument *document,
                       const char   *name,
                       DocOutput    *output)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strconcat (name, ".pdf", NULL);
  g_autofree char *pdf = g_build_filename (fixture->out_dir, file, NULL);
  g_autofree char *prefix = g_build_filename (fixture->out_dir, name, NULL);
  const char *ppm[] = { "pdftoppm", "-png", "-r", "72", pdf, prefix, NULL };
  g_autofree char *png_log = NULL;

  g_assert_true (ruhu_document_save_pdf (document, pdf, &error));
  g_assert_no_error (error);
  remove_old_pages (fixture->out_dir, name);
  png_log = run (ppm);
  output->n_pages = check_pages (fixture->out_dir, name);
  g_assert_cmpuint (output->n_pages, ==, ruhu_document_get_n_pages (document));
  g_assert_cmpuint (output->n_pages, >, 0);
  output->text = doc_pdf_text (pdf);
  g_test_message ("%s: %u pages", name, output->n_pages);
}

void
doc_output_clear (DocOutput *output)
{
  g_clear_pointer (&output->text, g_free);
}

void
doc_assert_contains (const DocOutput *output,
                     const char      *text)
{
  if (strstr (output->text, text) == NULL)
    g_error ("“%s” is not in the document:\n%s", text, output->text);
}

void
doc_assert_lacks (const DocOutput *output,
                  const char      *text)
{
  if (text != NULL && *text != '\0' && strstr (output->text, text) != NULL)
    g_error ("“%s” must not be in the document:\n%s", text, output->text);
}

/* The token printed under the QR code: "?t=RC1." CLAIMS "." and the 86
 * characters of a 64-byte signature; the text after it runs on. */
char *
doc_find_token (const char *text)
{
  const char *start = strstr (text, "?t=");
  const char *claims;
  const char *signature;

  g_assert_nonnull (start);
  start += 3;
  claims = start + strlen (RUHU_CERTIFICATE_TOKEN_PREFIX ".");
  signature = claims + strspn (claims, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                       "0123456789-_");
  g_assert_cmpint (*signature, ==, '.');
  return g_strndup (start, signature + 1 + 86 - start);
}

