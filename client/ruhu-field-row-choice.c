/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-field-rows-private.h"

/* One of a list: a choice field's options, or for a reference the entities
 * it may point at (members by name). The first item means "not chosen". */
struct _RuhuChoiceFieldRow
{
  RuhuFieldRow   parent_instance;
  AdwComboRow   *combo;
  GtkStringList *labels;
  GPtrArray     *values;   /* char*, parallel to labels; NULL first */
};

G_DEFINE_FINAL_TYPE (RuhuChoiceFieldRow, ruhu_choice_field_row, RUHU_TYPE_FIELD_ROW)

static void
select_value (RuhuChoiceFieldRow *self,
              JsonNode           *value)
{
  const char *wanted = NULL;
  guint position = 0;

  if (value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
      json_node_get_value_type (value) == G_TYPE_STRING)
    wanted = json_node_get_string (value);
  for (guint i = 1; wanted != NULL && i < self->values->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->values, i), wanted) == 0)
      position = i;
  adw_combo_row_set_selected (self->combo, position);
}

static void
selected_cb (RuhuChoiceFieldRow *self)
{
  RuhuFieldRow *row = RUHU_FIELD_ROW (self);
  guint position = adw_combo_row_get_selected (self->combo);
  const char *chosen = position < self->values->len ? g_ptr_array_index (self->values, position)
                                                    : NULL;
  g_autoptr(JsonNode) value = NULL;

  if (ruhu_field_row_is_updating (row))
    return;
  value = chosen != NULL ? json_node_init_string (json_node_alloc (), chosen)
                         : json_node_init_null (json_node_alloc ());
  ruhu_field_row_input_value (row, value, TRUE);
}

static void
reset_items (RuhuChoiceFieldRow *self)
{
  g_ptr_array_set_size (self->values, 0);
  g_ptr_array_add (self->values, NULL);
  gtk_string_list_splice (self->labels, 0, g_list_model_get_n_items (G_LIST_MODEL (self->labels)),
                          NULL);
  /* Translators: the entry of a drop-down list that leaves the field empty. */
  gtk_string_list_append (self->labels, _("Not chosen"));
}

static void
ruhu_choice_field_row_show_value (RuhuFieldRow *row,
                                  JsonNode     *value)
{
  select_value (RUHU_CHOICE_FIELD_ROW (row), value);
}

static void
ruhu_choice_field_row_set_editable (RuhuFieldRow *row,
                                    gboolean      editable)
{
  gtk_widget_set_sensitive (GTK_WIDGET (RUHU_CHOICE_FIELD_ROW (row)->combo), editable);
}

static void
ruhu_choice_field_row_set_choices (RuhuFieldRow *row,
                                   GStrv         ids,
                                   GStrv         labels)
{
  RuhuChoiceFieldRow *self = RUHU_CHOICE_FIELD_ROW (row);

  reset_items (self);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_ptr_array_add (self->values, g_strdup (ids[i]));
      gtk_string_list_append (self->labels, labels[i]);
    }
  select_value (self, ruhu_field_row_get_pending (row));
}

static void
ruhu_choice_field_row_constructed (GObject *object)
{
  RuhuChoiceFieldRow *self = RUHU_CHOICE_FIELD_ROW (object);
  RuhuFieldRow *row = RUHU_FIELD_ROW (object);
  RuhuFormField *field;
  g_autoptr(GtkExpression) expression = NULL;

  G_OBJECT_CLASS (ruhu_choice_field_row_parent_class)->constructed (object);
  field = ruhu_field_row_get_field (row);
  self->labels = gtk_string_list_new (NULL);
  reset_items (self);
  for (guint i = 0; i < ruhu_form_field_get_n_options (field); i++)
    {
      g_ptr_array_add (self->values, g_strdup (ruhu_form_field_get_option_value (field, i)));
      gtk_string_list_append (self->labels, ruhu_form_field_get_option_label (field, i));
    }
  self->combo = ADW_COMBO_ROW (adw_combo_row_new ());
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  adw_combo_row_set_expression (self->combo, expression);
  adw_combo_row_set_model (self->combo, G_LIST_MODEL (self->labels));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->combo),
                                 ruhu_form_field_get_label (field));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->combo), ruhu_form_field_get_help (field));
  g_signal_connect_swapped (self->combo, "notify::selected", G_CALLBACK (selected_cb), self);
  ruhu_field_row_set_widget (row, GTK_WIDGET (self->combo), NULL);
}

static void
ruhu_choice_field_row_finalize (GObject *object)
{
  RuhuChoiceFieldRow *self = RUHU_CHOICE_FIELD_ROW (object);

  g_clear_object (&self->labels);
  g_clear_pointer (&self->values, g_ptr_array_unref);
  G_OBJECT_CLASS (ruhu_choice_field_row_parent_class)->finalize (object);
}

static void
ruhu_choice_field_row_class_init (RuhuChoiceFieldRowClass *klass)
{
  RuhuFieldRowClass *row_class = RUHU_FIELD_ROW_CLASS (klass);

  G_OBJECT_CLASS (klass)->constructed = ruhu_choice_field_row_constructed;
  G_OBJECT_CLASS (klass)->finalize = ruhu_choice_field_row_finalize;
  row_class->show_value = ruhu_choice_field_row_show_value;
  row_class->set_editable = ruhu_choice_field_row_set_editable;
  row_class->set_choices = ruhu_choice_field_row_set_choices;
}

static void
ruhu_choice_field_row_init (RuhuChoiceFieldRow *self)
{
  self->values = g_ptr_array_new_with_free_func (g_free);
}
