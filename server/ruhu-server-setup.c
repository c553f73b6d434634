/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ruhu-crypto.h"
#include "ruhu-server-setup.h"

/* The key is already 256 random bits: Argon2id has nothing to stretch, so
 * opening the case store stays fast. */
static const RuhuKdfParams key_kdf = { 1, 1024, 1 };

static const char * const data_files[] = {
  RUHU_SERVER_CASES_DB, RUHU_SERVER_DIRECTORY_DB, RUHU_SERVER_AUDIT_DB, RUHU_SERVER_BLOBS_DIR,
};

G_DEFINE_QUARK (ruhu-server-error-quark, ruhu_server_error)

static gboolean
setup_error (GError    **error,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static gboolean
setup_error (GError    **error,
             const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (RUHU_SERVER_ERROR, RUHU_SERVER_ERROR_SETUP,
                                                format, args));
  va_end (args);
  return FALSE;
}

/* Symlinks resolved, so that a key "outside" through a link is caught. */
static char *
resolve (const char *path)
{
  char *real = realpath (path, NULL);
  char *copy;

  if (real == NULL)
    return g_canonicalize_filename (path, NULL);
  copy = g_strdup (real);
  free (real);
  return copy;
}

static gboolean
key_is_inside (const char *data_dir,
               const char *key_file)
{
  g_autofree char *data_real = resolve (data_dir);
  g_autofree char *key_dir = g_path_get_dirname (key_file);
  g_autofree char *key_real = resolve (key_dir);
  gsize len = strlen (data_real);

  return strncmp (key_real, data_real, len) == 0 &&
         (key_real[len] == '\0' || key_real[len] == G_DIR_SEPARATOR || len == 1);
}

static gboolean
check_layout (const char  *data_dir,
              const char  *key_file,
              GError     **error)
{
  if (key_is_inside (data_dir, key_file))
    return setup_error (error, _("The key file %s must not be inside the data directory %s: "
                                 "a copy or backup of the data would then carry its own key. "
                                 "Choose a place outside it, for example /etc/ruhu/server.key."),
                        key_file, data_dir);
  for (guint i = 0; i < G_N_ELEMENTS (data_files); i++)
    {
      g_autofree char *path = g_build_filename (data_dir, data_files[i], NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return setup_error (error, _("%s is already a Ruhu data directory; it was left "
                                     "untouched."), data_dir);
    }
  if (g_file_test (key_file, G_FILE_TEST_EXISTS))
    return setup_error (error, _("The key file %s already exists; it was left untouched. "
                                 "Without the right key the case data cannot be read, so "
                                 "Ruhu never overwrites one."), key_file);
  return TRUE;
}

/* O_EXCL: never replace a key, even one that appeared a moment ago. */
static gboolean
write_key (const char  *key_file,
           GError     **error)
{
  guint8 key[RUHU_KEY_LENGTH];
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  gsize len;
  int fd, saved;

  ruhu_random_bytes (key, sizeof key);
  text = g_base64_encode (key, sizeof key);
  memset (key, 0, sizeof key);
  line = g_strconcat (text, "\n", NULL);
  len = strlen (line);

  fd = g_open (key_file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    return setup_error (error, _("Could not create the key file %s: %s"),
                        key_file, g_strerror (errno));
  /* The key must be on disk before anything is sealed with it. */
  if (write (fd, line, len) == (gssize) len && fsync (fd) == 0)
    {
      if (close (fd) == 0)
        return TRUE;
      saved = errno;
    }
  else
    {
      saved = errno;
      close (fd);
    }
  g_unlink (key_file);
  return setup_error (error, _("Could not write the key file %s: %s"),
                      key_file, g_strerror (saved));
}

static gboolean
make_dir (const char  *path,
          GError     **error)
{
  if (g_mkdir_with_parents (path, 0700) == 0 && g_chmod (path, 0700) == 0)
    return TRUE;
  return setup_error (error, _("Could not create the folder %s: %s"), path, g_strerror (errno));
}

static gboolean
create_databases (const char  *data_dir,
                  const char  *key_file,
                  GError     **error)
{
  g_autofree char *dir_path = g_build_filename (data_dir, RUHU_SERVER_DIRECTORY_DB, NULL);
  g_autofree char *audit_path = g_build_filename (data_dir, RUHU_SERVER_AUDIT_DB, NULL);
  g_autofree char *cases_path = g_build_filename (data_dir, RUHU_SERVER_CASES_DB, NULL);
  g_autofree char *key = ruhu_server_read_key (key_file, error);
  g_autoptr(RuhuStore) store = NULL;
  g_autoptr(RuhuDirectory) directory = NULL;
  g_autoptr(RuhuAudit) audit = NULL;

  if (key == NULL)
    return FALSE;
  store = ruhu_store_open (cases_path, RUHU_STORE_OPEN_CREATE, key, &key_kdf, error);
  if (store == NULL)
    return FALSE;
  directory = ruhu_directory_open (dir_path, error);
  if (directory == NULL)
    return FALSE;
  audit = ruhu_audit_open (audit_path, error);
  return audit != NULL &&
         ruhu_audit_append (audit, g_get_user_name (), NULL, "init", data_dir, NULL, error);
}

/* A failed init leaves nothing behind, so it can simply be run again. */
static void
remove_partial (const char *data_dir,
                const char *key_file)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (data_files); i++)
    for (guint j = 0; j < G_N_ELEMENTS (suffixes); j++)
      {
        g_autofree char *name = g_strconcat (data_files[i], suffixes[j], NULL);
        g_autofree char *path = g_build_filename (data_dir, name, NULL);

        g_remove (path);
      }
  g_unlink (key_file);
}

/**
 * ruhu_server_init_data_dir:
 * @data_dir: the data directory; created (mode 0700) if missing
 * @key_file: where to write the new server key; outside @data_dir
 *
 * Creates the server key and an empty data directory: cases.db (sealed
 * with the key), server.db (the directory), audit.db and blobs/. Refuses
 * to overwrite a key file or an initialised data directory.
 *
 * Returns: %FALSE with @error set (%RUHU_SERVER_ERROR_SETUP, or the
 *   error of the database that could not be created)
 */
gboolean
ruhu_server_init_data_dir (const char  *data_dir,
                           const char  *key_file,
                           GError     **error)
{
  g_autofree char *blobs = NULL;

  g_return_val_if_fail (data_dir != NULL && key_file != NULL, FALSE);
  if (!make_dir (data_dir, error) ||
      !check_layout (data_dir, key_file, error) ||
      !write_key (key_file, error))
    return FALSE;
  blobs = g_build_filename (data_dir, RUHU_SERVER_BLOBS_DIR, NULL);
  if (make_dir (blobs, error) && create_databases (data_dir, key_file, error))
    return TRUE;
  remove_partial (data_dir, key_file);
  return FALSE;
}

static gboolean
check_key_mode (const char  *key_file,
                GError     **error)
{
  GStatBuf st;

  if (g_stat (key_file, &st) != 0)
    return setup_error (error, _("Cannot read the key file %s: %s"),
                        key_file, g_strerror (errno));
  if ((st.st_mode & 077) != 0)
    return setup_error (error, _("The key file %s can be read by other users of this "
                                 "computer. Make it private with “chmod 600 %s”."),
                        key_file, key_file);
  return TRUE;
}

/**
 * ruhu_server_read_key:
 * @key_file: a file made by ruhu_server_init_data_dir()
 *
 * Reads the server key, refusing a file other users could read.
 *
 * Returns: (transfer full): the key's text (base64 of 32 bytes), to be
 *   used as the case store's passphrase; %NULL with @error set
 *   (%RUHU_SERVER_ERROR_SETUP)
 */
char *
ruhu_server_read_key (const char  *key_file,
                      GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree guint8 *key = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  g_return_val_if_fail (key_file != NULL, NULL);
  if (!check_key_mode (key_file, error))
    return NULL;
  if (!g_file_get_contents (key_file, &contents, &length, &local_error))
    {
      setup_error (error, _("Cannot read the key file %s: %s"), key_file, local_error->message);
      return NULL;
    }
  g_strstrip (contents);
  key = g_base64_decode (contents, &length);
  again = g_base64_encode (key, length);
  memset (key, 0, length);
  /* Decoding is lenient; encoding back catches stray characters. */
  if (length != RUHU_KEY_LENGTH || strcmp (again, contents) != 0)
    {
      setup_error (error, _("The key file %s does not hold a Ruhu server key."), key_file);
      return NULL;
    }
  return g_steal_pointer (&contents);
}

/**
 * ruhu_server_open_case_store:
 *
 * Opens DATA_DIR/cases.db with the server key.
 *
 * Returns: (transfer full): the case store, or %NULL with @error set
 *   (%RUHU_SERVER_ERROR_SETUP for a missing directory or the wrong key, or
 *   a %RUHU_STORE_ERROR)
 */
RuhuStore *
ruhu_server_open_case_store (const char  *data_dir,
                             const char  *key_file,
                             GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GError) local_error = NULL;
  RuhuStore *store;

  g_return_val_if_fail (data_dir != NULL && key_file != NULL, NULL);
  path = g_build_filename (data_dir, RUHU_SERVER_CASES_DB, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      setup_error (error, _("%s is not a Ruhu data directory yet. Create it with "
                            "“ruhu-admin --data %s --key-file FILE init”."), data_dir, data_dir);
      return NULL;
    }
  key = ruhu_server_read_key (key_file, error);
  if (key == NULL)
    return NULL;
  store = ruhu_store_open (path, RUHU_STORE_OPEN_DEFAULT, key, &key_kdf, &local_error);
  if (store == NULL && g_error_matches (local_error, RUHU_STORE_ERROR,
                                        RUHU_STORE_ERROR_WRONG_PASSPHRASE))
    setup_error (error, _("The key file %s does not belong to the data directory %s."),
                 key_file, data_dir);
  else if (store == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  /* Pulls read through a connection of their own, so that they do not
   * wait while a push's batch is synced to disk. */
  else if (!ruhu_store_open_reader (store, error))
    g_clear_object (&store);
  return store;
}
