/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ruhu-device.h"
#include "ruhu-review-comments.h"

G_BEGIN_DECLS

/* The top of the case page: the case's state, its next deadline, the steps
 * the user's role may take (and why the others are not possible yet), and
 * the timeline of the steps taken, with the server's reason for any step it
 * refused. Emits "loaded" each time it has read the case again. */
#define RUHU_TYPE_TIMELINE_SECTION (ruhu_timeline_section_get_type ())
G_DECLARE_FINAL_TYPE (RuhuTimelineSection, ruhu_timeline_section, RUHU, TIMELINE_SECTION, AdwBin)

RuhuTimelineSection      *ruhu_timeline_section_new          (RuhuDevice          *device);
void                      ruhu_timeline_section_set_case     (RuhuTimelineSection *self,
                                                              const char          *case_id);
gboolean                  ruhu_timeline_section_get_loading  (RuhuTimelineSection *self);
const RuhuReviewComments *ruhu_timeline_section_get_comments (RuhuTimelineSection *self);
gboolean                  ruhu_timeline_section_get_can_return (RuhuTimelineSection *self);

G_END_DECLS
