/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ruhu-directory-private.h"

/* "RuhD" in ASCII: not the case store's "Ruhu" nor the audit log's "RuhA". */
#define DIRECTORY_APPLICATION_ID 0x52756844

#define MAX_USER_ID_LENGTH   64
#define MAX_NAME_CHARS       100
#define MIN_PASSWORD_CHARS   8
#define MAX_PASSWORD_BYTES   1024

G_DEFINE_QUARK (ruhu-directory-error-quark, ruhu_directory_error)
G_DEFINE_FINAL_TYPE (RuhuDirectory, ruhu_directory, G_TYPE_OBJECT)

/* Each entry upgrades the schema from version i to i + 1. Never edit a
 * released entry: add one. Roles are stored as their stable strings. */
/* Every database failure of this file is reported with one code. */
static const RuhuSqliteErrors sql_errors = {
  ruhu_directory_error_quark, RUHU_DIRECTORY_ERROR_DATABASE, RUHU_DIRECTORY_ERROR_DATABASE, RUHU_DIRECTORY_ERROR_DATABASE, RUHU_DIRECTORY_ERROR_DATABASE, RUHU_DIRECTORY_ERROR_DATABASE,
};

static const char * const migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE users ("
  "  id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, place TEXT NOT NULL,"
  "  password TEXT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE devices ("
  "  id TEXT PRIMARY KEY, user TEXT NOT NULL REFERENCES users (id), name TEXT,"
  "  public_key TEXT, revoked INTEGER NOT NULL DEFAULT 0,"
  "  first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE tokens ("
  "  hash BLOB PRIMARY KEY, user TEXT NOT NULL REFERENCES users (id),"
  "  device TEXT NOT NULL REFERENCES devices (id),"
  "  created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;"
  "CREATE INDEX tokens_user ON tokens (user);"
  "CREATE INDEX tokens_expiry ON tokens (expires_at);"
  "CREATE TABLE assignments ("
  "  case_id TEXT NOT NULL, user TEXT NOT NULL REFERENCES users (id),"
  "  PRIMARY KEY (case_id, user)) WITHOUT ROWID;"
  "CREATE INDEX assignments_user ON assignments (user);"
  "CREATE TABLE case_places ("
  "  case_id TEXT PRIMARY KEY, place TEXT NOT NULL, creator TEXT) WITHOUT ROWID;",
  /* 1 → 2: what a township's public pages say besides the cases */
  "CREATE TABLE township_notices ("
  "  code TEXT PRIMARY KEY, office TEXT NOT NULL, phone TEXT NOT NULL, address TEXT NOT NULL,"
  "  name_mask TEXT NOT NULL, updated_at INTEGER NOT NULL) WITHOUT ROWID;",
  /* 2 → 3: the cases of an area and of their creator, for scoped pulls */
  "CREATE INDEX case_places_place ON case_places (place);"
  "CREATE INDEX case_places_creator ON case_places (creator);",
};

static const char * const role_names[] = {
  [RUHU_ROLE_INVESTIGATOR] = "investigator",
  [RUHU_ROLE_VILLAGE_ASSISTANT] = "village_assistant",
  [RUHU_ROLE_VOLUNTEER] = "volunteer",
  [RUHU_ROLE_SUPERVISOR] = "supervisor",
  [RUHU_ROLE_DISTRICT_OFFICER] = "district_officer",
  [RUHU_ROLE_ADMINISTRATOR] = "administrator",
};

static void
ruhu_directory_finalize (GObject *object)
{
  RuhuDirectory *self = RUHU_DIRECTORY (object);

  g_clear_pointer (&self->reader, ruhu_sqlite_close);
  g_clear_pointer (&self->sql, ruhu_sqlite_close);
  g_mutex_clear (&self->read_lock);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (ruhu_directory_parent_class)->finalize (object);
}

static void
ruhu_directory_class_init (RuhuDirectoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ruhu_directory_finalize;
}

static void
ruhu_directory_init (RuhuDirectory *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->read_lock);
  self->kdf.iterations = RUHU_KDF_DEFAULT_ITERATIONS;
  self->kdf.memory_kib = RUHU_KDF_DEFAULT_MEMORY_KIB;
  self->kdf.parallelism = RUHU_KDF_DEFAULT_PARALLELISM;
  /* The test suite creates many users; real cost belongs in benchmarks. */
  if (g_strcmp0 (g_getenv ("RUHU_TEST_FAST_KDF"), "1") == 0)
    {
      self->kdf.iterations = 1;
      self->kdf.memory_kib = 256;
    }
}

const char *
ruhu_role_to_string (RuhuRole role)
{
  g_return_val_if_fail ((guint) role < G_N_ELEMENTS (role_names), NULL);
  return role_names[role];
}

/**
 * ruhu_role_from_string:
 * @role: (out): the role, when @text names one
 *
 * Returns: whether @text is one of the roles' stable names
 */
gboolean
ruhu_role_from_string (const char *text,
                       RuhuRole   *role)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (role_names); i++)
    if (strcmp (text, role_names[i]) == 0)
      {
        *role = (RuhuRole) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * ruhu_place_code_is_valid:
 *
 * Returns: whether @code is an administrative division code: 6 digits (a
 *   district or county), 9 (a township or street) or 12 (a village or
 *   community)
 */
gboolean
ruhu_place_code_is_valid (const char *code)
{
  gsize len;

  if (code == NULL)
    return FALSE;
  len = strlen (code);
  if (len != 6 && len != 9 && len != 12)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (code[i]))
      return FALSE;
  return TRUE;
}

/**
 * ruhu_place_contains:
 * @scope: (nullable): a division code, or "" (or %NULL) for everywhere
 * @place: (nullable): a division code
 *
 * Division codes nest by prefix: a township's code begins with its
 * district's.
 *
 * Returns: whether @place lies within @scope
 */
gboolean
ruhu_place_contains (const char *scope,
                     const char *place)
{
  if (scope == NULL || *scope == '\0')
    return TRUE;
  return place != NULL && g_str_has_prefix (place, scope);
}

/**
 * ruhu_directory_open:
 * @path: the directory database (DIR/server.db), created if missing
 *
 * Returns: (transfer full): the directory, or %NULL with @error set
 *   (%RUHU_DIRECTORY_ERROR_DATABASE)
 */
RuhuDirectory *
ruhu_directory_open (const char  *path,
                     GError     **error)
{
  g_autoptr(RuhuDirectory) self = g_object_new (RUHU_TYPE_DIRECTORY, NULL);
  gint64 version;

  g_return_val_if_fail (path != NULL, NULL);
  self->sql = ruhu_sqlite_open_migrated (path, DIRECTORY_APPLICATION_ID,
                                         migrations, G_N_ELEMENTS (migrations),
                                         &sql_errors, error);
  if (self->sql == NULL)
    return NULL;
  if (!g_str_equal (path, ":memory:") &&
      (self->reader = ruhu_sqlite_open (path, RUHU_SQLITE_OPEN_DEFAULT, DIRECTORY_APPLICATION_ID,
                                        G_N_ELEMENTS (migrations), &sql_errors, &version,
                                        error)) == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * ruhu_directory_begin_read:
 *
 * Locks a connection for lookups; end with ruhu_directory_end_read().
 * Never write through it, nor take the directory's own lock meanwhile.
 *
 * Returns: (transfer none): the connection
 */
RuhuSqlite *
ruhu_directory_begin_read (RuhuDirectory *self)
{
  if (self->reader == NULL)
    {
      g_mutex_lock (&self->lock);
      return self->sql;
    }
  g_mutex_lock (&self->read_lock);
  return self->reader;
}

void
ruhu_directory_end_read (RuhuDirectory *self)
{
  g_mutex_unlock (self->reader == NULL ? &self->lock : &self->read_lock);
}

/**
 * ruhu_directory_set_clock:
 * @func: (nullable): returns Unix seconds; %NULL for the real clock
 *
 * For tests of token expiry.
 */
void
ruhu_directory_set_clock (RuhuDirectory          *self,
                          RuhuDirectoryClockFunc  func,
                          gpointer                user_data)
{
  g_return_if_fail (RUHU_IS_DIRECTORY (self));
  g_mutex_lock (&self->lock);
  self->clock = func;
  self->clock_data = user_data;
  g_mutex_unlock (&self->lock);
}

/**
 * ruhu_directory_set_kdf_params:
 *
 * The Argon2id cost for passwords set from now on. Existing hashes keep
 * the cost they were made with. The default is 3 passes over 64 MiB.
 */
void
ruhu_directory_set_kdf_params (RuhuDirectory       *self,
                               const RuhuKdfParams *params)
{
  g_return_if_fail (RUHU_IS_DIRECTORY (self));
  g_return_if_fail (params != NULL);
  g_mutex_lock (&self->lock);
  self->kdf = *params;
  g_mutex_unlock (&self->lock);
}

gint64
ruhu_directory_now (RuhuDirectory *self)
{
  if (self->clock != NULL)
    return self->clock (self->clock_data);
  return g_get_real_time () / G_USEC_PER_SEC;
}

gboolean
ruhu_directory_check_user_id (const char  *user_id,
                              GError     **error)
{
  gsize len = user_id != NULL ? strlen (user_id) : 0;
  gboolean ok = len > 0 && len <= MAX_USER_ID_LENGTH && g_ascii_isalnum (user_id[0]);

  for (gsize i = 0; ok && i < len; i++)
    ok = g_ascii_isalnum (user_id[i]) || strchr ("._-", user_id[i]) != NULL;
  if (!ok)
    g_set_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_INVALID,
                 _("“%s” cannot be a user name. Use 1 to %d Latin letters, digits, dots, "
                   "hyphens or underscores, beginning with a letter or digit, for example "
                   "zhang.wei."), user_id != NULL ? user_id : "", MAX_USER_ID_LENGTH);
  return ok;
}

static gboolean
check_name (const char  *name,
            GError     **error)
{
  gboolean ok = name != NULL && g_utf8_validate (name, -1, NULL) &&
                *name != '\0' && g_utf8_strlen (name, -1) <= MAX_NAME_CHARS;

  for (const char *p = name; ok && *p != '\0'; p = g_utf8_next_char (p))
    ok = !g_unichar_iscntrl (g_utf8_get_char (p));
  if (!ok)
    g_set_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_INVALID,
                 _("Enter the person’s full name (at most %d characters, on one line)."),
                 MAX_NAME_CHARS);
  return ok;
}

static gboolean
check_place (RuhuRole     role,
             const char  *place,
             GError     **error)
{
  if (role == RUHU_ROLE_ADMINISTRATOR)
    {
      if (place == NULL || *place == '\0')
        return TRUE;
      g_set_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_INVALID,
                   _("An administrator works for every place, so leave the place empty."));
      return FALSE;
    }
  if (ruhu_place_code_is_valid (place))
    return TRUE;
  g_set_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_INVALID,
               _("“%s” is not a division code. Enter the 6-digit code of a district or county, "
                 "the 9-digit code of a township or street, or the 12-digit code of a village "
                 "or community."), place != NULL ? place : "");
  return FALSE;
}

gboolean
ruhu_directory_check_user (const char  *name,
                           RuhuRole     role,
                           const char  *place,
                           GError     **error)
{
  if ((guint) role >= G_N_ELEMENTS (role_names))
    {
      g_set_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_INVALID,
                   _("Unknown role. The roles are investigator, village_assistant, volunteer, "
                     "supervisor, district_officer and administrator."));
      return FALSE;
    }
  return check_name (name, error) && check_place (role, place, error);
}

gboolean
ruhu_directory_check_password (const char  *password,
                               GError     **error)
{
  if (password == NULL || !g_utf8_validate (password, -1, NULL) ||
      strlen (password) > MAX_PASSWORD_BYTES)
    {
      g_set_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_INVALID,
                   _("The password is not readable text or is too long."));
      return FALSE;
    }
  if (g_utf8_strlen (password, -1) < MIN_PASSWORD_CHARS)
    {
      g_set_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_INVALID,
                   _("The password is too short: use at least %d characters."),
                   MIN_PASSWORD_CHARS);
      return FALSE;
    }
  return TRUE;
}

gboolean
ruhu_directory_no_such_user (const char  *user_id,
                             GError     **error)
{
  g_set_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_NO_SUCH_USER,
               _("There is no user “%s”."), user_id);
  return FALSE;
}

gboolean
ruhu_directory_user_exists (RuhuDirectory  *self,
                            const char     *user_id,
                            gboolean       *exists,
                            GError        **error)
{
  static const char sql[] = "SELECT 1 FROM users WHERE id = ?";
  g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, user_id, -1, SQLITE_STATIC);
  return ruhu_sqlite_step_row (self->sql, stmt, exists, error);
}

gboolean
ruhu_directory_role_from_column (RuhuDirectory  *self,
                                 sqlite3_stmt   *stmt,
                                 int             column,
                                 RuhuRole       *role,
                                 GError        **error)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  if (ruhu_role_from_string (text, role))
    return TRUE;
  g_set_error (error, RUHU_DIRECTORY_ERROR, RUHU_DIRECTORY_ERROR_DATABASE,
               _("The directory %s holds an unknown role “%s”; it may be damaged."),
               self->sql->path, text != NULL ? text : "");
  return FALSE;
}

void
ruhu_principal_free (RuhuPrincipal *principal)
{
  if (principal == NULL)
    return;
  g_free (principal->user_id);
  g_free (principal->name);
  g_free (principal->place);
  g_free (principal->device_id);
  g_free (principal);
}

void
ruhu_user_info_free (RuhuUserInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->user_id);
  g_free (info->name);
  g_free (info->place);
  g_free (info);
}
