/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-directory.h"
#include "ruhu-form.h"
#include "ruhu-store.h"

G_BEGIN_DECLS

/* The statistics ledger (台账) of one month: for each township and
 * category, the households receiving assistance at the month's end, their
 * members covered and monthly amounts, and the households granted and
 * stopped during the month. Read from the cases' workflow steps, so a month
 * long past comes out as it was then. */

typedef struct
{
  char   *township_code;   /* "" when the case has none */
  char   *township_name;
  char   *category;        /* the category's option value, "" if none */
  guint   households;      /* receiving assistance at the month's end */
  guint   persons;         /* their members covered */
  gint64  amount;          /* fen a month, their total */
  guint   granted;         /* households granted during the month */
  guint   stopped;         /* households stopped during the month (death included) */
} RuhuLedgerRow;

GPtrArray *ruhu_ledger_compute   (RuhuStore      *store,
                                  RuhuDirectory  *directory,
                                  guint           year,
                                  guint           month,
                                  const char     *township,
                                  GError        **error);
GBytes    *ruhu_ledger_to_csv    (GPtrArray      *rows,
                                  RuhuFormSet    *forms,
                                  guint           year,
                                  guint           month);
void       ruhu_ledger_row_free  (RuhuLedgerRow  *row);

G_END_DECLS
