/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-review-comment-dialog.h"
#include "ruhu-review-comments.h"

/* The comment as typed, for the worker thread. */
typedef struct
{
  RuhuDevice *device;
  char       *case_id;
  char       *entity;
  char       *field;
  char       *text;
} CommentJob;

static void
comment_job_free (CommentJob *job)
{
  g_clear_object (&job->device);
  g_free (job->case_id);
  g_free (job->entity);
  g_free (job->field);
  g_free (job->text);
  g_free (job);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CommentJob *job = task_data;
  g_autofree char *id = NULL;
  GError *error = NULL;

  id = ruhu_review_comments_write (ruhu_device_get_store (job->device), job->case_id,
                                   job->entity, job->field, job->text,
                                   ruhu_device_get_actor (job->device), &error);
  if (id == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CommentJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Could not write the comment for return: %s", error->message);
  else
    ruhu_device_case_changed (job->device, job->case_id);
}

static char *
typed_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
text_changed_cb (AdwMessageDialog *dialog,
                 GtkTextBuffer    *buffer)
{
  g_autofree char *text = typed_text (GTK_TEXT_VIEW (adw_message_dialog_get_extra_child (dialog)));

  adw_message_dialog_set_response_enabled (dialog, "add", text != NULL);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             CommentJob       *job)
{
  g_autoptr(GTask) task = NULL;

  if (!g_str_equal (response, "add"))
    return;
  job->text = typed_text (GTK_TEXT_VIEW (adw_message_dialog_get_extra_child (dialog)));
  if (job->text == NULL)
    return;
  task = g_task_new (NULL, NULL, write_done_cb, NULL);
  g_task_set_source_tag (task, response_cb);
  /* The dialog goes now; the job lives on with the task. */
  g_object_steal_data (G_OBJECT (dialog), "job");
  g_task_set_task_data (task, job, (GDestroyNotify) comment_job_free);
  g_task_run_in_thread (task, write_thread);
}

static GtkWidget *
comment_view (const char *label)
{
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_set_size_request (view, -1, 88);
  gtk_widget_add_css_class (view, "card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return view;
}

/**
 * ruhu_review_comment_dialog_show:
 * @field_label: the field's label, as the user knows it
 *
 * Opens the dialog over @parent's window.
 */
void
ruhu_review_comment_dialog_show (GtkWidget  *parent,
                                 RuhuDevice *device,
                                 const char *case_id,
                                 const char *entity,
                                 const char *field,
                                 const char *field_label)
{
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  CommentJob *job = g_new0 (CommentJob, 1);
  g_autofree char *body = NULL;
  GtkWidget *dialog, *view;

  job->device = g_object_ref (device);
  job->case_id = g_strdup (case_id);
  job->entity = g_strdup (entity);
  job->field = g_strdup (field);
  /* Translators: %s is the label of the field commented on. */
  body = g_strdup_printf (_("On “%s”. The investigators see it under the field once the case "
                            "is returned to them."), field_label);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Comment for Return"), body);
  view = comment_view (_("Comment for return"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), view);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    /* Translators: saves a comment on a field for the return. */
                                    "add", _("_Add Comment"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "job", job, (GDestroyNotify) comment_job_free);
  g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                            G_CALLBACK (text_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), job);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
}
