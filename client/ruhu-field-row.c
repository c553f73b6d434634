/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-field-row-private.h"
#include "ruhu-field-rows-private.h"
#include "ruhu-field-text.h"
#include "ruhu-form-validate.h"


G_DEFINE_TYPE_WITH_PRIVATE (RuhuFieldRow, ruhu_field_row, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_FIELD,
  N_PROPS
};

enum
{
  CHANGED,
  COMMIT,
  HISTORY,
  RESOLVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

gboolean
ruhu_field_row_values_equal (JsonNode *a,
              JsonNode *b)
{
  gboolean a_empty = a == NULL || ruhu_form_value_is_empty (a);
  gboolean b_empty = b == NULL || ruhu_form_value_is_empty (b);

  if (a_empty || b_empty)
    return a_empty == b_empty;
  return json_node_equal (a, b);
}

/* The message row shows, in this order: what is wrong, or the help text. */
void
ruhu_field_row_update_message (RuhuFieldRow *self)
{
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_instance_private (self);
  const char *text = priv->error != NULL ? priv->error : priv->help;
  g_autofree char *description = NULL;

  gtk_label_set_text (priv->message_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (priv->message_label), text != NULL);
  gtk_label_set_text (priv->review_label, priv->review != NULL ? priv->review : "");
  gtk_widget_set_visible (GTK_WIDGET (priv->review_label), priv->review != NULL);
  gtk_widget_set_visible (priv->message_row,
                          priv->relevant && (text != NULL || priv->review != NULL));
  if (priv->error != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (priv->message_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (priv->message_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (priv->message_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (priv->message_label), "dim-label");
    }
  if (priv->row == NULL)
    return;
  if (priv->error != NULL)
    gtk_widget_add_css_class (priv->row, "error");
  else
    gtk_widget_remove_css_class (priv->row, "error");
  /* The message belongs to the row above it: no line between them. */
  if (text != NULL || priv->review != NULL)
    gtk_widget_add_css_class (priv->row, "has-message");
  else
    gtk_widget_remove_css_class (priv->row, "has-message");
  /* Screen readers hear the problem with the field, not only see it. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (priv->row), GTK_ACCESSIBLE_STATE_INVALID,
                               priv->error != NULL ? GTK_ACCESSIBLE_INVALID_TRUE
                                                   : GTK_ACCESSIBLE_INVALID_FALSE, -1);
  description = g_strjoin ("\n", text != NULL ? text : "", priv->review, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (priv->row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, g_strstrip (description),
                                  -1);
}

void
ruhu_field_row_set_error (RuhuFieldRow *self,
                          const char   *error)
{
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_instance_private (self);

  if (g_strcmp0 (priv->error, error) == 0)
    return;
  g_free (priv->error);
  priv->error = g_strdup (error);
  ruhu_field_row_update_message (self);
}

static void
history_clicked_cb (RuhuFieldRow *self)
{
  g_signal_emit (self, signals[HISTORY], 0);
}

static void
conflict_clicked_cb (RuhuFieldRow *self)
{
  g_signal_emit (self, signals[RESOLVE], 0);
}

static GtkWidget *
icon_button (const char *icon,
             const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return button;
}

static void
build_message_row (RuhuFieldRow *self)
{
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_instance_private (self);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_bottom (label, 8);
  gtk_widget_set_margin_top (label, 2);
  priv->message_label = GTK_LABEL (label);
  /* A preferences row, or AdwPreferencesGroup would put it below the list. */
  priv->message_row = adw_preferences_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (priv->message_row),
                              ruhu_field_row_build_review (self, label));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (priv->message_row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (priv->message_row), FALSE);
  gtk_widget_set_focusable (priv->message_row, FALSE);
  gtk_widget_add_css_class (priv->message_row, "field-message");
  gtk_widget_set_visible (priv->message_row, FALSE);
  g_object_ref_sink (priv->message_row);
}

static void
ruhu_field_row_constructed (GObject *object)
{
  RuhuFieldRow *self = RUHU_FIELD_ROW (object);
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_instance_private (self);

  G_OBJECT_CLASS (ruhu_field_row_parent_class)->constructed (object);
  build_message_row (self);
  priv->history_button = icon_button ("document-open-recent-symbolic", _("Earlier values"));
  /* On every row, so kept quiet beside the value. */
  gtk_widget_add_css_class (priv->history_button, "dim-label");
  g_signal_connect_swapped (priv->history_button, "clicked", G_CALLBACK (history_clicked_cb), self);
  priv->conflict_button = icon_button ("dialog-warning-symbolic", _("Values in conflict: resolve"));
  gtk_widget_add_css_class (priv->conflict_button, "warning");
  gtk_widget_set_visible (priv->conflict_button, FALSE);
  g_signal_connect_swapped (priv->conflict_button, "clicked", G_CALLBACK (conflict_clicked_cb), self);
  priv->comment_button = icon_button ("chat-message-new-symbolic", _("Comment for return…"));
  gtk_widget_add_css_class (priv->comment_button, "dim-label");
  gtk_widget_set_visible (priv->comment_button, FALSE);
}

static void
ruhu_field_row_finalize (GObject *object)
{
  RuhuFieldRow *self = RUHU_FIELD_ROW (object);
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_instance_private (self);

  g_clear_object (&priv->row);
  g_clear_object (&priv->message_row);
  g_clear_pointer (&priv->stored, json_node_unref);
  g_clear_pointer (&priv->pending, json_node_unref);
  g_free (priv->error);
  g_free (priv->help);
  g_free (priv->review);
  G_OBJECT_CLASS (ruhu_field_row_parent_class)->finalize (object);
}

static void
ruhu_field_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_instance_private (RUHU_FIELD_ROW (object));

  switch (prop_id)
    {
    case PROP_FIELD:
      priv->field = g_value_get_pointer (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ruhu_field_row_class_init (RuhuFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ruhu_field_row_constructed;
  object_class->finalize = ruhu_field_row_finalize;
  object_class->set_property = ruhu_field_row_set_property;

  properties[PROP_FIELD] =
    g_param_spec_pointer ("field", NULL, NULL,
                          G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The value typed, valid, not yet written; lets computed fields,
   * relevance and totals follow the typing. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, JSON_TYPE_NODE);
  /* The user is done with the field: write this value. */
  signals[COMMIT] = g_signal_new ("commit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, JSON_TYPE_NODE);
  signals[HISTORY] = g_signal_new ("history", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[RESOLVE] = g_signal_new ("resolve", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ruhu_field_row_init (RuhuFieldRow *self)
{
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_instance_private (self);

  priv->relevant = TRUE;
  priv->editable = TRUE;
}

/**
 * ruhu_field_row_new:
 * @field: (transfer none): the field; must outlive the row (forms live as
 *   long as their RuhuFormSet)
 *
 * Returns: (transfer full): the editor for @field's type
 */
RuhuFieldRow *
ruhu_field_row_new (RuhuFormField *field)
{
  GType type;

  switch (ruhu_form_field_get_field_type (field))
    {
    case RUHU_FIELD_TEXT:
      type = ruhu_form_field_is_multiline (field) ? RUHU_TYPE_TEXT_FIELD_ROW
                                                  : RUHU_TYPE_ENTRY_FIELD_ROW;
      break;
    case RUHU_FIELD_INTEGER:
    case RUHU_FIELD_MONEY:
    case RUHU_FIELD_DATE:
    case RUHU_FIELD_DATETIME:
    case RUHU_FIELD_ID_NUMBER:
    case RUHU_FIELD_PHONE:
      type = RUHU_TYPE_ENTRY_FIELD_ROW;
      break;
    case RUHU_FIELD_CHOICE:
    case RUHU_FIELD_REFERENCE:
      type = RUHU_TYPE_CHOICE_FIELD_ROW;
      break;
    case RUHU_FIELD_MULTI_CHOICE:
      type = RUHU_TYPE_MULTI_FIELD_ROW;
      break;
    case RUHU_FIELD_BOOLEAN:
      type = RUHU_TYPE_SWITCH_FIELD_ROW;
      break;
    case RUHU_FIELD_PHOTO:
    case RUHU_FIELD_SIGNATURE:
    case RUHU_FIELD_COMPUTED:
    default:
      type = RUHU_TYPE_STATIC_FIELD_ROW;
      break;
    }
  return g_object_new (type, "field", field, NULL);
}

RuhuFormField *
ruhu_field_row_get_field (RuhuFieldRow *self)
{
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_instance_private (self);

  return priv->field;
}

const char *
ruhu_field_row_get_name (RuhuFieldRow *self)
{
  return ruhu_form_field_get_name (ruhu_field_row_get_field (self));
}

/* Returns: (transfer none): the list row to add to a group or expander */
GtkWidget *
ruhu_field_row_get_row (RuhuFieldRow *self)
{
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_instance_private (self);

  return priv->row;
}

/* Returns: (transfer none): the row to add right after the field's row */
GtkWidget *
ruhu_field_row_get_message_row (RuhuFieldRow *self)
{
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_instance_private (self);

  return priv->message_row;
}

/* Shows a value from the store, unless the user is editing the field: then
 * it is kept as the new baseline and the typed text stays. */
void
ruhu_field_row_set_value (RuhuFieldRow *self,
                          JsonNode     *value)
{
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_instance_private (self);
  GtkRoot *root = priv->row != NULL ? gtk_widget_get_root (priv->row) : NULL;
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean focused = focus != NULL && (focus == priv->row || gtk_widget_is_ancestor (focus, priv->row));
  gboolean same = ruhu_field_row_values_equal (priv->stored, value);

  g_clear_pointer (&priv->stored, json_node_unref);
  priv->stored = value != NULL ? json_node_copy (value) : NULL;
  /* Redrawing an unchanged value would move the caret; a changed one must
   * not replace what the user is typing. */
  if (priv->dirty || (focused && !same) || (same && priv->shown && priv->error == NULL))
    return;
  priv->shown = TRUE;
  priv->updating = TRUE;
  RUHU_FIELD_ROW_GET_CLASS (self)->show_value (self, value);
  priv->updating = FALSE;
  ruhu_field_row_set_error (self, NULL);
}

/* Returns: (transfer none) (nullable): the valid value typed and not yet
 * written, or the stored one */
JsonNode *
ruhu_field_row_get_pending (RuhuFieldRow *self)
{
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_instance_private (self);

  return priv->dirty ? priv->pending : priv->stored;
}

gboolean
ruhu_field_row_is_dirty (RuhuFieldRow *self)
{
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_instance_private (self);

  return priv->dirty;
}

gboolean
ruhu_field_row_has_error (RuhuFieldRow *self)
{
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_instance_private (self);

  return priv->error != NULL;
}

/* Returns: (nullable): what is wrong with the typed value */
const char *
ruhu_field_row_get_message (RuhuFieldRow *self)
{
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_instance_private (self);

  return priv->error;
}

void
ruhu_field_row_set_editable (RuhuFieldRow *self,
                             gboolean      editable)
{
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_instance_private (self);
  RuhuFieldType type = ruhu_form_field_get_field_type (priv->field);

  /* Photos, signatures and computed values are never typed in. */
  editable = editable && type != RUHU_FIELD_PHOTO && type != RUHU_FIELD_SIGNATURE &&
             type != RUHU_FIELD_COMPUTED;
  priv->editable = editable;
  RUHU_FIELD_ROW_GET_CLASS (self)->set_editable (self, editable);
}

void
ruhu_field_row_set_relevant (RuhuFieldRow *self,
                             gboolean      relevant)
{
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_instance_private (self);

  priv->relevant = relevant;
  gtk_widget_set_visible (priv->row, relevant);
  ruhu_field_row_update_message (self);
}

void
ruhu_field_row_set_conflict (RuhuFieldRow *self,
                             gboolean      conflict)
{
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_instance_private (self);

  gtk_widget_set_visible (priv->conflict_button, conflict);
}

void
ruhu_field_row_set_choices (RuhuFieldRow *self,
                            GStrv         ids,
                            GStrv         labels)
{
  RuhuFieldRowClass *klass = RUHU_FIELD_ROW_GET_CLASS (self);
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_instance_private (self);

  if (klass->set_choices == NULL)
    return;
  priv->updating = TRUE;
  klass->set_choices (self, ids, labels);
  priv->updating = FALSE;
}

/* TRUE while the row shows a stored value: changes then are not the user's. */
gboolean
ruhu_field_row_is_updating (RuhuFieldRow *self)
{
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_instance_private (self);

  return priv->updating;
}

/* Returns: (transfer none) (nullable): the last value from the store */
JsonNode *
ruhu_field_row_get_stored (RuhuFieldRow *self)
{
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_instance_private (self);

  return priv->stored;
}

RuhuFieldRowPrivate *
ruhu_field_row_get_private (RuhuFieldRow *self)
{
  return ruhu_field_row_get_instance_private (self);
}

void
ruhu_field_row_emit_changed (RuhuFieldRow *self,
                             JsonNode     *value)
{
  g_signal_emit (self, signals[CHANGED], 0, value);
}

void
ruhu_field_row_emit_commit (RuhuFieldRow *self,
                            JsonNode     *value)
{
  g_signal_emit (self, signals[COMMIT], 0, value);
}
