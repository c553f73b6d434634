/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-form.h"
#include "ruhu-store.h"

G_BEGIN_DECLS

/* One live entity of a case with its displayed values. */
typedef struct
{
  char       *id;
  char       *kind;
  char       *parent;  /* NULL for the case's root */
  GHashTable *values;  /* field name → JsonNode; store-owned "_" fields left out */
} RuhuCaseEntity;

/* Everything a case page shows, read in one go (off the main thread): the
 * case's entities that are not deleted, and which fields are in conflict. */
typedef struct
{
  char       *case_id;
  GPtrArray  *entities;   /* RuhuCaseEntity*, ordered by id */
  GHashTable *conflicts;  /* set of "ENTITY/FIELD" */
} RuhuCaseSnapshot;

/* A relevant required field left empty, for the list of what is missing. */
typedef struct
{
  char *entity;
  char *kind;
  char *field;
  char *message;  /* translated: "Income item: Monthly amount: …" */
} RuhuMissingField;

RuhuCaseSnapshot *ruhu_case_snapshot_load          (RuhuStore         *store,
                                                    const char        *case_id,
                                                    GError           **error);
void              ruhu_case_snapshot_free          (RuhuCaseSnapshot  *snapshot);
RuhuCaseEntity   *ruhu_case_snapshot_lookup        (RuhuCaseSnapshot  *snapshot,
                                                    const char        *entity);
RuhuCaseEntity   *ruhu_case_snapshot_first         (RuhuCaseSnapshot  *snapshot,
                                                    const char        *kind);
GPtrArray        *ruhu_case_snapshot_children      (RuhuCaseSnapshot  *snapshot,
                                                    const char        *parent,
                                                    const char        *kind);
gboolean          ruhu_case_snapshot_has_conflict  (RuhuCaseSnapshot  *snapshot,
                                                    const char        *entity,
                                                    const char        *field);
GPtrArray        *ruhu_case_snapshot_sheet_missing (RuhuCaseSnapshot  *snapshot,
                                                    RuhuFormSet       *forms,
                                                    const GDate       *today);

const char       *ruhu_case_entity_get_string      (RuhuCaseEntity    *entity,
                                                    const char        *field);
gboolean          ruhu_case_entity_get_int         (RuhuCaseEntity    *entity,
                                                    const char        *field,
                                                    gint64            *number);
void              ruhu_missing_field_free          (RuhuMissingField  *missing);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuCaseSnapshot, ruhu_case_snapshot_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuMissingField, ruhu_missing_field_free)

G_END_DECLS
