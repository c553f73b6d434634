/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ruhu-device.h"

G_BEGIN_DECLS

/* One evidence photo in full, upright, with zoom by pinch, buttons and
 * keys; decoded off the main thread. */
#define RUHU_TYPE_PHOTO_VIEWER (ruhu_photo_viewer_get_type ())
G_DECLARE_FINAL_TYPE (RuhuPhotoViewer, ruhu_photo_viewer, RUHU, PHOTO_VIEWER, AdwWindow)

RuhuPhotoViewer *ruhu_photo_viewer_new       (GtkWindow       *parent,
                                              RuhuDevice      *device,
                                              const char      *sha256,
                                              const char      *title);
gboolean         ruhu_photo_viewer_is_loaded (RuhuPhotoViewer *self);
double           ruhu_photo_viewer_get_zoom  (RuhuPhotoViewer *self);
void             ruhu_photo_viewer_set_zoom  (RuhuPhotoViewer *self,
                                              double           zoom);
GdkTexture      *ruhu_photo_viewer_get_texture (RuhuPhotoViewer *self);
void             ruhu_photo_viewer_set_deletable (RuhuPhotoViewer *self,
                                                  gboolean         deletable);

G_END_DECLS
