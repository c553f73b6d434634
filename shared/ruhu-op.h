/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "ruhu-hlc.h"
#include "ruhu-json.h"

G_BEGIN_DECLS

#define RUHU_OP_ERROR (ruhu_op_error_quark ())

typedef enum
{
  RUHU_OP_ERROR_INVALID,
  RUHU_OP_ERROR_TOO_MANY,  /* a list longer than the caller allows */
} RuhuOpError;

/* The field whose value true marks an entity deleted. */
#define RUHU_FIELD_DELETED "_deleted"

#define RUHU_TYPE_OP (ruhu_op_get_type ())

/* One edit of one field of one entity, as DESIGN.md describes. Immutable
 * once made; read the members directly. */
typedef struct
{
  char      *id;       /* UUID of the operation */
  char      *entity;   /* UUID of the entity */
  char      *kind;     /* entity kind: "member", "household", … */
  char      *case_id;  /* UUID of the case the entity belongs to */
  char      *parent;   /* UUID of the parent entity, or NULL for a case's root */
  char      *field;
  JsonNode  *value;    /* never NULL; a JSON null clears the field */
  char      *version;  /* "<hlc>@<device>": unique, totally ordered */
  char     **bases;    /* the versions the writer saw; sorted, no duplicates */
  char      *actor;    /* user id */
  char      *device;   /* device id, the part of @version after '@' */
} RuhuOp;

GType     ruhu_op_get_type         (void) G_GNUC_CONST;
GQuark    ruhu_op_error_quark      (void);

RuhuOp   *ruhu_op_new              (const char          *id,
                                    const char          *entity,
                                    const char          *kind,
                                    const char          *case_id,
                                    const char          *parent,
                                    const char          *field,
                                    JsonNode            *value,
                                    const char          *version,
                                    const char * const  *bases,
                                    const char          *actor,
                                    GError             **error);
gboolean  ruhu_op_check_entity     (const char          *entity,
                                    const char          *kind,
                                    const char          *case_id,
                                    const char          *parent,
                                    const char          *actor,
                                    GError             **error);
RuhuOp   *ruhu_op_new_of_entity    (const char          *id,
                                    const char          *entity,
                                    const char          *kind,
                                    const char          *case_id,
                                    const char          *parent,
                                    const char          *field,
                                    JsonNode            *value,
                                    const char          *version,
                                    const char * const  *bases,
                                    const char          *actor,
                                    GError             **error);
RuhuOp   *ruhu_op_new_stored       (const char          *id,
                                    const char          *entity,
                                    const char          *kind,
                                    const char          *case_id,
                                    const char          *parent,
                                    const char          *field,
                                    JsonNode            *value,
                                    const char          *version,
                                    char               **bases,
                                    const char          *actor,
                                    GError             **error);
RuhuOp   *ruhu_op_ref              (RuhuOp              *op);
void      ruhu_op_unref            (RuhuOp              *op);

RuhuOp   *ruhu_op_from_json        (JsonNode            *node,
                                    GError             **error);
JsonNode *ruhu_op_to_json          (const RuhuOp        *op);
gboolean  ruhu_op_value_is_true    (const RuhuOp        *op);

/* ruhu-op-wire.c: the grouped form of a list (docs/protocol.md) */
JsonNode  *ruhu_op_list_to_groups   (GPtrArray           *ops);
void       ruhu_op_list_write_groups (GString            *out,
                                      GPtrArray          *ops);
GPtrArray *ruhu_op_list_from_groups (JsonNode            *node,
                                     guint                max_ops,
                                     guint               *failed,
                                     GError             **error);
/* ruhu-op-read.c: the same, straight from the text */
GPtrArray *ruhu_op_list_read        (const char          *data,
                                     gsize                length,
                                     const RuhuJsonLimits *limits,
                                     const char          *member,
                                     guint                max_ops,
                                     JsonObject         **rest,
                                     GError             **error);

char     *ruhu_version_format      (const RuhuHlc       *hlc,
                                    const char          *device);
gboolean  ruhu_version_parse       (const char          *version,
                                    RuhuHlc             *hlc,
                                    char               **device,
                                    GError             **error);
int       ruhu_version_compare     (const char          *a,
                                    const char          *b);

gboolean  ruhu_is_valid_device_id  (const char          *device);
gboolean  ruhu_is_valid_name       (const char          *name,
                                    gboolean             allow_reserved);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuOp, ruhu_op_unref)

G_END_DECLS
