/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-demo-private.h"
#include "ruhu-id.h"
#include "ruhu-id-number.h"
#include "ruhu-json.h"
#include "ruhu-paths.h"

/* Names, places, ID and phone numbers for demo households. The names are
 * common ones, listed by us; the places are real, from the divisions file. */

static const char * const surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
  "胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯",
  "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余", "杜", "叶",
  "程", "魏", "苏", "吕", "丁", "任", "姚", "卢", "钟", "谭", "廖", "范", "陆", "石",
  "冉", "向", "秦", "熊", "龙", "牟", "文", "雷", "黎", "贺", NULL
};

static const char * const male_given[] = {
  "伟", "强", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "建国", "建华",
  "国强", "志强", "志明", "德华", "德明", "永福", "永康", "家豪", "俊杰", "浩然", "子轩",
  "宇航", "明辉", "天佑", "光荣", "长江", "大兵", "小龙", "正清", "绍文", "朝贵", NULL
};

static const char * const female_given[] = {
  "芳", "娟", "敏", "静", "丽", "艳", "霞", "燕", "玲", "红", "秀英", "桂英", "秀兰",
  "玉兰", "淑珍", "春梅", "晓燕", "丽华", "凤英", "海燕", "婷婷", "雪梅", "佳怡", "欣怡",
  "梓涵", "诗琪", "雨桐", "素芬", "碧云", "明珍", "德芬", "小红", "昌秀", NULL
};

void
ruhu_demo_place_free (RuhuDemoPlace *place)
{
  g_free (place->district_code);
  g_free (place->district_name);
  g_free (place->township_code);
  g_free (place->township_name);
  g_free (place->village_code);
  g_free (place->village_name);
  g_free (place);
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
get_element (JsonArray *array,
             guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static void
add_villages (GPtrArray  *places,
              JsonObject *area,
              JsonObject *street)
{
  JsonArray *villages = get_array (street, "villages");

  for (guint i = 0; villages != NULL && i < json_array_get_length (villages); i++)
    {
      JsonObject *village = get_element (villages, i);
      const char *code = get_string (village, "code");
      const char *name = get_string (village, "name");
      const char *kind = get_string (village, "kind");
      RuhuDemoPlace *place;

      if (code == NULL || name == NULL || strlen (code) != 12)
        continue;
      place = g_new0 (RuhuDemoPlace, 1);
      place->district_code = g_strdup (get_string (area, "code"));
      place->district_name = g_strdup (get_string (area, "name"));
      place->township_code = g_strdup (get_string (street, "code"));
      place->township_name = g_strdup (get_string (street, "name"));
      place->village_code = g_strdup (code);
      place->village_name = g_strdup (name);
      place->urban = g_strcmp0 (kind, "居委会") == 0;
      g_ptr_array_add (places, place);
    }
}

/**
 * ruhu_demo_load_places:
 * @error: return location for a %RUHU_DEMO_ERROR_DATA error
 *
 * Reads every village of `divisions/chongqing.json` in the data directory,
 * in file order.
 *
 * Returns: (transfer full) (element-type RuhuDemoPlace): the places
 */
GPtrArray *
ruhu_demo_load_places (GError **error)
{
  g_autofree char *path = ruhu_data_path ("divisions", "chongqing.json", NULL);
  g_autoptr(GPtrArray) places = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_demo_place_free);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonArray *areas;

  if (!(root = ruhu_json_parse_file (path, NULL, &local_error)))
    {
      g_set_error (error, RUHU_DEMO_ERROR, RUHU_DEMO_ERROR_DATA,
                   _("Could not read the administrative divisions: %s"), local_error->message);
      return NULL;
    }
  areas = JSON_NODE_HOLDS_OBJECT (root) ? get_array (json_node_get_object (root), "areas") : NULL;
  for (guint a = 0; areas != NULL && a < json_array_get_length (areas); a++)
    {
      JsonObject *area = get_element (areas, a);
      JsonArray *streets = get_array (area, "streets");
      const char *code = get_string (area, "code");

      if (code == NULL || strlen (code) != 6 || get_string (area, "name") == NULL)
        continue;
      for (guint s = 0; streets != NULL && s < json_array_get_length (streets); s++)
        {
          JsonObject *street = get_element (streets, s);

          if (get_string (street, "code") != NULL && get_string (street, "name") != NULL)
            add_villages (places, area, street);
        }
    }
  if (places->len == 0)
    {
      g_set_error (error, RUHU_DEMO_ERROR, RUHU_DEMO_ERROR_DATA,
                   _("The administrative divisions file “%s” lists no villages"), path);
      return NULL;
    }
  return g_steal_pointer (&places);
}

const char *
ruhu_demo_pick (GRand              *rand,
                const char * const *list)
{
  guint n = g_strv_length ((char **) list);

  return list[g_rand_int_range (rand, 0, (gint32) n)];
}

char *
ruhu_demo_surname (GRand *rand)
{
  return g_strdup (ruhu_demo_pick (rand, surnames));
}

char *
ruhu_demo_given_name (GRand    *rand,
                      gboolean  male)
{
  return g_strdup (ruhu_demo_pick (rand, male ? male_given : female_given));
}

/* A GB 11643 number: the district's region code, the birth date, a
 * sequence whose parity is the sex (odd for men), and the MOD 11-2 check
 * character. */
char *
ruhu_demo_id_number (GRand       *rand,
                     const char  *region,
                     const GDate *birth,
                     gboolean     male)
{
  int sequence = g_rand_int_range (rand, 0, 500) * 2 + (male ? 1 : 0);
  char *first17 = g_strdup_printf ("%.6s%04d%02d%02d%03d", region,
                                   g_date_get_year (birth), g_date_get_month (birth),
                                   g_date_get_day (birth), sequence);
  char *number = g_strdup_printf ("%s%c", first17, ruhu_id_number_check_char (first17));

  g_free (first17);
  return number;
}

char *
ruhu_demo_digits (GRand *rand,
                  guint  n)
{
  GString *out = g_string_sized_new (n);

  for (guint i = 0; i < n; i++)
    g_string_append_c (out, (char) ('0' + g_rand_int_range (rand, 0, 10)));
  return g_string_free (out, FALSE);
}

char *
ruhu_demo_mobile (GRand *rand)
{
  static const char * const prefixes[] = { "133", "135", "136", "137", "138", "139", "150",
                                           "151", "152", "158", "159", "177", "180", "187",
                                           "189", "199", NULL };
  g_autofree char *rest = ruhu_demo_digits (rand, 8);

  return g_strconcat (ruhu_demo_pick (rand, prefixes), rest, NULL);
}

/* An id as ruhu_id_new() makes them, from the seeded generator and the
 * demo's clock, so that runs repeat. */
char *
ruhu_demo_uuid (GRand  *rand,
                gint64  unix_ms)
{
  guint8 b[16];

  for (guint i = 0; i < 16; i++)
    b[i] = (guint8) g_rand_int_range (rand, 0, 256);
  return ruhu_id_format (unix_ms, b);
}
