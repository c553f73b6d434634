/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-a11y.h"
#include "ruhu-field-rows-private.h"

/* Yes or no. A switch cannot show "not answered yet", so an unanswered
 * required field says so in the subtitle and offers a "No" button beside
 * the switch: it is answered by a choice, never by default. */
struct _RuhuSwitchFieldRow
{
  RuhuFieldRow  parent_instance;
  AdwActionRow *action_row;
  GtkSwitch    *toggle;
  GtkWidget    *no_button;
  gboolean      setting;
};

G_DEFINE_FINAL_TYPE (RuhuSwitchFieldRow, ruhu_switch_field_row, RUHU_TYPE_FIELD_ROW)

static void
show_answered (RuhuSwitchFieldRow *self,
               gboolean            answered)
{
  RuhuFormField *field = ruhu_field_row_get_field (RUHU_FIELD_ROW (self));
  const char *help = ruhu_form_field_get_help (field);

  /* An optional question left alone means no; only a required one must
   * be answered either way. */
  if (!ruhu_form_field_is_required (field))
    answered = TRUE;
  gtk_widget_set_visible (self->no_button, !answered);
  if (answered)
    adw_action_row_set_subtitle (self->action_row, help);
  else
    adw_action_row_set_subtitle (self->action_row, _("Not answered yet"));
}

static void
answer (RuhuSwitchFieldRow *self,
        gboolean            yes)
{
  g_autoptr(JsonNode) value = json_node_init_boolean (json_node_alloc (), yes);

  show_answered (self, TRUE);
  ruhu_field_row_input_value (RUHU_FIELD_ROW (self), value, TRUE);
}

static void
active_cb (RuhuSwitchFieldRow *self)
{
  if (!self->setting)
    answer (self, gtk_switch_get_active (self->toggle));
}

static void
no_clicked_cb (RuhuSwitchFieldRow *self)
{
  answer (self, FALSE);
}

static void
ruhu_switch_field_row_show_value (RuhuFieldRow *row,
                                  JsonNode     *value)
{
  RuhuSwitchFieldRow *self = RUHU_SWITCH_FIELD_ROW (row);
  gboolean answered = value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
                      json_node_get_value_type (value) == G_TYPE_BOOLEAN;

  self->setting = TRUE;
  gtk_switch_set_active (self->toggle, answered && json_node_get_boolean (value));
  self->setting = FALSE;
  show_answered (self, answered);
}

static void
ruhu_switch_field_row_set_editable (RuhuFieldRow *row,
                                    gboolean      editable)
{
  RuhuSwitchFieldRow *self = RUHU_SWITCH_FIELD_ROW (row);

  gtk_widget_set_sensitive (GTK_WIDGET (self->toggle), editable);
  gtk_widget_set_sensitive (self->no_button, editable);
}

static void
ruhu_switch_field_row_constructed (GObject *object)
{
  RuhuSwitchFieldRow *self = RUHU_SWITCH_FIELD_ROW (object);
  RuhuFieldRow *row = RUHU_FIELD_ROW (object);
  const char *label;

  G_OBJECT_CLASS (ruhu_switch_field_row_parent_class)->constructed (object);
  label = ruhu_form_field_get_label (ruhu_field_row_get_field (row));
  self->action_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->action_row), label);
  /* Translators: answers a yes-or-no question on a form with "no". */
  self->no_button = gtk_button_new_with_label (C_("answer", "No"));
  gtk_widget_set_valign (self->no_button, GTK_ALIGN_CENTER);
  /* Translators: read out for the "No" button of a question. */
  ruhu_a11y_set_name (self->no_button, _("Answer no"));
  g_signal_connect_swapped (self->no_button, "clicked", G_CALLBACK (no_clicked_cb), self);
  adw_action_row_add_suffix (self->action_row, self->no_button);
  self->toggle = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->toggle), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->action_row, GTK_WIDGET (self->toggle));
  adw_action_row_set_activatable_widget (self->action_row, GTK_WIDGET (self->toggle));
  ruhu_a11y_set_name (GTK_WIDGET (self->toggle), label);
  g_signal_connect_swapped (self->toggle, "notify::active", G_CALLBACK (active_cb), self);
  show_answered (self, FALSE);
  ruhu_field_row_set_widget (row, GTK_WIDGET (self->action_row), NULL);
}

static void
ruhu_switch_field_row_class_init (RuhuSwitchFieldRowClass *klass)
{
  RuhuFieldRowClass *row_class = RUHU_FIELD_ROW_CLASS (klass);

  G_OBJECT_CLASS (klass)->constructed = ruhu_switch_field_row_constructed;
  row_class->show_value = ruhu_switch_field_row_show_value;
  row_class->set_editable = ruhu_switch_field_row_set_editable;
}

static void
ruhu_switch_field_row_init (RuhuSwitchFieldRow *self)
{
}
