/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-discovery-actions.h"
#include "ruhu-discovery.h"

struct _RuhuDiscoveryActions
{
  AdwBin               parent_instance;
  RuhuDevice          *device;
  char                *case_id;

  AdwPreferencesGroup *group;
  GtkWidget           *outcome_list;
  AdwActionRow        *outcome_row;
  GtkWidget           *button_box;
  GtkLabel            *status_label;
};

G_DEFINE_FINAL_TYPE (RuhuDiscoveryActions, ruhu_discovery_actions, ADW_TYPE_BIN)

/* Who may decide on a report on their device; the server checks again. */
static const char * const deciding_roles[] = { "supervisor", "village_assistant", NULL };

static const char decide_hint[] =
  N_("Turn it into an application made on the household’s behalf, or close it with a reason.");

static char *
report_text (GHashTable *fields,
             const char *name)
{
  JsonNode *value = g_hash_table_lookup (fields, name);

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
      json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (value));
}

static char *
format_time (const char *iso)
{
  g_autoptr(GDateTime) time = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;

  return time != NULL ? g_date_time_format (time, "%Y-%m-%d %H:%M") : g_strdup (iso);
}

/* "By …, …" for one decision. */
static char *
describe_decider (const char *by,
                  const char *at_iso)
{
  g_autofree char *at = format_time (at_iso);

  /* Translators: who decided on a discovery report, and when. */
  return g_strdup_printf (_("By %s, %s"), by != NULL ? by : "", at != NULL ? at : "");
}

/* Two devices decided differently offline: each decision, by whom, and
 * what settles it. */
static char *
describe_contest (RuhuStore  *store,
                  const char *report,
                  GHashTable *fields)
{
  g_autoptr(GPtrArray) heads = ruhu_store_get_heads (store, report, "outcome", NULL);
  g_autofree char *reason = report_text (fields, "closed_reason");
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; heads != NULL && i < heads->len; i++)
    {
      RuhuOp *head = g_ptr_array_index (heads, i);
      const char *outcome = JSON_NODE_HOLDS_VALUE (head->value) &&
                            json_node_get_value_type (head->value) == G_TYPE_STRING
                            ? json_node_get_string (head->value) : NULL;

      if (g_strcmp0 (outcome, RUHU_DISCOVERY_OUTCOME_CLOSED) == 0)
        /* Translators: first who closed a discovery report, then why. */
        g_string_append_printf (text, _("Closed by %s: %s"), head->actor,
                                reason != NULL ? reason : "");
      else if (g_strcmp0 (outcome, RUHU_DISCOVERY_OUTCOME_APPLICATION) == 0)
        /* Translators: %s is who turned a discovery report into an application. */
        g_string_append_printf (text, _("Turned into an application by %s"), head->actor);
      else
        continue;
      g_string_append_c (text, '\n');
    }
  g_string_append (text, _("Decided differently on two devices. No step is taken on the case "
                           "until someone settles the conflict on the outcome."));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
show_outcome (RuhuDiscoveryActions *self,
              RuhuStore            *store,
              const char           *report,
              GHashTable           *fields)
{
  RuhuDiscoveryState state = ruhu_discovery_get_state (store, report);
  g_autofree char *by = report_text (fields, "outcome_by");
  g_autofree char *at = report_text (fields, "outcome_at");
  g_autofree char *reason = report_text (fields, "closed_reason");
  g_autofree char *who = describe_decider (by, at);
  g_autofree char *subtitle = NULL;
  const char *title = _("Turned into an application");
  const char *icon = "emblem-ok-symbolic";

  gtk_widget_set_visible (self->outcome_list, state != RUHU_DISCOVERY_UNDECIDED);
  if (state == RUHU_DISCOVERY_UNDECIDED)
    return;
  if (state == RUHU_DISCOVERY_CONTESTED)
    {
      title = _("Both closed and turned into an application");
      icon = "dialog-warning-symbolic";
      subtitle = describe_contest (store, report, fields);
    }
  else if (state == RUHU_DISCOVERY_CLOSED)
    {
      /* Translators: %s is why the discovery report was closed. */
      g_autofree char *because = reason != NULL ? g_strdup_printf (_("Reason: %s"), reason)
                                                : NULL;

      title = _("Closed");
      icon = "window-close-symbolic";
      subtitle = because != NULL ? g_strconcat (because, "\n", who, NULL) : g_strdup (who);
    }
  else
    subtitle = g_strdup (who);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->outcome_row), title);
  adw_action_row_set_icon_name (self->outcome_row, icon);
  adw_action_row_set_subtitle (self->outcome_row, subtitle);
}

/* Reads the report again: small, so on the main thread like a write. */
static void
reload (RuhuDiscoveryActions *self)
{
  RuhuStore *store = self->device != NULL ? ruhu_device_get_store (self->device) : NULL;
  g_autofree char *report = NULL;
  g_autoptr(GHashTable) fields = NULL;
  const char *role = self->device != NULL ? ruhu_device_get_role (self->device) : NULL;
  gboolean may_decide;

  if (store != NULL && self->case_id != NULL)
    report = ruhu_discovery_find_report (store, self->case_id, NULL);
  if (report != NULL)
    fields = ruhu_store_get_fields (store, report, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self), fields != NULL);
  if (fields == NULL)
    return;
  show_outcome (self, store, report, fields);
  may_decide = role != NULL && g_strv_contains (deciding_roles, role) &&
               !gtk_widget_get_visible (self->outcome_list);
  gtk_widget_set_visible (self->button_box, may_decide);
  adw_preferences_group_set_description (self->group, may_decide ? _(decide_hint) : NULL);
}

static void
show_error (RuhuDiscoveryActions *self,
            const GError         *error)
{
  gtk_label_set_text (self->status_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), error != NULL);
}

static void
case_changed_cb (RuhuDiscoveryActions *self,
                 const char           *case_id)
{
  if (case_id == NULL || g_strcmp0 (case_id, self->case_id) == 0)
    reload (self);
}

/* After a decision: this section, the case page and the list read it. */
static gboolean
finish (RuhuDiscoveryActions *self,
        gboolean              done,
        const GError         *error)
{
  show_error (self, done ? NULL : error);
  if (done)
    ruhu_device_case_changed (self->device, self->case_id);
  return done;
}

/**
 * ruhu_discovery_actions_make_application:
 *
 * Turns the case's report into an application made on the household's
 * behalf; a failure is shown in the section.
 *
 * Returns: whether the report is now an application
 */
gboolean
ruhu_discovery_actions_make_application (RuhuDiscoveryActions *self)
{
  g_autoptr(GError) error = NULL;
  gboolean done;

  g_return_val_if_fail (RUHU_IS_DISCOVERY_ACTIONS (self), FALSE);
  g_return_val_if_fail (self->case_id != NULL, FALSE);

  done = ruhu_discovery_make_application (ruhu_device_get_store (self->device), self->case_id,
                                          ruhu_device_get_actor (self->device), &error);
  return finish (self, done, error);
}

/**
 * ruhu_discovery_actions_close:
 * @reason: why; an empty one is refused with a message in the section
 *
 * Returns: whether the report is now closed
 */
gboolean
ruhu_discovery_actions_close (RuhuDiscoveryActions *self,
                              const char           *reason)
{
  g_autoptr(GError) error = NULL;
  gboolean done;

  g_return_val_if_fail (RUHU_IS_DISCOVERY_ACTIONS (self), FALSE);
  g_return_val_if_fail (self->case_id != NULL, FALSE);

  done = ruhu_discovery_close (ruhu_device_get_store (self->device), self->case_id, reason,
                               ruhu_device_get_actor (self->device), &error);
  return finish (self, done, error);
}

static void
apply_clicked_cb (RuhuDiscoveryActions *self)
{
  ruhu_discovery_actions_make_application (self);
}

static void
close_response_cb (AdwMessageDialog     *dialog,
                   const char           *response,
                   RuhuDiscoveryActions *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  if (g_str_equal (response, "close"))
    ruhu_discovery_actions_close (self, gtk_editable_get_text (entry));
}

/* The dialog's Close stays off until there is a reason to give. */
static void
reason_changed_cb (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "close", *reason != '\0');
}

static void
close_clicked_cb (RuhuDiscoveryActions *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("Close the Report?"),
                                              _("No application will be made. Say why, for "
                                                "the record and for the village assistant."));
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for closing"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "close", _("C_lose Report"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "close", FALSE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (reason_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ruhu_discovery_actions_dispose (GObject *object)
{
  RuhuDiscoveryActions *self = RUHU_DISCOVERY_ACTIONS (object);

  g_clear_object (&self->device);
  g_clear_pointer (&self->case_id, g_free);
  G_OBJECT_CLASS (ruhu_discovery_actions_parent_class)->dispose (object);
}

static void
ruhu_discovery_actions_class_init (RuhuDiscoveryActionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ruhu_discovery_actions_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/ruhu/Ruhu/ruhu-discovery-actions.ui");
  gtk_widget_class_bind_template_child (widget_class, RuhuDiscoveryActions, group);
  gtk_widget_class_bind_template_child (widget_class, RuhuDiscoveryActions, outcome_list);
  gtk_widget_class_bind_template_child (widget_class, RuhuDiscoveryActions, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, RuhuDiscoveryActions, button_box);
  gtk_widget_class_bind_template_child (widget_class, RuhuDiscoveryActions, status_label);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_clicked_cb);
}

static void
ruhu_discovery_actions_init (RuhuDiscoveryActions *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RuhuDiscoveryActions *
ruhu_discovery_actions_new (RuhuDevice *device)
{
  RuhuDiscoveryActions *self;

  g_return_val_if_fail (RUHU_IS_DEVICE (device), NULL);

  self = g_object_new (RUHU_TYPE_DISCOVERY_ACTIONS, NULL);
  self->device = g_object_ref (device);
  g_signal_connect_object (device, "case-changed", G_CALLBACK (case_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

void
ruhu_discovery_actions_set_case (RuhuDiscoveryActions *self,
                                 const char           *case_id)
{
  g_return_if_fail (RUHU_IS_DISCOVERY_ACTIONS (self));

  g_free (self->case_id);
  self->case_id = g_strdup (case_id);
  show_error (self, NULL);
  reload (self);
}
