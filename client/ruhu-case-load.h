/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include "ruhu-calendar.h"
#include "ruhu-device.h"

G_BEGIN_DECLS

/* Reads case summaries off the main thread: every case, or one. */
void       ruhu_case_load_async   (RuhuDevice           *device,
                                   const char           *case_id,
                                   const GDate          *today,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
GPtrArray *ruhu_case_load_finish  (GAsyncResult         *result,
                                   GError              **error);
RuhuCalendar *ruhu_case_load_get_calendar (void);

G_END_DECLS
