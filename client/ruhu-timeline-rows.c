/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "ruhu-timeline-rows.h"

/* The rows of the timeline section: steps taken, steps refused by the
 * server, steps not possible now; and how a deadline reads. */

void
ruhu_timeline_refusal_free (RuhuTimelineRefusal *refusal)
{
  g_free (refusal->at);
  g_free (refusal->actor_name);
  g_free (refusal->reason);
  g_free (refusal);
}

/* Returns: (transfer full): an RFC 3339 time as people read it, local */
char *
ruhu_timeline_format_at (const char *at)
{
  g_autoptr(GDateTime) parsed = at != NULL ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
  g_autoptr(GDateTime) local = parsed != NULL ? g_date_time_to_local (parsed) : NULL;

  if (local == NULL)
    return g_strdup (at != NULL ? at : "?");
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static GtkWidget *
new_row (const char *title,
         const char *subtitle,
         const char *icon)
{
  GtkWidget *row = adw_action_row_new ();

  /* Comments and reasons are people's text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (icon != NULL)
    adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon);
  return row;
}

static void
add_line (GString    *text,
          const char *line)
{
  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append (text, line);
}

/* Adds a line about @value, if it has one. */
static void add_labelled (GString    *text,
                          const char *value,
                          const char *format,
                          ...) G_GNUC_PRINTF (3, 4);

static void
add_labelled (GString    *text,
              const char *value,
              const char *format,
              ...)
{
  va_list args;

  if (value == NULL || *value == '\0')
    return;
  if (text->len > 0)
    g_string_append_c (text, '\n');
  va_start (args, format);
  g_string_append_vprintf (text, format, args);
  va_end (args);
}

static char *
yuan_text (gint64 fen)
{
  g_autofree char *number = g_strdup_printf ("%" PRId64 ".%02d", fen / 100, (int) (fen % 100));

  /* Translators: an amount of money in yuan, e.g. "1200.50 yuan". */
  return g_strdup_printf (_("%s yuan"), number);
}

/* Who took the step and when, then what it carries. */
static char *
describe_step (RuhuForm             *form,
               const RuhuTransition *step,
               guint                 n_comments)
{
  RuhuFormField *opinion = form != NULL ? ruhu_form_lookup_field (form, "opinion") : NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *when = ruhu_timeline_format_at (step->at);
  g_autofree char *who = NULL;

  /* Translators: who took a step of a case (a user name) and when. */
  who = g_strdup_printf (_("By %s, %s"), step->actor_name != NULL ? step->actor_name : step->actor,
                         when);
  add_line (text, who);
  add_labelled (text, step->comment, "%s", step->comment);
  /* Translators: the reason given for a step, e.g. for a refusal. */
  add_labelled (text, step->reason, _("Reason: %s"), step->reason);
  if (step->opinion != NULL)
    add_labelled (text, step->opinion, _("Opinion: %s"),
                  opinion != NULL ? ruhu_form_field_lookup_option_label (opinion, step->opinion)
                                  : step->opinion);
  if (step->has_amount)
    {
      g_autofree char *yuan = yuan_text (step->amount);

      add_labelled (text, yuan, _("Monthly amount: %s"), yuan);
    }
  add_labelled (text, step->due_on, _("Materials due by %s"), step->due_on);
  /* Translators: the township a case was transferred to. */
  add_labelled (text, step->transfer_to, _("Transferred to %s"), step->transfer_to);
  if (n_comments > 0)
    {
      g_autofree char *line = g_strdup_printf (ngettext ("Returned with %u comment",
                                                         "Returned with %u comments",
                                                         n_comments),
                                               n_comments);

      add_line (text, line);
    }
  if (!step->counted)
    add_line (text, _("Not counted: waiting for the server’s decision"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Returns: (transfer floating): a row for a step taken */
GtkWidget *
ruhu_timeline_step_row_new (RuhuForm             *form,
                            const RuhuTransition *step,
                            guint                 n_comments)
{
  g_autofree char *subtitle = describe_step (form, step, n_comments);
  GtkWidget *row = new_row (ruhu_step_get_label (step->step), subtitle,
                            step->counted ? "object-select-symbolic" : "content-loading-symbolic");

  gtk_widget_add_css_class (row, step->counted ? "timeline-step" : "timeline-pending");
  return row;
}

/* Returns: (transfer floating): a row for a step the server refused */
GtkWidget *
ruhu_timeline_refusal_row_new (const RuhuTimelineRefusal *refusal)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *when = ruhu_timeline_format_at (refusal->at);
  GtkWidget *row;

  /* Translators: a workflow step the server did not accept, e.g.
   * "Not accepted: Accept". */
  title = g_strdup_printf (_("Not accepted: %s"), ruhu_step_get_label (refusal->step));
  /* Translators: who took a refused step, when, and the server's reason. */
  subtitle = g_strdup_printf (_("Taken by %s, %s. The server refused it: %s"),
                              refusal->actor_name != NULL ? refusal->actor_name : "?", when,
                              refusal->reason);
  row = new_row (title, subtitle, "action-unavailable-symbolic");
  gtk_widget_add_css_class (row, "timeline-refused");
  return row;
}

/* Returns: (transfer floating): a row for a step not possible now, with why */
GtkWidget *
ruhu_timeline_option_row_new (const RuhuStepOption *option)
{
  GtkWidget *row = new_row (ruhu_step_get_label (option->step), option->reason,
                            "action-unavailable-symbolic");

  gtk_widget_add_css_class (row, "step-refused");
  return row;
}

static const char *
status_text (RuhuDeadlineState state)
{
  switch (state)
    {
    case RUHU_DEADLINE_STATE_OVERDUE:
      return _("Overdue");
    case RUHU_DEADLINE_STATE_DUE_TODAY:
      return _("Due today");
    case RUHU_DEADLINE_STATE_DUE_SOON:
      return _("Due soon");
    case RUHU_DEADLINE_STATE_ON_TRACK:
    default:
      return _("On track");
    }
}

/**
 * ruhu_timeline_describe_deadline:
 * @css_class: (out): "error" when overdue, "warning" when due soon or
 *   today, %NULL otherwise
 *
 * Returns: (transfer full): "2026-11-26 — Due soon"
 */
char *
ruhu_timeline_describe_deadline (const RuhuCaseDeadline  *deadline,
                                 const char             **css_class)
{
  char day[16];

  g_date_strftime (day, sizeof day, "%Y-%m-%d", &deadline->due);
  switch (deadline->status.state)
    {
    case RUHU_DEADLINE_STATE_OVERDUE:
      *css_class = "error";
      break;
    case RUHU_DEADLINE_STATE_DUE_TODAY:
    case RUHU_DEADLINE_STATE_DUE_SOON:
      *css_class = "warning";
      break;
    case RUHU_DEADLINE_STATE_ON_TRACK:
    default:
      *css_class = NULL;
      break;
    }
  /* Translators: a deadline's date and where it stands, e.g.
   * "2026-11-26 — Overdue". */
  return g_strdup_printf (_("%s — %s"), day, status_text (deadline->status.state));
}
