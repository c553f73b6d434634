/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* What the first-start and unlock pages share: the device folder they work
 * on, whether they are busy (a store opening, a login), the message they
 * show, and the cancellable of their work. Subclasses follow "busy" and
 * "error" with notify handlers to update their widgets. */
#define RUHU_TYPE_START_PAGE (ruhu_start_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (RuhuStartPage, ruhu_start_page, RUHU, START_PAGE, AdwBin)

struct _RuhuStartPageClass
{
  AdwBinClass parent_class;
};

void          ruhu_start_page_set_store_dir   (RuhuStartPage *self,
                                               const char    *dir);
const char   *ruhu_start_page_get_store_dir   (RuhuStartPage *self);
gboolean      ruhu_start_page_get_busy        (RuhuStartPage *self);
void          ruhu_start_page_set_busy        (RuhuStartPage *self,
                                               gboolean       busy);
const char   *ruhu_start_page_get_error       (RuhuStartPage *self);
void          ruhu_start_page_set_error       (RuhuStartPage *self,
                                               const char    *message);
GCancellable *ruhu_start_page_get_cancellable (RuhuStartPage *self);

G_END_DECLS
