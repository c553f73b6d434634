/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-device.h"

struct _RuhuDevice
{
  GObject         parent_instance;
  RuhuStore      *store;
  RuhuFormSet    *forms;
  RuhuSyncClient *sync;
  char           *actor;
  char           *role;
  char           *place;
};

G_DEFINE_FINAL_TYPE (RuhuDevice, ruhu_device, G_TYPE_OBJECT)

enum
{
  CASE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Edits made before the first login carry this actor; the server only ever
 * sees operations pushed under a logged-in account. */
#define LOCAL_ACTOR "local"

static char *
read_setting (RuhuStore  *store,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  char *value = ruhu_store_get_setting (store, name, &error);

  if (error != NULL)
    g_warning ("Could not read the setting %s: %s", name, error->message);
  return value;
}

static void
ruhu_device_finalize (GObject *object)
{
  RuhuDevice *self = RUHU_DEVICE (object);

  g_clear_object (&self->sync);
  g_clear_object (&self->store);
  g_clear_pointer (&self->forms, ruhu_form_set_unref);
  g_free (self->actor);
  g_free (self->role);
  g_free (self->place);
  G_OBJECT_CLASS (ruhu_device_parent_class)->finalize (object);
}

static void
ruhu_device_class_init (RuhuDeviceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ruhu_device_finalize;

  /**
   * RuhuDevice::case-changed:
   * @case_id: (nullable): the case, or %NULL when many may have changed
   */
  signals[CASE_CHANGED] =
    g_signal_new ("case-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ruhu_device_init (RuhuDevice *self)
{
}

/**
 * ruhu_device_new:
 * @store: an open (unlocked) device store
 * @forms: the form definitions
 *
 * Returns: (transfer full): a device working on @store
 */
RuhuDevice *
ruhu_device_new (RuhuStore   *store,
                 RuhuFormSet *forms)
{
  RuhuDevice *self;

  g_return_val_if_fail (RUHU_IS_STORE (store), NULL);
  g_return_val_if_fail (forms != NULL, NULL);

  self = g_object_new (RUHU_TYPE_DEVICE, NULL);
  self->store = g_object_ref (store);
  self->forms = ruhu_form_set_ref (forms);
  self->sync = ruhu_sync_client_new (store);
  ruhu_device_reload_account (self);
  return self;
}

RuhuStore *
ruhu_device_get_store (RuhuDevice *self)
{
  g_return_val_if_fail (RUHU_IS_DEVICE (self), NULL);
  return self->store;
}

RuhuFormSet *
ruhu_device_get_forms (RuhuDevice *self)
{
  g_return_val_if_fail (RUHU_IS_DEVICE (self), NULL);
  return self->forms;
}

RuhuSyncClient *
ruhu_device_get_sync_client (RuhuDevice *self)
{
  g_return_val_if_fail (RUHU_IS_DEVICE (self), NULL);
  return self->sync;
}

/* The user name that signs this device's edits. */
const char *
ruhu_device_get_actor (RuhuDevice *self)
{
  g_return_val_if_fail (RUHU_IS_DEVICE (self), NULL);
  return self->actor;
}

/* The account's role and place as the server gave them at login, or NULL
 * before the first login. */
const char *
ruhu_device_get_role (RuhuDevice *self)
{
  g_return_val_if_fail (RUHU_IS_DEVICE (self), NULL);
  return self->role;
}

const char *
ruhu_device_get_place (RuhuDevice *self)
{
  g_return_val_if_fail (RUHU_IS_DEVICE (self), NULL);
  return self->place;
}

/* Rereads the account after a login changed it. */
void
ruhu_device_reload_account (RuhuDevice *self)
{
  g_return_if_fail (RUHU_IS_DEVICE (self));

  g_free (self->actor);
  self->actor = read_setting (self->store, RUHU_SYNC_SETTING_USER);
  if (self->actor == NULL)
    self->actor = g_strdup (LOCAL_ACTOR);
  g_free (self->role);
  self->role = read_setting (self->store, RUHU_SYNC_SETTING_ROLE);
  g_free (self->place);
  self->place = read_setting (self->store, RUHU_SYNC_SETTING_PLACE);
}

/**
 * ruhu_device_write:
 *
 * Writes one field as this device's user; durable when it returns, and
 * announced with #RuhuDevice::case-changed.
 *
 * Returns: (transfer full) (nullable): the operation, or %NULL with @error set
 */
RuhuOp *
ruhu_device_write (RuhuDevice  *self,
                   const char  *entity,
                   const char  *kind,
                   const char  *case_id,
                   const char  *parent,
                   const char  *field,
                   JsonNode    *value,
                   GError     **error)
{
  RuhuOp *op;

  g_return_val_if_fail (RUHU_IS_DEVICE (self), NULL);

  op = ruhu_store_write (self->store, entity, kind, case_id, parent, field, value,
                         self->actor, error);
  if (op != NULL)
    ruhu_device_case_changed (self, case_id);
  return op;
}

/* Deletes (or restores) an entity, like ruhu_device_write(). */
RuhuOp *
ruhu_device_set_deleted (RuhuDevice  *self,
                         const char  *entity,
                         gboolean     deleted,
                         GError     **error)
{
  RuhuOp *op;

  g_return_val_if_fail (RUHU_IS_DEVICE (self), NULL);

  op = ruhu_store_set_deleted (self->store, entity, deleted, self->actor, error);
  if (op != NULL)
    ruhu_device_case_changed (self, op->case_id);
  return op;
}

/* Tells every view that @case_id (or, for NULL, any case) changed. */
void
ruhu_device_case_changed (RuhuDevice *self,
                          const char *case_id)
{
  g_return_if_fail (RUHU_IS_DEVICE (self));
  g_signal_emit (self, signals[CASE_CHANGED], 0, case_id);
}
