/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ruhu-device.h"

G_BEGIN_DECLS

/* The store work of the assign dialog, on a worker thread: reading the
 * roster and the case's current team, and writing a new team. */

typedef struct
{
  GPtrArray *roster;     /* RuhuRosterEntry*, as the last sync brought it */
  GStrv      team;       /* nullable: the current team's user ids */
  char      *household;  /* nullable: the case's household entity */
  char      *head_name;  /* nullable: the household head's name */
} RuhuAssignState;

void             ruhu_assign_state_free   (RuhuAssignState     *state);

void             ruhu_assign_load_async   (RuhuDevice          *device,
                                           const char          *case_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
RuhuAssignState *ruhu_assign_load_finish  (GAsyncResult        *result,
                                           GError             **error);
void             ruhu_assign_write_async  (RuhuDevice          *device,
                                           const char          *case_id,
                                           const char          *household,
                                           const char * const  *team,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean         ruhu_assign_write_finish (GAsyncResult        *result,
                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuAssignState, ruhu_assign_state_free)

G_END_DECLS
