/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-a11y.h"
#include "ruhu-camera.h"
#include "ruhu-camera-window.h"
#include "ruhu-evidence-section-private.h"
#include "ruhu-id.h"
#include "ruhu-json-fields.h"

static const char *
selected_category (RuhuEvidenceSection *self)
{
  guint selected = gtk_drop_down_get_selected (self->category_dropdown);

  if (selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return ruhu_form_field_get_option_value (self->category_field, selected);
}

/* A photo of the dwelling belongs to no member (the form's relevance). */
static void
category_changed_cb (RuhuEvidenceSection *self)
{
  RuhuFormField *member = ruhu_form_lookup_field (self->form, "member");
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) json_node_unref);
  const char *category = selected_category (self);
  gboolean relevant;

  if (category != NULL)
    g_hash_table_insert (values, (gpointer) "category",
                         json_node_init_string (json_node_alloc (), category));
  relevant = ruhu_form_field_is_relevant (member, values);
  gtk_widget_set_visible (GTK_WIDGET (self->member_label), relevant);
  gtk_widget_set_visible (GTK_WIDGET (self->member_dropdown), relevant);
}

static void
end_pending (RuhuEvidenceSection *self)
{
  g_clear_pointer (&self->pending_photo, g_free);
  g_clear_pointer (&self->editing_entity, g_free);
  gtk_picture_set_paintable (self->pending_picture, NULL);
  gtk_revealer_set_reveal_child (self->pending_revealer, FALSE);
}

static void
pending_thumbnail_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GtkPicture) picture = user_data;
  g_autoptr(GdkTexture) texture = ruhu_evidence_photo_load_finish (result, NULL);

  if (texture != NULL)
    gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
}

/* Shows the photo waiting for its category and member, as chosen so far. */
static void
show_pending (RuhuEvidenceSection *self)
{
  /* Saved evidence being filed anew is kept whatever the user does here. */
  gtk_button_set_label (self->discard_button, self->editing_entity != NULL ? _("_Cancel")
                                                                          : _("_Discard"));
  ruhu_a11y_tidy_names (GTK_WIDGET (self->discard_button));
  category_changed_cb (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), selected_category (self) != NULL);
  gtk_revealer_set_reveal_child (self->pending_revealer, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->category_dropdown));
  ruhu_evidence_photo_load_async (self->device, self->pending_photo, THUMBNAIL_SIZE, TRUE,
                                  self->cancellable, pending_thumbnail_cb,
                                  g_object_ref (self->pending_picture));
}

static void
photo_added_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  RuhuEvidenceSection *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *photo = ruhu_evidence_photo_add_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->add_cancellable);
  if (photo == NULL)
    {
      ruhu_evidence_section_show_message (self, error->message);
      return;
    }
  end_pending (self);
  self->pending_photo = g_steal_pointer (&photo);
  gtk_drop_down_set_selected (self->category_dropdown, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (self->member_dropdown, 0);
  show_pending (self);
}

static void
begin_add (RuhuEvidenceSection *self,
           gboolean             from_camera)
{
  g_cancellable_cancel (self->add_cancellable);
  g_clear_object (&self->add_cancellable);
  ruhu_evidence_section_show_message (self, NULL);
  self->pending_from_camera = from_camera;
  self->add_cancellable = g_cancellable_new ();
}

static void
add_photo (RuhuEvidenceSection *self,
           GFile               *file)
{
  begin_add (self, FALSE);
  ruhu_evidence_photo_add_async (self->device, file, self->add_cancellable, photo_added_cb, self);
}

static void
file_chosen_cb (GtkNativeDialog     *dialog,
                int                  response,
                RuhuEvidenceSection *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    add_photo (self, file);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
add_button_clicked_cb (RuhuEvidenceSection *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Add a Photo of Evidence"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Photos (JPEG or PNG)"));
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
captured_cb (RuhuCameraWindow    *window,
             GBytes              *jpeg,
             RuhuEvidenceSection *self)
{
  begin_add (self, TRUE);
  ruhu_evidence_photo_add_bytes_async (self->device, jpeg, self->add_cancellable,
                                       photo_added_cb, self);
}

static void
capture_button_clicked_cb (RuhuEvidenceSection *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  RuhuCameraWindow *window = ruhu_camera_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                          : NULL, NULL);

  g_signal_connect_object (window, "captured", G_CALLBACK (captured_cb), self, 0);
  gtk_window_present (GTK_WINDOW (window));
}

static void
discard_button_clicked_cb (RuhuEvidenceSection *self)
{
  end_pending (self);
}

static JsonNode *
string_node (const char *text)
{
  return json_node_init_string (json_node_alloc (), text);
}

/* @value: (nullable): NULL clears the field */
static gboolean
write_field (RuhuEvidenceSection  *self,
             const char           *entity,
             const char           *field,
             const char           *value,
             GError              **error)
{
  g_autoptr(JsonNode) node = value != NULL ? string_node (value)
                                           : json_node_init_null (json_node_alloc ());
  g_autoptr(RuhuOp) op = ruhu_device_write (self->device, entity, "evidence", self->case_id,
                                            self->case_id, field, node, error);

  return op != NULL;
}

/* The evidence hangs under the household: papers that arrive after the
 * check sheet was signed can still be filed. The photo goes last, so an
 * entity cut short by a failure shows as "not sorted" rather than lost. */
static const char *
selected_member (RuhuEvidenceSection *self)
{
  guint member = gtk_drop_down_get_selected (self->member_dropdown);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->member_dropdown)) || member == 0 ||
      member == GTK_INVALID_LIST_POSITION)
    return NULL;
  return g_ptr_array_index (self->list->member_ids, member - 1);
}

static const RuhuEvidenceItem *
find_item (RuhuEvidenceSection *self,
           const char          *entity)
{
  for (guint i = 0; self->list != NULL && i < self->list->items->len; i++)
    {
      const RuhuEvidenceItem *item = g_ptr_array_index (self->list->items, i);

      if (g_strcmp0 (item->entity, entity) == 0)
        return item;
    }
  return NULL;
}

/* Filing saved evidence anew writes only what changed: an unchanged field
 * would otherwise become a new version that could conflict for nothing. */
static gboolean
save_edit (RuhuEvidenceSection  *self,
           GError              **error)
{
  const RuhuEvidenceItem *item = find_item (self, self->editing_entity);
  const char *category = selected_category (self);
  const char *member = selected_member (self);

  if (item == NULL)
    return TRUE;  /* deleted meanwhile, on this device or by a sync */
  if (g_strcmp0 (category, item->category) != 0 &&
      !write_field (self, item->entity, "category", category, error))
    return FALSE;
  return g_strcmp0 (member, item->member) == 0 ||
         write_field (self, item->entity, "member", member, error);
}

static void
save_button_clicked_cb (RuhuEvidenceSection *self)
{
  g_autofree char *entity = ruhu_id_new ();
  g_autofree char *taken_at = self->pending_from_camera ? ruhu_now_rfc3339 () : NULL;
  const char *category = selected_category (self);
  const char *member = selected_member (self);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->pending_photo == NULL || category == NULL)
    return;
  if (self->editing_entity != NULL)
    ok = save_edit (self, &error);
  else
    ok = write_field (self, entity, "category", category, &error);
  if (self->editing_entity == NULL && ok && member != NULL)
    ok = write_field (self, entity, "member", member, &error);
  if (self->editing_entity == NULL && ok && taken_at != NULL)
    ok = write_field (self, entity, "taken_at", taken_at, &error);
  if (self->editing_entity == NULL && ok)
    ok = write_field (self, entity, "photo", self->pending_photo, &error);
  if (!ok)
    {
      ruhu_evidence_section_show_message (self, error->message);
      return;
    }
  end_pending (self);
}

static void
pending_category_cb (RuhuEvidenceSection *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), selected_category (self) != NULL);
}

static void
fill_categories (RuhuEvidenceSection *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < ruhu_form_field_get_n_options (self->category_field); i++)
    gtk_string_list_append (labels, _(ruhu_form_field_get_option_label (self->category_field, i)));
  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (labels));
  g_signal_connect_swapped (self->category_dropdown, "notify::selected",
                            G_CALLBACK (pending_category_cb), self);
}

void
ruhu_evidence_add_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, add_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, capture_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, category_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, discard_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_button_clicked_cb);
}

void
ruhu_evidence_add_init (RuhuEvidenceSection *self)
{
  fill_categories (self);
  gtk_widget_set_visible (GTK_WIDGET (self->capture_button), ruhu_camera_is_available ());
}

void
ruhu_evidence_add_file (RuhuEvidenceSection *self,
                        GFile               *file)
{
  add_photo (self, file);
}

/* Drops the photo being added or waiting, as when the case changes. */
void
ruhu_evidence_add_cancel (RuhuEvidenceSection *self)
{
  g_cancellable_cancel (self->add_cancellable);
  g_clear_object (&self->add_cancellable);
  end_pending (self);
}

/**
 * ruhu_evidence_add_edit:
 * @entity: saved evidence of the case
 *
 * Shows the evidence's photo in the editor of a new photo, with its
 * category and member chosen, so that a photo filed under the wrong kind or
 * person can be filed anew; Save writes what changed to the same evidence.
 */
void
ruhu_evidence_add_edit (RuhuEvidenceSection *self,
                        const char          *entity)
{
  const RuhuEvidenceItem *item = find_item (self, entity);
  guint member = 0;

  if (item == NULL || item->photo == NULL)
    return;
  ruhu_evidence_add_cancel (self);
  self->pending_photo = g_strdup (item->photo);
  self->editing_entity = g_strdup (item->entity);
  self->pending_from_camera = FALSE;
  if (item->category == NULL || !ruhu_evidence_section_set_category (self, item->category))
    gtk_drop_down_set_selected (self->category_dropdown, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; item->member != NULL && i < self->list->member_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->list->member_ids, i), item->member) == 0)
      member = i + 1;
  gtk_drop_down_set_selected (self->member_dropdown, member);
  show_pending (self);
}
