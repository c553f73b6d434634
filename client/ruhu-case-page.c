/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-case-page-aid.h"
#include "ruhu-case-page-private.h"
#include "ruhu-sheet-lock.h"

G_DEFINE_FINAL_TYPE (RuhuCasePage, ruhu_case_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_CASE,
  PROP_LOADING,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the worker thread reads: the case and whether its sheet is locked. */
typedef struct
{
  RuhuCaseSnapshot *snapshot;
  gboolean          locked;
  char             *reason;
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->snapshot, ruhu_case_snapshot_free);
  g_free (result->reason);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadResult, load_result_free)

static const char * const section_children[] = {
  "household_group", "covered_group", "obligors_group", "application_group",
  "authorisations_group", "sheet_group", "income_group", "assets_group", "expenses_group",
  "interviews_group",
  "aid_tasks_group",
};

/* In the worker thread: a big case must not freeze the window. */
static gpointer
load_case (RuhuDevice    *device,
           const char    *case_id,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(LoadResult) result = g_new0 (LoadResult, 1);

  result->snapshot = ruhu_case_snapshot_load (ruhu_device_get_store (device), case_id, error);
  if (result->snapshot == NULL)
    return NULL;
  result->locked = ruhu_case_sheet_is_locked (device, case_id, &result->reason);
  return g_steal_pointer (&result);
}

static void
show_loaded (RuhuCasePage *self,
             LoadResult   *result)
{
  gboolean first = self->snapshot == NULL;

  self->locked = result->locked;
  g_free (self->lock_reason);
  self->lock_reason = g_steal_pointer (&result->reason);
  ruhu_case_page_apply_snapshot (self, g_steal_pointer (&result->snapshot));
  if (first)
    gtk_stack_set_visible_child_name (self->stack, "content");
}

static void
case_loaded (gpointer      owner,
             gpointer      result,
             const GError *error)
{
  RuhuCasePage *self = owner;

  gtk_spinner_stop (self->spinner);
  if (result == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else
    show_loaded (self, result);
}

static const RuhuCaseLoaderFuncs load_funcs = {
  .load = load_case,
  .result_free = (GDestroyNotify) load_result_free,
  .loaded = case_loaded,
};

static void
loading_changed_cb (RuhuCasePage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
commit_all (RuhuCasePage *self)
{
  GHashTableIter iter;
  RuhuCaseItem *item;

  if (self->items == NULL)
    return;
  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &item))
    ruhu_entity_editor_commit_all (item->editor);
}

static void
ruhu_case_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RuhuCasePage *self = RUHU_CASE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CASE:
      g_value_set_string (value, self->case_id);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, ruhu_case_page_get_loading (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->case_id != NULL ? gtk_label_get_text (self->title_label) : "");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ruhu_case_page_dispose (GObject *object)
{
  RuhuCasePage *self = RUHU_CASE_PAGE (object);

  /* The window is closing: keep what was typed, if it is valid. */
  if (self->device != NULL)
    commit_all (self);
  ruhu_case_loader_clear (&self->loader);
  ruhu_case_page_clear_items (self);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->missing_rows, g_ptr_array_unref);
  g_clear_pointer (&self->snapshot, ruhu_case_snapshot_free);
  if (self->device != NULL)
    g_signal_handlers_disconnect_by_data (self->device, self);
  g_clear_object (&self->device);
  gtk_widget_dispose_template (GTK_WIDGET (self), RUHU_TYPE_CASE_PAGE);
  G_OBJECT_CLASS (ruhu_case_page_parent_class)->dispose (object);
}

static void
ruhu_case_page_finalize (GObject *object)
{
  RuhuCasePage *self = RUHU_CASE_PAGE (object);

  g_free (self->case_id);
  g_free (self->lock_reason);
  g_free (self->expand_id);
  G_OBJECT_CLASS (ruhu_case_page_parent_class)->finalize (object);
}

static void
ruhu_case_page_class_init (RuhuCasePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ruhu_case_page_get_property;
  object_class->dispose = ruhu_case_page_dispose;
  object_class->finalize = ruhu_case_page_finalize;

  properties[PROP_CASE] =
    g_param_spec_string ("case", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * RuhuCasePage:title:
   *
   * The household head's name once the case is read, for the header of
   * the pane; "" without a case.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RUHU_TYPE_INCOME_SUMMARY);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/ruhu/Ruhu/ruhu-case-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, RuhuCasePage, name)
  BIND (stack);
  BIND (spinner);
  BIND (scroller);
  BIND (error_page);
  BIND (banner_slot);
  BIND (title_label);
  BIND (subtitle_label);
  BIND (lock_row);
  BIND (missing_row);
  BIND (evidence_slot);
  BIND (signature_slot);
  BIND (timeline_slot);
  BIND (discovery_slot);
  BIND (documents_slot);
  BIND (income_summary);
#undef BIND
  /* The sections' groups and buttons are found by name (see init_sections). */
  for (guint i = 0; i < G_N_ELEMENTS (section_children); i++)
    gtk_widget_class_bind_template_child_full (widget_class, section_children[i], FALSE, 0);
  ruhu_case_page_install_actions (widget_class);
  ruhu_case_page_install_review (widget_class);
  ruhu_case_page_install_aid_tasks (widget_class);
  gtk_widget_class_set_css_name (widget_class, "casepage");
}

static void
ruhu_case_page_init (RuhuCasePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a bound template child: disposing the template would unparent it
   * behind AdwBin's back. */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));
  self->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) ruhu_case_item_free);
  ruhu_case_page_init_sections (self);
}

RuhuCasePage *
ruhu_case_page_new (void)
{
  return g_object_new (RUHU_TYPE_CASE_PAGE, NULL);
}

/* The evidence, signature and conflict widgets need the device to exist. */
static void
add_companions (RuhuCasePage *self)
{
  self->banner = ruhu_conflict_banner_new (self->device);
  gtk_box_append (self->banner_slot, GTK_WIDGET (self->banner));
  self->evidence = ruhu_evidence_section_new (self->device);
  gtk_box_append (self->evidence_slot, GTK_WIDGET (self->evidence));
  self->signatures = ruhu_signature_section_new (self->device);
  gtk_box_append (self->signature_slot, GTK_WIDGET (self->signatures));
  self->timeline = ruhu_timeline_section_new (self->device);
  gtk_box_append (self->timeline_slot, GTK_WIDGET (self->timeline));
  self->discovery = ruhu_discovery_actions_new (self->device);
  gtk_box_append (self->discovery_slot, GTK_WIDGET (self->discovery));
  self->documents = ruhu_case_documents_new (self->device);
  gtk_box_append (self->documents_slot, GTK_WIDGET (self->documents));
  ruhu_case_page_connect_review (self);
  if (self->case_id != NULL)
    {
      ruhu_conflict_banner_set_case (self->banner, self->case_id);
      ruhu_evidence_section_set_case (self->evidence, self->case_id);
      ruhu_signature_section_set_case (self->signatures, self->case_id);
      ruhu_timeline_section_set_case (self->timeline, self->case_id);
      ruhu_discovery_actions_set_case (self->discovery, self->case_id);
      ruhu_case_documents_set_case (self->documents, self->case_id);
    }
}

void
ruhu_case_page_set_device (RuhuCasePage *self,
                           RuhuDevice   *device)
{
  g_return_if_fail (RUHU_IS_CASE_PAGE (self));
  g_return_if_fail (self->device == NULL || self->device == device);

  if (self->device == device)
    return;
  self->device = g_object_ref (device);
  self->loader = ruhu_case_loader_new (device, &load_funcs, self);
  g_signal_connect_object (self->loader, "notify::loading", G_CALLBACK (loading_changed_cb), self,
                           G_CONNECT_SWAPPED);
  add_companions (self);
  ruhu_case_page_update_menus (self);
  ruhu_case_loader_set_case (self->loader, self->case_id);
}

RuhuDevice *
ruhu_case_page_get_device (RuhuCasePage *self)
{
  g_return_val_if_fail (RUHU_IS_CASE_PAGE (self), NULL);
  return self->device;
}

/* Shows @case_id, or the empty page for %NULL. What is being typed on the
 * case left is written first, if valid. */
void
ruhu_case_page_set_case (RuhuCasePage *self,
                         const char   *case_id)
{
  g_return_if_fail (RUHU_IS_CASE_PAGE (self));

  if (g_strcmp0 (self->case_id, case_id) == 0)
    return;
  commit_all (self);
  ruhu_case_page_clear_items (self);
  g_clear_pointer (&self->snapshot, ruhu_case_snapshot_free);
  g_free (self->case_id);
  self->case_id = g_strdup (case_id);
  gtk_label_set_text (self->title_label, "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  if (self->banner != NULL)
    {
      ruhu_conflict_banner_set_case (self->banner, case_id);
      ruhu_evidence_section_set_case (self->evidence, case_id);
      ruhu_signature_section_set_case (self->signatures, case_id);
      ruhu_timeline_section_set_case (self->timeline, case_id);
      ruhu_discovery_actions_set_case (self->discovery, case_id);
      ruhu_case_documents_set_case (self->documents, case_id);
    }
  if (case_id == NULL)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    {
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "loading");
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
    }
  /* What is being read belongs to the case left. */
  if (self->loader != NULL)
    ruhu_case_loader_set_case (self->loader, case_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}

const char *
ruhu_case_page_get_case (RuhuCasePage *self)
{
  g_return_val_if_fail (RUHU_IS_CASE_PAGE (self), NULL);
  return self->case_id;
}

/* TRUE while the case is being read; tests wait for it to end. */
gboolean
ruhu_case_page_get_loading (RuhuCasePage *self)
{
  g_return_val_if_fail (RUHU_IS_CASE_PAGE (self), FALSE);
  return self->loader != NULL && ruhu_case_loader_get_loading (self->loader);
}

/**
 * ruhu_case_page_get_sheet_complete:
 * @missing: (out) (optional) (transfer full) (element-type utf8): what is
 *   missing, as translated sentences
 *
 * Whether the check sheet and its items have every relevant required field,
 * as the user sees them (typed values included): a sheet is not signed
 * while anything is missing.
 */
gboolean
ruhu_case_page_get_sheet_complete (RuhuCasePage  *self,
                                   GPtrArray    **missing)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (RUHU_IS_CASE_PAGE (self), FALSE);

  if (self->snapshot == NULL)
    g_ptr_array_add (messages, g_strdup (_("The case is not open")));
  else
    {
      found = ruhu_case_snapshot_sheet_missing (self->snapshot,
                                                ruhu_device_get_forms (self->device), NULL);
      for (guint i = 0; i < found->len; i++)
        g_ptr_array_add (messages,
                         g_strdup (((RuhuMissingField *) g_ptr_array_index (found, i))->message));
    }
  if (missing != NULL)
    *missing = g_ptr_array_ref (messages);
  return messages->len == 0;
}

gboolean
ruhu_case_page_get_locked (RuhuCasePage *self)
{
  g_return_val_if_fail (RUHU_IS_CASE_PAGE (self), FALSE);
  return self->locked;
}

void
ruhu_case_page_get_income (RuhuCasePage *self,
                           RuhuIncome   *income)
{
  g_return_if_fail (RUHU_IS_CASE_PAGE (self));
  ruhu_income_summary_get_income (self->income_summary, income);
}

RuhuIncomeVerdict
ruhu_case_page_get_income_verdict (RuhuCasePage *self)
{
  g_return_val_if_fail (RUHU_IS_CASE_PAGE (self), RUHU_INCOME_UNKNOWN);
  return ruhu_income_summary_get_verdict (self->income_summary);
}

/**
 * ruhu_case_page_list_entities:
 *
 * Returns: (transfer full) (element-type utf8): the ids of the entities of
 *   @kind shown on the page
 */
GPtrArray *
ruhu_case_page_list_entities (RuhuCasePage *self,
                              const char   *kind)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  const char *id;
  RuhuCaseItem *item;

  g_return_val_if_fail (RUHU_IS_CASE_PAGE (self), ids);
  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, (gpointer *) &item))
    if (g_str_equal (ruhu_entity_editor_get_kind (item->editor), kind))
      g_ptr_array_add (ids, g_strdup (id));
  return ids;
}

/* Returns: (transfer none) (nullable): the row of @field of @entity */
RuhuFieldRow *
ruhu_case_page_lookup_row (RuhuCasePage *self,
                           const char   *entity,
                           const char   *field)
{
  RuhuCaseItem *item;

  g_return_val_if_fail (RUHU_IS_CASE_PAGE (self), NULL);
  item = g_hash_table_lookup (self->items, entity);
  if (item == NULL)
    return NULL;
  ruhu_entity_editor_ensure_rows (item->editor);
  return ruhu_entity_editor_lookup_row (item->editor, field);
}
