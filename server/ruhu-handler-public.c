/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ruhu-calendar.h"
#include "ruhu-directory-townships.h"
#include "ruhu-handlers.h"
#include "ruhu-http.h"
#include "ruhu-public-page.h"
#include "ruhu-standards.h"

/* GET /notice/<township> and /published/<township>: the township's public
 * notice and its recipients, as HTML, with no login. Only townships that
 * set up their public pages (ruhu-admin township) have them, and only what
 * the law lets the public see is on them (ruhu-public-entry.h). */

/* Read once: both are reference data that change with a new release. */
typedef struct
{
  RuhuCalendar  *calendar;
  RuhuStandards *standards;
} PublicData;

static gpointer
load_public_data (gpointer unused)
{
  PublicData *data = g_new0 (PublicData, 1);
  g_autoptr(GError) error = NULL;

  if ((data->calendar = ruhu_calendar_load_default (&error)) == NULL)
    g_warning ("Public pages without the working-day calendar: %s", error->message);
  g_clear_error (&error);
  if ((data->standards = ruhu_standards_load_default (&error)) == NULL)
    g_warning ("Public pages without the assistance standards: %s", error->message);
  return data;
}

static PublicData *
public_data (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_public_data, NULL);
}

static void
reply_page (SoupServerMessage *msg,
            guint              status,
            GBytes            *page)
{
  /* Nothing on these pages runs or loads anything: say so to the browser,
   * in case an escape is ever missed. */
  ruhu_http_set_header (msg, "Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'");
  ruhu_http_set_header (msg, "X-Content-Type-Options", "nosniff");
  ruhu_http_set_header (msg, "Cache-Control", "public, max-age=300");
  ruhu_http_reply_bytes (msg, status, "text/html; charset=utf-8", page);
}

static void
reply_message (SoupServerMessage *msg,
               guint              status,
               const char        *title,
               const char        *message)
{
  g_autoptr(GBytes) page = ruhu_public_page_message (title, message);

  reply_page (msg, status, page);
}

static gint
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const RuhuPublicEntry *x = *(RuhuPublicEntry * const *) a;
  const RuhuPublicEntry *y = *(RuhuPublicEntry * const *) b;
  int by_village = g_strcmp0 (x->village_code, y->village_code);

  return by_village != 0 ? by_village : g_strcmp0 (x->name, y->name);
}

static GPtrArray *
read_entries (RuhuServer     *self,
              const char     *township,
              RuhuCaseState   wanted,
              const GDate    *today,
              GError        **error)
{
  PublicData *data = public_data ();
  g_autoptr(GPtrArray) cases = ruhu_directory_list_cases_in (self->directory, township, error);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_public_entry_free);

  if (cases == NULL)
    return NULL;
  for (guint i = 0; i < cases->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      RuhuPublicEntry *entry = ruhu_public_entry_read (self->store, data->standards, data->calendar,
                                                       g_ptr_array_index (cases, i), wanted,
                                                       today, &local_error);

      if (entry != NULL)
        g_ptr_array_add (entries, entry);
      else if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  g_ptr_array_sort (entries, compare_entries);
  return g_steal_pointer (&entries);
}

static void
today_local (GDate *today)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (today, 1);
  g_date_set_dmy (today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/* What a page is made from, besides the cases' places: see
 * ruhu-public-cache.c. */
static char *
page_stamp (RuhuServer               *self,
            const RuhuTownshipNotice *notice,
            const GDate              *today,
            GError                  **error)
{
  gint64 newest = 0;

  if (!ruhu_store_newest_seq (self->store, &newest, error))
    return NULL;
  return g_strdup_printf ("%" G_GINT64_FORMAT " %u %d\x1f%s\x1f%s\x1f%s", newest,
                          g_date_get_julian (today), notice->name_mask, notice->office,
                          notice->phone, notice->address);
}

static GBytes *
make_page (RuhuServer               *self,
           const RuhuTownshipNotice *notice,
           RuhuPublicPageKind        kind,
           const GDate              *today,
           GError                  **error)
{
  g_autoptr(GPtrArray) entries = NULL;

  entries = read_entries (self, notice->code,
                          kind == RUHU_PUBLIC_PAGE_NOTICE ? RUHU_CASE_STATE_NOTICE
                                                          : RUHU_CASE_STATE_PUBLISHED,
                          today, error);
  if (entries == NULL)
    return NULL;
  return ruhu_public_page_render (kind, notice, entries, today);
}

static void
handle_page (RuhuServer         *self,
             SoupServerMessage  *msg,
             const char         *path,
             const char         *prefix,
             RuhuPublicPageKind  kind)
{
  const char *township = g_str_has_prefix (path, prefix) ? path + strlen (prefix) : "";
  g_autoptr(RuhuTownshipNotice) notice = NULL;
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stamp = NULL;
  gint64 now = g_get_monotonic_time ();
  GDate today;

  if (g_strcmp0 (soup_server_message_get_method (msg), SOUP_METHOD_HEAD) != 0 &&
      !ruhu_http_require_method (msg, SOUP_METHOD_GET))
    return;
  notice = ruhu_directory_get_township_notice (self->directory, township, &error);
  if (notice == NULL && error == NULL)
    {
      reply_message (msg, SOUP_STATUS_NOT_FOUND, _("No Such Public Page"),
                     _("This township does not publish its notices here. Ask its civil "
                       "affairs office where they are posted."));
      return;
    }
  today_local (&today);
  if (notice != NULL && (stamp = page_stamp (self, notice, &today, &error)) != NULL &&
      (page = ruhu_public_cache_lookup (self->public_pages, path, stamp, now)) == NULL &&
      (page = make_page (self, notice, kind, &today, &error)) != NULL)
    ruhu_public_cache_store (self->public_pages, path, stamp, now, page);
  if (page == NULL)
    {
      g_warning ("Public page %s: %s", path, error->message);
      reply_message (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, _("Page Not Available"),
                     _("The page cannot be shown just now. Please try again later."));
      return;
    }
  reply_page (msg, SOUP_STATUS_OK, page);
}

void
ruhu_handle_public_notice (SoupServer        *server,
                           SoupServerMessage *msg,
                           const char        *path,
                           GHashTable        *query,
                           gpointer           user_data)
{
  handle_page (user_data, msg, path, "/notice/", RUHU_PUBLIC_PAGE_NOTICE);
}

void
ruhu_handle_public_recipients (SoupServer        *server,
                               SoupServerMessage *msg,
                               const char        *path,
                               GHashTable        *query,
                               gpointer           user_data)
{
  handle_page (user_data, msg, path, "/published/", RUHU_PUBLIC_PAGE_RECIPIENTS);
}
