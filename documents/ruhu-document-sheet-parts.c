/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-document-private.h"
#include "ruhu-sheet-digest.h"

/* The check sheet's tables: members, money, signatures and evidence. */

#define SIGNATURE_HEIGHT  40.0
#define THUMBNAIL_HEIGHT  90.0
#define THUMBNAIL_PIXELS  360
#define SIGNATURE_PIXELS  480

static GPtrArray *
members_with_role (RuhuDocCase *kase,
                   const char  *role)
{
  GPtrArray *members = ruhu_case_snapshot_children (kase->snapshot, kase->household->id,
                                                    "member");

  for (guint i = members->len; i > 0; i--)
    if (g_strcmp0 (ruhu_doc_case_string (g_ptr_array_index (members, i - 1), "role"), role) != 0)
      g_ptr_array_remove_index (members, i - 1);
  return members;
}

#define LABEL(kind, field) ruhu_doc_field_label (kase, kind, field)

static void
add_covered (RuhuDocument *doc,
             RuhuDocCase  *kase)
{
  static const char * const fields[] = {
    "name", "relation", "sex", "birth_date", "id_number", "health", "disability_kind",
    "work_ability", "employment"
  };
  static const double widths[] = { 0.10, 0.10, 0.08, 0.11, 0.20, 0.10, 0.10, 0.09, 0.12 };
  g_autoptr(GPtrArray) members = members_with_role (kase, "covered");
  RuhuDocTable *table;

  /* TRANSLATORS: a section of the check sheet document */
  ruhu_doc_add_heading (doc, _("3. Co-resident members covered by the application"));
  table = ruhu_doc_table_new (doc, G_N_ELEMENTS (widths), widths);
  ruhu_doc_table_header (table, LABEL ("member", fields[0]), LABEL ("member", fields[1]),
                         LABEL ("member", fields[2]), LABEL ("member", fields[3]),
                         LABEL ("member", fields[4]), LABEL ("member", fields[5]),
                         LABEL ("member", fields[6]), LABEL ("member", fields[7]),
                         LABEL ("member", fields[8]), NULL);
  for (guint i = 0; i < members->len; i++)
    {
      RuhuCaseEntity *member = g_ptr_array_index (members, i);
      RuhuDocCell cells[G_N_ELEMENTS (fields)] = { { 0, }, };

      for (guint j = 0; j < G_N_ELEMENTS (fields); j++)
        cells[j].text = ruhu_doc_case_text (kase, member, fields[j]);
      if (ruhu_doc_case_string (member, "disability_grade") != NULL)
        {
          g_autofree char *grade = ruhu_doc_case_text (kase, member, "disability_grade");
          char *both = g_strdup_printf ("%s %s", cells[6].text, grade);

          g_free (cells[6].text);
          cells[6].text = both;
        }
      ruhu_doc_table_cells (table, cells, G_N_ELEMENTS (cells));
      for (guint j = 0; j < G_N_ELEMENTS (fields); j++)
        ruhu_doc_cell_clear (&cells[j]);
    }
  if (members->len == 0)
    ruhu_doc_table_note (table, _("None recorded"));
  ruhu_doc_table_end (table);
}

static void
add_obligors (RuhuDocument *doc,
              RuhuDocCase  *kase)
{
  static const char * const fields[] = {
    "name", "relation", "id_number", "obligor_household_size", "obligor_household_income",
    "obligor_support_paid", "obligor_household_employment"
  };
  static const double widths[] = { 0.11, 0.10, 0.22, 0.12, 0.14, 0.13, 0.18 };
  g_autoptr(GPtrArray) members = members_with_role (kase, "obligor");
  RuhuDocTable *table;

  /* TRANSLATORS: a section of the check sheet document */
  ruhu_doc_add_heading (doc, _("4. Obligors checked for their ability to support"));
  table = ruhu_doc_table_new (doc, G_N_ELEMENTS (widths), widths);
  ruhu_doc_table_align (table, 4, RUHU_DOC_CELL_RIGHT);
  ruhu_doc_table_align (table, 5, RUHU_DOC_CELL_RIGHT);
  ruhu_doc_table_header (table, LABEL ("member", fields[0]), LABEL ("member", fields[1]),
                         LABEL ("member", fields[2]), LABEL ("member", fields[3]),
                         LABEL ("member", fields[4]), LABEL ("member", fields[5]),
                         LABEL ("member", fields[6]), NULL);
  for (guint i = 0; i < members->len; i++)
    {
      RuhuCaseEntity *member = g_ptr_array_index (members, i);
      g_auto(GStrv) texts = g_new0 (char *, G_N_ELEMENTS (fields) + 1);

      for (guint j = 0; j < G_N_ELEMENTS (fields); j++)
        texts[j] = ruhu_doc_case_text (kase, member, fields[j]);
      ruhu_doc_table_row (table, texts[0], texts[1], texts[2], texts[3], texts[4], texts[5],
                          texts[6], NULL);
    }
  if (members->len == 0)
    ruhu_doc_table_note (table, _("None recorded"));
  ruhu_doc_table_end (table);
}

void
ruhu_doc_sheet_members (RuhuDocument *doc,
                        RuhuDocCase  *kase)
{
  add_covered (doc, kase);
  add_obligors (doc, kase);
}

static gint64
int_field (RuhuCaseEntity *entity,
           const char     *field)
{
  gint64 number = 0;

  return ruhu_case_entity_get_int (entity, field, &number) ? number : 0;
}

static void
add_income_summary (RuhuDocument *doc,
                    RuhuDocCase  *kase)
{
  g_autofree char *net = ruhu_doc_format_money (kase->income.net_fen);
  g_autofree char *per_person = ruhu_doc_format_money (kase->income.per_person_fen);
  g_autofree char *text = NULL;

  /* TRANSLATORS: under the income table of the check sheet */
  text = g_strdup_printf (_("Net monthly income of the household: %s. Covered members: %u. "
                            "Monthly income per person: %s."),
                          net, kase->income.n_covered, per_person);
  if (kase->has_standard)
    {
      g_autofree char *standard = ruhu_doc_format_money (kase->standard.fen_per_person);
      char *longer = g_strdup_printf (_("%s Local standard (%s): %s per person a month."), text,
                                      kase->standard.region, standard);

      g_free (text);
      text = longer;
    }
  ruhu_doc_add_text (doc, text, RUHU_DOC_STYLE_BODY, PANGO_ALIGN_LEFT, FALSE);
}

static void
add_incomes (RuhuDocument *doc,
             RuhuDocCase  *kase)
{
  static const double widths[] = { 0.13, 0.17, 0.14, 0.14, 0.14, 0.28 };
  g_autoptr(GPtrArray) items = ruhu_case_snapshot_children (kase->snapshot, kase->sheet->id,
                                                            "income");
  gint64 totals[3] = { 0, 0, 0 };
  char *sums[3];
  RuhuDocTable *table;

  /* TRANSLATORS: a section of the check sheet document */
  ruhu_doc_add_heading (doc, _("5. Monthly income (yuan)"));
  table = ruhu_doc_table_new (doc, G_N_ELEMENTS (widths), widths);
  for (guint i = 2; i <= 4; i++)
    ruhu_doc_table_align (table, i, RUHU_DOC_CELL_RIGHT);
  ruhu_doc_table_header (table, LABEL ("income", "member"), LABEL ("income", "kind"),
                         LABEL ("income", "amount_monthly"), LABEL ("income", "costs_monthly"),
                         LABEL ("income", "net_monthly"), LABEL ("income", "source"), NULL);
  for (guint i = 0; i < items->len; i++)
    {
      RuhuCaseEntity *item = g_ptr_array_index (items, i);
      gint64 amount = int_field (item, "amount_monthly");
      gint64 costs = int_field (item, "costs_monthly");
      g_autofree char *member = ruhu_doc_case_text (kase, item, "member");
      g_autofree char *kind = ruhu_doc_case_text (kase, item, "kind");
      g_autofree char *amount_text = ruhu_money_format (amount);
      g_autofree char *costs_text = ruhu_money_format (costs);
      g_autofree char *net_text = ruhu_money_format (amount - costs);
      g_autofree char *source = ruhu_doc_case_text (kase, item, "source");

      totals[0] += amount;
      totals[1] += costs;
      totals[2] += amount - costs;
      ruhu_doc_table_row (table, member, kind, amount_text, costs_text, net_text, source, NULL);
    }
  for (guint i = 0; i < 3; i++)
    sums[i] = ruhu_money_format (totals[i]);
  /* TRANSLATORS: the last row of a table of money */
  ruhu_doc_table_row (table, _("Total"), "", sums[0], sums[1], sums[2], "", NULL);
  for (guint i = 0; i < 3; i++)
    g_free (sums[i]);
  ruhu_doc_table_end (table);
  add_income_summary (doc, kase);
}

static char *
asset_details (RuhuDocCase    *kase,
               RuhuCaseEntity *asset)
{
  static const char * const fields[] = {
    "kind_other", "house_type", "floor_area", "address", "vehicle_type", "plate_number",
    "institution", "registered_name", "livestock_type", "quantity", "note"
  };
  GString *details = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *value = ruhu_doc_case_text (kase, asset, fields[i]);

      if (*value != '\0')
        /* TRANSLATORS: one detail of an asset: label, value; zh_CN: %s%s：%s */
        g_string_append_printf (details, _("%s%s: %s"), details->len > 0 ? "; " : "",
                                LABEL ("asset", fields[i]), value);
    }
  return g_string_free (details, FALSE);
}

static void
add_assets (RuhuDocument *doc,
            RuhuDocCase  *kase)
{
  static const double widths[] = { 0.16, 0.14, 0.52, 0.18 };
  g_autoptr(GPtrArray) items = ruhu_case_snapshot_children (kase->snapshot, kase->sheet->id,
                                                            "asset");
  gint64 total = 0;
  g_autofree char *total_text = NULL;
  RuhuDocTable *table;

  /* TRANSLATORS: a section of the check sheet document */
  ruhu_doc_add_heading (doc, _("6. Assets and rigid expenditure (yuan)"));
  table = ruhu_doc_table_new (doc, G_N_ELEMENTS (widths), widths);
  ruhu_doc_table_align (table, 3, RUHU_DOC_CELL_RIGHT);
  ruhu_doc_table_header (table, LABEL ("asset", "kind"), LABEL ("asset", "owner"),
                         /* TRANSLATORS: a column of the assets table */
                         _("Details"), LABEL ("asset", "value"), NULL);
  for (guint i = 0; i < items->len; i++)
    {
      RuhuCaseEntity *item = g_ptr_array_index (items, i);
      g_autofree char *kind = ruhu_doc_case_text (kase, item, "kind");
      g_autofree char *owner = ruhu_doc_case_text (kase, item, "owner");
      g_autofree char *details = asset_details (kase, item);
      g_autofree char *value = ruhu_doc_case_text (kase, item, "value");

      total += int_field (item, "value");
      ruhu_doc_table_row (table, kind, owner, details, value, NULL);
    }
  total_text = ruhu_money_format (total);
  ruhu_doc_table_row (table, _("Total"), "", "", total_text, NULL);
  ruhu_doc_table_end (table);
}

static void
add_expenses (RuhuDocument *doc,
              RuhuDocCase  *kase)
{
  static const double widths[] = { 0.14, 0.18, 0.18, 0.50 };
  g_autoptr(GPtrArray) items = ruhu_case_snapshot_children (kase->snapshot, kase->sheet->id,
                                                            "expense");
  gint64 total = 0;
  g_autofree char *total_text = NULL;
  RuhuDocTable *table = ruhu_doc_table_new (doc, G_N_ELEMENTS (widths), widths);

  ruhu_doc_table_align (table, 2, RUHU_DOC_CELL_RIGHT);
  ruhu_doc_table_header (table, LABEL ("expense", "member"), LABEL ("expense", "kind"),
                         LABEL ("expense", "amount_monthly"), LABEL ("expense", "description"),
                         NULL);
  for (guint i = 0; i < items->len; i++)
    {
      RuhuCaseEntity *item = g_ptr_array_index (items, i);
      g_autofree char *member = ruhu_doc_case_text (kase, item, "member");
      g_autofree char *kind = ruhu_doc_case_text (kase, item, "kind");
      g_autofree char *amount = ruhu_doc_case_text (kase, item, "amount_monthly");
      g_autofree char *description = ruhu_doc_case_text (kase, item, "description");

      total += int_field (item, "amount_monthly");
      ruhu_doc_table_row (table, member, kind, amount, description, NULL);
    }
  total_text = ruhu_money_format (total);
  ruhu_doc_table_row (table, _("Total"), "", total_text, "", NULL);
  ruhu_doc_table_end (table);
}

void
ruhu_doc_sheet_money (RuhuDocument *doc,
                      RuhuDocCase  *kase)
{
  add_incomes (doc, kase);
  add_assets (doc, kase);
  add_expenses (doc, kase);
}

/* The first half of the SHA-256 of the raw public key, grouped by four
 * hexadecimal digits: short enough to read out, long enough to compare. */
static char *
key_fingerprint (const char *public_base64)
{
  g_autofree guint8 *raw = NULL;
  g_autofree char *hex = NULL;
  GString *text = g_string_new (NULL);
  gsize length = 0;

  raw = g_base64_decode (public_base64, &length);
  hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, raw, length);
  for (guint i = 0; i < 32; i += 4)
    g_string_append_printf (text, "%s%.4s", i > 0 ? " " : "", hex + i);
  return g_string_free (text, FALSE);
}

static char *
signature_check (RuhuDocCase *kase,
                 JsonNode    *value)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (value) ? json_node_get_object (value) : NULL;
  const char *key = object != NULL && json_object_has_member (object, "public_key")
                      ? json_object_get_string_member (object, "public_key") : NULL;
  g_autofree char *fingerprint = NULL;
  gboolean matches;

  if (key == NULL)
    /* TRANSLATORS: an applicant's signature is drawn, not made with a key */
    return g_strdup (_("Drawn signature, no key"));
  fingerprint = key_fingerprint (key);
  matches = ruhu_sheet_digest_check_signature (kase->store, kase->sheet->id, value, NULL);
  return g_strdup_printf ("%s\n%s", fingerprint,
                          matches ? _("Signs this sheet as printed")
                                  : _("Does NOT match the sheet as printed"));
}

static void
add_signature_row (RuhuDocTable   *table,
                   RuhuDocCase    *kase,
                   RuhuCaseEntity *signature)
{
  JsonNode *value = g_hash_table_lookup (signature->values, "signature");
  JsonObject *object = value != NULL && JSON_NODE_HOLDS_OBJECT (value)
                         ? json_node_get_object (value) : NULL;
  const char *image = object != NULL && json_object_has_member (object, "image")
                        ? json_object_get_string_member (object, "image") : NULL;
  RuhuDocCell cells[5] = { { 0, }, };

  cells[0].text = ruhu_doc_case_text (kase, signature, "signer_role");
  cells[1].text = ruhu_doc_case_text (kase, signature, "signer_name");
  cells[2].image = ruhu_doc_image_load (kase->options, image, SIGNATURE_PIXELS);
  cells[2].image_height = SIGNATURE_HEIGHT;
  cells[3].text = value != NULL ? signature_check (kase, value) : g_strdup ("");
  cells[4].text = ruhu_doc_case_text (kase, signature, "signed_at");
  if (*cells[4].text == '\0' && object != NULL && json_object_has_member (object, "signed_at"))
    {
      g_free (cells[4].text);
      cells[4].text = ruhu_doc_format_date_text (json_object_get_string_member (object,
                                                                                 "signed_at"));
    }
  ruhu_doc_table_cells (table, cells, G_N_ELEMENTS (cells));
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    ruhu_doc_cell_clear (&cells[i]);
}

void
ruhu_doc_sheet_signatures (RuhuDocument *doc,
                           RuhuDocCase  *kase)
{
  static const double widths[] = { 0.14, 0.13, 0.25, 0.30, 0.18 };
  g_autoptr(GPtrArray) signatures = ruhu_case_snapshot_children (kase->snapshot, kase->sheet->id,
                                                                 "signature");
  guint8 digest[RUHU_SHEET_DIGEST_LENGTH];
  RuhuDocTable *table;

  /* TRANSLATORS: a section of the check sheet document */
  ruhu_doc_add_heading (doc, _("10. Signatures"));
  table = ruhu_doc_table_new (doc, G_N_ELEMENTS (widths), widths);
  ruhu_doc_table_header (table, LABEL ("signature", "signer_role"),
                         LABEL ("signature", "signer_name"), LABEL ("signature", "signature"),
                         /* TRANSLATORS: a column of the signatures table */
                         _("Key fingerprint"), LABEL ("signature", "signed_at"), NULL);
  for (guint i = 0; i < signatures->len; i++)
    add_signature_row (table, kase, g_ptr_array_index (signatures, i));
  if (signatures->len == 0)
    ruhu_doc_table_note (table, _("Not signed"));
  ruhu_doc_table_end (table);
  if (ruhu_sheet_digest_compute (kase->store, kase->sheet->id, digest, NULL))
    {
      GString *hex = g_string_new (NULL);
      g_autofree char *text = NULL;

      for (guint i = 0; i < sizeof digest; i++)
        g_string_append_printf (hex, "%02x", digest[i]);
      /* TRANSLATORS: under the signatures of the check sheet */
      text = g_strdup_printf (_("Sheet digest (SHA-256): %s"), hex->str);
      g_string_free (hex, TRUE);
      ruhu_doc_add_text (doc, text, RUHU_DOC_STYLE_SMALL, PANGO_ALIGN_LEFT, FALSE);
    }
}

static void
fill_evidence_cell (RuhuDocCell    *cell,
                    RuhuDocCase    *kase,
                    RuhuCaseEntity *evidence)
{
  g_autofree char *category = ruhu_doc_case_text (kase, evidence, "category");
  g_autofree char *member = ruhu_doc_case_text (kase, evidence, "member");
  g_autofree char *caption = ruhu_doc_case_text (kase, evidence, "caption");
  const char *parts[] = { category, member, caption };
  GString *text = g_string_new (NULL);

  cell->image = ruhu_doc_image_load (kase->options, ruhu_doc_case_string (evidence, "photo"),
                                     THUMBNAIL_PIXELS);
  cell->image_height = THUMBNAIL_HEIGHT;
  cell->flags = RUHU_DOC_CELL_CENTER;
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (*parts[i] != '\0')
      g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", parts[i]);
  cell->text = g_string_free (text, FALSE);
}

void
ruhu_doc_sheet_evidence (RuhuDocument *doc,
                         RuhuDocCase  *kase)
{
  static const double widths[] = { 0.25, 0.25, 0.25, 0.25 };
  RuhuDocCell cells[4] = { { 0, }, };
  RuhuDocTable *table;
  guint n = 0;

  /* TRANSLATORS: a section of the check sheet document */
  ruhu_doc_add_heading (doc, _("11. Evidence"));
  table = ruhu_doc_table_new (doc, G_N_ELEMENTS (widths), widths);
  for (guint i = 0; i < kase->snapshot->entities->len; i++)
    {
      RuhuCaseEntity *entity = g_ptr_array_index (kase->snapshot->entities, i);

      if (g_strcmp0 (entity->kind, "evidence") != 0)
        continue;
      fill_evidence_cell (&cells[n % 4], kase, entity);
      if (++n % 4 == 0)
        {
          ruhu_doc_table_cells (table, cells, 4);
          for (guint j = 0; j < 4; j++)
            ruhu_doc_cell_clear (&cells[j]);
        }
    }
  if (n % 4 != 0)
    ruhu_doc_table_cells (table, cells, n % 4);
  for (guint j = 0; j < 4; j++)
    ruhu_doc_cell_clear (&cells[j]);
  if (n == 0)
    ruhu_doc_table_note (table, _("None recorded"));
  ruhu_doc_table_end (table);
}
