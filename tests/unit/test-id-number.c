/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "ruhu-id-number.h"
#include "ruhu-json.h"
#include "ruhu-phone.h"

/* A fixed "today" keeps the future-birth check independent of the clock. */
static GDate today;

static JsonObject *
load_vectors (JsonNode **root)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "id-numbers",
                                                 "vectors.json", NULL);
  g_autoptr(GError) error = NULL;

  *root = ruhu_json_parse_file (path, NULL, &error);
  g_assert_no_error (error);
  return json_node_get_object (*root);
}

static RuhuIdNumberError
code_for_reason (JsonObject *vector)
{
  const char *reason = json_object_get_string_member (vector, "reason");
  const char *detail = json_object_get_string_member (vector, "detail");

  if (g_str_equal (reason, "bad_checksum"))
    return RUHU_ID_NUMBER_ERROR_BAD_CHECKSUM;
  if (g_str_equal (reason, "bad_date"))
    return strstr (detail, "future") != NULL ? RUHU_ID_NUMBER_ERROR_FUTURE_BIRTH :
                                                RUHU_ID_NUMBER_ERROR_BAD_DATE;
  if (g_str_equal (reason, "bad_region"))
    return RUHU_ID_NUMBER_ERROR_BAD_REGION;
  if (g_str_equal (reason, "wrong_length"))
    return RUHU_ID_NUMBER_ERROR_WRONG_LENGTH;
  if (g_str_equal (reason, "bad_chars"))
    return RUHU_ID_NUMBER_ERROR_BAD_CHARS;
  if (g_str_equal (reason, "lowercase_x"))
    return RUHU_ID_NUMBER_ERROR_LOWERCASE_X;
  g_error ("unknown reason %s", reason);
}

static void
test_valid_vector (gconstpointer data)
{
  JsonObject *vector = (JsonObject *) data;
  const char *id = json_object_get_string_member (vector, "id");
  g_autoptr(GError) error = NULL;
  RuhuIdNumber parsed;
  char birth[11];

  g_assert_true (ruhu_id_number_parse (id, &today, &parsed, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (parsed.region, ==, json_object_get_string_member (vector, "region"));
  g_assert_cmpstr (parsed.sequence, ==, json_object_get_string_member (vector, "sequence"));
  g_date_strftime (birth, sizeof birth, "%Y-%m-%d", &parsed.birth);
  g_assert_cmpstr (birth, ==, json_object_get_string_member (vector, "birth"));
  g_assert_cmpint (parsed.sex, ==,
                   g_str_equal (json_object_get_string_member (vector, "sex"), "male") ?
                   RUHU_SEX_MALE : RUHU_SEX_FEMALE);
  g_assert_cmpint (parsed.check, ==, json_object_get_string_member (vector, "check")[0]);
}

static void
test_invalid_vector (gconstpointer data)
{
  JsonObject *vector = (JsonObject *) data;
  const char *id = json_object_get_string_member (vector, "id");
  g_autoptr(GError) error = NULL;

  g_assert_false (ruhu_id_number_parse (id, &today, NULL, &error));
  g_assert_error (error, RUHU_ID_NUMBER_ERROR, (int) code_for_reason (vector));
  g_assert_nonnull (error->message);

  /* Lowercase x is the only fault of those vectors: upper-cased, they pass. */
  if (json_object_get_boolean_member_with_default (vector, "valid_if_uppercased", FALSE))
    {
      g_autofree char *upper = g_ascii_strup (id, -1);

      g_assert_true (ruhu_id_number_parse (upper, &today, NULL, NULL));
      g_assert_nonnull (strstr (error->message, "capital X"));
    }
}

static void
test_standard_examples (void)
{
  RuhuIdNumber parsed;
  char birth[11];

  g_assert_true (ruhu_id_number_parse ("11010519491231002X", &today, &parsed, NULL));
  g_assert_cmpstr (parsed.region, ==, "110105");
  g_assert_cmpint (parsed.sex, ==, RUHU_SEX_FEMALE);
  g_assert_cmpint (parsed.check, ==, 'X');

  g_assert_true (ruhu_id_number_parse ("440524188001010014", &today, &parsed, NULL));
  g_date_strftime (birth, sizeof birth, "%Y-%m-%d", &parsed.birth);
  g_assert_cmpstr (birth, ==, "1880-01-01");
  g_assert_cmpint (parsed.sex, ==, RUHU_SEX_MALE);

  g_assert_cmpint (ruhu_id_number_check_char ("11010519491231002"), ==, 'X');
}

static void
test_today_is_inclusive (void)
{
  g_autoptr(GError) error = NULL;
  GDate day;

  /* Born 2022-06-15: valid on that day, in the future the day before. */
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 15, 6, 2022);
  g_assert_true (ruhu_id_number_parse ("500109202206151231", &day, NULL, &error));
  g_assert_no_error (error);
  g_date_set_dmy (&day, 14, 6, 2022);
  g_assert_false (ruhu_id_number_parse ("500109202206151231", &day, NULL, &error));
  g_assert_error (error, RUHU_ID_NUMBER_ERROR, RUHU_ID_NUMBER_ERROR_FUTURE_BIRTH);
}

static void
test_lowercase_x (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ruhu_id_number_parse ("11010519491231002x", &today, NULL, &error));
  g_assert_error (error, RUHU_ID_NUMBER_ERROR, RUHU_ID_NUMBER_ERROR_LOWERCASE_X);
}

static void
test_phone_numbers (void)
{
  const char *good[] = { "13812345678", "19912345678", "023-68881234", "02368881234",
                         "010-22345678", "0851-8123456" };
  const struct { const char *text; RuhuPhoneError code; } bad[] = {
    { "12812345678", RUHU_PHONE_ERROR_BAD_MOBILE },
    { "1381234567", RUHU_PHONE_ERROR_BAD_MOBILE },
    { "138123456789", RUHU_PHONE_ERROR_BAD_MOBILE },
    { "138 1234 5678", RUHU_PHONE_ERROR_BAD_CHARS },
    { "+8613812345678", RUHU_PHONE_ERROR_BAD_CHARS },
    { "023-1234567", RUHU_PHONE_ERROR_BAD_LANDLINE },
    { "023-123456", RUHU_PHONE_ERROR_BAD_LANDLINE },
    { "00-22345678", RUHU_PHONE_ERROR_BAD_LANDLINE },
    { "68881234", RUHU_PHONE_ERROR_UNKNOWN_FORM },
    { "", RUHU_PHONE_ERROR_UNKNOWN_FORM },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (ruhu_phone_validate (good[i], &error));
      g_assert_no_error (error);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (ruhu_phone_validate (bad[i].text, &error));
      g_assert_error (error, RUHU_PHONE_ERROR, (int) bad[i].code);
    }
}

int
main (int argc, char *argv[])
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *vectors;
  JsonArray *array;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 1, 2026);

  vectors = load_vectors (&root);
  array = json_object_get_array_member (vectors, "valid");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *vector = json_array_get_object_element (array, i);
      g_autofree char *path = g_strdup_printf ("/ruhu/id-number/valid/%u-%s", i,
                                               json_object_get_string_member (vector, "id"));

      g_test_add_data_func (path, vector, test_valid_vector);
    }
  array = json_object_get_array_member (vectors, "invalid");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *vector = json_array_get_object_element (array, i);
      g_autofree char *path = g_strdup_printf ("/ruhu/id-number/invalid/%u-%s", i,
                                               json_object_get_string_member (vector, "reason"));

      g_test_add_data_func (path, vector, test_invalid_vector);
    }
  g_test_add_func ("/ruhu/id-number/standard-examples", test_standard_examples);
  g_test_add_func ("/ruhu/id-number/today-is-inclusive", test_today_is_inclusive);
  g_test_add_func ("/ruhu/id-number/lowercase-x", test_lowercase_x);
  g_test_add_func ("/ruhu/id-number/phone-numbers", test_phone_numbers);

  status = g_test_run ();
  return status;
}
