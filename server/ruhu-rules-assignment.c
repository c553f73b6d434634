/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-assignment.h"
#include "ruhu-directory-team.h"
#include "ruhu-handler-roster.h"
#include "ruhu-rules-assignment.h"

/* Assignments (docs/protocol.md, "Investigation teams"). The rule hook
 * sees only the store and the caller's scope, so the server leaves its
 * directory on the store for this rule. The hook only notes what an
 * accepted team changes; the push writes it to the directory once the
 * store has applied the team's operation (ruhu_rules_assignment_record(),
 * before the batch commits), so that a team the store then refuses, for
 * its clock for one, is never recorded. */

#define DIRECTORY_KEY "ruhu-rules-assignment-directory"

void
ruhu_rules_assignment_set_directory (RuhuStore     *store,
                                     RuhuDirectory *directory)
{
  g_object_set_data_full (G_OBJECT (store), DIRECTORY_KEY, g_object_ref (directory),
                          g_object_unref);
}

/* Where a refused operation's code and reason go. */
typedef struct
{
  char **code;
  char **reason;
} Verdict;

static gboolean
refuse (Verdict    *verdict,
        const char *code,
        char       *reason)
{
  *verdict->code = g_strdup (code);
  *verdict->reason = reason;
  return FALSE;
}

static gboolean
strv_has (const char * const *strv,
          const char         *id)
{
  return strv != NULL && g_strv_contains (strv, id);
}

/* The team hangs under the household of its own case. */
static gboolean
parent_is_household (RuhuStore    *store,
                     const RuhuOp *op)
{
  g_autoptr(RuhuEntityInfo) parent = NULL;

  if (op->parent == NULL || (parent = ruhu_store_get_entity (store, op->parent, NULL)) == NULL)
    return FALSE;
  return strcmp (parent->kind, "household") == 0 && strcmp (parent->case_id, op->case_id) == 0;
}

static gboolean
on_roster (GPtrArray  *roster,
           const char *user_id)
{
  for (guint i = 0; i < roster->len; i++)
    if (strcmp (((RuhuUserInfo *) g_ptr_array_index (roster, i))->user_id, user_id) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
check_team (RuhuDirectory        *directory,
            const RuhuPrincipal  *who,
            const char * const   *team,
            Verdict              *verdict)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roster = ruhu_roster_list_investigators (directory, who, &error);

  if (roster == NULL)
    return refuse (verdict, "internal", g_strdup (error->message));
  if (team == NULL || g_strv_length ((GStrv) team) < RUHU_ASSIGNMENT_MIN_TEAM)
    return refuse (verdict, "invalid_team",
                   g_strdup (_("An investigation needs a team of two or more investigators")));
  for (guint i = 0; team[i] != NULL; i++)
    if (!on_roster (roster, team[i]))
      return refuse (verdict, "invalid_team",
                     g_strdup_printf (_("%s is not an investigator of your district"), team[i]));
  return TRUE;
}

/* What an accepted team changes in the directory. */
typedef struct
{
  char  *case_id;
  GStrv  assign;    /* the new team */
  GStrv  unassign;  /* the team before, less the new one */
} TeamChange;

static void
team_change_free (TeamChange *change)
{
  g_free (change->case_id);
  g_strfreev (change->assign);
  g_strfreev (change->unassign);
  g_free (change);
}

/**
 * ruhu_rules_assignment_pending_new:
 *
 * Returns: (transfer full): where the hook notes accepted teams for one
 *   batch, by operation
 */
GHashTable *
ruhu_rules_assignment_pending_new (void)
{
  return g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) team_change_free);
}

/* The new team gets the case and whoever the team before had and this one
 * has not loses it; an older team arriving late changes nothing. */
static gboolean
plan_team (RuhuStore           *store,
           GHashTable          *pending,
           const RuhuOp        *op,
           const char * const  *team,
           GError             **error)
{
  g_autofree char *current_version = NULL;
  g_auto(GStrv) current = NULL;
  g_autoptr(GStrvBuilder) leaving = g_strv_builder_new ();
  g_autoptr(GError) local_error = NULL;
  TeamChange *change;

  current = ruhu_assignment_current_team (store, op->case_id, &current_version, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (current_version != NULL && ruhu_version_compare (op->version, current_version) < 0)
    return TRUE;
  for (guint i = 0; current != NULL && current[i] != NULL; i++)
    if (!strv_has (team, current[i]))
      g_strv_builder_add (leaving, current[i]);
  change = g_new0 (TeamChange, 1);
  change->case_id = g_strdup (op->case_id);
  change->assign = g_strdupv ((GStrv) team);
  change->unassign = g_strv_builder_end (leaving);
  g_hash_table_insert (pending, (gpointer) op, change);
  return TRUE;
}

/**
 * ruhu_rules_assignment_record:
 * @pending: what the hook noted during the batch
 * @ops: (element-type RuhuOp): the batch
 * @results: (element-type RuhuApplyResult): what the store did with each
 *
 * Writes the teams of the batch's applied operations to the directory, in
 * the batch's order, so a later team of a case wins.
 */
gboolean
ruhu_rules_assignment_record (RuhuDirectory  *directory,
                              GHashTable     *pending,
                              GPtrArray      *ops,
                              GArray         *results,
                              GError        **error)
{
  for (guint i = 0; i < ops->len && g_hash_table_size (pending) > 0; i++)
    {
      TeamChange *change = g_hash_table_lookup (pending, g_ptr_array_index (ops, i));

      if (change == NULL ||
          g_array_index (results, RuhuApplyResult, i).status != RUHU_APPLY_APPLIED)
        continue;
      for (guint k = 0; change->assign[k] != NULL; k++)
        if (!ruhu_directory_assign (directory, change->case_id, change->assign[k], error))
          return FALSE;
      for (guint k = 0; change->unassign[k] != NULL; k++)
        if (!ruhu_directory_unassign (directory, change->case_id, change->unassign[k], error))
          return FALSE;
    }
  return TRUE;
}

static gboolean
check_investigators (RuhuStore            *store,
                     RuhuDirectory        *directory,
                     GHashTable           *pending,
                     const RuhuPrincipal  *who,
                     const RuhuOp         *op,
                     Verdict              *verdict)
{
  g_auto(GStrv) team = ruhu_assignment_parse_team (op->value);
  g_autoptr(GError) error = NULL;

  if (!check_team (directory, who, (const char * const *) team, verdict))
    return FALSE;
  if (!plan_team (store, pending, op, (const char * const *) team, &error))
    return refuse (verdict, "internal", g_strdup (error->message));
  return TRUE;
}

/* The team comes first (the assign dialog writes it first): an assignment
 * whose team was refused keeps nothing else either. */
static gboolean
has_team (RuhuStore  *store,
          const char *entity)
{
  g_autoptr(JsonNode) value = ruhu_store_get_value (store, entity, RUHU_ASSIGNMENT_INVESTIGATORS,
                                                    NULL);
  g_auto(GStrv) team = ruhu_assignment_parse_team (value);

  return team != NULL && g_strv_length (team) >= RUHU_ASSIGNMENT_MIN_TEAM;
}

static gboolean
check_field (RuhuStore            *store,
             RuhuDirectory        *directory,
             GHashTable           *pending,
             const RuhuPrincipal  *who,
             const RuhuOp         *op,
             Verdict              *verdict)
{
  if (strcmp (op->field, RUHU_FIELD_DELETED) == 0)
    return refuse (verdict, "invalid_team",
                   g_strdup (_("An investigation team is replaced by a new one, "
                               "never deleted")));
  if (strcmp (op->field, RUHU_ASSIGNMENT_BY) == 0 &&
      !(JSON_NODE_HOLDS_VALUE (op->value) &&
        g_strcmp0 (json_node_get_string (op->value), who->user_id) == 0))
    return refuse (verdict, "invalid_team",
                   g_strdup (_("An assignment must name its own author")));
  if (strcmp (op->field, RUHU_ASSIGNMENT_INVESTIGATORS) == 0)
    return check_investigators (store, directory, pending, who, op, verdict);
  if (!has_team (store, op->entity))
    return refuse (verdict, "invalid_team",
                   g_strdup (_("An assignment names its investigators first")));
  return TRUE;
}

/**
 * ruhu_rules_assignment_check:
 * @pending: where an accepted team is noted, for
 *   ruhu_rules_assignment_record()
 *
 * The rule for operations on investigation teams; every other operation
 * passes. Run last among the rules: it notes an accepted team.
 */
gboolean
ruhu_rules_assignment_check (RuhuStore     *store,
                             RuhuScope     *scope,
                             GHashTable    *pending,
                             const RuhuOp  *op,
                             char         **code,
                             char         **reason)
{
  const RuhuPrincipal *who = ruhu_scope_get_principal (scope);
  Verdict verdict_data = { code, reason };
  Verdict *verdict = &verdict_data;
  RuhuDirectory *directory;

  if (strcmp (op->kind, RUHU_ASSIGNMENT_KIND) != 0)
    return TRUE;
  if (who->role != RUHU_ROLE_SUPERVISOR)
    return refuse (verdict, "role_not_allowed",
                   g_strdup (_("Only a township supervisor may assign investigators")));
  if (!parent_is_household (store, op))
    return refuse (verdict, "invalid_team",
                   g_strdup (_("An investigation team belongs under the household of its case")));
  directory = g_object_get_data (G_OBJECT (store), DIRECTORY_KEY);
  if (directory == NULL)
    return refuse (verdict, "internal",
                   g_strdup ("No directory to record investigation teams in"));
  return check_field (store, directory, pending, who, op, verdict);
}
