/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ui-fixture.h"

G_BEGIN_DECLS

/* One section of the case page alone in a window, on a device with one
 * demo case and a folder for photos (the evidence and signature tests). */
typedef struct
{
  UiFixture   ui;
  GtkWindow  *window;
  const char *case_id;
} SectionWindow;

void section_window_init       (int           *argc,
                                char        ***argv);
void section_window_setup      (SectionWindow *fixture);
void section_window_show       (SectionWindow *fixture,
                                GtkWidget     *section,
                                int            width,
                                int            height);
void section_window_teardown   (SectionWindow *fixture);
void section_window_wait_mapped (GtkWidget    *window);
void section_window_photograph (GtkWidget     *widget,
                                const char    *name);

G_END_DECLS
