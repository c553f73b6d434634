/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-store.h"

G_BEGIN_DECLS

/* The benchmarks' demo stores: generated once into the build directory
 * and reused by later runs. */

#define BENCH_DEMO_SEED 20261124

/* Adds to a freshly generated store, before it gets its final name. */
typedef void (*BenchDemoFill) (RuhuStore *store,
                               GPtrArray *case_ids);

void bench_demo_ensure_store (const char    *path,
                              guint          n_cases,
                              const char    *passphrase,
                              BenchDemoFill  fill);

G_END_DECLS
