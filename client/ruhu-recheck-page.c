/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-aftercare-load.h"
#include "ruhu-recheck-page.h"
#include "ruhu-recheck-rows.h"

struct _RuhuRecheckPage
{
  AdwBin               parent_instance;
  RuhuDevice          *device;
  RuhuAftercareLoader *loader;
  guint                n_villages;
  guint                n_reviews;
  guint                n_aliveness;

  GtkLabel            *status_label;
  GtkListBox          *rates_list;
  GtkListBox          *reviews_list;
  GtkListBox          *aliveness_list;
};

G_DEFINE_FINAL_TYPE (RuhuRecheckPage, ruhu_recheck_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_LOADING,
  N_PROPS,
};

enum
{
  CASE_ACTIVATED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
activate_case (const char *case_id,
               gpointer    user_data)
{
  g_signal_emit (RUHU_RECHECK_PAGE (user_data), signals[CASE_ACTIVATED], 0, case_id);
}

static void
show_rates (RuhuRecheckPage *self,
            GPtrArray       *rates)
{
  ruhu_recheck_clear_list (self->rates_list);
  for (guint i = 0; i < rates->len; i++)
    gtk_list_box_append (self->rates_list,
                         ruhu_recheck_rate_row_new (g_ptr_array_index (rates, i)));
  self->n_villages = rates->len;
}

static void
show_aftercare (RuhuRecheckPage *self,
                RuhuAftercare   *aftercare)
{
  RuhuForm *household = ruhu_form_set_lookup (ruhu_device_get_forms (self->device), "household");
  g_autofree char *summary = NULL;

  show_rates (self, aftercare->rates);
  ruhu_recheck_fill_by_category (self->reviews_list, aftercare->lists->reviews, household, FALSE,
                                 activate_case, self);
  ruhu_recheck_fill_by_category (self->aliveness_list, aftercare->lists->aliveness, household,
                                 TRUE, activate_case, self);
  self->n_reviews = aftercare->lists->reviews->len;
  self->n_aliveness = aftercare->lists->aliveness->len;
  /* Translators: the summary above the supervisor's lists */
  summary = g_strdup_printf (_("%u to review, %u to confirm alive"), self->n_reviews,
                             self->n_aliveness);
  gtk_label_set_text (self->status_label, summary);
}

static void
loaded_cb (RuhuRecheckPage *self,
           RuhuAftercare   *aftercare,
           GError          *error)
{
  if (aftercare == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s says why the lists could not be read */
      message = g_strdup_printf (_("The lists could not be read: %s"), error->message);
      gtk_label_set_text (self->status_label, message);
    }
  else
    show_aftercare (self, aftercare);
}

static void
loader_loading_cb (RuhuRecheckPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
ruhu_recheck_page_dispose (GObject *object)
{
  RuhuRecheckPage *self = RUHU_RECHECK_PAGE (object);

  if (self->loader != NULL)
    ruhu_aftercare_loader_stop (self->loader);
  g_clear_object (&self->loader);
  g_clear_object (&self->device);
  G_OBJECT_CLASS (ruhu_recheck_page_parent_class)->dispose (object);
}

static void
ruhu_recheck_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RuhuRecheckPage *self = RUHU_RECHECK_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, ruhu_recheck_page_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ruhu_recheck_page_class_init (RuhuRecheckPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ruhu_recheck_page_dispose;
  object_class->get_property = ruhu_recheck_page_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CASE_ACTIVATED] =
    g_signal_new ("case-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/ruhu/Ruhu/ruhu-recheck-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RuhuRecheckPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, RuhuRecheckPage, rates_list);
  gtk_widget_class_bind_template_child (widget_class, RuhuRecheckPage, reviews_list);
  gtk_widget_class_bind_template_child (widget_class, RuhuRecheckPage, aliveness_list);
}

static void
ruhu_recheck_page_init (RuhuRecheckPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * ruhu_recheck_page_new:
 *
 * Returns: (transfer floating): the page, loading @device's lists
 */
RuhuRecheckPage *
ruhu_recheck_page_new (RuhuDevice *device)
{
  RuhuRecheckPage *self;

  g_return_val_if_fail (RUHU_IS_DEVICE (device), NULL);

  self = g_object_new (RUHU_TYPE_RECHECK_PAGE, NULL);
  self->device = g_object_ref (device);
  self->loader = ruhu_aftercare_loader_new (device, RUHU_AFTERCARE_RECHECKS, self,
                                            G_CALLBACK (loaded_cb), G_CALLBACK (loader_loading_cb));
  return self;
}

void
ruhu_recheck_page_reload (RuhuRecheckPage *self)
{
  g_return_if_fail (RUHU_IS_RECHECK_PAGE (self));
  ruhu_aftercare_loader_reload (self->loader);
}

gboolean
ruhu_recheck_page_get_loading (RuhuRecheckPage *self)
{
  g_return_val_if_fail (RUHU_IS_RECHECK_PAGE (self), FALSE);
  return self->loader != NULL && ruhu_aftercare_loader_get_loading (self->loader);
}

guint
ruhu_recheck_page_get_n_villages (RuhuRecheckPage *self)
{
  g_return_val_if_fail (RUHU_IS_RECHECK_PAGE (self), 0);
  return self->n_villages;
}

guint
ruhu_recheck_page_get_n_reviews (RuhuRecheckPage *self)
{
  g_return_val_if_fail (RUHU_IS_RECHECK_PAGE (self), 0);
  return self->n_reviews;
}

guint
ruhu_recheck_page_get_n_aliveness (RuhuRecheckPage *self)
{
  g_return_val_if_fail (RUHU_IS_RECHECK_PAGE (self), 0);
  return self->n_aliveness;
}
