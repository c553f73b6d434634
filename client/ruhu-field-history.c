/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-field-history.h"
#include "ruhu-value-text.h"

struct _RuhuFieldHistory
{
  AdwWindow       parent_instance;
  guint           n_rows;

  AdwWindowTitle *window_title;
  GtkLabel       *summary_label;
  GtkListBox     *version_list;
};

G_DEFINE_FINAL_TYPE (RuhuFieldHistory, ruhu_field_history, ADW_TYPE_WINDOW)

static gboolean
is_head (GPtrArray    *heads,
         const RuhuOp *op)
{
  for (guint i = 0; i < heads->len; i++)
    if (g_strcmp0 (((RuhuOp *) g_ptr_array_index (heads, i))->version, op->version) == 0)
      return TRUE;
  return FALSE;
}

/* A small tag after the value: the one shown, or another current value. */
static void
add_tag (GtkWidget  *row,
         const char *text,
         const char *style)
{
  GtkWidget *tag = gtk_label_new (text);

  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (tag, "history-tag");
  gtk_widget_add_css_class (tag, style);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
}

static GtkWidget *
new_version_row (RuhuDevice   *device,
                 const RuhuOp *op)
{
  g_autofree char *value = ruhu_value_describe_op (device, op);
  g_autofree char *origin = ruhu_op_describe_origin (op);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), value);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), origin);
  return row;
}

static void
fill (RuhuFieldHistory *self,
      RuhuDevice       *device,
      const char       *entity,
      const char       *field_name)
{
  RuhuStore *store = ruhu_device_get_store (device);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = ruhu_store_get_history (store, entity, field_name, &error);
  g_autoptr(GPtrArray) heads = NULL;
  g_autofree char *summary = NULL;
  const RuhuOp *shown;

  if (history == NULL || (heads = ruhu_store_get_heads (store, entity, field_name, &error)) == NULL)
    {
      summary = g_strdup_printf (_("Could not read the history: %s"), error->message);
      gtk_label_set_text (self->summary_label, summary);
      return;
    }
  if (history->len > 0)
    {
      g_autofree char *title = NULL;
      const RuhuOp *any = g_ptr_array_index (history, 0);
      RuhuForm *form = ruhu_form_set_lookup (ruhu_device_get_forms (device), any->kind);

      title = ruhu_value_field_title (device, any->kind, field_name);
      adw_window_title_set_title (self->window_title, title);
      adw_window_title_set_subtitle (self->window_title,
                                     form != NULL ? ruhu_form_get_label (form) : any->kind);
    }
  shown = heads->len > 0 ? g_ptr_array_index (heads, 0) : NULL;
  /* The store gives the oldest first; people look for the latest. */
  for (guint i = history->len; i > 0; i--)
    {
      const RuhuOp *op = g_ptr_array_index (history, i - 1);
      GtkWidget *row = new_version_row (device, op);

      if (op == shown || (shown != NULL && g_strcmp0 (op->version, shown->version) == 0))
        add_tag (row, _("Shown"), "accent");
      else if (is_head (heads, op))
        add_tag (row, _("Also current"), "warning");
      gtk_list_box_append (self->version_list, row);
      self->n_rows++;
    }
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u version on this device",
                                          "%u versions on this device", self->n_rows),
                             self->n_rows);
  gtk_label_set_text (self->summary_label, summary);
}

static void
ruhu_field_history_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RUHU_TYPE_FIELD_HISTORY);
  G_OBJECT_CLASS (ruhu_field_history_parent_class)->dispose (object);
}

static void
ruhu_field_history_class_init (RuhuFieldHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ruhu_field_history_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/ruhu/Ruhu/ruhu-field-history.ui");
  gtk_widget_class_bind_template_child (widget_class, RuhuFieldHistory, window_title);
  gtk_widget_class_bind_template_child (widget_class, RuhuFieldHistory, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RuhuFieldHistory, version_list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ruhu_field_history_init (RuhuFieldHistory *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * ruhu_field_history_new:
 *
 * Reads the field's versions at once: one field's history is small.
 *
 * Returns: (transfer none): the window, owned by GTK's list of toplevels
 */
RuhuFieldHistory *
ruhu_field_history_new (RuhuDevice *device,
                        const char *entity,
                        const char *field)
{
  RuhuFieldHistory *self;

  g_return_val_if_fail (RUHU_IS_DEVICE (device), NULL);
  g_return_val_if_fail (entity != NULL && field != NULL, NULL);

  self = g_object_new (RUHU_TYPE_FIELD_HISTORY, NULL);
  fill (self, device, entity, field);
  return self;
}

guint
ruhu_field_history_get_n_rows (RuhuFieldHistory *self)
{
  g_return_val_if_fail (RUHU_IS_FIELD_HISTORY (self), 0);
  return self->n_rows;
}

/* Opens the history of @entity's @field over @parent's window. */
void
ruhu_field_history_show (GtkWidget  *parent,
                         RuhuDevice *device,
                         const char *entity,
                         const char *field)
{
  RuhuFieldHistory *self = ruhu_field_history_new (device, entity, field);
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (self));
}
