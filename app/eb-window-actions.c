/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-window-actions"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "eb-export-dialog.h"
#include "eb-import-dialog.h"
#include "eb-likert-view.h"
#include "eb-window-private.h"

#define PROJECT_SUFFIX "evalbench"

/* What the importers read (see app/io/survey-import.h and CLI.md). */
static const char * const survey_suffixes[] = {
  "csv", "tsv", "xlsx", "ods", "sav", "por", "dta", NULL
};

static const char * const project_suffixes[] = { PROJECT_SUFFIX, NULL };

static GtkFileFilter *
new_filter (const char         *name,
            const char * const *suffixes,
            const char * const *more_suffixes)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; suffixes != NULL && suffixes[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  for (guint i = 0; more_suffixes != NULL && more_suffixes[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, more_suffixes[i]);

  return filter;
}

static void
add_filter (GtkFileChooser *chooser,
            GtkFileFilter  *filter)
{
  gtk_file_chooser_add_filter (chooser, filter);
  g_object_unref (filter);
}

static void
add_all_files_filter (GtkFileChooser *chooser)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("All Files"));
  gtk_file_filter_add_pattern (filter, "*");
  add_filter (chooser, filter);
}

static void
set_initial_folder (EbWindow       *self,
                    GtkFileChooser *chooser,
                    const char     *preferred)
{
  g_autofree char *last_folder = g_settings_get_string (self->settings, "last-folder");
  const char *folder = last_folder;
  g_autoptr(GFile) file = NULL;

  if (preferred != NULL && g_file_test (preferred, G_FILE_TEST_IS_DIR))
    folder = preferred;
  if (*folder == '\0' || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    return;

  file = g_file_new_for_path (folder);
  gtk_file_chooser_set_current_folder (chooser, file, NULL);
}

static void
unref_window (gpointer  data,
              GClosure *closure)
{
  g_object_unref (data);
}

static void
open_response_cb (GtkNativeDialog *native,
                  int              response,
                  EbWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        {
          _eb_window_remember_folder (self, file);
          /* Import Survey… lets the user check header rows, roles and
           * scales first; Open… (and a dropped file) import directly. */
          if (g_object_get_data (G_OBJECT (native), "eb-import") != NULL)
            {
              GtkWidget *dialog = eb_import_dialog_new (GTK_WINDOW (self), &file, 1);

              g_signal_connect_object (dialog, "import-ready", G_CALLBACK (eb_window_import_survey),
                                       self, G_CONNECT_SWAPPED);
              gtk_window_present (GTK_WINDOW (dialog));
            }
          else
            eb_window_open_file (self, file);
        }
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
run_open_dialog (EbWindow *self,
                 gboolean  projects)
{
  GtkFileChooserNative *native;
  GtkFileChooser *chooser;

  native = gtk_file_chooser_native_new (projects ? _("Open Project or Survey") : _("Import Survey"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        projects ? _("_Open") : _("_Import"),
                                        _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (native);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  if (projects)
    {
      add_filter (chooser, new_filter (_("Projects and Surveys"), project_suffixes, survey_suffixes));
      add_filter (chooser, new_filter (_("Evalbench Projects"), project_suffixes, NULL));
    }
  add_filter (chooser, new_filter (_("Surveys (CSV, Excel, OpenDocument, SPSS, Stata)"),
                                   survey_suffixes, NULL));
  add_all_files_filter (chooser);

  set_initial_folder (self, chooser, NULL);

  if (!projects)
    g_object_set_data (G_OBJECT (native), "eb-import", GINT_TO_POINTER (TRUE));
  g_signal_connect_data (native, "response", G_CALLBACK (open_response_cb),
                         g_object_ref (self), unref_window, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static char *
dup_default_project_name (EbWindow *self)
{
  const char *source = NULL;
  char *name;
  char *dot;

  g_assert (self->project != NULL);

  if (!eb_project_is_untitled (self->project))
    return eb_project_dup_title (self->project);

  /* An untitled project is named after the survey it holds. */
  if (self->survey != NULL)
    source = eb_survey_get_source_file (self->survey);
  if (source == NULL)
    return eb_project_dup_title (self->project);

  name = g_path_get_basename (source);
  dot = strrchr (name, '.');
  if (dot != NULL && dot != name)
    *dot = '\0';

  return name;
}

static void
save_as_response_cb (GtkNativeDialog *native,
                     int              response,
                     EbWindow        *self)
{
  gboolean close_after = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (native), "eb-close-after"));

  if (response == GTK_RESPONSE_ACCEPT && self->project != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *lower = path != NULL ? g_utf8_strdown (path, -1) : NULL;

      /* "Peer mentoring" means "Peer mentoring.evalbench", unless that
       * name is taken: the chooser only asked about the name typed. */
      if (lower != NULL && !g_str_has_suffix (lower, "." PROJECT_SUFFIX))
        {
          g_autofree char *with_suffix = g_strconcat (path, "." PROJECT_SUFFIX, NULL);

          if (!g_file_test (with_suffix, G_FILE_TEST_EXISTS))
            {
              g_object_unref (file);
              file = g_file_new_for_path (with_suffix);
            }
        }

      _eb_window_remember_folder (self, file);
      _eb_window_save_as (self, file, close_after);
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

void
_eb_window_run_save_as_dialog (EbWindow *self,
                               gboolean  close_after)
{
  GtkFileChooserNative *native;
  GtkFileChooser *chooser;
  g_autofree char *name = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *folder = NULL;

  g_assert (EB_IS_WINDOW (self));

  if (self->project == NULL || self->job != NULL)
    return;

  native = gtk_file_chooser_native_new (_("Save Project As"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"),
                                        _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (native);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  add_filter (chooser, new_filter (_("Evalbench Projects"), project_suffixes, NULL));

  /* Beside the project, or for a new one beside the survey it holds. */
  if (!eb_project_is_untitled (self->project))
    folder = g_path_get_dirname (eb_project_get_path (self->project));
  else if (self->survey != NULL && eb_survey_get_source_file (self->survey) != NULL)
    folder = g_path_get_dirname (eb_survey_get_source_file (self->survey));
  set_initial_folder (self, chooser, folder);

  name = dup_default_project_name (self);
  file_name = g_strconcat (name, "." PROJECT_SUFFIX, NULL);
  gtk_file_chooser_set_current_name (chooser, file_name);

  g_object_set_data (G_OBJECT (native), "eb-close-after", GINT_TO_POINTER (close_after));
  g_signal_connect_data (native, "response", G_CALLBACK (save_as_response_cb),
                         g_object_ref (self), unref_window, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _eb_window_run_save_as_dialog (EB_WINDOW (widget), FALSE);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EbWindow *self = EB_WINDOW (widget);

  /* The Data view hands the focus to its search entry. */
  if (self->survey != NULL)
    {
      adw_view_stack_set_visible_child (self->view_stack, self->data_view);
      gtk_widget_grab_focus (self->data_view);
    }
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _eb_window_show_page (EB_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
export_figure_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  EbWindow *self = EB_WINDOW (widget);

  if (self->survey != NULL)
    eb_likert_view_export_figure (EB_LIKERT_VIEW (self->likert_view));
}

static void
exported_cb (EbWindow       *self,
             char          **paths,
             EbExportDialog *dialog)
{
  guint n = g_strv_length (paths);
  g_autofree char *folder = n > 0 ? g_path_get_dirname (paths[n - 1]) : NULL;
  g_autofree char *title = NULL;

  if (n == 0)
    return;
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u file to “%s”",
                                        "Exported %u files to “%s”", n), n, folder);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

/* Export…: the workbook and the figures, through the same code as
 * `evalbench export`, from the project file every change is already in. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EbWindow *self = EB_WINDOW (widget);
  GtkWidget *dialog;

  if (self->project == NULL || self->survey == NULL)
    return;
  dialog = eb_export_dialog_new (GTK_WINDOW (self), eb_project_get_path (self->project),
                                 self->survey);
  /* Grouped as the Likert page shows it. */
  eb_export_dialog_set_group_column (EB_EXPORT_DIALOG (dialog),
                                     eb_likert_view_get_group_column (EB_LIKERT_VIEW (self->likert_view)));
  g_signal_connect_object (dialog, "exported", G_CALLBACK (exported_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_eb_window_class_actions_init (EbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const EbWindowPage *pages;
  guint n_pages;

  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.export-figure", NULL, export_figure_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export-figure", NULL);

  /* Alt+1, Alt+2…: the pages in the switcher's order. */
  pages = _eb_window_get_pages (&n_pages);
  for (guint i = 0; i < n_pages && i < 9; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-page", "s", pages[i].name);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export", NULL);
}

void
_eb_window_actions_update (EbWindow *self)
{
  gboolean idle;

  g_assert (EB_IS_WINDOW (self));

  idle = self->job == NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as",
                                 idle && self->project != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find",
                                 idle && self->survey != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-page",
                                 idle && self->survey != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export",
                                 idle && self->project != NULL && self->survey != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-figure",
                                 idle && self->survey != NULL
                                 && eb_likert_view_has_chart (EB_LIKERT_VIEW (self->likert_view)));
}

void
eb_window_show_open_dialog (EbWindow *self)
{
  g_return_if_fail (EB_IS_WINDOW (self));

  run_open_dialog (self, TRUE);
}

void
eb_window_show_import_dialog (EbWindow *self)
{
  g_return_if_fail (EB_IS_WINDOW (self));

  run_open_dialog (self, FALSE);
}
