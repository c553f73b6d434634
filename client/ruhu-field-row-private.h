/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-field-row.h"

G_BEGIN_DECLS

/* Shared by ruhu-field-row.c (the row and its state) and
 * ruhu-field-row-input.c (what the user does in it). */
typedef struct
{
  RuhuFormField *field;
  GtkWidget     *row;            /* owned by the list it is added to */
  GtkWidget     *message_row;
  GtkLabel      *message_label;
  GtkWidget     *conflict_button;
  GtkWidget     *history_button;
  GtkWidget     *comment_button; /* a supervisor's comment for return */
  GtkLabel      *review_label;   /* the return comments on this field */
  char          *review;
  GtkWidget     *suffix_box;     /* where the row's own suffixes end */
  JsonNode      *stored;         /* last value from the store */
  JsonNode      *pending;        /* what the user typed, when valid */
  char          *error;          /* what is wrong with what the user typed */
  char          *help;
  guint          dirty : 1;
  guint          shown : 1;
  guint          updating : 1;
  guint          relevant : 1;
  guint          editable : 1;
} RuhuFieldRowPrivate;

RuhuFieldRowPrivate *ruhu_field_row_get_private     (RuhuFieldRow *self);
gboolean             ruhu_field_row_values_equal    (JsonNode     *a,
                                                     JsonNode     *b);
void                 ruhu_field_row_update_message  (RuhuFieldRow *self);
void                 ruhu_field_row_set_error       (RuhuFieldRow *self,
                                                     const char   *error);
void                 ruhu_field_row_emit_changed    (RuhuFieldRow *self,
                                                     JsonNode     *value);
void                 ruhu_field_row_emit_commit     (RuhuFieldRow *self,
                                                     JsonNode     *value);

/* ruhu-field-row-review.c */
GtkWidget           *ruhu_field_row_build_review    (RuhuFieldRow *self,
                                                     GtkWidget    *message_label);

G_END_DECLS
