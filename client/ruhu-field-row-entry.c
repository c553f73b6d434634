/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-field-rows-private.h"
#include "ruhu-field-text.h"

/* One-line values: text, numbers, money in yuan, dates, ID and phone
 * numbers. ID numbers and bank accounts show masked until revealed. */
struct _RuhuEntryFieldRow
{
  RuhuFieldRow  parent_instance;
  AdwEntryRow  *entry;
  GtkWidget    *reveal_button;
  gboolean      masked;   /* a secret not revealed yet */
  gboolean      hidden;   /* shown masked now (an empty secret is not) */
  gboolean      editable;
  gboolean      setting;  /* the text changes because we set it */
};

G_DEFINE_FINAL_TYPE (RuhuEntryFieldRow, ruhu_entry_field_row, RUHU_TYPE_FIELD_ROW)

static gboolean
is_secret (RuhuFormField *field)
{
  RuhuSensitivity sensitivity = ruhu_form_field_get_sensitivity (field);

  return sensitivity == RUHU_SENSITIVITY_ID_NUMBER || sensitivity == RUHU_SENSITIVITY_BANK;
}

static void
show_text (RuhuEntryFieldRow *self)
{
  RuhuFieldRow *row = RUHU_FIELD_ROW (self);
  JsonNode *value = ruhu_field_row_get_pending (row);
  g_autofree char *text = ruhu_field_value_to_text (ruhu_field_row_get_field (row), value);
  gboolean masked = self->masked && *text != '\0';

  self->setting = TRUE;
  if (masked)
    {
      g_autofree char *hidden = ruhu_field_mask_text (text);

      gtk_editable_set_text (GTK_EDITABLE (self->entry), hidden);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  self->setting = FALSE;
  self->hidden = masked;
  gtk_editable_set_editable (GTK_EDITABLE (self->entry), self->editable && !masked);
  gtk_widget_set_visible (self->reveal_button, masked);
}

static void
reveal_clicked_cb (RuhuEntryFieldRow *self)
{
  self->masked = FALSE;
  show_text (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
changed_cb (RuhuEntryFieldRow *self)
{
  if (self->hidden || self->setting)
    return;
  ruhu_field_row_input_text (RUHU_FIELD_ROW (self),
                             gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

static void
activated_cb (RuhuEntryFieldRow *self)
{
  ruhu_field_row_commit (RUHU_FIELD_ROW (self));
}

static void
ruhu_entry_field_row_show_value (RuhuFieldRow *row,
                                 JsonNode     *value)
{
  RuhuEntryFieldRow *self = RUHU_ENTRY_FIELD_ROW (row);

  /* A new value from elsewhere is hidden again, like when the page opened. */
  self->masked = is_secret (ruhu_field_row_get_field (row));
  show_text (self);
}

static void
ruhu_entry_field_row_set_editable (RuhuFieldRow *row,
                                   gboolean      editable)
{
  RuhuEntryFieldRow *self = RUHU_ENTRY_FIELD_ROW (row);

  self->editable = editable;
  gtk_editable_set_editable (GTK_EDITABLE (self->entry), editable && !self->hidden);
}

static GtkWidget *
unit_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
set_input_hints (RuhuEntryFieldRow *self,
                 RuhuFormField     *field)
{
  switch (ruhu_form_field_get_field_type (field))
    {
    case RUHU_FIELD_INTEGER:
      adw_entry_row_set_input_purpose (self->entry, GTK_INPUT_PURPOSE_DIGITS);
      break;
    case RUHU_FIELD_MONEY:
      adw_entry_row_set_input_purpose (self->entry, GTK_INPUT_PURPOSE_NUMBER);
      /* Translators: the unit after an amount of money being typed. */
      adw_entry_row_add_suffix (self->entry, unit_label (_("yuan")));
      break;
    case RUHU_FIELD_PHONE:
      adw_entry_row_set_input_purpose (self->entry, GTK_INPUT_PURPOSE_PHONE);
      break;
    case RUHU_FIELD_DATE:
      /* Translators: the form a date is typed in, shown after the entry. */
      adw_entry_row_add_suffix (self->entry, unit_label (_("YYYY-MM-DD")));
      break;
    case RUHU_FIELD_DATETIME:
      /* Translators: the form a date and time is typed in. */
      adw_entry_row_add_suffix (self->entry, unit_label (_("YYYY-MM-DD HH:MM")));
      break;
    case RUHU_FIELD_ID_NUMBER:
    case RUHU_FIELD_TEXT:
    case RUHU_FIELD_CHOICE:
    case RUHU_FIELD_MULTI_CHOICE:
    case RUHU_FIELD_BOOLEAN:
    case RUHU_FIELD_PHOTO:
    case RUHU_FIELD_SIGNATURE:
    case RUHU_FIELD_REFERENCE:
    case RUHU_FIELD_COMPUTED:
    default:
      break;
    }
}

static void
ruhu_entry_field_row_constructed (GObject *object)
{
  RuhuEntryFieldRow *self = RUHU_ENTRY_FIELD_ROW (object);
  RuhuFieldRow *row = RUHU_FIELD_ROW (object);
  RuhuFormField *field;

  G_OBJECT_CLASS (ruhu_entry_field_row_parent_class)->constructed (object);
  field = ruhu_field_row_get_field (row);
  self->entry = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->entry),
                                 ruhu_form_field_get_label (field));
  set_input_hints (self, field);
  self->reveal_button = gtk_button_new_from_icon_name ("view-reveal-symbolic");
  gtk_widget_set_valign (self->reveal_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->reveal_button, "flat");
  gtk_widget_set_tooltip_text (self->reveal_button, _("Show the whole number"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reveal_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show the whole number"), -1);
  gtk_widget_set_visible (self->reveal_button, FALSE);
  adw_entry_row_add_suffix (self->entry, self->reveal_button);
  g_signal_connect_swapped (self->reveal_button, "clicked", G_CALLBACK (reveal_clicked_cb), self);
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->entry, "entry-activated", G_CALLBACK (activated_cb), self);
  ruhu_field_row_set_widget (row, GTK_WIDGET (self->entry), GTK_WIDGET (self->entry));
}

static void
ruhu_entry_field_row_class_init (RuhuEntryFieldRowClass *klass)
{
  RuhuFieldRowClass *row_class = RUHU_FIELD_ROW_CLASS (klass);

  G_OBJECT_CLASS (klass)->constructed = ruhu_entry_field_row_constructed;
  row_class->show_value = ruhu_entry_field_row_show_value;
  row_class->set_editable = ruhu_entry_field_row_set_editable;
}

static void
ruhu_entry_field_row_init (RuhuEntryFieldRow *self)
{
  self->editable = TRUE;
}
