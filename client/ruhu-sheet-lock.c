/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-sheet-lock.h"
#include "ruhu-signed-sheet.h"

/**
 * ruhu_case_sheet_is_locked:
 * @case_id: (nullable): the case
 * @reason: (out) (optional) (transfer full): why, for people, when locked
 *
 * Returns: %TRUE when the case's check sheet carries two investigator
 *   signatures and no supervisor reopened it
 */
gboolean
ruhu_case_sheet_is_locked (RuhuDevice  *device,
                           const char  *case_id,
                           char       **reason)
{
  RuhuStore *store;
  g_autoptr(GError) error = NULL;
  g_autofree char *sheet = NULL;
  RuhuSheetLockState state;

  g_return_val_if_fail (RUHU_IS_DEVICE (device), FALSE);
  if (reason != NULL)
    *reason = NULL;
  if (case_id == NULL)
    return FALSE;
  store = ruhu_device_get_store (device);
  if ((sheet = ruhu_signed_sheet_find (store, case_id, &error)) == NULL ||
      !ruhu_signed_sheet_get_state (store, sheet, &state, &error))
    {
      if (error != NULL)
        g_warning ("Cannot tell whether the check sheet of %s is signed: %s", case_id,
                   error->message);
      return FALSE;
    }
  if (state.locked && reason != NULL)
    *reason = g_strdup (_("Two investigators signed this check sheet, so it is locked: "
                          "a supervisor must reopen it before anything on it can change."));
  return state.locked;
}
