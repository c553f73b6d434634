/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "ruhu-application.h"
#include "ruhu-window.h"

G_BEGIN_DECLS

/* What the shell's tests (first start, unlock, sync) share: one registered
 * application per process, windows on a device folder of their own, and
 * filling in forms the way a person would. */

RuhuApplication *shell_app               (void);
RuhuWindow      *shell_window_new        (const char  *device_dir,
                                          int          width);
void             shell_window_close      (RuhuWindow  *window);
void             shell_set_row_text      (GtkWidget   *root,
                                          const char  *title,
                                          const char  *text);
void             shell_wait_not_busy     (GtkWidget   *page);
void             shell_wait_page         (RuhuWindow  *window,
                                          const char  *name);
void             shell_screenshot        (RuhuWindow  *window,
                                          const char  *name);
void             shell_photograph        (GtkWidget   *window,
                                          const char  *name);
void             shell_write_text        (RuhuDevice  *device,
                                          const char  *case_id,
                                          const char  *kind,
                                          const char  *field,
                                          const char  *text);

G_END_DECLS
