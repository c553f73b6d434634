/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-date.h"
#include "ruhu-discovery.h"
#include "ruhu-workflow-private.h"

/* The guard: whether a role may take a step of a case now. The client asks
 * it to show what is allowed offline; the server runs it on every pushed
 * step through ruhu_workflow_rule(). */

/* Sets a refusal's stable @what and translated @why (taken); FALSE. */
gboolean
ruhu_workflow_refuse (char       **code,
                      char       **reason,
                      const char  *what,
                      char        *why)
{
  *code = g_strdup (what);
  *reason = why;
  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* What the step's record must carry. */
static gboolean
check_input (const RuhuCaseFlow   *flow,
             RuhuStep              step,
             const RuhuStepInput  *input,
             char                **code,
             char                **reason)
{
  guint needs = ruhu_step_rules[step].needs;
  const char *missing = NULL;

  if ((needs & NEEDS_COMMENT) && is_blank (input->comment))
    missing = _("a comment");
  else if ((needs & NEEDS_REASON) && is_blank (input->reason))
    missing = _("a reason");
  else if ((needs & NEEDS_OPINION) && g_strcmp0 (input->opinion, "grant") != 0 &&
           g_strcmp0 (input->opinion, "refuse") != 0)
    missing = _("the township’s opinion");
  else if ((needs & NEEDS_AMOUNT) && ruhu_category_rules[flow->category].amount_required &&
           (!input->has_amount || input->amount <= 0))
    missing = _("a monthly amount");
  else if ((needs & NEEDS_DUE_ON) && input->due_on == NULL)
    missing = _("the date the materials are due");
  else if ((needs & NEEDS_TRANSFER_TO) && is_blank (input->transfer_to))
    missing = _("the township of the hukou place");
  if (missing == NULL)
    return TRUE;
  /* Translators: the second %s is what is missing, e.g. "a reason". */
  return ruhu_workflow_refuse (code, reason, "workflow_input",
                               g_strdup_printf (_("“%s” needs %s."), ruhu_step_get_label (step),
                                                missing));
}

/* Every step is taken on an application. A case that began as a
 * discovery report has one only once the report is turned into one, and
 * goes on only while nobody closed the report: two devices that decided
 * differently offline must settle the report's outcome first. */
static gboolean
check_application (RuhuStore           *store,
                   const RuhuCaseFlow  *flow,
                   char               **code,
                   char               **reason)
{
  g_autoptr(GPtrArray) entities = ruhu_store_list_entities (store, flow->case_id, NULL);
  const char *report = NULL;
  gboolean has_application = FALSE;
  const char *why = NULL;

  for (guint i = 0; entities != NULL && i < entities->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (entities, i);

      if (info->deleted)
        continue;
      has_application |= strcmp (info->kind, "application") == 0;
      if (report == NULL && strcmp (info->kind, "discovery_report") == 0)
        report = info->id;
    }
  switch (report != NULL ? ruhu_discovery_get_state (store, report) : RUHU_DISCOVERY_APPLIED)
    {
    case RUHU_DISCOVERY_CONTESTED:
      why = _("The discovery report was both closed and turned into an application; "
              "settle its outcome first.");
      break;
    case RUHU_DISCOVERY_CLOSED:
      why = _("The discovery report was closed; the case has no application.");
      break;
    case RUHU_DISCOVERY_UNDECIDED:
    case RUHU_DISCOVERY_APPLIED:
    default:
      if (!has_application)
        why = report != NULL ? _("The case has only a discovery report; turn it into an "
                                 "application first.")
                             : _("The case has no application.");
      break;
    }
  return why == NULL || ruhu_workflow_refuse (code, reason, "workflow_evidence", g_strdup (why));
}

static gboolean
parse_day (const char *at,
           GDate      *day)
{
  g_autofree char *text = at != NULL && strlen (at) >= 10 ? g_strndup (at, 10) : NULL;

  return text != NULL && ruhu_date_parse (text, day);
}

/**
 * ruhu_workflow_check:
 * @flow: the case, as ruhu_case_flow_read() gives it
 * @role: the role of the person taking the step (docs/protocol.md)
 * @input: (nullable): what the step carries; %NULL to check only state,
 *   role and evidence (as the client does before asking for the rest)
 * @code: (out) (transfer full): when refused, a stable code:
 *   `workflow_not_allowed`, `role_not_allowed`, `workflow_input`,
 *   `workflow_evidence`, `workflow_too_early` or `workflow_once`
 * @reason: (out) (transfer full): when refused, why, translated
 *
 * Every step needs an application (`workflow_evidence` if the case has
 * none, or began as a discovery report that was closed or is contested).
 *
 * Returns: whether @role may take @step in the case's current state
 */
gboolean
ruhu_workflow_check (RuhuStore            *store,
                     const RuhuCaseFlow   *flow,
                     RuhuStep              step,
                     const char           *role,
                     const RuhuStepInput  *input,
                     char                **code,
                     char                **reason)
{
  GDate day;

  g_return_val_if_fail (RUHU_IS_STORE (store), FALSE);
  g_return_val_if_fail (flow != NULL && step < RUHU_N_STEPS, FALSE);
  g_return_val_if_fail (code != NULL && reason != NULL, FALSE);

  if (!ruhu_step_leads (flow->category, step, flow->state, NULL))
    return ruhu_workflow_refuse (code, reason, "workflow_not_allowed",
                                 /* Translators: a step, then a state of the case. */
                                 g_strdup_printf (_("“%s” is not possible while the case is “%s”."),
                                                  ruhu_step_get_label (step),
                                                  ruhu_case_state_get_label (flow->state)));
  if (!ruhu_step_role_may_take (step, role))
    return ruhu_workflow_refuse (code, reason, "role_not_allowed",
                                 g_strdup_printf (_("Your role may not take the step “%s”."),
                                                  ruhu_step_get_label (step)));
  if (!check_application (store, flow, code, reason) ||
      (input != NULL && !check_input (flow, step, input, code, reason)))
    return FALSE;
  return ruhu_workflow_check_evidence (store, flow, step,
                                       input != NULL && parse_day (input->at, &day) ? &day : NULL,
                                       code, reason);
}

/**
 * ruhu_workflow_list_steps:
 * @role: the role of the person looking
 *
 * Lists the steps the case's state allows in its category, each with
 * whether @role may take it now and, if not, why.
 *
 * Returns: (transfer full) (element-type RuhuStepOption): the options
 */
GPtrArray *
ruhu_workflow_list_steps (RuhuStore          *store,
                          const RuhuCaseFlow *flow,
                          const char         *role)
{
  GPtrArray *options = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_step_option_free);

  g_return_val_if_fail (RUHU_IS_STORE (store) && flow != NULL, options);
  for (guint i = 0; i < RUHU_N_STEPS; i++)
    {
      RuhuStepOption *option;

      if (!ruhu_step_leads (flow->category, i, flow->state, NULL))
        continue;
      option = g_new0 (RuhuStepOption, 1);
      option->step = i;
      option->allowed = ruhu_workflow_check (store, flow, i, role, NULL, &option->code,
                                             &option->reason);
      g_ptr_array_add (options, option);
    }
  return options;
}

void
ruhu_step_option_free (RuhuStepOption *option)
{
  if (option == NULL)
    return;
  g_free (option->code);
  g_free (option->reason);
  g_free (option);
}
