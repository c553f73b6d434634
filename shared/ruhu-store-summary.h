/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ruhu-store.h"

G_BEGIN_DECLS

/* A read path for lists of many cases: the current values of the few
 * fields a case list shows, for every case in one indexed pass, instead of
 * one query (and one decryption of every field) per entity. Read-only. */

/* What ruhu_store_summary_scan() reports: of households their head, place
 * and category; of members their ID number; the application's date; the
 * check sheet's visit date, investigators and reopening; and who signed
 * what when. The list of fields is in the scan's SQL. */

typedef struct
{
  const char *case_id;
  const char *entity;
  const char *kind;
  const char *parent;  /* NULL for the case's root */
  const char *field;
  const char *json;    /* the displayed value's canonical JSON text */
} RuhuSummaryValue;

typedef void (*RuhuSummaryFunc) (const RuhuSummaryValue *value,
                                 gpointer                user_data);

gboolean    ruhu_store_summary_scan            (RuhuStore        *self,
                                                const char       *case_id,
                                                RuhuSummaryFunc   func,
                                                gpointer          user_data,
                                                GCancellable     *cancellable,
                                                GError          **error);
GHashTable *ruhu_store_summary_conflict_counts (RuhuStore        *self,
                                                const char       *case_id,
                                                GError          **error);
GHashTable *ruhu_store_summary_unsynced_cases  (RuhuStore        *self,
                                                const char       *case_id,
                                                GError          **error);

/* What changed since a summary was taken: the greatest sequence number
 * of any version and the number of rejections (a rejection removes a
 * version without adding one). */
typedef struct
{
  gint64 last_seq;
  gint64 n_rejections;
} RuhuSummaryMark;

gboolean    ruhu_store_summary_mark            (RuhuStore        *self,
                                                RuhuSummaryMark  *mark,
                                                GError          **error);
GPtrArray  *ruhu_store_summary_changed_cases   (RuhuStore        *self,
                                                gint64            after_seq,
                                                guint             limit,
                                                GError          **error);
char       *ruhu_store_summary_cache_path      (RuhuStore        *self);

G_END_DECLS
