/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ruhu-case-snapshot.h"
#include "ruhu-device-key.h"
#include "ruhu-evidence-job.h"
#include "ruhu-id.h"
#include "ruhu-json-fields.h"
#include "ruhu-sheet-digest.h"
#include "ruhu-signature-job.h"

/* What is missing, listed in the refusal; the case page shows each at its
 * field. */
#define MAX_PROBLEMS_SHOWN 3

typedef struct
{
  RuhuStore      *store;
  RuhuSyncClient *sync;
  RuhuFormSet    *forms;
  char           *case_id;
  char           *sheet;
  char           *role;
  GBytes         *png;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->store);
  g_clear_object (&job->sync);
  g_clear_pointer (&job->forms, ruhu_form_set_unref);
  g_free (job->case_id);
  g_free (job->sheet);
  g_free (job->role);
  g_clear_pointer (&job->png, g_bytes_unref);
  g_free (job);
}

static Job *
job_new (RuhuDevice *device)
{
  Job *job = g_new0 (Job, 1);

  job->store = g_object_ref (ruhu_device_get_store (device));
  job->sync = g_object_ref (ruhu_device_get_sync_client (device));
  job->forms = ruhu_form_set_ref (ruhu_device_get_forms (device));
  return job;
}

static void
signature_info_free (RuhuSignatureInfo *info)
{
  g_free (info->entity);
  g_free (info->role);
  g_free (info->name);
  g_free (info->signed_at);
  g_clear_object (&info->image);
  g_free (info);
}

void
ruhu_signature_sheet_free (RuhuSignatureSheet *sheet)
{
  g_free (sheet->sheet);
  g_clear_pointer (&sheet->signatures, g_ptr_array_unref);
  g_free (sheet->investigator_1);
  g_free (sheet->investigator_2);
  g_free (sheet->applicant);
  g_free (sheet);
}

static char *
read_string (RuhuStore  *store,
             const char *entity,
             const char *field)
{
  g_autoptr(GHashTable) fields = ruhu_store_get_fields (store, entity, NULL);

  return ruhu_fields_dup_string (fields, field);
}

static GdkTexture *
load_image (Job      *job,
            JsonNode *value)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (value) ? json_node_get_object (value) : NULL;
  const char *name = ruhu_object_get_string (object, "image");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  if (name == NULL || (bytes = ruhu_sync_client_read_photo (job->sync, name, &error)) == NULL ||
      (texture = gdk_texture_new_from_bytes (bytes, &error)) == NULL)
    {
      g_debug ("No picture of the signature %s: %s", name ? name : "(none)",
               error != NULL ? error->message : "no image");
      return NULL;
    }
  return texture;
}

static RuhuSignatureInfo *
load_signature (Job          *job,
                const char   *entity,
                GCancellable *cancellable)
{
  g_autoptr(GHashTable) fields = ruhu_store_get_fields (job->store, entity, NULL);
  RuhuSignatureInfo *info = g_new0 (RuhuSignatureInfo, 1);
  JsonNode *value = fields != NULL ? g_hash_table_lookup (fields, "signature") : NULL;

  info->entity = g_strdup (entity);
  info->role = ruhu_fields_dup_string (fields, "signer_role");
  info->name = ruhu_fields_dup_string (fields, "signer_name");
  info->signed_at = ruhu_fields_dup_string (fields, "signed_at");
  if (value != NULL && !g_cancellable_is_cancelled (cancellable))
    {
      info->image = load_image (job, value);
      info->digest_ok = ruhu_sheet_digest_check_signature (job->store, job->sheet, value, NULL);
    }
  return info;
}

static int
compare_signed_at (gconstpointer a,
                   gconstpointer b)
{
  const RuhuSignatureInfo *x = *(RuhuSignatureInfo **) a;
  const RuhuSignatureInfo *y = *(RuhuSignatureInfo **) b;
  int order = g_strcmp0 (x->signed_at, y->signed_at);

  return order != 0 ? order : g_strcmp0 (x->entity, y->entity);
}

static RuhuSignatureSheet *
load_sheet (Job           *job,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(RuhuSignatureSheet) result = g_new0 (RuhuSignatureSheet, 1);
  g_autoptr(GPtrArray) entities = NULL;

  result->signatures = g_ptr_array_new_with_free_func ((GDestroyNotify) signature_info_free);
  result->applicant = read_string (job->store, job->case_id, "head_name");
  if ((result->sheet = ruhu_signed_sheet_find (job->store, job->case_id, error)) == NULL)
    return (error == NULL || *error == NULL) ? g_steal_pointer (&result) : NULL;
  job->sheet = g_strdup (result->sheet);
  if (!ruhu_signed_sheet_get_state (job->store, job->sheet, &result->state, error) ||
      (entities = ruhu_store_list_entities (job->store, job->case_id, error)) == NULL)
    return NULL;
  result->investigator_1 = read_string (job->store, job->sheet, "investigator_1");
  result->investigator_2 = read_string (job->store, job->sheet, "investigator_2");
  for (guint i = 0; i < entities->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (entities, i);

      if (!info->deleted && strcmp (info->kind, "signature") == 0 &&
          g_strcmp0 (info->parent, job->sheet) == 0)
        g_ptr_array_add (result->signatures, load_signature (job, info->id, cancellable));
    }
  g_ptr_array_sort (result->signatures, compare_signed_at);
  return g_steal_pointer (&result);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  RuhuSignatureSheet *sheet = load_sheet (data, cancellable, &error);

  if (sheet == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, sheet, (GDestroyNotify) ruhu_signature_sheet_free);
}

void
ruhu_signature_sheet_load_async (RuhuDevice          *device,
                                 const char          *case_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Job *job = job_new (device);

  job->case_id = g_strdup (case_id);
  g_task_set_source_tag (task, ruhu_signature_sheet_load_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, load_thread);
}

RuhuSignatureSheet *
ruhu_signature_sheet_load_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ruhu_signature_sheet_load_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The case page's own rule (ruhu_case_snapshot_sheet_missing()): a sheet
 * with a relevant required field left empty, on it or on the items and
 * interviews under it, is not signed. */
static gboolean
check_complete (Job     *job,
                GError **error)
{
  g_autoptr(RuhuEntityInfo) sheet = NULL;
  g_autoptr(RuhuCaseSnapshot) snapshot = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GPtrArray) messages = g_ptr_array_new ();
  g_autofree char *shown = NULL;

  if ((sheet = ruhu_store_get_entity (job->store, job->sheet, error)) == NULL ||
      (snapshot = ruhu_case_snapshot_load (job->store, sheet->case_id, error)) == NULL)
    return FALSE;
  missing = ruhu_case_snapshot_sheet_missing (snapshot, job->forms, NULL);
  if (missing->len == 0)
    return TRUE;
  for (guint i = 0; i < missing->len && i < MAX_PROBLEMS_SHOWN; i++)
    g_ptr_array_add (messages, ((RuhuMissingField *) g_ptr_array_index (missing, i))->message);
  g_ptr_array_add (messages, NULL);
  shown = g_strjoinv ("; ", (char **) messages->pdata);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("The check sheet cannot be signed until it is complete: %s"), shown);
  return FALSE;
}

static gboolean
sign_digest (Job         *job,
             JsonObject  *value,
             GError     **error)
{
  g_autoptr(RuhuDeviceKey) key = NULL;
  g_autofree char *public_key = NULL;
  g_autofree char *signature = NULL;
  guint8 digest[RUHU_SHEET_DIGEST_LENGTH];

  if ((key = ruhu_device_key_load (job->store, error)) == NULL ||
      !ruhu_sheet_digest_compute (job->store, job->sheet, digest, error) ||
      (signature = ruhu_device_key_sign (key, digest, sizeof digest, error)) == NULL)
    return FALSE;
  public_key = ruhu_device_key_get_public_base64 (key);
  json_object_set_string_member (value, "public_key", public_key);
  json_object_set_string_member (value, "signature", signature);
  return TRUE;
}

static JsonNode *
prepare (Job     *job,
         GError **error)
{
  g_autoptr(JsonObject) value = json_object_new ();
  g_autofree char *image = NULL;
  g_autofree char *signed_at = ruhu_now_rfc3339 ();

  if (!check_complete (job, error) || (image = ruhu_evidence_keep_photo (job->sync, job->png, error)) == NULL)
    return NULL;
  json_object_set_string_member (value, "image", image);
  json_object_set_string_member (value, "signed_at", signed_at);
  if (strcmp (job->role, "investigator") == 0 && !sign_digest (job, value, error))
    return NULL;
  return json_node_init_object (json_node_alloc (), value);
}

static void
prepare_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  JsonNode *value = prepare (data, &error);

  if (value == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, (GDestroyNotify) json_node_unref);
}

void
ruhu_signature_prepare_async (RuhuDevice          *device,
                              const char          *sheet,
                              const char          *role,
                              GBytes              *png,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Job *job = job_new (device);

  job->sheet = g_strdup (sheet);
  job->role = g_strdup (role);
  job->png = g_bytes_ref (png);
  g_task_set_source_tag (task, ruhu_signature_prepare_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, prepare_thread);
}

/**
 * ruhu_signature_prepare_finish:
 *
 * Returns: (transfer full) (nullable): the signature field's value
 */
JsonNode *
ruhu_signature_prepare_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ruhu_signature_prepare_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static JsonNode *
string_node (const char *text)
{
  return json_node_init_string (json_node_alloc (), text);
}

/**
 * ruhu_signature_write:
 * @value: from ruhu_signature_prepare_finish()
 *
 * Writes a new signature entity under @sheet. The role goes last: the
 * server counts an investigator signature by its role, so a write that
 * fails halfway leaves an incomplete signature that locks nothing.
 */
gboolean
ruhu_signature_write (RuhuDevice  *device,
                      const char  *case_id,
                      const char  *sheet,
                      const char  *role,
                      const char  *name,
                      JsonNode    *value,
                      GError     **error)
{
  g_autofree char *entity = ruhu_id_new ();
  JsonObject *object = json_node_get_object (value);
  const char *fields[] = { "signer_name", "signature", "signed_at", "signer_role" };
  g_autoptr(JsonNode) signed_at = string_node (json_object_get_string_member (object,
                                                                             "signed_at"));
  g_autoptr(JsonNode) name_node = string_node (name);
  g_autoptr(JsonNode) role_node = string_node (role);
  JsonNode *values[] = { name_node, value, signed_at, role_node };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(RuhuOp) op = ruhu_device_write (device, entity, "signature", case_id, sheet,
                                                fields[i], values[i], error);

      if (op == NULL)
        return FALSE;
    }
  return TRUE;
}
