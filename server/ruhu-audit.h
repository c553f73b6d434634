/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ruhu-store.h"

G_BEGIN_DECLS

/* The append-only, hash-chained audit log: every accepted operation, login,
 * revocation, blob, export and read of sensitive fields. Each entry's hash
 * covers its content and the previous entry's hash (SHA-256), so a changed,
 * removed or reordered entry breaks the chain at that point. */

#define RUHU_AUDIT_ERROR (ruhu_audit_error_quark ())

/* The action of the entries ruhu_audit_append_ops() writes. */
#define RUHU_AUDIT_ACTION_OPS "ops"

typedef enum
{
  RUHU_AUDIT_ERROR_BROKEN,
  RUHU_AUDIT_ERROR_DATABASE,
} RuhuAuditError;

#define RUHU_TYPE_AUDIT (ruhu_audit_get_type ())
G_DECLARE_FINAL_TYPE (RuhuAudit, ruhu_audit, RUHU, AUDIT, GObject)

GQuark     ruhu_audit_error_quark (void);

RuhuAudit *ruhu_audit_open        (const char  *path,
                                   GError     **error);
gboolean   ruhu_audit_append      (RuhuAudit   *self,
                                   const char  *actor,
                                   const char  *device,
                                   const char  *action,
                                   const char  *subject,
                                   const char  *detail,
                                   GError     **error);
gboolean   ruhu_audit_begin_batch (RuhuAudit   *self,
                                   GError     **error);
gboolean   ruhu_audit_end_batch   (RuhuAudit   *self,
                                   GError     **error);
gboolean   ruhu_audit_append_ops  (RuhuAudit    *self,
                                   const char   *actor,
                                   const char   *device,
                                   GPtrArray    *ops,
                                   const GArray *results,
                                   GError      **error);
gboolean   ruhu_audit_verify      (RuhuAudit   *self,
                                   gint64      *n_entries,
                                   gint64      *first_broken,
                                   GError     **error);

G_END_DECLS
