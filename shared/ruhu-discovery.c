/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-derived-id.h"
#include "ruhu-discovery-private.h"

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

char *
ruhu_discovery_get_string (RuhuStore  *store,
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
gboolean
ruhu_discovery_put (RuhuStore   *store,
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

JsonNode *
ruhu_discovery_text (const char *text)
{
  return json_node_init_string (json_node_alloc (), text);
}

/**
 * ruhu_discovery_get_state:
 * @report: the report's entity id
 *
 * Returns: the report's outcome, over every current version of it
 */
RuhuDiscoveryState
ruhu_discovery_get_state (RuhuStore  *store,
                          const char *report)
{
  g_autoptr(GPtrArray) heads = NULL;
  gboolean applied = FALSE;
  gboolean closed = FALSE;

  g_return_val_if_fail (RUHU_IS_STORE (store) && report != NULL, RUHU_DISCOVERY_UNDECIDED);

  heads = ruhu_store_get_heads (store, report, "outcome", NULL);
  for (guint i = 0; heads != NULL && i < heads->len; i++)
    {
      RuhuOp *head = g_ptr_array_index (heads, i);
      const char *outcome;

      if (!JSON_NODE_HOLDS_VALUE (head->value) ||
          json_node_get_value_type (head->value) != G_TYPE_STRING)
        continue;
      outcome = json_node_get_string (head->value);
      applied |= g_str_equal (outcome, RUHU_DISCOVERY_OUTCOME_APPLICATION);
      closed |= g_str_equal (outcome, RUHU_DISCOVERY_OUTCOME_CLOSED);
    }
  if (applied && closed)
    return RUHU_DISCOVERY_CONTESTED;
  return applied ? RUHU_DISCOVERY_APPLIED : closed ? RUHU_DISCOVERY_CLOSED
                                                  : RUHU_DISCOVERY_UNDECIDED;
}

/**
 * ruhu_discovery_application_id:
 * @report: the report's entity id
 *
 * Returns: (transfer full): the id of the application made from @report,
 *   the same on every device
 */
char *
ruhu_discovery_application_id (const char *report)
{
  g_return_val_if_fail (report != NULL, NULL);
  return ruhu_derived_id (report, "application");
}

/* Refuses a second, different decision; the same one again is a no-op. */
static gboolean
check_undecided (RuhuStore   *store,
                 const char  *report,
                 const char  *wanted,
                 gboolean    *already,
                 GError     **error)
{
  g_autofree char *outcome = ruhu_discovery_get_string (store, report, "outcome");

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
put_report (RuhuStore   *store,
            const char  *case_id,
            const char  *report,
            const char  *field,
            const char  *text,
            const char  *actor,
            GError     **error)
{
  return ruhu_discovery_put (store, report, "discovery_report", case_id, case_id, field,
                             ruhu_discovery_text (text), actor, error);
}

static gboolean
write_outcome (RuhuStore   *store,
               const char  *case_id,
               const char  *report,
               const char  *outcome,
               const char  *actor,
               GDateTime   *at,
               GError     **error)
{
  g_autofree char *at_text = g_date_time_format (at, "%Y-%m-%dT%H:%M:%S%:z");

  /* The outcome last: a report shows as decided only when all is there. */
  return put_report (store, case_id, report, "outcome_by", actor, actor, error) &&
         put_report (store, case_id, report, "outcome_at", at_text, actor, error) &&
         put_report (store, case_id, report, "outcome", outcome, actor, error);
}

/**
 * ruhu_discovery_make_application:
 * @actor: the user deciding
 *
 * Turns the case's discovery report into an application made on the
 * household's behalf (代办), now: see ruhu_discovery_make_application_at().
 */
gboolean
ruhu_discovery_make_application (RuhuStore   *store,
                                 const char  *case_id,
                                 const char  *actor,
                                 GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return ruhu_discovery_make_application_at (store, case_id, actor, now, error);
}

/**
 * ruhu_discovery_make_application_at:
 * @actor: the user deciding
 * @at: the time of the decision; the application is dated that day
 *
 * Turns the case's discovery report into an application made on the
 * household's behalf (代办), with what the report says of the category,
 * the agent and the household, and records the outcome on the report. A
 * case that already has an application gets no second one, and the
 * application's id derives from the report's, so that two devices doing
 * this offline make one application.
 *
 * Returns: %FALSE with @error if the case has no report, the report was
 *   closed, or the store failed
 */
gboolean
ruhu_discovery_make_application_at (RuhuStore   *store,
                                    const char  *case_id,
                                    const char  *actor,
                                    GDateTime   *at,
                                    GError     **error)
{
  g_auto(CaseParts) parts = { NULL, NULL };
  gboolean already;

  g_return_val_if_fail (RUHU_IS_STORE (store), FALSE);
  g_return_val_if_fail (case_id != NULL && actor != NULL && at != NULL, FALSE);

  if (!read_parts (store, case_id, &parts, error) ||
      !check_undecided (store, parts.report, RUHU_DISCOVERY_OUTCOME_APPLICATION, &already, error))
    return FALSE;
  if (parts.application == NULL &&
      !ruhu_discovery_write_application (store, case_id, parts.report, actor, at, error))
    return FALSE;
  return already ||
         write_outcome (store, case_id, parts.report, RUHU_DISCOVERY_OUTCOME_APPLICATION, actor,
                        at, error);
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
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
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
  return put_report (store, case_id, parts.report, "closed_reason", trimmed, actor, error) &&
         write_outcome (store, case_id, parts.report, RUHU_DISCOVERY_OUTCOME_CLOSED, actor, now,
                        error);
}
