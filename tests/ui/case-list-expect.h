/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-store.h"
#include "ruhu-workflow.h"

G_BEGIN_DECLS

/* The case list test's expectations: which cases of the store pass a
 * test, each test reading the store through its public API. */

typedef gboolean (*ExpectCaseTest) (RuhuStore     *store,
                                    const char    *case_id,
                                    gconstpointer  data);

char         *expect_get_text          (RuhuStore      *store,
                                        const char     *entity,
                                        const char     *field);
GPtrArray    *expect_entities_of       (RuhuStore      *store,
                                        const char     *case_id,
                                        const char     *kind);
gboolean      expect_contains          (const char     *text,
                                        const char     *part);
GHashTable   *expect_cases             (RuhuStore      *store,
                                        ExpectCaseTest  test,
                                        gconstpointer   data);
RuhuCaseFlow *expect_read_flow         (RuhuStore      *store,
                                        const char     *case_id);

/* Tests for expect_cases(); @data as each says. */
gboolean expect_matches_search    (RuhuStore *store, const char *case_id, gconstpointer text);
gboolean expect_every_case        (RuhuStore *store, const char *case_id, gconstpointer data);
gboolean expect_has_conflicts     (RuhuStore *store, const char *case_id, gconstpointer data);
gboolean expect_is_unsynced       (RuhuStore *store, const char *case_id, gconstpointer data);
gboolean expect_is_assigned       (RuhuStore *store, const char *case_id, gconstpointer actor);
gboolean expect_is_in_state       (RuhuStore *store, const char *case_id, gconstpointer state);
gboolean expect_is_returned_to_me (RuhuStore *store, const char *case_id, gconstpointer actor);
gboolean expect_has_category      (RuhuStore *store, const char *case_id, gconstpointer category);
gboolean expect_is_overdue        (RuhuStore *store, const char *case_id, gconstpointer data);

G_END_DECLS
