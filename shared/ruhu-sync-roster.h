/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-sync-private.h"

G_BEGIN_DECLS

/* The first steps of a sync, for investigation teams: a supervisor's
 * device fetches the investigators it may assign (ruhu-sync-roster.c), an
 * investigator's the whole history of cases newly assigned to them
 * (ruhu-sync-assigned.c); then the push starts. */
/* What to do with a final answer to one of these steps' requests. */
typedef enum
{
  RUHU_SYNC_TEAM_READ,    /* a 200: read the body */
  RUHU_SYNC_TEAM_SKIP,    /* 403 or 404: go on without it */
  RUHU_SYNC_TEAM_FAILED,  /* the job has failed: do nothing more */
} RuhuSyncTeamAnswer;

void               ruhu_sync_roster_start   (RuhuSyncJob *job);
void               ruhu_sync_assigned_start (RuhuSyncJob *job);
RuhuSyncTeamAnswer ruhu_sync_team_answered  (RuhuSyncJob *job,
                                             guint        status,
                                             JsonNode    *body);

/* The cases whose history this device holds because they were assigned
 * to it: case ids separated by spaces. */
#define RUHU_SYNC_SETTING_FETCHED_CASES "team.fetched_cases"

G_END_DECLS
