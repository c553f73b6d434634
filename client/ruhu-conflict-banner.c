/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-conflict-banner.h"
#include "ruhu-a11y.h"
#include "ruhu-case-loader.h"
#include "ruhu-conflicts.h"
#include "ruhu-rejection-ack.h"
#include "ruhu-rejections-row.h"
#include "ruhu-resolve-dialog.h"

struct _RuhuConflictBanner
{
  AdwBin          parent_instance;
  RuhuDevice     *device;
  RuhuCaseLoader *loader;
  guint           n_conflicts;
  guint           n_rejections;

  GtkRevealer    *revealer;
  GtkWidget      *conflict_box;
  GtkLabel       *conflict_label;
  GtkWidget      *rejection_box;
  GtkLabel       *rejection_label;
  GtkListBox     *rejection_list;
};

G_DEFINE_FINAL_TYPE (RuhuConflictBanner, ruhu_conflict_banner, ADW_TYPE_BIN)

enum
{
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What a load found, handed from the worker thread to the main thread. */
typedef struct
{
  guint      n_conflicts;
  GPtrArray *rejections;
} Findings;

static void
findings_free (Findings *findings)
{
  g_clear_pointer (&findings->rejections, g_ptr_array_unref);
  g_free (findings);
}

/* Refused changes the user has read stay in the store but leave the banner. */
static gboolean
drop_acknowledged (RuhuStore  *store,
                   GPtrArray  *rejections,
                   GError    **error)
{
  g_autoptr(GHashTable) seen = ruhu_rejection_load_acknowledged (store, error);

  if (seen == NULL)
    return FALSE;
  for (guint i = rejections->len; i > 0; i--)
    {
      RuhuRejection *rejection = g_ptr_array_index (rejections, i - 1);

      if (g_hash_table_contains (seen, rejection->op->version))
        g_ptr_array_remove_index (rejections, i - 1);
    }
  return TRUE;
}

/* In the worker thread. */
static gpointer
find_conflicts (RuhuDevice    *device,
                const char    *case_id,
                GCancellable  *cancellable,
                GError       **error)
{
  RuhuStore *store = ruhu_device_get_store (device);
  g_autoptr(GPtrArray) conflicts = NULL;
  Findings *findings;

  conflicts = ruhu_store_list_conflicts (store, case_id, error);
  if (conflicts == NULL)
    return NULL;
  findings = g_new0 (Findings, 1);
  findings->n_conflicts = conflicts->len;
  findings->rejections = ruhu_case_list_rejections (store, case_id, error);
  if (findings->rejections == NULL || !drop_acknowledged (store, findings->rejections, error))
    {
      findings_free (findings);
      return NULL;
    }
  return findings;
}

static void
clear_rejections (RuhuConflictBanner *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rejection_list))) != NULL)
    gtk_list_box_remove (self->rejection_list, child);
}

static void
dismiss_clicked_cb (GtkButton          *button,
                    RuhuConflictBanner *self)
{
  const char *version = g_object_get_data (G_OBJECT (button), "version");
  g_autoptr(GError) error = NULL;

  if (!ruhu_rejection_acknowledge (ruhu_device_get_store (self->device), version, &error))
    {
      g_warning ("Could not mark the refused change as read: %s", error->message);
      return;
    }
  ruhu_case_loader_reload (self->loader);
}

static void
add_rejection_row (RuhuConflictBanner  *self,
                   const RuhuRejection *rejection)
{
  GtkWidget *row = ruhu_rejection_row_new (self->device, rejection);
  /* TRANSLATORS: hides a refused change from the banner once it has been read */
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Dismiss"));

  ruhu_a11y_tidy_names (button);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "version", g_strdup (rejection->op->version),
                          g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (dismiss_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  gtk_list_box_append (self->rejection_list, row);
}

static void
show_findings (RuhuConflictBanner *self,
               const Findings     *findings)
{
  g_autofree char *text = NULL;

  self->n_conflicts = findings->n_conflicts;
  self->n_rejections = findings->rejections->len;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u field disagrees between devices",
                                       "%u fields disagree between devices", self->n_conflicts),
                          self->n_conflicts);
  gtk_label_set_text (self->conflict_label, text);
  gtk_widget_set_visible (self->conflict_box, self->n_conflicts > 0);

  clear_rejections (self);
  for (guint i = 0; i < findings->rejections->len; i++)
    add_rejection_row (self, g_ptr_array_index (findings->rejections, i));
  g_clear_pointer (&text, g_free);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The server did not accept %u change",
                                       "The server did not accept %u changes", self->n_rejections),
                          self->n_rejections);
  gtk_label_set_text (self->rejection_label, text);
  gtk_widget_set_visible (self->rejection_box, self->n_rejections > 0);
  gtk_revealer_set_reveal_child (self->revealer, self->n_conflicts > 0 || self->n_rejections > 0);
  g_signal_emit (self, signals[UPDATED], 0);
}

static void
findings_loaded (gpointer      owner,
                 gpointer      findings,
                 const GError *error)
{
  if (findings == NULL)
    g_warning ("Could not read the conflicts of the case: %s", error->message);
  else
    show_findings (owner, findings);
}

static const RuhuCaseLoaderFuncs load_funcs = {
  .load = find_conflicts,
  .result_free = (GDestroyNotify) findings_free,
  .loaded = findings_loaded,
};

static void
review_clicked_cb (RuhuConflictBanner *self)
{
  ruhu_resolve_dialog_show_case (GTK_WIDGET (self), self->device,
                                 ruhu_case_loader_get_case (self->loader));
}

static void
ruhu_conflict_banner_dispose (GObject *object)
{
  RuhuConflictBanner *self = RUHU_CONFLICT_BANNER (object);

  ruhu_case_loader_clear (&self->loader);
  g_clear_object (&self->device);
  /* AdwBin unparents the template's root itself. */
  G_OBJECT_CLASS (ruhu_conflict_banner_parent_class)->dispose (object);
}

static void
ruhu_conflict_banner_class_init (RuhuConflictBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ruhu_conflict_banner_dispose;

  /**
   * RuhuConflictBanner::updated:
   *
   * The banner shows what the store holds now for its case.
   */
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/ruhu/Ruhu/ruhu-conflict-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, RuhuConflictBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, RuhuConflictBanner, conflict_box);
  gtk_widget_class_bind_template_child (widget_class, RuhuConflictBanner, conflict_label);
  gtk_widget_class_bind_template_child (widget_class, RuhuConflictBanner, rejection_box);
  gtk_widget_class_bind_template_child (widget_class, RuhuConflictBanner, rejection_label);
  gtk_widget_class_bind_template_child (widget_class, RuhuConflictBanner, rejection_list);
  gtk_widget_class_bind_template_callback (widget_class, review_clicked_cb);
  gtk_widget_class_set_css_name (widget_class, "conflictbanner");
}

static void
ruhu_conflict_banner_init (RuhuConflictBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ruhu_a11y_tidy_names (GTK_WIDGET (self));
}

RuhuConflictBanner *
ruhu_conflict_banner_new (RuhuDevice *device)
{
  RuhuConflictBanner *self;

  g_return_val_if_fail (RUHU_IS_DEVICE (device), NULL);

  self = g_object_new (RUHU_TYPE_CONFLICT_BANNER, NULL);
  self->device = g_object_ref (device);
  self->loader = ruhu_case_loader_new (device, &load_funcs, self);
  return self;
}

/* Shows the conflicts and refused changes of @case_id (nullable: none);
 * they are read in a worker thread, so the banner appears a moment later. */
void
ruhu_conflict_banner_set_case (RuhuConflictBanner *self,
                               const char         *case_id)
{
  g_return_if_fail (RUHU_IS_CONFLICT_BANNER (self));

  ruhu_case_loader_set_case (self->loader, case_id);
  if (case_id != NULL)
    return;
  self->n_conflicts = self->n_rejections = 0;
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  g_signal_emit (self, signals[UPDATED], 0);
}

guint
ruhu_conflict_banner_get_n_conflicts (RuhuConflictBanner *self)
{
  g_return_val_if_fail (RUHU_IS_CONFLICT_BANNER (self), 0);
  return self->n_conflicts;
}

guint
ruhu_conflict_banner_get_n_rejections (RuhuConflictBanner *self)
{
  g_return_val_if_fail (RUHU_IS_CONFLICT_BANNER (self), 0);
  return self->n_rejections;
}

/* Whether the banner shows (or is sliding in to show) anything. */
gboolean
ruhu_conflict_banner_get_revealed (RuhuConflictBanner *self)
{
  g_return_val_if_fail (RUHU_IS_CONFLICT_BANNER (self), FALSE);
  return gtk_revealer_get_reveal_child (self->revealer);
}
