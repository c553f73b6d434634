/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-aid-tasks.h"
#include "ruhu-case-page-aid.h"
#include "ruhu-case-page-private.h"

/* A handful of writes, like adding any entry: done on the spot. */
static void
create_aid_tasks_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RuhuCasePage *self = RUHU_CASE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) created = NULL;
  g_autofree char *message = NULL;

  if (self->case_id == NULL)
    return;
  created = ruhu_aid_tasks_create_missing (ruhu_device_get_store (self->device), self->case_id,
                                           ruhu_device_get_actor (self->device), &error);
  if (created == NULL)
    /* Translators: %s says why the linked aid tasks could not be written */
    message = g_strdup_printf (_("The tasks could not be created: %s"), error->message);
  else if (created->len == 0)
    /* Translators: every linked aid item the application chose has a task already */
    message = g_strdup (_("No linked aid task is missing"));
  else
    message = g_strdup_printf (ngettext ("%u linked aid task created",
                                         "%u linked aid tasks created", created->len),
                               created->len);
  if (created != NULL && created->len > 0)
    ruhu_device_case_changed (self->device, self->case_id);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

void
ruhu_case_page_install_aid_tasks (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "page.create-aid-tasks", NULL,
                                   create_aid_tasks_cb);
}
