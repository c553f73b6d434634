/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Reading and checking the official calendar file; the queries are in
 * ruhu-calendar.c. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ruhu-calendar-private.h"
#include "ruhu-date.h"
#include "ruhu-json.h"
#include "ruhu-paths.h"

/* Years outside this span are typos, not calendars. */
#define MIN_YEAR 1900
#define MAX_YEAR 2999

static void
holiday_free (gpointer data)
{
  Holiday *holiday = data;

  g_free (holiday->name);
  g_free (holiday->name_en);
  g_free (holiday);
}

/* Accepts exactly "YYYY-MM-DD" naming a real day in the years we handle. */
static gboolean
parse_date (const char *text,
            GDate      *date)
{
  return ruhu_date_parse (text, date) &&
         g_date_get_year (date) >= MIN_YEAR && g_date_get_year (date) <= MAX_YEAR;
}

static const char *
get_string_member (JsonObject *object,
                   const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
set_invalid_entry (GError     **error,
                   const char  *path,
                   const char  *key,
                   const char  *problem)
{
  g_set_error (error, RUHU_CALENDAR_ERROR, RUHU_CALENDAR_ERROR_INVALID,
               /* Translators: the calendar file, then a date key such as
                * 2024-02-10, then what is wrong with it. */
               _("%s: entry “%s”: %s"), path, key, problem);
}

static int
compare_years (gconstpointer a,
               gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

static gboolean
has_year (RuhuCalendar *self,
          int           year)
{
  for (guint i = 0; i < self->years->len; i++)
    if (g_array_index (self->years, int, i) == year)
      return TRUE;
  return FALSE;
}

static gboolean
read_years_covered (RuhuCalendar  *self,
                    JsonObject    *root,
                    GError       **error)
{
  JsonNode *node = json_object_get_member (root, "years_covered");
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node)
      || json_array_get_length (array = json_node_get_array (node)) == 0)
    {
      g_set_error (error, RUHU_CALENDAR_ERROR, RUHU_CALENDAR_ERROR_INVALID,
                   _("%s: “years_covered” is missing or is not a non-empty list of years"),
                   self->path);
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gint64 value = 0;
      int year;

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_INT64)
        value = json_node_get_int (element);
      if (value < MIN_YEAR || value > MAX_YEAR)
        {
          g_set_error (error, RUHU_CALENDAR_ERROR, RUHU_CALENDAR_ERROR_INVALID,
                       _("%s: “years_covered” item %u is not a year between %d and %d"),
                       self->path, i + 1, MIN_YEAR, MAX_YEAR);
          return FALSE;
        }

      year = (int) value;
      if (has_year (self, year))
        {
          g_set_error (error, RUHU_CALENDAR_ERROR, RUHU_CALENDAR_ERROR_INVALID,
                       _("%s: “years_covered” lists %d twice"), self->path, year);
          return FALSE;
        }
      g_array_append_val (self->years, year);
    }
  g_array_sort (self->years, compare_years);
  return TRUE;
}

/* Fills in the default rule: Monday to Friday work, weekends rest. */
static void
fill_default_days (RuhuCalendar *self)
{
  int first = g_array_index (self->years, int, 0);
  int last = g_array_index (self->years, int, self->years->len - 1);
  GDate day, end;

  g_date_clear (&day, 1);
  g_date_clear (&end, 1);
  g_date_set_dmy (&day, 1, G_DATE_JANUARY, first);
  g_date_set_dmy (&end, 31, G_DATE_DECEMBER, last);
  self->first_julian = g_date_get_julian (&day);
  self->n_days = g_date_get_julian (&end) - self->first_julian + 1;
  self->kinds = g_new0 (guint8, self->n_days);

  for (guint i = 0; i < self->years->len; i++)
    {
      int year = g_array_index (self->years, int, i);

      g_date_set_dmy (&day, 1, G_DATE_JANUARY, year);
      for (; g_date_get_year (&day) == year; g_date_add_days (&day, 1))
        self->kinds[g_date_get_julian (&day) - self->first_julian] =
          g_date_get_weekday (&day) >= G_DATE_SATURDAY ? DAY_REST : DAY_WORKING;
    }
}

static gboolean
read_entry (RuhuCalendar  *self,
            const char    *key,
            JsonNode      *node,
            GError       **error)
{
  JsonObject *entry;
  const char *type, *name, *name_en;
  GDate date;
  guint32 index;

  if (!parse_date (key, &date))
    {
      set_invalid_entry (error, self->path, key, _("the key is not a date written YYYY-MM-DD"));
      return FALSE;
    }
  if (ruhu_calendar_get_day_kind (self, &date) == DAY_UNCOVERED)
    {
      set_invalid_entry (error, self->path, key, _("the date is outside “years_covered”"));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid_entry (error, self->path, key, _("the entry is not an object"));
      return FALSE;
    }

  entry = json_node_get_object (node);
  type = get_string_member (entry, "type");
  name = get_string_member (entry, "name");
  name_en = get_string_member (entry, "name_en");
  if (name == NULL || *name == '\0' || name_en == NULL || *name_en == '\0')
    {
      set_invalid_entry (error, self->path, key, _("“name” or “name_en” is missing"));
      return FALSE;
    }

  index = g_date_get_julian (&date) - self->first_julian;
  if (g_strcmp0 (type, "holiday") == 0)
    {
      Holiday *holiday = g_new0 (Holiday, 1);

      holiday->name = g_strdup (name);
      holiday->name_en = g_strdup (name_en);
      g_hash_table_insert (self->holidays, GUINT_TO_POINTER (g_date_get_julian (&date)), holiday);
      self->kinds[index] = DAY_REST;
      return TRUE;
    }
  if (g_strcmp0 (type, "workday") == 0)
    {
      if (g_date_get_weekday (&date) < G_DATE_SATURDAY)
        {
          set_invalid_entry (error, self->path, key,
                             _("a “workday” entry must be a Saturday or a Sunday"));
          return FALSE;
        }
      self->kinds[index] = DAY_WORKING;
      return TRUE;
    }

  set_invalid_entry (error, self->path, key,
                     _("“type” must be “holiday” or “workday”"));
  return FALSE;
}

static gboolean
read_days (RuhuCalendar  *self,
           JsonObject    *root,
           GError       **error)
{
  JsonNode *node = json_object_get_member (root, "days");
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, RUHU_CALENDAR_ERROR, RUHU_CALENDAR_ERROR_INVALID,
                   _("%s: “days” is missing or is not an object"), self->path);
      return FALSE;
    }

  json_object_iter_init_ordered (&iter, json_node_get_object (node));
  while (json_object_iter_next_ordered (&iter, &key, &value))
    if (!read_entry (self, key, value, error))
      return FALSE;
  return TRUE;
}

static RuhuCalendar *
calendar_new (const char *path)
{
  RuhuCalendar *self = g_new0 (RuhuCalendar, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->path = g_strdup (path);
  self->years = g_array_new (FALSE, FALSE, sizeof (int));
  self->holidays = g_hash_table_new_full (NULL, NULL, NULL, holiday_free);
  return self;
}

/**
 * ruhu_calendar_load:
 * @path: (type filename): the official calendar JSON (the format of
 *   `data/calendar/cn-workdays.json`)
 * @error: return location for a #GError
 *
 * Loads and checks the official working-day calendar. The whole file is
 * validated: date keys must be real `YYYY-MM-DD` days inside `years_covered`,
 * `type` must be `holiday` or `workday`, and a `workday` must fall on a
 * weekend. The file is read with ruhu_json_parse_file(), which also refuses
 * a date listed twice. Messages name the file and the entry.
 *
 * The calendar is immutable once loaded and may be shared between threads.
 *
 * Returns: (transfer full) (nullable): the calendar, or %NULL with @error set
 *   in %RUHU_CALENDAR_ERROR (%RUHU_CALENDAR_ERROR_READ or
 *   %RUHU_CALENDAR_ERROR_INVALID)
 */
RuhuCalendar *
ruhu_calendar_load (const char  *path,
                    GError     **error)
{
  g_autoptr(RuhuCalendar) self = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The safe parser also refuses duplicate keys, so a date listed twice
   * cannot silently override itself. Its messages name the file. */
  root = ruhu_json_parse_file (path, NULL, &local_error);
  if (root == NULL)
    {
      g_set_error (error, RUHU_CALENDAR_ERROR, RUHU_CALENDAR_ERROR_READ,
                   _("Could not read the official calendar: %s"), local_error->message);
      return NULL;
    }

  self = calendar_new (path);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, RUHU_CALENDAR_ERROR, RUHU_CALENDAR_ERROR_INVALID,
                   _("%s: the calendar is not a JSON object"), path);
      return NULL;
    }

  if (!read_years_covered (self, json_node_get_object (root), error))
    return NULL;
  fill_default_days (self);
  if (!read_days (self, json_node_get_object (root), error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * ruhu_calendar_load_default:
 * @error: return location for a #GError
 *
 * Loads `calendar/cn-workdays.json` from the data directory
 * (see ruhu_data_path()).
 *
 * Returns: (transfer full) (nullable): the calendar, or %NULL with @error set
 *   as by ruhu_calendar_load()
 */
RuhuCalendar *
ruhu_calendar_load_default (GError **error)
{
  g_autofree char *path = ruhu_data_path ("calendar", "cn-workdays.json", NULL);

  return ruhu_calendar_load (path, error);
}
