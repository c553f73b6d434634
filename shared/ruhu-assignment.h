/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "ruhu-store.h"

G_BEGIN_DECLS

/* A case's investigation team (data/forms/assignment.json): an entity of
 * kind "assignment" under the household, whose "investigators" field names
 * two or more user ids. Of all the case's assignments, the one whose
 * "investigators" has the greatest version is the current team. */

#define RUHU_ASSIGNMENT_KIND          "assignment"
#define RUHU_ASSIGNMENT_INVESTIGATORS "investigators"
#define RUHU_ASSIGNMENT_BY            "assigned_by"
#define RUHU_ASSIGNMENT_AT            "assigned_at"

/* A team has at least this many investigators. */
#define RUHU_ASSIGNMENT_MIN_TEAM 2

GStrv     ruhu_assignment_parse_team   (JsonNode           *value);
JsonNode *ruhu_assignment_team_value   (const char * const *user_ids);
GStrv     ruhu_assignment_current_team (RuhuStore          *store,
                                        const char         *case_id,
                                        char              **version,
                                        GError            **error);

G_END_DECLS
