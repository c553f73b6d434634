/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-assignment.h"
#include "ruhu-case-index-private.h"
#include "ruhu-date.h"
#include "ruhu-json.h"
#include "ruhu-workflow-private.h"

/* From the values of the summary and workflow scans to a RuhuCaseInfo per
 * case: what each value says, the workflow state folded from the steps as
 * ruhu_case_flow_read() does, and the next deadline's due date. */

void
ruhu_case_build_free (gpointer data)
{
  CaseBuild *build = data;

  ruhu_case_info_free (build->info);
  g_free (build->applied_category);
  g_clear_pointer (&build->steps, g_ptr_array_unref);
  g_free (build->team_version);
  if (build->tails != NULL)
    g_string_free (build->tails, TRUE);
  g_free (build);
}

/* The text of a JSON string value; most are plain, so the common case
 * needs no parser. NULL for anything that is not a string. */
static char *
json_text (const char *json)
{
  gsize length = strlen (json);
  g_autoptr(JsonNode) node = NULL;

  if (length < 2 || json[0] != '"' || json[length - 1] != '"')
    return NULL;
  if (memchr (json + 1, '\\', length - 2) == NULL)
    return g_strndup (json + 1, length - 2);
  node = ruhu_json_parse (json, length, NULL, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

/* A date, or the date part of a date-time. */
static gboolean
json_date (const char *json,
           GDate      *date)
{
  char text[11];

  if (strlen (json) < 12 || json[0] != '"')
    return FALSE;
  memcpy (text, json + 1, 10);
  text[10] = '\0';
  return ruhu_date_parse (text, date);
}

static CaseBuild *
lookup_case (IndexBuild *index,
             const char *case_id)
{
  CaseBuild *build = g_hash_table_lookup (index->cases, case_id);

  if (build == NULL)
    {
      build = g_new0 (CaseBuild, 1);
      build->info = g_new0 (RuhuCaseInfo, 1);
      build->info->case_id = g_strdup (case_id);
      g_hash_table_insert (index->cases, build->info->case_id, build);
    }
  return build;
}

static void
take_household (CaseBuild              *build,
                const RuhuSummaryValue *value)
{
  RuhuCaseInfo *info = build->info;

  build->has_household = TRUE;
  if (g_str_equal (value->field, "head_name"))
    info->head_name = json_text (value->json);
  else if (g_str_equal (value->field, "village_name"))
    info->village_name = json_text (value->json);
  else if (g_str_equal (value->field, "township_name"))
    info->township_name = json_text (value->json);
  else if (g_str_equal (value->field, "category"))
    info->category = json_text (value->json);
}

static void
take_member (CaseBuild              *build,
             const RuhuSummaryValue *value)
{
  g_autofree char *id_number = NULL;
  gsize length;

  if (!g_str_equal (value->field, "id_number"))
    return;
  id_number = json_text (value->json);
  if (id_number == NULL)
    return;
  if (build->tails == NULL)
    build->tails = g_string_new (NULL);
  length = strlen (id_number);
  g_string_append (build->tails, id_number + (length > RUHU_CASE_ID_TAIL ? length - RUHU_CASE_ID_TAIL : 0));
  g_string_append_c (build->tails, ' ');
}

/* Either investigator of a check sheet makes the case the user's. */
static void
take_check_sheet (CaseBuild              *build,
                  const RuhuSummaryValue *value,
                  const char             *actor)
{
  g_autofree char *name = NULL;

  if (actor == NULL || !(g_str_equal (value->field, "investigator_1") ||
                         g_str_equal (value->field, "investigator_2")))
    return;
  name = json_text (value->json);
  build->info->assigned_to_me |= g_strcmp0 (name, actor) == 0;
}

void
ruhu_case_build_take_value (const RuhuSummaryValue *value,
                            gpointer                user_data)
{
  IndexBuild *index = user_data;
  CaseBuild *build = lookup_case (index, value->case_id);

  if (g_str_equal (value->kind, "household"))
    take_household (build, value);
  else if (g_str_equal (value->kind, "member"))
    take_member (build, value);
  else if (g_str_equal (value->kind, "application"))
    {
      build->info->has_application = TRUE;
      if (g_str_equal (value->field, "applied_on"))
        json_date (value->json, &build->applied_on);
    }
  else if (g_str_equal (value->kind, "check_sheet"))
    take_check_sheet (build, value, index->options->actor);
}

/* The step being read: an entity's values come together, so a new entity
 * starts a new step. Enums out of range mark what was not read (yet). */
static RuhuTransition *
current_step (CaseBuild           *build,
              const RuhuFlowValue *value)
{
  RuhuTransition *step = NULL;

  if (build->steps == NULL)
    build->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_transition_free);
  if (build->steps->len > 0)
    step = g_ptr_array_index (build->steps, build->steps->len - 1);
  if (step == NULL || !g_str_equal (step->entity, value->entity))
    {
      step = g_new0 (RuhuTransition, 1);
      step->entity = g_strdup (value->entity);
      step->step = RUHU_N_STEPS;
      step->from = step->to = RUHU_N_CASE_STATES;
      g_ptr_array_add (build->steps, step);
    }
  return step;
}

static void
take_step (CaseBuild           *build,
           const RuhuFlowValue *value)
{
  RuhuTransition *step = current_step (build, value);
  g_autofree char *text = json_text (value->json);

  if (g_str_equal (value->field, "action"))
    {
      if (ruhu_step_from_string (text, &step->step))
        step->version = g_strdup (value->version);
    }
  else if (g_str_equal (value->field, "from"))
    ruhu_case_state_from_string (text, &step->from);
  else if (g_str_equal (value->field, "to"))
    ruhu_case_state_from_string (text, &step->to);
  else if (g_str_equal (value->field, "at"))
    step->at = g_steal_pointer (&text);
  else if (g_str_equal (value->field, "due_on"))
    step->due_on = g_steal_pointer (&text);
}

/* Whether @actor is in a team as the assignment form writes it
 * (ruhu_assignment_parse_team() reads every form it has had). */
static gboolean
lists_user (const char *json,
            const char *actor)
{
  g_autoptr(JsonNode) node = ruhu_json_parse (json, strlen (json), NULL, NULL);
  g_auto(GStrv) team = NULL;

  if (actor == NULL || node == NULL || (team = ruhu_assignment_parse_team (node)) == NULL)
    return FALSE;
  return g_strv_contains ((const char * const *) team, actor);
}

/* The assignment whose investigators were written last is the team. */
static void
take_assignment (CaseBuild           *build,
                 const RuhuFlowValue *value,
                 const char          *actor)
{
  if (build->team_version != NULL && ruhu_version_compare (value->version, build->team_version) <= 0)
    return;
  g_free (build->team_version);
  build->team_version = g_strdup (value->version);
  build->team_has_me = lists_user (value->json, actor);
}

void
ruhu_case_build_take_flow_value (const RuhuFlowValue *value,
                                 gpointer             user_data)
{
  IndexBuild *index = user_data;
  CaseBuild *build = lookup_case (index, value->case_id);

  if (g_str_equal (value->kind, RUHU_WORKFLOW_KIND))
    take_step (build, value);
  else if (g_str_equal (value->kind, "assignment") && g_str_equal (value->field, "investigators"))
    take_assignment (build, value, index->options->actor);
  else if (g_str_equal (value->kind, "application") && g_str_equal (value->field, "category"))
    {
      build->info->has_application = TRUE;
      g_free (build->applied_category);
      build->applied_category = json_text (value->json);
    }
}

static int
compare_versions (gconstpointer a,
                  gconstpointer b)
{
  const RuhuTransition *first = *(const RuhuTransition * const *) a;
  const RuhuTransition *second = *(const RuhuTransition * const *) b;

  return ruhu_version_compare (first->version, second->version);
}

static gboolean
step_is_complete (const RuhuTransition *step)
{
  return step->version != NULL && step->from < RUHU_N_CASE_STATES && step->to < RUHU_N_CASE_STATES;
}

/* The case's flow, as ruhu_case_flow_read() would read it: the complete
 * steps in version order, each counted if the machine leads from the
 * state so far to its `to`. Takes the steps from @build. */
static RuhuCaseFlow *
make_flow (CaseBuild *build)
{
  RuhuCaseFlow *flow = g_new0 (RuhuCaseFlow, 1);

  flow->case_id = g_strdup (build->info->case_id);
  if (!ruhu_category_from_string (build->info->category, &flow->category) &&
      !ruhu_category_from_string (build->applied_category, &flow->category))
    flow->category = RUHU_CATEGORY_DIBAO;
  flow->applied_on = build->applied_on;
  flow->transitions = build->steps != NULL ? g_steal_pointer (&build->steps) :
    g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_transition_free);
  for (guint i = flow->transitions->len; i > 0; i--)
    if (!step_is_complete (g_ptr_array_index (flow->transitions, i - 1)))
      g_ptr_array_remove_index_fast (flow->transitions, i - 1);
  g_ptr_array_sort (flow->transitions, compare_versions);
  flow->state = RUHU_CASE_STATE_APPLIED;
  for (guint i = 0; i < flow->transitions->len; i++)
    {
      RuhuTransition *step = g_ptr_array_index (flow->transitions, i);
      RuhuCaseState next;

      step->counted = step->from == flow->state &&
                      ruhu_step_leads (flow->category, step->step, step->from, &next) &&
                      next == step->to;
      flow->state = step->counted ? next : flow->state;
    }
  return flow;
}

static gboolean
last_counted_is_return (const RuhuCaseFlow *flow)
{
  for (guint i = flow->transitions->len; i > 0; i--)
    {
      const RuhuTransition *step = g_ptr_array_index (flow->transitions, i - 1);

      if (step->counted)
        return step->step == RUHU_STEP_RETURN;
    }
  return FALSE;
}

static void
resolve_deadline (RuhuCaseInfo       *info,
                  const RuhuCaseFlow *flow,
                  IndexBuild         *index)
{
  g_autoptr(GError) error = NULL;
  RuhuCaseDeadline deadline;

  g_date_clear (&info->deadline, 1);
  if (index->options->calendar == NULL)
    return;
  if (!ruhu_case_flow_next_deadline (flow, index->options->calendar, &index->today, &deadline, &error))
    {
      g_debug ("No deadline for %s: %s", info->case_id, error->message);
      return;
    }
  info->deadline_kind = deadline.kind;
  info->has_deadline = deadline.kind != RUHU_CASE_DEADLINE_NONE;
  info->deadline = deadline.due;
}

RuhuCaseInfo *
ruhu_case_build_resolve (CaseBuild  *build,
                         IndexBuild *index)
{
  RuhuCaseInfo *info = build->info;
  g_autoptr(RuhuCaseFlow) flow = make_flow (build);

  info->state = flow->state;
  info->returned = last_counted_is_return (flow);
  info->assigned_to_me |= build->team_has_me;
  resolve_deadline (info, flow, index);
  info->id_tails = build->tails != NULL ? g_string_free (g_steal_pointer (&build->tails), FALSE)
                                        : g_strdup ("");
  return g_steal_pointer (&build->info);
}
