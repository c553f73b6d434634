/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-income.h"
#include "ruhu-public-page.h"

/* Small enough to send with every page: no other request, no script. */
static const char style[] =
  "body{margin:0;font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",sans-serif;"
  "line-height:1.6;color:#1d1d1d;background:#fafafa}"
  "main{max-width:48rem;margin:0 auto;padding:1rem}"
  "h1{font-size:1.4rem;margin:.5rem 0}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}"
  "table{width:100%;border-collapse:collapse;background:#fff}"
  "caption{text-align:left;color:#555;padding:.25rem 0}"
  "th,td{border:1px solid #ccc;padding:.5rem;text-align:left;vertical-align:top;"
  "overflow-wrap:anywhere}"
  "td.number{text-align:right;font-variant-numeric:tabular-nums}"
  /* On a phone each household is a card of labelled lines. */
  "@media (max-width:40rem){thead{display:none}tr{display:block;margin-bottom:.75rem;"
  "border:1px solid #ccc;background:#fff}td{display:flex;justify-content:space-between;"
  "gap:1rem;border:0;border-bottom:1px solid #eee}td.number{text-align:right}"
  "td::before{content:attr(data-label);color:#555;text-align:left}}"
  ".objection{background:#fff8e1;border-left:4px solid #b8860b;padding:.75rem 1rem;"
  "margin-top:1.5rem}"
  "footer{color:#555;font-size:.9rem;margin-top:2rem}";

/* Direction marks and overrides in a name could turn the rest of its line
 * around; they are dropped, and <bdi> isolates what is left. */
static gboolean
is_bidi_control (gunichar c)
{
  return c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

static void
append_text (GString    *html,
             const char *text)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  g_autofree char *escaped = NULL;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!is_bidi_control (g_utf8_get_char (p)))
      g_string_append_unichar (clean, g_utf8_get_char (p));
  escaped = g_markup_escape_text (clean->str, -1);
  g_string_append (html, escaped);
}

static void
append_date (GString     *html,
             const GDate *date)
{
  char text[32] = "";

  if (date != NULL && g_date_valid (date))
    /* Translators: a date on a public notice, strftime format; e.g. "%Y年%m月%d日" */
    g_date_strftime (text, sizeof text, _("%d %B %Y"), date);
  append_text (html, text[0] != '\0' ? text : "—");
}

static void
begin_page (GString    *html,
            const char *title)
{
  /* Translators: the language of your translation as an HTML language tag, e.g. zh-CN */
  g_string_append_printf (html, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                                "<title>", _("en"));
  append_text (html, title);
  g_string_append_printf (html, "</title><style>%s</style></head><body><main><h1>", style);
  append_text (html, title);
  g_string_append (html, "</h1>");
}

static GBytes *
end_page (GString     *html,
          const GDate *today)
{
  if (today != NULL)
    {
      g_string_append (html, "<footer>");
      /* Translators: at the foot of a public page; the date follows */
      append_text (html, _("As of "));
      append_date (html, today);
      g_string_append (html, "</footer>");
    }
  g_string_append (html, "</main></body></html>\n");
  return g_string_free_to_bytes (html);
}

/* @label: the column's heading, shown beside the value on a phone */
static void
begin_cell (GString    *html,
            const char *label,
            gboolean    number)
{
  g_string_append (html, number ? "<td class=\"number\" data-label=\"" : "<td data-label=\"");
  append_text (html, label);
  g_string_append (html, "\">");
}

static void
append_cell (GString    *html,
             const char *label,
             const char *text,
             gboolean    number)
{
  begin_cell (html, label, number);
  append_text (html, text);
  g_string_append (html, "</td>");
}

static const char *
amount_heading (RuhuPublicPageKind kind)
{
  return kind == RUHU_PUBLIC_PAGE_NOTICE ? _("Proposed amount (yuan a month)")
                                         : _("Amount (yuan a month)");
}

static void
append_row (GString                  *html,
            RuhuPublicPageKind        kind,
            const RuhuTownshipNotice *township,
            const RuhuPublicEntry    *entry)
{
  g_autofree char *name = ruhu_name_mask_apply (entry->name, township->name_mask);
  g_autofree char *size = g_strdup_printf ("%u", entry->household_size);
  g_autofree char *amount = entry->has_amount ? ruhu_money_format (entry->amount) : g_strdup ("—");

  g_string_append (html, "<tr>");
  begin_cell (html, _("Head of household"), FALSE);
  g_string_append (html, "<bdi>");
  append_text (html, name);
  g_string_append (html, "</bdi></td>");
  append_cell (html, _("Household size"), size, TRUE);
  append_cell (html, amount_heading (kind), amount, TRUE);
  if (kind == RUHU_PUBLIC_PAGE_NOTICE)
    {
      begin_cell (html, _("Notice period"), FALSE);
      append_date (html, &entry->notice_from);
      append_text (html, " – ");
      append_date (html, &entry->notice_until);
      g_string_append (html, "</td>");
    }
  g_string_append (html, "</tr>");
}

static void
begin_table (GString            *html,
             RuhuPublicPageKind  kind,
             const char         *village)
{
  g_string_append (html, "<section><h2>");
  append_text (html, village != NULL ? village : _("Village not given"));
  g_string_append (html, "</h2><table><thead><tr><th scope=\"col\">");
  append_text (html, _("Head of household"));
  g_string_append (html, "</th><th scope=\"col\">");
  append_text (html, _("Household size"));
  g_string_append (html, "</th><th scope=\"col\">");
  append_text (html, amount_heading (kind));
  if (kind == RUHU_PUBLIC_PAGE_NOTICE)
    {
      g_string_append (html, "</th><th scope=\"col\">");
      append_text (html, _("Notice period"));
    }
  g_string_append (html, "</th></tr></thead><tbody>");
}

static void
append_objection (GString                  *html,
                  const RuhuTownshipNotice *township)
{
  g_autofree char *how = g_strdup_printf (_("Anyone who objects to a household on this notice "
                                            "may say so before its period ends, by telephone "
                                            "on %s or in person at %s. Objections are "
                                            "investigated and the objector's name is kept "
                                            "confidential."),
                                          township->phone, township->address);

  g_string_append (html, "<section class=\"objection\"><h2>");
  append_text (html, _("Objections"));
  g_string_append (html, "</h2><p>");
  append_text (html, how);
  g_string_append (html, "</p></section>");
}

/**
 * ruhu_public_page_render:
 * @entries: (element-type RuhuPublicEntry): sorted by village
 *
 * Returns: (transfer full): the page, UTF-8 HTML
 */
GBytes *
ruhu_public_page_render (RuhuPublicPageKind        kind,
                         const RuhuTownshipNotice *township,
                         GPtrArray                *entries,
                         const GDate              *today)
{
  GString *html = g_string_new (NULL);
  g_autofree char *title = NULL;
  const char *village_code = NULL;

  /* Translators: heading of a public page; %s is the township's civil affairs office */
  title = g_strdup_printf (kind == RUHU_PUBLIC_PAGE_NOTICE ? _("Public Notice of %s")
                                                           : _("Assistance Recipients, %s"),
                           township->office);
  begin_page (html, title);
  if (entries->len == 0)
    {
      g_string_append (html, "<p>");
      append_text (html, kind == RUHU_PUBLIC_PAGE_NOTICE ? _("No household is on notice now.")
                                                         : _("No household is listed now."));
      g_string_append (html, "</p>");
    }
  for (guint i = 0; i < entries->len; i++)
    {
      const RuhuPublicEntry *entry = g_ptr_array_index (entries, i);

      if (i == 0 || g_strcmp0 (village_code, entry->village_code) != 0)
        {
          if (i > 0)
            g_string_append (html, "</tbody></table></section>");
          village_code = entry->village_code;
          begin_table (html, kind, entry->village_name);
        }
      append_row (html, kind, township, entry);
    }
  if (entries->len > 0)
    g_string_append (html, "</tbody></table></section>");
  if (kind == RUHU_PUBLIC_PAGE_NOTICE)
    append_objection (html, township);
  return end_page (html, today);
}

/* A page that says only why there is nothing to show. */
GBytes *
ruhu_public_page_message (const char *title,
                          const char *message)
{
  GString *html = g_string_new (NULL);

  begin_page (html, title);
  g_string_append (html, "<p>");
  append_text (html, message);
  g_string_append (html, "</p>");
  return end_page (html, NULL);
}
