/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-case-documents.h"
#include "ruhu-case-loader.h"

G_BEGIN_DECLS

struct _RuhuCaseDocuments
{
  AdwBin               parent_instance;
  RuhuDevice          *device;
  RuhuCaseLoader      *loader;            /* makes the case's documents */
  GCancellable        *cancellable;       /* everything, until dispose */
  GPtrArray           *docs;              /* kind → RuhuDocument* or NULL */
  char                *head_name;
  gboolean             busy;
  GtkPrintOperation   *print_op;

  AdwPreferencesGroup *group;
  GtkLabel            *message_label;
  GtkWidget           *rows[RUHU_N_DOCUMENT_KINDS];
};

/* ruhu-case-documents.c */
void ruhu_case_documents_show_message   (RuhuCaseDocuments *self,
                                         const char        *text);
void ruhu_case_documents_update_actions (RuhuCaseDocuments *self);

/* ruhu-case-documents-output.c: the "documents.save" and
 * "documents.print" actions, their parameter a RuhuDocumentKind */
void ruhu_case_documents_install_output (GtkWidgetClass    *widget_class);

G_END_DECLS
