/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ruhu-device.h"

G_BEGIN_DECLS

/* The case's evidence photos: a grid of thumbnails, adding files or taking
 * photos, each with a category and the member it belongs to. */
#define RUHU_TYPE_EVIDENCE_SECTION (ruhu_evidence_section_get_type ())
G_DECLARE_FINAL_TYPE (RuhuEvidenceSection, ruhu_evidence_section, RUHU, EVIDENCE_SECTION, AdwBin)

RuhuEvidenceSection *ruhu_evidence_section_new             (RuhuDevice          *device);
void                 ruhu_evidence_section_set_case        (RuhuEvidenceSection *self,
                                                            const char          *case_id);
const char          *ruhu_evidence_section_get_case        (RuhuEvidenceSection *self);
void                 ruhu_evidence_section_add_file        (RuhuEvidenceSection *self,
                                                            GFile               *file);
gboolean             ruhu_evidence_section_has_pending     (RuhuEvidenceSection *self);
gboolean             ruhu_evidence_section_set_category    (RuhuEvidenceSection *self,
                                                            const char          *category);
gboolean             ruhu_evidence_section_is_busy         (RuhuEvidenceSection *self);
guint                ruhu_evidence_section_get_n_items     (RuhuEvidenceSection *self);
guint                ruhu_evidence_section_get_n_thumbnails (RuhuEvidenceSection *self);
const char          *ruhu_evidence_section_get_message     (RuhuEvidenceSection *self);

G_END_DECLS
