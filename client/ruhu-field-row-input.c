/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-field-row-private.h"
#include "ruhu-field-text.h"
#include "ruhu-form-validate.h"

/* What the user does in a field row: typing (checked as it goes), leaving
 * the field or pressing Enter (written), and what subclasses set up for it. */

/* Leaving the field saves it, and shows the value as stored ("1500"
 * becomes "1500.00", an ID number is masked again). */
static void
focus_leave_cb (RuhuFieldRow *self)
{
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_private (self);

  ruhu_field_row_commit (self);
  if (priv->dirty || priv->error != NULL)
    return;
  priv->updating = TRUE;
  RUHU_FIELD_ROW_GET_CLASS (self)->show_value (self, priv->stored);
  priv->updating = FALSE;
}

/**
 * ruhu_field_row_commit:
 *
 * Hands on the typed value to be written, if it is valid and new.
 *
 * Returns: %TRUE if "commit" was emitted
 */
gboolean
ruhu_field_row_commit (RuhuFieldRow *self)
{
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_private (self);
  g_autoptr(JsonNode) value = NULL;

  /* A field hidden as irrelevant must stay empty: what was typed before it
   * was hidden is not written. */
  if (!priv->dirty || priv->pending == NULL || !priv->editable || !priv->relevant)
    return FALSE;
  priv->dirty = FALSE;
  if (ruhu_field_row_values_equal (priv->pending, priv->stored))
    return FALSE;
  value = json_node_ref (priv->pending);
  g_clear_pointer (&priv->stored, json_node_unref);
  priv->stored = json_node_copy (value);
  ruhu_field_row_emit_commit (self, value);
  return TRUE;
}

/* Shows why a write failed; the value stays typed in. */
void
ruhu_field_row_show_error (RuhuFieldRow *self,
                           const char   *message)
{
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_private (self);

  priv->dirty = TRUE;
  ruhu_field_row_set_error (self, message);
}

/**
 * ruhu_field_row_set_widget:
 * @row: the list row; it gets the history and conflict buttons
 * @focus_widget: (nullable): what to watch for the user leaving the field;
 *   %NULL for rows that commit at once (choices, switches)
 */
void
ruhu_field_row_set_widget (RuhuFieldRow *self,
                           GtkWidget    *row,
                           GtkWidget    *focus_widget)
{
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_private (self);
  const char *help = ruhu_form_field_get_help (priv->field);

  priv->row = g_object_ref_sink (row);
  gtk_widget_add_css_class (row, "field-row");
  if (focus_widget != NULL)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_leave_cb), self);
      gtk_widget_add_controller (focus_widget, focus);
      /* Entries show help under them; other rows in their subtitle. The
       * forms' money help speaks of fen, but people type yuan here. */
      if (ruhu_form_field_get_value_type (priv->field) != RUHU_FIELD_MONEY)
        priv->help = g_strdup (help);
    }
  ruhu_field_row_add_suffix (self, priv->conflict_button);
  ruhu_field_row_add_suffix (self, priv->history_button);
  ruhu_field_row_add_suffix (self, priv->comment_button);
  ruhu_field_row_update_message (self);
}

void
ruhu_field_row_add_suffix (RuhuFieldRow *self,
                           GtkWidget    *widget)
{
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_private (self);

  if (ADW_IS_ENTRY_ROW (priv->row))
    adw_entry_row_add_suffix (ADW_ENTRY_ROW (priv->row), widget);
  else if (ADW_IS_ACTION_ROW (priv->row))
    adw_action_row_add_suffix (ADW_ACTION_ROW (priv->row), widget);
  else if (ADW_IS_EXPANDER_ROW (priv->row))
    adw_expander_row_add_action (ADW_EXPANDER_ROW (priv->row), widget);
  else if (g_object_get_data (G_OBJECT (priv->row), "suffix-box") != NULL)
    gtk_box_append (g_object_get_data (G_OBJECT (priv->row), "suffix-box"), widget);
  else
    g_warn_if_reached ();
}

/* The user typed @text: read it, check it, say what is wrong. */
void
ruhu_field_row_input_text (RuhuFieldRow *self,
                           const char   *text)
{
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_private (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = NULL;

  if (priv->updating)
    return;
  value = ruhu_field_text_to_value (priv->field, text, NULL, &error);
  if (value != NULL && !ruhu_form_field_validate_value (priv->field, value, NULL, &error))
    g_clear_pointer (&value, json_node_unref);
  priv->dirty = TRUE;
  g_clear_pointer (&priv->pending, json_node_unref);
  priv->pending = value != NULL ? json_node_ref (value) : NULL;
  ruhu_field_row_set_error (self, error != NULL ? error->message : NULL);
  /* While the text is wrong, totals and relevance go by the stored value. */
  if (value == NULL)
    value = priv->stored != NULL ? json_node_ref (priv->stored)
                                 : json_node_init_null (json_node_alloc ());
  ruhu_field_row_emit_changed (self, value);
}

/* The user chose @value (a choice, a switch): checked, and written at
 * once when @commit, since choosing is already leaving the field. */
void
ruhu_field_row_input_value (RuhuFieldRow *self,
                            JsonNode     *value,
                            gboolean      commit)
{
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_private (self);
  g_autoptr(GError) error = NULL;

  if (priv->updating)
    return;
  priv->dirty = TRUE;
  g_clear_pointer (&priv->pending, json_node_unref);
  if (ruhu_form_field_validate_value (priv->field, value, NULL, &error))
    priv->pending = json_node_copy (value);
  ruhu_field_row_set_error (self, error != NULL ? error->message : NULL);
  if (priv->pending == NULL)
    return;
  ruhu_field_row_emit_changed (self, priv->pending);
  if (commit)
    ruhu_field_row_commit (self);
}

