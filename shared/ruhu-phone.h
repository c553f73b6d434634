/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RUHU_PHONE_ERROR (ruhu_phone_error_quark ())

/**
 * RuhuPhoneError:
 * @RUHU_PHONE_ERROR_BAD_CHARS: characters other than digits and one hyphen
 * @RUHU_PHONE_ERROR_BAD_MOBILE: starts like a mobile number but is not one
 * @RUHU_PHONE_ERROR_BAD_LANDLINE: starts like a landline number but is not one
 * @RUHU_PHONE_ERROR_UNKNOWN_FORM: neither a mobile nor a landline number
 */
typedef enum
{
  RUHU_PHONE_ERROR_BAD_CHARS,
  RUHU_PHONE_ERROR_BAD_MOBILE,
  RUHU_PHONE_ERROR_BAD_LANDLINE,
  RUHU_PHONE_ERROR_UNKNOWN_FORM,
} RuhuPhoneError;

GQuark   ruhu_phone_error_quark (void);

gboolean ruhu_phone_validate    (const char  *text,
                                 GError     **error);

G_END_DECLS
