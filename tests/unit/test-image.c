/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "ruhu-image.h"

typedef struct
{
  const char      *file;
  RuhuImageFormat  format;
  guint32          width;
  guint32          height;
  guint            orientation;
} GoodPhoto;

static const GoodPhoto good_photos[] = {
  { "boat-panasonic-orient6-640x428.jpg", RUHU_IMAGE_JPEG, 640, 428, 6 },
  { "palace-nikon-gps-500x375.jpg", RUHU_IMAGE_JPEG, 500, 375, 1 },
  { "cat-512x512.png", RUHU_IMAGE_PNG, 512, 512, 0 },
};

typedef struct
{
  const char     *file;
  int             code;  /* a RuhuImageError; int, as GError has it */
} BadPhoto;

static const BadPhoto bad_photos[] = {
  { "bad-truncated-storm.jpg", RUHU_IMAGE_ERROR_TRUNCATED },
  { "bad-not-an-image.jpg", RUHU_IMAGE_ERROR_NOT_AN_IMAGE },
};

static GBytes *
load_photo (const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "photos", file, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
test_good (gconstpointer data)
{
  const GoodPhoto *photo = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "photos",
                                                 photo->file, NULL);
  g_autoptr(GError) error = NULL;
  RuhuImageInfo info;

  g_assert_true (ruhu_image_check_file (path, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpint (info.format, ==, photo->format);
  g_assert_cmpuint (info.width, ==, photo->width);
  g_assert_cmpuint (info.height, ==, photo->height);
  g_assert_cmpuint (info.orientation, ==, photo->orientation);
}

static void
test_bad (gconstpointer data)
{
  const BadPhoto *photo = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "photos",
                                                 photo->file, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (ruhu_image_check_file (path, NULL, &error));
  g_assert_error (error, RUHU_IMAGE_ERROR, photo->code);
  if (photo->code == RUHU_IMAGE_ERROR_TRUNCATED)
    g_assert_nonnull (strstr (error->message, "incomplete"));
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ruhu_image_check_file ("/nonexistent/photo.jpg", NULL, &error));
  g_assert_error (error, RUHU_IMAGE_ERROR, RUHU_IMAGE_ERROR_IO);
}

/* Every prefix of a good file is refused, whatever the cut. */
static void
check_prefixes (const char *file,
                gsize       stride)
{
  g_autoptr(GBytes) bytes = load_photo (file);
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  g_assert_true (ruhu_image_check (data, length, NULL, NULL));
  for (gsize cut = 0; cut < length; cut += (cut < 4096 || length - cut < 4096) ? 1 : stride)
    {
      g_autoptr(GError) error = NULL;
      g_autofree guint8 *copy = g_memdup2 (data, cut);

      g_assert_false (ruhu_image_check (copy, cut, NULL, &error));
      if (cut > 0)
        g_assert_error (error, RUHU_IMAGE_ERROR, RUHU_IMAGE_ERROR_TRUNCATED);
    }
}

static void
test_jpeg_prefixes (void)
{
  check_prefixes ("palace-nikon-gps-500x375.jpg", 97);
}

static void
test_png_prefixes (void)
{
  check_prefixes ("cat-512x512.png", 211);
}

/* A full-size photo cut in the middle, as a copy interrupted by a pulled
 * cable leaves it. */
static void
test_truncated_copy (void)
{
  g_autoptr(GBytes) bytes = load_photo ("boat-panasonic-orient6-640x428.jpg");
  g_autofree char *dir = g_dir_make_tmp ("ruhu-image-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cut.jpg", NULL);
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_assert_true (g_file_set_contents (path, data, (gssize) (length * 2 / 3), &error));
  g_assert_false (ruhu_image_check_file (path, NULL, &error));
  g_assert_error (error, RUHU_IMAGE_ERROR, RUHU_IMAGE_ERROR_TRUNCATED);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_png_crc (void)
{
  g_autoptr(GBytes) bytes = load_photo ("cat-512x512.png");
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (bytes, &length), g_bytes_get_size (bytes));

  copy[length / 2] ^= 0x40;  /* inside an IDAT chunk */
  g_assert_false (ruhu_image_check (copy, length, NULL, &error));
  g_assert_error (error, RUHU_IMAGE_ERROR, RUHU_IMAGE_ERROR_DAMAGED);
}

static void
test_tiny_inputs (void)
{
  static const struct { const char *data; gsize length; int code; } cases[] = {
    { "", 0, RUHU_IMAGE_ERROR_NOT_AN_IMAGE },
    { "GIF89a", 6, RUHU_IMAGE_ERROR_NOT_AN_IMAGE },
    { "\xff\xd8\xff\xd9", 4, RUHU_IMAGE_ERROR_DAMAGED },
    { "\xff\xd8\xff\xc0\x00\x08\x08\x00\x00\x00\x00\x01", 12, RUHU_IMAGE_ERROR_DAMAGED },
    { "\xff\xd8\xff\xc0\x00\x0b\x08\x00\x01\x00\x01\x01\x01\x11\x00", 15, RUHU_IMAGE_ERROR_TRUNCATED },
    { "\xff\xd8\xff\xc0\x00\x08\x08\x27\x10\x27\x11\x01", 12, RUHU_IMAGE_ERROR_TOO_LARGE },
    { "\x89PNG\r\n\x1a\n\x00\x00\x00\x00IEND\xae\x42\x60\x82", 20, RUHU_IMAGE_ERROR_DAMAGED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (ruhu_image_check ((const guint8 *) cases[i].data, cases[i].length,
                                        NULL, &error));
      g_assert_error (error, RUHU_IMAGE_ERROR, cases[i].code);
    }
}

/* Random damage may be accepted (a flipped bit in scan data is still a
 * JPEG) or refused, but must never crash or read out of bounds. */
static void
test_random_corruption (void)
{
  static const char *files[] = { "palace-nikon-gps-500x375.jpg", "cat-512x512.png" };
  GRand *rand = g_rand_new_with_seed (4021);

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr(GBytes) bytes = load_photo (files[f]);
      gsize length;
      const guint8 *data = g_bytes_get_data (bytes, &length);

      for (guint round = 0; round < 400; round++)
        {
          g_autofree guint8 *copy = g_memdup2 (data, length);
          guint n_flips = (guint) g_rand_int_range (rand, 1, 9);
          gsize cut = round % 3 == 0 ? (gsize) g_rand_int_range (rand, 0, (gint32) length) : length;
          RuhuImageInfo info;
          g_autoptr(GError) error = NULL;

          for (guint i = 0; i < n_flips; i++)
            {
              /* Favour the headers, where the structure lives. */
              gsize at = round % 2 ? (gsize) g_rand_int_range (rand, 0, 2048)
                                   : (gsize) g_rand_int_range (rand, 0, (gint32) length);
              copy[at] = (guint8) g_rand_int (rand);
            }
          if (ruhu_image_check (copy, cut, &info, &error))
            g_assert_true (info.width > 0 && info.height > 0);
          else
            g_assert_true (error != NULL && error->domain == RUHU_IMAGE_ERROR);
        }
    }
  g_rand_free (rand);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (good_photos); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ruhu/image/good/%s", good_photos[i].file);

      g_test_add_data_func (path, &good_photos[i], test_good);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_photos); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ruhu/image/bad/%s", bad_photos[i].file);

      g_test_add_data_func (path, &bad_photos[i], test_bad);
    }
  g_test_add_func ("/ruhu/image/missing-file", test_missing_file);
  g_test_add_func ("/ruhu/image/jpeg-prefixes-refused", test_jpeg_prefixes);
  g_test_add_func ("/ruhu/image/png-prefixes-refused", test_png_prefixes);
  g_test_add_func ("/ruhu/image/truncated-copy", test_truncated_copy);
  g_test_add_func ("/ruhu/image/png-crc", test_png_crc);
  g_test_add_func ("/ruhu/image/tiny-inputs", test_tiny_inputs);
  g_test_add_func ("/ruhu/image/random-corruption", test_random_corruption);

  return g_test_run ();
}
