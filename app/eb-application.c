/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-application"

#include "config.h"

#include <glib/gi18n.h>

#include "eb-application.h"
#include "eb-preferences-window.h"
#include "eb-window.h"

struct _EbApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (EbApplication, eb_application, ADW_TYPE_APPLICATION)

static EbWindow *
get_window (EbApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (EB_IS_WINDOW (window))
    return EB_WINDOW (window);

  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (EB_IS_WINDOW (l->data))
        return l->data;
    }

  return NULL;
}

/* The window the next file goes to; eb_window_open_file() moves the work
 * to a new window when this one is taken. */
static EbWindow *
ensure_window (EbApplication *self)
{
  EbWindow *window = get_window (self);

  if (window == NULL)
    window = eb_window_new (GTK_APPLICATION (self));

  return window;
}

static void
apply_color_scheme (EbApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme color_scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (scheme, "light"))
    color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (scheme, "dark"))
    color_scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), color_scheme);
}

static void
color_scheme_changed_cb (EbApplication *self,
                         const char    *key,
                         GSettings     *settings)
{
  apply_color_scheme (self);
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  EbWindow *window = ensure_window (EB_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
  eb_window_show_open_dialog (window);
}

static void
import_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  EbWindow *window = ensure_window (EB_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
  eb_window_show_import_dialog (window);
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  EbWindow *window = eb_window_new (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  EbApplication *self = EB_APPLICATION (user_data);
  GtkWidget *preferences;

  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (EB_IS_PREFERENCES_WINDOW (l->data))
        {
          gtk_window_present (l->data);
          return;
        }
    }

  preferences = eb_preferences_window_new (GTK_WINDOW (get_window (self)));
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  EbApplication *self = EB_APPLICATION (user_data);
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", get_window (self),
                        "modal", TRUE,
                        "destroy-with-parent", TRUE,
                        "application-name", _("Evalbench"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Evalbench developers"),
                        "copyright", "© 2026 The Evalbench developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/evalbench/evalbench",
                        "issue-url", "https://github.com/evalbench/evalbench/issues",
                        "comments", _("A workbench for people who evaluate training and "
                                      "professional-development programmes: the numbers, the "
                                      "words and the story of their surveys."),
                        NULL);
  gtk_window_set_application (GTK_WINDOW (about), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (about));
}

static gboolean
close_windows_idle_cb (gpointer data)
{
  GtkApplication *application = data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (application));

  /* Closing a window also closes its dialogs (they are destroyed with
   * their parent), so each is looked up again before it is closed. No
   * reference is taken: a dialog must go before its parent does. */
  for (const GList *l = windows; l != NULL; l = l->next)
    {
      if (g_list_find (gtk_application_get_windows (application), l->data) != NULL)
        gtk_window_close (l->data);
    }

  return G_SOURCE_REMOVE;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  /* Close each window as its close button would, so that a window with
   * an unsaved import asks first; the application quits with the last.
   * This happens once the key press or menu click that asked for it is
   * over: while it is handled, GTK keeps the window it came from alive,
   * and a dialog must not outlive its parent. */
  g_idle_add_full (G_PRIORITY_DEFAULT, close_windows_idle_cb,
                   g_object_ref (user_data), g_object_unref);
}

static const GActionEntry app_actions[] = {
  { "open", open_action },
  { "import", import_action },
  { "new-window", new_window_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "quit", quit_action },
};

static const struct {
  const char *action;
  const char *accels[2];
} app_accels[] = {
  { "app.open", { "<Control>o", NULL } },
  { "app.import", { "<Control>i", NULL } },
  { "app.new-window", { "<Control>n", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.quit", { "<Control>q", NULL } },
};

static void
eb_application_startup (GApplication *application)
{
  EbApplication *self = EB_APPLICATION (application);

  G_APPLICATION_CLASS (eb_application_parent_class)->startup (application);

  g_set_application_name (_("Evalbench"));
  gtk_window_set_default_icon_name (APP_ID);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (color_scheme_changed_cb), self,
                           G_CONNECT_SWAPPED);
  apply_color_scheme (self);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           app_accels[i].action,
                                           app_accels[i].accels);
}

static void
eb_application_activate (GApplication *application)
{
  EbWindow *window = ensure_window (EB_APPLICATION (application));

  gtk_window_present (GTK_WINDOW (window));
}

static void
eb_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  EbApplication *self = EB_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    eb_window_open_file (ensure_window (self), files[i]);
}

static void
eb_application_dispose (GObject *object)
{
  EbApplication *self = EB_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (eb_application_parent_class)->dispose (object);
}

static void
eb_application_class_init (EbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = eb_application_dispose;

  application_class->startup = eb_application_startup;
  application_class->activate = eb_application_activate;
  application_class->open = eb_application_open;
}

static void
eb_application_init (EbApplication *self)
{
}

EbApplication *
eb_application_new (void)
{
  return g_object_new (EB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
