/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-case-loader.h"

struct _RuhuCaseLoader
{
  GObject                    parent_instance;
  RuhuDevice                *device;
  const RuhuCaseLoaderFuncs *funcs;
  gpointer                   owner;         /* NULL once stopped */
  char                      *case_id;
  GCancellable              *cancellable;   /* the read under way's, if any */
  gboolean                   again;         /* the case changed during that read */
  guint                      settle_source;
  gboolean                   loading;       /* as last notified */
};

G_DEFINE_FINAL_TYPE (RuhuCaseLoader, ruhu_case_loader, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The worker thread's own copies: the loader may move on meanwhile. */
typedef struct
{
  RuhuDevice                *device;
  char                      *case_id;
  const RuhuCaseLoaderFuncs *funcs;
} Read;

static void
read_free (gpointer data)
{
  Read *read = data;

  g_object_unref (read->device);
  g_free (read->case_id);
  g_free (read);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Read *read = task_data;
  GError *error = NULL;
  gpointer result = read->funcs->load (read->device, read->case_id, cancellable, &error);

  if (error == NULL)
    {
      g_task_return_pointer (task, result, read->funcs->result_free);
      return;
    }
  if (result != NULL)
    read->funcs->result_free (result);
  g_task_return_error (task, error);
}

static void
sync_loading (RuhuCaseLoader *self)
{
  gboolean loading = ruhu_case_loader_get_loading (self);

  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void start_read (RuhuCaseLoader *self);

static void
read_done_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(RuhuCaseLoader) self = user_data;
  GTask *task = G_TASK (res);
  g_autoptr(GError) error = NULL;
  gpointer result;

  /* The read of a case left, or of a stopped loader: the task frees it. */
  if (g_task_get_cancellable (task) != self->cancellable)
    return;
  g_clear_object (&self->cancellable);
  result = g_task_propagate_pointer (task, &error);
  if (self->again)
    {
      self->again = FALSE;
      start_read (self);
    }
  self->funcs->loaded (self->owner, result, error);
  if (result != NULL)
    self->funcs->result_free (result);
  sync_loading (self);
}

static void
start_read (RuhuCaseLoader *self)
{
  g_autoptr(GTask) task = NULL;
  Read *read = g_new0 (Read, 1);

  read->device = g_object_ref (self->device);
  read->case_id = g_strdup (self->case_id);
  read->funcs = self->funcs;
  self->cancellable = g_cancellable_new ();
  /* The callback's reference, not the task's: the last one is dropped on
   * this thread. */
  task = g_task_new (NULL, self->cancellable, read_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_read);
  g_task_set_task_data (task, read, read_free);
  g_task_run_in_thread (task, read_thread);
}

/* Forgets the read under way and any read to come. */
static void
drop_reads (RuhuCaseLoader *self)
{
  g_clear_handle_id (&self->settle_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->again = FALSE;
}

static gboolean
settled_cb (gpointer user_data)
{
  RuhuCaseLoader *self = user_data;

  self->settle_source = 0;
  ruhu_case_loader_reload (self);
  return G_SOURCE_REMOVE;
}

static void
case_changed_cb (RuhuCaseLoader *self,
                 const char     *case_id)
{
  if (self->case_id == NULL || (case_id != NULL && !g_str_equal (case_id, self->case_id)))
    return;
  if (self->funcs->settle_ms == 0)
    {
      ruhu_case_loader_reload (self);
      return;
    }
  g_clear_handle_id (&self->settle_source, g_source_remove);
  self->settle_source = g_timeout_add (self->funcs->settle_ms, settled_cb, self);
  sync_loading (self);
}

static void
ruhu_case_loader_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RuhuCaseLoader *self = RUHU_CASE_LOADER (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, ruhu_case_loader_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ruhu_case_loader_dispose (GObject *object)
{
  RuhuCaseLoader *self = RUHU_CASE_LOADER (object);

  drop_reads (self);
  self->owner = NULL;
  g_clear_object (&self->device);
  G_OBJECT_CLASS (ruhu_case_loader_parent_class)->dispose (object);
}

static void
ruhu_case_loader_finalize (GObject *object)
{
  g_free (RUHU_CASE_LOADER (object)->case_id);
  G_OBJECT_CLASS (ruhu_case_loader_parent_class)->finalize (object);
}

static void
ruhu_case_loader_class_init (RuhuCaseLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ruhu_case_loader_get_property;
  object_class->dispose = ruhu_case_loader_dispose;
  object_class->finalize = ruhu_case_loader_finalize;

  /**
   * RuhuCaseLoader:loading:
   *
   * Whether a read runs or is about to (the case is settling).
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ruhu_case_loader_init (RuhuCaseLoader *self)
{
}

/**
 * ruhu_case_loader_new:
 * @funcs: (not nullable): static; load, result_free and loaded are required
 * @owner: passed to @funcs->loaded; the loader does not reference it, so
 *   the owner stops the loader (ruhu_case_loader_clear()) in its dispose
 *
 * Returns: (transfer full): a loader without a case
 */
RuhuCaseLoader *
ruhu_case_loader_new (RuhuDevice                *device,
                      const RuhuCaseLoaderFuncs *funcs,
                      gpointer                   owner)
{
  RuhuCaseLoader *self;

  g_return_val_if_fail (RUHU_IS_DEVICE (device), NULL);
  g_return_val_if_fail (funcs != NULL && funcs->load != NULL && funcs->loaded != NULL, NULL);
  g_return_val_if_fail (funcs->result_free != NULL, NULL);
  g_return_val_if_fail (owner != NULL, NULL);

  self = g_object_new (RUHU_TYPE_CASE_LOADER, NULL);
  self->device = g_object_ref (device);
  self->funcs = funcs;
  self->owner = owner;
  g_signal_connect_object (device, "case-changed", G_CALLBACK (case_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

/* Reads @case_id (nullable: nothing) now; what was read or to be read of
 * the case before is dropped. */
void
ruhu_case_loader_set_case (RuhuCaseLoader *self,
                           const char     *case_id)
{
  g_return_if_fail (RUHU_IS_CASE_LOADER (self));

  drop_reads (self);
  if (case_id != self->case_id)
    {
      g_free (self->case_id);
      self->case_id = g_strdup (case_id);
    }
  ruhu_case_loader_reload (self);
}

const char *
ruhu_case_loader_get_case (RuhuCaseLoader *self)
{
  g_return_val_if_fail (RUHU_IS_CASE_LOADER (self), NULL);
  return self->case_id;
}

/* Reads the case again now, or once the read under way ends. */
void
ruhu_case_loader_reload (RuhuCaseLoader *self)
{
  g_return_if_fail (RUHU_IS_CASE_LOADER (self));

  g_clear_handle_id (&self->settle_source, g_source_remove);
  if (self->owner != NULL && self->case_id != NULL)
    {
      if (self->cancellable != NULL)
        self->again = TRUE;
      else
        start_read (self);
    }
  sync_loading (self);
}

gboolean
ruhu_case_loader_get_loading (RuhuCaseLoader *self)
{
  g_return_val_if_fail (RUHU_IS_CASE_LOADER (self), FALSE);
  return self->cancellable != NULL || self->settle_source != 0;
}

/* Drops every read and calls nothing more; for the owner's dispose. */
void
ruhu_case_loader_stop (RuhuCaseLoader *self)
{
  g_return_if_fail (RUHU_IS_CASE_LOADER (self));

  drop_reads (self);
  self->owner = NULL;
  if (self->device != NULL)
    g_signal_handlers_disconnect_by_data (self->device, self);
  sync_loading (self);
}

/* Stops *@loader and drops the reference; a no-op on %NULL. */
void
ruhu_case_loader_clear (RuhuCaseLoader **loader)
{
  g_return_if_fail (loader != NULL);

  if (*loader == NULL)
    return;
  ruhu_case_loader_stop (*loader);
  g_clear_object (loader);
}
