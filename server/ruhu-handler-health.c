/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-handlers.h"
#include "ruhu-http.h"

/* GET /api/v1/health: no token, nothing read but the version. */
void
ruhu_handle_health (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  g_autoptr(JsonObject) object = NULL;

  if (!ruhu_http_require_method (msg, SOUP_METHOD_GET))
    return;
  object = json_object_new ();
  json_object_set_string_member (object, "status", "ok");
  json_object_set_string_member (object, "version", PACKAGE_VERSION);
  ruhu_http_reply_object (msg, SOUP_STATUS_OK, object);
}
