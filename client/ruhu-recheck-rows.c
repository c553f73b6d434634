/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-date.h"
#include "ruhu-recheck-rows.h"

/**
 * ruhu_recheck_rate_row_new:
 *
 * Returns: (transfer floating): a village's row: how many of its
 *   households due were visited, with a level bar
 */
GtkWidget *
ruhu_recheck_rate_row_new (const RuhuVisitRate *rate)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *bar = gtk_level_bar_new ();
  GtkWidget *percent;
  g_autofree char *subtitle = NULL;
  g_autofree char *percent_text = NULL;
  double fraction = ruhu_visit_rate_get_fraction (rate);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 rate->village_name != NULL ? rate->village_name
                                                            : _("Village not entered"));
  subtitle = g_strdup_printf (ngettext ("%u of %u household visited",
                                        "%u of %u households visited", rate->n_due),
                              rate->n_visited, rate->n_due);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), fraction);
  gtk_widget_set_size_request (bar, 96, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Visit rate"), -1);
  /* Translators: a visit rate, e.g. "67 %"; %d is a whole percentage */
  percent_text = g_strdup_printf (_("%d %%"), (int) (fraction * 100 + 0.5));
  percent = gtk_label_new (percent_text);
  gtk_label_set_width_chars (GTK_LABEL (percent), 5);
  gtk_label_set_xalign (GTK_LABEL (percent), 1);
  gtk_widget_add_css_class (percent, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), percent);
  return row;
}

/* When the re-check is due, against the day the list was made. */
static char *
describe_when (const RuhuRecheckItem *item,
               gboolean               aliveness)
{
  g_autofree char *due = ruhu_date_format (&item->due);
  g_autofree char *since = ruhu_date_format (&item->since);

  if (aliveness)
    /* Translators: the aliveness check's due date, and the day the
     * recipient last confirmed being alive, or the aid was published */
    return g_strdup_printf (_("Due %s; last confirmation or publication %s"), due, since);
  if (item->state == RUHU_CASE_STATE_UNDER_REVIEW)
    /* Translators: %s is the date the yearly review was due */
    return g_strdup_printf (_("Review under way; due %s"), due);
  if (item->days_left < 0)
    return g_strdup_printf (ngettext ("Due %s, %d day late", "Due %s, %d days late",
                                      -item->days_left), due, -item->days_left);
  if (item->days_left == 0)
    return g_strdup_printf (_("Due today, %s"), due);
  return g_strdup_printf (ngettext ("Due %s, in %d day", "Due %s, in %d days", item->days_left),
                          due, item->days_left);
}

static void
row_activated_cb (AdwActionRow *row,
                  gpointer      user_data)
{
  RuhuRecheckActivateFunc activate = (RuhuRecheckActivateFunc) user_data;

  activate (g_object_get_data (G_OBJECT (row), "case-id"),
            g_object_get_data (G_OBJECT (row), "activate-data"));
}

static GtkWidget *
new_item_row (const RuhuRecheckItem   *item,
              gboolean                 aliveness,
              RuhuRecheckActivateFunc  activate,
              gpointer                 user_data)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = describe_when (item, aliveness);
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 item->head_name != NULL ? item->head_name
                                                         : _("Household without a name"));
  /* Translators: a case to check again: its village, then when it is due */
  subtitle = g_strdup_printf (_("%s · %s"), item->village_name != NULL ? item->village_name : "",
                              when);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (item->days_left < 0)
    gtk_widget_add_css_class (row, "recheck-late");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "case-id", g_strdup (item->case_id), g_free);
  g_object_set_data (G_OBJECT (row), "activate-data", user_data);
  g_signal_connect (row, "activated", G_CALLBACK (row_activated_cb), activate);
  return row;
}

static const char *
category_label (RuhuForm   *household_form,
                const char *category)
{
  RuhuFormField *field = household_form != NULL
                           ? ruhu_form_lookup_field (household_form, "category") : NULL;
  const char *label = field != NULL && category != NULL
                        ? ruhu_form_field_lookup_option_label (field, category) : NULL;

  return label != NULL ? label : _("Category not entered");
}

static GtkWidget *
new_category_row (RuhuForm   *household_form,
                  const char *category)
{
  GtkWidget *expander = adw_expander_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                 category_label (household_form, category));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  return expander;
}

static void
count_cases (GtkWidget *expander,
             guint      n_cases)
{
  g_autofree char *subtitle = g_strdup_printf (ngettext ("%u case", "%u cases", n_cases), n_cases);

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
}

/**
 * ruhu_recheck_fill_by_category:
 * @items: (element-type RuhuRecheckItem): ordered by category
 * @activate: called with a case's id when its row is activated
 *
 * Replaces @list's rows with one expander per category holding its cases.
 */
void
ruhu_recheck_fill_by_category (GtkListBox              *list,
                               GPtrArray               *items,
                               RuhuForm                *household_form,
                               gboolean                 aliveness,
                               RuhuRecheckActivateFunc  activate,
                               gpointer                 user_data)
{
  GtkWidget *expander = NULL;
  const char *category = NULL;
  guint n_cases = 0;

  ruhu_recheck_clear_list (list);
  for (guint i = 0; i < items->len; i++)
    {
      RuhuRecheckItem *item = g_ptr_array_index (items, i);

      if (expander == NULL || g_strcmp0 (category, item->category) != 0)
        {
          if (expander != NULL)
            count_cases (expander, n_cases);
          expander = new_category_row (household_form, item->category);
          gtk_list_box_append (list, expander);
          category = item->category;
          n_cases = 0;
        }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                new_item_row (item, aliveness, activate, user_data));
      n_cases++;
    }
  if (expander != NULL)
    count_cases (expander, n_cases);
}

void
ruhu_recheck_clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}
