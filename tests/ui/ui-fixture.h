/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include "ruhu-device.h"

G_BEGIN_DECLS

/* A device on a fresh store in a temporary directory, holding @n_cases demo
 * cases (seeded, so every run sees the same households). */
typedef struct
{
  char       *dir;
  RuhuDevice *device;
  GPtrArray  *case_ids;
} UiFixture;

void      ui_fixture_init         (int          *argc,
                                   char       ***argv);
void      ui_fixture_setup        (UiFixture    *fixture,
                                   guint         n_cases);
void      ui_fixture_teardown     (UiFixture    *fixture);
RuhuStore *ui_fixture_reopen      (UiFixture    *fixture);
void      ui_wait_until           (gboolean     *flag,
                                   guint         timeout_seconds);
void      ui_iterate              (guint         milliseconds);
char     *ui_save_screenshot      (GtkWidget    *widget,
                                   const char   *name);
GtkWidget *ui_find_by_text        (GtkWidget    *root,
                                   const char   *text);
GtkWidget *ui_find_by_type        (GtkWidget    *root,
                                   GType         type);

G_END_DECLS
