/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-admin.h"

G_BEGIN_DECLS

int ruhu_admin_document     (RuhuAdmin  *admin,
                             GStrv       args);
int ruhu_admin_ledger       (RuhuAdmin  *admin,
                             GStrv       args);
int ruhu_admin_report_batch (RuhuAdmin  *admin,
                             GStrv       args);

G_END_DECLS
