/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-handlers.h"
#include "ruhu-http.h"

/* POST /api/v1/session: log in a user on a device; answers a bearer token,
 * the user's role and place (docs/protocol.md). */

/* A login body is a few short strings; anything larger is not one. */
#define MAX_SESSION_BODY (16 * 1024)

typedef struct
{
  const char *user;
  const char *password;
  const char *device;
  const char *device_name;
  const char *device_key;
} Login;

/* A member that must be a string (or, when optional, absent or null). */
static gboolean
get_string (JsonObject  *object,
            const char  *name,
            gboolean     optional,
            const char **value)
{
  JsonNode *node = json_object_get_member (object, name);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return optional;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  *value = json_node_get_string (node);
  return optional || **value != '\0';
}

static gboolean
read_login (JsonNode *body,
            Login    *login)
{
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (body))
    return FALSE;
  object = json_node_get_object (body);
  return get_string (object, "user", FALSE, &login->user) &&
         get_string (object, "password", FALSE, &login->password) &&
         get_string (object, "device", FALSE, &login->device) &&
         get_string (object, "device_name", TRUE, &login->device_name) &&
         get_string (object, "device_key", TRUE, &login->device_key) &&
         ruhu_is_valid_device_id (login->device);
}

static void
reply_login_error (SoupServerMessage *msg,
                   const GError      *error)
{
  if (g_error_matches (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_BAD_CREDENTIALS) ||
      g_error_matches (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_NO_SUCH_USER))
    ruhu_http_reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "bad_credentials", error->message);
  else if (g_error_matches (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_REVOKED))
    ruhu_http_reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "revoked", error->message);
  else if (g_error_matches (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_INVALID))
    ruhu_http_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_request", error->message);
  else
    ruhu_http_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", error->message);
}

static void
reply_session (SoupServerMessage   *msg,
               const char          *token,
               const RuhuPrincipal *principal)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonObject *user = json_object_new ();

  json_object_set_string_member (user, "id", principal->user_id);
  json_object_set_string_member (user, "name", principal->name);
  json_object_set_string_member (user, "role", ruhu_role_to_string (principal->role));
  json_object_set_string_member (user, "place", principal->place ? principal->place : "");
  json_object_set_string_member (object, "token", token);
  json_object_set_int_member (object, "expires_at", principal->expires_at);
  json_object_set_object_member (object, "user", user);
  json_object_set_int_member (object, "server_time", g_get_real_time () / 1000);
  ruhu_http_reply_object (msg, SOUP_STATUS_OK, object);
}

void
ruhu_handle_session (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  RuhuServer *self = user_data;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(RuhuPrincipal) principal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  Login login = { NULL };

  if (!ruhu_http_require_method (msg, SOUP_METHOD_POST) ||
      (body = ruhu_http_parse_body (msg, MIN (MAX_SESSION_BODY, self->config.max_body))) == NULL)
    return;
  if (!read_login (body, &login))
    {
      ruhu_http_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                             _("A login needs the strings user, password and device"));
      return;
    }
  ruhu_http_set_log_user (msg, login.user);

  token = ruhu_directory_login (self->directory, login.user, login.password, login.device,
                                login.device_name, login.device_key, self->config.token_ttl_s,
                                &principal, &error);
  if (token == NULL)
    {
      ruhu_server_audit (self, login.user, login.device, "login-failed", login.user,
                         error->message);
      reply_login_error (msg, error);
      return;
    }
  ruhu_server_audit (self, principal->user_id, principal->device_id, "login",
                     principal->user_id, login.device_name);
  reply_session (msg, token, principal);
}
