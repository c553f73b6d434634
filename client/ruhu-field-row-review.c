/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-field-row-private.h"

/* A supervisor's comments for return on a field: shown under the field, in
 * its message row, and written from the row's comment button (the case
 * page's "page.comment-field" action, which knows the case). */

/* Returns: (transfer floating): the message row's content: @message_label
 * and, under it, the return comments */
GtkWidget *
ruhu_field_row_build_review (RuhuFieldRow *self,
                             GtkWidget    *message_label)
{
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_private (self);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_bottom (label, 8);
  /* Stands out from the help text: it asks for work. */
  gtk_widget_add_css_class (label, "warning");
  gtk_widget_add_css_class (label, "review-comment");
  gtk_widget_set_visible (label, FALSE);
  priv->review_label = GTK_LABEL (label);
  gtk_box_append (GTK_BOX (box), message_label);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

/**
 * ruhu_field_row_set_review:
 * @entity: (nullable): the entity the row belongs to; %NULL hides the
 *   comment button
 * @can_comment: whether the user may comment on the field for a return
 * @review: (nullable): the comments on the field as shown, one a line
 *
 * Shows the return comments under the field and, for supervisors, the
 * button to add one.
 */
void
ruhu_field_row_set_review (RuhuFieldRow *self,
                           const char   *entity,
                           gboolean      can_comment,
                           const char   *review)
{
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_private (self);

  g_return_if_fail (RUHU_IS_FIELD_ROW (self));

  can_comment = can_comment && entity != NULL;
  gtk_widget_set_visible (priv->comment_button, can_comment);
  if (can_comment)
    {
      /* The target first: the name alone would be checked against no target. */
      gtk_actionable_set_action_target (GTK_ACTIONABLE (priv->comment_button), "(ss)", entity,
                                        ruhu_field_row_get_name (self));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (priv->comment_button), "page.comment-field");
    }
  if (g_strcmp0 (review, priv->review) == 0)
    return;
  g_free (priv->review);
  priv->review = g_strdup (review);
  ruhu_field_row_update_message (self);
}

/* Returns: (nullable): the return comments shown under the field */
const char *
ruhu_field_row_get_review (RuhuFieldRow *self)
{
  RuhuFieldRowPrivate *priv = ruhu_field_row_get_private (self);

  g_return_val_if_fail (RUHU_IS_FIELD_ROW (self), NULL);
  return priv->review;
}
