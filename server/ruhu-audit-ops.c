/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-audit.h"
#include "ruhu-rules.h"

/* The audit of a push: one entry per case, listing every version the push
 * applied to it. A push of whole cases costs one hash and one row per case
 * instead of one per operation, and the chain is the same kind of chain. */

typedef struct
{
  GString    *text;
  const char *entity;  /* the entity of the last line */
} CaseEntry;

static void
case_entry_free (CaseEntry *entry)
{
  g_string_free (entry->text, TRUE);
  g_free (entry);
}

/* "<entity> <kind> <field>=<hlc> <field>=<hlc>…", a line per run of one
 * entity; the versions' device is the entry's. */
static void
add_op (CaseEntry    *entry,
        const RuhuOp *op)
{
  const char *at = strchr (op->version, '@');

  if (entry->entity == NULL || strcmp (entry->entity, op->entity) != 0)
    {
      if (entry->text->len > 0)
        g_string_append_c (entry->text, '\n');
      g_string_append (entry->text, op->entity);
      g_string_append_c (entry->text, ' ');
      g_string_append (entry->text, op->kind);
      entry->entity = op->entity;
    }
  /* Appended piece by piece: a push writes this for every operation, and
   * a format string costs ten times as much. */
  g_string_append_c (entry->text, ' ');
  g_string_append (entry->text, op->field);
  g_string_append_c (entry->text, '=');
  g_string_append_len (entry->text, op->version, at != NULL ? at - op->version : -1);
}

static gboolean
append_cases (RuhuAudit           *self,
              const char          *actor,
              const char          *device,
              GPtrArray           *ops,
              const GArray        *results,
              GError             **error)
{
  g_autoptr(GHashTable) cases = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       (GDestroyNotify) case_entry_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  CaseEntry *entry = NULL;
  const char *last_case = NULL;

  for (guint i = 0; i < ops->len; i++)
    {
      RuhuOp *op = g_ptr_array_index (ops, i);

      if (g_array_index (results, RuhuApplyResult, i).status != RUHU_APPLY_APPLIED)
        continue;
      /* A push comes case by case: most operations are the last one's. */
      if (entry == NULL || strcmp (last_case, op->case_id) != 0)
        entry = g_hash_table_lookup (cases, op->case_id);
      last_case = op->case_id;
      if (entry == NULL)
        {
          entry = g_new0 (CaseEntry, 1);
          entry->text = g_string_new (NULL);
          g_hash_table_insert (cases, op->case_id, entry);
          g_ptr_array_add (order, op->case_id);
        }
      add_op (entry, op);
    }
  for (guint i = 0; i < order->len; i++)
    {
      const char *case_id = g_ptr_array_index (order, i);

      entry = g_hash_table_lookup (cases, case_id);
      if (!ruhu_audit_append (self, actor, device, RUHU_AUDIT_ACTION_OPS, case_id,
                              entry->text->str, error))
        return FALSE;
    }
  return TRUE;
}

/* Reopening or relocking a signed sheet is an entry of its own, so that a
 * reader of the log finds it without reading the versions. */
static gboolean
append_reopenings (RuhuAudit     *self,
                   const char    *actor,
                   const char    *device,
                   GPtrArray     *ops,
                   const GArray  *results,
                   GError       **error)
{
  for (guint i = 0; i < ops->len; i++)
    {
      RuhuOp *op = g_ptr_array_index (ops, i);
      g_autofree char *detail = NULL;

      if (g_array_index (results, RuhuApplyResult, i).status != RUHU_APPLY_APPLIED ||
          strcmp (op->kind, "check_sheet") != 0 || strcmp (op->field, RUHU_FIELD_REOPENED) != 0)
        continue;
      detail = g_strdup_printf ("case=%s kind=%s field=%s v=%s", op->case_id, op->kind,
                                op->field, op->version);
      if (!ruhu_audit_append (self, actor, device, ruhu_op_value_is_true (op) ? "reopen" : "relock",
                              op->entity, detail, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * ruhu_audit_append_ops:
 * @ops: (element-type RuhuOp): a push, all from @device
 * @results: (element-type RuhuApplyResult): the store's outcome of each
 *
 * Appends, in one transaction committed when this returns, an entry
 * (action `ops`, subject the case id) per case the push changed, naming
 * every applied version, and an entry per reopening or relocking. Called
 * before the store commits the push: an applied operation is never without
 * its entry (a failed store commit may leave an entry for versions that a
 * resend applies, and audits, again).
 */
gboolean
ruhu_audit_append_ops (RuhuAudit     *self,
                       const char    *actor,
                       const char    *device,
                       GPtrArray     *ops,
                       const GArray  *results,
                       GError       **error)
{
  g_autoptr(GError) ignored = NULL;
  gboolean ok;

  g_return_val_if_fail (RUHU_IS_AUDIT (self), FALSE);
  if (!ruhu_audit_begin_batch (self, error))
    return FALSE;
  ok = append_cases (self, actor, device, ops, results, error) &&
       append_reopenings (self, actor, device, ops, results, error);
  if (!ruhu_audit_end_batch (self, ok ? error : &ignored))
    ok = FALSE;
  return ok;
}
