/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-export-dialog"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "eb-coding-store.h"
#include "eb-diagram.h"
#include "eb-export-dialog-private.h"
#include "eb-project.h"
#include "export-figures.h"
#include "workbook-export.h"

/* How long the width must stay put before the preview is drawn again. */
#define PREVIEW_DELAY_MS 300
/* The preview is to scale: a figure of the default width (16 cm, a Word
 * page between normal margins) is this many logical pixels wide, a
 * narrower one narrower, with its text as large; a wider one is shrunk to
 * fit. */
#define PREVIEW_WIDTH 520
/* The workbook's share of the progress bar when figures follow it. */
#define WORKBOOK_SHARE 0.8
#define WORKBOOK_SUFFIX ".xlsx"
#define PROJECT_SUFFIX ".evalbench"

/* The formats in the order of their check buttons, and the resolutions in
 * the order of the combo row. */
static const EbFigureFormat all_formats[] = {
  EB_FIGURE_FORMAT_PNG, EB_FIGURE_FORMAT_SVG, EB_FIGURE_FORMAT_PDF,
};
static const double dpi_choices[] = { 150, 300, 600 };
#define DEFAULT_DPI_INDEX 1

/* What the dialog offers next time in this session. Destinations belong to
 * a project: a second project must not overwrite the first one's files. */
typedef struct
{
  gboolean workbook;
  gboolean pseudonymise;
  gboolean figures;
  gboolean formats[G_N_ELEMENTS (all_formats)];
  guint    dpi_index;
  double   width_mm;
} Choices;

typedef struct
{
  char *workbook_path;
  char *figures_folder;
} Destinations;

static Choices last_choices = {
  TRUE, FALSE, TRUE, { TRUE, TRUE, TRUE }, DEFAULT_DPI_INDEX, EB_FIGURE_DEFAULT_WIDTH_MM,
};
static GHashTable *last_destinations;   /* project path → Destinations */

typedef enum
{
  STAGE_OPENING,
  STAGE_WORKBOOK,
  STAGE_FIGURES,
} ExportStage;

/* One export. The worker reads the in fields and fills WRITTEN; progress
 * reaches the main thread through the atomic fields, one idle callback at
 * a time; everything that touches GTK happens on the main thread, which
 * holds the dialog only weakly. */
typedef struct
{
  GWeakRef              dialog;
  GApplication         *application;     /* held while the export runs */
  GCancellable         *cancellable;
  char                 *project_path;
  char                 *workbook_path;    /* NULL: no workbook */
  EbWorkbookOptions     workbook_options;
  char                 *figures_folder;   /* NULL: no figures */
  GArray               *formats;          /* of EbFigureFormat */
  double                dpi;
  double                width_mm;
  EbExportProgressHook  hook;
  gpointer              hook_data;

  /* The worker's own */
  double                stage_start;
  double                stage_span;

  /* Out: every file written, in order */
  GPtrArray            *written;

  /* Atomic */
  int                   stage;
  int                   permille;
  int                   queued;
} ExportJob;

/* What previews draw from: the project's survey, read by the first
 * preview and then used by one preview at a time. */
typedef struct
{
  char     *project_path;
  EbSurvey *survey;
} PreviewSource;

typedef struct
{
  PreviewSource *source;
  double         width_mm;
  int            scale;
} PreviewRequest;

typedef struct
{
  GdkTexture *likert;       /* the first Likert chart */
  guint       n_likert;     /* Likert charts in all */
  GdkTexture *diagram;
  double      width_mm;
} PreviewResult;

struct _EbExportDialog
{
  AdwWindow             parent_instance;

  char                 *project_path;
  EbSurvey             *survey;
  GArray               *group_columns;     /* guint: after "Not grouped" in group_row */
  GSettings            *settings;

  char                 *workbook_path;
  char                 *figures_folder;
  GtkFileChooserNative *chooser;

  ExportJob            *job;
  char                **written;         /* by the last export */
  char                 *written_folder;  /* what "Open Folder" shows */
  char                 *error_message;
  EbExportProgressHook  progress_hook;
  gpointer              progress_hook_data;

  PreviewSource        *preview_source;
  GCancellable         *preview_cancellable;
  guint                 preview_timeout_id;
  gboolean              preview_running;
  gboolean              preview_pending;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwWindowTitle       *window_title;
  GtkButton            *cancel_button;
  GtkButton            *export_button;
  GtkStack             *stack;
  GtkSwitch            *workbook_switch;
  AdwActionRow         *workbook_row;
  GtkSwitch            *pseudonymise_switch;
  AdwComboRow          *group_row;
  GtkSwitch            *figures_switch;
  AdwActionRow         *folder_row;
  GtkCheckButton       *png_button;
  GtkCheckButton       *svg_button;
  GtkCheckButton       *pdf_button;
  GtkSpinButton        *width_spin;
  AdwComboRow          *dpi_row;
  AdwPreferencesGroup  *preview_group;
  GtkSpinner           *preview_spinner;
  GtkStack             *preview_stack;
  AdwClamp             *likert_clamp;
  GtkPicture           *likert_picture;
  GtkLabel             *likert_caption;
  AdwClamp             *diagram_clamp;
  GtkPicture           *diagram_picture;
  GtkLabel             *diagram_caption;
  GtkLabel             *preview_message;
  GtkProgressBar       *progress_bar;
  AdwStatusPage        *done_page;
  GtkListBox           *written_list;
  AdwStatusPage        *error_page;
};

G_DEFINE_FINAL_TYPE (EbExportDialog, eb_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_PROJECT_PATH,
  PROP_SURVEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_actions  (EbExportDialog *self);
static void request_preview (EbExportDialog *self);

/* ---- Shared by the export and the preview (worker threads) ---- */

static EbSurvey *
load_survey (EbProject  *project,
             const char *path,
             GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  EbSurvey *survey = eb_project_load_survey (project, &local_error);

  if (survey != NULL)
    return survey;
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    {
      g_autofree char *name = g_path_get_basename (path);

      g_set_error (error, EB_PROJECT_ERROR, EB_PROJECT_ERROR_OPEN,
                   _("“%s” holds no survey yet: there is nothing to export"), name);
    }
  return NULL;
}

/* What `evalbench export --figures` does: the diagram is made here, in the
 * thread that draws it. */
static gboolean
write_figures (EbProject             *project,
               EbSurvey              *survey,
               const char            *dir,
               const EbFigureFormat  *formats,
               guint                  n_formats,
               double                 dpi,
               double                 width_mm,
               GCancellable          *cancellable,
               EbProgressFunc         progress,
               gpointer               progress_data,
               GPtrArray             *written,
               GError               **error)
{
  g_autoptr(EbCodingStore) store = NULL;
  g_autoptr(EbDiagram) diagram = NULL;
  EbFigureSetOptions options = { formats, n_formats, dpi, width_mm, NULL };

  store = eb_coding_store_new (project, survey, NULL, error);
  if (store == NULL)
    return FALSE;
  diagram = eb_diagram_new (store, error);
  if (diagram == NULL)
    return FALSE;
  options.diagram = diagram;

  return eb_export_figures (survey, dir, &options, cancellable, progress, progress_data,
                            written, error);
}

/* ---- The export's job ---- */

static void
export_job_clear (gpointer data)
{
  ExportJob *job = data;

  g_weak_ref_clear (&job->dialog);
  g_clear_object (&job->application);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->project_path, g_free);
  g_clear_pointer (&job->workbook_path, g_free);
  g_clear_pointer (&job->figures_folder, g_free);
  g_clear_pointer (&job->formats, g_array_unref);
  g_clear_pointer (&job->written, g_ptr_array_unref);
}

static ExportJob *
export_job_ref (ExportJob *job)
{
  return g_atomic_rc_box_acquire (job);
}

static void
export_job_unref (ExportJob *job)
{
  g_atomic_rc_box_release_full (job, export_job_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportJob, export_job_unref)

static gboolean export_progress_idle_cb (gpointer data);

static void
queue_progress_update (ExportJob *job)
{
  /* At most one update waits for the main thread, however often the
   * exporters report. */
  if (g_atomic_int_compare_and_exchange (&job->queued, 0, 1))
    g_idle_add_full (G_PRIORITY_DEFAULT, export_progress_idle_cb, export_job_ref (job),
                     (GDestroyNotify) export_job_unref);
}

static void
set_stage (ExportJob   *job,
           ExportStage  stage,
           double       start,
           double       span)
{
  job->stage_start = start;
  job->stage_span = span;
  g_atomic_int_set (&job->stage, stage);
  g_atomic_int_set (&job->permille, (int) (start * 1000));
  queue_progress_update (job);
}

static void
export_progress_cb (double   fraction,
                    gpointer user_data)
{
  ExportJob *job = user_data;
  double overall = job->stage_start + job->stage_span * CLAMP (fraction, 0.0, 1.0);

  if (job->hook != NULL)
    job->hook (overall, job->hook_data);
  g_atomic_int_set (&job->permille, (int) (overall * 1000));
  queue_progress_update (job);
}

static gboolean
run_export (ExportJob     *job,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(EbProject) project = NULL;
  g_autoptr(EbSurvey) survey = NULL;
  double workbook_span = job->figures_folder == NULL ? 1.0
                         : job->workbook_path == NULL ? 0.0 : WORKBOOK_SHARE;

  project = eb_project_open_readonly (job->project_path, error);
  if (project == NULL)
    return FALSE;
  survey = load_survey (project, job->project_path, error);
  if (survey == NULL)
    return FALSE;

  if (job->workbook_path != NULL)
    {
      set_stage (job, STAGE_WORKBOOK, 0.0, workbook_span);
      if (!eb_workbook_export (project, survey, job->workbook_path, &job->workbook_options,
                               cancellable, export_progress_cb, job, error))
        return FALSE;
      g_ptr_array_add (job->written, g_strdup (job->workbook_path));
    }

  if (job->figures_folder != NULL)
    {
      set_stage (job, STAGE_FIGURES, workbook_span, 1.0 - workbook_span);
      if (!write_figures (project, survey, job->figures_folder,
                          (const EbFigureFormat *) job->formats->data, job->formats->len,
                          job->dpi, job->width_mm, cancellable,
                          export_progress_cb, job, job->written, error))
        return FALSE;
    }

  return TRUE;
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;

  if (run_export (job, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* ---- The preview's job ---- */

static void
preview_source_clear (gpointer data)
{
  PreviewSource *source = data;

  g_clear_pointer (&source->project_path, g_free);
  g_clear_object (&source->survey);
}

static void
preview_source_unref (PreviewSource *source)
{
  g_atomic_rc_box_release_full (source, preview_source_clear);
}

static void
preview_request_free (PreviewRequest *request)
{
  g_clear_pointer (&request->source, preview_source_unref);
  g_free (request);
}

static void
preview_result_free (PreviewResult *result)
{
  g_clear_object (&result->likert);
  g_clear_object (&result->diagram);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PreviewResult, preview_result_free)

static GdkTexture *
load_texture (const char  *path,
              GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return gdk_texture_new_from_file (file, error);
}

/* Logical pixels across a preview of a figure WIDTH_MM wide. */
static int
preview_width (double width_mm)
{
  return (int) round (PREVIEW_WIDTH * MIN (width_mm, EB_FIGURE_DEFAULT_WIDTH_MM)
                      / EB_FIGURE_DEFAULT_WIDTH_MM);
}

/* The figures as the export draws them, as PNG files of a temporary
 * folder, read back as textures. */
static PreviewResult *
draw_preview (PreviewRequest  *request,
              GCancellable    *cancellable,
              GError         **error)
{
  PreviewSource *source = request->source;
  EbFigureFormat png = EB_FIGURE_FORMAT_PNG;
  double dpi = preview_width (request->width_mm) * request->scale / (request->width_mm / 25.4);
  g_autoptr(EbProject) project = NULL;
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PreviewResult) result = g_new0 (PreviewResult, 1);
  g_autofree char *dir = NULL;
  gboolean ok;

  result->width_mm = request->width_mm;
  project = eb_project_open_readonly (source->project_path, error);
  if (project == NULL)
    return NULL;
  if (source->survey == NULL)
    {
      source->survey = load_survey (project, source->project_path, error);
      if (source->survey == NULL)
        return NULL;
    }

  dir = g_dir_make_tmp ("evalbench-preview-XXXXXX", error);
  if (dir == NULL)
    return NULL;
  ok = write_figures (project, source->survey, dir, &png, 1, dpi, request->width_mm,
                      cancellable, NULL, NULL, written, error);

  for (guint i = 0; i < written->len; i++)
    {
      const char *path = g_ptr_array_index (written, i);
      g_autofree char *name = g_path_get_basename (path);

      if (ok && g_str_has_prefix (name, "likert") && result->n_likert++ == 0)
        ok = (result->likert = load_texture (path, error)) != NULL;
      else if (ok && g_str_equal (name, "diagram.png"))
        ok = (result->diagram = load_texture (path, error)) != NULL;
      g_unlink (path);
    }
  g_rmdir (dir);

  return ok ? g_steal_pointer (&result) : NULL;
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  PreviewResult *result = draw_preview (task_data, cancellable, &error);

  if (result != NULL)
    g_task_return_pointer (task, result, (GDestroyNotify) preview_result_free);
  else
    g_task_return_error (task, error);
}

/* ---- Helpers (main thread) ---- */

/* Takes VALUE. */
static void
set_string (char **field,
            char  *value)
{
  g_free (*field);
  *field = value;
}

/* "~/Reports/Peer mentoring.xlsx" */
static char *
dup_display_path (const char *path)
{
  const char *home = g_get_home_dir ();
  gsize home_len = strlen (home);

  if (home_len > 1 && g_str_has_prefix (path, home)
      && (path[home_len] == '\0' || path[home_len] == G_DIR_SEPARATOR))
    return g_strconcat ("~", path + home_len, NULL);

  return g_strdup (path);
}

static gboolean
is_untitled_project (EbExportDialog *self)
{
  g_autofree char *untitled = g_build_filename (g_get_user_data_dir (), "evalbench",
                                                "untitled", NULL);
  g_autofree char *dir = g_path_get_dirname (self->project_path);

  return g_str_equal (dir, untitled);
}

static char *
strip_suffix (char       *name,
              const char *suffix)
{
  char *dot;

  if (suffix != NULL)
    {
      if (g_str_has_suffix (name, suffix) && strlen (name) > strlen (suffix))
        name[strlen (name) - strlen (suffix)] = '\0';
    }
  else if ((dot = strrchr (name, '.')) != NULL && dot != name)
    *dot = '\0';

  return name;
}

/* The project's title; an untitled project is named after its survey. */
static char *
dup_title (EbExportDialog *self)
{
  const char *source = self->survey != NULL ? eb_survey_get_source_file (self->survey) : NULL;

  if (is_untitled_project (self) && source != NULL)
    return strip_suffix (g_path_get_basename (source), NULL);

  return strip_suffix (g_path_get_basename (self->project_path), PROJECT_SUFFIX);
}

/* Where a chooser starts when nothing was chosen yet: the last folder
 * anything was chosen in, else beside the project (or its survey). */
static char *
dup_start_folder (EbExportDialog *self)
{
  g_autofree char *last_folder = g_settings_get_string (self->settings, "last-folder");
  const char *source = self->survey != NULL ? eb_survey_get_source_file (self->survey) : NULL;

  if (*last_folder != '\0' && g_file_test (last_folder, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&last_folder);
  if (!is_untitled_project (self))
    return g_path_get_dirname (self->project_path);
  if (source != NULL)
    return g_path_get_dirname (source);

  return NULL;
}

static void
remember_folder (EbExportDialog *self,
                 const char     *path)
{
  g_autofree char *folder = g_path_get_dirname (path);

  g_settings_set_string (self->settings, "last-folder", folder);
}

static void
set_chooser_folder (GtkFileChooser *chooser,
                    const char     *folder)
{
  g_autoptr(GFile) file = NULL;

  if (folder == NULL || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    return;

  file = g_file_new_for_path (folder);
  gtk_file_chooser_set_current_folder (chooser, file, NULL);
}

static GtkCheckButton *
format_button (EbExportDialog *self,
               guint           index)
{
  GtkCheckButton *buttons[] = { self->png_button, self->svg_button, self->pdf_button };

  G_STATIC_ASSERT (G_N_ELEMENTS (buttons) == G_N_ELEMENTS (all_formats));
  g_assert (index < G_N_ELEMENTS (buttons));

  return buttons[index];
}

static GArray *
dup_formats (EbExportDialog *self)
{
  GArray *formats = g_array_new (FALSE, FALSE, sizeof (EbFigureFormat));

  for (guint i = 0; i < G_N_ELEMENTS (all_formats); i++)
    if (gtk_check_button_get_active (format_button (self, i)))
      g_array_append_val (formats, all_formats[i]);

  return formats;
}

static double
get_dpi (EbExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->dpi_row);

  return dpi_choices[selected < G_N_ELEMENTS (dpi_choices) ? selected : DEFAULT_DPI_INDEX];
}

static void
set_row_path (AdwActionRow *row,
              const char   *path,
              const char   *none)
{
  g_autofree char *display = path != NULL ? dup_display_path (path) : NULL;
  g_autofree char *escaped = g_markup_escape_text (display != NULL ? display : none, -1);

  adw_action_row_set_subtitle (row, escaped);
}

static const char *
get_page (EbExportDialog *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

static void
show_page (EbExportDialog *self,
           const char     *name)
{
  gboolean settings = g_str_equal (name, "settings");
  gboolean finished = g_str_equal (name, "done") || g_str_equal (name, "error");

  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), settings);
  gtk_widget_set_visible (GTK_WIDGET (self->export_button), settings);
  adw_header_bar_set_show_end_title_buttons (self->header_bar, finished);
  update_actions (self);
}

static void
update_actions (EbExportDialog *self)
{
  gboolean settings = g_str_equal (get_page (self), "settings");
  gboolean workbook = gtk_switch_get_active (self->workbook_switch);
  gboolean figures = gtk_switch_get_active (self->figures_switch);
  g_autoptr(GArray) formats = dup_formats (self);
  const char *missing = NULL;
  gboolean ready;

  /* Every output that is on has somewhere to go. */
  if (!workbook && !figures)
    missing = _("Turn on the workbook or the figure files");
  else if (workbook && self->workbook_path == NULL)
    missing = _("Choose a file for the workbook");
  else if (figures && self->figures_folder == NULL)
    missing = _("Choose a folder for the figure files");
  else if (figures && formats->len == 0)
    missing = _("Choose at least one format for the figure files");

  ready = self->job == NULL && settings && missing == NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.export", ready);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->export_button), missing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.cancel-export",
                                 self->job != NULL
                                 && !g_cancellable_is_cancelled (self->job->cancellable));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose-workbook",
                                 settings && self->chooser == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose-folder",
                                 settings && self->chooser == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.open-folder",
                                 self->written_folder != NULL);
}

/* The columns the Likert page offers too (eb_survey_dup_group_columns). */
static void
fill_group_row (EbExportDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_string_list_append (names, _("Not grouped"));
  if (self->survey != NULL)
    {
      g_autoptr(GArray) columns = eb_survey_dup_group_columns (self->survey);

      g_array_append_vals (self->group_columns, columns->data, columns->len);
    }
  for (guint i = 0; i < self->group_columns->len; i++)
    {
      guint c = g_array_index (self->group_columns, guint, i);
      /* TRANSLATORS: group by an attribute column, e.g. "By Programme" */
      g_autofree char *name = g_strdup_printf (_("By %s"), eb_survey_get_column_name (self->survey, c));

      gtk_string_list_append (names, name);
    }
  adw_combo_row_set_model (self->group_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->group_row, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->group_row), self->group_columns->len > 0);
}

static int
get_group_column (EbExportDialog *self)
{
  guint chosen = adw_combo_row_get_selected (self->group_row);

  if (chosen == 0 || chosen == GTK_INVALID_LIST_POSITION || chosen > self->group_columns->len)
    return -1;
  return (int) g_array_index (self->group_columns, guint, chosen - 1);
}

static void
save_choices (EbExportDialog *self)
{
  Destinations *destinations;

  last_choices.workbook = gtk_switch_get_active (self->workbook_switch);
  last_choices.pseudonymise = gtk_switch_get_active (self->pseudonymise_switch);
  last_choices.figures = gtk_switch_get_active (self->figures_switch);
  for (guint i = 0; i < G_N_ELEMENTS (all_formats); i++)
    last_choices.formats[i] = gtk_check_button_get_active (format_button (self, i));
  last_choices.dpi_index = adw_combo_row_get_selected (self->dpi_row);
  last_choices.width_mm = gtk_spin_button_get_value (self->width_spin);

  destinations = g_hash_table_lookup (last_destinations, self->project_path);
  if (destinations == NULL)
    {
      destinations = g_new0 (Destinations, 1);
      g_hash_table_insert (last_destinations, g_strdup (self->project_path), destinations);
    }
  set_string (&destinations->workbook_path, g_strdup (self->workbook_path));
  set_string (&destinations->figures_folder, g_strdup (self->figures_folder));
}

static void
restore_choices (EbExportDialog *self)
{
  Destinations *destinations = g_hash_table_lookup (last_destinations, self->project_path);

  gtk_switch_set_active (self->workbook_switch, last_choices.workbook);
  gtk_switch_set_active (self->pseudonymise_switch, last_choices.pseudonymise);
  gtk_switch_set_active (self->figures_switch, last_choices.figures);
  for (guint i = 0; i < G_N_ELEMENTS (all_formats); i++)
    gtk_check_button_set_active (format_button (self, i), last_choices.formats[i]);
  adw_combo_row_set_selected (self->dpi_row, last_choices.dpi_index);
  gtk_spin_button_set_value (self->width_spin, last_choices.width_mm);

  if (destinations != NULL)
    {
      set_string (&self->workbook_path, g_strdup (destinations->workbook_path));
      set_string (&self->figures_folder, g_strdup (destinations->figures_folder));
    }
  set_row_path (self->workbook_row, self->workbook_path, _("No file chosen"));
  set_row_path (self->folder_row, self->figures_folder, _("No folder chosen"));
}

/* ---- The preview (main thread) ---- */

static void
set_preview_picture (AdwClamp   *clamp,
                     GtkPicture *picture,
                     GtkLabel   *caption,
                     GdkTexture *texture,
                     double      width_mm,
                     const char *what)
{
  g_autofree char *text = NULL;
  int width = preview_width (width_mm);
  double height_mm;

  gtk_widget_set_visible (GTK_WIDGET (clamp), texture != NULL);
  if (texture == NULL)
    {
      gtk_picture_set_paintable (picture, NULL);
      return;
    }

  /* At most WIDTH, and never squeezed towards it by the clamp's easing. */
  adw_clamp_set_maximum_size (clamp, width);
  adw_clamp_set_tightening_threshold (clamp, width);

  height_mm = width_mm * gdk_texture_get_height (texture) / gdk_texture_get_width (texture);
  /* TRANSLATORS: "Likert chart · 160 × 87 mm" */
  text = g_strdup_printf (_("%s · %.0f × %.0f mm"), what, width_mm, height_mm);
  gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
  gtk_picture_set_alternative_text (picture, what);
  gtk_label_set_text (caption, text);
}

static void
show_preview (EbExportDialog *self,
              PreviewResult  *result)
{
  g_autofree char *likert = NULL;

  if (result->n_likert > 1)
    likert = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Likert chart (the first of %u)",
                                           "Likert chart (the first of %u)",
                                           result->n_likert),
                              result->n_likert);
  else
    likert = g_strdup (_("Likert chart"));

  set_preview_picture (self->likert_clamp, self->likert_picture, self->likert_caption,
                       result->likert, result->width_mm, likert);
  set_preview_picture (self->diagram_clamp, self->diagram_picture, self->diagram_caption,
                       result->diagram, result->width_mm, _("Diagram"));

  if (result->likert == NULL && result->diagram == NULL)
    {
      gtk_label_set_text (self->preview_message,
                          _("There are no figures to draw: the survey has no Likert "
                            "items and the project no diagram."));
      gtk_stack_set_visible_child_name (self->preview_stack, "message");
    }
  else
    gtk_stack_set_visible_child_name (self->preview_stack, "figures");
}

static void
show_preview_error (EbExportDialog *self,
                    const GError   *error)
{
  g_autofree char *text = g_strdup_printf (_("The preview could not be drawn: %s"),
                                           error->message);

  gtk_label_set_text (self->preview_message, text);
  gtk_stack_set_visible_child_name (self->preview_stack, "message");
}

static void
preview_done_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(EbExportDialog) self = g_weak_ref_get (weak);
  g_autoptr(GError) error = NULL;
  g_autoptr(PreviewResult) preview = g_task_propagate_pointer (G_TASK (result), &error);

  g_weak_ref_clear (weak);
  g_free (weak);
  if (self == NULL || self->preview_cancellable == NULL)
    return;

  self->preview_running = FALSE;
  if (preview != NULL)
    show_preview (self, preview);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_preview_error (self, error);

  if (self->preview_pending)
    request_preview (self);
  else
    gtk_spinner_stop (self->preview_spinner);
}

static void
request_preview (EbExportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  PreviewRequest *request;
  GWeakRef *weak;

  g_clear_handle_id (&self->preview_timeout_id, g_source_remove);
  gtk_spinner_start (self->preview_spinner);

  /* One preview at a time: they share the survey. */
  if (self->preview_running)
    {
      self->preview_pending = TRUE;
      return;
    }
  self->preview_pending = FALSE;
  self->preview_running = TRUE;

  request = g_new0 (PreviewRequest, 1);
  request->source = g_atomic_rc_box_acquire (self->preview_source);
  request->width_mm = gtk_spin_button_get_value (self->width_spin);
  request->scale = MAX (gtk_widget_get_scale_factor (GTK_WIDGET (self)), 1);

  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  task = g_task_new (NULL, self->preview_cancellable, preview_done_cb, weak);
  g_task_set_source_tag (task, request_preview);
  g_task_set_task_data (task, request, (GDestroyNotify) preview_request_free);
  g_task_run_in_thread (task, preview_thread);
}

static gboolean
preview_timeout_cb (gpointer data)
{
  EbExportDialog *self = data;

  self->preview_timeout_id = 0;
  request_preview (self);

  return G_SOURCE_REMOVE;
}

static void
update_preview_description (EbExportDialog *self)
{
  g_autofree char *text = g_strdup_printf (_("At %.0f mm wide, as the figures will sit in "
                                             "a report"),
                                           gtk_spin_button_get_value (self->width_spin));

  adw_preferences_group_set_description (self->preview_group, text);
}

/* ---- The export (main thread) ---- */

static void
show_progress (EbExportDialog *self,
               ExportJob      *job)
{
  int permille = g_atomic_int_get (&job->permille);
  const char *text;

  if (g_cancellable_is_cancelled (job->cancellable))
    text = _("Cancelling…");
  else
    switch ((ExportStage) g_atomic_int_get (&job->stage))
      {
      case STAGE_OPENING:
        text = _("Reading the project…");
        break;

      case STAGE_WORKBOOK:
        text = _("Writing the workbook…");
        break;

      case STAGE_FIGURES:
        text = _("Drawing figures…");
        break;

      default:
        g_assert_not_reached ();
      }

  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (permille, 0, 1000) / 1000.0);
}

static gboolean
export_progress_idle_cb (gpointer data)
{
  ExportJob *job = data;
  g_autoptr(EbExportDialog) self = g_weak_ref_get (&job->dialog);

  g_atomic_int_set (&job->queued, 0);
  if (self != NULL && self->job == job)
    show_progress (self, job);

  return G_SOURCE_REMOVE;
}

/* A written file, named from FOLDER (the one the done page names) when
 * it is in it: "figures/likert.png"; else with its own folder. */
static GtkWidget *
new_written_row (const char *path,
                 const char *folder)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) parent = g_file_new_for_path (folder);
  g_autofree char *relative = g_file_get_relative_path (parent, file);
  g_autofree char *escaped_name = NULL;
  GtkWidget *row = adw_action_row_new ();

  if (relative != NULL)
    escaped_name = g_markup_escape_text (relative, -1);
  else
    {
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *display = dup_display_path (dir);
      g_autofree char *escaped_folder = g_markup_escape_text (display, -1);

      escaped_name = g_markup_escape_text (name, -1);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_folder);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_name);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (g_str_has_suffix (path, WORKBOOK_SUFFIX)
                                                           ? "x-office-spreadsheet-symbolic"
                                                           : "image-x-generic-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("adw-external-link-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Open the file"));
  g_object_set_data_full (G_OBJECT (row), "eb-path", g_strdup (path), g_free);

  return row;
}

static void
clear_written_list (EbExportDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->written_list))) != NULL)
    gtk_list_box_remove (self->written_list, child);
}

static gboolean
folder_holds (const char *folder,
              const char *other)
{
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GFile) other_file = g_file_new_for_path (other);

  return g_file_equal (file, other_file) || g_file_has_prefix (other_file, file);
}

/* The folder "Open Folder" shows: the workbook's when it holds the figures'
 * (a "figures" folder beside the workbook), else the figures'. */
static char *
dup_export_folder (ExportJob *job)
{
  g_autofree char *workbook_folder = NULL;

  if (job->workbook_path != NULL)
    workbook_folder = g_path_get_dirname (job->workbook_path);
  if (job->figures_folder == NULL
      || (workbook_folder != NULL && folder_holds (workbook_folder, job->figures_folder)))
    return g_steal_pointer (&workbook_folder);

  return g_strdup (job->figures_folder);
}

static void
export_succeeded (EbExportDialog *self,
                  ExportJob      *job)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *description = NULL;
  g_autofree char *display = NULL;
  guint n;

  for (guint i = 0; i < job->written->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (job->written, i));
  g_strfreev (self->written);
  self->written = g_strv_builder_end (builder);
  n = g_strv_length (self->written);

  set_string (&self->written_folder, n > 0 ? dup_export_folder (job) : NULL);

  clear_written_list (self);
  for (guint i = 0; i < n; i++)
    gtk_list_box_append (self->written_list,
                         new_written_row (self->written[i], self->written_folder));
  gtk_widget_set_visible (GTK_WIDGET (self->written_list), n > 0);

  if (n > 0)
    {
      display = dup_display_path (self->written_folder);
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%u file written in %s",
                                                  "%u files written in %s", n),
                                     n, display);
    }
  else
    description = g_strdup (_("There was nothing to write."));
  {
    g_autofree char *escaped = g_markup_escape_text (description, -1);

    adw_status_page_set_description (self->done_page, escaped);
  }

  show_page (self, "done");
  g_signal_emit (self, signals[EXPORTED], 0, self->written);
}

static void
export_failed (EbExportDialog *self,
               const GError   *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  set_string (&self->error_message, g_strdup (error->message));
  adw_status_page_set_description (self->error_page, escaped);
  show_page (self, "error");
}

static void
export_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ExportJob) job = user_data;
  g_autoptr(EbExportDialog) self = g_weak_ref_get (&job->dialog);
  g_autoptr(GApplication) application = g_steal_pointer (&job->application);
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (self != NULL && self->job == job)
    {
      g_clear_pointer (&self->job, export_job_unref);

      if (ok)
        export_succeeded (self, job);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
               || g_cancellable_is_cancelled (job->cancellable))
        {
          show_page (self, "settings");
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Export cancelled")));
        }
      else
        export_failed (self, error);
    }

  if (application != NULL)
    g_application_release (application);
}

static void
start_export (EbExportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GtkApplication *application = parent != NULL ? gtk_window_get_application (parent) : NULL;
  ExportJob *job;

  g_assert (self->job == NULL);

  save_choices (self);

  job = g_atomic_rc_box_new0 (ExportJob);
  g_weak_ref_init (&job->dialog, self);
  job->cancellable = g_cancellable_new ();
  job->project_path = g_strdup (self->project_path);
  if (gtk_switch_get_active (self->workbook_switch))
    job->workbook_path = g_strdup (self->workbook_path);
  eb_workbook_options_init (&job->workbook_options);
  job->workbook_options.pseudonymise = gtk_switch_get_active (self->pseudonymise_switch);
  job->workbook_options.group_column = get_group_column (self);
  job->workbook_options.dpi = get_dpi (self);
  job->workbook_options.width_mm = gtk_spin_button_get_value (self->width_spin);
  if (gtk_switch_get_active (self->figures_switch))
    job->figures_folder = g_strdup (self->figures_folder);
  job->formats = dup_formats (self);
  job->dpi = get_dpi (self);
  job->width_mm = gtk_spin_button_get_value (self->width_spin);
  job->hook = self->progress_hook;
  job->hook_data = self->progress_hook_data;
  job->written = g_ptr_array_new_with_free_func (g_free);
  job->stage = STAGE_OPENING;

  /* An application quitting meanwhile would leave a half-written file. */
  if (application != NULL)
    {
      job->application = G_APPLICATION (g_object_ref (application));
      g_application_hold (job->application);
    }

  self->job = job;
  show_progress (self, job);
  show_page (self, "progress");

  task = g_task_new (NULL, job->cancellable, export_done_cb, export_job_ref (job));
  g_task_set_source_tag (task, start_export);
  g_task_set_task_data (task, export_job_ref (job), (GDestroyNotify) export_job_unref);
  /* The worker reports a cancel itself, once the partial files are gone. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, export_thread);
}

static void
cancel_export (EbExportDialog *self)
{
  if (self->job == NULL)
    return;

  g_cancellable_cancel (self->job->cancellable);
  show_progress (self, self->job);
  update_actions (self);
}

/* ---- File choosers ---- */

static void
close_chooser (EbExportDialog *self)
{
  if (self->chooser == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->chooser, self);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  update_actions (self);
}

static void
workbook_chosen_cb (EbExportDialog       *self,
                    int                   response,
                    GtkFileChooserNative *native)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  if (file != NULL)
    path = g_file_get_path (file);
  close_chooser (self);
  if (path == NULL)
    return;

  /* "Report" means "Report.xlsx": Excel opens nothing else. */
  {
    g_autofree char *lower = g_utf8_strdown (path, -1);

    if (!g_str_has_suffix (lower, WORKBOOK_SUFFIX))
      {
        char *with_suffix = g_strconcat (path, WORKBOOK_SUFFIX, NULL);

        g_free (path);
        path = with_suffix;
      }
  }
  remember_folder (self, path);
  eb_export_dialog_set_workbook_path (self, path);
}

static void
choose_workbook (EbExportDialog *self)
{
  GtkFileChooser *chooser;
  GtkFileFilter *filter;
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Save Workbook As"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (self->chooser);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Excel Workbooks"));
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_chooser_add_filter (chooser, filter);
  g_object_unref (filter);

  if (self->workbook_path != NULL)
    {
      folder = g_path_get_dirname (self->workbook_path);
      name = g_path_get_basename (self->workbook_path);
    }
  else
    {
      g_autofree char *title = dup_title (self);

      folder = dup_start_folder (self);
      name = g_strconcat (title, WORKBOOK_SUFFIX, NULL);
    }
  set_chooser_folder (chooser, folder);
  gtk_file_chooser_set_current_name (chooser, name);

  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (workbook_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
  update_actions (self);
}

static void
folder_chosen_cb (EbExportDialog       *self,
                  int                   response,
                  GtkFileChooserNative *native)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  if (file != NULL)
    path = g_file_get_path (file);
  close_chooser (self);
  if (path == NULL)
    return;

  remember_folder (self, path);
  eb_export_dialog_set_figures_folder (self, path);
}

static void
choose_folder (EbExportDialog *self)
{
  GtkFileChooser *chooser;

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Choose a Folder for the Figures"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Select"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (self->chooser);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  if (self->figures_folder != NULL && g_file_test (self->figures_folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (self->figures_folder);

      gtk_file_chooser_set_file (chooser, folder, NULL);
    }
  else
    {
      g_autofree char *folder = dup_start_folder (self);

      set_chooser_folder (chooser, folder);
    }

  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (folder_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
  update_actions (self);
}

static void
show_uri_for_path (EbExportDialog *self,
                   const char     *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

/* ---- Signal callbacks ---- */

static void
output_changed_cb (EbExportDialog *self)
{
  update_actions (self);
}

static void
width_changed_cb (EbExportDialog *self,
                  GtkSpinButton  *spin)
{
  update_preview_description (self);
  g_clear_handle_id (&self->preview_timeout_id, g_source_remove);
  if (self->preview_source != NULL)
    self->preview_timeout_id = g_timeout_add (PREVIEW_DELAY_MS, preview_timeout_cb, self);
}

static void
written_row_activated_cb (EbExportDialog *self,
                          GtkListBoxRow  *row,
                          GtkListBox     *list)
{
  const char *path = g_object_get_data (G_OBJECT (row), "eb-path");

  if (path != NULL)
    show_uri_for_path (self, path);
}

static void
scale_factor_changed_cb (EbExportDialog *self,
                         GParamSpec     *pspec,
                         gpointer        user_data)
{
  if (self->preview_source != NULL)
    request_preview (self);
}

/* ---- Actions ---- */

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  start_export (EB_EXPORT_DIALOG (widget));
}

static void
cancel_export_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  cancel_export (EB_EXPORT_DIALOG (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  show_page (EB_EXPORT_DIALOG (widget), "settings");
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  EbExportDialog *self = EB_EXPORT_DIALOG (widget);

  if (self->written_folder != NULL)
    show_uri_for_path (self, self->written_folder);
}

static void
choose_workbook_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  choose_workbook (EB_EXPORT_DIALOG (widget));
}

static void
choose_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  choose_folder (EB_EXPORT_DIALOG (widget));
}

/* ---- GObject ---- */

static gboolean
eb_export_dialog_close_request (GtkWindow *window)
{
  EbExportDialog *self = EB_EXPORT_DIALOG (window);

  /* The worker stops at its next step and removes what it was writing. */
  cancel_export (self);

  return GTK_WINDOW_CLASS (eb_export_dialog_parent_class)->close_request (window);
}

static void
eb_export_dialog_constructed (GObject *object)
{
  EbExportDialog *self = EB_EXPORT_DIALOG (object);
  g_autofree char *title = NULL;

  G_OBJECT_CLASS (eb_export_dialog_parent_class)->constructed (object);

  g_assert (self->project_path != NULL);

  title = dup_title (self);
  adw_window_title_set_subtitle (self->window_title, title);

  self->preview_source = g_atomic_rc_box_new0 (PreviewSource);
  self->preview_source->project_path = g_strdup (self->project_path);

  restore_choices (self);
  fill_group_row (self);
  update_preview_description (self);
  gtk_label_set_text (self->preview_message, _("Drawing the preview…"));
  gtk_stack_set_visible_child_name (self->preview_stack, "message");
  update_actions (self);
  request_preview (self);
}

static void
eb_export_dialog_dispose (GObject *object)
{
  EbExportDialog *self = EB_EXPORT_DIALOG (object);

  close_chooser (self);
  if (self->job != NULL)
    g_cancellable_cancel (self->job->cancellable);
  g_clear_pointer (&self->job, export_job_unref);
  g_clear_handle_id (&self->preview_timeout_id, g_source_remove);
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  g_clear_pointer (&self->preview_source, preview_source_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), EB_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->survey);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (eb_export_dialog_parent_class)->dispose (object);
}

static void
eb_export_dialog_finalize (GObject *object)
{
  EbExportDialog *self = EB_EXPORT_DIALOG (object);

  g_clear_pointer (&self->project_path, g_free);
  g_clear_pointer (&self->workbook_path, g_free);
  g_clear_pointer (&self->figures_folder, g_free);
  g_clear_pointer (&self->written, g_strfreev);
  g_clear_pointer (&self->written_folder, g_free);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->group_columns, g_array_unref);

  G_OBJECT_CLASS (eb_export_dialog_parent_class)->finalize (object);
}

static void
eb_export_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EbExportDialog *self = EB_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_PROJECT_PATH:
      g_value_set_string (value, self->project_path);
      break;

    case PROP_SURVEY:
      g_value_set_object (value, self->survey);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_export_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  EbExportDialog *self = EB_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_PROJECT_PATH:
      self->project_path = g_value_dup_string (value);
      break;

    case PROP_SURVEY:
      self->survey = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
destinations_free (gpointer data)
{
  Destinations *destinations = data;

  g_free (destinations->workbook_path);
  g_free (destinations->figures_folder);
  g_free (destinations);
}

static void
eb_export_dialog_class_init (EbExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = eb_export_dialog_constructed;
  object_class->dispose = eb_export_dialog_dispose;
  object_class->finalize = eb_export_dialog_finalize;
  object_class->get_property = eb_export_dialog_get_property;
  object_class->set_property = eb_export_dialog_set_property;
  window_class->close_request = eb_export_dialog_close_request;

  properties[PROP_PROJECT_PATH] =
    g_param_spec_string ("project-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SURVEY] =
    g_param_spec_object ("survey", NULL, NULL, EB_TYPE_SURVEY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The paths written, the workbook first. */
  signals[EXPORTED] =
    g_signal_new ("exported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRV);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/eb-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, header_bar);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, workbook_switch);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, workbook_row);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, pseudonymise_switch);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, group_row);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, figures_switch);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, folder_row);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, png_button);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, svg_button);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, pdf_button);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, dpi_row);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, preview_spinner);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, likert_clamp);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, likert_picture);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, likert_caption);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, diagram_clamp);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, diagram_picture);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, diagram_caption);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, preview_message);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, written_list);
  gtk_widget_class_bind_template_child (widget_class, EbExportDialog, error_page);
  gtk_widget_class_bind_template_callback (widget_class, output_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, width_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, written_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "export.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "export.cancel-export", NULL,
                                   cancel_export_action);
  gtk_widget_class_install_action (widget_class, "export.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "export.open-folder", NULL,
                                   open_folder_action);
  gtk_widget_class_install_action (widget_class, "export.choose-workbook", NULL,
                                   choose_workbook_action);
  gtk_widget_class_install_action (widget_class, "export.choose-folder", NULL,
                                   choose_folder_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "export.export", NULL);

  last_destinations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             destinations_free);
}

static void
eb_export_dialog_init (EbExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->preview_cancellable = g_cancellable_new ();
  self->group_columns = g_array_new (FALSE, FALSE, sizeof (guint));

  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_factor_changed_cb), NULL);
}

/* ---- Public API ---- */

GtkWidget *
eb_export_dialog_new (GtkWindow  *parent,
                      const char *project_path,
                      EbSurvey   *survey)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (project_path != NULL, NULL);
  g_return_val_if_fail (survey == NULL || EB_IS_SURVEY (survey), NULL);

  return g_object_new (EB_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "project-path", project_path,
                       "survey", survey,
                       NULL);
}

void
eb_export_dialog_set_workbook_path (EbExportDialog *self,
                                    const char     *path)
{
  g_return_if_fail (EB_IS_EXPORT_DIALOG (self));

  set_string (&self->workbook_path, g_strdup (path));
  set_row_path (self->workbook_row, path, _("No file chosen"));
  gtk_switch_set_active (self->workbook_switch, path != NULL);
  update_actions (self);
}

void
eb_export_dialog_set_figures_folder (EbExportDialog *self,
                                     const char     *folder)
{
  g_return_if_fail (EB_IS_EXPORT_DIALOG (self));

  set_string (&self->figures_folder, g_strdup (folder));
  set_row_path (self->folder_row, folder, _("No folder chosen"));
  gtk_switch_set_active (self->figures_switch, folder != NULL);
  update_actions (self);
}

void
eb_export_dialog_set_formats (EbExportDialog       *self,
                              const EbFigureFormat *formats,
                              guint                 n_formats)
{
  g_return_if_fail (EB_IS_EXPORT_DIALOG (self));
  g_return_if_fail (formats != NULL && n_formats > 0);

  for (guint i = 0; i < G_N_ELEMENTS (all_formats); i++)
    {
      gboolean active = FALSE;

      for (guint f = 0; f < n_formats && !active; f++)
        active = formats[f] == all_formats[i];
      gtk_check_button_set_active (format_button (self, i), active);
    }
  update_actions (self);
}

void
eb_export_dialog_set_group_column (EbExportDialog *self,
                                   int             column)
{
  g_return_if_fail (EB_IS_EXPORT_DIALOG (self));

  adw_combo_row_set_selected (self->group_row, 0);
  for (guint i = 0; i < self->group_columns->len; i++)
    if ((int) g_array_index (self->group_columns, guint, i) == column)
      adw_combo_row_set_selected (self->group_row, i + 1);
}

int
eb_export_dialog_get_group_column (EbExportDialog *self)
{
  g_return_val_if_fail (EB_IS_EXPORT_DIALOG (self), -1);

  return get_group_column (self);
}

void
eb_export_dialog_set_pseudonymise (EbExportDialog *self,
                                   gboolean        pseudonymise)
{
  g_return_if_fail (EB_IS_EXPORT_DIALOG (self));

  gtk_switch_set_active (self->pseudonymise_switch, pseudonymise);
}

/* ---- For tests ---- */

void
_eb_export_dialog_set_progress_hook (EbExportDialog       *self,
                                     EbExportProgressHook  hook,
                                     gpointer              user_data)
{
  g_return_if_fail (EB_IS_EXPORT_DIALOG (self));

  self->progress_hook = hook;
  self->progress_hook_data = user_data;
}

const char *
_eb_export_dialog_get_page (EbExportDialog *self)
{
  g_return_val_if_fail (EB_IS_EXPORT_DIALOG (self), NULL);

  return get_page (self);
}

const char *
_eb_export_dialog_get_error (EbExportDialog *self)
{
  g_return_val_if_fail (EB_IS_EXPORT_DIALOG (self), NULL);

  return self->error_message;
}

gboolean
_eb_export_dialog_get_previewing (EbExportDialog *self)
{
  g_return_val_if_fail (EB_IS_EXPORT_DIALOG (self), FALSE);

  return self->preview_running || self->preview_pending || self->preview_timeout_id != 0;
}

GdkPaintable *
_eb_export_dialog_get_preview (EbExportDialog *self,
                               gboolean        diagram)
{
  g_return_val_if_fail (EB_IS_EXPORT_DIALOG (self), NULL);

  return gtk_picture_get_paintable (diagram ? self->diagram_picture : self->likert_picture);
}

void
_eb_export_dialog_set_width_mm (EbExportDialog *self,
                                double          width_mm)
{
  g_return_if_fail (EB_IS_EXPORT_DIALOG (self));

  gtk_spin_button_set_value (self->width_spin, width_mm);
}
