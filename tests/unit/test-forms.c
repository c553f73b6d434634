/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "ruhu-form.h"

static const char * const expected_kinds[] = {
  "aid_task", "application", "asset", "assignment", "authorisation", "check_sheet",
  "discovery_report", "evidence", "expense", "household", "income", "member",
  "neighbour_interview", "outreach_visit", "review_comment", "signature", "transition", NULL
};

static RuhuFormSet *
load_real_forms (void)
{
  g_autoptr(GError) error = NULL;
  RuhuFormSet *forms = ruhu_form_set_load_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (forms);
  return forms;
}

static void
test_real_forms_load (void)
{
  g_autoptr(RuhuFormSet) forms = load_real_forms ();
  const char * const *kinds = ruhu_form_set_get_kinds (forms);
  RuhuForm *household, *member;

  g_assert_cmpstrv (kinds, expected_kinds);

  household = ruhu_form_set_lookup (forms, "household");
  g_assert_true (ruhu_form_accepts_parent (household, NULL));
  g_assert_cmpuint (g_strv_length ((GStrv) ruhu_form_get_parents (household)), ==, 0);

  member = ruhu_form_set_lookup (forms, "member");
  g_assert_true (ruhu_form_accepts_parent (member, "household"));
  g_assert_false (ruhu_form_accepts_parent (member, NULL));
  g_assert_false (ruhu_form_accepts_parent (member, "check_sheet"));
  g_assert_null (ruhu_form_set_lookup (forms, "nosuch"));

  /* Every kind except the root hangs under a kind that exists. */
  for (guint i = 0; kinds[i] != NULL; i++)
    {
      RuhuForm *form = ruhu_form_set_lookup (forms, kinds[i]);
      const char * const *parents = ruhu_form_get_parents (form);

      g_assert_cmpstr (ruhu_form_get_kind (form), ==, kinds[i]);
      g_assert_cmpint (ruhu_form_get_version (form), >=, 1);
      g_assert_true (g_str_equal (kinds[i], "household") || parents[0] != NULL);
      for (guint j = 0; parents[j] != NULL; j++)
        g_assert_nonnull (ruhu_form_set_lookup (forms, parents[j]));
    }
}

static void
check_field_structure (RuhuFormSet   *forms,
                       RuhuFormField *field)
{
  const char *name = ruhu_form_field_get_name (field);
  RuhuFieldType type = ruhu_form_field_get_field_type (field);

  g_test_message ("field %s", name);
  g_assert_nonnull (ruhu_form_field_get_label (field));
  g_assert_cmpstr (ruhu_form_field_get_label (field), !=, "");

  if (type == RUHU_FIELD_CHOICE || type == RUHU_FIELD_MULTI_CHOICE)
    g_assert_cmpuint (ruhu_form_field_get_n_options (field), >=, 2);
  else
    g_assert_cmpuint (ruhu_form_field_get_n_options (field), ==, 0);

  /* What a volunteer must never see has to be marked. */
  if (type == RUHU_FIELD_ID_NUMBER)
    g_assert_cmpint (ruhu_form_field_get_sensitivity (field), ==, RUHU_SENSITIVITY_ID_NUMBER);
  if (strstr (name, "bank_account") != NULL && !g_str_has_suffix (name, "_holder"))
    g_assert_cmpint (ruhu_form_field_get_sensitivity (field), ==, RUHU_SENSITIVITY_BANK);
  if (g_str_has_prefix (name, "disability"))
    g_assert_cmpint (ruhu_form_field_get_sensitivity (field), ==, RUHU_SENSITIVITY_DISABILITY);
  if (g_str_equal (name, "health") || g_str_equal (name, "illness"))
    g_assert_cmpint (ruhu_form_field_get_sensitivity (field), ==, RUHU_SENSITIVITY_HEALTH);

  if (type == RUHU_FIELD_REFERENCE)
    g_assert_nonnull (ruhu_form_set_lookup (forms, ruhu_form_field_get_refers_to (field)));
  if (type == RUHU_FIELD_COMPUTED)
    g_assert_false (ruhu_form_field_is_required (field));
}

static void
test_real_forms_structure (void)
{
  g_autoptr(RuhuFormSet) forms = load_real_forms ();
  const char * const *kinds = ruhu_form_set_get_kinds (forms);
  guint bank_fields = 0;

  for (guint i = 0; kinds[i] != NULL; i++)
    {
      RuhuForm *form = ruhu_form_set_lookup (forms, kinds[i]);

      g_assert_cmpuint (ruhu_form_get_n_fields (form), >, 0);
      for (guint j = 0; j < ruhu_form_get_n_fields (form); j++)
        {
          RuhuFormField *field = ruhu_form_get_field (form, j);

          check_field_structure (forms, field);
          g_assert_true (ruhu_form_lookup_field (form, ruhu_form_field_get_name (field)) == field);
          if (ruhu_form_field_get_sensitivity (field) == RUHU_SENSITIVITY_BANK)
            {
              bank_fields++;
              g_assert_true (g_str_equal (kinds[i], "household") ||
                             g_str_equal (kinds[i], "member"));
            }
        }
    }
  g_assert_cmpuint (bank_fields, ==, 2);
}

static void
test_member_form (void)
{
  g_autoptr(RuhuFormSet) forms = load_real_forms ();
  RuhuForm *member = ruhu_form_set_lookup (forms, "member");
  RuhuFormField *role = ruhu_form_lookup_field (member, "role");
  RuhuFormField *size = ruhu_form_lookup_field (member, "obligor_household_size");
  RuhuFormField *id = ruhu_form_lookup_field (member, "id_number");
  gint64 bound;

  g_assert_true (ruhu_form_get_field (member, 0) == role);
  g_assert_true (ruhu_form_field_is_required (role));
  g_assert_cmpint (ruhu_form_field_get_field_type (role), ==, RUHU_FIELD_CHOICE);
  g_assert_cmpstr (ruhu_form_field_get_option_value (role, 0), ==, "covered");
  g_assert_cmpstr (ruhu_form_field_get_option_value (role, 1), ==, "obligor");
  g_assert_cmpstr (ruhu_form_field_lookup_option_label (role, "obligor"), ==,
                   "Obligor checked for ability to support");
  g_assert_null (ruhu_form_field_lookup_option_label (role, "nosuch"));

  g_assert_true (ruhu_form_field_is_conditional (size));
  g_assert_true (ruhu_form_field_get_min (size, &bound));
  g_assert_cmpint (bound, ==, 1);
  g_assert_true (ruhu_form_field_get_max (size, &bound));
  g_assert_cmpint (bound, ==, 30);

  g_assert_cmpint (ruhu_form_field_get_field_type (id), ==, RUHU_FIELD_ID_NUMBER);
  g_assert_nonnull (ruhu_form_field_get_help (id));
  g_assert_cmpstr (ruhu_sensitivity_to_string (ruhu_form_field_get_sensitivity (id)), ==,
                   "id_number");
}

static void
test_computed_and_options (void)
{
  g_autoptr(RuhuFormSet) forms = load_real_forms ();
  RuhuForm *income = ruhu_form_set_lookup (forms, "income");
  RuhuForm *evidence = ruhu_form_set_lookup (forms, "evidence");
  RuhuFormField *net = ruhu_form_lookup_field (income, "net_monthly");
  RuhuFormField *category = ruhu_form_lookup_field (evidence, "category");

  g_assert_cmpint (ruhu_form_field_get_field_type (net), ==, RUHU_FIELD_COMPUTED);
  g_assert_cmpint (ruhu_form_field_get_value_type (net), ==, RUHU_FIELD_MONEY);
  g_assert_cmpint (ruhu_form_field_get_option_sensitivity (category, "id_front"), ==,
                   RUHU_SENSITIVITY_ID_NUMBER);
  g_assert_cmpint (ruhu_form_field_get_option_sensitivity (category, "dwelling_photo"), ==,
                   RUHU_SENSITIVITY_NONE);
}

static void
test_type_names (void)
{
  for (RuhuFieldType type = RUHU_FIELD_TEXT; type <= RUHU_FIELD_COMPUTED; type++)
    {
      RuhuFieldType back;

      g_assert_true (ruhu_field_type_from_string (ruhu_field_type_to_string (type), &back));
      g_assert_cmpint (back, ==, type);
    }
  g_assert_false (ruhu_field_type_from_string ("telephone", &(RuhuFieldType) { 0 }));
}

typedef struct
{
  const char    *name;
  const char    *household;   /* the household.json to write; NULL for none */
  RuhuFormError  code;
  const char    *needle;      /* must appear in the message */
} BrokenForm;

#define HEAD "{\"kind\": \"household\", \"version\": 1, \"label\": \"Household\", \"parents\": [], "

static const BrokenForm broken_forms[] = {
  { "unknown-type", HEAD "\"fields\": [{\"name\": \"phone\", \"type\": \"telephone\", \"label\": \"P\"}]}",
    RUHU_FORM_ERROR_UNKNOWN_TYPE, "“phone”: unknown type “telephone”" },
  { "duplicate-field", HEAD "\"fields\": [{\"name\": \"a\", \"type\": \"text\", \"label\": \"A\"},"
    "{\"name\": \"a\", \"type\": \"integer\", \"label\": \"B\"}]}",
    RUHU_FORM_ERROR_DUPLICATE, "“a”" },
  { "choice-without-options", HEAD "\"fields\": [{\"name\": \"c\", \"type\": \"choice\", \"label\": \"C\"}]}",
    RUHU_FORM_ERROR_MISSING_OPTIONS, "“c”" },
  { "empty-options", HEAD "\"fields\": [{\"name\": \"c\", \"type\": \"multi_choice\", \"label\": \"C\", \"options\": []}]}",
    RUHU_FORM_ERROR_MISSING_OPTIONS, "“c”" },
  { "duplicate-option", HEAD "\"fields\": [{\"name\": \"c\", \"type\": \"choice\", \"label\": \"C\", \"options\": "
    "[{\"value\": \"x\", \"label\": \"X\"}, {\"value\": \"x\", \"label\": \"Y\"}]}]}",
    RUHU_FORM_ERROR_DUPLICATE, "“x”" },
  { "relevance-unknown-field", HEAD "\"fields\": [{\"name\": \"a\", \"type\": \"text\", \"label\": \"A\", "
    "\"relevant\": {\"field\": \"nosuch\", \"equals\": true}}]}",
    RUHU_FORM_ERROR_BAD_CONDITION, "“nosuch”" },
  { "relevance-itself", HEAD "\"fields\": [{\"name\": \"a\", \"type\": \"boolean\", \"label\": \"A\", "
    "\"relevant\": {\"field\": \"a\", \"equals\": true}}]}",
    RUHU_FORM_ERROR_BAD_CONDITION, "itself" },
  { "relevance-not-an-option", HEAD "\"fields\": [{\"name\": \"c\", \"type\": \"choice\", \"label\": \"C\", "
    "\"options\": [{\"value\": \"x\", \"label\": \"X\"}]}, {\"name\": \"a\", \"type\": \"text\", \"label\": \"A\", "
    "\"relevant\": {\"any\": [{\"field\": \"c\", \"in\": [\"x\", \"y\"]}]}}]}",
    RUHU_FORM_ERROR_BAD_CONDITION, "“a”" },
  { "relevance-malformed", HEAD "\"fields\": [{\"name\": \"a\", \"type\": \"text\", \"label\": \"A\", "
    "\"relevant\": {\"some\": []}}]}",
    RUHU_FORM_ERROR_BAD_CONDITION, "“a”" },
  { "compute-non-numeric", HEAD "\"fields\": [{\"name\": \"a\", \"type\": \"text\", \"label\": \"A\"},"
    "{\"name\": \"t\", \"type\": \"computed\", \"label\": \"T\", \"compute\": {\"sum\": [\"a\"]}}]}",
    RUHU_FORM_ERROR_BAD_COMPUTE, "“a”" },
  { "compute-unknown", HEAD "\"fields\": [{\"name\": \"t\", \"type\": \"computed\", \"label\": \"T\", "
    "\"compute\": {\"sum\": [\"nosuch\"]}}]}",
    RUHU_FORM_ERROR_BAD_COMPUTE, "“nosuch”" },
  { "compute-mixed", HEAD "\"fields\": [{\"name\": \"a\", \"type\": \"integer\", \"label\": \"A\"},"
    "{\"name\": \"b\", \"type\": \"money\", \"label\": \"B\"},"
    "{\"name\": \"t\", \"type\": \"computed\", \"label\": \"T\", \"compute\": {\"difference\": [\"a\", \"b\"]}}]}",
    RUHU_FORM_ERROR_BAD_COMPUTE, "mixes" },
  { "compute-missing", HEAD "\"fields\": [{\"name\": \"t\", \"type\": \"computed\", \"label\": \"T\"}]}",
    RUHU_FORM_ERROR_BAD_COMPUTE, "“t”" },
  { "bad-regex", HEAD "\"fields\": [{\"name\": \"a\", \"type\": \"text\", \"label\": \"A\", \"pattern\": \"[0-9\"}]}",
    RUHU_FORM_ERROR_BAD_PATTERN, "“a”" },
  { "unknown-parent", "{\"kind\": \"household\", \"version\": 1, \"label\": \"H\", \"parents\": [\"nosuch\"], "
    "\"fields\": [{\"name\": \"a\", \"type\": \"text\", \"label\": \"A\"}]}",
    RUHU_FORM_ERROR_UNKNOWN_KIND, "“nosuch”" },
  { "unknown-reference", HEAD "\"fields\": [{\"name\": \"a\", \"type\": \"reference\", \"label\": \"A\", "
    "\"refers_to\": \"nosuch\"}]}",
    RUHU_FORM_ERROR_UNKNOWN_KIND, "“nosuch”" },
  { "kind-not-file-name", "{\"kind\": \"member\", \"version\": 1, \"label\": \"H\", \"parents\": [], \"fields\": []}",
    RUHU_FORM_ERROR_BAD_NAME, "household.json" },
  { "syntax", HEAD "\"fields\": [", RUHU_FORM_ERROR_SYNTAX, "household.json" },
  { "duplicate-key", HEAD "\"version\": 2, \"fields\": []}", RUHU_FORM_ERROR_SYNTAX, "household.json" },
  { "misspelt-attribute", HEAD "\"fields\": [{\"name\": \"a\", \"type\": \"text\", \"label\": \"A\", \"requried\": true}]}",
    RUHU_FORM_ERROR_NOT_APPLICABLE, "“requried”" },
  { "options-on-text", HEAD "\"fields\": [{\"name\": \"a\", \"type\": \"text\", \"label\": \"A\", \"options\": []}]}",
    RUHU_FORM_ERROR_NOT_APPLICABLE, "“options”" },
  { "required-computed", HEAD "\"fields\": [{\"name\": \"a\", \"type\": \"integer\", \"label\": \"A\"},"
    "{\"name\": \"t\", \"type\": \"computed\", \"label\": \"T\", \"required\": true, \"compute\": {\"sum\": [\"a\"]}}]}",
    RUHU_FORM_ERROR_NOT_APPLICABLE, "“t”" },
  { "id-number-not-sensitive", HEAD "\"fields\": [{\"name\": \"id\", \"type\": \"id_number\", \"label\": \"I\"}]}",
    RUHU_FORM_ERROR_SENSITIVITY, "“id”" },
  { "unknown-sensitivity", HEAD "\"fields\": [{\"name\": \"a\", \"type\": \"text\", \"label\": \"A\", "
    "\"sensitivity\": \"secret\"}]}",
    RUHU_FORM_ERROR_SENSITIVITY, "“secret”" },
  { "bad-field-name", HEAD "\"fields\": [{\"name\": \"Phone\", \"type\": \"phone\", \"label\": \"P\"}]}",
    RUHU_FORM_ERROR_BAD_NAME, "“Phone”" },
  { "min-above-max", HEAD "\"fields\": [{\"name\": \"n\", \"type\": \"integer\", \"label\": \"N\", \"min\": 5, \"max\": 1}]}",
    RUHU_FORM_ERROR_INVALID, "“n”" },
  { "bad-date-bound", HEAD "\"fields\": [{\"name\": \"d\", \"type\": \"date\", \"label\": \"D\", \"max\": \"tomorrow\"}]}",
    RUHU_FORM_ERROR_INVALID, "“d”" },
  { "missing-label", HEAD "\"fields\": [{\"name\": \"a\", \"type\": \"text\"}]}",
    RUHU_FORM_ERROR_INVALID, "“label”" },
  { "bad-version", "{\"kind\": \"household\", \"version\": 0, \"label\": \"H\", \"parents\": [], \"fields\": []}",
    RUHU_FORM_ERROR_INVALID, "“version”" },
  { "no-forms", NULL, RUHU_FORM_ERROR_NO_FORMS, "no form" },
};

static void
test_broken_form (gconstpointer data)
{
  const BrokenForm *broken = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuFormSet) forms = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ruhu-forms-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "household.json", NULL);
  if (broken->household != NULL)
    {
      g_file_set_contents (path, broken->household, -1, &error);
      g_assert_no_error (error);
    }

  forms = ruhu_form_set_load_dir (dir, &error);
  g_assert_null (forms);
  g_assert_error (error, RUHU_FORM_ERROR, (int) broken->code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, broken->needle));
  if (broken->household != NULL)
    g_assert_nonnull (strstr (error->message, "household.json"));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_missing_dir (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (ruhu_form_set_load_dir ("/nonexistent/ruhu/forms", &error));
  g_assert_error (error, RUHU_FORM_ERROR, RUHU_FORM_ERROR_IO);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ruhu/forms/real-forms-load", test_real_forms_load);
  g_test_add_func ("/ruhu/forms/real-forms-structure", test_real_forms_structure);
  g_test_add_func ("/ruhu/forms/member-form", test_member_form);
  g_test_add_func ("/ruhu/forms/computed-and-options", test_computed_and_options);
  g_test_add_func ("/ruhu/forms/type-names", test_type_names);
  g_test_add_func ("/ruhu/forms/missing-dir", test_missing_dir);
  for (gsize i = 0; i < G_N_ELEMENTS (broken_forms); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ruhu/forms/broken/%s", broken_forms[i].name);

      g_test_add_data_func (path, &broken_forms[i], test_broken_form);
    }
  return g_test_run ();
}
