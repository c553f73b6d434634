/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-crypto.h"
#include "ruhu-directory.h"
#include "ruhu-sqlite.h"

G_BEGIN_DECLS

struct _RuhuDirectory
{
  GObject                 parent_instance;

  /* Guards the connection and its cached statements. Public functions
   * take it; the helpers below expect it held. Password hashing runs
   * outside it, so one slow login does not hold up every request. */
  GMutex                  lock;
  RuhuSqlite             *sql;
  /* A second connection for the lookups of every request (tokens, case
   * places, a user at login), guarded by read_lock: in WAL mode it reads
   * while the first waits for a commit's sync to disk. NULL for an
   * in-memory directory, whose lookups then use sql under lock. */
  GMutex                  read_lock;
  RuhuSqlite             *reader;
  RuhuKdfParams           kdf;
  RuhuDirectoryClockFunc  clock;
  gpointer                clock_data;
};

gint64    ruhu_directory_now             (RuhuDirectory        *self);
RuhuSqlite *ruhu_directory_begin_read    (RuhuDirectory        *self);
void      ruhu_directory_end_read        (RuhuDirectory        *self);
gboolean  ruhu_directory_check_user_id   (const char           *user_id,
                                          GError              **error);
gboolean  ruhu_directory_check_user      (const char           *name,
                                          RuhuRole              role,
                                          const char           *place,
                                          GError              **error);
gboolean  ruhu_directory_check_password  (const char           *password,
                                          GError              **error);
gboolean  ruhu_directory_user_exists     (RuhuDirectory        *self,
                                          const char           *user_id,
                                          gboolean             *exists,
                                          GError              **error);
gboolean  ruhu_directory_load_user        (RuhuDirectory       *self,
                                           RuhuSqlite          *sql,
                                           const char          *user_id,
                                           RuhuUserInfo       **info,
                                           char               **password_hash,
                                           GError             **error);
gboolean  ruhu_directory_role_from_column (RuhuDirectory       *self,
                                           sqlite3_stmt        *stmt,
                                           int                  column,
                                           RuhuRole            *role,
                                           GError             **error);
gboolean  ruhu_directory_no_such_user    (const char           *user_id,
                                          GError              **error);

char     *ruhu_password_hash             (const char           *password,
                                          const RuhuKdfParams  *kdf,
                                          GError              **error);
gboolean  ruhu_password_verify           (const char           *password,
                                          const char           *stored,
                                          gboolean             *matches,
                                          GError              **error);

G_END_DECLS
