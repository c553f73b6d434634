/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "ruhu-case-snapshot.h"
#include "ruhu-document.h"
#include "ruhu-income.h"
#include "ruhu-workflow.h"

G_BEGIN_DECLS

/* A4 in points (1/72 inch), the unit of every length here. */
#define RUHU_DOC_PAGE_WIDTH   595.276
#define RUHU_DOC_PAGE_HEIGHT  841.890
#define RUHU_DOC_MARGIN       56.7   /* 20 mm */
#define RUHU_DOC_HEADER       28.0   /* room for the running header */
#define RUHU_DOC_FOOTER       24.0   /* room for the page number */
#define RUHU_DOC_LEFT         RUHU_DOC_MARGIN
#define RUHU_DOC_TOP          (RUHU_DOC_MARGIN + RUHU_DOC_HEADER)
#define RUHU_DOC_WIDTH        (RUHU_DOC_PAGE_WIDTH - 2 * RUHU_DOC_MARGIN)
#define RUHU_DOC_BOTTOM       (RUHU_DOC_PAGE_HEIGHT - RUHU_DOC_MARGIN - RUHU_DOC_FOOTER)

typedef enum
{
  RUHU_DOC_STYLE_BODY,     /* 宋体-like serif, 11 pt */
  RUHU_DOC_STYLE_CELL,     /* serif, 9.5 pt, for tables */
  RUHU_DOC_STYLE_LABEL,    /* sans, 9.5 pt, for table headers and labels */
  RUHU_DOC_STYLE_SMALL,    /* serif, 8 pt: header, footer, fingerprints */
  RUHU_DOC_STYLE_CODE,     /* monospace, 7.5 pt: addresses and tokens to type */
  RUHU_DOC_STYLE_HEADING,  /* 黑体-like sans bold, 12 pt */
  RUHU_DOC_STYLE_TITLE,    /* sans bold, 18 pt */
} RuhuDocStyle;

typedef enum
{
  RUHU_DOC_CELL_PLAIN  = 0,
  RUHU_DOC_CELL_LABEL  = 1 << 0,  /* shaded, in the label style */
  RUHU_DOC_CELL_RIGHT  = 1 << 1,  /* figures */
  RUHU_DOC_CELL_CENTER = 1 << 2,
} RuhuDocCellFlags;

/* One cell of a table: text, an image above it, or both; an image the
 * store does not have is a placeholder box. */
typedef struct
{
  char             *text;
  cairo_surface_t  *image;
  double            image_height;  /* 0: no image box */
  RuhuDocCellFlags  flags;
  guint             span;          /* columns covered; 0 means 1 */
} RuhuDocCell;

typedef struct _RuhuDocTable RuhuDocTable;

/* The document being laid out: pages of recorded drawing operations. */
struct _RuhuDocument
{
  RuhuDocumentKind  kind;
  PangoFontMap     *font_map;
  PangoContext     *context;
  GPtrArray        *pages;         /* GPtrArray* of DrawOp* each */
  GPtrArray        *stamped;       /* the page ruhu_doc_finish() is on, or NULL */
  double            y;             /* where the next block goes on the last page */
  char             *title;
  char             *header_left;   /* the township */
  char             *header_right;  /* the date of issue */
};

/* ruhu-document-layout.c */
void          ruhu_doc_init            (RuhuDocument     *doc);
void          ruhu_doc_clear           (RuhuDocument     *doc);
PangoLayout  *ruhu_doc_layout          (RuhuDocument     *doc,
                                        const char       *text,
                                        RuhuDocStyle      style,
                                        double            width);
void          ruhu_doc_new_page        (RuhuDocument     *doc);
void          ruhu_doc_ensure_space    (RuhuDocument     *doc,
                                        double            height);
void          ruhu_doc_add_space       (RuhuDocument     *doc,
                                        double            height);
void          ruhu_doc_add_text        (RuhuDocument     *doc,
                                        const char       *text,
                                        RuhuDocStyle      style,
                                        PangoAlignment    align,
                                        gboolean          indent);
void          ruhu_doc_add_heading     (RuhuDocument     *doc,
                                        const char       *text);
void          ruhu_doc_add_title       (RuhuDocument     *doc,
                                        const char       *text);
void          ruhu_doc_draw_layout     (RuhuDocument     *doc,
                                        PangoLayout      *layout,
                                        double            x,
                                        double            y,
                                        double            clip_top,
                                        double            clip_height);
void          ruhu_doc_draw_rect       (RuhuDocument     *doc,
                                        double            x,
                                        double            y,
                                        double            width,
                                        double            height,
                                        gboolean          filled);
void          ruhu_doc_draw_image      (RuhuDocument     *doc,
                                        cairo_surface_t  *image,
                                        double            x,
                                        double            y,
                                        double            width,
                                        double            height,
                                        gboolean          pixelated);
void          ruhu_doc_add_image       (RuhuDocument     *doc,
                                        cairo_surface_t  *image,
                                        double            size,
                                        gboolean          pixelated);
void          ruhu_doc_finish          (RuhuDocument     *doc);
void          ruhu_doc_render          (RuhuDocument     *doc,
                                        cairo_t          *cr,
                                        guint             page_no);
char         *ruhu_doc_clean_text      (const char       *text);

/* ruhu-document-table.c */
RuhuDocTable *ruhu_doc_table_new       (RuhuDocument     *doc,
                                        guint             n_columns,
                                        const double     *widths);
void          ruhu_doc_table_align     (RuhuDocTable     *table,
                                        guint             column,
                                        RuhuDocCellFlags  align);
void          ruhu_doc_table_header    (RuhuDocTable     *table,
                                        const char       *first,
                                        ...) G_GNUC_NULL_TERMINATED;
void          ruhu_doc_table_row       (RuhuDocTable     *table,
                                        const char       *first,
                                        ...) G_GNUC_NULL_TERMINATED;
void          ruhu_doc_table_cells     (RuhuDocTable     *table,
                                        RuhuDocCell      *cells,
                                        guint             n_cells);
void          ruhu_doc_table_note      (RuhuDocTable     *table,
                                        const char       *text);
void          ruhu_doc_table_pair      (RuhuDocTable     *table,
                                        const char       *label,
                                        const char       *value);
void          ruhu_doc_table_end       (RuhuDocTable     *table);
void          ruhu_doc_cell_clear      (RuhuDocCell      *cell);

/* ruhu-document-image.c */
cairo_surface_t *ruhu_doc_image_load   (const RuhuDocumentOptions *options,
                                        const char       *sha256,
                                        int               max_size);
cairo_surface_t *ruhu_doc_image_qr     (const char       *text,
                                        GError          **error);

/* A case as the documents read it (ruhu-document-case.c). */
typedef struct
{
  RuhuStore                 *store;
  RuhuFormSet               *forms;
  const RuhuDocumentOptions *options;
  GDate                      issued;
  RuhuCaseSnapshot          *snapshot;
  RuhuCaseFlow              *flow;
  RuhuCaseEntity            *household;
  RuhuCaseEntity            *application;
  RuhuCaseEntity            *sheet;
  RuhuIncome                 income;
  RuhuStandards             *standards;
  RuhuStandard               standard;      /* valid when has_standard */
  gboolean                   has_standard;
} RuhuDocCase;

RuhuDocCase  *ruhu_doc_case_load       (RuhuStore        *store,
                                        RuhuFormSet      *forms,
                                        const char       *case_id,
                                        const RuhuDocumentOptions *options,
                                        GError          **error);
void          ruhu_doc_case_free       (RuhuDocCase      *kase);
char         *ruhu_doc_case_text       (RuhuDocCase      *kase,
                                        RuhuCaseEntity   *entity,
                                        const char       *field);
const char   *ruhu_doc_case_string     (RuhuCaseEntity   *entity,
                                        const char       *field);
char         *ruhu_doc_case_member_name (RuhuDocCase     *kase,
                                        const char       *member);
const char   *ruhu_doc_case_category   (RuhuDocCase      *kase);
const char   *ruhu_doc_case_applicant  (RuhuDocCase      *kase);
char         *ruhu_doc_case_place      (RuhuDocCase      *kase);
const RuhuTransition *ruhu_doc_case_step (RuhuDocCase    *kase,
                                        RuhuStep          step,
                                        GError          **error);
gboolean      ruhu_doc_case_amount     (RuhuDocCase      *kase,
                                        gint64           *fen);
const char   *ruhu_doc_field_label     (RuhuDocCase      *kase,
                                        const char       *kind,
                                        const char       *field);
void          ruhu_doc_add_fields      (RuhuDocument     *doc,
                                        RuhuDocCase      *kase,
                                        RuhuCaseEntity   *entity,
                                        const char * const *fields,
                                        guint             n_columns);
char         *ruhu_doc_format_date     (const GDate      *date);
char         *ruhu_doc_format_date_text (const char      *text);
char         *ruhu_doc_format_money    (gint64            fen);
char         *ruhu_doc_mask_name       (const char       *name,
                                        RuhuNameMask      mask);
void          ruhu_doc_case_set_header (RuhuDocument     *doc,
                                        RuhuDocCase      *kase);
char         *ruhu_doc_case_issuer     (RuhuDocCase      *kase,
                                        gboolean          district);
void          ruhu_doc_add_seal        (RuhuDocument     *doc,
                                        RuhuDocCase      *kase,
                                        const char       *issuer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuDocCase, ruhu_doc_case_free)

/* The documents themselves, each from a loaded case. */
gboolean ruhu_doc_build_sheet        (RuhuDocument *doc, RuhuDocCase *kase, GError **error);
void     ruhu_doc_sheet_members      (RuhuDocument *doc, RuhuDocCase *kase);
void     ruhu_doc_sheet_money        (RuhuDocument *doc, RuhuDocCase *kase);
void     ruhu_doc_sheet_signatures   (RuhuDocument *doc, RuhuDocCase *kase);
void     ruhu_doc_sheet_evidence     (RuhuDocument *doc, RuhuDocCase *kase);
gboolean ruhu_doc_build_acceptance   (RuhuDocument *doc, RuhuDocCase *kase, GError **error);
gboolean ruhu_doc_build_materials    (RuhuDocument *doc, RuhuDocCase *kase, GError **error);
gboolean ruhu_doc_build_result       (RuhuDocument *doc, RuhuDocCase *kase, GError **error);
gboolean ruhu_doc_build_opinion      (RuhuDocument *doc, RuhuDocCase *kase, GError **error);
gboolean ruhu_doc_build_decision     (RuhuDocument *doc, RuhuDocCase *kase, GError **error);
gboolean ruhu_doc_build_notice_list  (RuhuDocument *doc, RuhuDocCase *kase, GError **error);
gboolean ruhu_doc_build_certificate  (RuhuDocument *doc, RuhuDocCase *kase, GError **error);
gint64   ruhu_doc_proposed_amount    (RuhuDocCase  *kase);

G_END_DECLS
