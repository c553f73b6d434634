/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-blob-access.h"
#include "ruhu-blob-refs.h"
#include "ruhu-form-validate.h"
#include "ruhu-scope.h"

/* A caller may read a blob that a field of a case in their scope names
 * (server/ruhu-scope.c), the same cases their pulls return; an
 * administrator reads every blob. A volunteer's pulls leave out sensitive
 * fields and evidence of a sensitive category, and so do their reads: a
 * photo of an ID card is as sensitive as the ID number. */

G_LOCK_DEFINE_STATIC (refs_lock);

/* The index lives as long as the server; the server's struct is not ours
 * to grow, so it hangs from the object, opened at the first read. */
static RuhuBlobRefs *
get_refs (RuhuServer  *self,
          GError     **error)
{
  static GQuark quark;
  RuhuBlobRefs *refs;

  G_LOCK (refs_lock);
  if (quark == 0)
    quark = g_quark_from_static_string ("ruhu-blob-refs");
  if ((refs = g_object_get_qdata (G_OBJECT (self), quark)) == NULL)
    {
      g_autofree char *path = g_build_filename (self->data_dir, RUHU_BLOB_REFS_DB, NULL);

      refs = ruhu_blob_refs_open (path, self->store, self->forms, error);
      if (refs != NULL)
        g_object_set_qdata_full (G_OBJECT (self), quark, refs,
                                 (GDestroyNotify) ruhu_blob_refs_free);
    }
  G_UNLOCK (refs_lock);
  return refs;
}

/* A choice whose options carry a sensitivity makes the whole entity as
 * sensitive as the option chosen; one not chosen yet (evidence whose
 * category is still to come) might be any of them. */
static gboolean
choice_is_sensitive (RuhuFormField *field,
                     JsonNode      *value)
{
  guint n = ruhu_form_field_get_n_options (field);

  if (ruhu_form_value_is_empty (value))
    {
      for (guint i = 0; i < n; i++)
        if (ruhu_form_field_get_option_sensitivity (
              field, ruhu_form_field_get_option_value (field, i)) != RUHU_SENSITIVITY_NONE)
          return TRUE;
      return FALSE;
    }
  return JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING &&
         ruhu_form_field_get_option_sensitivity (field, json_node_get_string (value)) !=
           RUHU_SENSITIVITY_NONE;
}

static gboolean
is_sensitive (RuhuServer         *self,
              const RuhuBlobRef  *ref,
              gboolean           *sensitive,
              GError            **error)
{
  RuhuForm *form = ruhu_form_set_lookup (self->forms, ref->kind);
  RuhuFormField *photo = form != NULL ? ruhu_form_lookup_field (form, ref->field) : NULL;
  g_autoptr(GHashTable) values = NULL;

  *sensitive = photo == NULL || ruhu_form_field_get_sensitivity (photo) != RUHU_SENSITIVITY_NONE;
  if (*sensitive)
    return TRUE;
  if ((values = ruhu_store_get_fields (self->store, ref->entity, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < ruhu_form_get_n_fields (form) && !*sensitive; i++)
    {
      RuhuFormField *field = ruhu_form_get_field (form, i);

      if (ruhu_form_field_get_field_type (field) == RUHU_FIELD_CHOICE)
        *sensitive = choice_is_sensitive (field,
                                          g_hash_table_lookup (values,
                                                               ruhu_form_field_get_name (field)));
    }
  return TRUE;
}

/**
 * ruhu_blob_access_check:
 * @access: (out): what @who may do with the blob @name
 *
 * Returns: %FALSE with @error set only when the store or the directory
 *   fails
 */
gboolean
ruhu_blob_access_check (RuhuServer           *self,
                        const RuhuPrincipal  *who,
                        const char           *name,
                        RuhuBlobAccess       *access,
                        GError              **error)
{
  RuhuBlobRefs *index;
  g_autoptr(GPtrArray) refs = NULL;
  g_autoptr(RuhuScope) scope = NULL;
  gboolean volunteer = who->role == RUHU_ROLE_VOLUNTEER;

  *access = RUHU_BLOB_ACCESS_DENIED;
  if ((index = get_refs (self, error)) == NULL ||
      (refs = ruhu_blob_refs_lookup (index, name, error)) == NULL)
    return FALSE;
  scope = ruhu_scope_new (self->directory, who);
  for (guint i = 0; i < refs->len; i++)
    {
      RuhuBlobRef *ref = g_ptr_array_index (refs, i);
      gboolean visible = FALSE, sensitive = FALSE;

      if (!ruhu_scope_case_visible (scope, ref->case_id, &visible, error))
        return FALSE;
      if (!visible)
        continue;
      if (!is_sensitive (self, ref, &sensitive, error))
        return FALSE;
      if (!sensitive)
        {
          *access = RUHU_BLOB_ACCESS_ALLOWED;
          return TRUE;
        }
      if (!volunteer)
        *access = RUHU_BLOB_ACCESS_SENSITIVE;
    }
  if (*access == RUHU_BLOB_ACCESS_DENIED && who->role == RUHU_ROLE_ADMINISTRATOR)
    *access = RUHU_BLOB_ACCESS_ALLOWED;
  return TRUE;
}
