/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "public-cases.h"
#include "ruhu-certificate-token.h"
#include "ruhu-directory-places.h"
#include "ruhu-directory-townships.h"
#include "ruhu-public-cache.h"
#include "ruhu-paths.h"
#include "ruhu-server-setup.h"
#include "test-util.h"
#include "test-workflow-case.h"

/* The public pages: what anyone may read of a township's cases, and
 * nothing more, whatever the names hold. */

#define HOSTILE_NAME   "<script>alert(\"x\")</script>'"
#define RTL_NAME       "\u202E张伟"

static void
set_township (HttpFixture  *f,
              RuhuNameMask  mask)
{
  RuhuTownshipNotice notice = {
    .code = (char *) TEST_TOWNSHIP, .office = (char *) "天生街道民政办",
    .phone = (char *) "023-68254321", .address = (char *) "天生路2号便民服务中心",
    .name_mask = mask,
  };
  g_autoptr(GError) error = NULL;

  g_assert_true (ruhu_directory_set_township_notice (ruhu_server_get_directory (f->server),
                                                     &notice, &error));
  g_assert_no_error (error);
}

typedef struct
{
  guint  status;
  char  *head;
  char  *body;
} Page;

static void
page_clear (Page *page)
{
  g_free (page->head);
  g_free (page->body);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Page, page_clear)

static void
get_page (HttpFixture *f,
          const char  *method,
          const char  *path,
          Page        *page)
{
  g_autofree char *request = g_strdup_printf ("%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                              "Connection: close\r\n\r\n", method, path);
  g_autofree char *answer = http_raw_exchange (f, request);
  const char *end = strstr (answer, "\r\n\r\n");

  g_assert_nonnull (end);
  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 "));
  page->status = (guint) g_ascii_strtoull (answer + strlen ("HTTP/1.1 "), NULL, 10);
  page->head = g_strndup (answer, end - answer);
  page->body = g_strdup (end + 4);
}

static void
assert_nothing_private (const char *body)
{
  const char *forbidden[] = { ADDRESS, PHONE, ID_NUMBER, ILLNESS, "赵强", "<script", "\u202E" };

  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    if (strstr (body, forbidden[i]) != NULL)
      g_error ("The public page shows “%s”:\n%s", forbidden[i], body);
}

static void
test_unknown_township (HttpFixture   *f,
                       gconstpointer  data)
{
  g_auto (Page) page = { 0 };
  g_auto (Page) climbing = { 0 };
  g_auto (Page) post = { 0 };

  get_page (f, "GET", "/notice/" TEST_TOWNSHIP, &page);
  g_assert_cmpuint (page.status, ==, 404);
  g_assert_nonnull (strstr (page.head, "text/html"));
  g_assert_nonnull (strstr (page.body, g_dgettext (GETTEXT_PACKAGE, "This township does not "
                                                   "publish its notices here. Ask its civil "
                                                   "affairs office where they are posted.")));
  get_page (f, "GET", "/notice/" TEST_TOWNSHIP "/../../etc/passwd", &climbing);
  g_assert_cmpuint (climbing.status, ==, 404);
  set_township (f, RUHU_NAME_MASK_NONE);
  get_page (f, "POST", "/notice/" TEST_TOWNSHIP, &post);
  g_assert_cmpuint (post.status, ==, 405);
}

static void
test_notice_shows_only_the_law_allows (HttpFixture   *f,
                                       gconstpointer  data)
{
  g_autofree char *hostile = NULL;
  g_autofree char *rtl = NULL;
  g_autofree char *granted = NULL;
  g_autofree char *elsewhere = NULL;
  g_auto (Page) page = { 0 };

  set_township (f, RUHU_NAME_MASK_NONE);
  hostile = public_case_add (f, HOSTILE_NAME, TEST_VILLAGE_A, RUHU_CASE_STATE_NOTICE);
  rtl = public_case_add (f, RTL_NAME, TEST_VILLAGE_B, RUHU_CASE_STATE_NOTICE);
  granted = public_case_add (f, "已公布", TEST_VILLAGE_A, RUHU_CASE_STATE_PUBLISHED);
  elsewhere = public_case_add (f, "别处人", OTHER_TOWNSHIP "001", RUHU_CASE_STATE_NOTICE);

  get_page (f, "GET", "/notice/" TEST_TOWNSHIP, &page);
  g_assert_cmpuint (page.status, ==, 200);
  g_assert_nonnull (strstr (page.head, "Content-Security-Policy: default-src 'none'"));
  g_assert_nonnull (strstr (page.body, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&apos;"));
  g_assert_nonnull (strstr (page.body, "<bdi>张伟</bdi>"));
  g_assert_nonnull (strstr (page.body, "023-68254321"));
  g_assert_nonnull (strstr (page.body, "天生路2号便民服务中心"));
  g_assert_null (strstr (page.body, "已公布"));
  g_assert_null (strstr (page.body, "别处人"));
  assert_nothing_private (page.body);
}

/* A page is made again as soon as the store or the township's settings
 * change; what only the directory knows (a case moved by ruhu-admin)
 * waits for the kept page to age (ruhu-public-cache.c). */
static void
test_page_follows_changes (HttpFixture   *f,
                           gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_auto (Page) before = { 0 };
  g_auto (Page) added = { 0 };
  g_auto (Page) masked = { 0 };
  g_auto (Page) moved = { 0 };
  g_auto (Page) changed = { 0 };
  g_autoptr(GArray) places = g_array_new (FALSE, FALSE, sizeof (RuhuCasePlace));
  g_autoptr(GError) error = NULL;
  RuhuCasePlace away;

  set_township (f, RUHU_NAME_MASK_NONE);
  first = public_case_add (f, "王大明", TEST_VILLAGE_A, RUHU_CASE_STATE_NOTICE);
  get_page (f, "GET", "/notice/" TEST_TOWNSHIP, &before);
  g_assert_nonnull (strstr (before.body, "王大明"));

  second = public_case_add (f, "李小红", TEST_VILLAGE_B, RUHU_CASE_STATE_NOTICE);
  get_page (f, "GET", "/notice/" TEST_TOWNSHIP, &added);
  g_assert_nonnull (strstr (added.body, "李小红"));

  set_township (f, RUHU_NAME_MASK_GIVEN);
  get_page (f, "GET", "/notice/" TEST_TOWNSHIP, &masked);
  g_assert_null (strstr (masked.body, "李小红"));
  g_assert_nonnull (strstr (masked.body, "李**"));

  away = (RuhuCasePlace) { second, OTHER_TOWNSHIP "001", TEST_ACTOR };
  g_array_append_val (places, away);
  g_assert_true (ruhu_directory_set_case_places (ruhu_server_get_directory (f->server), places,
                                                 &error));
  g_assert_no_error (error);
  get_page (f, "GET", "/notice/" TEST_TOWNSHIP, &moved);
  g_assert_cmpstr (moved.body, ==, masked.body);

  third = public_case_add (f, "赵小兵", TEST_VILLAGE_A, RUHU_CASE_STATE_NOTICE);
  get_page (f, "GET", "/notice/" TEST_TOWNSHIP, &changed);
  g_assert_nonnull (strstr (changed.body, "赵**"));
  g_assert_null (strstr (changed.body, "李**"));
}

static void
test_recipients_with_masked_names (HttpFixture   *f,
                                   gconstpointer  data)
{
  g_autofree char *granted = NULL;
  g_autofree char *on_notice = NULL;
  g_auto (Page) page = { 0 };

  set_township (f, RUHU_NAME_MASK_MIDDLE);
  granted = public_case_add (f, "刘晓梅", TEST_VILLAGE_A, RUHU_CASE_STATE_PUBLISHED);
  on_notice = public_case_add (f, "陈建国", TEST_VILLAGE_A, RUHU_CASE_STATE_NOTICE);

  get_page (f, "GET", "/published/" TEST_TOWNSHIP, &page);
  g_assert_cmpuint (page.status, ==, 200);
  g_assert_nonnull (strstr (page.body, "<bdi>刘*梅</bdi>"));
  g_assert_null (strstr (page.body, "刘晓梅"));
  /* test_case_input() grants 680 yuan a month. */
  g_assert_nonnull (strstr (page.body, "680.00"));
  g_assert_null (strstr (page.body, "陈"));
  assert_nothing_private (page.body);
}

static void
chromium_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  char **out = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, out, NULL, &error);
  g_assert_no_error (error);
  if (*out == NULL)
    *out = g_strdup ("");
}

/* Runs headless Chromium on @url while this process's server answers it;
 * returns what Chromium printed (the DOM, for --dump-dom). */
static char *
run_chromium (const char *chromium,
              const char *profile,
              const char *url,
              const char *what,
              const char *size)
{
  g_autofree char *profile_arg = g_strconcat ("--user-data-dir=", profile, NULL);
  g_autofree char *size_arg = g_strconcat ("--window-size=", size, NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  char *out = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              &error, chromium, "--headless", "--no-sandbox", "--disable-gpu",
                              "--hide-scrollbars", profile_arg, size_arg, what, url, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, chromium_done_cb, &out);
  while (out == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (out == NULL)
    {
      g_subprocess_force_exit (process);
      g_error ("Chromium did not finish with %s", url);
    }
  return out;
}

static char *make_token (HttpFixture *f, const char *certificate, const char *case_id,
                        const GDate *issued_on);

/* A PNG's width, from its header (bytes 16 to 19 of the file). */
static guint
png_width (const char *path)
{
  g_autofree guchar *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, (char **) &data, &length, NULL));
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (data + 1, 3, "PNG", 3);
  return (guint) data[16] << 24 | (guint) data[17] << 16 | (guint) data[18] << 8 | data[19];
}

/* The pages as a browser shows them, at a phone's width and a desktop's:
 * screenshots under the build directory, and the DOM Chromium built
 * holds nothing private. */
static void
test_pages_in_chromium (HttpFixture   *f,
                        gconstpointer  data)
{
  const char *pages[] = { "notice", "published" };
  const char *sizes[][2] = { { "phone", "390,844" }, { "desktop", "1280,900" } };
  g_autofree char *chromium = g_find_program_in_path ("chromium");
  g_autofree char *profile = NULL;
  g_autofree char *shots = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  if (chromium == NULL)
    {
      g_test_skip ("Debian's chromium package is not installed");
      return;
    }
  set_township (f, RUHU_NAME_MASK_MIDDLE);
  a = public_case_add (f, HOSTILE_NAME, TEST_VILLAGE_A, RUHU_CASE_STATE_NOTICE);
  b = public_case_add (f, "欧阳娜娜", TEST_VILLAGE_B, RUHU_CASE_STATE_NOTICE);
  c = public_case_add (f, "刘晓梅", TEST_VILLAGE_A, RUHU_CASE_STATE_PUBLISHED);
  profile = g_dir_make_tmp ("ruhu-chromium-XXXXXX", NULL);
  g_mkdir_with_parents (shots, 0755);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *url = g_strdup_printf ("%s/%s/%s", f->base, pages[i], TEST_TOWNSHIP);
      g_autofree char *dom = run_chromium (chromium, profile, url, "--dump-dom", "1280,900");

      g_assert_nonnull (strstr (dom, "<table>"));
      assert_nothing_private (dom);
      for (guint j = 0; j < G_N_ELEMENTS (sizes); j++)
        {
          g_autofree char *file = g_strdup_printf ("public-%s-%s.png", pages[i], sizes[j][0]);
          g_autofree char *path = g_build_filename (shots, file, NULL);
          g_autofree char *arg = g_strconcat ("--screenshot=", path, NULL);
          g_autofree char *ignored = NULL;

          g_unlink (path);
          ignored = run_chromium (chromium, profile, url, arg, sizes[j][1]);
          g_assert_cmpuint (png_width (path), ==, (guint) atoi (sizes[j][1]));
        }
    }
  /* What a department sees when it scans a certificate. */
  {
    g_autoptr(GDate) today = g_date_new ();
    g_autofree char *token = NULL;
    g_autofree char *url = NULL;
    g_autofree char *path = g_build_filename (shots, "public-verify-phone.png", NULL);
    g_autofree char *arg = g_strconcat ("--screenshot=", path, NULL);
    g_autofree char *ignored = NULL;

    g_date_set_time_t (today, time (NULL));
    token = make_token (f, "ZM0123456789ABCDEF", c, today);
    url = g_strdup_printf ("%s/verify/ZM0123456789ABCDEF?t=%s", f->base, token);
    ignored = run_chromium (chromium, profile, url, arg, "390,844");
    g_assert_cmpuint (png_width (path), ==, 390);
  }
  test_remove_tree (profile);
}

static char *
make_token (HttpFixture *f,
            const char  *certificate,
            const char  *case_id,
            const GDate *issued_on)
{
  g_autofree char *key_file = g_build_filename (f->tmp, "server.key", NULL);
  g_autofree char *server_key = ruhu_server_read_key (key_file, NULL);
  g_autoptr(RuhuDeviceKey) key = ruhu_certificate_key_derive (server_key, NULL);
  RuhuCertificateClaims claims = { .certificate = (char *) certificate,
                                   .case_id = (char *) case_id,
                                   .issued_on = *issued_on, .valid_until = *issued_on };
  g_autoptr(GError) error = NULL;
  char *token;

  g_assert_nonnull (key);
  g_date_add_days (&claims.valid_until, 89);
  token = ruhu_certificate_token_create (key, &claims, &error);
  g_assert_no_error (error);
  return token;
}

static void
assert_verdict (HttpFixture *f,
                const char  *certificate,
                const char  *token,
                const char  *title)
{
  g_autofree char *path = g_strdup_printf ("/verify/%s?t=%s", certificate, token);
  g_auto (Page) page = { 0 };

  get_page (f, "GET", path, &page);
  g_assert_cmpuint (page.status, ==, 200);
  g_assert_nonnull (strstr (page.head, "no-store"));
  if (strstr (page.body, g_dgettext (GETTEXT_PACKAGE, title)) == NULL)
    g_error ("/verify/%s does not say “%s”:\n%s", certificate, title, page.body);
  assert_nothing_private (page.body);
}

/* A department scans a certificate: genuine while the case is assisted
 * and the token in its days; anything else says why not. */
static void
test_verify_certificates (HttpFixture   *f,
                          gconstpointer  data)
{
  g_autofree char *granted = public_case_add (f, "刘晓梅", TEST_VILLAGE_A, RUHU_CASE_STATE_PUBLISHED);
  g_autofree char *pending = public_case_add (f, "陈建国", TEST_VILLAGE_A, RUHU_CASE_STATE_NOTICE);
  g_autoptr(GDate) today = g_date_new ();
  GDate long_ago;
  g_autofree char *good = NULL;
  g_autofree char *old = NULL;
  g_autofree char *ended = NULL;
  g_autofree char *altered = NULL;

  g_date_set_time_t (today, time (NULL));
  g_date_set_dmy (&long_ago, 1, G_DATE_JANUARY, 2025);
  good = make_token (f, "ZM0123456789ABCDEF", granted, today);
  old = make_token (f, "ZM0123456789ABCDEF", granted, &long_ago);
  ended = make_token (f, "ZMFEDCBA9876543210", pending, today);
  altered = g_strdup (good);
  altered[strlen (altered) - 2] = altered[strlen (altered) - 2] == 'A' ? 'B' : 'A';

  assert_verdict (f, "ZM0123456789ABCDEF", good, "Certificate Genuine");
  assert_verdict (f, "ZM0123456789ABCDEF", old, "Certificate Expired");
  assert_verdict (f, "ZMFEDCBA9876543210", ended, "Certificate No Longer Valid");
  assert_verdict (f, "ZM0123456789ABCDEF", altered, "Certificate Not Verified");
  assert_verdict (f, "ZM0000000000000000", good, "Certificate Not Verified");
  assert_verdict (f, "ZM0123456789ABCDEF", "RC1.e30.e30", "Certificate Not Verified");
}

static void
test_cache (void)
{
  g_autoptr(RuhuPublicCache) cache = ruhu_public_cache_new ();
  g_autoptr(GBytes) page = g_bytes_new_static ("<p>1</p>", 8);
  g_autoptr(GBytes) hit = NULL;
  g_autoptr(GBytes) other = NULL;
  gint64 made = 1000 * G_USEC_PER_SEC;

  g_assert_null (ruhu_public_cache_lookup (cache, "/notice/1", "7", made));
  ruhu_public_cache_store (cache, "/notice/1", "7", made, page);
  hit = ruhu_public_cache_lookup (cache, "/notice/1", "7", made + RUHU_PUBLIC_CACHE_MAX_AGE_US - 1);
  g_assert_true (hit == page);
  g_assert_null (ruhu_public_cache_lookup (cache, "/notice/1", "8", made));
  g_assert_null (ruhu_public_cache_lookup (cache, "/published/1", "7", made));
  g_assert_null (ruhu_public_cache_lookup (cache, "/notice/1", "7",
                                           made + RUHU_PUBLIC_CACHE_MAX_AGE_US));
  g_assert_null (ruhu_public_cache_lookup (cache, "/notice/1", "7", made - 1));

  other = g_bytes_new_static ("<p>2</p>", 8);
  ruhu_public_cache_store (cache, "/notice/1", "8", made + 5, other);
  g_assert_null (ruhu_public_cache_lookup (cache, "/notice/1", "7", made + 5));
  g_clear_pointer (&hit, g_bytes_unref);
  hit = ruhu_public_cache_lookup (cache, "/notice/1", "8", made + 5);
  g_assert_true (hit == other);
}

static void
test_name_masks (void)
{
  const struct { const char *name; RuhuNameMask mask; const char *shown; } cases[] = {
    { "张小明", RUHU_NAME_MASK_MIDDLE, "张*明" },
    { "李四", RUHU_NAME_MASK_MIDDLE, "李*" },
    { "欧阳娜娜", RUHU_NAME_MASK_MIDDLE, "欧**娜" },
    { "张小明", RUHU_NAME_MASK_GIVEN, "张**" },
    { "张小明", RUHU_NAME_MASK_NONE, "张小明" },
    { "\xff\xfe", RUHU_NAME_MASK_NONE, "*" },
    { NULL, RUHU_NAME_MASK_MIDDLE, "*" },
  };
  RuhuNameMask mask;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = ruhu_name_mask_apply (cases[i].name, cases[i].mask);

      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
  g_assert_true (ruhu_name_mask_from_string ("given", &mask));
  g_assert_cmpint (mask, ==, RUHU_NAME_MASK_GIVEN);
  g_assert_false (ruhu_name_mask_from_string ("half", &mask));
}

static void
test_bad_township_settings (HttpFixture   *f,
                            gconstpointer  data)
{
  RuhuTownshipNotice bad = {
    .code = (char *) "5001", .office = (char *) "办", .phone = (char *) "1",
    .address = (char *) "路", .name_mask = RUHU_NAME_MASK_NONE,
  };
  g_autoptr(GError) error = NULL;
  RuhuDirectory *directory = ruhu_server_get_directory (f->server);
  g_autoptr(RuhuTownshipNotice) stored = NULL;

  g_assert_false (ruhu_directory_set_township_notice (directory, &bad, &error));
  g_assert_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_INVALID);
  g_clear_error (&error);
  bad.code = (char *) TEST_TOWNSHIP;
  bad.phone = (char *) "";
  g_assert_false (ruhu_directory_set_township_notice (directory, &bad, &error));
  g_assert_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_INVALID);
  stored = ruhu_directory_get_township_notice (directory, TEST_TOWNSHIP, NULL);
  g_assert_null (stored);
}

int
main (int   argc,
      char *argv[])
{
  /* In the language of the people who read these pages, from the start:
   * the server's threads read the environment. */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, "");
  ruhu_i18n_init ();
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) \
  g_test_add (name, HttpFixture, NULL, http_fixture_setup, func, http_fixture_teardown)
  ADD ("/ruhu/public/unknown-township", test_unknown_township);
  ADD ("/ruhu/public/notice-shows-only-what-the-law-allows", test_notice_shows_only_the_law_allows);
  ADD ("/ruhu/public/recipients-with-masked-names", test_recipients_with_masked_names);
  ADD ("/ruhu/public/page-follows-changes", test_page_follows_changes);
  ADD ("/ruhu/public/bad-township-settings", test_bad_township_settings);
  ADD ("/ruhu/public/verify-certificates", test_verify_certificates);
  ADD ("/ruhu/public/pages-in-chromium", test_pages_in_chromium);
#undef ADD
  g_test_add_func ("/ruhu/public/name-masks", test_name_masks);
  g_test_add_func ("/ruhu/public/cache", test_cache);
  return g_test_run ();
}
