/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-workflow.h"

G_BEGIN_DECLS

/* Building cases for the workflow tests through the store's ordinary
 * local edits, as a device would. */

/* Who writes, unless test_case_set_actor() named someone else. */
#define TEST_ACTOR "zhang.wei"

/* What test_case_new_except() leaves out of a complete case. */
typedef enum
{
  TEST_CASE_ALL              = 0,
  TEST_CASE_NO_MEMBERS       = 1 << 0,
  TEST_CASE_NO_OBLIGOR_AUTH  = 1 << 1,
  TEST_CASE_NO_SHEET         = 1 << 2,
  TEST_CASE_ONE_INVESTIGATOR = 1 << 3,
  TEST_CASE_NO_APPLICANT     = 1 << 4,
  TEST_CASE_NO_INTERVIEW     = 1 << 5,
  TEST_CASE_NO_ID_BACK       = 1 << 6,
  TEST_CASE_NO_HUKOU         = 1 << 7,
} TestCaseOmit;

void            test_case_set_actor     (RuhuStore     *store,
                                         const char    *actor);
void            test_case_put_text      (RuhuStore     *store,
                                         const char    *entity,
                                         const char    *kind,
                                         const char    *case_id,
                                         const char    *field,
                                         const char    *text);
char           *test_case_new           (RuhuStore     *store,
                                         const char    *category,
                                         const char    *applied_on);
char           *test_case_add_member    (RuhuStore     *store,
                                         const char    *case_id,
                                         const char    *role,
                                         const char    *name,
                                         const char    *birth_date);
void            test_case_authorise     (RuhuStore     *store,
                                         const char    *case_id,
                                         const char    *member);
char           *test_case_add_sheet     (RuhuStore     *store,
                                         const char    *case_id);
void            test_case_sign          (RuhuStore     *store,
                                         const char    *case_id,
                                         const char    *sheet,
                                         const char    *signer_role);
void            test_case_interview     (RuhuStore     *store,
                                         const char    *case_id,
                                         const char    *sheet);
void            test_case_add_evidence  (RuhuStore     *store,
                                         const char    *case_id,
                                         const char    *category,
                                         const char    *member);
char           *test_case_new_complete  (RuhuStore     *store,
                                         const char    *category);
char           *test_case_new_except    (RuhuStore     *store,
                                         const char    *category,
                                         TestCaseOmit   omit);
void            test_case_input         (RuhuStepInput *input,
                                         const char    *at);
void            test_case_take          (RuhuStore     *store,
                                         const char    *case_id,
                                         RuhuStep       step,
                                         const char    *role,
                                         const char    *at);
RuhuCaseState   test_case_state         (RuhuStore     *store,
                                         const char    *case_id);
void            test_case_walk          (RuhuStore     *store,
                                         const char    *case_id,
                                         RuhuCaseState  target);

G_END_DECLS
