/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-json.h"

G_BEGIN_DECLS

/* json-glib recurses once per nesting level, so no caller may raise the
 * depth limit past this, whatever RuhuJsonLimits says. */
#define RUHU_JSON_HARD_MAX_DEPTH 1024

/* The limits that a %NULL or zero field of RuhuJsonLimits stands for. */
gsize    ruhu_json_limits_max_bytes (const RuhuJsonLimits *limits);
guint    ruhu_json_limits_max_depth (const RuhuJsonLimits *limits);

void     ruhu_json_append_canonical (GString    *out,
                                    JsonNode   *node);
void     ruhu_json_append_string    (GString    *out,
                                    const char *text);

gboolean ruhu_json_scan (const char  *data,
                         gsize        length,
                         guint        max_depth,
                         GError     **error);

typedef enum
{
  RUHU_JSON_TRUE,
  RUHU_JSON_FALSE,
  RUHU_JSON_NULL,
} RuhuJsonLiteral;

/* What ruhu_json_scan_events() reads, as it reads it. Keys and texts come
 * unescaped and nul-terminated (a NUL inside is refused); numbers as they
 * are written, already checked as ruhu_json_parse() checks them. */
typedef struct
{
  gboolean (*begin)   (gpointer data, gboolean object, GError **error);
  gboolean (*end)     (gpointer data, GError **error);
  gboolean (*key)     (gpointer data, const char *key, gsize length, GError **error);
  gboolean (*text)    (gpointer data, const char *text, gsize length, GError **error);
  gboolean (*number)  (gpointer data, const char *text, gsize length, gboolean integral,
                       GError **error);
  gboolean (*literal) (gpointer data, RuhuJsonLiteral literal, GError **error);
} RuhuJsonEvents;

gboolean ruhu_json_scan_events (const char            *data,
                                gsize                  length,
                                guint                  max_depth,
                                const RuhuJsonEvents  *events,
                                gpointer               events_data,
                                GError               **error);

G_END_DECLS
