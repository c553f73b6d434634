/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-demo.h"

G_BEGIN_DECLS

/* A village of the divisions file, with the township and district above it. */
typedef struct
{
  char     *district_code;
  char     *district_name;
  char     *township_code;
  char     *township_name;
  char     *village_code;
  char     *village_name;
  gboolean  urban;  /* a 居委会 (residents' committee) rather than a 村委会 */
} RuhuDemoPlace;

GPtrArray  *ruhu_demo_load_places      (GError       **error);
void        ruhu_demo_place_free       (RuhuDemoPlace *place);

const char *ruhu_demo_pick             (GRand         *rand,
                                        const char * const *list);
char       *ruhu_demo_surname          (GRand         *rand);
char       *ruhu_demo_given_name       (GRand         *rand,
                                        gboolean       male);
char       *ruhu_demo_id_number        (GRand         *rand,
                                        const char    *region,
                                        const GDate   *birth,
                                        gboolean       male);
char       *ruhu_demo_mobile           (GRand         *rand);
char       *ruhu_demo_digits           (GRand         *rand,
                                        guint          n);
char       *ruhu_demo_uuid             (GRand         *rand,
                                        gint64         unix_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuDemoPlace, ruhu_demo_place_free)

/* The state of one generation run, shared by ruhu-demo.c and ruhu-demo-sheet.c. */
typedef struct
{
  RuhuStore     *store;
  GRand         *rand;
  RuhuHlcClock  *clock;
  gint64         wall_ms;
  const char    *actor;
  GPtrArray     *places;
  GPtrArray     *ops;      /* RuhuOp*: the current case's */
  char          *case_id;
} RuhuDemo;

typedef struct
{
  char       *id;
  const char *kind;
  const char *parent;
} RuhuDemoEntity;

typedef struct
{
  RuhuDemoEntity  entity;
  char           *name;
  gboolean        male;
  gboolean        obligor;
} RuhuDemoMember;

#define RUHU_DEMO_MEMBER(members, i) (&g_array_index ((members), RuhuDemoMember, (i)))

int      ruhu_demo_rnd               (RuhuDemo              *demo,
                                      int                    low,
                                      int                    high);
gboolean ruhu_demo_chance            (RuhuDemo              *demo,
                                      int                    percent);
void     ruhu_demo_entity_init       (RuhuDemo              *demo,
                                      RuhuDemoEntity        *entity,
                                      const char            *kind,
                                      const RuhuDemoEntity  *parent);
void     ruhu_demo_entity_clear      (RuhuDemoEntity        *entity);
void     ruhu_demo_put               (RuhuDemo              *demo,
                                      const RuhuDemoEntity  *entity,
                                      const char            *field,
                                      JsonNode              *value);
void     ruhu_demo_put_text          (RuhuDemo              *demo,
                                      const RuhuDemoEntity  *entity,
                                      const char            *field,
                                      const char            *text);
void     ruhu_demo_put_int           (RuhuDemo              *demo,
                                      const RuhuDemoEntity  *entity,
                                      const char            *field,
                                      gint64                 value);
void     ruhu_demo_put_bool          (RuhuDemo              *demo,
                                      const RuhuDemoEntity  *entity,
                                      const char            *field,
                                      gboolean               value);
void     ruhu_demo_put_list          (RuhuDemo              *demo,
                                      const RuhuDemoEntity  *entity,
                                      const char            *field,
                                      const char * const    *values);
void     ruhu_demo_put_date          (RuhuDemo              *demo,
                                      const RuhuDemoEntity  *entity,
                                      const char            *field,
                                      const GDate           *date);
GDate    ruhu_demo_days_ago          (int                    days);
char    *ruhu_demo_datetime_days_ago (RuhuDemo              *demo,
                                      int                    days);
void     ruhu_demo_add_check_sheet   (RuhuDemo              *demo,
                                      const RuhuDemoEntity  *household,
                                      const RuhuDemoPlace   *place,
                                      GArray                *members,
                                      int                    visited_days_ago);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RuhuDemoEntity, ruhu_demo_entity_clear)

G_END_DECLS
