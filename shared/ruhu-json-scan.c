/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A strict RFC 8259 checker that runs before json-glib sees any bytes.
 *
 * It builds nothing: it walks the text once, keeping only a stack of the
 * open arrays and objects (bounded by the depth limit, so hostile nesting
 * costs neither recursion nor memory) and, for each open object, the set of
 * its keys, unescaped, to catch duplicates that json-glib would silently
 * collapse. It stops at the first problem and says where it is.
 *
 * Given handlers (ruhu_json_scan_events()), it also tells them what it
 * reads as it reads it, each key and text unescaped, so that a reader of a
 * known shape can build what it needs without a tree in between
 * (ruhu-op-read.c). The handlers only ever see text already checked.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ruhu-json-private.h"

/* How many characters of a key or a number an error message quotes. */
#define QUOTE_MAX_CHARS 40

typedef struct
{
  const char  *start;
  const char  *p;
  const char  *end;
  guint        max_depth;
  GPtrArray   *frames;     /* open containers, innermost last: a set of the
                            * keys seen for an object, NULL for an array */
  GString     *key;        /* the key being read, unescaped */
  GString     *text;       /* a text value being read, unescaped, for events */
  const RuhuJsonEvents *events;  /* NULL: check only */
  gpointer     events_data;
  GError     **error;
} Scanner;

static void
free_frame (gpointer data)
{
  if (data != NULL)
    g_hash_table_unref (data);
}

/* Lines count '\n' and columns count characters, both from 1. Only errors
 * need this, so a second pass over the text is cheap enough. */
static void
locate (const char *start,
        const char *at,
        guint      *line,
        guint      *column)
{
  *line = 1;
  *column = 1;
  for (const char *q = start; q < at; q++)
    {
      if (*q == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if (((guchar) *q & 0xC0) != 0x80)
        {
          (*column)++;
        }
    }
}

static gboolean fail (Scanner       *s,
                      const char    *at,
                      RuhuJsonError  code,
                      const char    *format,
                      ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (Scanner       *s,
      const char    *at,
      RuhuJsonError  code,
      const char    *format,
      ...)
{
  g_autofree char *detail = NULL;
  va_list args;
  guint line;
  guint column;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  locate (s->start, at, &line, &column);
  /* Translators: where a mistake is in JSON data, then what the mistake is */
  g_set_error (s->error, RUHU_JSON_ERROR, code, _("Line %u, column %u: %s"),
               line, column, detail);
  return FALSE;
}

/* Keys and numbers can be megabytes long; messages quote only their start. */
static char *
shorten (const char *text,
         gsize       length)
{
  const char *stop = text + length;
  const char *q = text;

  for (guint n = 0; q < stop && n < QUOTE_MAX_CHARS; n++)
    q = g_utf8_next_char (q);
  if (q >= stop)
    return g_strndup (text, length);
  return g_strdup_printf ("%.*s…", (int) (q - text), text);
}

static gboolean
fail_utf8 (Scanner    *s,
           const char *at)
{
  if (*at == '\0')
    return fail (s, at, RUHU_JSON_ERROR_ENCODING,
                 _("the data contains a NUL byte; it may be UTF-16 rather than UTF-8"));
  return fail (s, at, RUHU_JSON_ERROR_ENCODING, _("the data is not valid UTF-8 text"));
}

/* For a message saying what was expected instead of what is at s->p. The
 * end of the data, a NUL byte or broken UTF-8 there fail at once, since
 * they are the real problem; anything else is described in *found. */
static gboolean
describe_found (Scanner  *s,
                char    **found)
{
  gunichar c;

  if (s->p >= s->end)
    return fail (s, s->p, RUHU_JSON_ERROR_SYNTAX, _("the data ends too early"));
  if (*s->p == '\0')
    return fail_utf8 (s, s->p);
  c = g_utf8_get_char_validated (s->p, s->end - s->p);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    return fail_utf8 (s, s->p);
  if (g_unichar_isgraph (c))
    *found = g_strdup_printf ("“%.*s”", (int) (g_utf8_next_char (s->p) - s->p), s->p);
  else
    *found = g_strdup_printf ("U+%04X", c);
  return TRUE;
}

static void
skip_space (Scanner *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static gboolean
scan_word (Scanner    *s,
           const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (s->end - s->p) < n || memcmp (s->p, word, n) != 0)
    return fail (s, s->p, RUHU_JSON_ERROR_SYNTAX, _("“%s” was expected here"), word);
  s->p += n;
  return TRUE;
}

static gboolean
scan_digits (Scanner *s)
{
  const char *first = s->p;
  g_autofree char *found = NULL;

  while (s->p < s->end && g_ascii_isdigit (*s->p))
    s->p++;
  if (s->p > first)
    return TRUE;
  if (!describe_found (s, &found))
    return FALSE;
  return fail (s, s->p, RUHU_JSON_ERROR_SYNTAX,
               _("a digit was expected in the number, not %s"), found);
}

/* Whole numbers must fit a gint64: json-glib would turn larger ones into -1. */
static gboolean
check_integer (Scanner    *s,
               const char *start,
               const char *digits,
               gboolean    negative)
{
  gsize n = s->p - digits;
  guint64 limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;
  guint64 value = 0;
  g_autofree char *text = NULL;

  /* Nineteen digits cannot overflow a guint64; twenty never fit a gint64. */
  if (n <= 19)
    {
      for (const char *q = digits; q < s->p; q++)
        value = value * 10 + (guint64) (*q - '0');
      if (value <= limit)
        return TRUE;
    }
  text = shorten (start, s->p - start);
  return fail (s, start, RUHU_JSON_ERROR_NUMBER_RANGE,
               _("the whole number %s is too large; whole numbers must lie between "
                 "-9223372036854775808 and 9223372036854775807"), text);
}

/* Anything with a fraction or exponent becomes a double; one that is too
 * small becomes zero, which is fine, one too large becomes infinite. */
static gboolean
check_double (Scanner    *s,
              const char *start)
{
  g_autofree char *text = g_strndup (start, s->p - start);
  g_autofree char *shown = NULL;

  if (isfinite (g_ascii_strtod (text, NULL)))
    return TRUE;
  shown = shorten (start, s->p - start);
  return fail (s, start, RUHU_JSON_ERROR_NUMBER_RANGE, _("the number %s is too large"), shown);
}

static gboolean
scan_number (Scanner *s)
{
  const char *start = s->p;
  const char *digits;
  gboolean negative = FALSE;
  gboolean integral = TRUE;

  if (*s->p == '-')
    {
      negative = TRUE;
      s->p++;
    }
  digits = s->p;
  if (!scan_digits (s))
    return FALSE;
  if (*digits == '0' && s->p - digits > 1)
    return fail (s, digits, RUHU_JSON_ERROR_SYNTAX,
                 _("a number must not start with the digit zero"));
  if (s->p < s->end && *s->p == '.')
    {
      integral = FALSE;
      s->p++;
      if (!scan_digits (s))
        return FALSE;
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      integral = FALSE;
      s->p++;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      if (!scan_digits (s))
        return FALSE;
    }
  if (!(integral ? check_integer (s, start, digits, negative) : check_double (s, start)))
    return FALSE;
  return s->events == NULL ||
         s->events->number (s->events_data, start, s->p - start, integral, s->error);
}

static gboolean
scan_hex4 (Scanner    *s,
           const char *escape,
           gunichar   *value)
{
  *value = 0;
  for (guint i = 0; i < 4; i++)
    {
      int digit = s->p < s->end ? g_ascii_xdigit_value (*s->p) : -1;

      if (digit < 0)
        return fail (s, escape, RUHU_JSON_ERROR_SYNTAX,
                     _("“\\u” must be followed by four hexadecimal digits"));
      *value = (*value << 4) | (gunichar) digit;
      s->p++;
    }
  return TRUE;
}

/* A \u escape, s->p just past the "u". A surrogate must come as a high and
 * low pair, and U+0000 is refused: json-glib keeps strings as C strings and
 * would silently cut them at the NUL. */
static gboolean
scan_unicode_escape (Scanner    *s,
                     const char *escape,
                     GString    *out)
{
  gunichar c;
  gunichar low;

  if (!scan_hex4 (s, escape, &c))
    return FALSE;
  if (c >= 0xD800 && c <= 0xDBFF && s->end - s->p >= 2 && s->p[0] == '\\' && s->p[1] == 'u')
    {
      s->p += 2;
      if (!scan_hex4 (s, s->p - 2, &low))
        return FALSE;
      if (low >= 0xDC00 && low <= 0xDFFF)
        c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
    }
  if (c >= 0xD800 && c <= 0xDFFF)
    return fail (s, escape, RUHU_JSON_ERROR_ENCODING,
                 _("“%.6s” is half of a UTF-16 surrogate pair and cannot stand alone"), escape);
  if (c == 0)
    return fail (s, escape, RUHU_JSON_ERROR_ENCODING,
                 _("the escape “\\u0000” (a NUL character) is not allowed in text"));
  if (out != NULL)
    g_string_append_unichar (out, c);
  return TRUE;
}

static gboolean
scan_escape (Scanner *s,
             GString *out)
{
  const char *escape = s->p;
  char c;

  s->p++;
  switch (s->p < s->end ? *s->p : '\0')
    {
    case '"': c = '"'; break;
    case '\\': c = '\\'; break;
    case '/': c = '/'; break;
    case 'b': c = '\b'; break;
    case 'f': c = '\f'; break;
    case 'n': c = '\n'; break;
    case 'r': c = '\r'; break;
    case 't': c = '\t'; break;
    case 'u':
      s->p++;
      return scan_unicode_escape (s, escape, out);
    default:
      return fail (s, escape, RUHU_JSON_ERROR_SYNTAX,
                   _("a backslash inside quotes must be followed by one of "
                     "\" \\ / b f n r t u"));
    }
  s->p++;
  if (out != NULL)
    g_string_append_c (out, c);
  return TRUE;
}

/* A string, s->p at its opening quote; out, if given, gets it unescaped.
 * Runs of characters that need no unescaping are copied in one piece. */
static gboolean
scan_string (Scanner *s,
             GString *out)
{
  const char *open = s->p;
  const char *run;

  s->p++;
  run = s->p;
  for (;;)
    {
      guchar c;

      if (s->p >= s->end)
        return fail (s, open, RUHU_JSON_ERROR_SYNTAX,
                     _("this text in quotes has no closing double quote"));
      c = (guchar) *s->p;
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\')
        {
          s->p++;
          continue;
        }
      if (out != NULL && s->p > run)
        g_string_append_len (out, run, s->p - run);
      if (c == '"')
        {
          s->p++;
          return TRUE;
        }
      else if (c == '\\')
        {
          if (!scan_escape (s, out))
            return FALSE;
        }
      else if (c == '\0')
        {
          return fail_utf8 (s, s->p);
        }
      else if (c < 0x20)
        {
          return fail (s, s->p, RUHU_JSON_ERROR_SYNTAX,
                       _("the control character U+%04X must be written as an escape "
                         "inside quotes"), c);
        }
      else
        {
          gunichar u = g_utf8_get_char_validated (s->p, s->end - s->p);
          const char *next;

          if (u == (gunichar) -1 || u == (gunichar) -2)
            return fail_utf8 (s, s->p);
          next = g_utf8_next_char (s->p);
          if (out != NULL)
            g_string_append_len (out, s->p, next - s->p);
          s->p = next;
        }
      run = s->p;
    }
}

/* A key, the colon after it, and the check against the object's other keys,
 * which compares them unescaped: "a" and "\u0061" are the same key. */
static gboolean
scan_key (Scanner *s)
{
  GHashTable *keys = g_ptr_array_index (s->frames, s->frames->len - 1);
  g_autofree char *found = NULL;
  const char *start;

  skip_space (s);
  if (s->p >= s->end || *s->p != '"')
    {
      if (!describe_found (s, &found))
        return FALSE;
      return fail (s, s->p, RUHU_JSON_ERROR_SYNTAX,
                   _("a key in double quotes was expected, not %s"), found);
    }
  start = s->p;
  g_string_truncate (s->key, 0);
  if (!scan_string (s, s->key))
    return FALSE;
  if (g_hash_table_contains (keys, s->key->str))
    {
      g_autofree char *shown = shorten (s->key->str, s->key->len);

      return fail (s, start, RUHU_JSON_ERROR_DUPLICATE_KEY,
                   _("the key “%s” appears twice in one object"), shown);
    }
  g_hash_table_add (keys, g_strndup (s->key->str, s->key->len));
  if (s->events != NULL &&
      !s->events->key (s->events_data, s->key->str, s->key->len, s->error))
    return FALSE;
  skip_space (s);
  if (s->p >= s->end || *s->p != ':')
    {
      if (!describe_found (s, &found))
        return FALSE;
      return fail (s, s->p, RUHU_JSON_ERROR_SYNTAX,
                   _("a colon “:” was expected after the key, not %s"), found);
    }
  s->p++;
  return TRUE;
}

static gboolean
open_container (Scanner  *s,
                gboolean  object)
{
  if (s->frames->len >= s->max_depth)
    return fail (s, s->p, RUHU_JSON_ERROR_TOO_DEEP,
                 _("the data is nested more than %u levels deep"), s->max_depth);
  g_ptr_array_add (s->frames,
                   object ? g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) : NULL);
  s->p++;
  skip_space (s);
  return s->events == NULL || s->events->begin (s->events_data, object, s->error);
}

static gboolean
close_container (Scanner *s)
{
  s->p++;
  g_ptr_array_remove_index (s->frames, s->frames->len - 1);
  return s->events == NULL || s->events->end (s->events_data, s->error);
}

static gboolean
scan_text_value (Scanner *s)
{
  if (s->events == NULL)
    return scan_string (s, NULL);
  g_string_truncate (s->text, 0);
  return scan_string (s, s->text) &&
         s->events->text (s->events_data, s->text->str, s->text->len, s->error);
}

static gboolean
scan_literal (Scanner         *s,
              RuhuJsonLiteral  literal)
{
  static const char * const words[] = { "true", "false", "null" };

  return scan_word (s, words[literal]) &&
         (s->events == NULL || s->events->literal (s->events_data, literal, s->error));
}

/* One value, or only the start of a non-empty array or object: then
 * *opened is set and s->p is where its first value begins. */
static gboolean
scan_value (Scanner  *s,
            gboolean *opened)
{
  g_autofree char *found = NULL;

  *opened = FALSE;
  skip_space (s);
  switch (s->p < s->end ? *s->p : '\0')
    {
    case '[':
      if (!open_container (s, FALSE))
        return FALSE;
      if (s->p < s->end && *s->p == ']')
        return close_container (s);
      *opened = TRUE;
      return TRUE;
    case '{':
      if (!open_container (s, TRUE))
        return FALSE;
      if (s->p < s->end && *s->p == '}')
        return close_container (s);
      *opened = TRUE;
      return scan_key (s);
    case '"':
      return scan_text_value (s);
    case 't':
      return scan_literal (s, RUHU_JSON_TRUE);
    case 'f':
      return scan_literal (s, RUHU_JSON_FALSE);
    case 'n':
      return scan_literal (s, RUHU_JSON_NULL);
    default:
      if (s->p < s->end && (*s->p == '-' || g_ascii_isdigit (*s->p)))
        return scan_number (s);
      if (!describe_found (s, &found))
        return FALSE;
      return fail (s, s->p, RUHU_JSON_ERROR_SYNTAX, _("a value was expected, not %s"), found);
    }
}

/* After a value: closes what ends there, and steps over a comma (and the
 * next key, in an object). *done is set at the end of the whole text. */
static gboolean
scan_after_value (Scanner  *s,
                  gboolean *done)
{
  g_autofree char *found = NULL;

  *done = FALSE;
  for (;;)
    {
      gboolean in_object;

      skip_space (s);
      if (s->frames->len == 0)
        {
          if (s->p >= s->end)
            {
              *done = TRUE;
              return TRUE;
            }
          if (!describe_found (s, &found))
            return FALSE;
          return fail (s, s->p, RUHU_JSON_ERROR_SYNTAX,
                       _("there is more text after the end of the data, starting with %s"),
                       found);
        }
      in_object = g_ptr_array_index (s->frames, s->frames->len - 1) != NULL;
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          return in_object ? scan_key (s) : TRUE;
        }
      if (s->p < s->end && *s->p == (in_object ? '}' : ']'))
        {
          if (!close_container (s))
            return FALSE;
          continue;
        }
      if (!describe_found (s, &found))
        return FALSE;
      if (in_object)
        return fail (s, s->p, RUHU_JSON_ERROR_SYNTAX,
                     _("a comma or “}” was expected, not %s"), found);
      return fail (s, s->p, RUHU_JSON_ERROR_SYNTAX,
                   _("a comma or “]” was expected, not %s"), found);
    }
}

static gboolean
scan_document (Scanner *s)
{
  gboolean done = FALSE;

  /* RFC 8259 forbids senders to add a byte-order mark. We refuse one rather
   * than skip it, so that the bytes we accept are the bytes we store. */
  if (s->end - s->p >= 3 && memcmp (s->p, "\xEF\xBB\xBF", 3) == 0)
    return fail (s, s->p, RUHU_JSON_ERROR_ENCODING,
                 _("the data starts with a byte-order mark, which is not allowed"));
  skip_space (s);
  if (s->p >= s->end)
    {
      g_set_error_literal (s->error, RUHU_JSON_ERROR, RUHU_JSON_ERROR_EMPTY,
                           _("The data is empty"));
      return FALSE;
    }
  while (!done)
    {
      gboolean opened;

      if (!scan_value (s, &opened))
        return FALSE;
      if (!opened && !scan_after_value (s, &done))
        return FALSE;
    }
  return TRUE;
}

/*
 * ruhu_json_scan_events:
 * @data: the text, not necessarily nul-terminated
 * @length: its length in bytes
 * @max_depth: how many arrays and objects may be open at once
 * @events: (nullable): told what is read, in order, as it is read; any
 *   handler may stop the scan by returning %FALSE with @error set
 * @error: return location for a #RUHU_JSON_ERROR or a handler's error
 *
 * Checks that @data is one strict RFC 8259 JSON text, in UTF-8 without a
 * byte-order mark, that json-glib will read faithfully. A problem may be
 * found after handlers were told of what comes before it.
 *
 * Returns: %TRUE if it is, and every handler agreed
 */
gboolean
ruhu_json_scan_events (const char            *data,
                       gsize                  length,
                       guint                  max_depth,
                       const RuhuJsonEvents  *events,
                       gpointer               events_data,
                       GError               **error)
{
  Scanner s = {
    .start = data,
    .p = data,
    .end = data + length,
    .max_depth = max_depth,
    .frames = g_ptr_array_new_with_free_func (free_frame),
    .key = g_string_new (NULL),
    .text = g_string_new (NULL),
    .events = events,
    .events_data = events_data,
    .error = error,
  };
  gboolean ok = scan_document (&s);

  g_ptr_array_unref (s.frames);
  g_string_free (s.key, TRUE);
  g_string_free (s.text, TRUE);
  return ok;
}

/*
 * ruhu_json_scan:
 *
 * ruhu_json_scan_events() without events: only the check.
 */
gboolean
ruhu_json_scan (const char  *data,
                gsize        length,
                guint        max_depth,
                GError     **error)
{
  return ruhu_json_scan_events (data, length, max_depth, NULL, NULL, error);
}
