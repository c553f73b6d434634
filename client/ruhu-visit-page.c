/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-entity-form.h"
#include "ruhu-id.h"
#include "ruhu-value-text.h"
#include "ruhu-visit-due-list.h"
#include "ruhu-visit-page.h"

struct _RuhuVisitPage
{
  AdwBin             parent_instance;
  RuhuDevice        *device;
  char              *case_id;    /* NULL until a household is chosen */
  char              *household;  /* the case's root entity */
  RuhuEntityForm    *form;
  RuhuVisitDueList  *due_list;
  guint              n_visits;

  GtkScrolledWindow *scroller;
  AdwBin            *due_bin;
  GtkBox            *household_box;
  GtkLabel          *title_label;
  GtkLabel          *subtitle_label;
  GtkListBox        *visit_list;
  AdwBin            *form_bin;
  GtkLabel          *status_label;
};

G_DEFINE_FINAL_TYPE (RuhuVisitPage, ruhu_visit_page, ADW_TYPE_BIN)

/* What the volunteer fills in; the visitor is the account. */
static const char * const asked_fields[] = {
  "visited_on", "persons_seen", "member_seen", "seen_in_person", "condition", "condition_notes",
  "needs", "needs_details", "follow_up", "photo", NULL
};

static char *
text_of (GHashTable *fields,
         const char *name)
{
  JsonNode *value = fields != NULL ? g_hash_table_lookup (fields, name) : NULL;

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
      json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (value));
}

static void
show_household (RuhuVisitPage *self,
                GHashTable    *fields)
{
  g_autofree char *head = text_of (fields, "head_name");
  g_autofree char *village = text_of (fields, "village_name");
  g_autofree char *address = text_of (fields, "address");
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  /* TRANSLATORS: the heading of the visit page; %s is the household head's name */
  title = g_strdup_printf (_("Visit to %s"), head != NULL ? head : _("a household"));
  gtk_label_set_text (self->title_label, title);
  if (village != NULL && address != NULL)
    subtitle = g_strjoin (" · ", village, address, NULL);
  gtk_label_set_text (self->subtitle_label,
                      subtitle != NULL ? subtitle : village != NULL ? village
                                                    : address != NULL ? address : "");
}

static GtkWidget *
new_visit_row (RuhuVisitPage *self,
               GHashTable    *fields)
{
  RuhuForm *form = ruhu_entity_form_get_form (self->form);
  RuhuFormField *condition = ruhu_form_lookup_field (form, "condition");
  g_autofree char *date = text_of (fields, "visited_on");
  g_autofree char *condition_text = ruhu_value_to_text (condition, "condition",
                                                        g_hash_table_lookup (fields, "condition"));
  g_autofree char *seen = text_of (fields, "persons_seen");
  g_autofree char *visitor = text_of (fields, "visitor_name");
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  /* TRANSLATORS: an earlier visit: its date and the condition found */
  title = g_strdup_printf (_("%s: %s"), date != NULL ? date : "?", condition_text);
  /* TRANSLATORS: who was seen at a visit, and who visited */
  subtitle = g_strdup_printf (_("Saw %s; visited by %s"), seen != NULL ? seen : "?",
                              visitor != NULL ? visitor : "?");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  g_object_set_data_full (G_OBJECT (row), "visited-on", g_steal_pointer (&date), g_free);
  return row;
}

/* The latest visit first: ISO dates sort as text. */
static int
sort_visits (GtkListBoxRow *a,
             GtkListBoxRow *b,
             gpointer       user_data)
{
  return g_strcmp0 (g_object_get_data (G_OBJECT (b), "visited-on"),
                    g_object_get_data (G_OBJECT (a), "visited-on"));
}

static void
clear_visits (RuhuVisitPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->visit_list))) != NULL)
    gtk_list_box_remove (self->visit_list, child);
  self->n_visits = 0;
}

static void
add_placeholder (RuhuVisitPage *self)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No visits recorded yet"));
  gtk_list_box_append (self->visit_list, row);
}

/* Rereads the household and its visits: one case is a few dozen entities. */
static void
reload (RuhuVisitPage *self)
{
  RuhuStore *store = ruhu_device_get_store (self->device);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entities = NULL;

  clear_visits (self);
  if (self->case_id == NULL)
    return;
  entities = ruhu_store_list_entities (store, self->case_id, &error);
  if (entities == NULL)
    {
      g_warning ("Could not read the case %s: %s", self->case_id, error->message);
      return;
    }
  for (guint i = 0; i < entities->len; i++)
    {
      RuhuEntityInfo *info = g_ptr_array_index (entities, i);
      g_autoptr(GHashTable) fields = NULL;

      if (info->deleted)
        continue;
      if (g_strcmp0 (info->kind, "household") == 0 && info->parent == NULL)
        {
          g_free (self->household);
          self->household = g_strdup (info->id);
          fields = ruhu_store_get_fields (store, info->id, NULL);
          show_household (self, fields);
        }
      else if (g_strcmp0 (info->kind, "outreach_visit") == 0 &&
               (fields = ruhu_store_get_fields (store, info->id, NULL)) != NULL)
        {
          gtk_list_box_append (self->visit_list, new_visit_row (self, fields));
          self->n_visits++;
        }
    }
  if (self->n_visits == 0)
    add_placeholder (self);
}

static void
device_case_changed_cb (RuhuVisitPage *self,
                        const char    *case_id)
{
  if (self->case_id != NULL && (case_id == NULL || g_strcmp0 (case_id, self->case_id) == 0))
    reload (self);
}

/* Brings the chosen household's visit into view below the list, once
 * the household is laid out: a frame after it was shown. */
static gboolean
scroll_to_household_cb (GtkWidget     *widget,
                        GdkFrameClock *clock,
                        gpointer       user_data)
{
  RuhuVisitPage *self = RUHU_VISIT_PAGE (widget);
  GtkWidget *viewport = gtk_scrolled_window_get_child (self->scroller);
  GtkWidget *content = gtk_viewport_get_child (GTK_VIEWPORT (viewport));
  double x, y;

  if (gtk_widget_get_height (GTK_WIDGET (self->household_box)) == 0)
    return G_SOURCE_CONTINUE;
  if (gtk_widget_translate_coordinates (GTK_WIDGET (self->household_box), content, 0, 0, &x, &y))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), y);
  return G_SOURCE_REMOVE;
}

static void
household_activated_cb (RuhuVisitPage *self,
                        const char    *case_id)
{
  ruhu_visit_page_set_case (self, case_id);
  gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_to_household_cb, NULL, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->form));
}

static void
show_status (RuhuVisitPage *self,
             const char    *text,
             const char    *style)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), style);
  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
}

static void
record_clicked_cb (RuhuVisitPage *self)
{
  ruhu_visit_page_record (self);
}

static void
ruhu_visit_page_dispose (GObject *object)
{
  RuhuVisitPage *self = RUHU_VISIT_PAGE (object);

  g_clear_object (&self->device);
  self->form = NULL;
  self->due_list = NULL;
  /* AdwBin unparents the template's root itself. */
  G_OBJECT_CLASS (ruhu_visit_page_parent_class)->dispose (object);
}

static void
ruhu_visit_page_finalize (GObject *object)
{
  RuhuVisitPage *self = RUHU_VISIT_PAGE (object);

  g_free (self->case_id);
  g_free (self->household);
  G_OBJECT_CLASS (ruhu_visit_page_parent_class)->finalize (object);
}

static void
ruhu_visit_page_class_init (RuhuVisitPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ruhu_visit_page_dispose;
  object_class->finalize = ruhu_visit_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/ruhu/Ruhu/ruhu-visit-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RuhuVisitPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, RuhuVisitPage, due_bin);
  gtk_widget_class_bind_template_child (widget_class, RuhuVisitPage, household_box);
  gtk_widget_class_bind_template_child (widget_class, RuhuVisitPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, RuhuVisitPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, RuhuVisitPage, visit_list);
  gtk_widget_class_bind_template_child (widget_class, RuhuVisitPage, form_bin);
  gtk_widget_class_bind_template_child (widget_class, RuhuVisitPage, status_label);
  gtk_widget_class_bind_template_callback (widget_class, record_clicked_cb);
}

static void
ruhu_visit_page_init (RuhuVisitPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_sort_func (self->visit_list, sort_visits, NULL, NULL);
}

/**
 * ruhu_visit_page_new:
 * @case_id: (nullable): an assigned household's case, or %NULL to start
 *   with the list of households due for a visit alone
 *
 * The households due or overdue for a visit this period come first; the
 * chosen household's visits and the form for today's follow.
 *
 * Returns: (transfer floating): the page
 */
RuhuVisitPage *
ruhu_visit_page_new (RuhuDevice *device,
                     const char *case_id)
{
  RuhuVisitPage *self;
  g_autoptr(JsonNode) visitor = NULL;

  g_return_val_if_fail (RUHU_IS_DEVICE (device), NULL);

  self = g_object_new (RUHU_TYPE_VISIT_PAGE, NULL);
  self->device = g_object_ref (device);
  self->due_list = ruhu_visit_due_list_new (device);
  adw_bin_set_child (self->due_bin, GTK_WIDGET (self->due_list));
  g_signal_connect_object (self->due_list, "household-activated",
                           G_CALLBACK (household_activated_cb), self, G_CONNECT_SWAPPED);
  self->form = ruhu_entity_form_new (device, "outreach_visit", asked_fields);
  visitor = json_node_init_string (json_node_alloc (), ruhu_device_get_actor (device));
  ruhu_entity_form_set_preset (self->form, "visitor_name", visitor);
  adw_bin_set_child (self->form_bin, GTK_WIDGET (self->form));
  g_signal_connect_object (device, "case-changed", G_CALLBACK (device_case_changed_cb), self,
                           G_CONNECT_SWAPPED);
  ruhu_visit_page_set_case (self, case_id);
  return self;
}

/**
 * ruhu_visit_page_set_case:
 * @case_id: (nullable): the household to visit, or %NULL for none
 *
 * Shows @case_id's earlier visits and an empty form for a new one.
 */
void
ruhu_visit_page_set_case (RuhuVisitPage *self,
                          const char    *case_id)
{
  g_return_if_fail (RUHU_IS_VISIT_PAGE (self));

  g_free (self->case_id);
  self->case_id = g_strdup (case_id);
  g_clear_pointer (&self->household, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->household_box), case_id != NULL);
  if (case_id != NULL)
    {
      ruhu_entity_form_set_case (self->form, case_id);
      ruhu_entity_form_reset (self->form);
    }
  reload (self);
}

/* The list of households due, for tests. */
RuhuVisitDueList *
ruhu_visit_page_get_due_list (RuhuVisitPage *self)
{
  g_return_val_if_fail (RUHU_IS_VISIT_PAGE (self), NULL);
  return self->due_list;
}

const char *
ruhu_visit_page_get_case (RuhuVisitPage *self)
{
  g_return_val_if_fail (RUHU_IS_VISIT_PAGE (self), NULL);
  return self->case_id;
}

guint
ruhu_visit_page_get_n_visits (RuhuVisitPage *self)
{
  g_return_val_if_fail (RUHU_IS_VISIT_PAGE (self), 0);
  return self->n_visits;
}

/* Checks the visit against its form and, if complete, writes it under the
 * household; problems and failures are shown on the page. */
gboolean
ruhu_visit_page_record (RuhuVisitPage *self)
{
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *visit = ruhu_id_new ();
  g_autofree char *message = NULL;

  g_return_val_if_fail (RUHU_IS_VISIT_PAGE (self), FALSE);
  g_return_val_if_fail (self->case_id != NULL, FALSE);

  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  values = ruhu_entity_form_collect (self->form);
  if (values == NULL)
    return FALSE;
  if (!ruhu_entity_form_write (self->form, visit, self->case_id,
                               self->household != NULL ? self->household : self->case_id,
                               values, &error))
    {
      message = g_strdup_printf (_("The visit could not be saved: %s"), error->message);
      show_status (self, message, "error");
      return FALSE;
    }
  ruhu_entity_form_reset (self->form);
  show_status (self, _("Visit saved. It goes to the township at the next sync."), "success");
  return TRUE;
}

/* The form of the entity being entered, for a camera to put a photo in. */
RuhuEntityForm *
ruhu_visit_page_get_form (RuhuVisitPage *self)
{
  g_return_val_if_fail (RUHU_IS_VISIT_PAGE (self), NULL);
  return self->form;
}
