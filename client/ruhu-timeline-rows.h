/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ruhu-form.h"
#include "ruhu-workflow.h"

G_BEGIN_DECLS

/* A step the server refused: its record stays on the device without its
 * `action`, and the store keeps the server's reason. */
typedef struct
{
  RuhuStep  step;
  char     *at;          /* nullable: when it was taken */
  char     *actor_name;  /* nullable */
  char     *reason;
  gint64    rejected_at;
} RuhuTimelineRefusal;

void       ruhu_timeline_refusal_free      (RuhuTimelineRefusal    *refusal);
GtkWidget *ruhu_timeline_step_row_new      (RuhuForm               *form,
                                            const RuhuTransition   *step,
                                            guint                   n_comments);
GtkWidget *ruhu_timeline_refusal_row_new   (const RuhuTimelineRefusal *refusal);
GtkWidget *ruhu_timeline_option_row_new    (const RuhuStepOption   *option);
char      *ruhu_timeline_describe_deadline (const RuhuCaseDeadline *deadline,
                                            const char            **css_class);
char      *ruhu_timeline_format_at         (const char             *at);

G_END_DECLS
