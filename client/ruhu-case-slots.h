/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include "ruhu-case-summary.h"

G_BEGIN_DECLS

/* Stable rows for GtkListView 4.8, which keeps up to 200 row widgets and
 * destroys and rebuilds them whenever its model reports items removed and
 * added, as every search keystroke does. RuhuCaseSlots shows a model of
 * cases as numbered slots instead: a change of the cases changes only
 * which case a slot shows, so the rows stay and are only rebound, and the
 * list view hears of nothing but a change in length. */
#define RUHU_TYPE_CASE_SLOT (ruhu_case_slot_get_type ())
G_DECLARE_FINAL_TYPE (RuhuCaseSlot, ruhu_case_slot, RUHU, CASE_SLOT, GObject)

#define RUHU_TYPE_CASE_SLOTS (ruhu_case_slots_get_type ())
G_DECLARE_FINAL_TYPE (RuhuCaseSlots, ruhu_case_slots, RUHU, CASE_SLOTS, GObject)

typedef void (*RuhuCaseSlotShow) (GtkWidget       *row,
                                  RuhuCaseSummary *summary);

RuhuCaseSlots   *ruhu_case_slots_new          (GListModel       *cases,
                                               RuhuCaseSlotShow  show);
void             ruhu_case_slots_bind         (RuhuCaseSlots    *self,
                                               RuhuCaseSlot     *slot,
                                               GtkWidget        *row);
void             ruhu_case_slots_unbind       (RuhuCaseSlots    *self,
                                               RuhuCaseSlot     *slot);
RuhuCaseSummary *ruhu_case_slots_get_summary  (RuhuCaseSlots    *self,
                                               guint             position);

G_END_DECLS
