/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ruhu-device.h"

G_BEGIN_DECLS

/* On the case page of a case opened by a proactive-discovery report: the
 * township's decision on the report. Before it, supervisors and village
 * assistants may turn the report into an application (代办) or close it
 * with a reason; after it, who decided what, when, and why. Hidden for
 * cases without a report. */
#define RUHU_TYPE_DISCOVERY_ACTIONS (ruhu_discovery_actions_get_type ())
G_DECLARE_FINAL_TYPE (RuhuDiscoveryActions, ruhu_discovery_actions, RUHU, DISCOVERY_ACTIONS,
                      AdwBin)

RuhuDiscoveryActions *ruhu_discovery_actions_new              (RuhuDevice           *device);
void                  ruhu_discovery_actions_set_case         (RuhuDiscoveryActions *self,
                                                               const char           *case_id);
gboolean              ruhu_discovery_actions_make_application (RuhuDiscoveryActions *self);
gboolean              ruhu_discovery_actions_close            (RuhuDiscoveryActions *self,
                                                               const char           *reason);

G_END_DECLS
