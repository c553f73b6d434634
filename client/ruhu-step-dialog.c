/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "ruhu-step-dialog.h"

/* What a step asks for (docs/workflow.md, "Steps: who and what"). */
typedef enum
{
  NEED_COMMENT          = 1 << 0,
  NEED_COMMENT_REQUIRED = 1 << 1,
  NEED_REASON           = 1 << 2,
  NEED_OPINION          = 1 << 3,
  NEED_AMOUNT           = 1 << 4,
  NEED_DUE              = 1 << 5,
  NEED_TRANSFER         = 1 << 6,
} Needs;

/* More than any monthly aid: a slip of the keyboard, not an amount. */
#define MAX_FEN G_GINT64_CONSTANT (100000000)

struct _RuhuStepDialog
{
  AdwWindow       parent_instance;
  RuhuDevice     *device;
  char           *case_id;
  RuhuStep        step;
  Needs           needs;
  GCancellable   *cancellable;
  gboolean        busy;

  AdwWindowTitle *window_title;
  GtkWidget      *take_button;
  GtkLabel       *error_label;
  GtkWidget      *opinion_group;
  GtkCheckButton *grant_check;
  GtkCheckButton *refuse_check;
  GtkWidget      *values_group;
  AdwEntryRow    *amount_row;
  AdwEntryRow    *due_row;
  AdwEntryRow    *transfer_row;
  GtkWidget      *reason_group;
  GtkTextView    *reason_view;
  AdwPreferencesGroup *comment_group;
  GtkTextView    *comment_view;
  GtkSpinner     *spinner;
};

G_DEFINE_FINAL_TYPE (RuhuStepDialog, ruhu_step_dialog, ADW_TYPE_WINDOW)

/* The step as typed, for the worker thread. */
typedef struct
{
  RuhuDevice *device;
  char       *case_id;
  RuhuStep    step;
  char       *comment;
  char       *reason;
  char       *opinion;
  gboolean    has_amount;
  gint64      amount;
  char       *due_on;
  char       *transfer_to;
} StepJob;

static void
step_job_free (StepJob *job)
{
  g_clear_object (&job->device);
  g_free (job->case_id);
  g_free (job->comment);
  g_free (job->reason);
  g_free (job->opinion);
  g_free (job->due_on);
  g_free (job->transfer_to);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StepJob, step_job_free)

static Needs
needs_of (RuhuStep     step,
          RuhuCategory category)
{
  switch (step)
    {
    case RUHU_STEP_REQUEST_MATERIALS:
      return NEED_COMMENT | NEED_COMMENT_REQUIRED | NEED_DUE;
    case RUHU_STEP_EVALUATE:
    case RUHU_STEP_RETURN:
    case RUHU_STEP_OBJECT:
      return NEED_COMMENT | NEED_COMMENT_REQUIRED;
    case RUHU_STEP_REVIEW:
      return NEED_OPINION | NEED_COMMENT;
    case RUHU_STEP_GRANT:
      /* 低保边缘 pays nothing monthly. */
      return NEED_COMMENT | (category == RUHU_CATEGORY_NEAR_DIBAO ? 0 : NEED_AMOUNT);
    case RUHU_STEP_ADJUST:
      return NEED_AMOUNT | NEED_REASON;
    case RUHU_STEP_REFUSE:
    case RUHU_STEP_STOP:
    case RUHU_STEP_RECORD_DEATH:
    case RUHU_STEP_EXTEND_DEADLINE:
    case RUHU_STEP_WITHDRAW:
      return NEED_REASON;
    case RUHU_STEP_TRANSFER:
      return NEED_REASON | NEED_TRANSFER;
    case RUHU_STEP_SUPPLY_MATERIALS:
    case RUHU_STEP_LAPSE:
    case RUHU_STEP_ACCEPT:
    case RUHU_STEP_START_INVESTIGATION:
    case RUHU_STEP_FINISH_INVESTIGATION:
    case RUHU_STEP_POST_NOTICE:
    case RUHU_STEP_REPORT:
    case RUHU_STEP_DELIVER_REFUSAL:
    case RUHU_STEP_PUBLISH:
    case RUHU_STEP_START_PERIODIC_REVIEW:
    case RUHU_STEP_CONTINUE:
    case RUHU_STEP_CONFIRM_ALIVE:
    case RUHU_N_STEPS:
    default:
      return NEED_COMMENT;
    }
}

static char *
text_of (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static char *
entry_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

/* "1200", "1200.5" or "1200.50" yuan → fen; FALSE for anything else. */
static gboolean
parse_yuan (const char *text,
            gint64     *fen)
{
  const char *p = text;
  gint64 yuan = 0, cents = 0;
  int decimals = 0;

  if (!g_ascii_isdigit (*p))
    return FALSE;
  for (; g_ascii_isdigit (*p) && yuan <= MAX_FEN; p++)
    yuan = yuan * 10 + (*p - '0');
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p) && decimals < 2; p++, decimals++)
      cents = cents * 10 + (*p - '0');
  if (*p != '\0' || yuan > MAX_FEN / 100)
    return FALSE;
  for (; decimals < 2; decimals++)
    cents *= 10;
  *fen = yuan * 100 + cents;
  return *fen > 0;
}

static gboolean
parse_day (const char *text,
           GDate      *day)
{
  int y, m, d;
  char end;

  g_date_clear (day, 1);
  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (day, d, m, y);
  return TRUE;
}

static gboolean
is_past (const GDate *day)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  return g_date_compare (day, &today) < 0;
}

static void
show_error (RuhuStepDialog *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Returns: (transfer full) (nullable): what is wrong with what was typed */
static char *
check_input (RuhuStepDialog *self,
             StepJob        *job)
{
  g_autofree char *amount = entry_text (self->amount_row);
  GDate due;

  if ((self->needs & NEED_COMMENT_REQUIRED) && job->comment == NULL)
    return g_strdup (self->step == RUHU_STEP_REQUEST_MATERIALS
                     ? _("List the materials that are missing.")
                     : _("Write a comment: it is part of this step."));
  if ((self->needs & NEED_REASON) && job->reason == NULL)
    return g_strdup (_("Give the reason for this step."));
  if ((self->needs & NEED_OPINION) && job->opinion == NULL)
    return g_strdup (_("Choose the township’s opinion: grant or refuse."));
  if ((self->needs & NEED_AMOUNT) && (amount == NULL || !parse_yuan (amount, &job->amount)))
    return g_strdup (_("Type the monthly amount in yuan, e.g. 650 or 650.50."));
  job->has_amount = (self->needs & NEED_AMOUNT) != 0;
  if ((self->needs & NEED_DUE) && (job->due_on == NULL || !parse_day (job->due_on, &due)))
    return g_strdup (_("Type the day the materials are due as YYYY-MM-DD."));
  if ((self->needs & NEED_DUE) && is_past (&due))
    return g_strdup (_("The materials cannot be due on a day already past."));
  if ((self->needs & NEED_TRANSFER) && job->transfer_to == NULL)
    return g_strdup (_("Name the township of the household’s hukou place."));
  return NULL;
}

static StepJob *
read_job (RuhuStepDialog *self)
{
  StepJob *job = g_new0 (StepJob, 1);

  job->device = g_object_ref (self->device);
  job->case_id = g_strdup (self->case_id);
  job->step = self->step;
  job->comment = (self->needs & NEED_COMMENT) ? text_of (self->comment_view) : NULL;
  job->reason = (self->needs & NEED_REASON) ? text_of (self->reason_view) : NULL;
  if (self->needs & NEED_OPINION)
    job->opinion = gtk_check_button_get_active (self->grant_check) ? g_strdup ("grant")
                   : gtk_check_button_get_active (self->refuse_check) ? g_strdup ("refuse")
                   : NULL;
  job->due_on = (self->needs & NEED_DUE) ? entry_text (self->due_row) : NULL;
  job->transfer_to = (self->needs & NEED_TRANSFER) ? entry_text (self->transfer_row) : NULL;
  return job;
}

static void
take_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  StepJob *job = task_data;
  RuhuDevice *device = job->device;
  RuhuStepInput input = {
    .actor_name = ruhu_device_get_actor (device),
    .comment = job->comment,
    .reason = job->reason,
    .opinion = job->opinion,
    .has_amount = job->has_amount,
    .amount = job->amount,
    .due_on = job->due_on,
    .transfer_to = job->transfer_to,
  };
  g_autoptr(RuhuOp) op = NULL;
  GError *error = NULL;

  op = ruhu_workflow_take (ruhu_device_get_store (device), job->case_id, job->step,
                           ruhu_device_get_role (device), &input, ruhu_device_get_actor (device),
                           &error);
  if (op == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
set_busy (RuhuStepDialog *self,
          gboolean        busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (self->take_button, !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

/* A step written counts even if the window was closed meanwhile: the
 * device hears of it either way. */
static void
take_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  RuhuStepDialog *self = user_data;
  StepJob *job = g_task_get_task_data (G_TASK (result));
  gboolean closed = g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result)));
  g_autoptr(GError) error = NULL;
  gboolean taken = g_task_propagate_boolean (G_TASK (result), &error);

  if (taken)
    ruhu_device_case_changed (job->device, job->case_id);
  if (closed)
    return;
  set_busy (self, FALSE);
  if (taken)
    gtk_window_destroy (GTK_WINDOW (self));
  else
    show_error (self, error->message);
}

static void
take_clicked_cb (RuhuStepDialog *self)
{
  g_autoptr(StepJob) job = read_job (self);
  g_autofree char *problem = check_input (self, job);
  g_autoptr(GTask) task = NULL;

  if (self->busy)
    return;
  show_error (self, problem);
  if (problem != NULL)
    return;
  set_busy (self, TRUE);
  task = g_task_new (NULL, self->cancellable, take_done_cb, self);
  g_task_set_source_tag (task, take_clicked_cb);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, g_steal_pointer (&job), (GDestroyNotify) step_job_free);
  g_task_run_in_thread (task, take_thread);
}

static void
label_text_view (GtkTextView *view,
                 const char  *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* Shows only what the step asks for. */
static void
setup_step (RuhuStepDialog *self,
            RuhuCategory    category)
{
  const char *label = ruhu_step_get_label (self->step);
  Needs needs = needs_of (self->step, category);
  const char *comment_title = _("Comment");

  self->needs = needs;
  gtk_window_set_title (GTK_WINDOW (self), label);
  adw_window_title_set_title (self->window_title, label);
  gtk_button_set_use_underline (GTK_BUTTON (self->take_button), FALSE);
  gtk_button_set_label (GTK_BUTTON (self->take_button), label);
  gtk_widget_set_visible (self->opinion_group, needs & NEED_OPINION);
  gtk_widget_set_visible (GTK_WIDGET (self->amount_row), needs & NEED_AMOUNT);
  gtk_widget_set_visible (GTK_WIDGET (self->due_row), needs & NEED_DUE);
  gtk_widget_set_visible (GTK_WIDGET (self->transfer_row), needs & NEED_TRANSFER);
  gtk_widget_set_visible (self->values_group, needs & (NEED_AMOUNT | NEED_DUE | NEED_TRANSFER));
  gtk_widget_set_visible (self->reason_group, needs & NEED_REASON);
  gtk_widget_set_visible (GTK_WIDGET (self->comment_group), needs & NEED_COMMENT);
  if (self->step == RUHU_STEP_REQUEST_MATERIALS)
    {
      comment_title = _("Missing Materials");
      adw_preferences_group_set_description (self->comment_group,
                                             _("Everything that is missing: the notice is sent "
                                               "only once."));
    }
  else if (self->step == RUHU_STEP_RETURN)
    adw_preferences_group_set_description (self->comment_group,
                                           _("What must be investigated again. Comments on "
                                             "single fields are added from the fields."));
  else if (!(needs & NEED_COMMENT_REQUIRED))
    adw_preferences_group_set_description (self->comment_group, _("Optional"));
  adw_preferences_group_set_title (self->comment_group, comment_title);
  label_text_view (self->comment_view, comment_title);
  label_text_view (self->reason_view, _("Reason"));
}

static void
ruhu_step_dialog_dispose (GObject *object)
{
  RuhuStepDialog *self = RUHU_STEP_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->device);
  gtk_widget_dispose_template (GTK_WIDGET (self), RUHU_TYPE_STEP_DIALOG);
  G_OBJECT_CLASS (ruhu_step_dialog_parent_class)->dispose (object);
}

static void
ruhu_step_dialog_finalize (GObject *object)
{
  RuhuStepDialog *self = RUHU_STEP_DIALOG (object);

  g_free (self->case_id);
  G_OBJECT_CLASS (ruhu_step_dialog_parent_class)->finalize (object);
}

static void
ruhu_step_dialog_class_init (RuhuStepDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ruhu_step_dialog_dispose;
  object_class->finalize = ruhu_step_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/ruhu/Ruhu/ruhu-step-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, RuhuStepDialog, name)
  BIND (window_title);
  BIND (take_button);
  BIND (error_label);
  BIND (opinion_group);
  BIND (grant_check);
  BIND (refuse_check);
  BIND (values_group);
  BIND (amount_row);
  BIND (due_row);
  BIND (transfer_row);
  BIND (reason_group);
  BIND (reason_view);
  BIND (comment_group);
  BIND (comment_view);
  BIND (spinner);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, take_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ruhu_step_dialog_init (RuhuStepDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

RuhuStepDialog *
ruhu_step_dialog_new (RuhuDevice   *device,
                      const char   *case_id,
                      RuhuStep      step,
                      RuhuCategory  category)
{
  RuhuStepDialog *self;

  g_return_val_if_fail (RUHU_IS_DEVICE (device), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  self = g_object_new (RUHU_TYPE_STEP_DIALOG, NULL);
  self->device = g_object_ref (device);
  self->case_id = g_strdup (case_id);
  self->step = step;
  setup_step (self, category);
  return self;
}

/* Opens the dialog of @step over @parent's window. */
void
ruhu_step_dialog_show (GtkWidget    *parent,
                       RuhuDevice   *device,
                       const char   *case_id,
                       RuhuStep      step,
                       RuhuCategory  category)
{
  RuhuStepDialog *self = ruhu_step_dialog_new (device, case_id, step, category);
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (self));
}

RuhuStep
ruhu_step_dialog_get_step (RuhuStepDialog *self)
{
  g_return_val_if_fail (RUHU_IS_STEP_DIALOG (self), RUHU_N_STEPS);
  return self->step;
}

/* TRUE while the step is being written; tests wait for it to end. */
gboolean
ruhu_step_dialog_get_busy (RuhuStepDialog *self)
{
  g_return_val_if_fail (RUHU_IS_STEP_DIALOG (self), FALSE);
  return self->busy;
}
