/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ruhu-device.h"
#include "ruhu-workflow.h"

G_BEGIN_DECLS

/* A modal window that asks exactly what one workflow step needs (a comment,
 * a reason, the township's opinion, the monthly amount, the materials' due
 * date, the township to transfer to), checks it, and takes the step in a
 * worker thread; the guard's refusal is shown in the window. */
#define RUHU_TYPE_STEP_DIALOG (ruhu_step_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RuhuStepDialog, ruhu_step_dialog, RUHU, STEP_DIALOG, AdwWindow)

RuhuStepDialog *ruhu_step_dialog_new      (RuhuDevice     *device,
                                           const char     *case_id,
                                           RuhuStep        step,
                                           RuhuCategory    category);
void            ruhu_step_dialog_show     (GtkWidget      *parent,
                                           RuhuDevice     *device,
                                           const char     *case_id,
                                           RuhuStep        step,
                                           RuhuCategory    category);
RuhuStep        ruhu_step_dialog_get_step (RuhuStepDialog *self);
gboolean        ruhu_step_dialog_get_busy (RuhuStepDialog *self);

G_END_DECLS
