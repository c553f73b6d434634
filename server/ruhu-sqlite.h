/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* A small SQLite connection for the server's own files (the directory and
 * the audit log): identity check by application_id, numbered migrations,
 * WAL with a full sync, and statements prepared once. Errors are reported
 * in the owning module's domain, with its database error code. Not locked:
 * the owner serialises calls. */
typedef struct
{
  sqlite3    *db;
  GHashTable *statements;  /* static SQL text → sqlite3_stmt */
  char       *path;
  GQuark      domain;
  int         code;
} RuhuSqlite;

/* A statement from ruhu_sqlite_stmt(): reset and unbound when it goes out
 * of scope, so no use leaks into the next. */
typedef sqlite3_stmt RuhuSqliteStmt;

static inline void
ruhu_sqlite_stmt_release (RuhuSqliteStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuSqliteStmt, ruhu_sqlite_stmt_release)

RuhuSqlite     *ruhu_sqlite_open       (const char          *path,
                                        guint32              application_id,
                                        const char * const  *migrations,
                                        guint                n_migrations,
                                        GQuark               domain,
                                        int                  code,
                                        GError             **error);
void            ruhu_sqlite_close      (RuhuSqlite          *self);
RuhuSqliteStmt *ruhu_sqlite_stmt       (RuhuSqlite          *self,
                                        const char          *sql,
                                        GError             **error);
gboolean        ruhu_sqlite_exec       (RuhuSqlite          *self,
                                        const char          *sql,
                                        GError             **error);
gboolean        ruhu_sqlite_step_done  (RuhuSqlite          *self,
                                        sqlite3_stmt        *stmt,
                                        GError             **error);
gboolean        ruhu_sqlite_step_row   (RuhuSqlite          *self,
                                        sqlite3_stmt        *stmt,
                                        gboolean            *has_row,
                                        GError             **error);
gboolean        ruhu_sqlite_set_error  (RuhuSqlite          *self,
                                        GError             **error);
gboolean        ruhu_sqlite_begin      (RuhuSqlite          *self,
                                        GError             **error);
gboolean        ruhu_sqlite_commit     (RuhuSqlite          *self,
                                        GError             **error);
void            ruhu_sqlite_rollback   (RuhuSqlite          *self);
char           *ruhu_sqlite_column_dup (sqlite3_stmt        *stmt,
                                        int                  column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuSqlite, ruhu_sqlite_close)

G_END_DECLS
