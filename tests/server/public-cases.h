/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "http-fixture.h"
#include "ruhu-workflow.h"

G_BEGIN_DECLS

/* Cases on the fixture's server for the tests of what leaves the system
 * (public pages, certificates, the ledger, the report batch): complete,
 * placed, walked along the workflow, and holding the private data that
 * must never come out (public-cases.c). */

#define OTHER_TOWNSHIP "500109002"
#define ADDRESS        "天生路8号3单元"
#define PHONE          "13800138000"
#define ID_NUMBER      "500109198001010017"
#define ILLNESS        "尿毒症"

char *public_case_add (HttpFixture   *f,
                       const char    *head,
                       const char    *village,
                       RuhuCaseState  state);

G_END_DECLS
