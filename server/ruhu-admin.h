/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ruhu-audit.h"
#include "ruhu-directory.h"

G_BEGIN_DECLS

/* Exit codes: a mistake in the command line, or a failure while doing it. */
#define RUHU_ADMIN_EXIT_USAGE   1
#define RUHU_ADMIN_EXIT_RUNTIME 2

typedef struct
{
  char *data_dir;
  char *key_file;
} RuhuAdmin;

/* A subcommand: args[0] is its name, options not yet parsed. */
typedef int (*RuhuAdminCommand) (RuhuAdmin  *admin,
                                 GStrv       args);

int            ruhu_admin_usage          (const char     *format,
                                          ...) G_GNUC_PRINTF (1, 2);
int            ruhu_admin_fail           (GError         *error);
gboolean       ruhu_admin_parse          (GStrv          *args,
                                          const char     *parameters,
                                          GOptionEntry   *entries,
                                          guint           n_args);
gboolean       ruhu_admin_need_key       (RuhuAdmin      *admin);
RuhuDirectory *ruhu_admin_open_directory (RuhuAdmin      *admin,
                                          GError        **error);
RuhuAudit     *ruhu_admin_open_audit     (RuhuAdmin      *admin,
                                          GError        **error);
int            ruhu_admin_log            (RuhuAdmin      *admin,
                                          const char     *action,
                                          const char     *subject,
                                          const char     *detail);

int            ruhu_admin_user           (RuhuAdmin      *admin,
                                          GStrv           args);
int            ruhu_admin_device         (RuhuAdmin      *admin,
                                          GStrv           args);
int            ruhu_admin_assign         (RuhuAdmin      *admin,
                                          GStrv           args);
int            ruhu_admin_init           (RuhuAdmin      *admin,
                                          GStrv           args);
int            ruhu_admin_demo           (RuhuAdmin      *admin,
                                          GStrv           args);
int            ruhu_admin_backup         (RuhuAdmin      *admin,
                                          GStrv           args);
int            ruhu_admin_audit          (RuhuAdmin      *admin,
                                          GStrv           args);
int            ruhu_admin_import         (RuhuAdmin      *admin,
                                          GStrv           args);
int            ruhu_admin_township       (RuhuAdmin      *admin,
                                          GStrv           args);

G_END_DECLS
