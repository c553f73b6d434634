/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-case-array.h"
#include "ruhu-case-filter.h"
#include "ruhu-case-list.h"
#include "ruhu-case-slots.h"

G_BEGIN_DECLS

/* The models: cases (RuhuCaseArray) → sorted → filtered → slots → selection.
 * Sorting comes before filtering so that a search keystroke only filters
 * an order that is already there, instead of re-sorting what remains; the
 * slots keep the list view's rows (see ruhu-case-slots.h). */
struct _RuhuCaseList
{
  AdwBin              parent_instance;

  GtkSearchEntry     *search_entry;
  GtkMenuButton      *filter_button;
  GtkLabel           *count_label;
  GtkStack           *stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;
  GMenu              *state_menu;
  GMenu              *category_menu;
  GActionGroup       *actions;      /* "list": owned by the widget */

  RuhuDevice         *device;
  gulong              case_changed_id;
  GCancellable       *cancellable;  /* loads in flight; cancelled in dispose */
  guint               load_serial;  /* bumped by each load */
  guint               full_serial;  /* the serial of the last full load started */
  guint               n_pending;    /* loads in flight */
  gboolean            loaded;
  GDate               today;        /* invalid: the current date */

  RuhuCaseArray      *cases;        /* RuhuCaseSummary */
  GHashTable         *by_id;        /* case id → RuhuCaseSummary, not owned */
  GtkSortListModel   *sorted;
  GtkFilterListModel *filtered;
  RuhuCaseSlots      *slots;        /* what the list view shows */
  GtkCustomFilter    *filter;
  GtkCustomSorter    *sorter;
  RuhuCaseFilter      criteria;
  RuhuCaseSort        sort;
};

/* ruhu-case-list.c */
void ruhu_case_list_update_view      (RuhuCaseList *self);

/* ruhu-case-list-actions.c: the filter menu's actions ("list.*") */
void ruhu_case_list_install_actions  (RuhuCaseList *self);
void ruhu_case_list_fill_menus       (RuhuCaseList *self);

G_END_DECLS
