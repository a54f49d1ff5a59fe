/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-export-dialog"

/* The Export dialog (app/eb-export-dialog.c) on the example survey with
 * its codebook and its diagram: Export stays off until every output that
 * is on has a destination; the files it writes are those of
 * eb_workbook_export and eb_export_figures (the workbook's sheets are the
 * same as the API's: one code path); the session remembers the choices; a
 * Cancel leaves no workbook, whole or partial; an unwritable destination
 * shows the error, named; the preview follows the width. */

#include "gui-test-util.h"
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gsf/gsf-infile-zip.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-stdio.h>

#include "diagram-render.h"
#include "diagram-templates.h"
#include "eb-coding-store.h"
#include "eb-diagram.h"
#include "eb-export-dialog-private.h"
#include "eb-project.h"
#include "example-codebook.h"
#include "survey-import.h"
#include "workbook-export.h"

#define TIMEOUT_S 120

static char *tmp_root;
static char *project_path;
static EbSurvey *survey;

/* ---- Helpers ---- */

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_root, name, NULL);
}

static char *
make_dir (const char *name)
{
  char *path = tmp_path (name);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);

  return path;
}

/* The example survey, its codebook with the paper's coded quotes, and its
 * Figure 1 as the diagram: a project as the window leaves it, closed. */
static void
build_project (void)
{
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                "peer-mentoring-survey.csv", NULL);
  EbImportOptions options = EB_IMPORT_OPTIONS_INIT;
  g_auto(EbErrorLocation) location = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(EbProject) project = NULL;

  survey = eb_survey_import (csv, &options, NULL, NULL, NULL, &location, &error);
  g_assert_no_error (error);
  project_path = tmp_path ("Peer mentoring.evalbench");
  project = eb_project_open (project_path, &error);
  g_assert_no_error (error);
  g_assert_true (eb_project_store_survey (project, survey, &error));
  g_assert_true (eb_example_codebook_seed_project (project, &error));
  g_assert_no_error (error);
  {
    g_autoptr(EbCodingStore) store = eb_coding_store_new (project, survey, NULL, &error);
    g_autoptr(EbDiagram) diagram = NULL;
    EbDiagramRenderOptions render;

    g_assert_no_error (error);
    diagram = eb_diagram_new (store, &error);
    g_assert_no_error (error);
    eb_diagram_render_options_init (&render);
    g_assert_true (eb_diagram_apply_template (diagram, EB_DIAGRAM_TEMPLATE_PEER_MENTORING,
                                              eb_diagram_render_measure, &render, &error));
    g_assert_no_error (error);
  }
  eb_project_close (project);
}

static gboolean
on_page (EbExportDialog *dialog,
         const char     *name)
{
  return g_strcmp0 (_eb_export_dialog_get_page (dialog), name) == 0;
}

static void
wait_while_on_page (EbExportDialog *dialog,
                    const char     *name)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC;

  while (on_page (dialog, name))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  iterate_pending ();
}

static void
wait_for_preview (EbExportDialog *dialog)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC;

  while (_eb_export_dialog_get_previewing (dialog))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  iterate_pending ();
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action_name)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
can_export (EbExportDialog *dialog)
{
  GtkWidget *button = find_button (GTK_WIDGET (dialog), "export.export");

  g_assert_nonnull (button);
  return gtk_widget_get_sensitive (button);
}

static EbExportDialog *
new_dialog (GtkWidget **parent)
{
  GtkWidget *dialog;

  /* Toplevels belong to GTK: a reference of our own sees them finalized. */
  *parent = g_object_ref (gtk_window_new ());
  dialog = g_object_ref (eb_export_dialog_new (GTK_WINDOW (*parent), project_path, survey));
  g_assert_true (EB_IS_EXPORT_DIALOG (dialog));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (*parent));
  gtk_window_present (GTK_WINDOW (*parent));
  gtk_window_present (GTK_WINDOW (dialog));
  iterate_pending ();

  return EB_EXPORT_DIALOG (dialog);
}

static void
destroy_dialog (EbExportDialog *dialog,
                GtkWidget      *parent)
{
  wait_for_preview (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
  gtk_window_destroy (GTK_WINDOW (parent));
  g_assert_finalize_object (parent);
}

static void
exported_cb (EbExportDialog  *dialog,
             char           **paths,
             char          ***out)
{
  g_assert_null (*out);
  *out = g_strdupv (paths);
}

/* Exports as the user does: Export, then the progress page until done. */
static char **
run_export (EbExportDialog *dialog)
{
  char **paths = NULL;
  gulong handler = g_signal_connect (dialog, "exported", G_CALLBACK (exported_cb), &paths);

  g_assert_true (can_export (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.export", NULL));
  g_assert_true (on_page (dialog, "progress"));
  wait_while_on_page (dialog, "progress");
  g_signal_handler_disconnect (dialog, handler);

  if (!on_page (dialog, "done"))
    g_error ("the export failed: %s", _eb_export_dialog_get_error (dialog));
  g_assert_nonnull (paths);

  return paths;
}

static char *
read_member (const char *path,
             const char *member)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = g_strsplit (member, "/", -1);
  GsfInput *input;
  GsfInfile *zip;
  GsfInput *child;
  char *contents = NULL;

  input = gsf_input_stdio_new (path, &error);
  g_assert_no_error (error);
  zip = gsf_infile_zip_new (input, &error);
  g_assert_no_error (error);
  child = gsf_infile_child_by_aname (zip, (const char **) names);
  if (child != NULL)
    {
      gsf_off_t size = gsf_input_size (child);
      const guint8 *data = gsf_input_read (child, size, NULL);

      g_assert_true (size == 0 || data != NULL);
      contents = g_strndup ((const char *) data, size);
      g_object_unref (child);
    }
  g_object_unref (zip);
  g_object_unref (input);

  return contents;
}

/* "xl/worksheets/sheet2.xml" for the second sheet of workbook.xml. */
static char *
find_sheet_member (const char *workbook_xml,
                   const char *name)
{
  g_autofree char *needle = g_strdup_printf ("<sheet name=\"%s\"", name);
  const char *found = strstr (workbook_xml, needle);
  guint index = 0;

  g_assert_nonnull (found);
  for (const char *p = workbook_xml; (p = strstr (p, "<sheet ")) != NULL && p <= found; p++)
    index++;

  return g_strdup_printf ("xl/worksheets/sheet%u.xml", index);
}

static gboolean
strv_has_suffix (char       **paths,
                 const char  *suffix)
{
  for (guint i = 0; paths[i] != NULL; i++)
    if (g_str_has_suffix (paths[i], suffix))
      return TRUE;
  return FALSE;
}

static guint
count_files (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = g_dir_open (dir, 0, &error);
  guint n = 0;

  g_assert_no_error (error);
  while (g_dir_read_name (listing) != NULL)
    n++;

  return n;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_remove (path);
}

static void
count_cb (EbExportDialog  *dialog,
          char           **paths,
          int             *count)
{
  (*count)++;
}

/* ---- Tests ---- */

/* Export is on only when every output that is on has a destination (and
 * the figures a format); the first time, both outputs are on. */
static void
test_destinations (void)
{
  GtkWidget *parent;
  EbExportDialog *dialog = new_dialog (&parent);
  g_autofree char *out = make_dir ("destinations");
  g_autofree char *workbook = g_build_filename (out, "report.xlsx", NULL);
  EbFigureFormat svg = EB_FIGURE_FORMAT_SVG;

  g_assert_true (on_page (dialog, "settings"));
  g_assert_false (can_export (dialog));

  eb_export_dialog_set_workbook_path (dialog, workbook);
  g_assert_false (can_export (dialog));          /* the figures have no folder */
  eb_export_dialog_set_figures_folder (dialog, out);
  g_assert_true (can_export (dialog));
  eb_export_dialog_set_workbook_path (dialog, NULL);
  g_assert_true (can_export (dialog));           /* figures alone */
  eb_export_dialog_set_figures_folder (dialog, NULL);
  g_assert_false (can_export (dialog));          /* nothing at all */
  eb_export_dialog_set_figures_folder (dialog, out);
  eb_export_dialog_set_formats (dialog, &svg, 1);
  g_assert_true (can_export (dialog));

  /* Nothing was exported, so nothing is remembered. */
  destroy_dialog (dialog, parent);
  dialog = new_dialog (&parent);
  g_assert_false (can_export (dialog));
  g_assert_cmpuint (count_files (out), ==, 0);
  destroy_dialog (dialog, parent);
}

static char *first_workbook;

/* The workbook and the figures, as `evalbench export` writes them. */
static void
test_export (void)
{
  GtkWidget *parent;
  EbExportDialog *dialog = new_dialog (&parent);
  g_autofree char *out = make_dir ("export");
  g_autofree char *figures = g_build_filename (out, "figures", NULL);
  g_autofree char *api_workbook = g_build_filename (out, "api.xlsx", NULL);
  const EbFigureFormat formats[] = { EB_FIGURE_FORMAT_PNG, EB_FIGURE_FORMAT_PDF };
  g_auto(GStrv) paths = NULL;
  g_autofree char *workbook_xml = NULL;
  g_autoptr(GError) error = NULL;

  first_workbook = g_build_filename (out, "Peer mentoring.xlsx", NULL);
  eb_export_dialog_set_workbook_path (dialog, first_workbook);
  eb_export_dialog_set_figures_folder (dialog, figures);
  eb_export_dialog_set_formats (dialog, formats, G_N_ELEMENTS (formats));

  paths = run_export (dialog);

  /* The workbook first, then every figure in each format chosen. */
  g_assert_cmpuint (g_strv_length (paths), ==, 5);
  g_assert_cmpstr (paths[0], ==, first_workbook);
  g_assert_true (strv_has_suffix (paths, "/figures/likert.png"));
  g_assert_true (strv_has_suffix (paths, "/figures/likert.pdf"));
  g_assert_true (strv_has_suffix (paths, "/figures/diagram.png"));
  g_assert_true (strv_has_suffix (paths, "/figures/diagram.pdf"));
  g_assert_false (strv_has_suffix (paths, ".svg"));
  for (guint i = 0; paths[i] != NULL; i++)
    g_assert_true (g_file_test (paths[i], G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_files (figures), ==, 4);
  g_assert_cmpuint (count_files (out), ==, 2);   /* the workbook and figures/, nothing partial */

  /* A workbook, and the very one the API writes for the same choices. */
  workbook_xml = read_member (first_workbook, "xl/workbook.xml");
  g_assert_nonnull (workbook_xml);
  {
    g_autoptr(EbProject) project = eb_project_open_readonly (project_path, &error);
    EbWorkbookOptions options;

    g_assert_no_error (error);
    eb_workbook_options_init (&options);
    g_assert_true (eb_workbook_export (project, NULL, api_workbook, &options, NULL, NULL, NULL,
                                       &error));
    g_assert_no_error (error);
  }
  {
    g_autofree char *api_workbook_xml = read_member (api_workbook, "xl/workbook.xml");
    g_autofree char *likert = find_sheet_member (workbook_xml, "Likert summary");
    g_autofree char *ours = read_member (first_workbook, likert);
    g_autofree char *theirs = read_member (api_workbook, likert);
    guint n_sheets = 0;

    g_assert_cmpstr (workbook_xml, ==, api_workbook_xml);
    g_assert_nonnull (ours);
    g_assert_true (strstr (ours, "<sheetData") != NULL);
    g_assert_cmpstr (ours, ==, theirs);

    /* And every other sheet too. */
    for (const char *p = workbook_xml; (p = strstr (p, "<sheet ")) != NULL; p++)
      {
        g_autofree char *member = g_strdup_printf ("xl/worksheets/sheet%u.xml", ++n_sheets);
        g_autofree char *a = read_member (first_workbook, member);
        g_autofree char *b = read_member (api_workbook, member);

        g_assert_nonnull (a);
        g_assert_cmpstr (a, ==, b);
      }
    g_assert_cmpuint (n_sheets, >=, 8);
  }

  /* The done page can show the folder. */
  g_assert_true (find_button (GTK_WIDGET (dialog), "export.open-folder") != NULL);
  g_assert_true (gtk_widget_get_sensitive (find_button (GTK_WIDGET (dialog),
                                                        "export.open-folder")));

  destroy_dialog (dialog, parent);
}

/* Grouped as the Likert page is: the workbook's Likert summary is the one
 * the API writes grouped by the same column, with its comparison. */
static void
test_grouped_export (void)
{
  GtkWidget *parent;
  EbExportDialog *dialog = new_dialog (&parent);
  g_autofree char *out = make_dir ("grouped");
  g_autofree char *workbook = g_build_filename (out, "grouped.xlsx", NULL);
  g_autofree char *api_workbook = g_build_filename (out, "api.xlsx", NULL);
  int programme = eb_survey_find_column (survey, "Programme");
  g_auto(GStrv) paths = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (programme, >=, 0);
  /* Not an attribute: not offered. */
  eb_export_dialog_set_group_column (dialog, eb_survey_find_column (survey, "Participant"));
  g_assert_cmpint (eb_export_dialog_get_group_column (dialog), ==, -1);
  eb_export_dialog_set_group_column (dialog, programme);
  g_assert_cmpint (eb_export_dialog_get_group_column (dialog), ==, programme);

  eb_export_dialog_set_workbook_path (dialog, workbook);
  eb_export_dialog_set_figures_folder (dialog, NULL);
  paths = run_export (dialog);
  g_assert_cmpstr (paths[0], ==, workbook);
  {
    g_autoptr(EbProject) project = eb_project_open_readonly (project_path, &error);
    EbWorkbookOptions options;

    g_assert_no_error (error);
    eb_workbook_options_init (&options);
    options.group_column = programme;
    g_assert_true (eb_workbook_export (project, NULL, api_workbook, &options, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  {
    g_autofree char *workbook_xml = read_member (workbook, "xl/workbook.xml");
    g_autofree char *likert = find_sheet_member (workbook_xml, "Likert summary");
    g_autofree char *ours = read_member (workbook, likert);
    g_autofree char *theirs = read_member (api_workbook, likert);
    g_autofree char *strings = read_member (workbook, "xl/sharedStrings.xml");

    g_assert_cmpstr (ours, ==, theirs);
    g_assert_nonnull (strings);
    g_assert_nonnull (strstr (strings, "Comparison: Programme"));
  }

  destroy_dialog (dialog, parent);
}

/* A second Export of the session offers the same again. */
static void
test_remembered (void)
{
  GtkWidget *parent;
  EbExportDialog *dialog = new_dialog (&parent);
  g_auto(GStrv) paths = NULL;

  g_assert_true (can_export (dialog));
  paths = run_export (dialog);
  g_assert_cmpuint (g_strv_length (paths), ==, 5);
  g_assert_cmpstr (paths[0], ==, first_workbook);
  g_assert_true (strv_has_suffix (paths, "/figures/diagram.pdf"));

  destroy_dialog (dialog, parent);
}

typedef struct
{
  GMutex lock;
  GCond  cond;
  int    reached;
  int    released;
} Gate;

/* Holds the worker at its first report of progress until released. */
static void
gate_progress_cb (double   fraction,
                  gpointer user_data)
{
  Gate *gate = user_data;

  g_mutex_lock (&gate->lock);
  if (!gate->reached)
    {
      gate->reached = TRUE;
      g_cond_broadcast (&gate->cond);
      while (!gate->released)
        g_cond_wait (&gate->cond, &gate->lock);
    }
  g_mutex_unlock (&gate->lock);
}

/* Cancel at the first progress: the workbook is not there, whole or in
 * part, and the settings are back. */
static void
test_cancel (void)
{
  GtkWidget *parent;
  EbExportDialog *dialog = new_dialog (&parent);
  g_autofree char *out = make_dir ("cancel");
  g_autofree char *workbook = g_build_filename (out, "cancelled.xlsx", NULL);
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC;
  Gate gate = { 0 };
  GtkWidget *stop;
  gboolean reached = FALSE;
  int exported = 0;

  g_mutex_init (&gate.lock);
  g_cond_init (&gate.cond);
  eb_export_dialog_set_workbook_path (dialog, workbook);
  eb_export_dialog_set_figures_folder (dialog, NULL);
  _eb_export_dialog_set_progress_hook (dialog, gate_progress_cb, &gate);
  g_signal_connect (dialog, "exported", G_CALLBACK (count_cb), &exported);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.export", NULL));
  while (!reached)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_mutex_lock (&gate.lock);
      reached = gate.reached;
      g_mutex_unlock (&gate.lock);
    }
  g_assert_true (on_page (dialog, "progress"));

  /* The progress page's own Cancel button. */
  stop = find_button (GTK_WIDGET (dialog), "export.cancel-export");
  g_assert_nonnull (stop);
  g_assert_true (gtk_widget_get_sensitive (stop));
  g_signal_emit_by_name (stop, "clicked");
  g_assert_false (gtk_widget_get_sensitive (stop));

  g_mutex_lock (&gate.lock);
  gate.released = TRUE;
  g_cond_broadcast (&gate.cond);
  g_mutex_unlock (&gate.lock);

  wait_while_on_page (dialog, "progress");
  g_assert_true (on_page (dialog, "settings"));
  g_assert_cmpint (exported, ==, 0);
  g_assert_false (g_file_test (workbook, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (out), ==, 0);
  g_assert_true (can_export (dialog));

  destroy_dialog (dialog, parent);
  g_mutex_clear (&gate.lock);
  g_cond_clear (&gate.cond);
}

/* Closing the dialog while it exports stops the export: the dialog goes
 * at once, the worker removes its partial workbook when it next looks. */
static void
test_close_while_exporting (void)
{
  GtkWidget *parent;
  EbExportDialog *dialog = new_dialog (&parent);
  g_autofree char *out = make_dir ("close");
  g_autofree char *workbook = g_build_filename (out, "closed.xlsx", NULL);
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC;
  Gate gate = { 0 };
  gboolean reached = FALSE;

  g_mutex_init (&gate.lock);
  g_cond_init (&gate.cond);
  eb_export_dialog_set_workbook_path (dialog, workbook);
  eb_export_dialog_set_figures_folder (dialog, NULL);
  _eb_export_dialog_set_progress_hook (dialog, gate_progress_cb, &gate);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.export", NULL));
  while (!reached)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_mutex_lock (&gate.lock);
      reached = gate.reached;
      g_mutex_unlock (&gate.lock);
    }
  /* The partial workbook exists while the worker waits. */
  g_assert_cmpuint (count_files (out), ==, 1);

  wait_for_preview (dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  g_assert_finalize_object (dialog);

  g_mutex_lock (&gate.lock);
  gate.released = TRUE;
  g_cond_broadcast (&gate.cond);
  g_mutex_unlock (&gate.lock);

  while (count_files (out) > 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_false (g_file_test (workbook, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (parent));
  g_assert_finalize_object (parent);
  g_mutex_clear (&gate.lock);
  g_cond_clear (&gate.cond);
}

/* A workbook that cannot be written: its name in the message, and Back. */
static void
test_error (void)
{
  GtkWidget *parent;
  EbExportDialog *dialog = new_dialog (&parent);
  g_autofree char *workbook = tmp_path ("no such folder/report.xlsx");

  eb_export_dialog_set_workbook_path (dialog, workbook);
  eb_export_dialog_set_figures_folder (dialog, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.export", NULL));
  wait_while_on_page (dialog, "progress");

  g_assert_true (on_page (dialog, "error"));
  g_assert_nonnull (_eb_export_dialog_get_error (dialog));
  g_assert_nonnull (strstr (_eb_export_dialog_get_error (dialog), workbook));
  g_assert_false (g_file_test (workbook, G_FILE_TEST_EXISTS));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.back", NULL));
  g_assert_true (on_page (dialog, "settings"));
  g_assert_true (can_export (dialog));

  destroy_dialog (dialog, parent);
}

/* The Likert chart and the diagram as exported, drawn again when the
 * width changes: at half the width the chart is relatively taller. */
static void
test_preview (void)
{
  GtkWidget *parent;
  EbExportDialog *dialog = new_dialog (&parent);
  GdkPaintable *likert;
  GdkPaintable *diagram;
  double wide, narrow;

  _eb_export_dialog_set_width_mm (dialog, 160);
  wait_for_preview (dialog);
  likert = _eb_export_dialog_get_preview (dialog, FALSE);
  diagram = _eb_export_dialog_get_preview (dialog, TRUE);
  g_assert_true (GDK_IS_TEXTURE (likert));
  g_assert_true (GDK_IS_TEXTURE (diagram));
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (likert), >=, 400);
  wide = gdk_paintable_get_intrinsic_aspect_ratio (likert);

  _eb_export_dialog_set_width_mm (dialog, 80);
  g_assert_true (_eb_export_dialog_get_previewing (dialog));
  wait_for_preview (dialog);
  likert = _eb_export_dialog_get_preview (dialog, FALSE);
  g_assert_true (GDK_IS_TEXTURE (likert));
  narrow = gdk_paintable_get_intrinsic_aspect_ratio (likert);
  g_assert_cmpfloat (narrow, <, wide);

  destroy_dialog (dialog, parent);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  tmp_root = g_dir_make_tmp ("evalbench-test-export-dialog-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autofree char *data = g_build_filename (tmp_root, "xdg-data", NULL);
    g_autofree char *config = g_build_filename (tmp_root, "xdg-config", NULL);
    g_autofree char *cache = g_build_filename (tmp_root, "xdg-cache", NULL);

    g_setenv ("XDG_DATA_HOME", data, TRUE);
    g_setenv ("XDG_CONFIG_HOME", config, TRUE);
    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  }
  /* The About sheet's export date, so that two exports compare equal. */
  g_setenv ("SOURCE_DATE_EPOCH", "1700000000", TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  build_project ();

  /* In this order: the session remembers what the earlier ones chose. */
  g_test_add_func ("/export-dialog/destinations", test_destinations);
  g_test_add_func ("/export-dialog/export", test_export);
  g_test_add_func ("/export-dialog/remembered", test_remembered);
  /* After "remembered", which expects the choices of "export". */
  g_test_add_func ("/export-dialog/grouped", test_grouped_export);
  g_test_add_func ("/export-dialog/cancel", test_cancel);
  g_test_add_func ("/export-dialog/close-while-exporting", test_close_while_exporting);
  g_test_add_func ("/export-dialog/error", test_error);
  g_test_add_func ("/export-dialog/preview", test_preview);

  status = g_test_run ();

  g_clear_object (&survey);
  g_clear_pointer (&project_path, g_free);
  g_clear_pointer (&first_workbook, g_free);
  remove_tree (tmp_root);
  g_free (tmp_root);

  return status;
}
