/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ruhu-device.h"

G_BEGIN_DECLS

/* A modal window that shows every candidate value of a field in conflict
 * (or the deletion and the edits it did not see) with who, device and
 * when, and writes the one the user picks or types. */
#define RUHU_TYPE_RESOLVE_DIALOG (ruhu_resolve_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RuhuResolveDialog, ruhu_resolve_dialog, RUHU, RESOLVE_DIALOG, AdwWindow)

RuhuResolveDialog *ruhu_resolve_dialog_new       (RuhuDevice  *device,
                                                  const char  *case_id,
                                                  const char  *entity,
                                                  const char  *field);
void               ruhu_resolve_dialog_show      (GtkWidget   *parent,
                                                  RuhuDevice  *device,
                                                  const char  *entity,
                                                  const char  *field);
void               ruhu_resolve_dialog_show_case (GtkWidget   *parent,
                                                  RuhuDevice  *device,
                                                  const char  *case_id);

G_END_DECLS
