/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "ruhu-crypto.h"
#include "ruhu-hlc.h"
#include "ruhu-op.h"

G_BEGIN_DECLS

#define RUHU_STORE_ERROR (ruhu_store_error_quark ())

typedef enum
{
  RUHU_STORE_ERROR_NOT_FOUND,
  RUHU_STORE_ERROR_NOT_RUHU,
  RUHU_STORE_ERROR_TOO_NEW,
  RUHU_STORE_ERROR_CORRUPT,
  RUHU_STORE_ERROR_PASSPHRASE_REQUIRED,
  RUHU_STORE_ERROR_NOT_ENCRYPTED,
  RUHU_STORE_ERROR_WRONG_PASSPHRASE,
  RUHU_STORE_ERROR_INVALID_OP,
  RUHU_STORE_ERROR_NO_SUCH_ENTITY,
  RUHU_STORE_ERROR_DATABASE,
} RuhuStoreError;

/* The schema version this code writes; files with a greater one are refused. */
#define RUHU_STORE_SCHEMA_VERSION 2

typedef enum
{
  RUHU_STORE_OPEN_DEFAULT     = 0,
  RUHU_STORE_OPEN_CREATE      = 1 << 0,  /* create the file if it does not exist */
  RUHU_STORE_OPEN_SKIP_CHECK  = 1 << 1,  /* skip PRAGMA quick_check on open */
} RuhuStoreOpenFlags;

typedef enum
{
  RUHU_APPLY_APPLIED,
  RUHU_APPLY_DUPLICATE,
  RUHU_APPLY_REJECTED_BEFORE,  /* this version was rejected earlier; it stays out */
  RUHU_APPLY_INVALID,
  RUHU_APPLY_REFUSED,          /* the rule hook refused it: see code and message */
} RuhuApplyStatus;

typedef struct
{
  RuhuApplyStatus  status;
  char            *code;     /* the rule hook's code, for REFUSED; NULL otherwise */
  char            *message;  /* why, for INVALID and REFUSED; NULL otherwise */
} RuhuApplyResult;

typedef enum
{
  RUHU_CONFLICT_VALUES,       /* several heads with different values */
  RUHU_CONFLICT_DELETE_EDIT,  /* a deletion that did not see some edit */
} RuhuConflictKind;

typedef struct
{
  char             *entity;
  char             *case_id;
  char             *field;     /* RUHU_FIELD_DELETED for delete-vs-edit */
  RuhuConflictKind  kind;
  GPtrArray        *candidates;  /* RuhuOp*: every head involved, greatest version first */
} RuhuConflict;

typedef struct
{
  char     *id;
  char     *kind;
  char     *case_id;
  char     *parent;
  gboolean  deleted;
} RuhuEntityInfo;

typedef struct
{
  RuhuOp *op;
  char   *reason;
  gint64  rejected_at;  /* Unix seconds */
} RuhuRejection;

#define RUHU_TYPE_STORE (ruhu_store_get_type ())
G_DECLARE_FINAL_TYPE (RuhuStore, ruhu_store, RUHU, STORE, GObject)

/* The server's rules (role, place, signed-sheet lock) for operations from
 * elsewhere. Called inside the batch's transaction, after the duplicate
 * check, so it sees what earlier operations of the batch did and may read
 * the store. Return FALSE with a stable @code and a @reason for people to
 * refuse the operation. */
typedef gboolean (*RuhuStoreRuleFunc) (RuhuStore     *store,
                                       const RuhuOp  *op,
                                       char         **code,
                                       char         **reason,
                                       gpointer       user_data);

/* Called inside a batch's transaction once every operation has its
 * outcome, just before the commit; FALSE (with @error) rolls it back. */
typedef gboolean (*RuhuStoreCommitFunc) (RuhuStore     *store,
                                         GPtrArray     *ops,
                                         GArray        *results,
                                         gpointer       user_data,
                                         GError       **error);

GQuark          ruhu_store_error_quark          (void);

RuhuStore      *ruhu_store_open                 (const char            *path,
                                                 RuhuStoreOpenFlags     flags,
                                                 const char            *passphrase,
                                                 const RuhuKdfParams   *kdf,
                                                 GError               **error);
gboolean        ruhu_store_is_encrypted         (RuhuStore             *self);
const char     *ruhu_store_get_device_id        (RuhuStore             *self);
RuhuHlcClock   *ruhu_store_get_clock            (RuhuStore             *self);
gboolean        ruhu_store_change_passphrase    (RuhuStore             *self,
                                                 const char            *old_passphrase,
                                                 const char            *new_passphrase,
                                                 const RuhuKdfParams   *kdf,
                                                 GError               **error);
gboolean        ruhu_store_open_reader          (RuhuStore             *self,
                                                 GError               **error);
gboolean        ruhu_store_check                (RuhuStore             *self,
                                                 GError               **error);

/* Small named settings of this device (sync cursor, server address, token);
 * sealed with the data key when the store is encrypted. */
char           *ruhu_store_get_setting          (RuhuStore             *self,
                                                 const char            *name,
                                                 GError               **error);
gboolean        ruhu_store_set_setting          (RuhuStore             *self,
                                                 const char            *name,
                                                 const char            *value,
                                                 GError               **error);
GBytes         *ruhu_store_seal                 (RuhuStore             *self,
                                                 const char            *context,
                                                 GBytes                *plain,
                                                 GError               **error);
GBytes         *ruhu_store_unseal               (RuhuStore             *self,
                                                 const char            *context,
                                                 GBytes                *sealed,
                                                 GError               **error);

/* Applying operations from elsewhere (sync) */
void            ruhu_store_set_rule_hook        (RuhuStore             *self,
                                                 RuhuStoreRuleFunc      func,
                                                 gpointer               user_data);
gboolean        ruhu_store_apply                (RuhuStore             *self,
                                                 GPtrArray             *ops,
                                                 GArray               **results,
                                                 GError               **error);
gboolean        ruhu_store_apply_full           (RuhuStore             *self,
                                                 GPtrArray             *ops,
                                                 RuhuStoreRuleFunc      rules,
                                                 gpointer               rules_data,
                                                 RuhuStoreCommitFunc    before_commit,
                                                 gpointer               commit_data,
                                                 GArray               **results,
                                                 GError               **error);
gboolean        ruhu_store_batch_feed_span      (RuhuStore             *self,
                                                 gint64                *before,
                                                 gint64                *newest,
                                                 GError               **error);
gboolean        ruhu_store_reject               (RuhuStore             *self,
                                                 const RuhuOp          *op,
                                                 const char            *reason,
                                                 GError               **error);
void            ruhu_apply_result_clear         (RuhuApplyResult       *result);

/* Local edits: each is durable when the call returns */
RuhuOp         *ruhu_store_write                (RuhuStore             *self,
                                                 const char            *entity,
                                                 const char            *kind,
                                                 const char            *case_id,
                                                 const char            *parent,
                                                 const char            *field,
                                                 JsonNode              *value,
                                                 const char            *actor,
                                                 GError               **error);
RuhuOp         *ruhu_store_set_deleted          (RuhuStore             *self,
                                                 const char            *entity,
                                                 gboolean               deleted,
                                                 const char            *actor,
                                                 GError               **error);

/* Outbox: local operations not yet acknowledged by the server */
GPtrArray      *ruhu_store_outbox_peek          (RuhuStore             *self,
                                                 guint                  limit,
                                                 GError               **error);
GPtrArray      *ruhu_store_outbox_peek_by       (RuhuStore             *self,
                                                 const char            *actor,
                                                 guint                  limit,
                                                 GError               **error);
GPtrArray      *ruhu_store_outbox_peek_after    (RuhuStore             *self,
                                                 const char            *actor,
                                                 gint64                 after,
                                                 guint                  limit,
                                                 gint64                *last,
                                                 GError               **error);
gboolean        ruhu_store_outbox_ack           (RuhuStore             *self,
                                                 const char * const    *versions,
                                                 GError               **error);
gboolean        ruhu_store_outbox_ack_full      (RuhuStore             *self,
                                                 const char * const    *versions,
                                                 const char            *setting,
                                                 const char            *value,
                                                 GError               **error);
gint64          ruhu_store_outbox_count         (RuhuStore             *self,
                                                 GError               **error);
gint64          ruhu_store_outbox_count_others  (RuhuStore             *self,
                                                 const char            *actor,
                                                 GStrv                 *others,
                                                 GError               **error);

/* Feed: every version in the order this store applied it */
typedef gboolean (*RuhuCaseFilterFunc) (const char *case_id,
                                        gpointer    user_data);
typedef gboolean (*RuhuFeedFilterFunc) (const char *case_id,
                                        const char *version,
                                        gpointer    user_data);

GPtrArray      *ruhu_store_feed_since           (RuhuStore             *self,
                                                 gint64                 after_seq,
                                                 guint                  limit,
                                                 gint64                *last_seq,
                                                 GError               **error);
GPtrArray      *ruhu_store_feed_filtered        (RuhuStore             *self,
                                                 gint64                 after_seq,
                                                 guint                  limit,
                                                 guint                  max_scan,
                                                 RuhuCaseFilterFunc     filter,
                                                 gpointer               user_data,
                                                 gint64                *last_seq,
                                                 gboolean              *more,
                                                 GError               **error);

GPtrArray      *ruhu_store_feed_select          (RuhuStore             *self,
                                                 gint64                 after_seq,
                                                 guint                  limit,
                                                 guint                  max_scan,
                                                 RuhuFeedFilterFunc     filter,
                                                 gpointer               user_data,
                                                 gint64                *last_seq,
                                                 gboolean              *more,
                                                 GError               **error);

GPtrArray      *ruhu_store_feed_of_cases        (RuhuStore             *self,
                                                 const char * const    *case_ids,
                                                 gint64                 after_seq,
                                                 gint64                 up_to,
                                                 guint                  limit,
                                                 RuhuFeedFilterFunc     filter,
                                                 gpointer               user_data,
                                                 gint64                *last_seq,
                                                 gboolean              *more,
                                                 GError               **error);
gboolean        ruhu_store_newest_seq           (RuhuStore             *self,
                                                 gint64                *seq,
                                                 GError               **error);

/* Reading */
RuhuEntityInfo *ruhu_store_get_entity           (RuhuStore             *self,
                                                 const char            *entity,
                                                 GError               **error);
GPtrArray      *ruhu_store_list_entities        (RuhuStore             *self,
                                                 const char            *case_id,
                                                 GError               **error);
JsonNode       *ruhu_store_get_value            (RuhuStore             *self,
                                                 const char            *entity,
                                                 const char            *field,
                                                 GError               **error);
GHashTable     *ruhu_store_get_fields           (RuhuStore             *self,
                                                 const char            *entity,
                                                 GError               **error);
GPtrArray      *ruhu_store_get_heads            (RuhuStore             *self,
                                                 const char            *entity,
                                                 const char            *field,
                                                 GError               **error);
GPtrArray      *ruhu_store_get_history          (RuhuStore             *self,
                                                 const char            *entity,
                                                 const char            *field,
                                                 GError               **error);
GPtrArray      *ruhu_store_list_conflicts       (RuhuStore             *self,
                                                 const char            *case_id,
                                                 GError               **error);
GPtrArray      *ruhu_store_list_rejections      (RuhuStore             *self,
                                                 GError               **error);
gboolean        ruhu_store_foreach_value        (RuhuStore             *self,
                                                 void                 (*func) (const char *entity,
                                                                               const char *field,
                                                                               const char *json,
                                                                               gpointer    user_data),
                                                 gpointer               user_data,
                                                 GError               **error);
char           *ruhu_store_dump                 (RuhuStore             *self,
                                                 GError               **error);

void            ruhu_entity_info_free           (RuhuEntityInfo        *info);
void            ruhu_conflict_free              (RuhuConflict          *conflict);
void            ruhu_rejection_free             (RuhuRejection         *rejection);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuEntityInfo, ruhu_entity_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuConflict, ruhu_conflict_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuRejection, ruhu_rejection_free)

G_END_DECLS
