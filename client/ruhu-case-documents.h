/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ruhu-device.h"
#include "ruhu-document.h"

G_BEGIN_DECLS

/* The last section of the case page: every document of the case
 * (docs/documents.md), each to save as a PDF or to print. A document the
 * case is not ready for shows why instead. */
#define RUHU_TYPE_CASE_DOCUMENTS (ruhu_case_documents_get_type ())
G_DECLARE_FINAL_TYPE (RuhuCaseDocuments, ruhu_case_documents, RUHU, CASE_DOCUMENTS, AdwBin)

RuhuCaseDocuments *ruhu_case_documents_new             (RuhuDevice        *device);
void               ruhu_case_documents_set_case        (RuhuCaseDocuments *self,
                                                        const char        *case_id);
gboolean           ruhu_case_documents_get_loading     (RuhuCaseDocuments *self);
gboolean           ruhu_case_documents_get_busy        (RuhuCaseDocuments *self);
GtkWidget         *ruhu_case_documents_get_row         (RuhuCaseDocuments *self,
                                                        RuhuDocumentKind   kind);
const char        *ruhu_case_documents_get_message     (RuhuCaseDocuments *self);
void               ruhu_case_documents_save            (RuhuCaseDocuments *self,
                                                        RuhuDocumentKind   kind,
                                                        GFile             *file);
GtkPrintOperation *ruhu_case_documents_print_operation (RuhuCaseDocuments *self,
                                                        RuhuDocumentKind   kind);

G_END_DECLS
