/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-assign-dialog.h"
#include "ruhu-assign-job.h"
#include "ruhu-assignment.h"
#include "ruhu-roster.h"

struct _RuhuAssignDialog
{
  AdwWindow        parent_instance;
  RuhuDevice      *device;
  char            *case_id;
  GCancellable    *cancellable;
  RuhuAssignState *state;   /* NULL until loaded */
  GPtrArray       *checks;  /* GtkCheckButton*, in the roster's order */

  AdwWindowTitle  *window_title;
  GtkWidget       *assign_button;
  GtkLabel        *team_label;
  GtkWidget       *roster_group;
  GtkListBox      *roster_list;
  GtkWidget       *empty_page;
  GtkLabel        *message_label;
};

G_DEFINE_FINAL_TYPE (RuhuAssignDialog, ruhu_assign_dialog, ADW_TYPE_WINDOW)

enum {
  LOADED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static void
show_message (RuhuAssignDialog *self,
              const char       *text)
{
  gtk_label_set_text (self->message_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL);
}

static gboolean
may_assign (RuhuAssignDialog *self)
{
  return g_strcmp0 (ruhu_device_get_role (self->device), "supervisor") == 0;
}

static GStrv
chosen_team (RuhuAssignDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      {
        RuhuRosterEntry *entry = g_ptr_array_index (self->state->roster, i);

        g_strv_builder_add (builder, entry->user_id);
      }
  return g_strv_builder_end (builder);
}

/* Whether @a and @b hold the same user ids, in any order. */
static gboolean
same_team (GStrv a,
           GStrv b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (g_strv_length (a) != g_strv_length (b))
    return FALSE;
  for (guint i = 0; a[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) b, a[i]))
      return FALSE;
  return TRUE;
}

static void
update_assign_button (RuhuAssignDialog *self)
{
  g_auto(GStrv) team = NULL;
  gboolean ok = FALSE;

  if (self->state != NULL && self->state->household != NULL && may_assign (self))
    {
      team = chosen_team (self);
      ok = g_strv_length (team) >= RUHU_ASSIGNMENT_MIN_TEAM && !same_team (team, self->state->team);
    }
  gtk_widget_set_sensitive (self->assign_button, ok);
}

static const char *
name_of (RuhuAssignDialog *self,
         const char       *user_id)
{
  for (guint i = 0; i < self->state->roster->len; i++)
    {
      RuhuRosterEntry *entry = g_ptr_array_index (self->state->roster, i);

      if (g_strcmp0 (entry->user_id, user_id) == 0)
        return entry->name;
    }
  return user_id;
}

static void
show_team (RuhuAssignDialog *self)
{
  g_autoptr(GString) names = g_string_new (NULL);
  GStrv team = self->state->team;

  if (team == NULL)
    {
      gtk_label_set_text (self->team_label, _("No investigators are assigned to this case yet."));
      return;
    }
  for (guint i = 0; team[i] != NULL; i++)
    {
      if (i > 0)
        /* Translators: the separator between the names of a team's investigators. */
        g_string_append (names, _(", "));
      g_string_append (names, name_of (self, team[i]));
    }
  gtk_label_set_text (self->team_label, names->str);
}

static GtkWidget *
new_roster_row (RuhuAssignDialog      *self,
                const RuhuRosterEntry *entry)
{
  g_autofree char *where = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  if (g_strcmp0 (entry->place, ruhu_device_get_place (self->device)) == 0)
    where = g_strdup (_("your township"));
  else
    /* Translators: where an investigator works; %s is a division code. */
    where = g_strdup_printf (_("township %s"), entry->place);
  /* Translators: a roster row's subtitle: the user name, then where they work. */
  subtitle = g_strdup_printf (_("%s · %s"), entry->user_id, where);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  entry->name, -1);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               self->state->team != NULL &&
                               g_strv_contains ((const char * const *) self->state->team,
                                                entry->user_id));
  g_signal_connect_object (check, "toggled", G_CALLBACK (update_assign_button), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_ptr_array_add (self->checks, check);
  return row;
}

static void
show_state (RuhuAssignDialog *self)
{
  gboolean empty = self->state->roster->len == 0;

  adw_window_title_set_subtitle (self->window_title,
                                 self->state->head_name != NULL ? self->state->head_name : "");
  show_team (self);
  for (guint i = 0; i < self->state->roster->len; i++)
    gtk_list_box_append (self->roster_list,
                         new_roster_row (self, g_ptr_array_index (self->state->roster, i)));
  gtk_widget_set_visible (self->roster_group, !empty);
  gtk_widget_set_visible (self->empty_page, empty);
  if (!may_assign (self))
    show_message (self, _("Only a township supervisor may assign investigators."));
  else if (self->state->household == NULL)
    show_message (self, _("This case has no household yet: enter the household first."));
  update_assign_button (self);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RuhuAssignDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  RuhuAssignState *state = ruhu_assign_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (state == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not read the case: %s"), error->message);

      gtk_label_set_text (self->team_label, "");
      show_message (self, text);
    }
  else
    {
      self->state = state;
      show_state (self);
    }
  g_signal_emit (self, signals[LOADED], 0);
}

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RuhuAssignDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (ruhu_assign_write_finish (result, &error))
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  text = g_strdup_printf (_("Could not save the team: %s"), error->message);
  show_message (self, text);
  update_assign_button (self);
}

static void
assign_clicked_cb (RuhuAssignDialog *self)
{
  g_auto(GStrv) team = chosen_team (self);

  gtk_widget_set_sensitive (self->assign_button, FALSE);
  show_message (self, NULL);
  ruhu_assign_write_async (self->device, self->case_id, self->state->household,
                           (const char * const *) team, self->cancellable, write_done_cb,
                           g_object_ref (self));
}

static void
ruhu_assign_dialog_dispose (GObject *object)
{
  RuhuAssignDialog *self = RUHU_ASSIGN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RUHU_TYPE_ASSIGN_DIALOG);
  G_OBJECT_CLASS (ruhu_assign_dialog_parent_class)->dispose (object);
}

static void
ruhu_assign_dialog_finalize (GObject *object)
{
  RuhuAssignDialog *self = RUHU_ASSIGN_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->device);
  g_clear_pointer (&self->state, ruhu_assign_state_free);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_free (self->case_id);
  G_OBJECT_CLASS (ruhu_assign_dialog_parent_class)->finalize (object);
}

static void
ruhu_assign_dialog_class_init (RuhuAssignDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ruhu_assign_dialog_dispose;
  object_class->finalize = ruhu_assign_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/ruhu/Ruhu/ruhu-assign-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RuhuAssignDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RuhuAssignDialog, assign_button);
  gtk_widget_class_bind_template_child (widget_class, RuhuAssignDialog, team_label);
  gtk_widget_class_bind_template_child (widget_class, RuhuAssignDialog, roster_group);
  gtk_widget_class_bind_template_child (widget_class, RuhuAssignDialog, roster_list);
  gtk_widget_class_bind_template_child (widget_class, RuhuAssignDialog, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RuhuAssignDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, assign_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  /**
   * RuhuAssignDialog::loaded:
   *
   * The roster and the current team are shown (or why they cannot be).
   */
  signals[LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
ruhu_assign_dialog_init (RuhuAssignDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->checks = g_ptr_array_new ();
}

/**
 * ruhu_assign_dialog_new:
 *
 * Returns: (transfer full): a dialog to assign @case_id's team; it reads
 *   the roster and the current team in the background
 */
RuhuAssignDialog *
ruhu_assign_dialog_new (RuhuDevice *device,
                        const char *case_id)
{
  RuhuAssignDialog *self;

  g_return_val_if_fail (RUHU_IS_DEVICE (device), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);
  self = g_object_new (RUHU_TYPE_ASSIGN_DIALOG, NULL);
  self->device = g_object_ref (device);
  self->case_id = g_strdup (case_id);
  ruhu_assign_load_async (device, case_id, self->cancellable, load_done_cb, g_object_ref (self));
  return self;
}

/* Opens the dialog over @parent's window. */
void
ruhu_assign_dialog_show (GtkWidget  *parent,
                         RuhuDevice *device,
                         const char *case_id)
{
  RuhuAssignDialog *self = ruhu_assign_dialog_new (device, case_id);
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (self));
}
