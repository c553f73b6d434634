/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <zip.h>

#include "public-cases.h"
#include "ruhu-ledger.h"
#include "ruhu-report-batch.h"
#include "test-util.h"

/* The month's statistics ledger and the district's report batch, from
 * cases walked along the workflow (test_case_walk() grants in September
 * 2025, 680 yuan a month; reports on 17 September). */

static const RuhuLedgerRow *
find_row (GPtrArray  *rows,
          const char *township)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const RuhuLedgerRow *row = g_ptr_array_index (rows, i);

      if (g_str_equal (row->township_code, township))
        return row;
    }
  return NULL;
}

static GPtrArray *
ledger (HttpFixture *f,
        guint        year,
        guint        month,
        const char  *township)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = ruhu_ledger_compute (ruhu_server_get_store (f->server),
                                         ruhu_server_get_directory (f->server), year, month,
                                         township, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static void
test_ledger (HttpFixture   *f,
             gconstpointer  data)
{
  g_autofree char *a = public_case_add (f, "刘晓梅", TEST_VILLAGE_A, RUHU_CASE_STATE_PUBLISHED);
  g_autofree char *b = public_case_add (f, "陈建国", TEST_VILLAGE_B, RUHU_CASE_STATE_PUBLISHED);
  g_autofree char *c = public_case_add (f, "王丽", OTHER_TOWNSHIP "001", RUHU_CASE_STATE_PUBLISHED);
  g_autofree char *d = public_case_add (f, "周敏", TEST_VILLAGE_A, RUHU_CASE_STATE_NOTICE);
  g_autoptr(GPtrArray) september = ledger (f, 2025, 9, NULL);
  g_autoptr(GPtrArray) august = ledger (f, 2025, 8, NULL);
  g_autoptr(GPtrArray) one_township = ledger (f, 2025, 10, OTHER_TOWNSHIP);
  g_autoptr(RuhuFormSet) forms = ruhu_form_set_load_default (NULL);
  g_autoptr(GBytes) csv = NULL;
  const RuhuLedgerRow *row;
  const char *text;

  g_assert_cmpuint (september->len, ==, 2);
  row = find_row (september, TEST_TOWNSHIP);
  g_assert_nonnull (row);
  g_assert_cmpstr (row->category, ==, "rural_dibao");
  g_assert_cmpuint (row->households, ==, 2);
  g_assert_cmpuint (row->persons, ==, 4);
  g_assert_cmpint (row->amount, ==, 2 * 68000);
  g_assert_cmpuint (row->granted, ==, 2);
  g_assert_cmpuint (row->stopped, ==, 0);
  g_assert_cmpuint (find_row (september, OTHER_TOWNSHIP)->households, ==, 1);
  /* Before the grant, the month has nothing to count. */
  g_assert_cmpuint (august->len, ==, 0);
  /* A later month counts the households still assisted, none granted. */
  g_assert_cmpuint (one_township->len, ==, 1);
  row = g_ptr_array_index (one_township, 0);
  g_assert_cmpuint (row->households, ==, 1);
  g_assert_cmpuint (row->granted, ==, 0);

  csv = ruhu_ledger_to_csv (september, forms, 2025, 9);
  text = g_bytes_get_data (csv, NULL);
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF\""));
  g_assert_nonnull (g_strstr_len (text, g_bytes_get_size (csv),
                                  "\"2025-09\",\"" TEST_TOWNSHIP "\",\"天生街道\","));
  g_assert_nonnull (g_strstr_len (text, g_bytes_get_size (csv), ",2,4,1360.00,2,0\r\n"));
  g_assert_null (g_strstr_len (text, g_bytes_get_size (csv), "刘晓梅"));
}

static char *
zip_read (zip_t      *zip,
          const char *name,
          gsize      *length)
{
  zip_stat_t stat;
  zip_file_t *file;
  char *data;

  g_assert_cmpint (zip_stat (zip, name, 0, &stat), ==, 0);
  data = g_malloc (stat.size + 1);
  file = zip_fopen (zip, name, 0);
  g_assert_nonnull (file);
  g_assert_cmpint (zip_fread (file, data, stat.size), ==, (zip_int64_t) stat.size);
  zip_fclose (file);
  data[stat.size] = '\0';
  *length = stat.size;
  return data;
}

/* Every file of the batch is in the manifest with its true SHA-256. */
static void
check_manifest (zip_t      *zip,
                const char *case_id,
                guint       n_files)
{
  gsize length = 0;
  g_autofree char *manifest = zip_read (zip, "manifest.csv", &length);
  g_auto(GStrv) lines = g_strsplit (manifest, "\r\n", -1);
  guint listed = 0;

  g_assert_true (g_str_has_prefix (manifest, "\xEF\xBB\xBF" "file,sha256,bytes,case"));
  for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);
      g_autofree char *name = g_strndup (fields[0] + 1, strlen (fields[0]) - 2);
      gsize size = 0;
      g_autofree char *pdf = zip_read (zip, name, &size);
      g_autofree char *sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) pdf,
                                                              size);

      g_assert_true (g_str_has_prefix (name, case_id));
      g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
      g_assert_cmpstr (fields[1], ==, sha256);
      g_assert_cmpuint (g_ascii_strtoull (fields[2], NULL, 10), ==, size);
      listed++;
    }
  g_assert_cmpuint (listed, ==, n_files);
  g_assert_cmpint (zip_get_num_entries (zip, 0), ==, n_files + 1);
}

static void
test_report_batch (HttpFixture   *f,
                   gconstpointer  data)
{
  g_autofree char *reported = public_case_add (f, "刘晓梅", TEST_VILLAGE_A,
                                               RUHU_CASE_STATE_REPORTED);
  g_autofree char *on_notice = public_case_add (f, "周敏", TEST_VILLAGE_A, RUHU_CASE_STATE_NOTICE);
  g_autofree char *path = g_build_filename (f->tmp, "batch.zip", NULL);
  g_autoptr(RuhuFormSet) forms = ruhu_form_set_load_default (NULL);
  RuhuDocumentOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  guint n_cases = 0;
  zip_t *zip;

  g_assert_true (ruhu_report_batch_write (ruhu_server_get_store (f->server),
                                          ruhu_server_get_directory (f->server), forms,
                                          &options, 2025, 9, TEST_TOWNSHIP, path, &n_cases,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_cases, ==, 1);
  zip = zip_open (path, ZIP_RDONLY, NULL);
  g_assert_nonnull (zip);
  /* The sheet, the acceptance notice, the result and the opinion. */
  check_manifest (zip, reported, 4);
  zip_close (zip);

  /* A month with no report makes a batch of the manifest alone. */
  g_assert_true (ruhu_report_batch_write (ruhu_server_get_store (f->server),
                                          ruhu_server_get_directory (f->server), forms,
                                          &options, 2025, 10, NULL, path, &n_cases, &error));
  g_assert_cmpuint (n_cases, ==, 0);
  /* A folder that cannot be written says so and leaves nothing. */
  g_assert_false (ruhu_report_batch_write (ruhu_server_get_store (f->server),
                                           ruhu_server_get_directory (f->server), forms,
                                           &options, 2025, 9, NULL, "/nonexistent/dir/b.zip",
                                           NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) \
  g_test_add (name, HttpFixture, NULL, http_fixture_setup, func, http_fixture_teardown)
  ADD ("/ruhu/exports/ledger", test_ledger);
  ADD ("/ruhu/exports/report-batch", test_report_batch);
#undef ADD
  return g_test_run ();
}
