/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-handler-roster.h"
#include "ruhu-handlers.h"
#include "ruhu-http.h"

/* GET /api/v1/roster: the investigators a supervisor or district officer
 * may put on a team. A township supervisor may call on investigators of
 * the neighbouring townships (an investigation team often crosses them),
 * so the roster is the caller's whole district: the first six digits of
 * their place. Revoked users are left out. */

#define DISTRICT_DIGITS 6

static gboolean
may_assign (const RuhuPrincipal *who)
{
  return who->role == RUHU_ROLE_SUPERVISOR || who->role == RUHU_ROLE_DISTRICT_OFFICER;
}

static gboolean
in_district (const char *district,
             const char *place)
{
  return place != NULL && strlen (place) >= DISTRICT_DIGITS &&
         strncmp (place, district, DISTRICT_DIGITS) == 0;
}

static int
compare_by_place (gconstpointer a,
                  gconstpointer b)
{
  const RuhuUserInfo *x = *(RuhuUserInfo * const *) a;
  const RuhuUserInfo *y = *(RuhuUserInfo * const *) b;
  int by_place = strcmp (x->place, y->place);

  return by_place != 0 ? by_place : strcmp (x->user_id, y->user_id);
}

/**
 * ruhu_roster_list_investigators:
 * @who: a supervisor or district officer
 *
 * Returns: (transfer container) (element-type RuhuUserInfo): the
 *   investigators of @who's district who are not revoked, by place and
 *   user name; empty for any other role; %NULL with @error set on failure
 */
GPtrArray *
ruhu_roster_list_investigators (RuhuDirectory        *directory,
                                const RuhuPrincipal  *who,
                                GError              **error)
{
  g_autoptr(GPtrArray) users = ruhu_directory_list_users (directory, error);
  GPtrArray *roster;

  if (users == NULL)
    return NULL;
  roster = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_user_info_free);
  if (!may_assign (who) || strlen (who->place) < DISTRICT_DIGITS)
    return roster;
  for (guint i = 0; i < users->len; i++)
    {
      RuhuUserInfo *info = g_ptr_array_index (users, i);

      if (info->role == RUHU_ROLE_INVESTIGATOR && !info->revoked &&
          in_district (who->place, info->place))
        g_ptr_array_add (roster, g_ptr_array_steal_index (users, i--));
    }
  g_ptr_array_sort (roster, compare_by_place);
  return roster;
}

static JsonObject *
roster_object (GPtrArray *roster)
{
  JsonObject *object = json_object_new ();
  JsonArray *array = json_array_sized_new (roster->len);

  for (guint i = 0; i < roster->len; i++)
    {
      RuhuUserInfo *info = g_ptr_array_index (roster, i);
      JsonObject *entry = json_object_new ();

      json_object_set_string_member (entry, "id", info->user_id);
      json_object_set_string_member (entry, "name", info->name);
      json_object_set_string_member (entry, "place", info->place);
      json_array_add_object_element (array, entry);
    }
  json_object_set_array_member (object, "investigators", array);
  return object;
}

void
ruhu_handle_roster (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  RuhuServer *self = user_data;
  g_autoptr(RuhuPrincipal) who = NULL;
  g_autoptr(GPtrArray) roster = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GError) error = NULL;

  if (!ruhu_http_require_method (msg, SOUP_METHOD_GET) ||
      (who = ruhu_http_authenticate (msg, self->directory)) == NULL)
    return;
  if (!may_assign (who))
    {
      ruhu_http_reply_error (msg, SOUP_STATUS_FORBIDDEN, "forbidden",
                             _("Only supervisors and district officers may see the list of "
                               "investigators"));
      return;
    }
  if ((roster = ruhu_roster_list_investigators (self->directory, who, &error)) == NULL)
    {
      ruhu_http_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", error->message);
      return;
    }
  reply = roster_object (roster);
  ruhu_http_reply_object (msg, SOUP_STATUS_OK, reply);
}
