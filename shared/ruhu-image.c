/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ruhu-image.h"

/* Checks that uploaded evidence is a complete JPEG or PNG by walking its
 * structure, without decoding pixels: a truncated photo (the commonest
 * fault of a copy from a phone) is refused before anyone relies on it. */

G_DEFINE_QUARK (ruhu-image-error-quark, ruhu_image_error)

static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

static gboolean
fail_truncated (GError **error)
{
  g_set_error_literal (error, RUHU_IMAGE_ERROR, RUHU_IMAGE_ERROR_TRUNCATED,
                       _("The photo is incomplete: the file ends before the image does. "
                         "Take or copy it again."));
  return FALSE;
}

static gboolean
fail_damaged (GError **error)
{
  g_set_error_literal (error, RUHU_IMAGE_ERROR, RUHU_IMAGE_ERROR_DAMAGED,
                       _("The photo is damaged: its file is not a valid image. "
                         "Take or copy it again."));
  return FALSE;
}

static gboolean
check_pixels (guint32   width,
              guint32   height,
              GError  **error)
{
  if (width == 0 || height == 0)
    return fail_damaged (error);
  if ((guint64) width * height > RUHU_IMAGE_MAX_PIXELS)
    {
      g_set_error (error, RUHU_IMAGE_ERROR, RUHU_IMAGE_ERROR_TOO_LARGE,
                   /* Translators: the image's width and height in pixels */
                   _("The photo is too large (%u × %u pixels). Take it at a lower resolution "
                     "and try again."), width, height);
      return FALSE;
    }
  return TRUE;
}

static guint32
get_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint
get_u16 (const guint8 *p,
         gboolean      big_endian)
{
  return big_endian ? (guint) (p[0] << 8 | p[1]) : (guint) (p[1] << 8 | p[0]);
}

static guint32
get_u32 (const guint8 *p,
         gboolean      big_endian)
{
  return big_endian ? get_be32 (p)
                    : ((guint32) p[3] << 24) | ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

/* The Orientation tag (0x0112) of IFD0 in an APP1 "Exif" segment. A
 * malformed EXIF block does not make the image incomplete, so any fault
 * here just means "no orientation". */
static guint
exif_orientation (const guint8 *seg,
                  gsize         length)
{
  const guint8 *tiff = seg + 6;
  gsize size = length - 6;
  gboolean big_endian;
  guint32 ifd;
  guint count;

  if (length < 6 + 8 || memcmp (seg, "Exif\0\0", 6) != 0)
    return 0;
  if (memcmp (tiff, "MM", 2) == 0)
    big_endian = TRUE;
  else if (memcmp (tiff, "II", 2) == 0)
    big_endian = FALSE;
  else
    return 0;
  if (get_u16 (tiff + 2, big_endian) != 42)
    return 0;
  ifd = get_u32 (tiff + 4, big_endian);
  if (ifd > size || size - ifd < 2)
    return 0;
  count = get_u16 (tiff + ifd, big_endian);
  for (guint i = 0; i < count; i++)
    {
      gsize entry = ifd + 2 + (gsize) i * 12;
      guint type;
      guint32 value;

      if (entry + 12 > size)
        return 0;
      if (get_u16 (tiff + entry, big_endian) != 0x0112)
        continue;
      type = get_u16 (tiff + entry + 2, big_endian);
      if (get_u32 (tiff + entry + 4, big_endian) != 1)
        return 0;
      /* The standard says SHORT; some cameras write a (signed) LONG. */
      if (type == 3 || type == 8)
        value = get_u16 (tiff + entry + 8, big_endian);
      else if (type == 4 || type == 9)
        value = get_u32 (tiff + entry + 8, big_endian);
      else
        return 0;
      return value >= 1 && value <= 8 ? value : 0;
    }
  return 0;
}

static gboolean
is_sof (guint8 marker)
{
  /* SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
  return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
}

/* Skips entropy-coded data after an SOS header: up to the next marker that
 * is neither a stuffed zero nor a restart. Returns the marker's offset. */
static gboolean
skip_scan (const guint8  *data,
           gsize          length,
           gsize         *pos,
           GError       **error)
{
  gsize i = *pos;

  for (;;)
    {
      const guint8 *ff = memchr (data + i, 0xff, length - i);

      if (ff == NULL)
        return fail_truncated (error);
      i = (gsize) (ff - data);
      while (i + 1 < length && data[i + 1] == 0xff)
        i++;
      if (i + 1 >= length)
        return fail_truncated (error);
      if (data[i + 1] == 0x00 || (data[i + 1] >= 0xd0 && data[i + 1] <= 0xd7))
        {
          i += 2;
          continue;
        }
      *pos = i;
      return TRUE;
    }
}

static gboolean
check_jpeg (const guint8   *data,
            gsize           length,
            RuhuImageInfo  *info,
            GError        **error)
{
  gsize pos = 2;
  gboolean have_frame = FALSE, have_scan = FALSE;

  info->format = RUHU_IMAGE_JPEG;
  for (;;)
    {
      guint8 marker;
      gsize seg_length;

      if (pos >= length)
        return fail_truncated (error);
      if (data[pos] != 0xff)
        return fail_damaged (error);
      while (pos < length && data[pos] == 0xff)
        pos++;
      if (pos >= length)
        return fail_truncated (error);
      marker = data[pos++];

      if (marker == 0xd9)  /* EOI */
        {
          if (!have_frame || !have_scan)
            return fail_damaged (error);
          return TRUE;
        }
      if (marker == 0xd8 || marker == 0x00)
        return fail_damaged (error);
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7))
        continue;  /* standalone markers: no length */

      if (length - pos < 2)
        return fail_truncated (error);
      seg_length = (gsize) (data[pos] << 8 | data[pos + 1]);
      if (seg_length < 2)
        return fail_damaged (error);
      if (length - pos < seg_length)
        return fail_truncated (error);

      if (is_sof (marker))
        {
          if (have_frame || seg_length < 8)
            return fail_damaged (error);
          info->height = (guint32) (data[pos + 3] << 8 | data[pos + 4]);
          info->width = (guint32) (data[pos + 5] << 8 | data[pos + 6]);
          if (!check_pixels (info->width, info->height, error))
            return FALSE;
          have_frame = TRUE;
        }
      else if (marker == 0xe1 && info->orientation == 0)
        info->orientation = exif_orientation (data + pos + 2, seg_length - 2);

      pos += seg_length;
      if (marker == 0xda)  /* SOS: entropy-coded data follows */
        {
          if (!have_frame)
            return fail_damaged (error);
          have_scan = TRUE;
          if (!skip_scan (data, length, &pos, error))
            return FALSE;
        }
    }
}

static guint32 crc_table[256];

static gpointer
make_crc_table (gpointer user_data)
{
  for (guint32 n = 0; n < 256; n++)
    {
      guint32 c = n;

      for (int k = 0; k < 8; k++)
        c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
      crc_table[n] = c;
    }
  return NULL;
}

/* CRC-32 as ISO 3309 and the PNG specification define it. */
static guint32
png_crc (const guint8 *data,
         gsize         length)
{
  static GOnce once = G_ONCE_INIT;
  guint32 c = 0xffffffffu;

  g_once (&once, make_crc_table, NULL);
  for (gsize i = 0; i < length; i++)
    c = crc_table[(c ^ data[i]) & 0xff] ^ (c >> 8);
  return c ^ 0xffffffffu;
}

static gboolean
check_png_header (const guint8   *ihdr,
                  RuhuImageInfo  *info,
                  GError        **error)
{
  guint depth = ihdr[8], color = ihdr[9];
  gboolean depth_ok;

  info->width = get_be32 (ihdr);
  info->height = get_be32 (ihdr + 4);
  if (info->width > G_MAXINT32 || info->height > G_MAXINT32)
    return fail_damaged (error);
  switch (color)
    {
    case 0: depth_ok = depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16; break;
    case 3: depth_ok = depth == 1 || depth == 2 || depth == 4 || depth == 8; break;
    case 2: case 4: case 6: depth_ok = depth == 8 || depth == 16; break;
    default: depth_ok = FALSE; break;
    }
  if (!depth_ok || ihdr[10] != 0 || ihdr[11] != 0 || ihdr[12] > 1)
    return fail_damaged (error);
  return check_pixels (info->width, info->height, error);
}

static gboolean
check_png (const guint8   *data,
           gsize           length,
           RuhuImageInfo  *info,
           GError        **error)
{
  gsize pos = sizeof png_signature;
  gboolean have_data = FALSE;

  info->format = RUHU_IMAGE_PNG;
  for (guint index = 0;; index++)
    {
      guint32 chunk_length;
      const guint8 *type;

      if (length - pos < 8)
        return fail_truncated (error);
      chunk_length = get_be32 (data + pos);
      type = data + pos + 4;
      if (chunk_length > G_MAXINT32)
        return fail_damaged (error);
      for (int i = 0; i < 4; i++)
        if (!g_ascii_isalpha (type[i]))
          return fail_damaged (error);
      if (length - pos - 8 < (gsize) chunk_length + 4)
        return fail_truncated (error);
      if (png_crc (type, (gsize) chunk_length + 4) != get_be32 (type + 4 + chunk_length))
        return fail_damaged (error);

      if ((index == 0) != (memcmp (type, "IHDR", 4) == 0))
        return fail_damaged (error);
      if (index == 0 && chunk_length != 13)
        return fail_damaged (error);
      if (index == 0 && !check_png_header (type + 4, info, error))
        return FALSE;
      if (memcmp (type, "IDAT", 4) == 0)
        have_data = TRUE;
      pos += 12 + (gsize) chunk_length;
      if (memcmp (type, "IEND", 4) == 0)
        return chunk_length == 0 && have_data ? TRUE : fail_damaged (error);
    }
}

/**
 * ruhu_image_format_to_mime:
 * @format: an image format
 *
 * Returns: the media type, such as `image/jpeg`
 */
const char *
ruhu_image_format_to_mime (RuhuImageFormat format)
{
  return format == RUHU_IMAGE_PNG ? "image/png" : "image/jpeg";
}

/**
 * ruhu_image_check:
 * @data: (array length=length): the file's bytes
 * @length: their number
 * @info: (out caller-allocates) (optional): what was found
 * @error: return location for a #RuhuImageError with a sentence for the user
 *
 * Checks that @data is a complete JPEG (SOI, well-formed marker segments, a
 * frame header, scan data, EOI) or PNG (signature, chunks with valid
 * lengths and CRCs, IHDR first, image data, IEND last). Bytes after the end
 * of the image, which some cameras append, are ignored. Pixels are not
 * decoded.
 *
 * Returns: %TRUE if @data is a complete image
 */
gboolean
ruhu_image_check (const guint8   *data,
                  gsize           length,
                  RuhuImageInfo  *info,
                  GError        **error)
{
  RuhuImageInfo found = { 0, };

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (length >= 2 && data[0] == 0xff && data[1] == 0xd8)
    {
      if (!check_jpeg (data, length, &found, error))
        return FALSE;
    }
  else if (length >= sizeof png_signature && memcmp (data, png_signature, sizeof png_signature) == 0)
    {
      if (!check_png (data, length, &found, error))
        return FALSE;
    }
  else if (length > 0 && ((length < 2 && data[0] == 0xff) ||
                          (length < sizeof png_signature && memcmp (data, png_signature, length) == 0)))
    return fail_truncated (error);
  else
    {
      g_set_error_literal (error, RUHU_IMAGE_ERROR, RUHU_IMAGE_ERROR_NOT_AN_IMAGE,
                           _("This file is not a photo: only JPEG and PNG images are accepted."));
      return FALSE;
    }
  if (info != NULL)
    *info = found;
  return TRUE;
}

/**
 * ruhu_image_check_file:
 * @path: a file
 * @info: (out caller-allocates) (optional): what was found
 * @error: return location for a #RuhuImageError
 *
 * Reads @path and checks it as ruhu_image_check() does.
 *
 * Returns: %TRUE if the file is a complete image
 */
gboolean
ruhu_image_check_file (const char     *path,
                       RuhuImageInfo  *info,
                       GError        **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!(file = g_mapped_file_new (path, FALSE, &local_error)))
    {
      g_set_error (error, RUHU_IMAGE_ERROR, RUHU_IMAGE_ERROR_IO,
                   _("Could not read the photo: %s"), local_error->message);
      return FALSE;
    }
  return ruhu_image_check ((const guint8 *) g_mapped_file_get_contents (file),
                           g_mapped_file_get_length (file), info, error);
}
