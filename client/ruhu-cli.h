/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-store.h"

G_BEGIN_DECLS

/* Exit codes, documented in ruhu-cli --help. */
enum
{
  RUHU_CLI_OK = 0,
  RUHU_CLI_USAGE = 1,
  RUHU_CLI_ERROR = 2,
  RUHU_CLI_SYNC_FAILED = 3,
  RUHU_CLI_REJECTED = 4,
};

typedef struct
{
  RuhuStore  *store;
  char       *case_id;        /* --case */
  char       *kind;           /* --kind */
  char       *parent;         /* --parent */
  char       *actor;          /* --actor */
  char       *password_file;  /* --password-file */
  char      **args;           /* the command's own arguments */
  guint       n_args;
} RuhuCli;

int   ruhu_cli_fail            (int            code,
                                const char    *format,
                                ...) G_GNUC_PRINTF (2, 3);
int   ruhu_cli_fail_error      (int            code,
                                const GError  *error);
char *ruhu_cli_read_secret     (const char    *path,
                                const char    *prompt,
                                GError       **error);
void  ruhu_cli_secret_free     (char          *secret);
char *ruhu_cli_actor           (RuhuCli       *cli);

int   ruhu_cli_login           (RuhuCli       *cli);
int   ruhu_cli_sync            (RuhuCli       *cli);
int   ruhu_cli_status          (RuhuCli       *cli);

int   ruhu_cli_import          (RuhuCli       *cli);
int   ruhu_cli_edit            (RuhuCli       *cli);
int   ruhu_cli_delete          (RuhuCli       *cli,
                                gboolean       deleted);
int   ruhu_cli_resolve         (RuhuCli       *cli);

int   ruhu_cli_conflicts       (RuhuCli       *cli);
int   ruhu_cli_show            (RuhuCli       *cli);

G_END_DECLS
