/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-date.h"
#include "ruhu-signed-sheet.h"
#include "ruhu-workflow-private.h"

/* The evidence and timing a step needs, read from the case's entities.
 * Each check returns FALSE with a stable code and a translated reason. */

/* Age from which a person has a resident ID card whose two sides are
 * required evidence. */
#define ID_CARD_AGE 16

typedef struct
{
  RuhuStore  *store;
  const char *case_id;
  GPtrArray  *entities;  /* RuhuEntityInfo*, the case's */
  char      **code;
  char      **reason;
} Evidence;

static gboolean
refuse (Evidence   *ev,
        const char *code,
        char       *reason)
{
  return ruhu_workflow_refuse (ev->code, ev->reason, code, reason);
}

static char *
get_string (RuhuStore  *store,
            const char *entity,
            const char *field)
{
  g_autoptr(JsonNode) node = ruhu_store_get_value (store, entity, field, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static gboolean
get_true (RuhuStore  *store,
          const char *entity,
          const char *field)
{
  g_autoptr(JsonNode) node = ruhu_store_get_value (store, entity, field, NULL);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static gboolean
is_live (const RuhuEntityInfo *info,
         const char           *kind)
{
  return !info->deleted && strcmp (info->kind, kind) == 0;
}

/* Whether a live @kind entity has @field equal to @value and, if @member is
 * given, refers to it. */
static gboolean
has_entity_with (Evidence   *ev,
                 const char *kind,
                 const char *field,
                 const char *value,
                 const char *member)
{
  for (guint i = 0; i < ev->entities->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (ev->entities, i);
      g_autofree char *got = NULL;
      g_autofree char *who = NULL;

      if (!is_live (info, kind))
        continue;
      got = get_string (ev->store, info->id, field);
      who = member != NULL ? get_string (ev->store, info->id, "member") : NULL;
      if (g_strcmp0 (got, value) == 0 && g_strcmp0 (who, member) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_authorised (Evidence   *ev,
               const char *member)
{
  for (guint i = 0; i < ev->entities->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (ev->entities, i);
      g_autofree char *who = NULL;

      if (!is_live (info, "authorisation"))
        continue;
      who = get_string (ev->store, info->id, "member");
      if (g_strcmp0 (who, member) == 0 && get_true (ev->store, info->id, "signed"))
        return TRUE;
    }
  return FALSE;
}

static char *
member_name (Evidence             *ev,
             const RuhuEntityInfo *info)
{
  char *name = get_string (ev->store, info->id, "name");

  return name != NULL ? name : g_strdup (info->id);
}

/* Every covered member and every obligor signed an authorisation. */
static gboolean
check_authorisations (Evidence *ev)
{
  g_autoptr(GString) missing = g_string_new (NULL);
  guint n_members = 0;

  for (guint i = 0; i < ev->entities->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (ev->entities, i);
      g_autofree char *name = NULL;

      if (!is_live (info, "member"))
        continue;
      n_members++;
      if (is_authorised (ev, info->id))
        continue;
      name = member_name (ev, info);
      g_string_append_printf (missing, "%s%s", missing->len > 0 ? ", " : "", name);
    }
  if (n_members == 0)
    return refuse (ev, "workflow_evidence", g_strdup (_("No members are recorded yet.")));
  if (missing->len > 0)
    return refuse (ev, "workflow_evidence",
                   g_strdup_printf (_("Authorisations are not signed by: %s."), missing->str));
  return TRUE;
}

static gboolean
check_signed_sheet (Evidence  *ev,
                    char     **sheet_out)
{
  g_autofree char *sheet = ruhu_signed_sheet_find (ev->store, ev->case_id, NULL);
  RuhuSheetLockState state;

  if (sheet == NULL)
    return refuse (ev, "workflow_evidence", g_strdup (_("The case has no check sheet.")));
  if (!ruhu_signed_sheet_get_state (ev->store, sheet, &state, NULL) || !state.locked)
    return refuse (ev, "workflow_evidence",
                   g_strdup (_("The check sheet is not signed by two investigators.")));
  if (sheet_out != NULL)
    *sheet_out = g_steal_pointer (&sheet);
  return TRUE;
}

static gboolean
check_investigated (Evidence *ev)
{
  g_autofree char *sheet = NULL;

  if (!check_signed_sheet (ev, &sheet))
    return FALSE;
  for (guint i = 0; i < ev->entities->len; i++)
    if (ruhu_signed_sheet_is_signer (ev->store, g_ptr_array_index (ev->entities, i), sheet,
                                     "applicant"))
      return TRUE;
  return refuse (ev, "workflow_evidence",
                 g_strdup (_("The applicant has not confirmed the check sheet.")));
}

static gboolean
is_adult_covered (Evidence             *ev,
                  const RuhuEntityInfo *info,
                  const GDate          *on)
{
  g_autofree char *role = get_string (ev->store, info->id, "role");
  g_autofree char *birth = get_string (ev->store, info->id, "birth_date");
  GDate born;

  if (g_strcmp0 (role, "covered") != 0)
    return FALSE;
  /* Without a birth date the person counts as an adult: the card is asked for. */
  if (birth == NULL || !ruhu_date_parse (birth, &born) || on == NULL)
    return TRUE;
  g_date_add_years (&born, ID_CARD_AGE);
  return g_date_compare (&born, on) <= 0;
}

/* Both sides of the ID card of every covered adult, and the hukou's first page. */
static gboolean
check_documents (Evidence    *ev,
                 const GDate *on)
{
  g_autoptr(GString) missing = g_string_new (NULL);

  for (guint i = 0; i < ev->entities->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (ev->entities, i);
      g_autofree char *name = NULL;

      if (!is_live (info, "member") || !is_adult_covered (ev, info, on))
        continue;
      if (has_entity_with (ev, "evidence", "category", "id_front", info->id) &&
          has_entity_with (ev, "evidence", "category", "id_back", info->id))
        continue;
      name = member_name (ev, info);
      g_string_append_printf (missing, "%s%s", missing->len > 0 ? ", " : "", name);
    }
  if (missing->len > 0)
    return refuse (ev, "workflow_evidence",
                   g_strdup_printf (_("Both sides of the ID card are missing for: %s."),
                                    missing->str));
  if (!has_entity_with (ev, "evidence", "category", "hukou_first_page", NULL))
    return refuse (ev, "workflow_evidence",
                   g_strdup (_("The first page of the hukou booklet is missing.")));
  return TRUE;
}

static gboolean
check_reviewable (Evidence    *ev,
                  const GDate *on)
{
  g_autofree char *sheet = NULL;
  gboolean interviewed = FALSE;

  if (!check_signed_sheet (ev, &sheet))
    return FALSE;
  for (guint i = 0; i < ev->entities->len && !interviewed; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (ev->entities, i);

      interviewed = is_live (info, "neighbour_interview") && g_strcmp0 (info->parent, sheet) == 0;
    }
  if (!interviewed)
    return refuse (ev, "workflow_evidence",
                   g_strdup (_("No neighbour interview is recorded on the check sheet.")));
  return check_documents (ev, on);
}

/* Since the last time the case went back to investigating, every step of
 * the way: nothing is confirmed directly. */
static gboolean
check_every_step (Evidence           *ev,
                  const RuhuCaseFlow *flow)
{
  const RuhuCategoryRule *cat = &ruhu_category_rules[flow->category];
  guint seen = 0;
  guint needed = 1u << RUHU_STEP_ACCEPT | 1u << RUHU_STEP_START_INVESTIGATION |
                 1u << RUHU_STEP_FINISH_INVESTIGATION | 1u << RUHU_STEP_REVIEW |
                 1u << RUHU_STEP_REPORT;

  if (!cat->skips_evaluation)
    needed |= 1u << RUHU_STEP_EVALUATE;
  if (!cat->skips_notice)
    needed |= 1u << RUHU_STEP_POST_NOTICE;
  for (guint i = 0; i < flow->transitions->len; i++)
    {
      const RuhuTransition *transition = g_ptr_array_index (flow->transitions, i);

      if (!transition->counted)
        continue;
      if (transition->to == RUHU_CASE_STATE_INVESTIGATING)
        seen &= 1u << RUHU_STEP_ACCEPT | 1u << RUHU_STEP_START_INVESTIGATION;
      seen |= 1u << transition->step;
    }
  if ((seen & needed) != needed)
    return refuse (ev, "workflow_not_allowed",
                   g_strdup (_("Nothing may be confirmed without acceptance, investigation, "
                               "review and report.")));
  return TRUE;
}

static gboolean
check_notice_over (Evidence           *ev,
                   const RuhuCaseFlow *flow,
                   const GDate        *on)
{
  const RuhuTransition *posted = ruhu_case_flow_find_last (flow, RUHU_STEP_POST_NOTICE);
  gboolean after_objection = ruhu_case_flow_find_last (flow, RUHU_STEP_OBJECT) != NULL;
  RuhuNoticePeriod period;
  GDate first;

  if (posted == NULL || !ruhu_transition_date (posted, &first) || on == NULL)
    return TRUE;
  ruhu_notice_period_init (&period, after_objection ? RUHU_NOTICE_AFTER_OBJECTION :
                                                      RUHU_NOTICE_INITIAL, &first);
  if (g_date_compare (on, &period.last) <= 0)
    {
      g_autofree char *last = ruhu_date_format (&period.last);

      return refuse (ev, "workflow_too_early",
                     g_strdup_printf (_("The public notice runs until %s."), last));
    }
  return TRUE;
}

static gboolean
check_materials_lapsed (Evidence           *ev,
                        const RuhuCaseFlow *flow,
                        const GDate        *on)
{
  const RuhuTransition *notice = ruhu_case_flow_find_last (flow, RUHU_STEP_REQUEST_MATERIALS);
  GDate due;

  if (notice == NULL || notice->due_on == NULL || !ruhu_date_parse (notice->due_on, &due) ||
      on == NULL || g_date_compare (on, &due) > 0)
    return TRUE;
  return refuse (ev, "workflow_too_early",
                 g_strdup_printf (_("The missing materials may still be supplied until %s."),
                                  notice->due_on));
}

static gboolean
check_once (Evidence           *ev,
            const RuhuCaseFlow *flow,
            RuhuStep            step)
{
  if (ruhu_case_flow_find_last (flow, step) == NULL)
    return TRUE;
  return refuse (ev, "workflow_once", g_strdup_printf (_("“%s” can be done only once."),
                                                       ruhu_step_get_label (step)));
}

/**
 * ruhu_workflow_check_evidence:
 * @on: (nullable): the day the step is taken, for the checks of timing
 *
 * Returns: whether the case holds what @step needs
 */
gboolean
ruhu_workflow_check_evidence (RuhuStore          *store,
                              const RuhuCaseFlow *flow,
                              RuhuStep            step,
                              const GDate        *on,
                              char              **code,
                              char              **reason)
{
  g_autoptr(GPtrArray) entities = ruhu_store_list_entities (store, flow->case_id, NULL);
  Evidence ev = { store, flow->case_id, entities, code, reason };

  if (entities == NULL)
    return refuse (&ev, "workflow_unreadable", g_strdup (_("The case could not be read.")));
  switch (step)
    {
    case RUHU_STEP_REQUEST_MATERIALS:
    case RUHU_STEP_EXTEND_DEADLINE:
      return check_once (&ev, flow, step);
    case RUHU_STEP_LAPSE:
      return check_materials_lapsed (&ev, flow, on);
    case RUHU_STEP_START_INVESTIGATION:
      return check_authorisations (&ev);
    case RUHU_STEP_FINISH_INVESTIGATION:
      return check_investigated (&ev);
    case RUHU_STEP_REVIEW:
      return check_reviewable (&ev, on);
    case RUHU_STEP_REPORT:
      return check_notice_over (&ev, flow, on);
    case RUHU_STEP_GRANT:
    case RUHU_STEP_REFUSE:
      return check_every_step (&ev, flow);
    case RUHU_STEP_ADJUST:
      return check_signed_sheet (&ev, NULL);
    case RUHU_STEP_SUPPLY_MATERIALS:
    case RUHU_STEP_ACCEPT:
    case RUHU_STEP_EVALUATE:
    case RUHU_STEP_RETURN:
    case RUHU_STEP_POST_NOTICE:
    case RUHU_STEP_OBJECT:
    case RUHU_STEP_DELIVER_REFUSAL:
    case RUHU_STEP_PUBLISH:
    case RUHU_STEP_START_PERIODIC_REVIEW:
    case RUHU_STEP_CONTINUE:
    case RUHU_STEP_STOP:
    case RUHU_STEP_CONFIRM_ALIVE:
    case RUHU_STEP_RECORD_DEATH:
    case RUHU_STEP_WITHDRAW:
    case RUHU_STEP_TRANSFER:
    case RUHU_N_STEPS:
    default:
      return TRUE;
    }
}
