/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ruhu-device.h"

G_BEGIN_DECLS

/* The supervisor's dialog to assign a case's investigation to a team of two
 * or more investigators, picked from the roster the last sync brought. */
#define RUHU_TYPE_ASSIGN_DIALOG (ruhu_assign_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RuhuAssignDialog, ruhu_assign_dialog, RUHU, ASSIGN_DIALOG, AdwWindow)

RuhuAssignDialog *ruhu_assign_dialog_new  (RuhuDevice *device,
                                           const char *case_id);
void              ruhu_assign_dialog_show (GtkWidget  *parent,
                                           RuhuDevice *device,
                                           const char *case_id);

G_END_DECLS
