/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ruhu-case-snapshot.h"
#include "ruhu-store.h"

G_BEGIN_DECLS

/* Outreach visits (探访) to households receiving aid: key recipients every
 * calendar month, the others every calendar quarter. Each household's
 * last `outreach_visit` says whether this period's visit is done, still
 * due, or overdue because an earlier period passed without one. */

typedef enum
{
  RUHU_VISIT_MONTHLY,
  RUHU_VISIT_QUARTERLY,
} RuhuVisitInterval;

/* Why a household is a key recipient; several may hold. */
typedef enum
{
  RUHU_KEY_RECIPIENT_NONE              = 0,
  RUHU_KEY_RECIPIENT_DISPERSED_ORPHAN  = 1 << 0,  /* a covered member, `orphan` dispersed */
  RUHU_KEY_RECIPIENT_DISPERSED_TEKUN   = 1 << 1,  /* 特困, `tekun_support` dispersed */
  RUHU_KEY_RECIPIENT_SEVERE_DISABILITY = 1 << 2,  /* a covered member of grade 1 or 2 */
} RuhuKeyRecipient;

/* Which households are visited: those receiving aid, or every household
 * of the store (a volunteer's device holds only the households assigned to
 * the volunteer for visits). */
typedef enum
{
  RUHU_VISIT_SCOPE_RECIPIENTS,
  RUHU_VISIT_SCOPE_ALL,
} RuhuVisitScope;

/* In the order the volunteer should see them. */
typedef enum
{
  RUHU_VISIT_OVERDUE,  /* an earlier period ended without a visit */
  RUHU_VISIT_DUE,      /* not yet visited this period */
  RUHU_VISIT_DONE,     /* visited this period */
} RuhuVisitStatus;

typedef struct
{
  char              *case_id;
  char              *head_name;     /* nullable, like the three below */
  char              *village_code;
  char              *village_name;
  char              *address;
  RuhuKeyRecipient   key;
  RuhuVisitInterval  interval;
  GDate              last_visit;    /* invalid if never visited */
  GDate              period_start;  /* the period today is in */
  GDate              period_end;
  GDate              due;           /* the last day of the period awaiting a visit:
                                     * this one, or the missed one when overdue */
  RuhuVisitStatus    status;
} RuhuVisitDue;

/* A village's visit rate this period: @n_visited of @n_due. */
typedef struct
{
  char  *village_code;  /* nullable */
  char  *village_name;  /* nullable */
  guint  n_due;
  guint  n_visited;
} RuhuVisitRate;

void             ruhu_visit_period            (RuhuVisitInterval   interval,
                                               const GDate        *day,
                                               GDate              *first,
                                               GDate              *last);
RuhuVisitStatus  ruhu_visit_judge             (RuhuVisitInterval   interval,
                                               const GDate        *last_visit,
                                               const GDate        *today,
                                               GDate              *due);
RuhuKeyRecipient ruhu_visit_key_recipient     (RuhuCaseSnapshot   *snapshot);
RuhuVisitDue    *ruhu_visit_due_from_snapshot (RuhuCaseSnapshot   *snapshot,
                                               const GDate        *today);
GPtrArray       *ruhu_visit_schedule_load     (RuhuStore          *store,
                                               const char         *village_code,
                                               RuhuVisitScope      scope,
                                               const GDate        *today,
                                               GCancellable       *cancellable,
                                               GError            **error);
GPtrArray       *ruhu_visit_rates             (GPtrArray          *schedule);
double           ruhu_visit_rate_get_fraction (const RuhuVisitRate *rate);

const char      *ruhu_visit_status_get_label  (RuhuVisitStatus     status);
char            *ruhu_key_recipient_describe  (RuhuKeyRecipient    key);

void             ruhu_visit_due_free          (RuhuVisitDue       *due);
void             ruhu_visit_rate_free         (RuhuVisitRate      *rate);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuVisitDue, ruhu_visit_due_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuVisitRate, ruhu_visit_rate_free)

G_END_DECLS
