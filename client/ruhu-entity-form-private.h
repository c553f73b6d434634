/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ruhu-entity-form.h"

G_BEGIN_DECLS

typedef struct _RuhuEntityFormRow RuhuEntityFormRow;

typedef void (*RuhuEntityFormRowFunc) (RuhuEntityFormRow *row,
                                       gpointer           user_data);

/* One asked-for field: its row and what to read the value from. */
struct _RuhuEntityFormRow
{
  RuhuFormField *field;
  GtkWidget     *row;
  GtkWidget     *input;   /* the text view of a multi-line text, the switch of a yes/no */
  GPtrArray     *checks;  /* GtkCheckButton* per option of a multiple choice */
  GPtrArray     *ids;     /* entity ids offered by a reference, after "not chosen" */
  char          *photo;   /* SHA-256 of the chosen photo */
  RuhuEntityFormRowFunc changed;  /* the person changed the value */
  gpointer      changed_data;
};

RuhuEntityFormRow *ruhu_entity_form_row_new   (RuhuFormField          *field,
                                               GCallback               photo_clicked,
                                               RuhuEntityFormRowFunc   changed,
                                               gpointer                user_data);
void               ruhu_entity_form_row_free  (RuhuEntityFormRow      *row);
void               ruhu_entity_form_row_reset (RuhuEntityFormRow      *row);
JsonNode          *ruhu_entity_form_row_read  (RuhuEntityFormRow      *row,
                                               GError                **error);

G_END_DECLS
