/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-case-documents.h"
#include "ruhu-case-loader.h"
#include "ruhu-case-page.h"
#include "ruhu-case-snapshot.h"
#include "ruhu-conflict-banner.h"
#include "ruhu-entity-editor.h"
#include "ruhu-evidence-section.h"
#include "ruhu-income-summary.h"
#include "ruhu-signature-section.h"
#include "ruhu-timeline-section.h"
#include "ruhu-discovery-actions.h"

G_BEGIN_DECLS

/* Where the entities of one kind (and, for members, one role) are shown. */
typedef struct
{
  const char          *kind;
  const char          *role;      /* members only: "covered" or "obligor" */
  gboolean             flat;      /* the first entity's rows straight in the group */
  AdwPreferencesGroup *group;
  GtkWidget           *add_button;
  GtkWidget           *empty_row; /* "None recorded yet" */
  char                *flat_id;   /* the entity shown flat, if any */
} RuhuCaseSection;

/* One entity on the page: its editor and, unless flat, its expander. */
typedef struct
{
  RuhuEntityEditor *editor;
  RuhuCaseSection  *section;
  GtkWidget        *expander;    /* nullable */
} RuhuCaseItem;

enum
{
  SECTION_HOUSEHOLD,
  SECTION_COVERED,
  SECTION_OBLIGORS,
  SECTION_APPLICATION,
  SECTION_AUTHORISATIONS,
  SECTION_SHEET,
  SECTION_INCOME,
  SECTION_ASSETS,
  SECTION_EXPENSES,
  SECTION_INTERVIEWS,
  SECTION_AID_TASKS,
  N_SECTIONS
};

struct _RuhuCasePage
{
  AdwBin                parent_instance;
  RuhuDevice           *device;
  char                 *case_id;
  RuhuCaseLoader       *loader;       /* reads the case; NULL until the device is set */
  RuhuCaseSnapshot     *snapshot;     /* the live model: typed values go into it */
  GHashTable           *items;        /* entity id → RuhuCaseItem* */
  RuhuCaseSection       sections[N_SECTIONS];
  gboolean              locked;
  char                 *lock_reason;

  RuhuConflictBanner   *banner;
  RuhuEvidenceSection  *evidence;
  RuhuSignatureSection *signatures;
  RuhuTimelineSection  *timeline;
  RuhuDiscoveryActions *discovery;
  RuhuCaseDocuments    *documents;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  GtkScrolledWindow    *scroller;
  AdwStatusPage        *error_page;
  GtkBox               *banner_slot;
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  AdwActionRow         *lock_row;
  AdwExpanderRow       *missing_row;
  GtkBox               *evidence_slot;
  GtkBox               *signature_slot;
  GtkBox               *timeline_slot;
  GtkBox               *discovery_slot;
  GtkBox               *documents_slot;
  RuhuIncomeSummary    *income_summary;
  GPtrArray            *missing_rows;  /* rows under missing_row */
  char                 *expand_id;     /* a new entity to open when it shows */
};

/* ruhu-case-page-sections.c */
void ruhu_case_page_init_sections   (RuhuCasePage     *self);
void ruhu_case_page_apply_snapshot  (RuhuCasePage     *self,
                                     RuhuCaseSnapshot *snapshot);
void ruhu_case_page_clear_items     (RuhuCasePage     *self);
void ruhu_case_page_update_summary  (RuhuCasePage     *self);
void ruhu_case_item_free            (RuhuCaseItem     *item);

/* ruhu-case-page-actions.c */
void ruhu_case_page_install_actions (GtkWidgetClass   *widget_class);
void ruhu_case_page_update_menus    (RuhuCasePage     *self);

/* ruhu-case-page-review.c */
void ruhu_case_page_install_review  (GtkWidgetClass   *widget_class);
void ruhu_case_page_connect_review  (RuhuCasePage     *self);
void ruhu_case_page_show_review     (RuhuCasePage     *self);

G_END_DECLS
