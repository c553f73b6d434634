/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "ruhu-image.h"
#include "ruhu-sheet-digest.h"
#include "ruhu-sheet-lock.h"
#include "ruhu-signature-section.h"
#include "ruhu-signed-sheet.h"
#include "section-window.h"

typedef struct
{
  SectionWindow         base;
  RuhuSignatureSection *section;
} SignFixture;

static void
sign_setup (SignFixture   *fixture,
            gconstpointer  data)
{
  section_window_setup (&fixture->base);
  fixture->section = ruhu_signature_section_new (fixture->base.ui.device);
  section_window_show (&fixture->base, GTK_WIDGET (fixture->section), 720, 900);
}

static void
sign_teardown (SignFixture   *fixture,
               gconstpointer  data)
{
  section_window_teardown (&fixture->base);
}

static gboolean
busy (SignFixture *fixture)
{
  return ruhu_signature_section_is_busy (fixture->section);
}

static void
wait_idle (SignFixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  do
    ui_iterate (20);
  while (busy (fixture) && g_get_monotonic_time () < deadline);
  g_assert_false (busy (fixture));
}

/* A few strokes, as a finger would draw a short name. */
static void
draw_name (RuhuSignaturePad *pad)
{
  ruhu_signature_pad_begin_stroke (pad, 40, 100, 0.5);
  for (int i = 1; i <= 20; i++)
    ruhu_signature_pad_extend_stroke (pad, 40 + i * 8, 100 - 6 * (i % 6), 0.3 + i / 40.0);
  ruhu_signature_pad_begin_stroke (pad, 220, 60, 0.8);
  for (int i = 1; i <= 12; i++)
    ruhu_signature_pad_extend_stroke (pad, 220 + i * 6, 60 + i * 5, 0.8);
}

static void
sign_slot (SignFixture       *fixture,
           RuhuSignatureSlot  slot,
           const char        *screenshot)
{
  GtkWidget *accept;

  g_assert_true (ruhu_signature_section_begin_signing (fixture->section, slot));
  accept = ui_find_by_text (GTK_WIDGET (fixture->section), "_Accept");
  g_assert_nonnull (accept);
  g_assert_false (gtk_widget_get_sensitive (accept));
  draw_name (ruhu_signature_section_get_pad (fixture->section));
  ui_iterate (300);
  g_assert_true (gtk_widget_get_sensitive (accept));
  if (screenshot != NULL)
    section_window_photograph (GTK_WIDGET (fixture->base.window), screenshot);
  g_signal_emit_by_name (accept, "clicked");
  wait_idle (fixture);
}

static char *
sheet_of (SignFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  char *sheet = ruhu_signed_sheet_find (ruhu_device_get_store (fixture->base.ui.device),
                                        fixture->base.case_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sheet);
  return sheet;
}

/* Every investigator signature carries a digital signature of the sheet
 * as it is, and every signature's picture is kept as a photo. */
static void
assert_signatures_valid (SignFixture *fixture,
                         const char  *sheet,
                         guint        expected)
{
  RuhuStore *store = ruhu_device_get_store (fixture->base.ui.device);
  g_autoptr(GPtrArray) entities = ruhu_store_list_entities (store, fixture->base.case_id, NULL);
  guint found = 0;

  for (guint i = 0; i < entities->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (entities, i);
      g_autoptr(JsonNode) value = NULL;
      g_autoptr(GBytes) image = NULL;
      g_autoptr(GError) error = NULL;
      gboolean investigator = ruhu_signed_sheet_is_signer (store, info, sheet, "investigator");

      if (!investigator && !ruhu_signed_sheet_is_signer (store, info, sheet, "applicant"))
        continue;
      found++;
      value = ruhu_store_get_value (store, info->id, "signature", NULL);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (value));
      image = ruhu_sync_client_read_photo (ruhu_device_get_sync_client (fixture->base.ui.device),
                                           json_object_get_string_member (
                                             json_node_get_object (value), "image"), &error);
      g_assert_no_error (error);
      g_assert_cmpmem (g_bytes_get_data (image, NULL), 4, "\x89PNG", 4);
      g_assert_cmpint (ruhu_sheet_digest_check_signature (store, sheet, value, NULL), ==,
                       investigator);
    }
  g_assert_cmpuint (found, ==, expected);
}

static const char *
slot_subtitle (SignFixture *fixture,
               const char  *title)
{
  GtkWidget *row = ui_find_by_text (GTK_WIDGET (fixture->section), title);

  g_assert_true (ADW_IS_ACTION_ROW (row));
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static char *
investigator_name (SignFixture *fixture,
                   const char  *sheet,
                   const char  *field)
{
  RuhuStore *store = ruhu_device_get_store (fixture->base.ui.device);
  g_autoptr(JsonNode) name = ruhu_store_get_value (store, sheet, field, NULL);

  return g_strdup (json_node_get_string (name));
}

static void
test_signing_locks_sheet (SignFixture   *fixture,
                          gconstpointer  data)
{
  g_autofree char *sheet = sheet_of (fixture);
  g_autofree char *reason = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  ruhu_signature_section_set_case (fixture->section, fixture->base.case_id);
  wait_idle (fixture);
  section_window_photograph (GTK_WIDGET (fixture->base.window), "signature-empty");
  g_assert_false (ruhu_case_sheet_is_locked (fixture->base.ui.device, fixture->base.case_id,
                                             &reason));
  g_assert_null (reason);

  sign_slot (fixture, RUHU_SIGNATURE_SLOT_APPLICANT, NULL);
  g_assert_null (ruhu_signature_section_get_message (fixture->section));
  g_assert_true (ruhu_signature_section_is_signed (fixture->section,
                                                   RUHU_SIGNATURE_SLOT_APPLICANT));
  sign_slot (fixture, RUHU_SIGNATURE_SLOT_INVESTIGATOR_1, "signature-pad");
  g_assert_true (ruhu_signature_section_is_signed (fixture->section,
                                                   RUHU_SIGNATURE_SLOT_INVESTIGATOR_1));
  g_assert_false (ruhu_case_sheet_is_locked (fixture->base.ui.device, fixture->base.case_id,
                                             NULL));

  sign_slot (fixture, RUHU_SIGNATURE_SLOT_INVESTIGATOR_2, NULL);
  g_assert_true (ruhu_signature_section_is_signed (fixture->section,
                                                   RUHU_SIGNATURE_SLOT_INVESTIGATOR_2));
  g_assert_true (ruhu_case_sheet_is_locked (fixture->base.ui.device, fixture->base.case_id,
                                            &reason));
  g_assert_nonnull (reason);
  g_assert_nonnull (ui_find_by_text (GTK_WIDGET (fixture->section), reason));
  assert_signatures_valid (fixture, sheet, 3);
  /* Each investigator in the slot the sheet names them for. */
  first = investigator_name (fixture, sheet, "investigator_1");
  second = investigator_name (fixture, sheet, "investigator_2");
  g_assert_nonnull (strstr (slot_subtitle (fixture, "First investigator"), first));
  g_assert_nonnull (strstr (slot_subtitle (fixture, "Second investigator"), second));
  section_window_photograph (GTK_WIDGET (fixture->base.window), "signature-locked");
  gtk_window_set_default_size (fixture->base.window, 360, 720);
  section_window_photograph (GTK_WIDGET (fixture->base.window), "signature-narrow");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->section)), <=, 360);
}

static void
test_incomplete_sheet_refused (SignFixture   *fixture,
                               gconstpointer  data)
{
  g_autofree char *sheet = sheet_of (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuOp) op = NULL;
  g_autoptr(JsonNode) cleared = json_node_new (JSON_NODE_NULL);
  const char *message;

  /* The place of the visit is required. */
  op = ruhu_device_write (fixture->base.ui.device, sheet, "check_sheet", fixture->base.case_id,
                          fixture->base.case_id, "place", cleared, &error);
  g_assert_no_error (error);
  ruhu_signature_section_set_case (fixture->section, fixture->base.case_id);
  wait_idle (fixture);
  sign_slot (fixture, RUHU_SIGNATURE_SLOT_INVESTIGATOR_1, NULL);
  message = ruhu_signature_section_get_message (fixture->section);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "cannot be signed"));
  g_assert_false (ruhu_signature_section_is_signed (fixture->section,
                                                    RUHU_SIGNATURE_SLOT_INVESTIGATOR_1));
  assert_signatures_valid (fixture, sheet, 0);
  section_window_photograph (GTK_WIDGET (fixture->base.window), "signature-incomplete");
}

/* A change to the sheet after the first investigator signed breaks that
 * signature's seal, and the slot says so. */
static void
test_change_after_signing_shown (SignFixture   *fixture,
                                 gconstpointer  data)
{
  g_autofree char *sheet = sheet_of (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(RuhuOp) op = NULL;
  g_autoptr(JsonNode) place = json_node_init_string (json_node_alloc (), "另一个地方");

  ruhu_signature_section_set_case (fixture->section, fixture->base.case_id);
  wait_idle (fixture);
  sign_slot (fixture, RUHU_SIGNATURE_SLOT_INVESTIGATOR_1, NULL);
  g_assert_null (strstr (slot_subtitle (fixture, "First investigator"), "changed"));
  op = ruhu_device_write (fixture->base.ui.device, sheet, "check_sheet", fixture->base.case_id,
                          fixture->base.case_id, "place", place, &error);
  g_assert_no_error (error);
  wait_idle (fixture);
  g_assert_nonnull (strstr (slot_subtitle (fixture, "First investigator"),
                            "the sheet changed after this signature"));
}

/* The pad on its own: ink makes a PNG of its size; Delete (its action)
 * clears it, and an empty pad exports nothing. */
static void
test_pad_export_and_clear (SignFixture   *fixture,
                           gconstpointer  data)
{
  RuhuSignaturePad *pad = ruhu_signature_section_get_pad (fixture->section);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) none = NULL;
  RuhuImageInfo info;

  ruhu_signature_section_set_case (fixture->section, fixture->base.case_id);
  wait_idle (fixture);
  g_assert_true (ruhu_signature_section_begin_signing (fixture->section,
                                                       RUHU_SIGNATURE_SLOT_APPLICANT));
  ui_iterate (300);
  draw_name (pad);
  g_assert_false (ruhu_signature_pad_is_empty (pad));
  png = ruhu_signature_pad_export_png (pad, &error);
  g_assert_no_error (error);
  g_assert_true (ruhu_image_check (g_bytes_get_data (png, NULL), g_bytes_get_size (png), &info,
                                   &error));
  g_assert_no_error (error);
  g_assert_cmpint (info.format, ==, RUHU_IMAGE_PNG);
  /* Cut to the ink: the strokes span 40–292 × 60–120, plus a margin. */
  g_assert_cmpuint (info.width, >, 252);
  g_assert_cmpuint (info.width, <, 300);
  g_assert_cmpuint (info.height, >, 60);
  g_assert_cmpuint (info.height, <, 100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pad), "pad.clear", NULL));
  g_assert_true (ruhu_signature_pad_is_empty (pad));
  none = ruhu_signature_pad_export_png (pad, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

int
main (int   argc,
      char *argv[])
{
  section_window_init (&argc, &argv);
  g_test_add ("/ruhu/ui/signature/signing-locks-sheet", SignFixture, NULL,
              sign_setup, test_signing_locks_sheet, sign_teardown);
  g_test_add ("/ruhu/ui/signature/incomplete-sheet-refused", SignFixture, NULL,
              sign_setup, test_incomplete_sheet_refused, sign_teardown);
  g_test_add ("/ruhu/ui/signature/change-after-signing-shown", SignFixture, NULL,
              sign_setup, test_change_after_signing_shown, sign_teardown);
  g_test_add ("/ruhu/ui/signature/pad-export-and-clear", SignFixture, NULL,
              sign_setup, test_pad_export_and_clear, sign_teardown);
  return g_test_run ();
}
