/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RUHU_TYPE_APPLICATION (ruhu_application_get_type ())
G_DECLARE_FINAL_TYPE (RuhuApplication, ruhu_application, RUHU, APPLICATION, AdwApplication)

RuhuApplication *ruhu_application_new            (void);
GSettings       *ruhu_application_get_settings   (RuhuApplication *self);
const char      *ruhu_application_get_device_dir (RuhuApplication *self);
void             ruhu_application_set_device_dir (RuhuApplication *self,
                                                  const char      *dir);

G_END_DECLS
