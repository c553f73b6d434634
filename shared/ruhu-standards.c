/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-json.h"
#include "ruhu-paths.h"
#include "ruhu-standards.h"

typedef struct
{
  GDate    from;
  gboolean from_is_issue_date;
  char    *notice;
  gint64   fen[3];  /* indexed by RuhuStandardKind */
} Period;

typedef struct
{
  char   *code_prefix;
  char   *name;
  GArray *periods;  /* Period, by date */
} Region;

struct _RuhuStandards
{
  GPtrArray *regions;
};

static const char * const kind_members[] = { "urban_dibao", "rural_dibao", "tekun_basic_living" };

G_DEFINE_QUARK (ruhu-standards-error-quark, ruhu_standards_error)

static void
period_clear (Period *period)
{
  g_free (period->notice);
}

static void
region_free (Region *region)
{
  g_free (region->code_prefix);
  g_free (region->name);
  g_array_unref (region->periods);
  g_free (region);
}

static gboolean
invalid (GError     **error,
         const char  *what)
{
  g_set_error (error, RUHU_STANDARDS_ERROR, RUHU_STANDARDS_ERROR_INVALID,
               _("The standards file is not valid: %s"), what);
  return FALSE;
}

static gboolean
member_is (JsonObject *object,
           const char *name,
           GType       type)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
parse_period (JsonNode  *node,
              Period    *period,
              GError   **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

  if (object == NULL || !member_is (object, "from", G_TYPE_STRING) ||
      !member_is (object, "notice", G_TYPE_STRING) ||
      !member_is (object, "from_is_issue_date", G_TYPE_BOOLEAN))
    return invalid (error, "period");
  g_date_clear (&period->from, 1);
  g_date_set_parse (&period->from, json_object_get_string_member (object, "from"));
  if (!g_date_valid (&period->from))
    return invalid (error, "from");
  period->from_is_issue_date = json_object_get_boolean_member (object, "from_is_issue_date");
  for (guint k = 0; k < G_N_ELEMENTS (kind_members); k++)
    {
      if (!member_is (object, kind_members[k], G_TYPE_INT64))
        return invalid (error, kind_members[k]);
      period->fen[k] = json_object_get_int_member (object, kind_members[k]);
      if (period->fen[k] <= 0)
        return invalid (error, kind_members[k]);
    }
  period->notice = g_strdup (json_object_get_string_member (object, "notice"));
  return TRUE;
}

static Region *
parse_region (JsonNode  *node,
              GError   **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonNode *periods;
  Region *region;

  if (object == NULL || !member_is (object, "code_prefix", G_TYPE_STRING) ||
      !member_is (object, "name", G_TYPE_STRING) ||
      (periods = json_object_get_member (object, "periods")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (periods))
    {
      invalid (error, "region");
      return NULL;
    }
  region = g_new0 (Region, 1);
  region->code_prefix = g_strdup (json_object_get_string_member (object, "code_prefix"));
  region->name = g_strdup (json_object_get_string_member (object, "name"));
  region->periods = g_array_new (FALSE, TRUE, sizeof (Period));
  g_array_set_clear_func (region->periods, (GDestroyNotify) period_clear);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (periods)); i++)
    {
      Period period = { 0 };

      if (!parse_period (json_array_get_element (json_node_get_array (periods), i), &period, error))
        {
          period_clear (&period);
          region_free (region);
          return NULL;
        }
      if (region->periods->len > 0 &&
          g_date_compare (&g_array_index (region->periods, Period, region->periods->len - 1).from,
                          &period.from) >= 0)
        {
          period_clear (&period);
          region_free (region);
          invalid (error, "periods out of order");
          return NULL;
        }
      g_array_append_val (region->periods, period);
    }
  return region;
}

/**
 * ruhu_standards_load:
 *
 * Reads a standards file (data/standards/README.md describes it).
 *
 * Returns: (transfer full) (nullable): the standards, or %NULL with @error set
 */
RuhuStandards *
ruhu_standards_load (const char  *path,
                     GError     **error)
{
  g_autoptr(JsonNode) root = ruhu_json_parse_file (path, NULL, error);
  g_autoptr(RuhuStandards) standards = NULL;
  JsonNode *regions;

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      (regions = json_object_get_member (json_node_get_object (root), "regions")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (regions))
    {
      invalid (error, "regions");
      return NULL;
    }
  standards = g_new0 (RuhuStandards, 1);
  standards->regions = g_ptr_array_new_with_free_func ((GDestroyNotify) region_free);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (regions)); i++)
    {
      Region *region = parse_region (json_array_get_element (json_node_get_array (regions), i),
                                     error);

      if (region == NULL)
        return NULL;
      g_ptr_array_add (standards->regions, region);
    }
  return g_steal_pointer (&standards);
}

/* Returns: (transfer full) (nullable): the standards installed with Ruhu */
RuhuStandards *
ruhu_standards_load_default (GError **error)
{
  g_autofree char *path = ruhu_data_path ("standards", "dibao.json", NULL);

  return ruhu_standards_load (path, error);
}

void
ruhu_standards_free (RuhuStandards *standards)
{
  if (standards == NULL)
    return;
  g_clear_pointer (&standards->regions, g_ptr_array_unref);
  g_free (standards);
}

static Region *
find_region (RuhuStandards *standards,
             const char    *code)
{
  Region *best = NULL;

  for (guint i = 0; i < standards->regions->len; i++)
    {
      Region *region = g_ptr_array_index (standards->regions, i);

      if (g_str_has_prefix (code, region->code_prefix) &&
          (best == NULL || strlen (region->code_prefix) > strlen (best->code_prefix)))
        best = region;
    }
  return best;
}

/**
 * ruhu_standards_lookup:
 * @division_code: the household's district, township or village code
 * @date: the day the standard should be in force (the visit)
 * @standard: (out caller-allocates): the standard, valid while @standards is
 *
 * Finds the standard of @kind in force on @date for the region whose code
 * prefix matches @division_code most closely.
 *
 * Returns: %FALSE when no standard is recorded for that place and day
 */
gboolean
ruhu_standards_lookup (RuhuStandards    *standards,
                       const char       *division_code,
                       RuhuStandardKind  kind,
                       const GDate      *date,
                       RuhuStandard     *standard)
{
  Region *region;

  g_return_val_if_fail (standards != NULL && standard != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  if (division_code == NULL || (region = find_region (standards, division_code)) == NULL)
    return FALSE;
  for (guint i = region->periods->len; i > 0; i--)
    {
      Period *period = &g_array_index (region->periods, Period, i - 1);

      if (g_date_compare (&period->from, date) > 0)
        continue;
      standard->kind = kind;
      standard->fen_per_person = period->fen[kind];
      standard->region = region->name;
      standard->notice = period->notice;
      standard->from = period->from;
      standard->from_is_issue_date = period->from_is_issue_date;
      return TRUE;
    }
  return FALSE;
}

/* Which standard applies: the category applied for when it names one, else
 * the dibao of the household's registration (urban unless rural). */
RuhuStandardKind
ruhu_standard_kind_for (const char *category,
                        const char *hukou_type)
{
  if (g_strcmp0 (category, "urban_dibao") == 0)
    return RUHU_STANDARD_URBAN_DIBAO;
  if (g_strcmp0 (category, "rural_dibao") == 0)
    return RUHU_STANDARD_RURAL_DIBAO;
  if (g_strcmp0 (category, "tekun") == 0)
    return RUHU_STANDARD_TEKUN;
  return g_strcmp0 (hukou_type, "rural") == 0 ? RUHU_STANDARD_RURAL_DIBAO
                                               : RUHU_STANDARD_URBAN_DIBAO;
}

/* Returns: (transfer none): the standard's translated name */
const char *
ruhu_standard_kind_label (RuhuStandardKind kind)
{
  switch (kind)
    {
    case RUHU_STANDARD_URBAN_DIBAO:
      return _("Urban minimum living standard");
    case RUHU_STANDARD_RURAL_DIBAO:
      return _("Rural minimum living standard");
    case RUHU_STANDARD_TEKUN:
      return _("Destitute persons’ basic living standard");
    default:
      g_assert_not_reached ();
    }
}
