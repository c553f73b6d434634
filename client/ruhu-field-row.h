/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ruhu-form.h"

G_BEGIN_DECLS

/* The editor of one field: a list row (an entry, a combo, a switch…) and a
 * message row under it for what is wrong with the value typed. Values are
 * checked as the user types ("changed") and handed on to be written when
 * the user leaves the field or presses Enter ("commit"); an invalid value
 * stays in the row, marked, and is never committed. */
#define RUHU_TYPE_FIELD_ROW (ruhu_field_row_get_type ())
G_DECLARE_DERIVABLE_TYPE (RuhuFieldRow, ruhu_field_row, RUHU, FIELD_ROW, GObject)

struct _RuhuFieldRowClass
{
  GObjectClass parent_class;

  /* Shows a value from the store (never called while the user edits). */
  void (*show_value)   (RuhuFieldRow *self,
                        JsonNode     *value);
  void (*set_editable) (RuhuFieldRow *self,
                        gboolean      editable);
  /* A reference row's entries to choose from: ids and their labels. */
  void (*set_choices)  (RuhuFieldRow *self,
                        GStrv         ids,
                        GStrv         labels);
};

RuhuFieldRow  *ruhu_field_row_new              (RuhuFormField *field);
RuhuFormField *ruhu_field_row_get_field        (RuhuFieldRow  *self);
const char    *ruhu_field_row_get_name         (RuhuFieldRow  *self);
GtkWidget     *ruhu_field_row_get_row          (RuhuFieldRow  *self);
GtkWidget     *ruhu_field_row_get_message_row  (RuhuFieldRow  *self);
void           ruhu_field_row_set_value        (RuhuFieldRow  *self,
                                                JsonNode      *value);
JsonNode      *ruhu_field_row_get_pending      (RuhuFieldRow  *self);
gboolean       ruhu_field_row_is_dirty         (RuhuFieldRow  *self);
gboolean       ruhu_field_row_has_error        (RuhuFieldRow  *self);
const char    *ruhu_field_row_get_message      (RuhuFieldRow  *self);
gboolean       ruhu_field_row_commit           (RuhuFieldRow  *self);
void           ruhu_field_row_set_editable     (RuhuFieldRow  *self,
                                                gboolean       editable);
void           ruhu_field_row_set_relevant     (RuhuFieldRow  *self,
                                                gboolean       relevant);
void           ruhu_field_row_set_conflict     (RuhuFieldRow  *self,
                                                gboolean       conflict);
void           ruhu_field_row_set_choices      (RuhuFieldRow  *self,
                                                GStrv          ids,
                                                GStrv          labels);
void           ruhu_field_row_show_error       (RuhuFieldRow  *self,
                                                const char    *message);
void           ruhu_field_row_set_review       (RuhuFieldRow  *self,
                                                const char    *entity,
                                                gboolean       can_comment,
                                                const char    *review);
const char    *ruhu_field_row_get_review       (RuhuFieldRow  *self);

/* For subclasses */
void           ruhu_field_row_set_widget       (RuhuFieldRow  *self,
                                                GtkWidget     *row,
                                                GtkWidget     *focus_widget);
void           ruhu_field_row_add_suffix       (RuhuFieldRow  *self,
                                                GtkWidget     *widget);
void           ruhu_field_row_input_text       (RuhuFieldRow  *self,
                                                const char    *text);
void           ruhu_field_row_input_value      (RuhuFieldRow  *self,
                                                JsonNode      *value,
                                                gboolean       commit);
gboolean       ruhu_field_row_is_updating      (RuhuFieldRow  *self);
JsonNode      *ruhu_field_row_get_stored       (RuhuFieldRow  *self);

G_END_DECLS
