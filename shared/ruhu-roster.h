/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "ruhu-store.h"

G_BEGIN_DECLS

/* The investigators a supervisor may assign (GET /api/v1/roster), kept in
 * the store's settings by each sync so that assigning works offline. */

#define RUHU_ROSTER_SETTING "team.roster"

typedef struct
{
  char *user_id;
  char *name;
  char *place;   /* the investigator's division code (a township's, usually) */
} RuhuRosterEntry;

void       ruhu_roster_entry_free (RuhuRosterEntry  *entry);
GPtrArray *ruhu_roster_from_json  (JsonNode         *body,
                                   GError          **error);
gboolean   ruhu_roster_save       (RuhuStore        *store,
                                   JsonNode         *body,
                                   GError          **error);
GPtrArray *ruhu_roster_load       (RuhuStore        *store,
                                   GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuRosterEntry, ruhu_roster_entry_free)

G_END_DECLS
