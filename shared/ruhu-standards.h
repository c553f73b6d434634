/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RUHU_STANDARDS_ERROR (ruhu_standards_error_quark ())

typedef enum
{
  RUHU_STANDARDS_ERROR_INVALID,
} RuhuStandardsError;

/* Which published standard a household is measured against. */
typedef enum
{
  RUHU_STANDARD_URBAN_DIBAO,
  RUHU_STANDARD_RURAL_DIBAO,
  RUHU_STANDARD_TEKUN,
} RuhuStandardKind;

/* One standard in force: the amount and where it comes from. */
typedef struct
{
  RuhuStandardKind  kind;
  gint64            fen_per_person;  /* per month */
  const char       *region;          /* owned by the RuhuStandards */
  const char       *notice;
  GDate             from;
  gboolean          from_is_issue_date;
} RuhuStandard;

typedef struct _RuhuStandards RuhuStandards;

GQuark          ruhu_standards_error_quark  (void);
RuhuStandards  *ruhu_standards_load         (const char        *path,
                                             GError           **error);
RuhuStandards  *ruhu_standards_load_default (GError           **error);
void            ruhu_standards_free         (RuhuStandards     *standards);
gboolean        ruhu_standards_lookup       (RuhuStandards     *standards,
                                             const char        *division_code,
                                             RuhuStandardKind   kind,
                                             const GDate       *date,
                                             RuhuStandard      *standard);
RuhuStandardKind ruhu_standard_kind_for     (const char        *category,
                                             const char        *hukou_type);
const char     *ruhu_standard_kind_label    (RuhuStandardKind   kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuStandards, ruhu_standards_free)

G_END_DECLS
