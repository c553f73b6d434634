/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ruhu-device.h"
#include "ruhu-signed-sheet.h"

G_BEGIN_DECLS

/* The store work behind RuhuSignatureSection, done off the main thread:
 * reading who signed a case's check sheet, and preparing a new signature
 * (completeness check, the image kept as a photo, the digest signed with
 * the device key). Only the final writes happen on the main thread. */

typedef struct
{
  char       *entity;
  char       *role;
  char       *name;
  char       *signed_at;
  GdkTexture *image;      /* nullable: not on this device yet */
  gboolean    digest_ok;  /* an investigator's signature matches the sheet now */
} RuhuSignatureInfo;

typedef struct
{
  char               *sheet;           /* nullable: the case has no check sheet */
  RuhuSheetLockState  state;
  GPtrArray          *signatures;      /* RuhuSignatureInfo*, oldest first */
  char               *investigator_1;  /* names on the sheet, to suggest */
  char               *investigator_2;
  char               *applicant;
} RuhuSignatureSheet;

void                ruhu_signature_sheet_free    (RuhuSignatureSheet  *sheet);
void                ruhu_signature_sheet_load_async  (RuhuDevice          *device,
                                                      const char          *case_id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
RuhuSignatureSheet *ruhu_signature_sheet_load_finish (GAsyncResult        *result,
                                                      GError             **error);

void                ruhu_signature_prepare_async  (RuhuDevice          *device,
                                                   const char          *sheet,
                                                   const char          *role,
                                                   GBytes              *png,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
JsonNode           *ruhu_signature_prepare_finish (GAsyncResult        *result,
                                                   GError             **error);
gboolean            ruhu_signature_write          (RuhuDevice          *device,
                                                   const char          *case_id,
                                                   const char          *sheet,
                                                   const char          *role,
                                                   const char          *name,
                                                   JsonNode            *value,
                                                   GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuhuSignatureSheet, ruhu_signature_sheet_free)

G_END_DECLS
