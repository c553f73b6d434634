/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-a11y.h"
#include "ruhu-sheet-lock.h"
#include "ruhu-signature-job.h"
#include "ruhu-signature-section.h"

typedef struct
{
  const char *role;
  const char *title;
} SlotSpec;

static const SlotSpec slot_specs[RUHU_SIGNATURE_N_SLOTS] = {
  { "investigator", N_("First investigator") },
  { "investigator", N_("Second investigator") },
  { "applicant", N_("Applicant") },
};

typedef struct
{
  AdwActionRow *row;
  GtkPicture   *picture;
  GtkButton    *button;
  gboolean      signed_;
} Slot;

struct _RuhuSignatureSection
{
  AdwBin              parent_instance;
  RuhuDevice         *device;
  char               *case_id;
  RuhuSignatureSheet *sheet;          /* as last loaded; nullable */
  GCancellable       *load_cancellable;
  GCancellable       *sign_cancellable;
  Slot                slots[RUHU_SIGNATURE_N_SLOTS];
  int                 signing;        /* the slot being signed, or -1 */
  gboolean            loading;

  GtkRevealer        *lock_revealer;
  GtkLabel           *lock_label;
  AdwPreferencesGroup *group;
  GtkLabel           *message_label;
  GtkRevealer        *pad_revealer;
  GtkLabel           *pad_title;
  GtkEntry           *name_entry;
  RuhuSignaturePad   *pad;
  GtkButton          *accept_button;
};

G_DEFINE_FINAL_TYPE (RuhuSignatureSection, ruhu_signature_section, ADW_TYPE_BIN)

static void
show_message (RuhuSignatureSection *self,
              const char           *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static gboolean
is_busy (RuhuSignatureSection *self)
{
  return self->sign_cancellable != NULL;
}

static void
update_accept (RuhuSignatureSection *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (name));

  gtk_widget_set_sensitive (GTK_WIDGET (self->accept_button),
                            self->signing >= 0 && !is_busy (self) && stripped[0] != '\0' &&
                            !ruhu_signature_pad_is_empty (self->pad));
}

static char *
format_signed_at (const char *signed_at)
{
  g_autoptr(GDateTime) parsed = signed_at ? g_date_time_new_from_iso8601 (signed_at, NULL) : NULL;
  g_autoptr(GDateTime) local = parsed ? g_date_time_to_local (parsed) : NULL;

  if (local == NULL)
    return g_strdup (signed_at != NULL ? signed_at : "");
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static void
show_signature (Slot                    *slot,
                const RuhuSignatureInfo *info)
{
  g_autofree char *when = format_signed_at (info->signed_at);
  g_autofree char *subtitle = NULL;

  slot->signed_ = TRUE;
  /* Translators: a signature slot's subtitle: who signed, and when */
  subtitle = g_strdup_printf (_("Signed by %s, %s"), info->name ? info->name : "?", when);
  if (g_strcmp0 (info->role, "investigator") == 0 && !info->digest_ok)
    {
      g_autofree char *with_warning = g_strconcat (subtitle, " — ",
                                                   _("the sheet changed after this signature"),
                                                   NULL);
      g_free (subtitle);
      subtitle = g_steal_pointer (&with_warning);
    }
  adw_action_row_set_subtitle (slot->row, subtitle);
  gtk_picture_set_paintable (slot->picture, GDK_PAINTABLE (info->image));
  gtk_widget_set_visible (GTK_WIDGET (slot->picture), info->image != NULL);
}

static void
clear_slot (Slot *slot)
{
  slot->signed_ = FALSE;
  adw_action_row_set_subtitle (slot->row, _("Not signed yet"));
  gtk_picture_set_paintable (slot->picture, NULL);
  gtk_widget_set_visible (GTK_WIDGET (slot->picture), FALSE);
}

/* An investigator named on the sheet as its first or second investigator
 * takes that slot; other signatures fill the free slots of their role in
 * the order they were signed. */
static void
place_signatures (RuhuSignatureSection *self)
{
  RuhuSignatureSheet *sheet = self->sheet;
  const char *names[RUHU_SIGNATURE_N_SLOTS] = { sheet->investigator_1, sheet->investigator_2 };
  g_autofree gboolean *placed = g_new0 (gboolean, sheet->signatures->len + 1);

  for (guint by_order = 0; by_order < 2; by_order++)
    for (guint i = 0; i < sheet->signatures->len; i++)
      {
        RuhuSignatureInfo *info = g_ptr_array_index (sheet->signatures, i);

        for (guint k = 0; k < RUHU_SIGNATURE_N_SLOTS && !placed[i]; k++)
          if (!self->slots[k].signed_ && g_strcmp0 (slot_specs[k].role, info->role) == 0 &&
              (by_order || (names[k] != NULL && g_strcmp0 (names[k], info->name) == 0)))
            {
              show_signature (&self->slots[k], info);
              placed[i] = TRUE;
            }
      }
}

static void
update_slots (RuhuSignatureSection *self)
{
  RuhuSignatureSheet *sheet = self->sheet;
  gboolean can_sign = sheet != NULL && sheet->sheet != NULL && !sheet->state.locked &&
                      !is_busy (self);

  for (guint i = 0; i < RUHU_SIGNATURE_N_SLOTS; i++)
    clear_slot (&self->slots[i]);
  if (sheet != NULL)
    place_signatures (self);
  for (guint i = 0; i < RUHU_SIGNATURE_N_SLOTS; i++)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->slots[i].button), !self->slots[i].signed_);
      gtk_widget_set_sensitive (GTK_WIDGET (self->slots[i].button), can_sign);
    }
}

static void
update_lock (RuhuSignatureSection *self)
{
  g_autofree char *reason = NULL;
  const char *shown = NULL;

  if (self->sheet != NULL && self->sheet->sheet == NULL)
    shown = _("This case has no check sheet yet: fill it in before anyone signs.");
  else if (ruhu_case_sheet_is_locked (self->device, self->case_id, &reason))
    shown = reason;
  gtk_label_set_text (self->lock_label, shown != NULL ? shown : "");
  gtk_revealer_set_reveal_child (self->lock_revealer, shown != NULL);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RuhuSignatureSection *self = user_data;
  g_autoptr(GError) error = NULL;
  RuhuSignatureSheet *sheet = ruhu_signature_sheet_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  g_clear_object (&self->load_cancellable);
  if (sheet == NULL)
    {
      show_message (self, error->message);
      return;
    }
  g_clear_pointer (&self->sheet, ruhu_signature_sheet_free);
  self->sheet = sheet;
  update_slots (self);
  update_lock (self);
}

static void
reload (RuhuSignatureSection *self)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->case_id == NULL)
    return;
  self->load_cancellable = g_cancellable_new ();
  self->loading = TRUE;
  /* The callback holds no reference: dispose cancels, and a cancelled
   * load returns before it touches the section. */
  ruhu_signature_sheet_load_async (self->device, self->case_id, self->load_cancellable,
                                   loaded_cb, self);
}

static void
case_changed_cb (RuhuSignatureSection *self,
                 const char           *case_id)
{
  if (case_id == NULL || g_strcmp0 (case_id, self->case_id) == 0)
    reload (self);
}

static const char *
suggested_name (RuhuSignatureSection *self,
                RuhuSignatureSlot     slot)
{
  switch (slot)
    {
    case RUHU_SIGNATURE_SLOT_INVESTIGATOR_1:
      return self->sheet->investigator_1;
    case RUHU_SIGNATURE_SLOT_INVESTIGATOR_2:
      return self->sheet->investigator_2;
    case RUHU_SIGNATURE_SLOT_APPLICANT:
      return self->sheet->applicant;
    case RUHU_SIGNATURE_N_SLOTS:
    default:
      return NULL;
    }
}

static void
close_pad (RuhuSignatureSection *self)
{
  self->signing = -1;
  ruhu_signature_pad_clear (self->pad);
  gtk_revealer_set_reveal_child (self->pad_revealer, FALSE);
  /* Hidden, not only folded: the card's shadow would show as a line. */
  gtk_widget_set_visible (GTK_WIDGET (self->pad_revealer), FALSE);
  update_accept (self);
}

static void
sign_button_clicked_cb (GtkButton            *button,
                        RuhuSignatureSection *self)
{
  gpointer slot = g_object_get_data (G_OBJECT (button), "slot");

  ruhu_signature_section_begin_signing (self, GPOINTER_TO_UINT (slot));
}

static void
name_entry_activate_cb (RuhuSignatureSection *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->pad));
}

static void
clear_button_clicked_cb (RuhuSignatureSection *self)
{
  ruhu_signature_pad_clear (self->pad);
  gtk_widget_grab_focus (GTK_WIDGET (self->pad));
}

static void
cancel_button_clicked_cb (RuhuSignatureSection *self)
{
  show_message (self, NULL);
  close_pad (self);
}

static void
prepared_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RuhuSignatureSection *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = ruhu_signature_prepare_finish (result, &error);
  g_autofree char *name = NULL;
  RuhuSignatureSlot slot;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->sign_cancellable);
  slot = (RuhuSignatureSlot) self->signing;
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  if (value == NULL ||
      !ruhu_signature_write (self->device, self->case_id, self->sheet->sheet,
                             slot_specs[slot].role, name, value, &error))
    {
      show_message (self, error->message);
      update_accept (self);
      update_slots (self);
      return;
    }
  close_pad (self);
  reload (self);
}

static void
accept_button_clicked_cb (RuhuSignatureSection *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;

  if (self->signing < 0 || is_busy (self) || self->sheet == NULL || self->sheet->sheet == NULL)
    return;
  if ((png = ruhu_signature_pad_export_png (self->pad, &error)) == NULL)
    {
      show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
  self->sign_cancellable = g_cancellable_new ();
  update_accept (self);
  update_slots (self);
  ruhu_signature_prepare_async (self->device, self->sheet->sheet,
                                slot_specs[self->signing].role, png, self->sign_cancellable,
                                prepared_cb, self);
}

static void
add_slot (RuhuSignatureSection *self,
          guint                 index)
{
  Slot *slot = &self->slots[index];
  const char *title = _(slot_specs[index].title);
  g_autofree char *accessible = NULL;

  slot->row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (slot->row), title);
  slot->picture = GTK_PICTURE (gtk_picture_new ());
  gtk_widget_set_size_request (GTK_WIDGET (slot->picture), 96, 40);
  gtk_widget_add_css_class (GTK_WIDGET (slot->picture), "signature-image");
  gtk_picture_set_can_shrink (slot->picture, TRUE);
  /* Translators: accessible name of a signature's picture; %s is a slot such as "Applicant" */
  accessible = g_strdup_printf (_("Signature of the %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (slot->picture),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  /* Translators: button that opens the signature pad for one signer */
  slot->button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Sign")));
  g_free (accessible);
  /* Translators: accessible name of a Sign button; %s is a slot such as "Applicant" */
  accessible = g_strdup_printf (_("Sign as %s"), title);
  ruhu_a11y_set_name (GTK_WIDGET (slot->button), accessible);
  gtk_widget_set_valign (GTK_WIDGET (slot->button), GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (slot->button), "slot", GUINT_TO_POINTER (index));
  g_signal_connect (slot->button, "clicked", G_CALLBACK (sign_button_clicked_cb), self);
  adw_action_row_add_suffix (slot->row, GTK_WIDGET (slot->picture));
  adw_action_row_add_suffix (slot->row, GTK_WIDGET (slot->button));
  adw_preferences_group_add (self->group, GTK_WIDGET (slot->row));
  clear_slot (slot);
}

static void
ruhu_signature_section_dispose (GObject *object)
{
  RuhuSignatureSection *self = RUHU_SIGNATURE_SECTION (object);

  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->sign_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->sign_cancellable);
  g_clear_object (&self->device);
  g_clear_pointer (&self->sheet, ruhu_signature_sheet_free);
  g_clear_pointer (&self->case_id, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), RUHU_TYPE_SIGNATURE_SECTION);
  G_OBJECT_CLASS (ruhu_signature_section_parent_class)->dispose (object);
}

static void
ruhu_signature_section_class_init (RuhuSignatureSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ruhu_signature_section_dispose;

  g_type_ensure (RUHU_TYPE_SIGNATURE_PAD);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/ruhu/Ruhu/ruhu-signature-section.ui");
  gtk_widget_class_bind_template_child (widget_class, RuhuSignatureSection, lock_revealer);
  gtk_widget_class_bind_template_child (widget_class, RuhuSignatureSection, lock_label);
  gtk_widget_class_bind_template_child (widget_class, RuhuSignatureSection, group);
  gtk_widget_class_bind_template_child (widget_class, RuhuSignatureSection, message_label);
  gtk_widget_class_bind_template_child (widget_class, RuhuSignatureSection, pad_revealer);
  gtk_widget_class_bind_template_child (widget_class, RuhuSignatureSection, pad_title);
  gtk_widget_class_bind_template_child (widget_class, RuhuSignatureSection, name_entry);
  gtk_widget_class_bind_template_child (widget_class, RuhuSignatureSection, pad);
  gtk_widget_class_bind_template_child (widget_class, RuhuSignatureSection, accept_button);
  gtk_widget_class_bind_template_callback (widget_class, update_accept);
  gtk_widget_class_bind_template_callback (widget_class, name_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, accept_button_clicked_cb);
}

static void
ruhu_signature_section_init (RuhuSignatureSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ruhu_a11y_tidy_names (GTK_WIDGET (self));
  self->signing = -1;
  for (guint i = 0; i < RUHU_SIGNATURE_N_SLOTS; i++)
    add_slot (self, i);
}

RuhuSignatureSection *
ruhu_signature_section_new (RuhuDevice *device)
{
  RuhuSignatureSection *self;

  g_return_val_if_fail (RUHU_IS_DEVICE (device), NULL);
  self = g_object_new (RUHU_TYPE_SIGNATURE_SECTION, NULL);
  self->device = g_object_ref (device);
  g_signal_connect_object (device, "case-changed", G_CALLBACK (case_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

void
ruhu_signature_section_set_case (RuhuSignatureSection *self,
                                 const char           *case_id)
{
  g_return_if_fail (RUHU_IS_SIGNATURE_SECTION (self));
  if (g_strcmp0 (case_id, self->case_id) == 0)
    return;
  g_free (self->case_id);
  self->case_id = g_strdup (case_id);
  g_cancellable_cancel (self->sign_cancellable);
  g_clear_object (&self->sign_cancellable);
  g_clear_pointer (&self->sheet, ruhu_signature_sheet_free);
  show_message (self, NULL);
  close_pad (self);
  update_slots (self);
  reload (self);
}

const char *
ruhu_signature_section_get_case (RuhuSignatureSection *self)
{
  g_return_val_if_fail (RUHU_IS_SIGNATURE_SECTION (self), NULL);
  return self->case_id;
}

/**
 * ruhu_signature_section_begin_signing:
 *
 * Opens the pad for @slot, as its Sign button does.
 *
 * Returns: %FALSE if the slot cannot be signed now (signed already, the
 *   sheet is locked or missing, or still loading)
 */
gboolean
ruhu_signature_section_begin_signing (RuhuSignatureSection *self,
                                      RuhuSignatureSlot     slot)
{
  g_autofree char *title = NULL;
  const char *name;

  g_return_val_if_fail (RUHU_IS_SIGNATURE_SECTION (self), FALSE);
  g_return_val_if_fail (slot < RUHU_SIGNATURE_N_SLOTS, FALSE);
  if (self->sheet == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->slots[slot].button)) ||
      !gtk_widget_get_sensitive (GTK_WIDGET (self->slots[slot].button)))
    return FALSE;
  self->signing = (int) slot;
  name = suggested_name (self, slot);
  /* Translators: heading above the signature pad; %s is who signs, e.g. "Applicant" */
  title = g_strdup_printf (_("%s: sign below"), _(slot_specs[slot].title));
  gtk_label_set_text (self->pad_title, title);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name != NULL ? name : "");
  ruhu_signature_pad_clear (self->pad);
  show_message (self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->pad_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->pad_revealer, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (name != NULL ? GTK_WIDGET (self->pad)
                                                  : GTK_WIDGET (self->name_entry)));
  update_accept (self);
  return TRUE;
}

RuhuSignaturePad *
ruhu_signature_section_get_pad (RuhuSignatureSection *self)
{
  g_return_val_if_fail (RUHU_IS_SIGNATURE_SECTION (self), NULL);
  return self->pad;
}

/* Whether loading or signing is under way (tests wait for it to end). */
gboolean
ruhu_signature_section_is_busy (RuhuSignatureSection *self)
{
  g_return_val_if_fail (RUHU_IS_SIGNATURE_SECTION (self), FALSE);
  return self->loading || is_busy (self);
}

gboolean
ruhu_signature_section_is_signed (RuhuSignatureSection *self,
                                  RuhuSignatureSlot     slot)
{
  g_return_val_if_fail (RUHU_IS_SIGNATURE_SECTION (self), FALSE);
  g_return_val_if_fail (slot < RUHU_SIGNATURE_N_SLOTS, FALSE);
  return self->slots[slot].signed_;
}

/* The error shown under the slots, or %NULL. */
const char *
ruhu_signature_section_get_message (RuhuSignatureSection *self)
{
  g_return_val_if_fail (RUHU_IS_SIGNATURE_SECTION (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;
  return gtk_label_get_text (self->message_label);
}
