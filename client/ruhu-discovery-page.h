/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ruhu-device.h"
#include "ruhu-entity-form.h"

G_BEGIN_DECLS

/* A village assistant's proactive-discovery report: a person in hardship,
 * where, what and how urgent, and a photo. Filing it opens a new case. */
#define RUHU_TYPE_DISCOVERY_PAGE (ruhu_discovery_page_get_type ())
G_DECLARE_FINAL_TYPE (RuhuDiscoveryPage, ruhu_discovery_page, RUHU, DISCOVERY_PAGE, AdwBin)

RuhuDiscoveryPage *ruhu_discovery_page_new      (RuhuDevice         *device);
gboolean           ruhu_discovery_page_file     (RuhuDiscoveryPage  *self,
                                                 char              **case_id);
RuhuEntityForm    *ruhu_discovery_page_get_form (RuhuDiscoveryPage  *self);

G_END_DECLS
