/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ruhu-device.h"

G_BEGIN_DECLS

/* One change the server refused, as a row: what was changed to what, who
 * changed it on which device and when, and the server's reason. */
GtkWidget *ruhu_rejection_row_new (RuhuDevice           *device,
                                   const RuhuRejection  *rejection);

G_END_DECLS
