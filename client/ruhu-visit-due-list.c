/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-aftercare-load.h"
#include "ruhu-date.h"
#include "ruhu-visit-due-list.h"

struct _RuhuVisitDueList
{
  AdwBin               parent_instance;
  RuhuAftercareLoader *loader;
  guint                n_due;
  guint                n_done;

  AdwPreferencesGroup *group;
  GtkListBox          *list;
  GtkLabel            *placeholder_label;
};

G_DEFINE_FINAL_TYPE (RuhuVisitDueList, ruhu_visit_due_list, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_LOADING,
  N_PROPS,
};

enum
{
  HOUSEHOLD_ACTIVATED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* How often, and why every month. */
static char *
describe_interval (const RuhuVisitDue *due)
{
  g_autofree char *why = NULL;

  if (due->interval == RUHU_VISIT_QUARTERLY)
    return g_strdup (_("Every quarter"));
  why = ruhu_key_recipient_describe (due->key);
  /* Translators: how often a key recipient is visited, and why, e.g.
   * "Every month: Severely disabled" */
  return g_strdup_printf (_("Every month: %s"), why);
}

static char *
describe_due (const RuhuVisitDue *due)
{
  g_autofree char *village = g_strdup (due->village_name != NULL ? due->village_name : "");
  g_autofree char *interval = describe_interval (due);
  g_autofree char *date = ruhu_date_format (&due->due);
  g_autofree char *when = NULL;
  g_autofree char *last = NULL;

  if (due->status == RUHU_VISIT_OVERDUE)
    /* Translators: %s is the last day of the month or quarter that passed without a visit */
    when = g_strdup_printf (_("Was due by %s"), date);
  else
    /* Translators: %s is the last day of this month or quarter */
    when = g_strdup_printf (_("Due by %s"), date);
  if (g_date_valid (&due->last_visit))
    {
      g_autofree char *visited = ruhu_date_format (&due->last_visit);

      /* Translators: %s is the date of the household's latest outreach visit */
      last = g_strdup_printf (_("last visited %s"), visited);
    }
  else
    last = g_strdup (_("never visited"));
  /* Translators: a household to visit: its village, how often it is
   * visited, when the visit is due and the last visit, e.g. "金刀峡村 ·
   * Every quarter · Due by 2025-06-30, last visited 2025-03-05" */
  return g_strdup_printf (_("%s · %s · %s, %s"), village, interval, when, last);
}

static GtkWidget *
new_status_label (RuhuVisitStatus status)
{
  GtkWidget *label = gtk_label_new (ruhu_visit_status_get_label (status));

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "visit-status");
  gtk_widget_add_css_class (label, status == RUHU_VISIT_OVERDUE ? "overdue" : "due");
  return label;
}

static GtkWidget *
new_due_row (const RuhuVisitDue *due)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = describe_due (due);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 due->head_name != NULL ? due->head_name
                                                        : _("Household without a name"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_status_label (due->status));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "case-id", g_strdup (due->case_id), g_free);
  return row;
}

static void
clear_rows (RuhuVisitDueList *self)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->list, 0)) != NULL)
    gtk_list_box_remove (self->list, GTK_WIDGET (row));
}

static void
show_schedule (RuhuVisitDueList *self,
               GPtrArray        *schedule)
{
  g_autofree char *description = NULL;

  clear_rows (self);
  self->n_due = self->n_done = 0;
  for (guint i = 0; i < schedule->len; i++)
    {
      RuhuVisitDue *due = g_ptr_array_index (schedule, i);

      if (due->status == RUHU_VISIT_DONE)
        {
          self->n_done++;
          continue;
        }
      gtk_list_box_append (self->list, new_due_row (due));
      self->n_due++;
    }
  description = g_strdup_printf (ngettext ("%u of %u household visited this period",
                                           "%u of %u households visited this period",
                                           schedule->len),
                                 self->n_done, schedule->len);
  adw_preferences_group_set_description (self->group, description);
  gtk_label_set_text (self->placeholder_label,
                      schedule->len > 0 ? _("Every household has had its visit this period")
                                        : _("No household receiving aid to visit"));
}

static void
loaded_cb (RuhuVisitDueList *self,
           RuhuAftercare    *aftercare,
           GError           *error)
{
  if (aftercare == NULL)
    {
      g_autofree char *message = NULL;

      clear_rows (self);
      /* Translators: %s says why the visit schedule could not be read */
      message = g_strdup_printf (_("The visit schedule could not be read: %s"), error->message);
      gtk_label_set_text (self->placeholder_label, message);
    }
  else
    show_schedule (self, aftercare->schedule);
}

static void
loader_loading_cb (RuhuVisitDueList *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
row_activated_cb (RuhuVisitDueList *self,
                  GtkListBoxRow    *row)
{
  const char *case_id = g_object_get_data (G_OBJECT (row), "case-id");

  if (case_id != NULL)
    g_signal_emit (self, signals[HOUSEHOLD_ACTIVATED], 0, case_id);
}

static void
ruhu_visit_due_list_dispose (GObject *object)
{
  RuhuVisitDueList *self = RUHU_VISIT_DUE_LIST (object);

  if (self->loader != NULL)
    ruhu_aftercare_loader_stop (self->loader);
  g_clear_object (&self->loader);
  G_OBJECT_CLASS (ruhu_visit_due_list_parent_class)->dispose (object);
}

static void
ruhu_visit_due_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RuhuVisitDueList *self = RUHU_VISIT_DUE_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, ruhu_visit_due_list_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ruhu_visit_due_list_class_init (RuhuVisitDueListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ruhu_visit_due_list_dispose;
  object_class->get_property = ruhu_visit_due_list_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[HOUSEHOLD_ACTIVATED] =
    g_signal_new ("household-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/ruhu/Ruhu/ruhu-visit-due-list.ui");
  gtk_widget_class_bind_template_child (widget_class, RuhuVisitDueList, group);
  gtk_widget_class_bind_template_child (widget_class, RuhuVisitDueList, list);
  gtk_widget_class_bind_template_child (widget_class, RuhuVisitDueList, placeholder_label);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
ruhu_visit_due_list_init (RuhuVisitDueList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * ruhu_visit_due_list_new:
 *
 * Returns: (transfer floating): the list, loading @device's schedule
 */
RuhuVisitDueList *
ruhu_visit_due_list_new (RuhuDevice *device)
{
  RuhuVisitDueList *self;
  RuhuAftercareFlags flags;

  g_return_val_if_fail (RUHU_IS_DEVICE (device), NULL);

  self = g_object_new (RUHU_TYPE_VISIT_DUE_LIST, NULL);
  /* A volunteer's device holds just the households assigned for visits. */
  flags = g_strcmp0 (ruhu_device_get_role (device), "volunteer") == 0
            ? RUHU_AFTERCARE_ALL_HOUSEHOLDS : RUHU_AFTERCARE_SCHEDULE;
  self->loader = ruhu_aftercare_loader_new (device, flags, self, G_CALLBACK (loaded_cb),
                                            G_CALLBACK (loader_loading_cb));
  return self;
}

void
ruhu_visit_due_list_reload (RuhuVisitDueList *self)
{
  g_return_if_fail (RUHU_IS_VISIT_DUE_LIST (self));
  ruhu_aftercare_loader_reload (self->loader);
}

gboolean
ruhu_visit_due_list_get_loading (RuhuVisitDueList *self)
{
  g_return_val_if_fail (RUHU_IS_VISIT_DUE_LIST (self), FALSE);
  return self->loader != NULL && ruhu_aftercare_loader_get_loading (self->loader);
}

/* The households shown: due or overdue this period. */
guint
ruhu_visit_due_list_get_n_due (RuhuVisitDueList *self)
{
  g_return_val_if_fail (RUHU_IS_VISIT_DUE_LIST (self), 0);
  return self->n_due;
}

guint
ruhu_visit_due_list_get_n_done (RuhuVisitDueList *self)
{
  g_return_val_if_fail (RUHU_IS_VISIT_DUE_LIST (self), 0);
  return self->n_done;
}
