/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* One SQLite connection to one of our files (the case store, the server's
 * directory and audit log): the file's identity checked by application_id
 * before anything is written, numbered migrations, WAL with a full sync at
 * every commit, and statements prepared once. Errors are reported in the
 * owner's domain, with the owner's codes. Not locked: the owner serialises
 * calls. */

/* The owner's error domain (its quark function, so that the table can be
 * a static constant) and the code for each kind of failure. */
typedef struct
{
  GQuark (*domain) (void);
  int    not_found;  /* no file, and not asked to create one */
  int    foreign;    /* another program's file, or a damaged header */
  int    too_new;    /* written by a newer schema */
  int    corrupt;    /* damaged pages */
  int    database;   /* anything else */
} RuhuSqliteErrors;

typedef enum
{
  RUHU_SQLITE_OPEN_DEFAULT     = 0,
  RUHU_SQLITE_OPEN_CREATE      = 1 << 0,  /* create the file when it does not exist */
  RUHU_SQLITE_OPEN_QUICK_CHECK = 1 << 1,  /* PRAGMA quick_check an existing file */
} RuhuSqliteOpenFlags;

typedef struct
{
  sqlite3                *db;
  GHashTable             *statements;  /* static SQL text → sqlite3_stmt */
  char                   *path;
  const RuhuSqliteErrors *errors;
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

RuhuSqlite     *ruhu_sqlite_open        (const char              *path,
                                         RuhuSqliteOpenFlags      flags,
                                         guint32                  application_id,
                                         gint64                   schema_version,
                                         const RuhuSqliteErrors  *errors,
                                         gint64                  *found_version,
                                         GError                 **error);
RuhuSqlite     *ruhu_sqlite_open_migrated (const char             *path,
                                           guint32                 application_id,
                                           const char * const     *migrations,
                                           guint                   n_migrations,
                                           const RuhuSqliteErrors *errors,
                                           GError                **error);
gboolean        ruhu_sqlite_migrate     (RuhuSqlite              *self,
                                         guint32                  application_id,
                                         const char * const      *migrations,
                                         guint                    n_migrations,
                                         gint64                   from_version,
                                         GError                 **error);
gboolean        ruhu_sqlite_check       (RuhuSqlite              *self,
                                         gboolean                 full,
                                         GError                 **error);
void            ruhu_sqlite_close       (RuhuSqlite              *self);
RuhuSqliteStmt *ruhu_sqlite_stmt        (RuhuSqlite              *self,
                                         const char              *sql,
                                         GError                 **error);
gboolean        ruhu_sqlite_exec        (RuhuSqlite              *self,
                                         const char              *sql,
                                         GError                 **error);
gboolean        ruhu_sqlite_query_int   (RuhuSqlite              *self,
                                         const char              *sql,
                                         gint64                  *out,
                                         GError                 **error);
gboolean        ruhu_sqlite_step_done   (RuhuSqlite              *self,
                                         sqlite3_stmt            *stmt,
                                         GError                 **error);
gboolean        ruhu_sqlite_step_row    (RuhuSqlite              *self,
                                         sqlite3_stmt            *stmt,
                                         gboolean                *has_row,
                                         GError                 **error);
gboolean        ruhu_sqlite_set_error   (RuhuSqlite              *self,
                                         GError                 **error);
gboolean        ruhu_sqlite_begin       (RuhuSqlite              *self,
                                         GError                 **error);
gboolean        ruhu_sqlite_commit      (RuhuSqlite              *self,
                                         GError                 **error);
void            ruhu_sqlite_rollback    (RuhuSqlite              *self);
char           *ruhu_sqlite_column_dup  (sqlite3_stmt            *stmt,
                                         int                      column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuSqlite, ruhu_sqlite_close)

G_END_DECLS
