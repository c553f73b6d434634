/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-a11y.h"

/**
 * ruhu_a11y_set_name:
 * @name: what a screen reader should say, e.g. "Sign as Applicant"
 *
 * Names @widget instead of, not in addition to, the text it shows.
 */
void
ruhu_a11y_set_name (GtkWidget  *widget,
                    const char *name)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name, -1);
}

/* libadwaita 1.2's password row has a button that shows the typed text,
 * named only by its icon: a screen reader would say "GtkImage". */
static void
name_password_peek (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_widget_get_visible (child))
        /* Translators: read out for the eye button next to a password */
        ruhu_a11y_set_name (child, _("Show or hide the text typed"));
      name_password_peek (child);
    }
}

/**
 * ruhu_a11y_tidy_names:
 * @root: a widget with controls under it, such as a page made from a template
 *
 * Mends what GTK 4.8 and libadwaita 1.2 would read wrongly under @root. A
 * button with a mnemonic ("_Save") gets its raw label as its name and then
 * its text as well: "_Save Save"; dropping the raw label leaves the text a
 * person sees. Password rows get a name for their eye button. Call it once
 * the controls exist; controls added later need a call of their own.
 */
void
ruhu_a11y_tidy_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && gtk_button_get_use_underline (GTK_BUTTON (root)))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL);
  if (ADW_IS_PASSWORD_ENTRY_ROW (root))
    {
      name_password_peek (root);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ruhu_a11y_tidy_names (child);
}
