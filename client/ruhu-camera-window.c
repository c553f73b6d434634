/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-camera-window.h"
#include "ruhu-a11y.h"

struct _RuhuCameraWindow
{
  AdwWindow   parent_instance;
  RuhuCamera *camera;
  GtkPicture *picture;
  GtkLabel   *message_label;
  GtkButton  *take_button;
};

G_DEFINE_FINAL_TYPE (RuhuCameraWindow, ruhu_camera_window, ADW_TYPE_WINDOW)

enum
{
  CAPTURED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_message (RuhuCameraWindow *self,
              const char       *message)
{
  gtk_label_set_text (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
}

static void
frame_cb (RuhuCameraWindow *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->take_button),
                            ruhu_camera_get_frame (self->camera) != NULL);
}

static void
failed_cb (RuhuCameraWindow *self,
           const char       *message)
{
  g_autofree char *shown = g_strdup_printf (_("The camera stopped: %s"), message);

  show_message (self, shown);
  gtk_widget_set_sensitive (GTK_WIDGET (self->take_button), FALSE);
}

static void
take_clicked_cb (RuhuCameraWindow *self)
{
  ruhu_camera_window_capture (self);
}

static GtkWidget *
build_content (RuhuCameraWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *header = adw_header_bar_new ();

  gtk_box_append (GTK_BOX (box), header);
  self->picture = GTK_PICTURE (gtk_picture_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->picture), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->picture), 320, 240);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->picture), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What the camera sees"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->picture));
  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->message_label));
  /* Translators: takes the photo shown by the camera */
  self->take_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Take Photo")));
  ruhu_a11y_tidy_names (GTK_WIDGET (self->take_button));
  gtk_widget_add_css_class (GTK_WIDGET (self->take_button), "suggested-action");
  gtk_widget_add_css_class (GTK_WIDGET (self->take_button), "pill");
  gtk_widget_set_halign (GTK_WIDGET (self->take_button), GTK_ALIGN_CENTER);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->take_button), 18);
  gtk_widget_set_sensitive (GTK_WIDGET (self->take_button), FALSE);
  g_signal_connect_swapped (self->take_button, "clicked", G_CALLBACK (take_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->take_button));
  return box;
}

static void
ruhu_camera_window_dispose (GObject *object)
{
  RuhuCameraWindow *self = RUHU_CAMERA_WINDOW (object);

  if (self->camera != NULL)
    ruhu_camera_stop (self->camera);
  g_clear_object (&self->camera);
  G_OBJECT_CLASS (ruhu_camera_window_parent_class)->dispose (object);
}

static void
ruhu_camera_window_class_init (RuhuCameraWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ruhu_camera_window_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  /**
   * RuhuCameraWindow::captured:
   * @jpeg: the photo
   */
  signals[CAPTURED] = g_signal_new ("captured", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BYTES);
}

static void
ruhu_camera_window_init (RuhuCameraWindow *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Take a Photo"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 720, 600);
  adw_window_set_content (ADW_WINDOW (self), build_content (self));
}

/**
 * ruhu_camera_window_new:
 * @camera: (nullable): the camera; %NULL for ruhu_camera_new (NULL)
 */
RuhuCameraWindow *
ruhu_camera_window_new (GtkWindow  *parent,
                        RuhuCamera *camera)
{
  RuhuCameraWindow *self = g_object_new (RUHU_TYPE_CAMERA_WINDOW, "transient-for", parent, NULL);
  g_autoptr(GError) error = NULL;

  self->camera = camera != NULL ? g_object_ref (camera) : ruhu_camera_new (NULL);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (self->camera));
  g_signal_connect_object (self->camera, "notify::frame", G_CALLBACK (frame_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->camera, "failed", G_CALLBACK (failed_cb), self,
                           G_CONNECT_SWAPPED);
  if (!ruhu_camera_start (self->camera, &error))
    show_message (self, error->message);
  return self;
}

/**
 * ruhu_camera_window_capture:
 *
 * Takes the photo, as the button does: emits "captured" and closes, or
 * shows why not.
 */
gboolean
ruhu_camera_window_capture (RuhuCameraWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) jpeg = NULL;

  g_return_val_if_fail (RUHU_IS_CAMERA_WINDOW (self), FALSE);
  if ((jpeg = ruhu_camera_capture_jpeg (self->camera, &error)) == NULL)
    {
      show_message (self, error->message);
      return FALSE;
    }
  g_signal_emit (self, signals[CAPTURED], 0, jpeg);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}
