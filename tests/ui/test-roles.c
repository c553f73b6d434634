/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ruhu-discovery-page.h"
#include "ruhu-form-validate.h"
#include "ruhu-visit-page.h"
#include "section-window.h"

/* The village assistant's discovery report and the volunteer's outreach
 * visit, filled in through their widgets as a person would. */

typedef SectionWindow RolesFixture;

/* One demo case and a folder for photos, as for the case page's sections;
 * the pages scroll by themselves, so they go straight into the window. */
static void
roles_setup (RolesFixture  *self,
             gconstpointer  data)
{
  section_window_setup (self);
  self->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (self->window, 600, 1000);
}

static void
roles_teardown (RolesFixture  *self,
                gconstpointer  data)
{
  section_window_teardown (self);
}

static void
show_page (RolesFixture *self,
           GtkWidget    *page)
{
  gtk_window_set_child (self->window, page);
  gtk_window_present (self->window);
  section_window_wait_mapped (GTK_WIDGET (self->window));
}

static GtkWidget *
find_row (GtkWidget  *page,
          const char *title)
{
  GtkWidget *row = ui_find_by_text (page, title);

  g_assert_nonnull (row);
  return row;
}

static void
type_into (GtkWidget  *page,
           const char *title,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find_row (page, title)), text);
}

/* A multi-line field is a row holding a label over a framed text view. */
static void
write_into (GtkWidget  *page,
            const char *title,
            const char *text)
{
  GtkWidget *row = find_row (page, title);
  GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
  GtkWidget *frame = gtk_widget_get_last_child (box);
  GtkWidget *view = gtk_frame_get_child (GTK_FRAME (frame));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

/* Chooses the option shown as @option in the drop-down row @title. */
static void
choose (GtkWidget  *page,
        const char *title,
        const char *option)
{
  AdwComboRow *row = ADW_COMBO_ROW (find_row (page, title));
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (strcmp (gtk_string_object_get_string (item), option) == 0)
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }
  g_assert_not_reached ();
}

static char *
make_photo (RolesFixture *self)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 32, 24);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (self->ui.dir, "dwelling.png", NULL);

  gdk_pixbuf_fill (pixbuf, 0x8899aaff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
  g_assert_no_error (error);
  return path;
}

/* The entity @kind under @case_id, checked against its form. */
static GHashTable *
read_valid_entity (RolesFixture *self,
                   const char   *case_id,
                   const char   *kind,
                   guint        *n_found)
{
  RuhuStore *store = ruhu_device_get_store (self->ui.device);
  g_autoptr(GPtrArray) entities = ruhu_store_list_entities (store, case_id, NULL);
  RuhuForm *form = ruhu_form_set_lookup (ruhu_device_get_forms (self->ui.device), kind);
  GHashTable *fields = NULL;

  *n_found = 0;
  g_assert_nonnull (entities);
  for (guint i = 0; i < entities->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (entities, i);
      g_autoptr(GPtrArray) problems = NULL;

      if (strcmp (info->kind, kind) != 0)
        continue;
      (*n_found)++;
      g_clear_pointer (&fields, g_hash_table_unref);
      fields = ruhu_store_get_fields (store, info->id, NULL);
      problems = ruhu_form_validate_entity (form, fields, NULL);
      for (guint j = 0; j < problems->len; j++)
        g_test_message ("%s", ((RuhuFormProblem *) g_ptr_array_index (problems, j))->message);
      g_assert_cmpuint (problems->len, ==, 0);
    }
  return fields;
}

static const char *
string_field (GHashTable *fields,
              const char *name)
{
  JsonNode *node = g_hash_table_lookup (fields, name);

  g_assert_nonnull (node);
  return json_node_get_string (node);
}

static void
filed_cb (RuhuDiscoveryPage  *page,
          const char         *case_id,
          char              **out)
{
  g_free (*out);
  *out = g_strdup (case_id);
}

static void
test_discovery_report (RolesFixture  *self,
                       gconstpointer  data)
{
  RuhuDiscoveryPage *page = ruhu_discovery_page_new (self->ui.device);
  GtkWidget *widget = GTK_WIDGET (page);
  RuhuStore *store = ruhu_device_get_store (self->ui.device);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) report = NULL;
  g_autoptr(GHashTable) household = NULL;
  g_autofree char *photo = make_photo (self);
  g_autofree char *case_id = NULL;
  gint64 outbox_before;
  guint n_found = 0;

  g_signal_connect (page, "filed", G_CALLBACK (filed_cb), &case_id);
  show_page (self, widget);
  outbox_before = ruhu_store_outbox_count (store, NULL);

  /* An empty report is refused with its problems, and writes nothing. */
  g_assert_false (ruhu_discovery_page_file (page, NULL));
  g_assert_cmpint (ruhu_store_outbox_count (store, NULL), ==, outbox_before);
  g_assert_true (gtk_widget_has_css_class (find_row (widget, "Person in hardship"), "error"));

  type_into (widget, "Person in hardship", "刘桂兰");
  type_into (widget, "Phone number of the person", "13512345678");
  type_into (widget, "Where the person lives", "石桥村三组 8 号");
  choose (widget, "Urgency", "Needs help within a week");
  write_into (widget, "Situation", "独居老人，腿脚不便，冬季取暖困难。");
  g_assert_true (ruhu_entity_form_set_photo_file (ruhu_discovery_page_get_form (page), "photo",
                                                  photo, &error));
  g_assert_no_error (error);
  ui_iterate (200);
  section_window_photograph (GTK_WIDGET (self->window), "discovery-page");
  /* The narrowest tablet the product supports. */
  gtk_window_set_default_size (self->window, 360, 720);
  section_window_photograph (GTK_WIDGET (self->window), "discovery-page-narrow");

  g_signal_emit_by_name (find_row (widget, "_File Report"), "clicked");
  g_assert_cmpint (ruhu_store_outbox_count (store, NULL), >, outbox_before);
  /* The page is empty again for the next report. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (widget, "Person in hardship"))),
                   ==, "");

  g_assert_nonnull (case_id);
  report = read_valid_entity (self, case_id, "discovery_report", &n_found);
  g_assert_cmpuint (n_found, ==, 1);
  g_assert_cmpstr (string_field (report, "person_name"), ==, "刘桂兰");
  g_assert_cmpstr (string_field (report, "urgency"), ==, "soon");
  g_assert_cmpstr (string_field (report, "reporter_name"), ==,
                   ruhu_device_get_actor (self->ui.device));
  g_assert_cmpuint (strlen (string_field (report, "photo")), ==, 64);
  household = ruhu_store_get_fields (store, case_id, NULL);
  g_assert_cmpstr (string_field (household, "head_name"), ==, "刘桂兰");
  g_assert_cmpstr (string_field (household, "address"), ==, "石桥村三组 8 号");
}

static void
test_outreach_visit (RolesFixture  *self,
                     gconstpointer  data)
{
  const char *case_id = g_ptr_array_index (self->ui.case_ids, 0);
  RuhuVisitPage *page = ruhu_visit_page_new (self->ui.device, case_id);
  GtkWidget *widget = GTK_WIDGET (page);
  g_autoptr(GHashTable) visit = NULL;
  guint n_found = 0;

  show_page (self, widget);
  g_assert_cmpuint (ruhu_visit_page_get_n_visits (page), ==, 0);
  g_assert_false (ruhu_visit_page_record (page));

  type_into (widget, "Who was seen", "户主及其老伴");
  choose (widget, "Condition", "Worse than at the last visit");
  write_into (widget, "Notes on the condition", "老伴住院两周，户主一人在家。");
  gtk_switch_set_active (GTK_SWITCH (adw_action_row_get_activatable_widget (
                           ADW_ACTION_ROW (find_row (widget, "The recipient was seen in person")))),
                         TRUE);
  ui_iterate (200);
  section_window_photograph (GTK_WIDGET (self->window), "visit-page");

  g_signal_emit_by_name (find_row (widget, "_Record Visit"), "clicked");
  ui_iterate (100);
  g_assert_cmpuint (ruhu_visit_page_get_n_visits (page), ==, 1);
  visit = read_valid_entity (self, case_id, "outreach_visit", &n_found);
  g_assert_cmpuint (n_found, ==, 1);
  g_assert_cmpstr (string_field (visit, "condition"), ==, "worse");
  g_assert_true (json_node_get_boolean (g_hash_table_lookup (visit, "seen_in_person")));
  g_assert_cmpstr (string_field (visit, "visitor_name"), ==,
                   ruhu_device_get_actor (self->ui.device));
  g_assert_nonnull (g_hash_table_lookup (visit, "visited_on"));
  section_window_photograph (GTK_WIDGET (self->window), "visit-page-recorded");
}

int
main (int   argc,
      char *argv[])
{
  section_window_init (&argc, &argv);
  g_test_add ("/ruhu/ui/roles/discovery-report", RolesFixture, NULL, roles_setup,
              test_discovery_report, roles_teardown);
  g_test_add ("/ruhu/ui/roles/outreach-visit", RolesFixture, NULL, roles_setup,
              test_outreach_visit, roles_teardown);
  return g_test_run ();
}
