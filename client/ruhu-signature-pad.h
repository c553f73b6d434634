/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A pad to sign on with a finger, a stylus (line width follows pressure)
 * or a mouse; strokes are drawn smooth and exported as a PNG. */
#define RUHU_TYPE_SIGNATURE_PAD (ruhu_signature_pad_get_type ())
G_DECLARE_FINAL_TYPE (RuhuSignaturePad, ruhu_signature_pad, RUHU, SIGNATURE_PAD, GtkWidget)

GtkWidget *ruhu_signature_pad_new           (void);
gboolean   ruhu_signature_pad_is_empty      (RuhuSignaturePad  *self);
void       ruhu_signature_pad_clear         (RuhuSignaturePad  *self);
void       ruhu_signature_pad_begin_stroke  (RuhuSignaturePad  *self,
                                             double             x,
                                             double             y,
                                             double             pressure);
void       ruhu_signature_pad_extend_stroke (RuhuSignaturePad  *self,
                                             double             x,
                                             double             y,
                                             double             pressure);
GBytes    *ruhu_signature_pad_export_png    (RuhuSignaturePad  *self,
                                             GError           **error);

G_END_DECLS
