/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-case-page-private.h"

/* What sums up the case at the top of the page: the household's name and
 * place, what the check sheet still misses (each leading to its field),
 * and the income per person. All follow the typing. */

static void
update_header (RuhuCasePage *self)
{
  RuhuCaseEntity *household = ruhu_case_snapshot_first (self->snapshot, "household");
  const char *head = household ? ruhu_case_entity_get_string (household, "head_name") : NULL;
  g_autoptr(GString) place = g_string_new (NULL);
  const char *parts[] = { "village_name", "township_name", "district_name" };

  gtk_label_set_text (self->title_label, head != NULL ? head : _("Unnamed household"));
  g_object_notify (G_OBJECT (self), "title");
  for (guint i = 0; household != NULL && i < G_N_ELEMENTS (parts); i++)
    {
      const char *part = ruhu_case_entity_get_string (household, parts[i]);

      if (part == NULL)
        continue;
      if (place->len > 0)
        /* Translators: between the village, township and district of a household. */
        g_string_append (place, _(", "));
      g_string_append (place, part);
    }
  gtk_label_set_text (self->subtitle_label, place->str);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), place->len > 0);
}

/* Opens the entry a missing field belongs to and puts the cursor in it. */
static void
missing_activated_cb (RuhuCasePage *self,
                      AdwActionRow *row)
{
  RuhuCaseItem *item = g_hash_table_lookup (self->items, g_object_get_data (G_OBJECT (row), "entity"));
  RuhuFieldRow *field;

  if (item == NULL)
    return;
  if (item->expander != NULL)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (item->expander), TRUE);
  field = ruhu_entity_editor_lookup_row (item->editor, g_object_get_data (G_OBJECT (row), "field"));
  if (field != NULL)
    gtk_widget_grab_focus (ruhu_field_row_get_row (field));
}

static void
update_missing (RuhuCasePage *self)
{
  g_autoptr(GPtrArray) missing =
    ruhu_case_snapshot_sheet_missing (self->snapshot, ruhu_device_get_forms (self->device), NULL);
  g_autofree char *title = NULL;

  for (guint i = 0; i < self->missing_rows->len; i++)
    adw_expander_row_remove (self->missing_row, g_ptr_array_index (self->missing_rows, i));
  g_ptr_array_set_size (self->missing_rows, 0);
  for (guint i = 0; i < missing->len; i++)
    {
      RuhuMissingField *m = g_ptr_array_index (missing, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), m->message);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      if (m->entity != NULL)
        {
          g_object_set_data_full (G_OBJECT (row), "entity", g_strdup (m->entity), g_free);
          g_object_set_data_full (G_OBJECT (row), "field", g_strdup (m->field), g_free);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("go-next-symbolic"));
          /* A row of the page's own: it goes before the page does. */
          g_signal_connect_swapped (row, "activated", G_CALLBACK (missing_activated_cb), self);
        }
      adw_expander_row_add_row (self->missing_row, row);
      g_ptr_array_add (self->missing_rows, row);
    }
  if (missing->len == 0)
    title = g_strdup (_("The check sheet has every required field"));
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u required field is missing on the check sheet",
                                          "%u required fields are missing on the check sheet",
                                          missing->len),
                             missing->len);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->missing_row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->missing_row),
                                 missing->len > 0 ? _("It cannot be signed until they are filled in")
                                                  : NULL);
  adw_expander_row_set_enable_expansion (self->missing_row, missing->len > 0);
  adw_expander_row_set_icon_name (self->missing_row, missing->len > 0 ? "dialog-warning-symbolic"
                                                                       : "object-select-symbolic");
}

/* Everything that sums up the case: follows the typing. */
void
ruhu_case_page_update_summary (RuhuCasePage *self)
{
  if (self->snapshot == NULL)
    return;
  update_header (self);
  update_missing (self);
  ruhu_income_summary_update (self->income_summary, self->snapshot);
}
