/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ruhu-calendar.h"
#include "ruhu-deadline.h"
#include "ruhu-store.h"
#include "ruhu-workflow.h"

G_BEGIN_DECLS

/* How many trailing characters of each member's ID number are kept for
 * searching: enough for the usual "last four", never the birth date. */
#define RUHU_CASE_ID_TAIL 4

/**
 * RuhuCaseInfo:
 * @case_id: the case (its household's id)
 * @head_name, @village_name, @township_name: (nullable): as entered
 * @category: (nullable): the category's option value
 * @id_tails: the last %RUHU_CASE_ID_TAIL characters of each member's ID
 *   number, each followed by a space
 * @state: the case's workflow state (ruhu_case_flow_read())
 * @has_application: the household has an application; a household
 *   without one (found by proactive discovery) is %RUHU_CASE_STATE_APPLIED
 *   too, as far as the workflow goes
 * @returned: the last counted step returned the case to the investigators
 *   with comments
 * @has_deadline: whether @deadline and the fields after it are set
 * @deadline_kind: which deadline comes next
 *   (ruhu_case_flow_next_deadline())
 * @deadline: its due date
 * @deadline_status: where it stands today
 * @assigned_to_me: the user is one of the check sheet's investigators, or
 *   of the case's current assignment (the `assignment` whose
 *   `investigators` has the greatest version)
 * @n_conflicts: open conflicts in the case
 * @n_unsynced: the case's operations waiting in the outbox
 *
 * What a case list shows of a case.
 */
typedef struct
{
  char                 *case_id;
  char                 *head_name;
  char                 *village_name;
  char                 *township_name;
  char                 *category;
  char                 *id_tails;
  RuhuCaseState         state;
  gboolean              has_application;
  gboolean              returned;
  gboolean              has_deadline;
  RuhuCaseDeadlineKind  deadline_kind;
  GDate                 deadline;
  RuhuDeadlineStatus    deadline_status;
  gboolean              assigned_to_me;
  guint                 n_conflicts;
  guint                 n_unsynced;
} RuhuCaseInfo;

/**
 * RuhuCaseIndexOptions:
 * @calendar: the working-day calendar for deadlines
 * @today: (nullable): the date deadlines are measured from; %NULL for the
 *   current local date
 * @actor: (nullable): the user, for "assigned to me"
 */
typedef struct
{
  RuhuCalendar *calendar;
  const GDate  *today;
  const char   *actor;
} RuhuCaseIndexOptions;

GPtrArray *ruhu_case_index_load    (RuhuStore                   *store,
                                    const char                  *case_id,
                                    const RuhuCaseIndexOptions  *options,
                                    GCancellable                *cancellable,
                                    GError                     **error);
void       ruhu_case_index_measure (GPtrArray                   *infos,
                                    RuhuCalendar                *calendar,
                                    const GDate                 *today);
void       ruhu_case_info_free     (RuhuCaseInfo                *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuCaseInfo, ruhu_case_info_free)

G_END_DECLS
