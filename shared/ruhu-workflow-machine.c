/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-workflow-private.h"

/* The state machine as one table, with the categories' differences in a
 * second one (docs/workflow.md says why this is C and not a data file). */

#define S(x) (1u << RUHU_CASE_STATE_##x)

/* Role bits; the names are those of docs/protocol.md. */
enum
{
  INV = 1 << 0,
  VA  = 1 << 1,
  VOL = 1 << 2,
  SUP = 1 << 3,
  DO  = 1 << 4,
};

static const char * const role_names[] = {
  "investigator", "village_assistant", "volunteer", "supervisor", "district_officer",
};

static const char * const state_names[RUHU_N_CASE_STATES] = {
  "applied", "incomplete", "lapsed", "accepted", "investigating", "investigated", "evaluated",
  "reviewed", "notice", "reported", "granted", "refused", "closed", "published",
  "under_review", "stopped", "withdrawn", "transferred",
};

/* Labels as in data/forms/transition.json, so one translation serves both. */
static const char * const state_labels[RUHU_N_CASE_STATES] = {
  N_("Applied"), N_("Materials missing"), N_("Lapsed"), N_("Accepted"),
  N_("Being investigated"), N_("Investigated"), N_("Evaluated"), N_("Reviewed by the township"),
  N_("On public notice"), N_("Reported to the district"), N_("Granted"), N_("Refused"),
  N_("Refusal delivered"), N_("Published, receiving aid"), N_("Under periodic review"),
  N_("Stopped"), N_("Withdrawn"), N_("Transferred"),
};

#define BEFORE_DECISION (S(APPLIED) | S(INCOMPLETE) | S(ACCEPTED) | S(INVESTIGATING) | \
                         S(INVESTIGATED) | S(EVALUATED) | S(REVIEWED) | S(NOTICE) | S(REPORTED))
#define UNDER_CLOCK     (S(ACCEPTED) | S(INVESTIGATING) | S(INVESTIGATED) | S(EVALUATED) | \
                         S(REVIEWED) | S(NOTICE))

/* to == RUHU_N_CASE_STATES: the step keeps the state. */
#define STAY RUHU_N_CASE_STATES

const RuhuStepRule ruhu_step_rules[RUHU_N_STEPS] = {
  [RUHU_STEP_REQUEST_MATERIALS] = { "request_materials", N_("Send the missing-materials notice"),
    S(APPLIED), RUHU_CASE_STATE_INCOMPLETE, SUP, NEEDS_COMMENT | NEEDS_DUE_ON },
  [RUHU_STEP_SUPPLY_MATERIALS] = { "supply_materials",
    N_("Record the missing materials as supplied"),
    S(INCOMPLETE), RUHU_CASE_STATE_APPLIED, SUP | VA, 0 },
  [RUHU_STEP_LAPSE] = { "lapse", N_("Close as lapsed"),
    S(INCOMPLETE), RUHU_CASE_STATE_LAPSED, SUP, 0 },
  [RUHU_STEP_ACCEPT] = { "accept", N_("Accept"),
    S(APPLIED), RUHU_CASE_STATE_ACCEPTED, SUP, 0 },
  [RUHU_STEP_START_INVESTIGATION] = { "start_investigation", N_("Start the investigation"),
    S(ACCEPTED), RUHU_CASE_STATE_INVESTIGATING, SUP | INV, 0 },
  [RUHU_STEP_FINISH_INVESTIGATION] = { "finish_investigation", N_("Finish the investigation"),
    S(INVESTIGATING), RUHU_CASE_STATE_INVESTIGATED, INV, 0 },
  [RUHU_STEP_EVALUATE] = { "evaluate", N_("Record the evaluation"),
    S(INVESTIGATED), RUHU_CASE_STATE_EVALUATED, SUP, NEEDS_COMMENT },
  [RUHU_STEP_RETURN] = { "return", N_("Return for more investigation"),
    S(INVESTIGATED) | S(EVALUATED) | S(REVIEWED), RUHU_CASE_STATE_INVESTIGATING, SUP,
    NEEDS_COMMENT },
  [RUHU_STEP_REVIEW] = { "review", N_("Record the initial review"),
    S(EVALUATED), RUHU_CASE_STATE_REVIEWED, SUP, NEEDS_OPINION },
  [RUHU_STEP_POST_NOTICE] = { "post_notice", N_("Post the public notice"),
    S(REVIEWED), RUHU_CASE_STATE_NOTICE, SUP, 0 },
  [RUHU_STEP_OBJECT] = { "object", N_("Record an objection"),
    S(NOTICE), RUHU_CASE_STATE_INVESTIGATING, SUP | VA, NEEDS_COMMENT },
  [RUHU_STEP_REPORT] = { "report", N_("Report to the district"),
    S(NOTICE), RUHU_CASE_STATE_REPORTED, SUP, 0 },
  [RUHU_STEP_GRANT] = { "grant", N_("Grant"),
    S(REPORTED), RUHU_CASE_STATE_GRANTED, DO, NEEDS_AMOUNT },
  [RUHU_STEP_REFUSE] = { "refuse", N_("Refuse"),
    S(REPORTED), RUHU_CASE_STATE_REFUSED, DO, NEEDS_REASON },
  [RUHU_STEP_DELIVER_REFUSAL] = { "deliver_refusal", N_("Record the refusal as delivered"),
    S(REFUSED), RUHU_CASE_STATE_CLOSED, SUP | DO, 0 },
  [RUHU_STEP_PUBLISH] = { "publish", N_("Publish"),
    S(GRANTED), RUHU_CASE_STATE_PUBLISHED, SUP | DO, 0 },
  [RUHU_STEP_START_PERIODIC_REVIEW] = { "start_periodic_review", N_("Start a periodic review"),
    S(PUBLISHED), RUHU_CASE_STATE_UNDER_REVIEW, SUP, AFTERCARE },
  [RUHU_STEP_CONTINUE] = { "continue", N_("Continue the aid"),
    S(UNDER_REVIEW), RUHU_CASE_STATE_PUBLISHED, SUP | DO, AFTERCARE },
  [RUHU_STEP_ADJUST] = { "adjust", N_("Adjust the aid"),
    S(UNDER_REVIEW), RUHU_CASE_STATE_PUBLISHED, DO, AFTERCARE | NEEDS_AMOUNT | NEEDS_REASON },
  [RUHU_STEP_STOP] = { "stop", N_("Stop the aid"),
    S(UNDER_REVIEW), RUHU_CASE_STATE_STOPPED, DO, AFTERCARE | NEEDS_REASON },
  [RUHU_STEP_CONFIRM_ALIVE] = { "confirm_alive", N_("Confirm the recipient is alive"),
    S(PUBLISHED) | S(UNDER_REVIEW), STAY, SUP | INV | VA, AFTERCARE | ALIVENESS },
  [RUHU_STEP_RECORD_DEATH] = { "record_death", N_("Record a death"),
    S(PUBLISHED) | S(UNDER_REVIEW), RUHU_CASE_STATE_STOPPED, SUP | DO, AFTERCARE | NEEDS_REASON },
  [RUHU_STEP_EXTEND_DEADLINE] = { "extend_deadline", N_("Extend the deadline to 40 working days"),
    UNDER_CLOCK, STAY, SUP, NEEDS_REASON },
  [RUHU_STEP_WITHDRAW] = { "withdraw", N_("Withdraw"),
    BEFORE_DECISION, RUHU_CASE_STATE_WITHDRAWN, SUP | INV | VA, NEEDS_REASON },
  [RUHU_STEP_TRANSFER] = { "transfer", N_("Transfer to the hukou township"),
    S(APPLIED) | S(INCOMPLETE), RUHU_CASE_STATE_TRANSFERRED, SUP,
    NEEDS_REASON | NEEDS_TRANSFER_TO },
};

/* What sets 特困, 临时救助 and 低保边缘 apart from 低保 (docs/workflow.md). */
const RuhuCategoryRule ruhu_category_rules[] = {
  [RUHU_CATEGORY_DIBAO]      = { "dibao",      FALSE, FALSE, TRUE,  TRUE,  TRUE,  12 },
  [RUHU_CATEGORY_TEKUN]      = { "tekun",      FALSE, FALSE, TRUE,  TRUE,  TRUE,  12 },
  [RUHU_CATEGORY_TEMPORARY]  = { "temporary",  TRUE,  TRUE,  TRUE,  FALSE, FALSE, 0 },
  [RUHU_CATEGORY_NEAR_DIBAO] = { "near_dibao", FALSE, FALSE, FALSE, TRUE,  FALSE, 12 },
};

static int
find_name (const char * const *names,
           guint               n_names,
           const char         *text)
{
  for (guint i = 0; text != NULL && i < n_names; i++)
    if (strcmp (names[i], text) == 0)
      return (int) i;
  return -1;
}

const char *
ruhu_case_state_to_string (RuhuCaseState state)
{
  g_return_val_if_fail (state < RUHU_N_CASE_STATES, NULL);
  return state_names[state];
}

gboolean
ruhu_case_state_from_string (const char    *text,
                             RuhuCaseState *state)
{
  int i = find_name (state_names, RUHU_N_CASE_STATES, text);

  if (i < 0)
    return FALSE;
  *state = (RuhuCaseState) i;
  return TRUE;
}

/**
 * ruhu_case_state_get_label:
 *
 * Returns: (transfer none): the state's name for people, translated
 */
const char *
ruhu_case_state_get_label (RuhuCaseState state)
{
  g_return_val_if_fail (state < RUHU_N_CASE_STATES, NULL);
  return _(state_labels[state]);
}

const char *
ruhu_step_to_string (RuhuStep step)
{
  g_return_val_if_fail (step < RUHU_N_STEPS, NULL);
  return ruhu_step_rules[step].name;
}

gboolean
ruhu_step_from_string (const char *text,
                       RuhuStep   *step)
{
  for (guint i = 0; text != NULL && i < RUHU_N_STEPS; i++)
    if (strcmp (ruhu_step_rules[i].name, text) == 0)
      {
        *step = (RuhuStep) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * ruhu_step_get_label:
 *
 * Returns: (transfer none): the step's name for people, translated
 */
const char *
ruhu_step_get_label (RuhuStep step)
{
  g_return_val_if_fail (step < RUHU_N_STEPS, NULL);
  return _(ruhu_step_rules[step].label);
}

/**
 * ruhu_category_from_string:
 * @text: a `category` option of the household or application form
 *
 * Returns: whether @text names a category
 */
gboolean
ruhu_category_from_string (const char   *text,
                           RuhuCategory *category)
{
  static const char * const names[] = {
    "urban_dibao", "rural_dibao", "tekun", "temporary_assistance", "near_dibao",
  };
  static const RuhuCategory values[] = {
    RUHU_CATEGORY_DIBAO, RUHU_CATEGORY_DIBAO, RUHU_CATEGORY_TEKUN,
    RUHU_CATEGORY_TEMPORARY, RUHU_CATEGORY_NEAR_DIBAO,
  };
  int i = find_name (names, G_N_ELEMENTS (names), text);

  if (i < 0)
    return FALSE;
  *category = values[i];
  return TRUE;
}

/* The states a step starts from in @category: a category without
 * evaluation reviews straight after the investigation, and one without a
 * public notice reports straight after the review. */
static guint
from_states (RuhuCategory category,
             RuhuStep     step)
{
  const RuhuCategoryRule *cat = &ruhu_category_rules[category];
  const RuhuStepRule *rule = &ruhu_step_rules[step];
  guint skipped = (cat->skips_evaluation ? S(EVALUATED) : 0) | (cat->skips_notice ? S(NOTICE) : 0);

  if ((rule->needs & AFTERCARE) && !cat->aftercare)
    return 0;
  if ((rule->needs & ALIVENESS) && !cat->aliveness)
    return 0;
  if (cat->skips_evaluation && step == RUHU_STEP_EVALUATE)
    return 0;
  if (cat->skips_notice && (step == RUHU_STEP_POST_NOTICE || step == RUHU_STEP_OBJECT))
    return 0;
  if (cat->skips_evaluation && step == RUHU_STEP_REVIEW)
    return S(INVESTIGATED);
  if (cat->skips_notice && step == RUHU_STEP_REPORT)
    return S(REVIEWED);
  return rule->from & ~skipped;
}

/**
 * ruhu_step_leads:
 * @to: (out) (optional): the state after the step
 *
 * Returns: whether @step can be taken from @from in @category at all,
 *   whoever takes it and whatever the evidence
 */
gboolean
ruhu_step_leads (RuhuCategory   category,
                 RuhuStep       step,
                 RuhuCaseState  from,
                 RuhuCaseState *to)
{
  g_return_val_if_fail (step < RUHU_N_STEPS && from < RUHU_N_CASE_STATES, FALSE);
  g_return_val_if_fail (category < G_N_ELEMENTS (ruhu_category_rules), FALSE);

  if ((from_states (category, step) & (1u << from)) == 0)
    return FALSE;
  if (to != NULL)
    *to = ruhu_step_rules[step].to == STAY ? from : ruhu_step_rules[step].to;
  return TRUE;
}

/**
 * ruhu_step_role_may_take:
 * @role: a role of docs/protocol.md
 *
 * Returns: whether @role may take @step. Administrators run the system
 *   and take no step in a case.
 */
gboolean
ruhu_step_role_may_take (RuhuStep    step,
                         const char *role)
{
  int i = find_name (role_names, G_N_ELEMENTS (role_names), role);

  g_return_val_if_fail (step < RUHU_N_STEPS, FALSE);
  return i >= 0 && (ruhu_step_rules[step].roles & (1u << i)) != 0;
}

/**
 * ruhu_case_deadline_kind_get_label:
 *
 * Returns: (transfer none): what is due, translated
 */
const char *
ruhu_case_deadline_kind_get_label (RuhuCaseDeadlineKind kind)
{
  switch (kind)
    {
    case RUHU_CASE_DEADLINE_NONE:
      return _("No deadline");
    case RUHU_CASE_DEADLINE_ACCEPTANCE:
      return _("Acceptance");
    case RUHU_CASE_DEADLINE_MATERIALS:
      return _("Missing materials");
    case RUHU_CASE_DEADLINE_INVESTIGATION_START:
      return _("Start of the investigation");
    case RUHU_CASE_DEADLINE_REPORT:
      return _("Initial review reported");
    case RUHU_CASE_DEADLINE_NOTICE_END:
      return _("End of the public notice");
    case RUHU_CASE_DEADLINE_DECISION_LETTER:
      return _("Decision letter delivered");
    case RUHU_CASE_DEADLINE_ALIVENESS_CHECK:
      return _("Aliveness check");
    case RUHU_CASE_DEADLINE_PERIODIC_REVIEW:
      return _("Periodic review");
    default:
      g_return_val_if_reached (NULL);
    }
}

G_DEFINE_QUARK (ruhu-workflow-error-quark, ruhu_workflow_error)
