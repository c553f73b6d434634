/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ruhu-device.h"

G_BEGIN_DECLS

/* Reads one case, or what a widget shows of it, in a worker thread, and
 * again when the device says the case changed. A change that arrives while
 * a read runs makes exactly one more read once it ends. A read of a case
 * left (ruhu_case_loader_set_case()) or of a stopped loader is dropped:
 * its result is freed and nothing is called. */

/* In the worker thread: what the widget shows of @case_id, or %NULL and
 * @error. @cancellable is cancelled when the result would be dropped. */
typedef gpointer (*RuhuCaseLoadFunc)   (RuhuDevice    *device,
                                        const char    *case_id,
                                        GCancellable  *cancellable,
                                        GError       **error);

/* On the main thread: @result (owned by the loader, fields may be stolen)
 * or @error. ruhu_case_loader_get_loading() says whether another read has
 * already begun. */
typedef void     (*RuhuCaseLoadedFunc) (gpointer       owner,
                                        gpointer       result,
                                        const GError  *error);

typedef struct
{
  RuhuCaseLoadFunc   load;
  GDestroyNotify     result_free;
  RuhuCaseLoadedFunc loaded;
  guint              settle_ms;  /* wait for the case to be still this long; 0: no wait */
} RuhuCaseLoaderFuncs;

#define RUHU_TYPE_CASE_LOADER (ruhu_case_loader_get_type ())
G_DECLARE_FINAL_TYPE (RuhuCaseLoader, ruhu_case_loader, RUHU, CASE_LOADER, GObject)

RuhuCaseLoader *ruhu_case_loader_new         (RuhuDevice                *device,
                                              const RuhuCaseLoaderFuncs *funcs,
                                              gpointer                   owner);
void            ruhu_case_loader_set_case    (RuhuCaseLoader            *self,
                                              const char                *case_id);
const char     *ruhu_case_loader_get_case    (RuhuCaseLoader            *self);
void            ruhu_case_loader_reload      (RuhuCaseLoader            *self);
gboolean        ruhu_case_loader_get_loading (RuhuCaseLoader            *self);
void            ruhu_case_loader_stop        (RuhuCaseLoader            *self);
void            ruhu_case_loader_clear       (RuhuCaseLoader           **loader);

G_END_DECLS
