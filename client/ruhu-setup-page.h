/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ruhu-device.h"
#include "ruhu-start-page.h"

G_BEGIN_DECLS

/* First start: server address, user name, password and a new passphrase
 * for this device. Makes the encrypted store and logs in online, then
 * emits "done" with the new device. */
#define RUHU_TYPE_SETUP_PAGE (ruhu_setup_page_get_type ())
G_DECLARE_FINAL_TYPE (RuhuSetupPage, ruhu_setup_page, RUHU, SETUP_PAGE, RuhuStartPage)

RuhuSetupPage *ruhu_setup_page_new        (void);
void           ruhu_setup_page_set_server (RuhuSetupPage *self,
                                           const char    *server_url);

G_END_DECLS
