/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gcrypt.h>
#include <sqlite3.h>
#include <string.h>

#include "directory-fixture.h"
#include "test-util.h"

#define DEVICE "3f6c2a8e-0d1b-4c55-9a7e-2b9d4e6f8a10"
#define CASE_A "1b4e28ba-2fa1-41d2-883f-0016d3cca427"
#define CASE_B "6fa459ea-ee8a-4ca4-894e-db77e160355e"

typedef DirectoryFixture Fixture;

static char *
login (Fixture     *f,
       const char  *user,
       const char  *password,
       const char  *device,
       GError     **error)
{
  return ruhu_directory_login (f->directory, user, password, device, "Tablet 3", NULL, 3600,
                               NULL, error);
}

static void
test_login_success (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuPrincipal) at_login = NULL;
  g_autoptr(RuhuPrincipal) later = NULL;
  g_autofree char *token = NULL;

  token = ruhu_directory_login (f->directory, "zhang.wei", "correct horse", DEVICE, "Tablet 3",
                                "a2V5", 3600, &at_login, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (token), ==, 43);  /* 32 bytes, URL-safe, no padding */
  g_assert_null (strpbrk (token, "+/="));
  g_assert_cmpstr (at_login->name, ==, "张伟");
  g_assert_cmpint (at_login->expires_at, ==, f->now + 3600);

  later = ruhu_directory_authenticate (f->directory, token, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (later->user_id, ==, "zhang.wei");
  g_assert_cmpstr (later->device_id, ==, DEVICE);
  g_assert_cmpstr (later->place, ==, "500109001");
  g_assert_cmpint (later->role, ==, RUHU_ROLE_INVESTIGATOR);
}

static void
test_login_failures (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  token = login (f, "zhang.wei", "wrong horse", DEVICE, &error);
  g_assert_null (token);
  g_assert_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_BAD_CREDENTIALS);
  g_clear_error (&error);

  token = login (f, "li.na", "correct horse", DEVICE, &error);
  g_assert_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_BAD_CREDENTIALS);
  g_clear_error (&error);

  token = login (f, "zhang.wei", "correct horse", "bad@device", &error);
  g_assert_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_INVALID);
}

static void
test_revoked_user (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = login (f, "zhang.wei", "correct horse", DEVICE, &error);
  g_autofree char *again = NULL;
  RuhuPrincipal *principal;

  g_assert_no_error (error);
  g_assert_true (ruhu_directory_revoke_user (f->directory, "zhang.wei", &error));
  principal = ruhu_directory_authenticate (f->directory, token, &error);
  g_assert_null (principal);
  g_assert_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_REVOKED);
  g_clear_error (&error);

  again = login (f, "zhang.wei", "correct horse", DEVICE, &error);
  g_assert_null (again);
  g_assert_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_REVOKED);
  g_clear_error (&error);

  g_assert_false (ruhu_directory_revoke_user (f->directory, "nobody", &error));
  g_assert_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_NO_SUCH_USER);
}

static void
test_revoked_device (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = login (f, "zhang.wei", "correct horse", DEVICE, &error);
  g_autofree char *again = NULL;
  g_autofree char *other = NULL;
  g_autoptr(GPtrArray) devices = NULL;

  g_assert_no_error (error);
  g_assert_true (ruhu_directory_revoke_device (f->directory, DEVICE, &error));
  g_assert_null (ruhu_directory_authenticate (f->directory, token, &error));
  g_assert_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_REVOKED);
  g_clear_error (&error);

  again = login (f, "zhang.wei", "correct horse", DEVICE, &error);
  g_assert_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_REVOKED);
  g_clear_error (&error);

  other = login (f, "zhang.wei", "correct horse", "another-tablet", &error);
  g_assert_no_error (error);
  g_assert_nonnull (other);

  devices = ruhu_directory_list_devices (f->directory, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (devices->len, ==, 2);

  g_assert_false (ruhu_directory_revoke_device (f->directory, "never-seen", &error));
  g_assert_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_NO_SUCH_USER);
}

static void
test_device_key_is_kept (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *key = NULL;

  first = ruhu_directory_login (f->directory, "zhang.wei", "correct horse", DEVICE, NULL,
                                "a2V5MQ==", 0, NULL, &error);
  g_assert_no_error (error);
  second = ruhu_directory_login (f->directory, "zhang.wei", "correct horse", DEVICE, NULL,
                                 "a2V5Mg==", 0, NULL, &error);
  g_assert_null (second);
  g_assert_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ruhu_directory_get_device_key (f->directory, DEVICE, &key, &error));
  g_assert_cmpstr (key, ==, "a2V5MQ==");
}

static void
test_expired_token (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = login (f, "zhang.wei", "correct horse", DEVICE, &error);
  g_autoptr(RuhuPrincipal) still = NULL;

  g_assert_no_error (error);
  f->now += 3599;
  still = ruhu_directory_authenticate (f->directory, token, &error);
  g_assert_no_error (error);
  f->now += 1;
  g_assert_null (ruhu_directory_authenticate (f->directory, token, &error));
  g_assert_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_TOKEN_EXPIRED);
}

static void
test_unknown_token (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (ruhu_directory_authenticate (f->directory, "AAAA", &error));
  g_assert_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_UNKNOWN_TOKEN);
  g_clear_error (&error);
  g_assert_null (ruhu_directory_authenticate (f->directory, "", &error));
  g_assert_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_UNKNOWN_TOKEN);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  for (gsize i = 0; i + strlen (needle) <= length; i++)
    if (memcmp (contents + i, needle, strlen (needle)) == 0)
      return TRUE;
  return FALSE;
}

static void
test_token_stored_hashed (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = login (f, "zhang.wei", "correct horse", DEVICE, &error);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  guint8 hash[32];
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  g_assert_false (file_contains (f->path, token));
  g_assert_false (file_contains (wal, token));
  g_assert_false (file_contains (wal, "correct horse"));

  gcry_md_hash_buffer (GCRY_MD_SHA256, hash, token, strlen (token));
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM tokens WHERE hash = ?", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_blob (stmt, 1, hash, sizeof hash, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_modify_user (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = login (f, "zhang.wei", "correct horse", DEVICE, &error);
  g_autoptr(RuhuPrincipal) principal = NULL;
  g_autofree char *fresh = NULL;
  RuhuRole supervisor = RUHU_ROLE_SUPERVISOR, admin = RUHU_ROLE_ADMINISTRATOR;

  g_assert_true (ruhu_directory_modify_user (f->directory, "zhang.wei", NULL, &supervisor,
                                             "500109002", NULL, &error));
  g_assert_no_error (error);
  principal = ruhu_directory_authenticate (f->directory, token, &error);
  g_assert_no_error (error);
  g_assert_cmpint (principal->role, ==, RUHU_ROLE_SUPERVISOR);
  g_assert_cmpstr (principal->place, ==, "500109002");

  /* An administrator has no place: the change must say so. */
  g_assert_false (ruhu_directory_modify_user (f->directory, "zhang.wei", NULL, &admin, NULL,
                                              NULL, &error));
  g_assert_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (ruhu_directory_modify_user (f->directory, "zhang.wei", NULL, NULL, NULL,
                                              "short", &error));
  g_assert_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_INVALID);
  g_clear_error (&error);

  /* A new password ends the sessions opened with the old one. */
  g_assert_true (ruhu_directory_modify_user (f->directory, "zhang.wei", NULL, NULL, NULL,
                                             "battery staple", &error));
  g_assert_null (ruhu_directory_authenticate (f->directory, token, &error));
  g_assert_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_UNKNOWN_TOKEN);
  g_clear_error (&error);
  fresh = login (f, "zhang.wei", "battery staple", DEVICE, &error);
  g_assert_no_error (error);

  g_assert_false (ruhu_directory_modify_user (f->directory, "nobody", "X", NULL, NULL, NULL,
                                              &error));
  g_assert_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_NO_SUCH_USER);
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  static const struct
  {
    const char *id, *name, *place, *password;
    RuhuRole    role;
    int         code;
  } cases[] = {
    { "zhang.wei", "张伟", "500109001", "long enough", RUHU_ROLE_INVESTIGATOR,
      RUHU_DIRECTORY_ERROR_USER_EXISTS },
    { "", "A", "500109001", "long enough", RUHU_ROLE_INVESTIGATOR, RUHU_DIRECTORY_ERROR_INVALID },
    { ".dot", "A", "500109001", "long enough", RUHU_ROLE_INVESTIGATOR, RUHU_DIRECTORY_ERROR_INVALID },
    { "a b", "A", "500109001", "long enough", RUHU_ROLE_INVESTIGATOR, RUHU_DIRECTORY_ERROR_INVALID },
    { "ok", "", "500109001", "long enough", RUHU_ROLE_INVESTIGATOR, RUHU_DIRECTORY_ERROR_INVALID },
    { "ok", "A\nB", "500109001", "long enough", RUHU_ROLE_INVESTIGATOR, RUHU_DIRECTORY_ERROR_INVALID },
    { "ok", "A", "5001090", "long enough", RUHU_ROLE_INVESTIGATOR, RUHU_DIRECTORY_ERROR_INVALID },
    { "ok", "A", "", "long enough", RUHU_ROLE_VOLUNTEER, RUHU_DIRECTORY_ERROR_INVALID },
    { "ok", "A", "50010900a", "long enough", RUHU_ROLE_SUPERVISOR, RUHU_DIRECTORY_ERROR_INVALID },
    { "ok", "A", "500109", "long enough", RUHU_ROLE_ADMINISTRATOR, RUHU_DIRECTORY_ERROR_INVALID },
    { "ok", "A", "500109", "1234567", RUHU_ROLE_DISTRICT_OFFICER, RUHU_DIRECTORY_ERROR_INVALID },
    { "ok", "A", "500109", "long enough", (RuhuRole) 99, RUHU_DIRECTORY_ERROR_INVALID },
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_false (ruhu_directory_add_user (f->directory, cases[i].id, cases[i].name,
                                               cases[i].role, cases[i].place,
                                               cases[i].password, &error));
      g_assert_error (error, RUHU_DIRECTORY_ERROR, cases[i].code);
      g_clear_error (&error);
    }
  g_assert_true (ruhu_directory_add_user (f->directory, "root", "管理员", RUHU_ROLE_ADMINISTRATOR,
                                          "", "long enough", &error));
  g_assert_true (ruhu_directory_add_user (f->directory, "wang_fang-2", "王芳",
                                          RUHU_ROLE_VILLAGE_ASSISTANT, "500109001001",
                                          "八个汉字的密码啊", &error));
  g_assert_no_error (error);
}

static void
test_roles_and_places (void)
{
  static const struct { const char *scope, *place; gboolean inside; } places[] = {
    { "", "500109001001", TRUE },
    { "", NULL, TRUE },
    { "500109", "500109001", TRUE },
    { "500109", "500109001001", TRUE },
    { "500109001", "500109001", TRUE },
    { "500109001", "500109002001", FALSE },
    { "500109001001", "500109001", FALSE },
    { "500109", "", FALSE },
    { "500109", NULL, FALSE },
  };

  for (int r = RUHU_ROLE_INVESTIGATOR; r <= RUHU_ROLE_ADMINISTRATOR; r++)
    {
      RuhuRole back;

      g_assert_true (ruhu_role_from_string (ruhu_role_to_string (r), &back));
      g_assert_cmpint (back, ==, r);
    }
  g_assert_false (ruhu_role_from_string ("Investigator", &(RuhuRole) { 0 }));
  g_assert_false (ruhu_role_from_string (NULL, &(RuhuRole) { 0 }));
  g_assert_cmpstr (ruhu_role_to_string (RUHU_ROLE_VILLAGE_ASSISTANT), ==, "village_assistant");

  g_assert_true (ruhu_place_code_is_valid ("500109"));
  g_assert_true (ruhu_place_code_is_valid ("500109001"));
  g_assert_true (ruhu_place_code_is_valid ("500109001001"));
  g_assert_false (ruhu_place_code_is_valid (""));
  g_assert_false (ruhu_place_code_is_valid ("5001090"));
  g_assert_false (ruhu_place_code_is_valid ("５００１０９"));
  g_assert_false (ruhu_place_code_is_valid (NULL));

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    g_assert_cmpint (ruhu_place_contains (places[i].scope, places[i].place), ==, places[i].inside);
}

static void
test_assignments (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  gboolean assigned = TRUE;

  g_assert_true (ruhu_directory_is_assigned (f->directory, CASE_A, "zhang.wei", &assigned, &error));
  g_assert_false (assigned);
  g_assert_true (ruhu_directory_assign (f->directory, CASE_A, "zhang.wei", &error));
  g_assert_true (ruhu_directory_assign (f->directory, CASE_A, "zhang.wei", &error));
  g_assert_true (ruhu_directory_assign (f->directory, CASE_B, "zhang.wei", &error));
  g_assert_no_error (error);
  g_assert_true (ruhu_directory_is_assigned (f->directory, CASE_A, "zhang.wei", &assigned, &error));
  g_assert_true (assigned);
  cases = ruhu_directory_list_assigned (f->directory, "zhang.wei", &error);
  g_assert_cmpuint (cases->len, ==, 2);

  g_assert_false (ruhu_directory_assign (f->directory, CASE_A, "nobody", &error));
  g_assert_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_NO_SUCH_USER);
  g_clear_error (&error);
  g_assert_false (ruhu_directory_assign (f->directory, "not-a-case", "zhang.wei", &error));
  g_assert_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_INVALID);
}

static void
test_case_places (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *place = NULL;
  g_autofree char *creator = NULL;

  g_assert_true (ruhu_directory_get_case_place (f->directory, CASE_A, &place, &creator, &error));
  g_assert_null (place);
  g_assert_null (creator);

  g_assert_true (ruhu_directory_set_case_place (f->directory, CASE_A, "", "zhang.wei", &error));
  g_assert_true (ruhu_directory_set_case_place (f->directory, CASE_A, "500109001001", "li.na",
                                                &error));
  g_assert_no_error (error);
  g_assert_true (ruhu_directory_get_case_place (f->directory, CASE_A, &place, &creator, &error));
  g_assert_cmpstr (place, ==, "500109001001");
  g_assert_cmpstr (creator, ==, "zhang.wei");

  g_assert_false (ruhu_directory_set_case_place (f->directory, CASE_B, "12345", NULL, &error));
  g_assert_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_INVALID);
}

static void
test_reopen_and_foreign_files (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *store_path = g_build_filename (f->dir, "cases.db", NULL);
  g_autoptr(RuhuStore) store = NULL;
  RuhuDirectory *other;

  g_clear_object (&f->directory);
  f->directory = ruhu_directory_open (f->path, &error);
  g_assert_no_error (error);
  users = ruhu_directory_list_users (f->directory, &error);
  g_assert_cmpuint (users->len, ==, 1);
  g_assert_cmpstr (((RuhuUserInfo *) users->pdata[0])->user_id, ==, "zhang.wei");
  g_assert_false (((RuhuUserInfo *) users->pdata[0])->revoked);

  g_assert_true (g_file_set_contents (text, "not a database at all, just some notes here", -1,
                                      NULL));
  other = ruhu_directory_open (text, &error);
  g_assert_null (other);
  g_assert_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_DATABASE);
  g_clear_error (&error);

  store = ruhu_store_open (store_path, RUHU_STORE_OPEN_CREATE, NULL, NULL, &error);
  g_assert_no_error (error);
  other = ruhu_directory_open (store_path, &error);
  g_assert_null (other);
  g_assert_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_DATABASE);
}

int
main (int    argc,
      char **argv)
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: nothing here reads XDG folders, and
   * GLib 2.74 leaks the folders it sets for each test. */
  g_test_init (&argc, &argv, NULL);
  ruhu_crypto_init ();

#define ADD(path, func) \
  g_test_add ("/ruhu/directory/" path, Fixture, NULL, directory_fixture_setup, func, \
              directory_fixture_teardown)
  ADD ("login/success", test_login_success);
  ADD ("login/failures", test_login_failures);
  ADD ("login/revoked-user", test_revoked_user);
  ADD ("login/revoked-device", test_revoked_device);
  ADD ("login/device-key-is-kept", test_device_key_is_kept);
  ADD ("token/expired", test_expired_token);
  ADD ("token/unknown", test_unknown_token);
  ADD ("token/stored-hashed", test_token_stored_hashed);
  ADD ("users/modify", test_modify_user);
  ADD ("users/validation", test_validation);
  ADD ("scope/assignments", test_assignments);
  ADD ("scope/case-places", test_case_places);
  ADD ("file/reopen-and-foreign", test_reopen_and_foreign_files);
#undef ADD
  g_test_add_func ("/ruhu/directory/roles-and-places", test_roles_and_places);
  return g_test_run ();
}
