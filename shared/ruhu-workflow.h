/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-calendar.h"
#include "ruhu-deadline.h"
#include "ruhu-store.h"

G_BEGIN_DECLS

/* The case workflow of docs/workflow.md. Each step taken is a `transition`
 * entity under the case's household (data/forms/transition.json); its
 * `action` field is written last and is the operation the rule hook
 * decides on. The server accepts a step only if its `from` is the case's
 * state when it arrives, so of two conflicting steps taken offline the
 * first to reach the server wins and the second is rejected with a reason. */

#define RUHU_WORKFLOW_KIND "transition"

typedef enum
{
  RUHU_CASE_STATE_APPLIED,
  RUHU_CASE_STATE_INCOMPLETE,
  RUHU_CASE_STATE_LAPSED,
  RUHU_CASE_STATE_ACCEPTED,
  RUHU_CASE_STATE_INVESTIGATING,
  RUHU_CASE_STATE_INVESTIGATED,
  RUHU_CASE_STATE_EVALUATED,
  RUHU_CASE_STATE_REVIEWED,
  RUHU_CASE_STATE_NOTICE,
  RUHU_CASE_STATE_REPORTED,
  RUHU_CASE_STATE_GRANTED,
  RUHU_CASE_STATE_REFUSED,
  RUHU_CASE_STATE_CLOSED,
  RUHU_CASE_STATE_PUBLISHED,
  RUHU_CASE_STATE_UNDER_REVIEW,
  RUHU_CASE_STATE_STOPPED,
  RUHU_CASE_STATE_WITHDRAWN,
  RUHU_CASE_STATE_TRANSFERRED,
  RUHU_N_CASE_STATES,
} RuhuCaseState;

typedef enum
{
  RUHU_STEP_REQUEST_MATERIALS,
  RUHU_STEP_SUPPLY_MATERIALS,
  RUHU_STEP_LAPSE,
  RUHU_STEP_ACCEPT,
  RUHU_STEP_START_INVESTIGATION,
  RUHU_STEP_FINISH_INVESTIGATION,
  RUHU_STEP_EVALUATE,
  RUHU_STEP_RETURN,
  RUHU_STEP_REVIEW,
  RUHU_STEP_POST_NOTICE,
  RUHU_STEP_OBJECT,
  RUHU_STEP_REPORT,
  RUHU_STEP_GRANT,
  RUHU_STEP_REFUSE,
  RUHU_STEP_DELIVER_REFUSAL,
  RUHU_STEP_PUBLISH,
  RUHU_STEP_START_PERIODIC_REVIEW,
  RUHU_STEP_CONTINUE,
  RUHU_STEP_ADJUST,
  RUHU_STEP_STOP,
  RUHU_STEP_CONFIRM_ALIVE,
  RUHU_STEP_RECORD_DEATH,
  RUHU_STEP_EXTEND_DEADLINE,
  RUHU_STEP_WITHDRAW,
  RUHU_STEP_TRANSFER,
  RUHU_N_STEPS,
} RuhuStep;

/* The categories of data/forms/household.json; urban and rural 低保 share
 * one machine. */
typedef enum
{
  RUHU_CATEGORY_DIBAO,
  RUHU_CATEGORY_TEKUN,
  RUHU_CATEGORY_TEMPORARY,
  RUHU_CATEGORY_NEAR_DIBAO,
} RuhuCategory;

/* What a step carries besides its kind; NULL / FALSE where not given. */
typedef struct
{
  const char *at;           /* RFC 3339 date-time the step was taken */
  const char *actor_name;
  const char *comment;
  const char *reason;
  const char *opinion;      /* "grant" or "refuse", for the initial review */
  gboolean    has_amount;
  gint64      amount;       /* fen a month, for grant and adjust */
  const char *due_on;       /* YYYY-MM-DD, for the missing-materials notice */
  const char *transfer_to;  /* for a transfer */
} RuhuStepInput;

/* One step of a case as read from the store. */
typedef struct
{
  char          *entity;
  char          *version;   /* of the action field: orders the steps */
  char          *actor;     /* the user id that wrote the action */
  RuhuStep       step;
  RuhuCaseState  from;
  RuhuCaseState  to;
  char          *at;
  char          *actor_name;
  char          *comment;
  char          *reason;
  char          *opinion;
  gboolean       has_amount;
  gint64         amount;
  char          *due_on;
  char          *transfer_to;
  gboolean       counted;   /* FALSE: it does not follow from the state
                             * before it (conflicting, to be rejected) */
} RuhuTransition;

/* A case's workflow: its category and steps, oldest first. */
typedef struct
{
  char          *case_id;
  RuhuCategory   category;
  GDate          applied_on;    /* invalid if the application has no date */
  GPtrArray     *transitions;   /* RuhuTransition*, in version order */
  RuhuCaseState  state;
} RuhuCaseFlow;

/* A step as the client offers it. */
typedef struct
{
  RuhuStep  step;
  gboolean  allowed;
  char     *code;    /* why not, when not allowed: stable, for programs */
  char     *reason;  /* why not, translated, for people */
} RuhuStepOption;

typedef enum
{
  RUHU_CASE_DEADLINE_NONE,
  RUHU_CASE_DEADLINE_ACCEPTANCE,
  RUHU_CASE_DEADLINE_MATERIALS,
  RUHU_CASE_DEADLINE_INVESTIGATION_START,
  RUHU_CASE_DEADLINE_REPORT,
  RUHU_CASE_DEADLINE_NOTICE_END,
  RUHU_CASE_DEADLINE_DECISION_LETTER,
  RUHU_CASE_DEADLINE_ALIVENESS_CHECK,
  RUHU_CASE_DEADLINE_PERIODIC_REVIEW,
} RuhuCaseDeadlineKind;

typedef struct
{
  RuhuCaseDeadlineKind kind;
  GDate                due;     /* the last day the next step is on time */
  RuhuDeadlineStatus   status;  /* relative to the day asked about */
} RuhuCaseDeadline;

/* ruhu-workflow-machine.c: names, labels and the table */
const char     *ruhu_case_state_to_string      (RuhuCaseState          state);
gboolean        ruhu_case_state_from_string    (const char            *text,
                                                RuhuCaseState         *state);
const char     *ruhu_case_state_get_label      (RuhuCaseState          state);
const char     *ruhu_step_to_string            (RuhuStep               step);
gboolean        ruhu_step_from_string          (const char            *text,
                                                RuhuStep              *step);
const char     *ruhu_step_get_label            (RuhuStep               step);
gboolean        ruhu_category_from_string      (const char            *text,
                                                RuhuCategory          *category);
gboolean        ruhu_step_leads                (RuhuCategory           category,
                                                RuhuStep               step,
                                                RuhuCaseState          from,
                                                RuhuCaseState         *to);
gboolean        ruhu_step_role_may_take        (RuhuStep               step,
                                                const char            *role);
const char     *ruhu_case_deadline_kind_get_label (RuhuCaseDeadlineKind kind);

/* ruhu-workflow-case.c: reading a case */
RuhuCaseFlow   *ruhu_case_flow_read            (RuhuStore             *store,
                                                const char            *case_id,
                                                GError               **error);
void            ruhu_case_flow_free            (RuhuCaseFlow          *flow);
const RuhuTransition *ruhu_case_flow_find_last (const RuhuCaseFlow    *flow,
                                                RuhuStep               step);

/* ruhu-workflow-guard.c: who may do what */
gboolean        ruhu_workflow_check            (RuhuStore             *store,
                                                const RuhuCaseFlow    *flow,
                                                RuhuStep               step,
                                                const char            *role,
                                                const RuhuStepInput   *input,
                                                char                 **code,
                                                char                 **reason);
GPtrArray      *ruhu_workflow_list_steps       (RuhuStore             *store,
                                                const RuhuCaseFlow    *flow,
                                                const char            *role);
gboolean        ruhu_workflow_rule             (RuhuStore             *store,
                                                const RuhuOp          *op,
                                                char                 **code,
                                                char                 **reason,
                                                gpointer               role);
RuhuOp         *ruhu_workflow_take             (RuhuStore             *store,
                                                const char            *case_id,
                                                RuhuStep               step,
                                                const char            *role,
                                                const RuhuStepInput   *input,
                                                const char            *actor,
                                                GError               **error);
void            ruhu_step_option_free          (RuhuStepOption        *option);

/* ruhu-workflow-deadline.c: the clock */
gboolean        ruhu_case_flow_next_deadline   (const RuhuCaseFlow    *flow,
                                                RuhuCalendar          *calendar,
                                                const GDate           *today,
                                                RuhuCaseDeadline      *deadline,
                                                GError               **error);

#define RUHU_WORKFLOW_ERROR (ruhu_workflow_error_quark ())

typedef enum
{
  RUHU_WORKFLOW_ERROR_REFUSED,  /* the guard refused the step: see the message */
} RuhuWorkflowError;

GQuark          ruhu_workflow_error_quark      (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuCaseFlow, ruhu_case_flow_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuStepOption, ruhu_step_option_free)

G_END_DECLS
