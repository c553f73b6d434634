/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-hlc.h"

typedef struct
{
  gint64 now_ms;
} FakeWall;

static gint64
fake_wall (gpointer user_data)
{
  return ((FakeWall *) user_data)->now_ms;
}

static RuhuHlcClock *
clock_at (FakeWall *wall,
          gint64    now_ms)
{
  RuhuHlcClock *clock = ruhu_hlc_clock_new ();

  wall->now_ms = now_ms;
  ruhu_hlc_clock_set_wall_func (clock, fake_wall, wall);
  return clock;
}

static void
test_follows_wall_clock (void)
{
  FakeWall wall;
  g_autoptr(RuhuHlcClock) clock = clock_at (&wall, 1700000000000);
  RuhuHlc a, b;

  ruhu_hlc_clock_now (clock, &a);
  g_assert_cmpint (a.wall_ms, ==, 1700000000000);
  g_assert_cmpuint (a.counter, ==, 0);

  /* Same millisecond: the counter orders the two. */
  ruhu_hlc_clock_now (clock, &b);
  g_assert_cmpint (b.wall_ms, ==, 1700000000000);
  g_assert_cmpuint (b.counter, ==, 1);
  g_assert_cmpint (ruhu_hlc_compare (&a, &b), <, 0);

  wall.now_ms += 5;
  ruhu_hlc_clock_now (clock, &a);
  g_assert_cmpint (a.wall_ms, ==, 1700000000005);
  g_assert_cmpuint (a.counter, ==, 0);
}

static void
test_monotonic_when_clock_goes_back (void)
{
  FakeWall wall;
  g_autoptr(RuhuHlcClock) clock = clock_at (&wall, 1700000000000);
  RuhuHlc prev, next;

  ruhu_hlc_clock_now (clock, &prev);
  /* The tablet's clock is set back by an hour, then jumps a day ahead. */
  wall.now_ms -= 3600 * 1000;
  for (int i = 0; i < 1000; i++)
    {
      ruhu_hlc_clock_now (clock, &next);
      g_assert_cmpint (ruhu_hlc_compare (&prev, &next), <, 0);
      prev = next;
    }
  g_assert_cmpint (next.wall_ms, ==, 1700000000000);

  wall.now_ms += 25 * 3600 * 1000;
  ruhu_hlc_clock_now (clock, &next);
  g_assert_cmpint (ruhu_hlc_compare (&prev, &next), <, 0);
  g_assert_cmpint (next.wall_ms, ==, wall.now_ms);
}

static void
test_counter_overflow_borrows_millisecond (void)
{
  FakeWall wall;
  g_autoptr(RuhuHlcClock) clock = clock_at (&wall, 1000);
  RuhuHlc prev, next;

  ruhu_hlc_clock_now (clock, &prev);
  for (guint i = 0; i < RUHU_HLC_MAX_COUNTER + 10; i++)
    {
      ruhu_hlc_clock_now (clock, &next);
      g_assert_cmpint (ruhu_hlc_compare (&prev, &next), <, 0);
      g_assert_cmpuint (next.counter, <=, RUHU_HLC_MAX_COUNTER);
      prev = next;
    }
  g_assert_cmpint (next.wall_ms, ==, 1001);
}

static void
test_observe_moves_past_remote (void)
{
  FakeWall wall;
  g_autoptr(RuhuHlcClock) clock = clock_at (&wall, 1700000000000);
  RuhuHlc remote = { 1700000060000, 7 }, next;
  g_autoptr(GError) error = NULL;

  /* A remote clock a minute ahead: allowed, and we follow it. */
  g_assert_true (ruhu_hlc_clock_observe (clock, &remote, &error));
  g_assert_no_error (error);
  ruhu_hlc_clock_now (clock, &next);
  g_assert_cmpint (ruhu_hlc_compare (&remote, &next), <, 0);
  g_assert_cmpint (next.wall_ms, ==, remote.wall_ms);
  g_assert_cmpuint (next.counter, ==, 9);
}

static void
test_observe_refuses_far_future (void)
{
  FakeWall wall;
  g_autoptr(RuhuHlcClock) clock = clock_at (&wall, 1700000000000);
  RuhuHlc before, after;
  RuhuHlc remote = { 1700000000000 + RUHU_HLC_DEFAULT_MAX_DRIFT_MS + 1, 0 };
  g_autoptr(GError) error = NULL;

  ruhu_hlc_clock_now (clock, &before);
  g_assert_false (ruhu_hlc_clock_observe (clock, &remote, &error));
  g_assert_error (error, RUHU_HLC_ERROR, RUHU_HLC_ERROR_FUTURE);
  g_assert_nonnull (strstr (error->message, "future"));
  ruhu_hlc_clock_get_last (clock, &after);
  g_assert_cmpint (ruhu_hlc_compare (&before, &after), ==, 0);

  /* Exactly at the limit is still accepted. */
  remote.wall_ms -= 1;
  g_assert_true (ruhu_hlc_clock_observe (clock, &remote, NULL));

  /* A tighter limit, as a server may choose. */
  ruhu_hlc_clock_set_max_drift (clock, 1000);
  remote.wall_ms = wall.now_ms + 1001;
  g_assert_false (ruhu_hlc_clock_observe (clock, &remote, NULL));
}

static void
test_restore_never_goes_back (void)
{
  FakeWall wall;
  g_autoptr(RuhuHlcClock) clock = clock_at (&wall, 5000);
  RuhuHlc saved = { 9000, 3 }, older = { 100, 0 }, next;

  ruhu_hlc_clock_restore (clock, &saved);
  ruhu_hlc_clock_restore (clock, &older);
  ruhu_hlc_clock_now (clock, &next);
  g_assert_cmpint (next.wall_ms, ==, 9000);
  g_assert_cmpuint (next.counter, ==, 4);
}

static void
test_text_form_sorts_and_round_trips (void)
{
  RuhuHlc stamps[] = {
    { 0, 0 }, { 0, 1 }, { 15, 0xffff }, { 16, 0 }, { 1700000000000, 2 }, { RUHU_HLC_MAX_WALL_MS, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (stamps); i++)
    {
      g_autofree char *text = ruhu_hlc_to_string (&stamps[i]);
      RuhuHlc parsed;

      g_assert_cmpuint (strlen (text), ==, RUHU_HLC_STRING_LENGTH);
      g_assert_true (ruhu_hlc_parse (text, -1, &parsed, NULL));
      g_assert_cmpint (ruhu_hlc_compare (&parsed, &stamps[i]), ==, 0);
      if (i > 0)
        {
          g_autofree char *prev = ruhu_hlc_to_string (&stamps[i - 1]);
          g_assert_cmpint (strcmp (prev, text), <, 0);
        }
    }
}

static void
test_parse_refuses_bad_text (void)
{
  const char *bad[] = {
    "", "018bcfe56800.000", "018bcfe56800-0000", "018BCFE56800.0000", "018bcfe56800.00000",
    "x18bcfe56800.0000", " 18bcfe56800.0000", "018bcfe56800.000g",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      RuhuHlc parsed;

      g_assert_false (ruhu_hlc_parse (bad[i], -1, &parsed, &error));
      g_assert_error (error, RUHU_HLC_ERROR, RUHU_HLC_ERROR_PARSE);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ruhu/hlc/follows-wall-clock", test_follows_wall_clock);
  g_test_add_func ("/ruhu/hlc/monotonic-when-clock-goes-back", test_monotonic_when_clock_goes_back);
  g_test_add_func ("/ruhu/hlc/counter-overflow", test_counter_overflow_borrows_millisecond);
  g_test_add_func ("/ruhu/hlc/observe-moves-past-remote", test_observe_moves_past_remote);
  g_test_add_func ("/ruhu/hlc/observe-refuses-far-future", test_observe_refuses_far_future);
  g_test_add_func ("/ruhu/hlc/restore-never-goes-back", test_restore_never_goes_back);
  g_test_add_func ("/ruhu/hlc/text-form", test_text_form_sorts_and_round_trips);
  g_test_add_func ("/ruhu/hlc/parse-refuses-bad-text", test_parse_refuses_bad_text);
  return g_test_run ();
}
