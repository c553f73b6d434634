/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-store.h"

G_BEGIN_DECLS

/* What becomes of a proactive-discovery report: the township turns it into
 * an application made on the household's behalf (代办), or closes it with a
 * reason. Both are written into the report (outcome, outcome_by,
 * outcome_at), so the decision syncs like any other edit. The application
 * and the head member it may create have ids derived from the report's, so
 * two devices deciding the same report offline write the same entities. */

#define RUHU_DISCOVERY_ERROR (ruhu_discovery_error_quark ())

typedef enum
{
  RUHU_DISCOVERY_ERROR_NO_REPORT,       /* the case has no discovery report */
  RUHU_DISCOVERY_ERROR_DECIDED,         /* the report already has another outcome */
  RUHU_DISCOVERY_ERROR_REASON_REQUIRED, /* closing needs a reason */
} RuhuDiscoveryError;

#define RUHU_DISCOVERY_OUTCOME_APPLICATION "application"
#define RUHU_DISCOVERY_OUTCOME_CLOSED      "closed"

/* The report's outcome over all its current versions: two devices that
 * decided differently offline leave it contested until someone resolves
 * the conflict on the `outcome` field. */
typedef enum
{
  RUHU_DISCOVERY_UNDECIDED,
  RUHU_DISCOVERY_APPLIED,    /* turned into an application */
  RUHU_DISCOVERY_CLOSED,
  RUHU_DISCOVERY_CONTESTED,  /* both, by different devices */
} RuhuDiscoveryState;

GQuark              ruhu_discovery_error_quark          (void);

char               *ruhu_discovery_find_report          (RuhuStore   *store,
                                                         const char  *case_id,
                                                         GError     **error);
RuhuDiscoveryState  ruhu_discovery_get_state            (RuhuStore   *store,
                                                         const char  *report);
char               *ruhu_discovery_application_id       (const char  *report);
gboolean            ruhu_discovery_make_application     (RuhuStore   *store,
                                                         const char  *case_id,
                                                         const char  *actor,
                                                         GError     **error);
gboolean            ruhu_discovery_make_application_at  (RuhuStore   *store,
                                                         const char  *case_id,
                                                         const char  *actor,
                                                         GDateTime   *at,
                                                         GError     **error);
gboolean            ruhu_discovery_close                (RuhuStore   *store,
                                                         const char  *case_id,
                                                         const char  *reason,
                                                         const char  *actor,
                                                         GError     **error);

G_END_DECLS
