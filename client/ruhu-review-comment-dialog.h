/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ruhu-device.h"

G_BEGIN_DECLS

/* Asks a supervisor for a comment on one field, to go back to the
 * investigators with the next return of the case, and writes it as a
 * `review_comment` entity (in a worker thread). */
void ruhu_review_comment_dialog_show (GtkWidget  *parent,
                                      RuhuDevice *device,
                                      const char *case_id,
                                      const char *entity,
                                      const char *field,
                                      const char *field_label);

G_END_DECLS
