/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-a11y.h"
#include "ruhu-evidence-section-private.h"
#include "ruhu-photo-viewer.h"

/* The least a tile asks for. Two tiles a row (with their padding and the
 * case page's margins) fit a 360-pixel phone with room to spare; they
 * grow to share the row. */
#define TILE_WIDTH  128
#define TILE_HEIGHT 96

G_DEFINE_FINAL_TYPE (RuhuEvidenceSection, ruhu_evidence_section, ADW_TYPE_BIN)

typedef struct
{
  RuhuEvidenceSection *self;     /* not owned: a cancelled load never touches it */
  GtkPicture          *picture;
} ThumbnailLoad;

void
ruhu_evidence_section_show_message (RuhuEvidenceSection *self,
                                    const char          *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static const char *
category_label (RuhuEvidenceSection *self,
                const char          *value)
{
  const char *label = value ? ruhu_form_field_lookup_option_label (self->category_field, value)
                            : NULL;

  return label != NULL ? _(label) : _("Not sorted yet");
}

static const char *
member_name (RuhuEvidenceSection *self,
             const char          *member)
{
  for (guint i = 0; member != NULL && i < self->list->member_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->list->member_ids, i), member) == 0)
      return g_ptr_array_index (self->list->member_names, i);
  return NULL;
}

static void
thumbnail_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  ThumbnailLoad *load = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = ruhu_evidence_photo_load_finish (result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      load->self->n_thumbnails_loading--;
      if (texture != NULL)
        {
          load->self->n_thumbnails++;
          gtk_picture_set_paintable (load->picture, GDK_PAINTABLE (texture));
        }
      else
        g_debug ("No thumbnail: %s", error->message);
    }
  g_object_unref (load->picture);
  g_free (load);
}

static void
load_thumbnail (RuhuEvidenceSection *self,
                const char          *photo,
                GtkPicture          *picture,
                GCancellable        *cancellable)
{
  ThumbnailLoad *load = g_new0 (ThumbnailLoad, 1);

  load->self = self;
  load->picture = g_object_ref (picture);
  self->n_thumbnails_loading++;
  ruhu_evidence_photo_load_async (self->device, photo, THUMBNAIL_SIZE, TRUE, cancellable,
                                  thumbnail_loaded_cb, load);
}

static void
delete_requested_cb (RuhuPhotoViewer     *viewer,
                     RuhuEvidenceSection *self)
{
  const char *entity = g_object_get_data (G_OBJECT (viewer), "entity");
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuOp) op = ruhu_device_set_deleted (self->device, entity, TRUE, &error);

  if (op == NULL)
    ruhu_evidence_section_show_message (self, error->message);
}

static void
edit_requested_cb (RuhuPhotoViewer     *viewer,
                   RuhuEvidenceSection *self)
{
  ruhu_evidence_add_edit (self, g_object_get_data (G_OBJECT (viewer), "entity"));
}

static void
tile_clicked_cb (GtkButton           *button,
                 RuhuEvidenceSection *self)
{
  const char *photo = g_object_get_data (G_OBJECT (button), "photo");
  const char *title = g_object_get_data (G_OBJECT (button), "title");
  const char *entity = g_object_get_data (G_OBJECT (button), "entity");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  RuhuPhotoViewer *viewer;

  if (photo == NULL)
    return;
  viewer = ruhu_photo_viewer_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->device,
                                  photo, title);
  g_object_set_data_full (G_OBJECT (viewer), "entity", g_strdup (entity), g_free);
  ruhu_photo_viewer_set_deletable (viewer, TRUE);
  g_signal_connect_object (viewer, "delete-requested", G_CALLBACK (delete_requested_cb), self, 0);
  g_signal_connect_object (viewer, "edit-requested", G_CALLBACK (edit_requested_cb), self, 0);
  gtk_window_present (GTK_WINDOW (viewer));
}

static GtkWidget *
make_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* The thumbnail sets the tile's width: a long category's natural width
   * would leave one tile a line in a phone-wide window. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
make_tile (RuhuEvidenceSection    *self,
           const RuhuEvidenceItem *item)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *picture = gtk_picture_new ();
  const char *category = category_label (self, item->category);
  const char *member = member_name (self, item->member);
  g_autofree char *title = member ? g_strdup_printf ("%s · %s", category, member)
                                  : g_strdup (category);

  gtk_widget_set_size_request (picture, TILE_WIDTH, TILE_HEIGHT);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
  gtk_widget_add_css_class (picture, "evidence-thumbnail");
  gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), make_label (category, NULL));
  gtk_box_append (GTK_BOX (box), make_label (member ? member : "", "dim-label"));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "evidence-tile");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  gtk_widget_set_tooltip_text (button, title);
  g_object_set_data_full (G_OBJECT (button), "photo", g_strdup (item->photo), g_free);
  g_object_set_data_full (G_OBJECT (button), "entity", g_strdup (item->entity), g_free);
  g_object_set_data_full (G_OBJECT (button), "title", g_steal_pointer (&title), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (tile_clicked_cb), self);
  if (item->photo != NULL)
    load_thumbnail (self, item->photo, GTK_PICTURE (picture), self->cancellable);
  return button;
}

static void
fill_members (RuhuEvidenceSection *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  /* Translators: in the member list of a photo: the photo is of no one person */
  gtk_string_list_append (names, _("The whole household"));
  for (guint i = 0; i < self->list->member_names->len; i++)
    gtk_string_list_append (names, g_ptr_array_index (self->list->member_names, i));
  gtk_drop_down_set_model (self->member_dropdown, G_LIST_MODEL (names));
}

static void
show_list (RuhuEvidenceSection *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->flowbox))) != NULL)
    gtk_flow_box_remove (self->flowbox, child);
  self->n_thumbnails = 0;
  for (guint i = 0; i < self->list->items->len; i++)
    gtk_flow_box_append (self->flowbox, make_tile (self, g_ptr_array_index (self->list->items, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), self->list->items->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->flowbox), self->list->items->len > 0);
  fill_members (self);
}

static void
list_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  RuhuEvidenceSection *self = user_data;
  g_autoptr(GError) error = NULL;
  RuhuEvidenceList *list = ruhu_evidence_list_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  if (list == NULL)
    {
      ruhu_evidence_section_show_message (self, error->message);
      return;
    }
  g_clear_pointer (&self->list, ruhu_evidence_list_free);
  self->list = list;
  show_list (self);
}

static void
reload (RuhuEvidenceSection *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->n_thumbnails_loading = 0;
  if (self->case_id == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  ruhu_evidence_list_load_async (self->device, self->case_id, self->cancellable,
                                 list_loaded_cb, self);
}

static void
case_changed_cb (RuhuEvidenceSection *self,
                 const char          *case_id)
{
  if (case_id == NULL || g_strcmp0 (case_id, self->case_id) == 0)
    reload (self);
}

static void
ruhu_evidence_section_dispose (GObject *object)
{
  RuhuEvidenceSection *self = RUHU_EVIDENCE_SECTION (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->add_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->add_cancellable);
  g_clear_pointer (&self->list, ruhu_evidence_list_free);
  g_clear_pointer (&self->pending_photo, g_free);
  g_clear_pointer (&self->editing_entity, g_free);
  g_clear_pointer (&self->case_id, g_free);
  g_clear_object (&self->device);
  gtk_widget_dispose_template (GTK_WIDGET (self), RUHU_TYPE_EVIDENCE_SECTION);
  G_OBJECT_CLASS (ruhu_evidence_section_parent_class)->dispose (object);
}

static void
ruhu_evidence_section_class_init (RuhuEvidenceSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ruhu_evidence_section_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/ruhu/Ruhu/ruhu-evidence-section.ui");
  gtk_widget_class_bind_template_child (widget_class, RuhuEvidenceSection, capture_button);
  gtk_widget_class_bind_template_child (widget_class, RuhuEvidenceSection, message_label);
  gtk_widget_class_bind_template_child (widget_class, RuhuEvidenceSection, pending_revealer);
  gtk_widget_class_bind_template_child (widget_class, RuhuEvidenceSection, pending_picture);
  gtk_widget_class_bind_template_child (widget_class, RuhuEvidenceSection, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RuhuEvidenceSection, member_label);
  gtk_widget_class_bind_template_child (widget_class, RuhuEvidenceSection, member_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RuhuEvidenceSection, discard_button);
  gtk_widget_class_bind_template_child (widget_class, RuhuEvidenceSection, save_button);
  gtk_widget_class_bind_template_child (widget_class, RuhuEvidenceSection, empty_label);
  gtk_widget_class_bind_template_child (widget_class, RuhuEvidenceSection, flowbox);
  ruhu_evidence_add_class_init (widget_class);
}

static void
ruhu_evidence_section_init (RuhuEvidenceSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ruhu_a11y_tidy_names (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->flowbox), FALSE);
}

RuhuEvidenceSection *
ruhu_evidence_section_new (RuhuDevice *device)
{
  RuhuEvidenceSection *self;

  g_return_val_if_fail (RUHU_IS_DEVICE (device), NULL);
  self = g_object_new (RUHU_TYPE_EVIDENCE_SECTION, NULL);
  self->device = g_object_ref (device);
  self->form = ruhu_form_set_lookup (ruhu_device_get_forms (device), "evidence");
  g_return_val_if_fail (self->form != NULL, self);
  self->category_field = ruhu_form_lookup_field (self->form, "category");
  ruhu_evidence_add_init (self);
  g_signal_connect_object (device, "case-changed", G_CALLBACK (case_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

void
ruhu_evidence_section_set_case (RuhuEvidenceSection *self,
                                const char          *case_id)
{
  g_return_if_fail (RUHU_IS_EVIDENCE_SECTION (self));
  if (g_strcmp0 (case_id, self->case_id) == 0)
    return;
  g_free (self->case_id);
  self->case_id = g_strdup (case_id);
  ruhu_evidence_add_cancel (self);
  ruhu_evidence_section_show_message (self, NULL);
  reload (self);
}

const char *
ruhu_evidence_section_get_case (RuhuEvidenceSection *self)
{
  g_return_val_if_fail (RUHU_IS_EVIDENCE_SECTION (self), NULL);
  return self->case_id;
}

/**
 * ruhu_evidence_section_add_file:
 *
 * Adds @file as the chooser does: a whole JPEG or PNG waits for its
 * category; anything else is refused with a message in the section.
 */
void
ruhu_evidence_section_add_file (RuhuEvidenceSection *self,
                                GFile               *file)
{
  g_return_if_fail (RUHU_IS_EVIDENCE_SECTION (self));
  g_return_if_fail (G_IS_FILE (file));
  ruhu_evidence_add_file (self, file);
}

gboolean
ruhu_evidence_section_has_pending (RuhuEvidenceSection *self)
{
  g_return_val_if_fail (RUHU_IS_EVIDENCE_SECTION (self), FALSE);
  return self->pending_photo != NULL;
}

/* Chooses the pending photo's category by option value, as the drop-down does. */
gboolean
ruhu_evidence_section_set_category (RuhuEvidenceSection *self,
                                    const char          *category)
{
  g_return_val_if_fail (RUHU_IS_EVIDENCE_SECTION (self), FALSE);
  for (guint i = 0; i < ruhu_form_field_get_n_options (self->category_field); i++)
    if (g_strcmp0 (ruhu_form_field_get_option_value (self->category_field, i), category) == 0)
      {
        gtk_drop_down_set_selected (self->category_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

gboolean
ruhu_evidence_section_is_busy (RuhuEvidenceSection *self)
{
  g_return_val_if_fail (RUHU_IS_EVIDENCE_SECTION (self), FALSE);
  return self->loading || self->add_cancellable != NULL || self->n_thumbnails_loading > 0;
}

guint
ruhu_evidence_section_get_n_items (RuhuEvidenceSection *self)
{
  g_return_val_if_fail (RUHU_IS_EVIDENCE_SECTION (self), 0);
  return self->list != NULL ? self->list->items->len : 0;
}

/* How many thumbnails are showing a decoded photo. */
guint
ruhu_evidence_section_get_n_thumbnails (RuhuEvidenceSection *self)
{
  g_return_val_if_fail (RUHU_IS_EVIDENCE_SECTION (self), 0);
  return self->n_thumbnails;
}

const char *
ruhu_evidence_section_get_message (RuhuEvidenceSection *self)
{
  g_return_val_if_fail (RUHU_IS_EVIDENCE_SECTION (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;
  return gtk_label_get_text (self->message_label);
}
