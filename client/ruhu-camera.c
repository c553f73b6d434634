/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <gst/gst.h>
#include <gst/app/gstappsink.h>
#include <gst/video/video.h>

#include "ruhu-camera.h"

/* How long a capture may take to encode before it is given up. */
#define CAPTURE_TIMEOUT (5 * GST_SECOND)

struct _RuhuCamera
{
  GObject     parent_instance;
  char       *source;         /* a pipeline description, or NULL for the first device */
  GstElement *pipeline;
  guint       bus_watch;
  GMutex      lock;
  GstSample  *last_sample;    /* under lock: the newest frame, for capture */
  gboolean    frame_queued;   /* under lock: a texture update is on its way */
  GdkTexture *frame;          /* main thread only */
};

static void ruhu_camera_paintable_init (GdkPaintableInterface *iface);

/* The camera is itself the paintable a GtkPicture shows: each frame only
 * invalidates the contents, so the window is not laid out anew 30 times a
 * second. */
G_DEFINE_FINAL_TYPE_WITH_CODE (RuhuCamera, ruhu_camera, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE,
                                                      ruhu_camera_paintable_init))

enum
{
  PROP_0,
  PROP_FRAME,
  N_PROPS
};

enum
{
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
init_gstreamer (GError **error)
{
  return gst_is_initialized () || gst_init_check (NULL, NULL, error);
}

static GstDevice *
find_device (void)
{
  g_autoptr(GstDeviceMonitor) monitor = gst_device_monitor_new ();
  GList *devices;
  GstDevice *device = NULL;

  gst_device_monitor_add_filter (monitor, "Video/Source", NULL);
  devices = gst_device_monitor_get_devices (monitor);
  if (devices != NULL)
    device = g_object_ref (devices->data);
  g_list_free_full (devices, gst_object_unref);
  return device;
}

/* Whether the kernel shows any video device (/dev/video*): where there is
 * none, GStreamer is not even started. It is big, and a process that loads
 * it outgrows GLib's first block of quarks, which GLib then abandons. */
static gboolean
has_video_nodes (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/dev", 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "video"))
      return TRUE;
  return FALSE;
}

/**
 * ruhu_camera_is_available:
 *
 * Returns: whether a camera can be opened: RUHU_CAMERA_PIPELINE is set, or
 *   GStreamer's device monitor finds a video source (v4l2 cameras and
 *   document cameras, which all show as /dev/video*)
 */
gboolean
ruhu_camera_is_available (void)
{
  const char *pipeline = g_getenv (RUHU_CAMERA_PIPELINE_ENV);
  g_autoptr(GstDevice) device = NULL;

  if (pipeline != NULL && pipeline[0] != '\0')
    return TRUE;
  if (!has_video_nodes () || !init_gstreamer (NULL))
    return FALSE;
  device = find_device ();
  return device != NULL;
}

static gboolean
show_frame_cb (gpointer user_data)
{
  RuhuCamera *self = user_data;
  g_autoptr(GstSample) sample = NULL;
  GstVideoInfo info;
  GstVideoFrame frame;
  g_autoptr(GBytes) bytes = NULL;
  gboolean resized;

  g_mutex_lock (&self->lock);
  self->frame_queued = FALSE;
  sample = self->last_sample ? gst_sample_ref (self->last_sample) : NULL;
  g_mutex_unlock (&self->lock);
  if (sample == NULL || !gst_video_info_from_caps (&info, gst_sample_get_caps (sample)) ||
      !gst_video_frame_map (&frame, &info, gst_sample_get_buffer (sample), GST_MAP_READ))
    return G_SOURCE_REMOVE;
  bytes = g_bytes_new (GST_VIDEO_FRAME_PLANE_DATA (&frame, 0),
                       (gsize) GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 0) * info.height);
  resized = self->frame == NULL || gdk_texture_get_width (self->frame) != info.width ||
            gdk_texture_get_height (self->frame) != info.height;
  g_clear_object (&self->frame);
  self->frame = gdk_memory_texture_new (info.width, info.height, GDK_MEMORY_R8G8B8A8, bytes,
                                        GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 0));
  gst_video_frame_unmap (&frame);
  if (resized)
    gdk_paintable_invalidate_size (GDK_PAINTABLE (self));
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME]);
  return G_SOURCE_REMOVE;
}

/* On GStreamer's streaming thread: keep the sample, and ask the main
 * thread to show it unless it has not shown the previous one yet. */
static GstFlowReturn
new_sample_cb (GstAppSink *sink,
               gpointer    user_data)
{
  RuhuCamera *self = user_data;
  GstSample *sample = gst_app_sink_pull_sample (sink);
  gboolean queue;

  if (sample == NULL)
    return GST_FLOW_EOS;
  g_mutex_lock (&self->lock);
  if (self->last_sample != NULL)
    gst_sample_unref (self->last_sample);
  self->last_sample = sample;
  queue = !self->frame_queued;
  self->frame_queued = TRUE;
  g_mutex_unlock (&self->lock);
  if (queue)
    g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, show_frame_cb, g_object_ref (self),
                                g_object_unref);
  return GST_FLOW_OK;
}

static gboolean
bus_cb (GstBus     *bus,
        GstMessage *message,
        gpointer    user_data)
{
  RuhuCamera *self = user_data;
  g_autoptr(GError) error = NULL;

  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      gst_message_parse_error (message, &error, NULL);
      g_signal_emit (self, signals[FAILED], 0, error->message);
      ruhu_camera_stop (self);
    }
  return G_SOURCE_CONTINUE;
}

static GstElement *
make_source (RuhuCamera  *self,
             GError     **error)
{
  g_autoptr(GstDevice) device = NULL;
  GstElement *source;

  if (self->source != NULL)
    return gst_parse_bin_from_description (self->source, TRUE, error);
  if ((device = find_device ()) == NULL ||
      (source = gst_device_create_element (device, NULL)) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("No camera was found on this device"));
      return NULL;
    }
  return source;
}

static GstElement *
make_sink (RuhuCamera *self)
{
  GstElement *sink = gst_element_factory_make ("appsink", "sink");
  g_autoptr(GstCaps) caps = gst_caps_new_simple ("video/x-raw", "format", G_TYPE_STRING, "RGBA",
                                                 NULL);
  GstAppSinkCallbacks callbacks = { .new_sample = new_sample_cb };

  gst_app_sink_set_caps (GST_APP_SINK (sink), caps);
  gst_app_sink_set_max_buffers (GST_APP_SINK (sink), 1);
  gst_app_sink_set_drop (GST_APP_SINK (sink), TRUE);
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &callbacks, self, NULL);
  return sink;
}

static gboolean
build_pipeline (RuhuCamera  *self,
                GError     **error)
{
  GstElement *source, *convert, *sink;
  g_autoptr(GstBus) bus = NULL;

  if ((source = make_source (self, error)) == NULL)
    return FALSE;
  convert = gst_element_factory_make ("videoconvert", NULL);
  sink = make_sink (self);
  if (convert == NULL || sink == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The GStreamer elements for the camera are not installed"));
      gst_object_unref (gst_object_ref_sink (source));
      g_clear_pointer (&convert, gst_object_unref);
      g_clear_pointer (&sink, gst_object_unref);
      return FALSE;
    }
  self->pipeline = gst_pipeline_new ("ruhu-camera");
  gst_bin_add_many (GST_BIN (self->pipeline), source, convert, sink, NULL);
  if (!gst_element_link_many (source, convert, sink, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The camera cannot give pictures in a form this program reads"));
      return FALSE;
    }
  bus = gst_element_get_bus (self->pipeline);
  self->bus_watch = gst_bus_add_watch (bus, bus_cb, self);
  return TRUE;
}

static void
ruhu_camera_snapshot (GdkPaintable *paintable,
                      GdkSnapshot  *snapshot,
                      double        width,
                      double        height)
{
  RuhuCamera *self = RUHU_CAMERA (paintable);

  if (self->frame != NULL)
    gdk_paintable_snapshot (GDK_PAINTABLE (self->frame), snapshot, width, height);
}

static int
ruhu_camera_get_intrinsic_width (GdkPaintable *paintable)
{
  RuhuCamera *self = RUHU_CAMERA (paintable);

  return self->frame != NULL ? gdk_texture_get_width (self->frame) : 0;
}

static int
ruhu_camera_get_intrinsic_height (GdkPaintable *paintable)
{
  RuhuCamera *self = RUHU_CAMERA (paintable);

  return self->frame != NULL ? gdk_texture_get_height (self->frame) : 0;
}

static void
ruhu_camera_paintable_init (GdkPaintableInterface *iface)
{
  iface->snapshot = ruhu_camera_snapshot;
  iface->get_intrinsic_width = ruhu_camera_get_intrinsic_width;
  iface->get_intrinsic_height = ruhu_camera_get_intrinsic_height;
}

static void
ruhu_camera_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  RuhuCamera *self = RUHU_CAMERA (object);

  switch (prop_id)
    {
    case PROP_FRAME:
      g_value_set_object (value, self->frame);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ruhu_camera_dispose (GObject *object)
{
  RuhuCamera *self = RUHU_CAMERA (object);

  ruhu_camera_stop (self);
  g_clear_object (&self->frame);
  G_OBJECT_CLASS (ruhu_camera_parent_class)->dispose (object);
}

static void
ruhu_camera_finalize (GObject *object)
{
  RuhuCamera *self = RUHU_CAMERA (object);

  g_free (self->source);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (ruhu_camera_parent_class)->finalize (object);
}

static void
ruhu_camera_class_init (RuhuCameraClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ruhu_camera_get_property;
  object_class->dispose = ruhu_camera_dispose;
  object_class->finalize = ruhu_camera_finalize;

  properties[PROP_FRAME] =
    g_param_spec_object ("frame", NULL, NULL, GDK_TYPE_TEXTURE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RuhuCamera::failed:
   * @message: what went wrong, for people
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ruhu_camera_init (RuhuCamera *self)
{
  g_mutex_init (&self->lock);
}

/**
 * ruhu_camera_new:
 * @source: (nullable): a GStreamer source description such as
 *   "videotestsrc is-live=true"; %NULL for RUHU_CAMERA_PIPELINE or else
 *   the first camera found
 */
RuhuCamera *
ruhu_camera_new (const char *source)
{
  RuhuCamera *self = g_object_new (RUHU_TYPE_CAMERA, NULL);
  const char *env = g_getenv (RUHU_CAMERA_PIPELINE_ENV);

  self->source = g_strdup (source != NULL ? source : (env != NULL && env[0] ? env : NULL));
  return self;
}

gboolean
ruhu_camera_start (RuhuCamera  *self,
                   GError     **error)
{
  g_return_val_if_fail (RUHU_IS_CAMERA (self), FALSE);
  if (self->pipeline != NULL)
    return TRUE;
  if (!init_gstreamer (error))
    return FALSE;
  if (!build_pipeline (self, error) ||
      gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("The camera could not be started; another program may be "
                               "using it"));
      ruhu_camera_stop (self);
      return FALSE;
    }
  return TRUE;
}

/* Stops the pipeline; its streaming thread has ended when this returns. */
void
ruhu_camera_stop (RuhuCamera *self)
{
  g_return_if_fail (RUHU_IS_CAMERA (self));
  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_NULL);
  if (self->bus_watch != 0)
    g_source_remove (self->bus_watch);
  self->bus_watch = 0;
  g_clear_pointer (&self->pipeline, gst_object_unref);
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->last_sample, gst_sample_unref);
  g_mutex_unlock (&self->lock);
}

/* Returns: (transfer none) (nullable): the newest frame shown */
GdkTexture *
ruhu_camera_get_frame (RuhuCamera *self)
{
  g_return_val_if_fail (RUHU_IS_CAMERA (self), NULL);
  return self->frame;
}

/**
 * ruhu_camera_capture_jpeg:
 *
 * Encodes the newest frame as a JPEG (GStreamer's jpegenc, from
 * gst-plugins-good).
 *
 * Returns: (transfer full) (nullable): the JPEG, or %NULL with @error set
 */
GBytes *
ruhu_camera_capture_jpeg (RuhuCamera  *self,
                          GError     **error)
{
  g_autoptr(GstSample) sample = NULL;
  g_autoptr(GstSample) jpeg = NULL;
  g_autoptr(GstCaps) caps = gst_caps_new_empty_simple ("image/jpeg");
  GstMapInfo map;
  GBytes *bytes;

  g_return_val_if_fail (RUHU_IS_CAMERA (self), NULL);
  g_mutex_lock (&self->lock);
  sample = self->last_sample ? gst_sample_ref (self->last_sample) : NULL;
  g_mutex_unlock (&self->lock);
  if (sample == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                           _("The camera has not shown a picture yet"));
      return NULL;
    }
  if ((jpeg = gst_video_convert_sample (sample, caps, CAPTURE_TIMEOUT, error)) == NULL)
    return NULL;
  if (!gst_buffer_map (gst_sample_get_buffer (jpeg), &map, GST_MAP_READ))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The photo could not be saved"));
      return NULL;
    }
  bytes = g_bytes_new (map.data, map.size);
  gst_buffer_unmap (gst_sample_get_buffer (jpeg), &map);
  return bytes;
}
