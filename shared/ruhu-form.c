/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ruhu-form-private.h"
#include "ruhu-paths.h"

struct _RuhuFormSet
{
  gatomicrefcount  ref_count;
  GPtrArray       *forms;      /* of RuhuForm, sorted by kind */
  GHashTable      *by_kind;    /* kind → RuhuForm */
  GStrv            kinds;
};

G_DEFINE_BOXED_TYPE (RuhuFormSet, ruhu_form_set, ruhu_form_set_ref, ruhu_form_set_unref)
G_DEFINE_QUARK (ruhu-form-error-quark, ruhu_form_error)

static const char * const type_names[] = {
  [RUHU_FIELD_TEXT] = "text",
  [RUHU_FIELD_INTEGER] = "integer",
  [RUHU_FIELD_MONEY] = "money",
  [RUHU_FIELD_DATE] = "date",
  [RUHU_FIELD_DATETIME] = "datetime",
  [RUHU_FIELD_CHOICE] = "choice",
  [RUHU_FIELD_MULTI_CHOICE] = "multi_choice",
  [RUHU_FIELD_BOOLEAN] = "boolean",
  [RUHU_FIELD_ID_NUMBER] = "id_number",
  [RUHU_FIELD_PHONE] = "phone",
  [RUHU_FIELD_PHOTO] = "photo",
  [RUHU_FIELD_SIGNATURE] = "signature",
  [RUHU_FIELD_REFERENCE] = "reference",
  [RUHU_FIELD_COMPUTED] = "computed",
};

static const struct
{
  RuhuSensitivity  value;
  const char      *name;
} sensitivity_names[] = {
  { RUHU_SENSITIVITY_NONE, "none" },
  { RUHU_SENSITIVITY_ID_NUMBER, "id_number" },
  { RUHU_SENSITIVITY_BANK, "bank" },
  { RUHU_SENSITIVITY_HEALTH, "health" },
  { RUHU_SENSITIVITY_DISABILITY, "disability" },
};

/**
 * ruhu_field_type_to_string:
 * @type: a field type
 *
 * Returns: (transfer none): the type's name in form files
 */
const char *
ruhu_field_type_to_string (RuhuFieldType type)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (type_names), NULL);
  return type_names[type];
}

/**
 * ruhu_field_type_from_string:
 * @name: a type name as written in form files
 * @type: (out): the type
 *
 * Returns: %TRUE if @name is a known type
 */
gboolean
ruhu_field_type_from_string (const char    *name,
                             RuhuFieldType *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (type_names); i++)
    if (g_strcmp0 (type_names[i], name) == 0)
      {
        *type = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * ruhu_sensitivity_to_string:
 * @sensitivity: a single sensitivity class
 *
 * Returns: (transfer none) (nullable): its name, or %NULL for a combination
 */
const char *
ruhu_sensitivity_to_string (RuhuSensitivity sensitivity)
{
  for (guint i = 0; i < G_N_ELEMENTS (sensitivity_names); i++)
    if (sensitivity_names[i].value == sensitivity)
      return sensitivity_names[i].name;
  return NULL;
}

/**
 * ruhu_sensitivity_from_string:
 * @name: a sensitivity name as written in form files
 * @sensitivity: (out): the class
 *
 * Returns: %TRUE if @name is known
 */
gboolean
ruhu_sensitivity_from_string (const char      *name,
                              RuhuSensitivity *sensitivity)
{
  for (guint i = 0; i < G_N_ELEMENTS (sensitivity_names); i++)
    if (g_strcmp0 (sensitivity_names[i].name, name) == 0)
      {
        *sensitivity = sensitivity_names[i].value;
        return TRUE;
      }
  return FALSE;
}

static int
compare_forms (gconstpointer a,
               gconstpointer b)
{
  const RuhuForm *form_a = *(RuhuForm **) a;
  const RuhuForm *form_b = *(RuhuForm **) b;

  return strcmp (form_a->kind, form_b->kind);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static GPtrArray *
list_json_files (const char  *dir,
                 GError     **error)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) handle = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  if (!(handle = g_dir_open (dir, 0, &local_error)))
    {
      g_set_error (error, RUHU_FORM_ERROR, RUHU_FORM_ERROR_IO,
                   _("Cannot read the forms directory: %s"), local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_suffix (name, ".json") && name[0] != '.')
      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));

  if (paths->len == 0)
    {
      g_set_error (error, RUHU_FORM_ERROR, RUHU_FORM_ERROR_NO_FORMS,
                   _("%s: no form definitions (*.json) found"), dir);
      return NULL;
    }
  g_ptr_array_sort (paths, compare_paths);
  return g_steal_pointer (&paths);
}

/**
 * ruhu_form_set_load_dir:
 * @dir: a directory of form definitions, one `KIND.json` per entity kind
 * @error: return location for a #RUHU_FORM_ERROR
 *
 * Loads every `*.json` file of @dir in name order and checks each form and
 * the kinds they refer to. The first problem found fails the whole set, with
 * a message naming the file and the field.
 *
 * Returns: (transfer full): the forms, or %NULL
 */
RuhuFormSet *
ruhu_form_set_load_dir (const char  *dir,
                        GError     **error)
{
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(RuhuFormSet) self = NULL;
  g_autoptr(GStrvBuilder) kinds = g_strv_builder_new ();

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(paths = list_json_files (dir, error)))
    return NULL;

  self = g_new0 (RuhuFormSet, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->forms = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_form_free);
  self->by_kind = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < paths->len; i++)
    {
      RuhuForm *form = ruhu_form_load_file (g_ptr_array_index (paths, i), error);

      if (form == NULL)
        return NULL;
      g_ptr_array_add (self->forms, form);
      g_hash_table_insert (self->by_kind, form->kind, form);
    }

  g_ptr_array_sort (self->forms, compare_forms);
  for (guint i = 0; i < self->forms->len; i++)
    {
      RuhuForm *form = g_ptr_array_index (self->forms, i);

      if (!ruhu_form_check_kinds (form, self->by_kind, error))
        return NULL;
      g_strv_builder_add (kinds, form->kind);
    }
  self->kinds = g_strv_builder_end (kinds);

  return g_steal_pointer (&self);
}

/**
 * ruhu_form_set_load_default:
 * @error: return location for a #RUHU_FORM_ERROR
 *
 * Loads the forms of the data directory (see ruhu_data_dir()).
 *
 * Returns: (transfer full): the forms, or %NULL
 */
RuhuFormSet *
ruhu_form_set_load_default (GError **error)
{
  g_autofree char *dir = ruhu_data_path ("forms", NULL);

  return ruhu_form_set_load_dir (dir, error);
}

/**
 * ruhu_form_set_ref:
 * @self: a form set
 *
 * Returns: (transfer full): @self
 */
RuhuFormSet *
ruhu_form_set_ref (RuhuFormSet *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * ruhu_form_set_unref:
 * @self: (transfer full): a form set
 *
 * Drops a reference; the forms and fields obtained from @self stay valid
 * only while a reference is held.
 */
void
ruhu_form_set_unref (RuhuFormSet *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->by_kind, g_hash_table_unref);
  g_clear_pointer (&self->forms, g_ptr_array_unref);
  g_strfreev (self->kinds);
  g_free (self);
}

/**
 * ruhu_form_set_get_kinds:
 * @self: a form set
 *
 * Returns: (transfer none): the kinds, sorted, %NULL-terminated
 */
const char * const *
ruhu_form_set_get_kinds (RuhuFormSet *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->kinds;
}

/**
 * ruhu_form_set_lookup:
 * @self: a form set
 * @kind: an entity kind
 *
 * Returns: (transfer none) (nullable): the form of @kind, or %NULL
 */
RuhuForm *
ruhu_form_set_lookup (RuhuFormSet *self,
                      const char  *kind)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  return g_hash_table_lookup (self->by_kind, kind);
}
