/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-case-load.h"
#include "ruhu-case-summary.h"
#include "ruhu-date.h"
#include "ruhu-overview-page.h"

/* The overview is computed in a worker thread from the case index (kept
 * between loads, so usually without reading the store) and shown as
 * groups of rows. A township has thousands of cases: each list shows its
 * most urgent rows only, and says how many more there are; the case list
 * filters show them all. */

#define MAX_ROWS 50

struct _RuhuOverviewPage
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *counts_group;
  GtkListBox          *counts_list;
  AdwPreferencesGroup *overdue_group;
  GtkListBox          *overdue_list;
  AdwPreferencesGroup *due_soon_group;
  GtkListBox          *due_soon_list;
  AdwPreferencesGroup *acceptance_group;
  GtkListBox          *acceptance_list;
  AdwPreferencesGroup *review_group;
  GtkListBox          *review_list;
  AdwPreferencesGroup *returned_group;
  GtkListBox          *returned_list;

  RuhuDevice          *device;
  GCancellable        *cancellable;  /* the load in flight; cancelled in dispose */
  GDate                today;        /* invalid: the current date */
  RuhuCaseOverview    *overview;
};

G_DEFINE_FINAL_TYPE (RuhuOverviewPage, ruhu_overview_page, ADW_TYPE_BIN)

enum
{
  SIGNAL_CASE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  RuhuStore *store;
  char      *actor;
  GDate      today;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_object_unref (load->store);
  g_free (load->actor);
  g_free (load);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *load = task_data;
  RuhuCalendar *calendar = ruhu_case_load_get_calendar ();
  RuhuCaseIndexOptions options = { calendar, &load->today, load->actor };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) infos = ruhu_case_index_load (load->store, NULL, &options, cancellable,
                                                     &error);

  if (infos == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, ruhu_case_overview_new (infos, calendar, &load->today),
                           (GDestroyNotify) ruhu_case_overview_free);
}

/* Rows only: the list's first child may be its placeholder. */
static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static GtkWidget *
make_count_row (const char *title,
                guint       count)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *text = g_strdup_printf ("%u", count);
  GtkWidget *label = gtk_label_new (text);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static void
show_counts (RuhuOverviewPage *self)
{
  const RuhuCaseOverview *overview = self->overview;

  clear_list (self->counts_list);
  /* Translators: the first row of the overview's counts */
  gtk_list_box_append (self->counts_list, make_count_row (_("All cases"), overview->n_cases));
  for (RuhuCaseState state = 0; state < RUHU_N_CASE_STATES; state++)
    if (overview->counts[state] > 0)
      gtk_list_box_append (self->counts_list,
                           make_count_row (ruhu_case_state_get_label (state), overview->counts[state]));
}

/* "Village · State · Overdue · Acceptance: 2025-10-09" */
static char *
describe_case (const RuhuCaseInfo *info)
{
  g_autofree char *deadline = ruhu_case_info_format_deadline (info);
  GString *text = g_string_new (NULL);

  if (info->village_name != NULL)
    g_string_append_printf (text, "%s · ", info->village_name);
  g_string_append (text, ruhu_case_info_get_state_label (info));
  if (deadline != NULL)
    g_string_append_printf (text, " · %s", deadline);
  return g_string_free (text, FALSE);
}

static GtkWidget *
make_case_row (const RuhuCaseInfo *info)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = describe_case (info);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  /* Translators: in the overview, a household whose head is not entered yet */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 info->head_name != NULL ? info->head_name : _("Unnamed household"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "case-id", g_strdup (info->case_id), g_free);
  return row;
}

static void
show_cases (AdwPreferencesGroup *group,
            GtkListBox          *list,
            GPtrArray           *cases)
{
  g_autofree char *count = NULL;

  clear_list (list);
  for (guint i = 0; i < MIN (cases->len, MAX_ROWS); i++)
    gtk_list_box_append (list, make_case_row (g_ptr_array_index (cases, i)));
  if (cases->len > MAX_ROWS)
    /* Translators: the overview's lists show the first 50 cases */
    count = g_strdup_printf (ngettext ("%u case, the first %u shown", "%u cases, the first %u shown",
                                       cases->len), cases->len, (guint) MAX_ROWS);
  else
    count = g_strdup_printf (ngettext ("%u case", "%u cases", cases->len), cases->len);
  adw_preferences_group_set_description (group, count);
}

static void
show_overview (RuhuOverviewPage *self)
{
  show_counts (self);
  show_cases (self->overdue_group, self->overdue_list, self->overview->overdue);
  show_cases (self->due_soon_group, self->due_soon_list, self->overview->due_soon);
  show_cases (self->acceptance_group, self->acceptance_list, self->overview->acceptance);
  show_cases (self->review_group, self->review_list, self->overview->review);
  show_cases (self->returned_group, self->returned_list, self->overview->returned);
  /* The stack is the bin's child, not a bound template child: disposing
   * the template would unparent it behind the bin's back. */
  gtk_stack_set_visible_child_name (GTK_STACK (adw_bin_get_child (ADW_BIN (self))), "overview");
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RuhuOverviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  RuhuCaseOverview *overview = g_task_propagate_pointer (G_TASK (result), &error);

  if (overview == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the cases for the overview: %s", error->message);
      return;
    }
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->overview, ruhu_case_overview_free);
  self->overview = overview;
  show_overview (self);
}

static void
reload (RuhuOverviewPage *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->device == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  load = g_new0 (LoadData, 1);
  load->store = g_object_ref (ruhu_device_get_store (self->device));
  load->actor = g_strdup (ruhu_device_get_actor (self->device));
  ruhu_date_get_today (g_date_valid (&self->today) ? &self->today : NULL, &load->today);
  task = g_task_new (self, self->cancellable, load_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, reload);
  g_task_set_task_data (task, load, load_data_free);
  g_task_run_in_thread (task, load_thread);
}

static void
case_changed_cb (RuhuOverviewPage *self,
                 const char       *case_id)
{
  reload (self);
}

static void
row_activated_cb (RuhuOverviewPage *self,
                  GtkListBoxRow    *row)
{
  const char *case_id = g_object_get_data (G_OBJECT (row), "case-id");

  if (case_id != NULL)
    g_signal_emit (self, signals[SIGNAL_CASE_ACTIVATED], 0, case_id);
}

static void
ruhu_overview_page_dispose (GObject *object)
{
  RuhuOverviewPage *self = RUHU_OVERVIEW_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->device);
  g_clear_pointer (&self->overview, ruhu_case_overview_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), RUHU_TYPE_OVERVIEW_PAGE);
  G_OBJECT_CLASS (ruhu_overview_page_parent_class)->dispose (object);
}

static void
ruhu_overview_page_class_init (RuhuOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ruhu_overview_page_dispose;

  signals[SIGNAL_CASE_ACTIVATED] = g_signal_new ("case-activated", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/ruhu/Ruhu/ruhu-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RuhuOverviewPage, counts_group);
  gtk_widget_class_bind_template_child (widget_class, RuhuOverviewPage, counts_list);
  gtk_widget_class_bind_template_child (widget_class, RuhuOverviewPage, overdue_group);
  gtk_widget_class_bind_template_child (widget_class, RuhuOverviewPage, overdue_list);
  gtk_widget_class_bind_template_child (widget_class, RuhuOverviewPage, due_soon_group);
  gtk_widget_class_bind_template_child (widget_class, RuhuOverviewPage, due_soon_list);
  gtk_widget_class_bind_template_child (widget_class, RuhuOverviewPage, acceptance_group);
  gtk_widget_class_bind_template_child (widget_class, RuhuOverviewPage, acceptance_list);
  gtk_widget_class_bind_template_child (widget_class, RuhuOverviewPage, review_group);
  gtk_widget_class_bind_template_child (widget_class, RuhuOverviewPage, review_list);
  gtk_widget_class_bind_template_child (widget_class, RuhuOverviewPage, returned_group);
  gtk_widget_class_bind_template_child (widget_class, RuhuOverviewPage, returned_list);
  gtk_widget_class_set_css_name (widget_class, "ruhu-overview-page");
}

static void
ruhu_overview_page_init (RuhuOverviewPage *self)
{
  GtkListBox *lists[5];

  gtk_widget_init_template (GTK_WIDGET (self));
  g_date_clear (&self->today, 1);
  lists[0] = self->overdue_list;
  lists[1] = self->due_soon_list;
  lists[2] = self->acceptance_list;
  lists[3] = self->review_list;
  lists[4] = self->returned_list;
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      /* Translators: an empty list of the overview */
      GtkWidget *none = gtk_label_new (_("None"));

      gtk_widget_add_css_class (none, "dim-label");
      gtk_widget_set_margin_top (none, 12);
      gtk_widget_set_margin_bottom (none, 12);
      gtk_list_box_set_placeholder (lists[i], none);
      g_signal_connect_object (lists[i], "row-activated", G_CALLBACK (row_activated_cb), self,
                               G_CONNECT_SWAPPED);
    }
}

/**
 * ruhu_overview_page_new:
 * @device: the unlocked device whose cases to show
 *
 * Starts reading the cases at once, and again whenever one changes.
 */
RuhuOverviewPage *
ruhu_overview_page_new (RuhuDevice *device)
{
  RuhuOverviewPage *self;

  g_return_val_if_fail (RUHU_IS_DEVICE (device), NULL);

  self = g_object_new (RUHU_TYPE_OVERVIEW_PAGE, NULL);
  self->device = g_object_ref (device);
  g_signal_connect_object (device, "case-changed", G_CALLBACK (case_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload (self);
  return self;
}

/* For the tests: the day deadlines are judged from, instead of today. */
void
ruhu_overview_page_set_today (RuhuOverviewPage *self,
                              const GDate      *today)
{
  g_return_if_fail (RUHU_IS_OVERVIEW_PAGE (self));

  g_date_clear (&self->today, 1);
  if (today != NULL && g_date_valid (today))
    self->today = *today;
  reload (self);
}

/* Whether a load is in flight. */
gboolean
ruhu_overview_page_is_busy (RuhuOverviewPage *self)
{
  g_return_val_if_fail (RUHU_IS_OVERVIEW_PAGE (self), FALSE);
  return self->cancellable != NULL;
}

/**
 * ruhu_overview_page_get_overview:
 *
 * Returns: (transfer none) (nullable): what the page shows, %NULL before
 *   the first load finished
 */
const RuhuCaseOverview *
ruhu_overview_page_get_overview (RuhuOverviewPage *self)
{
  g_return_val_if_fail (RUHU_IS_OVERVIEW_PAGE (self), NULL);
  return self->overview;
}
