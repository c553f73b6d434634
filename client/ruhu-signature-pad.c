/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-signature-pad.h"

/* Ink width in pixels at full pressure; a mouse or finger counts as half. */
#define MAX_WIDTH     5.0
#define NO_PRESSURE   0.5
#define MIN_PRESSURE  0.15
/* Room for a name on a paper form: the pad asks for at least this. */
#define MIN_PAD_WIDTH  240
#define MIN_PAD_HEIGHT 160
/* Paper kept around the ink in the exported picture. */
#define INK_MARGIN     12

typedef struct
{
  double x;
  double y;
  double width;
} InkPoint;

struct _RuhuSignaturePad
{
  GtkWidget  parent_instance;
  GPtrArray *strokes;    /* GArray of InkPoint, one per stroke */
  double     drag_x;     /* where the current drag began */
  double     drag_y;
};

G_DEFINE_FINAL_TYPE (RuhuSignaturePad, ruhu_signature_pad, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_EMPTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GdkRGBA ink = { 0.08, 0.09, 0.25, 1.0 };

static double
width_for (double pressure)
{
  return MAX_WIDTH * CLAMP (pressure, MIN_PRESSURE, 1.0);
}

static GArray *
current_stroke (RuhuSignaturePad *self)
{
  return self->strokes->len > 0 ? g_ptr_array_index (self->strokes, self->strokes->len - 1) : NULL;
}

/* A stroke is a chain of quadratic curves through the midpoints of its
 * points, each point the control of one: no corners where the pointer
 * sampled, and round caps hide where the width changes. */
static void
draw_stroke (cairo_t *cr,
             GArray  *stroke)
{
  InkPoint *p = (InkPoint *) stroke->data;

  if (stroke->len == 1)
    {
      cairo_arc (cr, p[0].x, p[0].y, p[0].width / 2, 0, 2 * G_PI);
      cairo_fill (cr);
      return;
    }
  for (guint i = 0; i + 1 < stroke->len; i++)
    {
      double x0 = i == 0 ? p[0].x : (p[i - 1].x + p[i].x) / 2;
      double y0 = i == 0 ? p[0].y : (p[i - 1].y + p[i].y) / 2;
      double x2 = i + 2 == stroke->len ? p[i + 1].x : (p[i].x + p[i + 1].x) / 2;
      double y2 = i + 2 == stroke->len ? p[i + 1].y : (p[i].y + p[i + 1].y) / 2;

      /* A quadratic as a cubic: controls two thirds of the way to p[i]. */
      cairo_move_to (cr, x0, y0);
      cairo_curve_to (cr, x0 + 2.0 / 3 * (p[i].x - x0), y0 + 2.0 / 3 * (p[i].y - y0),
                      x2 + 2.0 / 3 * (p[i].x - x2), y2 + 2.0 / 3 * (p[i].y - y2), x2, y2);
      cairo_set_line_width (cr, (p[i].width + p[i + 1].width) / 2);
      cairo_stroke (cr);
    }
}

static void
draw_strokes (RuhuSignaturePad *self,
              cairo_t          *cr)
{
  gdk_cairo_set_source_rgba (cr, &ink);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < self->strokes->len; i++)
    draw_stroke (cr, g_ptr_array_index (self->strokes, i));
}

static void
draw_guide (cairo_t *cr,
            int      width,
            int      height)
{
  double baseline = height * 0.75;

  cairo_set_source_rgba (cr, 0.5, 0.5, 0.55, 0.6);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, 24, baseline + 0.5);
  cairo_line_to (cr, width - 24, baseline + 0.5);
  cairo_stroke (cr);
  /* The × where people expect to sign. */
  cairo_move_to (cr, 24, baseline - 14);
  cairo_line_to (cr, 34, baseline - 4);
  cairo_move_to (cr, 34, baseline - 14);
  cairo_line_to (cr, 24, baseline - 4);
  cairo_stroke (cr);
}

static void
ruhu_signature_pad_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  RuhuSignaturePad *self = RUHU_SIGNATURE_PAD (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  draw_guide (cr, width, height);
  draw_strokes (self, cr);
  cairo_destroy (cr);
}

static void
notify_empty (RuhuSignaturePad *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY]);
}

static void
add_point (RuhuSignaturePad *self,
           double            x,
           double            y,
           double            pressure)
{
  GArray *stroke = current_stroke (self);
  InkPoint point = { x, y, width_for (pressure) };

  g_return_if_fail (stroke != NULL);
  g_array_append_val (stroke, point);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
is_pen (GtkGesture *gesture)
{
  GdkDevice *device = gtk_gesture_get_device (gesture);

  return device != NULL && gdk_device_get_source (device) == GDK_SOURCE_PEN;
}

/* Pens go to the stylus gesture, which knows their pressure. */
static void
drag_begin_cb (GtkGestureDrag   *gesture,
               double            x,
               double            y,
               RuhuSignaturePad *self)
{
  if (is_pen (GTK_GESTURE (gesture)))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->drag_x = x;
  self->drag_y = y;
  ruhu_signature_pad_begin_stroke (self, x, y, NO_PRESSURE);
}

static void
drag_update_cb (GtkGestureDrag   *gesture,
                double            dx,
                double            dy,
                RuhuSignaturePad *self)
{
  ruhu_signature_pad_extend_stroke (self, self->drag_x + dx, self->drag_y + dy, NO_PRESSURE);
}

static double
stylus_pressure (GtkGestureStylus *gesture)
{
  double pressure = NO_PRESSURE;

  if (!gtk_gesture_stylus_get_axis (gesture, GDK_AXIS_PRESSURE, &pressure))
    return NO_PRESSURE;
  return pressure;
}

static void
stylus_down_cb (GtkGestureStylus *gesture,
                double            x,
                double            y,
                RuhuSignaturePad *self)
{
  ruhu_signature_pad_begin_stroke (self, x, y, stylus_pressure (gesture));
}

static void
stylus_motion_cb (GtkGestureStylus *gesture,
                  double            x,
                  double            y,
                  RuhuSignaturePad *self)
{
  /* Motion also comes while the pen hovers: only ink while it touches. */
  if (current_stroke (self) == NULL ||
      !(gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture)) &
        GDK_BUTTON1_MASK))
    return;
  ruhu_signature_pad_extend_stroke (self, x, y, stylus_pressure (gesture));
}

static void
ruhu_signature_pad_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? MIN_PAD_WIDTH : MIN_PAD_HEIGHT;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 2 * MIN_PAD_WIDTH : MIN_PAD_HEIGHT + 40;
}

static void
ruhu_signature_pad_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RuhuSignaturePad *self = RUHU_SIGNATURE_PAD (object);

  switch (prop_id)
    {
    case PROP_EMPTY:
      g_value_set_boolean (value, ruhu_signature_pad_is_empty (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ruhu_signature_pad_finalize (GObject *object)
{
  RuhuSignaturePad *self = RUHU_SIGNATURE_PAD (object);

  g_clear_pointer (&self->strokes, g_ptr_array_unref);
  G_OBJECT_CLASS (ruhu_signature_pad_parent_class)->finalize (object);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ruhu_signature_pad_clear (RUHU_SIGNATURE_PAD (widget));
}

static void
ruhu_signature_pad_class_init (RuhuSignaturePadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ruhu_signature_pad_get_property;
  object_class->finalize = ruhu_signature_pad_finalize;
  widget_class->snapshot = ruhu_signature_pad_snapshot;
  widget_class->measure = ruhu_signature_pad_measure;

  properties[PROP_EMPTY] =
    g_param_spec_boolean ("empty", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "pad.clear", NULL, clear_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "pad.clear", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "pad.clear", NULL);
  gtk_widget_class_set_css_name (widget_class, "signaturepad");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ruhu_signature_pad_init (RuhuSignaturePad *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *stylus = gtk_gesture_stylus_new ();

  self->strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  /* Ink stays inside the rounded border. */
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Signature pad"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Sign here with a finger, a stylus or the mouse; "
                                    "Delete clears it"),
                                  -1);

  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (stylus, "down", G_CALLBACK (stylus_down_cb), self);
  g_signal_connect (stylus, "motion", G_CALLBACK (stylus_motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (stylus));
}

GtkWidget *
ruhu_signature_pad_new (void)
{
  return g_object_new (RUHU_TYPE_SIGNATURE_PAD, NULL);
}

gboolean
ruhu_signature_pad_is_empty (RuhuSignaturePad *self)
{
  g_return_val_if_fail (RUHU_IS_SIGNATURE_PAD (self), TRUE);
  return self->strokes->len == 0;
}

void
ruhu_signature_pad_clear (RuhuSignaturePad *self)
{
  g_return_if_fail (RUHU_IS_SIGNATURE_PAD (self));
  if (self->strokes->len == 0)
    return;
  g_ptr_array_set_size (self->strokes, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  notify_empty (self);
}

/**
 * ruhu_signature_pad_begin_stroke:
 * @pressure: 0 to 1; a pointer without pressure counts as 0.5
 *
 * Starts a stroke at @x, @y (widget coordinates). The gestures call this;
 * so can tests, to sign without a pointer.
 */
void
ruhu_signature_pad_begin_stroke (RuhuSignaturePad *self,
                                 double            x,
                                 double            y,
                                 double            pressure)
{
  gboolean was_empty;

  g_return_if_fail (RUHU_IS_SIGNATURE_PAD (self));
  was_empty = self->strokes->len == 0;
  g_ptr_array_add (self->strokes, g_array_new (FALSE, FALSE, sizeof (InkPoint)));
  add_point (self, x, y, pressure);
  if (was_empty)
    notify_empty (self);
}

void
ruhu_signature_pad_extend_stroke (RuhuSignaturePad *self,
                                  double            x,
                                  double            y,
                                  double            pressure)
{
  g_return_if_fail (RUHU_IS_SIGNATURE_PAD (self));
  add_point (self, x, y, pressure);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The ink's extent, with a margin, so that the picture kept is the
 * signature and not the empty paper around it. */
static cairo_rectangle_int_t
ink_bounds (RuhuSignaturePad *self)
{
  double left = G_MAXDOUBLE, top = G_MAXDOUBLE, right = -G_MAXDOUBLE, bottom = -G_MAXDOUBLE;
  cairo_rectangle_int_t bounds;

  for (guint i = 0; i < self->strokes->len; i++)
    {
      GArray *stroke = g_ptr_array_index (self->strokes, i);

      for (guint j = 0; j < stroke->len; j++)
        {
          InkPoint *p = &g_array_index (stroke, InkPoint, j);

          left = MIN (left, p->x);
          top = MIN (top, p->y);
          right = MAX (right, p->x);
          bottom = MAX (bottom, p->y);
        }
    }
  /* Whole pixels that hold the ink; a pixel more or less is in the margin. */
  bounds.x = (int) (left - INK_MARGIN);
  bounds.y = (int) (top - INK_MARGIN);
  bounds.width = (int) (right + INK_MARGIN) + 1 - bounds.x;
  bounds.height = (int) (bottom + INK_MARGIN) + 1 - bounds.y;
  return bounds;
}

/**
 * ruhu_signature_pad_export_png:
 *
 * Returns: (transfer full) (nullable): the strokes as a PNG, dark ink on
 *   white, cut to the ink with a margin; %NULL with @error set if nothing
 *   was drawn
 */
GBytes *
ruhu_signature_pad_export_png (RuhuSignaturePad  *self,
                               GError           **error)
{
  g_autoptr(GByteArray) png = g_byte_array_new ();
  cairo_rectangle_int_t bounds;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (RUHU_IS_SIGNATURE_PAD (self), NULL);
  if (ruhu_signature_pad_is_empty (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Nothing was signed on the pad"));
      return NULL;
    }
  bounds = ink_bounds (self);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, bounds.width, bounds.height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, -bounds.x, -bounds.y);
  draw_strokes (self, cr);
  cairo_destroy (cr);
  status = cairo_surface_write_to_png_stream (surface, append_bytes, png);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot save the signature: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}
