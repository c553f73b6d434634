/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ruhu-evidence-job.h"
#include "ruhu-json-fields.h"

typedef struct
{
  RuhuStore      *store;
  RuhuSyncClient *sync;
  char           *case_id;
  char           *photo;
  GFile          *file;
  GBytes         *bytes;
  int             max_size;
  gboolean        cover;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->store);
  g_clear_object (&job->sync);
  g_free (job->case_id);
  g_free (job->photo);
  g_clear_object (&job->file);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job);
}

static GTask *
job_task (RuhuDevice          *device,
          GCancellable        *cancellable,
          gpointer             source_tag,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->store = g_object_ref (ruhu_device_get_store (device));
  job->sync = g_object_ref (ruhu_device_get_sync_client (device));
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  return task;
}

static void
item_free (RuhuEvidenceItem *item)
{
  g_free (item->entity);
  g_free (item->category);
  g_free (item->member);
  g_free (item->photo);
  g_free (item->caption);
  g_free (item);
}

void
ruhu_evidence_list_free (RuhuEvidenceList *list)
{
  g_clear_pointer (&list->items, g_ptr_array_unref);
  g_clear_pointer (&list->member_ids, g_ptr_array_unref);
  g_clear_pointer (&list->member_names, g_ptr_array_unref);
  g_free (list);
}

static gboolean
add_entity (Job              *job,
            RuhuEntityInfo   *info,
            RuhuEvidenceList *list,
            GError          **error)
{
  g_autoptr(GHashTable) fields = NULL;

  if (info->deleted ||
      (strcmp (info->kind, "evidence") != 0 && strcmp (info->kind, "member") != 0))
    return TRUE;
  if ((fields = ruhu_store_get_fields (job->store, info->id, error)) == NULL)
    return FALSE;
  if (strcmp (info->kind, "member") == 0)
    {
      char *name = ruhu_fields_dup_string (fields, "name");

      g_ptr_array_add (list->member_ids, g_strdup (info->id));
      g_ptr_array_add (list->member_names, name != NULL ? name : g_strdup ("?"));
    }
  else
    {
      RuhuEvidenceItem *item = g_new0 (RuhuEvidenceItem, 1);

      item->entity = g_strdup (info->id);
      item->category = ruhu_fields_dup_string (fields, "category");
      item->member = ruhu_fields_dup_string (fields, "member");
      item->photo = ruhu_fields_dup_string (fields, "photo");
      item->caption = ruhu_fields_dup_string (fields, "caption");
      g_ptr_array_add (list->items, item);
    }
  return TRUE;
}

static void
list_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(RuhuEvidenceList) list = g_new0 (RuhuEvidenceList, 1);
  g_autoptr(GPtrArray) entities = NULL;
  GError *error = NULL;

  list->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  list->member_ids = g_ptr_array_new_with_free_func (g_free);
  list->member_names = g_ptr_array_new_with_free_func (g_free);
  if ((entities = ruhu_store_list_entities (job->store, job->case_id, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < entities->len; i++)
    if (!add_entity (job, g_ptr_array_index (entities, i), list, &error))
      {
        g_task_return_error (task, error);
        return;
      }
  g_task_return_pointer (task, g_steal_pointer (&list), (GDestroyNotify) ruhu_evidence_list_free);
}

void
ruhu_evidence_list_load_async (RuhuDevice          *device,
                               const char          *case_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = job_task (device, cancellable, ruhu_evidence_list_load_async,
                                    callback, user_data);
  Job *job = g_task_get_task_data (task);

  job->case_id = g_strdup (case_id);
  g_task_run_in_thread (task, list_thread);
}

RuhuEvidenceList *
ruhu_evidence_list_load_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ruhu_evidence_list_load_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ruhu_evidence_keep_photo:
 * @photo: a JPEG or PNG made on this device (camera, signature pad)
 *
 * Keeps @photo like ruhu_sync_client_add_photo(), which takes files: the
 * bytes pass through a file of the user's runtime directory (private, and
 * in memory on most systems), removed as soon as the sealed copy exists.
 * Blocks: call it from a worker thread.
 *
 * Returns: (transfer full) (nullable): the photo's SHA-256
 */
char *
ruhu_evidence_keep_photo (RuhuSyncClient  *sync,
                          GBytes          *photo,
                          GError         **error)
{
  const char *dir = g_get_user_runtime_dir ();
  g_autofree char *path = g_build_filename (dir, "ruhu-photo-XXXXXX", NULL);
  gsize length = 0;
  const char *bytes = g_bytes_get_data (photo, &length);
  char *name = NULL;
  int fd;

  /* Without XDG_RUNTIME_DIR, GLib names the cache directory, which may
   * not exist yet. */
  if (g_mkdir_with_parents (dir, 0700) != 0 || (fd = g_mkstemp_full (path, O_RDWR, 0600)) < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot keep the photo: %s"), g_strerror (saved));
      return NULL;
    }
  close (fd);
  if (g_file_set_contents (path, bytes, (gssize) length, error))
    name = ruhu_sync_client_add_photo (sync, path, error);
  g_unlink (path);
  return name;
}

static void
add_bytes_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;
  char *name = ruhu_evidence_keep_photo (job->sync, job->bytes, &error);

  if (name == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, name, g_free);
}

static void
add_thread (GTask        *task,
            gpointer      source,
            gpointer      data,
            GCancellable *cancellable)
{
  Job *job = data;
  g_autofree char *path = g_file_get_path (job->file);
  g_autofree char *shown = g_file_get_parse_name (job->file);
  g_autoptr(GError) error = NULL;
  char *name;

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("“%s” was not added: only files on this device can be added"),
                               shown);
      return;
    }
  /* The sync client checks that the file is a whole JPEG or PNG first. */
  if ((name = ruhu_sync_client_add_photo (job->sync, path, &error)) == NULL)
    {
      g_autofree char *base = g_file_get_basename (job->file);

      /* Translators: %s is a file name, then why it was refused */
      g_task_return_new_error (task, error->domain, error->code, _("“%s” was not added. %s"),
                               base, error->message);
      return;
    }
  g_task_return_pointer (task, name, g_free);
}

/**
 * ruhu_evidence_photo_add_async:
 * @file: a JPEG or PNG
 *
 * Keeps a sealed copy of @file among the device's photos. The error, for a
 * file that is not a whole image, names the file and says what is wrong.
 */
void
ruhu_evidence_photo_add_async (RuhuDevice          *device,
                               GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = job_task (device, cancellable, ruhu_evidence_photo_add_async,
                                    callback, user_data);
  Job *job = g_task_get_task_data (task);

  job->file = g_object_ref (file);
  g_task_run_in_thread (task, add_thread);
}

/* Keeps a photo taken with the camera, like ruhu_evidence_photo_add_async(). */
void
ruhu_evidence_photo_add_bytes_async (RuhuDevice          *device,
                                     GBytes              *photo,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = job_task (device, cancellable, ruhu_evidence_photo_add_async,
                                    callback, user_data);
  Job *job = g_task_get_task_data (task);

  job->bytes = g_bytes_ref (photo);
  g_task_run_in_thread (task, add_bytes_thread);
}

/* Returns: (transfer full): the photo's SHA-256 */
char *
ruhu_evidence_photo_add_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ruhu_evidence_photo_add_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The size a photo is decoded at: whole (0 × 0), within a square of
 * @max_size, or for a thumbnail just covering a 4:3 box @max_size wide. */
typedef struct
{
  int      max_size;
  gboolean cover;
} Fit;

static double
fit_scale (const Fit *fit,
           int        width,
           int        height)
{
  double scale;

  if (fit->max_size <= 0)
    return 1.0;
  if (fit->cover)
    scale = MAX ((double) fit->max_size / width, fit->max_size * 0.75 / height);
  else
    scale = (double) fit->max_size / MAX (width, height);
  return MIN (scale, 1.0);
}

/* Thumbnails of a 20-megapixel photo need not decode it whole: the JPEG
 * loader can scale while it decodes. */
static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  double scale = fit_scale (user_data, width, height);

  if (scale < 1.0)
    gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale)),
                                MAX (1, (int) (height * scale)));
}

static GdkPixbuf *
decode (GBytes     *bytes,
        const Fit  *fit,
        GError    **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  GdkPixbuf *pixbuf;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), (gpointer) fit);
  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, error))
    {
      /* A loader must be closed even when it failed. */
      gdk_pixbuf_loader_close (loader, NULL);
      return NULL;
    }
  if (!gdk_pixbuf_loader_close (loader, error))
    return NULL;
  if ((pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)) == NULL)
    {
      g_set_error_literal (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
                           _("The photo could not be decoded"));
      return NULL;
    }
  /* A camera held sideways says so in EXIF; turn the pixels upright. */
  return gdk_pixbuf_apply_embedded_orientation (pixbuf);
}

/* Scales the upright photo down to @fit; a thumbnail is also cut to 4:3
 * around its centre, so that every tile of the grid is alike. */
static GdkPixbuf *
fit_pixbuf (GdkPixbuf *pixbuf,
            const Fit *fit)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  double scale = fit_scale (fit, width, height);
  g_autoptr(GdkPixbuf) scaled = NULL;
  int box_width, box_height;

  if (scale >= 1.0 && !fit->cover)
    return g_object_ref (pixbuf);
  scaled = scale < 1.0 ? gdk_pixbuf_scale_simple (pixbuf, MAX (1, (int) (width * scale)),
                                                  MAX (1, (int) (height * scale)),
                                                  GDK_INTERP_BILINEAR)
                       : g_object_ref (pixbuf);
  if (!fit->cover)
    return g_steal_pointer (&scaled);
  width = gdk_pixbuf_get_width (scaled);
  height = gdk_pixbuf_get_height (scaled);
  box_width = MIN (width, height * 4 / 3);
  box_height = MIN (height, width * 3 / 4);
  return gdk_pixbuf_new_subpixbuf (scaled, (width - MAX (box_width, 1)) / 2,
                                   (height - MAX (box_height, 1)) / 2,
                                   MAX (box_width, 1), MAX (box_height, 1));
}

static void
photo_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  Job *job = data;
  Fit fit = { job->max_size, job->cover };
  GError *error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkPixbuf) upright = NULL;
  g_autoptr(GdkPixbuf) fitted = NULL;

  if ((bytes = ruhu_sync_client_read_photo (job->sync, job->photo, &error)) == NULL ||
      (upright = decode (bytes, &fit, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  fitted = fit_pixbuf (upright, &fit);
  g_task_return_pointer (task, gdk_texture_new_for_pixbuf (fitted), g_object_unref);
}

/**
 * ruhu_evidence_photo_load_async:
 * @max_size: the longest side wanted in pixels, or 0 for all
 * @thumbnail: cut to 4:3 around the centre, @max_size wide
 */
void
ruhu_evidence_photo_load_async (RuhuDevice          *device,
                                const char          *sha256,
                                int                  max_size,
                                gboolean             thumbnail,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = job_task (device, cancellable, ruhu_evidence_photo_load_async,
                                    callback, user_data);
  Job *job = g_task_get_task_data (task);

  job->photo = g_strdup (sha256);
  job->max_size = max_size;
  job->cover = thumbnail;
  g_task_run_in_thread (task, photo_thread);
}

GdkTexture *
ruhu_evidence_photo_load_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ruhu_evidence_photo_load_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
