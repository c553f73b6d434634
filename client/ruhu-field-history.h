/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ruhu-device.h"

G_BEGIN_DECLS

/* A window listing every version a field ever had on this device, newest
 * first, with value, who, device and time. */
#define RUHU_TYPE_FIELD_HISTORY (ruhu_field_history_get_type ())
G_DECLARE_FINAL_TYPE (RuhuFieldHistory, ruhu_field_history, RUHU, FIELD_HISTORY, AdwWindow)

RuhuFieldHistory *ruhu_field_history_new        (RuhuDevice        *device,
                                                 const char        *entity,
                                                 const char        *field);
guint             ruhu_field_history_get_n_rows (RuhuFieldHistory  *self);
void              ruhu_field_history_show       (GtkWidget         *parent,
                                                 RuhuDevice        *device,
                                                 const char        *entity,
                                                 const char        *field);

G_END_DECLS
