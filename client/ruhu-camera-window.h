/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ruhu-camera.h"

G_BEGIN_DECLS

/* The camera's live picture and a button to take a photo; emits
 * "captured" with the JPEG and closes. */
#define RUHU_TYPE_CAMERA_WINDOW (ruhu_camera_window_get_type ())
G_DECLARE_FINAL_TYPE (RuhuCameraWindow, ruhu_camera_window, RUHU, CAMERA_WINDOW, AdwWindow)

RuhuCameraWindow *ruhu_camera_window_new     (GtkWindow        *parent,
                                              RuhuCamera       *camera);
gboolean          ruhu_camera_window_capture (RuhuCameraWindow *self);

G_END_DECLS
