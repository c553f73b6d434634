/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-calendar.h"
#include "ruhu-standards.h"
#include "ruhu-store.h"
#include "ruhu-workflow.h"

G_BEGIN_DECLS

/* What the law lets the public see of a case: the household head's name
 * (masked as the township chooses), the household size and the monthly
 * amount, on a village's public notice (公示) while the case is on notice
 * and in the list of recipients (公布) once it is published. Never an ID
 * number, an address, a phone number, health or disability data: the
 * struct has no place for them. */

/* How much of a name a public page or document shows. Zero hides the
 * most commonly hidden part, so that options left unset mask. */
typedef enum
{
  RUHU_NAME_MASK_MIDDLE,   /* 张*明: the middle hidden; 张* for two characters */
  RUHU_NAME_MASK_GIVEN,    /* 张**: only the surname */
  RUHU_NAME_MASK_NONE,     /* 张小明 */
} RuhuNameMask;

/* At most this many stars, so a long name's length is not told either. */
#define RUHU_NAME_MASK_MAX_STARS 4

typedef struct
{
  char          *case_id;
  char          *name;          /* the household head's, as entered: mask it to show */
  char          *village_code;  /* nullable */
  char          *village_name;  /* nullable */
  char          *category;      /* the category's option value; nullable */
  guint          household_size;  /* the members the assistance covers */
  gboolean       has_amount;
  gint64         amount;        /* fen a month: proposed on notice, granted once published */
  GDate          notice_from;   /* on notice: the first and last day; else invalid */
  GDate          notice_until;
} RuhuPublicEntry;

gboolean         ruhu_name_mask_from_string  (const char         *text,
                                              RuhuNameMask       *mask);
const char      *ruhu_name_mask_to_string    (RuhuNameMask        mask);
char            *ruhu_name_mask_apply        (const char         *name,
                                              RuhuNameMask        mask);

RuhuPublicEntry *ruhu_public_entry_read      (RuhuStore          *store,
                                              RuhuStandards      *standards,
                                              RuhuCalendar       *calendar,
                                              const char         *case_id,
                                              RuhuCaseState       wanted,
                                              const GDate        *today,
                                              GError            **error);
void             ruhu_public_entry_free      (RuhuPublicEntry    *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuPublicEntry, ruhu_public_entry_free)

G_END_DECLS
