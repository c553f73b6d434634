/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-case-page-private.h"
#include "ruhu-review-comment-dialog.h"

/* The case page's per-field return comments: the timeline section reads
 * them with the steps; the page puts them under their fields, and lets a
 * supervisor add one from a field's row. */

static gboolean
is_supervisor (RuhuCasePage *self)
{
  return g_strcmp0 (ruhu_device_get_role (self->device), "supervisor") == 0;
}

/* Returns: (transfer full) (nullable): the comments on a field, one a line */
static char *
describe_comments (const RuhuReviewComments *comments,
                   const char               *entity,
                   const char               *field,
                   gboolean                  drafts)
{
  g_autoptr(GPtrArray) found = ruhu_review_comments_on_field (comments, entity, field, drafts);
  g_autoptr(GString) text = NULL;

  if (found->len == 0)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; i < found->len; i++)
    {
      const RuhuReviewComment *comment = g_ptr_array_index (found, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (comment->return_step != NULL)
        /* Translators: a supervisor's comment on a field, sent back with the
         * case for more investigation. */
        g_string_append_printf (text, _("Returned: %s"), comment->comment);
      else
        /* Translators: a supervisor's comment on a field, to be sent with
         * the next return of the case. */
        g_string_append_printf (text, _("For the next return: %s"), comment->comment);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
show_on_editor (RuhuCasePage             *self,
                RuhuEntityEditor         *editor,
                const RuhuReviewComments *comments)
{
  RuhuForm *form = ruhu_entity_editor_get_form (editor);
  const char *id = ruhu_entity_editor_get_id (editor);
  gboolean supervisor = is_supervisor (self);
  gboolean can_comment = ruhu_timeline_section_get_can_return (self->timeline);

  for (guint i = 0; i < ruhu_form_get_n_fields (form); i++)
    {
      const char *name = ruhu_form_field_get_name (ruhu_form_get_field (form, i));
      RuhuFieldRow *row = ruhu_entity_editor_lookup_row (editor, name);
      g_autofree char *text = NULL;

      /* Rows not made yet get theirs when their expander opens. */
      if (row == NULL)
        continue;
      if (comments != NULL)
        text = describe_comments (comments, id, name, supervisor);
      ruhu_field_row_set_review (row, id, can_comment, text);
    }
}

/* Brings every field row's comments and comment button up to date. */
void
ruhu_case_page_show_review (RuhuCasePage *self)
{
  const RuhuReviewComments *comments;
  GHashTableIter iter;
  RuhuCaseItem *item;

  if (self->timeline == NULL || self->items == NULL)
    return;
  comments = ruhu_timeline_section_get_comments (self->timeline);
  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &item))
    show_on_editor (self, item->editor, comments);
}

void
ruhu_case_page_connect_review (RuhuCasePage *self)
{
  g_signal_connect_object (self->timeline, "loaded", G_CALLBACK (ruhu_case_page_show_review),
                           self, G_CONNECT_SWAPPED);
}

static void
comment_field_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RuhuCasePage *self = RUHU_CASE_PAGE (widget);
  const char *entity, *field;
  RuhuCaseItem *item;
  RuhuFormField *form_field;

  g_variant_get (parameter, "(&s&s)", &entity, &field);
  item = g_hash_table_lookup (self->items, entity);
  if (item == NULL || self->case_id == NULL ||
      !ruhu_timeline_section_get_can_return (self->timeline))
    return;
  form_field = ruhu_form_lookup_field (ruhu_entity_editor_get_form (item->editor), field);
  ruhu_review_comment_dialog_show (widget, self->device, self->case_id, entity, field,
                                   form_field != NULL ? ruhu_form_field_get_label (form_field)
                                                      : field);
}

void
ruhu_case_page_install_review (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "page.comment-field", "(ss)", comment_field_cb);
}
