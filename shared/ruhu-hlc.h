/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RUHU_HLC_ERROR (ruhu_hlc_error_quark ())

typedef enum
{
  RUHU_HLC_ERROR_PARSE,
  RUHU_HLC_ERROR_FUTURE,
} RuhuHlcError;

/* A hybrid logical clock timestamp: wall-clock milliseconds since the Unix
 * epoch, plus a counter that orders events within one millisecond (or while
 * the wall clock stands still or goes backwards). */
typedef struct
{
  gint64  wall_ms;
  guint32 counter;
} RuhuHlc;

/* The sortable text form is fixed-width hex: 12 digits of milliseconds, a
 * dot, 4 digits of counter ("0193a1b2c3d4.0000"). */
#define RUHU_HLC_STRING_LENGTH 17
#define RUHU_HLC_MAX_COUNTER   0xffff
#define RUHU_HLC_MAX_WALL_MS   G_GINT64_CONSTANT (0xffffffffffff)

/* A remote timestamp more than this far ahead of our own wall clock is
 * refused: one bad tablet clock must not drag every replica into the future. */
#define RUHU_HLC_DEFAULT_MAX_DRIFT_MS (G_GINT64_CONSTANT (24) * 60 * 60 * 1000)

typedef gint64 (*RuhuWallClockFunc) (gpointer user_data);

typedef struct _RuhuHlcClock RuhuHlcClock;

GQuark        ruhu_hlc_error_quark          (void);

int           ruhu_hlc_compare              (const RuhuHlc      *a,
                                             const RuhuHlc      *b);
char         *ruhu_hlc_to_string            (const RuhuHlc      *hlc);
gboolean      ruhu_hlc_parse                (const char         *text,
                                             gssize              length,
                                             RuhuHlc            *out,
                                             GError            **error);

RuhuHlcClock *ruhu_hlc_clock_new            (void);
void          ruhu_hlc_clock_free           (RuhuHlcClock       *clock);
void          ruhu_hlc_clock_set_wall_func  (RuhuHlcClock       *clock,
                                             RuhuWallClockFunc   func,
                                             gpointer            user_data);
void          ruhu_hlc_clock_set_max_drift  (RuhuHlcClock       *clock,
                                             gint64              max_drift_ms);
void          ruhu_hlc_clock_get_last       (RuhuHlcClock       *clock,
                                             RuhuHlc            *out);
void          ruhu_hlc_clock_restore        (RuhuHlcClock       *clock,
                                             const RuhuHlc      *last);
void          ruhu_hlc_clock_now            (RuhuHlcClock       *clock,
                                             RuhuHlc            *out);
gboolean      ruhu_hlc_clock_observe        (RuhuHlcClock       *clock,
                                             const RuhuHlc      *remote,
                                             GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuHlcClock, ruhu_hlc_clock_free)

G_END_DECLS
