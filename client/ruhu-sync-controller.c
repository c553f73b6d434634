/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-sync-controller.h"

/* The sync client itself runs on the main context without blocking it
 * (shared/ruhu-sync.c); this object decides when it runs and keeps what
 * the header shows: the count of unsynced changes, progress, last sync. */

struct _RuhuSyncController
{
  GObject         parent_instance;
  RuhuDevice     *device;
  GSettings      *settings;     /* nullable: no automatic sync without it */
  GNetworkMonitor *monitor;
  GCancellable   *cancellable;  /* the running sync's, or NULL */
  guint           timer;
  gboolean        online;
  gboolean        user_started;
  gint64          unsynced_count;  /* the signed-in user's: what a sync sends */
  gint64          waiting_count;   /* other users', left for them */
  double          fraction;
};

G_DEFINE_FINAL_TYPE (RuhuSyncController, ruhu_sync_controller, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SYNCING,
  PROP_UNSYNCED_COUNT,
  PROP_FRACTION,
  PROP_LAST_SYNC,
  N_PROPS,
};

enum
{
  FINISHED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_count (RuhuSyncController *self)
{
  RuhuSyncClient *client = ruhu_device_get_sync_client (self->device);
  gint64 count = ruhu_sync_client_get_unsynced_count (client);
  gint64 waiting = ruhu_sync_client_get_waiting (client, NULL);

  count = MAX (count - waiting, 0);
  if (count == self->unsynced_count && waiting == self->waiting_count)
    return;
  self->unsynced_count = count;
  self->waiting_count = waiting;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNSYNCED_COUNT]);
}

static void
set_fraction (RuhuSyncController *self,
              double              fraction)
{
  self->fraction = fraction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

static gboolean
logged_in (RuhuSyncController *self)
{
  g_autofree char *server = ruhu_store_get_setting (ruhu_device_get_store (self->device),
                                                    RUHU_SYNC_SETTING_SERVER, NULL);

  return server != NULL;
}

/* Pushing has a known size; pulling does not, so it shows as a pulse
 * (fraction < 0) in the second half of the bar. */
static void
progress_cb (RuhuSyncController *self,
             int                 phase,
             gint64              done,
             gint64              total)
{
  switch ((RuhuSyncPhase) phase)
    {
    case RUHU_SYNC_PHASE_LOGIN:
      set_fraction (self, 0.0);
      break;
    case RUHU_SYNC_PHASE_PUSH:
      set_fraction (self, total > 0 ? 0.5 * done / total : 0.0);
      break;
    case RUHU_SYNC_PHASE_PULL:
      set_fraction (self, -1.0);
      break;
    case RUHU_SYNC_PHASE_DONE:
      set_fraction (self, 1.0);
      break;
    default:
      break;
    }
}

static void
sync_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(RuhuSyncController) self = user_data;
  g_autoptr(GError) error = NULL;

  ruhu_sync_client_sync_finish (RUHU_SYNC_CLIENT (source), result, &error);
  g_clear_object (&self->cancellable);
  update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
  /* A pull may have brought anything, and a login a new role. */
  if (error == NULL || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      ruhu_device_reload_account (self->device);
      ruhu_device_case_changed (self->device, NULL);
    }
  g_signal_emit (self, signals[FINISHED], 0, error, self->user_started);
}

static void
start (RuhuSyncController *self,
       gboolean            user_started)
{
  if (self->cancellable != NULL)
    return;
  self->user_started = user_started;
  self->cancellable = g_cancellable_new ();
  set_fraction (self, 0.0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
  ruhu_sync_client_sync_async (ruhu_device_get_sync_client (self->device), self->cancellable,
                               sync_cb, g_object_ref (self));
}

/* Automatic syncs only run when they can work, and stay quiet otherwise. */
static void
start_automatic (RuhuSyncController *self)
{
  if (self->settings == NULL || !g_settings_get_boolean (self->settings, "auto-sync"))
    return;
  if (self->online && logged_in (self))
    start (self, FALSE);
}

static gboolean
timer_cb (gpointer user_data)
{
  start_automatic (user_data);
  return G_SOURCE_CONTINUE;
}

static void
restart_timer (RuhuSyncController *self)
{
  guint minutes;

  g_clear_handle_id (&self->timer, g_source_remove);
  if (self->settings == NULL)
    return;
  minutes = g_settings_get_uint (self->settings, "sync-interval");
  if (minutes > 0)
    self->timer = g_timeout_add_seconds (minutes * 60, timer_cb, self);
}

static void
network_changed_cb (RuhuSyncController *self,
                    gboolean            available)
{
  gboolean was_online = self->online;

  self->online = available;
  if (available && !was_online)
    start_automatic (self);
}

static void
ruhu_sync_controller_dispose (GObject *object)
{
  RuhuSyncController *self = RUHU_SYNC_CONTROLLER (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer, g_source_remove);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->settings);
  g_clear_object (&self->device);
  G_OBJECT_CLASS (ruhu_sync_controller_parent_class)->dispose (object);
}

static void
ruhu_sync_controller_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RuhuSyncController *self = RUHU_SYNC_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_SYNCING:
      g_value_set_boolean (value, ruhu_sync_controller_get_syncing (self));
      break;
    case PROP_UNSYNCED_COUNT:
      g_value_set_int64 (value, self->unsynced_count);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_LAST_SYNC:
      g_value_set_int64 (value, ruhu_sync_controller_get_last_sync (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ruhu_sync_controller_class_init (RuhuSyncControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ruhu_sync_controller_dispose;
  object_class->get_property = ruhu_sync_controller_get_property;

  properties[PROP_SYNCING] =
    g_param_spec_boolean ("syncing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The signed-in user's unsynced changes; notified also when other
   * users' waiting ones change (ruhu_sync_controller_get_waiting()). */
  properties[PROP_UNSYNCED_COUNT] =
    g_param_spec_int64 ("unsynced-count", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* From 0 to 1, or negative while the amount of work is unknown. */
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, -1.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Unix seconds of the last complete sync, 0 for never. */
  properties[PROP_LAST_SYNC] =
    g_param_spec_int64 ("last-sync", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RuhuSyncController::finished:
   * @error: (nullable): why the sync failed, or %NULL
   * @user_started: whether the user asked for this sync
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_ERROR, G_TYPE_BOOLEAN);
}

static void
ruhu_sync_controller_init (RuhuSyncController *self)
{
}

/**
 * ruhu_sync_controller_new:
 * @settings: (nullable): the app's settings (auto-sync, sync-interval);
 *   without them the device only syncs when asked
 */
RuhuSyncController *
ruhu_sync_controller_new (RuhuDevice *device,
                          GSettings  *settings)
{
  RuhuSyncController *self;

  g_return_val_if_fail (RUHU_IS_DEVICE (device), NULL);

  self = g_object_new (RUHU_TYPE_SYNC_CONTROLLER, NULL);
  self->device = g_object_ref (device);
  self->unsynced_count = -1;
  update_count (self);
  g_signal_connect_object (device, "case-changed", G_CALLBACK (update_count), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (ruhu_device_get_sync_client (device), "notify::unsynced-count",
                           G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ruhu_device_get_sync_client (device), "notify::waiting-count",
                           G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ruhu_device_get_sync_client (device), "progress",
                           G_CALLBACK (progress_cb), self, G_CONNECT_SWAPPED);
  if (settings == NULL)
    return self;

  self->settings = g_object_ref (settings);
  g_signal_connect_object (settings, "changed::sync-interval", G_CALLBACK (restart_timer), self,
                           G_CONNECT_SWAPPED);
  restart_timer (self);
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->online = g_network_monitor_get_network_available (self->monitor);
  g_signal_connect_swapped (self->monitor, "network-changed", G_CALLBACK (network_changed_cb), self);
  return self;
}

RuhuDevice *
ruhu_sync_controller_get_device (RuhuSyncController *self)
{
  g_return_val_if_fail (RUHU_IS_SYNC_CONTROLLER (self), NULL);
  return self->device;
}

/* Starts a sync unless one is running. */
void
ruhu_sync_controller_start (RuhuSyncController *self)
{
  g_return_if_fail (RUHU_IS_SYNC_CONTROLLER (self));
  start (self, TRUE);
}

void
ruhu_sync_controller_cancel (RuhuSyncController *self)
{
  g_return_if_fail (RUHU_IS_SYNC_CONTROLLER (self));
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

gboolean
ruhu_sync_controller_get_syncing (RuhuSyncController *self)
{
  g_return_val_if_fail (RUHU_IS_SYNC_CONTROLLER (self), FALSE);
  return self->cancellable != NULL;
}

gint64
ruhu_sync_controller_get_unsynced_count (RuhuSyncController *self)
{
  g_return_val_if_fail (RUHU_IS_SYNC_CONTROLLER (self), 0);
  return self->unsynced_count;
}

/**
 * ruhu_sync_controller_get_waiting:
 * @users: (out) (optional) (transfer none): who made them
 *
 * Returns: how many unsynced changes on this device are other users',
 *   which wait until each of them signs in here
 */
gint64
ruhu_sync_controller_get_waiting (RuhuSyncController   *self,
                                  const char * const  **users)
{
  g_return_val_if_fail (RUHU_IS_SYNC_CONTROLLER (self), 0);
  return ruhu_sync_client_get_waiting (ruhu_device_get_sync_client (self->device), users);
}

double
ruhu_sync_controller_get_fraction (RuhuSyncController *self)
{
  g_return_val_if_fail (RUHU_IS_SYNC_CONTROLLER (self), 0.0);
  return self->fraction;
}

gint64
ruhu_sync_controller_get_last_sync (RuhuSyncController *self)
{
  g_autofree char *last = NULL;

  g_return_val_if_fail (RUHU_IS_SYNC_CONTROLLER (self), 0);
  last = ruhu_store_get_setting (ruhu_device_get_store (self->device),
                                 RUHU_SYNC_SETTING_LAST_SYNC, NULL);
  return last != NULL ? g_ascii_strtoll (last, NULL, 10) : 0;
}
