/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-case-array.h"
#include "ruhu-case-filter.h"
#include "ruhu-case-list.h"
#include "ruhu-case-list-private.h"
#include "ruhu-case-load.h"
#include "ruhu-case-row.h"
#include "ruhu-case-slots.h"

G_DEFINE_FINAL_TYPE (RuhuCaseList, ruhu_case_list, ADW_TYPE_BIN)

enum
{
  CASE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ruhu_case_list_dispose (GObject *object)
{
  RuhuCaseList *self = RUHU_CASE_LIST (object);

  g_cancellable_cancel (self->cancellable);
  if (self->device != NULL)
    g_clear_signal_handler (&self->case_changed_id, self->device);
  g_clear_object (&self->device);
  gtk_widget_dispose_template (GTK_WIDGET (self), RUHU_TYPE_CASE_LIST);
  G_OBJECT_CLASS (ruhu_case_list_parent_class)->dispose (object);
}

static void
ruhu_case_list_finalize (GObject *object)
{
  RuhuCaseList *self = RUHU_CASE_LIST (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->cases);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->slots);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);
  ruhu_case_filter_clear (&self->criteria);
  G_OBJECT_CLASS (ruhu_case_list_parent_class)->finalize (object);
}

static void
ruhu_case_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RuhuCaseList *self = RUHU_CASE_LIST (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->n_pending > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

void
ruhu_case_list_update_view (RuhuCaseList *self)
{
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint n_cases = g_list_model_get_n_items (G_LIST_MODEL (self->cases));
  g_autofree char *count = NULL;

  if (!self->loaded)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      gtk_label_set_text (self->count_label, "");
      return;
    }
  if (n_shown == n_cases)
    count = g_strdup_printf (ngettext ("%u case", "%u cases", n_cases), n_cases);
  else
    /* Translators: how many cases the search and filters leave of all */
    count = g_strdup_printf (ngettext ("%u of %u case", "%u of %u cases", n_cases), n_shown, n_cases);
  gtk_label_set_text (self->count_label, count);

  if (n_cases == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No Cases"));
      adw_status_page_set_description (self->empty_page,
                                       _("Cases of your area appear here after a sync."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Matching Cases"));
      adw_status_page_set_description (self->empty_page,
                                       _("Try another search or fewer filters."));
    }
  gtk_stack_set_visible_child_name (self->stack, n_shown > 0 ? "list" : "empty");
}

static void
filtered_items_changed_cb (GListModel   *model,
                           guint         position,
                           guint         removed,
                           guint         added,
                           RuhuCaseList *self)
{
  GtkSelectionModel *selection = gtk_list_view_get_model (self->list_view);

  /* The slots stay while the cases in them change: a selected slot would
   * now hold another case. */
  if (selection != NULL)
    gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (selection), GTK_INVALID_LIST_POSITION);
  ruhu_case_list_update_view (self);
}

static gboolean
match_cb (gpointer item,
          gpointer user_data)
{
  RuhuCaseList *self = user_data;

  return ruhu_case_filter_match (&self->criteria, item);
}

static int
compare_cb (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  RuhuCaseList *self = user_data;

  return ruhu_case_compare ((RuhuCaseSummary *) a, (RuhuCaseSummary *) b, self->sort);
}

static void
search_changed_cb (GtkEditable  *entry,
                   RuhuCaseList *self)
{
  GtkFilterChange change = ruhu_case_filter_set_text (&self->criteria, gtk_editable_get_text (entry));

  gtk_filter_changed (GTK_FILTER (self->filter), change);
}

static void
activate_cb (GtkListView  *view,
             guint         position,
             RuhuCaseList *self)
{
  g_autoptr(RuhuCaseSummary) summary = ruhu_case_slots_get_summary (self->slots, position);

  if (summary != NULL)
    g_signal_emit (self, signals[CASE_ACTIVATED], 0, ruhu_case_summary_get_case_id (summary));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, ruhu_case_row_new ());
}

static void
show_row (GtkWidget       *row,
          RuhuCaseSummary *summary)
{
  ruhu_case_row_set_summary (RUHU_CASE_ROW (row), summary);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             RuhuCaseList             *self)
{
  ruhu_case_slots_bind (self->slots, gtk_list_item_get_item (item), gtk_list_item_get_child (item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               RuhuCaseList             *self)
{
  ruhu_case_slots_unbind (self->slots, gtk_list_item_get_item (item));
}

static void
ruhu_case_list_class_init (RuhuCaseListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ruhu_case_list_dispose;
  object_class->finalize = ruhu_case_list_finalize;

  /**
   * RuhuCaseList::case-activated:
   * @case_id: the case the user opened
   */
  signals[CASE_ACTIVATED] =
    g_signal_new ("case-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  object_class->get_property = ruhu_case_list_get_property;

  /* Whether a load is in flight. */
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/ruhu/Ruhu/ruhu-case-list.ui");
  gtk_widget_class_bind_template_child (widget_class, RuhuCaseList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RuhuCaseList, filter_button);
  gtk_widget_class_bind_template_child (widget_class, RuhuCaseList, count_label);
  gtk_widget_class_bind_template_child (widget_class, RuhuCaseList, stack);
  gtk_widget_class_bind_template_child (widget_class, RuhuCaseList, list_view);
  gtk_widget_class_bind_template_child (widget_class, RuhuCaseList, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RuhuCaseList, state_menu);
  gtk_widget_class_bind_template_child (widget_class, RuhuCaseList, category_menu);
}

static void
build_models (RuhuCaseList *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkSingleSelection *selection;

  self->cases = ruhu_case_array_new ();
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->sorter = gtk_custom_sorter_new (compare_cb, self, NULL);
  self->filter = gtk_custom_filter_new (match_cb, self, NULL);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->cases)),
                                          g_object_ref (GTK_SORTER (self->sorter)));
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sorted)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  g_signal_connect (self->filtered, "items-changed", G_CALLBACK (filtered_items_changed_cb), self);

  self->slots = ruhu_case_slots_new (G_LIST_MODEL (self->filtered), show_row);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->slots)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (factory);
  g_object_unref (selection);
}

static void
ruhu_case_list_init (RuhuCaseList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->criteria.state = -1;
  self->sort = RUHU_CASE_SORT_DEADLINE;
  g_date_clear (&self->today, 1);
  build_models (self);
  ruhu_case_list_install_actions (self);
  g_signal_connect (self->search_entry, "changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (activate_cb), self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  ruhu_case_list_update_view (self);
}

RuhuCaseList *
ruhu_case_list_new (void)
{
  return g_object_new (RUHU_TYPE_CASE_LIST, NULL);
}

typedef struct
{
  RuhuCaseList *self;
  char         *case_id;  /* NULL: every case */
  guint         serial;
} LoadCall;

static void
load_call_free (LoadCall *call)
{
  g_object_unref (call->self);
  g_free (call->case_id);
  g_free (call);
}

static void
set_busy (RuhuCaseList *self,
          int           delta)
{
  self->n_pending += delta;
  if (self->n_pending == 0 || (delta > 0 && self->n_pending == 1))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
apply_all (RuhuCaseList *self,
           GPtrArray    *summaries)
{
  g_hash_table_remove_all (self->by_id);
  for (guint i = 0; i < summaries->len; i++)
    {
      RuhuCaseSummary *summary = g_ptr_array_index (summaries, i);

      g_hash_table_insert (self->by_id, (gpointer) ruhu_case_summary_get_case_id (summary), summary);
    }
  self->loaded = TRUE;
  ruhu_case_array_splice (self->cases, 0, g_list_model_get_n_items (G_LIST_MODEL (self->cases)),
                          (RuhuCaseSummary **) summaries->pdata, summaries->len);
  ruhu_case_list_update_view (self);
}

/* Puts @summary back in its place so that the sorter and the filter look
 * at it again. */
static void
replace_in_store (RuhuCaseList    *self,
                  RuhuCaseSummary *summary,
                  RuhuCaseSummary *fresh)
{
  g_autoptr(RuhuCaseSummary) keep = g_object_ref (summary);
  guint position;

  if (!ruhu_case_array_find (self->cases, summary, &position))
    return;
  g_hash_table_remove (self->by_id, ruhu_case_summary_get_case_id (summary));
  if (fresh == NULL)
    {
      ruhu_case_array_splice (self->cases, position, 1, NULL, 0);
      return;
    }
  ruhu_case_summary_update (summary, fresh);
  g_hash_table_insert (self->by_id, (gpointer) ruhu_case_summary_get_case_id (summary), summary);
  ruhu_case_array_splice (self->cases, position, 1, &summary, 1);
}

static void
apply_one (RuhuCaseList *self,
           const char   *case_id,
           GPtrArray    *summaries)
{
  RuhuCaseSummary *known = g_hash_table_lookup (self->by_id, case_id);
  RuhuCaseSummary *fresh = summaries->len > 0 ? g_ptr_array_index (summaries, 0) : NULL;

  if (known != NULL)
    replace_in_store (self, known, fresh);
  else if (fresh != NULL)
    {
      g_hash_table_insert (self->by_id, (gpointer) ruhu_case_summary_get_case_id (fresh), fresh);
      ruhu_case_array_splice (self->cases, g_list_model_get_n_items (G_LIST_MODEL (self->cases)), 0,
                              &fresh, 1);
    }
  ruhu_case_list_update_view (self);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  LoadCall *call = user_data;
  RuhuCaseList *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) summaries = ruhu_case_load_finish (result, &error);

  set_busy (self, -1);
  if (summaries == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the cases: %s", error->message);
    }
  /* A full load started after this one makes it stale. */
  else if (call->case_id == NULL && call->serial == self->full_serial)
    apply_all (self, summaries);
  else if (call->case_id != NULL && call->serial > self->full_serial)
    apply_one (self, call->case_id, summaries);
  load_call_free (call);
}

static void
start_load (RuhuCaseList *self,
            const char   *case_id)
{
  LoadCall *call = g_new0 (LoadCall, 1);

  call->self = g_object_ref (self);
  call->case_id = g_strdup (case_id);
  call->serial = ++self->load_serial;
  if (case_id == NULL)
    self->full_serial = call->serial;
  set_busy (self, 1);
  ruhu_case_load_async (self->device, case_id, &self->today, self->cancellable, load_done_cb, call);
}

static void
case_changed_cb (RuhuDevice   *device,
                 const char   *case_id,
                 RuhuCaseList *self)
{
  start_load (self, case_id);
}

void
ruhu_case_list_set_device (RuhuCaseList *self,
                           RuhuDevice   *device)
{
  g_return_if_fail (RUHU_IS_CASE_LIST (self));
  g_return_if_fail (device == NULL || RUHU_IS_DEVICE (device));

  if (self->device == device)
    return;
  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, g_cancellable_new ());
  if (self->device != NULL)
    g_clear_signal_handler (&self->case_changed_id, self->device);
  g_set_object (&self->device, device);
  self->loaded = FALSE;
  self->full_serial = ++self->load_serial;
  g_hash_table_remove_all (self->by_id);
  ruhu_case_array_splice (self->cases, 0, g_list_model_get_n_items (G_LIST_MODEL (self->cases)), NULL, 0);
  ruhu_case_list_update_view (self);
  if (device == NULL)
    return;
  self->case_changed_id = g_signal_connect (device, "case-changed", G_CALLBACK (case_changed_cb), self);
  ruhu_case_list_fill_menus (self);
  start_load (self, NULL);
}

/* The number of cases the search and filters leave in the list. */
guint
ruhu_case_list_get_n_shown (RuhuCaseList *self)
{
  g_return_val_if_fail (RUHU_IS_CASE_LIST (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

/* Whether a load is in flight (the "busy" property). */
gboolean
ruhu_case_list_is_busy (RuhuCaseList *self)
{
  g_return_val_if_fail (RUHU_IS_CASE_LIST (self), FALSE);
  return self->n_pending > 0;
}

/* Counts deadlines from @today instead of the current date (for tests and
 * demonstrations); NULL goes back to the current date. Reloads. */
void
ruhu_case_list_set_today (RuhuCaseList *self,
                          const GDate  *today)
{
  g_return_if_fail (RUHU_IS_CASE_LIST (self));

  g_date_clear (&self->today, 1);
  if (today != NULL)
    self->today = *today;
  if (self->device != NULL)
    start_load (self, NULL);
}

/* The filtered and sorted cases, as shown (RuhuCaseSummary items). */
GListModel *
ruhu_case_list_get_model (RuhuCaseList *self)
{
  g_return_val_if_fail (RUHU_IS_CASE_LIST (self), NULL);
  return G_LIST_MODEL (self->filtered);
}
