/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ruhu-case-summary.h"
#include "ruhu-date.h"

struct _RuhuCaseSummary
{
  GObject       parent_instance;
  RuhuCaseInfo *info;
  char         *category_label;  /* NULL: no category */
  char         *deadline_label;  /* NULL: no deadline */
  char         *name_key;        /* collation key of the head's name */
};

G_DEFINE_FINAL_TYPE (RuhuCaseSummary, ruhu_case_summary, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CASE_ID,
  PROP_HEAD_NAME,
  PROP_VILLAGE,
  PROP_CATEGORY_LABEL,
  PROP_STATUS_LABEL,
  PROP_DEADLINE_LABEL,
  PROP_DEADLINE_STATE,
  PROP_N_CONFLICTS,
  PROP_UNSYNCED,
  PROP_ASSIGNED_TO_ME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ruhu_case_summary_finalize (GObject *object)
{
  RuhuCaseSummary *self = RUHU_CASE_SUMMARY (object);

  ruhu_case_info_free (self->info);
  g_free (self->category_label);
  g_free (self->deadline_label);
  g_free (self->name_key);
  G_OBJECT_CLASS (ruhu_case_summary_parent_class)->finalize (object);
}

static void
ruhu_case_summary_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RuhuCaseSummary *self = RUHU_CASE_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_CASE_ID:
      g_value_set_string (value, self->info->case_id);
      break;
    case PROP_HEAD_NAME:
      g_value_set_string (value, ruhu_case_summary_get_head_name (self));
      break;
    case PROP_VILLAGE:
      g_value_set_string (value, ruhu_case_summary_get_village (self));
      break;
    case PROP_CATEGORY_LABEL:
      g_value_set_string (value, ruhu_case_summary_get_category_label (self));
      break;
    case PROP_STATUS_LABEL:
      g_value_set_string (value, ruhu_case_summary_get_state_label (self));
      break;
    case PROP_DEADLINE_LABEL:
      g_value_set_string (value, ruhu_case_summary_get_deadline_label (self));
      break;
    case PROP_DEADLINE_STATE:
      g_value_set_int (value, self->info->has_deadline ? (int) self->info->deadline_status.state : -1);
      break;
    case PROP_N_CONFLICTS:
      g_value_set_uint (value, self->info->n_conflicts);
      break;
    case PROP_UNSYNCED:
      g_value_set_boolean (value, self->info->n_unsynced > 0);
      break;
    case PROP_ASSIGNED_TO_ME:
      g_value_set_boolean (value, self->info->assigned_to_me);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ruhu_case_summary_class_init (RuhuCaseSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ruhu_case_summary_finalize;
  object_class->get_property = ruhu_case_summary_get_property;

  properties[PROP_CASE_ID] = g_param_spec_string ("case-id", NULL, NULL, NULL, flags);
  properties[PROP_HEAD_NAME] = g_param_spec_string ("head-name", NULL, NULL, NULL, flags);
  properties[PROP_VILLAGE] = g_param_spec_string ("village", NULL, NULL, NULL, flags);
  properties[PROP_CATEGORY_LABEL] = g_param_spec_string ("category-label", NULL, NULL, NULL, flags);
  properties[PROP_STATUS_LABEL] = g_param_spec_string ("status-label", NULL, NULL, NULL, flags);
  properties[PROP_DEADLINE_LABEL] = g_param_spec_string ("deadline-label", NULL, NULL, NULL, flags);
  /* A RuhuDeadlineState, or -1 without a deadline. */
  properties[PROP_DEADLINE_STATE] = g_param_spec_int ("deadline-state", NULL, NULL, -1,
                                                      RUHU_DEADLINE_STATE_OVERDUE, -1, flags);
  properties[PROP_N_CONFLICTS] = g_param_spec_uint ("n-conflicts", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_UNSYNCED] = g_param_spec_boolean ("unsynced", NULL, NULL, FALSE, flags);
  properties[PROP_ASSIGNED_TO_ME] = g_param_spec_boolean ("assigned-to-me", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ruhu_case_summary_init (RuhuCaseSummary *self)
{
}

/**
 * ruhu_case_info_get_state_label:
 *
 * Returns: (transfer none): the case's workflow state for people; a
 *   household without an application is "Not applied", a case returned
 *   to its investigators "Returned with comments"
 */
const char *
ruhu_case_info_get_state_label (const RuhuCaseInfo *info)
{
  if (!info->has_application && info->state == RUHU_CASE_STATE_APPLIED)
    /* Translators: case state: a household known, no application yet */
    return _("Not applied");
  if (info->returned)
    /* Translators: case state: a supervisor sent the case back to the
     * investigators with comments */
    return _("Returned with comments");
  return ruhu_case_state_get_label (info->state);
}

/**
 * ruhu_case_info_format_deadline:
 *
 * "Overdue · Acceptance: 2025-10-09": where the next deadline stands, what
 * is due and when; the mark is in words, not only in colour.
 *
 * Returns: (transfer full) (nullable): the text, %NULL without a deadline
 */
char *
ruhu_case_info_format_deadline (const RuhuCaseInfo *info)
{
  g_autofree char *date = NULL;
  g_autofree char *due = NULL;

  if (!info->has_deadline)
    return NULL;
  date = ruhu_date_format (&info->deadline);
  /* Translators: in the case list: what is due next (e.g. "Acceptance"),
   * then its due date (YYYY-MM-DD) */
  due = g_strdup_printf (_("%s: %s"), ruhu_case_deadline_kind_get_label (info->deadline_kind), date);
  switch (info->deadline_status.state)
    {
    case RUHU_DEADLINE_STATE_OVERDUE:
      /* Translators: in the case list; %s is e.g. "Acceptance: 2025-10-09" */
      return g_strdup_printf (_("Overdue · %s"), due);
    case RUHU_DEADLINE_STATE_DUE_TODAY:
      /* Translators: in the case list; %s is e.g. "Acceptance: 2025-10-09" */
      return g_strdup_printf (_("Due today · %s"), due);
    case RUHU_DEADLINE_STATE_DUE_SOON:
      /* Translators: in the case list; %s is e.g. "Acceptance: 2025-10-09" */
      return g_strdup_printf (_("Due soon · %s"), due);
    case RUHU_DEADLINE_STATE_ON_TRACK:
    default:
      return g_steal_pointer (&due);
    }
}

static char *
lookup_category_label (RuhuFormSet *forms,
                       const char  *category)
{
  RuhuForm *form = forms != NULL ? ruhu_form_set_lookup (forms, "household") : NULL;
  RuhuFormField *field = form != NULL ? ruhu_form_lookup_field (form, "category") : NULL;
  const char *label = NULL;

  if (category == NULL)
    return NULL;
  if (field != NULL)
    label = ruhu_form_field_lookup_option_label (field, category);
  /* An option a newer form added: show its value rather than nothing. */
  return g_strdup (label != NULL ? label : category);
}

/**
 * ruhu_case_summary_new:
 * @info: (transfer full): the case
 * @forms: (nullable): for the category's label
 *
 * May be called from a worker thread.
 */
RuhuCaseSummary *
ruhu_case_summary_new (RuhuCaseInfo *info,
                       RuhuFormSet  *forms)
{
  RuhuCaseSummary *self = g_object_new (RUHU_TYPE_CASE_SUMMARY, NULL);

  self->info = info;
  self->category_label = lookup_category_label (forms, info->category);
  self->deadline_label = ruhu_case_info_format_deadline (info);
  self->name_key = g_utf8_collate_key (info->head_name != NULL ? info->head_name : "", -1);
  return self;
}

/* Takes over @from's data (a fresh load of the same case) and notifies. */
void
ruhu_case_summary_update (RuhuCaseSummary *self,
                          RuhuCaseSummary *from)
{
  g_return_if_fail (RUHU_IS_CASE_SUMMARY (self));
  g_return_if_fail (RUHU_IS_CASE_SUMMARY (from));

  g_object_freeze_notify (G_OBJECT (self));
  {
    RuhuCaseInfo *info = self->info;
    char *category_label = self->category_label;
    char *deadline_label = self->deadline_label;
    char *name_key = self->name_key;

    self->info = from->info;
    self->category_label = from->category_label;
    self->deadline_label = from->deadline_label;
    self->name_key = from->name_key;
    from->info = info;
    from->category_label = category_label;
    from->deadline_label = deadline_label;
    from->name_key = name_key;
  }
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

const RuhuCaseInfo *
ruhu_case_summary_get_info (RuhuCaseSummary *self)
{
  g_return_val_if_fail (RUHU_IS_CASE_SUMMARY (self), NULL);
  return self->info;
}

const char *
ruhu_case_summary_get_case_id (RuhuCaseSummary *self)
{
  g_return_val_if_fail (RUHU_IS_CASE_SUMMARY (self), NULL);
  return self->info->case_id;
}

const char *
ruhu_case_summary_get_head_name (RuhuCaseSummary *self)
{
  g_return_val_if_fail (RUHU_IS_CASE_SUMMARY (self), NULL);
  /* Translators: in the case list, a household whose head is not entered yet */
  return self->info->head_name != NULL ? self->info->head_name : _("Unnamed household");
}

const char *
ruhu_case_summary_get_village (RuhuCaseSummary *self)
{
  g_return_val_if_fail (RUHU_IS_CASE_SUMMARY (self), NULL);
  return self->info->village_name != NULL ? self->info->village_name : "";
}

const char *
ruhu_case_summary_get_category_label (RuhuCaseSummary *self)
{
  g_return_val_if_fail (RUHU_IS_CASE_SUMMARY (self), NULL);
  return self->category_label != NULL ? self->category_label : "";
}

const char *
ruhu_case_summary_get_state_label (RuhuCaseSummary *self)
{
  g_return_val_if_fail (RUHU_IS_CASE_SUMMARY (self), NULL);
  return ruhu_case_info_get_state_label (self->info);
}

const char *
ruhu_case_summary_get_deadline_label (RuhuCaseSummary *self)
{
  g_return_val_if_fail (RUHU_IS_CASE_SUMMARY (self), NULL);
  /* Translators: in the case list, a case with no deadline to show */
  return self->deadline_label != NULL ? self->deadline_label : _("No deadline");
}

const char *
ruhu_case_summary_get_name_key (RuhuCaseSummary *self)
{
  g_return_val_if_fail (RUHU_IS_CASE_SUMMARY (self), NULL);
  return self->name_key;
}

/**
 * ruhu_case_summary_matches_text:
 * @text: what the user typed, already trimmed, with `x` upper-cased
 *
 * Whether the head's name or the village contains @text, or @text is part
 * of the tail of a member's ID number. A longer text can only match fewer
 * cases, which lets the list filter only what it shows.
 */
gboolean
ruhu_case_summary_matches_text (RuhuCaseSummary *self,
                                const char      *text)
{
  const RuhuCaseInfo *info = self->info;

  return (info->head_name != NULL && strstr (info->head_name, text) != NULL) ||
         (info->village_name != NULL && strstr (info->village_name, text) != NULL) ||
         strstr (info->id_tails, text) != NULL;
}
