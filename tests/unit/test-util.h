/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-store.h"

G_BEGIN_DECLS

/* Cheap Argon2id for tests: the real cost belongs in benchmarks. */
extern const RuhuKdfParams test_kdf;

/* A store file in a temporary directory, for tests that reopen it. */
typedef struct
{
  char *dir;
  char *path;
} TestStoreFile;

char      *test_make_temp_dir   (void);
void       test_store_file_setup    (TestStoreFile *fixture,
                                     gconstpointer  data);
void       test_store_file_teardown (TestStoreFile *fixture,
                                     gconstpointer  data);
RuhuStore *test_store_file_open     (TestStoreFile *fixture,
                                     const char    *passphrase);
void       test_store_file_sql      (TestStoreFile *fixture,
                                     const char    *sql);
gint64     test_sqlite_query_int    (const char    *path,
                                     const char    *sql);
void       test_remove_tree     (const char   *path);
RuhuStore *test_memory_store    (const char   *passphrase);
void       test_set_fake_clock  (RuhuStore    *store,
                                 gint64       *now_ms);
guint      test_copy_feed       (RuhuStore    *from,
                                 RuhuStore    *to);
JsonNode  *test_int             (gint64        value);
JsonNode  *test_text            (const char   *value);
gint64     test_get_int         (RuhuStore    *store,
                                 const char   *entity,
                                 const char   *field);
void       test_assert_same_state (RuhuStore  *a,
                                   RuhuStore  *b);

G_END_DECLS
