/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-directory.h"
#include "ruhu-public-entry.h"

G_BEGIN_DECLS

/* What a township's public pages say besides the cases: who runs the
 * notice and where to object, and how much of a name is shown. */
typedef struct
{
  char         *code;     /* the township's 9-digit code */
  char         *office;   /* e.g. 北碚区天生街道民政办 */
  char         *phone;
  char         *address;
  RuhuNameMask  name_mask;
} RuhuTownshipNotice;

void                ruhu_township_notice_free         (RuhuTownshipNotice  *notice);
gboolean            ruhu_directory_set_township_notice (RuhuDirectory      *self,
                                                        const RuhuTownshipNotice *notice,
                                                        GError            **error);
RuhuTownshipNotice *ruhu_directory_get_township_notice (RuhuDirectory      *self,
                                                        const char         *code,
                                                        GError            **error);
GPtrArray          *ruhu_directory_list_cases_in       (RuhuDirectory      *self,
                                                        const char         *place,
                                                        GError            **error);
GPtrArray          *ruhu_directory_list_candidate_cases (RuhuDirectory   *self,
                                                        const char      *place,
                                                        const char      *user_id,
                                                        GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuTownshipNotice, ruhu_township_notice_free)

G_END_DECLS
