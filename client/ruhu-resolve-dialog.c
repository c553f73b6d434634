/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ruhu-a11y.h"
#include "ruhu-conflicts.h"
#include "ruhu-form-validate.h"
#include "ruhu-resolve-dialog.h"
#include "ruhu-value-text.h"

/* The choices of a delete-vs-edit conflict, in the order of their rows. */
enum
{
  KEEP_DELETED,
  RESTORE,
};

struct _RuhuResolveDialog
{
  AdwWindow        parent_instance;
  RuhuDevice      *device;
  char            *case_id;
  GPtrArray       *conflicts;  /* RuhuConflict* of the case */
  RuhuConflict    *shown;      /* one of @conflicts, or NULL */
  GPtrArray       *checks;     /* GtkCheckButton* of the candidate rows, in order */
  gboolean         writing;    /* our own write is announcing itself */

  AdwWindowTitle  *window_title;
  GtkWidget       *resolve_button;
  GtkWidget       *conflicts_group;
  GtkListBox      *conflict_list;
  AdwPreferencesGroup *candidates_group;
  GtkListBox      *candidate_list;
  GtkWidget       *new_value_group;
  AdwEntryRow     *new_value_row;
  GtkCheckButton  *new_value_check;
  GtkLabel        *message_label;
};

G_DEFINE_FINAL_TYPE (RuhuResolveDialog, ruhu_resolve_dialog, ADW_TYPE_WINDOW)

static const char *
kind_label (RuhuResolveDialog *self,
            const char        *kind)
{
  RuhuForm *form = ruhu_form_set_lookup (ruhu_device_get_forms (self->device), kind);

  return form != NULL ? ruhu_form_get_label (form) : kind;
}

static RuhuOp *
first_candidate (const RuhuConflict *conflict)
{
  return conflict->candidates != NULL && conflict->candidates->len > 0
         ? g_ptr_array_index (conflict->candidates, 0) : NULL;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
show_message (RuhuResolveDialog *self,
              const char        *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->new_value_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->new_value_row), "error");
}

/* A row with a round check button that picks it. */
static GtkWidget *
add_choice_row (RuhuResolveDialog *self,
                const char        *title,
                const char        *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_check_button_set_group (GTK_CHECK_BUTTON (check), self->new_value_check);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_list_box_append (self->candidate_list, row);
  g_ptr_array_add (self->checks, check);
  return row;
}

static void
add_shown_tag (GtkWidget *row)
{
  /* TRANSLATORS: marks the value that the case page shows while devices disagree */
  GtkWidget *tag = gtk_label_new (_("Shown now"));

  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (tag, "history-tag");
  gtk_widget_add_css_class (tag, "accent");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
}

static void
add_info_row (RuhuResolveDialog *self,
              const RuhuOp      *op)
{
  g_autofree char *label = ruhu_value_field_title (self->device, op->kind, op->field);
  g_autofree char *value = ruhu_value_describe_op (self->device, op);
  g_autofree char *origin = ruhu_op_describe_origin (op);
  g_autofree char *title = NULL;
  GtkWidget *row = adw_action_row_new ();

  if (g_strcmp0 (op->field, RUHU_FIELD_DELETED) == 0)
    title = g_strdup (value);
  else
    /* TRANSLATORS: a field's label and the value someone gave it */
    title = g_strdup_printf (_("%s: %s"), label, value);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), origin);
  gtk_list_box_append (self->candidate_list, row);
}

static void
show_value_candidates (RuhuResolveDialog *self,
                       RuhuConflict      *conflict)
{
  adw_preferences_group_set_description (self->candidates_group,
                                         _("Devices disagree about this field. Pick the "
                                           "value to keep."));
  for (guint i = 0; i < conflict->candidates->len; i++)
    {
      RuhuOp *op = g_ptr_array_index (conflict->candidates, i);
      g_autofree char *value = ruhu_value_describe_op (self->device, op);
      g_autofree char *origin = ruhu_op_describe_origin (op);
      GtkWidget *row = add_choice_row (self, value, origin);

      /* Every device shows the greatest version until someone decides. */
      if (i == 0)
        add_shown_tag (row);
    }
}

/* The deletion and the edits it did not see are shown for reading; the
 * choice is between deleting again and restoring. */
static void
show_delete_edit (RuhuResolveDialog *self,
                  RuhuConflict      *conflict)
{
  adw_preferences_group_set_description (self->candidates_group,
                                         _("One device deleted this entry while another "
                                           "changed it."));
  for (guint i = 0; i < conflict->candidates->len; i++)
    add_info_row (self, g_ptr_array_index (conflict->candidates, i));
  add_choice_row (self, _("Keep it deleted"), _("The changes above are dropped"));
  add_choice_row (self, _("Restore it"), _("The entry comes back with the changes above"));
}

static void
show_conflict (RuhuResolveDialog *self,
               RuhuConflict      *conflict)
{
  RuhuOp *first;
  g_autofree char *title = NULL;
  gboolean values;

  self->shown = conflict;
  clear_list (self->candidate_list);
  g_ptr_array_set_size (self->checks, 0);
  show_message (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->new_value_row), "");
  gtk_widget_set_sensitive (self->resolve_button, conflict != NULL);
  if (conflict == NULL || (first = first_candidate (conflict)) == NULL)
    {
      adw_window_title_set_subtitle (self->window_title, "");
      adw_preferences_group_set_description (self->candidates_group,
                                             _("Nothing disagrees here any more."));
      gtk_widget_set_visible (self->new_value_group, FALSE);
      return;
    }
  values = conflict->kind == RUHU_CONFLICT_VALUES;
  if (values)
    title = ruhu_value_field_title (self->device, first->kind, conflict->field);
  else
    title = g_strdup (_("Deleted and Changed"));
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, kind_label (self, first->kind));
  gtk_widget_set_visible (self->new_value_group,
                          values && ruhu_value_can_type (ruhu_value_lookup_field (self->device,
                                                                                 first->kind,
                                                                                 first->field)));
  if (values)
    show_value_candidates (self, conflict);
  else
    show_delete_edit (self, conflict);
  gtk_check_button_set_active (g_ptr_array_index (self->checks, 0), TRUE);
}

static GtkWidget *
new_conflict_row (RuhuResolveDialog  *self,
                  const RuhuConflict *conflict)
{
  RuhuOp *first = first_candidate (conflict);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;

  if (conflict->kind == RUHU_CONFLICT_DELETE_EDIT)
    title = g_strdup (_("Deleted on one device, changed on another"));
  else if (first != NULL)
    title = ruhu_value_field_title (self->device, first->kind, conflict->field);
  else
    title = g_strdup (conflict->field);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (first != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), kind_label (self, first->kind));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static gboolean
conflict_matches (const RuhuConflict *conflict,
                  const char         *entity,
                  const char         *field)
{
  if (entity == NULL || strcmp (conflict->entity, entity) != 0)
    return FALSE;
  return field == NULL || strcmp (conflict->field, field) == 0 ||
         (conflict->kind == RUHU_CONFLICT_DELETE_EDIT && strcmp (field, RUHU_FIELD_DELETED) == 0);
}

/* Rereads the case's conflicts and shows the one on @entity's @field, or
 * else the first. */
static void
load_conflicts (RuhuResolveDialog *self,
                const char        *entity,
                const char        *field)
{
  g_autoptr(GError) error = NULL;
  guint selected = 0;

  self->shown = NULL;
  clear_list (self->conflict_list);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  self->conflicts = ruhu_case_list_conflicts (self->device, self->case_id, &error);
  if (self->conflicts == NULL)
    {
      show_conflict (self, NULL);
      show_message (self, error->message);
      return;
    }
  for (guint i = 0; i < self->conflicts->len; i++)
    {
      RuhuConflict *conflict = g_ptr_array_index (self->conflicts, i);

      if (conflict_matches (conflict, entity, field))
        selected = i;
      gtk_list_box_append (self->conflict_list, new_conflict_row (self, conflict));
    }
  gtk_widget_set_visible (self->conflicts_group, self->conflicts->len > 1);
  if (self->conflicts->len == 0)
    show_conflict (self, NULL);
  else
    gtk_list_box_select_row (self->conflict_list,
                             gtk_list_box_get_row_at_index (self->conflict_list, (int) selected));
}

static int
chosen_index (RuhuResolveDialog *self)
{
  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      return (int) i;
  return -1;
}

/* Reads and checks the typed value as the case page would; NULL with the
 * message shown if it is not acceptable. */
static JsonNode *
typed_value (RuhuResolveDialog *self,
             const RuhuOp      *first)
{
  RuhuFormField *field = ruhu_value_lookup_field (self->device, first->kind, first->field);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->new_value_row));
  g_autofree char *label = ruhu_value_field_title (self->device, first->kind, first->field);
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = NULL;

  if (field == NULL)
    return json_node_init_string (json_node_alloc (), text);
  value = ruhu_value_from_text (field, text, &error);
  /* The validator's messages start with the label already; ours do not. */
  if (value == NULL)
    message = g_strdup_printf (_("%s: %s"), label, error->message);
  else if (ruhu_form_value_is_empty (value) && ruhu_form_field_is_required (field))
    message = g_strdup_printf (_("%s: must be filled in"), label);
  else if (!ruhu_form_field_validate_value (field, value, NULL, &error))
    message = g_strdup (error->message);
  if (message == NULL)
    return g_steal_pointer (&value);
  show_message (self, message);
  return NULL;
}

/* Writes the chosen value. Returns FALSE with @error set if the store
 * failed, or FALSE without it if the typed value was refused. */
static gboolean
write_choice (RuhuResolveDialog  *self,
              int                 chosen,
              GError            **error)
{
  RuhuConflict *conflict = self->shown;
  RuhuOp *first = first_candidate (conflict);
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(RuhuOp) written = NULL;

  if (conflict->kind == RUHU_CONFLICT_DELETE_EDIT)
    written = ruhu_device_set_deleted (self->device, conflict->entity, chosen == KEEP_DELETED,
                                       error);
  else
    {
      if ((guint) chosen < conflict->candidates->len)
        value = json_node_copy (((RuhuOp *) g_ptr_array_index (conflict->candidates, chosen))->value);
      else if ((value = typed_value (self, first)) == NULL)
        return FALSE;  /* nothing written; the message says why */
      /* The store names every head as a base: the write ends the conflict. */
      written = ruhu_device_write (self->device, conflict->entity, first->kind, first->case_id,
                                   first->parent, conflict->field, value, error);
    }
  return written != NULL;
}

static void
resolve_clicked_cb (RuhuResolveDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  int chosen = chosen_index (self);
  gboolean written;

  if (self->shown == NULL)
    return;
  if (chosen < 0)
    chosen = (int) self->checks->len;  /* only the new value's button is on */
  show_message (self, NULL);
  self->writing = TRUE;
  written = write_choice (self, chosen, &error);
  self->writing = FALSE;
  if (!written)
    {
      if (error != NULL)
        {
          message = g_strdup_printf (_("Could not save the choice: %s"), error->message);
          show_message (self, message);
        }
      return;
    }
  load_conflicts (self, NULL, NULL);
  if (self->conflicts != NULL && self->conflicts->len == 0)
    gtk_window_close (GTK_WINDOW (self));
}

/* A sync may bring another value while the dialog is open: show it, so that
 * nobody decides without seeing every candidate. */
static void
device_case_changed_cb (RuhuResolveDialog *self,
                        const char        *case_id)
{
  g_autofree char *entity = NULL;
  g_autofree char *field = NULL;

  if (self->writing || (case_id != NULL && g_strcmp0 (case_id, self->case_id) != 0))
    return;
  if (self->shown != NULL)
    {
      entity = g_strdup (self->shown->entity);
      field = g_strdup (self->shown->field);
    }
  load_conflicts (self, entity, field);
}

static void
new_value_changed_cb (RuhuResolveDialog *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->new_value_row)) != '\0')
    gtk_check_button_set_active (self->new_value_check, TRUE);
  show_message (self, NULL);
}

static void
conflict_selected_cb (RuhuResolveDialog *self,
                      GtkListBoxRow     *row)
{
  if (row != NULL && self->conflicts != NULL)
    show_conflict (self, g_ptr_array_index (self->conflicts, gtk_list_box_row_get_index (row)));
}

static void
ruhu_resolve_dialog_dispose (GObject *object)
{
  RuhuResolveDialog *self = RUHU_RESOLVE_DIALOG (object);

  self->shown = NULL;
  if (self->device != NULL)
    g_signal_handlers_disconnect_by_data (self->device, self);
  g_clear_object (&self->device);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), RUHU_TYPE_RESOLVE_DIALOG);
  G_OBJECT_CLASS (ruhu_resolve_dialog_parent_class)->dispose (object);
}

static void
ruhu_resolve_dialog_finalize (GObject *object)
{
  g_free (RUHU_RESOLVE_DIALOG (object)->case_id);
  G_OBJECT_CLASS (ruhu_resolve_dialog_parent_class)->finalize (object);
}

static void
ruhu_resolve_dialog_class_init (RuhuResolveDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ruhu_resolve_dialog_dispose;
  object_class->finalize = ruhu_resolve_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/ruhu/Ruhu/ruhu-resolve-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RuhuResolveDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RuhuResolveDialog, resolve_button);
  gtk_widget_class_bind_template_child (widget_class, RuhuResolveDialog, conflicts_group);
  gtk_widget_class_bind_template_child (widget_class, RuhuResolveDialog, conflict_list);
  gtk_widget_class_bind_template_child (widget_class, RuhuResolveDialog, candidates_group);
  gtk_widget_class_bind_template_child (widget_class, RuhuResolveDialog, candidate_list);
  gtk_widget_class_bind_template_child (widget_class, RuhuResolveDialog, new_value_group);
  gtk_widget_class_bind_template_child (widget_class, RuhuResolveDialog, new_value_row);
  gtk_widget_class_bind_template_child (widget_class, RuhuResolveDialog, new_value_check);
  gtk_widget_class_bind_template_child (widget_class, RuhuResolveDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, resolve_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, conflict_selected_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ruhu_resolve_dialog_init (RuhuResolveDialog *self)
{
  self->checks = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  ruhu_a11y_tidy_names (GTK_WIDGET (self));
}

/**
 * ruhu_resolve_dialog_new:
 * @case_id: (nullable): the case; %NULL to take it from @entity
 * @entity: (nullable): the entity whose conflict to show first
 * @field: (nullable): its field, or %RUHU_FIELD_DELETED for delete-vs-edit
 *
 * Returns: (transfer none): a dialog over every conflict of the case, owned
 *   by GTK's list of toplevels
 */
RuhuResolveDialog *
ruhu_resolve_dialog_new (RuhuDevice *device,
                         const char *case_id,
                         const char *entity,
                         const char *field)
{
  RuhuResolveDialog *self;
  g_autoptr(RuhuEntityInfo) info = NULL;

  g_return_val_if_fail (RUHU_IS_DEVICE (device), NULL);
  g_return_val_if_fail (case_id != NULL || entity != NULL, NULL);

  self = g_object_new (RUHU_TYPE_RESOLVE_DIALOG, NULL);
  self->device = g_object_ref (device);
  if (case_id == NULL)
    info = ruhu_store_get_entity (ruhu_device_get_store (device), entity, NULL);
  self->case_id = g_strdup (case_id != NULL ? case_id : info != NULL ? info->case_id : "");
  load_conflicts (self, entity, field);
  g_signal_connect_object (device, "case-changed", G_CALLBACK (device_case_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

static void
present_over (RuhuResolveDialog *self,
              GtkWidget         *parent)
{
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (self));
}

/* Opens the dialog over @parent's window on @entity's @field. */
void
ruhu_resolve_dialog_show (GtkWidget  *parent,
                          RuhuDevice *device,
                          const char *entity,
                          const char *field)
{
  g_return_if_fail (entity != NULL);
  present_over (ruhu_resolve_dialog_new (device, NULL, entity, field), parent);
}

/* Opens the dialog over @parent's window on the first conflict of @case_id. */
void
ruhu_resolve_dialog_show_case (GtkWidget  *parent,
                               RuhuDevice *device,
                               const char *case_id)
{
  g_return_if_fail (case_id != NULL);
  present_over (ruhu_resolve_dialog_new (device, case_id, NULL, NULL), parent);
}
