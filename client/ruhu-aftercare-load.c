/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-aftercare-load.h"

/* A sync or a saved form changes many cases at once, one signal each:
 * read again once they are done. */
#define RELOAD_DELAY_MS 300

struct _RuhuAftercareLoader
{
  GObject             parent_instance;
  RuhuDevice         *device;
  RuhuAftercareFlags  flags;
  GCancellable       *cancellable;
  guint               reload_source;
  gboolean            loading;
};

G_DEFINE_FINAL_TYPE (RuhuAftercareLoader, ruhu_aftercare_loader, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_LOADING,
  N_PROPS,
};

enum
{
  LOADED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
ruhu_aftercare_free (RuhuAftercare *aftercare)
{
  if (aftercare == NULL)
    return;
  g_clear_pointer (&aftercare->schedule, g_ptr_array_unref);
  g_clear_pointer (&aftercare->rates, g_ptr_array_unref);
  g_clear_pointer (&aftercare->lists, ruhu_recheck_lists_free);
  g_free (aftercare);
}

/* The thread's task data: the store and what to read. */
typedef struct
{
  RuhuStore          *store;
  RuhuAftercareFlags  flags;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_object_unref (load->store);
  g_free (load);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *load = task_data;
  g_autoptr(RuhuAftercare) aftercare = g_new0 (RuhuAftercare, 1);
  GError *error = NULL;

  RuhuVisitScope scope = (load->flags & RUHU_AFTERCARE_ALL_HOUSEHOLDS) ? RUHU_VISIT_SCOPE_ALL
                                                                        : RUHU_VISIT_SCOPE_RECIPIENTS;

  aftercare->schedule = ruhu_visit_schedule_load (load->store, NULL, scope, NULL, cancellable,
                                                  &error);
  if (aftercare->schedule != NULL && (load->flags & RUHU_AFTERCARE_RECHECKS))
    {
      aftercare->rates = ruhu_visit_rates (aftercare->schedule);
      aftercare->lists = ruhu_recheck_lists_load (load->store, NULL, cancellable, &error);
    }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&aftercare),
                           (GDestroyNotify) ruhu_aftercare_free);
}

static void
set_loading (RuhuAftercareLoader *self,
             gboolean             loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RuhuAftercareLoader) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuAftercare) aftercare = g_task_propagate_pointer (G_TASK (result), &error);

  /* A newer load replaced this one, or the loader was stopped. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_signal_emit (self, signals[LOADED], 0, aftercare, error);
  set_loading (self, FALSE);
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  RuhuAftercareLoader *self = user_data;

  self->reload_source = 0;
  ruhu_aftercare_loader_reload (self);
  return G_SOURCE_REMOVE;
}

static void
device_case_changed_cb (RuhuAftercareLoader *self,
                        const char          *case_id)
{
  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
  set_loading (self, TRUE);
}

static void
ruhu_aftercare_loader_dispose (GObject *object)
{
  RuhuAftercareLoader *self = RUHU_AFTERCARE_LOADER (object);

  ruhu_aftercare_loader_stop (self);
  g_clear_object (&self->device);
  G_OBJECT_CLASS (ruhu_aftercare_loader_parent_class)->dispose (object);
}

static void
ruhu_aftercare_loader_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RuhuAftercareLoader *self = RUHU_AFTERCARE_LOADER (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ruhu_aftercare_loader_class_init (RuhuAftercareLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ruhu_aftercare_loader_dispose;
  object_class->get_property = ruhu_aftercare_loader_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (RuhuAftercare *aftercare, GError *error): one of them is NULL; both
   * belong to the loader. */
  signals[LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_POINTER);
}

static void
ruhu_aftercare_loader_init (RuhuAftercareLoader *self)
{
}

/**
 * ruhu_aftercare_loader_new:
 * @flags: %RUHU_AFTERCARE_RECHECKS to read the rates and re-check lists too
 * @view: the object that shows what is read
 * @loaded: called as `loaded (view, aftercare, error)` on "loaded"
 * @loading: called as `loading (view)` when "loading" changes
 *
 * Returns: (transfer full): a loader, already loading
 */
RuhuAftercareLoader *
ruhu_aftercare_loader_new (RuhuDevice         *device,
                           RuhuAftercareFlags  flags,
                           gpointer            view,
                           GCallback           loaded,
                           GCallback           loading)
{
  RuhuAftercareLoader *self;

  g_return_val_if_fail (RUHU_IS_DEVICE (device), NULL);
  g_return_val_if_fail (G_IS_OBJECT (view), NULL);

  self = g_object_new (RUHU_TYPE_AFTERCARE_LOADER, NULL);
  self->device = g_object_ref (device);
  self->flags = flags;
  g_signal_connect_object (device, "case-changed", G_CALLBACK (device_case_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "loaded", loaded, view, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::loading", loading, view, G_CONNECT_SWAPPED);
  ruhu_aftercare_loader_reload (self);
  return self;
}

/* Reads everything again in a worker thread; a load under way is dropped
 * for the new one. */
void
ruhu_aftercare_loader_reload (RuhuAftercareLoader *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_return_if_fail (RUHU_IS_AFTERCARE_LOADER (self));
  g_return_if_fail (self->device != NULL);

  ruhu_aftercare_loader_stop (self);
  self->cancellable = g_cancellable_new ();
  load = g_new0 (LoadData, 1);
  load->store = g_object_ref (ruhu_device_get_store (self->device));
  load->flags = self->flags;
  task = g_task_new (NULL, self->cancellable, loaded_cb, g_object_ref (self));
  g_task_set_source_tag (task, ruhu_aftercare_loader_reload);
  g_task_set_task_data (task, load, load_data_free);
  g_task_run_in_thread (task, load_thread);
  set_loading (self, TRUE);
}

/* Cancels a load under way or pending; the views call it in dispose. */
void
ruhu_aftercare_loader_stop (RuhuAftercareLoader *self)
{
  g_return_if_fail (RUHU_IS_AFTERCARE_LOADER (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

gboolean
ruhu_aftercare_loader_get_loading (RuhuAftercareLoader *self)
{
  g_return_val_if_fail (RUHU_IS_AFTERCARE_LOADER (self), FALSE);
  return self->loading;
}
