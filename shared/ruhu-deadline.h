/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "ruhu-calendar.h"

G_BEGIN_DECLS

/**
 * RuhuDeadlineKind:
 * @RUHU_DEADLINE_ACCEPTANCE: accept (受理) within 2 working days of the
 *   application; starts from the application date
 * @RUHU_DEADLINE_INVESTIGATION_START: start the investigation within 2
 *   working days of acceptance; starts from the acceptance date
 * @RUHU_DEADLINE_INITIAL_REVIEW: initial review (初审) within 2 working days
 *   after the investigation; starts from the day the investigation ended
 * @RUHU_DEADLINE_REPORT: report the initial review within 25 working days of
 *   acceptance, not counting working days inside public-notice periods;
 *   starts from the acceptance date
 * @RUHU_DEADLINE_REPORT_EXTENDED: the same with 40 working days, for an
 *   objection, a split household, an application outside the hukou place or a
 *   hard investigation
 * @RUHU_DEADLINE_REFUSAL_DELIVERY: deliver a written refusal within 3 working
 *   days; starts from the date of the decision
 *
 * The case deadlines counted in working days. Each is due on the N-th
 * working day strictly after its start date (see
 * ruhu_calendar_add_working_days()) and is met if the step is done on or
 * before that day.
 */
typedef enum
{
  RUHU_DEADLINE_ACCEPTANCE,
  RUHU_DEADLINE_INVESTIGATION_START,
  RUHU_DEADLINE_INITIAL_REVIEW,
  RUHU_DEADLINE_REPORT,
  RUHU_DEADLINE_REPORT_EXTENDED,
  RUHU_DEADLINE_REFUSAL_DELIVERY,
} RuhuDeadlineKind;

/**
 * RuhuNoticeKind:
 * @RUHU_NOTICE_INITIAL: the public notice (公示) after the initial review,
 *   7 calendar days
 * @RUHU_NOTICE_AFTER_OBJECTION: the new notice after an objection and
 *   re-investigation, 3 calendar days
 */
typedef enum
{
  RUHU_NOTICE_INITIAL,
  RUHU_NOTICE_AFTER_OBJECTION,
} RuhuNoticeKind;

/**
 * RuhuNoticePeriod:
 * @first: the first day the notice is posted
 * @last: the last day it is posted, inclusive
 *
 * A public-notice period, both ends inclusive.
 */
typedef struct
{
  GDate first;
  GDate last;
} RuhuNoticePeriod;

/**
 * RuhuDeadlineState:
 * @RUHU_DEADLINE_STATE_ON_TRACK: more than %RUHU_DEADLINE_DUE_SOON_WORKING_DAYS
 *   working days left
 * @RUHU_DEADLINE_STATE_DUE_SOON: 0 to %RUHU_DEADLINE_DUE_SOON_WORKING_DAYS
 *   working days left after today, and the due date is still ahead
 * @RUHU_DEADLINE_STATE_DUE_TODAY: today is the due date
 * @RUHU_DEADLINE_STATE_OVERDUE: the due date has passed
 */
typedef enum
{
  RUHU_DEADLINE_STATE_ON_TRACK,
  RUHU_DEADLINE_STATE_DUE_SOON,
  RUHU_DEADLINE_STATE_DUE_TODAY,
  RUHU_DEADLINE_STATE_OVERDUE,
} RuhuDeadlineState;

#define RUHU_DEADLINE_DUE_SOON_WORKING_DAYS 2

/**
 * RuhuDeadlineStatus:
 * @state: where the deadline stands
 * @working_days: working days left strictly after today up to and including
 *   the due date; when overdue, the working days strictly after the due date
 *   up to and including today, as a positive number (0 on a weekend right
 *   after a Friday deadline)
 * @calendar_days: calendar days from today to the due date, negative when
 *   overdue
 */
typedef struct
{
  RuhuDeadlineState state;
  int               working_days;
  int               calendar_days;
} RuhuDeadlineStatus;

int      ruhu_deadline_kind_working_days         (RuhuDeadlineKind          kind);
gboolean ruhu_deadline_compute                   (RuhuCalendar             *calendar,
                                                  RuhuDeadlineKind          kind,
                                                  const GDate              *start,
                                                  const RuhuNoticePeriod   *notices,
                                                  gsize                     n_notices,
                                                  GDate                    *due,
                                                  GError                  **error);
gboolean ruhu_deadline_get_status                (RuhuCalendar             *calendar,
                                                  const GDate              *due,
                                                  const GDate              *today,
                                                  RuhuDeadlineStatus       *status,
                                                  GError                  **error);

int      ruhu_notice_kind_days                   (RuhuNoticeKind            kind);
void     ruhu_notice_period_init                 (RuhuNoticePeriod         *period,
                                                  RuhuNoticeKind            kind,
                                                  const GDate              *first);

#define RUHU_EXISTENCE_CHECK_MONTHS 3

void     ruhu_deadline_next_existence_check      (const GDate              *last_check,
                                                  GDate                    *due);

G_END_DECLS
