/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ruhu-directory.h"

G_BEGIN_DECLS

/* What the sync benchmarks share: a ruhu-server in its own process (so
 * that its peak memory is its own), on a free port of 127.0.0.1, and the
 * small system chores around it. */

#define BENCH_PASSWORD "correct-horse-battery-staple"

typedef struct
{
  GSubprocess *process;
  int          pid;
  char        *url;       /* http://127.0.0.1:PORT */
  char        *data_dir;
  char        *key_file;
} BenchServer;

void           bench_start_watchdog     (guint          seconds);
void           bench_raise_fd_limit     (void);
guint          bench_env_uint           (const char    *name,
                                         guint          fallback);
char          *bench_make_temp_dir      (void);
void           bench_remove_tree        (const char    *path);

double         bench_peak_mib           (int            pid);
void           bench_reset_peak         (int            pid);
double         bench_cpu_seconds        (int            pid);
double         bench_main_thread_cpu_seconds (int       pid);
char          *bench_format_bytes       (guint64        bytes);

BenchServer   *bench_server_new         (const char    *tmp);
RuhuDirectory *bench_server_open_directory (BenchServer *server);
void           bench_server_start       (BenchServer   *server);
void           bench_server_stop        (BenchServer   *server);
void           bench_server_free        (BenchServer   *server);

G_END_DECLS
