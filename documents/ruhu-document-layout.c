/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-document-private.h"

/* The page layout: blocks flow down the pages of a document and are
 * recorded as drawing operations, so that a document is laid out once and
 * drawn the same on a PDF, a printer's pages or a test's PNG. Its text is
 * measured with its own font map at 72 dpi without hinting: the metrics
 * then do not depend on the surface it is drawn on. */

typedef enum
{
  DRAW_TEXT,
  DRAW_RECT,
  DRAW_FILL,
  DRAW_IMAGE,
} DrawKind;

typedef struct
{
  DrawKind         kind;
  double           x, y, width, height;
  double           clip_top;     /* DRAW_TEXT: the part of the layout shown */
  double           clip_height;  /* 0: all of it */
  PangoLayout     *layout;
  cairo_surface_t *image;
  gboolean         pixelated;
} DrawOp;

#define LINE_WIDTH     0.6
#define SHADE          0.93
#define PARAGRAPH_GAP  6.0

static const struct
{
  const char *font;
  double      line_spacing;  /* as a factor of the font's own */
} styles[] = {
  [RUHU_DOC_STYLE_BODY] = { "Noto Serif CJK SC 11", 1.15 },
  [RUHU_DOC_STYLE_CELL] = { "Noto Serif CJK SC 9.5", 1.0 },
  [RUHU_DOC_STYLE_LABEL] = { "Noto Sans CJK SC 9.5", 1.0 },
  [RUHU_DOC_STYLE_SMALL] = { "Noto Serif CJK SC 8", 1.0 },
  [RUHU_DOC_STYLE_CODE] = { "Noto Sans Mono CJK SC 7.5", 1.0 },
  [RUHU_DOC_STYLE_HEADING] = { "Noto Sans CJK SC Bold 12", 1.0 },
  [RUHU_DOC_STYLE_TITLE] = { "Noto Sans CJK SC Bold 18", 1.0 },
};

static void
draw_op_free (DrawOp *op)
{
  g_clear_object (&op->layout);
  g_clear_pointer (&op->image, cairo_surface_destroy);
  g_free (op);
}

/* Where drawing goes: the last page, or the page being stamped with its
 * header and number. */
static GPtrArray *
current_page (RuhuDocument *doc)
{
  if (doc->stamped != NULL)
    return doc->stamped;
  if (doc->pages->len == 0)
    ruhu_doc_new_page (doc);
  return g_ptr_array_index (doc->pages, doc->pages->len - 1);
}

static DrawOp *
add_op (RuhuDocument *doc,
        DrawKind      kind,
        double        x,
        double        y,
        double        width,
        double        height)
{
  DrawOp *op = g_new0 (DrawOp, 1);

  op->kind = kind;
  op->x = x;
  op->y = y;
  op->width = width;
  op->height = height;
  g_ptr_array_add (current_page (doc), op);
  return op;
}

void
ruhu_doc_init (RuhuDocument *doc)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  doc->font_map = pango_cairo_font_map_new ();
  doc->context = pango_font_map_create_context (doc->font_map);
  pango_cairo_context_set_resolution (doc->context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (doc->context, options);
  cairo_font_options_destroy (options);
  /* Chinese line breaking and glyphs, whatever the messages' language:
   * the documents are Chinese forms. */
  pango_context_set_language (doc->context, pango_language_from_string ("zh-cn"));
  doc->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  doc->y = RUHU_DOC_TOP;
}

void
ruhu_doc_clear (RuhuDocument *doc)
{
  g_clear_pointer (&doc->pages, g_ptr_array_unref);
  g_clear_object (&doc->context);
  g_clear_object (&doc->font_map);
  g_clear_pointer (&doc->title, g_free);
  g_clear_pointer (&doc->header_left, g_free);
  g_clear_pointer (&doc->header_right, g_free);
}

static gboolean
is_hidden_control (gunichar c)
{
  /* Bidirectional overrides, embeddings and isolates would reorder the
   * text around a hostile name; marks are dropped with them. */
  return (c < 0x20 && c != '\n') || (c >= 0x7f && c < 0xa0) ||
         c == 0x061c || c == 0x200e || c == 0x200f ||
         (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/**
 * ruhu_doc_clean_text:
 *
 * Returns: (transfer full): @text as valid UTF-8 without control or
 *   bidirectional formatting characters (tabs become spaces); what people
 *   typed never changes the layout around it
 */
char *
ruhu_doc_clean_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *clean = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\t')
        g_string_append_c (clean, ' ');
      else if (!is_hidden_control (c))
        g_string_append_unichar (clean, c);
    }
  return g_string_free (clean, FALSE);
}

/**
 * ruhu_doc_layout:
 * @width: the width to wrap at, in points
 *
 * Returns: (transfer full): @text laid out in @style, wrapping between
 *   words or, in Chinese and in words longer than a line, between
 *   characters; never markup, so names like "<b>" stay text
 */
PangoLayout *
ruhu_doc_layout (RuhuDocument *doc,
                 const char   *text,
                 RuhuDocStyle  style,
                 double        width)
{
  PangoLayout *layout = pango_layout_new (doc->context);
  PangoFontDescription *font = pango_font_description_from_string (styles[style].font);
  PangoAttrList *attributes = pango_attr_list_new ();
  g_autofree char *clean = ruhu_doc_clean_text (text);

  /* A hyphen inside a name or a number would read as part of it, and a
   * ligature ("fi") in a token would not be the letters to type. */
  pango_attr_list_insert (attributes, pango_attr_insert_hyphens_new (FALSE));
  pango_attr_list_insert (attributes, pango_attr_font_features_new ("liga=0, clig=0"));
  pango_layout_set_attributes (layout, attributes);
  pango_attr_list_unref (attributes);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_line_spacing (layout, (float) styles[style].line_spacing);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_text (layout, clean, -1);
  return layout;
}

void
ruhu_doc_new_page (RuhuDocument *doc)
{
  g_ptr_array_add (doc->pages, g_ptr_array_new_with_free_func ((GDestroyNotify) draw_op_free));
  doc->y = RUHU_DOC_TOP;
}

/* Starts a new page unless @height fits below the cursor; a block taller
 * than a page still starts at the top of one. */
void
ruhu_doc_ensure_space (RuhuDocument *doc,
                       double        height)
{
  if (doc->pages->len == 0 ||
      (doc->y + height > RUHU_DOC_BOTTOM && doc->y > RUHU_DOC_TOP))
    ruhu_doc_new_page (doc);
}

void
ruhu_doc_add_space (RuhuDocument *doc,
                    double        height)
{
  current_page (doc);
  doc->y = MIN (doc->y + height, RUHU_DOC_BOTTOM);
}

void
ruhu_doc_draw_layout (RuhuDocument *doc,
                      PangoLayout  *layout,
                      double        x,
                      double        y,
                      double        clip_top,
                      double        clip_height)
{
  DrawOp *op = add_op (doc, DRAW_TEXT, x, y, 0, 0);

  op->layout = g_object_ref (layout);
  op->clip_top = clip_top;
  op->clip_height = clip_height;
}

void
ruhu_doc_draw_rect (RuhuDocument *doc,
                    double        x,
                    double        y,
                    double        width,
                    double        height,
                    gboolean      filled)
{
  add_op (doc, filled ? DRAW_FILL : DRAW_RECT, x, y, width, height);
}

/* Draws @image scaled to fit the box, centred, keeping its proportions. */
void
ruhu_doc_draw_image (RuhuDocument    *doc,
                     cairo_surface_t *image,
                     double           x,
                     double           y,
                     double           width,
                     double           height,
                     gboolean         pixelated)
{
  DrawOp *op = add_op (doc, DRAW_IMAGE, x, y, width, height);

  op->image = cairo_surface_reference (image);
  op->pixelated = pixelated;
}

/* A picture in the flow, centred: the certificate's QR code. */
void
ruhu_doc_add_image (RuhuDocument    *doc,
                    cairo_surface_t *image,
                    double           size,
                    gboolean         pixelated)
{
  ruhu_doc_ensure_space (doc, size);
  ruhu_doc_draw_image (doc, image, RUHU_DOC_LEFT + (RUHU_DOC_WIDTH - size) / 2, doc->y,
                       size, size, pixelated);
  ruhu_doc_add_space (doc, size + PARAGRAPH_GAP);
}

static double
points (int pango_units)
{
  return pango_units / (double) PANGO_SCALE;
}

/* Draws the lines of @layout from @start down on the current page, as
 * many as fit, and returns where the rest starts (its height when all of
 * it fitted). */
static double
place_lines (RuhuDocument *doc,
             PangoLayout  *layout,
             double        start)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double end = start;

  do
    {
      int top, bottom;

      pango_layout_iter_get_line_yrange (iter, &top, &bottom);
      if (points (top) < start)
        continue;
      /* The first line goes on this page in any case: a new page is no
       * taller. */
      if (end > start && doc->y + points (bottom) - start > RUHU_DOC_BOTTOM)
        break;
      end = points (bottom);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  ruhu_doc_draw_layout (doc, layout, RUHU_DOC_LEFT, doc->y, start, end - start);
  ruhu_doc_add_space (doc, end - start);
  return end;
}

/* Lays a paragraph out on as many pages as it needs, breaking between
 * lines. */
void
ruhu_doc_add_text (RuhuDocument   *doc,
                   const char     *text,
                   RuhuDocStyle    style,
                   PangoAlignment  align,
                   gboolean        indent)
{
  g_autoptr(PangoLayout) layout = ruhu_doc_layout (doc, text, style, RUHU_DOC_WIDTH);
  PangoLayoutIter *iter;
  int first_bottom, height;
  double done;

  pango_layout_set_alignment (layout, align);
  if (indent)  /* two characters, as Chinese paragraphs start */
    pango_layout_set_indent (layout, 2 * pango_font_description_get_size (
                                       pango_layout_get_font_description (layout)));
  pango_layout_get_size (layout, NULL, &height);
  iter = pango_layout_get_iter (layout);
  pango_layout_iter_get_line_yrange (iter, NULL, &first_bottom);
  pango_layout_iter_free (iter);
  ruhu_doc_ensure_space (doc, points (first_bottom));
  done = place_lines (doc, layout, 0);
  while (done < points (height))
    {
      ruhu_doc_new_page (doc);
      done = place_lines (doc, layout, done);
    }
  ruhu_doc_add_space (doc, PARAGRAPH_GAP);
}

void
ruhu_doc_add_heading (RuhuDocument *doc,
                      const char   *text)
{
  g_autoptr(PangoLayout) layout = ruhu_doc_layout (doc, text, RUHU_DOC_STYLE_HEADING,
                                                   RUHU_DOC_WIDTH);
  int height;

  pango_layout_get_size (layout, NULL, &height);
  /* Keep a heading with the first lines of what it heads. */
  ruhu_doc_ensure_space (doc, height / (double) PANGO_SCALE + 60);
  ruhu_doc_add_space (doc, 6);
  ruhu_doc_draw_layout (doc, layout, RUHU_DOC_LEFT, doc->y, 0, 0);
  ruhu_doc_add_space (doc, height / (double) PANGO_SCALE + 4);
}

void
ruhu_doc_add_title (RuhuDocument *doc,
                    const char   *text)
{
  g_autoptr(PangoLayout) layout = ruhu_doc_layout (doc, text, RUHU_DOC_STYLE_TITLE,
                                                   RUHU_DOC_WIDTH);
  int height;

  g_free (doc->title);
  doc->title = g_strdup (text);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_size (layout, NULL, &height);
  ruhu_doc_ensure_space (doc, height / (double) PANGO_SCALE);
  ruhu_doc_draw_layout (doc, layout, RUHU_DOC_LEFT, doc->y, 0, 0);
  ruhu_doc_add_space (doc, height / (double) PANGO_SCALE + 14);
}

static void
add_small_text (RuhuDocument   *doc,
                const char     *text,
                PangoAlignment  align,
                double          y)
{
  g_autoptr(PangoLayout) layout = ruhu_doc_layout (doc, text, RUHU_DOC_STYLE_SMALL,
                                                   RUHU_DOC_WIDTH);

  pango_layout_set_alignment (layout, align);
  pango_layout_set_height (layout, -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  ruhu_doc_draw_layout (doc, layout, RUHU_DOC_LEFT, y, 0, 0);
}

/* The running header (township, date of issue) and the page numbers,
 * once the number of pages is known. */
void
ruhu_doc_finish (RuhuDocument *doc)
{
  guint n_pages;

  current_page (doc);
  n_pages = doc->pages->len;
  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *number = NULL;

      doc->stamped = g_ptr_array_index (doc->pages, i);
      if (doc->header_left != NULL)
        add_small_text (doc, doc->header_left, PANGO_ALIGN_LEFT, RUHU_DOC_MARGIN);
      if (doc->header_right != NULL)
        add_small_text (doc, doc->header_right, PANGO_ALIGN_RIGHT, RUHU_DOC_MARGIN);
      ruhu_doc_draw_rect (doc, RUHU_DOC_LEFT, RUHU_DOC_MARGIN + 14, RUHU_DOC_WIDTH, 0, FALSE);
      /* TRANSLATORS: the foot of every page of a document; zh_CN: 第 %u 页 共 %u 页 */
      number = g_strdup_printf (_("Page %u of %u"), i + 1, n_pages);
      add_small_text (doc, number, PANGO_ALIGN_CENTER,
                      RUHU_DOC_PAGE_HEIGHT - RUHU_DOC_MARGIN - 10);
    }
  doc->stamped = NULL;
}

static void
render_op (cairo_t      *cr,
           const DrawOp *op)
{
  cairo_save (cr);
  switch (op->kind)
    {
    case DRAW_TEXT:
      if (op->clip_height > 0)
        {
          cairo_rectangle (cr, 0, op->y, RUHU_DOC_PAGE_WIDTH, op->clip_height);
          cairo_clip (cr);
        }
      cairo_move_to (cr, op->x, op->y - op->clip_top);
      pango_cairo_show_layout (cr, op->layout);
      break;
    case DRAW_RECT:
      cairo_set_line_width (cr, LINE_WIDTH);
      if (op->height == 0)
        {
          cairo_move_to (cr, op->x, op->y);
          cairo_line_to (cr, op->x + op->width, op->y);
        }
      else
        cairo_rectangle (cr, op->x, op->y, op->width, op->height);
      cairo_stroke (cr);
      break;
    case DRAW_FILL:
      cairo_set_source_rgb (cr, SHADE, SHADE, SHADE);
      cairo_rectangle (cr, op->x, op->y, op->width, op->height);
      cairo_fill (cr);
      break;
    case DRAW_IMAGE:
      {
        double w = cairo_image_surface_get_width (op->image);
        double h = cairo_image_surface_get_height (op->image);
        double scale = MIN (op->width / w, op->height / h);

        cairo_translate (cr, op->x + (op->width - w * scale) / 2,
                         op->y + (op->height - h * scale) / 2);
        cairo_scale (cr, scale, scale);
        cairo_set_source_surface (cr, op->image, 0, 0);
        if (op->pixelated)
          cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
        cairo_paint (cr);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  cairo_restore (cr);
}

/* Draws page @page_no (from 0) with the page's top left corner at the
 * context's origin, one unit a point. */
void
ruhu_doc_render (RuhuDocument *doc,
                 cairo_t      *cr,
                 guint         page_no)
{
  GPtrArray *page;

  g_return_if_fail (page_no < doc->pages->len);
  page = g_ptr_array_index (doc->pages, page_no);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < page->len; i++)
    render_op (cr, g_ptr_array_index (page, i));
  cairo_restore (cr);
}
