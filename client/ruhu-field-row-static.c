/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-field-rows-private.h"
#include "ruhu-field-text.h"
#include "ruhu-form-validate.h"

/* What is shown, never typed: computed values, and photos and signatures,
 * which the evidence and signature sections take. */
struct _RuhuStaticFieldRow
{
  RuhuFieldRow  parent_instance;
  AdwActionRow *action_row;
  GtkLabel     *value_label;
};

G_DEFINE_FINAL_TYPE (RuhuStaticFieldRow, ruhu_static_field_row, RUHU_TYPE_FIELD_ROW)

static char *
describe (RuhuFormField *field,
          JsonNode      *value)
{
  gboolean empty = value == NULL || ruhu_form_value_is_empty (value);
  g_autofree char *text = NULL;

  switch (ruhu_form_field_get_field_type (field))
    {
    case RUHU_FIELD_PHOTO:
      return g_strdup (empty ? _("No photo") : _("Photo attached"));
    case RUHU_FIELD_SIGNATURE:
      return g_strdup (empty ? _("Not signed") : _("Signed"));
    case RUHU_FIELD_COMPUTED:
    case RUHU_FIELD_TEXT:
    case RUHU_FIELD_INTEGER:
    case RUHU_FIELD_MONEY:
    case RUHU_FIELD_DATE:
    case RUHU_FIELD_DATETIME:
    case RUHU_FIELD_CHOICE:
    case RUHU_FIELD_MULTI_CHOICE:
    case RUHU_FIELD_BOOLEAN:
    case RUHU_FIELD_ID_NUMBER:
    case RUHU_FIELD_PHONE:
    case RUHU_FIELD_REFERENCE:
    default:
      break;
    }
  if (empty)
    /* Translators: a computed value that cannot be computed yet. */
    return g_strdup (_("—"));
  text = ruhu_field_value_to_text (field, value);
  if (ruhu_form_field_get_value_type (field) == RUHU_FIELD_MONEY)
    /* Translators: an amount of money in yuan, e.g. "1200.50 yuan". */
    return g_strdup_printf (_("%s yuan"), text);
  return g_steal_pointer (&text);
}

static void
ruhu_static_field_row_show_value (RuhuFieldRow *row,
                                  JsonNode     *value)
{
  RuhuStaticFieldRow *self = RUHU_STATIC_FIELD_ROW (row);
  g_autofree char *text = describe (ruhu_field_row_get_field (row), value);

  gtk_label_set_text (self->value_label, text);
}

static void
ruhu_static_field_row_set_editable (RuhuFieldRow *row,
                                    gboolean      editable)
{
}

static void
ruhu_static_field_row_constructed (GObject *object)
{
  RuhuStaticFieldRow *self = RUHU_STATIC_FIELD_ROW (object);
  RuhuFieldRow *row = RUHU_FIELD_ROW (object);
  RuhuFormField *field;

  G_OBJECT_CLASS (ruhu_static_field_row_parent_class)->constructed (object);
  field = ruhu_field_row_get_field (row);
  self->action_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->action_row),
                                 ruhu_form_field_get_label (field));
  adw_action_row_set_subtitle (self->action_row, ruhu_form_field_get_help (field));
  self->value_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_selectable (self->value_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->value_label), "numeric");
  adw_action_row_add_suffix (self->action_row, GTK_WIDGET (self->value_label));
  ruhu_static_field_row_show_value (row, NULL);
  ruhu_field_row_set_widget (row, GTK_WIDGET (self->action_row), NULL);
}

static void
ruhu_static_field_row_class_init (RuhuStaticFieldRowClass *klass)
{
  RuhuFieldRowClass *row_class = RUHU_FIELD_ROW_CLASS (klass);

  G_OBJECT_CLASS (klass)->constructed = ruhu_static_field_row_constructed;
  row_class->show_value = ruhu_static_field_row_show_value;
  row_class->set_editable = ruhu_static_field_row_set_editable;
}

static void
ruhu_static_field_row_init (RuhuStaticFieldRow *self)
{
}
