/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A camera or document camera through GStreamer: the first video source
 * the device monitor finds (v4l2), or the pipeline named by
 * RUHU_CAMERA_PIPELINE, e.g. "videotestsrc is-live=true", for tests and
 * for machines whose camera needs special elements. The camera is a
 * GdkPaintable showing the live picture; a capture is a JPEG. */
#define RUHU_CAMERA_PIPELINE_ENV "RUHU_CAMERA_PIPELINE"

#define RUHU_TYPE_CAMERA (ruhu_camera_get_type ())
G_DECLARE_FINAL_TYPE (RuhuCamera, ruhu_camera, RUHU, CAMERA, GObject)

gboolean    ruhu_camera_is_available    (void);
RuhuCamera *ruhu_camera_new             (const char  *source);
gboolean    ruhu_camera_start           (RuhuCamera  *self,
                                         GError     **error);
void        ruhu_camera_stop            (RuhuCamera  *self);
GdkTexture *ruhu_camera_get_frame       (RuhuCamera  *self);
GBytes     *ruhu_camera_capture_jpeg    (RuhuCamera  *self,
                                         GError     **error);

G_END_DECLS
