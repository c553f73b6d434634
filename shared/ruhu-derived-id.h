/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An entity id that follows from another entity's id, so that two devices
 * creating "the same" entity offline write one entity, not two. */

char *ruhu_derived_id (const char *base,
                       const char *purpose);

G_END_DECLS
