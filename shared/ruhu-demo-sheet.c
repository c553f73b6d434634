/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ruhu-date.h"
#include "ruhu-demo-private.h"

/* The check sheet of a demo case, with its items and interviews. */

static void
add_incomes (RuhuDemo             *demo,
             const RuhuDemoEntity *sheet,
             GArray               *members)
{
  for (guint i = 0; i < members->len; i++)
    {
      RuhuDemoMember *member = RUHU_DEMO_MEMBER (members, i);
      g_auto(RuhuDemoEntity) income = { 0, };
      const char *kind;
      gint64 amount;

      if (member->obligor || ruhu_demo_chance (demo, 40))
        continue;
      kind = (const char *[]) { "wages", "farming", "pension", "living_subsidy",
                                "support_received" }[ruhu_demo_rnd (demo, 0, 4)];
      amount = g_str_equal (kind, "wages") ? ruhu_demo_rnd (demo, 1500, 3800) * 100
             : g_str_equal (kind, "pension") ? ruhu_demo_rnd (demo, 120, 2600) * 100
             : ruhu_demo_rnd (demo, 100, 1200) * 100;
      ruhu_demo_entity_init (demo, &income, "income", sheet);
      ruhu_demo_put_text (demo, &income, "member", member->entity.id);
      ruhu_demo_put_text (demo, &income, "kind", kind);
      ruhu_demo_put_int (demo, &income, "amount_monthly", amount);
      if (g_str_equal (kind, "farming"))
        ruhu_demo_put_int (demo, &income, "costs_monthly", amount / 4);
      ruhu_demo_put_text (demo, &income, "source", g_str_equal (kind, "farming") ? "种植玉米、红薯，养猪"
                                                                         : "本人申报，经核对");
    }
}

static void
add_assets_and_expenses (RuhuDemo             *demo,
                         const RuhuDemoEntity *sheet,
                         GArray               *members,
                         const char           *place_text)
{
  g_auto(RuhuDemoEntity) house = { 0, };
  g_auto(RuhuDemoEntity) deposit = { 0, };
  g_auto(RuhuDemoEntity) medical = { 0, };
  g_auto(RuhuDemoEntity) utilities = { 0, };

  ruhu_demo_entity_init (demo, &house, "asset", sheet);
  ruhu_demo_put_text (demo, &house, "kind", "house");
  ruhu_demo_put_text (demo, &house, "owner", RUHU_DEMO_MEMBER (members, 0)->name);
  ruhu_demo_put_text (demo, &house, "house_type", ruhu_demo_chance (demo, 70) ? "self_built" : "resettlement");
  ruhu_demo_put_int (demo, &house, "floor_area", ruhu_demo_rnd (demo, 40, 140));
  ruhu_demo_put_text (demo, &house, "address", place_text);
  ruhu_demo_put_int (demo, &house, "value", ruhu_demo_rnd (demo, 50, 300) * 100000);

  ruhu_demo_entity_init (demo, &deposit, "asset", sheet);
  ruhu_demo_put_text (demo, &deposit, "kind", "deposit");
  ruhu_demo_put_text (demo, &deposit, "owner", RUHU_DEMO_MEMBER (members, 0)->name);
  ruhu_demo_put_text (demo, &deposit, "institution", "重庆农村商业银行");
  ruhu_demo_put_int (demo, &deposit, "value", ruhu_demo_rnd (demo, 0, 800) * 1000);

  ruhu_demo_entity_init (demo, &medical, "expense", sheet);
  ruhu_demo_put_text (demo, &medical, "member", RUHU_DEMO_MEMBER (members, 0)->entity.id);
  ruhu_demo_put_text (demo, &medical, "kind", "medical");
  ruhu_demo_put_int (demo, &medical, "amount_monthly", ruhu_demo_rnd (demo, 50, 1500) * 100);
  ruhu_demo_put_text (demo, &medical, "description", "门诊及购药自付部分，有票据");

  ruhu_demo_entity_init (demo, &utilities, "expense", sheet);
  ruhu_demo_put_text (demo, &utilities, "kind", "utilities");
  ruhu_demo_put_int (demo, &utilities, "amount_monthly", ruhu_demo_rnd (demo, 40, 200) * 100);
}

static void
add_interviews (RuhuDemo             *demo,
                const RuhuDemoEntity *sheet,
                const char           *investigator,
                int                   visited_days_ago)
{
  static const char * const statements[] = {
    "该户家庭确实困难，主要靠种地和子女少量接济生活，未见大额消费。",
    "平时见其生病吃药，家中无车辆，住房较旧，情况属实。",
    "邻居多年，家里劳动力少，收入不稳定，同意纳入救助。",
    NULL
  };

  for (int i = 0; i < 2; i++)
    {
      g_auto(RuhuDemoEntity) interview = { 0, };
      g_autofree char *surname = ruhu_demo_surname (demo->rand);
      g_autofree char *given = ruhu_demo_given_name (demo->rand, ruhu_demo_chance (demo, 50));
      g_autofree char *name = g_strconcat (surname, given, NULL);
      g_autofree char *phone = ruhu_demo_mobile (demo->rand);
      g_autofree char *at = ruhu_demo_datetime_days_ago (demo, visited_days_ago);

      ruhu_demo_entity_init (demo, &interview, "neighbour_interview", sheet);
      ruhu_demo_put_text (demo, &interview, "interviewee_name", name);
      ruhu_demo_put_text (demo, &interview, "relation", i == 0 ? "neighbour" : "group_leader");
      ruhu_demo_put_text (demo, &interview, "interviewee_phone", phone);
      ruhu_demo_put_text (demo, &interview, "statement", ruhu_demo_pick (demo->rand, statements));
      ruhu_demo_put_text (demo, &interview, "interviewed_at", at);
      ruhu_demo_put_text (demo, &interview, "investigator", investigator);
    }
}

void
ruhu_demo_add_check_sheet (RuhuDemo             *demo,
                           const RuhuDemoEntity *household,
                           const RuhuDemoPlace  *place,
                           GArray               *members,
                           int                   visited_days_ago)
{
  g_auto(RuhuDemoEntity) sheet = { 0, };
  g_autofree char *surname1 = ruhu_demo_surname (demo->rand);
  g_autofree char *given1 = ruhu_demo_given_name (demo->rand, ruhu_demo_chance (demo, 50));
  g_autofree char *surname2 = ruhu_demo_surname (demo->rand);
  g_autofree char *given2 = ruhu_demo_given_name (demo->rand, ruhu_demo_chance (demo, 50));
  g_autofree char *investigator1 = g_strconcat (surname1, given1, NULL);
  g_autofree char *investigator2 = g_strconcat (surname2, given2, NULL);
  g_autofree char *place_text = g_strconcat (place->district_name, place->township_name,
                                             place->village_name, NULL);
  GDate visited = ruhu_demo_days_ago (visited_days_ago);
  int conclusion = ruhu_demo_rnd (demo, 0, 9);

  ruhu_demo_entity_init (demo, &sheet, "check_sheet", household);
  ruhu_demo_put_date (demo, &sheet, "visited_on", &visited);
  ruhu_demo_put_text (demo, &sheet, "place", place_text);
  ruhu_demo_put_text (demo, &sheet, "investigator_1", investigator1);
  ruhu_demo_put_text (demo, &sheet, "investigator_2", investigator2);
  ruhu_demo_put_list (demo, &sheet, "methods",
            (const char * const[]) { "data_check", "home_visit", "neighbour_interview", NULL });
  ruhu_demo_put_text (demo, &sheet, "living_food", "一日三餐以自种蔬菜、米面为主，很少买肉。");
  ruhu_demo_put_text (demo, &sheet, "living_housing", "房屋陈旧，家具简单，无空调等大件电器。");
  ruhu_demo_put_text (demo, &sheet, "housing_type", place->urban ? "resettlement" : "self_built");
  ruhu_demo_put_text (demo, &sheet, "interior_finish", ruhu_demo_chance (demo, 70) ? "none" : "medium");
  ruhu_demo_put_text (demo, &sheet, "self_care", ruhu_demo_chance (demo, 70) ? "full" : "partial");
  ruhu_demo_put_text (demo, &sheet, "findings", "经入户查看和信息核对，家庭人均收入低于当地保障标准，"
                                      "无机动车辆和商业用房，财产状况符合规定。");
  ruhu_demo_put_text (demo, &sheet, "conclusion",
            conclusion < 7 ? "eligible" : conclusion < 9 ? "further_check" : "not_eligible");
  if (conclusion >= 7)
    ruhu_demo_put_text (demo, &sheet, "conclusion_reason", "赡养义务人收入情况需进一步核实。");

  add_incomes (demo, &sheet, members);
  add_assets_and_expenses (demo, &sheet, members, place_text);
  add_interviews (demo, &sheet, investigator1, visited_days_ago);
}
