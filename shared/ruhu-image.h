/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RUHU_IMAGE_ERROR (ruhu_image_error_quark ())

/**
 * RuhuImageError:
 * @RUHU_IMAGE_ERROR_NOT_AN_IMAGE: neither a JPEG nor a PNG file
 * @RUHU_IMAGE_ERROR_TRUNCATED: the file ends before the image does
 * @RUHU_IMAGE_ERROR_DAMAGED: the structure is broken (bad lengths, checksums,
 *   missing parts, impossible dimensions)
 * @RUHU_IMAGE_ERROR_TOO_LARGE: more pixels than a photo of a document needs
 * @RUHU_IMAGE_ERROR_IO: the file could not be read
 *
 * Why uploaded evidence was refused.
 */
typedef enum
{
  RUHU_IMAGE_ERROR_NOT_AN_IMAGE,
  RUHU_IMAGE_ERROR_TRUNCATED,
  RUHU_IMAGE_ERROR_DAMAGED,
  RUHU_IMAGE_ERROR_TOO_LARGE,
  RUHU_IMAGE_ERROR_IO,
} RuhuImageError;

typedef enum
{
  RUHU_IMAGE_JPEG,
  RUHU_IMAGE_PNG,
} RuhuImageFormat;

/* Refused above this many pixels: 100 megapixels is more than any phone or
 * document camera takes, and decoding more invites memory exhaustion. */
#define RUHU_IMAGE_MAX_PIXELS (G_GUINT64_CONSTANT (100) * 1000 * 1000)

/**
 * RuhuImageInfo:
 * @format: JPEG or PNG
 * @width: width in pixels, as stored (before applying @orientation)
 * @height: height in pixels, as stored
 * @orientation: the EXIF orientation, 1–8, or 0 when the file has none
 *
 * What ruhu_image_check() found.
 */
typedef struct
{
  RuhuImageFormat format;
  guint32         width;
  guint32         height;
  guint           orientation;
} RuhuImageInfo;

GQuark       ruhu_image_error_quark   (void);
const char  *ruhu_image_format_to_mime (RuhuImageFormat   format);

gboolean     ruhu_image_check         (const guint8     *data,
                                       gsize             length,
                                       RuhuImageInfo    *info,
                                       GError          **error);
gboolean     ruhu_image_check_file    (const char       *path,
                                       RuhuImageInfo    *info,
                                       GError          **error);

G_END_DECLS
