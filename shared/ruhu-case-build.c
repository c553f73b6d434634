/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ruhu-case-index-private.h"
#include "ruhu-date.h"
#include "ruhu-json.h"

/* From the values of one summary scan to a RuhuCaseInfo per case: what
 * each value says, the status, and the next deadline's due date. */

static void
signature_build_clear (gpointer data)
{
  SignatureBuild *signature = data;

  g_free (signature->entity);
  g_free (signature->sheet);
}

void
ruhu_case_build_free (gpointer data)
{
  CaseBuild *build = data;

  ruhu_case_info_free (build->info);
  g_clear_pointer (&build->sheets, g_hash_table_unref);
  g_clear_pointer (&build->signatures, g_array_unref);
  if (build->tails != NULL)
    g_string_free (build->tails, TRUE);
  g_free (build);
}

/* The text of a JSON string value; most are plain, so the common case
 * needs no parser. NULL for anything that is not a string. */
static char *
json_text (const char *json)
{
  gsize length = strlen (json);
  g_autoptr(JsonNode) node = NULL;

  if (length < 2 || json[0] != '"' || json[length - 1] != '"')
    return NULL;
  if (memchr (json + 1, '\\', length - 2) == NULL)
    return g_strndup (json + 1, length - 2);
  node = ruhu_json_parse (json, length, NULL, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

/* A date, or the date part of a date-time. */
static gboolean
json_date (const char *json,
           GDate      *date)
{
  char text[11];

  if (strlen (json) < 12 || json[0] != '"')
    return FALSE;
  memcpy (text, json + 1, 10);
  text[10] = '\0';
  return ruhu_date_parse (text, date);
}

static CaseBuild *
lookup_case (IndexBuild *index,
             const char *case_id)
{
  CaseBuild *build = g_hash_table_lookup (index->cases, case_id);

  if (build == NULL)
    {
      build = g_new0 (CaseBuild, 1);
      build->info = g_new0 (RuhuCaseInfo, 1);
      build->info->case_id = g_strdup (case_id);
      g_hash_table_insert (index->cases, build->info->case_id, build);
    }
  return build;
}

static void
take_household (CaseBuild              *build,
                const RuhuSummaryValue *value)
{
  RuhuCaseInfo *info = build->info;

  build->has_household = TRUE;
  if (g_str_equal (value->field, "head_name"))
    info->head_name = json_text (value->json);
  else if (g_str_equal (value->field, "village_name"))
    info->village_name = json_text (value->json);
  else if (g_str_equal (value->field, "township_name"))
    info->township_name = json_text (value->json);
  else if (g_str_equal (value->field, "category"))
    info->category = json_text (value->json);
}

static void
take_member (CaseBuild              *build,
             const RuhuSummaryValue *value)
{
  g_autofree char *id_number = NULL;
  gsize length;

  if (!g_str_equal (value->field, "id_number"))
    return;
  id_number = json_text (value->json);
  if (id_number == NULL)
    return;
  if (build->tails == NULL)
    build->tails = g_string_new (NULL);
  length = strlen (id_number);
  g_string_append (build->tails, id_number + (length > RUHU_CASE_ID_TAIL ? length - RUHU_CASE_ID_TAIL : 0));
  g_string_append_c (build->tails, ' ');
}

static void
take_check_sheet (CaseBuild              *build,
                  const RuhuSummaryValue *value,
                  const char             *actor)
{
  gboolean reopened;

  if (build->sheets == NULL)
    build->sheets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reopened = GPOINTER_TO_INT (g_hash_table_lookup (build->sheets, value->entity));
  if (g_str_equal (value->field, "reopened"))
    reopened = g_str_equal (value->json, "true");
  else if ((g_str_equal (value->field, "investigator_1") ||
            g_str_equal (value->field, "investigator_2")) && actor != NULL)
    {
      g_autofree char *name = json_text (value->json);

      build->info->assigned_to_me |= g_strcmp0 (name, actor) == 0;
    }
  g_hash_table_insert (build->sheets, g_strdup (value->entity), GINT_TO_POINTER (reopened));
}

/* A signature's role and time come as two rows: the first creates the
 * record, the second completes it (same entity, consecutive rows). */
static void
take_signature (CaseBuild              *build,
                const RuhuSummaryValue *value)
{
  SignatureBuild *last = NULL;

  if (value->parent == NULL)
    return;
  if (build->signatures == NULL)
    {
      build->signatures = g_array_new (FALSE, TRUE, sizeof (SignatureBuild));
      g_array_set_clear_func (build->signatures, signature_build_clear);
    }
  if (build->signatures->len > 0)
    last = &g_array_index (build->signatures, SignatureBuild, build->signatures->len - 1);
  if (last == NULL || !g_str_equal (last->entity, value->entity))
    {
      SignatureBuild fresh = { g_strdup (value->entity), g_strdup (value->parent), FALSE, { 0, } };

      g_date_clear (&fresh.signed_on, 1);
      g_array_append_val (build->signatures, fresh);
      last = &g_array_index (build->signatures, SignatureBuild, build->signatures->len - 1);
    }
  if (g_str_equal (value->field, "signer_role"))
    last->investigator = g_str_equal (value->json, "\"investigator\"");
  else if (g_str_equal (value->field, "signed_at"))
    json_date (value->json, &last->signed_on);
}

void
ruhu_case_build_take_value (const RuhuSummaryValue *value,
                            gpointer                user_data)
{
  IndexBuild *index = user_data;
  CaseBuild *build = lookup_case (index, value->case_id);

  if (g_str_equal (value->kind, "household"))
    take_household (build, value);
  else if (g_str_equal (value->kind, "member"))
    take_member (build, value);
  else if (g_str_equal (value->kind, "application"))
    {
      build->has_application = TRUE;
      if (g_str_equal (value->field, "applied_on"))
        json_date (value->json, &build->applied_on);
    }
  else if (g_str_equal (value->kind, "check_sheet"))
    take_check_sheet (build, value, index->options->actor);
  else if (g_str_equal (value->kind, "signature"))
    take_signature (build, value);
}

/* The latest day an investigator signed a check sheet that is not
 * reopened; FALSE if none did. */
static gboolean
find_signed_on (CaseBuild *build,
                GDate     *signed_on)
{
  gboolean found = FALSE;

  g_date_clear (signed_on, 1);
  for (guint i = 0; build->signatures != NULL && i < build->signatures->len; i++)
    {
      SignatureBuild *signature = &g_array_index (build->signatures, SignatureBuild, i);
      gpointer reopened;

      if (!signature->investigator || !g_date_valid (&signature->signed_on) ||
          build->sheets == NULL ||
          !g_hash_table_lookup_extended (build->sheets, signature->sheet, NULL, &reopened) ||
          GPOINTER_TO_INT (reopened))
        continue;
      if (!found || g_date_compare (&signature->signed_on, signed_on) > 0)
        *signed_on = signature->signed_on;
      found = TRUE;
    }
  return found;
}

/* The next deadline the case's own data allows to count. The acceptance
 * date is not recorded on devices yet, so the steps after it count from
 * the application date: acceptance comes at most two working days later,
 * so those deadlines show at most two working days early, never late. */
static gboolean
next_deadline (CaseBuild        *build,
               RuhuDeadlineKind *kind,
               GDate            *start)
{
  GDate signed_on;

  switch (build->info->status)
    {
    case RUHU_CASE_STATUS_NO_APPLICATION:
      return FALSE;
    case RUHU_CASE_STATUS_APPLIED:
      *kind = RUHU_DEADLINE_ACCEPTANCE;
      *start = build->applied_on;
      break;
    case RUHU_CASE_STATUS_INVESTIGATING:
      *kind = RUHU_DEADLINE_REPORT;
      *start = build->applied_on;
      break;
    case RUHU_CASE_STATUS_SIGNED:
      if (!find_signed_on (build, &signed_on))
        return FALSE;
      *kind = RUHU_DEADLINE_INITIAL_REVIEW;
      *start = signed_on;
      break;
    default:
      g_assert_not_reached ();
    }
  return g_date_valid (start);
}

/* Deadlines repeat: many cases share a start day, and a due day. One
 * load remembers each (kind, start) → due date and due date → state. */
static gboolean
compute_due (GHashTable       *memo,
             RuhuCalendar     *calendar,
             RuhuDeadlineKind  kind,
             const GDate      *start,
             GDate            *due)
{
  gpointer key = GUINT_TO_POINTER (g_date_get_julian (start) * 8 + kind);
  gpointer known = g_hash_table_lookup (memo, key);

  if (known == NULL)
    {
      g_autoptr(GError) error = NULL;
      GDate computed;

      if (ruhu_deadline_compute (calendar, kind, start, NULL, 0, &computed, &error))
        known = GUINT_TO_POINTER (g_date_get_julian (&computed));
      else
        {
          g_debug ("No deadline: %s", error->message);
          known = GUINT_TO_POINTER (G_MAXUINT32);
        }
      g_hash_table_insert (memo, key, known);
    }
  if (GPOINTER_TO_UINT (known) == G_MAXUINT32)
    return FALSE;
  g_date_clear (due, 1);
  g_date_set_julian (due, GPOINTER_TO_UINT (known));
  return TRUE;
}

static void
resolve_deadline (CaseBuild    *build,
                  GHashTable   *memo,
                  RuhuCalendar *calendar)
{
  RuhuCaseInfo *info = build->info;
  RuhuDeadlineKind kind;
  GDate start;

  g_date_clear (&start, 1);
  g_date_clear (&info->deadline, 1);
  if (calendar == NULL || !next_deadline (build, &kind, &start))
    return;
  info->deadline_kind = kind;
  info->has_deadline = compute_due (memo, calendar, kind, &start, &info->deadline);
}

RuhuCaseInfo *
ruhu_case_build_resolve (CaseBuild    *build,
                         GHashTable   *memo,
                         RuhuCalendar *calendar)
{
  RuhuCaseInfo *info = build->info;
  GDate signed_on;

  if (!build->has_application)
    info->status = RUHU_CASE_STATUS_NO_APPLICATION;
  else if (build->sheets == NULL)
    info->status = RUHU_CASE_STATUS_APPLIED;
  else if (find_signed_on (build, &signed_on))
    info->status = RUHU_CASE_STATUS_SIGNED;
  else
    info->status = RUHU_CASE_STATUS_INVESTIGATING;
  resolve_deadline (build, memo, calendar);
  info->id_tails = build->tails != NULL ? g_string_free (g_steal_pointer (&build->tails), FALSE)
                                        : g_strdup ("");
  return g_steal_pointer (&build->info);
}

