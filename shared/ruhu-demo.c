/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-date.h"
#include "ruhu-demo-private.h"

/* RuhuDemo cases: whole households written as operations of one device, so
 * that the client, the server and the benchmarks can show and sync
 * realistic data. Everything comes from one seeded generator and a fixed
 * clock, so a seed always gives the same store. */

/* "Now" for demo data: 2025-06-16 09:00 +08:00. Every date is before it. */
#define DEMO_NOW_MS   G_GINT64_CONSTANT (1750035600000)
#define DEMO_YEAR     2025
#define DEMO_MONTH    6
#define DEMO_DAY      16

G_DEFINE_QUARK (ruhu-demo-error-quark, ruhu_demo_error)

void
ruhu_demo_entity_clear (RuhuDemoEntity *entity)
{
  g_clear_pointer (&entity->id, g_free);
}


static gint64
demo_wall_clock (gpointer user_data)
{
  RuhuDemo *demo = user_data;

  return demo->wall_ms++;
}

int
ruhu_demo_rnd (RuhuDemo *demo,
               int       low,
               int       high)  /* inclusive */
{
  return g_rand_int_range (demo->rand, low, high + 1);
}

gboolean
ruhu_demo_chance (RuhuDemo *demo,
                  int       percent)
{
  return ruhu_demo_rnd (demo, 1, 100) <= percent;
}

void
ruhu_demo_entity_init (RuhuDemo             *demo,
                       RuhuDemoEntity       *entity,
                       const char           *kind,
                       const RuhuDemoEntity *parent)
{
  entity->id = ruhu_demo_uuid (demo->rand, demo->wall_ms);
  entity->kind = kind;
  entity->parent = parent != NULL ? parent->id : NULL;
}

/* Queues one operation setting @field; takes @value. */
void
ruhu_demo_put (RuhuDemo             *demo,
               const RuhuDemoEntity *entity,
               const char           *field,
               JsonNode             *value)
{
  g_autoptr(JsonNode) owned = value;
  g_autofree char *id = ruhu_demo_uuid (demo->rand, demo->wall_ms);
  g_autofree char *version = NULL;
  g_autoptr(GError) error = NULL;
  RuhuHlc hlc;
  RuhuOp *op;

  ruhu_hlc_clock_now (demo->clock, &hlc);
  version = ruhu_version_format (&hlc, RUHU_DEMO_DEVICE);
  op = ruhu_op_new (id, entity->id, entity->kind, demo->case_id, entity->parent, field,
                    owned, version, NULL, demo->actor, &error);
  /* Our own operations: a failure is a bug here, not bad input. */
  if (op == NULL)
    g_error ("demo operation %s.%s: %s", entity->kind, field, error->message);
  g_ptr_array_add (demo->ops, op);
}

void
ruhu_demo_put_text (RuhuDemo *demo, const RuhuDemoEntity *e, const char *field, const char *text)
{
  ruhu_demo_put (demo, e, field, json_node_init_string (json_node_alloc (), text));
}

void
ruhu_demo_put_int (RuhuDemo *demo, const RuhuDemoEntity *e, const char *field, gint64 value)
{
  ruhu_demo_put (demo, e, field, json_node_init_int (json_node_alloc (), value));
}

void
ruhu_demo_put_bool (RuhuDemo *demo, const RuhuDemoEntity *e, const char *field, gboolean value)
{
  ruhu_demo_put (demo, e, field, json_node_init_boolean (json_node_alloc (), value));
}

void
ruhu_demo_put_list (RuhuDemo *demo, const RuhuDemoEntity *e, const char *field, const char * const *values)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);
  ruhu_demo_put (demo, e, field, json_node_init_array (json_node_alloc (), array));
  json_array_unref (array);
}

void
ruhu_demo_put_date (RuhuDemo *demo, const RuhuDemoEntity *e, const char *field, const GDate *date)
{
  g_autofree char *text = ruhu_date_format (date);

  ruhu_demo_put_text (demo, e, field, text);
}

/* A date @days_ago before demo "now". */
GDate
ruhu_demo_days_ago (int days)
{
  GDate date = ruhu_date_make (DEMO_YEAR, DEMO_MONTH, DEMO_DAY);

  g_date_subtract_days (&date, (guint) days);
  return date;
}

char *
ruhu_demo_datetime_days_ago (RuhuDemo *demo,
                             int       days)
{
  GDate date = ruhu_demo_days_ago (days);

  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:00+08:00", g_date_get_year (&date),
                          g_date_get_month (&date), g_date_get_day (&date),
                          ruhu_demo_rnd (demo, 9, 17), ruhu_demo_rnd (demo, 0, 59));
}

static void
member_clear (gpointer data)
{
  RuhuDemoMember *member = data;

  g_free (member->entity.id);
  g_free (member->name);
}

static guint
add_member (RuhuDemo             *demo,
            const RuhuDemoEntity *household,
            const RuhuDemoPlace  *place,
            const char           *surname,
            const char           *relation,
            gboolean              male,
            int                   age,
            gboolean              obligor,
            GArray               *members)
{
  static const char * const educations[] = { "none", "primary", "junior_secondary",
                                             "senior_secondary", "junior_college", NULL };
  static const char * const illnesses[] = { "高血压", "糖尿病", "慢性支气管炎", "类风湿关节炎",
                                            "脑梗后遗症", "尿毒症", "肺癌术后", NULL };
  static const char * const disabilities[] = { "visual", "hearing", "physical", "intellectual",
                                               "mental", NULL };
  RuhuDemoMember member = { { 0, }, NULL, male, obligor };
  g_autofree char *given = ruhu_demo_given_name (demo->rand, male);
  g_autofree char *id_number = NULL;
  GDate birth = ruhu_demo_days_ago (age * 365 + ruhu_demo_rnd (demo, 0, 364));
  const char *health = "healthy";
  const char *employment;

  ruhu_demo_entity_init (demo, &member.entity, "member", household);
  member.name = g_strconcat (surname, given, NULL);
  id_number = ruhu_demo_id_number (demo->rand, place->district_code, &birth, male);

  ruhu_demo_put_text (demo, &member.entity, "role", obligor ? "obligor" : "covered");
  ruhu_demo_put_text (demo, &member.entity, "name", member.name);
  ruhu_demo_put_text (demo, &member.entity, "id_number", id_number);
  ruhu_demo_put_text (demo, &member.entity, "relation", relation);
  ruhu_demo_put_text (demo, &member.entity, "sex", male ? "male" : "female");
  ruhu_demo_put_date (demo, &member.entity, "birth_date", &birth);
  ruhu_demo_put_text (demo, &member.entity, "hukou_type", place->urban ? "urban" : "rural");
  if (age >= 7)
    ruhu_demo_put_text (demo, &member.entity, "education",
              age < 16 ? "primary" : ruhu_demo_pick (demo->rand, educations));
  if (age >= 20)
    ruhu_demo_put_text (demo, &member.entity, "marital_status",
              age > 70 && ruhu_demo_chance (demo, 40) ? "widowed" : ruhu_demo_chance (demo, 85) ? "married" : "divorced");
  if (age >= 45 && ruhu_demo_chance (demo, 50))
    health = ruhu_demo_chance (demo, 60) ? "chronic_illness" : "serious_illness";
  ruhu_demo_put_text (demo, &member.entity, "health", health);
  if (!g_str_equal (health, "healthy"))
    ruhu_demo_put_text (demo, &member.entity, "illness", ruhu_demo_pick (demo->rand, illnesses));
  if (!obligor && ruhu_demo_chance (demo, 15))
    {
      ruhu_demo_put_text (demo, &member.entity, "disability_kind", ruhu_demo_pick (demo->rand, disabilities));
      ruhu_demo_put_text (demo, &member.entity, "disability_grade",
                (const char *[]) { "grade_1", "grade_2", "grade_3", "grade_4" }[ruhu_demo_rnd (demo, 0, 3)]);
    }

  if (age < 6)
    employment = "preschool";
  else if (age < 19)
    employment = "student";
  else if (age >= 60)
    employment = place->urban && ruhu_demo_chance (demo, 50) ? "retired" : "farming";
  else
    employment = (const char *[]) { "employed", "flexible", "farming",
                                    "registered_unemployed" }[ruhu_demo_rnd (demo, 0, 3)];
  ruhu_demo_put_text (demo, &member.entity, "employment", employment);
  if (age >= 16)
    ruhu_demo_put_text (demo, &member.entity, "work_ability",
              age >= 65 || !g_str_equal (health, "healthy") ? "partial" : "full");
  if (g_str_equal (employment, "employed") || g_str_equal (employment, "retired"))
    ruhu_demo_put_text (demo, &member.entity, "employer",
              ruhu_demo_pick (demo->rand, (const char * const[]) { "重庆某建筑劳务公司", "镇卫生院",
                                                                   "县供销社", "区物业服务公司",
                                                                   "某机械厂", NULL }));
  if (age >= 18 && ruhu_demo_chance (demo, 70))
    {
      g_autofree char *phone = ruhu_demo_mobile (demo->rand);

      ruhu_demo_put_text (demo, &member.entity, "phone", phone);
    }
  if (obligor)
    {
      ruhu_demo_put_int (demo, &member.entity, "obligor_household_size", ruhu_demo_rnd (demo, 2, 5));
      ruhu_demo_put_int (demo, &member.entity, "obligor_household_income", ruhu_demo_rnd (demo, 20, 90) * 10000);
      ruhu_demo_put_text (demo, &member.entity, "obligor_household_employment", "在外务工");
      ruhu_demo_put_int (demo, &member.entity, "obligor_support_paid", ruhu_demo_rnd (demo, 0, 5) * 10000);
    }
  g_array_append_val (members, member);
  return members->len - 1;
}



/* The applicant, the people living with them, and children living
 * elsewhere who are checked as obligors. Returns the applicant's index. */
static void
add_family (RuhuDemo             *demo,
            const RuhuDemoEntity *household,
            const RuhuDemoPlace  *place,
            GArray               *members)
{
  g_autofree char *surname = ruhu_demo_surname (demo->rand);
  g_autofree char *spouse_surname = ruhu_demo_surname (demo->rand);
  gboolean male = ruhu_demo_chance (demo, 60);
  int age = ruhu_demo_rnd (demo, 32, 86);
  gboolean spouse = age < 75 ? ruhu_demo_chance (demo, 65) : ruhu_demo_chance (demo, 30);
  int n_children = age < 60 ? ruhu_demo_rnd (demo, 0, 2) : 0;
  int n_obligors = age >= 55 ? ruhu_demo_rnd (demo, 1, 2) : 0;

  add_member (demo, household, place, surname, "applicant", male, age, FALSE, members);
  if (spouse)
    add_member (demo, household, place, spouse_surname, "spouse", !male,
                CLAMP (age + ruhu_demo_rnd (demo, -5, 5), 20, 95), FALSE, members);
  for (int i = 0; i < n_children; i++)
    {
      gboolean son = ruhu_demo_chance (demo, 50);

      add_member (demo, household, place, male ? surname : spouse_surname,
                  son ? "son" : "daughter", son, MAX (age - ruhu_demo_rnd (demo, 22, 32), 1), FALSE, members);
    }
  if (age < 50 && ruhu_demo_chance (demo, 30))
    add_member (demo, household, place, male ? surname : spouse_surname,
                ruhu_demo_chance (demo, 50) ? "father" : "mother", FALSE, age + ruhu_demo_rnd (demo, 22, 30), FALSE,
                members);
  for (int i = 0; i < n_obligors; i++)
    {
      gboolean son = ruhu_demo_chance (demo, 50);

      add_member (demo, household, place, male ? surname : spouse_surname,
                  son ? "son" : "daughter", son, age - ruhu_demo_rnd (demo, 22, 32), TRUE, members);
    }
}

static const char *
pick_category (RuhuDemo            *demo,
               const RuhuDemoPlace *place,
               GArray              *members)
{
  if (members->len == 1 && ruhu_demo_chance (demo, 40))
    return "tekun";
  if (ruhu_demo_chance (demo, 10))
    return ruhu_demo_chance (demo, 50) ? "temporary_assistance" : "near_dibao";
  return place->urban ? "urban_dibao" : "rural_dibao";
}

static void
add_household (RuhuDemo             *demo,
               const RuhuDemoEntity *household,
               const RuhuDemoPlace  *place,
               const char           *category,
               GArray               *members)
{
  RuhuDemoMember *head = RUHU_DEMO_MEMBER (members, 0);
  g_autofree char *address = g_strdup_printf (place->urban ? "%s%s%d栋%d号" : "%s%s%d组%d号",
                                              place->township_name, place->village_name,
                                              ruhu_demo_rnd (demo, 1, 12), ruhu_demo_rnd (demo, 1, 80));
  g_autofree char *phone = ruhu_demo_mobile (demo->rand);
  g_autofree char *account = ruhu_demo_digits (demo->rand, 19);

  ruhu_demo_put_text (demo, household, "head_name", head->name);
  ruhu_demo_put_text (demo, household, "head_member", head->entity.id);
  ruhu_demo_put_text (demo, household, "district_code", place->district_code);
  ruhu_demo_put_text (demo, household, "district_name", place->district_name);
  ruhu_demo_put_text (demo, household, "township_code", place->township_code);
  ruhu_demo_put_text (demo, household, "township_name", place->township_name);
  ruhu_demo_put_text (demo, household, "village_code", place->village_code);
  ruhu_demo_put_text (demo, household, "village_name", place->village_name);
  ruhu_demo_put_text (demo, household, "address", address);
  ruhu_demo_put_text (demo, household, "hukou_type", place->urban ? "urban" : "rural");
  ruhu_demo_put_text (demo, household, "phone", phone);
  ruhu_demo_put_text (demo, household, "category", category);
  ruhu_demo_put_text (demo, household, "bank_name",
            ruhu_demo_pick (demo->rand, (const char * const[]) { "重庆农村商业银行", "中国邮政储蓄银行",
                                                                 "中国农业银行", NULL }));
  account[0] = '6';
  ruhu_demo_put_text (demo, household, "bank_account", account);
  ruhu_demo_put_text (demo, household, "bank_account_holder", head->name);
}

static void
add_application (RuhuDemo             *demo,
                 const RuhuDemoEntity *household,
                 const char           *category,
                 GArray               *members,
                 int                   applied_days_ago)
{
  static const char * const causes[] = { "serious_illness", "disability", "elderly_alone",
                                         "loss_of_work", "single_parent", "disaster", NULL };
  g_auto(RuhuDemoEntity) application = { 0, };
  GDate applied = ruhu_demo_days_ago (applied_days_ago);
  const char *cause = ruhu_demo_pick (demo->rand, causes);
  gboolean obligors = RUHU_DEMO_MEMBER (members, members->len - 1)->obligor;

  ruhu_demo_entity_init (demo, &application, "application", household);
  ruhu_demo_put_text (demo, &application, "category", category);
  ruhu_demo_put_date (demo, &application, "applied_on", &applied);
  ruhu_demo_put_text (demo, &application, "channel", ruhu_demo_chance (demo, 70) ? "window" : "village");
  ruhu_demo_put_text (demo, &application, "applicant", RUHU_DEMO_MEMBER (members, 0)->entity.id);
  ruhu_demo_put_bool (demo, &application, "on_behalf", FALSE);
  ruhu_demo_put_list (demo, &application, "hardship_causes", (const char * const[]) { cause, NULL });
  ruhu_demo_put_text (demo, &application, "hardship_description",
            "家庭收入低，主要劳动力因病或年老难以务工，日常生活和医疗开支困难，申请纳入救助。");
  ruhu_demo_put_list (demo, &application, "linked_aid", (const char * const[]) { "medical", NULL });
  ruhu_demo_put_bool (demo, &application, "relatives_declared", obligors);
  if (obligors)
    ruhu_demo_put_text (demo, &application, "relatives_details", "子女在外务工，收入有限，每月给予少量赡养费。");

  {
    g_auto(RuhuDemoEntity) authorisation = { 0, };

    ruhu_demo_entity_init (demo, &authorisation, "authorisation", household);
    ruhu_demo_put_text (demo, &authorisation, "member", RUHU_DEMO_MEMBER (members, 0)->entity.id);
    ruhu_demo_put_list (demo, &authorisation, "scope",
              (const char * const[]) { "hukou", "vehicles", "real_estate", "deposits",
                                       "social_insurance", NULL });
    ruhu_demo_put_bool (demo, &authorisation, "truth_declared", TRUE);
    ruhu_demo_put_bool (demo, &authorisation, "signed", TRUE);
    ruhu_demo_put_date (demo, &authorisation, "signed_on", &applied);
    ruhu_demo_put_bool (demo, &authorisation, "fingerprinted", ruhu_demo_chance (demo, 30));
  }
}

static gboolean
generate_case (RuhuDemo  *demo,
               GError   **error)
{
  const RuhuDemoPlace *place = g_ptr_array_index (demo->places,
                                                  ruhu_demo_rnd (demo, 0, (int) demo->places->len - 1));
  g_autoptr(GArray) members = g_array_new (FALSE, TRUE, sizeof (RuhuDemoMember));
  g_autoptr(GArray) results = NULL;
  g_auto(RuhuDemoEntity) household = { 0, };
  int applied = ruhu_demo_rnd (demo, 20, 400);
  const char *category;

  g_array_set_clear_func (members, member_clear);
  ruhu_demo_entity_init (demo, &household, "household", NULL);
  g_free (demo->case_id);
  demo->case_id = g_strdup (household.id);
  g_ptr_array_set_size (demo->ops, 0);

  add_family (demo, &household, place, members);
  category = pick_category (demo, place, members);
  add_household (demo, &household, place, category, members);
  add_application (demo, &household, category, members, applied);
  ruhu_demo_add_check_sheet (demo, &household, place, members, applied - ruhu_demo_rnd (demo, 3, 15));

  if (!ruhu_store_apply (demo->store, demo->ops, &results, error))
    return FALSE;
  for (guint i = 0; i < results->len; i++)
    {
      RuhuApplyResult *result = &g_array_index (results, RuhuApplyResult, i);

      if (result->status != RUHU_APPLY_APPLIED)
        {
          g_set_error (error, RUHU_DEMO_ERROR, RUHU_DEMO_ERROR_REFUSED,
                       _("The store refused a demo operation: %s"),
                       result->message != NULL ? result->message : "");
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * ruhu_demo_generate:
 * @store: the store to write to
 * @n_cases: how many households
 * @seed: the same seed gives the same cases, ids and versions
 * @actor: the user id recorded in the operations
 * @case_ids: (out) (optional) (transfer full) (element-type utf8): the new
 *   cases' ids, in the order generated
 * @error: return location for a #RuhuDemoError or a store error
 *
 * Writes @n_cases realistic demo cases, each applied as one batch of
 * operations of the device %RUHU_DEMO_DEVICE: households in real villages
 * of 北碚区, 黔江区, 潼南区 and 云阳县 (read from `divisions/chongqing.json`
 * in the data directory), members and obligors with valid resident ID
 * numbers, an application and an authorisation, and a check sheet with
 * incomes, assets and expenses in fen and neighbour interviews. Every
 * entity passes its form definition. Dates lie before 2025-06-16.
 *
 * Returns: %TRUE on success; on failure, earlier cases stay in the store
 */
gboolean
ruhu_demo_generate (RuhuStore   *store,
                    guint        n_cases,
                    guint32      seed,
                    const char  *actor,
                    GPtrArray  **case_ids,
                    GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(RuhuHlcClock) clock = ruhu_hlc_clock_new ();
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_op_unref);
  GRand *rand = g_rand_new_with_seed (seed);
  RuhuDemo demo = { store, rand, clock, DEMO_NOW_MS - G_GINT64_CONSTANT (86400000) * 400, actor,
                NULL, ops, NULL };
  gboolean ok = TRUE;

  g_return_val_if_fail (RUHU_IS_STORE (store), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  if (!(places = ruhu_demo_load_places (error)))
    {
      g_rand_free (rand);
      return FALSE;
    }
  demo.places = places;
  ruhu_hlc_clock_set_wall_func (clock, demo_wall_clock, &demo);
  for (guint i = 0; ok && i < n_cases; i++)
    {
      ok = generate_case (&demo, error);
      if (ok)
        g_ptr_array_add (ids, g_strdup (demo.case_id));
    }
  g_free (demo.case_id);
  g_rand_free (rand);
  if (ok && case_ids != NULL)
    *case_ids = g_steal_pointer (&ids);
  return ok;
}
