/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "ruhu-entity-form-private.h"
#include "ruhu-form-validate.h"
#include "ruhu-value-text.h"

struct _RuhuEntityForm
{
  AdwBin                parent_instance;
  RuhuDevice           *device;
  RuhuForm             *form;
  char                 *case_id;
  GPtrArray            *rows;     /* RuhuEntityFormRow* */
  GHashTable           *presets;  /* field → JsonNode */
  GtkFileChooserNative *chooser;
  RuhuEntityFormRow    *choosing;

  GPtrArray            *problems;  /* RuhuFormProblem* shown under the rows */

  AdwPreferencesGroup  *group;
  GtkLabel             *problems_label;
};

G_DEFINE_FINAL_TYPE (RuhuEntityForm, ruhu_entity_form, ADW_TYPE_BIN)

static int
compare_names (const void *a,
               const void *b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static RuhuEntityFormRow *
find_row (RuhuEntityForm *self,
          const char     *name)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      RuhuEntityFormRow *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (ruhu_form_field_get_name (row->field), name) == 0)
        return row;
    }
  return NULL;
}

static void
show_problems (RuhuEntityForm *self)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < self->problems->len; i++)
    {
      RuhuFormProblem *problem = g_ptr_array_index (self->problems, i);
      RuhuEntityFormRow *row = find_row (self, problem->field);

      if (row != NULL)
        gtk_widget_add_css_class (row->row, "error");
      g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", problem->message);
    }
  gtk_label_set_text (self->problems_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), text->len > 0);
  g_string_free (text, TRUE);
}

static void
add_problem (GPtrArray  *problems,
             const char *field,
             char       *message)
{
  RuhuFormProblem *problem = g_new0 (RuhuFormProblem, 1);

  problem->field = g_strdup (field);
  problem->code = RUHU_VALIDATE_ERROR_WRONG_TYPE;
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

/* Once the person touches a field, its old messages no longer apply. */
static void
row_changed_cb (RuhuEntityFormRow *row,
                gpointer           user_data)
{
  RuhuEntityForm *self = user_data;
  const char *name = ruhu_form_field_get_name (row->field);

  gtk_widget_remove_css_class (row->row, "error");
  for (guint i = self->problems->len; i > 0; i--)
    if (g_strcmp0 (((RuhuFormProblem *) g_ptr_array_index (self->problems, i - 1))->field,
                   name) == 0)
      g_ptr_array_remove_index (self->problems, i - 1);
  show_problems (self);
}

/* Reads every row; a value that cannot even be read is a problem too. */
static GHashTable *
read_values (RuhuEntityForm *self,
             GPtrArray      *problems)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) json_node_unref);
  GHashTableIter iter;
  gpointer name, value;

  g_hash_table_iter_init (&iter, self->presets);
  while (g_hash_table_iter_next (&iter, &name, &value))
    g_hash_table_insert (values, g_strdup (name), json_node_copy (value));
  for (guint i = 0; i < self->rows->len; i++)
    {
      RuhuEntityFormRow *row = g_ptr_array_index (self->rows, i);
      g_autoptr(GError) error = NULL;
      JsonNode *node = ruhu_entity_form_row_read (row, &error);

      gtk_widget_remove_css_class (row->row, "error");
      if (node == NULL)
        add_problem (problems, ruhu_form_field_get_name (row->field),
                     g_strdup_printf (_("%s: %s"), ruhu_form_field_get_label (row->field),
                                      error->message));
      else if (ruhu_form_value_is_empty (node))
        json_node_unref (node);
      else
        g_hash_table_insert (values, g_strdup (ruhu_form_field_get_name (row->field)), node);
    }
  return values;
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     RuhuEntityForm  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  RuhuEntityFormRow *row = g_steal_pointer (&self->choosing);

  if (response == GTK_RESPONSE_ACCEPT && row != NULL &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL &&
      (path = g_file_get_path (file)) != NULL &&
      !ruhu_entity_form_set_photo_file (self, ruhu_form_field_get_name (row->field), path, &error))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), error->message);
  g_clear_object (&self->chooser);
}

static void
choose_photo_clicked_cb (GtkButton *button,
                         gpointer   user_data)
{
  RuhuEntityForm *self = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->choosing = g_object_get_data (G_OBJECT (button), "field-row");
  self->chooser = gtk_file_chooser_native_new (_("Choose a Photo"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Photos"));
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
ruhu_entity_form_dispose (GObject *object)
{
  RuhuEntityForm *self = RUHU_ENTITY_FORM (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->choosing = NULL;
  g_clear_object (&self->device);
  G_OBJECT_CLASS (ruhu_entity_form_parent_class)->dispose (object);
}

static void
ruhu_entity_form_finalize (GObject *object)
{
  RuhuEntityForm *self = RUHU_ENTITY_FORM (object);

  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->problems);
  g_hash_table_unref (self->presets);
  g_free (self->case_id);
  G_OBJECT_CLASS (ruhu_entity_form_parent_class)->finalize (object);
}

static void
ruhu_entity_form_class_init (RuhuEntityFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ruhu_entity_form_dispose;
  object_class->finalize = ruhu_entity_form_finalize;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "entityform");
}

static void
ruhu_entity_form_init (RuhuEntityForm *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_entity_form_row_free);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_form_problem_free);
  self->presets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) json_node_unref);
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  self->problems_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->problems_label, 0);
  gtk_label_set_wrap (self->problems_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->problems_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->group));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->problems_label));
  adw_bin_set_child (ADW_BIN (self), box);
}

/**
 * ruhu_entity_form_new:
 * @kind: a kind the device's forms define
 * @fields: (array zero-terminated=1): the fields to ask for, in order
 *
 * Returns: (transfer floating): a form for a new @kind
 */
RuhuEntityForm *
ruhu_entity_form_new (RuhuDevice         *device,
                      const char         *kind,
                      const char * const *fields)
{
  RuhuEntityForm *self;

  g_return_val_if_fail (RUHU_IS_DEVICE (device), NULL);
  g_return_val_if_fail (kind != NULL && fields != NULL, NULL);

  self = g_object_new (RUHU_TYPE_ENTITY_FORM, NULL);
  self->device = g_object_ref (device);
  self->form = ruhu_form_set_lookup (ruhu_device_get_forms (device), kind);
  g_return_val_if_fail (self->form != NULL, self);
  adw_preferences_group_set_title (self->group, ruhu_form_get_label (self->form));
  for (guint i = 0; fields[i] != NULL; i++)
    {
      RuhuFormField *field = ruhu_form_lookup_field (self->form, fields[i]);
      RuhuEntityFormRow *row;

      if (field == NULL)
        {
          g_critical ("The form %s has no field %s", kind, fields[i]);
          continue;
        }
      row = ruhu_entity_form_row_new (field, G_CALLBACK (choose_photo_clicked_cb), row_changed_cb,
                                      self);
      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (self->group, row->row);
    }
  return self;
}

RuhuForm *
ruhu_entity_form_get_form (RuhuEntityForm *self)
{
  g_return_val_if_fail (RUHU_IS_ENTITY_FORM (self), NULL);
  return self->form;
}

static void
fill_reference (RuhuEntityForm    *self,
                RuhuEntityFormRow *row,
                GPtrArray         *entities)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row->row));
  const char *kind = ruhu_form_field_get_refers_to (row->field);

  g_ptr_array_set_size (row->ids, 0);
  gtk_string_list_splice (GTK_STRING_LIST (model), 1, g_list_model_get_n_items (model) - 1, NULL);
  for (guint i = 0; entities != NULL && i < entities->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (entities, i);
      g_autofree char *title = NULL;

      if (info->deleted || g_strcmp0 (info->kind, kind) != 0)
        continue;
      title = ruhu_value_entity_title (ruhu_device_get_store (self->device), info->id);
      gtk_string_list_append (GTK_STRING_LIST (model), title);
      g_ptr_array_add (row->ids, g_strdup (info->id));
    }
  adw_combo_row_set_selected (ADW_COMBO_ROW (row->row), 0);
}

/* Offers the entities of @case_id to the rows that refer to one (the
 * member who was seen). */
void
ruhu_entity_form_set_case (RuhuEntityForm *self,
                           const char     *case_id)
{
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RUHU_IS_ENTITY_FORM (self));

  g_free (self->case_id);
  self->case_id = g_strdup (case_id);
  if (case_id != NULL)
    entities = ruhu_store_list_entities (ruhu_device_get_store (self->device), case_id, &error);
  if (error != NULL)
    g_warning ("Could not list the entities of %s: %s", case_id, error->message);
  for (guint i = 0; i < self->rows->len; i++)
    {
      RuhuEntityFormRow *row = g_ptr_array_index (self->rows, i);

      if (row->ids != NULL)
        fill_reference (self, row, entities);
    }
}

/* A value written with the entity without a row, such as who reports. */
void
ruhu_entity_form_set_preset (RuhuEntityForm *self,
                             const char     *field,
                             JsonNode       *value)
{
  g_return_if_fail (RUHU_IS_ENTITY_FORM (self));
  g_return_if_fail (field != NULL && value != NULL);
  g_hash_table_insert (self->presets, g_strdup (field), json_node_copy (value));
}

/* Keeps a copy of the image at @path, sealed, for @field: the file chooser
 * calls this, and so can a camera. */
gboolean
ruhu_entity_form_set_photo_file (RuhuEntityForm  *self,
                                 const char      *field,
                                 const char      *path,
                                 GError         **error)
{
  RuhuEntityFormRow *row;
  g_autofree char *sha = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (RUHU_IS_ENTITY_FORM (self), FALSE);
  row = find_row (self, field);
  g_return_val_if_fail (row != NULL, FALSE);

  sha = ruhu_sync_client_add_photo (ruhu_device_get_sync_client (self->device), path, error);
  if (sha == NULL)
    return FALSE;
  g_free (row->photo);
  row->photo = g_steal_pointer (&sha);
  name = g_path_get_basename (path);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), name);
  row_changed_cb (row, self);
  return TRUE;
}

/**
 * ruhu_entity_form_collect:
 *
 * Reads and validates the whole entity, showing every problem under the
 * rows.
 *
 * Returns: (transfer full) (nullable) (element-type utf8 JsonNode): the
 *   filled-in values, or %NULL if something must be corrected first
 */
GHashTable *
ruhu_entity_form_collect (RuhuEntityForm *self)
{
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_return_val_if_fail (RUHU_IS_ENTITY_FORM (self), NULL);

  g_ptr_array_set_size (self->problems, 0);
  values = read_values (self, self->problems);
  problems = ruhu_form_validate_entity (self->form, values, NULL);
  g_ptr_array_extend_and_steal (self->problems, g_steal_pointer (&problems));
  show_problems (self);
  return self->problems->len == 0 ? g_steal_pointer (&values) : NULL;
}

/* Empties every row for the next entity; presets stay. */
void
ruhu_entity_form_reset (RuhuEntityForm *self)
{
  g_return_if_fail (RUHU_IS_ENTITY_FORM (self));

  for (guint i = 0; i < self->rows->len; i++)
    ruhu_entity_form_row_reset (g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->problems, 0);
  show_problems (self);
}

/* Writes @values as the fields of the new entity @entity, each as its own
 * durable edit; the first failure stops and is returned. */
gboolean
ruhu_entity_form_write (RuhuEntityForm  *self,
                        const char      *entity,
                        const char      *case_id,
                        const char      *parent,
                        GHashTable      *values,
                        GError         **error)
{
  g_autofree const char **names = NULL;
  guint n_names = 0;

  g_return_val_if_fail (RUHU_IS_ENTITY_FORM (self), FALSE);

  /* Sorted, so that every device writes a new entity the same way. */
  names = (const char **) g_hash_table_get_keys_as_array (values, &n_names);
  qsort (names, n_names, sizeof (char *), compare_names);
  for (guint i = 0; i < n_names; i++)
    {
      g_autoptr(RuhuOp) op = ruhu_device_write (self->device, entity,
                                                ruhu_form_get_kind (self->form), case_id, parent,
                                                names[i], g_hash_table_lookup (values, names[i]),
                                                error);

      if (op == NULL)
        return FALSE;
    }
  return TRUE;
}
