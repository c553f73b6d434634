/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-directory-places.h"
#include "ruhu-form-validate.h"
#include "ruhu-handlers.h"
#include "ruhu-http.h"
#include "ruhu-json.h"

/* POST /api/v1/push[?since=SEQ]: a batch of operations, grouped per
 * entity or (the first form of the protocol) one object each. Every
 * operation is checked first (written by the session's user, from its
 * device, as the form definitions allow); one bad operation answers 4xx
 * and nothing is stored. The rest is one store batch under the rules,
 * audited in the same transaction. With the device's pull cursor as
 * since, the answer may move that cursor past the batch's own versions. */

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

/* The grouped form (docs/protocol.md): the same operations, named once
 * per run of one entity. */
static gboolean
read_groups (JsonNode   *groups,
             guint       max_batch,
             GPtrArray **ops,
             Problem    *out)
{
  g_autoptr(GError) error = NULL;
  guint failed = 0;

  *ops = ruhu_op_list_from_groups (groups, max_batch, &failed, &error);
  if (*ops != NULL)
    return TRUE;
  if (g_error_matches (error, RUHU_OP_ERROR, RUHU_OP_ERROR_TOO_MANY))
    return problem (out, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_many_ops",
                    g_strdup_printf (_("A push may hold at most %u operations"), max_batch));
  problem (out, 422, "invalid_op", g_strdup (error->message));
  json_object_set_int_member (out->error, "index", failed);
  return FALSE;
}

static gboolean
read_body (JsonNode   *body,
           guint       max_batch,
           GPtrArray **ops,
           gboolean   *grouped,
           Problem    *out)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body) : NULL;
  JsonNode *groups = object != NULL ? json_object_get_member (object, "entities") : NULL;

  *grouped = groups != NULL && json_object_get_size (object) == 1;
  if (*grouped)
    return read_groups (groups, max_batch, ops, out);
  return read_ops (body, max_batch, ops, out);
}

/* Only the signed-in user's edits: the actor is what the audit log and the
 * workflow's steps name. A tablet where someone else left unsynced edits
 * gets the whole push refused; they wait in its outbox for that user. */
static gboolean
check_actors (const RuhuPrincipal *who,
              GPtrArray           *ops,
              Problem             *out)
{
  for (guint i = 0; i < ops->len; i++)
    {
      RuhuOp *op = g_ptr_array_index (ops, i);
      char *message;

      if (g_strcmp0 (op->actor, who->user_id) == 0)
        continue;
      message = g_strdup_printf (/* Translators: both %s are the same user id */
                                 _("This push holds edits by %s; only %s can send them. "
                                   "Sign in as that user on this device."),
                                 op->actor, op->actor);
      problem (out, SOUP_STATUS_FORBIDDEN, "wrong_actor", message);
      json_object_set_int_member (out->error, "index", i);
      json_object_set_string_member (out->error, "v", op->version);
      return FALSE;
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
              RuhuRules    *rules,
              const RuhuOp *op)
{
  g_autoptr(RuhuEntityInfo) info = NULL;

  if (ruhu_rules_was_checked (rules, op))
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
                 RuhuRules             *rules,
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
      code = invalid_code (self, rules, op);
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

/* What the directory must learn about one case of the push: a case nobody
 * had pushed to becomes the caller's, and a household whose codes changed
 * moves its case. */
static gboolean
case_place (RuhuServer           *self,
            const RuhuPrincipal  *who,
            const char           *case_id,
            const char           *household,
            GPtrArray            *strings,
            RuhuCasePlace        *out,
            GError              **error)
{
  g_autofree char *place = NULL;
  g_autofree char *creator = NULL;
  char *new_place = NULL;

  if (!ruhu_directory_get_case_place (self->directory, case_id, &place, &creator, error))
    return FALSE;
  if (household == NULL && creator != NULL && *creator != '\0')
    return TRUE;
  if (household != NULL &&
      (new_place = ruhu_rules_household_place (self->store, household, NULL, error)) == NULL &&
      *error != NULL)
    return FALSE;
  if (new_place == NULL)
    new_place = g_strdup (household != NULL || place == NULL ? "" : place);
  g_ptr_array_add (strings, new_place);
  if (creator == NULL || *creator == '\0')
    g_ptr_array_add (strings, g_strdup (who->user_id));
  else
    g_ptr_array_add (strings, g_steal_pointer (&creator));
  *out = (RuhuCasePlace) { case_id, new_place, g_ptr_array_index (strings, strings->len - 1) };
  return TRUE;
}

/* The directory keeps each case's place for pulls (the store has the
 * household's codes): one write for the whole push, before its commit, so
 * that a pull that sees the push's versions finds their cases placed (a
 * pull that found a case without its place would move its cursor past
 * versions the caller may see). A push that then fails to commit leaves a
 * place the next push of the case corrects. */
static void
record_places (RuhuServer          *self,
               const RuhuPrincipal *who,
               GPtrArray           *ops,
               GArray              *results)
{
  g_autoptr(GHashTable) households = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) places = g_array_new (FALSE, FALSE, sizeof (RuhuCasePlace));
  g_autoptr(GError) error = NULL;
  const char *last_case = NULL;

  for (guint i = 0; i < ops->len; i++)
    {
      RuhuOp *op = g_ptr_array_index (ops, i);
      RuhuApplyStatus status = g_array_index (results, RuhuApplyResult, i).status;

      /* A duplicate may be the resend of a push whose places a crash lost. */
      if (status != RUHU_APPLY_APPLIED && status != RUHU_APPLY_DUPLICATE)
        continue;
      /* A push comes case by case: only a case's first operation is new. */
      if ((last_case == NULL || strcmp (last_case, op->case_id) != 0) &&
          !g_hash_table_contains (households, op->case_id))
        {
          g_ptr_array_add (order, op->case_id);
          g_hash_table_insert (households, op->case_id, NULL);
        }
      last_case = op->case_id;
      if (ruhu_rules_is_place_field (op))
        g_hash_table_insert (households, op->case_id, op->entity);
    }
  for (guint i = 0; i < order->len && error == NULL; i++)
    {
      RuhuCasePlace entry = { NULL };
      const char *case_id = g_ptr_array_index (order, i);

      if (case_place (self, who, case_id, g_hash_table_lookup (households, case_id), strings,
                      &entry, &error) && entry.case_id != NULL)
        g_array_append_val (places, entry);
    }
  if (error == NULL)
    ruhu_directory_set_case_places (self->directory, places, &error);
  if (error != NULL)
    g_warning ("Could not record the places of a push's cases: %s", error->message);
}

typedef struct
{
  RuhuServer          *self;
  const RuhuPrincipal *who;
  RuhuRules           *rules;
  gint64               since;  /* the device's pull cursor, -1 if not sent */
  gint64               next;   /* where it may move, -1 if it may not */
} AuditContext;

/* A device whose cursor was at the end of the feed before this batch
 * may move it past the batch: every version in between is one it has just
 * sent, which a pull with own=0 would skip anyway. Its next pull then does
 * not walk them. */
static gboolean
find_next_cursor (RuhuStore    *store,
                  AuditContext *context,
                  GError      **error)
{
  gint64 before, newest;

  if (context->since < 0)
    return TRUE;
  if (!ruhu_store_batch_feed_span (store, &before, &newest, error))
    return FALSE;
  if (before == context->since)
    context->next = newest;
  return TRUE;
}

/* Inside the store's transaction: the audit entries are committed before
 * the operations, so no applied operation is ever without one; and the
 * cases' places and the applied teams are recorded. A team whose commit
 * then fails is in the directory before the store has it, until the
 * device sends it again. */
static gboolean
before_commit (RuhuStore  *store,
               GPtrArray  *ops,
               GArray     *results,
               gpointer    user_data,
               GError    **error)
{
  AuditContext *context = user_data;

  if (!find_next_cursor (store, context, error) ||
      !ruhu_audit_append_ops (ruhu_server_get_audit (context->self), context->who->user_id,
                              context->who->device_id, ops, results, error) ||
      !ruhu_rules_record_teams (context->rules, context->self->directory, ops, results, error))
    return FALSE;
  record_places (context->self, context->who, ops, results);
  return TRUE;
}

/* The grouped form's answer names only what was not applied. */
static JsonObject *
grouped_reply (RuhuServer  *self,
               RuhuRules   *rules,
               GPtrArray   *ops,
               GArray      *results)
{
  JsonObject *reply = json_object_new ();
  JsonArray *rejected = json_array_new ();
  gint64 counts[2] = { 0, 0 };

  for (guint i = 0; i < ops->len; i++)
    {
      const RuhuApplyResult *result = &g_array_index (results, RuhuApplyResult, i);
      JsonObject *object;

      if (result->status == RUHU_APPLY_APPLIED || result->status == RUHU_APPLY_DUPLICATE)
        {
          counts[result->status == RUHU_APPLY_DUPLICATE]++;
          continue;
        }
      object = describe_result (self, rules, g_ptr_array_index (ops, i), result);
      json_object_remove_member (object, "status");
      json_object_set_int_member (object, "index", i);
      json_array_add_object_element (rejected, object);
    }
  json_object_set_int_member (reply, "applied", counts[0]);
  json_object_set_int_member (reply, "duplicate", counts[1]);
  json_object_set_array_member (reply, "rejected", rejected);
  return reply;
}

static JsonObject *
ops_reply (RuhuServer  *self,
           RuhuRules   *rules,
           GPtrArray   *ops,
           GArray      *results)
{
  JsonObject *reply = json_object_new ();
  JsonArray *replies = json_array_sized_new (ops->len);

  for (guint i = 0; i < ops->len; i++)
    json_array_add_object_element (replies,
                                   describe_result (self, rules, g_ptr_array_index (ops, i),
                                                    &g_array_index (results, RuhuApplyResult, i)));
  json_object_set_array_member (reply, "results", replies);
  return reply;
}

/* Each push has its own rules object: pushes may run on several threads,
 * and the store's lock keeps one batch at a time. */
static JsonObject *
apply_ops (RuhuServer          *self,
           const RuhuPrincipal *who,
           GPtrArray           *ops,
           gboolean             grouped,
           gint64               since,
           GError             **error)
{
  g_autoptr(RuhuScope) scope = ruhu_scope_new (self->directory, who);
  g_autoptr(RuhuRules) rules = ruhu_rules_new ();
  g_autoptr(GArray) results = NULL;
  AuditContext context = { self, who, rules, since, -1 };
  JsonObject *reply;

  ruhu_rules_begin (rules, scope);
  if (!ruhu_store_apply_full (self->store, ops, ruhu_rules_check, rules, before_commit,
                              &context, &results, error))
    return NULL;
  reply = grouped ? grouped_reply (self, rules, ops, results)
                  : ops_reply (self, rules, ops, results);
  if (context.next >= 0)
    json_object_set_int_member (reply, "next", context.next);
  ruhu_rules_end (rules);
  return reply;
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
  gboolean grouped = FALSE;
  gint64 since;

  if (!ruhu_http_require_method (msg, SOUP_METHOD_POST) ||
      (who = ruhu_http_authenticate (msg, self->directory)) == NULL)
    return;
  if (!ruhu_http_query_number (query, "since", -1, 0, G_MAXINT64, &since))
    {
      ruhu_http_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                             _("since must be the device’s pull cursor (0 or more)"));
      return;
    }
  /* A well-formed push of the grouped form is read without a JSON tree;
   * any other body the ordinary way, which says what is wrong with it. */
  ops = ruhu_http_read_grouped_ops (msg, self->config.max_body, "entities",
                                    self->config.max_batch);
  grouped = ops != NULL;
  if (ops == NULL && (body = ruhu_http_parse_body (msg, self->config.max_body)) == NULL)
    return;
  if ((ops == NULL && !read_body (body, self->config.max_batch, &ops, &grouped, &out)) ||
      !check_actors (who, ops, &out) || !check_ops (self, who, ops, &out))
    {
      ruhu_http_reply_object (msg, out.status, out.error);
      json_object_unref (out.error);
      return;
    }
  g_clear_pointer (&body, json_node_unref);  /* the ops hold what they need */

  if ((reply = apply_ops (self, who, ops, grouped, since, &error)) == NULL)
    {
      ruhu_http_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", error->message);
      return;
    }
  ruhu_http_reply_object (msg, SOUP_STATUS_OK, reply);
}
