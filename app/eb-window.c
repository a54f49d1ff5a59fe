/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-window"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "eb-data-view.h"
#include "eb-diagram-canvas.h"
#include "eb-diagram-view.h"
#include "eb-likert-selection.h"
#include "eb-likert-view.h"
#include "eb-quotes-view.h"
#include "eb-theme-sidebar.h"
#include "eb-window-private.h"
#include "survey-import.h"

/* How long a job runs before its progress page replaces the window's
 * content: quick opens and small imports never flash it. */
#define PROGRESS_DELAY_MS 150
#define PULSE_INTERVAL_MS 100
#define MAX_RECENT_PROJECTS 10
#define PROJECT_SUFFIX ".evalbench"
#define PROJECT_MIME_TYPE "application/x-evalbench-project"

typedef enum
{
  JOB_OPEN,
  JOB_IMPORT,
  JOB_SAVE_AS,
} JobKind;

/* One import, open or save-as. The worker thread reads the in fields and
 * fills the out fields; everything that touches GTK happens back on the
 * main thread in job_done_cb(), so the job holds the window only weakly
 * and the last reference to the window is always dropped there. */
struct _EbWindowJob
{
  JobKind       kind;
  GWeakRef      window;
  GApplication *application;     /* held while the job runs */
  GCancellable *cancellable;
  char         *path;
  char         *display_name;     /* the file's name, for messages */
  EbProject    *project;          /* in: the project to store into or to
                                   * save; out: the project */
  EbSurvey     *survey;           /* out */
  gboolean      created_project;  /* the job made a new untitled project */
  gboolean      close_after;      /* save-as: close the window afterwards */
  int           permille;         /* atomic: last progress, -1 for none */
  int           storing;          /* atomic: read, now being stored */
  int           queued;           /* atomic: a progress update is pending */
};

G_DEFINE_FINAL_TYPE (EbWindow, eb_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The window's pages, in the switcher's order; Alt+1, Alt+2… show them. A
 * new page is an entry here, its field in EbWindow and its line in the
 * shortcuts window (resources/gtk/help-overlay.ui). */
static const EbWindowPage pages[] = {
  { "data", N_("Data"), "x-office-spreadsheet-symbolic",
    eb_data_view_get_type, G_STRUCT_OFFSET (EbWindow, data_view) },
  { "likert", N_("Likert"), "eb-likert-symbolic",
    eb_likert_view_get_type, G_STRUCT_OFFSET (EbWindow, likert_view) },
  { "quotes", N_("Quotes"), "eb-quotes-symbolic",
    eb_quotes_view_get_type, G_STRUCT_OFFSET (EbWindow, quotes_view) },
  { "diagram", N_("Diagram"), "eb-diagram-symbolic",
    eb_diagram_view_get_type, G_STRUCT_OFFSET (EbWindow, diagram_view) },
};

static GtkWidget **
page_widget (EbWindow *self,
             guint     index)
{
  return G_STRUCT_MEMBER_P (self, pages[index].offset);
}

static void
add_pages (EbWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page = g_object_new (pages[i].get_type (), NULL);
      AdwViewStackPage *stack_page;

      stack_page = adw_view_stack_add_titled (self->view_stack, page, pages[i].name,
                                              _(pages[i].title));
      adw_view_stack_page_set_icon_name (stack_page, pages[i].icon_name);
      *page_widget (self, i) = page;
    }
}

/* Sets a property every page may or may not have. */
static void
set_pages_property (EbWindow   *self,
                    const char *name,
                    gpointer    object)
{
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page = *page_widget (self, i);

      if (g_object_class_find_property (G_OBJECT_GET_CLASS (page), name) != NULL)
        g_object_set (page, name, object, NULL);
    }
}

static void
job_clear (gpointer data)
{
  EbWindowJob *job = data;

  g_weak_ref_clear (&job->window);
  g_clear_object (&job->application);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->path, g_free);
  g_clear_pointer (&job->display_name, g_free);
  g_clear_object (&job->project);
  g_clear_object (&job->survey);
}

static EbWindowJob *
job_new (EbWindow   *self,
         JobKind     kind,
         const char *path)
{
  EbWindowJob *job = g_atomic_rc_box_new0 (EbWindowJob);

  job->kind = kind;
  g_weak_ref_init (&job->window, self);
  job->cancellable = g_cancellable_new ();
  job->path = g_strdup (path);
  job->display_name = g_path_get_basename (path);
  job->permille = -1;

  return job;
}

static EbWindowJob *
job_ref (EbWindowJob *job)
{
  return g_atomic_rc_box_acquire (job);
}

static void
job_unref (EbWindowJob *job)
{
  g_atomic_rc_box_release_full (job, job_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbWindowJob, job_unref)

static gboolean
is_project_path (const char *path)
{
  g_autofree char *lower = g_utf8_strdown (path, -1);

  return g_str_has_suffix (lower, PROJECT_SUFFIX);
}

static char *
dup_display_folder (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  const char *home = g_get_home_dir ();
  gsize home_len = strlen (home);

  if (home_len > 1 && g_str_has_prefix (folder, home)
      && (folder[home_len] == '\0' || folder[home_len] == G_DIR_SEPARATOR))
    return g_strconcat ("~", folder + home_len, NULL);

  return g_steal_pointer (&folder);
}

static char *
dup_saved_state (gint64 last_saved)
{
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *when = NULL;

  if (last_saved <= 0)
    return g_strdup (_("Saved"));

  then = g_date_time_new_from_unix_local (last_saved / G_USEC_PER_SEC);
  now = g_date_time_new_now_local ();
  if (then == NULL || now == NULL)
    return g_strdup (_("Saved"));

  if (g_date_time_get_year (then) == g_date_time_get_year (now)
      && g_date_time_get_day_of_year (then) == g_date_time_get_day_of_year (now))
    {
      /* TRANSLATORS: %s is a time of day, e.g. "15:42" */
      when = g_date_time_format (then, "%H:%M");
      return g_strdup_printf (_("Saved at %s"), when);
    }

  /* TRANSLATORS: %s is a date, e.g. "3 March 2025" */
  when = g_date_time_format (then, "%-d %B %Y");
  return g_strdup_printf (_("Saved on %s"), when);
}

static void
update_title (EbWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (self->project == NULL)
    {
      title = g_strdup (_("Evalbench"));
      subtitle = g_strdup ("");
    }
  else
    {
      title = eb_project_dup_title (self->project);
      if (!eb_project_is_untitled (self->project))
        subtitle = dup_saved_state (eb_project_get_last_saved (self->project));
      else if (self->survey != NULL && eb_survey_get_source_file (self->survey) != NULL)
        subtitle = g_path_get_basename (eb_survey_get_source_file (self->survey));
      else
        subtitle = g_strdup (_("Not saved to a file yet"));
    }

  adw_view_switcher_title_set_title (self->switcher_title, title);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* The switcher moves to the bottom bar when the header bar is too narrow
 * for it, and is only there while the pages are. */
static void
update_switcher_bar (EbWindow *self)
{
  gboolean pages_shown = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "data") == 0;

  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    pages_shown
                                    && adw_view_switcher_title_get_title_visible (self->switcher_title));
}

static void
update_page (EbWindow *self)
{
  const char *page;

  if (self->job != NULL && self->progress_visible)
    page = "progress";
  else if (self->survey != NULL)
    page = "data";
  else
    page = "empty";

  gtk_stack_set_visible_child_name (self->stack, page);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title,
                                                     g_str_equal (page, "data"));
  update_switcher_bar (self);
}

static void
update_state (EbWindow *self)
{
  update_title (self);
  update_page (self);
  _eb_window_actions_update (self);
}

static void
show_error_dialog (EbWindow   *self,
                   const char *heading,
                   const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
error_details_cb (EbWindow *self,
                  AdwToast *toast)
{
  show_error_dialog (self,
                     g_object_get_data (G_OBJECT (toast), "eb-heading"),
                     g_object_get_data (G_OBJECT (toast), "eb-message"));
}

/* Errors say what to fix, naming file, row and column: they stay until
 * dismissed, and Details shows the whole message when the window is too
 * narrow for the toast to. */
static void
show_error (EbWindow     *self,
            const char   *heading,
            const GError *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (toast, _("_Details"));
  g_object_set_data_full (G_OBJECT (toast), "eb-heading", g_strdup (heading), g_free);
  g_object_set_data_full (G_OBJECT (toast), "eb-message", g_strdup (error->message), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (error_details_cb), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
last_saved_cb (EbWindow   *self,
               GParamSpec *pspec,
               EbProject  *project)
{
  update_title (self);
}

/* The coder is who the preferences say, or the account's real name. */
static void
apply_coder (EbWindow *self)
{
  g_autofree char *coder = g_settings_get_string (self->settings, "coder-name");

  if (self->coding_store != NULL && *g_strstrip (coder) != '\0')
    eb_coding_store_set_coder (self->coding_store, coder);
}

/* Opens the codebook, codings and diagram of the window's project for its
 * survey, once both are there, and hands them to the Quotes and Diagram
 * pages. */
static void
update_coding (EbWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbCodingStore) store = NULL;
  g_autoptr(EbDiagram) diagram = NULL;

  if (self->coding_store != NULL &&
      eb_coding_store_get_project (self->coding_store) == self->project &&
      eb_coding_store_get_survey (self->coding_store) == self->survey)
    return;

  eb_quotes_view_set_store (EB_QUOTES_VIEW (self->quotes_view), NULL);
  eb_diagram_view_set_diagram (EB_DIAGRAM_VIEW (self->diagram_view), NULL);
  g_clear_object (&self->diagram);
  g_clear_object (&self->coding_store);
  if (self->project == NULL || self->survey == NULL)
    return;

  store = eb_coding_store_new (self->project, self->survey, NULL, &error);
  if (store != NULL)
    diagram = eb_diagram_new (store, &error);
  if (diagram == NULL)
    {
      show_error (self, _("Could not open the codebook"), error);
      return;
    }
  self->coding_store = g_steal_pointer (&store);
  self->diagram = g_steal_pointer (&diagram);
  apply_coder (self);
  eb_quotes_view_set_store (EB_QUOTES_VIEW (self->quotes_view), self->coding_store);
  eb_diagram_view_set_diagram (EB_DIAGRAM_VIEW (self->diagram_view), self->diagram);
}

static void
set_project (EbWindow  *self,
             EbProject *project)
{
  if (self->project == project)
    return;

  if (self->project != NULL)
    g_clear_signal_handler (&self->last_saved_handler, self->project);
  g_set_object (&self->project, project);
  if (self->project != NULL)
    self->last_saved_handler = g_signal_connect_object (self->project, "notify::last-saved",
                                                        G_CALLBACK (last_saved_cb), self,
                                                        G_CONNECT_SWAPPED);
  /* Pages that keep settings keep them in the project. */
  set_pages_property (self, "project", self->project);
  update_coding (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

static void
set_survey (EbWindow *self,
            EbSurvey *survey)
{
  if (!g_set_object (&self->survey, survey))
    return;

  set_pages_property (self, "survey", survey);
  update_coding (self);
}

/* A Likert segment's respondents filter the quotes (a removable chip
 * there says which); clearing the segment clears the filter. */
static void
likert_selection_cb (EbWindow   *self,
                     GParamSpec *pspec,
                     GObject    *likert_view)
{
  EbLikertSelection *selection = eb_likert_view_get_selection (EB_LIKERT_VIEW (likert_view));
  EbQuotesView *quotes = EB_QUOTES_VIEW (self->quotes_view);
  GArray *rows;

  if (selection == NULL)
    {
      eb_quotes_view_clear_respondent_filter (quotes);
      return;
    }
  rows = eb_likert_selection_get_rows (selection);
  eb_quotes_view_set_respondent_filter (quotes, (const guint *) rows->data, rows->len,
                                        eb_likert_selection_get_label (selection));
}

/* The diagram and the themes sidebar follow each other: a node's theme is
 * selected in the sidebar, and the sidebar's theme is highlighted in the
 * diagram. */
static void
diagram_theme_cb (EbWindow        *self,
                  GParamSpec      *pspec,
                  EbDiagramCanvas *canvas)
{
  EbTheme *theme = eb_diagram_canvas_get_selected_theme (canvas);
  EbThemeSidebar *sidebar = eb_quotes_view_get_sidebar (EB_QUOTES_VIEW (self->quotes_view));

  if (theme != NULL && eb_theme_sidebar_get_selected_theme (sidebar) != eb_theme_get_id (theme))
    eb_theme_sidebar_set_selected_theme (sidebar, eb_theme_get_id (theme));
}

static void
sidebar_theme_cb (EbWindow       *self,
                  GParamSpec     *pspec,
                  EbThemeSidebar *sidebar)
{
  EbDiagramCanvas *canvas = eb_diagram_view_get_canvas (EB_DIAGRAM_VIEW (self->diagram_view));

  eb_diagram_canvas_set_highlighted_theme (canvas, eb_theme_sidebar_get_selected_theme (sidebar));
}

static void
link_pages (EbWindow *self)
{
  g_signal_connect_object (self->likert_view, "notify::selection",
                           G_CALLBACK (likert_selection_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (eb_diagram_view_get_canvas (EB_DIAGRAM_VIEW (self->diagram_view)),
                           "notify::selected-theme", G_CALLBACK (diagram_theme_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (eb_quotes_view_get_sidebar (EB_QUOTES_VIEW (self->quotes_view)),
                           "notify::selected-theme", G_CALLBACK (sidebar_theme_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::coder-name", G_CALLBACK (apply_coder), self,
                           G_CONNECT_SWAPPED);
}

/* The untitled project's file lives in Evalbench's data folder: closing
 * the project and removing the file (and anything SQLite left beside it)
 * discards it. */
static void
discard_untitled_project (EbProject *project)
{
  static const char * const suffixes[] = { "", "-journal", "-wal", "-shm" };
  g_autofree char *path = NULL;

  if (project == NULL || !eb_project_is_untitled (project))
    return;

  path = g_strdup (eb_project_get_path (project));
  eb_project_close (project);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        g_warning ("Cannot remove %s: %s", file, g_strerror (errno));
    }
}

static void
add_recent_project (EbWindow   *self,
                    const char *path)
{
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "recent-projects");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  guint n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT_PROJECTS; i++)
    {
      if (g_str_equal (old[i], path))
        continue;
      g_strv_builder_add (builder, old[i]);
      n++;
    }
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-projects", (const char * const *) recent);

  if (uri != NULL)
    {
      GtkRecentData data = {
        .display_name = NULL,
        .description = NULL,
        .mime_type = (char *) PROJECT_MIME_TYPE,
        .app_name = (char *) g_get_application_name (),
        .app_exec = (char *) "evalbench %f",
        .groups = NULL,
        .is_private = FALSE,
      };

      gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
    }
}

static GtkWidget *
create_recent_row (gpointer item,
                   gpointer user_data)
{
  const char *path = gtk_string_object_get_string (GTK_STRING_OBJECT (item));
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *folder = dup_display_folder (path);
  GtkWidget *row;

  if (is_project_path (basename))
    basename[strlen (basename) - strlen (PROJECT_SUFFIX)] = '\0';

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), basename);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "x-office-spreadsheet-symbolic");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, path);
  g_object_set_data_full (G_OBJECT (row), "eb-path", g_strdup (path), g_free);

  return row;
}

static void
reload_recent_projects (EbWindow *self)
{
  g_auto(GStrv) paths = g_settings_get_strv (self->settings, "recent-projects");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) existing = NULL;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->recent_projects));
  guint n = 0;

  /* Projects that were moved or deleted since are left out. */
  for (guint i = 0; paths[i] != NULL && n < MAX_RECENT_PROJECTS; i++)
    {
      if (g_file_test (paths[i], G_FILE_TEST_IS_REGULAR))
        {
          g_strv_builder_add (builder, paths[i]);
          n++;
        }
    }
  existing = g_strv_builder_end (builder);

  gtk_string_list_splice (self->recent_projects, 0, n_old, (const char * const *) existing);
  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), n > 0);
}

static void
save_window_state (EbWindow *self)
{
  int width = 0;
  int height = 0;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static const char *
job_error_heading (JobKind kind)
{
  switch (kind)
    {
    case JOB_OPEN:
      return _("Cannot Open Project");

    case JOB_IMPORT:
      return _("Cannot Import Survey");

    case JOB_SAVE_AS:
      return _("Cannot Save Project");

    default:
      g_assert_not_reached ();
    }
}

static gboolean
is_cancelled_error (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || g_error_matches (error, EB_IMPORT_ERROR, EB_IMPORT_ERROR_CANCELLED);
}

/* The worker thread, and the progress it sends to the main thread */

static gboolean
progress_idle_cb (gpointer data)
{
  EbWindowJob *job = data;
  g_autoptr(EbWindow) self = g_weak_ref_get (&job->window);
  int permille;

  g_atomic_int_set (&job->queued, 0);
  permille = g_atomic_int_get (&job->permille);

  if (self == NULL || self->job != job)
    return G_SOURCE_REMOVE;

  /* Storing has no measure of its own: the bar pulses meanwhile. */
  if (g_atomic_int_get (&job->storing))
    gtk_progress_bar_set_text (self->progress_bar, _("Saving into the project…"));
  else if (permille >= 0)
    gtk_progress_bar_set_fraction (self->progress_bar, permille / 1000.0);
  gtk_progress_bar_set_show_text (self->progress_bar, TRUE);

  return G_SOURCE_REMOVE;
}

static void
queue_progress_update (EbWindowJob *job)
{
  /* At most one update waits for the main thread at a time, however
   * often the importer reports. */
  if (g_atomic_int_compare_and_exchange (&job->queued, 0, 1))
    g_idle_add_full (G_PRIORITY_DEFAULT, progress_idle_cb, job_ref (job),
                     (GDestroyNotify) job_unref);
}

static void
import_progress_cb (double   fraction,
                    gpointer user_data)
{
  EbWindowJob *job = user_data;

  g_atomic_int_set (&job->permille, (int) (CLAMP (fraction, 0.0, 1.0) * 1000));
  queue_progress_update (job);
}

static gboolean
run_import (EbWindowJob  *job,
            GCancellable *cancellable,
            GError      **error)
{
  EbImportOptions options = EB_IMPORT_OPTIONS_INIT;
  g_autoptr(EbSurvey) survey = NULL;
  g_autoptr(EbProject) project = NULL;

  /* The Import dialog hands over a survey it has read already. */
  if (job->survey != NULL)
    survey = g_steal_pointer (&job->survey);
  else
    survey = eb_survey_import (job->path, &options, cancellable,
                               import_progress_cb, job, NULL, error);
  if (survey == NULL)
    return FALSE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (job->project != NULL)
    project = g_object_ref (job->project);
  else
    {
      project = eb_project_new_untitled (error);
      if (project == NULL)
        return FALSE;
      job->created_project = TRUE;
    }

  g_atomic_int_set (&job->permille, -1);
  g_atomic_int_set (&job->storing, 1);
  queue_progress_update (job);

  if (!eb_project_store_survey (project, survey, error))
    {
      if (job->created_project)
        discard_untitled_project (project);
      return FALSE;
    }

  /* Cancelled while storing: a project made for this import goes again. */
  if (job->created_project && g_cancellable_is_cancelled (cancellable))
    {
      discard_untitled_project (project);
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return FALSE;
    }

  g_set_object (&job->project, project);
  job->survey = g_steal_pointer (&survey);

  return TRUE;
}

static gboolean
run_open (EbWindowJob  *job,
          GError      **error)
{
  g_autoptr(EbProject) project = NULL;
  g_autoptr(GError) local_error = NULL;

  /* eb_project_open() would create a missing file: a mistyped name on
   * the command line must not leave an empty project behind. */
  if (!g_file_test (job->path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Cannot open “%s”: there is no such file"), job->path);
      return FALSE;
    }

  project = eb_project_open (job->path, error);
  if (project == NULL)
    return FALSE;

  job->survey = eb_project_load_survey (project, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      eb_project_close (project);
      return FALSE;
    }

  job->project = g_steal_pointer (&project);

  return TRUE;
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  EbWindowJob *job = task_data;
  GError *error = NULL;
  gboolean ok = FALSE;

  switch (job->kind)
    {
    case JOB_OPEN:
      ok = run_open (job, &error);
      break;

    case JOB_IMPORT:
      ok = run_import (job, cancellable, &error);
      break;

    case JOB_SAVE_AS:
      ok = eb_project_save_as (job->project, job->path, &error);
      break;

    default:
      g_assert_not_reached ();
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Main thread */

static gboolean
pulse_timeout_cb (gpointer data)
{
  EbWindow *self = data;

  if (self->job != NULL && g_atomic_int_get (&self->job->permille) < 0)
    gtk_progress_bar_pulse (self->progress_bar);

  return G_SOURCE_CONTINUE;
}

static gboolean
progress_timeout_cb (gpointer data)
{
  EbWindow *self = data;

  self->progress_timeout_id = 0;
  self->progress_visible = TRUE;
  self->pulse_timeout_id = g_timeout_add (PULSE_INTERVAL_MS, pulse_timeout_cb, self);
  update_page (self);

  return G_SOURCE_REMOVE;
}

static void
finish_job (EbWindow    *self,
            EbWindowJob *job)
{
  g_assert (self->job == job);

  g_clear_handle_id (&self->progress_timeout_id, g_source_remove);
  g_clear_handle_id (&self->pulse_timeout_id, g_source_remove);
  self->progress_visible = FALSE;
  /* start_job() blocked the window's handler if the job used its project. */
  if (job->project != NULL && job->project == self->project && self->last_saved_handler != 0)
    g_signal_handler_unblock (self->project, self->last_saved_handler);

  g_clear_pointer (&self->job, job_unref);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
job_failed (EbWindow     *self,
            EbWindowJob  *job,
            const GError *error)
{
  if (is_cancelled_error (error))
    {
      g_autofree char *message = g_strdup_printf (_("Import of “%s” cancelled"), job->display_name);

      _eb_window_add_toast (self, message);
    }
  else if (g_error_matches (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_LOCKED))
    show_error_dialog (self, _("Project Already Open"), error->message);
  else if (g_error_matches (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_TOO_NEW))
    show_error_dialog (self, _("Project Needs a Newer Evalbench"), error->message);
  else
    show_error (self, job_error_heading (job->kind), error);
}

static void
job_succeeded (EbWindow    *self,
               EbWindowJob *job)
{
  g_autofree char *message = NULL;

  switch (job->kind)
    {
    case JOB_OPEN:
      set_project (self, job->project);
      set_survey (self, job->survey);
      add_recent_project (self, eb_project_get_path (job->project));
      break;

    case JOB_IMPORT:
      {
        guint n_rows = eb_survey_get_n_rows (job->survey);

        set_project (self, job->project);
        set_survey (self, job->survey);
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Imported %u response from %s",
                                                "Imported %u responses from %s",
                                                n_rows),
                                   n_rows, job->display_name);
      }
      break;

    case JOB_SAVE_AS:
      add_recent_project (self, eb_project_get_path (job->project));
      message = g_strdup_printf (_("Saved as “%s”"), job->display_name);
      break;

    default:
      g_assert_not_reached ();
    }

  if (message != NULL)
    _eb_window_add_toast (self, message);
}

static void
job_done_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(EbWindowJob) job = user_data;
  g_autoptr(EbWindow) self = g_weak_ref_get (&job->window);
  g_autoptr(GApplication) application = g_steal_pointer (&job->application);
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (self == NULL || self->closed)
    {
      /* The window closed while the job ran: a project made for an
       * import nobody will see again goes, like a discarded one. */
      if (ok && job->created_project)
        discard_untitled_project (job->project);
      else if (ok && job->kind == JOB_OPEN)
        eb_project_close (job->project);

      if (self != NULL && self->job == job)
        finish_job (self, job);
    }
  else
    {
      finish_job (self, job);

      if (ok)
        job_succeeded (self, job);
      else
        job_failed (self, job, error);

      update_state (self);

      if (ok && job->kind == JOB_SAVE_AS && job->close_after)
        {
          self->close_confirmed = TRUE;
          gtk_window_close (GTK_WINDOW (self));
        }
    }

  if (application != NULL)
    g_application_release (application);
}

static void
start_job (EbWindow    *self,
           EbWindowJob *job)
{
  g_autoptr(GTask) task = NULL;
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  g_autofree char *title = NULL;
  const char *icon_name;

  g_assert (self->job == NULL);

  switch (job->kind)
    {
    case JOB_OPEN:
      title = g_strdup_printf (_("Opening %s…"), job->display_name);
      icon_name = "document-open-symbolic";
      break;

    case JOB_IMPORT:
      title = g_strdup_printf (_("Importing %s…"), job->display_name);
      icon_name = "eb-import-symbolic";
      break;

    case JOB_SAVE_AS:
      title = g_strdup_printf (_("Saving %s…"), job->display_name);
      icon_name = "document-save-symbolic";
      break;

    default:
      g_assert_not_reached ();
    }

  adw_status_page_set_title (self->progress_page, title);
  adw_status_page_set_icon_name (self->progress_page, icon_name);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), job->kind == JOB_IMPORT);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  gtk_progress_bar_set_show_text (self->progress_bar, FALSE);

  /* The worker uses the project: its notifications would arrive on the
   * worker thread, so they wait until the job is done. */
  if (job->project != NULL && self->last_saved_handler != 0)
    g_signal_handler_block (self->project, self->last_saved_handler);

  if (application != NULL)
    {
      job->application = G_APPLICATION (g_object_ref (application));
      g_application_hold (job->application);
    }

  self->job = job_ref (job);
  self->progress_visible = FALSE;
  self->progress_timeout_id = g_timeout_add (PROGRESS_DELAY_MS, progress_timeout_cb, self);

  /* Everything that reads the project happens now: once the worker runs,
   * the project is its own until job_done_cb(). */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  update_state (self);

  task = g_task_new (NULL, job->cancellable, job_done_cb, job_ref (job));
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job_ref (job), (GDestroyNotify) job_unref);
  /* The worker decides itself whether a cancel came too late: an import
   * that was already stored must be reported as such. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, job_thread);
}

static EbWindow *
find_window_for_project (EbWindow   *self,
                         const char *path)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GFile) file = g_file_new_for_path (path);

  if (application == NULL)
    return NULL;

  for (const GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    {
      EbWindow *window = l->data;
      g_autoptr(GFile) other = NULL;

      /* A window saving its project elsewhere is skipped: the project's
       * path is the worker's to change until the save is done. */
      if (!EB_IS_WINDOW (window) || window->project == NULL || window->closed
          || (window->job != NULL && window->job->kind == JOB_SAVE_AS))
        continue;

      other = g_file_new_for_path (eb_project_get_path (window->project));
      if (g_file_equal (file, other))
        return window;
    }

  return NULL;
}

/* A window for new work: this one if it is free, otherwise a new one. */
static EbWindow *
pick_window (EbWindow *self,
             gboolean  for_import)
{
  GtkApplication *application;
  gboolean available;

  /* A survey can go into a project that has none yet. */
  if (for_import)
    available = self->job == NULL && self->survey == NULL && !self->closed;
  else
    available = eb_window_is_blank (self);

  application = gtk_window_get_application (GTK_WINDOW (self));
  if (available || application == NULL)
    return self;

  return eb_window_new (application);
}

static void
recent_row_activated_cb (EbWindow      *self,
                         GtkListBoxRow *row,
                         GtkListBox    *list)
{
  const char *path = g_object_get_data (G_OBJECT (row), "eb-path");
  g_autoptr(GFile) file = NULL;

  g_assert (path != NULL);

  file = g_file_new_for_path (path);
  eb_window_open_file (self, file);
}

static void
switcher_title_visible_cb (EbWindow             *self,
                           GParamSpec           *pspec,
                           AdwViewSwitcherTitle *switcher_title)
{
  update_switcher_bar (self);
}

static void
cancel_clicked_cb (EbWindow  *self,
                   GtkButton *button)
{
  if (self->job != NULL)
    g_cancellable_cancel (self->job->cancellable);
}

static void
recent_projects_changed_cb (EbWindow   *self,
                            const char *key,
                            GSettings  *settings)
{
  reload_recent_projects (self);
}

static GdkDragAction
drop_enter_cb (EbWindow      *self,
               double         x,
               double         y,
               GtkDropTarget *target)
{
  gtk_widget_set_visible (self->drop_highlight, TRUE);

  return GDK_ACTION_COPY;
}

static void
drop_leave_cb (EbWindow      *self,
               GtkDropTarget *target)
{
  gtk_widget_set_visible (self->drop_highlight, FALSE);
}

static gboolean
drop_cb (EbWindow      *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GSList *files;

  gtk_widget_set_visible (self->drop_highlight, FALSE);

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (const GSList *l = files; l != NULL; l = l->next)
    eb_window_open_file (self, l->data);
  g_slist_free (files);

  return TRUE;
}

static gboolean
close_idle_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));

  return G_SOURCE_REMOVE;
}

static void
close_dialog_response_cb (EbWindow         *self,
                          const char       *response,
                          AdwMessageDialog *dialog)
{
  if (g_str_equal (response, "discard"))
    {
      discard_untitled_project (self->project);
      set_project (self, NULL);
      self->close_confirmed = TRUE;
      /* The dialog closes itself once this handler returns; the window
       * follows, so that the dialog never outlives its parent. */
      g_idle_add_full (G_PRIORITY_DEFAULT, close_idle_cb, g_object_ref (self), g_object_unref);
    }
  else if (g_str_equal (response, "save"))
    _eb_window_run_save_as_dialog (self, TRUE);
}

static void
ask_to_save (EbWindow *self)
{
  GtkWidget *dialog;
  const char *source = eb_survey_get_source_file (self->survey);
  g_autofree char *name = source != NULL ? g_path_get_basename (source) : NULL;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save the imported survey?"), NULL);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  if (name != NULL)
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("“%s” was imported into a new project that is not saved "
                                      "yet. Discarding deletes the project and the work done in "
                                      "it; the survey file itself is kept."),
                                    name);
  else
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                 _("The survey was imported into a new project that is not saved "
                                   "yet. Discarding deletes the project and the work done in it; "
                                   "the survey file itself is kept."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save As…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_signal_connect_object (dialog, "response", G_CALLBACK (close_dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
eb_window_close_request (GtkWindow *window)
{
  EbWindow *self = EB_WINDOW (window);

  if (self->job == NULL && !self->close_confirmed
      && self->project != NULL && self->survey != NULL
      && eb_project_is_untitled (self->project))
    {
      ask_to_save (self);
      return TRUE;
    }

  save_window_state (self);

  if (self->job != NULL)
    g_cancellable_cancel (self->job->cancellable);
  self->closed = TRUE;

  return GTK_WINDOW_CLASS (eb_window_parent_class)->close_request (window);
}

static void
eb_window_dispose (GObject *object)
{
  EbWindow *self = EB_WINDOW (object);

  if (self->job != NULL)
    {
      g_cancellable_cancel (self->job->cancellable);
      finish_job (self, self->job);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), EB_TYPE_WINDOW);

  if (self->project != NULL)
    g_clear_signal_handler (&self->last_saved_handler, self->project);
  g_clear_object (&self->diagram);
  g_clear_object (&self->coding_store);
  g_clear_object (&self->project);
  g_clear_object (&self->survey);
  g_clear_object (&self->recent_projects);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (eb_window_parent_class)->dispose (object);
}

static void
eb_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  EbWindow *self = EB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, eb_window_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_window_class_init (EbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = eb_window_dispose;
  object_class->get_property = eb_window_get_property;

  window_class->close_request = eb_window_close_request;

  /**
   * EbWindow:project:
   *
   * The project shown, or %NULL before one is opened or imported.
   */
  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL,
                         EB_TYPE_PROJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * EbWindow:busy:
   *
   * Whether an import, open or save is running in the background.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/eb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EbWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, EbWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, EbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EbWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, EbWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, EbWindow, recent_group);
  gtk_widget_class_bind_template_child (widget_class, EbWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, EbWindow, progress_page);
  gtk_widget_class_bind_template_child (widget_class, EbWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, EbWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, EbWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, EbWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, EbWindow, drop_highlight);
  gtk_widget_class_bind_template_callback (widget_class, recent_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, switcher_title_visible_cb);

  _eb_window_class_actions_init (klass);
}

static void
eb_window_init (EbWindow *self)
{
  GtkDropTarget *drop_target;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  add_pages (self);
  link_pages (self);

  self->recent_projects = gtk_string_list_new (NULL);
  gtk_list_box_bind_model (self->recent_list, G_LIST_MODEL (self->recent_projects),
                           create_recent_row, NULL, NULL);
  g_signal_connect_object (self->settings, "changed::recent-projects",
                           G_CALLBACK (recent_projects_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload_recent_projects (self);

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop_target, "enter", G_CALLBACK (drop_enter_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drop_target, "leave", G_CALLBACK (drop_leave_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drop_target, "drop", G_CALLBACK (drop_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  update_state (self);
}

void
_eb_window_add_toast (EbWindow   *self,
                      const char *message)
{
  g_autofree char *escaped = NULL;

  g_assert (EB_IS_WINDOW (self));

  /* Toast titles are Pango markup: file names may hold '&' or '<'. */
  escaped = g_markup_escape_text (message, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

const EbWindowPage *
_eb_window_get_pages (guint *n_pages)
{
  *n_pages = G_N_ELEMENTS (pages);
  return pages;
}

void
_eb_window_show_page (EbWindow   *self,
                      const char *name)
{
  GtkWidget *page;
  GtkWidget *focus;

  g_assert (EB_IS_WINDOW (self));

  page = adw_view_stack_get_child_by_name (self->view_stack, name);
  if (page == NULL || self->survey == NULL)
    return;

  adw_view_stack_set_visible_child (self->view_stack, page);
  /* From the keyboard, the keyboard goes along. */
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (focus == NULL || !gtk_widget_is_ancestor (focus, page))
    gtk_widget_grab_focus (page);
}

void
_eb_window_remember_folder (EbWindow *self,
                            GFile    *file)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *path = NULL;

  g_assert (EB_IS_WINDOW (self));

  parent = g_file_get_parent (file);
  if (parent != NULL)
    path = g_file_get_path (parent);
  if (path != NULL)
    g_settings_set_string (self->settings, "last-folder", path);
}

void
_eb_window_save_as (EbWindow *self,
                    GFile    *file,
                    gboolean  close_after)
{
  g_autoptr(EbWindowJob) job = NULL;
  g_autofree char *path = NULL;

  g_assert (EB_IS_WINDOW (self));
  g_assert (G_IS_FILE (file));

  if (self->project == NULL || self->job != NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                             _("Projects can only be saved to a local folder"));
      show_error (self, job_error_heading (JOB_SAVE_AS), error);
      return;
    }

  /* Every change is already committed: saving a project as itself only
   * needs saying so. */
  if (!eb_project_is_untitled (self->project))
    {
      g_autoptr(GFile) current = g_file_new_for_path (eb_project_get_path (self->project));

      if (g_file_equal (file, current))
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *message = g_strdup_printf (_("Saved as “%s”"), name);

          _eb_window_add_toast (self, message);
          if (close_after)
            gtk_window_close (GTK_WINDOW (self));
          return;
        }
    }

  job = job_new (self, JOB_SAVE_AS, path);
  job->project = g_object_ref (self->project);
  job->close_after = close_after;
  start_job (self, job);
}

EbWindow *
eb_window_new (GtkApplication *application)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  return g_object_new (EB_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

EbProject *
eb_window_get_project (EbWindow *self)
{
  g_return_val_if_fail (EB_IS_WINDOW (self), NULL);

  return self->project;
}

gboolean
eb_window_get_busy (EbWindow *self)
{
  g_return_val_if_fail (EB_IS_WINDOW (self), FALSE);

  return self->job != NULL;
}

gboolean
eb_window_is_blank (EbWindow *self)
{
  g_return_val_if_fail (EB_IS_WINDOW (self), FALSE);

  return self->job == NULL && self->project == NULL && !self->closed;
}

void
eb_window_import_survey (EbWindow *self,
                         EbSurvey *survey)
{
  g_autoptr(EbWindowJob) job = NULL;
  const char *source;
  EbWindow *target;

  g_return_if_fail (EB_IS_WINDOW (self));
  g_return_if_fail (EB_IS_SURVEY (survey));

  /* A window that holds a survey already gets a new window beside it. */
  target = pick_window (self, TRUE);
  source = eb_survey_get_source_file (survey);
  job = job_new (target, JOB_IMPORT, source != NULL ? source : _("the survey"));
  job->survey = g_object_ref (survey);
  if (target->project != NULL)
    job->project = g_object_ref (target->project);
  gtk_window_present (GTK_WINDOW (target));
  start_job (target, job);
}

void
eb_window_open_file (EbWindow *self,
                     GFile    *file)
{
  g_autoptr(EbWindowJob) job = NULL;
  g_autofree char *path = NULL;
  EbWindow *target;

  g_return_if_fail (EB_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                             _("Cannot open “%s”: only files in local folders "
                                               "can be opened"),
                                             uri);

      show_error (self, _("Cannot Open File"), error);
      gtk_window_present (GTK_WINDOW (self));
      return;
    }

  if (is_project_path (path))
    {
      EbWindow *existing = find_window_for_project (self, path);

      if (existing != NULL)
        {
          gtk_window_present (GTK_WINDOW (existing));
          return;
        }

      target = pick_window (self, FALSE);
      job = job_new (target, JOB_OPEN, path);
    }
  else
    {
      target = pick_window (self, TRUE);
      job = job_new (target, JOB_IMPORT, path);
      if (target->project != NULL)
        job->project = g_object_ref (target->project);
    }

  gtk_window_present (GTK_WINDOW (target));
  start_job (target, job);
}
