/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-device.h"
#include "ruhu-start-page.h"

G_BEGIN_DECLS

/* Later starts: asks the device passphrase, opens the store off the main
 * thread and emits "unlocked" with the device. */
#define RUHU_TYPE_UNLOCK_PAGE (ruhu_unlock_page_get_type ())
G_DECLARE_FINAL_TYPE (RuhuUnlockPage, ruhu_unlock_page, RUHU, UNLOCK_PAGE, RuhuStartPage)

RuhuUnlockPage *ruhu_unlock_page_new (void);

G_END_DECLS
