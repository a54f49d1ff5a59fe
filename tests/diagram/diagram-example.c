/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "diagram-example"

#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "diagram-render.h"
#include "diagram-templates.h"
#include "example-codebook.h"
#include "survey-import.h"

/* Renders the Figure 1 template from the example project, for looking at
 * the renderer and for the documentation image:
 *
 *   diagram-example data/examples/peer-mentoring-survey.csv docs/diagram-example \
 *     --dpi 150 --png --pdf
 *
 * imports the survey into a temporary project, seeds the paper's
 * codebook, starts the diagram from the template (laid out
 * automatically), and writes docs/diagram-example.png and .pdf. */

static char *template_name;
static char *direction_name;
static double width_mm = EB_FIGURE_DEFAULT_WIDTH_MM;
static double dpi = EB_FIGURE_DEFAULT_DPI;
static gboolean count_borders, png, pdf, svg;

static const GOptionEntry entries[] = {
  { "template", 't', 0, G_OPTION_ARG_STRING, &template_name,
    "peer-mentoring (default) or logic-model", "NAME" },
  { "direction", 0, 0, G_OPTION_ARG_STRING, &direction_name,
    "LR or TB (default: the template's)", "DIR" },
  { "count-borders", 0, 0, G_OPTION_ARG_NONE, &count_borders,
    "Border width by number of quotes", NULL },
  { "width-mm", 'w', 0, G_OPTION_ARG_DOUBLE, &width_mm, "Width in mm (160)", "MM" },
  { "dpi", 'd', 0, G_OPTION_ARG_DOUBLE, &dpi, "PNG resolution (300)", "DPI" },
  { "png", 0, 0, G_OPTION_ARG_NONE, &png, "Write PREFIX.png", NULL },
  { "pdf", 0, 0, G_OPTION_ARG_NONE, &pdf, "Write PREFIX.pdf", NULL },
  { "svg", 0, 0, G_OPTION_ARG_NONE, &svg, "Write PREFIX.svg", NULL },
  { NULL }
};

static gboolean
write_format (EbDiagramDrawing  *drawing,
              const char        *prefix,
              EbFigureFormat     format,
              GError           **error)
{
  g_autofree char *path = g_strconcat (prefix, ".", eb_figure_format_to_string (format), NULL);

  if (!eb_diagram_drawing_export (drawing, format, width_mm, dpi, path, NULL, error))
    return FALSE;
  g_print ("%s\n", path);
  return TRUE;
}

static gboolean
render (const char  *survey_path,
        const char  *project_path,
        const char  *prefix,
        GError     **error)
{
  g_autoptr(EbSurvey) survey = NULL;
  g_autoptr(EbSurvey) stored = NULL;
  g_autoptr(EbProject) project = NULL;
  g_autoptr(EbCodingStore) store = NULL;
  g_autoptr(EbDiagram) diagram = NULL;
  g_autoptr(EbDiagramDrawing) drawing = NULL;
  EbImportOptions import_options = EB_IMPORT_OPTIONS_INIT;
  EbDiagramTemplate template = EB_DIAGRAM_TEMPLATE_PEER_MENTORING;
  EbDiagramDirection direction;
  EbDiagramRenderOptions options;

  if (template_name != NULL && !eb_diagram_template_from_string (template_name, &template))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "Unknown template “%s”", template_name);
      return FALSE;
    }
  eb_diagram_render_options_init (&options);
  options.count_borders = count_borders;

  if ((survey = eb_survey_import (survey_path, &import_options, NULL, NULL, NULL, NULL,
                                  error)) == NULL ||
      (project = eb_project_open (project_path, error)) == NULL ||
      !eb_project_store_survey (project, survey, error) ||
      !eb_example_codebook_seed_project (project, error) ||
      (stored = eb_project_load_survey (project, error)) == NULL ||
      (store = eb_coding_store_new (project, stored, NULL, error)) == NULL ||
      (diagram = eb_diagram_new (store, error)) == NULL ||
      !eb_diagram_apply_template (diagram, template, eb_diagram_render_measure, &options,
                                  error))
    return FALSE;
  if (direction_name != NULL)
    {
      if (!eb_diagram_direction_from_string (direction_name, &direction))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "Unknown direction “%s”", direction_name);
          return FALSE;
        }
      if (!eb_diagram_set_direction (diagram, direction, error) ||
          !eb_diagram_arrange (diagram, eb_diagram_render_measure, &options, error))
        return FALSE;
    }

  drawing = eb_diagram_drawing_new (diagram, &options, NULL);
  if (!png && !pdf && !svg)
    png = TRUE;
  return (!png || write_format (drawing, prefix, EB_FIGURE_FORMAT_PNG, error))
         && (!pdf || write_format (drawing, prefix, EB_FIGURE_FORMAT_PDF, error))
         && (!svg || write_format (drawing, prefix, EB_FIGURE_FORMAT_SVG, error));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("SURVEY PREFIX");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *project_path = NULL;
  gboolean ok;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 3)
    {
      g_printerr ("%s\n", error != NULL ? error->message
                                        : "Usage: diagram-example SURVEY PREFIX");
      return 1;
    }
  if ((dir = g_dir_make_tmp ("evalbench-diagram-XXXXXX", &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  project_path = g_build_filename (dir, "example.evalbench", NULL);
  ok = render (argv[1], project_path, argv[2], &error);
  g_unlink (project_path);
  g_rmdir (dir);
  if (!ok)
    {
      g_printerr ("%s\n", error->message);
      return 3;
    }
  return EXIT_SUCCESS;
}
