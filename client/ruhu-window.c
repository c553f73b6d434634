/* SPDX-FileCopyrightText: 2026 The Ruhu authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ruhu-case-list.h"
#include "ruhu-case-page.h"
#include "ruhu-device-check.h"
#include "ruhu-discovery-page.h"
#include "ruhu-overview-page.h"
#include "ruhu-recheck-page.h"
#include "ruhu-setup-page.h"
#include "ruhu-sync-button.h"
#include "ruhu-sync-controller.h"
#include "ruhu-sync-message.h"
#include "ruhu-unlock-page.h"
#include "ruhu-visit-page.h"
#include "ruhu-window.h"

struct _RuhuWindow
{
  AdwApplicationWindow  parent_instance;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  RuhuSetupPage        *setup_page;
  RuhuUnlockPage       *unlock_page;
  AdwLeaflet           *leaflet;
  AdwWindowTitle       *list_title;
  RuhuSyncButton       *sync_button;
  GtkRevealer          *progress_revealer;
  GtkProgressBar       *progress_bar;
  AdwBin               *list_bin;
  GtkStack             *case_stack;
  AdwBin               *case_bin;
  AdwBin               *role_bin;      /* a volunteer's visit, a new discovery report */
  GtkButton            *report_button;
  GtkButton            *overview_button;
  GtkButton            *rechecks_button;
  AdwWindowTitle       *case_title;

  RuhuCaseList         *case_list;
  RuhuCasePage         *case_page;
  RuhuDevice           *device;
  RuhuSyncController   *sync;
  char                 *sync_details;  /* behind the last sync toast: why it failed, */
  gboolean              sync_waiting;  /* or (TRUE) what it left for other users */
};

G_DEFINE_FINAL_TYPE (RuhuWindow, ruhu_window, ADW_TYPE_APPLICATION_WINDOW)

static const char *
role_title (const char *role)
{
  if (g_strcmp0 (role, "investigator") == 0)
    return _("Investigator");
  if (g_strcmp0 (role, "village_assistant") == 0)
    return _("Village assistant");
  if (g_strcmp0 (role, "volunteer") == 0)
    return _("Volunteer");
  if (g_strcmp0 (role, "supervisor") == 0)
    return _("Supervisor");
  if (g_strcmp0 (role, "district_officer") == 0)
    return _("District officer");
  return role;
}

/* Toast titles are Pango markup in libadwaita 1.2. */
static AdwToast *
make_toast (const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  return adw_toast_new (escaped);
}

static gboolean
has_role (RuhuWindow *self,
          const char *role)
{
  return self->device != NULL && g_strcmp0 (ruhu_device_get_role (self->device), role) == 0;
}

static void
update_account (RuhuWindow *self)
{
  const char *role = ruhu_device_get_role (self->device);
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->report_button), has_role (self, "village_assistant"));
  gtk_widget_set_visible (GTK_WIDGET (self->overview_button),
                          has_role (self, "supervisor") || has_role (self, "district_officer"));
  gtk_widget_set_visible (GTK_WIDGET (self->rechecks_button), has_role (self, "supervisor"));
  if (role != NULL)
    /* Translators: the case list's subtitle: user name and role. */
    subtitle = g_strdup_printf (_("%s · %s"), ruhu_device_get_actor (self->device),
                                role_title (role));
  else
    subtitle = g_strdup (ruhu_device_get_actor (self->device));
  adw_window_title_set_subtitle (self->list_title, subtitle);
}

static void
show_progress (RuhuWindow *self)
{
  double fraction = ruhu_sync_controller_get_fraction (self->sync);

  gtk_revealer_set_reveal_child (self->progress_revealer,
                                 ruhu_sync_controller_get_syncing (self->sync));
  if (fraction < 0)
    gtk_progress_bar_pulse (self->progress_bar);
  else
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

/* A sync on a tablet shared by several users sends only the signed-in
 * user's changes: when others' remain, the toast says so, and its button
 * says whose. */
static void
show_synced (RuhuWindow *self)
{
  const char * const *users = NULL;
  gint64 waiting = ruhu_sync_controller_get_waiting (self->sync, &users);
  g_autofree char *sentence = ruhu_sync_describe_waiting (waiting, users);
  AdwToast *toast;

  if (sentence == NULL)
    {
      ruhu_window_add_toast (self, _("Synced"));
      return;
    }
  g_free (self->sync_details);
  /* Translators: %s is a sentence saying whose changes wait, without its full stop. */
  self->sync_details = g_strdup_printf (_("%s. Your own changes are synced."), sentence);
  self->sync_waiting = TRUE;
  toast = make_toast (_("Synced; other users’ changes wait"));
  adw_toast_set_button_label (toast, _("_Details"));
  adw_toast_set_action_name (toast, "win.sync-details");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Failed automatic syncs only speak up when the user can act on them: a
 * missing network fixes itself. A toast has room for a few words only;
 * its button retries or explains. */
static void
sync_finished_cb (RuhuWindow   *self,
                  const GError *error,
                  gboolean      user_started)
{
  AdwToast *toast;
  gboolean retry;

  update_account (self);
  if (error == NULL)
    {
      if (user_started)
        show_synced (self);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      (!user_started && g_error_matches (error, RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_NETWORK)))
    return;
  g_free (self->sync_details);
  self->sync_details = ruhu_sync_error_describe (error);
  self->sync_waiting = FALSE;
  retry = g_error_matches (error, RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_NETWORK) ||
          g_error_matches (error, RUHU_SYNC_ERROR, RUHU_SYNC_ERROR_SERVER);
  toast = make_toast (ruhu_sync_error_title (error));
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (toast, retry ? _("_Retry") : _("_Details"));
  adw_toast_set_action_name (toast, retry ? "win.sync" : "win.sync-details");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The whole explanation behind the last sync toast's button. */
static void
sync_details_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RuhuWindow *self = RUHU_WINDOW (widget);
  GtkWidget *dialog;

  if (self->sync_details == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   self->sync_waiting ? _("Changes Wait for Other Users")
                                                      : _("Sync Failed"),
                                   self->sync_details);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
case_activated_cb (RuhuWindow *self,
                   const char *case_id)
{
  ruhu_window_open_case (self, case_id);
}

static void
setup_done_cb (RuhuWindow *self,
               RuhuDevice *device)
{
  GSettings *settings = ruhu_application_get_settings (RUHU_APPLICATION (
    gtk_window_get_application (GTK_WINDOW (self))));
  g_autofree char *server = ruhu_store_get_setting (ruhu_device_get_store (device),
                                                    RUHU_SYNC_SETTING_SERVER, NULL);

  if (settings != NULL && server != NULL)
    g_settings_set_string (settings, "server-url", server);
  ruhu_window_set_device (self, device);
  /* The first sync brings the cases in; the list fills as it goes. */
  ruhu_window_sync (self);
}

static void
unlocked_cb (RuhuWindow *self,
             RuhuDevice *device)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autofree char *store = g_build_filename (
    ruhu_application_get_device_dir (RUHU_APPLICATION (app)), RUHU_DEVICE_STORE_FILE, NULL);

  ruhu_window_set_device (self, device);
  /* A store made by the first start is new; one unlocked is checked now. */
  ruhu_device_check_start (GTK_WINDOW (self), store);
}

static void
leaflet_folded_cb (RuhuWindow *self)
{
  /* Unfolded, both panes show; folded, the open case (if any) stays on top. */
  if (adw_leaflet_get_folded (self->leaflet) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->case_stack), "empty") == 0)
    adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RuhuWindow *self = RUHU_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ruhu_window_sync (RUHU_WINDOW (widget));
}

static GtkWidget *
find_search_entry (GtkWidget *root)
{
  if (GTK_IS_SEARCH_ENTRY (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_search_entry (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The case list owns its search entry; Ctrl+F reaches it from anywhere. */
static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RuhuWindow *self = RUHU_WINDOW (widget);
  GtkWidget *entry;

  if (self->device == NULL)
    return;
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  entry = find_search_entry (GTK_WIDGET (self->case_list));
  if (entry != NULL)
    gtk_widget_grab_focus (entry);
}

/* Shows @page (a role's own page) in the case pane. */
static void
show_role_page (RuhuWindow *self,
                GtkWidget  *page,
                const char *title)
{
  ruhu_case_page_set_case (self->case_page, NULL);
  adw_bin_set_child (self->role_bin, page);
  adw_window_title_set_title (self->case_title, title);
  gtk_stack_set_visible_child_name (self->case_stack, "role");
  adw_leaflet_set_visible_child_name (self->leaflet, "case");
}

static void
report_filed_cb (RuhuWindow *self,
                 const char *case_id)
{
  ruhu_window_add_toast (self, _("Report filed. It reaches the township with the next sync."));
  ruhu_window_open_case (self, case_id);
}

static void
new_report_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RuhuWindow *self = RUHU_WINDOW (widget);
  RuhuDiscoveryPage *page;

  if (self->device == NULL)
    return;
  page = ruhu_discovery_page_new (self->device);
  g_signal_connect_object (page, "filed", G_CALLBACK (report_filed_cb), self, G_CONNECT_SWAPPED);
  show_role_page (self, GTK_WIDGET (page), _("Discovery Report"));
}

/* The township overview, in the case pane; its rows open their case. */
static void
overview_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RuhuWindow *self = RUHU_WINDOW (widget);
  RuhuOverviewPage *page;

  if (self->device == NULL)
    return;
  page = ruhu_overview_page_new (self->device);
  g_signal_connect_object (page, "case-activated", G_CALLBACK (case_activated_cb), self,
                           G_CONNECT_SWAPPED);
  show_role_page (self, GTK_WIDGET (page), _("Township Overview"));
}

/* The supervisor's follow-up of granted cases: visits, reviews, aliveness. */
static void
rechecks_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RuhuWindow *self = RUHU_WINDOW (widget);
  RuhuRecheckPage *page;

  if (self->device == NULL)
    return;
  page = ruhu_recheck_page_new (self->device);
  g_signal_connect_object (page, "case-activated", G_CALLBACK (case_activated_cb), self,
                           G_CONNECT_SWAPPED);
  show_role_page (self, GTK_WIDGET (page), _("Follow-up of Recipients"));
}

static gboolean
ruhu_window_close_request (GtkWindow *window)
{
  GtkApplication *app = gtk_window_get_application (window);
  GSettings *settings = app ? ruhu_application_get_settings (RUHU_APPLICATION (app)) : NULL;
  int width, height;

  if (settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
    }
  if (GTK_WINDOW_CLASS (ruhu_window_parent_class)->close_request != NULL)
    return GTK_WINDOW_CLASS (ruhu_window_parent_class)->close_request (window);
  return FALSE;
}

static void
ruhu_window_dispose (GObject *object)
{
  RuhuWindow *self = RUHU_WINDOW (object);

  if (self->sync != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sync, self);
      ruhu_sync_controller_cancel (self->sync);
    }
  g_clear_object (&self->sync);
  g_clear_object (&self->device);
  g_clear_pointer (&self->sync_details, g_free);
  G_OBJECT_CLASS (ruhu_window_parent_class)->dispose (object);
}

static void
ruhu_window_class_init (RuhuWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ruhu_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = ruhu_window_close_request;

  g_type_ensure (RUHU_TYPE_SETUP_PAGE);
  g_type_ensure (RUHU_TYPE_UNLOCK_PAGE);
  g_type_ensure (RUHU_TYPE_SYNC_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/ruhu/Ruhu/ruhu-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RuhuWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RuhuWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RuhuWindow, setup_page);
  gtk_widget_class_bind_template_child (widget_class, RuhuWindow, unlock_page);
  gtk_widget_class_bind_template_child (widget_class, RuhuWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RuhuWindow, list_title);
  gtk_widget_class_bind_template_child (widget_class, RuhuWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, RuhuWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, RuhuWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RuhuWindow, list_bin);
  gtk_widget_class_bind_template_child (widget_class, RuhuWindow, case_stack);
  gtk_widget_class_bind_template_child (widget_class, RuhuWindow, case_bin);
  gtk_widget_class_bind_template_child (widget_class, RuhuWindow, role_bin);
  gtk_widget_class_bind_template_child (widget_class, RuhuWindow, report_button);
  gtk_widget_class_bind_template_child (widget_class, RuhuWindow, overview_button);
  gtk_widget_class_bind_template_child (widget_class, RuhuWindow, rechecks_button);
  gtk_widget_class_bind_template_child (widget_class, RuhuWindow, case_title);
  gtk_widget_class_bind_template_callback (widget_class, setup_done_cb);
  gtk_widget_class_bind_template_callback (widget_class, unlocked_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);

  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.new-report", NULL, new_report_action);
  gtk_widget_class_install_action (widget_class, "win.overview", NULL, overview_action);
  gtk_widget_class_install_action (widget_class, "win.rechecks", NULL, rechecks_action);
  gtk_widget_class_install_action (widget_class, "win.sync-details", NULL, sync_details_action);
}

/* The case pane's header names the household shown, once it is read;
 * a role page sets its own title. */
static void
case_title_cb (RuhuWindow *self)
{
  g_autofree char *title = NULL;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->case_stack), "role") == 0)
    return;
  g_object_get (self->case_page, "title", &title, NULL);
  adw_window_title_set_title (self->case_title, title);
}

static void
ruhu_window_init (RuhuWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->case_list = ruhu_case_list_new ();
  adw_bin_set_child (self->list_bin, GTK_WIDGET (self->case_list));
  g_signal_connect_swapped (self->case_list, "case-activated", G_CALLBACK (case_activated_cb), self);
  self->case_page = ruhu_case_page_new ();
  adw_bin_set_child (self->case_bin, GTK_WIDGET (self->case_page));
  g_signal_connect_swapped (self->case_page, "notify::title", G_CALLBACK (case_title_cb), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", FALSE);
}

/* The first page: unlock when this device has a store, set-up otherwise. */
static void
show_start_page (RuhuWindow      *self,
                 RuhuApplication *app)
{
  const char *dir = ruhu_application_get_device_dir (app);
  GSettings *settings = ruhu_application_get_settings (app);
  g_autofree char *server = NULL;

  ruhu_start_page_set_store_dir (RUHU_START_PAGE (self->setup_page), dir);
  ruhu_start_page_set_store_dir (RUHU_START_PAGE (self->unlock_page), dir);
  if (settings != NULL)
    {
      server = g_settings_get_string (settings, "server-url");
      ruhu_setup_page_set_server (self->setup_page, server);
    }
  gtk_stack_set_visible_child_name (self->stack,
                                    ruhu_device_store_exists (dir) ? "unlock" : "setup");
}

RuhuWindow *
ruhu_window_new (RuhuApplication *app)
{
  RuhuWindow *self = g_object_new (RUHU_TYPE_WINDOW, "application", app, NULL);
  GSettings *settings = ruhu_application_get_settings (app);

  /* Read once and saved on close, not bound: a second window must not
   * resize the first. */
  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  show_start_page (self, app);
  return self;
}

/**
 * ruhu_window_set_device:
 * @device: an unlocked device
 *
 * Shows the cases of @device. The UI tests call it directly with a demo
 * device, without the unlock page.
 */
void
ruhu_window_set_device (RuhuWindow *self,
                        RuhuDevice *device)
{
  GtkApplication *app;
  GSettings *settings = NULL;

  g_return_if_fail (RUHU_IS_WINDOW (self));
  g_return_if_fail (RUHU_IS_DEVICE (device));

  if (!g_set_object (&self->device, device))
    return;
  app = gtk_window_get_application (GTK_WINDOW (self));
  if (app != NULL)
    settings = ruhu_application_get_settings (RUHU_APPLICATION (app));
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_clear_object (&self->sync);
  self->sync = ruhu_sync_controller_new (device, settings);
  g_signal_connect_swapped (self->sync, "finished", G_CALLBACK (sync_finished_cb), self);
  g_signal_connect_swapped (self->sync, "notify::syncing", G_CALLBACK (show_progress), self);
  g_signal_connect_swapped (self->sync, "notify::fraction", G_CALLBACK (show_progress), self);
  ruhu_sync_button_set_controller (self->sync_button, self->sync);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", TRUE);

  ruhu_case_list_set_device (self->case_list, device);
  ruhu_case_page_set_device (self->case_page, device);
  update_account (self);
  gtk_stack_set_visible_child_name (self->stack, "main");
}

RuhuDevice *
ruhu_window_get_device (RuhuWindow *self)
{
  g_return_val_if_fail (RUHU_IS_WINDOW (self), NULL);
  return self->device;
}

/* Shows @case_id in the case pane, which comes to the front when folded. */
void
ruhu_window_open_case (RuhuWindow *self,
                       const char *case_id)
{
  g_return_if_fail (RUHU_IS_WINDOW (self));

  /* Volunteers record outreach visits rather than investigate. */
  if (case_id != NULL && has_role (self, "volunteer"))
    {
      show_role_page (self, GTK_WIDGET (ruhu_visit_page_new (self->device, case_id)),
                      _("Outreach Visit"));
      return;
    }
  adw_bin_set_child (self->role_bin, NULL);
  ruhu_case_page_set_case (self->case_page, case_id);
  gtk_stack_set_visible_child_name (self->case_stack, case_id != NULL ? "case" : "empty");
  adw_leaflet_set_visible_child_name (self->leaflet, case_id != NULL ? "case" : "list");
  case_title_cb (self);
}

/* "setup", "unlock" or "main": what the window shows now. */
const char *
ruhu_window_get_page_name (RuhuWindow *self)
{
  g_return_val_if_fail (RUHU_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

void
ruhu_window_add_toast (RuhuWindow *self,
                       const char *message)
{
  g_return_if_fail (RUHU_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, make_toast (message));
}

/* Starts a sync, unless there is no device yet or one is running. */
void
ruhu_window_sync (RuhuWindow *self)
{
  g_return_if_fail (RUHU_IS_WINDOW (self));
  if (self->sync != NULL)
    ruhu_sync_controller_start (self->sync);
}

/**
 * ruhu_window_get_sync_controller:
 *
 * Returns: (transfer none) (nullable): what syncs the device, %NULL before
 *   the device is unlocked
 */
RuhuSyncController *
ruhu_window_get_sync_controller (RuhuWindow *self)
{
  g_return_val_if_fail (RUHU_IS_WINDOW (self), NULL);
  return self->sync;
}
