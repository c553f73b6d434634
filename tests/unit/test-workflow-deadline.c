/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-date.h"
#include "ruhu-workflow-private.h"

/* A case's next deadline on the official calendar (data/calendar). The
 * expected dates were counted by hand; each comment lists the days. The
 * cases are built in memory: deadlines depend only on the counted steps. */

typedef struct
{
  RuhuStep    step;
  const char *at;
  const char *due_on;
} Step;

/* The road to publication; a case below takes its first steps. */
static const Step road[] = {
  { RUHU_STEP_ACCEPT, "2025-09-02T10:00:00+08:00" },
  { RUHU_STEP_START_INVESTIGATION, "2025-09-03T10:00:00+08:00" },
  { RUHU_STEP_FINISH_INVESTIGATION, "2025-09-05T10:00:00+08:00" },
  { RUHU_STEP_EVALUATE, "2025-09-08T10:00:00+08:00" },
  { RUHU_STEP_REVIEW, "2025-09-09T10:00:00+08:00" },
  { RUHU_STEP_POST_NOTICE, "2025-09-10T10:00:00+08:00" },
  { RUHU_STEP_REPORT, "2025-09-17T10:00:00+08:00" },
  { RUHU_STEP_GRANT, "2025-09-19T10:00:00+08:00" },
  { RUHU_STEP_PUBLISH, "2025-09-22T10:00:00+08:00" },
};

/* The road's steps up to the notice of 10–16 September. */
#define TO_NOTICE 6

typedef struct
{
  const char           *name;
  RuhuCategory          category;
  const char           *applied_on;
  guint                 n_road;     /* the road's first steps taken */
  Step                  steps[6];   /* then these */
  RuhuCaseDeadlineKind  kind;
  const char           *due;
} DeadlineCase;

#define OBJECTION      { RUHU_STEP_OBJECT, "2025-09-12T10:00:00+08:00", NULL }
#define REINVESTIGATED { RUHU_STEP_FINISH_INVESTIGATION, "2025-09-19T10:00:00+08:00", NULL }

static const DeadlineCase cases[] = {
  /* Applied the day before National Day 2025: 1–8 October are off, so
   * 9 and 10 October are the two working days. */
  { "acceptance-over-national-day", RUHU_CATEGORY_DIBAO, "2025-09-30", 0, { { 0 } },
    RUHU_CASE_DEADLINE_ACCEPTANCE, "2025-10-10" },
  /* Applied on the Friday before the 2026 Spring Festival: Saturday 14
   * February is a working day (调休), 15–23 are off, then Tuesday 24. */
  { "acceptance-over-spring-festival", RUHU_CATEGORY_DIBAO, "2026-02-13", 0, { { 0 } },
    RUHU_CASE_DEADLINE_ACCEPTANCE, "2026-02-24" },
  /* Accepted Monday 29 September: the 30th, then 9 October. */
  { "investigation-start", RUHU_CATEGORY_DIBAO, "2025-09-26", 0,
    { { RUHU_STEP_ACCEPT, "2025-09-29T10:00:00+08:00" } },
    RUHU_CASE_DEADLINE_INVESTIGATION_START, "2025-10-09" },
  /* Materials were supplied: acceptance counts again from that day. */
  { "acceptance-after-materials", RUHU_CATEGORY_DIBAO, "2025-09-01", 0,
    { { RUHU_STEP_REQUEST_MATERIALS, "2025-09-02T10:00:00+08:00", "2025-09-30" },
      { RUHU_STEP_SUPPLY_MATERIALS, "2025-09-30T10:00:00+08:00" } },
    RUHU_CASE_DEADLINE_ACCEPTANCE, "2025-10-10" },
  { "materials-due", RUHU_CATEGORY_DIBAO, "2025-09-01", 0,
    { { RUHU_STEP_REQUEST_MATERIALS, "2025-09-02T10:00:00+08:00", "2025-09-30" } },
    RUHU_CASE_DEADLINE_MATERIALS, "2025-09-30" },
  /* 25 working days from 2 September: 3–5, 8–12, 15–19, 22–26 (18),
   * Sunday 28 worked (19), 29–30 (21), 9–10 October (23), Saturday 11
   * worked (24), Monday 13 (25). */
  { "report", RUHU_CATEGORY_DIBAO, "2025-09-01", 2, { { 0 } },
    RUHU_CASE_DEADLINE_REPORT, "2025-10-13" },
  /* The notice of 10–16 September holds 5 working days, not counted:
   * 14–17 and 20 October follow. */
  { "report-notice-not-counted", RUHU_CATEGORY_DIBAO, "2025-09-01", TO_NOTICE, { OBJECTION },
    RUHU_CASE_DEADLINE_REPORT, "2025-10-20" },
  /* Extended to 40 after the objection: 15 more working days after 20
   * October, 21–24, 27–31, 3–7 November and Monday 10. */
  { "report-extended", RUHU_CATEGORY_DIBAO, "2025-09-01", TO_NOTICE,
    { OBJECTION, { RUHU_STEP_EXTEND_DEADLINE, "2025-09-12T11:00:00+08:00" }, REINVESTIGATED },
    RUHU_CASE_DEADLINE_REPORT, "2025-11-10" },
  /* The notice after an objection lasts 3 days: 24–26 September. */
  { "notice-after-objection", RUHU_CATEGORY_DIBAO, "2025-09-01", TO_NOTICE,
    { OBJECTION, REINVESTIGATED,
      { RUHU_STEP_EVALUATE, "2025-09-22T10:00:00+08:00" },
      { RUHU_STEP_REVIEW, "2025-09-23T10:00:00+08:00" },
      { RUHU_STEP_POST_NOTICE, "2025-09-24T10:00:00+08:00" } },
    RUHU_CASE_DEADLINE_NOTICE_END, "2025-09-26" },
  { "notice-end", RUHU_CATEGORY_DIBAO, "2025-09-01", TO_NOTICE, { { 0 } },
    RUHU_CASE_DEADLINE_NOTICE_END, "2025-09-16" },
  /* Granted on the Thursday before the Spring Festival: 13, 14 (worked
   * Saturday), then 24 February. 临时救助 has no evaluation nor notice. */
  { "decision-letter", RUHU_CATEGORY_TEMPORARY, "2026-01-05", 0,
    { { RUHU_STEP_ACCEPT, "2026-01-06T10:00:00+08:00" },
      { RUHU_STEP_START_INVESTIGATION, "2026-01-07T10:00:00+08:00" },
      { RUHU_STEP_FINISH_INVESTIGATION, "2026-01-09T10:00:00+08:00" },
      { RUHU_STEP_REVIEW, "2026-01-12T10:00:00+08:00" },
      { RUHU_STEP_REPORT, "2026-01-13T10:00:00+08:00" },
      { RUHU_STEP_GRANT, "2026-02-12T10:00:00+08:00" } },
    RUHU_CASE_DEADLINE_DECISION_LETTER, "2026-02-24" },
  { "nothing-due-when-withdrawn", RUHU_CATEGORY_DIBAO, "2025-09-01", 0,
    { { RUHU_STEP_WITHDRAW, "2025-09-02T10:00:00+08:00" } },
    RUHU_CASE_DEADLINE_NONE, NULL },
};

static void
add_step (RuhuCaseFlow *flow,
          const Step   *step)
{
  RuhuTransition *transition = g_new0 (RuhuTransition, 1);

  transition->step = step->step;
  transition->from = flow->state;
  g_assert_true (ruhu_step_leads (flow->category, step->step, flow->state, &transition->to));
  transition->at = g_strdup (step->at);
  transition->due_on = g_strdup (step->due_on);
  transition->version = g_strdup_printf ("%012x.0000@test", flow->transitions->len);
  transition->counted = TRUE;
  flow->state = transition->to;
  g_ptr_array_add (flow->transitions, transition);
}

static RuhuCaseFlow *
make_flow (RuhuCategory  category,
           const char   *applied_on)
{
  RuhuCaseFlow *flow = g_new0 (RuhuCaseFlow, 1);

  flow->case_id = g_strdup ("case");
  flow->category = category;
  flow->transitions = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_transition_free);
  flow->state = RUHU_CASE_STATE_APPLIED;
  g_assert_true (ruhu_date_parse (applied_on, &flow->applied_on));
  return flow;
}

static RuhuCalendar *
load_calendar (void)
{
  g_autoptr(GError) error = NULL;
  RuhuCalendar *calendar = ruhu_calendar_load_default (&error);

  g_assert_no_error (error);
  return calendar;
}

static void
next_deadline (RuhuCaseFlow     *flow,
               const char       *today,
               RuhuCaseDeadline *deadline)
{
  g_autoptr(RuhuCalendar) calendar = load_calendar ();
  g_autoptr(GError) error = NULL;
  GDate day;

  g_assert_true (ruhu_date_parse (today, &day));
  g_assert_true (ruhu_case_flow_next_deadline (flow, calendar, &day, deadline, &error));
  g_assert_no_error (error);
}

static void
assert_due (const RuhuCaseDeadline *deadline,
            RuhuCaseDeadlineKind    kind,
            const char             *due)
{
  g_autofree char *got = NULL;

  g_assert_cmpint (deadline->kind, ==, kind);
  if (due == NULL)
    return;
  got = ruhu_date_format (&deadline->due);
  g_assert_cmpstr (got, ==, due);
}

static void
test_case (gconstpointer data)
{
  const DeadlineCase *c = data;
  g_autoptr(RuhuCaseFlow) flow = make_flow (c->category, c->applied_on);
  RuhuCaseDeadline deadline;

  for (guint i = 0; i < c->n_road; i++)
    add_step (flow, &road[i]);
  for (guint i = 0; i < G_N_ELEMENTS (c->steps) && c->steps[i].at != NULL; i++)
    add_step (flow, &c->steps[i]);
  next_deadline (flow, "2025-09-01", &deadline);
  assert_due (&deadline, c->kind, c->due);
  g_assert_nonnull (ruhu_case_deadline_kind_get_label (deadline.kind));
}

/* Due 10 October 2025 (after National Day): where it stands on each day. */
static void
test_status (void)
{
  static const struct
  {
    const char        *today;
    RuhuDeadlineState  state;
  } days[] = {
    { "2025-09-26", RUHU_DEADLINE_STATE_ON_TRACK },   /* 28, 29, 30 Sep, 9, 10 Oct left */
    { "2025-09-29", RUHU_DEADLINE_STATE_ON_TRACK },   /* 30 Sep, 9, 10 Oct left */
    { "2025-09-30", RUHU_DEADLINE_STATE_DUE_SOON },   /* 9, 10 Oct: today and 2 more */
    { "2025-10-01", RUHU_DEADLINE_STATE_DUE_SOON },   /* within the holiday */
    { "2025-10-09", RUHU_DEADLINE_STATE_DUE_SOON },
    { "2025-10-10", RUHU_DEADLINE_STATE_DUE_TODAY },
    { "2025-10-11", RUHU_DEADLINE_STATE_OVERDUE },
  };
  g_autoptr(RuhuCaseFlow) flow = make_flow (RUHU_CATEGORY_DIBAO, "2025-09-30");

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      RuhuCaseDeadline deadline;

      next_deadline (flow, days[i].today, &deadline);
      assert_due (&deadline, RUHU_CASE_DEADLINE_ACCEPTANCE, "2025-10-10");
      g_test_message ("%s: %d working days", days[i].today, deadline.status.working_days);
      g_assert_cmpint (deadline.status.state, ==, days[i].state);
    }
}

static RuhuCaseFlow *
make_published (RuhuCategory category)
{
  RuhuCaseFlow *flow = make_flow (category, "2025-09-01");

  for (guint i = 0; i < G_N_ELEMENTS (road); i++)
    add_step (flow, &road[i]);
  return flow;
}

/* A 低保 recipient confirms being alive every 3 months, before the yearly
 * review; a 低保边缘 household, paid nothing monthly, only has the review. */
static void
test_aftercare (void)
{
  static const Step alive = { RUHU_STEP_CONFIRM_ALIVE, "2025-12-20T10:00:00+08:00" };
  g_autoptr(RuhuCaseFlow) dibao = make_published (RUHU_CATEGORY_DIBAO);
  g_autoptr(RuhuCaseFlow) near = make_published (RUHU_CATEGORY_NEAR_DIBAO);
  RuhuCaseDeadline deadline;

  next_deadline (dibao, "2025-12-23", &deadline);
  assert_due (&deadline, RUHU_CASE_DEADLINE_ALIVENESS_CHECK, "2025-12-22");
  g_assert_cmpint (deadline.status.state, ==, RUHU_DEADLINE_STATE_OVERDUE);
  add_step (dibao, &alive);
  next_deadline (dibao, "2025-12-23", &deadline);
  assert_due (&deadline, RUHU_CASE_DEADLINE_ALIVENESS_CHECK, "2026-03-20");
  g_assert_cmpint (deadline.status.state, ==, RUHU_DEADLINE_STATE_ON_TRACK);

  next_deadline (near, "2025-12-23", &deadline);
  assert_due (&deadline, RUHU_CASE_DEADLINE_PERIODIC_REVIEW, "2026-09-22");
}

/* A review due beyond the calendar's last year is still judged, in
 * calendar days. */
static void
test_beyond_calendar (void)
{
  static const Step late[] = {
    { RUHU_STEP_START_PERIODIC_REVIEW, "2026-06-01T10:00:00+08:00" },
    { RUHU_STEP_CONTINUE, "2026-06-05T10:00:00+08:00" },
  };
  g_autoptr(RuhuCaseFlow) near = make_published (RUHU_CATEGORY_NEAR_DIBAO);
  RuhuCaseDeadline deadline;

  add_step (near, &late[0]);
  add_step (near, &late[1]);
  next_deadline (near, "2026-12-30", &deadline);
  assert_due (&deadline, RUHU_CASE_DEADLINE_PERIODIC_REVIEW, "2027-06-05");
  g_assert_cmpint (deadline.status.state, ==, RUHU_DEADLINE_STATE_ON_TRACK);
  g_assert_cmpint (deadline.status.calendar_days, ==, 157);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ruhu/workflow-deadline/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/ruhu/workflow-deadline/status", test_status);
  g_test_add_func ("/ruhu/workflow-deadline/aftercare", test_aftercare);
  g_test_add_func ("/ruhu/workflow-deadline/beyond-calendar", test_beyond_calendar);
  return g_test_run ();
}
