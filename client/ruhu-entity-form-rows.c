/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-a11y.h"
#include "ruhu-date.h"
#include "ruhu-entity-form-private.h"
#include "ruhu-value-text.h"

/* The rows of a RuhuEntityForm, one kind of widget per field type, and
 * reading a value back from each. */

void
ruhu_entity_form_row_free (RuhuEntityFormRow *row)
{
  g_clear_pointer (&row->checks, g_ptr_array_unref);
  g_clear_pointer (&row->ids, g_ptr_array_unref);
  g_free (row->photo);
  g_free (row);
}

static char *
today_text (void)
{
  GDate today;

  ruhu_date_get_today (NULL, &today);
  return ruhu_date_format (&today);
}

static GtkWidget *
new_entry_row (RuhuEntityFormRow *row)
{
  RuhuFieldType type = ruhu_form_field_get_value_type (row->field);
  GtkWidget *entry = adw_entry_row_new ();
  g_autofree char *title = NULL;

  if (type == RUHU_FIELD_MONEY)
    /* TRANSLATORS: the label of an amount typed in yuan */
    title = g_strdup_printf (_("%s (yuan)"), ruhu_form_field_get_label (row->field));
  else
    title = g_strdup (ruhu_form_field_get_label (row->field));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
  if (type == RUHU_FIELD_PHONE)
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (entry), GTK_INPUT_PURPOSE_PHONE);
  else if (type == RUHU_FIELD_INTEGER || type == RUHU_FIELD_MONEY)
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (entry), GTK_INPUT_PURPOSE_NUMBER);
  return entry;
}

/* A preferences row, so that the group puts it in its list with the
 * others and finds it by its title. */
static GtkWidget *
new_text_view_row (RuhuEntityFormRow *row)
{
  GtkWidget *list_row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (ruhu_form_field_get_label (row->field));
  GtkWidget *frame = gtk_frame_new (NULL);

  row->input = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (row->input), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (row->input), FALSE);
  gtk_widget_set_size_request (row->input, -1, 96);
  gtk_widget_add_css_class (row->input, "entity-form-text");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->input), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  ruhu_form_field_get_label (row->field), -1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_frame_set_child (GTK_FRAME (frame), row->input);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 12);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (list_row),
                                 ruhu_form_field_get_label (row->field));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), box);
  return list_row;
}

static GtkWidget *
new_combo_row (RuhuEntityFormRow *row)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *combo = adw_combo_row_new ();

  /* TRANSLATORS: the first entry of a drop-down where nothing is chosen yet */
  gtk_string_list_append (labels, _("Not chosen"));
  for (guint i = 0; i < ruhu_form_field_get_n_options (row->field); i++)
    gtk_string_list_append (labels, ruhu_form_field_get_option_label (row->field, i));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo),
                                 ruhu_form_field_get_label (row->field));
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (labels));
  return combo;
}

static GtkWidget *
new_check_row (const char  *title,
               GtkWidget  **check)
{
  GtkWidget *row = adw_action_row_new ();

  *check = gtk_check_button_new ();
  gtk_widget_set_valign (*check, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), *check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), *check);
  ruhu_a11y_set_name (*check, title);
  return row;
}

static GtkWidget *
new_multi_row (RuhuEntityFormRow *row)
{
  GtkWidget *expander = adw_expander_row_new ();

  row->checks = g_ptr_array_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                 ruhu_form_field_get_label (row->field));
  for (guint i = 0; i < ruhu_form_field_get_n_options (row->field); i++)
    {
      GtkWidget *check;

      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                new_check_row (ruhu_form_field_get_option_label (row->field, i),
                                               &check));
      g_ptr_array_add (row->checks, check);
    }
  return expander;
}

static GtkWidget *
new_switch_row (RuhuEntityFormRow *row)
{
  GtkWidget *action_row = adw_action_row_new ();

  row->input = gtk_switch_new ();
  gtk_widget_set_valign (row->input, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row),
                                 ruhu_form_field_get_label (row->field));
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), row->input);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (action_row), row->input);
  ruhu_a11y_set_name (row->input, ruhu_form_field_get_label (row->field));
  return action_row;
}

static GtkWidget *
new_photo_row (RuhuEntityFormRow *row,
               GCallback          clicked,
               gpointer           user_data)
{
  GtkWidget *action_row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Choose Photo…"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row),
                                 ruhu_form_field_get_label (row->field));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), _("No photo"));
  ruhu_a11y_tidy_names (button);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "field-row", row);
  g_signal_connect (button, "clicked", clicked, user_data);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (action_row), button);
  return action_row;
}

static GtkWidget *
new_row (RuhuEntityFormRow *row,
         GCallback          photo_clicked,
         gpointer           user_data)
{
  switch (ruhu_form_field_get_field_type (row->field))
    {
    case RUHU_FIELD_TEXT:
      return ruhu_form_field_is_multiline (row->field) ? new_text_view_row (row)
                                                        : new_entry_row (row);
    case RUHU_FIELD_CHOICE:
      return new_combo_row (row);
    case RUHU_FIELD_REFERENCE:
      row->ids = g_ptr_array_new_with_free_func (g_free);
      return new_combo_row (row);
    case RUHU_FIELD_MULTI_CHOICE:
      return new_multi_row (row);
    case RUHU_FIELD_BOOLEAN:
      return new_switch_row (row);
    case RUHU_FIELD_PHOTO:
      return new_photo_row (row, photo_clicked, user_data);
    case RUHU_FIELD_INTEGER:
    case RUHU_FIELD_MONEY:
    case RUHU_FIELD_DATE:
    case RUHU_FIELD_DATETIME:
    case RUHU_FIELD_ID_NUMBER:
    case RUHU_FIELD_PHONE:
    case RUHU_FIELD_SIGNATURE:
    case RUHU_FIELD_COMPUTED:
    default:
      return new_entry_row (row);
    }
}

/* Empties the row; a date starts at today. */
void
ruhu_entity_form_row_reset (RuhuEntityFormRow *row)
{
  RuhuFieldType type = ruhu_form_field_get_field_type (row->field);

  gtk_widget_remove_css_class (row->row, "error");
  if (GTK_IS_TEXT_VIEW (row->input))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->input)), "", -1);
  else if (GTK_IS_SWITCH (row->input))
    gtk_switch_set_active (GTK_SWITCH (row->input), FALSE);
  else if (ADW_IS_COMBO_ROW (row->row))
    adw_combo_row_set_selected (ADW_COMBO_ROW (row->row), 0);
  else if (ADW_IS_ENTRY_ROW (row->row))
    {
      g_autofree char *text = type == RUHU_FIELD_DATE ? today_text () : g_strdup ("");

      gtk_editable_set_text (GTK_EDITABLE (row->row), text);
    }
  for (guint i = 0; row->checks != NULL && i < row->checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (row->checks, i), FALSE);
  if (type == RUHU_FIELD_PHOTO)
    {
      g_clear_pointer (&row->photo, g_free);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), _("No photo"));
    }
}

static JsonNode *
read_multi (RuhuEntityFormRow *row)
{
  g_autoptr(JsonArray) array = json_array_new ();
  JsonNode *node;

  for (guint i = 0; i < row->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (row->checks, i)))
      json_array_add_string_element (array, ruhu_form_field_get_option_value (row->field, i));
  if (json_array_get_length (array) == 0)
    return json_node_new (JSON_NODE_NULL);
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, array);
  return node;
}

static JsonNode *
read_combo (RuhuEntityFormRow *row)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row->row));
  const char *value;

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return json_node_new (JSON_NODE_NULL);
  if (row->ids != NULL)
    value = selected - 1 < row->ids->len ? g_ptr_array_index (row->ids, selected - 1) : NULL;
  else
    value = ruhu_form_field_get_option_value (row->field, selected - 1);
  return value != NULL ? json_node_init_string (json_node_alloc (), value)
                       : json_node_new (JSON_NODE_NULL);
}

static JsonNode *
read_text_view (RuhuEntityFormRow *row)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->input));
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  return *text != '\0' ? json_node_init_string (json_node_alloc (), text)
                       : json_node_new (JSON_NODE_NULL);
}

/**
 * ruhu_entity_form_row_read:
 *
 * Returns: (transfer full) (nullable): the row's value, a JSON null when
 *   empty, or %NULL with @error set when typed text cannot be read
 */
JsonNode *
ruhu_entity_form_row_read (RuhuEntityFormRow  *row,
                           GError            **error)
{
  if (row->checks != NULL)
    return read_multi (row);
  if (GTK_IS_TEXT_VIEW (row->input))
    return read_text_view (row);
  if (GTK_IS_SWITCH (row->input))
    return json_node_init_boolean (json_node_alloc (),
                                   gtk_switch_get_active (GTK_SWITCH (row->input)));
  if (ADW_IS_COMBO_ROW (row->row))
    return read_combo (row);
  if (ruhu_form_field_get_field_type (row->field) == RUHU_FIELD_PHOTO)
    return row->photo != NULL ? json_node_init_string (json_node_alloc (), row->photo)
                              : json_node_new (JSON_NODE_NULL);
  return ruhu_value_from_text (row->field, gtk_editable_get_text (GTK_EDITABLE (row->row)),
                               error);
}

static void
value_changed_cb (RuhuEntityFormRow *row)
{
  if (row->changed != NULL)
    row->changed (row, row->changed_data);
}

/* Whatever widget holds the value, a change reaches value_changed_cb(). */
static void
connect_changed (RuhuEntityFormRow *row)
{
  GCallback callback = G_CALLBACK (value_changed_cb);

  if (GTK_IS_TEXT_VIEW (row->input))
    g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->input)), "changed",
                              callback, row);
  else if (GTK_IS_SWITCH (row->input))
    g_signal_connect_swapped (row->input, "notify::active", callback, row);
  else if (ADW_IS_COMBO_ROW (row->row))
    g_signal_connect_swapped (row->row, "notify::selected", callback, row);
  else if (ADW_IS_ENTRY_ROW (row->row))
    g_signal_connect_swapped (row->row, "changed", callback, row);
  for (guint i = 0; row->checks != NULL && i < row->checks->len; i++)
    g_signal_connect_swapped (g_ptr_array_index (row->checks, i), "toggled", callback, row);
}

/**
 * ruhu_entity_form_row_new:
 * @photo_clicked: called with @user_data when a photo row's button is clicked
 *
 * Returns: (transfer full): a row for @field, empty
 */
RuhuEntityFormRow *
ruhu_entity_form_row_new (RuhuFormField         *field,
                          GCallback              photo_clicked,
                          RuhuEntityFormRowFunc  changed,
                          gpointer               user_data)
{
  RuhuEntityFormRow *row = g_new0 (RuhuEntityFormRow, 1);

  row->field = field;
  row->row = new_row (row, photo_clicked, user_data);
  ruhu_entity_form_row_reset (row);
  row->changed = changed;
  row->changed_data = user_data;
  connect_changed (row);
  return row;
}
