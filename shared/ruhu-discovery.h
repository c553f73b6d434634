/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-store.h"

G_BEGIN_DECLS

/* What becomes of a proactive-discovery report: the township turns it into
 * an application made on the household's behalf (代办), or closes it with a
 * reason. Both are written into the report (outcome, outcome_by,
 * outcome_at), so the decision syncs like any other edit. */

#define RUHU_DISCOVERY_ERROR (ruhu_discovery_error_quark ())

typedef enum
{
  RUHU_DISCOVERY_ERROR_NO_REPORT,       /* the case has no discovery report */
  RUHU_DISCOVERY_ERROR_DECIDED,         /* the report already has another outcome */
  RUHU_DISCOVERY_ERROR_REASON_REQUIRED, /* closing needs a reason */
} RuhuDiscoveryError;

#define RUHU_DISCOVERY_OUTCOME_APPLICATION "application"
#define RUHU_DISCOVERY_OUTCOME_CLOSED      "closed"

GQuark    ruhu_discovery_error_quark       (void);

char     *ruhu_discovery_find_report       (RuhuStore   *store,
                                            const char  *case_id,
                                            GError     **error);
gboolean  ruhu_discovery_make_application  (RuhuStore   *store,
                                            const char  *case_id,
                                            const char  *actor,
                                            GError     **error);
gboolean  ruhu_discovery_close             (RuhuStore   *store,
                                            const char  *case_id,
                                            const char  *reason,
                                            const char  *actor,
                                            GError     **error);

G_END_DECLS
