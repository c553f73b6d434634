/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include "ruhu-form.h"
#include "ruhu-store.h"
#include "ruhu-sync.h"

G_BEGIN_DECLS

/* What the window works on: this tablet's unlocked store, the form
 * definitions and the sync client. Every widget that reads or writes case
 * data goes through one RuhuDevice, which tells all of them when a case
 * changed (a local edit, or a sync that brought news). */
#define RUHU_TYPE_DEVICE (ruhu_device_get_type ())
G_DECLARE_FINAL_TYPE (RuhuDevice, ruhu_device, RUHU, DEVICE, GObject)

RuhuDevice     *ruhu_device_new                 (RuhuStore    *store,
                                                 RuhuFormSet  *forms);
RuhuStore      *ruhu_device_get_store           (RuhuDevice   *self);
RuhuFormSet    *ruhu_device_get_forms           (RuhuDevice   *self);
RuhuSyncClient *ruhu_device_get_sync_client     (RuhuDevice   *self);
const char     *ruhu_device_get_actor           (RuhuDevice   *self);
const char     *ruhu_device_get_role            (RuhuDevice   *self);
const char     *ruhu_device_get_place           (RuhuDevice   *self);
void            ruhu_device_reload_account      (RuhuDevice   *self);

RuhuOp         *ruhu_device_write               (RuhuDevice   *self,
                                                 const char   *entity,
                                                 const char   *kind,
                                                 const char   *case_id,
                                                 const char   *parent,
                                                 const char   *field,
                                                 JsonNode     *value,
                                                 GError      **error);
RuhuOp         *ruhu_device_set_deleted         (RuhuDevice   *self,
                                                 const char   *entity,
                                                 gboolean      deleted,
                                                 GError      **error);
void            ruhu_device_case_changed        (RuhuDevice   *self,
                                                 const char   *case_id);

/* Where the device keeps its store (device.db) and photos (blobs/): the
 * XDG data directory, or RUHU_DEVICE_DIR for tests and the demo. */
#define RUHU_DEVICE_STORE_FILE "device.db"
#define RUHU_DEVICE_BLOB_DIR   "blobs"

char           *ruhu_device_default_dir         (void);
gboolean        ruhu_device_store_exists        (const char   *dir);
gboolean        ruhu_device_remove_store        (const char   *dir,
                                                 GError      **error);
void            ruhu_device_open_async          (const char          *dir,
                                                 const char          *passphrase,
                                                 gboolean             create,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
RuhuDevice     *ruhu_device_open_finish         (GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
