/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-calendar.h"

G_BEGIN_DECLS

typedef enum
{
  DAY_UNCOVERED = 0,
  DAY_WORKING,
  DAY_REST,
} DayKind;

typedef struct
{
  char *name;
  char *name_en;
} Holiday;

struct _RuhuCalendar
{
  gatomicrefcount  ref_count;
  char            *path;
  GArray          *years;         /* sorted covered years, int */
  guint32          first_julian;  /* 1 January of the first covered year */
  guint            n_days;        /* through 31 December of the last one */
  guint8          *kinds;         /* a DayKind per day from first_julian */
  GHashTable      *holidays;      /* julian day → Holiday, for listed holidays */
};

DayKind ruhu_calendar_get_day_kind (RuhuCalendar *self,
                                    const GDate  *date);

G_END_DECLS
