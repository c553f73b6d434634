/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-case-page-private.h"
#include "ruhu-field-text.h"
#include "ruhu-form-validate.h"

/* What names an entity in its expander: a title field and a detail. */
typedef struct
{
  const char *kind;
  const char *title_field;
  const char *subtitle_field;
} Naming;

static const Naming namings[] = {
  { "member", "name", "relation" },
  { "income", "kind", "net_monthly" },
  { "asset", "kind", "value" },
  { "expense", "kind", "amount_monthly" },
  { "neighbour_interview", "interviewee_name", "interviewed_at" },
  { "authorisation", "member", "signed_on" },
  { "application", "category", "applied_on" },
  { "check_sheet", "visited_on", "place" },
  { "household", "head_name", "village_name" },
  { "aid_task", "item", "status" },
};

static const char * const sheet_kinds[] = {
  "check_sheet", "income", "asset", "expense", "neighbour_interview", NULL
};

static const Naming *
naming_for (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (namings); i++)
    if (g_str_equal (namings[i].kind, kind))
      return &namings[i];
  return NULL;
}

static void
init_section (RuhuCasePage *self,
              guint         index,
              const char   *kind,
              const char   *role,
              gboolean      flat,
              const char   *group)
{
  RuhuCaseSection *section = &self->sections[index];
  GtkWidget *empty = adw_action_row_new ();

  section->kind = kind;
  section->role = role;
  section->flat = flat;
  section->group = ADW_PREFERENCES_GROUP (
    gtk_widget_get_template_child (GTK_WIDGET (self), RUHU_TYPE_CASE_PAGE, group));
  section->add_button = adw_preferences_group_get_header_suffix (section->group);
  /* Translators: shown in a section of the case page that has no entries. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (empty), _("None recorded yet"));
  gtk_widget_add_css_class (empty, "dim-label");
  adw_preferences_group_add (section->group, empty);
  section->empty_row = empty;
}

void
ruhu_case_page_init_sections (RuhuCasePage *self)
{
  init_section (self, SECTION_HOUSEHOLD, "household", NULL, TRUE, "household_group");
  init_section (self, SECTION_COVERED, "member", "covered", FALSE, "covered_group");
  init_section (self, SECTION_OBLIGORS, "member", "obligor", FALSE, "obligors_group");
  init_section (self, SECTION_APPLICATION, "application", NULL, TRUE, "application_group");
  init_section (self, SECTION_AUTHORISATIONS, "authorisation", NULL, FALSE,
                "authorisations_group");
  init_section (self, SECTION_SHEET, "check_sheet", NULL, TRUE, "sheet_group");
  init_section (self, SECTION_INCOME, "income", NULL, FALSE, "income_group");
  init_section (self, SECTION_ASSETS, "asset", NULL, FALSE, "assets_group");
  init_section (self, SECTION_EXPENSES, "expense", NULL, FALSE, "expenses_group");
  init_section (self, SECTION_INTERVIEWS, "neighbour_interview", NULL, FALSE, "interviews_group");
  init_section (self, SECTION_AID_TASKS, "aid_task", NULL, FALSE, "aid_tasks_group");
  self->missing_rows = g_ptr_array_new ();
}

static RuhuCaseSection *
section_for (RuhuCasePage   *self,
             RuhuCaseEntity *entity)
{
  const char *role = ruhu_case_entity_get_string (entity, "role");

  for (guint i = 0; i < N_SECTIONS; i++)
    {
      RuhuCaseSection *section = &self->sections[i];

      if (!g_str_equal (section->kind, entity->kind))
        continue;
      /* A member whose role is not set yet counts as co-resident. */
      if (section->role == NULL || g_strcmp0 (section->role, role) == 0 ||
          (role == NULL && g_str_equal (section->role, "covered")))
        return section;
    }
  return NULL;
}

/* A value as people read it: option labels, member names, yuan. */
static char *
display_value (RuhuCasePage  *self,
               RuhuFormField *field,
               JsonNode      *value)
{
  g_autofree char *text = NULL;

  if (value == NULL || ruhu_form_value_is_empty (value))
    return NULL;
  text = ruhu_field_value_to_text (field, value);
  switch (ruhu_form_field_get_field_type (field))
    {
    case RUHU_FIELD_CHOICE:
      return g_strdup (ruhu_form_field_lookup_option_label (field, text));
    case RUHU_FIELD_REFERENCE:
      {
        RuhuCaseEntity *target = ruhu_case_snapshot_lookup (self->snapshot, text);

        return g_strdup (target != NULL ? ruhu_case_entity_get_string (target, "name") : NULL);
      }
    case RUHU_FIELD_MONEY:
    case RUHU_FIELD_COMPUTED:
      if (ruhu_form_field_get_value_type (field) == RUHU_FIELD_MONEY)
        /* Translators: an amount of money in yuan, e.g. "1200.50 yuan". */
        return g_strdup_printf (_("%s yuan"), text);
      return g_steal_pointer (&text);
    case RUHU_FIELD_TEXT:
    case RUHU_FIELD_INTEGER:
    case RUHU_FIELD_DATE:
    case RUHU_FIELD_DATETIME:
    case RUHU_FIELD_MULTI_CHOICE:
    case RUHU_FIELD_BOOLEAN:
    case RUHU_FIELD_ID_NUMBER:
    case RUHU_FIELD_PHONE:
    case RUHU_FIELD_PHOTO:
    case RUHU_FIELD_SIGNATURE:
    default:
      return g_steal_pointer (&text);
    }
}

static char *
describe_field (RuhuCasePage     *self,
                RuhuEntityEditor *editor,
                const char       *name)
{
  RuhuForm *form = ruhu_entity_editor_get_form (editor);
  RuhuFormField *field = name != NULL ? ruhu_form_lookup_field (form, name) : NULL;
  g_autoptr(GHashTable) computed = NULL;
  JsonNode *value;

  if (field == NULL)
    return NULL;
  if (ruhu_form_field_get_field_type (field) == RUHU_FIELD_COMPUTED)
    {
      computed = ruhu_form_compute_entity (form, ruhu_entity_editor_get_values (editor));
      value = g_hash_table_lookup (computed, name);
    }
  else
    value = g_hash_table_lookup (ruhu_entity_editor_get_values (editor), name);
  return display_value (self, field, value);
}

static void
update_item_title (RuhuCasePage *self,
                   RuhuCaseItem *item)
{
  const Naming *naming = naming_for (ruhu_entity_editor_get_kind (item->editor));
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (item->expander == NULL || naming == NULL)
    return;
  title = describe_field (self, item->editor, naming->title_field);
  subtitle = describe_field (self, item->editor, naming->subtitle_field);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item->expander),
                                 title != NULL ? title
                                 : ruhu_form_get_label (ruhu_entity_editor_get_form (item->editor)));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (item->expander), subtitle);
}

static void
editor_changed_cb (RuhuCasePage     *self,
                   RuhuEntityEditor *editor)
{
  RuhuCaseItem *item = g_hash_table_lookup (self->items, ruhu_entity_editor_get_id (editor));

  if (item != NULL)
    update_item_title (self, item);
  ruhu_case_page_update_summary (self);
}

static GtkWidget *
remove_button (RuhuEntityEditor *editor)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  /* Translators: removes an entry (a member, an income item…) from the case. */
  const char *label = _("Remove");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "page.remove-entity");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                    ruhu_entity_editor_get_id (editor));
  return button;
}

static void
create_item (RuhuCasePage    *self,
             RuhuCaseSection *section,
             RuhuCaseEntity  *entity)
{
  RuhuForm *form = ruhu_form_set_lookup (ruhu_device_get_forms (self->device), entity->kind);
  RuhuCaseItem *item;

  if (form == NULL)
    return;
  item = g_new0 (RuhuCaseItem, 1);
  item->section = section;
  item->editor = ruhu_entity_editor_new (self->device, form, self->case_id, entity);
  ruhu_entity_editor_set_entity (item->editor, entity, self->snapshot);
  /* The page owns the editor, which never outlives it: a plain connection
   * (g_signal_connect_object() would keep a closure on the page for every
   * entry ever shown). */
  g_signal_connect_swapped (item->editor, "changed", G_CALLBACK (editor_changed_cb), self);
  if (section->flat && section->flat_id == NULL)
    {
      section->flat_id = g_strdup (entity->id);
      ruhu_entity_editor_add_rows_to (item->editor, GTK_WIDGET (section->group));
    }
  else
    {
      item->expander = adw_expander_row_new ();
      adw_expander_row_add_action (ADW_EXPANDER_ROW (item->expander), remove_button (item->editor));
      ruhu_entity_editor_add_rows_to (item->editor, item->expander);
      /* After the editor's handler: its rows exist by then. */
      g_signal_connect_object (item->expander, "notify::expanded",
                               G_CALLBACK (ruhu_case_page_show_review), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (section->group, item->expander);
      if (g_strcmp0 (self->expand_id, entity->id) == 0)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (item->expander), TRUE);
    }
  g_hash_table_insert (self->items, g_strdup (entity->id), item);
  update_item_title (self, item);
}

void
ruhu_case_item_free (RuhuCaseItem *item)
{
  RuhuCaseSection *section = item->section;

  if (item->expander != NULL)
    adw_preferences_group_remove (section->group, item->expander);
  else
    {
      ruhu_entity_editor_remove_rows (item->editor);
      g_clear_pointer (&section->flat_id, g_free);
    }
  g_object_unref (item->editor);
  g_free (item);
}

void
ruhu_case_page_clear_items (RuhuCasePage *self)
{
  if (self->items != NULL)
    g_hash_table_remove_all (self->items);
}

/* Entities that have no place on this page (signatures and evidence have
 * their own sections; discovery reports and visits their own pages). */
static guint
sort_rank (RuhuCasePage   *self,
           RuhuCaseEntity *entity)
{
  RuhuForm *form = ruhu_form_set_lookup (ruhu_device_get_forms (self->device), entity->kind);
  const char *names[] = { "relation", "kind" };

  for (guint n = 0; form != NULL && n < G_N_ELEMENTS (names); n++)
    {
      RuhuFormField *field = ruhu_form_lookup_field (form, names[n]);
      const char *value = ruhu_case_entity_get_string (entity, names[n]);

      for (guint i = 0; field != NULL && value != NULL && i < ruhu_form_field_get_n_options (field); i++)
        if (g_str_equal (ruhu_form_field_get_option_value (field, i), value))
          return i;
    }
  return G_MAXUINT;
}

static int
compare_new (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  RuhuCasePage *self = user_data;
  RuhuCaseEntity *x = *(RuhuCaseEntity **) a;
  RuhuCaseEntity *y = *(RuhuCaseEntity **) b;
  guint rx = sort_rank (self, x), ry = sort_rank (self, y);

  if (rx != ry)
    return rx < ry ? -1 : 1;
  /* Interviews by time, members by birth: dates sort as text. */
  return g_strcmp0 (ruhu_case_entity_get_string (x, "interviewed_at") ?:
                    ruhu_case_entity_get_string (x, "birth_date"),
                    ruhu_case_entity_get_string (y, "interviewed_at") ?:
                    ruhu_case_entity_get_string (y, "birth_date"));
}

static void
update_references (RuhuCasePage *self)
{
  g_autoptr(GPtrArray) members = ruhu_case_snapshot_children (self->snapshot, NULL, "member");
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) id_list = NULL;
  g_auto(GStrv) label_list = NULL;
  GHashTableIter iter;
  RuhuCaseItem *item;

  for (guint i = 0; i < members->len; i++)
    {
      RuhuCaseEntity *member = g_ptr_array_index (members, i);
      const char *name = ruhu_case_entity_get_string (member, "name");

      g_strv_builder_add (ids, member->id);
      g_strv_builder_add (labels, name != NULL ? name : _("Unnamed member"));
    }
  id_list = g_strv_builder_end (ids);
  label_list = g_strv_builder_end (labels);
  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &item))
    ruhu_entity_editor_set_references (item->editor, id_list, label_list);
}

static void
update_lock (RuhuCasePage *self)
{
  /* A supervisor reopens a signed sheet: that one switch stays usable. */
  const char *unlocked = g_strcmp0 (ruhu_device_get_role (self->device), "supervisor") == 0
                         ? "reopened" : NULL;
  GHashTableIter iter;
  RuhuCaseItem *item;

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &item))
    if (g_strv_contains (sheet_kinds, ruhu_entity_editor_get_kind (item->editor)))
      ruhu_entity_editor_set_locked (item->editor, self->locked,
                                     g_str_equal (ruhu_entity_editor_get_kind (item->editor),
                                                  "check_sheet") ? unlocked : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->lock_row), self->locked);
  adw_action_row_set_subtitle (self->lock_row, self->lock_reason);
  for (guint i = 0; i < N_SECTIONS; i++)
    {
      RuhuCaseSection *section = &self->sections[i];
      gboolean has_flat = section->flat && section->flat_id != NULL;

      if (section->add_button == NULL)
        continue;
      gtk_widget_set_visible (section->add_button, !has_flat);
      gtk_widget_set_sensitive (section->add_button,
                                !(self->locked && g_strv_contains (sheet_kinds, section->kind)));
    }
}

static void
update_empty_rows (RuhuCasePage *self)
{
  gboolean filled[N_SECTIONS] = { FALSE };
  GHashTableIter iter;
  RuhuCaseItem *item;

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &item))
    filled[item->section - self->sections] = TRUE;
  for (guint i = 0; i < N_SECTIONS; i++)
    gtk_widget_set_visible (self->sections[i].empty_row, !filled[i]);
}

/**
 * ruhu_case_page_apply_snapshot:
 * @snapshot: (transfer full): the case as just read
 *
 * Brings the page up to date: rows of entities still there take the new
 * values (fields being edited keep their text), new entities get rows,
 * deleted ones lose theirs. Nothing is rebuilt, so focus stays.
 */
void
ruhu_case_page_apply_snapshot (RuhuCasePage     *self,
                               RuhuCaseSnapshot *snapshot)
{
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(RuhuCaseSnapshot) old = g_steal_pointer (&self->snapshot);
  GHashTableIter iter;
  const char *id;

  self->snapshot = snapshot;
  for (guint i = 0; i < snapshot->entities->len; i++)
    {
      RuhuCaseEntity *entity = g_ptr_array_index (snapshot->entities, i);
      RuhuCaseSection *section = section_for (self, entity);
      RuhuCaseItem *item = g_hash_table_lookup (self->items, entity->id);

      if (section == NULL)
        continue;
      g_hash_table_add (seen, entity->id);
      if (item != NULL && item->section != section)
        g_hash_table_remove (self->items, entity->id);
      else if (item != NULL)
        {
          ruhu_entity_editor_set_entity (item->editor, entity, snapshot);
          continue;
        }
      g_ptr_array_add (fresh, entity);
    }
  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    if (!g_hash_table_contains (seen, id))
      g_hash_table_iter_remove (&iter);
  g_ptr_array_sort_with_data (fresh, compare_new, self);
  for (guint i = 0; i < fresh->len; i++)
    {
      RuhuCaseEntity *entity = g_ptr_array_index (fresh, i);

      create_item (self, section_for (self, entity), entity);
    }
  update_references (self);
  update_lock (self);
  update_empty_rows (self);
  ruhu_case_page_update_menus (self);
  ruhu_case_page_update_summary (self);
  ruhu_case_page_show_review (self);
}
