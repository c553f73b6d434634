/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-directory-townships.h"
#include "ruhu-public-entry.h"

G_BEGIN_DECLS

/* The public HTML pages of a township: plain, readable on a phone, in the
 * server's language, everything from the data escaped. */

typedef enum
{
  RUHU_PUBLIC_PAGE_NOTICE,      /* 公示: cases on notice, with their period */
  RUHU_PUBLIC_PAGE_RECIPIENTS,  /* 公布: the households receiving assistance */
} RuhuPublicPageKind;

GBytes *ruhu_public_page_render  (RuhuPublicPageKind        kind,
                                  const RuhuTownshipNotice *township,
                                  GPtrArray                *entries,
                                  const GDate              *today);
GBytes *ruhu_public_page_message (const char               *title,
                                  const char               *message);

G_END_DECLS
