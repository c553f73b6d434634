/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-scope.h"

/* Who sees and writes which case (docs/protocol.md, "Scope"). A case's
 * place is the most precise of its household's codes; a case without a
 * place belongs to whoever first pushed to it, and so does a case whose
 * place is still coarser than its creator's own area (a household being
 * entered field by field), so that its creator can go on writing it. */

typedef struct
{
  char *place;     /* NULL: no place yet */
  char *creator;   /* NULL: nobody pushed to it yet */
  int   assigned;  /* -1: not asked yet */
} CaseEntry;

struct _RuhuScope
{
  RuhuDirectory       *directory;
  const RuhuPrincipal *principal;
  GHashTable          *cases;  /* case id → CaseEntry */
  /* The entry asked for last, and its key in cases: a push or a pull asks
   * about one case for each of its operations, a case's in a row. */
  const char          *last_id;
  CaseEntry           *last;
};

static void
case_entry_free (CaseEntry *entry)
{
  g_free (entry->place);
  g_free (entry->creator);
  g_free (entry);
}

/**
 * ruhu_scope_new:
 * @principal: (transfer none): the caller; must outlive the scope
 *
 * Returns: (transfer full): a scope for one request
 */
RuhuScope *
ruhu_scope_new (RuhuDirectory       *directory,
                const RuhuPrincipal *principal)
{
  RuhuScope *self = g_new0 (RuhuScope, 1);

  self->directory = g_object_ref (directory);
  self->principal = principal;
  self->cases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) case_entry_free);
  return self;
}

void
ruhu_scope_free (RuhuScope *self)
{
  g_clear_object (&self->directory);
  g_clear_pointer (&self->cases, g_hash_table_unref);
  g_free (self);
}

const RuhuPrincipal *
ruhu_scope_get_principal (RuhuScope *self)
{
  return self->principal;
}

static CaseEntry *
lookup_case (RuhuScope   *self,
             const char  *case_id,
             GError     **error)
{
  CaseEntry *entry;
  char *key;
  g_autofree char *place = NULL;
  g_autofree char *creator = NULL;

  if (self->last_id != NULL && strcmp (self->last_id, case_id) == 0)
    return self->last;
  if (g_hash_table_lookup_extended (self->cases, case_id, (gpointer *) &key, (gpointer *) &entry))
    {
      self->last_id = key;
      return self->last = entry;
    }
  if (!ruhu_directory_get_case_place (self->directory, case_id, &place, &creator, error))
    return NULL;
  entry = g_new0 (CaseEntry, 1);
  entry->place = place != NULL && *place != '\0' ? g_steal_pointer (&place) : NULL;
  entry->creator = creator != NULL && *creator != '\0' ? g_steal_pointer (&creator) : NULL;
  entry->assigned = -1;
  key = g_strdup (case_id);
  g_hash_table_insert (self->cases, key, entry);
  self->last_id = key;
  return self->last = entry;
}

static gboolean
is_assigned (RuhuScope   *self,
             const char  *case_id,
             CaseEntry   *entry,
             GError     **error)
{
  gboolean assigned = FALSE;

  if (entry->assigned < 0)
    {
      if (!ruhu_directory_is_assigned (self->directory, case_id, self->principal->user_id,
                                       &assigned, error))
        return FALSE;
      entry->assigned = assigned;
    }
  return entry->assigned;
}

static gboolean
created_by_caller (RuhuScope *self,
                   CaseEntry *entry)
{
  const char *mine = self->principal->place;

  if (g_strcmp0 (entry->creator, self->principal->user_id) != 0)
    return FALSE;
  return entry->place == NULL || ruhu_place_contains (entry->place, mine);
}

static gboolean
place_in_area (RuhuScope *self,
               CaseEntry *entry)
{
  return entry->place != NULL && ruhu_place_contains (self->principal->place, entry->place);
}

/**
 * ruhu_scope_case_visible:
 * @visible: (out): whether the caller may see and write the case
 *
 * Returns: %FALSE only when the directory fails
 */
gboolean
ruhu_scope_case_visible (RuhuScope   *self,
                         const char  *case_id,
                         gboolean    *visible,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  CaseEntry *entry;

  *visible = FALSE;
  if (self->principal->role == RUHU_ROLE_ADMINISTRATOR)
    return (*visible = TRUE);
  if ((entry = lookup_case (self, case_id, error)) == NULL)
    return FALSE;

  switch (self->principal->role)
    {
    case RUHU_ROLE_VOLUNTEER:
      *visible = is_assigned (self, case_id, entry, &local_error);
      break;
    case RUHU_ROLE_INVESTIGATOR:
      *visible = place_in_area (self, entry) || created_by_caller (self, entry) ||
                 is_assigned (self, case_id, entry, &local_error);
      break;
    case RUHU_ROLE_VILLAGE_ASSISTANT:
    case RUHU_ROLE_SUPERVISOR:
    case RUHU_ROLE_DISTRICT_OFFICER:
      *visible = place_in_area (self, entry) || created_by_caller (self, entry);
      break;
    case RUHU_ROLE_ADMINISTRATOR:
    default:
      *visible = TRUE;
      break;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * ruhu_scope_get_case_place:
 * @place: (out) (transfer none) (nullable): the case's place, %NULL if none
 * @creator: (out) (transfer none) (nullable): who first pushed to it
 */
gboolean
ruhu_scope_get_case_place (RuhuScope   *self,
                           const char  *case_id,
                           const char **place,
                           const char **creator,
                           GError     **error)
{
  CaseEntry *entry = lookup_case (self, case_id, error);

  if (entry == NULL)
    return FALSE;
  *place = entry->place;
  *creator = entry->creator;
  return TRUE;
}

/**
 * ruhu_scope_note_place:
 *
 * Records, for the rest of the request, a place the caller just gave the
 * case; a case nobody had pushed to becomes the caller's.
 */
void
ruhu_scope_note_place (RuhuScope  *self,
                       const char *case_id,
                       const char *place)
{
  CaseEntry *entry = g_hash_table_lookup (self->cases, case_id);

  if (entry == NULL)
    return;
  g_free (entry->place);
  entry->place = place != NULL && *place != '\0' ? g_strdup (place) : NULL;
  if (entry->creator == NULL)
    entry->creator = g_strdup (self->principal->user_id);
}

/**
 * ruhu_scope_place_allowed:
 * @allowed: (out): whether the caller may give the case @place
 *
 * A place inside the caller's area is allowed, and so is a coarser one
 * that contains it (the rest of the codes are still to come); an
 * investigator may place a case assigned to them anywhere.
 */
gboolean
ruhu_scope_place_allowed (RuhuScope   *self,
                          const char  *case_id,
                          const char  *place,
                          gboolean    *allowed,
                          GError     **error)
{
  const char *mine = self->principal->place;
  g_autoptr(GError) local_error = NULL;
  CaseEntry *entry;

  *allowed = FALSE;
  switch (self->principal->role)
    {
    case RUHU_ROLE_ADMINISTRATOR:
      return (*allowed = TRUE);
    case RUHU_ROLE_VOLUNTEER:
      return TRUE;
    case RUHU_ROLE_INVESTIGATOR:
      if ((entry = lookup_case (self, case_id, error)) == NULL)
        return FALSE;
      if (is_assigned (self, case_id, entry, &local_error))
        return (*allowed = TRUE);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      break;
    case RUHU_ROLE_VILLAGE_ASSISTANT:
    case RUHU_ROLE_SUPERVISOR:
    case RUHU_ROLE_DISTRICT_OFFICER:
    default:
      break;
    }
  *allowed = place == NULL || ruhu_place_contains (mine, place) ||
             ruhu_place_contains (place, mine);
  return TRUE;
}
