/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-handler-assigned.h"
#include "ruhu-handlers.h"
#include "ruhu-http.h"
#include "ruhu-id.h"

/* A case assigned to an investigator after their pull cursor went past its
 * history would reach them only from then on. So a device asks which cases
 * are assigned to it (GET /api/v1/assigned) and fetches the whole history
 * of each new one (GET /api/v1/case-feed?case=ID&since=SEQ&limit=N), in
 * pages shaped like the grouped pull. Volunteers, whose pulls leave out
 * sensitive fields, get no case feed. */

#define DEFAULT_LIMIT 1000
#define MAX_LIMIT 5000

void
ruhu_handle_assigned (SoupServer        *server,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query,
                      gpointer           user_data)
{
  RuhuServer *self = user_data;
  g_autoptr(RuhuPrincipal) who = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  if (!ruhu_http_require_method (msg, SOUP_METHOD_GET) ||
      (who = ruhu_http_authenticate (msg, self->directory)) == NULL)
    return;
  if ((cases = ruhu_directory_list_assigned (self->directory, who->user_id, &error)) == NULL)
    {
      ruhu_http_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", error->message);
      return;
    }
  array = json_array_sized_new (cases->len);
  for (guint i = 0; i < cases->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (cases, i));
  reply = json_object_new ();
  json_object_set_array_member (reply, "cases", array);
  ruhu_http_reply_object (msg, SOUP_STATUS_OK, reply);
}

static gboolean
parse_query (GHashTable  *query,
             const char **case_id,
             gint64      *since,
             gint64      *limit)
{
  const char *since_text = query != NULL ? g_hash_table_lookup (query, "since") : NULL;
  const char *limit_text = query != NULL ? g_hash_table_lookup (query, "limit") : NULL;
  guint64 number;

  *case_id = query != NULL ? g_hash_table_lookup (query, "case") : NULL;
  *since = 0;
  *limit = DEFAULT_LIMIT;
  if (*case_id == NULL || !ruhu_id_is_valid (*case_id))
    return FALSE;
  if (since_text != NULL)
    {
      if (!g_ascii_string_to_unsigned (since_text, 10, 0, G_MAXINT64, &number, NULL))
        return FALSE;
      *since = number;
    }
  if (limit_text != NULL)
    {
      if (!g_ascii_string_to_unsigned (limit_text, 10, 1, MAX_LIMIT, &number, NULL))
        return FALSE;
      *limit = number;
    }
  return TRUE;
}

static guint
count_sensitive (RuhuServer *self,
                 GPtrArray  *ops)
{
  guint count = 0;

  for (guint i = 0; i < ops->len; i++)
    {
      RuhuOp *op = g_ptr_array_index (ops, i);
      RuhuForm *form = ruhu_form_set_lookup (self->forms, op->kind);
      RuhuFormField *field = form != NULL ? ruhu_form_lookup_field (form, op->field) : NULL;

      count += field != NULL &&
               ruhu_form_field_get_sensitivity (field) != RUHU_SENSITIVITY_NONE;
    }
  return count;
}

static void
reply_page (RuhuServer          *self,
            SoupServerMessage   *msg,
            const RuhuPrincipal *who,
            const char          *case_id,
            gint64               since,
            gint64               limit)
{
  const char *cases[] = { case_id, NULL };
  g_autoptr(GPtrArray) ops = NULL;
  g_autoptr(GError) error = NULL;
  gint64 next = since;
  gboolean more = FALSE;
  guint n_sensitive;

  ops = ruhu_store_feed_of_cases (self->store, cases, since, G_MAXINT64, limit, NULL, NULL,
                                  &next, &more, &error);
  if (ops == NULL)
    {
      ruhu_http_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", error->message);
      return;
    }
  if ((n_sensitive = count_sensitive (self, ops)) > 0)
    {
      g_autofree char *detail = g_strdup_printf ("case=%s count=%u", case_id, n_sensitive);

      ruhu_server_audit (self, who->user_id, who->device_id, "read-sensitive", who->user_id,
                         detail);
    }
  ruhu_reply_feed_page (msg, "entities", ruhu_op_list_to_groups (ops), next, more);
}

void
ruhu_handle_case_feed (SoupServer        *server,
                       SoupServerMessage *msg,
                       const char        *path,
                       GHashTable        *query,
                       gpointer           user_data)
{
  RuhuServer *self = user_data;
  g_autoptr(RuhuPrincipal) who = NULL;
  g_autoptr(RuhuScope) scope = NULL;
  g_autoptr(GError) error = NULL;
  const char *case_id;
  gint64 since, limit;
  gboolean visible = FALSE;

  if (!ruhu_http_require_method (msg, SOUP_METHOD_GET) ||
      (who = ruhu_http_authenticate (msg, self->directory)) == NULL)
    return;
  if (!parse_query (query, &case_id, &since, &limit))
    {
      ruhu_http_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                             _("case must be a case id, since a cursor (0 or more) and limit "
                               "a number from 1 to 5000"));
      return;
    }
  scope = ruhu_scope_new (self->directory, who);
  if (!ruhu_scope_case_visible (scope, case_id, &visible, &error))
    {
      ruhu_http_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", error->message);
      return;
    }
  if (!visible || who->role == RUHU_ROLE_VOLUNTEER)
    {
      ruhu_http_reply_error (msg, SOUP_STATUS_FORBIDDEN, "forbidden",
                             _("This case is not yours to fetch"));
      return;
    }
  reply_page (self, msg, who, case_id, since, limit);
}
