/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-workflow.h"

G_BEGIN_DECLS

/* Cases after the decision, for the visit schedule and re-check tests:
 * their steps are written as a device receives them from the server,
 * without the guard's evidence, on the days a test needs. */

void  test_aftercare_set      (RuhuStore   *store,
                               const char  *case_id,
                               const char  *entity,
                               const char  *kind,
                               const char  *field,
                               const char  *text);
char *test_aftercare_household (RuhuStore  *store,
                               const char  *category,
                               const char  *head_name,
                               const char  *village_code,
                               const char  *village_name);
void  test_aftercare_step     (RuhuStore   *store,
                               const char  *case_id,
                               RuhuStep     step,
                               const char  *on);
void  test_aftercare_publish  (RuhuStore   *store,
                               const char  *case_id,
                               const char  *on);
void  test_aftercare_visit    (RuhuStore   *store,
                               const char  *case_id,
                               const char  *visited_on);

G_END_DECLS
