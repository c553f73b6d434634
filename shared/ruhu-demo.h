/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-store.h"

G_BEGIN_DECLS

#define RUHU_DEMO_ERROR (ruhu_demo_error_quark ())

/**
 * RuhuDemoError:
 * @RUHU_DEMO_ERROR_DATA: the divisions file is missing or not as expected
 * @RUHU_DEMO_ERROR_REFUSED: the store did not apply a generated operation
 *
 * Why demo data could not be generated.
 */
typedef enum
{
  RUHU_DEMO_ERROR_DATA,
  RUHU_DEMO_ERROR_REFUSED,
} RuhuDemoError;

/* The device id in the versions of demo operations. */
#define RUHU_DEMO_DEVICE "ruhu-demo"

GQuark    ruhu_demo_error_quark  (void);
gboolean  ruhu_demo_generate     (RuhuStore    *store,
                                  guint         n_cases,
                                  guint32       seed,
                                  const char   *actor,
                                  GPtrArray   **case_ids,
                                  GError      **error);

G_END_DECLS
