/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "documents-fixture.h"
#include "ruhu-server-setup.h"
#include "ruhu-store-summary.h"
#include "test-util.h"

/* "ruhu-admin document" on a demo data directory: the server's store and
 * key make the same documents as the library, and mistakes in the
 * command line are told apart from cases that cannot have the document. */

typedef struct
{
  char *dir;
  char *data;
  char *key;
  char *granted;  /* taken to "published" */
  char *applied;  /* as the demo made it: no step taken */
} AdminFixture;

/* Runs ruhu-admin with the data directory (and the key unless @keyless);
 * returns its exit status. */
static int
run_admin (AdminFixture *fixture,
           gboolean      keyless,
           const char   *first,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("RUHU_ADMIN"));
  g_ptr_array_add (argv, (char *) "--data");
  g_ptr_array_add (argv, fixture->data);
  if (!keyless)
    {
      g_ptr_array_add (argv, (char *) "--key-file");
      g_ptr_array_add (argv, fixture->key);
    }
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  g_test_message ("%s%s", out, err);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
collect_case_cb (const RuhuSummaryValue *value,
                 gpointer                user_data)
{
  GPtrArray *cases = user_data;

  if (g_str_equal (value->kind, "household") && g_str_equal (value->field, "head_name"))
    g_ptr_array_add (cases, g_strdup (value->case_id));
}

static void
admin_setup (AdminFixture  *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  DocFixture writer = { 0, };

  fixture->dir = test_make_temp_dir ();
  fixture->data = g_build_filename (fixture->dir, "data", NULL);
  fixture->key = g_build_filename (fixture->dir, "server.key", NULL);
  g_assert_cmpint (run_admin (fixture, FALSE, "init", NULL), ==, 0);
  g_assert_cmpint (run_admin (fixture, FALSE, "demo", "--cases", "2", NULL), ==, 0);

  writer.store = ruhu_server_open_case_store (fixture->data, fixture->key, &error);
  g_assert_no_error (error);
  g_assert_true (ruhu_store_summary_scan (writer.store, NULL, collect_case_cb, cases, NULL,
                                          &error));
  g_assert_cmpuint (cases->len, ==, 2);
  fixture->granted = g_strdup (g_ptr_array_index (cases, 0));
  fixture->applied = g_strdup (g_ptr_array_index (cases, 1));
  doc_fixture_grant (&writer, fixture->granted);
  g_object_unref (writer.store);
}

static void
admin_teardown (AdminFixture  *fixture,
                gconstpointer  data)
{
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->data);
  g_free (fixture->key);
  g_free (fixture->granted);
  g_free (fixture->applied);
}

static void
test_sheet (AdminFixture  *fixture,
            gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (fixture->dir, "sheet.pdf", NULL);
  g_autofree char *text = NULL;

  g_assert_cmpint (run_admin (fixture, FALSE, "document", "--case", fixture->granted, "--kind",
                              "sheet", "--out", pdf, "--date", DOC_ISSUED_ON, NULL), ==, 0);
  text = doc_pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Household economic check sheet"));
  g_assert_nonnull (strstr (text, fixture->granted));
  g_assert_nonnull (strstr (text, DOC_ISSUED_ON));
  /* Reading a sheet is logged, and the log still verifies. */
  g_assert_cmpint (run_admin (fixture, FALSE, "audit", "verify", NULL), ==, 0);
}

static void
test_certificate (AdminFixture  *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (fixture->dir, "certificate.pdf", NULL);
  g_autofree char *server_key = ruhu_server_read_key (fixture->key, &error);
  g_autoptr(RuhuDeviceKey) key = ruhu_certificate_key_derive (server_key, &error);
  g_autofree char *public_key = ruhu_device_key_get_public_base64 (key);
  g_autofree char *text = NULL;
  g_autofree char *token = NULL;
  const char *start;

  g_assert_cmpint (run_admin (fixture, FALSE, "document", "--case", fixture->granted, "--kind",
                              "certificate", "--out", pdf, "--verify-url",
                              "https://verify.example.org", NULL), ==, 0);
  text = doc_pdf_text (pdf);
  start = strstr (text, "https://verify.example.org/verify/ZM");
  g_assert_nonnull (start);
  token = doc_find_token (start);
  /* The server's own key checks what the command signed. */
  g_assert_cmpint (ruhu_certificate_token_verify (token, public_key, NULL, NULL), ==,
                   RUHU_TOKEN_GENUINE);
}

static void
test_mistakes (AdminFixture  *fixture,
               gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (fixture->dir, "wrong.pdf", NULL);

  /* Usage: 1. */
  g_assert_cmpint (run_admin (fixture, FALSE, "document", "--case", fixture->granted, "--kind",
                              "receipt", "--out", pdf, NULL), ==, 1);
  g_assert_cmpint (run_admin (fixture, FALSE, "document", "--case", fixture->granted, "--kind",
                              "sheet", NULL), ==, 1);
  g_assert_cmpint (run_admin (fixture, FALSE, "document", "--case", fixture->granted, "--kind",
                              "notice-list", "--out", pdf, "--mask", "half", NULL), ==, 1);
  g_assert_cmpint (run_admin (fixture, TRUE, "document", "--case", fixture->granted, "--kind",
                              "sheet", "--out", pdf, NULL), ==, 1);
  /* The case cannot have it: 2, and no file. */
  g_assert_cmpint (run_admin (fixture, FALSE, "document", "--case", fixture->applied, "--kind",
                              "acceptance", "--out", pdf, NULL), ==, 2);
  g_assert_cmpint (run_admin (fixture, FALSE, "document", "--case",
                              "00000000-0000-4000-8000-000000000000", "--kind", "sheet",
                              "--out", pdf, NULL), ==, 2);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/ruhu/admin-document/sheet", AdminFixture, NULL, admin_setup, test_sheet,
              admin_teardown);
  g_test_add ("/ruhu/admin-document/certificate", AdminFixture, NULL, admin_setup,
              test_certificate, admin_teardown);
  g_test_add ("/ruhu/admin-document/mistakes", AdminFixture, NULL, admin_setup, test_mistakes,
              admin_teardown);
  return g_test_run ();
}
