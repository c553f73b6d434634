/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "devices-fixture.h"
#include "ruhu-assignment.h"
#include "ruhu-roster.h"
#include "test-async.h"
#include "test-util.h"
#include "test-workflow-case.h"

/* Investigation teams through an in-process server on 127.0.0.1: the
 * supervisor's device fetches the roster, assigns a case of township A to
 * investigators of A and B, and the team's devices receive the case at
 * their next sync, even one whose pull cursor had gone past the case. */

#define TOWNSHIP_A "500109001"
#define TOWNSHIP_B "500109002"
#define VILLAGE_A  "500109001001"
#define ELSEWHERE  "500110001"

typedef struct
{
  LocalServer local;
  Device      supervisor;   /* of A */
  Device      inv_a;        /* an investigator of A */
  Device      inv_b;        /* an investigator of B */
  Device      inv_b2;       /* another investigator of B, never on the team */
  Device      volunteer;    /* of A's village */
  char       *case_id;
  char       *household;
} Fixture;

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) village = test_text (VILLAGE_A);
  g_autoptr(RuhuOp) op = NULL;

  local_server_start (&fx->local);
  local_server_add_user (&fx->local, "sup", RUHU_ROLE_SUPERVISOR, TOWNSHIP_A);
  local_server_add_user (&fx->local, "inv.a", RUHU_ROLE_INVESTIGATOR, TOWNSHIP_A);
  local_server_add_user (&fx->local, "inv.b", RUHU_ROLE_INVESTIGATOR, TOWNSHIP_B);
  local_server_add_user (&fx->local, "inv.b2", RUHU_ROLE_INVESTIGATOR, TOWNSHIP_B);
  local_server_add_user (&fx->local, "inv.far", RUHU_ROLE_INVESTIGATOR, ELSEWHERE);
  local_server_add_user (&fx->local, "vol", RUHU_ROLE_VOLUNTEER, VILLAGE_A);
  local_server_listen (&fx->local);
  device_init (&fx->supervisor, fx->local.url, "sup", NULL, NULL);
  device_init (&fx->inv_a, fx->local.url, "inv.a", NULL, NULL);
  device_init (&fx->inv_b, fx->local.url, "inv.b", NULL, NULL);
  device_init (&fx->inv_b2, fx->local.url, "inv.b2", NULL, NULL);
  device_init (&fx->volunteer, fx->local.url, "vol", NULL, NULL);

  /* The household is the case's root: its id is the case's. */
  fx->case_id = test_case_new (fx->supervisor.store, "urban_dibao", "2025-09-01");
  fx->household = g_strdup (fx->case_id);
  op = ruhu_store_write (fx->supervisor.store, fx->household, "household", fx->case_id, NULL,
                         "village_code", village, fx->supervisor.user, &error);
  g_assert_no_error (error);
  g_assert_nonnull (op);
  /* Everyone syncs once: the cursors of B's investigators pass the case. */
  device_sync (&fx->supervisor);
  device_sync (&fx->inv_a);
  device_sync (&fx->inv_b);
  device_sync (&fx->inv_b2);
  device_sync (&fx->volunteer);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  device_clear (&fx->supervisor);
  device_clear (&fx->inv_a);
  device_clear (&fx->inv_b);
  device_clear (&fx->inv_b2);
  device_clear (&fx->volunteer);
  local_server_stop (&fx->local);
  g_free (fx->case_id);
  g_free (fx->household);
}

static void
write_field (Device     *device,
             const char *entity,
             Fixture    *fx,
             const char *field,
             JsonNode   *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuOp) op = ruhu_store_write (device->store, entity, RUHU_ASSIGNMENT_KIND,
                                           fx->case_id, fx->household, field, value,
                                           device->user, &error);

  g_assert_no_error (error);
  g_assert_nonnull (op);
}

/* A new team written on @device as the assign dialog writes it; returns
 * the assignment's entity. */
static char *
assign (Device             *device,
        Fixture            *fx,
        const char * const *team)
{
  char *entity = g_uuid_string_random ();
  g_autoptr(JsonNode) value = ruhu_assignment_team_value (team);
  g_autoptr(JsonNode) by = test_text (device->user);
  g_autoptr(JsonNode) at = test_text ("2025-09-03T09:00:00+08:00");

  write_field (device, entity, fx, RUHU_ASSIGNMENT_INVESTIGATORS, value);
  write_field (device, entity, fx, RUHU_ASSIGNMENT_BY, by);
  write_field (device, entity, fx, RUHU_ASSIGNMENT_AT, at);
  return entity;
}

/* Whether @store holds @entity at all. */
static gboolean
holds_entity (RuhuStore  *store,
              const char *entity)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuEntityInfo) info = ruhu_store_get_entity (store, entity, &error);

  if (g_error_matches (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_NO_SUCH_ENTITY))
    return FALSE;
  g_assert_no_error (error);
  return info != NULL;
}

static gboolean
has_case (Device  *device,
          Fixture *fx)
{
  return holds_entity (device->store, fx->household);
}

static gboolean
server_assigned (Fixture    *fx,
                 const char *user)
{
  g_autoptr(GError) error = NULL;
  gboolean assigned = FALSE;

  g_assert_true (ruhu_directory_is_assigned (ruhu_server_get_directory (fx->local.server),
                                             fx->case_id, user, &assigned, &error));
  g_assert_no_error (error);
  return assigned;
}

static guint
n_rejections (Device *device)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rejections = ruhu_store_list_rejections (device->store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < rejections->len; i++)
    {
      RuhuRejection *rejection = g_ptr_array_index (rejections, i);

      g_test_message ("%s: %s.%s rejected: %s", device->user, rejection->op->kind,
                      rejection->op->field, rejection->reason);
      g_assert_cmpstr (rejection->reason, !=, "");
    }
  return rejections->len;
}

static void
assert_team (Device             *device,
             Fixture            *fx,
             const char * const *expected)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) team = ruhu_assignment_current_team (device->store, fx->case_id, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstrv (team, expected);
}

static guint
roster_status (Fixture *fx,
               Device  *device)
{
  g_autofree char *token = ruhu_store_get_setting (device->store, RUHU_SYNC_SETTING_TOKEN, NULL);
  g_autofree char *uri = g_strconcat (fx->local.url, "/api/v1/roster", NULL);
  g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new ("GET", uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                bearer);
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL,
                                    test_async_result_cb, &result);
  body = soup_session_send_and_read_finish (session, test_async_wait (&result, 30, "the roster"),
                                            &error);
  g_assert_no_error (error);
  return soup_message_get_status (message);
}

static void
test_roster (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roster = ruhu_roster_load (fx->supervisor.store, &error);
  g_autoptr(GPtrArray) none = ruhu_roster_load (fx->inv_a.store, &error);
  const char *expected[][2] = {
    { "inv.a", TOWNSHIP_A }, { "inv.b", TOWNSHIP_B }, { "inv.b2", TOWNSHIP_B },
  };

  /* The district's investigators, by township: no supervisor, volunteer
   * or investigator of another district. */
  g_assert_no_error (error);
  g_assert_cmpuint (roster->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < roster->len; i++)
    {
      RuhuRosterEntry *entry = g_ptr_array_index (roster, i);

      g_assert_cmpstr (entry->user_id, ==, expected[i][0]);
      g_assert_cmpstr (entry->name, ==, expected[i][0]);
      g_assert_cmpstr (entry->place, ==, expected[i][1]);
    }
  g_assert_cmpuint (none->len, ==, 0);

  g_assert_cmpuint (roster_status (fx, &fx->supervisor), ==, SOUP_STATUS_OK);
  g_assert_cmpuint (roster_status (fx, &fx->inv_a), ==, SOUP_STATUS_FORBIDDEN);
  g_assert_cmpuint (roster_status (fx, &fx->volunteer), ==, SOUP_STATUS_FORBIDDEN);
}

static void
test_team_reaches_tablets (Fixture       *fx,
                           gconstpointer  data)
{
  const char * const team[] = { "inv.a", "inv.b", NULL };
  const char * const next_team[] = { "inv.a", "inv.b2", NULL };
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_assert_false (has_case (&fx->inv_b, fx));
  first = assign (&fx->supervisor, fx, team);
  device_sync (&fx->supervisor);
  g_assert_cmpuint (n_rejections (&fx->supervisor), ==, 0);
  g_assert_true (server_assigned (fx, "inv.b"));

  /* B's investigator gets the whole case, household and team. */
  device_sync (&fx->inv_b);
  g_assert_true (has_case (&fx->inv_b, fx));
  assert_team (&fx->inv_b, fx, team);
  device_sync (&fx->inv_b2);
  g_assert_false (has_case (&fx->inv_b2, fx));

  /* A later team replaces it: inv.b loses the case from then on. */
  second = assign (&fx->supervisor, fx, next_team);
  device_sync (&fx->supervisor);
  g_assert_cmpuint (n_rejections (&fx->supervisor), ==, 0);
  g_assert_false (server_assigned (fx, "inv.b"));
  g_assert_true (server_assigned (fx, "inv.b2"));
  device_sync (&fx->inv_b2);
  g_assert_true (has_case (&fx->inv_b2, fx));
  assert_team (&fx->inv_b2, fx, next_team);
  {
    g_autoptr(JsonNode) value = test_text ("Changed after the team changed");
    g_autoptr(GError) error = NULL;
    g_autoptr(RuhuOp) op = ruhu_store_write (fx->inv_b.store, fx->household, "household",
                                             fx->case_id, NULL, "head_name", value, "inv.b",
                                             &error);

    g_assert_no_error (error);
    device_sync (&fx->inv_b);
    g_assert_cmpuint (n_rejections (&fx->inv_b), ==, 1);
  }
}

/* What nobody but a supervisor may do, and teams no supervisor may form:
 * each is rejected with a reason, and the server stores and records none. */
static void
test_others_rejected (Fixture       *fx,
                      gconstpointer  data)
{
  const char * const team[] = { "inv.a", "inv.b", NULL };
  const char * const alone[] = { "inv.a", NULL };
  const char * const far[] = { "inv.a", "inv.far", NULL };
  RuhuStore *server = ruhu_server_get_store (fx->local.server);
  struct
  {
    Device             *device;
    const char * const *team;
  } attempts[] = {
    { &fx->inv_a, team },
    { &fx->volunteer, team },
    { &fx->supervisor, alone },
    { &fx->supervisor, far },
  };

  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    {
      g_autofree char *entity = assign (attempts[i].device, fx, attempts[i].team);
      guint before = n_rejections (attempts[i].device);

      device_sync (attempts[i].device);
      g_assert_cmpuint (n_rejections (attempts[i].device), >, before);
      g_assert_false (holds_entity (server, entity));
    }
  g_assert_false (server_assigned (fx, "inv.a"));
  g_assert_false (server_assigned (fx, "inv.b"));
  g_assert_false (server_assigned (fx, "inv.far"));
  device_sync (&fx->inv_b);
  g_assert_false (has_case (&fx->inv_b, fx));
}

/* A team the rules accept but the store then refuses (here for its
 * clock, two days ahead of the server's) never reaches the directory. */
static void
test_refused_team_not_recorded (Fixture       *fx,
                                gconstpointer  data)
{
  const char * const team[] = { "inv.a", "inv.b", NULL };
  gint64 ahead_ms = g_get_real_time () / 1000 + 2 * RUHU_HLC_DEFAULT_MAX_DRIFT_MS;
  g_autofree char *entity = NULL;
  guint before = n_rejections (&fx->supervisor);

  test_set_fake_clock (fx->supervisor.store, &ahead_ms);
  entity = assign (&fx->supervisor, fx, team);
  device_sync (&fx->supervisor);
  g_assert_cmpuint (n_rejections (&fx->supervisor), >, before);
  g_assert_false (holds_entity (ruhu_server_get_store (fx->local.server), entity));
  g_assert_false (server_assigned (fx, "inv.b"));
  device_sync (&fx->inv_b);
  g_assert_false (has_case (&fx->inv_b, fx));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/ruhu/assign/roster", Fixture, NULL, fixture_setup, test_roster,
              fixture_teardown);
  g_test_add ("/ruhu/assign/team-reaches-tablets", Fixture, NULL, fixture_setup,
              test_team_reaches_tablets, fixture_teardown);
  g_test_add ("/ruhu/assign/others-rejected", Fixture, NULL, fixture_setup,
              test_others_rejected, fixture_teardown);
  g_test_add ("/ruhu/assign/refused-team-not-recorded", Fixture, NULL, fixture_setup,
              test_refused_team_not_recorded, fixture_teardown);
  return g_test_run ();
}
