/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-roster.h"
#include "ruhu-sync-roster.h"

/* Only the roles that assign teams ask for the roster (the server answers
 * 403 to the others). A roster that cannot be read leaves the one kept
 * before: the rest of the sync matters more than a fresh list. */

static gboolean
role_assigns (RuhuStore *store)
{
  g_autofree char *role = ruhu_store_get_setting (store, RUHU_SYNC_SETTING_ROLE, NULL);

  return g_strcmp0 (role, "supervisor") == 0 || g_strcmp0 (role, "district_officer") == 0;
}

/**
 * ruhu_sync_team_answered:
 *
 * Sorts the final answer to a request of these steps: a server that does
 * not know the resource or refuses it (404, 403: an older server, another
 * role) is passed over; any other failure (an expired token, a server
 * still failing after the retries) ends the sync as it would a push.
 */
RuhuSyncTeamAnswer
ruhu_sync_team_answered (RuhuSyncJob *job,
                         guint        status,
                         JsonNode    *body)
{
  if (status == SOUP_STATUS_OK)
    return RUHU_SYNC_TEAM_READ;
  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_FORBIDDEN)
    {
      g_message ("The server passed over a request of the team sync (HTTP %u)", status);
      return RUHU_SYNC_TEAM_SKIP;
    }
  ruhu_sync_job_fail (job, ruhu_sync_error_from_reply (status, body));
  return RUHU_SYNC_TEAM_FAILED;
}

static void
roster_reply (RuhuSyncJob *job,
              guint        status,
              JsonNode    *body)
{
  g_autoptr(GError) error = NULL;

  switch (ruhu_sync_team_answered (job, status, body))
    {
    case RUHU_SYNC_TEAM_FAILED:
      return;
    case RUHU_SYNC_TEAM_SKIP:
      break;
    case RUHU_SYNC_TEAM_READ:
    default:
      if (body == NULL || !ruhu_roster_save (job->client->store, body, &error))
        g_message ("Could not keep the list of investigators: %s",
                   error != NULL ? error->message : "no answer");
      break;
    }
  ruhu_sync_assigned_start (job);
}

void
ruhu_sync_roster_start (RuhuSyncJob *job)
{
  if (g_task_return_error_if_cancelled (job->task))
    return;
  if (!role_assigns (job->client->store))
    {
      ruhu_sync_assigned_start (job);
      return;
    }
  ruhu_sync_job_send (job, "GET", "/api/v1/roster", NULL, roster_reply);
}
