/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-income-summary.h"

struct _RuhuIncomeSummary
{
  AdwBin            parent_instance;
  RuhuStandards    *standards;   /* loaded on first use; NULL if unreadable */
  gboolean          tried;
  RuhuIncome        income;
  RuhuIncomeVerdict verdict;

  AdwActionRow     *per_person_row;
  GtkLabel         *per_person_label;
  AdwActionRow     *standard_row;
  GtkLabel         *standard_label;
  AdwActionRow     *verdict_row;
};

G_DEFINE_FINAL_TYPE (RuhuIncomeSummary, ruhu_income_summary, ADW_TYPE_BIN)

static char *
yuan (gint64 fen)
{
  g_autofree char *amount = ruhu_money_format (fen);

  /* Translators: an amount of money in yuan, e.g. "1200.50 yuan". */
  return g_strdup_printf (_("%s yuan"), amount);
}

static RuhuStandards *
get_standards (RuhuIncomeSummary *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->tried)
    {
      self->tried = TRUE;
      self->standards = ruhu_standards_load_default (&error);
      if (self->standards == NULL)
        g_warning ("Could not read the assistance standards: %s", error->message);
    }
  return self->standards;
}

static gboolean
find_standard (RuhuIncomeSummary *self,
               RuhuCaseSnapshot  *snapshot,
               RuhuStandard      *standard)
{
  return ruhu_income_find_standard (snapshot, get_standards (self), NULL, standard);
}

static void
show_income (RuhuIncomeSummary *self)
{
  g_autofree char *per_person = yuan (self->income.per_person_fen);
  g_autofree char *net = yuan (self->income.net_fen);
  g_autofree char *subtitle = NULL;

  if (self->income.n_covered == 0)
    {
      gtk_label_set_text (self->per_person_label, "—");
      adw_action_row_set_subtitle (self->per_person_row,
                                   _("Add the co-resident members to compute it"));
      return;
    }
  gtk_label_set_text (self->per_person_label, per_person);
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Net household income of %s shared by %u member",
                                           "Net household income of %s shared by %u members",
                                           self->income.n_covered),
                              net, self->income.n_covered);
  adw_action_row_set_subtitle (self->per_person_row, subtitle);
}

static void
show_standard (RuhuIncomeSummary  *self,
               const RuhuStandard *standard)
{
  g_autofree char *amount = NULL;
  g_autofree char *subtitle = NULL;
  char from[16];

  if (standard == NULL)
    {
      gtk_label_set_text (self->standard_label, "—");
      adw_action_row_set_subtitle (self->standard_row,
                                   _("No standard is recorded for this place and date"));
      return;
    }
  amount = yuan (standard->fen_per_person);
  g_date_strftime (from, sizeof from, "%Y-%m-%d", &standard->from);
  gtk_label_set_text (self->standard_label, amount);
  subtitle = standard->from_is_issue_date
    /* Translators: the standard's name, region, notice and the date the notice was issued. */
    ? g_strdup_printf (_("%s, %s (%s, issued %s)"), ruhu_standard_kind_label (standard->kind),
                       standard->region, standard->notice, from)
    /* Translators: the standard's name, region, notice and the date it took effect. */
    : g_strdup_printf (_("%s, %s (%s, in force from %s)"), ruhu_standard_kind_label (standard->kind),
                       standard->region, standard->notice, from);
  adw_action_row_set_subtitle (self->standard_row, subtitle);
}

static void
show_verdict (RuhuIncomeSummary  *self,
              const RuhuStandard *standard)
{
  GtkWidget *row = GTK_WIDGET (self->verdict_row);
  g_autofree char *gap = NULL;
  g_autofree char *title = NULL;

  gtk_widget_remove_css_class (row, "success");
  gtk_widget_remove_css_class (row, "warning");
  if (standard != NULL)
    gap = yuan (ABS (self->income.per_person_fen - standard->fen_per_person));
  switch (self->verdict)
    {
    case RUHU_INCOME_BELOW_STANDARD:
      title = g_strdup_printf (_("Below the standard by %s a month"), gap);
      gtk_widget_add_css_class (row, "success");
      break;
    case RUHU_INCOME_ABOVE_STANDARD:
      title = g_strdup_printf (_("Above the standard by %s a month"), gap);
      gtk_widget_add_css_class (row, "warning");
      break;
    case RUHU_INCOME_AT_STANDARD:
      title = g_strdup (_("Exactly at the standard"));
      gtk_widget_add_css_class (row, "warning");
      break;
    case RUHU_INCOME_UNKNOWN:
    default:
      title = g_strdup (_("Cannot be compared with a standard yet"));
      break;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->verdict_row), title);
}

static void
ruhu_income_summary_dispose (GObject *object)
{
  RuhuIncomeSummary *self = RUHU_INCOME_SUMMARY (object);

  g_clear_pointer (&self->standards, ruhu_standards_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), RUHU_TYPE_INCOME_SUMMARY);
  G_OBJECT_CLASS (ruhu_income_summary_parent_class)->dispose (object);
}

static void
ruhu_income_summary_class_init (RuhuIncomeSummaryClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ruhu_income_summary_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/ruhu/Ruhu/ruhu-income-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, RuhuIncomeSummary, per_person_row);
  gtk_widget_class_bind_template_child (widget_class, RuhuIncomeSummary, per_person_label);
  gtk_widget_class_bind_template_child (widget_class, RuhuIncomeSummary, standard_row);
  gtk_widget_class_bind_template_child (widget_class, RuhuIncomeSummary, standard_label);
  gtk_widget_class_bind_template_child (widget_class, RuhuIncomeSummary, verdict_row);
  gtk_widget_class_set_css_name (widget_class, "incomesummary");
}

static void
ruhu_income_summary_init (RuhuIncomeSummary *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Recomputes from @snapshot, whose values may include what is being typed. */
void
ruhu_income_summary_update (RuhuIncomeSummary *self,
                            RuhuCaseSnapshot  *snapshot)
{
  RuhuStandard standard;
  gboolean found;

  g_return_if_fail (RUHU_IS_INCOME_SUMMARY (self));

  ruhu_income_compute (snapshot, &self->income);
  found = find_standard (self, snapshot, &standard);
  self->verdict = ruhu_income_compare (&self->income, found ? &standard : NULL);
  show_income (self);
  show_standard (self, found ? &standard : NULL);
  show_verdict (self, found ? &standard : NULL);
}

void
ruhu_income_summary_get_income (RuhuIncomeSummary *self,
                                RuhuIncome        *income)
{
  g_return_if_fail (RUHU_IS_INCOME_SUMMARY (self));
  *income = self->income;
}

RuhuIncomeVerdict
ruhu_income_summary_get_verdict (RuhuIncomeSummary *self)
{
  g_return_val_if_fail (RUHU_IS_INCOME_SUMMARY (self), RUHU_INCOME_UNKNOWN);
  return self->verdict;
}
