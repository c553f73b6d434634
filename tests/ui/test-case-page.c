/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "ruhu-case-page.h"
#include "ruhu-field-row.h"
#include "ui-fixture.h"

/* The case page on a demo case: edits typed into its rows are stored,
 * wrong values are refused with a message, totals and relevance follow the
 * typing, and the page looks right wide and narrow. */
typedef struct
{
  UiFixture     base;
  GtkWindow    *window;
  RuhuCasePage *page;
  const char   *case_id;
} PageFixture;

static gboolean
watchdog_cb (gpointer user_data)
{
  g_error ("The case page did not finish loading");
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the page has read its case (again). */
static void
wait_loaded (PageFixture *f)
{
  guint watchdog = g_timeout_add_seconds (120, watchdog_cb, NULL);

  ui_iterate (20);
  while (ruhu_case_page_get_loading (f->page))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (watchdog);
  ui_iterate (50);
}

static void
page_setup (PageFixture   *f,
            gconstpointer  data)
{
  ui_fixture_setup (&f->base, 2);
  f->case_id = g_ptr_array_index (f->base.case_ids, 0);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 900);
  f->page = ruhu_case_page_new ();
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  ruhu_case_page_set_device (f->page, f->base.device);
  ruhu_case_page_set_case (f->page, f->case_id);
  gtk_window_present (f->window);
  wait_loaded (f);
  g_assert_cmpstr (ruhu_case_page_get_case (f->page), ==, f->case_id);
}

static void
page_teardown (PageFixture   *f,
               gconstpointer  data)
{
  /* No read of the store left running when the store goes: the page's,
   * and those of the sections it embeds. */
  wait_loaded (f);
  gtk_window_destroy (f->window);
  ui_iterate (500);
  ui_fixture_teardown (&f->base);
}

static char *
first_entity (PageFixture *f,
              const char  *kind)
{
  g_autoptr(GPtrArray) ids = ruhu_case_page_list_entities (f->page, kind);

  g_assert_cmpuint (ids->len, >, 0);
  return g_strdup (g_ptr_array_index (ids, 0));
}

static RuhuFieldRow *
row_of (PageFixture *f,
        const char  *entity,
        const char  *field)
{
  RuhuFieldRow *row = ruhu_case_page_lookup_row (f->page, entity, field);

  g_assert_nonnull (row);
  return row;
}

/* What a person does in an entry row: select all, type, press Enter. */
static void
type_into (RuhuFieldRow *row,
           const char   *text,
           gboolean      enter)
{
  GtkWidget *entry = ruhu_field_row_get_row (row);

  g_assert_true (ADW_IS_ENTRY_ROW (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  if (enter)
    g_signal_emit_by_name (entry, "entry-activated");
}

static GtkWidget *
find_button_with_icon (GtkWidget  *root,
                       const char *icon)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), icon) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_icon (child, icon);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
stored_text (RuhuStore  *store,
             const char *entity,
             const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = ruhu_store_get_value (store, entity, field, &error);

  g_assert_no_error (error);
  return value != NULL && JSON_NODE_HOLDS_VALUE (value) ? g_strdup (json_node_get_string (value))
                                                        : NULL;
}

static void
test_edit_persists (PageFixture   *f,
                    gconstpointer  data)
{
  g_autofree char *household = first_entity (f, "household");
  g_autoptr(RuhuStore) reopened = NULL;
  g_autofree char *address = NULL;

  type_into (row_of (f, household, "address"), "石门村三组 12 号", TRUE);
  wait_loaded (f);
  g_assert_false (ruhu_field_row_is_dirty (row_of (f, household, "address")));

  /* What a restarted client reads from the same file. */
  reopened = ui_fixture_reopen (&f->base);
  address = stored_text (reopened, household, "address");
  g_assert_cmpstr (address, ==, "石门村三组 12 号");
}

static void
test_invalid_id_number (PageFixture   *f,
                        gconstpointer  data)
{
  g_autofree char *member = first_entity (f, "member");
  RuhuFieldRow *row = row_of (f, member, "id_number");
  GtkWidget *entry = ruhu_field_row_get_row (row);
  g_autofree char *before = stored_text (ruhu_device_get_store (f->base.device), member, "id_number");
  g_autofree char *after = NULL;
  GtkWidget *reveal = find_button_with_icon (entry, "view-reveal-symbolic");
  g_autofree char *masked = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  g_autofree char *shot = NULL;

  /* Shown masked until the user asks to see it. */
  g_assert_nonnull (before);
  g_assert_cmpstr (masked, !=, before);
  g_assert_true (g_str_has_suffix (masked, before + strlen (before) - 4));
  g_assert_nonnull (reveal);
  g_signal_emit_by_name (reveal, "clicked");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, before);

  /* One digit changed: the check character no longer matches. */
  {
    g_autofree char *wrong = g_strdup (before);

    wrong[5] = wrong[5] == '1' ? '2' : '1';
    type_into (row, wrong, TRUE);
  }
  g_assert_true (ruhu_field_row_has_error (row));
  g_assert_nonnull (strstr (ruhu_field_row_get_message (row), "Resident ID number"));
  g_assert_true (gtk_widget_get_visible (ruhu_field_row_get_message_row (row)));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  wait_loaded (f);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (gtk_widget_get_ancestor (
    entry, ADW_TYPE_EXPANDER_ROW)), TRUE);
  ui_iterate (300);
  shot = ui_save_screenshot (gtk_widget_get_ancestor (entry, ADW_TYPE_PREFERENCES_GROUP),
                             "case-page-invalid-id");
  g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));

  after = stored_text (ruhu_device_get_store (f->base.device), member, "id_number");
  g_assert_cmpstr (after, ==, before);
  /* The wrong text stays for the user to correct. */
  g_assert_true (ruhu_field_row_is_dirty (row));
}

static void
test_income_follows_typing (PageFixture   *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  RuhuIncome before, after;
  RuhuFieldRow *row;

  /* A new item of wages, as the "Add income" menu makes it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "page.add-entity", "(sss)",
                                             "income", "kind", "wages"));
  wait_loaded (f);
  items = ruhu_case_page_list_entities (f->page, "income");
  g_assert_cmpuint (items->len, >, 0);
  ruhu_case_page_get_income (f->page, &before);
  g_assert_cmpuint (before.n_covered, >, 0);
  row = NULL;
  for (guint i = 0; i < items->len && row == NULL; i++)
    {
      RuhuFieldRow *candidate = row_of (f, g_ptr_array_index (items, i), "amount_monthly");

      if (ruhu_field_row_get_pending (candidate) == NULL)
        row = candidate;
    }
  g_assert_nonnull (row);

  /* 300.50 yuan a month, typed and not yet saved. */
  type_into (row, "300.50", FALSE);
  ruhu_case_page_get_income (f->page, &after);
  g_assert_cmpint (after.net_fen, ==, before.net_fen + 30050);
  g_assert_cmpint (after.per_person_fen, ==,
                   (after.net_fen + after.n_covered / 2) / after.n_covered);
  g_assert_cmpint (ruhu_case_page_get_income_verdict (f->page), !=, RUHU_INCOME_UNKNOWN);

  /* While the amount is wrong, the total goes by the stored one (none). */
  type_into (row, "12.345", FALSE);
  g_assert_true (ruhu_field_row_has_error (row));
  ruhu_case_page_get_income (f->page, &after);
  g_assert_cmpint (after.net_fen, ==, before.net_fen);
}

static void
test_relevance (PageFixture   *f,
                gconstpointer  data)
{
  g_autofree char *application = first_entity (f, "application");
  RuhuFieldRow *on_behalf = row_of (f, application, "on_behalf");
  RuhuFieldRow *agent = row_of (f, application, "agent_name");
  g_autoptr(JsonNode) stored = NULL;
  GtkSwitch *toggle;

  g_assert_false (gtk_widget_get_visible (ruhu_field_row_get_row (agent)));
  /* What a tap on the switch ends in (its animation aside). */
  toggle = GTK_SWITCH (ui_find_by_type (ruhu_field_row_get_row (on_behalf), GTK_TYPE_SWITCH));
  g_assert_nonnull (toggle);
  gtk_switch_set_active (toggle, TRUE);
  g_assert_true (gtk_widget_get_visible (ruhu_field_row_get_row (agent)));
  wait_loaded (f);
  stored = ruhu_store_get_value (ruhu_device_get_store (f->base.device), application, "on_behalf", NULL);
  g_assert_nonnull (stored);
  g_assert_true (json_node_get_boolean (stored));

  gtk_switch_set_active (toggle, FALSE);
  g_assert_false (gtk_widget_get_visible (ruhu_field_row_get_row (agent)));
}

static GtkCheckButton *
find_check (GtkWidget  *root,
            const char *label)
{
  if (GTK_IS_CHECK_BUTTON (root) &&
      g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (root)), label) == 0)
    return GTK_CHECK_BUTTON (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkCheckButton *found = find_check (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Ticking "Other aid" among several asks what it is, and is stored. */
static void
test_multi_choice (PageFixture   *f,
                   gconstpointer  data)
{
  g_autofree char *application = first_entity (f, "application");
  RuhuFieldRow *aid = row_of (f, application, "linked_aid");
  RuhuFieldRow *other = row_of (f, application, "linked_aid_other");
  GtkCheckButton *check = find_check (ruhu_field_row_get_row (aid), "Other aid");
  g_autoptr(JsonNode) stored = NULL;
  g_autofree char *json = NULL;

  g_assert_nonnull (check);
  g_assert_false (gtk_widget_get_visible (ruhu_field_row_get_row (other)));
  gtk_check_button_set_active (check, TRUE);
  g_assert_true (gtk_widget_get_visible (ruhu_field_row_get_row (other)));
  wait_loaded (f);
  stored = ruhu_store_get_value (ruhu_device_get_store (f->base.device), application, "linked_aid",
                                 NULL);
  json = json_to_string (stored, FALSE);
  g_assert_nonnull (strstr (json, "\"other\""));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (ruhu_field_row_get_row (aid))),
                            "Other aid"));
}

static void
test_refresh_keeps_typing (PageFixture   *f,
                           gconstpointer  data)
{
  g_autofree char *household = first_entity (f, "household");
  RuhuFieldRow *row = row_of (f, household, "hukou_place");
  g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), "13800138000");
  g_autoptr(RuhuOp) op = NULL;
  g_autoptr(GError) error = NULL;

  type_into (row, "半句话", FALSE);
  /* News from elsewhere (another field, written by sync) reloads the page. */
  op = ruhu_device_write (f->base.device, household, NULL, NULL, NULL, "phone", value, &error);
  g_assert_no_error (error);
  wait_loaded (f);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ruhu_field_row_get_row (row))), ==,
                   "半句话");
  g_assert_true (ruhu_field_row_is_dirty (row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ruhu_field_row_get_row (
                     row_of (f, household, "phone")))), ==, "13800138000");
}

/* Closing the window (or opening another case) keeps a valid value that
 * was typed and never left. */
static void
test_switch_keeps_typing (PageFixture   *f,
                          gconstpointer  data)
{
  g_autofree char *household = first_entity (f, "household");
  g_autofree char *stored = NULL;

  type_into (row_of (f, household, "hukou_place"), "重庆市北碚区", FALSE);
  ruhu_case_page_set_case (f->page, g_ptr_array_index (f->base.case_ids, 1));
  wait_loaded (f);
  stored = stored_text (ruhu_device_get_store (f->base.device), household, "hukou_place");
  g_assert_cmpstr (stored, ==, "重庆市北碚区");
  g_assert_null (ruhu_case_page_lookup_row (f->page, household, "hukou_place"));
}

static void
test_add_and_remove (PageFixture   *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) before = ruhu_case_page_list_entities (f->page, "neighbour_interview");
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  const char *fresh = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "page.add-entity", "(sss)",
                                             "neighbour_interview", "interviewed_at", ""));
  wait_loaded (f);
  added = ruhu_case_page_list_entities (f->page, "neighbour_interview");
  g_assert_cmpuint (added->len, ==, before->len + 1);
  for (guint i = 0; i < added->len; i++)
    if (!g_ptr_array_find_with_equal_func (before, g_ptr_array_index (added, i), g_str_equal, NULL))
      fresh = g_ptr_array_index (added, i);
  g_assert_nonnull (fresh);
  g_assert_nonnull (ruhu_field_row_get_pending (row_of (f, fresh, "interviewed_at")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "page.remove-entity", "s", fresh));
  wait_loaded (f);
  removed = ruhu_case_page_list_entities (f->page, "neighbour_interview");
  g_assert_cmpuint (removed->len, ==, before->len);
}

static void
add_signature (PageFixture *f,
               const char  *sheet,
               const char  *name)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autoptr(JsonNode) role = json_node_init_string (json_node_alloc (), "investigator");
  g_autoptr(JsonNode) signer = json_node_init_string (json_node_alloc (), name);
  g_autoptr(RuhuOp) first = NULL;
  g_autoptr(RuhuOp) second = NULL;
  g_autoptr(GError) error = NULL;

  first = ruhu_device_write (f->base.device, id, "signature", f->case_id, sheet, "signer_role",
                             role, &error);
  g_assert_no_error (error);
  second = ruhu_device_write (f->base.device, id, NULL, NULL, NULL, "signer_name", signer, &error);
  g_assert_no_error (error);
}

/* Two investigators signed: the sheet's rows are read-only, and say why;
 * the household stays editable; missing fields lead to their row. */
static void
test_locked_sheet (PageFixture   *f,
                   gconstpointer  data)
{
  g_autofree char *sheet = first_entity (f, "check_sheet");
  g_autofree char *household = first_entity (f, "household");
  RuhuFieldRow *place = row_of (f, sheet, "place");
  g_autoptr(GPtrArray) missing = NULL;

  g_assert_false (ruhu_case_page_get_locked (f->page));
  g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (ruhu_field_row_get_row (place))));
  g_assert_true (ruhu_case_page_get_sheet_complete (f->page, &missing));
  g_assert_cmpuint (missing->len, ==, 0);
  g_clear_pointer (&missing, g_ptr_array_unref);

  /* Emptied: the sheet is incomplete, and the summary says what is missing. */
  type_into (place, "", TRUE);
  wait_loaded (f);
  g_assert_false (ruhu_case_page_get_sheet_complete (f->page, &missing));
  g_assert_cmpuint (missing->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (missing, 0), "Place of the visit"));
  g_assert_nonnull (ui_find_by_text (GTK_WIDGET (f->page),
                                     "1 required field is missing on the check sheet"));
  type_into (place, "家中", TRUE);
  wait_loaded (f);

  add_signature (f, sheet, "高永康");
  add_signature (f, sheet, "程建华");
  wait_loaded (f);
  g_assert_true (ruhu_case_page_get_locked (f->page));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (ruhu_field_row_get_row (place))));
  g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (ruhu_field_row_get_row (
                   row_of (f, household, "address")))));
  g_assert_nonnull (ui_find_by_text (GTK_WIDGET (f->page), "Check sheet locked"));
  g_assert_true (gtk_widget_get_visible (ui_find_by_text (GTK_WIDGET (f->page),
                                                          "Check sheet locked")));

  /* Nothing typed into a locked row is written. */
  type_into (place, "改过的地点", TRUE);
  wait_loaded (f);
  {
    g_autofree char *stored = stored_text (ruhu_device_get_store (f->base.device), sheet, "place");

    g_assert_cmpstr (stored, ==, "家中");
  }
}

/* Another device changed the phone number without seeing ours: the row is
 * marked, and stays marked until someone resolves it. */
static void
test_conflict_mark (PageFixture   *f,
                    gconstpointer  data)
{
  g_autofree char *household = first_entity (f, "household");
  RuhuStore *store = ruhu_device_get_store (f->base.device);
  g_autoptr(RuhuEntityInfo) info = ruhu_store_get_entity (store, household, NULL);
  RuhuHlc hlc = { g_get_real_time () / 1000, 0 };
  g_autofree char *version = ruhu_version_format (&hlc, "other-tablet");
  g_autofree char *op_id = g_uuid_string_random ();
  g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), "13912345678");
  const char *no_bases[] = { NULL };
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_op_unref);
  g_autoptr(GArray) results = NULL;
  g_autoptr(GError) error = NULL;
  RuhuFieldRow *phone = row_of (f, household, "phone");
  GtkWidget *mark = find_button_with_icon (ruhu_field_row_get_row (phone), "dialog-warning-symbolic");

  g_assert_nonnull (info);
  g_assert_nonnull (mark);
  g_assert_false (gtk_widget_get_visible (mark));
  g_ptr_array_add (ops, ruhu_op_new (op_id, household, info->kind, info->case_id, info->parent,
                                     "phone", value, version, no_bases, "li.na", &error));
  g_assert_no_error (error);
  g_assert_true (ruhu_store_apply (store, ops, &results, &error));
  g_assert_no_error (error);
  g_array_set_clear_func (results, (GDestroyNotify) ruhu_apply_result_clear);
  ruhu_device_case_changed (f->base.device, f->case_id);
  wait_loaded (f);
  g_assert_true (gtk_widget_get_visible (mark));
  g_assert_false (gtk_widget_get_visible (find_button_with_icon (
                    ruhu_field_row_get_row (row_of (f, household, "address")),
                    "dialog-warning-symbolic")));

  /* Typing a value sees both heads, so it settles the conflict. */
  type_into (phone, "13800000000", TRUE);
  wait_loaded (f);
  g_assert_false (gtk_widget_get_visible (mark));
}

static void
test_screenshots (PageFixture   *f,
                  gconstpointer  data)
{
  const struct { const char *title; const char *name; } sections[] = {
    { "Co-resident Members", "case-page-members" },
    { "Obligors", "case-page-obligors" },
    { "Application", "case-page-application" },
    { "Check Sheet", "case-page-sheet" },
    { "Income", "case-page-income" },
    { "Income per Person", "case-page-income-summary" },
    { "Rigid Expenditures", "case-page-expenses" },
    { "Neighbour Interviews", "case-page-interviews" },
  };
  g_autofree char *wide = NULL;
  g_autofree char *narrow = NULL;

  /* Past the cross-fade from the spinner to the case. */
  ui_iterate (600);
  wide = ui_save_screenshot (GTK_WIDGET (f->window), "case-page-wide");
  g_assert_true (g_file_test (wide, G_FILE_TEST_EXISTS));
  /* An income item opened, with an amount, and a member opened. */
  {
    g_autoptr(GPtrArray) before = ruhu_case_page_list_entities (f->page, "income");
    g_autoptr(GPtrArray) after = NULL;
    g_autoptr(GPtrArray) members = ruhu_case_page_list_entities (f->page, "member");
    RuhuFieldRow *amount = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "page.add-entity", "(sss)",
                                               "income", "kind", "wages"));
    wait_loaded (f);
    after = ruhu_case_page_list_entities (f->page, "income");
    for (guint i = 0; i < after->len && amount == NULL; i++)
      if (!g_ptr_array_find_with_equal_func (before, g_ptr_array_index (after, i), g_str_equal, NULL))
        amount = row_of (f, g_ptr_array_index (after, i), "amount_monthly");
    g_assert_nonnull (amount);
    type_into (amount, "1500", TRUE);
    wait_loaded (f);
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (gtk_widget_get_ancestor (
      ruhu_field_row_get_row (amount), ADW_TYPE_EXPANDER_ROW)), TRUE);
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (gtk_widget_get_ancestor (
      ruhu_field_row_get_row (row_of (f, g_ptr_array_index (members, 0), "name")),
      ADW_TYPE_EXPANDER_ROW)), TRUE);
    ui_iterate (500);
  }

  /* The sections further down, each as it is drawn. */
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      GtkWidget *title = ui_find_by_text (GTK_WIDGET (f->page), sections[i].title);
      GtkWidget *group;
      g_autofree char *path = NULL;

      g_assert_nonnull (title);
      group = gtk_widget_get_ancestor (title, ADW_TYPE_PREFERENCES_GROUP);
      g_assert_nonnull (group);
      path = ui_save_screenshot (group, sections[i].name);
      g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  gtk_window_set_default_size (f->window, 360, 800);
  ui_iterate (600);
  narrow = ui_save_screenshot (GTK_WIDGET (f->window), "case-page-narrow");
  g_assert_true (g_file_test (narrow, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  ui_fixture_init (&argc, &argv);
#define ADD(path, func) \
  g_test_add ("/ruhu/ui/case-page/" path, PageFixture, NULL, page_setup, func, page_teardown)
  ADD ("edit-persists", test_edit_persists);
  ADD ("invalid-id-number", test_invalid_id_number);
  ADD ("income-follows-typing", test_income_follows_typing);
  ADD ("relevance", test_relevance);
  ADD ("multi-choice", test_multi_choice);
  ADD ("refresh-keeps-typing", test_refresh_keeps_typing);
  ADD ("switch-keeps-typing", test_switch_keeps_typing);
  ADD ("add-and-remove", test_add_and_remove);
  ADD ("locked-sheet", test_locked_sheet);
  ADD ("conflict-mark", test_conflict_mark);
  ADD ("screenshots", test_screenshots);
#undef ADD
  return g_test_run ();
}
