/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-date.h"
#include "ruhu-derived-id.h"
#include "ruhu-discovery-private.h"

/* The application a discovery report becomes, and the household facts it
 * needs. Every id written here derives from the report's, and every value
 * from the report, the household or the time of the decision: two devices
 * making the application offline write the same entities with the same
 * values, which merge without a conflict. */

/* What the application takes from the report when the report has it. The
 * report's form may not ask for all of them yet. */
static const struct
{
  const char *report_field;
  const char *application_field;
} copied_fields[] = {
  { "category", "category" },
  { "reporter_name", "agent_name" },
  { "reporter_phone", "agent_phone" },
  { "situation", "hardship_description" },
};

/* What the household takes from the report if it has no value of its own. */
static const struct
{
  const char *report_field;
  const char *household_field;
} household_fields[] = {
  { "place", "address" },
  { "person_phone", "phone" },
  { "category", "category" },
};

static gboolean
put_household (RuhuStore   *store,
               const char  *case_id,
               const char  *field,
               const char  *text,
               const char  *actor,
               GError     **error)
{
  return ruhu_discovery_put (store, case_id, "household", case_id, NULL, field,
                             ruhu_discovery_text (text), actor, error);
}

static gboolean
put_member (RuhuStore   *store,
            const char  *member,
            const char  *case_id,
            const char  *field,
            const char  *text,
            const char  *actor,
            GError     **error)
{
  return ruhu_discovery_put (store, member, "member", case_id, case_id, field,
                             ruhu_discovery_text (text), actor, error);
}

/* Fills the household's empty fields the report answers. */
static gboolean
complete_household (RuhuStore   *store,
                    const char  *case_id,
                    const char  *report,
                    const char  *actor,
                    GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (household_fields); i++)
    {
      g_autofree char *own = ruhu_discovery_get_string (store, case_id,
                                                        household_fields[i].household_field);
      g_autofree char *reported = NULL;

      if (own != NULL)
        continue;
      reported = ruhu_discovery_get_string (store, report, household_fields[i].report_field);
      if (reported != NULL &&
          !put_household (store, case_id, household_fields[i].household_field, reported, actor,
                          error))
        return FALSE;
    }
  return TRUE;
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
  g_autofree char *head = ruhu_discovery_get_string (store, case_id, "head_member");
  g_autofree char *head_name = NULL;
  g_autofree char *name = NULL;
  g_autofree char *member = NULL;

  if (head != NULL)
    return g_steal_pointer (&head);
  head_name = ruhu_discovery_get_string (store, case_id, "head_name");
  name = head_name != NULL ? g_strdup (head_name)
                           : ruhu_discovery_get_string (store, report, "person_name");
  member = ruhu_derived_id (report, "head");
  if ((name != NULL && !put_member (store, member, case_id, "name", name, actor, error)) ||
      !put_member (store, member, case_id, "role", "covered", actor, error) ||
      !put_member (store, member, case_id, "relation", "applicant", actor, error) ||
      !put_household (store, case_id, "head_member", member, actor, error))
    return NULL;
  if (head_name == NULL && name != NULL &&
      !put_household (store, case_id, "head_name", name, actor, error))
    return NULL;
  return g_steal_pointer (&member);
}

static gboolean
put_application (RuhuStore   *store,
                 const char  *application,
                 const char  *case_id,
                 const char  *field,
                 JsonNode    *value,
                 const char  *actor,
                 GError     **error)
{
  return ruhu_discovery_put (store, application, "application", case_id, case_id, field, value,
                             actor, error);
}

/* The report's answers, and the household's category where the report
 * suggests none. */
static gboolean
copy_report (RuhuStore   *store,
             const char  *case_id,
             const char  *report,
             const char  *application,
             const char  *actor,
             GError     **error)
{
  g_autofree char *category = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (copied_fields); i++)
    {
      g_autofree char *value = ruhu_discovery_get_string (store, report,
                                                          copied_fields[i].report_field);

      if (value != NULL &&
          !put_application (store, application, case_id, copied_fields[i].application_field,
                            ruhu_discovery_text (value), actor, error))
        return FALSE;
    }
  category = ruhu_discovery_get_string (store, report, "category");
  if (category != NULL)
    return TRUE;
  category = ruhu_discovery_get_string (store, case_id, "category");
  return category == NULL ||
         put_application (store, application, case_id, "category",
                          ruhu_discovery_text (category), actor, error);
}

/**
 * ruhu_discovery_write_application:
 * @at: the time of the decision; the application is dated that day
 *
 * Writes the application the report becomes: made through the village, on
 * the household's behalf by whoever reported it, with the household's head
 * (created if need be) as applicant.
 */
gboolean
ruhu_discovery_write_application (RuhuStore   *store,
                                  const char  *case_id,
                                  const char  *report,
                                  const char  *actor,
                                  GDateTime   *at,
                                  GError     **error)
{
  g_autofree char *application = ruhu_discovery_application_id (report);
  g_autofree char *applicant = NULL;
  g_autofree char *day = g_date_time_format (at, "%Y-%m-%d");

  if (!complete_household (store, case_id, report, actor, error) ||
      (applicant = ensure_head (store, case_id, report, actor, error)) == NULL)
    return FALSE;
  return put_application (store, application, case_id, "applied_on", ruhu_discovery_text (day),
                          actor, error) &&
         put_application (store, application, case_id, "channel",
                          ruhu_discovery_text ("village"), actor, error) &&
         put_application (store, application, case_id, "applicant",
                          ruhu_discovery_text (applicant), actor, error) &&
         put_application (store, application, case_id, "on_behalf",
                          json_node_init_boolean (json_node_alloc (), TRUE), actor, error) &&
         copy_report (store, case_id, report, application, actor, error);
}
