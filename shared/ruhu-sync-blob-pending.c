/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-blob-ref.h"
#include "ruhu-sync-blob-pending.h"

/* The list is read once per sync and written whenever it changes, before
 * the page that named the photo is applied: a sync that breaks later
 * still knows what to fetch again. The photos are asked for again with
 * the first page a sync pulls, once a sync, so that one the server goes
 * on refusing costs one request per sync. */

typedef struct
{
  GPtrArray  *names;    /* char*: in the order they were skipped */
  GHashTable *index;    /* the same strings */
  gboolean    retried;  /* this sync asked for them again already */
} Pending;

static void
pending_free (Pending *pending)
{
  g_hash_table_unref (pending->index);
  g_ptr_array_unref (pending->names);
  g_free (pending);
}

static void
pending_add (Pending    *pending,
             const char *name)
{
  char *copy;

  if (!ruhu_blob_ref_name_is_valid (name) || g_hash_table_contains (pending->index, name))
    return;
  copy = g_strdup (name);
  g_ptr_array_add (pending->names, copy);
  g_hash_table_add (pending->index, copy);
}

static Pending *
pending_load (RuhuStore *store)
{
  Pending *pending = g_new0 (Pending, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = ruhu_store_get_setting (store, RUHU_SYNC_SETTING_PENDING_BLOBS, &error);
  g_auto(GStrv) lines = NULL;

  pending->names = g_ptr_array_new_with_free_func (g_free);
  pending->index = g_hash_table_new (g_str_hash, g_str_equal);
  if (error != NULL)
    g_warning ("Cannot read the photos still to fetch: %s", error->message);
  lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    pending_add (pending, lines[i]);
  return pending;
}

/* One list per sync, hung from its task: the job is not ours to grow. */
static Pending *
pending_of (RuhuSyncJob *job)
{
  static GQuark quark;
  Pending *pending;

  if (quark == 0)
    quark = g_quark_from_static_string ("ruhu-sync-pending-blobs");
  if ((pending = g_object_get_qdata (G_OBJECT (job->task), quark)) != NULL)
    return pending;
  pending = pending_load (job->client->store);
  g_object_set_qdata_full (G_OBJECT (job->task), quark, pending, (GDestroyNotify) pending_free);
  return pending;
}

static void
pending_save (RuhuSyncJob *job,
              Pending     *pending)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < pending->names->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "",
                            (const char *) g_ptr_array_index (pending->names, i));
  /* Losing the list only loses the retry; the sync itself goes on. */
  if (!ruhu_store_set_setting (job->client->store, RUHU_SYNC_SETTING_PENDING_BLOBS, text->str,
                               &error))
    g_warning ("Cannot keep the photos still to fetch: %s", error->message);
}

/**
 * ruhu_sync_blob_pending_add_to:
 * @names: (element-type utf8): the photos a pulled page names, each once
 *
 * Adds to @names, at the first page of a sync, the photos earlier syncs
 * could not fetch.
 */
void
ruhu_sync_blob_pending_add_to (RuhuSyncJob *job,
                               GPtrArray   *names)
{
  Pending *pending = pending_of (job);
  g_autoptr(GHashTable) seen = NULL;

  if (pending->retried)
    return;
  pending->retried = TRUE;
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < names->len; i++)
    g_hash_table_add (seen, g_ptr_array_index (names, i));
  for (guint i = 0; i < pending->names->len; i++)
    if (!g_hash_table_contains (seen, g_ptr_array_index (pending->names, i)))
      g_ptr_array_add (names, g_strdup (g_ptr_array_index (pending->names, i)));
}

/**
 * ruhu_sync_blob_pending_set:
 * @pending: %TRUE if the photo @name could not be fetched, %FALSE once
 *   this device has it
 */
void
ruhu_sync_blob_pending_set (RuhuSyncJob *job,
                            const char  *name,
                            gboolean     pending)
{
  Pending *list = pending_of (job);

  if (g_hash_table_contains (list->index, name) == pending)
    return;
  if (pending)
    pending_add (list, name);
  else
    {
      guint at = 0;

      g_ptr_array_find_with_equal_func (list->names, name, g_str_equal, &at);
      g_hash_table_remove (list->index, name);
      g_ptr_array_remove_index (list->names, at);
    }
  pending_save (job, list);
}
