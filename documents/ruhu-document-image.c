/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <qrencode.h>

#include "ruhu-document-private.h"
#include "ruhu-image.h"

/* Pictures in documents: evidence thumbnails and signatures, decoded at
 * the size they are printed (a photo of twelve megapixels never becomes
 * a 48 MB surface), and the certificate's QR code. */

/* cairo wants premultiplied native-endian ARGB; GdkPixbuf gives RGB(A)
 * bytes in order. */
static cairo_surface_t *
surface_from_pixbuf (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  int in_stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *in = gdk_pixbuf_read_pixels (pixbuf);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  guint8 *out = cairo_image_surface_get_data (surface);
  int out_stride = cairo_image_surface_get_stride (surface);

  for (int y = 0; y < height; y++)
    {
      const guint8 *src = in + (gsize) y * in_stride;
      guint32 *dst = (guint32 *) (gpointer) (out + (gsize) y * out_stride);

      for (int x = 0; x < width; x++, src += channels)
        {
          guint a = channels == 4 ? src[3] : 255;
          guint r = (src[0] * a + 127) / 255;
          guint g = (src[1] * a + 127) / 255;
          guint b = (src[2] * a + 127) / 255;

          dst[x] = (a << 24) | (r << 16) | (g << 8) | b;
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  int max_size = GPOINTER_TO_INT (user_data);
  double scale = MIN ((double) max_size / width, (double) max_size / height);

  if (scale < 1)
    gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale)),
                                MAX (1, (int) (height * scale)));
}

static GdkPixbuf *
decode (GBytes  *bytes,
        int      max_size,
        GError **error)
{
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  g_autoptr(GdkPixbufLoader) loader = NULL;
  RuhuImageInfo info;
  gboolean written;

  /* Our own check first: GdkPixbuf then only sees whole JPEGs and PNGs
   * of sane dimensions. Its loader is named, not guessed from the MIME
   * database, which a server or a test may not have. */
  if (!ruhu_image_check (data, length, &info, error))
    return NULL;
  loader = gdk_pixbuf_loader_new_with_type (info.format == RUHU_IMAGE_JPEG ? "jpeg" : "png",
                                            error);
  if (loader == NULL)
    return NULL;
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb),
                    GINT_TO_POINTER (max_size));
  written = gdk_pixbuf_loader_write (loader, data, length, error);
  /* Closed in any case, so the loader never complains it was not. */
  if (!gdk_pixbuf_loader_close (loader, written ? error : NULL) || !written)
    return NULL;
  /* Photos of documents are often taken with the tablet turned. */
  return gdk_pixbuf_apply_embedded_orientation (gdk_pixbuf_loader_get_pixbuf (loader));
}

/**
 * ruhu_doc_image_load:
 * @max_size: the largest width and height to decode, in pixels
 *
 * Returns: (transfer full) (nullable): the image named @sha256 as the
 *   options' blob function gives it, or %NULL when it is not available or
 *   not a whole image (the document shows a placeholder)
 */
cairo_surface_t *
ruhu_doc_image_load (const RuhuDocumentOptions *options,
                     const char                *sha256,
                     int                        max_size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;

  if (sha256 == NULL || options->blob_func == NULL)
    return NULL;
  bytes = options->blob_func (sha256, options->blob_data, &error);
  if (bytes == NULL || (pixbuf = decode (bytes, max_size, &error)) == NULL)
    {
      g_debug ("Image %s left out of the document: %s", sha256,
               error != NULL ? error->message : "no bytes");
      return NULL;
    }
  return surface_from_pixbuf (pixbuf);
}

/**
 * ruhu_doc_image_qr:
 *
 * Returns: (transfer full): @text as a QR code (error correction M), one
 *   pixel a module with a quiet zone of four, to be drawn pixelated
 */
cairo_surface_t *
ruhu_doc_image_qr (const char  *text,
                   GError     **error)
{
  QRcode *code = QRcode_encodeString8bit (text, 0, QR_ECLEVEL_M);
  cairo_surface_t *surface;
  guint8 *out;
  int stride, size;

  if (code == NULL)
    {
      g_set_error (error, RUHU_DOCUMENT_ERROR, RUHU_DOCUMENT_ERROR_FAILED,
                   _("The QR code could not be made: %s"), g_strerror (errno));
      return NULL;
    }
  size = code->width + 8;
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, size, size);
  out = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      {
        int mx = x - 4, my = y - 4;
        gboolean dark = mx >= 0 && my >= 0 && mx < code->width && my < code->width &&
                        (code->data[my * code->width + mx] & 1);

        ((guint32 *) (gpointer) (out + (gsize) y * stride))[x] = dark ? 0x000000 : 0xffffff;
      }
  cairo_surface_mark_dirty (surface);
  QRcode_free (code);
  return surface;
}
