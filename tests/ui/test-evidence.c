/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "ruhu-camera.h"
#include "ruhu-camera-window.h"
#include "ruhu-evidence-section.h"
#include "ruhu-image.h"
#include "ruhu-photo-viewer.h"
#include "section-window.h"

typedef struct
{
  SectionWindow        base;
  RuhuEvidenceSection *section;
} EvidenceFixture;

static void
evidence_setup (EvidenceFixture *fixture,
                gconstpointer    data)
{
  section_window_setup (&fixture->base);
  fixture->section = ruhu_evidence_section_new (fixture->base.ui.device);
  section_window_show (&fixture->base, GTK_WIDGET (fixture->section), 720, 640);
}

static void
evidence_teardown (EvidenceFixture *fixture,
                   gconstpointer    data)
{
  section_window_teardown (&fixture->base);
}

static void
wait_idle (EvidenceFixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  do
    ui_iterate (20);
  while (ruhu_evidence_section_is_busy (fixture->section) && g_get_monotonic_time () < deadline);
  g_assert_false (ruhu_evidence_section_is_busy (fixture->section));
}

static GFile *
photo_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "photos", name, NULL);

  return g_file_new_for_path (path);
}

static void
click (GtkWidget *root,
       const char *text)
{
  GtkWidget *found = ui_find_by_text (root, text);
  GtkWidget *button = GTK_IS_BUTTON (found) ? found : gtk_widget_get_ancestor (found,
                                                                               GTK_TYPE_BUTTON);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
add_and_save (EvidenceFixture *fixture,
              const char      *file,
              const char      *category,
              const char      *screenshot)
{
  g_autoptr(GFile) photo = photo_file (file);

  ruhu_evidence_section_add_file (fixture->section, photo);
  wait_idle (fixture);
  g_assert_null (ruhu_evidence_section_get_message (fixture->section));
  g_assert_true (ruhu_evidence_section_has_pending (fixture->section));
  g_assert_true (ruhu_evidence_section_set_category (fixture->section, category));
  if (screenshot != NULL)
    section_window_photograph (GTK_WIDGET (fixture->base.window), screenshot);
  click (GTK_WIDGET (fixture->section), "_Save Evidence");
  wait_idle (fixture);
  g_assert_false (ruhu_evidence_section_has_pending (fixture->section));
}

static char *
file_sha256 (const char *file)
{
  g_autoptr(GFile) photo = photo_file (file);
  g_autoptr(GBytes) bytes = g_file_load_bytes (photo, NULL, NULL, NULL);

  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* The id of the one evidence entity of the case. */
static char *
only_evidence_id (EvidenceFixture *fixture)
{
  RuhuStore *store = ruhu_device_get_store (fixture->base.ui.device);
  g_autoptr(GPtrArray) entities = ruhu_store_list_entities (store, fixture->base.case_id, NULL);
  char *id = NULL;

  for (guint i = 0; i < entities->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (entities, i);

      if (strcmp (info->kind, "evidence") != 0)
        continue;
      g_assert_null (id);
      g_assert_cmpstr (info->parent, ==, fixture->base.case_id);
      id = g_strdup (info->id);
    }
  g_assert_nonnull (id);
  return id;
}

/* The one evidence entity of the case, with its fields. */
static GHashTable *
only_evidence (EvidenceFixture *fixture)
{
  g_autofree char *id = only_evidence_id (fixture);

  return ruhu_store_get_fields (ruhu_device_get_store (fixture->base.ui.device), id, NULL);
}

static void
test_add_photo (EvidenceFixture *fixture,
                gconstpointer    data)
{
  g_autoptr(GHashTable) fields = NULL;
  g_autofree char *sha256 = file_sha256 ("palace-nikon-gps-500x375.jpg");

  ruhu_evidence_section_set_case (fixture->section, fixture->base.case_id);
  wait_idle (fixture);
  g_assert_cmpuint (ruhu_evidence_section_get_n_items (fixture->section), ==, 0);
  section_window_photograph (GTK_WIDGET (fixture->base.window), "evidence-empty");

  add_and_save (fixture, "palace-nikon-gps-500x375.jpg", "id_front", "evidence-pending");
  g_assert_cmpuint (ruhu_evidence_section_get_n_items (fixture->section), ==, 1);
  g_assert_cmpuint (ruhu_evidence_section_get_n_thumbnails (fixture->section), ==, 1);
  fields = only_evidence (fixture);
  g_assert_cmpstr (json_node_get_string (g_hash_table_lookup (fields, "category")), ==,
                   "id_front");
  g_assert_cmpstr (json_node_get_string (g_hash_table_lookup (fields, "photo")), ==, sha256);

  add_and_save (fixture, "cat-512x512.png", "other", NULL);
  add_and_save (fixture, "boat-panasonic-orient6-640x428.jpg", "dwelling_photo", NULL);
  g_assert_cmpuint (ruhu_evidence_section_get_n_thumbnails (fixture->section), ==, 3);
  section_window_photograph (GTK_WIDGET (fixture->base.window), "evidence-grid");
  /* A phone-sized window: two thumbnails a row, nothing cut off. */
  gtk_window_set_default_size (fixture->base.window, 360, 640);
  section_window_photograph (GTK_WIDGET (fixture->base.window), "evidence-narrow");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->section)), <=, 360);
}

static void
assert_refused (EvidenceFixture *fixture,
                GFile           *file,
                const char      *why)
{
  g_autofree char *name = g_file_get_basename (file);
  const char *message;

  ruhu_evidence_section_add_file (fixture->section, file);
  wait_idle (fixture);
  message = ruhu_evidence_section_get_message (fixture->section);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, name));
  g_assert_nonnull (strstr (message, why));
  g_assert_nonnull (ui_find_by_text (GTK_WIDGET (fixture->section), message));
  g_assert_false (ruhu_evidence_section_has_pending (fixture->section));
}

static void
test_bad_files_refused (EvidenceFixture *fixture,
                        gconstpointer    data)
{
  g_autoptr(GFile) truncated = photo_file ("bad-truncated-storm.jpg");
  g_autoptr(GFile) renamed = photo_file ("bad-not-an-image.jpg");
  g_autofree char *text_path = g_build_filename (fixture->base.ui.dir, "notes.txt", NULL);
  g_autoptr(GFile) text = g_file_new_for_path (text_path);

  g_assert_true (g_file_set_contents (text_path, "Household visited on Monday.\n", -1, NULL));
  ruhu_evidence_section_set_case (fixture->section, fixture->base.case_id);
  wait_idle (fixture);
  assert_refused (fixture, renamed, "not a photo");
  assert_refused (fixture, text, "not a photo");
  assert_refused (fixture, truncated, "incomplete");
  g_assert_cmpuint (ruhu_evidence_section_get_n_items (fixture->section), ==, 0);
  section_window_photograph (GTK_WIDGET (fixture->base.window), "evidence-refused");
}

static gboolean
viewer_loaded (RuhuPhotoViewer *viewer)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!ruhu_photo_viewer_is_loaded (viewer) && g_get_monotonic_time () < deadline)
    ui_iterate (20);
  return ruhu_photo_viewer_is_loaded (viewer);
}

/* The boat was taken with the camera turned (EXIF orientation 6): stored
 * 640×428, it shows upright, taller than wide. */
static void
test_viewer_upright_and_zoom (EvidenceFixture *fixture,
                              gconstpointer    data)
{
  g_autofree char *sha256 = file_sha256 ("boat-panasonic-orient6-640x428.jpg");
  RuhuPhotoViewer *viewer;
  GdkTexture *texture;

  ruhu_evidence_section_set_case (fixture->section, fixture->base.case_id);
  wait_idle (fixture);
  add_and_save (fixture, "boat-panasonic-orient6-640x428.jpg", "dwelling_photo", NULL);
  viewer = ruhu_photo_viewer_new (fixture->base.window, fixture->base.ui.device, sha256, "Boat");
  gtk_window_present (GTK_WINDOW (viewer));
  section_window_wait_mapped (GTK_WIDGET (viewer));
  g_assert_true (viewer_loaded (viewer));
  texture = ruhu_photo_viewer_get_texture (viewer);
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 428);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 640);
  g_assert_cmpfloat (ruhu_photo_viewer_get_zoom (viewer), ==, 0);
  section_window_photograph (GTK_WIDGET (viewer), "evidence-viewer-fit");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-in", NULL));
  g_assert_cmpfloat (ruhu_photo_viewer_get_zoom (viewer), >, 0);
  ruhu_photo_viewer_set_zoom (viewer, 2.0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (ruhu_photo_viewer_get_zoom (viewer), 2.5, 1e-9);
  section_window_photograph (GTK_WIDGET (viewer), "evidence-viewer-zoomed");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-fit", NULL));
  g_assert_cmpfloat (ruhu_photo_viewer_get_zoom (viewer), ==, 0);
  gtk_window_destroy (GTK_WINDOW (viewer));
}

static GtkWidget *
find_by_type (GtkWidget *root,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The window of @type the section opened. */
static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return GTK_WIDGET (window);
    }
  return NULL;
}

/* A tile opens its photo; deleting it there takes it out of the case. */
static void
test_tile_opens_viewer_and_deletes (EvidenceFixture *fixture,
                                    gconstpointer    data)
{
  GtkWidget *flowbox;
  RuhuPhotoViewer *viewer;
  g_autoptr(GHashTable) fields = NULL;

  ruhu_evidence_section_set_case (fixture->section, fixture->base.case_id);
  wait_idle (fixture);
  add_and_save (fixture, "cat-512x512.png", "other", NULL);
  fields = only_evidence (fixture);
  flowbox = find_by_type (GTK_WIDGET (fixture->section), GTK_TYPE_FLOW_BOX);
  click (flowbox, "Other");
  viewer = RUHU_PHOTO_VIEWER (find_toplevel (RUHU_TYPE_PHOTO_VIEWER));
  g_assert_nonnull (viewer);
  g_assert_true (viewer_loaded (viewer));
  g_assert_cmpint (gdk_texture_get_width (ruhu_photo_viewer_get_texture (viewer)), ==, 512);
  g_signal_emit_by_name (viewer, "delete-requested");
  gtk_window_destroy (GTK_WINDOW (viewer));
  wait_idle (fixture);
  g_assert_cmpuint (ruhu_evidence_section_get_n_items (fixture->section), ==, 0);
}

/* A photo filed under the wrong kind and person is filed anew from its
 * full view; only what changed is written, to the same evidence. */
static void
test_refile_saved_evidence (EvidenceFixture *fixture,
                            gconstpointer    data)
{
  RuhuStore *store = ruhu_device_get_store (fixture->base.ui.device);
  g_autofree char *sha256 = file_sha256 ("cat-512x512.png");
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GPtrArray) photo_versions = NULL;
  GtkWidget *flowbox;
  GtkWidget *member_label;
  RuhuPhotoViewer *viewer;
  g_autofree char *entity = NULL;

  ruhu_evidence_section_set_case (fixture->section, fixture->base.case_id);
  wait_idle (fixture);
  add_and_save (fixture, "cat-512x512.png", "other", NULL);
  before = only_evidence (fixture);
  g_assert_null (g_hash_table_lookup (before, "member"));

  flowbox = find_by_type (GTK_WIDGET (fixture->section), GTK_TYPE_FLOW_BOX);
  click (flowbox, "Other");
  viewer = RUHU_PHOTO_VIEWER (find_toplevel (RUHU_TYPE_PHOTO_VIEWER));
  g_assert_nonnull (viewer);
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.edit", NULL);
  ui_iterate (100);
  g_assert_null (find_toplevel (RUHU_TYPE_PHOTO_VIEWER));
  g_assert_true (ruhu_evidence_section_has_pending (fixture->section));

  g_assert_true (ruhu_evidence_section_set_category (fixture->section, "id_back"));
  member_label = ui_find_by_text (GTK_WIDGET (fixture->section), "Member it belongs to");
  g_assert_nonnull (member_label);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_label_get_mnemonic_widget (GTK_LABEL (member_label))),
                              1);
  section_window_photograph (GTK_WIDGET (fixture->base.window), "evidence-refile");
  click (GTK_WIDGET (fixture->section), "_Save Evidence");
  wait_idle (fixture);

  g_assert_false (ruhu_evidence_section_has_pending (fixture->section));
  g_assert_cmpuint (ruhu_evidence_section_get_n_items (fixture->section), ==, 1);
  after = only_evidence (fixture);
  g_assert_cmpstr (json_node_get_string (g_hash_table_lookup (after, "category")), ==, "id_back");
  g_assert_nonnull (json_node_get_string (g_hash_table_lookup (after, "member")));
  g_assert_cmpstr (json_node_get_string (g_hash_table_lookup (after, "photo")), ==, sha256);
  /* The photo itself was not written again. */
  entity = only_evidence_id (fixture);
  photo_versions = ruhu_store_get_history (store, entity, "photo", NULL);
  g_assert_nonnull (photo_versions);
  g_assert_cmpuint (photo_versions->len, ==, 1);
}

static GtkWidget *
capture_button (EvidenceFixture *fixture)
{
  GtkWidget *label = ui_find_by_text (GTK_WIDGET (fixture->section), "Take Photo");

  g_assert_nonnull (label);
  return gtk_widget_get_ancestor (label, GTK_TYPE_BUTTON);
}

/* The test machine has no camera: no capture button. */
static void
test_no_camera (void)
{
  UiFixture ui;
  RuhuEvidenceSection *section;

  g_unsetenv (RUHU_CAMERA_PIPELINE_ENV);
  if (ruhu_camera_is_available ())
    {
      g_test_skip ("This machine has a camera");
      return;
    }
  ui_fixture_setup (&ui, 1);
  section = g_object_ref_sink (ruhu_evidence_section_new (ui.device));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (
    ui_find_by_text (GTK_WIDGET (section), "Take Photo"), GTK_TYPE_BUTTON)));
  g_assert_finalize_object (section);
  ui_fixture_teardown (&ui);
}

/* A test pattern stands in for the camera: the same pipeline from the
 * converter on, the same capture and the same way into the case. */
static void
test_capture_with_test_source (void)
{
  EvidenceFixture fixture;
  RuhuCameraWindow *window;
  gint64 deadline;
  g_autoptr(GHashTable) fields = NULL;

  g_setenv (RUHU_CAMERA_PIPELINE_ENV, "videotestsrc is-live=true pattern=smpte", TRUE);
  evidence_setup (&fixture, NULL);
  ruhu_evidence_section_set_case (fixture.section, fixture.base.case_id);
  wait_idle (&fixture);
  g_assert_true (gtk_widget_get_visible (capture_button (&fixture)));
  g_signal_emit_by_name (capture_button (&fixture), "clicked");
  window = RUHU_CAMERA_WINDOW (find_toplevel (RUHU_TYPE_CAMERA_WINDOW));
  g_assert_nonnull (window);
  section_window_wait_mapped (GTK_WIDGET (window));
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!gtk_widget_get_sensitive (ui_find_by_text (GTK_WIDGET (window), "_Take Photo")) &&
         g_get_monotonic_time () < deadline)
    ui_iterate (50);
  section_window_photograph (GTK_WIDGET (window), "evidence-camera");
  g_assert_true (ruhu_camera_window_capture (window));
  wait_idle (&fixture);
  g_assert_null (ruhu_evidence_section_get_message (fixture.section));
  g_assert_true (ruhu_evidence_section_has_pending (fixture.section));
  g_assert_true (ruhu_evidence_section_set_category (fixture.section, "hukou_first_page"));
  click (GTK_WIDGET (fixture.section), "_Save Evidence");
  wait_idle (&fixture);
  g_assert_cmpuint (ruhu_evidence_section_get_n_thumbnails (fixture.section), ==, 1);
  fields = only_evidence (&fixture);
  g_assert_nonnull (g_hash_table_lookup (fields, "taken_at"));
  g_unsetenv (RUHU_CAMERA_PIPELINE_ENV);
  evidence_teardown (&fixture, NULL);
}

static void
test_camera_capture_is_jpeg (void)
{
  g_autoptr(RuhuCamera) camera = ruhu_camera_new ("videotestsrc is-live=true");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  RuhuImageInfo info;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_assert_true (ruhu_camera_start (camera, &error));
  g_assert_no_error (error);
  while (ruhu_camera_get_frame (camera) == NULL && g_get_monotonic_time () < deadline)
    ui_iterate (20);
  g_assert_nonnull (ruhu_camera_get_frame (camera));
  jpeg = ruhu_camera_capture_jpeg (camera, &error);
  g_assert_no_error (error);
  g_assert_true (ruhu_image_check (g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg), &info,
                                   &error));
  g_assert_no_error (error);
  g_assert_cmpint (info.format, ==, RUHU_IMAGE_JPEG);
  g_assert_cmpuint (info.width, ==, gdk_texture_get_width (ruhu_camera_get_frame (camera)));
  ruhu_camera_stop (camera);
}

/* GStreamer grows GLib's quark table past its first block, which GLib
 * abandons on purpose; LeakSanitizer can only tell it apart (it comes from
 * a library constructor, see tests/lsan.supp) with whole stacks. So tests
 * that start GStreamer run in a child with whole stacks, and the other
 * tests' processes never start it. */
static void
run_in_child (gconstpointer test)
{
  const char *options = g_getenv ("ASAN_OPTIONS");
  g_autofree char *saved = g_strdup (options);
  g_autofree char *child = g_strconcat (options != NULL ? options : "",
                                        options != NULL ? ":" : "",
                                        "fast_unwind_on_malloc=0", NULL);

  if (g_test_subprocess ())
    {
      ((GTestFunc) test) ();
      return;
    }
  g_setenv ("ASAN_OPTIONS", child, TRUE);
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  if (saved != NULL)
    g_setenv ("ASAN_OPTIONS", saved, TRUE);
  else
    g_unsetenv ("ASAN_OPTIONS");
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  section_window_init (&argc, &argv);
  g_test_add ("/ruhu/ui/evidence/add-photo", EvidenceFixture, NULL,
              evidence_setup, test_add_photo, evidence_teardown);
  g_test_add ("/ruhu/ui/evidence/bad-files-refused", EvidenceFixture, NULL,
              evidence_setup, test_bad_files_refused, evidence_teardown);
  g_test_add ("/ruhu/ui/evidence/viewer-upright-and-zoom", EvidenceFixture, NULL,
              evidence_setup, test_viewer_upright_and_zoom, evidence_teardown);
  g_test_add ("/ruhu/ui/evidence/tile-opens-viewer-and-deletes", EvidenceFixture, NULL,
              evidence_setup, test_tile_opens_viewer_and_deletes, evidence_teardown);
  g_test_add ("/ruhu/ui/evidence/refile-saved-evidence", EvidenceFixture, NULL,
              evidence_setup, test_refile_saved_evidence, evidence_teardown);
  g_test_add_func ("/ruhu/ui/evidence/no-camera", test_no_camera);
  g_test_add_data_func ("/ruhu/ui/evidence/camera-capture-is-jpeg", test_camera_capture_is_jpeg,
                        run_in_child);
  g_test_add_data_func ("/ruhu/ui/evidence/capture-with-test-source",
                        test_capture_with_test_source, run_in_child);
  return g_test_run ();
}
