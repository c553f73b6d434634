/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "http-fixture.h"
#include "ruhu-json.h"
#include "test-util.h"

#define WATCHDOG_SECONDS 20

static const struct
{
  const char *id;
  RuhuRole    role;
  const char *place;
} users[] = {
  { "inv", RUHU_ROLE_INVESTIGATOR, TEST_TOWNSHIP },
  { "inv2", RUHU_ROLE_INVESTIGATOR, TEST_TOWNSHIP },
  { "sup", RUHU_ROLE_SUPERVISOR, TEST_TOWNSHIP },
  { "vol", RUHU_ROLE_VOLUNTEER, TEST_VILLAGE_A },
  { "va_a", RUHU_ROLE_VILLAGE_ASSISTANT, TEST_VILLAGE_A },
  { "va_b", RUHU_ROLE_VILLAGE_ASSISTANT, TEST_VILLAGE_B },
};

void
http_fixture_setup (HttpFixture   *f,
                    gconstpointer  data)
{
  RuhuServerConfig config = { .quiet = TRUE, .max_batch = 50, .max_body = 256 * 1024 };
  g_autofree char *data_dir = NULL;
  g_autofree char *key_file = NULL;
  g_autoptr(GError) error = NULL;

  f->tmp = test_make_temp_dir ();
  data_dir = g_build_filename (f->tmp, "data", NULL);
  key_file = g_build_filename (f->tmp, "server.key", NULL);
  ruhu_server_init_data_dir (data_dir, key_file, &error);
  g_assert_no_error (error);

  config.data_dir = data_dir;
  config.key_file = key_file;
  f->server = ruhu_server_new (&config, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    {
      ruhu_directory_add_user (ruhu_server_get_directory (f->server), users[i].id, users[i].id,
                               users[i].role, users[i].place, TEST_PASSWORD, &error);
      g_assert_no_error (error);
    }
  ruhu_server_listen (f->server, "127.0.0.1:0", &error);
  g_assert_no_error (error);
  f->base = g_strdup_printf ("http://127.0.0.1:%u", ruhu_server_get_port (f->server));
  f->session = soup_session_new ();
  f->logins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

void
http_fixture_teardown (HttpFixture   *f,
                       gconstpointer  data)
{
  g_clear_object (&f->session);
  /* Let the server see the client's connections close. */
  for (guint i = 0; i < 20; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
  ruhu_server_shutdown (f->server);
  g_assert_finalize_object (f->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  test_remove_tree (f->tmp);
  g_free (f->tmp);
  g_free (f->base);
  g_hash_table_unref (f->logins);
}

static gboolean
watchdog_cb (gpointer user_data)
{
  g_error ("The request %s did not finish in %d seconds", (const char *) user_data,
           WATCHDOG_SECONDS);
  return G_SOURCE_REMOVE;
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GBytes **bytes = user_data;
  g_autoptr(GError) error = NULL;

  *bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
}

/**
 * http_send:
 * @what: what the watchdog names if no answer comes
 *
 * Sends @msg on @session and runs the main loop (where the server answers)
 * until the answer is read.
 *
 * Returns: (transfer full): the answer's body, as it came
 */
GBytes *
http_send (SoupSession *session,
           SoupMessage *msg,
           const char  *what)
{
  GBytes *bytes = NULL;
  guint watchdog = g_timeout_add_seconds (WATCHDOG_SECONDS, watchdog_cb, (gpointer) what);

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, &bytes);
  while (bytes == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (watchdog);
  return bytes;
}

/**
 * http_request:
 * @token: (nullable): a bearer token
 * @body: (nullable): a JSON body
 *
 * Sends one request and iterates the main context until the answer is
 * read; a watchdog fails the test instead of hanging.
 */
Reply *
http_request (HttpFixture *f,
              const char  *method,
              const char  *path,
              const char  *token,
              const char  *body)
{
  g_autofree char *url = g_strconcat (f->base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) bytes = NULL;
  Reply *reply = g_new0 (Reply, 1);

  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    value);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }
  bytes = http_send (f->session, msg, path);
  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  reply->body = ruhu_json_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL,
                                 NULL);
  return reply;
}

void
reply_free (Reply *reply)
{
  g_clear_pointer (&reply->body, json_node_unref);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_free (reply);
}

/* A string member of the reply's object, or NULL. */
const char *
reply_string (Reply      *reply,
              const char *member)
{
  g_assert_nonnull (reply->body);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->body));
  return json_object_get_string_member_with_default (json_node_get_object (reply->body), member,
                                                     NULL);
}

char *
http_login (HttpFixture *f,
            const char  *user,
            const char  *device)
{
  g_autofree char *body = g_strdup_printf ("{\"user\":\"%s\",\"password\":\"%s\",\"device\":\"%s\"}",
                                           user, TEST_PASSWORD, device);
  g_autoptr(Reply) reply = http_request (f, "POST", "/api/v1/session", NULL, body);

  g_assert_cmpuint (reply->status, ==, 200);
  g_hash_table_insert (f->logins, g_strdup (device), g_strdup (user));
  return g_strdup (reply_string (reply, "token"));
}

/**
 * make_op_as:
 * @actor: the user the operation names
 * @parent: (nullable): the parent entity
 * @value_json: the value, as JSON text
 *
 * Returns: an operation as JSON text, with a fresh id and version
 */
char *
make_op_as (HttpFixture *f,
            const char  *actor,
            const char  *entity,
            const char  *kind,
            const char  *kase,
            const char  *parent,
            const char  *field,
            const char  *value_json,
            const char  *device)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *parent_json = parent ? g_strdup_printf ("\"%s\"", parent) : g_strdup ("null");
  gint64 now = g_get_real_time () / 1000;

  return g_strdup_printf ("{\"id\":\"%s\",\"entity\":\"%s\",\"kind\":\"%s\",\"case\":\"%s\","
                          "\"parent\":%s,\"field\":\"%s\",\"value\":%s,"
                          "\"v\":\"%012" G_GINT64_MODIFIER "x.%04x@%s\",\"bases\":[],"
                          "\"actor\":\"%s\",\"device\":\"%s\"}",
                          id, entity, kind, kase, parent_json, field, value_json,
                          now, f->counter++ & 0xffff, device, actor, device);
}

/* An operation by the user logged in on @device, as a device writes them;
 * see make_op_as(). */
char *
make_op (HttpFixture *f,
         const char  *entity,
         const char  *kind,
         const char  *kase,
         const char  *parent,
         const char  *field,
         const char  *value_json,
         const char  *device)
{
  const char *actor = g_hash_table_lookup (f->logins, device);

  g_assert_nonnull (actor);  /* log in on @device first */
  return make_op_as (f, actor, entity, kind, kase, parent, field, value_json, device);
}

/* {"ops":[…]} from operations made by make_op(); takes them. */
char *
make_push (const char *first_op,
           ...)
{
  g_autoptr(GString) text = g_string_new ("{\"ops\":[");
  va_list args;

  va_start (args, first_op);
  for (char *op = (char *) first_op; op != NULL; op = va_arg (args, char *))
    {
      if (op != first_op)
        g_string_append_c (text, ',');
      g_string_append (text, op);
      g_free (op);
    }
  va_end (args);
  g_string_append (text, "]}");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Pushes @body (taken) and expects 200. */
JsonArray *
push_results (HttpFixture *f,
              const char  *token,
              char        *body)
{
  g_autoptr(Reply) reply = http_request (f, "POST", "/api/v1/push", token, body);

  g_free (body);
  g_assert_cmpuint (reply->status, ==, 200);
  return json_array_ref (json_object_get_array_member (json_node_get_object (reply->body),
                                                       "results"));
}

static void
assert_pull_headers (Reply    *reply,
                     gint64    next,
                     gboolean  more)
{
  g_autofree char *next_text = g_strdup_printf ("%" G_GINT64_FORMAT, next);

  g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Ruhu-Next"), ==, next_text);
  g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Ruhu-More"), ==,
                   more ? "true" : "false");
}

/* Every op the caller may see, through as many pages as it takes. */
JsonArray *
pull_all (HttpFixture *f,
          const char  *token)
{
  JsonArray *all = json_array_new ();
  gint64 since = 0;
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/pull?since=%" G_GINT64_FORMAT "&limit=7",
                                               since);
      g_autoptr(Reply) reply = http_request (f, "GET", path, token, NULL);
      JsonObject *object;
      JsonArray *ops;

      g_assert_cmpuint (reply->status, ==, 200);
      object = json_node_get_object (reply->body);
      ops = json_object_get_array_member (object, "ops");
      for (guint i = 0; i < json_array_get_length (ops); i++)
        json_array_add_element (all, json_node_copy (json_array_get_element (ops, i)));
      since = json_object_get_int_member (object, "next");
      more = json_object_get_boolean_member (object, "more");
      /* The headers say the same, for a client that asks for the next
       * page before it has read this one. */
      assert_pull_headers (reply, since, more);
    }
  return all;
}

gboolean
pulled_field (JsonArray  *ops,
              const char *entity,
              const char *field)
{
  for (guint i = 0; i < json_array_get_length (ops); i++)
    {
      JsonObject *op = json_array_get_object_element (ops, i);

      if (g_str_equal (json_object_get_string_member (op, "entity"), entity) &&
          g_str_equal (json_object_get_string_member (op, "field"), field))
        return TRUE;
    }
  return FALSE;
}

static void
connected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GSocketConnection **connection = user_data;

  *connection = g_socket_client_connect_to_host_finish (G_SOCKET_CLIENT (source), result, NULL);
  g_assert_nonnull (*connection);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GBytes **bytes = user_data;

  *bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, NULL);
  if (*bytes == NULL)
    *bytes = g_bytes_new (NULL, 0);
}

/**
 * http_raw_connect:
 *
 * Returns: (transfer full): a new connection to the server, on which
 *   @requests (if not %NULL) are being written
 */
GSocketConnection *
http_raw_connect (HttpFixture *f,
                  const char  *requests)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  GSocketConnection *connection = NULL;

  g_socket_client_set_enable_proxy (client, FALSE);
  g_socket_client_connect_to_host_async (client, "127.0.0.1", ruhu_server_get_port (f->server),
                                         NULL, connected_cb, &connection);
  while (connection == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (requests != NULL)
    g_output_stream_write_all_async (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                     requests, strlen (requests), G_PRIORITY_DEFAULT, NULL, NULL,
                                     NULL);
  return connection;
}

/**
 * http_raw_read:
 * @until: (nullable): stop once what was read ends with this
 *
 * Returns: what the server sends on @connection until it closes, or
 *   until @until; a watchdog fails the test if neither comes
 */
char *
http_raw_read (GSocketConnection *connection,
               const char        *until)
{
  GString *answer = g_string_new (NULL);
  guint watchdog = g_timeout_add_seconds (WATCHDOG_SECONDS, watchdog_cb, "A raw exchange");

  while (until == NULL || !g_str_has_suffix (answer->str, until))
    {
      g_autoptr(GBytes) bytes = NULL;

      g_input_stream_read_bytes_async (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                                       4096, G_PRIORITY_DEFAULT, NULL, read_cb, &bytes);
      while (bytes == NULL)
        g_main_context_iteration (NULL, TRUE);
      if (g_bytes_get_size (bytes) == 0)
        break;
      g_string_append_len (answer, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }
  g_source_remove (watchdog);
  return g_string_free (answer, FALSE);
}

/**
 * http_raw_exchange:
 *
 * Writes @requests on one new connection (not waiting for the server to
 * read them all) and returns what comes back until the server closes.
 */
char *
http_raw_exchange (HttpFixture *f,
                   const char  *requests)
{
  g_autoptr(GSocketConnection) connection = http_raw_connect (f, requests);

  return http_raw_read (connection, NULL);
}
