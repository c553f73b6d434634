/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-field-rows-private.h"

/* Several of a list: a row whose subtitle names what is chosen, and a
 * pop-over with a check button per option (not an expander: members and
 * items are expanders already, and nested ones read badly). Each tick is
 * written at once. */
struct _RuhuMultiFieldRow
{
  RuhuFieldRow   parent_instance;
  AdwActionRow  *action_row;
  GtkMenuButton *button;
  GPtrArray     *checks;  /* GtkCheckButton*, in option order */
  gboolean       setting;
};

G_DEFINE_FINAL_TYPE (RuhuMultiFieldRow, ruhu_multi_field_row, RUHU_TYPE_FIELD_ROW)

static gboolean
array_contains (JsonNode   *value,
                const char *option)
{
  JsonArray *array;

  if (value == NULL || !JSON_NODE_HOLDS_ARRAY (value))
    return FALSE;
  array = json_node_get_array (value);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (element), option) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
update_subtitle (RuhuMultiFieldRow *self)
{
  RuhuFormField *field = ruhu_field_row_get_field (RUHU_FIELD_ROW (self));
  g_autoptr(GString) chosen = g_string_new (NULL);

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      {
        if (chosen->len > 0)
          /* Translators: between the options chosen in a list of several. */
          g_string_append (chosen, _(", "));
        g_string_append (chosen, ruhu_form_field_get_option_label (field, i));
      }
  adw_action_row_set_subtitle (self->action_row, chosen->len > 0 ? chosen->str : _("None chosen"));
}

static void
toggled_cb (RuhuMultiFieldRow *self)
{
  RuhuFormField *field = ruhu_field_row_get_field (RUHU_FIELD_ROW (self));
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) value = json_node_alloc ();

  update_subtitle (self);
  if (self->setting)
    return;
  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      json_array_add_string_element (array, ruhu_form_field_get_option_value (field, i));
  json_node_init_array (value, array);
  ruhu_field_row_input_value (RUHU_FIELD_ROW (self), value, TRUE);
}

static void
ruhu_multi_field_row_show_value (RuhuFieldRow *row,
                                 JsonNode     *value)
{
  RuhuMultiFieldRow *self = RUHU_MULTI_FIELD_ROW (row);
  RuhuFormField *field = ruhu_field_row_get_field (row);

  self->setting = TRUE;
  for (guint i = 0; i < self->checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->checks, i),
                                 array_contains (value, ruhu_form_field_get_option_value (field, i)));
  self->setting = FALSE;
  update_subtitle (self);
}

static void
ruhu_multi_field_row_set_editable (RuhuFieldRow *row,
                                   gboolean      editable)
{
  RuhuMultiFieldRow *self = RUHU_MULTI_FIELD_ROW (row);

  gtk_widget_set_sensitive (GTK_WIDGET (self->button), editable);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->action_row), editable);
}

static GtkWidget *
option_check (RuhuMultiFieldRow *self,
              const char        *label)
{
  GtkWidget *check = gtk_check_button_new_with_label (label);

  g_signal_connect_swapped (check, "toggled", G_CALLBACK (toggled_cb), self);
  g_ptr_array_add (self->checks, check);
  return check;
}

static void
activated_cb (RuhuMultiFieldRow *self)
{
  gtk_menu_button_popup (self->button);
}

static void
ruhu_multi_field_row_constructed (GObject *object)
{
  RuhuMultiFieldRow *self = RUHU_MULTI_FIELD_ROW (object);
  RuhuFieldRow *row = RUHU_FIELD_ROW (object);
  RuhuFormField *field;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *popover = gtk_popover_new ();
  const char *label;

  G_OBJECT_CLASS (ruhu_multi_field_row_parent_class)->constructed (object);
  field = ruhu_field_row_get_field (row);
  label = ruhu_form_field_get_label (field);
  self->action_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->action_row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->action_row), TRUE);
  g_signal_connect_swapped (self->action_row, "activated", G_CALLBACK (activated_cb), self);
  for (guint i = 0; i < ruhu_form_field_get_n_options (field); i++)
    gtk_box_append (GTK_BOX (box), option_check (self, ruhu_form_field_get_option_label (field, i)));
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->button, "document-edit-symbolic");
  gtk_menu_button_set_popover (self->button, popover);
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  adw_action_row_add_suffix (self->action_row, GTK_WIDGET (self->button));
  update_subtitle (self);
  ruhu_field_row_set_widget (row, GTK_WIDGET (self->action_row), NULL);
}

static void
ruhu_multi_field_row_finalize (GObject *object)
{
  g_clear_pointer (&RUHU_MULTI_FIELD_ROW (object)->checks, g_ptr_array_unref);
  G_OBJECT_CLASS (ruhu_multi_field_row_parent_class)->finalize (object);
}

static void
ruhu_multi_field_row_class_init (RuhuMultiFieldRowClass *klass)
{
  RuhuFieldRowClass *row_class = RUHU_FIELD_ROW_CLASS (klass);

  G_OBJECT_CLASS (klass)->constructed = ruhu_multi_field_row_constructed;
  G_OBJECT_CLASS (klass)->finalize = ruhu_multi_field_row_finalize;
  row_class->show_value = ruhu_multi_field_row_show_value;
  row_class->set_editable = ruhu_multi_field_row_set_editable;
}

static void
ruhu_multi_field_row_init (RuhuMultiFieldRow *self)
{
  self->checks = g_ptr_array_new ();
}
