/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-entity-editor.h"
#include "ruhu-field-history.h"
#include "ruhu-form-validate.h"
#include "ruhu-resolve-dialog.h"

struct _RuhuEntityEditor
{
  GObject     parent_instance;
  RuhuDevice *device;
  RuhuForm   *form;
  char       *case_id;
  char       *id;
  char       *kind;
  char       *parent;
  GHashTable *values;     /* the snapshot entity's table, kept live */
  GPtrArray  *rows;       /* RuhuFieldRow*, in form order; empty until shown */
  GtkWidget  *container;  /* the group or expander the rows are in */
  gboolean    locked;
  char       *unlocked;   /* the one field a lock leaves editable, if any */
  GHashTable *conflicts;  /* names of the fields in conflict */
  GStrv       ref_ids;    /* what reference fields may point at */
  GStrv       ref_labels;
};

G_DEFINE_FINAL_TYPE (RuhuEntityEditor, ruhu_entity_editor, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
put_value (GHashTable *values,
           const char *name,
           JsonNode   *value)
{
  if (value == NULL || ruhu_form_value_is_empty (value))
    g_hash_table_remove (values, name);
  else
    g_hash_table_insert (values, g_strdup (name), json_node_copy (value));
}

/* Computed fields and relevance follow the values as they are typed. */
static void
refresh_derived (RuhuEntityEditor *self)
{
  g_autoptr(GHashTable) computed = ruhu_form_compute_entity (self->form, self->values);

  for (guint i = 0; i < self->rows->len; i++)
    {
      RuhuFieldRow *row = g_ptr_array_index (self->rows, i);
      RuhuFormField *field = ruhu_field_row_get_field (row);
      const char *name = ruhu_form_field_get_name (field);

      if (ruhu_form_field_get_field_type (field) == RUHU_FIELD_COMPUTED)
        {
          /* Shown only: a computed value is never stored with the others. */
          ruhu_field_row_set_value (row, g_hash_table_lookup (computed, name));
        }
      ruhu_field_row_set_relevant (row, ruhu_form_field_is_relevant (field, self->values));
    }
}

static void
row_changed_cb (RuhuEntityEditor *self,
                JsonNode         *value,
                RuhuFieldRow     *row)
{
  put_value (self->values, ruhu_field_row_get_name (row), value);
  refresh_derived (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
write_field (RuhuEntityEditor  *self,
             const char        *name,
             JsonNode          *value,
             GError           **error)
{
  g_autoptr(RuhuOp) op = ruhu_device_write (self->device, self->id, self->kind, self->case_id,
                                            self->parent, name, value, error);

  return op != NULL;
}

/* A field that no longer applies must be empty: clear what was stored in
 * those the new value made irrelevant (on_behalf off clears the agent). */
static void
clear_irrelevant (RuhuEntityEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      RuhuFieldRow *row = g_ptr_array_index (self->rows, i);
      RuhuFormField *field = ruhu_field_row_get_field (row);
      JsonNode *stored = ruhu_field_row_get_stored (row);
      g_autoptr(JsonNode) null = NULL;
      g_autoptr(GError) error = NULL;

      if (ruhu_form_field_get_field_type (field) == RUHU_FIELD_COMPUTED ||
          stored == NULL || ruhu_form_value_is_empty (stored) ||
          ruhu_form_field_is_relevant (field, self->values))
        continue;
      null = json_node_init_null (json_node_alloc ());
      if (write_field (self, ruhu_form_field_get_name (field), null, &error))
        ruhu_field_row_set_value (row, null);
      else
        g_warning ("Could not clear %s: %s", ruhu_form_field_get_name (field), error->message);
    }
}

static void
row_commit_cb (RuhuEntityEditor *self,
               JsonNode         *value,
               RuhuFieldRow     *row)
{
  g_autoptr(GError) error = NULL;

  if (!write_field (self, ruhu_field_row_get_name (row), value, &error))
    {
      ruhu_field_row_show_error (row, error->message);
      return;
    }
  clear_irrelevant (self);
}

static void
row_history_cb (RuhuEntityEditor *self,
                RuhuFieldRow     *row)
{
  ruhu_field_history_show (ruhu_field_row_get_row (row), self->device, self->id,
                           ruhu_field_row_get_name (row));
}

static void
row_resolve_cb (RuhuEntityEditor *self,
                RuhuFieldRow     *row)
{
  ruhu_resolve_dialog_show (ruhu_field_row_get_row (row), self->device, self->id,
                            ruhu_field_row_get_name (row));
}

static void
add_row_widget (RuhuEntityEditor *self,
                GtkWidget        *widget)
{
  if (ADW_IS_EXPANDER_ROW (self->container))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (self->container), widget);
  else
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->container), widget);
}

static gboolean
takes_members (RuhuFieldRow *row)
{
  RuhuFormField *field = ruhu_field_row_get_field (row);

  return ruhu_form_field_get_field_type (field) == RUHU_FIELD_REFERENCE &&
         g_strcmp0 (ruhu_form_field_get_refers_to (field), "member") == 0;
}

/* Shows the entity's state (values, references, conflicts, lock) on rows. */
static void
show_state (RuhuEntityEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      RuhuFieldRow *row = g_ptr_array_index (self->rows, i);
      const char *name = ruhu_field_row_get_name (row);

      ruhu_field_row_set_value (row, g_hash_table_lookup (self->values, name));
      ruhu_field_row_set_conflict (row, g_hash_table_contains (self->conflicts, name));
      ruhu_field_row_set_editable (row, !self->locked || g_strcmp0 (name, self->unlocked) == 0);
      if (self->ref_ids != NULL && takes_members (row))
        ruhu_field_row_set_choices (row, self->ref_ids, self->ref_labels);
    }
  refresh_derived (self);
}

/* Rows are made when first shown: a case with dozens of members and items
 * opens at once, and each expander fills when the user opens it. */
static void
build_rows (RuhuEntityEditor *self)
{
  if (self->rows->len > 0 || self->container == NULL)
    return;
  for (guint i = 0; i < ruhu_form_get_n_fields (self->form); i++)
    {
      RuhuFormField *field = ruhu_form_get_field (self->form, i);
      RuhuFieldRow *row;

      /* Signatures are made in the signature section, not typed here. */
      if (ruhu_form_field_get_field_type (field) == RUHU_FIELD_SIGNATURE)
        continue;
      row = ruhu_field_row_new (field);
      /* The editor owns its rows: plain connections suffice. */
      g_signal_connect_swapped (row, "changed", G_CALLBACK (row_changed_cb), self);
      g_signal_connect_swapped (row, "commit", G_CALLBACK (row_commit_cb), self);
      g_signal_connect_swapped (row, "history", G_CALLBACK (row_history_cb), self);
      g_signal_connect_swapped (row, "resolve", G_CALLBACK (row_resolve_cb), self);
      g_ptr_array_add (self->rows, row);
      add_row_widget (self, ruhu_field_row_get_row (row));
      add_row_widget (self, ruhu_field_row_get_message_row (row));
    }
  show_state (self);
}

static void
expanded_cb (RuhuEntityEditor *self)
{
  if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self->container)))
    build_rows (self);
}

static void
ruhu_entity_editor_finalize (GObject *object)
{
  RuhuEntityEditor *self = RUHU_ENTITY_EDITOR (object);

  g_clear_object (&self->device);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_hash_table_unref);
  g_clear_pointer (&self->conflicts, g_hash_table_unref);
  g_strfreev (self->ref_ids);
  g_strfreev (self->ref_labels);
  g_free (self->unlocked);
  g_free (self->case_id);
  g_free (self->id);
  g_free (self->kind);
  g_free (self->parent);
  G_OBJECT_CLASS (ruhu_entity_editor_parent_class)->finalize (object);
}

static void
ruhu_entity_editor_class_init (RuhuEntityEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ruhu_entity_editor_finalize;

  /* Some value changed as the user typed: totals and titles may follow. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ruhu_entity_editor_init (RuhuEntityEditor *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->conflicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * ruhu_entity_editor_new:
 * @entity: the entity as last read; its values table is shared and kept
 *   up to date with what the user types
 */
RuhuEntityEditor *
ruhu_entity_editor_new (RuhuDevice     *device,
                        RuhuForm       *form,
                        const char     *case_id,
                        RuhuCaseEntity *entity)
{
  RuhuEntityEditor *self = g_object_new (RUHU_TYPE_ENTITY_EDITOR, NULL);

  self->device = g_object_ref (device);
  self->form = form;
  self->case_id = g_strdup (case_id);
  self->id = g_strdup (entity->id);
  self->kind = g_strdup (entity->kind);
  self->parent = g_strdup (entity->parent);
  ruhu_entity_editor_set_entity (self, entity, NULL);
  return self;
}

/* Puts the rows in an AdwPreferencesGroup at once, or in an AdwExpanderRow
 * when it is first opened. */
void
ruhu_entity_editor_add_rows_to (RuhuEntityEditor *self,
                                GtkWidget        *container)
{
  g_return_if_fail (RUHU_IS_ENTITY_EDITOR (self));
  g_return_if_fail (self->container == NULL);

  self->container = container;
  if (ADW_IS_EXPANDER_ROW (container))
    {
      g_signal_connect_object (container, "notify::expanded", G_CALLBACK (expanded_cb), self,
                               G_CONNECT_SWAPPED);
      expanded_cb (self);
    }
  else
    build_rows (self);
}

/* Makes the rows now, shown or not (to find one, or to write them). */
void
ruhu_entity_editor_ensure_rows (RuhuEntityEditor *self)
{
  g_return_if_fail (RUHU_IS_ENTITY_EDITOR (self));
  build_rows (self);
}

/* Takes the rows out of a group again (an expander goes as a whole). */
void
ruhu_entity_editor_remove_rows (RuhuEntityEditor *self)
{
  g_return_if_fail (RUHU_IS_ENTITY_EDITOR (self));

  if (!ADW_IS_PREFERENCES_GROUP (self->container))
    return;
  for (guint i = 0; i < self->rows->len; i++)
    {
      RuhuFieldRow *row = g_ptr_array_index (self->rows, i);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->container),
                                    ruhu_field_row_get_row (row));
      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->container),
                                    ruhu_field_row_get_message_row (row));
    }
  self->container = NULL;
}

/**
 * ruhu_entity_editor_set_entity:
 * @snapshot: (nullable): for the conflict marks
 *
 * Shows the entity as newly read. Fields the user is editing keep their
 * text, and their typed values go into @entity's table, which the editor
 * then keeps up to date.
 */
void
ruhu_entity_editor_set_entity (RuhuEntityEditor *self,
                               RuhuCaseEntity   *entity,
                               RuhuCaseSnapshot *snapshot)
{
  g_return_if_fail (RUHU_IS_ENTITY_EDITOR (self));

  /* What the user is typing goes into the new table, which stays live. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      RuhuFieldRow *row = g_ptr_array_index (self->rows, i);

      if (ruhu_field_row_is_dirty (row))
        put_value (entity->values, ruhu_field_row_get_name (row), ruhu_field_row_get_pending (row));
    }
  g_clear_pointer (&self->values, g_hash_table_unref);
  self->values = g_hash_table_ref (entity->values);
  g_hash_table_remove_all (self->conflicts);
  for (guint i = 0; snapshot != NULL && i < ruhu_form_get_n_fields (self->form); i++)
    {
      const char *name = ruhu_form_field_get_name (ruhu_form_get_field (self->form, i));

      if (ruhu_case_snapshot_has_conflict (snapshot, self->id, name))
        g_hash_table_add (self->conflicts, g_strdup (name));
    }
  show_state (self);
}

/**
 * ruhu_entity_editor_set_locked:
 * @unlocked: (nullable): a field that stays editable (a supervisor's
 *   "reopened" on a signed sheet)
 *
 * A signed sheet is read-only; the page says why.
 */
void
ruhu_entity_editor_set_locked (RuhuEntityEditor *self,
                               gboolean          locked,
                               const char       *unlocked)
{
  g_return_if_fail (RUHU_IS_ENTITY_EDITOR (self));

  if (self->locked == locked && g_strcmp0 (self->unlocked, unlocked) == 0)
    return;
  self->locked = locked;
  g_free (self->unlocked);
  self->unlocked = g_strdup (unlocked);
  for (guint i = 0; i < self->rows->len; i++)
    {
      RuhuFieldRow *row = g_ptr_array_index (self->rows, i);

      ruhu_field_row_set_editable (row, !locked ||
                                   g_strcmp0 (ruhu_field_row_get_name (row), unlocked) == 0);
    }
}

/* Gives the reference fields the members they may point at. */
void
ruhu_entity_editor_set_references (RuhuEntityEditor *self,
                                   GStrv             ids,
                                   GStrv             labels)
{
  g_return_if_fail (RUHU_IS_ENTITY_EDITOR (self));

  if (self->ref_ids != NULL && g_strv_equal ((const char * const *) self->ref_ids,
                                             (const char * const *) ids) &&
      g_strv_equal ((const char * const *) self->ref_labels, (const char * const *) labels))
    return;
  g_strfreev (self->ref_ids);
  g_strfreev (self->ref_labels);
  self->ref_ids = g_strdupv (ids);
  self->ref_labels = g_strdupv (labels);
  for (guint i = 0; i < self->rows->len; i++)
    if (takes_members (g_ptr_array_index (self->rows, i)))
      ruhu_field_row_set_choices (g_ptr_array_index (self->rows, i), ids, labels);
}

/* Writes every valid value still being typed (the page is going away). */
void
ruhu_entity_editor_commit_all (RuhuEntityEditor *self)
{
  g_return_if_fail (RUHU_IS_ENTITY_EDITOR (self));

  for (guint i = 0; i < self->rows->len; i++)
    ruhu_field_row_commit (g_ptr_array_index (self->rows, i));
}

const char *
ruhu_entity_editor_get_id (RuhuEntityEditor *self)
{
  return self->id;
}

const char *
ruhu_entity_editor_get_kind (RuhuEntityEditor *self)
{
  return self->kind;
}

RuhuForm *
ruhu_entity_editor_get_form (RuhuEntityEditor *self)
{
  return self->form;
}

/* Returns: (transfer none): the values as the user sees them */
GHashTable *
ruhu_entity_editor_get_values (RuhuEntityEditor *self)
{
  return self->values;
}

/* Returns: (transfer none) (nullable): the row of @field */
RuhuFieldRow *
ruhu_entity_editor_lookup_row (RuhuEntityEditor *self,
                               const char       *field)
{
  for (guint i = 0; i < self->rows->len; i++)
    if (g_str_equal (ruhu_field_row_get_name (g_ptr_array_index (self->rows, i)), field))
      return g_ptr_array_index (self->rows, i);
  return NULL;
}
