/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "public-cases.h"
#include "ruhu-directory-places.h"
#include "test-util.h"
#include "test-workflow-case.h"

/* A complete case of @head in village @village (its township the first
 * nine digits), with the data a public page must never show, walked to
 * @state and placed in @village. */
char *
public_case_add (HttpFixture   *f,
                 const char    *head,
                 const char    *village,
                 RuhuCaseState  state)
{
  RuhuStore *store = ruhu_server_get_store (f->server);
  char *case_id = test_case_new_complete (store, "rural_dibao");
  g_autofree char *member = test_case_add_member (store, case_id, "obligor", "赵强", "1960-03-02");
  RuhuCasePlace place = { case_id, village, TEST_ACTOR };
  g_autoptr(GArray) places = g_array_new (FALSE, FALSE, sizeof (RuhuCasePlace));
  g_autoptr(GError) error = NULL;
  g_autofree char *township = g_strndup (village, 9);

  test_case_put_text (store, case_id, "household", case_id, "head_name", head);
  test_case_put_text (store, case_id, "household", case_id, "township_code", township);
  test_case_put_text (store, case_id, "household", case_id, "township_name",
              g_str_equal (township, OTHER_TOWNSHIP) ? "东阳街道" : "天生街道");
  test_case_put_text (store, case_id, "household", case_id, "village_code", village);
  test_case_put_text (store, case_id, "household", case_id, "village_name",
              g_str_equal (village, TEST_VILLAGE_B) ? "东阳村" : "金刚村");
  test_case_put_text (store, case_id, "household", case_id, "address", ADDRESS);
  test_case_put_text (store, case_id, "household", case_id, "phone", PHONE);
  test_case_put_text (store, member, "member", case_id, "id_number", ID_NUMBER);
  test_case_put_text (store, member, "member", case_id, "illness", ILLNESS);
  test_case_authorise (store, case_id, member);
  test_case_walk (store, case_id, state);
  g_array_append_val (places, place);
  g_assert_true (ruhu_directory_set_case_places (ruhu_server_get_directory (f->server), places,
                                                 &error));
  g_assert_no_error (error);
  return case_id;
}

