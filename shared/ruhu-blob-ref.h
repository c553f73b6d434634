/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-form.h"
#include "ruhu-op.h"

G_BEGIN_DECLS

/* Which photo or scan an operation names: the one place that knows that
 * photo fields and a signature's image hold blob names, for the devices
 * that fetch and upload them and for the server that decides who reads
 * them (docs/protocol.md, "Blobs"). */

gboolean    ruhu_blob_ref_name_is_valid (const char    *name);
const char *ruhu_blob_ref_from_op       (RuhuFormSet   *forms,
                                         const RuhuOp  *op);

G_END_DECLS
