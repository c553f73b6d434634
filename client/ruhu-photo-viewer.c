/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-evidence-job.h"
#include "ruhu-photo-viewer.h"

#define ZOOM_STEP 1.25
#define ZOOM_MIN  0.05
#define ZOOM_MAX  8.0
/* Longest side decoded: enough to read a hospital bill, bounded memory. */
#define MAX_DECODED 4096

struct _RuhuPhotoViewer
{
  AdwWindow          parent_instance;
  GCancellable      *cancellable;
  GdkTexture        *texture;
  double             zoom;          /* 0 means fit to the window */
  double             gesture_base;

  AdwWindowTitle    *window_title;
  GtkButton         *edit_button;
  GtkButton         *delete_button;
  GtkStack          *stack;
  AdwStatusPage     *error_page;
  GtkScrolledWindow *scrolled;
  GtkPicture        *picture;
};

G_DEFINE_FINAL_TYPE (RuhuPhotoViewer, ruhu_photo_viewer, ADW_TYPE_WINDOW)

enum
{
  DELETE_REQUESTED,
  EDIT_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The zoom now shown, also when fitting: what the picture was given. */
static double
effective_zoom (RuhuPhotoViewer *self)
{
  int width;

  if (self->zoom > 0 || self->texture == NULL)
    return self->zoom > 0 ? self->zoom : 1.0;
  width = gtk_widget_get_width (GTK_WIDGET (self->picture));
  return width > 0 ? (double) width / gdk_texture_get_width (self->texture) : 1.0;
}

static void
apply_zoom (RuhuPhotoViewer *self)
{
  gboolean fit = self->zoom <= 0;
  double zoom = self->zoom;
  GtkAlign align = fit ? GTK_ALIGN_FILL : GTK_ALIGN_CENTER;

  if (self->texture == NULL)
    return;
  gtk_widget_set_halign (GTK_WIDGET (self->picture), align);
  gtk_widget_set_valign (GTK_WIDGET (self->picture), align);
  if (fit)
    gtk_widget_set_size_request (GTK_WIDGET (self->picture), -1, -1);
  else
    gtk_widget_set_size_request (GTK_WIDGET (self->picture),
                                 MAX (1, (int) (gdk_texture_get_width (self->texture) * zoom)),
                                 MAX (1, (int) (gdk_texture_get_height (self->texture) * zoom)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-fit", !fit);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RuhuPhotoViewer *self = RUHU_PHOTO_VIEWER (widget);

  ruhu_photo_viewer_set_zoom (self, effective_zoom (self) * ZOOM_STEP);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RuhuPhotoViewer *self = RUHU_PHOTO_VIEWER (widget);

  ruhu_photo_viewer_set_zoom (self, effective_zoom (self) / ZOOM_STEP);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ruhu_photo_viewer_set_zoom (RUHU_PHOTO_VIEWER (widget), 0);
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               RuhuPhotoViewer  *self)
{
  self->gesture_base = effective_zoom (self);
}

static void
zoom_scale_changed_cb (GtkGestureZoom  *gesture,
                       double           scale,
                       RuhuPhotoViewer *self)
{
  ruhu_photo_viewer_set_zoom (self, self->gesture_base * scale);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    RuhuPhotoViewer  *self)
{
  if (g_strcmp0 (response, "delete") != 0)
    return;
  g_signal_emit (self, signals[DELETE_REQUESTED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

/* Deleting is a change like any other, synced and kept in the history; the
 * question is there because a finger can slip. */
static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (widget), _("Delete This Evidence?"),
                                              _("The photo leaves the case on every device "
                                                "after the next sync."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), widget, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[EDIT_REQUESTED], 0);
  gtk_window_close (GTK_WINDOW (widget));
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RuhuPhotoViewer *self = user_data;
  g_autoptr(GError) error = NULL;
  GdkTexture *texture = ruhu_evidence_photo_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (texture == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  self->texture = texture;
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->stack, "photo");
  apply_zoom (self);
}

static void
ruhu_photo_viewer_dispose (GObject *object)
{
  RuhuPhotoViewer *self = RUHU_PHOTO_VIEWER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->texture);
  gtk_widget_dispose_template (GTK_WIDGET (self), RUHU_TYPE_PHOTO_VIEWER);
  G_OBJECT_CLASS (ruhu_photo_viewer_parent_class)->dispose (object);
}

static void
ruhu_photo_viewer_class_init (RuhuPhotoViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ruhu_photo_viewer_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/ruhu/Ruhu/ruhu-photo-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, RuhuPhotoViewer, window_title);
  gtk_widget_class_bind_template_child (widget_class, RuhuPhotoViewer, edit_button);
  gtk_widget_class_bind_template_child (widget_class, RuhuPhotoViewer, delete_button);
  gtk_widget_class_bind_template_child (widget_class, RuhuPhotoViewer, stack);
  gtk_widget_class_bind_template_child (widget_class, RuhuPhotoViewer, error_page);
  gtk_widget_class_bind_template_child (widget_class, RuhuPhotoViewer, scrolled);
  gtk_widget_class_bind_template_child (widget_class, RuhuPhotoViewer, picture);

  gtk_widget_class_install_action (widget_class, "viewer.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "viewer.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "viewer.edit", NULL, edit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "viewer.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "viewer.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  /**
   * RuhuPhotoViewer::delete-requested:
   *
   * The user confirmed deleting the evidence shown.
   */
  signals[DELETE_REQUESTED] = g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);

  /**
   * RuhuPhotoViewer::edit-requested:
   *
   * The user wants to change what the evidence shown is filed as; the
   * viewer closes.
   */
  signals[EDIT_REQUESTED] = g_signal_new ("edit-requested", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
ruhu_photo_viewer_init (RuhuPhotoViewer *self)
{
  GtkGesture *zoom = gtk_gesture_zoom_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect (zoom, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scrolled), GTK_EVENT_CONTROLLER (zoom));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-fit", FALSE);
}

/**
 * ruhu_photo_viewer_new:
 * @parent: (nullable): the window it belongs to
 * @title: what the photo is, e.g. its category and member
 */
RuhuPhotoViewer *
ruhu_photo_viewer_new (GtkWindow  *parent,
                       RuhuDevice *device,
                       const char *sha256,
                       const char *title)
{
  RuhuPhotoViewer *self = g_object_new (RUHU_TYPE_PHOTO_VIEWER, "transient-for", parent, NULL);

  adw_window_title_set_title (self->window_title, title != NULL ? title : _("Evidence"));
  gtk_window_set_title (GTK_WINDOW (self), title != NULL ? title : _("Evidence"));
  ruhu_evidence_photo_load_async (device, sha256, MAX_DECODED, FALSE, self->cancellable,
                                  loaded_cb, self);
  return self;
}

gboolean
ruhu_photo_viewer_is_loaded (RuhuPhotoViewer *self)
{
  g_return_val_if_fail (RUHU_IS_PHOTO_VIEWER (self), FALSE);
  return self->texture != NULL ||
         g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "error") == 0;
}

/* The zoom factor, or 0 while the photo fits the window. */
double
ruhu_photo_viewer_get_zoom (RuhuPhotoViewer *self)
{
  g_return_val_if_fail (RUHU_IS_PHOTO_VIEWER (self), 0);
  return self->zoom;
}

/**
 * ruhu_photo_viewer_set_zoom:
 * @zoom: screen pixels per photo pixel, or 0 to fit the window
 */
void
ruhu_photo_viewer_set_zoom (RuhuPhotoViewer *self,
                            double           zoom)
{
  g_return_if_fail (RUHU_IS_PHOTO_VIEWER (self));
  self->zoom = zoom <= 0 ? 0 : CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  apply_zoom (self);
}

/* Offers a Delete button, which asks first and then emits
 * "delete-requested", and a button that emits "edit-requested". */
void
ruhu_photo_viewer_set_deletable (RuhuPhotoViewer *self,
                                 gboolean         deletable)
{
  g_return_if_fail (RUHU_IS_PHOTO_VIEWER (self));
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), deletable);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button), deletable);
}

GdkTexture *
ruhu_photo_viewer_get_texture (RuhuPhotoViewer *self)
{
  g_return_val_if_fail (RUHU_IS_PHOTO_VIEWER (self), NULL);
  return self->texture;
}
