/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-rejections-row.h"
#include "ruhu-value-text.h"

static char *
format_unix_local (gint64 seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (seconds);

  return time != NULL ? g_date_time_format (time, "%Y-%m-%d %H:%M:%S") : g_strdup ("?");
}

/**
 * ruhu_rejection_row_new:
 *
 * Returns: (transfer floating): an #AdwActionRow describing @rejection
 */
GtkWidget *
ruhu_rejection_row_new (RuhuDevice          *device,
                        const RuhuRejection *rejection)
{
  const RuhuOp *op = rejection->op;
  g_autofree char *label = ruhu_value_field_title (device, op->kind, op->field);
  g_autofree char *value = ruhu_value_describe_op (device, op);
  g_autofree char *origin = ruhu_op_describe_origin (op);
  g_autofree char *refused_at = format_unix_local (rejection->rejected_at);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("action-unavailable-symbolic");

  /* TRANSLATORS: a change the server refused: the field's label and the value */
  title = g_strdup_printf (_("Not accepted: %s → %s"), label, value);
  /* TRANSLATORS: who made a refused change and when (first %s), when the
   * server refused it, and the server's reason */
  subtitle = g_strdup_printf (_("Changed by %s. Refused %s: %s"), origin, refused_at,
                              rejection->reason);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Refused by the server"), -1);
  gtk_widget_add_css_class (icon, "error");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_add_css_class (row, "rejection");
  return row;
}
