/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-sqlite.h"

#include "ruhu-store.h"

G_BEGIN_DECLS


/* Version states, kept in versions.state so that reading current values is
 * one indexed scan. They are a cache of ruhu_merge_heads(), rewritten every
 * time a field's set of versions changes. */
enum
{
  VERSION_SUPERSEDED = 0,
  VERSION_HEAD       = 1,
  VERSION_DISPLAYED  = 2,  /* the head with the greatest version */
};

/* What a batch being applied knows, under the store's lock: the entities
 * it made (they had no versions before, so their fields need no reading
 * until the batch writes them) and the rules it runs under. */
typedef struct
{
  RuhuStoreRuleFunc  hook;
  gpointer           hook_data;
  GHashTable        *fresh;    /* entity id → RuhuFreshEntity*, made by this batch */
  gint64             first_seq;  /* the feed position of its first version */
} RuhuApplyBatch;

/* An entity a batch made: its row, and the fields the batch wrote to it
 * (an entity has a few dozen at most, so a list does). */
typedef struct
{
  RuhuEntityInfo  info;
  GPtrArray      *fields;  /* char* */
} RuhuFreshEntity;

void ruhu_fresh_entity_free (RuhuFreshEntity *fresh);

/* One stored version of a field, as far as merging needs it. */
typedef struct
{
  char  *version;
  char  *op_id;
  char **bases;
  int    state;
} RuhuFieldVersion;

struct _RuhuStore
{
  GObject        parent_instance;

  RuhuSqlite    *sql;
  GRecMutex      lock;        /* recursive: rule hooks read the store mid-batch */
  char          *path;
  /* A second, read-only connection for the feed (ruhu_store_open_reader()),
   * guarded by reader_lock: in WAL mode it reads while a batch on sql
   * waits for its commit's sync to disk. NULL: the feed reads sql. */
  GMutex         reader_lock;
  RuhuSqlite    *reader;
  char          *device_id;
  RuhuHlcClock  *clock;
  RuhuHlc        saved_clock;  /* what meta holds, to skip needless writes */
  RuhuAead      *aead;         /* NULL when the store is not encrypted */
  gint64         next_seq;
  gboolean       has_rejections;  /* spares a lookup per operation while there are none */
  RuhuStoreRuleFunc rule_hook;
  gpointer       rule_data;
  RuhuApplyBatch *batch;      /* non-NULL while a batch is applied */
};

/* The columns ruhu_store_op_from_row() reads, from versions v joined with entities e. */
#define OP_COLUMNS "v.entity, e.kind, e.case_id, e.parent, v.field, v.v, v.op_id, v.value, " \
                   "v.bases, v.actor"
#define OP_FROM "versions v JOIN entities e ON e.id = v.entity"

/* ruhu-store.c */
gboolean      ruhu_store_meta_get        (RuhuStore     *self,
                                          const char    *key,
                                          GBytes       **value,
                                          GError       **error);
gboolean      ruhu_store_meta_set        (RuhuStore     *self,
                                          const char    *key,
                                          const void    *value,
                                          gsize          length,
                                          GError       **error);

RuhuSqlite   *ruhu_store_begin_read      (RuhuStore     *self);
void          ruhu_store_end_read        (RuhuStore     *self,
                                          RuhuSqlite    *sql);

/* ruhu-store-keys.c */
gboolean      ruhu_store_keys_create     (RuhuStore            *self,
                                          const char           *passphrase,
                                          const RuhuKdfParams  *kdf,
                                          GError              **error);
gboolean      ruhu_store_keys_unlock     (RuhuStore            *self,
                                          const char           *passphrase,
                                          GError              **error);

/* ruhu-store-codec.c */
gboolean      ruhu_store_bind_value      (RuhuStore     *self,
                                          sqlite3_stmt  *stmt,
                                          int            column,
                                          const char    *entity,
                                          const char    *field,
                                          const char    *version,
                                          JsonNode      *value,
                                          GError       **error);
char         *ruhu_store_read_value      (RuhuStore     *self,
                                          sqlite3_stmt  *stmt,
                                          int            column,
                                          const char    *entity,
                                          const char    *field,
                                          const char    *version,
                                          GError       **error);
JsonNode     *ruhu_store_parse_value     (const char    *text,
                                          GError       **error);
char        **ruhu_store_split_bases     (const char    *text);
char         *ruhu_store_join_bases      (char * const  *bases);
RuhuOp       *ruhu_store_op_from_row     (RuhuStore     *self,
                                          sqlite3_stmt  *stmt,
                                          int            first_column,
                                          GError       **error);
GPtrArray    *ruhu_store_collect_ops     (RuhuStore     *self,
                                          sqlite3_stmt  *stmt,
                                          int            first_column,
                                          GError       **error);

/* ruhu-store-apply.c */
gboolean      ruhu_store_load_entity     (RuhuStore        *self,
                                          const char       *entity,
                                          RuhuEntityInfo  **info,
                                          GError          **error);
RuhuApplyStatus ruhu_store_apply_one     (RuhuStore     *self,
                                          RuhuOp        *op,
                                          gboolean       local,
                                          char         **code,
                                          char         **message,
                                          GError       **error);

/* ruhu-store-merge.c */
GArray       *ruhu_store_load_field_versions (RuhuStore  *self,
                                              const char *entity,
                                              const char *field,
                                              GError    **error);
gboolean      ruhu_store_merge_field     (RuhuStore     *self,
                                          const char    *entity,
                                          const char    *case_id,
                                          const char    *field,
                                          GArray        *versions,
                                          const RuhuOp  *new_op,
                                          gboolean       after_removal,
                                          GError       **error);
gboolean      ruhu_store_recompute_field (RuhuStore     *self,
                                          const char    *entity,
                                          const char    *case_id,
                                          const char    *field,
                                          GError       **error);
gboolean      ruhu_store_recompute_deletion (RuhuStore  *self,
                                             const char *entity,
                                             const char *case_id,
                                             gboolean    was_deleted,
                                             GError    **error);
GPtrArray    *ruhu_store_unseen_edits    (RuhuStore     *self,
                                          const char    *entity,
                                          GPtrArray    **deletions,
                                          GError       **error);
gboolean      ruhu_store_save_clock      (RuhuStore     *self,
                                          GError       **error);

G_END_DECLS
