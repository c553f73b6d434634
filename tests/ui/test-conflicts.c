/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ruhu-conflict-banner.h"
#include "ruhu-conflicts.h"
#include "ruhu-field-history.h"
#include "ruhu-resolve-dialog.h"
#include "section-window.h"

/* Conflicts are made the way sync makes them: two devices each edit the
 * same field without seeing the other's edit, and both versions reach this
 * device through ruhu_store_apply(). */

static gint64 next_ms;

static char *
next_version (const char *device)
{
  RuhuHlc hlc = { next_ms, 0 };

  next_ms += 1000;
  return ruhu_version_format (&hlc, device);
}

static char **
head_versions (RuhuStore  *store,
               const char *entity,
               const char *field)
{
  g_autoptr(GPtrArray) heads = ruhu_store_get_heads (store, entity, field, NULL);
  GPtrArray *versions = g_ptr_array_new ();

  g_assert_nonnull (heads);
  for (guint i = 0; i < heads->len; i++)
    g_ptr_array_add (versions, g_strdup (((RuhuOp *) g_ptr_array_index (heads, i))->version));
  g_ptr_array_add (versions, NULL);
  return (char **) g_ptr_array_free (versions, FALSE);
}

/* An edit from another device, based on @bases. */
static RuhuOp *
remote_op (RuhuStore          *store,
           const char         *entity,
           const char         *field,
           JsonNode           *value,
           const char         *device,
           const char * const *bases)
{
  g_autoptr(RuhuEntityInfo) info = ruhu_store_get_entity (store, entity, NULL);
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *version = next_version (device);
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = g_strconcat ("user-", device, NULL);
  RuhuOp *op;

  g_assert_nonnull (info);
  op = ruhu_op_new (id, entity, info->kind, info->case_id, info->parent, field, value, version,
                    bases, actor, &error);
  g_assert_no_error (error);
  json_node_unref (value);
  return op;
}

static void
apply_all (RuhuDevice *device,
           GPtrArray  *ops)
{
  g_autoptr(GArray) results = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ruhu_store_apply (ruhu_device_get_store (device), ops, &results, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    g_assert_cmpint (g_array_index (results, RuhuApplyResult, i).status, ==, RUHU_APPLY_APPLIED);
  g_array_set_clear_func (results, (GDestroyNotify) ruhu_apply_result_clear);
  /* What a sync announces when it brought news. */
  ruhu_device_case_changed (device, NULL);
}

/* Two devices give @field of @entity different values at the same time. */
static void
make_value_conflict (RuhuDevice *device,
                     const char *entity,
                     const char *field,
                     JsonNode   *a,
                     JsonNode   *b)
{
  RuhuStore *store = ruhu_device_get_store (device);
  g_auto(GStrv) bases = head_versions (store, entity, field);
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_op_unref);

  g_ptr_array_add (ops, remote_op (store, entity, field, a, "tablet-a", (const char * const *) bases));
  g_ptr_array_add (ops, remote_op (store, entity, field, b, "tablet-b", (const char * const *) bases));
  apply_all (device, ops);
}

static JsonNode *
text_node (const char *text)
{
  return json_node_init_string (json_node_alloc (), text);
}

static JsonNode *
int_node (gint64 value)
{
  return json_node_init_int (json_node_alloc (), value);
}

static guint
count_conflicts (UiFixture  *fixture,
                 const char *case_id)
{
  g_autoptr(GPtrArray) conflicts = ruhu_store_list_conflicts (ruhu_device_get_store (fixture->device),
                                                             case_id, NULL);

  g_assert_nonnull (conflicts);
  return conflicts->len;
}

static char *
value_text (UiFixture  *fixture,
            const char *entity,
            const char *field)
{
  g_autoptr(JsonNode) value = ruhu_store_get_value (ruhu_device_get_store (fixture->device),
                                                    entity, field, NULL);

  g_assert_nonnull (value);
  return json_to_string (value, FALSE);
}

static void
updated_cb (RuhuConflictBanner *banner,
            gboolean           *flag)
{
  *flag = TRUE;
}

/* A loaded machine may take a while to map a window. */
static void
present_and_wait (GtkWindow *window)
{
  gtk_window_present (window);
  section_window_wait_mapped (GTK_WIDGET (window));
}

typedef struct
{
  UiFixture           fixture;
  const char         *case_id;
  GtkWindow          *window;
  RuhuConflictBanner *banner;
  gboolean            updated;
} BannerFixture;

static void
banner_setup (BannerFixture *self,
              gconstpointer  data)
{
  ui_fixture_setup (&self->fixture, 1);
  self->case_id = g_ptr_array_index (self->fixture.case_ids, 0);
  next_ms = g_get_real_time () / 1000 + 1000;
  self->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (self->window, 720, 360);
  self->banner = ruhu_conflict_banner_new (self->fixture.device);
  g_signal_connect (self->banner, "updated", G_CALLBACK (updated_cb), &self->updated);
  gtk_widget_set_valign (GTK_WIDGET (self->banner), GTK_ALIGN_START);
  gtk_window_set_child (self->window, GTK_WIDGET (self->banner));
  present_and_wait (self->window);
}

static void
banner_teardown (BannerFixture *self,
                 gconstpointer  data)
{
  gtk_window_destroy (self->window);
  ui_iterate (50);
  ui_fixture_teardown (&self->fixture);
}

/* Waits for the banner to show what the store holds after a change. */
static void
wait_updated (BannerFixture *self)
{
  ui_wait_until (&self->updated, 10);
  self->updated = FALSE;
}

static void
set_case_and_wait (BannerFixture *self)
{
  self->updated = FALSE;
  ruhu_conflict_banner_set_case (self->banner, self->case_id);
  wait_updated (self);
}

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The message a dialog shows under its rows, if one is showing. */
static GtkWidget *
find_error_label (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && gtk_widget_has_css_class (root, "error") &&
      gtk_widget_get_visible (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_error_label (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Picks the candidate shown as @text the way a person would: the round
 * button at the start of its row. */
static void
pick_candidate (GtkWidget  *dialog,
                const char *text)
{
  GtkWidget *row = ui_find_by_text (dialog, text);

  g_assert_nonnull (row);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_descendant (row, GTK_TYPE_CHECK_BUTTON)),
                               TRUE);
}

static void
click_keep (GtkWidget *dialog)
{
  GtkWidget *button = ui_find_by_text (dialog, "_Keep This");

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  ui_iterate (50);
}

static GtkWidget *
open_dialog (UiFixture  *fixture,
             const char *case_id,
             const char *entity,
             const char *field)
{
  GtkWidget *dialog = GTK_WIDGET (ruhu_resolve_dialog_new (fixture->device, case_id, entity,
                                                           field));

  /* Keep it alive after it closes itself, to look at it. */
  g_object_ref (dialog);
  present_and_wait (GTK_WINDOW (dialog));
  return dialog;
}

static void
close_dialog (GtkWidget *dialog)
{
  if (gtk_widget_get_visible (dialog))
    gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

/* What a case page's own handler would see when it redraws its marks. */
static void
mark_seen_cb (RuhuDevice *device,
              const char *case_id,
              gboolean   *marked)
{
  *marked = ruhu_field_has_conflict (device, g_object_get_data (G_OBJECT (device), "household"),
                                     "address");
}

static void
test_banner_resolve (BannerFixture *self,
                     gconstpointer  data)
{
  const char *household = self->case_id;
  gboolean marked = FALSE;
  g_autofree char *value = NULL;
  GtkWidget *dialog;

  /* Connected before anything asks about conflicts: the answers it gets
   * must already be those after the change. */
  g_object_set_data (G_OBJECT (self->fixture.device), "household", (gpointer) household);
  g_signal_connect (self->fixture.device, "case-changed", G_CALLBACK (mark_seen_cb), &marked);
  set_case_and_wait (self);
  g_assert_false (ruhu_conflict_banner_get_revealed (self->banner));
  g_assert_false (ruhu_field_has_conflict (self->fixture.device, household, "address"));

  make_value_conflict (self->fixture.device, household, "address", text_node ("村东头 12 号"),
                       text_node ("村西头 3 号"));
  g_assert_true (marked);
  wait_updated (self);
  g_assert_cmpuint (ruhu_conflict_banner_get_n_conflicts (self->banner), ==, 1);
  g_assert_true (ruhu_conflict_banner_get_revealed (self->banner));
  g_assert_true (ruhu_field_has_conflict (self->fixture.device, household, "address"));
  g_assert_false (ruhu_field_has_conflict (self->fixture.device, household, "head_name"));
  g_assert_cmpuint (ruhu_case_count_conflicts (self->fixture.device, self->case_id), ==, 1);
  g_assert_nonnull (ui_find_by_text (GTK_WIDGET (self->banner), "1 field disagrees between devices"));
  ui_iterate (400);
  section_window_photograph (GTK_WIDGET (self->window), "conflict-banner");

  dialog = open_dialog (&self->fixture, NULL, household, "address");
  g_assert_nonnull (ui_find_by_text (dialog, "村东头 12 号"));
  section_window_photograph (dialog, "resolve-dialog");
  pick_candidate (dialog, "村西头 3 号");
  click_keep (dialog);
  g_assert_false (gtk_widget_get_visible (dialog));
  close_dialog (dialog);

  g_assert_cmpuint (count_conflicts (&self->fixture, self->case_id), ==, 0);
  g_assert_false (marked);
  value = value_text (&self->fixture, household, "address");
  g_assert_cmpstr (value, ==, "\"村西头 3 号\"");
  wait_updated (self);
  g_assert_false (ruhu_conflict_banner_get_revealed (self->banner));
  g_assert_false (ruhu_field_has_conflict (self->fixture.device, household, "address"));
  g_signal_handlers_disconnect_by_data (self->fixture.device, &marked);
}

/* A typed value is checked against the form as on the case page; a wrong
 * one shows the message and writes nothing. */
static void
test_invalid_new_value (BannerFixture *self,
                        gconstpointer  data)
{
  const char *household = self->case_id;
  g_autofree char *value = NULL;
  GtkWidget *dialog, *entry, *message;

  make_value_conflict (self->fixture.device, household, "phone", text_node ("13800138000"),
                       text_node ("023-68881234"));
  dialog = open_dialog (&self->fixture, self->case_id, household, "phone");
  entry = ui_find_by_text (dialog, "New value");
  g_assert_true (ADW_IS_ENTRY_ROW (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "12345");
  click_keep (dialog);

  message = find_error_label (dialog);
  g_assert_nonnull (message);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (message)), "Contact phone number: "));
  g_assert_false (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (message)),
                                    "Contact phone number: Contact phone number"));
  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpuint (count_conflicts (&self->fixture, self->case_id), ==, 1);
  section_window_photograph (dialog, "resolve-dialog-invalid");

  gtk_editable_set_text (GTK_EDITABLE (entry), "13912345678");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_null (find_error_label (dialog));
  click_keep (dialog);
  g_assert_false (gtk_widget_get_visible (dialog));
  close_dialog (dialog);
  g_assert_cmpuint (count_conflicts (&self->fixture, self->case_id), ==, 0);
  value = value_text (&self->fixture, household, "phone");
  g_assert_cmpstr (value, ==, "\"13912345678\"");
}

static char *
find_entity (UiFixture  *fixture,
             const char *case_id,
             const char *kind)
{
  g_autoptr(GPtrArray) entities = ruhu_store_list_entities (ruhu_device_get_store (fixture->device),
                                                           case_id, NULL);

  for (guint i = 0; entities != NULL && i < entities->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (entities, i);

      if (strcmp (info->kind, kind) == 0)
        return g_strdup (info->id);
    }
  g_assert_not_reached ();
}

/* Money shows in yuan, and a typed amount is read in yuan. */
static void
test_money_in_yuan (BannerFixture *self,
                    gconstpointer  data)
{
  g_autofree char *expense = find_entity (&self->fixture, self->case_id, "expense");
  g_autofree char *value = NULL;
  GtkWidget *dialog, *entry;

  make_value_conflict (self->fixture.device, expense, "amount_monthly", int_node (123450),
                       int_node (99900));
  dialog = open_dialog (&self->fixture, self->case_id, expense, "amount_monthly");
  g_assert_nonnull (ui_find_by_text (dialog, "¥1234.50"));
  g_assert_nonnull (ui_find_by_text (dialog, "¥999.00"));
  entry = ui_find_by_text (dialog, "New value");
  gtk_editable_set_text (GTK_EDITABLE (entry), "1100.5");
  click_keep (dialog);
  close_dialog (dialog);
  value = value_text (&self->fixture, expense, "amount_monthly");
  g_assert_cmpstr (value, ==, "110050");
  g_assert_cmpuint (count_conflicts (&self->fixture, self->case_id), ==, 0);
}

/* Choices show their labels and ID numbers are masked. */
static void
test_values_by_type (BannerFixture *self,
                     gconstpointer  data)
{
  g_autofree char *member = find_entity (&self->fixture, self->case_id, "member");
  GtkWidget *dialog;

  make_value_conflict (self->fixture.device, self->case_id, "hukou_type", text_node ("urban"),
                       text_node ("rural"));
  make_value_conflict (self->fixture.device, member, "id_number",
                       text_node ("500101195001011234"), text_node ("50010119500101567X"));
  dialog = open_dialog (&self->fixture, self->case_id, self->case_id, "hukou_type");
  g_assert_nonnull (ui_find_by_text (dialog, "Urban"));
  g_assert_nonnull (ui_find_by_text (dialog, "Rural"));
  g_assert_null (ui_find_by_text (dialog, "urban"));
  close_dialog (dialog);

  dialog = open_dialog (&self->fixture, self->case_id, member, "id_number");
  g_assert_nonnull (ui_find_by_text (dialog, "500***********1234"));
  g_assert_nonnull (ui_find_by_text (dialog, "500***********567X"));
  g_assert_null (ui_find_by_text (dialog, "500101195001011234"));
  close_dialog (dialog);
}

/* A reference shows the name of what it refers to, not its id. */
static void
test_reference_by_name (BannerFixture *self,
                        gconstpointer  data)
{
  RuhuStore *store = ruhu_device_get_store (self->fixture.device);
  g_autofree char *expense = find_entity (&self->fixture, self->case_id, "expense");
  g_autoptr(GPtrArray) entities = ruhu_store_list_entities (store, self->case_id, NULL);
  g_autoptr(GPtrArray) members = g_ptr_array_new ();
  GtkWidget *dialog;

  for (guint i = 0; i < entities->len; i++)
    if (strcmp (((RuhuEntityInfo *) g_ptr_array_index (entities, i))->kind, "member") == 0)
      g_ptr_array_add (members, ((RuhuEntityInfo *) g_ptr_array_index (entities, i))->id);
  g_assert_cmpuint (members->len, >=, 2);
  make_value_conflict (self->fixture.device, expense, "member",
                       text_node (g_ptr_array_index (members, 0)),
                       text_node (g_ptr_array_index (members, 1)));
  dialog = open_dialog (&self->fixture, self->case_id, expense, "member");
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(JsonNode) name = ruhu_store_get_value (store, g_ptr_array_index (members, i),
                                                       "name", NULL);

      g_assert_nonnull (ui_find_by_text (dialog, json_node_get_string (name)));
      g_assert_null (ui_find_by_text (dialog, g_ptr_array_index (members, i)));
    }
  /* Nobody types an entity's id. */
  g_assert_false (gtk_widget_get_mapped (ui_find_by_text (dialog, "Or Type a New Value")));
  close_dialog (dialog);
}

/* With several conflicts the dialog lists them all and moves on to the
 * next after each decision; it closes after the last. */
static void
test_several_conflicts (BannerFixture *self,
                        gconstpointer  data)
{
  const char *household = self->case_id;
  GtkWidget *dialog, *list_title;

  make_value_conflict (self->fixture.device, household, "address", text_node ("甲"),
                       text_node ("乙"));
  make_value_conflict (self->fixture.device, household, "bank_name", text_node ("农业银行"),
                       text_node ("建设银行"));
  g_assert_cmpuint (ruhu_case_count_conflicts (self->fixture.device, self->case_id), ==, 2);
  dialog = open_dialog (&self->fixture, self->case_id, NULL, NULL);
  list_title = ui_find_by_text (dialog, "Conflicts in This Case");
  g_assert_nonnull (list_title);
  g_assert_true (gtk_widget_get_mapped (list_title));
  g_assert_nonnull (ui_find_by_text (dialog, "Street address"));
  g_assert_nonnull (ui_find_by_text (dialog, "Bank for payments"));
  section_window_photograph (dialog, "resolve-dialog-several");

  pick_candidate (dialog, "甲");
  click_keep (dialog);
  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_cmpuint (count_conflicts (&self->fixture, self->case_id), ==, 1);
  g_assert_nonnull (ui_find_by_text (dialog, "建设银行"));
  pick_candidate (dialog, "农业银行");
  click_keep (dialog);
  g_assert_false (gtk_widget_get_visible (dialog));
  close_dialog (dialog);
  g_assert_cmpuint (count_conflicts (&self->fixture, self->case_id), ==, 0);
}

/* A value that arrives while the dialog is open shows up in it. */
static void
test_refreshes_on_sync (BannerFixture *self,
                        gconstpointer  data)
{
  const char *household = self->case_id;
  RuhuStore *store = ruhu_device_get_store (self->fixture.device);
  g_autoptr(GPtrArray) heads = ruhu_store_get_heads (store, household, "address", NULL);
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_op_unref);
  const char *bases[] = { ((RuhuOp *) g_ptr_array_index (heads, 0))->version, NULL };
  GtkWidget *dialog;

  make_value_conflict (self->fixture.device, household, "address", text_node ("东"),
                       text_node ("西"));
  dialog = open_dialog (&self->fixture, self->case_id, household, "address");
  g_assert_null (ui_find_by_text (dialog, "南"));
  /* A third device edited the value from before the conflict. */
  g_ptr_array_add (ops, remote_op (store, household, "address", text_node ("南"), "tablet-c",
                                   bases));
  apply_all (self->fixture.device, ops);
  g_assert_nonnull (ui_find_by_text (dialog, "南"));
  pick_candidate (dialog, "南");
  click_keep (dialog);
  close_dialog (dialog);
  g_assert_cmpuint (count_conflicts (&self->fixture, self->case_id), ==, 0);
}

/* One device deletes a member while another renames them. */
static void
make_delete_edit_conflict (UiFixture  *fixture,
                           const char *member)
{
  RuhuStore *store = ruhu_device_get_store (fixture->device);
  g_autoptr(GHashTable) fields = ruhu_store_get_fields (store, member, NULL);
  g_autoptr(GPtrArray) all_heads = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) ruhu_op_unref);
  g_auto(GStrv) name_bases = head_versions (store, member, "name");
  GHashTableIter iter;
  gpointer field;

  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, &field, NULL))
    {
      g_auto(GStrv) heads = head_versions (store, member, field);

      for (guint i = 0; heads[i] != NULL; i++)
        g_ptr_array_add (all_heads, g_strdup (heads[i]));
    }
  g_ptr_array_sort (all_heads, (GCompareFunc) ruhu_version_compare);
  g_ptr_array_add (all_heads, NULL);
  g_ptr_array_add (ops, remote_op (store, member, RUHU_FIELD_DELETED,
                                   json_node_init_boolean (json_node_alloc (), TRUE), "tablet-a",
                                   (const char * const *) all_heads->pdata));
  g_ptr_array_add (ops, remote_op (store, member, "name", text_node ("王小红"), "tablet-b",
                                   (const char * const *) name_bases));
  apply_all (fixture->device, ops);
}

static void
test_delete_edit (BannerFixture *self,
                  gconstpointer  data)
{
  g_autofree char *member = find_entity (&self->fixture, self->case_id, "member");
  g_autofree char *name = NULL;
  g_autoptr(RuhuEntityInfo) info = NULL;
  GtkWidget *dialog;

  make_delete_edit_conflict (&self->fixture, member);
  g_assert_cmpuint (count_conflicts (&self->fixture, self->case_id), ==, 1);
  g_assert_true (ruhu_field_has_conflict (self->fixture.device, member, RUHU_FIELD_DELETED));
  g_assert_true (ruhu_field_has_conflict (self->fixture.device, member, "name"));

  dialog = open_dialog (&self->fixture, NULL, member, RUHU_FIELD_DELETED);
  g_assert_nonnull (ui_find_by_text (dialog, "Name: 王小红"));
  /* Only deleting again or restoring can end it: no typed value. */
  g_assert_false (gtk_widget_get_mapped (ui_find_by_text (dialog, "Or Type a New Value")));
  section_window_photograph (dialog, "resolve-dialog-delete-edit");
  pick_candidate (dialog, "Restore it");
  click_keep (dialog);
  close_dialog (dialog);

  g_assert_cmpuint (count_conflicts (&self->fixture, self->case_id), ==, 0);
  info = ruhu_store_get_entity (ruhu_device_get_store (self->fixture.device), member, NULL);
  g_assert_false (info->deleted);
  name = value_text (&self->fixture, member, "name");
  g_assert_cmpstr (name, ==, "\"王小红\"");
}

/* Keeping the deletion deletes again, over the edit it did not see. */
static void
test_delete_edit_keep_deleted (BannerFixture *self,
                               gconstpointer  data)
{
  g_autofree char *member = find_entity (&self->fixture, self->case_id, "member");
  g_autoptr(RuhuEntityInfo) info = NULL;
  GtkWidget *dialog;

  make_delete_edit_conflict (&self->fixture, member);
  dialog = open_dialog (&self->fixture, self->case_id, NULL, NULL);
  pick_candidate (dialog, "Keep it deleted");
  click_keep (dialog);
  close_dialog (dialog);
  g_assert_cmpuint (count_conflicts (&self->fixture, self->case_id), ==, 0);
  info = ruhu_store_get_entity (ruhu_device_get_store (self->fixture.device), member, NULL);
  g_assert_true (info->deleted);
}

static void
test_history (BannerFixture *self,
              gconstpointer  data)
{
  const char *household = self->case_id;
  RuhuStore *store = ruhu_device_get_store (self->fixture.device);
  const char *addresses[] = { "一组 1 号", "二组 2 号", "三组 3 号" };
  g_autoptr(GPtrArray) history = NULL;
  RuhuFieldHistory *window;
  GtkWidget *first_row;

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autoptr(JsonNode) value = text_node (addresses[i]);
      g_autoptr(RuhuOp) op = ruhu_device_write (self->fixture.device, household, NULL, NULL, NULL,
                                                "address", value, NULL);

      g_assert_nonnull (op);
    }
  history = ruhu_store_get_history (store, household, "address", NULL);
  g_assert_cmpuint (history->len, ==, 4);  /* the demo's value and three edits */

  window = g_object_ref (ruhu_field_history_new (self->fixture.device, household, "address"));
  present_and_wait (GTK_WINDOW (window));
  g_assert_cmpuint (ruhu_field_history_get_n_rows (window), ==, history->len);
  for (guint i = 0; i < history->len; i++)
    {
      RuhuOp *op = g_ptr_array_index (history, i);

      g_assert_nonnull (ui_find_by_text (GTK_WIDGET (window), json_node_get_string (op->value)));
    }
  /* Newest first: the first row shows the last value written. */
  first_row = ui_find_by_text (GTK_WIDGET (window), "三组 3 号");
  g_assert_true (first_row == GTK_WIDGET (gtk_list_box_get_row_at_index (
                   GTK_LIST_BOX (gtk_widget_get_parent (first_row)), 0)));
  /* Written here before any login: the device's local actor. */
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (first_row)),
                            ruhu_device_get_actor (self->fixture.device)));
  section_window_photograph (GTK_WIDGET (window), "field-history");
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

/* A change the server refused shows on the banner with its reason. */
static void
test_rejection (BannerFixture *self,
                gconstpointer  data)
{
  const char *household = self->case_id;
  RuhuStore *store = ruhu_device_get_store (self->fixture.device);
  g_autoptr(JsonNode) value = text_node ("新地址 8 号");
  g_autoptr(RuhuOp) op = NULL;
  g_autoptr(GError) error = NULL;
  const char *reason = "The check sheet is signed by two investigators and locked";
  g_autoptr(GPtrArray) rejections = NULL;
  GtkWidget *row;

  set_case_and_wait (self);
  op = ruhu_device_write (self->fixture.device, household, NULL, NULL, NULL, "address", value,
                          &error);
  g_assert_no_error (error);
  wait_updated (self);
  g_assert_false (ruhu_conflict_banner_get_revealed (self->banner));

  g_assert_true (ruhu_store_reject (store, op, reason, &error));
  g_assert_no_error (error);
  ruhu_device_case_changed (self->fixture.device, self->case_id);
  wait_updated (self);
  g_assert_cmpuint (ruhu_conflict_banner_get_n_rejections (self->banner), ==, 1);
  g_assert_cmpuint (ruhu_conflict_banner_get_n_conflicts (self->banner), ==, 0);
  g_assert_true (ruhu_conflict_banner_get_revealed (self->banner));
  row = ui_find_by_text (GTK_WIDGET (self->banner), "Not accepted: Street address → 新地址 8 号");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), reason));
  ui_iterate (400);
  section_window_photograph (GTK_WIDGET (self->window), "conflict-banner-rejection");

  /* Once read, it leaves the banner for good but stays in the store. */
  g_signal_emit_by_name (ui_find_by_text (row, "_Dismiss"), "clicked");
  wait_updated (self);
  g_assert_cmpuint (ruhu_conflict_banner_get_n_rejections (self->banner), ==, 0);
  g_assert_false (ruhu_conflict_banner_get_revealed (self->banner));
  rejections = ruhu_store_list_rejections (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rejections->len, ==, 1);
  ruhu_conflict_banner_set_case (self->banner, NULL);
  wait_updated (self);
  set_case_and_wait (self);
  g_assert_false (ruhu_conflict_banner_get_revealed (self->banner));
}

int
main (int   argc,
      char *argv[])
{
  /* The client's style sheet, as the application would load it. */
  section_window_init (&argc, &argv);
#define ADD(path, func) \
  g_test_add ("/ruhu/ui/conflicts/" path, BannerFixture, NULL, banner_setup, func, banner_teardown)
  ADD ("banner-and-resolve", test_banner_resolve);
  ADD ("invalid-new-value", test_invalid_new_value);
  ADD ("money-in-yuan", test_money_in_yuan);
  ADD ("values-by-type", test_values_by_type);
  ADD ("reference-by-name", test_reference_by_name);
  ADD ("several-conflicts", test_several_conflicts);
  ADD ("refreshes-on-sync", test_refreshes_on_sync);
  ADD ("delete-edit-restore", test_delete_edit);
  ADD ("delete-edit-keep-deleted", test_delete_edit_keep_deleted);
  ADD ("history", test_history);
  ADD ("rejection", test_rejection);
#undef ADD
  return g_test_run ();
}
