/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-handlers.h"
#include "ruhu-directory-townships.h"
#include "ruhu-http.h"

/* GET /api/v1/pull?since=SEQ&limit=N[&format=grouped][&own=0]: the change
 * feed after a cursor, filtered to what the caller may see, as a list of
 * operations or (format=grouped) of groups; own=0 leaves out the versions
 * of the caller's own device, which it already holds. */

#define DEFAULT_LIMIT 1000
#define MAX_LIMIT 5000

/* Feed entries one request may skip over before it answers with what it
 * has: a caller who sees little of a large feed pages through it. */
#define SCAN_FACTOR 10

/* About how many versions a case has (a filled check sheet has 100 to
 * 150): enough to tell which way of reading the feed costs less. */
#define VERSIONS_PER_CASE 150

typedef struct
{
  RuhuServer *self;
  RuhuScope  *scope;
  gboolean    volunteer;
  GHashTable *sensitive_evidence;  /* entity → GINT_TO_POINTER (1 + sensitive) */
  const char *skip_device;  /* nullable: own=0 */
  GPtrArray  *ops;
  guint       n_ops;
  guint       n_sensitive;
  GError     *scope_error;   /* from the case filter, which cannot return one */
} Pull;

static gboolean
parse_format (GHashTable *query,
              gboolean   *grouped)
{
  const char *text = query != NULL ? g_hash_table_lookup (query, "format") : NULL;

  *grouped = g_strcmp0 (text, "grouped") == 0;
  return text == NULL || *grouped;
}

static RuhuSensitivity
field_sensitivity (RuhuServer   *self,
                   const RuhuOp *op)
{
  RuhuForm *form = ruhu_form_set_lookup (self->forms, op->kind);
  RuhuFormField *field = form != NULL ? ruhu_form_lookup_field (form, op->field) : NULL;

  return field != NULL ? ruhu_form_field_get_sensitivity (field) : RUHU_SENSITIVITY_NONE;
}

/* Evidence shows what its category says: an ID card photo is as sensitive
 * as the ID number. */
static gboolean
is_sensitive_evidence (Pull         *pull,
                       const RuhuOp *op)
{
  RuhuForm *form;
  RuhuFormField *category;
  g_autoptr(JsonNode) value = NULL;
  gpointer known;
  gboolean sensitive = FALSE;

  if (strcmp (op->kind, "evidence") != 0)
    return FALSE;
  if ((known = g_hash_table_lookup (pull->sensitive_evidence, op->entity)) != NULL)
    return GPOINTER_TO_INT (known) - 1;

  form = ruhu_form_set_lookup (pull->self->forms, op->kind);
  category = form != NULL ? ruhu_form_lookup_field (form, "category") : NULL;
  value = ruhu_store_get_value (pull->self->store, op->entity, "category", NULL);
  if (category != NULL && value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
      json_node_get_value_type (value) == G_TYPE_STRING)
    sensitive = ruhu_form_field_get_option_sensitivity (category,
                                                        json_node_get_string (value)) !=
                RUHU_SENSITIVITY_NONE;
  g_hash_table_insert (pull->sensitive_evidence, g_strdup (op->entity),
                       GINT_TO_POINTER (1 + sensitive));
  return sensitive;
}

static gboolean
add_op (Pull         *pull,
        const RuhuOp *op,
        GError      **error)
{
  gboolean sensitive;

  sensitive = field_sensitivity (pull->self, op) != RUHU_SENSITIVITY_NONE ||
              is_sensitive_evidence (pull, op);
  if (sensitive && pull->volunteer)
    return TRUE;
  pull->n_sensitive += sensitive;
  g_ptr_array_add (pull->ops, ruhu_op_ref ((RuhuOp *) op));
  pull->n_ops++;
  return TRUE;
}

/* Whether the version ends in "@<device>". */
static gboolean
is_from_device (const char *version,
                const char *device)
{
  const char *at = strchr (version, '@');

  return at != NULL && strcmp (at + 1, device) == 0;
}

/* The store asks this before it decrypts a version: the cases the caller
 * may not see, and with own=0 its own versions, cost no decryption or
 * parsing. */
static gboolean
case_visible_cb (const char *case_id,
                 const char *version,
                 gpointer    user_data)
{
  Pull *pull = user_data;
  gboolean visible = FALSE;

  if (pull->scope_error != NULL)
    return FALSE;
  if (pull->skip_device != NULL && is_from_device (version, pull->skip_device))
    return FALSE;
  if (!ruhu_scope_case_visible (pull->scope, case_id, &visible, &pull->scope_error))
    return FALSE;
  return visible;
}

/* Whether @case_id stays in the list of cases to read. */
static gboolean
keep_case (Pull       *pull,
           const char *case_id)
{
  gboolean visible = FALSE;

  return ruhu_scope_case_visible (pull->scope, case_id, &visible, &pull->scope_error) &&
         visible;
}

/* A caller who sees a township's cases of a district's feed: reading only
 * those cases costs less than walking the feed after the cursor, unless
 * the cursor is near its end. Sets @cases to NULL (and returns TRUE) when
 * walking the feed is the cheaper way. */
static gboolean
choose_cases (Pull       *pull,
              gint64      since,
              GPtrArray **cases,
              gint64     *newest,
              GError    **error)
{
  const RuhuPrincipal *who = ruhu_scope_get_principal (pull->scope);
  g_autoptr(GPtrArray) candidates = NULL;

  *cases = NULL;
  if (who->role == RUHU_ROLE_ADMINISTRATOR || who->role == RUHU_ROLE_DISTRICT_OFFICER)
    return TRUE;
  /* The end of the feed first: a push records its cases' places before
   * it commits, so every case with versions up to here is in the list. */
  if (!ruhu_store_newest_seq (pull->self->store, newest, error))
    return FALSE;
  if (*newest - since <= VERSIONS_PER_CASE)  /* near the end: no list needed */
    return TRUE;
  candidates = ruhu_directory_list_candidate_cases (pull->self->directory, who->place,
                                                    who->user_id, error);
  if (candidates == NULL)
    return FALSE;
  if ((gint64) candidates->len * VERSIONS_PER_CASE >= *newest - since)
    return TRUE;
  for (guint i = candidates->len; i-- > 0;)
    if (!keep_case (pull, g_ptr_array_index (candidates, i)))
      g_ptr_array_remove_index_fast (candidates, i);
  if (pull->scope_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&pull->scope_error));
      return FALSE;
    }
  g_ptr_array_add (candidates, NULL);
  *cases = g_steal_pointer (&candidates);
  return TRUE;
}

static gboolean
collect (Pull    *pull,
         gint64   since,
         guint    limit,
         gint64  *next,
         gboolean *more,
         GError  **error)
{
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  gint64 newest = 0;

  if (!choose_cases (pull, since, &cases, &newest, error))
    return FALSE;
  if (cases != NULL)
    page = ruhu_store_feed_of_cases (pull->self->store, (const char * const *) cases->pdata,
                                     since, newest, limit, case_visible_cb, pull, next, more,
                                     error);
  else
    page = ruhu_store_feed_select (pull->self->store, since, limit, limit * SCAN_FACTOR,
                                   case_visible_cb, pull, next, more, error);
  if (page == NULL)
    {
      g_clear_error (&pull->scope_error);
      return FALSE;
    }
  if (pull->scope_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&pull->scope_error));
      return FALSE;
    }
  for (guint i = 0; i < page->len; i++)
    if (!add_op (pull, g_ptr_array_index (page, i), error))
      return FALSE;
  return TRUE;
}

/**
 * ruhu_reply_feed_page:
 * @list: (transfer full): the page's groups or operations
 *
 * Answers a page of the feed: @list as @member, with the cursor and
 * whether more follows (`docs/protocol.md`).
 */
void
ruhu_reply_feed_page (SoupServerMessage *msg,
                      const char        *member,
                      JsonNode          *list,
                      gint64             next,
                      gboolean           more)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_member (object, member, list);
  json_object_set_int_member (object, "next", next);
  json_object_set_boolean_member (object, "more", more);
  ruhu_http_reply_object (msg, SOUP_STATUS_OK, object);
}

static void
reply_pull (SoupServerMessage *msg,
            Pull              *pull,
            gboolean           grouped,
            gint64             next,
            gboolean           more)
{
  g_autofree char *next_text = g_strdup_printf ("%" G_GINT64_FORMAT, next);
  JsonArray *ops;

  /* The same in the headers: a client can ask for the next page before
   * it has read this one (docs/protocol.md). */
  ruhu_http_set_header (msg, "Ruhu-Next", next_text);
  ruhu_http_set_header (msg, "Ruhu-More", more ? "true" : "false");

  if (grouped)
    {
      /* Written straight as text: a page holds thousands of operations. */
      GString *out = g_string_new ("{\"entities\":");
      gsize length;

      ruhu_op_list_write_groups (out, pull->ops);
      g_string_append_printf (out, ",\"more\":%s,\"next\":%" G_GINT64_FORMAT "}",
                              more ? "true" : "false", next);
      length = out->len;
      ruhu_http_reply_json_text (msg, SOUP_STATUS_OK, g_string_free (out, FALSE), length);
      return;
    }
  ops = json_array_sized_new (pull->ops->len);
  for (guint i = 0; i < pull->ops->len; i++)
    json_array_add_element (ops, ruhu_op_to_json (g_ptr_array_index (pull->ops, i)));
  ruhu_reply_feed_page (msg, "ops", json_node_init_array (json_node_alloc (), ops), next, more);
  json_array_unref (ops);
}

void
ruhu_handle_pull (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  RuhuServer *self = user_data;
  g_autoptr(RuhuPrincipal) who = NULL;
  g_autoptr(RuhuScope) scope = NULL;
  g_autoptr(GHashTable) evidence = NULL;
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GError) error = NULL;
  gint64 since, limit, next, own;
  gboolean more, grouped;
  Pull pull = { self };

  if (!ruhu_http_require_method (msg, SOUP_METHOD_GET) ||
      (who = ruhu_http_authenticate (msg, self->directory)) == NULL)
    return;
  if (!ruhu_http_query_number (query, "since", 0, 0, G_MAXINT64, &since) ||
      !ruhu_http_query_number (query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT, &limit) ||
      !ruhu_http_query_number (query, "own", 1, 0, 1, &own) || !parse_format (query, &grouped))
    {
      ruhu_http_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                             _("since must be a cursor (0 or more), limit a number "
                               "from 1 to 5000, own 0 or 1 and format grouped"));
      return;
    }

  pull.scope = scope = ruhu_scope_new (self->directory, who);
  pull.volunteer = who->role == RUHU_ROLE_VOLUNTEER;
  pull.sensitive_evidence = evidence = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                               NULL);
  pull.ops = ops = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_op_unref);
  pull.skip_device = own ? NULL : who->device_id;
  if (!collect (&pull, since, limit, &next, &more, &error))
    {
      ruhu_http_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", error->message);
      return;
    }
  if (pull.n_sensitive > 0)
    {
      g_autofree char *detail = g_strdup_printf ("count=%u since=%" G_GINT64_FORMAT,
                                                 pull.n_sensitive, since);

      ruhu_server_audit (self, who->user_id, who->device_id, "read-sensitive", who->user_id,
                         detail);
    }
  reply_pull (msg, &pull, grouped, next, more);
}
