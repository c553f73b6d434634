/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ruhu-discovery-page.h"
#include "ruhu-a11y.h"
#include "ruhu-entity-form.h"
#include "ruhu-id.h"

struct _RuhuDiscoveryPage
{
  AdwBin          parent_instance;
  RuhuDevice     *device;
  RuhuEntityForm *form;

  AdwBin         *form_bin;
  GtkLabel       *status_label;
};

G_DEFINE_FINAL_TYPE (RuhuDiscoveryPage, ruhu_discovery_page, ADW_TYPE_BIN)

enum
{
  FILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the assistant fills in; who reports, and when, the page knows.
 * Fields marked optional are asked only where the region's form has them:
 * the application made from the report takes them (shared/ruhu-discovery-
 * application.c). */
static const struct
{
  const char *name;
  gboolean    optional;
} asked_fields[] = {
  { "reporter_phone", TRUE },
  { "person_name", FALSE },
  { "person_phone", FALSE },
  { "place", FALSE },
  { "category", TRUE },
  { "urgency", FALSE },
  { "situation_kind", FALSE },
  { "situation", FALSE },
  { "photo", FALSE },
};

/* The household fields a report already answers, and where from. */
static const struct
{
  const char *report_field;
  const char *household_field;
} household_fields[] = {
  { "person_name", "head_name" },
  { "place", "address" },
  { "person_phone", "phone" },
};

static const char * const reporter_roles[] = { "village_assistant", "volunteer", NULL };

static JsonNode *
string_node (const char *text)
{
  return json_node_init_string (json_node_alloc (), text);
}

/* The account's area code goes where its length says, so that the server
 * sees the new case inside the assistant's area. */
static const char *
place_field_for (const char *place)
{
  size_t length = place != NULL ? strlen (place) : 0;

  if (place == NULL || strspn (place, "0123456789") != length)
    return NULL;
  switch (length)
    {
    case 6:
      return "district_code";
    case 9:
      return "township_code";
    case 12:
      return "village_code";
    default:
      return NULL;
    }
}

static GHashTable *
household_values (RuhuDiscoveryPage *self,
                  GHashTable        *report)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify) json_node_unref);
  const char *place = ruhu_device_get_place (self->device);
  const char *place_field = place_field_for (place);

  for (guint i = 0; i < G_N_ELEMENTS (household_fields); i++)
    {
      JsonNode *value = g_hash_table_lookup (report, household_fields[i].report_field);

      if (value != NULL)
        g_hash_table_insert (values, (char *) household_fields[i].household_field,
                             json_node_copy (value));
    }
  if (place_field != NULL)
    g_hash_table_insert (values, (char *) place_field, string_node (place));
  return values;
}

static gboolean
write_household (RuhuDiscoveryPage  *self,
                 const char         *case_id,
                 GHashTable         *report,
                 GError            **error)
{
  g_autoptr(GHashTable) values = household_values (self, report);
  GHashTableIter iter;
  gpointer field, value;

  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &field, &value))
    {
      g_autoptr(RuhuOp) op = ruhu_device_write (self->device, case_id, "household", case_id, NULL,
                                                field, value, error);

      if (op == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
set_presets (RuhuDiscoveryPage *self)
{
  const char *role = ruhu_device_get_role (self->device);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *reported_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
  g_autoptr(JsonNode) actor = string_node (ruhu_device_get_actor (self->device));
  g_autoptr(JsonNode) reporter_role = NULL;
  g_autoptr(JsonNode) time = string_node (reported_at);

  reporter_role = string_node (role != NULL && g_strv_contains (reporter_roles, role) ? role
                                                                                       : "other");
  ruhu_entity_form_set_preset (self->form, "reporter_name", actor);
  ruhu_entity_form_set_preset (self->form, "reporter_role", reporter_role);
  ruhu_entity_form_set_preset (self->form, "reported_at", time);
}

static void
show_status (RuhuDiscoveryPage *self,
             const char        *text,
             gboolean           failed)
{
  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
  if (failed)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "success");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
    }
}

static void
file_clicked_cb (RuhuDiscoveryPage *self)
{
  ruhu_discovery_page_file (self, NULL);
}

static void
ruhu_discovery_page_dispose (GObject *object)
{
  RuhuDiscoveryPage *self = RUHU_DISCOVERY_PAGE (object);

  g_clear_object (&self->device);
  self->form = NULL;
  /* AdwBin unparents the template's root itself. */
  G_OBJECT_CLASS (ruhu_discovery_page_parent_class)->dispose (object);
}

static void
ruhu_discovery_page_class_init (RuhuDiscoveryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ruhu_discovery_page_dispose;

  /**
   * RuhuDiscoveryPage::filed:
   * @case_id: the case the report opened
   */
  signals[FILED] = g_signal_new ("filed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/ruhu/Ruhu/ruhu-discovery-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RuhuDiscoveryPage, form_bin);
  gtk_widget_class_bind_template_child (widget_class, RuhuDiscoveryPage, status_label);
  gtk_widget_class_bind_template_callback (widget_class, file_clicked_cb);
}

static void
ruhu_discovery_page_init (RuhuDiscoveryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ruhu_a11y_tidy_names (GTK_WIDGET (self));
}

/* Returns: (transfer container): the names, %NULL-terminated */
static GPtrArray *
asked_field_names (RuhuDevice *device)
{
  RuhuForm *form = ruhu_form_set_lookup (ruhu_device_get_forms (device), "discovery_report");
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (asked_fields); i++)
    if (!asked_fields[i].optional ||
        (form != NULL && ruhu_form_lookup_field (form, asked_fields[i].name) != NULL))
      g_ptr_array_add (names, (char *) asked_fields[i].name);
  g_ptr_array_add (names, NULL);
  return names;
}

RuhuDiscoveryPage *
ruhu_discovery_page_new (RuhuDevice *device)
{
  g_autoptr(GPtrArray) fields = NULL;
  RuhuDiscoveryPage *self;

  g_return_val_if_fail (RUHU_IS_DEVICE (device), NULL);

  self = g_object_new (RUHU_TYPE_DISCOVERY_PAGE, NULL);
  self->device = g_object_ref (device);
  fields = asked_field_names (device);
  self->form = ruhu_entity_form_new (device, "discovery_report",
                                     (const char * const *) fields->pdata);
  adw_bin_set_child (self->form_bin, GTK_WIDGET (self->form));
  return self;
}

/**
 * ruhu_discovery_page_file:
 * @case_id: (out) (optional) (transfer full): the case the report opened
 *
 * Checks the report against its form and, if it is complete, writes it
 * under a new household and empties the page for the next one. Problems
 * and failures are shown on the page.
 *
 * Returns: whether the report was filed
 */
gboolean
ruhu_discovery_page_file (RuhuDiscoveryPage  *self,
                          char              **case_id)
{
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *household = ruhu_id_new ();
  g_autofree char *report = ruhu_id_new ();
  g_autofree char *message = NULL;

  g_return_val_if_fail (RUHU_IS_DISCOVERY_PAGE (self), FALSE);

  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  set_presets (self);
  values = ruhu_entity_form_collect (self->form);
  if (values == NULL)
    return FALSE;
  /* A report hangs under a household of its own: every case has one root. */
  if (!write_household (self, household, values, &error) ||
      !ruhu_entity_form_write (self->form, report, household, household, values, &error))
    {
      message = g_strdup_printf (_("The report could not be saved: %s"), error->message);
      show_status (self, message, TRUE);
      return FALSE;
    }
  ruhu_entity_form_reset (self->form);
  show_status (self, _("Report saved. It goes to the township at the next sync."), FALSE);
  g_signal_emit (self, signals[FILED], 0, household);
  if (case_id != NULL)
    *case_id = g_steal_pointer (&household);
  return TRUE;
}

/* The form of the entity being entered, for a camera to put a photo in. */
RuhuEntityForm *
ruhu_discovery_page_get_form (RuhuDiscoveryPage *self)
{
  g_return_val_if_fail (RUHU_IS_DISCOVERY_PAGE (self), NULL);
  return self->form;
}
