/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-assign-dialog.h"
#include "ruhu-case-loader.h"
#include "ruhu-json-fields.h"
#include "ruhu-step-dialog.h"
#include "ruhu-timeline-rows.h"
#include "ruhu-timeline-section.h"

struct _RuhuTimelineSection
{
  AdwBin         parent_instance;
  RuhuDevice    *device;
  RuhuCaseLoader *loader;
  RuhuCategory   category;
  gboolean       can_return;  /* the user may return the case now */
  RuhuReviewComments *comments;

  AdwActionRow  *state_row;
  AdwActionRow  *deadline_row;
  GtkFlowBox    *step_buttons;
  GtkWidget     *steps_group;
  GtkListBox    *refused_list;
  GtkListBox    *timeline_list;
};

G_DEFINE_FINAL_TYPE (RuhuTimelineSection, ruhu_timeline_section, ADW_TYPE_BIN)

enum
{
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the worker thread reads for one case. */
typedef struct
{
  RuhuCaseFlow       *flow;
  GPtrArray          *options;    /* RuhuStepOption* for the device's role */
  gboolean            has_deadline;
  RuhuCaseDeadline    deadline;
  GPtrArray          *refusals;   /* RuhuTimelineRefusal* */
  RuhuReviewComments *comments;
} TimelineData;

static void
timeline_data_free (TimelineData *data)
{
  g_clear_pointer (&data->flow, ruhu_case_flow_free);
  g_clear_pointer (&data->options, g_ptr_array_unref);
  g_clear_pointer (&data->refusals, g_ptr_array_unref);
  g_clear_pointer (&data->comments, ruhu_review_comments_free);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TimelineData, timeline_data_free)

/* The working-day calendar, read once; without it no deadline is shown. */
static gpointer
load_calendar (gpointer unused)
{
  g_autoptr(GError) error = NULL;
  RuhuCalendar *calendar = ruhu_calendar_load_default (&error);

  if (calendar == NULL)
    g_warning ("The case's deadline is not shown: %s", error->message);
  return calendar;
}

static RuhuCalendar *
shared_calendar (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_calendar, NULL);
}

/* The steps of this case the server refused: rejections of `action`. */
static GPtrArray *
read_refusals (RuhuStore   *store,
               const char  *case_id,
               GError     **error)
{
  g_autoptr(GPtrArray) rejections = ruhu_store_list_rejections (store, error);
  GPtrArray *refusals;

  if (rejections == NULL)
    return NULL;
  refusals = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_timeline_refusal_free);
  for (guint i = 0; i < rejections->len; i++)
    {
      RuhuRejection *rejection = g_ptr_array_index (rejections, i);
      const RuhuOp *op = rejection->op;
      g_autoptr(GHashTable) fields = NULL;
      RuhuTimelineRefusal *refusal;
      RuhuStep step;

      if (g_strcmp0 (op->case_id, case_id) != 0 || g_strcmp0 (op->kind, RUHU_WORKFLOW_KIND) != 0 ||
          g_strcmp0 (op->field, "action") != 0 || !JSON_NODE_HOLDS_VALUE (op->value) ||
          json_node_get_value_type (op->value) != G_TYPE_STRING ||
          !ruhu_step_from_string (json_node_get_string (op->value), &step))
        continue;
      /* The rest of the step's record stays, inert, on the device. */
      fields = ruhu_store_get_fields (store, op->entity, NULL);
      refusal = g_new0 (RuhuTimelineRefusal, 1);
      refusal->step = step;
      if (fields != NULL)
        {
          refusal->at = ruhu_fields_dup_string (fields, "at");
          refusal->actor_name = ruhu_fields_dup_string (fields, "actor_name");
        }
      refusal->reason = g_strdup (rejection->reason);
      refusal->rejected_at = rejection->rejected_at;
      g_ptr_array_add (refusals, refusal);
    }
  return refusals;
}

/* In the worker thread. */
static gpointer
load_timeline (RuhuDevice    *device,
               const char    *case_id,
               GCancellable  *cancellable,
               GError       **error)
{
  RuhuStore *store = ruhu_device_get_store (device);
  g_autoptr(TimelineData) data = g_new0 (TimelineData, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  RuhuCalendar *calendar = shared_calendar ();
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  if ((data->flow = ruhu_case_flow_read (store, case_id, error)) == NULL ||
      (data->refusals = read_refusals (store, case_id, error)) == NULL ||
      (data->comments = ruhu_review_comments_load (store, data->flow, error)) == NULL)
    return NULL;
  data->options = ruhu_workflow_list_steps (store, data->flow, ruhu_device_get_role (device));
  data->has_deadline = calendar != NULL &&
                       ruhu_case_flow_next_deadline (data->flow, calendar, &today,
                                                     &data->deadline, NULL) &&
                       data->deadline.kind != RUHU_CASE_DEADLINE_NONE;
  return g_steal_pointer (&data);
}

/* Removes the rows, not the list's placeholder. */
static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static void
clear_buttons (GtkFlowBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_flow_box_remove (box, child);
}

static void
step_clicked_cb (RuhuTimelineSection *self,
                 GtkButton           *button)
{
  RuhuStep step = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "step")) - 1;

  ruhu_step_dialog_show (GTK_WIDGET (self), self->device, ruhu_case_loader_get_case (self->loader),
                         step, self->category);
}

static void
assign_clicked_cb (RuhuTimelineSection *self)
{
  ruhu_assign_dialog_show (GTK_WIDGET (self), self->device,
                           ruhu_case_loader_get_case (self->loader));
}

static GtkWidget *
add_button (RuhuTimelineSection *self,
            const char          *label)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "step-button");
  gtk_flow_box_append (self->step_buttons, button);
  return button;
}

static void
show_steps (RuhuTimelineSection *self,
            GPtrArray           *options)
{
  guint n_refused = 0;

  self->can_return = FALSE;
  clear_buttons (self->step_buttons);
  clear_list (self->refused_list);
  for (guint i = 0; i < options->len; i++)
    {
      RuhuStepOption *option = g_ptr_array_index (options, i);
      GtkWidget *button;

      /* A step the role can never take is not the user's to worry about;
       * one it could take but for what is missing says what is missing. */
      if (!option->allowed && g_strcmp0 (option->code, "role_not_allowed") == 0)
        continue;
      if (!option->allowed)
        {
          gtk_list_box_append (self->refused_list, ruhu_timeline_option_row_new (option));
          n_refused++;
          continue;
        }
      self->can_return |= option->step == RUHU_STEP_RETURN;
      button = add_button (self, ruhu_step_get_label (option->step));
      g_object_set_data (G_OBJECT (button), "step", GINT_TO_POINTER (option->step + 1));
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (step_clicked_cb), self);
    }
  if (g_strcmp0 (ruhu_device_get_role (self->device), "supervisor") == 0)
    g_signal_connect_swapped (add_button (self, _("Assign Investigators…")), "clicked",
                              G_CALLBACK (assign_clicked_cb), self);
  gtk_widget_set_visible (GTK_WIDGET (self->refused_list), n_refused > 0);
  /* Nothing this user could do now: no heading over nothing. */
  gtk_widget_set_visible (self->steps_group,
                          n_refused > 0 ||
                          gtk_widget_get_first_child (GTK_WIDGET (self->step_buttons)) != NULL);
}

static void
show_deadline (RuhuTimelineSection *self,
               TimelineData        *data)
{
  GtkWidget *row = GTK_WIDGET (self->deadline_row);
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  const char *css = NULL;

  gtk_widget_set_visible (row, data->has_deadline);
  gtk_widget_remove_css_class (row, "error");
  gtk_widget_remove_css_class (row, "warning");
  if (!data->has_deadline)
    return;
  /* Translators: the kind of the case's next deadline, e.g. "Next deadline: Acceptance". */
  title = g_strdup_printf (_("Next deadline: %s"),
                           ruhu_case_deadline_kind_get_label (data->deadline.kind));
  text = ruhu_timeline_describe_deadline (&data->deadline, &css);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (self->deadline_row, text);
  if (css != NULL)
    gtk_widget_add_css_class (row, css);
}

static void
show_timeline (RuhuTimelineSection *self,
               TimelineData        *data)
{
  RuhuForm *form = ruhu_form_set_lookup (ruhu_device_get_forms (self->device),
                                         RUHU_WORKFLOW_KIND);
  GPtrArray *steps = data->flow->transitions;

  clear_list (self->timeline_list);
  for (guint i = 0; i < steps->len; i++)
    {
      RuhuTransition *step = g_ptr_array_index (steps, i);
      guint n = ruhu_review_comments_count_for (data->comments, step->entity);

      gtk_list_box_append (self->timeline_list, ruhu_timeline_step_row_new (form, step, n));
    }
  for (guint i = 0; i < data->refusals->len; i++)
    gtk_list_box_append (self->timeline_list,
                         ruhu_timeline_refusal_row_new (g_ptr_array_index (data->refusals, i)));
}

static void
show_data (RuhuTimelineSection *self,
           TimelineData        *data)
{
  self->category = data->flow->category;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->state_row),
                                 ruhu_case_state_get_label (data->flow->state));
  show_deadline (self, data);
  show_steps (self, data->options);
  show_timeline (self, data);
  g_clear_pointer (&self->comments, ruhu_review_comments_free);
  self->comments = g_steal_pointer (&data->comments);
}

static void
timeline_loaded (gpointer      owner,
                 gpointer      data,
                 const GError *error)
{
  RuhuTimelineSection *self = owner;

  if (data == NULL)
    g_warning ("Could not read the case's steps: %s", error->message);
  else
    show_data (self, data);
  /* Said once the news that came meanwhile is read too. */
  if (!ruhu_case_loader_get_loading (self->loader))
    g_signal_emit (self, signals[LOADED], 0);
}

static const RuhuCaseLoaderFuncs load_funcs = {
  .load = load_timeline,
  .result_free = (GDestroyNotify) timeline_data_free,
  .loaded = timeline_loaded,
};

static void
ruhu_timeline_section_dispose (GObject *object)
{
  RuhuTimelineSection *self = RUHU_TIMELINE_SECTION (object);

  ruhu_case_loader_clear (&self->loader);
  g_clear_object (&self->device);
  gtk_widget_dispose_template (GTK_WIDGET (self), RUHU_TYPE_TIMELINE_SECTION);
  G_OBJECT_CLASS (ruhu_timeline_section_parent_class)->dispose (object);
}

static void
ruhu_timeline_section_finalize (GObject *object)
{
  RuhuTimelineSection *self = RUHU_TIMELINE_SECTION (object);

  g_clear_pointer (&self->comments, ruhu_review_comments_free);
  G_OBJECT_CLASS (ruhu_timeline_section_parent_class)->finalize (object);
}

static void
ruhu_timeline_section_class_init (RuhuTimelineSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ruhu_timeline_section_dispose;
  object_class->finalize = ruhu_timeline_section_finalize;

  /* The case was read again: its steps and return comments are current. */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/ruhu/Ruhu/ruhu-timeline-section.ui");
  gtk_widget_class_bind_template_child (widget_class, RuhuTimelineSection, state_row);
  gtk_widget_class_bind_template_child (widget_class, RuhuTimelineSection, deadline_row);
  gtk_widget_class_bind_template_child (widget_class, RuhuTimelineSection, step_buttons);
  gtk_widget_class_bind_template_child (widget_class, RuhuTimelineSection, steps_group);
  gtk_widget_class_bind_template_child (widget_class, RuhuTimelineSection, refused_list);
  gtk_widget_class_bind_template_child (widget_class, RuhuTimelineSection, timeline_list);
  gtk_widget_class_set_css_name (widget_class, "timelinesection");
}

static void
ruhu_timeline_section_init (RuhuTimelineSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RuhuTimelineSection *
ruhu_timeline_section_new (RuhuDevice *device)
{
  RuhuTimelineSection *self;

  g_return_val_if_fail (RUHU_IS_DEVICE (device), NULL);

  self = g_object_new (RUHU_TYPE_TIMELINE_SECTION, NULL);
  self->device = g_object_ref (device);
  self->loader = ruhu_case_loader_new (device, &load_funcs, self);
  return self;
}

void
ruhu_timeline_section_set_case (RuhuTimelineSection *self,
                                const char          *case_id)
{
  g_return_if_fail (RUHU_IS_TIMELINE_SECTION (self));

  if (g_strcmp0 (ruhu_case_loader_get_case (self->loader), case_id) == 0)
    return;
  g_clear_pointer (&self->comments, ruhu_review_comments_free);
  self->can_return = FALSE;
  /* What is being read belongs to the case left. */
  ruhu_case_loader_set_case (self->loader, case_id);
}

/* TRUE while the case is being read; tests wait for it to end. */
gboolean
ruhu_timeline_section_get_loading (RuhuTimelineSection *self)
{
  g_return_val_if_fail (RUHU_IS_TIMELINE_SECTION (self), FALSE);
  return ruhu_case_loader_get_loading (self->loader);
}

/* Returns: (nullable): the case's return comments, once read */
const RuhuReviewComments *
ruhu_timeline_section_get_comments (RuhuTimelineSection *self)
{
  g_return_val_if_fail (RUHU_IS_TIMELINE_SECTION (self), NULL);
  return self->comments;
}

/* Whether the user may return the case now: fields take comments then. */
gboolean
ruhu_timeline_section_get_can_return (RuhuTimelineSection *self)
{
  g_return_val_if_fail (RUHU_IS_TIMELINE_SECTION (self), FALSE);
  return self->can_return;
}
