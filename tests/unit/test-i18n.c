/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "ruhu-calendar.h"
#include "ruhu-paths.h"
#include "ruhu-store.h"

/* The library's messages reach users in Chinese: run with LANGUAGE=zh_CN
 * against the catalogue this build compiled (RUHU_LOCALEDIR). */

static gboolean
has_cjk (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x4e00 && c <= 0x9fff)
        return TRUE;
    }
  return FALSE;
}

static void
test_store_error_in_chinese (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuStore) store = ruhu_store_open ("/nonexistent/ruhu.db", RUHU_STORE_OPEN_DEFAULT,
                                                NULL, NULL, &error);

  g_assert_null (store);
  g_assert_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_NOT_FOUND);
  g_test_message ("%s", error->message);
  g_assert_true (has_cjk (error->message));
  g_assert_nonnull (strstr (error->message, "/nonexistent/ruhu.db"));
}

static void
test_calendar_error_in_chinese (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuCalendar) calendar = ruhu_calendar_load_default (&error);
  GDate start, due;

  g_assert_no_error (error);
  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 30, G_DATE_DECEMBER, 2026);
  g_assert_false (ruhu_calendar_add_working_days (calendar, &start, 5, &due, &error));
  g_test_message ("%s", error->message);
  g_assert_true (has_cjk (error->message));
  g_assert_nonnull (strstr (error->message, "2027"));
}

int
main (int argc, char *argv[])
{
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, "");
  ruhu_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ruhu/i18n/store-error-in-chinese", test_store_error_in_chinese);
  g_test_add_func ("/ruhu/i18n/calendar-error-in-chinese", test_calendar_error_in_chinese);
  return g_test_run ();
}
