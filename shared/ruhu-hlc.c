/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-hlc.h"

struct _RuhuHlcClock
{
  RuhuHlc           last;
  RuhuWallClockFunc wall_func;
  gpointer          wall_data;
  gint64            max_drift_ms;
};

G_DEFINE_QUARK (ruhu-hlc-error-quark, ruhu_hlc_error)

static gint64
system_wall_ms (gpointer user_data)
{
  return g_get_real_time () / 1000;
}

static gint64
read_wall (RuhuHlcClock *clock)
{
  return CLAMP (clock->wall_func (clock->wall_data), 0, RUHU_HLC_MAX_WALL_MS);
}

/* Moves @hlc one tick forward. The counter has 16 bits; when it is used up,
 * borrowing a millisecond keeps the order without widening the text form. */
static void
tick (RuhuHlc *hlc)
{
  if (hlc->counter < RUHU_HLC_MAX_COUNTER)
    {
      hlc->counter++;
    }
  else
    {
      hlc->wall_ms++;
      hlc->counter = 0;
    }
}

/**
 * ruhu_hlc_compare:
 *
 * Returns: negative, zero or positive as @a is before, equal to or after @b
 */
int
ruhu_hlc_compare (const RuhuHlc *a,
                  const RuhuHlc *b)
{
  if (a->wall_ms != b->wall_ms)
    return a->wall_ms < b->wall_ms ? -1 : 1;
  if (a->counter != b->counter)
    return a->counter < b->counter ? -1 : 1;
  return 0;
}

/**
 * ruhu_hlc_to_string:
 *
 * Returns: (transfer full): the fixed-width text form, which sorts as the
 *   timestamps do
 */
char *
ruhu_hlc_to_string (const RuhuHlc *hlc)
{
  return g_strdup_printf ("%012" G_GINT64_MODIFIER "x.%04x",
                          hlc->wall_ms, (guint) hlc->counter);
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

/**
 * ruhu_hlc_parse:
 * @text: the text form, as written by ruhu_hlc_to_string()
 * @length: its length, or -1 if nul-terminated
 *
 * Only the exact form is accepted (lowercase hex, fixed width), so that one
 * timestamp has one spelling and versions compare as strings.
 */
gboolean
ruhu_hlc_parse (const char  *text,
                gssize       length,
                RuhuHlc     *out,
                GError     **error)
{
  gint64 wall = 0;
  guint32 counter = 0;

  if (length < 0)
    length = strlen (text);
  if (length != RUHU_HLC_STRING_LENGTH || text[12] != '.')
    goto bad;

  for (int i = 0; i < 12; i++)
    {
      int d = hex_value (text[i]);
      if (d < 0)
        goto bad;
      wall = wall * 16 + d;
    }
  for (int i = 13; i < RUHU_HLC_STRING_LENGTH; i++)
    {
      int d = hex_value (text[i]);
      if (d < 0)
        goto bad;
      counter = counter * 16 + d;
    }

  out->wall_ms = wall;
  out->counter = counter;
  return TRUE;

bad:
  g_set_error (error, RUHU_HLC_ERROR, RUHU_HLC_ERROR_PARSE,
               _("“%.*s” is not a valid timestamp"), (int) MIN (length, 64), text);
  return FALSE;
}

/**
 * ruhu_hlc_clock_new:
 *
 * A clock for one device, reading the system's wall clock. Restore the last
 * timestamp the device issued (ruhu_hlc_clock_restore()) before using it, so
 * that it stays monotonic across restarts.
 *
 * Returns: (transfer full): a new clock
 */
RuhuHlcClock *
ruhu_hlc_clock_new (void)
{
  RuhuHlcClock *clock = g_new0 (RuhuHlcClock, 1);

  clock->wall_func = system_wall_ms;
  clock->max_drift_ms = RUHU_HLC_DEFAULT_MAX_DRIFT_MS;
  return clock;
}

void
ruhu_hlc_clock_free (RuhuHlcClock *clock)
{
  g_free (clock);
}

/**
 * ruhu_hlc_clock_set_wall_func:
 * @func: (nullable): returns milliseconds since the epoch; %NULL for the system clock
 *
 * Replaces the wall clock, for tests that make time stand still, jump or go
 * backwards.
 */
void
ruhu_hlc_clock_set_wall_func (RuhuHlcClock      *clock,
                              RuhuWallClockFunc  func,
                              gpointer           user_data)
{
  clock->wall_func = func != NULL ? func : system_wall_ms;
  clock->wall_data = user_data;
}

void
ruhu_hlc_clock_set_max_drift (RuhuHlcClock *clock,
                              gint64        max_drift_ms)
{
  g_return_if_fail (max_drift_ms >= 0);
  clock->max_drift_ms = max_drift_ms;
}

void
ruhu_hlc_clock_get_last (RuhuHlcClock *clock,
                         RuhuHlc      *out)
{
  *out = clock->last;
}

/**
 * ruhu_hlc_clock_restore:
 * @last: a timestamp this device issued or observed earlier
 *
 * Never moves the clock backwards.
 */
void
ruhu_hlc_clock_restore (RuhuHlcClock  *clock,
                        const RuhuHlc *last)
{
  if (ruhu_hlc_compare (last, &clock->last) > 0)
    clock->last = *last;
}

/**
 * ruhu_hlc_clock_now:
 * @out: (out): a timestamp greater than every one issued or observed before
 *
 * Follows the wall clock when it moves forward and counts on from the last
 * timestamp when it stands still or goes backwards.
 */
void
ruhu_hlc_clock_now (RuhuHlcClock *clock,
                    RuhuHlc      *out)
{
  gint64 wall = read_wall (clock);

  if (wall > clock->last.wall_ms)
    {
      clock->last.wall_ms = wall;
      clock->last.counter = 0;
    }
  else
    {
      tick (&clock->last);
    }
  *out = clock->last;
}

/**
 * ruhu_hlc_clock_observe:
 * @remote: a timestamp received from another device
 *
 * Moves the clock past @remote so that what this device writes next is
 * ordered after what it has seen.
 *
 * Returns: %FALSE with %RUHU_HLC_ERROR_FUTURE if @remote lies further ahead
 *   of this device's wall clock than the allowed drift; the clock is then
 *   unchanged
 */
gboolean
ruhu_hlc_clock_observe (RuhuHlcClock   *clock,
                        const RuhuHlc  *remote,
                        GError        **error)
{
  gint64 wall = read_wall (clock);
  gint64 newest;
  RuhuHlc next;

  if (remote->wall_ms > wall && remote->wall_ms - wall > clock->max_drift_ms)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (remote->wall_ms / 1000);
      g_autofree char *text = when != NULL ? g_date_time_format (when, "%F %T") : g_strdup ("?");

      g_set_error (error, RUHU_HLC_ERROR, RUHU_HLC_ERROR_FUTURE,
                   _("A change is dated %s (UTC), too far in the future. "
                     "The clock of the device that made it is probably wrong; "
                     "set its date and time correctly and sync again."),
                   text);
      return FALSE;
    }

  newest = MAX (wall, MAX (clock->last.wall_ms, remote->wall_ms));
  next.wall_ms = newest;
  if (newest == clock->last.wall_ms && newest == remote->wall_ms)
    next.counter = MAX (clock->last.counter, remote->counter);
  else if (newest == clock->last.wall_ms)
    next.counter = clock->last.counter;
  else if (newest == remote->wall_ms)
    next.counter = remote->counter;
  else
    {
      clock->last = next;
      clock->last.counter = 0;
      return TRUE;
    }

  tick (&next);
  clock->last = next;
  return TRUE;
}
