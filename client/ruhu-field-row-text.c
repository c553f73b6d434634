/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-field-rows-private.h"
#include "ruhu-field-text.h"

/* Free text over several lines (findings, statements): a title over a text
 * view in one list row. Enter starts a new line; leaving the field saves. */
struct _RuhuTextFieldRow
{
  RuhuFieldRow   parent_instance;
  GtkWidget     *list_row;
  GtkTextView   *view;
  gboolean       setting;
};

G_DEFINE_FINAL_TYPE (RuhuTextFieldRow, ruhu_text_field_row, RUHU_TYPE_FIELD_ROW)

static void
changed_cb (RuhuTextFieldRow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->setting)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  ruhu_field_row_input_text (RUHU_FIELD_ROW (self), text);
}

static void
ruhu_text_field_row_show_value (RuhuFieldRow *row,
                                JsonNode     *value)
{
  RuhuTextFieldRow *self = RUHU_TEXT_FIELD_ROW (row);
  g_autofree char *text = ruhu_field_value_to_text (ruhu_field_row_get_field (row), value);

  self->setting = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->view), text, -1);
  self->setting = FALSE;
}

static void
ruhu_text_field_row_set_editable (RuhuFieldRow *row,
                                  gboolean      editable)
{
  RuhuTextFieldRow *self = RUHU_TEXT_FIELD_ROW (row);

  gtk_text_view_set_editable (self->view, editable);
  gtk_text_view_set_cursor_visible (self->view, editable);
}

static GtkWidget *
build_header (RuhuTextFieldRow *self,
              const char       *label)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (label);
  GtkWidget *suffixes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "caption");
  gtk_widget_add_css_class (title, "dim-label");
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), suffixes);
  g_object_set_data (G_OBJECT (self->list_row), "suffix-box", suffixes);
  return header;
}

static void
ruhu_text_field_row_constructed (GObject *object)
{
  RuhuTextFieldRow *self = RUHU_TEXT_FIELD_ROW (object);
  RuhuFieldRow *row = RUHU_FIELD_ROW (object);
  const char *label;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 10);

  G_OBJECT_CLASS (ruhu_text_field_row_parent_class)->constructed (object);
  label = ruhu_form_field_get_label (ruhu_field_row_get_field (row));
  self->list_row = adw_preferences_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->list_row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->list_row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self->list_row), FALSE);
  gtk_widget_set_focusable (self->list_row, FALSE);
  gtk_widget_add_css_class (self->list_row, "text-field-row");
  gtk_box_append (GTK_BOX (box), build_header (self, label));
  self->view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (self->view, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "field-text");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->view));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self->list_row), box);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->view), "changed",
                            G_CALLBACK (changed_cb), self);
  ruhu_field_row_set_widget (row, self->list_row, GTK_WIDGET (self->view));
}

static void
ruhu_text_field_row_class_init (RuhuTextFieldRowClass *klass)
{
  RuhuFieldRowClass *row_class = RUHU_FIELD_ROW_CLASS (klass);

  G_OBJECT_CLASS (klass)->constructed = ruhu_text_field_row_constructed;
  row_class->show_value = ruhu_text_field_row_show_value;
  row_class->set_editable = ruhu_text_field_row_set_editable;
}

static void
ruhu_text_field_row_init (RuhuTextFieldRow *self)
{
}
