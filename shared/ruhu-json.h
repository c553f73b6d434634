/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define RUHU_JSON_ERROR (ruhu_json_error_quark ())

typedef enum
{
  RUHU_JSON_ERROR_EMPTY,
  RUHU_JSON_ERROR_TOO_LARGE,
  RUHU_JSON_ERROR_TOO_DEEP,
  RUHU_JSON_ERROR_SYNTAX,
  RUHU_JSON_ERROR_ENCODING,
  RUHU_JSON_ERROR_DUPLICATE_KEY,
  RUHU_JSON_ERROR_NUMBER_RANGE,
  RUHU_JSON_ERROR_IO,
} RuhuJsonError;

#define RUHU_JSON_DEFAULT_MAX_BYTES (1024 * 1024)
#define RUHU_JSON_DEFAULT_MAX_DEPTH 32

typedef struct
{
  gsize max_bytes;   /* 0 means RUHU_JSON_DEFAULT_MAX_BYTES */
  guint max_depth;   /* 0 means RUHU_JSON_DEFAULT_MAX_DEPTH */
} RuhuJsonLimits;

GQuark    ruhu_json_error_quark (void);

JsonNode *ruhu_json_parse       (const char            *data,
                                 gssize                 length,
                                 const RuhuJsonLimits  *limits,
                                 GError               **error);
JsonNode *ruhu_json_parse_file  (const char            *path,
                                 const RuhuJsonLimits  *limits,
                                 GError               **error);
char     *ruhu_json_canonical   (JsonNode              *node);

G_END_DECLS
