/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-store.h"

G_BEGIN_DECLS

/* Linked aid items (一件事, the "8+X" special assistance): each item the
 * application chooses in `linked_aid` becomes an `aid_task` entity under
 * the household (data/forms/aid_task.json), routed to its department,
 * whose status and result the township records. */

#define RUHU_AID_TASK_KIND "aid_task"

const char *ruhu_aid_item_get_department     (const char   *item);
char       *ruhu_aid_task_make_id            (const char   *case_id,
                                              const char   *item);
GPtrArray  *ruhu_aid_tasks_create_missing    (RuhuStore    *store,
                                              const char   *case_id,
                                              const char   *actor,
                                              GError      **error);

G_END_DECLS
