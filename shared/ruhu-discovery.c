/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-discovery.h"
#include "ruhu-date.h"

G_DEFINE_QUARK (ruhu-discovery-error-quark, ruhu_discovery_error)

/* The entities of a case this module cares about. */
typedef struct
{
  char *report;
  char *application;
} CaseParts;

static void
case_parts_clear (CaseParts *parts)
{
  g_clear_pointer (&parts->report, g_free);
  g_clear_pointer (&parts->application, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CaseParts, case_parts_clear)

static gboolean
read_parts (RuhuStore   *store,
            const char  *case_id,
            CaseParts   *parts,
            GError     **error)
{
  g_autoptr(GPtrArray) entities = ruhu_store_list_entities (store, case_id, error);

  if (entities == NULL)
    return FALSE;
  for (guint i = 0; i < entities->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (entities, i);

      if (info->deleted)
        continue;
      if (parts->report == NULL && g_str_equal (info->kind, "discovery_report"))
        parts->report = g_strdup (info->id);
      else if (parts->application == NULL && g_str_equal (info->kind, "application"))
        parts->application = g_strdup (info->id);
    }
  if (parts->report == NULL)
    {
      g_set_error (error, RUHU_DISCOVERY_ERROR, RUHU_DISCOVERY_ERROR_NO_REPORT,
                   _("This case has no discovery report."));
      return FALSE;
    }
  return TRUE;
}

/**
 * ruhu_discovery_find_report:
 *
 * Returns: (transfer full): the id of the case's discovery report, or %NULL
 *   with %RUHU_DISCOVERY_ERROR_NO_REPORT if it has none
 */
char *
ruhu_discovery_find_report (RuhuStore   *store,
                            const char  *case_id,
                            GError     **error)
{
  g_auto(CaseParts) parts = { NULL, NULL };

  g_return_val_if_fail (RUHU_IS_STORE (store), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  if (!read_parts (store, case_id, &parts, error))
    return NULL;
  return g_steal_pointer (&parts.report);
}

static char *
string_field (RuhuStore  *store,
              const char *entity,
              const char *field)
{
  g_autoptr(JsonNode) value = ruhu_store_get_value (store, entity, field, NULL);

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
      json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (value));
}

/* Writes one field; takes @value. */
static gboolean
put (RuhuStore   *store,
     const char  *entity,
     const char  *kind,
     const char  *case_id,
     const char  *parent,
     const char  *field,
     JsonNode    *value,
     const char  *actor,
     GError     **error)
{
  g_autoptr(JsonNode) owned = value;
  g_autoptr(RuhuOp) op = ruhu_store_write (store, entity, kind, case_id, parent, field, owned,
                                           actor, error);

  return op != NULL;
}

static JsonNode *
text_node (const char *text)
{
  return json_node_init_string (json_node_alloc (), text);
}

/* Refuses a second, different decision; the same one again is a no-op. */
static gboolean
check_undecided (RuhuStore   *store,
                 const char  *report,
                 const char  *wanted,
                 gboolean    *already,
                 GError     **error)
{
  g_autofree char *outcome = string_field (store, report, "outcome");

  *already = g_strcmp0 (outcome, wanted) == 0;
  if (outcome != NULL && !*already)
    {
      g_set_error (error, RUHU_DISCOVERY_ERROR, RUHU_DISCOVERY_ERROR_DECIDED,
                   _("This report has already been decided."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_outcome (RuhuStore   *store,
               const char  *case_id,
               const char  *report,
               const char  *outcome,
               const char  *actor,
               GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");

  /* The outcome last: a report shows as decided only when all is there. */
  return put (store, report, "discovery_report", case_id, case_id, "outcome_by",
              text_node (actor), actor, error) &&
         put (store, report, "discovery_report", case_id, case_id, "outcome_at",
              text_node (at), actor, error) &&
         put (store, report, "discovery_report", case_id, case_id, "outcome",
              text_node (outcome), actor, error);
}

/* The household's head as a member, created from the reported person's
 * name when the household has none yet. Returns the member's id. */
static char *
ensure_head (RuhuStore   *store,
             const char  *case_id,
             const char  *report,
             const char  *actor,
             GError     **error)
{
  g_autofree char *head = string_field (store, case_id, "head_member");
  g_autofree char *name = NULL;
  g_autofree char *head_name = NULL;
  g_autofree char *member = NULL;

  if (head != NULL)
    return g_steal_pointer (&head);
  head_name = string_field (store, case_id, "head_name");
  name = head_name != NULL ? g_steal_pointer (&head_name)
                           : string_field (store, report, "person_name");
  member = g_uuid_string_random ();
  if ((name != NULL &&
       !put (store, member, "member", case_id, case_id, "name", text_node (name), actor, error)) ||
      !put (store, member, "member", case_id, case_id, "role", text_node ("covered"), actor,
            error) ||
      !put (store, member, "member", case_id, case_id, "relation", text_node ("applicant"), actor,
            error) ||
      !put (store, case_id, "household", case_id, NULL, "head_member", text_node (member), actor,
            error))
    return NULL;
  if (name != NULL &&
      !put (store, case_id, "household", case_id, NULL, "head_name", text_node (name), actor,
            error))
    return NULL;
  return g_steal_pointer (&member);
}

/* The application the report becomes: made today through the village, on
 * the household's behalf by whoever reported it. */
static gboolean
write_application (RuhuStore   *store,
                   const char  *case_id,
                   const char  *report,
                   const char  *applicant,
                   const char  *actor,
                   GError     **error)
{
  g_autofree char *application = g_uuid_string_random ();
  g_autofree char *agent = string_field (store, report, "reporter_name");
  g_autofree char *situation = string_field (store, report, "situation");
  g_autofree char *today = NULL;
  GDate date;

  ruhu_date_get_today (NULL, &date);
  today = ruhu_date_format (&date);
  if (!put (store, application, "application", case_id, case_id, "applied_on",
            text_node (today), actor, error) ||
      !put (store, application, "application", case_id, case_id, "channel",
            text_node ("village"), actor, error) ||
      !put (store, application, "application", case_id, case_id, "applicant",
            text_node (applicant), actor, error) ||
      !put (store, application, "application", case_id, case_id, "on_behalf",
            json_node_init_boolean (json_node_alloc (), TRUE), actor, error))
    return FALSE;
  if (agent != NULL &&
      !put (store, application, "application", case_id, case_id, "agent_name",
            text_node (agent), actor, error))
    return FALSE;
  return situation == NULL ||
         put (store, application, "application", case_id, case_id, "hardship_description",
              text_node (situation), actor, error);
}

/**
 * ruhu_discovery_make_application:
 * @actor: the user deciding
 *
 * Turns the case's discovery report into an application made on the
 * household's behalf (代办), and records the outcome on the report. A case
 * that already has an application gets no second one.
 *
 * Returns: %FALSE with @error if the case has no report, the report was
 *   closed, or the store failed
 */
gboolean
ruhu_discovery_make_application (RuhuStore   *store,
                                 const char  *case_id,
                                 const char  *actor,
                                 GError     **error)
{
  g_auto(CaseParts) parts = { NULL, NULL };
  g_autofree char *applicant = NULL;
  gboolean already;

  g_return_val_if_fail (RUHU_IS_STORE (store), FALSE);
  g_return_val_if_fail (case_id != NULL && actor != NULL, FALSE);

  if (!read_parts (store, case_id, &parts, error) ||
      !check_undecided (store, parts.report, RUHU_DISCOVERY_OUTCOME_APPLICATION, &already, error))
    return FALSE;
  if (parts.application == NULL)
    {
      applicant = ensure_head (store, case_id, parts.report, actor, error);
      if (applicant == NULL ||
          !write_application (store, case_id, parts.report, applicant, actor, error))
        return FALSE;
    }
  return already ||
         write_outcome (store, case_id, parts.report, RUHU_DISCOVERY_OUTCOME_APPLICATION, actor,
                        error);
}

/**
 * ruhu_discovery_close:
 * @reason: why the report leads to nothing; required
 *
 * Closes the case's discovery report with @reason.
 *
 * Returns: %FALSE with @error if @reason is empty, the case has no report,
 *   the report was decided otherwise, or the store failed
 */
gboolean
ruhu_discovery_close (RuhuStore   *store,
                      const char  *case_id,
                      const char  *reason,
                      const char  *actor,
                      GError     **error)
{
  g_auto(CaseParts) parts = { NULL, NULL };
  g_autofree char *trimmed = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  gboolean already;

  g_return_val_if_fail (RUHU_IS_STORE (store), FALSE);
  g_return_val_if_fail (case_id != NULL && actor != NULL, FALSE);

  if (*trimmed == '\0')
    {
      g_set_error (error, RUHU_DISCOVERY_ERROR, RUHU_DISCOVERY_ERROR_REASON_REQUIRED,
                   _("Give the reason for closing the report."));
      return FALSE;
    }
  if (!read_parts (store, case_id, &parts, error) ||
      !check_undecided (store, parts.report, RUHU_DISCOVERY_OUTCOME_CLOSED, &already, error))
    return FALSE;
  if (already)
    return TRUE;
  return put (store, parts.report, "discovery_report", case_id, case_id, "closed_reason",
              text_node (trimmed), actor, error) &&
         write_outcome (store, case_id, parts.report, RUHU_DISCOVERY_OUTCOME_CLOSED, actor, error);
}
