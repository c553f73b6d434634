/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ruhu-store.h"

G_BEGIN_DECLS

/* The households of a store with the few fields lists of many cases
 * group and sort by, read in one pass (ruhu_store_summary_scan()). */
typedef struct
{
  char *case_id;
  char *head_name;      /* nullable, like the three below */
  char *village_name;
  char *township_name;
  char *category;       /* the household's `category` option */
} RuhuHouseholdRow;

GPtrArray *ruhu_household_scan      (RuhuStore         *store,
                                     GCancellable      *cancellable,
                                     GError           **error);
void       ruhu_household_row_free  (RuhuHouseholdRow  *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuHouseholdRow, ruhu_household_row_free)

G_END_DECLS
