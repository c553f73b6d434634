/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ruhu-device.h"
#include "ruhu-recheck-lists.h"
#include "ruhu-visit-schedule.h"

G_BEGIN_DECLS

/* Reads the outreach visit schedule, the visit rates and the re-check
 * lists off the main thread (they read every case of the store), again
 * shortly after the device's cases change, and emits "loaded" with them
 * (RuhuAftercare*, or NULL and a GError*). */
typedef struct
{
  GPtrArray        *schedule;  /* RuhuVisitDue* */
  GPtrArray        *rates;     /* RuhuVisitRate*, or NULL if not asked for */
  RuhuRecheckLists *lists;     /* or NULL if not asked for */
} RuhuAftercare;

typedef enum
{
  RUHU_AFTERCARE_SCHEDULE       = 0,
  RUHU_AFTERCARE_RECHECKS        = 1 << 0,  /* also the rates and re-check lists */
  RUHU_AFTERCARE_ALL_HOUSEHOLDS  = 1 << 1,  /* schedule every household, not only recipients */
} RuhuAftercareFlags;

#define RUHU_TYPE_AFTERCARE_LOADER (ruhu_aftercare_loader_get_type ())
G_DECLARE_FINAL_TYPE (RuhuAftercareLoader, ruhu_aftercare_loader, RUHU, AFTERCARE_LOADER, GObject)

RuhuAftercareLoader *ruhu_aftercare_loader_new         (RuhuDevice           *device,
                                                        RuhuAftercareFlags    flags,
                                                        gpointer              view,
                                                        GCallback             loaded,
                                                        GCallback             loading);
void                 ruhu_aftercare_loader_reload      (RuhuAftercareLoader  *self);
void                 ruhu_aftercare_loader_stop        (RuhuAftercareLoader  *self);
gboolean             ruhu_aftercare_loader_get_loading (RuhuAftercareLoader  *self);

void                 ruhu_aftercare_free               (RuhuAftercare        *aftercare);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuAftercare, ruhu_aftercare_free)

G_END_DECLS
