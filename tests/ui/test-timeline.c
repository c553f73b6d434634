/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <glib/gi18n.h>

#include "ruhu-case-page.h"
#include "ruhu-field-row.h"
#include "ruhu-step-dialog.h"
#include "ruhu-sync.h"
#include "ruhu-timeline-section.h"
#include "ruhu-workflow.h"
#include "section-window.h"

/* The case page's timeline and steps, used as a person would: a supervisor
 * accepts a case through its button and dialog; a step the role could take
 * but for what is missing shows why, one it never takes is not offered; a return with a comment on one field shows the comment
 * under that field on an investigator's device; a step the server refused
 * shows the server's reason. */

#define SUPERVISOR "wang.fang"
#define WATCHDOG_SECONDS 120

typedef struct
{
  UiFixture            base;
  const char          *case_id;
  GtkWindow           *window;
  RuhuCasePage        *page;
  RuhuTimelineSection *timeline;
  RuhuDevice          *device;   /* the page's */
} TimelineFixture;

typedef gboolean (*Condition) (gpointer data);

static gboolean
watchdog_cb (gpointer user_data)
{
  g_error ("Waited too long for %s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

static void
wait_for (Condition   condition,
          gpointer    data,
          const char *what)
{
  guint watchdog = g_timeout_add_seconds (WATCHDOG_SECONDS, watchdog_cb, (gpointer) what);

  while (!condition (data))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (watchdog);
}

static gboolean
page_idle (gpointer data)
{
  TimelineFixture *f = data;

  return !ruhu_case_page_get_loading (f->page) &&
         !ruhu_timeline_section_get_loading (f->timeline);
}

/* Runs the main loop until the page and its timeline have read the case. */
static void
wait_loaded (TimelineFixture *f)
{
  ui_iterate (20);
  wait_for (page_idle, f, "the case page to load");
  ui_iterate (50);
}

static void
set_account (RuhuStore  *store,
             const char *user,
             const char *role)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ruhu_store_set_setting (store, RUHU_SYNC_SETTING_USER, user, &error));
  g_assert_true (ruhu_store_set_setting (store, RUHU_SYNC_SETTING_ROLE, role, &error));
  g_assert_no_error (error);
}

/* Shows the fixture's case on a new page for @device, @width pixels wide. */
static void
open_page (TimelineFixture *f,
           RuhuDevice      *device,
           int              width)
{
  g_set_object (&f->device, device);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, width, 1000);
  f->page = ruhu_case_page_new ();
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  ruhu_case_page_set_device (f->page, device);
  ruhu_case_page_set_case (f->page, f->case_id);
  gtk_window_present (f->window);
  section_window_wait_mapped (GTK_WIDGET (f->window));
  f->timeline = RUHU_TIMELINE_SECTION (ui_find_by_type (GTK_WIDGET (f->page),
                                                        RUHU_TYPE_TIMELINE_SECTION));
  g_assert_nonnull (f->timeline);
  wait_loaded (f);
}

static void
close_page (TimelineFixture *f)
{
  if (f->window == NULL)
    return;
  wait_loaded (f);
  gtk_window_destroy (f->window);
  f->window = NULL;
  ui_iterate (200);
}

static void
timeline_setup (TimelineFixture *f,
                gconstpointer    data)
{
  ui_fixture_setup (&f->base, 1);
  f->case_id = g_ptr_array_index (f->base.case_ids, 0);
  set_account (ruhu_device_get_store (f->base.device), SUPERVISOR, "supervisor");
  ruhu_device_reload_account (f->base.device);
  open_page (f, f->base.device, 1000);
}

static void
timeline_teardown (TimelineFixture *f,
                   gconstpointer    data)
{
  close_page (f);
  g_clear_object (&f->device);
  ui_fixture_teardown (&f->base);
}

static GtkWidget *
find (GtkWidget  *root,
      const char *text)
{
  GtkWidget *found = ui_find_by_text (root, text);

  if (found == NULL)
    g_error ("Nothing shows “%s”", text);
  return found;
}

typedef gboolean (*Match) (GtkWidget  *widget,
                           const char *text);

/* The first widget under @root (itself included) that @match accepts. */
static GtkWidget *
find_widget (GtkWidget  *root,
             Match       match,
             const char *text)
{
  if (match (root, text))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_button_labelled (GtkWidget  *widget,
                    const char *label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_button_with_icon (GtkWidget  *widget,
                     const char *icon)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), icon) == 0;
}

static gboolean
is_named (GtkWidget  *widget,
          const char *name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  return find_widget (root, is_button_labelled, label);
}

static gboolean
shows (TimelineFixture *f,
       const char      *text)
{
  return ui_find_by_text (GTK_WIDGET (f->timeline), text) != NULL;
}

static GtkWindow *
find_window (GType type)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
window_shown (gpointer type)
{
  return find_window (GPOINTER_TO_SIZE (type)) != NULL;
}

static gboolean
window_gone (gpointer type)
{
  return find_window (GPOINTER_TO_SIZE (type)) == NULL;
}

static void
type_text (GtkWidget  *view,
           const char *text)
{
  g_assert_true (GTK_IS_TEXT_VIEW (view));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

/* Clicks the step's button, fills in the comment, takes the step. */
static RuhuStepDialog *
open_step (TimelineFixture *f,
           RuhuStep         step)
{
  GtkWidget *button = find_button (GTK_WIDGET (f->timeline), ruhu_step_get_label (step));
  RuhuStepDialog *dialog;

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  wait_for (window_shown, GSIZE_TO_POINTER (RUHU_TYPE_STEP_DIALOG), "the step dialog");
  dialog = RUHU_STEP_DIALOG (find_window (RUHU_TYPE_STEP_DIALOG));
  g_assert_cmpint (ruhu_step_dialog_get_step (dialog), ==, step);
  ui_iterate (100);
  return dialog;
}

static void
take_step (TimelineFixture *f,
           RuhuStepDialog  *dialog,
           RuhuStep         step)
{
  GtkWidget *take = find_button (GTK_WIDGET (dialog), ruhu_step_get_label (step));

  g_assert_nonnull (take);
  g_signal_emit_by_name (take, "clicked");
  wait_for (window_gone, GSIZE_TO_POINTER (RUHU_TYPE_STEP_DIALOG), "the step to be taken");
  wait_loaded (f);
}

/* A step as another device's sync would bring it: its record, then its
 * action, written past this device's guard. */
static RuhuOp *
write_step (TimelineFixture *f,
            RuhuStep         step,
            RuhuCaseState    from,
            RuhuCaseState    to)
{
  RuhuStore *store = ruhu_device_get_store (f->device);
  g_autofree char *entity = g_uuid_string_random ();
  const char *fields[][2] = {
    { "from", ruhu_case_state_to_string (from) },
    { "to", ruhu_case_state_to_string (to) },
    { "at", "2026-11-20T09:30:00+08:00" },
    { "actor_name", "li.na" },
    { "action", ruhu_step_to_string (step) },
  };
  RuhuOp *op = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), fields[i][1]);
      g_autoptr(GError) error = NULL;

      g_clear_pointer (&op, ruhu_op_unref);
      op = ruhu_store_write (store, entity, RUHU_WORKFLOW_KIND, f->case_id, f->case_id,
                             fields[i][0], value, "li.na", &error);
      g_assert_no_error (error);
    }
  return op;
}

static const char *
subtitle_of (GtkWidget *row)
{
  g_assert_true (ADW_IS_ACTION_ROW (row));
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* The step is shown as a row, not a button, with the guard's reason. */
static void
assert_refused_as_guard_says (TimelineFixture *f,
                              RuhuStep         step,
                              const char      *role,
                              const char      *code)
{
  RuhuStore *store = ruhu_device_get_store (f->device);
  g_autoptr(RuhuCaseFlow) flow = NULL;
  g_autoptr(GPtrArray) options = NULL;
  g_autoptr(GError) error = NULL;
  const RuhuStepOption *option = NULL;
  GtkWidget *row;

  flow = ruhu_case_flow_read (store, f->case_id, &error);
  g_assert_no_error (error);
  options = ruhu_workflow_list_steps (store, flow, role);
  for (guint i = 0; i < options->len; i++)
    if (((RuhuStepOption *) g_ptr_array_index (options, i))->step == step)
      option = g_ptr_array_index (options, i);
  g_assert_nonnull (option);
  g_assert_false (option->allowed);
  g_assert_cmpstr (option->code, ==, code);
  g_assert_cmpuint (strlen (option->reason), >, 0);
  g_assert_null (find_button (GTK_WIDGET (f->timeline), ruhu_step_get_label (step)));
  row = find (GTK_WIDGET (f->timeline), ruhu_step_get_label (step));
  g_assert_cmpstr (subtitle_of (row), ==, option->reason);
}

static void
test_accept_through_dialog (TimelineFixture *f,
                            gconstpointer    data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *year = g_date_time_format (now, "%Y-");
  RuhuStepDialog *dialog;
  GtkWidget *row;

  section_window_photograph (GTK_WIDGET (f->window), "timeline-applied");
  g_assert_nonnull (find_button (GTK_WIDGET (f->timeline), _("Assign Investigators…")));
  g_assert_true (shows (f, ruhu_case_state_get_label (RUHU_CASE_STATE_APPLIED)));
  g_assert_true (shows (f, _("No step taken yet")));

  dialog = open_step (f, RUHU_STEP_ACCEPT);
  type_text (find_widget (GTK_WIDGET (dialog), is_named, "comment-view"), "材料齐全，予以受理");
  section_window_photograph (GTK_WIDGET (dialog), "timeline-step-dialog");
  take_step (f, dialog, RUHU_STEP_ACCEPT);

  g_assert_true (shows (f, ruhu_case_state_get_label (RUHU_CASE_STATE_ACCEPTED)));
  g_assert_false (shows (f, ruhu_case_state_get_label (RUHU_CASE_STATE_APPLIED)));
  row = find (GTK_WIDGET (f->timeline), ruhu_step_get_label (RUHU_STEP_ACCEPT));
  g_assert_nonnull (strstr (subtitle_of (row), SUPERVISOR));
  g_assert_nonnull (strstr (subtitle_of (row), year));
  g_assert_nonnull (strstr (subtitle_of (row), "材料齐全，予以受理"));
  section_window_photograph (GTK_WIDGET (f->window), "timeline-accepted");

  /* Fields take comments only when the case can be returned. */
  g_assert_false (gtk_widget_get_visible (
    find_widget (ruhu_field_row_get_row (ruhu_case_page_lookup_row (f->page, f->case_id,
                                                                    "head_name")),
                 is_button_with_icon, "chat-message-new-symbolic")));

  /* The demo's authorisations are not all signed: the next step is shown
   * with what it misses. */
  assert_refused_as_guard_says (f, RUHU_STEP_START_INVESTIGATION, "supervisor",
                                "workflow_evidence");
}

/* A step that needs a comment is not taken without one. */
static void
test_dialog_asks_what_is_needed (TimelineFixture *f,
                                 gconstpointer    data)
{
  g_autoptr(RuhuOp) accepted = write_step (f, RUHU_STEP_ACCEPT, RUHU_CASE_STATE_APPLIED,
                                           RUHU_CASE_STATE_ACCEPTED);
  RuhuStepDialog *dialog;
  GtkWidget *take;

  ruhu_device_case_changed (f->device, f->case_id);
  wait_loaded (f);
  dialog = open_step (f, RUHU_STEP_EXTEND_DEADLINE);
  take = find_button (GTK_WIDGET (dialog), ruhu_step_get_label (RUHU_STEP_EXTEND_DEADLINE));
  g_signal_emit_by_name (take, "clicked");
  ui_iterate (100);
  g_assert_nonnull (find (GTK_WIDGET (dialog), _("Give the reason for this step.")));
  section_window_photograph (GTK_WIDGET (dialog), "timeline-step-dialog-refused");
  g_assert_false (ruhu_step_dialog_get_busy (dialog));
  g_assert_true (shows (f, ruhu_case_state_get_label (RUHU_CASE_STATE_ACCEPTED)));
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_iterate (50);
}

static void
test_refused_step_shows_reason (TimelineFixture *f,
                                gconstpointer    data)
{
  RuhuStore *store = ruhu_device_get_store (f->base.device);
  g_autoptr(RuhuDevice) investigator = NULL;

  close_page (f);
  set_account (store, "zhang.wei", "investigator");
  investigator = ruhu_device_new (store, ruhu_device_get_forms (f->base.device));
  open_page (f, investigator, 360);
  /* A step of another role is not offered at all. */
  g_assert_null (ui_find_by_text (GTK_WIDGET (f->timeline), ruhu_step_get_label (RUHU_STEP_ACCEPT)));
  /* What the role may do is a button; investigators assign nobody. */
  g_assert_nonnull (find_button (GTK_WIDGET (f->timeline),
                                 ruhu_step_get_label (RUHU_STEP_WITHDRAW)));
  g_assert_null (find_button (GTK_WIDGET (f->timeline), _("Assign Investigators…")));
  section_window_photograph (GTK_WIDGET (f->window), "timeline-refused-360");
}

static gboolean
row_has_review (gpointer data)
{
  return ruhu_field_row_get_review (data) != NULL;
}

/* The supervisor comments on the head's name from its row. */
static void
comment_on_field (TimelineFixture *f,
                  RuhuFieldRow    *row,
                  const char      *text)
{
  GtkWidget *button = find_widget (ruhu_field_row_get_row (row), is_button_with_icon,
                                   "chat-message-new-symbolic");
  AdwMessageDialog *dialog;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_activate (button));
  wait_for (window_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), "the comment dialog");
  dialog = ADW_MESSAGE_DIALOG (find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  type_text (ui_find_by_type (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW), text);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  section_window_photograph (GTK_WIDGET (dialog), "timeline-comment-dialog");
  adw_message_dialog_response (dialog, "add");
  wait_for (row_has_review, row, "the comment under the field");
  wait_loaded (f);
}

static void
test_return_with_field_comment (TimelineFixture *f,
                                gconstpointer    data)
{
  RuhuStore *store = ruhu_device_get_store (f->base.device);
  const struct
  {
    RuhuStep      step;
    RuhuCaseState from;
    RuhuCaseState to;
  } road[] = {
    { RUHU_STEP_ACCEPT, RUHU_CASE_STATE_APPLIED, RUHU_CASE_STATE_ACCEPTED },
    { RUHU_STEP_START_INVESTIGATION, RUHU_CASE_STATE_ACCEPTED, RUHU_CASE_STATE_INVESTIGATING },
    { RUHU_STEP_FINISH_INVESTIGATION, RUHU_CASE_STATE_INVESTIGATING,
      RUHU_CASE_STATE_INVESTIGATED },
  };
  g_autoptr(RuhuDevice) investigator = NULL;
  RuhuStepDialog *dialog;
  RuhuFieldRow *row;
  GtkWidget *step_row;

  for (guint i = 0; i < G_N_ELEMENTS (road); i++)
    {
      g_autoptr(RuhuOp) op = write_step (f, road[i].step, road[i].from, road[i].to);
    }
  ruhu_device_case_changed (f->device, f->case_id);
  wait_loaded (f);
  g_assert_true (shows (f, ruhu_case_state_get_label (RUHU_CASE_STATE_INVESTIGATED)));

  row = ruhu_case_page_lookup_row (f->page, f->case_id, "head_name");
  g_assert_nonnull (row);
  comment_on_field (f, row, "户主姓名与身份证不一致，请核实");
  /* Not sent yet: a draft for the next return. */
  g_assert_nonnull (strstr (ruhu_field_row_get_review (row), "户主姓名与身份证不一致"));

  dialog = open_step (f, RUHU_STEP_RETURN);
  type_text (find_widget (GTK_WIDGET (dialog), is_named, "comment-view"), "请补充调查");
  section_window_photograph (GTK_WIDGET (dialog), "timeline-return-dialog");
  take_step (f, dialog, RUHU_STEP_RETURN);
  g_assert_true (shows (f, ruhu_case_state_get_label (RUHU_CASE_STATE_INVESTIGATING)));
  step_row = find (GTK_WIDGET (f->timeline), ruhu_step_get_label (RUHU_STEP_RETURN));
  g_assert_nonnull (strstr (subtitle_of (step_row), "1"));
  g_assert_nonnull (strstr (subtitle_of (step_row), "请补充调查"));
  section_window_photograph (GTK_WIDGET (f->window), "timeline-returned");

  /* The investigator's device on the same store. */
  close_page (f);
  set_account (store, "zhang.wei", "investigator");
  investigator = ruhu_device_new (store, ruhu_device_get_forms (f->base.device));
  open_page (f, investigator, 360);
  row = ruhu_case_page_lookup_row (f->page, f->case_id, "head_name");
  g_assert_nonnull (row);
  wait_for (row_has_review, row, "the comment on the investigator's device");
  g_assert_nonnull (strstr (ruhu_field_row_get_review (row), "户主姓名与身份证不一致，请核实"));
  g_assert_false (gtk_widget_get_visible (find_widget (ruhu_field_row_get_row (row),
                                                       is_button_with_icon,
                                                       "chat-message-new-symbolic")));
  /* Another field carries no comment. */
  g_assert_null (ruhu_field_row_get_review (ruhu_case_page_lookup_row (f->page, f->case_id,
                                                                       "head_member")));
  section_window_photograph (gtk_widget_get_ancestor (ruhu_field_row_get_row (row),
                                                     ADW_TYPE_PREFERENCES_GROUP),
                             "timeline-field-comment-360");
}

static void
test_rejected_step_shows_server_reason (TimelineFixture *f,
                                        gconstpointer    data)
{
  const char *reason = "Someone else changed this case first: it is now “Transferred”, "
                       "no longer “Applied”.";
  g_autoptr(RuhuOp) action = write_step (f, RUHU_STEP_ACCEPT, RUHU_CASE_STATE_APPLIED,
                                         RUHU_CASE_STATE_ACCEPTED);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GtkWidget *row;

  ruhu_device_case_changed (f->device, f->case_id);
  wait_loaded (f);
  g_assert_true (shows (f, ruhu_case_state_get_label (RUHU_CASE_STATE_ACCEPTED)));

  /* What the sync does with the server's refusal of `action`. */
  g_assert_true (ruhu_store_reject (ruhu_device_get_store (f->device), action, reason, &error));
  g_assert_no_error (error);
  ruhu_device_case_changed (f->device, f->case_id);
  wait_loaded (f);

  g_assert_true (shows (f, ruhu_case_state_get_label (RUHU_CASE_STATE_APPLIED)));
  title = g_strdup_printf (_("Not accepted: %s"), ruhu_step_get_label (RUHU_STEP_ACCEPT));
  row = find (GTK_WIDGET (f->timeline), title);
  g_assert_nonnull (strstr (subtitle_of (row), reason));
  g_assert_nonnull (strstr (subtitle_of (row), "li.na"));
  section_window_photograph (GTK_WIDGET (f->window), "timeline-rejected");
}

int
main (int    argc,
      char **argv)
{
  ui_fixture_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, TimelineFixture, NULL, timeline_setup, func, \
                                    timeline_teardown)
  ADD ("/ruhu/ui/timeline/accept-through-dialog", test_accept_through_dialog);
  ADD ("/ruhu/ui/timeline/dialog-asks-what-is-needed", test_dialog_asks_what_is_needed);
  ADD ("/ruhu/ui/timeline/refused-step-shows-reason", test_refused_step_shows_reason);
  ADD ("/ruhu/ui/timeline/return-with-field-comment", test_return_with_field_comment);
  ADD ("/ruhu/ui/timeline/rejected-step-shows-server-reason",
       test_rejected_step_shows_server_reason);
#undef ADD

  return g_test_run ();
}
