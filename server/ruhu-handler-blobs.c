/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <gcrypt.h>
#include <glib/gi18n-lib.h>

#include "ruhu-blob-access.h"
#include "ruhu-blob-store.h"
#include "ruhu-handlers.h"
#include "ruhu-http.h"
#include "ruhu-image.h"
#include "ruhu-server-setup.h"

/* HEAD, PUT and GET /api/v1/blobs/SHA256: photos and scans, stored once by
 * content (server/ruhu-blob-store.c), uploaded in resumable parts with
 * Content-Range and read back with Range by those who may see a case that
 * names them (server/ruhu-blob-access.c). Every blob is an image. */

#define BLOBS_PREFIX "/api/v1/blobs/"

/* The blob store's key is derived from the server key, so that the same
 * bits never seal two kinds of data. */
static gboolean
derive_blob_key (const char  *key_file,
                 guint8      *key,
                 GError     **error)
{
  static const char label[] = "ruhu blob store v1";
  g_autofree char *text = ruhu_server_read_key (key_file, error);
  g_autofree guint8 *raw = NULL;
  gsize length = 0;
  gcry_md_hd_t md;

  if (text == NULL)
    return FALSE;
  raw = g_base64_decode (text, &length);
  if (gcry_md_open (&md, GCRY_MD_SHA256, GCRY_MD_FLAG_HMAC) != 0 ||
      gcry_md_setkey (md, raw, length) != 0)
    {
      g_set_error (error, RUHU_SERVER_ERROR, RUHU_SERVER_ERROR_SETUP,
                   _("Cannot derive the key for photos and scans"));
      return FALSE;
    }
  gcry_md_write (md, label, strlen (label));
  memcpy (key, gcry_md_read (md, GCRY_MD_SHA256), RUHU_KEY_LENGTH);
  gcry_md_close (md);
  memset (raw, 0, length);
  return TRUE;
}

/* Evidence is photos and scans: whatever is not a whole image is refused
 * before it is moved into place. */
static gboolean
check_image_cb (GBytes    *content,
                gpointer   user_data,
                GError   **error)
{
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (content, &length);

  return ruhu_image_check (data, length, NULL, error);
}

/**
 * ruhu_server_open_blob_store:
 *
 * Opens DIR/blobs under a key derived from the server key; what is kept
 * there must pass ruhu_image_check().
 */
RuhuBlobStore *
ruhu_server_open_blob_store (RuhuServer  *self,
                             GError     **error)
{
  guint8 key[RUHU_KEY_LENGTH];
  RuhuBlobStore *blobs;

  if (!derive_blob_key (self->key_file, key, error))
    return NULL;
  blobs = ruhu_blob_store_open (self->data_dir, key, (gint64) self->config.max_blob, error);
  memset (key, 0, sizeof key);
  if (blobs != NULL)
    ruhu_blob_store_set_check (blobs, check_image_cb, NULL);
  return blobs;
}

static void
set_received (SoupServerMessage *msg,
              gint64             received)
{
  g_autofree char *range = NULL;

  if (received <= 0)
    return;
  range = g_strdup_printf ("bytes=0-%" PRId64, received - 1);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Range", range);
}

static const char *
image_error_code (const GError *error)
{
  switch ((RuhuImageError) error->code)
    {
    case RUHU_IMAGE_ERROR_NOT_AN_IMAGE:
      return "not_an_image";
    case RUHU_IMAGE_ERROR_TRUNCATED:
      return "image_truncated";
    case RUHU_IMAGE_ERROR_DAMAGED:
      return "image_damaged";
    case RUHU_IMAGE_ERROR_TOO_LARGE:
      return "image_too_large";
    case RUHU_IMAGE_ERROR_IO:
    default:
      return NULL;
    }
}

static void
reply_blob_error (SoupServerMessage *msg,
                  const GError      *error,
                  gint64             received)
{
  const char *code = NULL;
  guint status = 422;

  if (error->domain == RUHU_IMAGE_ERROR)
    code = image_error_code (error);
  else if (error->domain == RUHU_BLOB_ERROR)
    switch ((RuhuBlobError) error->code)
      {
      case RUHU_BLOB_ERROR_BAD_NAME:
        status = SOUP_STATUS_BAD_REQUEST, code = "bad_name";
        break;
      case RUHU_BLOB_ERROR_NOT_FOUND:
        status = SOUP_STATUS_NOT_FOUND, code = "not_found";
        break;
      case RUHU_BLOB_ERROR_WRONG_OFFSET:
        status = SOUP_STATUS_CONFLICT, code = "wrong_offset";
        set_received (msg, received);
        break;
      case RUHU_BLOB_ERROR_TOO_LARGE:
        status = SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, code = "too_large";
        break;
      case RUHU_BLOB_ERROR_RANGE:
        status = SOUP_STATUS_BAD_REQUEST, code = "bad_range";
        break;
      case RUHU_BLOB_ERROR_MISMATCH:
        code = "blob_mismatch";
        break;
      case RUHU_BLOB_ERROR_CORRUPT:
      case RUHU_BLOB_ERROR_IO:
      default:
        break;
      }
  if (code == NULL)
    ruhu_http_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", error->message);
  else
    ruhu_http_reply_error (msg, status, code, error->message);
}

static JsonObject *
describe_blob (const char *name,
               gint64      size)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "sha256", name);
  json_object_set_int_member (object, "size", size);
  return object;
}

static void
handle_head (RuhuServer        *self,
             SoupServerMessage *msg,
             const char        *name)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(GError) error = NULL;
  gboolean present = FALSE;
  gint64 size = 0, received = 0, total = 0;

  if (!ruhu_blob_store_has (self->blobs, name, &present, &size, &error) ||
      (!present && !ruhu_blob_store_get_partial (self->blobs, name, &received, &total, &error)))
    {
      reply_blob_error (msg, error, 0);
      return;
    }
  soup_message_headers_replace (headers, "Accept-Ranges", "bytes");
  if (!present)
    {
      set_received (msg, received);
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  soup_message_headers_set_content_length (headers, size);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
}

/* The part a PUT carries: Content-Range: bytes a-b/n, or the whole blob. */
static gboolean
read_put_range (SoupServerMessage *msg,
                gsize              length,
                gint64            *offset,
                gint64            *total)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  goffset start = 0, end = 0, size = -1;

  *offset = 0;
  *total = (gint64) length;
  if (soup_message_headers_get_one (headers, "Content-Range") == NULL)
    return TRUE;
  if (!soup_message_headers_get_content_range (headers, &start, &end, &size) || size < 0 ||
      start < 0 || (length > 0 && end != start + (goffset) length - 1) ||
      (length == 0 && end >= start))
    return FALSE;
  *offset = start;
  *total = size;
  return TRUE;
}

static void
handle_put (RuhuServer          *self,
            SoupServerMessage   *msg,
            const RuhuPrincipal *who,
            const char          *name)
{
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) chunk = soup_message_body_flatten (request);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autofree char *detail = NULL;
  RuhuBlobWriteStatus status;
  gint64 offset, total, received = 0;

  if (!read_put_range (msg, g_bytes_get_size (chunk), &offset, &total))
    {
      ruhu_http_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_range",
                             _("Content-Range must be “bytes FIRST-LAST/SIZE” and match "
                               "the body"));
      return;
    }
  if (!ruhu_blob_store_write_range (self->blobs, name, offset, total, chunk, &received, &status,
                                    &error))
    {
      reply_blob_error (msg, error, received);
      return;
    }
  reply = describe_blob (name, total);
  switch (status)
    {
    case RUHU_BLOB_WRITE_PARTIAL:
      set_received (msg, received);
      json_object_set_int_member (reply, "received", received);
      ruhu_http_reply_object (msg, SOUP_STATUS_PERMANENT_REDIRECT, reply);
      break;
    case RUHU_BLOB_WRITE_COMPLETE:
      detail = g_strdup_printf ("size=%" PRId64, total);
      ruhu_server_audit (self, who->user_id, who->device_id, "blob", name, detail);
      ruhu_http_reply_object (msg, SOUP_STATUS_CREATED, reply);
      break;
    case RUHU_BLOB_WRITE_ALREADY_THERE:
    default:
      ruhu_http_reply_object (msg, SOUP_STATUS_OK, reply);
      break;
    }
}

/* Range: bytes=a-b (or a-, or -n); %FALSE if it cannot be served. */
static gboolean
read_get_range (SoupServerMessage *msg,
                gint64             size,
                gboolean          *partial,
                gint64            *start,
                gint64            *length)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupRange *ranges = NULL;
  int n_ranges = 0;

  *partial = FALSE;
  *start = 0;
  *length = size;
  if (soup_message_headers_get_one (headers, "Range") == NULL)
    return TRUE;
  if (!soup_message_headers_get_ranges (headers, size, &ranges, &n_ranges) || n_ranges < 1)
    return FALSE;
  *partial = TRUE;
  *start = ranges[0].start;
  *length = MIN (ranges[0].end, size - 1) - ranges[0].start + 1;
  soup_message_headers_free_ranges (headers, ranges);
  return *start >= 0 && *start < size && *length > 0;
}

/* A read of a photo that shows what a volunteer may not see is a read of
 * sensitive data: logged once per read, at its first byte. */
static void
audit_sensitive_read (RuhuServer          *self,
                      const RuhuPrincipal *who,
                      const char          *name,
                      RuhuBlobAccess       access,
                      gint64               start)
{
  if (access == RUHU_BLOB_ACCESS_SENSITIVE && start == 0)
    ruhu_server_audit (self, who->user_id, who->device_id, "read-sensitive", name, "blob");
}

static gboolean
check_readable (RuhuServer          *self,
                SoupServerMessage   *msg,
                const RuhuPrincipal *who,
                const char          *name,
                gint64              *size,
                RuhuBlobAccess      *access)
{
  g_autoptr(GError) error = NULL;
  gboolean present = FALSE;

  if (!ruhu_blob_store_has (self->blobs, name, &present, size, &error) ||
      (present && !ruhu_blob_access_check (self, who, name, access, &error)))
    {
      reply_blob_error (msg, error, 0);
      return FALSE;
    }
  if (!present)
    {
      ruhu_http_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not_found",
                             _("There is no such photo or scan on the server"));
      return FALSE;
    }
  if (*access == RUHU_BLOB_ACCESS_DENIED)
    {
      ruhu_http_reply_error (msg, SOUP_STATUS_FORBIDDEN, "forbidden",
                             who->role == RUHU_ROLE_VOLUNTEER
                               ? _("This photo or scan belongs to no household assigned to "
                                   "you, or shows what volunteers may not see")
                               : _("This photo or scan belongs to no case in your area or "
                                   "assigned to you"));
      return FALSE;
    }
  return TRUE;
}

static void
handle_get (RuhuServer          *self,
            SoupServerMessage   *msg,
            const RuhuPrincipal *who,
            const char          *name)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  RuhuBlobAccess access = RUHU_BLOB_ACCESS_DENIED;
  gboolean partial;
  gint64 size = 0, start, length;

  if (!check_readable (self, msg, who, name, &size, &access))
    return;
  if (!read_get_range (msg, size, &partial, &start, &length))
    {
      g_autofree char *range = g_strdup_printf ("bytes */%" PRId64, size);

      soup_message_headers_replace (headers, "Content-Range", range);
      ruhu_http_reply_error (msg, SOUP_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE, "bad_range",
                             _("The requested range lies outside the photo or scan"));
      return;
    }
  if ((bytes = ruhu_blob_store_read (self->blobs, name, start, length, NULL, &error)) == NULL)
    {
      reply_blob_error (msg, error, 0);
      return;
    }
  audit_sensitive_read (self, who, name, access, start);
  soup_message_headers_replace (headers, "Accept-Ranges", "bytes");
  soup_message_headers_set_content_type (headers, "application/octet-stream", NULL);
  if (partial)
    soup_message_headers_set_content_range (headers, start, start + length - 1, size);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), bytes);
  soup_server_message_set_status (msg, partial ? SOUP_STATUS_PARTIAL_CONTENT : SOUP_STATUS_OK,
                                  NULL);
}

void
ruhu_handle_blobs (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  RuhuServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *name = g_str_has_prefix (path, BLOBS_PREFIX) ? path + strlen (BLOBS_PREFIX) : "";
  g_autoptr(RuhuPrincipal) who = NULL;

  if ((who = ruhu_http_authenticate (msg, self->directory)) == NULL)
    return;
  if (!ruhu_blob_name_is_valid (name))
    {
      ruhu_http_reply_error (msg, SOUP_STATUS_NOT_FOUND, "bad_name",
                             _("A photo or scan is named by its SHA-256: 64 lowercase "
                               "hexadecimal digits"));
      return;
    }
  if (strcmp (method, SOUP_METHOD_HEAD) == 0)
    handle_head (self, msg, name);
  else if (strcmp (method, SOUP_METHOD_PUT) == 0)
    handle_put (self, msg, who, name);
  else if (strcmp (method, SOUP_METHOD_GET) == 0)
    handle_get (self, msg, who, name);
  else
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    "GET, HEAD, PUT");
      ruhu_http_reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed",
                             _("This resource does not accept that method"));
    }
}
