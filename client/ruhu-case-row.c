/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ruhu-case-row.h"

/* Built in code, not from a template, and as few widgets as will do: in
 * GTK 4.8 a list view keeps up to 200 rows and makes new ones whenever a
 * search changes how many cases are shown, so the cost of a row is paid
 * up to 200 times per keystroke. The head's name and the village share one
 * label (two lines styled by attributes); the badges are made only for the
 * rows that need them. */
struct _RuhuCaseRow
{
  GtkWidget        parent_instance;
  GtkGrid         *grid;
  GtkLabel        *main_label;      /* head of household ⏎ village · category */
  GtkLabel        *state_label;
  GtkLabel        *deadline_label;
  GtkWidget       *badges;          /* NULL until a case needs one */
  GtkWidget       *conflict_badge;
  GtkLabel        *conflict_count;
  GtkWidget       *unsynced_badge;
  RuhuCaseSummary *summary;
  gulong           notify_id;
};

G_DEFINE_FINAL_TYPE (RuhuCaseRow, ruhu_case_row, GTK_TYPE_WIDGET)

static void
ruhu_case_row_dispose (GObject *object)
{
  RuhuCaseRow *self = RUHU_CASE_ROW (object);

  ruhu_case_row_set_summary (self, NULL);
  if (self->grid != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->grid));
  self->grid = NULL;
  G_OBJECT_CLASS (ruhu_case_row_parent_class)->dispose (object);
}

static void
ruhu_case_row_class_init (RuhuCaseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ruhu_case_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ruhu-case-row");
}

static GtkLabel *
new_label (float       xalign,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_add_css_class (label, css_class);
  return GTK_LABEL (label);
}

static void
ruhu_case_row_init (RuhuCaseRow *self)
{
  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->grid, 6);
  gtk_widget_set_margin_top (GTK_WIDGET (self->grid), 8);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->grid), 8);
  gtk_widget_set_margin_start (GTK_WIDGET (self->grid), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->grid), 12);
  gtk_widget_set_parent (GTK_WIDGET (self->grid), GTK_WIDGET (self));

  self->main_label = new_label (0.0, "case-main");
  gtk_label_set_ellipsize (self->main_label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->main_label), TRUE);
  gtk_grid_attach (self->grid, GTK_WIDGET (self->main_label), 0, 0, 1, 2);
  self->state_label = new_label (1.0, "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "caption");
  gtk_grid_attach (self->grid, GTK_WIDGET (self->state_label), 2, 0, 1, 1);
  self->deadline_label = new_label (1.0, "caption");
  /* "Overdue · Start of the investigation: 2025-10-09" does not fit a
   * phone's width beside the name: beyond the length of the usual ones the
   * middle goes, the mark and the date stay. */
  gtk_label_set_ellipsize (self->deadline_label, PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_width_chars (self->deadline_label, 26);
  gtk_grid_attach (self->grid, GTK_WIDGET (self->deadline_label), 1, 1, 2, 1);
}

GtkWidget *
ruhu_case_row_new (void)
{
  return g_object_new (RUHU_TYPE_CASE_ROW, NULL);
}

/* "Head" in bold over "Village · Category" in small type. */
static void
show_main (RuhuCaseRow *self)
{
  const char *head = ruhu_case_summary_get_head_name (self->summary);
  const char *village = ruhu_case_summary_get_village (self->summary);
  const char *category = ruhu_case_summary_get_category_label (self->summary);
  const char *separator = *village != '\0' && *category != '\0' ? " · " : "";
  g_autofree char *text = g_strconcat (head, "\n", village, separator, category, NULL);
  PangoAttrList *attributes = pango_attr_list_new ();
  guint head_end = strlen (head);
  PangoAttribute *attribute;

  attribute = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  attribute->end_index = head_end;
  pango_attr_list_insert (attributes, attribute);
  attribute = pango_attr_scale_new (PANGO_SCALE_SMALL);
  attribute->start_index = head_end + 1;
  pango_attr_list_insert (attributes, attribute);
  attribute = pango_attr_foreground_alpha_new (G_MAXUINT16 * 6 / 10);
  attribute->start_index = head_end + 1;
  pango_attr_list_insert (attributes, attribute);

  gtk_label_set_text (self->main_label, text);
  gtk_label_set_attributes (self->main_label, attributes);
  pango_attr_list_unref (attributes);
}

static void
set_class (GtkWidget  *widget,
           const char *css_class,
           gboolean    on)
{
  if (on)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

static void
show_deadline (RuhuCaseRow *self)
{
  const RuhuCaseInfo *info = ruhu_case_summary_get_info (self->summary);
  GtkWidget *label = GTK_WIDGET (self->deadline_label);
  RuhuDeadlineState state = info->deadline_status.state;

  gtk_label_set_text (self->deadline_label, ruhu_case_summary_get_deadline_label (self->summary));
  set_class (label, "error", info->has_deadline && state == RUHU_DEADLINE_STATE_OVERDUE);
  set_class (label, "warning", info->has_deadline && (state == RUHU_DEADLINE_STATE_DUE_SOON ||
                                                      state == RUHU_DEADLINE_STATE_DUE_TODAY));
  set_class (label, "dim-label", !info->has_deadline);
}

static void
make_badges (RuhuCaseRow *self)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  self->badges = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (self->badges, GTK_ALIGN_END);
  self->conflict_badge = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  gtk_widget_add_css_class (self->conflict_badge, "case-badge");
  gtk_widget_add_css_class (self->conflict_badge, "conflict");
  gtk_box_append (GTK_BOX (self->conflict_badge), icon);
  self->conflict_count = new_label (0.5, "caption-heading");
  gtk_box_append (GTK_BOX (self->conflict_badge), GTK_WIDGET (self->conflict_count));
  gtk_box_append (GTK_BOX (self->badges), self->conflict_badge);

  self->unsynced_badge = gtk_image_new_from_icon_name ("emblem-synchronizing-symbolic");
  gtk_widget_add_css_class (self->unsynced_badge, "case-badge");
  gtk_widget_add_css_class (self->unsynced_badge, "unsynced");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->unsynced_badge),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Not yet synced"), -1);
  gtk_box_append (GTK_BOX (self->badges), self->unsynced_badge);
  gtk_grid_attach (self->grid, self->badges, 1, 0, 1, 1);
}

static void
show_badges (RuhuCaseRow *self)
{
  const RuhuCaseInfo *info = ruhu_case_summary_get_info (self->summary);
  g_autofree char *count = NULL;
  g_autofree char *name = NULL;

  if (self->badges == NULL && info->n_conflicts == 0 && info->n_unsynced == 0)
    return;
  if (self->badges == NULL)
    make_badges (self);
  gtk_widget_set_visible (self->conflict_badge, info->n_conflicts > 0);
  gtk_widget_set_visible (self->unsynced_badge, info->n_unsynced > 0);
  if (info->n_conflicts == 0)
    return;
  count = g_strdup_printf ("%u", info->n_conflicts);
  gtk_label_set_text (self->conflict_count, count);
  name = g_strdup_printf (ngettext ("%u conflict", "%u conflicts", info->n_conflicts), info->n_conflicts);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->conflict_badge),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* What a screen reader says of the row: the parts a sighted user reads
 * across it, in the same order. */
static void
name_row (RuhuCaseRow *self)
{
  const char *parts[] = {
    ruhu_case_summary_get_head_name (self->summary), ruhu_case_summary_get_village (self->summary),
    ruhu_case_summary_get_category_label (self->summary),
    ruhu_case_summary_get_state_label (self->summary),
    ruhu_case_summary_get_deadline_label (self->summary),
  };
  g_autoptr(GString) name = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL || *parts[i] == '\0')
        continue;
      if (name->len > 0)
        /* Translators: between the parts of a case list row read out by a screen reader */
        g_string_append (name, _(", "));
      g_string_append (name, parts[i]);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name->str,
                                  -1);
}

static void
sync_row (RuhuCaseRow *self)
{
  show_main (self);
  gtk_label_set_text (self->state_label, ruhu_case_summary_get_state_label (self->summary));
  show_deadline (self);
  show_badges (self);
  name_row (self);
}

static void
summary_notify_cb (RuhuCaseSummary *summary,
                   GParamSpec      *pspec,
                   RuhuCaseRow     *self)
{
  sync_row (self);
}

/* Binds the row to @summary (or unbinds it, for NULL); the row follows
 * the summary's changes while bound. */
void
ruhu_case_row_set_summary (RuhuCaseRow     *self,
                           RuhuCaseSummary *summary)
{
  g_return_if_fail (RUHU_IS_CASE_ROW (self));

  if (self->summary == summary)
    return;
  if (self->summary != NULL)
    g_clear_signal_handler (&self->notify_id, self->summary);
  g_set_object (&self->summary, summary);
  if (summary == NULL)
    return;
  self->notify_id = g_signal_connect (summary, "notify", G_CALLBACK (summary_notify_cb), self);
  sync_row (self);
}

RuhuCaseSummary *
ruhu_case_row_get_summary (RuhuCaseRow *self)
{
  g_return_val_if_fail (RUHU_IS_CASE_ROW (self), NULL);
  return self->summary;
}
