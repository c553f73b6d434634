/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ruhu-form.h"
#include "ruhu-recheck-lists.h"
#include "ruhu-visit-schedule.h"

G_BEGIN_DECLS

/* The rows of the supervisor's re-check page (RuhuRecheckPage). */

/* Called with the case id when a case's row is activated. */
typedef void (*RuhuRecheckActivateFunc) (const char *case_id,
                                         gpointer    user_data);

GtkWidget *ruhu_recheck_rate_row_new      (const RuhuVisitRate      *rate);
void       ruhu_recheck_fill_by_category  (GtkListBox               *list,
                                           GPtrArray                *items,
                                           RuhuForm                 *household_form,
                                           gboolean                  aliveness,
                                           RuhuRecheckActivateFunc   activate,
                                           gpointer                  user_data);
void       ruhu_recheck_clear_list        (GtkListBox               *list);

G_END_DECLS
