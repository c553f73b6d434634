/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-store-private.h"

/* Device settings live in meta under "setting." names. A bearer token is
 * as good as a password until revoked, so in an encrypted store they are
 * sealed with the data key, bound to their name. */

#define SETTING_PREFIX "setting."
#define SETTING_AAD    "ruhu-setting-v1"

static char *
setting_key (const char *name)
{
  return g_strconcat (SETTING_PREFIX, name, NULL);
}

static char *
setting_aad (const char *name,
             gsize      *length)
{
  char *aad = g_strconcat (SETTING_AAD, "|", name, NULL);

  *length = strlen (aad);
  return aad;
}

/**
 * ruhu_store_get_setting:
 *
 * Returns: (transfer full) (nullable): the setting's value; %NULL without an
 *   error when it was never set
 */
char *
ruhu_store_get_setting (RuhuStore   *self,
                        const char  *name,
                        GError     **error)
{
  g_autofree char *key = setting_key (name);
  g_autoptr(GBytes) stored = NULL;
  char *value = NULL;

  g_return_val_if_fail (RUHU_IS_STORE (self), NULL);
  g_rec_mutex_lock (&self->lock);
  if (ruhu_store_meta_get (self, key, &stored, error) && stored != NULL)
    {
      gsize size = g_bytes_get_size (stored);
      const guint8 *data = g_bytes_get_data (stored, NULL);

      if (self->aead == NULL)
        {
          value = g_strndup ((const char *) data, size);
        }
      else
        {
          gsize aad_length;
          g_autofree char *aad = setting_aad (name, &aad_length);
          g_autoptr(GError) local_error = NULL;

          value = (char *) ruhu_aead_open (self->aead, aad, aad_length, data, size, NULL,
                                           &local_error);
          if (value == NULL)
            g_set_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_CORRUPT,
                         _("The setting %s is damaged: %s"), name, local_error->message);
        }
    }
  g_rec_mutex_unlock (&self->lock);
  return value;
}

/**
 * ruhu_store_set_setting:
 * @value: (nullable): the new value; %NULL removes the setting
 */
gboolean
ruhu_store_set_setting (RuhuStore   *self,
                        const char  *name,
                        const char  *value,
                        GError     **error)
{
  static const char delete_sql[] = "DELETE FROM meta WHERE key = ?";
  g_autofree char *key = setting_key (name);
  gboolean ok;

  g_return_val_if_fail (RUHU_IS_STORE (self), FALSE);
  g_rec_mutex_lock (&self->lock);
  if (value == NULL)
    {
      g_autoptr(RuhuSqliteStmt) stmt = ruhu_sqlite_stmt (self->sql, delete_sql, error);

      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
          ok = ruhu_sqlite_step_done (self->sql, stmt, error);
        }
    }
  else if (self->aead == NULL)
    {
      ok = ruhu_store_meta_set (self, key, value, strlen (value), error);
    }
  else
    {
      gsize aad_length, sealed_length;
      g_autofree char *aad = setting_aad (name, &aad_length);
      g_autofree guint8 *sealed = ruhu_aead_seal (self->aead, aad, aad_length, value,
                                                  strlen (value), &sealed_length, error);

      ok = sealed != NULL && ruhu_store_meta_set (self, key, sealed, sealed_length, error);
    }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/**
 * ruhu_store_seal:
 * @context: what the bytes are and where they belong, e.g. a file's name;
 *   ruhu_store_unseal() must be given the same
 * @plain: the bytes
 *
 * Seals data that the device keeps outside the store (photos) with the
 * store's data key, so that it is as safe at rest as the cases. An
 * unencrypted store returns @plain unchanged.
 *
 * Returns: (transfer full) (nullable): the sealed bytes
 */
GBytes *
ruhu_store_seal (RuhuStore   *self,
                 const char  *context,
                 GBytes      *plain,
                 GError     **error)
{
  g_autofree char *aad = g_strconcat ("file\x1f", context, NULL);
  guint8 *sealed;
  gsize length = 0, sealed_length;
  const guint8 *data = g_bytes_get_data (plain, &length);

  g_return_val_if_fail (RUHU_IS_STORE (self), NULL);
  if (self->aead == NULL)
    return g_bytes_ref (plain);
  g_rec_mutex_lock (&self->lock);
  sealed = ruhu_aead_seal (self->aead, aad, strlen (aad), data, length, &sealed_length, error);
  g_rec_mutex_unlock (&self->lock);
  return sealed != NULL ? g_bytes_new_take (sealed, sealed_length) : NULL;
}

/**
 * ruhu_store_unseal:
 * @context: as given to ruhu_store_seal()
 *
 * Returns: (transfer full) (nullable): the plain bytes, or %NULL with
 *   %RUHU_STORE_ERROR_CORRUPT if @sealed was altered or belongs elsewhere
 */
GBytes *
ruhu_store_unseal (RuhuStore   *self,
                   const char  *context,
                   GBytes      *sealed,
                   GError     **error)
{
  g_autofree char *aad = g_strconcat ("file\x1f", context, NULL);
  g_autoptr(GError) local_error = NULL;
  guint8 *plain;
  gsize length = 0, plain_length = 0;
  const guint8 *data = g_bytes_get_data (sealed, &length);

  g_return_val_if_fail (RUHU_IS_STORE (self), NULL);
  if (self->aead == NULL)
    return g_bytes_ref (sealed);
  g_rec_mutex_lock (&self->lock);
  plain = ruhu_aead_open (self->aead, aad, strlen (aad), data, length, &plain_length,
                          &local_error);
  g_rec_mutex_unlock (&self->lock);
  if (plain == NULL)
    {
      g_set_error (error, RUHU_STORE_ERROR, RUHU_STORE_ERROR_CORRUPT,
                   _("A file of this device is damaged or belongs to another device: %s"),
                   local_error->message);
      return NULL;
    }
  return g_bytes_new_take (plain, plain_length);
}
