/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "documents-fixture.h"
#include "ruhu-document-private.h"

/* The documents' API around the documents themselves: what a case cannot
 * have, drawing a page on any cairo context, making one in a worker
 * thread, masked names and the kinds' names. */

static void
test_not_ready (DocFixture    *fixture,
                gconstpointer  data)
{
  RuhuDocumentOptions keyless = fixture->options;
  struct
  {
    DocCase              which;
    const char          *case_id;
    RuhuDocumentKind     kind;
    RuhuDocumentOptions *options;
    int                  code;
  } cases[] = {
    { DOC_CASE_MATERIALS, NULL, RUHU_DOCUMENT_ACCEPTANCE, NULL, RUHU_DOCUMENT_ERROR_NOT_READY },
    { DOC_CASE_SIGNED, NULL, RUHU_DOCUMENT_CERTIFICATE, NULL, RUHU_DOCUMENT_ERROR_NOT_READY },
    { DOC_CASE_SIGNED, NULL, RUHU_DOCUMENT_DECISION, NULL, RUHU_DOCUMENT_ERROR_NOT_READY },
    { DOC_CASE_GRANTED, NULL, RUHU_DOCUMENT_NOTICE_LIST, NULL, RUHU_DOCUMENT_ERROR_NOT_READY },
    { DOC_CASE_GRANTED, NULL, RUHU_DOCUMENT_CERTIFICATE, &keyless, RUHU_DOCUMENT_ERROR_INVALID },
    { 0, "00000000-0000-4000-8000-000000000000", RUHU_DOCUMENT_SHEET, NULL,
      RUHU_DOCUMENT_ERROR_NOT_FOUND },
  };

  keyless.certificate_key = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RuhuDocument) document = NULL;

      document = ruhu_document_new (fixture->store, fixture->forms,
                                    cases[i].case_id ? cases[i].case_id
                                                     : fixture->cases[cases[i].which],
                                    cases[i].kind,
                                    cases[i].options ? cases[i].options : &fixture->options,
                                    &error);
      g_assert_null (document);
      g_assert_error (error, RUHU_DOCUMENT_ERROR, cases[i].code);
    }
}

/* The path printing takes: any cairo context, scaled as it likes. */
static void
test_render_page (DocFixture    *fixture,
                  gconstpointer  data)
{
  g_autoptr(RuhuDocument) document = doc_fixture_make (fixture, DOC_CASE_SIGNED,
                                                       RUHU_DOCUMENT_ACCEPTANCE);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 298, 421);
  cairo_t *cr = cairo_create (surface);
  const guint8 *pixels;
  int stride;
  guint dark = 0;
  double width, height;

  ruhu_document_get_page_size (document, &width, &height);
  g_assert_cmpfloat (width, <, height);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, 298 / width, 421 / height);
  ruhu_document_render_page (document, cr, 0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < 421; y++)
    for (int x = 0; x < 298; x++)
      dark += (((const guint32 *) (gconstpointer) (pixels + y * stride))[x] & 0xff) < 128;
  cairo_surface_destroy (surface);
  g_assert_cmpuint (dark, >, 500);
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
watchdog_cb (gpointer user_data)
{
  g_error ("The document was not made within the time allowed");
  return G_SOURCE_REMOVE;
}

/* Made in a worker thread as a window would, with options that do not
 * outlive the call (the date of issue is copied). */
static RuhuDocument *
make_async (DocFixture        *fixture,
            DocCase            which,
            RuhuDocumentKind   kind,
            GError           **error)
{
  RuhuDocumentOptions options = fixture->options;
  GDate issued = fixture->issued;
  GAsyncResult *result = NULL;
  guint watchdog = g_timeout_add_seconds (60, watchdog_cb, NULL);
  RuhuDocument *document;

  options.issued_on = &issued;
  ruhu_document_new_async (fixture->store, fixture->forms, fixture->cases[which], kind,
                           &options, NULL, async_done_cb, &result);
  g_date_clear (&issued, 1);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (watchdog);
  document = ruhu_document_new_finish (fixture->store, result, error);
  g_object_unref (result);
  return document;
}

static void
test_async (DocFixture    *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuDocument) document = make_async (fixture, DOC_CASE_SIGNED,
                                                 RUHU_DOCUMENT_ACCEPTANCE, &error);
  g_autoptr(RuhuDocument) refused = NULL;
  g_auto(DocOutput) output = { 0, };

  g_assert_no_error (error);
  doc_fixture_check_pdf (fixture, document, "async-acceptance", &output);
  doc_assert_contains (&output, DOC_ISSUED_ON);
  refused = make_async (fixture, DOC_CASE_MATERIALS, RUHU_DOCUMENT_ACCEPTANCE, &error);
  g_assert_null (refused);
  g_assert_error (error, RUHU_DOCUMENT_ERROR, RUHU_DOCUMENT_ERROR_NOT_READY);
}

static void
test_name_masks (void)
{
  static const struct
  {
    const char   *name;
    RuhuNameMask  mask;
    const char   *shown;
  } cases[] = {
    { "张小明", RUHU_NAME_MASK_MIDDLE, "张*明" },
    { "张明", RUHU_NAME_MASK_MIDDLE, "张*" },
    { "张", RUHU_NAME_MASK_MIDDLE, "张" },
    { "欧阳娜娜", RUHU_NAME_MASK_MIDDLE, "欧**娜" },
    { "张小明", RUHU_NAME_MASK_GIVEN, "张**" },
    { "张小明", RUHU_NAME_MASK_NONE, "张小明" },
    { "阿卜杜热合曼·买买提明江", RUHU_NAME_MASK_MIDDLE, "阿****江" },
    { "\u202e张小明\u200f", RUHU_NAME_MASK_MIDDLE, "张*明" },
    { "<b>", RUHU_NAME_MASK_MIDDLE, "<*>" },
    { "", RUHU_NAME_MASK_MIDDLE, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = ruhu_doc_mask_name (cases[i].name, cases[i].mask);

      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
}

static void
test_kind_names (void)
{
  for (guint i = 0; i < RUHU_N_DOCUMENT_KINDS; i++)
    {
      RuhuDocumentKind kind = RUHU_N_DOCUMENT_KINDS;

      g_assert_true (ruhu_document_kind_from_string (ruhu_document_kind_to_string (i), &kind));
      g_assert_cmpint (kind, ==, i);
    }
  {
    RuhuDocumentKind kind;

    g_assert_false (ruhu_document_kind_from_string ("receipt", &kind));
  }
  g_assert_true (ruhu_document_kind_is_public (RUHU_DOCUMENT_CERTIFICATE));
  g_assert_false (ruhu_document_kind_is_public (RUHU_DOCUMENT_SHEET));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/ruhu/document-api/" path, DocFixture, NULL, doc_fixture_setup, func, \
              doc_fixture_teardown)
  ADD ("not-ready", test_not_ready);
  ADD ("render-page", test_render_page);
  ADD ("async", test_async);
#undef ADD
  g_test_add_func ("/ruhu/document-api/kind-names", test_kind_names);
  g_test_add_func ("/ruhu/document-api/name-masks", test_name_masks);
  return g_test_run ();
}
