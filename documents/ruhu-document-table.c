/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-document-private.h"

/* Ruled tables, as on a paper form: rows never split, a row that does not
 * fit starts the next page, and the header row is repeated there. A cell
 * shows at most MAX_LINES lines, so that one absurdly long value cannot
 * push a row past a page. */

#define PAD        4.0
#define MIN_ROW    18.0
#define MAX_LINES  8
#define MAX_COLUMNS 12

struct _RuhuDocTable
{
  RuhuDocument *doc;
  guint         n_columns;
  double        widths[MAX_COLUMNS];  /* points */
  RuhuDocCell  *header;               /* n_columns cells, or NULL */
  GPtrArray    *pairs;                /* label, value, … waiting for a row */
  RuhuDocCellFlags aligns[MAX_COLUMNS];  /* RIGHT or CENTER, by column */
};

void
ruhu_doc_cell_clear (RuhuDocCell *cell)
{
  g_clear_pointer (&cell->text, g_free);
  g_clear_pointer (&cell->image, cairo_surface_destroy);
}

/**
 * ruhu_doc_table_new:
 * @widths: @n_columns fractions of the text width, adding up to 1
 */
RuhuDocTable *
ruhu_doc_table_new (RuhuDocument *doc,
                    guint         n_columns,
                    const double *widths)
{
  RuhuDocTable *table = g_new0 (RuhuDocTable, 1);

  g_assert (n_columns > 0 && n_columns <= MAX_COLUMNS);
  table->doc = doc;
  table->n_columns = n_columns;
  for (guint i = 0; i < n_columns; i++)
    table->widths[i] = widths[i] * RUHU_DOC_WIDTH;
  table->pairs = g_ptr_array_new_with_free_func (g_free);
  return table;
}

static double
cell_width (RuhuDocTable *table,
            guint         column,
            guint         span)
{
  double width = 0;

  for (guint i = column; i < MIN (column + MAX (span, 1), table->n_columns); i++)
    width += table->widths[i];
  return width;
}

static PangoLayout *
cell_layout (RuhuDocTable      *table,
             const RuhuDocCell *cell,
             double             width)
{
  RuhuDocStyle style = cell->flags & RUHU_DOC_CELL_LABEL ? RUHU_DOC_STYLE_LABEL
                                                         : RUHU_DOC_STYLE_CELL;
  PangoLayout *layout = ruhu_doc_layout (table->doc, cell->text != NULL ? cell->text : "",
                                         style, width - 2 * PAD);

  pango_layout_set_height (layout, -MAX_LINES);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  if (cell->flags & RUHU_DOC_CELL_RIGHT)
    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  else if (cell->flags & (RUHU_DOC_CELL_CENTER | RUHU_DOC_CELL_LABEL))
    pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  return layout;
}

static void
draw_placeholder (RuhuDocTable *table,
                  double        x,
                  double        y,
                  double        width,
                  double        height)
{
  /* TRANSLATORS: in a document, where a photo or signature is missing */
  RuhuDocCell text = { (char *) _("Image not available"), NULL, 0, RUHU_DOC_CELL_CENTER, 1 };
  g_autoptr(PangoLayout) layout = cell_layout (table, &text, width);
  int text_height;

  pango_layout_get_size (layout, NULL, &text_height);
  ruhu_doc_draw_rect (table->doc, x + PAD, y, width - 2 * PAD, height, FALSE);
  ruhu_doc_draw_layout (table->doc, layout, x + PAD,
                        y + (height - text_height / (double) PANGO_SCALE) / 2, 0, 0);
}

static void
draw_row (RuhuDocTable *table,
          RuhuDocCell  *cells,
          guint         n_cells,
          gboolean      is_header)
{
  RuhuDocument *doc = table->doc;
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  double height = MIN_ROW;
  double x = RUHU_DOC_LEFT;
  guint column = 0;

  for (guint i = 0; i < n_cells; i++)
    {
      PangoLayout *layout = cell_layout (table, &cells[i],
                                         cell_width (table, column, cells[i].span));
      int text_height;

      pango_layout_get_size (layout, NULL, &text_height);
      height = MAX (height, 2 * PAD + cells[i].image_height +
                            (cells[i].image_height > 0 ? PAD : 0) +
                            text_height / (double) PANGO_SCALE);
      g_ptr_array_add (layouts, layout);
      column += MAX (cells[i].span, 1);
    }

  if (!is_header && doc->y + height > RUHU_DOC_BOTTOM)
    {
      ruhu_doc_new_page (doc);
      if (table->header != NULL)
        draw_row (table, table->header, table->n_columns, TRUE);
    }

  column = 0;
  for (guint i = 0; i < n_cells; i++)
    {
      double width = cell_width (table, column, cells[i].span);
      double y = doc->y + PAD;

      if (cells[i].flags & RUHU_DOC_CELL_LABEL)
        ruhu_doc_draw_rect (doc, x, doc->y, width, height, TRUE);
      if (cells[i].image != NULL)
        ruhu_doc_draw_image (doc, cells[i].image, x + PAD, y, width - 2 * PAD,
                             cells[i].image_height, FALSE);
      else if (cells[i].image_height > 0)
        draw_placeholder (table, x, y, width, cells[i].image_height);
      if (cells[i].image_height > 0)
        y += cells[i].image_height + PAD;
      ruhu_doc_draw_layout (doc, g_ptr_array_index (layouts, i), x + PAD, y, 0, 0);
      ruhu_doc_draw_rect (doc, x, doc->y, width, height, FALSE);
      x += width;
      column += MAX (cells[i].span, 1);
    }
  doc->y += height;
}

static void
draw_texts (RuhuDocTable      *table,
            const char        *first,
            va_list            args,
            RuhuDocCellFlags   flags)
{
  RuhuDocCell cells[MAX_COLUMNS] = { { 0, }, };
  const char *text = first;
  guint n = 0;

  for (; n < table->n_columns; n++, text = va_arg (args, const char *))
    {
      if (text == NULL)
        break;
      cells[n].text = (char *) text;
      cells[n].flags = flags;
      cells[n].flags |= table->aligns[n];
    }
  ruhu_doc_table_cells (table, cells, n);
}

/* Sets a column's texts right (figures, as in accounts) or centred
 * (numbers of rows, sizes). */
void
ruhu_doc_table_align (RuhuDocTable     *table,
                      guint             column,
                      RuhuDocCellFlags  align)
{
  g_assert (column < table->n_columns);
  table->aligns[column] = align & (RUHU_DOC_CELL_RIGHT | RUHU_DOC_CELL_CENTER);
}

/* The column titles, repeated on every page the table reaches. */
void
ruhu_doc_table_header (RuhuDocTable *table,
                       const char   *first,
                       ...)
{
  va_list args;

  table->header = g_new0 (RuhuDocCell, table->n_columns);
  va_start (args, first);
  for (guint i = 0; i < table->n_columns; i++)
    {
      table->header[i].text = g_strdup (i == 0 ? first : va_arg (args, const char *));
      table->header[i].flags = RUHU_DOC_CELL_LABEL;
    }
  va_end (args);
  ruhu_doc_ensure_space (table->doc, 3 * MIN_ROW);
  draw_row (table, table->header, table->n_columns, TRUE);
}

/* A row of texts, NULL-terminated, aligned as ruhu_doc_table_align() said. */
void
ruhu_doc_table_row (RuhuDocTable *table,
                    const char   *first,
                    ...)
{
  va_list args;

  va_start (args, first);
  draw_texts (table, first, args, RUHU_DOC_CELL_PLAIN);
  va_end (args);
}

void
ruhu_doc_table_cells (RuhuDocTable *table,
                      RuhuDocCell  *cells,
                      guint         n_cells)
{
  if (table->doc->pages->len == 0)
    ruhu_doc_new_page (table->doc);
  draw_row (table, cells, MIN (n_cells, table->n_columns), FALSE);
}

/* A row of one cell across the table: "none recorded", a total's words. */
void
ruhu_doc_table_note (RuhuDocTable *table,
                     const char   *text)
{
  RuhuDocCell cell = { (char *) text, NULL, 0, RUHU_DOC_CELL_CENTER, table->n_columns };

  ruhu_doc_table_cells (table, &cell, 1);
}

static void
flush_pairs (RuhuDocTable *table)
{
  RuhuDocCell cells[MAX_COLUMNS] = { { 0, }, };
  guint n = table->pairs->len;

  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      cells[i].text = g_ptr_array_index (table->pairs, i);
      cells[i].flags = i % 2 == 0 ? RUHU_DOC_CELL_LABEL : RUHU_DOC_CELL_PLAIN;
    }
  /* A last value alone spans the rest of the row. */
  cells[n - 1].span = table->n_columns - (n - 1);
  ruhu_doc_table_cells (table, cells, n);
  g_ptr_array_set_size (table->pairs, 0);
}

/* A label and its value, laid out side by side in label-value columns. */
void
ruhu_doc_table_pair (RuhuDocTable *table,
                     const char   *label,
                     const char   *value)
{
  g_ptr_array_add (table->pairs, g_strdup (label));
  g_ptr_array_add (table->pairs, g_strdup (value != NULL ? value : ""));
  if (table->pairs->len >= table->n_columns)
    flush_pairs (table);
}

void
ruhu_doc_table_end (RuhuDocTable *table)
{
  flush_pairs (table);
  if (table->header != NULL)
    for (guint i = 0; i < table->n_columns; i++)
      ruhu_doc_cell_clear (&table->header[i]);
  g_free (table->header);
  g_ptr_array_unref (table->pairs);
  ruhu_doc_add_space (table->doc, 8);
  g_free (table);
}
