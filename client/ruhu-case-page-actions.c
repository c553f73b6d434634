/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-case-page-private.h"
#include "ruhu-id.h"

/* Adding and removing entries: members, items, interviews. A new entity is
 * created by writing the one field the user chose it by (a kind of income,
 * a member's role), so nothing is filled in that the user did not pick. */

static void
show_toast (RuhuCasePage *self,
            const char   *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* The value for "add" buttons that pass no value: today, or now. */
static JsonNode *
current_value (RuhuFormField *field)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = NULL;

  if (ruhu_form_field_get_field_type (field) == RUHU_FIELD_DATETIME)
    text = g_date_time_format (now, "%Y-%m-%dT%H:%M:00%:z");
  else
    text = g_date_time_format (now, "%Y-%m-%d");
  return json_node_init_string (json_node_alloc (), text);
}

static const char *
parent_for (RuhuCasePage *self,
            RuhuForm     *form)
{
  const char *parent_kind = ruhu_form_accepts_parent (form, "check_sheet") ? "check_sheet"
                                                                          : "household";
  RuhuCaseEntity *parent = ruhu_case_snapshot_first (self->snapshot, parent_kind);

  return parent != NULL ? parent->id : NULL;
}

static void
add_entity_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RuhuCasePage *self = RUHU_CASE_PAGE (widget);
  const char *kind, *field_name, *text;
  RuhuForm *form;
  RuhuFormField *field;
  const char *parent;
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(RuhuOp) op = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = ruhu_id_new ();

  g_variant_get (parameter, "(&s&s&s)", &kind, &field_name, &text);
  if (self->snapshot == NULL || self->device == NULL ||
      (form = ruhu_form_set_lookup (ruhu_device_get_forms (self->device), kind)) == NULL ||
      (field = ruhu_form_lookup_field (form, field_name)) == NULL)
    return;
  if ((parent = parent_for (self, form)) == NULL)
    {
      show_toast (self, _("Start the check sheet first"));
      return;
    }
  value = *text != '\0' ? json_node_init_string (json_node_alloc (), text) : current_value (field);
  g_free (self->expand_id);
  self->expand_id = g_strdup (id);
  op = ruhu_device_write (self->device, id, kind, self->case_id, parent, field_name, value, &error);
  if (op == NULL)
    show_toast (self, error->message);
}

static void
remove_entity_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RuhuCasePage *self = RUHU_CASE_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(RuhuOp) op = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (self->device == NULL)
    return;
  op = ruhu_device_set_deleted (self->device, id, TRUE, &error);
  if (op == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  /* Translators: after removing an entry from a case; the button undoes it. */
  toast = adw_toast_new (_("Removed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "page.restore-entity");
  adw_toast_set_action_target_value (toast, g_variant_new_string (id));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
restore_entity_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RuhuCasePage *self = RUHU_CASE_PAGE (widget);
  g_autoptr(RuhuOp) op = NULL;
  g_autoptr(GError) error = NULL;

  if (self->device == NULL)
    return;
  op = ruhu_device_set_deleted (self->device, g_variant_get_string (parameter, NULL), FALSE, &error);
  if (op == NULL)
    show_toast (self, error->message);
}

void
ruhu_case_page_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "page.add-entity", "(sss)", add_entity_cb);
  gtk_widget_class_install_action (widget_class, "page.remove-entity", "s", remove_entity_cb);
  gtk_widget_class_install_action (widget_class, "page.restore-entity", "s", restore_entity_cb);
}

/* A menu of a choice field's options, each adding an entity with it. */
static GMenuModel *
options_menu (RuhuCasePage *self,
              const char   *kind,
              const char   *field_name)
{
  RuhuForm *form = ruhu_form_set_lookup (ruhu_device_get_forms (self->device), kind);
  RuhuFormField *field = form != NULL ? ruhu_form_lookup_field (form, field_name) : NULL;
  GMenu *menu = g_menu_new ();

  for (guint i = 0; field != NULL && i < ruhu_form_field_get_n_options (field); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (ruhu_form_field_get_option_label (field, i), NULL);

      g_menu_item_set_action_and_target (item, "page.add-entity", "(sss)", kind, field_name,
                                         ruhu_form_field_get_option_value (field, i));
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

/* Authorisations are added for a member: one menu entry per member. */
static GMenuModel *
members_menu (RuhuCasePage *self)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GPtrArray) members = NULL;

  if (self->snapshot == NULL)
    return G_MENU_MODEL (menu);
  members = ruhu_case_snapshot_children (self->snapshot, NULL, "member");
  for (guint i = 0; i < members->len; i++)
    {
      RuhuCaseEntity *member = g_ptr_array_index (members, i);
      const char *name = ruhu_case_entity_get_string (member, "name");
      g_autoptr(GMenuItem) item = g_menu_item_new (name != NULL ? name : _("Unnamed member"), NULL);

      g_menu_item_set_action_and_target (item, "page.add-entity", "(sss)", "authorisation",
                                         "member", member->id);
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

static void
set_menu (RuhuCasePage *self,
          guint         section,
          GMenuModel   *menu)
{
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->sections[section].add_button), menu);
  g_object_unref (menu);
}

/* Menus come from the forms (kinds of income…) and the case (members). */
void
ruhu_case_page_update_menus (RuhuCasePage *self)
{
  if (self->device == NULL)
    return;
  if (gtk_menu_button_get_menu_model (
        GTK_MENU_BUTTON (self->sections[SECTION_INCOME].add_button)) == NULL)
    {
      set_menu (self, SECTION_APPLICATION, options_menu (self, "application", "category"));
      set_menu (self, SECTION_INCOME, options_menu (self, "income", "kind"));
      set_menu (self, SECTION_ASSETS, options_menu (self, "asset", "kind"));
      set_menu (self, SECTION_EXPENSES, options_menu (self, "expense", "kind"));
    }
  set_menu (self, SECTION_AUTHORISATIONS, members_menu (self));
}
