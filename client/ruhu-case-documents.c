/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-case-documents-private.h"
#include "ruhu-case-snapshot.h"

/* The library has no cheaper test of whether a case is ready for a
 * document than making it, so the documents are made in a worker thread
 * when the case is shown (and again when it changes) and kept: saving and
 * printing then only draw them. A document's layouts have their own font
 * map and belong to one thread at a time: while one is written in a worker
 * thread, saving and printing are off. */

/* Typing on the case page writes a field at a time: the documents are made
 * again once the case has been still for this long. */
#define SETTLE_MS 1500
#define TOUCH_SIZE 44

G_DEFINE_FINAL_TYPE (RuhuCaseDocuments, ruhu_case_documents, ADW_TYPE_BIN)

/* What the rows say before a document exists. */
static const char * const kind_titles[] = {
  /* Translators: 家庭经济状况核查表 */
  [RUHU_DOCUMENT_SHEET] = N_("Household economic check sheet"),
  /* Translators: 受理通知书 */
  [RUHU_DOCUMENT_ACCEPTANCE] = N_("Acceptance notice"),
  /* Translators: 一次性告知书 */
  [RUHU_DOCUMENT_MATERIALS] = N_("Missing materials notice"),
  /* Translators: 调查结果告知书 */
  [RUHU_DOCUMENT_RESULT] = N_("Investigation result notice"),
  /* Translators: 乡镇审核意见 */
  [RUHU_DOCUMENT_OPINION] = N_("Township review opinion"),
  /* Translators: 公示名单 of the case's village */
  [RUHU_DOCUMENT_NOTICE_LIST] = N_("Public notice list of the village"),
  /* Translators: 确认 or 不予确认决定书 */
  [RUHU_DOCUMENT_DECISION] = N_("Decision"),
  /* Translators: 救助证明 */
  [RUHU_DOCUMENT_CERTIFICATE] = N_("Certificate of social assistance"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_titles) == RUHU_N_DOCUMENT_KINDS);

/* What the worker thread made: every document it could, and why not the
 * others. */
typedef struct
{
  GPtrArray *docs;
  char      *reasons[RUHU_N_DOCUMENT_KINDS];
  char      *head_name;
  char      *failure;   /* an error other than "not ready", for the message */
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->docs, g_ptr_array_unref);
  for (guint i = 0; i < RUHU_N_DOCUMENT_KINDS; i++)
    g_free (result->reasons[i]);
  g_free (result->head_name);
  g_free (result->failure);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadResult, load_result_free)

void
ruhu_case_documents_show_message (RuhuCaseDocuments *self,
              const char        *text)
{
  gtk_label_set_text (self->message_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL);
}

void
ruhu_case_documents_update_actions (RuhuCaseDocuments *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "documents.save", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "documents.print", !self->busy);
}

static char *
read_head_name (RuhuStore  *store,
                const char *case_id)
{
  g_autoptr(GError) error = NULL;
  RuhuCaseSnapshot *snapshot = ruhu_case_snapshot_load (store, case_id, &error);
  RuhuCaseEntity *household;
  char *name = NULL;

  if (snapshot == NULL)
    return NULL;
  household = ruhu_case_snapshot_first (snapshot, "household");
  if (household != NULL)
    name = g_strdup (ruhu_case_entity_get_string (household, "head_name"));
  ruhu_case_snapshot_free (snapshot);
  return name;
}

/* A device has no key to sign certificates with: the district's server
 * issues them (ruhu-admin document). */
static char *
reason_for (RuhuDocumentKind  kind,
            const GError     *error)
{
  if (kind == RUHU_DOCUMENT_CERTIFICATE &&
      g_error_matches (error, RUHU_DOCUMENT_ERROR, RUHU_DOCUMENT_ERROR_INVALID))
    return g_strdup (_("Certificates are signed by the district’s server: the district office "
                       "prints them."));
  return g_strdup (error->message);
}

/* In the worker thread. It does not fail: why a document is missing is
 * said on its row. */
static gpointer
make_documents (RuhuDevice    *device,
                const char    *case_id,
                GCancellable  *cancellable,
                GError       **unused)
{
  g_autoptr(LoadResult) result = g_new0 (LoadResult, 1);
  RuhuDocumentOptions options = {
    .name_mask = RUHU_NAME_MASK_MIDDLE,
    .blob_func = ruhu_document_read_sync_blob,
    .blob_data = ruhu_device_get_sync_client (device),
  };

  result->docs = g_ptr_array_new_full (RUHU_N_DOCUMENT_KINDS, (GDestroyNotify) ruhu_document_free);
  for (guint kind = 0; kind < RUHU_N_DOCUMENT_KINDS; kind++)
    {
      g_autoptr(GError) error = NULL;
      RuhuDocument *doc = NULL;

      if (!g_cancellable_is_cancelled (cancellable))
        doc = ruhu_document_new (ruhu_device_get_store (device), ruhu_device_get_forms (device),
                                 case_id, kind, &options, &error);
      g_ptr_array_add (result->docs, doc);
      if (error == NULL)
        continue;
      result->reasons[kind] = reason_for (kind, error);
      /* Not being ready is said on the row; anything else also below. */
      if (result->failure == NULL &&
          !g_error_matches (error, RUHU_DOCUMENT_ERROR, RUHU_DOCUMENT_ERROR_NOT_READY) &&
          !g_error_matches (error, RUHU_DOCUMENT_ERROR, RUHU_DOCUMENT_ERROR_INVALID))
        result->failure = g_strdup (error->message);
    }
  result->head_name = read_head_name (ruhu_device_get_store (device), case_id);
  return g_steal_pointer (&result);
}

static void
update_row (RuhuCaseDocuments *self,
            RuhuDocumentKind   kind,
            const char        *reason)
{
  AdwActionRow *row = ADW_ACTION_ROW (self->rows[kind]);
  RuhuDocument *doc = self->docs != NULL ? g_ptr_array_index (self->docs, kind) : NULL;
  g_autofree char *pages = NULL;

  gtk_widget_set_sensitive (self->rows[kind], doc != NULL);
  if (doc == NULL)
    {
      adw_action_row_set_subtitle (row, reason);
      return;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ruhu_document_get_title (doc));
  /* Translators: under a document's title, how long it is. */
  pages = g_strdup_printf (ngettext ("%u page", "%u pages", ruhu_document_get_n_pages (doc)),
                           ruhu_document_get_n_pages (doc));
  adw_action_row_set_subtitle (row, pages);
}

static void
documents_made (gpointer      owner,
                gpointer      data,
                const GError *error)
{
  RuhuCaseDocuments *self = owner;
  LoadResult *result = data;

  /* A save under way keeps its own reference to the old ones. */
  g_clear_pointer (&self->docs, g_ptr_array_unref);
  self->docs = g_steal_pointer (&result->docs);
  g_free (self->head_name);
  self->head_name = g_steal_pointer (&result->head_name);
  for (guint kind = 0; kind < RUHU_N_DOCUMENT_KINDS; kind++)
    update_row (self, kind, result->reasons[kind]);
  if (result->failure != NULL)
    ruhu_case_documents_show_message (self, result->failure);
}

static const RuhuCaseLoaderFuncs load_funcs = {
  .load = make_documents,
  .result_free = (GDestroyNotify) load_result_free,
  .loaded = documents_made,
  .settle_ms = SETTLE_MS,
};

/* The widget ------------------------------------------------------------ */

static GtkWidget *
row_button (const char       *icon,
            const char       *label,
            const char       *action,
            RuhuDocumentKind  kind)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (button, TOUCH_SIZE, TOUCH_SIZE);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", (guint32) kind);
  return button;
}

static void
add_rows (RuhuCaseDocuments *self)
{
  for (guint kind = 0; kind < RUHU_N_DOCUMENT_KINDS; kind++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(kind_titles[kind]));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      /* Translators: an icon button's name on a document's row. */
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button ("document-save-symbolic", _("Save as PDF…"),
                                             "documents.save", kind));
      /* Translators: an icon button's name on a document's row. */
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button ("printer-symbolic", _("Print…"),
                                             "documents.print", kind));
      gtk_widget_set_sensitive (row, FALSE);
      adw_preferences_group_add (self->group, row);
      self->rows[kind] = row;
    }
}

static void
ruhu_case_documents_dispose (GObject *object)
{
  RuhuCaseDocuments *self = RUHU_CASE_DOCUMENTS (object);

  ruhu_case_loader_clear (&self->loader);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->print_op);
  g_clear_object (&self->device);
  g_clear_pointer (&self->docs, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), RUHU_TYPE_CASE_DOCUMENTS);
  G_OBJECT_CLASS (ruhu_case_documents_parent_class)->dispose (object);
}

static void
ruhu_case_documents_finalize (GObject *object)
{
  RuhuCaseDocuments *self = RUHU_CASE_DOCUMENTS (object);

  g_clear_object (&self->cancellable);
  g_free (self->head_name);
  G_OBJECT_CLASS (ruhu_case_documents_parent_class)->finalize (object);
}

static void
ruhu_case_documents_class_init (RuhuCaseDocumentsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ruhu_case_documents_dispose;
  object_class->finalize = ruhu_case_documents_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/ruhu/Ruhu/ruhu-case-documents.ui");
  gtk_widget_class_bind_template_child (widget_class, RuhuCaseDocuments, group);
  gtk_widget_class_bind_template_child (widget_class, RuhuCaseDocuments, message_label);
  ruhu_case_documents_install_output (widget_class);
}

static void
ruhu_case_documents_init (RuhuCaseDocuments *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  add_rows (self);
}

RuhuCaseDocuments *
ruhu_case_documents_new (RuhuDevice *device)
{
  RuhuCaseDocuments *self;

  g_return_val_if_fail (RUHU_IS_DEVICE (device), NULL);

  self = g_object_new (RUHU_TYPE_CASE_DOCUMENTS, NULL);
  self->device = g_object_ref (device);
  self->loader = ruhu_case_loader_new (device, &load_funcs, self);
  return self;
}

/* Makes the case's documents anew in a worker thread; %NULL empties the
 * list. */
void
ruhu_case_documents_set_case (RuhuCaseDocuments *self,
                              const char        *case_id)
{
  g_return_if_fail (RUHU_IS_CASE_DOCUMENTS (self));

  if (g_strcmp0 (ruhu_case_loader_get_case (self->loader), case_id) == 0)
    return;
  g_clear_pointer (&self->docs, g_ptr_array_unref);
  g_clear_pointer (&self->head_name, g_free);
  ruhu_case_documents_show_message (self, NULL);
  for (guint kind = 0; kind < RUHU_N_DOCUMENT_KINDS; kind++)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rows[kind]),
                                     _(kind_titles[kind]));
      update_row (self, kind, NULL);
    }
  ruhu_case_loader_set_case (self->loader, case_id);
}

/* TRUE while the case's documents are being made or are about to be (the
 * case changed); tests wait for it. */
gboolean
ruhu_case_documents_get_loading (RuhuCaseDocuments *self)
{
  g_return_val_if_fail (RUHU_IS_CASE_DOCUMENTS (self), FALSE);
  return ruhu_case_loader_get_loading (self->loader);
}

/* TRUE while a document is being saved. */
gboolean
ruhu_case_documents_get_busy (RuhuCaseDocuments *self)
{
  g_return_val_if_fail (RUHU_IS_CASE_DOCUMENTS (self), FALSE);
  return self->busy;
}

/* Returns: (transfer none): the AdwActionRow of @kind */
GtkWidget *
ruhu_case_documents_get_row (RuhuCaseDocuments *self,
                             RuhuDocumentKind   kind)
{
  g_return_val_if_fail (RUHU_IS_CASE_DOCUMENTS (self), NULL);
  g_return_val_if_fail (kind < RUHU_N_DOCUMENT_KINDS, NULL);
  return self->rows[kind];
}

/* Returns: (transfer none) (nullable): what the list last said (saved, or
 * why not) */
const char *
ruhu_case_documents_get_message (RuhuCaseDocuments *self)
{
  g_return_val_if_fail (RUHU_IS_CASE_DOCUMENTS (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;
  return gtk_label_get_text (self->message_label);
}
