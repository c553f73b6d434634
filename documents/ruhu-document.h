/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "ruhu-device-key.h"
#include "ruhu-form.h"
#include "ruhu-public-entry.h"
#include "ruhu-store.h"

G_BEGIN_DECLS

/* The documents of a case (docs/documents.md), laid out once on A4 pages
 * and then drawn page by page on any cairo context: a PDF file, a print
 * operation's pages, a PNG for tests. */

#define RUHU_DOCUMENT_ERROR (ruhu_document_error_quark ())

/**
 * RuhuDocumentError:
 * @RUHU_DOCUMENT_ERROR_NOT_FOUND: the case is not in the store
 * @RUHU_DOCUMENT_ERROR_NOT_READY: the case has not reached the step the
 *   document records (no acceptance for an acceptance notice, …)
 * @RUHU_DOCUMENT_ERROR_INVALID: a missing option the document needs, such
 *   as the key for a certificate
 * @RUHU_DOCUMENT_ERROR_FAILED: cairo could not write the file
 *
 * Why a document could not be made.
 */
typedef enum
{
  RUHU_DOCUMENT_ERROR_NOT_FOUND,
  RUHU_DOCUMENT_ERROR_NOT_READY,
  RUHU_DOCUMENT_ERROR_INVALID,
  RUHU_DOCUMENT_ERROR_FAILED,
} RuhuDocumentError;

typedef enum
{
  RUHU_DOCUMENT_SHEET,        /* 经济状况核查表, as filed and signed */
  RUHU_DOCUMENT_ACCEPTANCE,   /* 受理通知书 */
  RUHU_DOCUMENT_MATERIALS,    /* 一次性告知书: everything missing, and the deadline */
  RUHU_DOCUMENT_RESULT,       /* 调查结果告知书 */
  RUHU_DOCUMENT_OPINION,      /* 乡镇审核意见 */
  RUHU_DOCUMENT_NOTICE_LIST,  /* 公示名单 of the case's village: public */
  RUHU_DOCUMENT_DECISION,     /* 确认 or 不予确认 决定书 */
  RUHU_DOCUMENT_CERTIFICATE,  /* 救助证明 with a QR code: public */
  RUHU_N_DOCUMENT_KINDS,
} RuhuDocumentKind;

/* How a public document writes people's names, as the township chooses. */
/* Returns the bytes of a photo or signature image (a JPEG or PNG) named by
 * its SHA-256, or NULL with @error when it is not available here; the
 * document then shows a placeholder. */
typedef GBytes *(*RuhuDocumentBlobFunc) (const char  *sha256,
                                         gpointer     user_data,
                                         GError     **error);

typedef struct
{
  const GDate          *issued_on;        /* NULL: today */
  RuhuNameMask          name_mask;        /* public documents */
  RuhuDocumentBlobFunc  blob_func;        /* NULL: every image is a placeholder */
  gpointer              blob_data;
  RuhuDeviceKey        *certificate_key;  /* certificate: signs its token */
  const char           *verify_url;       /* certificate: "https://host", the
                                           * QR code opens VERIFY_URL/verify/ID */
} RuhuDocumentOptions;

typedef struct _RuhuDocument RuhuDocument;

GQuark        ruhu_document_error_quark    (void);
const char   *ruhu_document_kind_to_string (RuhuDocumentKind            kind);
gboolean      ruhu_document_kind_from_string (const char               *text,
                                              RuhuDocumentKind         *kind);
gboolean      ruhu_document_kind_is_public (RuhuDocumentKind            kind);

RuhuDocument *ruhu_document_new            (RuhuStore                  *store,
                                            RuhuFormSet                *forms,
                                            const char                 *case_id,
                                            RuhuDocumentKind            kind,
                                            const RuhuDocumentOptions  *options,
                                            GError                    **error);
void          ruhu_document_new_async      (RuhuStore                  *store,
                                            RuhuFormSet                *forms,
                                            const char                 *case_id,
                                            RuhuDocumentKind            kind,
                                            const RuhuDocumentOptions  *options,
                                            GCancellable               *cancellable,
                                            GAsyncReadyCallback         callback,
                                            gpointer                    user_data);
RuhuDocument *ruhu_document_new_finish     (RuhuStore                  *store,
                                            GAsyncResult               *result,
                                            GError                    **error);
void          ruhu_document_free           (RuhuDocument               *self);
const char   *ruhu_document_get_title      (RuhuDocument               *self);
guint         ruhu_document_get_n_pages    (RuhuDocument               *self);
void          ruhu_document_get_page_size  (RuhuDocument               *self,
                                            double                     *width,
                                            double                     *height);
void          ruhu_document_render_page    (RuhuDocument               *self,
                                            cairo_t                    *cr,
                                            guint                       page_no);
gboolean      ruhu_document_save_pdf       (RuhuDocument               *self,
                                            const char                 *path,
                                            GError                    **error);

GBytes       *ruhu_document_read_sync_blob (const char                 *sha256,
                                            gpointer                    sync_client,
                                            GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuDocument, ruhu_document_free)

G_END_DECLS
