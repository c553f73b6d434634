/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-case-list-private.h"

/* The filter menu: stateful actions in the "list" group, one per filter,
 * each telling the GtkFilter how much its change can alter the result so
 * that narrowing only re-checks the cases still shown. */

#define ANY "any"

static const char * const due_names[] = {
  [RUHU_CASE_DUE_ANY] = ANY,
  [RUHU_CASE_DUE_SOON] = "soon",
  [RUHU_CASE_DUE_OVERDUE] = "overdue",
};

static int
lookup_name (const char * const *names,
             guint               n_names,
             const char         *name)
{
  for (guint i = 0; i < n_names; i++)
    if (g_str_equal (names[i], name))
      return (int) i;
  return -1;
}

/* From "any" to something narrows, back widens, between two differs. */
static GtkFilterChange
choice_change (gboolean was_any,
               gboolean is_any)
{
  if (was_any == is_any)
    return GTK_FILTER_CHANGE_DIFFERENT;
  return was_any ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT;
}

static void
show_filter_count (RuhuCaseList *self)
{
  guint n = ruhu_case_filter_count (&self->criteria);
  g_autofree char *label = NULL;

  if (n > 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "filters-on");
      label = g_strdup_printf (ngettext ("Filter and sort, %u filter on",
                                         "Filter and sort, %u filters on", n), n);
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "filters-on");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->filter_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label != NULL ? label : _("Filter and sort"), -1);
}

static void
refilter (RuhuCaseList    *self,
          GtkFilterChange  change)
{
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  show_filter_count (self);
}

static GtkFilterChange
set_choice (RuhuCaseList *self,
            const char   *action,
            const char   *value)
{
  gboolean is_any = g_str_equal (value, ANY);
  gboolean was_any;

  if (g_str_equal (action, "state"))
    {
      RuhuCaseState state;

      was_any = self->criteria.state < 0;
      self->criteria.state = ruhu_case_state_from_string (value, &state) ? (int) state : -1;
      is_any = self->criteria.state < 0;
    }
  else if (g_str_equal (action, "category"))
    {
      was_any = self->criteria.category == NULL;
      g_free (self->criteria.category);
      self->criteria.category = is_any ? NULL : g_strdup (value);
    }
  else
    {
      was_any = self->criteria.due == RUHU_CASE_DUE_ANY;
      self->criteria.due = MAX (lookup_name (due_names, G_N_ELEMENTS (due_names), value), 0);
      is_any = self->criteria.due == RUHU_CASE_DUE_ANY;
    }
  return choice_change (was_any, is_any);
}

static gboolean *
flag_for (RuhuCaseList *self,
          const char   *action)
{
  if (g_str_equal (action, "assigned"))
    return &self->criteria.assigned_to_me;
  if (g_str_equal (action, "returned"))
    return &self->criteria.returned;
  if (g_str_equal (action, "conflicts"))
    return &self->criteria.conflicts;
  return &self->criteria.unsynced;
}

static void
change_state_cb (GSimpleAction *action,
                 GVariant      *state,
                 gpointer       user_data)
{
  RuhuCaseList *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));
  g_autoptr(GVariant) old = g_action_get_state (G_ACTION (action));

  if (g_variant_equal (old, state))
    return;
  g_simple_action_set_state (action, state);
  if (g_str_equal (name, "sort"))
    {
      self->sort = g_str_equal (g_variant_get_string (state, NULL), "name") ? RUHU_CASE_SORT_NAME
                                                                            : RUHU_CASE_SORT_DEADLINE;
      gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
    }
  else if (g_variant_is_of_type (state, G_VARIANT_TYPE_BOOLEAN))
    {
      gboolean *flag = flag_for (self, name);

      *flag = g_variant_get_boolean (state);
      refilter (self, *flag ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT);
    }
  else
    refilter (self, set_choice (self, name, g_variant_get_string (state, NULL)));
}

static void
clear_cb (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  RuhuCaseList *self = user_data;
  GActionGroup *group = self->actions;
  static const char * const choices[] = { "state", "category", "due" };
  static const char * const flags[] = { "assigned", "returned", "conflicts", "unsynced" };

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    g_action_group_change_action_state (group, choices[i], g_variant_new_string (ANY));
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    g_action_group_change_action_state (group, flags[i], g_variant_new_boolean (FALSE));
}

void
ruhu_case_list_install_actions (RuhuCaseList *self)
{
  const GActionEntry entries[] = {
    { "sort", NULL, "s", "'deadline'", change_state_cb },
    { "state", NULL, "s", "'" ANY "'", change_state_cb },
    { "category", NULL, "s", "'" ANY "'", change_state_cb },
    { "due", NULL, "s", "'" ANY "'", change_state_cb },
    { "assigned", NULL, NULL, "false", change_state_cb },
    { "returned", NULL, NULL, "false", change_state_cb },
    { "conflicts", NULL, NULL, "false", change_state_cb },
    { "unsynced", NULL, NULL, "false", change_state_cb },
    { "clear", clear_cb },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "list", G_ACTION_GROUP (group));
  self->actions = G_ACTION_GROUP (group);
}

static void
append_choice (GMenu      *menu,
               const char *label,
               const char *action,
               const char *target)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (target));
  g_menu_append_item (menu, item);
}

/* The state and category choices: the categories come from the
 * household form, so a region's own categories appear too. */
void
ruhu_case_list_fill_menus (RuhuCaseList *self)
{
  RuhuForm *form = ruhu_form_set_lookup (ruhu_device_get_forms (self->device), "household");
  RuhuFormField *field = form != NULL ? ruhu_form_lookup_field (form, "category") : NULL;
  guint n_options = field != NULL ? ruhu_form_field_get_n_options (field) : 0;

  g_menu_remove_all (self->state_menu);
  append_choice (self->state_menu, _("Any State"), "list.state", ANY);
  for (RuhuCaseState state = 0; state < RUHU_N_CASE_STATES; state++)
    append_choice (self->state_menu, ruhu_case_state_get_label (state), "list.state",
                   ruhu_case_state_to_string (state));

  g_menu_remove_all (self->category_menu);
  append_choice (self->category_menu, _("Any Category"), "list.category", ANY);
  for (guint i = 0; i < n_options; i++)
    append_choice (self->category_menu, ruhu_form_field_get_option_label (field, i), "list.category",
                   ruhu_form_field_get_option_value (field, i));
}
