/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-field-text.h"
#include "ruhu-form-validate.h"

/* Reading what people type into one-line fields, and showing values back. */

static RuhuFormSet *forms;

static RuhuFormField *
field (const char *kind,
       const char *name)
{
  RuhuForm *form = ruhu_form_set_lookup (forms, kind);
  RuhuFormField *f = form != NULL ? ruhu_form_lookup_field (form, name) : NULL;

  g_assert_nonnull (f);
  return f;
}

static char *
parse (RuhuFormField  *f,
       const char     *text,
       GError        **error)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("+08:00");
  g_autoptr(JsonNode) value = ruhu_field_text_to_value (f, text, zone, error);

  return value != NULL ? json_to_string (value, FALSE) : NULL;
}

static void
test_money (void)
{
  RuhuFormField *amount = field ("income", "amount_monthly");
  const struct { const char *text; const char *json; } good[] = {
    { "1200", "120000" }, { "1200.5", "120050" }, { " 1200.50 ", "120050" }, { "0.05", "5" },
    { "-3.05", "-305" }, { "", "null" }, { "  ", "null" },
  };
  const char *bad[] = { "12.345", "1,200", "abc", "12.", ".5", "1e3", "12.-5", "99999999999999999999" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *json = parse (amount, good[i].text, NULL);

      g_assert_cmpstr (json, ==, good[i].json);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *json = parse (amount, bad[i], &error);

      g_assert_null (json);
      g_assert_error (error, RUHU_VALIDATE_ERROR, RUHU_VALIDATE_ERROR_WRONG_TYPE);
      g_assert_true (g_str_has_prefix (error->message, "Monthly amount: "));
    }
}

static void
test_integer_and_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *n = parse (field ("asset", "floor_area"), "85", NULL);
  g_autofree char *bad = parse (field ("asset", "floor_area"), "85.5", &error);
  g_autofree char *spaced = parse (field ("household", "address"), " 三组 ", NULL);
  g_autofree char *id = parse (field ("member", "id_number"), " 11010519491231002x ", NULL);

  g_assert_cmpstr (n, ==, "85");
  g_assert_null (bad);
  g_assert_error (error, RUHU_VALIDATE_ERROR, RUHU_VALIDATE_ERROR_WRONG_TYPE);
  g_assert_cmpstr (spaced, ==, "\" 三组 \"");
  g_assert_cmpstr (id, ==, "\"11010519491231002X\"");
}

static void
test_datetime (void)
{
  RuhuFormField *at = field ("neighbour_interview", "interviewed_at");
  g_autofree char *typed = parse (at, "2025-03-01 09:30", NULL);
  g_autofree char *full = parse (at, "2025-03-01T09:30:00+08:00", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = parse (at, "yesterday", &error);
  g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), "2025-03-01T09:30:00+08:00");
  g_autofree char *shown = ruhu_field_value_to_text (at, value);

  g_assert_cmpstr (typed, ==, "\"2025-03-01T09:30:00+08:00\"");
  g_assert_cmpstr (full, ==, typed);
  g_assert_null (bad);
  g_assert_nonnull (error);
  g_assert_cmpstr (shown, ==, "2025-03-01 09:30");
}

static void
test_to_text (void)
{
  g_autoptr(JsonNode) fen = json_node_init_int (json_node_alloc (), 120050);
  g_autoptr(JsonNode) area = json_node_init_int (json_node_alloc (), 85);
  g_autofree char *money = ruhu_field_value_to_text (field ("income", "amount_monthly"), fen);
  g_autofree char *integer = ruhu_field_value_to_text (field ("asset", "floor_area"), area);
  g_autofree char *empty = ruhu_field_value_to_text (field ("asset", "floor_area"), NULL);

  g_assert_cmpstr (money, ==, "1200.50");
  g_assert_cmpstr (integer, ==, "85");
  g_assert_cmpstr (empty, ==, "");
}

static void
test_mask (void)
{
  g_autofree char *id = ruhu_field_mask_text ("11010519491231002X");
  g_autofree char *short_text = ruhu_field_mask_text ("123");
  g_autofree char *empty = ruhu_field_mask_text ("");

  g_assert_cmpstr (id, ==, "••••••••••••••002X");
  g_assert_cmpstr (short_text, ==, "123");
  g_assert_cmpstr (empty, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  forms = ruhu_form_set_load_default (&error);
  g_assert_no_error (error);
  g_test_add_func ("/ruhu/field-text/money", test_money);
  g_test_add_func ("/ruhu/field-text/integer-and-text", test_integer_and_text);
  g_test_add_func ("/ruhu/field-text/datetime", test_datetime);
  g_test_add_func ("/ruhu/field-text/to-text", test_to_text);
  g_test_add_func ("/ruhu/field-text/mask", test_mask);
  status = g_test_run ();
  ruhu_form_set_unref (forms);
  return status;
}
