/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <cairo.h>

#include "documents-fixture.h"
#include "ruhu-case-snapshot.h"
#include "ruhu-date.h"
#include "ruhu-demo.h"
#include "ruhu-sheet-digest.h"
#include "test-util.h"

/* Six demo households, each taken along the workflow as far as its
 * documents need, through the store's ordinary local edits. */

typedef struct
{
  const char *action;
  const char *from;
  const char *to;
  const char *at;
} Step;

static const Step to_review[] = {
  { "accept", "applied", "accepted", DOC_ACCEPTED_ON "T09:00:00+08:00" },
  { "start_investigation", "accepted", "investigating", "2025-05-13T09:00:00+08:00" },
  { "finish_investigation", "investigating", "investigated", "2025-05-20T16:00:00+08:00" },
  { "evaluate", "investigated", "evaluated", "2025-05-22T10:00:00+08:00" },
  { "review", "evaluated", "reviewed", "2025-05-26T10:00:00+08:00" },
  { NULL, },
};

/* On notice on the day the documents are issued (DOC_ISSUED_ON). */
static const Step notice_now[] = {
  { "post_notice", "reviewed", "notice", "2025-06-10T08:00:00+08:00" },
  { NULL, },
};

static const Step to_decision[] = {
  { "post_notice", "reviewed", "notice", "2025-05-27T08:00:00+08:00" },
  { "report", "notice", "reported", "2025-06-04T10:00:00+08:00" },
  { NULL, },
};

static const Step grant[] = {
  { "grant", "reported", "granted", "2025-06-06T10:00:00+08:00" },
  { "publish", "granted", "published", "2025-06-09T10:00:00+08:00" },
  { NULL, },
};

static const Step refuse[] = {
  { "refuse", "reported", "refused", "2025-06-06T10:00:00+08:00" },
  { NULL, },
};

static const Step request[] = {
  { "request_materials", "applied", "incomplete", "2025-05-06T09:00:00+08:00" },
  { NULL, },
};

static const Step supply[] = {
  { "supply_materials", "incomplete", "applied", "2025-05-09T09:00:00+08:00" },
  { NULL, },
};

void
doc_fixture_write (DocFixture *fixture,
                   const char *case_id,
                   const char *entity,
                   const char *kind,
                   const char *parent,
                   const char *field,
                   JsonNode   *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuOp) op = ruhu_store_write (fixture->store, entity, kind, case_id, parent, field,
                                           value, DOC_ACTOR, &error);

  g_assert_no_error (error);
  json_node_unref (value);
}

/* Writes a new entity's text fields, name and value by turn; returns
 * its id. */
char *
doc_fixture_add_entity (DocFixture *fixture,
                        const char *case_id,
                        const char *kind,
                        const char *parent,
                        const char *first_field,
                        ...)
{
  char *entity = g_uuid_string_random ();
  va_list args;

  va_start (args, first_field);
  for (const char *field = first_field; field != NULL; field = va_arg (args, const char *))
    doc_fixture_write (fixture, case_id, entity, kind, parent, field,
                       test_text (va_arg (args, const char *)));
  va_end (args);
  return entity;
}

char *
doc_fixture_string (DocFixture *fixture,
                    const char *entity,
                    const char *field)
{
  g_autoptr(JsonNode) value = ruhu_store_get_value (fixture->store, entity, field, NULL);

  return value != NULL ? g_strdup (json_node_get_string (value)) : NULL;
}

static void
take_steps (DocFixture *fixture,
            const char *case_id,
            const Step *steps)
{
  for (; steps->action != NULL; steps++)
    {
      g_autofree char *entity = doc_fixture_add_entity (fixture, case_id, "transition", case_id,
                                                        "from", steps->from, "to", steps->to,
                                                        "at", steps->at, "actor_name", "陈静",
                                                        NULL);
      const char *action = steps->action;

      if (g_str_equal (action, "evaluate"))
        doc_fixture_write (fixture, case_id, entity, "transition", case_id, "comment",
                           test_text ("村民代表民主评议，无异议。"));
      if (g_str_equal (action, "review"))
        {
          doc_fixture_write (fixture, case_id, entity, "transition", case_id, "opinion",
                             test_text ("grant"));
          doc_fixture_write (fixture, case_id, entity, "transition", case_id, "comment",
                             test_text ("家庭人均收入低于当地保障标准，拟同意。"));
        }
      if (g_str_equal (action, "grant"))
        doc_fixture_write (fixture, case_id, entity, "transition", case_id, "amount_monthly",
                           test_int (DOC_GRANT_AMOUNT));
      if (g_str_equal (action, "refuse"))
        doc_fixture_write (fixture, case_id, entity, "transition", case_id, "reason",
                           test_text (DOC_REFUSAL_REASON));
      if (g_str_equal (action, "request_materials"))
        {
          doc_fixture_write (fixture, case_id, entity, "transition", case_id, "comment",
                             test_text ("申请人身份证复印件；户口簿首页\n近六个月银行流水"));
          doc_fixture_write (fixture, case_id, entity, "transition", case_id, "due_on",
                             test_text (DOC_MATERIALS_DUE));
        }
      doc_fixture_write (fixture, case_id, entity, "transition", case_id, "action",
                         test_text (action));
    }
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A PNG with a few strokes and its label: a stand-in for a photo or a
 * signature drawn on the pad. */
GBytes *
doc_fixture_png (const char *label,
                 int         width,
                 int         height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, 0.85, 0.9, 0.95);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.4);
  cairo_set_line_width (cr, height / 20.0);
  cairo_move_to (cr, width * 0.1, height * 0.7);
  cairo_curve_to (cr, width * 0.3, height * 0.1, width * 0.6, height * 0.9, width * 0.9,
                  height * 0.3);
  cairo_stroke (cr);
  cairo_move_to (cr, 4, height - 6);
  cairo_set_font_size (cr, height / 6.0);
  cairo_show_text (cr, label);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_cb, png), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

static char *
add_blob (DocFixture *fixture,
          const char *label,
          int         width,
          int         height)
{
  GBytes *png = doc_fixture_png (label, width, height);
  char *name = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, png);

  g_hash_table_insert (fixture->blobs, g_strdup (name), png);
  return name;
}

static GBytes *
read_blob (const char  *sha256,
           gpointer     user_data,
           GError     **error)
{
  DocFixture *fixture = user_data;
  GBytes *bytes = g_hash_table_lookup (fixture->blobs, sha256);

  if (bytes == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no blob %s", sha256);
      return NULL;
    }
  return g_bytes_ref (bytes);
}

static char *
first_child (DocFixture *fixture,
             const char *case_id,
             const char *parent,
             const char *kind,
             const char *role)
{
  g_autoptr(RuhuCaseSnapshot) snapshot = ruhu_case_snapshot_load (fixture->store, case_id, NULL);
  g_autoptr(GPtrArray) children = ruhu_case_snapshot_children (snapshot, parent != NULL ? parent
                                                                          : case_id, kind);

  for (guint i = 0; i < children->len; i++)
    {
      RuhuCaseEntity *child = g_ptr_array_index (children, i);

      if (role == NULL || g_strcmp0 (ruhu_case_entity_get_string (child, "role"), role) == 0)
        return g_strdup (child->id);
    }
  return NULL;
}

static void
add_evidence (DocFixture *fixture,
              const char *case_id,
              const char *sheet,
              const char *member)
{
  g_autofree char *id_front = add_blob (fixture, "ID card", 640, 400);
  g_autofree char *dwelling = add_blob (fixture, "dwelling", 800, 600);
  g_autofree char *missing = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "gone", -1);
  g_autoptr(GBytes) garbage = g_bytes_new_static ("\x89PNG\r\n\x1a\nnot really", 18);
  g_autofree char *damaged = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, garbage);

  g_free (doc_fixture_add_entity (fixture, case_id, "evidence", case_id, "category", "id_front",
                                  "member", member, "photo", id_front, NULL));
  g_free (doc_fixture_add_entity (fixture, case_id, "evidence", sheet, "category",
                                  "dwelling_photo", "photo", dwelling, "caption", "堂屋", NULL));
  g_free (doc_fixture_add_entity (fixture, case_id, "evidence", sheet, "category",
                                  "hospital_bill", "photo", missing, NULL));
  /* A blob that is there but not an image: a placeholder too. */
  g_hash_table_insert (fixture->blobs, g_strdup (damaged), g_bytes_ref (garbage));
  g_free (doc_fixture_add_entity (fixture, case_id, "evidence", sheet, "category", "diagnosis",
                                  "photo", damaged, NULL));
}

/* An investigator's signature made as the client makes it: the device
 * key signs the sheet's digest. */
static void
sign (DocFixture *fixture,
      const char *case_id,
      const char *sheet,
      const char *role,
      const char *name,
      guint8      seed)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *image = add_blob (fixture, name, 480, 160);
  g_autofree char *entity = g_uuid_string_random ();
  JsonNode *value = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "image", image);
  json_object_set_string_member (object, "signed_at", "2025-05-20T15:00:00+08:00");
  if (g_str_equal (role, "investigator"))
    {
      guint8 secret[32], digest[RUHU_SHEET_DIGEST_LENGTH];
      g_autoptr(RuhuDeviceKey) key = NULL;
      g_autofree char *signature = NULL;
      g_autofree char *public_key = NULL;

      memset (secret, seed, sizeof secret);
      key = ruhu_device_key_new_from_secret (secret, NULL);
      g_assert_true (ruhu_sheet_digest_compute (fixture->store, sheet, digest, NULL));
      signature = ruhu_device_key_sign (key, digest, sizeof digest, NULL);
      public_key = ruhu_device_key_get_public_base64 (key);
      json_object_set_string_member (object, "public_key", public_key);
      json_object_set_string_member (object, "signature", signature);
    }
  json_node_set_object (value, object);
  doc_fixture_write (fixture, case_id, entity, "signature", sheet, "signature", value);
  doc_fixture_write (fixture, case_id, entity, "signature", sheet, "signer_name",
                     test_text (name));
  doc_fixture_write (fixture, case_id, entity, "signature", sheet, "signed_at",
                     test_text ("2025-05-20T15:00:00+08:00"));
  doc_fixture_write (fixture, case_id, entity, "signature", sheet, "signer_role",
                     test_text (role));
}

static void
complete_sheet (DocFixture *fixture,
                const char *case_id)
{
  g_autofree char *sheet = first_child (fixture, case_id, NULL, "check_sheet", NULL);
  g_autofree char *member = first_child (fixture, case_id, NULL, "member", "covered");
  g_autofree char *first = doc_fixture_string (fixture, sheet, "investigator_1");
  g_autofree char *second = doc_fixture_string (fixture, sheet, "investigator_2");
  g_autofree char *income = doc_fixture_add_entity (fixture, case_id, "income", sheet,
                                                    "member", member, "kind", "wages",
                                                    "source", "重庆某物流公司", NULL);

  doc_fixture_write (fixture, case_id, income, "income", sheet, "amount_monthly",
                     test_int (250000));
  doc_fixture_write (fixture, case_id, income, "income", sheet, "costs_monthly",
                     test_int (20000));
  add_evidence (fixture, case_id, sheet, member);
  sign (fixture, case_id, sheet, "investigator", first, 1);
  sign (fixture, case_id, sheet, "applicant", "申请人", 0);
  sign (fixture, case_id, sheet, "investigator", second, 2);
}

static void
copy_field (DocFixture *fixture,
            const char *to,
            const char *from,
            const char *field)
{
  g_autofree char *value = doc_fixture_string (fixture, from, field);

  if (value != NULL)
    doc_fixture_write (fixture, to, to, "household", NULL, field, test_text (value));
}

/* Puts a case in the same village as another, for the notice list. */
static void
move_to_village (DocFixture *fixture,
                 const char *case_id,
                 const char *like)
{
  static const char * const fields[] = {
    "district_code", "district_name", "township_code", "township_name", "village_code",
    "village_name"
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    copy_field (fixture, case_id, like, fields[i]);
}

/* 低保 in the countryside, whatever the demo drew: every step applies. */
static void
set_category (DocFixture *fixture,
              const char *case_id)
{
  g_autofree char *application = first_child (fixture, case_id, NULL, "application", NULL);

  doc_fixture_write (fixture, case_id, case_id, "household", NULL, "category",
                     test_text ("rural_dibao"));
  doc_fixture_write (fixture, case_id, case_id, "household", NULL, "hukou_type",
                     test_text ("rural"));
  doc_fixture_write (fixture, case_id, application, "application", case_id, "category",
                     test_text ("rural_dibao"));
}

/* Markup, quotes, direction overrides and a name longer than a line. */
static void
make_hostile (DocFixture *fixture,
              const char *case_id)
{
  GString *longest = g_string_new (NULL);

  for (guint i = 0; i < 60; i++)
    g_string_append (longest, "欧阳娜娜Long");
  doc_fixture_write (fixture, case_id, case_id, "household", NULL, "head_name",
                     test_text (DOC_HOSTILE_HEAD));
  g_free (doc_fixture_add_entity (fixture, case_id, "member", case_id, "role", "covered",
                                  "name", longest->str, "relation", "son", NULL));
  g_free (doc_fixture_add_entity (fixture, case_id, "member", case_id, "role", "covered",
                                  "name", "\u202e明小张\u202c \"<b>&amp;", "relation", "daughter",
                                  NULL));
  g_string_free (longest, TRUE);
}

/* Takes a case to "published", as 低保 with a monthly amount. */
void
doc_fixture_grant (DocFixture *fixture,
                   const char *case_id)
{
  set_category (fixture, case_id);
  take_steps (fixture, case_id, to_review);
  take_steps (fixture, case_id, to_decision);
  take_steps (fixture, case_id, grant);
}

void
doc_fixture_setup (DocFixture    *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  guint8 secret[32];

  fixture->store = test_memory_store (NULL);
  fixture->forms = ruhu_form_set_load_default (&error);
  g_assert_no_error (error);
  fixture->blobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_bytes_unref);
  g_assert_true (ruhu_demo_generate (fixture->store, DOC_N_CASES, 7, DOC_ACTOR, &ids, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < DOC_N_CASES; i++)
    {
      fixture->cases[i] = g_strdup (g_ptr_array_index (ids, i));
      set_category (fixture, fixture->cases[i]);
    }
  move_to_village (fixture, fixture->cases[DOC_CASE_NEIGHBOUR], fixture->cases[DOC_CASE_SIGNED]);
  move_to_village (fixture, fixture->cases[DOC_CASE_HOSTILE], fixture->cases[DOC_CASE_SIGNED]);
  make_hostile (fixture, fixture->cases[DOC_CASE_HOSTILE]);
  complete_sheet (fixture, fixture->cases[DOC_CASE_SIGNED]);

  take_steps (fixture, fixture->cases[DOC_CASE_SIGNED], request);
  take_steps (fixture, fixture->cases[DOC_CASE_MATERIALS], request);
  take_steps (fixture, fixture->cases[DOC_CASE_SIGNED], supply);
  for (guint i = 0; i < DOC_N_CASES; i++)
    if (i != DOC_CASE_MATERIALS)
      take_steps (fixture, fixture->cases[i], to_review);
  take_steps (fixture, fixture->cases[DOC_CASE_SIGNED], notice_now);
  take_steps (fixture, fixture->cases[DOC_CASE_NEIGHBOUR], notice_now);
  take_steps (fixture, fixture->cases[DOC_CASE_HOSTILE], notice_now);
  take_steps (fixture, fixture->cases[DOC_CASE_GRANTED], to_decision);
  take_steps (fixture, fixture->cases[DOC_CASE_GRANTED], grant);
  take_steps (fixture, fixture->cases[DOC_CASE_REFUSED], to_decision);
  take_steps (fixture, fixture->cases[DOC_CASE_REFUSED], refuse);

  memset (secret, 9, sizeof secret);
  fixture->certificate_key = ruhu_device_key_new_from_secret (secret, &error);
  g_assert_no_error (error);
  g_assert_true (ruhu_date_parse (DOC_ISSUED_ON, &fixture->issued));
  fixture->options = (RuhuDocumentOptions) {
    .issued_on = &fixture->issued, .name_mask = RUHU_NAME_MASK_MIDDLE, .blob_func = read_blob,
    .blob_data = fixture, .certificate_key = fixture->certificate_key,
    .verify_url = DOC_VERIFY_URL,
  };
  fixture->out_dir = g_test_build_filename (G_TEST_BUILT, "documents-out", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->out_dir, 0755), ==, 0);
}

void
doc_fixture_teardown (DocFixture    *fixture,
                      gconstpointer  data)
{
  for (guint i = 0; i < DOC_N_CASES; i++)
    g_free (fixture->cases[i]);
  g_clear_pointer (&fixture->certificate_key, ruhu_device_key_free);
  g_clear_pointer (&fixture->blobs, g_hash_table_unref);
  g_clear_pointer (&fixture->forms, ruhu_form_set_unref);
  g_clear_object (&fixture->store);
  g_free (fixture->out_dir);
}

/* Makes a document of one of the fixture's cases; it must succeed. */
RuhuDocument *
doc_fixture_make (DocFixture       *fixture,
                  DocCase           which,
                  RuhuDocumentKind  kind)
{
  g_autoptr(GError) error = NULL;
  RuhuDocument *document = ruhu_document_new (fixture->store, fixture->forms,
                                              fixture->cases[which], kind, &fixture->options,
                                              &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}
