/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-rules.h"
#include "ruhu-rules-assignment.h"
#include "ruhu-rules-review.h"
#include "ruhu-workflow.h"

/* How far up the tree a check sheet may be (signature → interview → sheet). */
#define MAX_SHEET_DEPTH 4

/* Investigator signatures that lock a check sheet. */
#define LOCKING_SIGNATURES 2

struct _RuhuRules
{
  RuhuScope  *scope;    /* the caller of the current batch; not owned */
  GHashTable *checked;  /* RuhuOp* the hook saw in this batch */
  GHashTable *sheet_of; /* entity → the check sheet above it (kinds and parents never change) */
  GHashTable *sheets;   /* sheet → SheetLock, until the batch touches a signature or reopens */
  GHashTable *teams;    /* RuhuOp* → the team it sets, recorded once applied */
};

/* What locks a check sheet, read once per batch: only operations on
 * signatures and on the sheet's reopened field change it. */
typedef struct
{
  GHashTable *signatures;  /* its investigator signatures, not deleted */
  gboolean    reopened;
} SheetLock;

typedef struct
{
  char      *sheet;            /* the check sheet above the op's entity */
  guint      n_signatures;     /* its investigator signatures, not deleted */
  gboolean   op_is_signature;  /* the op's entity is one of them */
  gboolean   reopened;
} SheetState;

static void
sheet_lock_free (SheetLock *lock)
{
  g_hash_table_unref (lock->signatures);
  g_free (lock);
}

static const char * const locked_kinds[] = {
  "check_sheet", "income", "asset", "expense", "neighbour_interview", "evidence", "signature",
};

RuhuRules *
ruhu_rules_new (void)
{
  RuhuRules *self = g_new0 (RuhuRules, 1);

  self->checked = g_hash_table_new (NULL, NULL);
  self->sheet_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->sheets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) sheet_lock_free);
  self->teams = ruhu_rules_assignment_pending_new ();
  return self;
}

void
ruhu_rules_free (RuhuRules *self)
{
  g_clear_pointer (&self->checked, g_hash_table_unref);
  g_clear_pointer (&self->sheet_of, g_hash_table_unref);
  g_clear_pointer (&self->sheets, g_hash_table_unref);
  g_clear_pointer (&self->teams, g_hash_table_unref);
  g_free (self);
}

/**
 * ruhu_rules_begin:
 * @scope: (transfer none): the caller, until ruhu_rules_end()
 */
void
ruhu_rules_begin (RuhuRules *self,
                  RuhuScope *scope)
{
  self->scope = scope;
  g_hash_table_remove_all (self->checked);
  g_hash_table_remove_all (self->sheet_of);
  g_hash_table_remove_all (self->sheets);
  g_hash_table_remove_all (self->teams);
}

/**
 * ruhu_rules_record_teams:
 * @ops: (element-type RuhuOp): the batch
 * @results: (element-type RuhuApplyResult): what the store did with each
 *
 * Records in @directory the teams the batch's applied operations set. The
 * push calls it inside the batch's transaction, before its commit.
 */
gboolean
ruhu_rules_record_teams (RuhuRules      *self,
                         RuhuDirectory  *directory,
                         GPtrArray      *ops,
                         GArray         *results,
                         GError        **error)
{
  return ruhu_rules_assignment_record (directory, self->teams, ops, results, error);
}

void
ruhu_rules_end (RuhuRules *self)
{
  self->scope = NULL;
}

/* The store checks versions and entities before calling the hook and the
 * clock after it: whether the hook saw an op tells which check refused it. */
gboolean
ruhu_rules_was_checked (RuhuRules    *self,
                        const RuhuOp *op)
{
  return g_hash_table_contains (self->checked, op);
}

static gboolean
refuse (char       **code,
        char       **reason,
        const char  *what,
        char        *why)
{
  *code = g_strdup (what);
  *reason = why;
  return FALSE;
}

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

gboolean
ruhu_rules_is_place_field (const RuhuOp *op)
{
  return strcmp (op->kind, "household") == 0 &&
         (strcmp (op->field, "district_code") == 0 || strcmp (op->field, "township_code") == 0 ||
          strcmp (op->field, "village_code") == 0);
}

/* The field's value if it is a valid place code: @pending's if it writes
 * the field, else the stored one. Only the field itself is read, not the
 * whole household, which a push asks about for each of its places. */
static char *
code_of (RuhuStore     *store,
         const char    *household,
         const RuhuOp  *pending,
         const char    *name,
         GError       **error)
{
  g_autoptr(JsonNode) stored = NULL;
  JsonNode *value;

  if (pending != NULL && strcmp (pending->field, name) == 0)
    value = pending->value;
  else if ((value = stored = ruhu_store_get_value (store, household, name, error)) == NULL)
    return NULL;
  if (!is_string (value) || !ruhu_place_code_is_valid (json_node_get_string (value)))
    return NULL;
  return g_strdup (json_node_get_string (value));
}

/**
 * ruhu_rules_household_place:
 * @pending: (nullable): an operation on @household not applied yet, whose
 *   value counts instead of the stored one
 *
 * Returns: (transfer full) (nullable): the most precise of the household's
 *   valid village, township and district codes; %NULL with @error unset if
 *   it has none
 */
char *
ruhu_rules_household_place (RuhuStore     *store,
                            const char    *household,
                            const RuhuOp  *pending,
                            GError       **error)
{
  static const char * const names[] = { "village_code", "township_code", "district_code" };
  g_autoptr(GError) local_error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      char *place = code_of (store, household, pending, names[i], &local_error);

      if (place != NULL)
        return place;
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  return NULL;
}

static gboolean
is_locked_kind (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (locked_kinds); i++)
    if (strcmp (kind, locked_kinds[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The check sheet the op's entity belongs to, if any. */
static char *
walk_to_sheet (RuhuStore    *store,
               const RuhuOp *op)
{
  g_autofree char *parent = g_strdup (op->parent);

  if (strcmp (op->kind, "check_sheet") == 0)
    return g_strdup (op->entity);
  for (guint depth = 0; parent != NULL && depth < MAX_SHEET_DEPTH; depth++)
    {
      g_autoptr(RuhuEntityInfo) info = ruhu_store_get_entity (store, parent, NULL);

      if (info == NULL)
        return NULL;
      if (strcmp (info->kind, "check_sheet") == 0)
        return g_steal_pointer (&parent);
      g_free (parent);
      parent = g_strdup (info->parent);
    }
  return NULL;
}

static gboolean
is_investigator_signature (RuhuStore            *store,
                           const RuhuEntityInfo *info,
                           const char           *sheet)
{
  g_autoptr(JsonNode) role = NULL;

  if (info->deleted || strcmp (info->kind, "signature") != 0 || g_strcmp0 (info->parent, sheet) != 0)
    return FALSE;
  role = ruhu_store_get_value (store, info->id, "signer_role", NULL);
  return is_string (role) && strcmp (json_node_get_string (role), "investigator") == 0;
}

/* A sheet found stays that entity's sheet; one not found may be found
 * once the batch has made the entities above. */
static char *
find_sheet (RuhuRules    *self,
            RuhuStore    *store,
            const RuhuOp *op)
{
  const char *known = g_hash_table_lookup (self->sheet_of, op->entity);
  char *sheet;

  if (known != NULL)
    return g_strdup (known);
  sheet = walk_to_sheet (store, op);
  if (sheet != NULL)
    g_hash_table_insert (self->sheet_of, g_strdup (op->entity), g_strdup (sheet));
  return sheet;
}

static SheetLock *
read_sheet_lock (RuhuStore   *store,
                 const char  *sheet,
                 const char  *case_id,
                 GError     **error)
{
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(JsonNode) reopened = NULL;
  SheetLock *lock;

  if ((entities = ruhu_store_list_entities (store, case_id, error)) == NULL ||
      (reopened = ruhu_store_get_value (store, sheet, RUHU_FIELD_REOPENED, error)) == NULL)
    return NULL;
  lock = g_new0 (SheetLock, 1);
  lock->signatures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  lock->reopened = JSON_NODE_HOLDS_VALUE (reopened) &&
                   json_node_get_value_type (reopened) == G_TYPE_BOOLEAN &&
                   json_node_get_boolean (reopened);
  for (guint i = 0; i < entities->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (entities, i);

      if (is_investigator_signature (store, info, sheet))
        g_hash_table_add (lock->signatures, g_strdup (info->id));
    }
  return lock;
}

static gboolean
load_sheet_state (RuhuRules    *self,
                  RuhuStore    *store,
                  const RuhuOp *op,
                  SheetState   *state,
                  GError      **error)
{
  SheetLock *lock;

  if ((state->sheet = find_sheet (self, store, op)) == NULL)
    return TRUE;
  if ((lock = g_hash_table_lookup (self->sheets, state->sheet)) == NULL)
    {
      if ((lock = read_sheet_lock (store, state->sheet, op->case_id, error)) == NULL)
        return FALSE;
      g_hash_table_insert (self->sheets, g_strdup (state->sheet), lock);
    }
  state->reopened = lock->reopened;
  state->n_signatures = g_hash_table_size (lock->signatures);
  state->op_is_signature = g_hash_table_contains (lock->signatures, op->entity);
  return TRUE;
}

/* Filling in a field that a locking signature does not have yet (its name
 * or time, sent after its role) completes the signing; changing one, or
 * deleting the signature, would unsign the sheet. */
static gboolean
completes_signature (RuhuStore        *store,
                     const RuhuOp     *op,
                     const SheetState *state)
{
  g_autoptr(JsonNode) current = NULL;

  if (!state->op_is_signature || strcmp (op->field, RUHU_FIELD_DELETED) == 0)
    return FALSE;
  current = ruhu_store_get_value (store, op->entity, op->field, NULL);
  return current != NULL && JSON_NODE_HOLDS_NULL (current);
}

static gboolean
may_reopen (RuhuRole role)
{
  return role == RUHU_ROLE_SUPERVISOR || role == RUHU_ROLE_DISTRICT_OFFICER ||
         role == RUHU_ROLE_ADMINISTRATOR;
}

static gboolean
is_reopen_field (const RuhuOp *op)
{
  return strcmp (op->kind, "check_sheet") == 0 && strcmp (op->field, RUHU_FIELD_REOPENED) == 0;
}

static gboolean
check_lock (RuhuRules     *self,
            RuhuStore     *store,
            const RuhuOp  *op,
            char         **code,
            char         **reason)
{
  SheetState state = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (!is_locked_kind (op->kind) || is_reopen_field (op))
    return TRUE;
  if (!load_sheet_state (self, store, op, &state, &error))
    ok = refuse (code, reason, "internal", g_strdup (error->message));
  else if (state.sheet != NULL && state.n_signatures >= LOCKING_SIGNATURES && !state.reopened &&
           !completes_signature (store, op, &state))
    ok = refuse (code, reason, "signed_sheet_locked",
                 g_strdup_printf (_("The check sheet %s is signed by two investigators and "
                                    "locked; a supervisor must reopen it before it can change"),
                                  state.sheet));
  g_free (state.sheet);
  return ok;
}

static gboolean
check_role (const RuhuPrincipal  *who,
            const RuhuOp         *op,
            char                **code,
            char                **reason)
{
  if (who->role == RUHU_ROLE_VOLUNTEER && strcmp (op->kind, "outreach_visit") != 0)
    return refuse (code, reason, "role_not_allowed",
                   g_strdup_printf (_("Volunteers may only record outreach visits, not a %s"),
                                    op->kind));
  if (is_reopen_field (op) && !may_reopen (who->role))
    return refuse (code, reason, "role_not_allowed",
                   g_strdup (_("Only a supervisor may reopen a signed check sheet")));
  return TRUE;
}

static gboolean
check_place_change (RuhuStore     *store,
                    RuhuScope     *scope,
                    const RuhuOp  *op,
                    char         **code,
                    char         **reason)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *place = NULL;
  gboolean allowed = FALSE;

  place = ruhu_rules_household_place (store, op->entity, op, &error);
  if (error != NULL || !ruhu_scope_place_allowed (scope, op->case_id, place, &allowed, &error))
    return refuse (code, reason, "internal", g_strdup (error->message));
  if (!allowed)
    return refuse (code, reason, "outside_scope",
                   g_strdup_printf (_("This change would move the case to %s, outside your area"),
                                    place));
  ruhu_scope_note_place (scope, op->case_id, place);
  return TRUE;
}

static gboolean
check_scope (RuhuScope     *scope,
             const RuhuOp  *op,
             char         **code,
             char         **reason)
{
  const RuhuPrincipal *who = ruhu_scope_get_principal (scope);
  g_autoptr(GError) error = NULL;
  const char *place = NULL, *creator = NULL;
  gboolean visible = FALSE;

  if (!ruhu_scope_get_case_place (scope, op->case_id, &place, &creator, &error) ||
      !ruhu_scope_case_visible (scope, op->case_id, &visible, &error))
    return refuse (code, reason, "internal", g_strdup (error->message));
  /* Nobody pushed to this case yet: it becomes the caller's. */
  if (place == NULL && creator == NULL && who->role != RUHU_ROLE_VOLUNTEER)
    {
      ruhu_scope_note_place (scope, op->case_id, NULL);
      return TRUE;
    }
  if (!visible)
    return refuse (code, reason, "outside_scope",
                   g_strdup_printf (_("The case %s is outside your area and not assigned to you"),
                                    op->case_id));
  return TRUE;
}

/**
 * ruhu_rules_check:
 * @user_data: the #RuhuRules
 *
 * The store's rule hook (#RuhuStoreRuleFunc).
 */
gboolean
ruhu_rules_check (RuhuStore     *store,
                  const RuhuOp  *op,
                  char         **code,
                  char         **reason,
                  gpointer       user_data)
{
  RuhuRules *self = user_data;
  const RuhuPrincipal *who;
  gboolean ok;

  g_hash_table_add (self->checked, (gpointer) op);
  if (self->scope == NULL)
    return refuse (code, reason, "role_not_allowed",
                   g_strdup (_("Changes from elsewhere need a logged-in user")));
  who = ruhu_scope_get_principal (self->scope);
  ok = check_role (who, op, code, reason) &&
       check_scope (self->scope, op, code, reason) &&
       (!ruhu_rules_is_place_field (op) ||
        check_place_change (store, self->scope, op, code, reason)) &&
       check_lock (self, store, op, code, reason) &&
       ruhu_rules_review_check (op, who->role, code, reason) &&
       ruhu_workflow_rule (store, op, code, reason, (gpointer) ruhu_role_to_string (who->role));
  /* Last: it notes an accepted team for ruhu_rules_record_teams(). */
  ok = ok && ruhu_rules_assignment_check (store, self->scope, self->teams, op, code, reason);
  /* Once applied, this op may change what locks a sheet: read it again. */
  if (strcmp (op->kind, "signature") == 0 || is_reopen_field (op))
    g_hash_table_remove_all (self->sheets);
  return ok;
}
