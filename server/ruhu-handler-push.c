/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-form-validate.h"
#include "ruhu-handlers.h"
#include "ruhu-http.h"
#include "ruhu-json.h"

/* POST /api/v1/push: a batch of operations. Every operation is checked
 * against the form definitions first; one bad operation answers 4xx and
 * nothing is stored. The rest is one store batch under the rules. */

typedef struct
{
  guint       status;
  JsonObject *error;  /* the reply, with index, v and maybe field */
} Problem;

static gboolean
problem (Problem    *out,
         guint       status,
         const char *code,
         char       *message)
{
  out->status = status;
  out->error = ruhu_http_error_object (code, message);
  g_free (message);
  return FALSE;
}

static gboolean
read_ops (JsonNode   *body,
          guint       max_batch,
          GPtrArray **ops,
          Problem    *out)
{
  JsonObject *object;
  JsonNode *list;
  JsonArray *array;

  if (!JSON_NODE_HOLDS_OBJECT (body) ||
      json_object_get_size ((object = json_node_get_object (body))) != 1 ||
      (list = json_object_get_member (object, "ops")) == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return problem (out, SOUP_STATUS_BAD_REQUEST, "bad_request",
                    g_strdup (_("A push is an object with one member, ops, a list")));
  array = json_node_get_array (list);
  if (json_array_get_length (array) > max_batch)
    return problem (out, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_many_ops",
                    g_strdup_printf (_("A push may hold at most %u operations"), max_batch));

  *ops = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_op_unref);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GError) error = NULL;
      JsonNode *element = json_array_get_element (array, i);
      RuhuOp *op = ruhu_op_from_json (element, &error);

      if (op == NULL)
        {
          problem (out, 422, "invalid_op", g_strdup (error->message));
          json_object_set_int_member (out->error, "index", i);
          if (JSON_NODE_HOLDS_OBJECT (element) &&
              json_object_get_string_member_with_default (json_node_get_object (element), "v",
                                                          NULL) != NULL)
            json_object_set_string_member (out->error, "v",
                                           json_object_get_string_member (
                                             json_node_get_object (element), "v"));
          return FALSE;
        }
      g_ptr_array_add (*ops, op);
    }
  return TRUE;
}

static gboolean
check_value (RuhuServer    *self,
             RuhuFormField *field,
             const RuhuOp  *op,
             Problem       *out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *canonical = ruhu_json_canonical (op->value);

  if (strlen (canonical) > self->config.max_field)
    return problem (out, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "field_too_large",
                    g_strdup_printf (_("The value of %s is larger than %zu bytes"),
                                     op->field, self->config.max_field));
  if (field == NULL)
    return TRUE;
  if (ruhu_form_field_get_field_type (field) == RUHU_FIELD_COMPUTED &&
      !JSON_NODE_HOLDS_NULL (op->value))
    return problem (out, 422, "invalid_value",
                    g_strdup_printf (_("The field %s is computed and cannot be written"),
                                     op->field));
  if (!ruhu_form_field_validate_value (field, op->value, NULL, &error))
    return problem (out, 422, "invalid_value", g_strdup (error->message));
  return TRUE;
}

static gboolean
check_op (RuhuServer          *self,
          const RuhuPrincipal *who,
          const RuhuOp        *op,
          Problem             *out)
{
  RuhuForm *form;
  RuhuFormField *field = NULL;

  if (g_strcmp0 (op->device, who->device_id) != 0)
    return problem (out, 422, "invalid_op",
                    g_strdup_printf (_("The version %s is not from this session’s device"),
                                     op->version));
  if ((form = ruhu_form_set_lookup (self->forms, op->kind)) == NULL)
    return problem (out, 422, "unknown_kind",
                    g_strdup_printf (_("There is no form for entities of kind %s"), op->kind));
  if (op->field[0] == '_' ? strcmp (op->field, RUHU_FIELD_DELETED) != 0
                          : (field = ruhu_form_lookup_field (form, op->field)) == NULL)
    return problem (out, 422, "unknown_field",
                    g_strdup_printf (_("The form %s has no field %s"), op->kind, op->field));
  return check_value (self, field, op, out);
}

static gboolean
check_ops (RuhuServer          *self,
           const RuhuPrincipal *who,
           GPtrArray           *ops,
           Problem             *out)
{
  for (guint i = 0; i < ops->len; i++)
    {
      RuhuOp *op = g_ptr_array_index (ops, i);

      if (check_op (self, who, op, out))
        continue;
      json_object_set_int_member (out->error, "index", i);
      json_object_set_string_member (out->error, "v", op->version);
      if (!g_str_equal (json_object_get_string_member (out->error, "error"), "unknown_kind"))
        json_object_set_string_member (out->error, "field", op->field);
      return FALSE;
    }
  return TRUE;
}

/* Which of the store's own checks refused an INVALID op: the clock comes
 * after the rule hook, the version and entity checks before it. */
static const char *
invalid_code (RuhuServer   *self,
              const RuhuOp *op)
{
  g_autoptr(RuhuEntityInfo) info = NULL;

  if (ruhu_rules_was_checked (self->rules, op))
    return "clock_ahead";
  info = ruhu_store_get_entity (self->store, op->entity, NULL);
  if (info != NULL && (g_strcmp0 (info->kind, op->kind) != 0 ||
                       g_strcmp0 (info->case_id, op->case_id) != 0 ||
                       g_strcmp0 (info->parent, op->parent) != 0))
    return "entity_mismatch";
  return "version_reused";
}

static JsonObject *
describe_result (RuhuServer            *self,
                 const RuhuOp          *op,
                 const RuhuApplyResult *result)
{
  JsonObject *object = json_object_new ();
  const char *code = NULL, *reason = result->message;

  json_object_set_string_member (object, "v", op->version);
  switch (result->status)
    {
    case RUHU_APPLY_APPLIED:
      json_object_set_string_member (object, "status", "applied");
      return object;
    case RUHU_APPLY_DUPLICATE:
      json_object_set_string_member (object, "status", "duplicate");
      return object;
    case RUHU_APPLY_REJECTED_BEFORE:
      code = "version_reused";
      reason = _("This version was refused before");
      break;
    case RUHU_APPLY_INVALID:
      code = invalid_code (self, op);
      break;
    case RUHU_APPLY_REFUSED:
    default:
      code = result->code != NULL ? result->code : "role_not_allowed";
      break;
    }
  json_object_set_string_member (object, "status", "rejected");
  json_object_set_string_member (object, "code", code);
  json_object_set_string_member (object, "reason", reason != NULL ? reason : "");
  return object;
}

static void
audit_op (RuhuServer          *self,
          const RuhuPrincipal *who,
          const RuhuOp        *op)
{
  g_autofree char *detail = g_strdup_printf ("case=%s kind=%s field=%s v=%s", op->case_id,
                                             op->kind, op->field, op->version);

  ruhu_server_audit (self, who->user_id, who->device_id, "op", op->entity, detail);
  if (strcmp (op->kind, "check_sheet") == 0 && strcmp (op->field, RUHU_FIELD_REOPENED) == 0)
    ruhu_server_audit (self, who->user_id, who->device_id,
                       ruhu_op_value_is_true (op) ? "reopen" : "relock", op->entity, detail);
}

/* The directory keeps each case's place for pulls; the store has the
 * household's codes. A case nobody had pushed to becomes the caller's. */
static void
update_case_place (RuhuServer          *self,
                   const RuhuPrincipal *who,
                   const RuhuOp        *op,
                   gboolean             place_changed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *place = NULL;
  g_autofree char *creator = NULL;
  g_autofree char *new_place = NULL;

  if (!ruhu_directory_get_case_place (self->directory, op->case_id, &place, &creator, &error))
    goto failed;
  if (!place_changed && creator != NULL && *creator != '\0')
    return;
  if (place_changed &&
      (new_place = ruhu_rules_household_place (self->store, op->entity, NULL, &error)) == NULL &&
      error != NULL)
    goto failed;
  if (!place_changed)
    new_place = g_strdup (place);
  if (!ruhu_directory_set_case_place (self->directory, op->case_id,
                                      new_place != NULL ? new_place : "",
                                      creator != NULL && *creator != '\0' ? creator : who->user_id,
                                      &error))
    goto failed;
  return;

failed:
  g_warning ("Could not record the place of case %s: %s", op->case_id, error->message);
}

static void
record_applied (RuhuServer          *self,
                const RuhuPrincipal *who,
                GPtrArray           *ops,
                GArray              *results)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  RuhuAudit *audit = ruhu_server_get_audit (self);
  gboolean batched = ruhu_audit_begin_batch (audit, &error);

  if (!batched)
    g_warning ("Audit batch not started, appending one by one: %s", error->message);
  for (guint i = 0; i < ops->len; i++)
    {
      RuhuOp *op = g_ptr_array_index (ops, i);
      gboolean place_changed = ruhu_rules_is_place_field (op);

      if (g_array_index (results, RuhuApplyResult, i).status != RUHU_APPLY_APPLIED)
        continue;
      audit_op (self, who, op);
      if (place_changed || g_hash_table_add (seen, op->case_id))
        update_case_place (self, who, op, place_changed);
    }
  g_clear_error (&error);
  if (batched && !ruhu_audit_end_batch (audit, &error))
    g_warning ("Audit entries of a push were lost: %s", error->message);
}

static gboolean
apply_ops (RuhuServer          *self,
           const RuhuPrincipal *who,
           GPtrArray           *ops,
           JsonArray           *replies,
           GError             **error)
{
  g_autoptr(RuhuScope) scope = ruhu_scope_new (self->directory, who);
  g_autoptr(GArray) results = NULL;
  gboolean ok;

  ruhu_rules_begin (self->rules, scope);
  ok = ruhu_store_apply (self->store, ops, &results, error);
  for (guint i = 0; ok && i < ops->len; i++)
    json_array_add_object_element (replies,
                                   describe_result (self, g_ptr_array_index (ops, i),
                                                    &g_array_index (results, RuhuApplyResult, i)));
  ruhu_rules_end (self->rules);
  if (ok)
    record_applied (self, who, ops, results);
  return ok;
}

void
ruhu_handle_push (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  RuhuServer *self = user_data;
  g_autoptr(RuhuPrincipal) who = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GError) error = NULL;
  Problem out = { 0 };
  JsonArray *replies;

  if (!ruhu_http_require_method (msg, SOUP_METHOD_POST) ||
      (who = ruhu_http_authenticate (msg, self->directory)) == NULL ||
      (body = ruhu_http_parse_body (msg, self->config.max_body)) == NULL)
    return;
  if (!read_ops (body, self->config.max_batch, &ops, &out) || !check_ops (self, who, ops, &out))
    {
      ruhu_http_reply_object (msg, out.status, out.error);
      json_object_unref (out.error);
      return;
    }

  replies = json_array_sized_new (ops->len);
  reply = json_object_new ();
  json_object_set_array_member (reply, "results", replies);
  if (!apply_ops (self, who, ops, replies, &error))
    {
      ruhu_http_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", error->message);
      return;
    }
  ruhu_http_reply_object (msg, SOUP_STATUS_OK, reply);
}
