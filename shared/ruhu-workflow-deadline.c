/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-date.h"
#include "ruhu-workflow-private.h"

/* The next deadline of a case, from its state and the dates of its steps,
 * counted on the official calendar (ruhu-deadline.h). */

/* The most public notices one case collects before someone should look at
 * it; more are ignored for the report deadline. */
#define MAX_NOTICES 8

static gboolean
last_date (const RuhuCaseFlow *flow,
           RuhuStep            step,
           GDate              *date)
{
  const RuhuTransition *transition = ruhu_case_flow_find_last (flow, step);

  return transition != NULL && ruhu_transition_date (transition, date);
}

/* The latest date among the last counted steps of @steps. */
static gboolean
latest_of (const RuhuCaseFlow *flow,
           const RuhuStep     *steps,
           gsize               n_steps,
           GDate              *date)
{
  gboolean found = FALSE;

  for (gsize i = 0; i < n_steps; i++)
    {
      GDate day;

      if (last_date (flow, steps[i], &day) && (!found || g_date_compare (&day, date) > 0))
        {
          *date = day;
          found = TRUE;
        }
    }
  return found;
}

/* The case's public-notice periods: the first lasts 7 days, each later
 * one (after an objection) 3. */
static gsize
collect_notices (const RuhuCaseFlow *flow,
                 RuhuNoticePeriod   *notices)
{
  gsize n = 0;

  for (guint i = 0; i < flow->transitions->len && n < MAX_NOTICES; i++)
    {
      const RuhuTransition *transition = g_ptr_array_index (flow->transitions, i);
      GDate first;

      if (!transition->counted || transition->step != RUHU_STEP_POST_NOTICE ||
          !ruhu_transition_date (transition, &first))
        continue;
      ruhu_notice_period_init (&notices[n], n == 0 ? RUHU_NOTICE_INITIAL :
                                                     RUHU_NOTICE_AFTER_OBJECTION, &first);
      n++;
    }
  return n;
}

static gboolean
working_deadline (RuhuCaseDeadline      *deadline,
                  RuhuCaseDeadlineKind   kind,
                  RuhuCalendar          *calendar,
                  RuhuDeadlineKind       counted,
                  const GDate           *start,
                  const RuhuCaseFlow    *flow,
                  GError               **error)
{
  RuhuNoticePeriod notices[MAX_NOTICES];
  gsize n_notices = collect_notices (flow, notices);

  deadline->kind = kind;
  return ruhu_deadline_compute (calendar, counted, start, notices, n_notices, &deadline->due,
                                error);
}

static void
calendar_deadline (RuhuCaseDeadline     *deadline,
                   RuhuCaseDeadlineKind  kind,
                   const GDate          *due)
{
  if (deadline->kind != RUHU_CASE_DEADLINE_NONE && g_date_compare (&deadline->due, due) <= 0)
    return;
  deadline->kind = kind;
  deadline->due = *due;
}

/* Aliveness checks every 3 months and the periodic review, whichever
 * comes first. */
static void
aftercare_deadline (const RuhuCaseFlow *flow,
                    RuhuCaseDeadline   *deadline)
{
  static const RuhuStep alive_steps[] = { RUHU_STEP_PUBLISH, RUHU_STEP_CONFIRM_ALIVE };
  static const RuhuStep review_steps[] = {
    RUHU_STEP_PUBLISH, RUHU_STEP_CONTINUE, RUHU_STEP_ADJUST,
  };
  const RuhuCategoryRule *cat = &ruhu_category_rules[flow->category];
  GDate since, due;

  if (cat->aliveness && latest_of (flow, alive_steps, G_N_ELEMENTS (alive_steps), &since))
    {
      ruhu_deadline_next_existence_check (&since, &due);
      calendar_deadline (deadline, RUHU_CASE_DEADLINE_ALIVENESS_CHECK, &due);
    }
  if (cat->review_months > 0 && flow->state == RUHU_CASE_STATE_PUBLISHED &&
      latest_of (flow, review_steps, G_N_ELEMENTS (review_steps), &since))
    {
      due = since;
      g_date_add_months (&due, cat->review_months);
      calendar_deadline (deadline, RUHU_CASE_DEADLINE_PERIODIC_REVIEW, &due);
    }
}

static gboolean
find_due (const RuhuCaseFlow  *flow,
          RuhuCalendar        *calendar,
          RuhuCaseDeadline    *deadline,
          GError             **error)
{
  RuhuNoticePeriod notices[MAX_NOTICES];
  const RuhuTransition *request;
  GDate start;

  switch (flow->state)
    {
    case RUHU_CASE_STATE_APPLIED:
      if (!last_date (flow, RUHU_STEP_SUPPLY_MATERIALS, &start))
        {
          if (!g_date_valid (&flow->applied_on))
            return TRUE;
          start = flow->applied_on;
        }
      return working_deadline (deadline, RUHU_CASE_DEADLINE_ACCEPTANCE, calendar,
                               RUHU_DEADLINE_ACCEPTANCE, &start, flow, error);
    case RUHU_CASE_STATE_INCOMPLETE:
      request = ruhu_case_flow_find_last (flow, RUHU_STEP_REQUEST_MATERIALS);
      if (request != NULL && request->due_on != NULL && ruhu_date_parse (request->due_on, &start))
        calendar_deadline (deadline, RUHU_CASE_DEADLINE_MATERIALS, &start);
      return TRUE;
    case RUHU_CASE_STATE_ACCEPTED:
      return !last_date (flow, RUHU_STEP_ACCEPT, &start) ||
             working_deadline (deadline, RUHU_CASE_DEADLINE_INVESTIGATION_START, calendar,
                               RUHU_DEADLINE_INVESTIGATION_START, &start, flow, error);
    case RUHU_CASE_STATE_INVESTIGATING:
    case RUHU_CASE_STATE_INVESTIGATED:
    case RUHU_CASE_STATE_EVALUATED:
    case RUHU_CASE_STATE_REVIEWED:
      return !last_date (flow, RUHU_STEP_ACCEPT, &start) ||
             working_deadline (deadline, RUHU_CASE_DEADLINE_REPORT, calendar,
                               ruhu_case_flow_find_last (flow, RUHU_STEP_EXTEND_DEADLINE) ?
                               RUHU_DEADLINE_REPORT_EXTENDED : RUHU_DEADLINE_REPORT,
                               &start, flow, error);
    case RUHU_CASE_STATE_NOTICE:
      {
        gsize n = collect_notices (flow, notices);

        if (n > 0)
          calendar_deadline (deadline, RUHU_CASE_DEADLINE_NOTICE_END, &notices[n - 1].last);
        return TRUE;
      }
    case RUHU_CASE_STATE_GRANTED:
    case RUHU_CASE_STATE_REFUSED:
      return !(last_date (flow, RUHU_STEP_GRANT, &start) ||
               last_date (flow, RUHU_STEP_REFUSE, &start)) ||
             working_deadline (deadline, RUHU_CASE_DEADLINE_DECISION_LETTER, calendar,
                               RUHU_DEADLINE_REFUSAL_DELIVERY, &start, flow, error);
    case RUHU_CASE_STATE_PUBLISHED:
    case RUHU_CASE_STATE_UNDER_REVIEW:
      aftercare_deadline (flow, deadline);
      return TRUE;
    case RUHU_CASE_STATE_LAPSED:
    case RUHU_CASE_STATE_REPORTED:
    case RUHU_CASE_STATE_CLOSED:
    case RUHU_CASE_STATE_STOPPED:
    case RUHU_CASE_STATE_WITHDRAWN:
    case RUHU_CASE_STATE_TRANSFERRED:
    case RUHU_N_CASE_STATES:
    default:
      return TRUE;
    }
}

/* Beyond the years the official calendar covers (a review a year ahead),
 * only calendar days can be counted. */
static void
status_in_calendar_days (const GDate        *due,
                         const GDate        *today,
                         RuhuDeadlineStatus *status)
{
  status->calendar_days = g_date_days_between (today, due);
  status->working_days = ABS (status->calendar_days);
  if (status->calendar_days < 0)
    status->state = RUHU_DEADLINE_STATE_OVERDUE;
  else if (status->calendar_days == 0)
    status->state = RUHU_DEADLINE_STATE_DUE_TODAY;
  else
    status->state = RUHU_DEADLINE_STATE_ON_TRACK;
}

/**
 * ruhu_case_flow_next_deadline:
 * @today: the day to judge the deadline from
 * @deadline: (out caller-allocates): the next deadline; its kind is
 *   %RUHU_CASE_DEADLINE_NONE when nothing is due (a finished case, or one
 *   waiting for the district)
 *
 * Finds the deadline the case's next step must meet and where it stands
 * on @today: overdue, due today, due within
 * %RUHU_DEADLINE_DUE_SOON_WORKING_DAYS working days after today, or on
 * track.
 *
 * Returns: %FALSE with @error set if a working-day deadline needs a date
 *   the calendar does not cover
 */
gboolean
ruhu_case_flow_next_deadline (const RuhuCaseFlow  *flow,
                              RuhuCalendar        *calendar,
                              const GDate         *today,
                              RuhuCaseDeadline    *deadline,
                              GError             **error)
{
  g_return_val_if_fail (flow != NULL && calendar != NULL, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today) && deadline != NULL, FALSE);

  deadline->kind = RUHU_CASE_DEADLINE_NONE;
  g_date_clear (&deadline->due, 1);
  deadline->status = (RuhuDeadlineStatus) { RUHU_DEADLINE_STATE_ON_TRACK, 0, 0 };
  if (!find_due (flow, calendar, deadline, error))
    return FALSE;
  if (deadline->kind == RUHU_CASE_DEADLINE_NONE)
    return TRUE;
  if (!ruhu_calendar_covers (calendar, &deadline->due) || !ruhu_calendar_covers (calendar, today))
    {
      status_in_calendar_days (&deadline->due, today, &deadline->status);
      return TRUE;
    }
  return ruhu_deadline_get_status (calendar, &deadline->due, today, &deadline->status, error);
}
