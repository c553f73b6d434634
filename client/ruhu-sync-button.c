/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "ruhu-sync-button.h"
#include "ruhu-sync-message.h"

struct _RuhuSyncButton
{
  AdwBin              parent_instance;
  GtkButton          *button;
  GtkStack           *icon_stack;
  GtkSpinner         *spinner;
  GtkLabel           *count_label;

  RuhuSyncController *controller;
};

G_DEFINE_FINAL_TYPE (RuhuSyncButton, ruhu_sync_button, ADW_TYPE_BIN)

/* Counts above this show as "999+" so the button keeps its size. */
#define MAX_SHOWN_COUNT 999

static void
update (RuhuSyncButton *self)
{
  gboolean syncing = ruhu_sync_controller_get_syncing (self->controller);
  gint64 count = ruhu_sync_controller_get_unsynced_count (self->controller);
  const char * const *users = NULL;
  gint64 waiting = ruhu_sync_controller_get_waiting (self->controller, &users);
  g_autofree char *waiting_text = ruhu_sync_describe_waiting (waiting, users);
  g_autofree char *count_text = NULL;
  g_autofree char *pending = NULL;
  g_autofree char *last = NULL;
  g_autofree char *tooltip = NULL;

  if (count > MAX_SHOWN_COUNT)
    count_text = g_strdup_printf ("%d+", MAX_SHOWN_COUNT);
  else
    count_text = g_strdup_printf ("%" PRId64, count);
  gtk_label_set_text (self->count_label, count_text);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), count > 0);

  gtk_stack_set_visible_child_name (self->icon_stack, syncing ? "syncing" : "idle");
  gtk_spinner_set_spinning (self->spinner, syncing);

  pending = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " change not yet synced",
                                          "%" PRId64 " changes not yet synced", count), count);
  last = ruhu_sync_describe_time (ruhu_sync_controller_get_last_sync (self->controller));
  if (syncing)
    tooltip = g_strdup (_("Syncing… Click to stop."));
  else if (waiting_text != NULL)
    /* Translators: the sync button's tooltip: the user's changes not synced,
     * other users' changes left for them, last sync time. */
    tooltip = g_strdup_printf (_("Sync now. %s. %s. %s."), pending, waiting_text, last);
  else
    /* Translators: the sync button's tooltip: changes not synced, last sync time. */
    tooltip = g_strdup_printf (_("Sync now. %s. %s."), pending, last);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}

static void
clicked_cb (RuhuSyncButton *self)
{
  if (self->controller == NULL)
    return;
  if (ruhu_sync_controller_get_syncing (self->controller))
    ruhu_sync_controller_cancel (self->controller);
  else
    ruhu_sync_controller_start (self->controller);
}

static void
ruhu_sync_button_dispose (GObject *object)
{
  RuhuSyncButton *self = RUHU_SYNC_BUTTON (object);

  ruhu_sync_button_set_controller (self, NULL);
  G_OBJECT_CLASS (ruhu_sync_button_parent_class)->dispose (object);
}

static void
ruhu_sync_button_class_init (RuhuSyncButtonClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ruhu_sync_button_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/ruhu/Ruhu/ruhu-sync-button.ui");
  gtk_widget_class_bind_template_child (widget_class, RuhuSyncButton, button);
  gtk_widget_class_bind_template_child (widget_class, RuhuSyncButton, icon_stack);
  gtk_widget_class_bind_template_child (widget_class, RuhuSyncButton, spinner);
  gtk_widget_class_bind_template_child (widget_class, RuhuSyncButton, count_label);
  gtk_widget_class_bind_template_callback (widget_class, clicked_cb);
  gtk_widget_class_set_css_name (widget_class, "syncbutton");
}

static void
ruhu_sync_button_init (RuhuSyncButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sync now"), -1);
}

RuhuSyncButton *
ruhu_sync_button_new (void)
{
  return g_object_new (RUHU_TYPE_SYNC_BUTTON, NULL);
}

/**
 * ruhu_sync_button_set_controller:
 * @controller: (nullable): what the button shows and drives
 */
void
ruhu_sync_button_set_controller (RuhuSyncButton     *self,
                                 RuhuSyncController *controller)
{
  g_return_if_fail (RUHU_IS_SYNC_BUTTON (self));
  g_return_if_fail (controller == NULL || RUHU_IS_SYNC_CONTROLLER (controller));

  if (self->controller == controller)
    return;
  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_data (self->controller, self);
  g_set_object (&self->controller, controller);
  gtk_widget_set_sensitive (GTK_WIDGET (self->button), controller != NULL);
  if (controller == NULL)
    return;
  g_signal_connect_swapped (controller, "notify::syncing", G_CALLBACK (update), self);
  g_signal_connect_swapped (controller, "notify::unsynced-count", G_CALLBACK (update), self);
  g_signal_connect_swapped (controller, "notify::last-sync", G_CALLBACK (update), self);
  update (self);
}

/* The count the button shows ("" when it shows none), for tests. */
const char *
ruhu_sync_button_get_label (RuhuSyncButton *self)
{
  g_return_val_if_fail (RUHU_IS_SYNC_BUTTON (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->count_label))
         ? gtk_label_get_text (self->count_label) : "";
}
