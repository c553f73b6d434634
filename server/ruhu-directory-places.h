/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-directory.h"

G_BEGIN_DECLS

/* The places a push gave its cases, written in one transaction. */
typedef struct
{
  const char *case_id;
  const char *place;    /* "" while the case has none */
  const char *creator;  /* the user who first pushed to it */
} RuhuCasePlace;

gboolean ruhu_directory_set_case_places (RuhuDirectory  *self,
                                         GArray         *places,
                                         GError        **error);

G_END_DECLS
