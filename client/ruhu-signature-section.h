/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ruhu-device.h"
#include "ruhu-signature-pad.h"

G_BEGIN_DECLS

/* The three signatures on a case's check sheet: two investigators and the
 * applicant. An investigator's signature also signs the sheet's digest with
 * this device's key. */
#define RUHU_TYPE_SIGNATURE_SECTION (ruhu_signature_section_get_type ())
G_DECLARE_FINAL_TYPE (RuhuSignatureSection, ruhu_signature_section, RUHU, SIGNATURE_SECTION, AdwBin)

typedef enum
{
  RUHU_SIGNATURE_SLOT_INVESTIGATOR_1,
  RUHU_SIGNATURE_SLOT_INVESTIGATOR_2,
  RUHU_SIGNATURE_SLOT_APPLICANT,
  RUHU_SIGNATURE_N_SLOTS,
} RuhuSignatureSlot;

RuhuSignatureSection *ruhu_signature_section_new            (RuhuDevice           *device);
void                  ruhu_signature_section_set_case       (RuhuSignatureSection *self,
                                                             const char           *case_id);
const char           *ruhu_signature_section_get_case       (RuhuSignatureSection *self);
gboolean              ruhu_signature_section_begin_signing  (RuhuSignatureSection *self,
                                                             RuhuSignatureSlot     slot);
RuhuSignaturePad     *ruhu_signature_section_get_pad        (RuhuSignatureSection *self);
gboolean              ruhu_signature_section_is_busy        (RuhuSignatureSection *self);
gboolean              ruhu_signature_section_is_signed      (RuhuSignatureSection *self,
                                                             RuhuSignatureSlot     slot);
const char           *ruhu_signature_section_get_message    (RuhuSignatureSection *self);

G_END_DECLS
