/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-directory.h"

G_BEGIN_DECLS

/* A directory in a fresh file with one investigator, a cheap password
 * hash and a clock the test sets (tests/server/directory-fixture.c). */

#define FIXTURE_USER     "zhang.wei"
#define FIXTURE_PASSWORD "correct horse"

typedef struct
{
  char          *dir;
  char          *path;
  RuhuDirectory *directory;
  gint64         now;  /* what the directory's clock says */
} DirectoryFixture;

void directory_fixture_setup    (DirectoryFixture *f,
                                 gconstpointer     data);
void directory_fixture_teardown (DirectoryFixture *f,
                                 gconstpointer     data);

G_END_DECLS
