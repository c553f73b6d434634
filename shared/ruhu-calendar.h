/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RUHU_CALENDAR_ERROR (ruhu_calendar_error_quark ())

/**
 * RuhuCalendarError:
 * @RUHU_CALENDAR_ERROR_READ: the calendar file could not be read or is not JSON
 * @RUHU_CALENDAR_ERROR_INVALID: the calendar file is JSON but breaks the format
 * @RUHU_CALENDAR_ERROR_OUT_OF_RANGE: a computation needs a date outside the
 *   years the official calendar covers
 */
typedef enum
{
  RUHU_CALENDAR_ERROR_READ,
  RUHU_CALENDAR_ERROR_INVALID,
  RUHU_CALENDAR_ERROR_OUT_OF_RANGE,
} RuhuCalendarError;

#define RUHU_TYPE_CALENDAR (ruhu_calendar_get_type ())

typedef struct _RuhuCalendar RuhuCalendar;

GQuark        ruhu_calendar_error_quark         (void);
GType         ruhu_calendar_get_type            (void) G_GNUC_CONST;

RuhuCalendar *ruhu_calendar_load                (const char    *path,
                                                 GError       **error);
RuhuCalendar *ruhu_calendar_load_default        (GError       **error);
RuhuCalendar *ruhu_calendar_ref                 (RuhuCalendar  *self);
void          ruhu_calendar_unref               (RuhuCalendar  *self);

gboolean      ruhu_calendar_covers              (RuhuCalendar  *self,
                                                 const GDate   *date);
gboolean      ruhu_calendar_is_working_day      (RuhuCalendar  *self,
                                                 const GDate   *date,
                                                 gboolean      *is_working_day,
                                                 GError       **error);
gboolean      ruhu_calendar_get_holiday         (RuhuCalendar  *self,
                                                 const GDate   *date,
                                                 const char   **name,
                                                 const char   **name_en,
                                                 GError       **error);
gboolean      ruhu_calendar_add_working_days    (RuhuCalendar  *self,
                                                 const GDate   *start,
                                                 int            n_days,
                                                 GDate         *result,
                                                 GError       **error);
gboolean      ruhu_calendar_count_working_days  (RuhuCalendar  *self,
                                                 const GDate   *from,
                                                 const GDate   *to,
                                                 int           *n_days,
                                                 GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuCalendar, ruhu_calendar_unref)

G_END_DECLS
