/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "ruhu-device.h"

G_BEGIN_DECLS

/* Every case on the device as a searchable, filterable list. Emits
 * "case-activated" (case id) when the user opens one. */
#define RUHU_TYPE_CASE_LIST (ruhu_case_list_get_type ())
G_DECLARE_FINAL_TYPE (RuhuCaseList, ruhu_case_list, RUHU, CASE_LIST, AdwBin)

RuhuCaseList *ruhu_case_list_new             (void);
void          ruhu_case_list_set_device      (RuhuCaseList *self,
                                              RuhuDevice   *device);
guint         ruhu_case_list_get_n_shown     (RuhuCaseList *self);
gboolean      ruhu_case_list_is_busy         (RuhuCaseList *self);
void          ruhu_case_list_set_today       (RuhuCaseList *self,
                                              const GDate  *today);
GListModel   *ruhu_case_list_get_model       (RuhuCaseList *self);

G_END_DECLS
