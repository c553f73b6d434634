/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ruhu-admin.h"
#include "ruhu-demo.h"
#include "ruhu-server-setup.h"

/* "ruhu-admin demo": a new data directory filled with demo cases and one
 * account per role, placed in 北碚区 where most of its demo cases are, so
 * that each account has something to see. */

#define DEMO_PASSWORD    "ruhu-demo-2025"
#define DEMO_DISTRICT    "500109"
#define DEMO_ACTOR       "zhang.wei"
#define DEFAULT_CASES    200
#define MAX_CASES        100000
#define DEFAULT_SEED     1
#define VOLUNTEER_CASES  5
#define DEMO_VOLUNTEER   "liu.yang"

typedef enum
{
  LEVEL_NONE,
  LEVEL_DISTRICT,
  LEVEL_TOWNSHIP,
  LEVEL_VILLAGE,
} Level;

static const struct
{
  const char *id;
  const char *name;
  RuhuRole    role;
  Level       level;
} demo_users[] = {
  { "zhang.wei", "张伟", RUHU_ROLE_INVESTIGATOR, LEVEL_TOWNSHIP },
  { "li.na", "李娜", RUHU_ROLE_INVESTIGATOR, LEVEL_TOWNSHIP },
  { "wang.fang", "王芳", RUHU_ROLE_VILLAGE_ASSISTANT, LEVEL_VILLAGE },
  { "liu.yang", "刘洋", RUHU_ROLE_VOLUNTEER, LEVEL_VILLAGE },
  { "chen.jing", "陈静", RUHU_ROLE_SUPERVISOR, LEVEL_TOWNSHIP },
  { "zhao.lei", "赵磊", RUHU_ROLE_DISTRICT_OFFICER, LEVEL_DISTRICT },
  { "admin", "管理员", RUHU_ROLE_ADMINISTRATOR, LEVEL_NONE },
};

/* Where one generated case is, as its household says. */
typedef struct
{
  char *id;
  char *codes[LEVEL_VILLAGE + 1];  /* by Level; [LEVEL_NONE] unused */
  char *township_name;
  char *village_name;
} DemoCase;

/* The township and village the local accounts get. */
typedef struct
{
  const char *township;
  const char *village;
  const char *township_name;
  const char *village_name;
} DemoPlaces;

static void
demo_case_free (DemoCase *kase)
{
  g_free (kase->id);
  for (guint i = 0; i < G_N_ELEMENTS (kase->codes); i++)
    g_free (kase->codes[i]);
  g_free (kase->township_name);
  g_free (kase->village_name);
  g_free (kase);
}

static char *
household_text (RuhuStore  *store,
                const char *household,
                const char *field)
{
  g_autoptr(JsonNode) value = ruhu_store_get_value (store, household, field, NULL);

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
      json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (value));
}

/* Demo cases are households: a case's id is its household's. */
static DemoCase *
read_case (RuhuStore  *store,
           const char *case_id)
{
  DemoCase *kase = g_new0 (DemoCase, 1);

  kase->id = g_strdup (case_id);
  kase->codes[LEVEL_DISTRICT] = household_text (store, case_id, "district_code");
  kase->codes[LEVEL_TOWNSHIP] = household_text (store, case_id, "township_code");
  kase->codes[LEVEL_VILLAGE] = household_text (store, case_id, "village_code");
  kase->township_name = household_text (store, case_id, "township_name");
  kase->village_name = household_text (store, case_id, "village_name");
  return kase;
}

/* The most precise code, as the server's rules take it. */
static const char *
case_place (const DemoCase *kase)
{
  for (int level = LEVEL_VILLAGE; level > LEVEL_NONE; level--)
    if (kase->codes[level] != NULL && ruhu_place_code_is_valid (kase->codes[level]))
      return kase->codes[level];
  return "";
}

/* The code at @level under @within with the most cases; ties go to the
 * smaller code, so a seed always gives the same accounts. */
static const DemoCase *
busiest (GPtrArray  *cases,
         Level       level,
         const char *within)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  const DemoCase *best = NULL;
  guint best_count = 0;

  for (guint i = 0; i < cases->len; i++)
    {
      const DemoCase *kase = g_ptr_array_index (cases, i);
      const char *code = kase->codes[level];
      guint count;

      if (code == NULL || !g_str_has_prefix (code, within))
        continue;
      count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, code)) + 1;
      g_hash_table_insert (counts, (gpointer) code, GUINT_TO_POINTER (count));
      if (count > best_count ||
          (count == best_count && g_strcmp0 (code, best->codes[level]) < 0))
        {
          best = kase;
          best_count = count;
        }
    }
  return best;
}

/* With no case in 北碚区 (say --cases 0), a real township and village of it. */
static void
choose_places (GPtrArray  *cases,
               DemoPlaces *places)
{
  const DemoCase *township = busiest (cases, LEVEL_TOWNSHIP, DEMO_DISTRICT);
  const DemoCase *village = NULL;

  *places = (DemoPlaces) { "500109116", "500109116201", "金刀峡镇", "小塘村村民委员会" };
  if (township == NULL)
    return;
  village = busiest (cases, LEVEL_VILLAGE, township->codes[LEVEL_TOWNSHIP]);
  if (village == NULL)
    return;
  places->township = township->codes[LEVEL_TOWNSHIP];
  places->township_name = township->township_name ? township->township_name : "";
  places->village = village->codes[LEVEL_VILLAGE];
  places->village_name = village->village_name ? village->village_name : "";
}

static const char *
user_place (Level             level,
            const DemoPlaces *places)
{
  switch (level)
    {
    case LEVEL_DISTRICT:
      return DEMO_DISTRICT;
    case LEVEL_TOWNSHIP:
      return places->township;
    case LEVEL_VILLAGE:
      return places->village;
    case LEVEL_NONE:
    default:
      return "";
    }
}

/* A fresh data directory only: demo accounts and cases must never mix
 * with real ones. */
static gboolean
check_empty (RuhuAdmin      *admin,
             RuhuDirectory  *directory,
             RuhuStore      *store,
             GError        **error)
{
  g_autoptr(GPtrArray) users = ruhu_directory_list_users (directory, error);
  g_autoptr(GPtrArray) ops = NULL;
  gint64 last = 0;

  if (users == NULL)
    return FALSE;
  if (users->len > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s already has users, so no demo data was added: the demo only fills "
                     "a new, empty data directory. Create one with “ruhu-admin --data NEW-DIR "
                     "--key-file NEW-KEY init”."), admin->data_dir);
      return FALSE;
    }
  if ((ops = ruhu_store_feed_since (store, 0, 1, &last, error)) == NULL)
    return FALSE;
  if (ops->len > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s already has cases, so no demo data was added: the demo only fills "
                     "a new, empty data directory. Create one with “ruhu-admin --data NEW-DIR "
                     "--key-file NEW-KEY init”."), admin->data_dir);
      return FALSE;
    }
  return TRUE;
}

/* Records each case's place, as a push would, and returns the cases. */
static GPtrArray *
record_places (RuhuDirectory  *directory,
               RuhuStore      *store,
               GPtrArray      *case_ids,
               GError        **error)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) demo_case_free);

  for (guint i = 0; i < case_ids->len; i++)
    {
      DemoCase *kase = read_case (store, g_ptr_array_index (case_ids, i));

      g_ptr_array_add (cases, kase);
      if (!ruhu_directory_set_case_place (directory, kase->id, case_place (kase), DEMO_ACTOR,
                                          error))
        return NULL;
    }
  return g_steal_pointer (&cases);
}

static int
add_users (RuhuAdmin        *admin,
           RuhuDirectory    *directory,
           const DemoPlaces *places)
{
  GError *error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (demo_users); i++)
    {
      const char *place = user_place (demo_users[i].level, places);
      const char *role = ruhu_role_to_string (demo_users[i].role);
      g_autofree char *detail = g_strdup_printf ("role=%s place=%s", role, place);
      int status;

      if (!ruhu_directory_add_user (directory, demo_users[i].id, demo_users[i].name,
                                    demo_users[i].role, place, DEMO_PASSWORD, &error))
        return ruhu_admin_fail (error);
      if ((status = ruhu_admin_log (admin, "user.add", demo_users[i].id, detail)) != 0)
        return status;
    }
  return 0;
}

/* Volunteers see only the households assigned to them: those of their
 * village first, then of their township, then any. */
static int
assign_volunteer (RuhuAdmin        *admin,
                  RuhuDirectory    *directory,
                  GPtrArray        *cases,
                  const DemoPlaces *places)
{
  GError *error = NULL;
  guint assigned = 0;

  for (int level = LEVEL_VILLAGE; level >= LEVEL_NONE; level--)
    for (guint i = 0; i < cases->len && assigned < VOLUNTEER_CASES; i++)
      {
        const DemoCase *kase = g_ptr_array_index (cases, i);
        const char *code = level == LEVEL_NONE ? NULL : kase->codes[level];
        gboolean already = FALSE;
        int status;

        if (level != LEVEL_NONE && g_strcmp0 (code, user_place (level, places)) != 0)
          continue;
        if (!ruhu_directory_is_assigned (directory, kase->id, DEMO_VOLUNTEER, &already, &error))
          return ruhu_admin_fail (error);
        if (already)
          continue;
        if (!ruhu_directory_assign (directory, kase->id, DEMO_VOLUNTEER, &error))
          return ruhu_admin_fail (error);
        if ((status = ruhu_admin_log (admin, "assign", kase->id, DEMO_VOLUNTEER)) != 0)
          return status;
        assigned++;
      }
  return 0;
}

static void
print_accounts (guint             n_cases,
                int               seed,
                const DemoPlaces *places)
{
  g_print (_("%u demo cases were generated (seed %d). The local accounts work in %s (%s) "
             "and %s (%s).\n"), n_cases, seed, places->township_name, places->township,
           places->village_name, places->village);
  g_print (_("Demo accounts, all with the password “%s”:\n"), DEMO_PASSWORD);
  for (guint i = 0; i < G_N_ELEMENTS (demo_users); i++)
    {
      const char *place = user_place (demo_users[i].level, places);

      g_print ("  %-10s %-18s %-13s %s\n", demo_users[i].id,
               ruhu_role_to_string (demo_users[i].role), *place != '\0' ? place : "-",
               demo_users[i].name);
    }
}

int
ruhu_admin_demo (RuhuAdmin *admin,
                 GStrv      args)
{
  int n_cases = DEFAULT_CASES, seed = DEFAULT_SEED;
  GOptionEntry entries[] = {
    { "cases", 0, 0, G_OPTION_ARG_INT, &n_cases, N_("How many demo cases (default 200)"),
      N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("The same seed gives the same cases"),
      N_("S") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(RuhuDirectory) directory = NULL;
  g_autoptr(RuhuStore) store = NULL;
  g_autoptr(GPtrArray) case_ids = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autofree char *detail = NULL;
  GError *error = NULL;
  DemoPlaces places;
  int status;

  if (!ruhu_admin_parse (&args, "[--cases N] [--seed S]", entries, 0) ||
      !ruhu_admin_need_key (admin))
    return RUHU_ADMIN_EXIT_USAGE;
  if (n_cases < 0 || n_cases > MAX_CASES || seed < 0)
    return ruhu_admin_usage (_("--cases takes 0 to %d, and --seed a number from 0."),
                             MAX_CASES);
  if ((directory = ruhu_admin_open_directory (admin, &error)) == NULL ||
      (store = ruhu_server_open_case_store (admin->data_dir, admin->key_file, &error)) == NULL ||
      !check_empty (admin, directory, store, &error) ||
      !ruhu_demo_generate (store, (guint) n_cases, (guint32) seed, DEMO_ACTOR, &case_ids,
                           &error) ||
      (cases = record_places (directory, store, case_ids, &error)) == NULL)
    return ruhu_admin_fail (error);

  choose_places (cases, &places);
  if ((status = add_users (admin, directory, &places)) != 0 ||
      (status = assign_volunteer (admin, directory, cases, &places)) != 0)
    return status;
  detail = g_strdup_printf ("cases=%d seed=%d", n_cases, seed);
  if ((status = ruhu_admin_log (admin, "demo", admin->data_dir, detail)) != 0)
    return status;
  print_accounts (cases->len, seed, &places);
  return 0;
}
