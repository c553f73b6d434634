/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-date.h"
#include "ruhu-document-private.h"
#include "ruhu-income.h"

/* A case as the documents read it: its entities, its steps, and the words
 * and figures they print (option labels, dates, yuan, masked names). */

/* Longer masks say nothing more and only stretch a column. */

/* The local standard the household is measured against, on the day of the
 * visit (or of issue); documents leave the comparison out without one. */
static void
find_standard (RuhuDocCase *kase)
{
  const char *codes[] = { "village_code", "township_code", "district_code" };
  const char *category = ruhu_doc_case_string (kase->household, "category");
  const char *visited = ruhu_doc_case_string (kase->sheet, "visited_on");
  g_autoptr(GError) error = NULL;
  RuhuStandardKind kind;
  GDate day = kase->issued;

  if (category == NULL)
    category = ruhu_doc_case_string (kase->application, "category");
  if (category == NULL || g_str_equal (category, "temporary_assistance"))
    return;
  kase->standards = ruhu_standards_load_default (&error);
  if (kase->standards == NULL)
    {
      g_debug ("Documents without the local standard: %s", error->message);
      return;
    }
  if (visited != NULL)
    ruhu_date_parse (visited, &day);
  kind = ruhu_standard_kind_for (category, ruhu_doc_case_string (kase->household, "hukou_type"));
  for (guint i = 0; i < G_N_ELEMENTS (codes) && !kase->has_standard; i++)
    {
      const char *code = ruhu_doc_case_string (kase->household, codes[i]);

      kase->has_standard = code != NULL &&
                           ruhu_standards_lookup (kase->standards, code, kind, &day,
                                                  &kase->standard);
    }
}

RuhuDocCase *
ruhu_doc_case_load (RuhuStore                 *store,
                    RuhuFormSet               *forms,
                    const char                *case_id,
                    const RuhuDocumentOptions *options,
                    GError                   **error)
{
  g_autoptr(RuhuDocCase) kase = g_new0 (RuhuDocCase, 1);

  kase->store = g_object_ref (store);
  kase->forms = ruhu_form_set_ref (forms);
  kase->options = options;
  ruhu_date_get_today (options->issued_on, &kase->issued);
  kase->snapshot = ruhu_case_snapshot_load (store, case_id, error);
  if (kase->snapshot == NULL)
    return NULL;
  kase->household = ruhu_case_snapshot_lookup (kase->snapshot, case_id);
  if (kase->household == NULL || g_strcmp0 (kase->household->kind, "household") != 0)
    {
      g_set_error (error, RUHU_DOCUMENT_ERROR, RUHU_DOCUMENT_ERROR_NOT_FOUND,
                   _("There is no case “%s”."), case_id);
      return NULL;
    }
  kase->flow = ruhu_case_flow_read (store, case_id, error);
  if (kase->flow == NULL)
    return NULL;
  kase->application = ruhu_case_snapshot_first (kase->snapshot, "application");
  kase->sheet = ruhu_case_snapshot_first (kase->snapshot, "check_sheet");
  ruhu_income_compute (kase->snapshot, &kase->income);
  find_standard (kase);
  return g_steal_pointer (&kase);
}

void
ruhu_doc_case_free (RuhuDocCase *kase)
{
  if (kase == NULL)
    return;
  g_clear_pointer (&kase->snapshot, ruhu_case_snapshot_free);
  g_clear_pointer (&kase->flow, ruhu_case_flow_free);
  g_clear_pointer (&kase->standards, ruhu_standards_free);
  g_clear_pointer (&kase->forms, ruhu_form_set_unref);
  g_clear_object (&kase->store);
  g_free (kase);
}

/* Returns: (transfer none) (nullable): a string field's value */
const char *
ruhu_doc_case_string (RuhuCaseEntity *entity,
                      const char     *field)
{
  return entity != NULL ? ruhu_case_entity_get_string (entity, field) : NULL;
}

char *
ruhu_doc_format_date (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return g_strdup ("");
  /* TRANSLATORS: a date in a document: year, month, day; zh_CN: %d年%d月%d日 */
  return g_strdup_printf (_("%d-%02d-%02d"), g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

/* A "YYYY-MM-DD" date, or the date and the minutes of an RFC 3339 time
 * as it was written (local time where it was taken). */
char *
ruhu_doc_format_date_text (const char *text)
{
  g_autofree char *day = NULL;
  g_autofree char *date = NULL;
  GDate parsed;

  if (text == NULL || strlen (text) < 10)
    return g_strdup (text != NULL ? text : "");
  day = g_strndup (text, 10);
  if (!ruhu_date_parse (day, &parsed))
    return g_strdup (text);
  date = ruhu_doc_format_date (&parsed);
  if (strlen (text) >= 16 && text[10] == 'T')
    return g_strdup_printf ("%s %.5s", date, text + 11);
  return g_steal_pointer (&date);
}

char *
ruhu_doc_format_money (gint64 fen)
{
  g_autofree char *yuan = ruhu_money_format (fen);

  /* TRANSLATORS: an amount of money in a document; zh_CN: %s元 */
  return g_strdup_printf (_("%s yuan"), yuan);
}

/**
 * ruhu_doc_mask_name:
 *
 * Returns: (transfer full): @name as a public document prints it
 */
char *
ruhu_doc_mask_name (const char   *name,
                    RuhuNameMask  mask)
{
  g_autofree char *clean = ruhu_doc_clean_text (name);

  return ruhu_name_mask_apply (clean, mask);
}

/* Returns: (transfer full): the member's name, "" if there is none */
char *
ruhu_doc_case_member_name (RuhuDocCase *kase,
                           const char  *member)
{
  RuhuCaseEntity *entity = member != NULL ? ruhu_case_snapshot_lookup (kase->snapshot, member)
                                          : NULL;
  const char *name = ruhu_doc_case_string (entity, "name");

  return g_strdup (name != NULL ? name : "");
}

static char *
option_text (RuhuFormField *field,
             const char    *value)
{
  const char *label = field != NULL ? ruhu_form_field_lookup_option_label (field, value) : NULL;

  return g_strdup (label != NULL ? label : value);
}

static char *
list_text (RuhuFormField *field,
           JsonNode      *value)
{
  JsonArray *array = JSON_NODE_HOLDS_ARRAY (value) ? json_node_get_array (value) : NULL;
  GString *text = g_string_new (NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *label = option_text (field, json_array_get_string_element (array, i));

      /* TRANSLATORS: between the items of a list in a document; zh_CN: 、 */
      g_string_append_printf (text, "%s%s", i > 0 ? _(", ") : "", label);
    }
  return g_string_free (text, FALSE);
}

/**
 * ruhu_doc_case_text:
 *
 * Returns: (transfer full): the field's value as a document prints it:
 *   option labels, yuan, dates, members' names; "" when it is empty
 */
char *
ruhu_doc_case_text (RuhuDocCase    *kase,
                    RuhuCaseEntity *entity,
                    const char     *field)
{
  JsonNode *value = entity != NULL ? g_hash_table_lookup (entity->values, field) : NULL;
  RuhuForm *form = entity != NULL ? ruhu_form_set_lookup (kase->forms, entity->kind) : NULL;
  RuhuFormField *definition = form != NULL ? ruhu_form_lookup_field (form, field) : NULL;
  RuhuFieldType type = definition != NULL ? ruhu_form_field_get_value_type (definition)
                                          : RUHU_FIELD_TEXT;

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup ("");
  if (type == RUHU_FIELD_MULTI_CHOICE)
    return list_text (definition, value);
  if (!JSON_NODE_HOLDS_VALUE (value))
    return g_strdup ("");
  switch (type)
    {
    case RUHU_FIELD_CHOICE:
      return option_text (definition, json_node_get_string (value));
    case RUHU_FIELD_MONEY:
      return ruhu_money_format (json_node_get_int (value));
    case RUHU_FIELD_INTEGER:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
    case RUHU_FIELD_BOOLEAN:
      return g_strdup (json_node_get_boolean (value) ? _("Yes") : _("No"));
    case RUHU_FIELD_DATE:
    case RUHU_FIELD_DATETIME:
      return ruhu_doc_format_date_text (json_node_get_string (value));
    case RUHU_FIELD_REFERENCE:
      return ruhu_doc_case_member_name (kase, json_node_get_string (value));
    case RUHU_FIELD_TEXT:
    case RUHU_FIELD_ID_NUMBER:
    case RUHU_FIELD_PHONE:
    case RUHU_FIELD_PHOTO:
    case RUHU_FIELD_SIGNATURE:
    case RUHU_FIELD_COMPUTED:
    case RUHU_FIELD_MULTI_CHOICE:
    default:
      return g_strdup (json_node_get_value_type (value) == G_TYPE_STRING
                         ? json_node_get_string (value) : "");
    }
}

/* Returns: (transfer none): the field's label, or its name */
const char *
ruhu_doc_field_label (RuhuDocCase *kase,
                      const char  *kind,
                      const char  *field)
{
  RuhuForm *form = ruhu_form_set_lookup (kase->forms, kind);
  RuhuFormField *definition = form != NULL ? ruhu_form_lookup_field (form, field) : NULL;

  return definition != NULL ? ruhu_form_field_get_label (definition) : field;
}

/* A ruled table of an entity's fields, label beside value, two pairs a
 * row with @n_columns 4, one with 2; empty fields stay blank, as on a
 * paper form. */
void
ruhu_doc_add_fields (RuhuDocument        *doc,
                     RuhuDocCase         *kase,
                     RuhuCaseEntity      *entity,
                     const char * const  *fields,
                     guint                n_columns)
{
  static const double four[] = { 0.16, 0.34, 0.16, 0.34 };
  static const double two[] = { 0.2, 0.8 };
  RuhuDocTable *table;

  g_return_if_fail (entity != NULL);
  table = ruhu_doc_table_new (doc, n_columns, n_columns == 4 ? four : two);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *value = ruhu_doc_case_text (kase, entity, fields[i]);

      ruhu_doc_table_pair (table, ruhu_doc_field_label (kase, entity->kind, fields[i]), value);
    }
  ruhu_doc_table_end (table);
}

/* Returns: (transfer none): the category applied for, as labelled */
const char *
ruhu_doc_case_category (RuhuDocCase *kase)
{
  RuhuForm *form = ruhu_form_set_lookup (kase->forms, "household");
  RuhuFormField *field = form != NULL ? ruhu_form_lookup_field (form, "category") : NULL;
  const char *value = ruhu_doc_case_string (kase->household, "category");
  const char *label;

  if (value == NULL)
    value = ruhu_doc_case_string (kase->application, "category");
  if (value == NULL)
    value = "urban_dibao";
  label = field != NULL ? ruhu_form_field_lookup_option_label (field, value) : NULL;
  return label != NULL ? label : value;
}

/* Returns: (transfer none): the name documents are addressed to */
const char *
ruhu_doc_case_applicant (RuhuDocCase *kase)
{
  const char *name = ruhu_doc_case_string (kase->household, "head_name");

  return name != NULL ? name : "";
}

/* Returns: (transfer full): district, township and village, no address */
char *
ruhu_doc_case_place (RuhuDocCase *kase)
{
  const char *parts[] = { "district_name", "township_name", "village_name" };
  GString *place = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      const char *part = ruhu_doc_case_string (kase->household, parts[i]);

      if (part != NULL)
        g_string_append (place, part);
    }
  return g_string_free (place, FALSE);
}

/* Returns: (transfer none) (nullable): the last counted @step, or %NULL
 * with %RUHU_DOCUMENT_ERROR_NOT_READY */
const RuhuTransition *
ruhu_doc_case_step (RuhuDocCase  *kase,
                    RuhuStep      step,
                    GError      **error)
{
  const RuhuTransition *transition = ruhu_case_flow_find_last (kase->flow, step);

  if (transition == NULL)
    g_set_error (error, RUHU_DOCUMENT_ERROR, RUHU_DOCUMENT_ERROR_NOT_READY,
                 _("This document records the step “%s”, which the case has not taken."),
                 ruhu_step_get_label (step));
  return transition;
}

/* The monthly amount granted last (grant or adjust), if any. */
gboolean
ruhu_doc_case_amount (RuhuDocCase *kase,
                      gint64      *fen)
{
  for (guint i = kase->flow->transitions->len; i > 0; i--)
    {
      const RuhuTransition *transition = g_ptr_array_index (kase->flow->transitions, i - 1);

      if (transition->counted && transition->has_amount &&
          (transition->step == RUHU_STEP_GRANT || transition->step == RUHU_STEP_ADJUST))
        {
          *fen = transition->amount;
          return TRUE;
        }
    }
  return FALSE;
}

void
ruhu_doc_case_set_header (RuhuDocument *doc,
                          RuhuDocCase  *kase)
{
  g_autofree char *date = ruhu_doc_format_date (&kase->issued);
  const char *district = ruhu_doc_case_string (kase->household, "district_name");
  const char *township = ruhu_doc_case_string (kase->household, "township_name");

  doc->header_left = g_strconcat (district != NULL ? district : "",
                                  township != NULL ? township : "", NULL);
  /* TRANSLATORS: the running header of a document; zh_CN: 出具日期：%s */
  doc->header_right = g_strdup_printf (_("Issued on %s"), date);
}

/* Returns: (transfer full): the office that issues a document: the
 * township's government, or the district's civil affairs bureau */
char *
ruhu_doc_case_issuer (RuhuDocCase *kase,
                      gboolean     district)
{
  const char *place = ruhu_doc_case_string (kase->household,
                                            district ? "district_name" : "township_name");

  if (place == NULL)
    place = "";
  if (district)
    /* TRANSLATORS: who issues the district's decisions; zh_CN: %s民政局 */
    return g_strdup_printf (_("Civil Affairs Bureau of %s"), place);
  /* TRANSLATORS: who issues a township's letters; zh_CN: %s人民政府 */
  return g_strdup_printf (_("People’s Government of %s"), place);
}

/* Where the issuing office signs and seals, on the right as on paper. */
void
ruhu_doc_add_seal (RuhuDocument *doc,
                   RuhuDocCase  *kase,
                   const char   *issuer)
{
  g_autofree char *date = ruhu_doc_format_date (&kase->issued);
  /* TRANSLATORS: where the office's seal goes on a document; zh_CN: （盖章） */
  g_autofree char *text = g_strdup_printf ("%s\n%s\n%s", issuer, _("(seal)"), date);

  ruhu_doc_ensure_space (doc, 90);
  ruhu_doc_add_space (doc, 24);
  ruhu_doc_add_text (doc, text, RUHU_DOC_STYLE_BODY, PANGO_ALIGN_RIGHT, FALSE);
}
